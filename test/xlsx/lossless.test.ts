/**
 * The file must come back whole: workbooks saved by real Excel (../shared/excel-samples) and
 * by LibreOffice are refreshed, and every part the refresh does not own is byte-identical;
 * in the parts it must touch, everything that is not ours is still there.
 */

import { OUTPUT_SHEETS } from '../../src/core/domain';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { generateSampleInventory } from '../../src/cli/sample';
import { refreshFile } from '../../src/xlsx/index';
import { addSheet, EXCEL_SAMPLES, FIXTURES, partText, parts, validate } from './helpers';

const NOW = new Date('2026-03-02T09:30:00Z');
const TOUCHED = [
  '[Content_Types].xml',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/styles.xml',
  'xl/sharedStrings.xml',
];
/** Parts a refresh may create: the summary/history sheets, their rels, drawing and chart. */
const OURS =
  /^xl\/(sharedStrings\.xml|worksheets\/(_rels\/)?sheet\d+\.xml(\.rels)?|drawings\/(_rels\/)?drawing\d+\.xml(\.rels)?|charts\/chart\d+\.xml)$/;

const same = (a: Uint8Array, b: Uint8Array | undefined): boolean =>
  b !== undefined && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** Removes every element matching `re` (our additions) from a part's text. */
const without = (xml: string, re: RegExp): string => xml.replace(re, '');

/** Inner text of the first element with this name (for prefix checks of style lists). */
function inner(xml: string, name: string): string {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml);
  return m ? m[1]! : '';
}

/** Checks the lossless promise between an input package and the refreshed one. */
function expectLossless(input: Uint8Array, output: Uint8Array, inventoryParts: string[]): void {
  const a = parts(input);
  const b = parts(output);
  const changed: string[] = [];
  for (const [name, bytes] of a) if (!same(bytes, b.get(name))) changed.push(name);
  const text = (m: Map<string, Uint8Array>, n: string) => new TextDecoder().decode(m.get(n));
  // Only the parts a refresh must touch may differ, and one view attribute of the sheet that was
  // selected: the refreshed file opens on the summary (SPEC §4), and a sheet left selected beside
  // it would open grouped with it, where typing edits both (ECMA-376 Part 1, 18.3.1.87,
  // tabSelected). Nothing else in that sheet's part may change.
  const others = changed.filter((n) => !TOUCHED.includes(n) && !inventoryParts.includes(n));
  for (const n of others) {
    expect(text(b, n)).toBe(text(a, n).replace(/\s+tabSelected="(?:1|true)"/, ''));
  }
  // New parts are only ours.
  const added = [...b.keys()].filter((n) => !a.has(n));
  expect(added.filter((n) => !OURS.test(n))).toEqual([]);
  // Touched parts keep everything that is not ours.
  expect(
    without(
      text(b, '[Content_Types].xml'),
      /<Override PartName="\/xl\/((worksheets\/sheet|drawings\/drawing|charts\/chart)\d+|sharedStrings)\.xml" ContentType="[^"]+"\/>/g,
    ),
  ).toBe(
    without(
      text(a, '[Content_Types].xml'),
      /<Override PartName="\/xl\/((worksheets\/sheet|drawings\/drawing|charts\/chart)\d+|sharedStrings)\.xml" ContentType="[^"]+"\/>/g,
    ),
  );
  // The sheets the add-in owns (summary, history, change log, and the snapshot, created hidden).
  const ourSheets =
    /<sheet name="IoT Role (?:(?:Summary|History|Changes)" sheetId="\d+"|Snapshot" sheetId="\d+" state="hidden") r:id="rId\d+"\/>/g;
  const filterDb =
    /<definedName name="_xlnm._FilterDatabase" localSheetId="\d+" hidden="1">[^<]*<\/definedName>/g;
  // Print area and titles of our printed sheets (sheet-scoped names we own).
  const ourPrintNames =
    /<definedName name="_xlnm\.Print_(?:Area|Titles)" localSheetId="\d+">'IoT Role (?:Summary|History|Changes)'![^<]*<\/definedName>/g;
  // The first view's active tab (and first visible tab) name the summary: the file opens on it.
  const openOn = / (?:activeTab|firstSheet)="\d+"/g;
  expect(
    without(
      without(without(without(text(b, 'xl/workbook.xml'), ourSheets), filterDb), ourPrintNames),
      openOn,
    ).replace('<definedNames></definedNames>', ''),
  ).toBe(without(without(text(a, 'xl/workbook.xml'), filterDb), openOn));
  const ourRels =
    /<Relationship Id="rId\d+" Type="[^"]+\/worksheet" Target="worksheets\/sheet\d+\.xml"\/>/g;
  const relsA = text(a, 'xl/_rels/workbook.xml.rels');
  const relsB = text(b, 'xl/_rels/workbook.xml.rels');
  expect(relsB.match(ourRels)!.length - (relsA.match(ourRels)?.length ?? 0)).toBeLessThanOrEqual(
    OUTPUT_SHEETS.length,
  );
  for (const rel of relsA.match(/<Relationship [^>]*\/>/g) ?? []) expect(relsB).toContain(rel);
  // The shared-string table keeps every existing item byte for byte and in order; ours follow.
  if (a.has('xl/sharedStrings.xml')) {
    const items = (xml: string) => xml.slice(xml.indexOf('<si'), xml.lastIndexOf('</sst>'));
    const before = items(text(a, 'xl/sharedStrings.xml'));
    const after = items(text(b, 'xl/sharedStrings.xml'));
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toMatch(
      /^(<si><t( xml:space="preserve")?>[^<]*<\/t><\/si>)*$/,
    );
  }
  const stylesA = text(a, 'xl/styles.xml');
  const stylesB = text(b, 'xl/styles.xml');
  for (const list of [
    'numFmts',
    'fonts',
    'fills',
    'borders',
    'cellStyleXfs',
    'cellXfs',
    'cellStyles',
    'dxfs',
    'tableStyles',
    'colors',
  ]) {
    expect(inner(stylesB, list).startsWith(inner(stylesA, list))).toBe(true);
  }
}

const samples = existsSync(EXCEL_SAMPLES)
  ? ['63934.xlsx', 'ExcelPivotTableSample.xlsx', '61652.xlsx']
  : [];
if (samples.length === 0) {
  console.warn(`skipped Excel-sample tests: ${EXCEL_SAMPLES} is missing`);
}

describe('lossless refresh of workbooks saved by Excel', () => {
  const inventory = generateSampleInventory({ rows: 30, seed: 5 });

  it.each(samples)(
    '%s with an inventory sheet added: every part not ours is byte-identical',
    async (name) => {
      const original = new Uint8Array(readFileSync(join(EXCEL_SAMPLES, name)));
      const input = addSheet(original, 'IoT Inventory', inventory.values);
      const sheetPart = [...parts(input).keys()].filter(
        (n) => !parts(original).has(n) && /worksheets\/sheet\d+\.xml$/.test(n),
      )[0]!;
      const first = await refreshFile(input, name, { history: true }, NOW);
      expectLossless(input, first.bytes, [sheetPart]);
      // A second refresh touches the same parts and adds nothing new.
      const second = await refreshFile(first.bytes, name, { history: true }, NOW);
      expectLossless(input, second.bytes, [sheetPart]);
      expect([...parts(second.bytes).keys()].sort()).toEqual([...parts(first.bytes).keys()].sort());
      for (const bytes of [first.bytes, second.bytes]) {
        const v = validate(bytes);
        if (v) expect(v.output).toMatch(/ 0 invalid/);
      }
    },
  );

  const table = samples.includes('63934.xlsx') ? [0] : [];
  it.each(table)(
    '63934.xlsx: an existing Excel table grows by the six output columns, filter buttons intact (%#)',
    async () => {
      const input = new Uint8Array(readFileSync(join(EXCEL_SAMPLES, '63934.xlsx')));
      const options = {
        history: true,
        sheet: 'Sheet1',
        mapping: { name: 'Gender mod', ledBy: 'Gender' },
      };
      const first = await refreshFile(input, '63934.xlsx', options, NOW);
      expectLossless(input, first.bytes, ['xl/worksheets/sheet1.xml', 'xl/tables/table1.xml']);
      const tableXml = partText(first.bytes, 'xl/tables/table1.xml');
      expect(tableXml).toContain('ref="A1:H2"');
      expect(tableXml).toMatch(
        /<autoFilter ref="A1:H2" xr:uid="\{E19B087D-45A9-4822-B513-969D001E6BF1\}"\/>/,
      );
      const ids = [...tableXml.matchAll(/<tableColumn id="(\d+)"/g)].map((m) => Number(m[1]));
      expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(tableXml).toContain('<tableColumns count="8">');
      expect(tableXml).toContain(
        '<calculatedColumnFormula>VLOOKUP(TRIM(CLEAN(Member_Data[[#This Row],[Gender ]])),Gender_lookup[],2,0)</calculatedColumnFormula>',
      );
      // The table's header cells match its column names (Excel repairs the file otherwise).
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(first.bytes) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Sheet1')!;
      const names = [...tableXml.matchAll(/<tableColumn id="\d+"[^>]* name="([^"]*)"/g)].map((m) =>
        m[1]!.replace('&amp;', '&'),
      );
      expect(names.map((_n, i) => ws.getCell(1, i + 1).value)).toEqual(names);
      // The input formula cell is untouched.
      expect(ws.getCell('B2').value).toMatchObject({ result: 'Male' });
      expect(partText(first.bytes, 'xl/worksheets/sheet1.xml')).toContain(
        '<dataValidations count="1"><dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="A2" xr:uid="{A4B2E24A-9CBD-475E-8D5E-5949B3E0F57D}"><formula1>"Male,Female"</formula1></dataValidation></dataValidations>',
      );
      // Re-run: the table does not grow again.
      const second = await refreshFile(first.bytes, '63934.xlsx', options, NOW);
      expect(partText(second.bytes, 'xl/tables/table1.xml')).toBe(tableXml);
      const v = validate(second.bytes);
      if (v) expect(v.output).toMatch(/ 0 invalid/);
    },
  );
});

describe('lossless refresh of a workbook saved by LibreOffice', () => {
  it('keeps the chart, image, pivot table, comment, data validation and the user conditional format', async () => {
    const input = new Uint8Array(readFileSync(join(FIXTURES, 'lo-planning.xlsx')));
    const out = await refreshFile(input, 'lo-planning.xlsx', { history: true }, NOW);
    expectLossless(input, out.bytes, ['xl/worksheets/sheet1.xml']);
    const a = parts(input);
    const b = parts(out.bytes);
    for (const name of [
      'xl/charts/chart1.xml',
      'xl/media/image1.png',
      'xl/pivotTables/pivotTable1.xml',
      'xl/pivotCache/pivotCacheDefinition1.xml',
      'xl/pivotCache/pivotCacheRecords1.xml',
      'xl/comments1.xml',
      'xl/drawings/vmlDrawing1.vml',
      'xl/drawings/drawing1.xml',
    ]) {
      expect({ name, same: same(a.get(name)!, b.get(name)) }).toEqual({ name, same: true });
    }
    const sheet = partText(out.bytes, 'xl/worksheets/sheet1.xml');
    expect(sheet).toContain('<legacyDrawing r:id="rId2"/>');
    expect(sheet).toContain('sqref="E4:E16" type="list"');
    expect(sheet).toContain('<conditionalFormatting sqref="L4:L16">');
  });
});
