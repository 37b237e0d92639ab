/**
 * Writes a new, minimal but complete .xlsx package from rows of values (used by
 * `iot-role-map sample`): workbook, one worksheet per sheet with inline strings, styles with
 * a title and a header format, content types, relationships and document properties.
 */

import type { CellValue } from '../core/input';
import { NUMBER_FORMATS } from '../core/styles';
import { MAIN_NS, REL_NS } from './package';
import { blankCell, numberCell, ownedSheetXml, textCell } from './sheetxml';
import { escapeAttr, escapeText } from './xml';
import { makeEntry, writeZip } from './zip';

/** One sheet of a workbook to create. */
export interface NewSheet {
  name: string;
  values: CellValue[][];
  /** 0-based row shown as a title (large bold), if any. */
  titleRow?: number;
  /** 0-based header row (bold on a tint), if any. */
  headerRow?: number;
  widths?: { col: number; width: number }[];
  /** Number formats of body cells (below the header row) by column. */
  formats?: { col: number; format: 'datetime' | 'percent' }[];
}

// The body formats are the core's (NUMBER_FORMATS) as custom formats 164 and 165 (ECMA-376
// Part 1 §18.8.30: ids below 164 are built in), so rows written here and rows a refresh
// writes later read the same on every surface.
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN_NS}"><numFmts count="2"><numFmt numFmtId="164" formatCode="${escapeAttr(NUMBER_FORMATS.datetime)}"/><numFmt numFmtId="165" formatCode="${escapeAttr(NUMBER_FORMATS.percent)}"/></numFmts><fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="16"/><color rgb="FF1F3864"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="2" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** A cell's XML for a plain value (inline strings), or null for an empty cell without a style. */
export function valueCell(row: number, col: number, v: CellValue, s: number): string | null {
  if (v === null || v === '') return s ? blankCell('', row, col, s) : null;
  if (typeof v === 'number') return numberCell('', row, col, v, s);
  const sAttr = s ? ` s="${s}"` : '';
  if (typeof v === 'boolean')
    return `<c r="${cellRefOf(row, col)}"${sAttr} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (typeof v === 'string') return textCell('', row, col, v, s);
  return `<c r="${cellRefOf(row, col)}"${sAttr} t="e"><v>${escapeText(v.code)}</v></c>`;
}

function cellRefOf(row: number, col: number): string {
  let n = col + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `${letters}${row + 1}`;
}

/** Builds the bytes of a new workbook holding these sheets. */
export function createWorkbook(sheets: NewSheet[], now: Date = new Date()): Uint8Array {
  const enc = new TextEncoder();
  const files: { name: string; text: string }[] = [];
  const overrides = sheets
    .map(
      (_s, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  files.push({
    name: '[Content_Types].xml',
    text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
  });
  files.push({
    name: '_rels/.rels',
    text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
  });
  const iso = now.toISOString().replace(/\.\d+Z$/, 'Z');
  files.push({
    name: 'docProps/core.xml',
    text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>IoT Role Map</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified></cp:coreProperties>`,
  });
  files.push({
    name: 'docProps/app.xml',
    text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>IoT Role Map</Application></Properties>`,
  });
  files.push({
    name: 'xl/workbook.xml',
    text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>${sheets
      .map((s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
  });
  files.push({
    name: 'xl/_rels/workbook.xml.rels',
    text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map(
        (_s, i) =>
          `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join(
        '',
      )}<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
  });
  files.push({ name: 'xl/styles.xml', text: STYLES });
  sheets.forEach((s, i) => {
    const formats = new Map((s.formats ?? []).map((f) => [f.col, f.format]));
    const cells: { row: number; col: number; xml: string }[] = [];
    s.values.forEach((row, r) => {
      const base = r === s.titleRow ? 1 : r === s.headerRow ? 2 : 0;
      const body = s.headerRow === undefined || r > s.headerRow;
      row.forEach((v, c) => {
        const format = body && typeof v === 'number' ? formats.get(c) : undefined;
        const style = format === 'datetime' ? 3 : format === 'percent' ? 4 : base;
        const xml = valueCell(r, c, v, style);
        if (xml) cells.push({ row: r, col: c, xml });
      });
    });
    files.push({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      text: ownedSheetXml({
        cells,
        widths: s.widths ?? [],
        dataBars: [],
        hyperlinks: [],
        drawingRId: null,
        showGridLines: true,
        frozenRows: 0,
      }),
    });
  });
  return writeZip(files.map((f) => makeEntry(f.name, enc.encode(f.text))));
}
