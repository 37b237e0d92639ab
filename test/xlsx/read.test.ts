/**
 * Reading workbooks as the common producers write them: namespace prefixes (.NET Open XML
 * SDK), absolute part targets (openpyxl/pandas), rows and cells without `r`, shared, rich
 * and inline strings, booleans, errors, formula results and ISO dates; and telling the user
 * clearly when a file is not a workbook at all.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { RoleMapError } from '../../src/core/messages';
import { readWorkbook, refreshFile, snapshots } from '../../src/xlsx/index';
import { parseCellRef } from '../../src/xlsx/read';
import { FIXTURES, partText, parts, validate } from './helpers';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** A workbook as an SDK-style producer writes it: x: prefixes and absolute targets. */
function prefixedWorkbook(sheetData: string, extra = ''): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/><Override PartName="/xl/tables/table1.xml" ContentType="${CT}.table+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="${PKG}"><Relationship Type="${R}/officeDocument" Target="/xl/workbook.xml" Id="R1"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `\uFEFF<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:x="${MAIN}" xmlns:rel="${R}"><x:sheets><x:sheet name="Initiatives" sheetId="7" rel:id="R9"/></x:sheets></x:workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="${PKG}"><Relationship Type="${R}/worksheet" Target="/xl/worksheets/sheet1.xml" Id="R9"/><Relationship Type="${R}/sharedStrings" Target="/xl/sharedStrings.xml" Id="R10"/></Relationships>`,
    ),
    'xl/sharedStrings.xml': strToU8(
      `<?xml version="1.0" encoding="utf-8"?><x:sst xmlns:x="${MAIN}" count="6" uniqueCount="6"><x:si><x:t>Initiative</x:t></x:si><x:si><x:t>Led By</x:t></x:si><x:si><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">Smart </x:t></x:r><x:r><x:t>lighting</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ignored</x:t></x:rPh></x:si><x:si><x:t>IT</x:t></x:si><x:si><x:t>Stage</x:t></x:si><x:si><x:t>Line_x000A_break &amp; more</x:t></x:si></x:sst>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="${MAIN}" xmlns:rel="${R}"><x:sheetData>${sheetData}</x:sheetData>${extra}<x:tableParts count="1"><x:tablePart rel:id="T1"/></x:tableParts></x:worksheet>`,
    ),
    'xl/worksheets/_rels/sheet1.xml.rels': strToU8(
      `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="${PKG}"><Relationship Type="${R}/table" Target="/xl/tables/table1.xml" Id="T1"/></Relationships>`,
    ),
    'xl/tables/table1.xml': strToU8(
      `<?xml version="1.0" encoding="utf-8"?><x:table xmlns:x="${MAIN}" id="1" name="Table1" displayName="Initiatives_Table" ref="A1:C4" totalsRowCount="1"><x:autoFilter ref="A1:C3"/><x:tableColumns count="3"><x:tableColumn id="1" name="Initiative"/><x:tableColumn id="2" name="Led By"/><x:tableColumn id="3" name="Stage"/></x:tableColumns></x:table>`,
    ),
  });
}

// Rows and cells without r, every value type.
const SHEET_DATA =
  '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>4</x:v></x:c></x:row>' +
  '<x:row><x:c t="s"><x:v>2</x:v></x:c><x:c t="s"><x:v>3</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>Pi</x:t></x:r><x:r><x:t>lot</x:t></x:r></x:is></x:c><x:c r="F2" t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>' +
  '<x:row r="3"><x:c r="A3" t="str"><x:f>"=cmd"&amp;""</x:f><x:v>=cmd</x:v></x:c><x:c r="B3" t="s"><x:v>5</x:v></x:c><x:c r="C3"><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c r="D3" t="d"><x:v>2024-01-02T12:00:00</x:v></x:c><x:c r="E3" s="3"/></x:row>';

describe('reading cells', () => {
  it('reads an end tag written with white space before its ">" ("</sheetData >")', () => {
    const xml = prefixedWorkbook(SHEET_DATA);
    const entries = unzipSync(xml);
    const part = 'xl/worksheets/sheet1.xml';
    const text = strFromU8(entries[part]!);
    expect(text).toContain('</x:sheetData>');
    entries[part] = strToU8(text.replace('</x:sheetData>', '</x:sheetData \n>'));
    const spaced = readWorkbook(zipSync(entries), 'sdk.xlsx');
    expect(snapshots(spaced)).toEqual(snapshots(readWorkbook(xml, 'sdk.xlsx')));
  });

  it('parses cell references, with or without $', () => {
    expect(parseCellRef('A1')).toEqual({ row: 0, col: 0 });
    expect(parseCellRef('$AB$12')).toEqual({ row: 11, col: 27 });
    expect(parseCellRef('XFD1048576')).toEqual({ row: 1048575, col: 16383 });
    expect(parseCellRef('12')).toBeNull();
  });

  it('reads prefixed parts, absolute targets, rows and cells without r, every value type', () => {
    const file = readWorkbook(prefixedWorkbook(SHEET_DATA), 'sdk.xlsx');
    const [sheet] = snapshots(file);
    expect(sheet!.name).toBe('Initiatives');
    expect(sheet!.origin).toEqual({ row: 0, col: 0 });
    expect(sheet!.values).toEqual([
      ['Initiative', 'Led By', 'Stage', null, null, null, null],
      ['Smart lighting', 'IT', 'Pilot', null, null, true, { kind: 'error', code: '#N/A' }],
      ['=cmd', 'Line\nbreak & more', 2, 45293.5, null, null, null],
    ]);
    expect(sheet!.tables).toEqual([
      {
        name: 'Initiatives_Table',
        range: { row: 0, col: 0, rowCount: 4, colCount: 3 },
        columns: ['Initiative', 'Led By', 'Stage'],
        hasTotalsRow: true,
      },
    ]);
    expect(sheet!).toMatchObject({
      hasFrozenPanes: false,
      hasAutoFilter: false,
      isProtected: false,
    });
  });

  it('reads a worksheet part encoded as UTF-16 and writes it back in UTF-16, as declared', async () => {
    const simple =
      '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>4</x:v></x:c></x:row>' +
      '<x:row><x:c t="s"><x:v>2</x:v></x:c><x:c t="s"><x:v>3</x:v></x:c><x:c t="inlineStr"><x:is><x:t>Pilot</x:t></x:is></x:c></x:row>';
    const file = readWorkbook(prefixedWorkbook(simple), 'u16.xlsx');
    const utf8 = file.pkg.requireText('xl/worksheets/sheet1.xml').replace('utf-8', 'UTF-16');
    const entries = parts(file.pkg.toBytes());
    entries.set(
      'xl/worksheets/sheet1.xml',
      new Uint8Array(Buffer.from(`\uFEFF${utf8}`, 'utf16le')),
    );
    const input = zipSync(Object.fromEntries(entries));
    const again = readWorkbook(input, 'u16.xlsx');
    expect(snapshots(again)[0]!.values[1]![0]).toBe('Smart lighting');
    const refreshed = (await refreshFile(input, 'u16.xlsx', { history: false }, new Date())).bytes;
    const out = parts(refreshed).get('xl/worksheets/sheet1.xml')!;
    expect([out[0], out[1]]).toEqual([0xff, 0xfe]);
    const text = new TextDecoder('utf-16le').decode(out.subarray(2));
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-16"\?>/);
    // The output header is text held in the shared-string table, referred to by index.
    expect(text).toMatch(/<x:c r="D1" s="\d+" t="s"><x:v>\d+<\/x:v><\/x:c>/);
    expect(snapshots(readWorkbook(refreshed, 'u16.xlsx'))[0]!.values[0]).toContain('I&O Role');
  });

  it('reports frozen panes, a worksheet auto-filter and protection', () => {
    const views =
      '<x:sheetViews><x:sheetView workbookViewId="0"><x:pane ySplit="1" topLeftCell="A2" state="frozen"/></x:sheetView></x:sheetViews>';
    const bytes = prefixedWorkbook(
      SHEET_DATA,
      '<x:sheetProtection sheet="1" objects="1"/><x:autoFilter ref="A1:C3"/>',
    );
    // Put the views before sheetData, where the schema wants them.
    const file = readWorkbook(bytes, 'p.xlsx');
    const xml = file.pkg
      .requireText('xl/worksheets/sheet1.xml')
      .replace('<x:sheetData>', `${views}<x:sheetData>`);
    file.pkg.write('xl/worksheets/sheet1.xml', xml);
    expect(snapshots(file)[0]).toMatchObject({
      hasFrozenPanes: true,
      hasAutoFilter: true,
      isProtected: true,
    });
  });

  it('refreshes an SDK-style workbook: rows gain r where rows are inserted, output is valid', async () => {
    const data =
      '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>4</x:v></x:c><x:c t="inlineStr"><x:is><x:t>I&amp;O Pilot</x:t></x:is></x:c></x:row>' +
      '<x:row><x:c t="s"><x:v>2</x:v></x:c><x:c t="s"><x:v>3</x:v></x:c><x:c t="inlineStr"><x:is><x:t>Pilot</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Leads</x:t></x:is></x:c></x:row>' +
      '<x:row><x:c t="inlineStr"><x:is><x:t>Badge readers</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Facilities</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Idea</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>None</x:t></x:is></x:c></x:row>';
    const bytes = prefixedWorkbook(data).slice();
    // No table here: drop the tablePart so the plan writes plain columns.
    const file = readWorkbook(bytes, 'sdk.xlsx');
    const xml = file.pkg
      .requireText('xl/worksheets/sheet1.xml')
      .replace(/<x:tableParts.*<\/x:tableParts>/, '');
    file.pkg.write('xl/worksheets/sheet1.xml', xml);
    const input = file.pkg.toBytes();
    const out = await refreshFile(
      input,
      'sdk.xlsx',
      { history: true },
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(out.outcome.rows.map((r) => r.role)).toEqual(['Driver', 'Bystander']);
    const sheet = partText(out.bytes, 'xl/worksheets/sheet1.xml');
    expect(sheet).toContain('<x:row r="1">');
    expect(sheet).toContain('<x:c r="E1" s="');
    expect(sheet).toContain('<x:autoFilter ref="A1:J3"/>');
    const again = readWorkbook(out.bytes, 'sdk.roles.xlsx');
    const snap = snapshots(again).find((s) => s.name === 'Initiatives')!;
    expect(snap.values[1]!.slice(0, 5)).toEqual([
      'Smart lighting',
      'IT',
      'Pilot',
      'Leads',
      'Driver',
    ]);
    expect(again.sheets.map((s) => s.name)).toEqual([
      'Initiatives',
      'IoT Role Summary',
      'IoT Role History',
      'IoT Role Changes',
      'IoT Role Snapshot',
    ]);
    // The header and one refresh's row.
    expect(snapshots(again).find((s) => s.name === 'IoT Role History')!.values).toHaveLength(2);
    const v = validate(out.bytes);
    if (v) expect(v.output).toMatch(/ 0 invalid/);
  });
});

describe('files that are not workbooks', () => {
  const code = (bytes: Uint8Array): string => {
    try {
      readWorkbook(bytes, 'f.xlsx');
      return 'ok';
    } catch (err) {
      return err instanceof RoleMapError ? err.code : String(err);
    }
  };
  it.each([
    ['a CSV renamed to .xlsx', 'error-csv-renamed.xlsx', 'not-xlsx'],
    ['an Excel 97-2003 .xls saved by LibreOffice', 'error-legacy.xls', 'not-xlsx'],
    ['a password-protected (encrypted) workbook', 'error-encrypted.xlsx', 'encrypted'],
  ])('%s → %s', (_what, name, expected) => {
    expect(code(new Uint8Array(readFileSync(join(FIXTURES, name))))).toBe(expected);
  });

  it('a truncated workbook is damaged', () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'lo-planning.xlsx')));
    expect(code(bytes.slice(0, bytes.length - 100))).toBe('damaged');
  });

  it('a ZIP that is not a spreadsheet (e.g. a .docx) is not an .xlsx', () => {
    const docx = zipSync({
      '[Content_Types].xml': strToU8(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      '_rels/.rels': strToU8(
        `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${R}/officeDocument" Target="word/document.xml"/></Relationships>`,
      ),
      'word/document.xml': strToU8('<w:document xmlns:w="x"/>'),
    });
    expect(code(docx)).toBe('not-xlsx');
    expect(code(new Uint8Array([1, 2, 3]))).toBe('not-xlsx');
  });
});
