/**
 * Writes a new, minimal but complete .xlsx package from rows of values (used by
 * `iot-role-map sample` and by `consolidate` for its portfolio): workbook, one worksheet per
 * sheet with inline strings, styles with a title and a header format, content types,
 * relationships and document properties.
 *
 * A worksheet is written as pieces of bytes, a row at a time into 1 MiB chunks (as the
 * snapshot sheet is, snapshot-sheet.ts), never as one string nor as an object per cell: a
 * portfolio at Excel's full grid is longer than JavaScript's longest string, and at 100,000
 * rows the cells as objects and the sheet as one string were most of consolidate's memory and
 * main-thread time. The frame around the rows is ownedSheetXml's, so the part is the one it
 * would write from the same cells.
 */

import type { CellValue } from '../core/input';
import { columnLetter } from '../core/address';
import { fitCell } from '../core/limits';
import { NUMBER_FORMATS } from '../core/styles';
import { MAIN_NS, REL_NS } from './package';
import { ownedSheetXml } from './sheetxml';
import { decodeEntities, decodeOoxmlEscapes, encodeCellText, escapeAttr, escapeText } from './xml';
import { crc32, makeEntry, writeZip, type ZipEntry } from './zip';

/** One sheet of a workbook to create. */
export interface NewSheet {
  name: string;
  values: readonly (readonly CellValue[])[];
  /** 0-based row shown as a title (large bold), if any. */
  titleRow?: number;
  /** 0-based header row (bold on a tint), if any. */
  headerRow?: number;
  widths?: { col: number; width: number }[];
  /** Number formats of body cells (below the header row) by column. */
  formats?: { col: number; format: 'datetime' | 'percent' }[];
}

/** How the parts of a new workbook are kept in its ZIP. */
export interface CreateOptions {
  /**
   * Worksheets stored (ZIP method 0) rather than deflated: for a package that is opened again
   * at once and whose sheets are then rewritten (consolidate's portfolio, which its refresh
   * patches), where deflating them only to inflate them again is wasted time. Every
   * other part is deflated as always, so what the refresh copies from it is the same.
   */
  storeSheets?: boolean;
  /** Told each sheet's frame once it is written (consolidate hands it to its refresh). */
  onWritten?: (index: number, frame: WrittenSheet['frame']) => void;
}

// The body formats are the core's (NUMBER_FORMATS) as custom formats 164 and 165 (ECMA-376
// Part 1 §18.8.30: ids below 164 are built in), so rows written here and rows a refresh
// writes later read the same on every surface.
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN_NS}"><numFmts count="2"><numFmt numFmtId="164" formatCode="${escapeAttr(NUMBER_FORMATS.datetime)}"/><numFmt numFmtId="165" formatCode="${escapeAttr(NUMBER_FORMATS.percent)}"/></numFmts><fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="16"/><color rgb="FF1F3864"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="2" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/**
 * A character encodeCellText changes (or may: "_" starts an escape, a surrogate may be half of
 * a pair): most cell texts have none and are written as they are.
 */
// The control characters are what it looks for (XML 1.0 cannot carry them).
// eslint-disable-next-line no-control-regex
const NEEDS_ENCODING = /[\u0000-\u0008\u000b\u000c\u000e-\u001f&<>_\ud800-\udfff\ufffe\uffff]/;

// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\u0000-\u007f]*$/;

/**
 * What follows a cell's reference in its XML (`<c r="A1` + this), for a plain value as
 * sheetxml.ts's textCell, numberCell and blankCell write it (inline strings), or null for an
 * empty cell without a style.
 */
function cellTail(v: CellValue, s: number): string | null {
  const sAttr = s ? ` s="${s}"` : '';
  if (v === null || v === '') return s ? `"${sAttr}/>` : null;
  if (typeof v === 'number') return `"${sAttr}><v>${String(v)}</v></c>`;
  if (typeof v === 'boolean') return `"${sAttr} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (typeof v === 'string') {
    // The backstop of the core's caps: no cell we write holds more than Excel's 32,767.
    const text = fitCell(v);
    const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
    const encoded = NEEDS_ENCODING.test(text) ? encodeCellText(text) : text;
    return `"${sAttr} t="inlineStr"><is><t${space}>${encoded}</t></is></c>`;
  }
  return `"${sAttr} t="e"><v>${escapeText(v.code)}</v></c>`;
}

/** The rows of a sheet to write, and the style of each cell (0: none). */
export interface SheetRows {
  values: readonly (readonly CellValue[])[];
  style: (row: number, col: number, v: CellValue) => number;
  widths: readonly { col: number; width: number }[];
}

/** Bytes per piece of a sheet (each a new buffer: the consumer may keep it). */
const CHUNK = 1 << 20;

/**
 * Rows are encoded with TextEncoder.encodeInto rather than Buffer.write: on Node 20 the latter
 * took 6x as long for a row whose text is not all Latin-1 (100,000 rows of 17 cells with an
 * accented name: ~500 ms against ~80 ms), and encodeInto is as fast on ASCII ones.
 */
const UTF8 = new TextEncoder();

/**
 * A worksheet written by writeSheet: its part as pieces of UTF-8 bytes, and the frame around
 * its rows as a reader of those bytes finds it (null when it has no cells: `<sheetData/>`).
 */
export interface WrittenSheet {
  pieces: Uint8Array[];
  frame: {
    /** The text up to sheetData's inside (it ends with `<sheetData>`), and from its end tag on. */
    head: string;
    tail: string;
    /** How many bytes the rows are (sheetData's inside). */
    rowBytes: number;
    /** Every byte of the part is ASCII; of the frame (head and tail). */
    ascii: boolean;
    frameAscii: boolean;
  } | null;
}

/**
 * A worksheet's part as pieces of UTF-8 bytes: ownedSheetXml's frame with the rows between,
 * each row a short string written into the current chunk. The dimension is found in a first
 * pass that makes no strings.
 */
export function writeSheet(sheet: SheetRows): WrittenSheet {
  const { values, style } = sheet;
  let maxRow = -1;
  let maxCol = 0;
  values.forEach((line, r) =>
    line.forEach((v, c) => {
      if ((v === null || v === '') && style(r, c, v) === 0) return;
      maxRow = r;
      maxCol = Math.max(maxCol, c);
    }),
  );
  const frame = {
    widths: [...sheet.widths],
    dataBars: [],
    hyperlinks: [],
    drawingRId: null,
    showGridLines: true,
    frozenRows: 0,
  };
  if (maxRow < 0) {
    return { pieces: [Buffer.from(ownedSheetXml({ ...frame, cells: [] }), 'utf8')], frame: null };
  }
  // The frame of the same sheet with one empty row where its last cell is: the dimension and
  // everything around sheetData as ownedSheetXml writes them.
  const whole = ownedSheetXml({ ...frame, cells: [{ row: maxRow, col: maxCol, xml: '' }] });
  const open = whole.indexOf('<sheetData>') + '<sheetData>'.length;
  const close = whole.indexOf('</sheetData>');
  const head = whole.slice(0, open);
  const tail = whole.slice(close);
  const pieces: Uint8Array[] = [Buffer.from(head, 'utf8')];
  const cellOpen = Array.from({ length: maxCol + 1 }, (_v, c) => `<c r="${columnLetter(c)}`);
  let chunk = Buffer.allocUnsafe(CHUNK);
  let at = 0;
  let rowBytes = 0;
  // Rows whose bytes are as many as their UTF-16 units are ASCII.
  let ascii = true;
  for (let r = 0; r <= maxRow; r++) {
    const line = values[r]!;
    const n = String(r + 1);
    let cells = '';
    for (let c = 0; c < line.length; c++) {
      const v = line[c];
      // A hole in a row is no cell (as forEach skips it).
      if (v === undefined) continue;
      const tail = cellTail(v, style(r, c, v));
      if (tail !== null) cells += `${cellOpen[c]!}${n}${tail}`;
    }
    if (cells === '') continue;
    const row = `<row r="${n}">${cells}</row>`;
    // At most three bytes per UTF-16 unit.
    if (row.length * 3 > CHUNK - at) {
      if (at > 0) pieces.push(chunk.subarray(0, at));
      chunk = Buffer.allocUnsafe(Math.max(CHUNK, row.length * 3));
      at = 0;
    }
    const written = UTF8.encodeInto(row, chunk.subarray(at)).written;
    if (written !== row.length) ascii = false;
    at += written;
    rowBytes += written;
  }
  if (at > 0) pieces.push(chunk.subarray(0, at));
  pieces.push(Buffer.from(tail, 'utf8'));
  const frameAscii = ASCII_ONLY.test(head) && ASCII_ONLY.test(tail);
  return { pieces, frame: { head, tail, rowBytes, ascii: ascii && frameAscii, frameAscii } };
}

/** writeSheet's pieces alone. */
export function sheetPieces(sheet: SheetRows): Uint8Array[] {
  return writeSheet(sheet).pieces;
}

/**
 * A sheet's values as reading the part writeSheet made of them gives them back (read.ts: the
 * used range from its first row and column with a value, every row as wide): each cell as
 * cellTail wrote it and the reader reads it. The values are changed in place and reused (at
 * 100,000 rows they are the portfolio's biggest object), so call it once they are written.
 */
export function cellsAsRead(values: CellValue[][]): {
  origin: { row: number; col: number };
  values: CellValue[][];
} {
  let minRow = Infinity;
  let maxRow = -1;
  let minCol = Infinity;
  let maxCol = -1;
  for (let r = 0; r < values.length; r++) {
    const line = values[r]!;
    for (let c = 0; c < line.length; c++) {
      const v = valueAsRead(line[c]);
      line[c] = v;
      if (v === null) continue;
      if (r < minRow) minRow = r;
      maxRow = r;
      if (c < minCol) minCol = c;
      if (c > maxCol) maxCol = c;
    }
  }
  if (maxRow < 0) return { origin: { row: 0, col: 0 }, values: [] };
  const width = maxCol - minCol + 1;
  const rows = values.slice(minRow, maxRow + 1);
  for (let r = 0; r < rows.length; r++) {
    const line = rows[r]!;
    if (minCol > 0) rows[r] = line.slice(minCol, maxCol + 1);
    else line.length = Math.min(line.length, width);
    const out = rows[r]!;
    for (let c = 0; c < width; c++) if (out[c] === undefined) out[c] = null;
  }
  return { origin: { row: minRow, col: minCol }, values: rows };
}

/** One cell's value as cellTail writes it and read.ts reads it back (null: no value). */
function valueAsRead(v: CellValue | undefined): CellValue {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') {
    // String(v) read by Number(): NaN is no number, -0 is written "0".
    if (Number.isNaN(v)) return null;
    return v === 0 ? 0 : v;
  }
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const text = fitCell(v);
    if (!NEEDS_ENCODING.test(text)) return text;
    const read = decodeOoxmlEscapes(decodeEntities(encodeCellText(text)));
    return read === '' ? null : read;
  }
  return { kind: 'error', code: decodeEntities(escapeText(v.code)).trim() };
}

/** Pieces as one buffer, each let go once copied. */
export function joined(pieces: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of pieces) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  while (pieces.length > 0) {
    const p = pieces.shift()!;
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A stored ZIP entry (method 0: the bytes as they are), with the name, flags and time
 * makeEntry gives a deflated one.
 */
export function storedEntry(name: string, data: Uint8Array): ZipEntry {
  return {
    ...makeEntry(name, new Uint8Array(0)),
    method: 0,
    crc: crc32(data),
    compressedSize: data.length,
    size: data.length,
    raw: data,
  };
}

/** The style of each cell of a new sheet: title, header, or a body number format. */
function styleOf(s: NewSheet): SheetRows['style'] {
  const formats = new Map((s.formats ?? []).map((f) => [f.col, f.format]));
  return (r, c, v) => {
    const base = r === s.titleRow ? 1 : r === s.headerRow ? 2 : 0;
    const body = s.headerRow === undefined || r > s.headerRow;
    const format = body && typeof v === 'number' ? formats.get(c) : undefined;
    return format === 'datetime' ? 3 : format === 'percent' ? 4 : base;
  };
}

/** Builds the bytes of a new workbook holding these sheets. */
export function createWorkbook(
  sheets: NewSheet[],
  now: Date = new Date(),
  options: CreateOptions = {},
): Uint8Array {
  return writeZip(workbookEntries(sheets, now, options));
}

/**
 * The ZIP entries of a new workbook, in createWorkbook's order, for a caller that opens the
 * package at once (consolidate): archiving them would only copy the sheets once more.
 */
export function workbookEntries(
  sheets: NewSheet[],
  now: Date = new Date(),
  options: CreateOptions = {},
): ZipEntry[] {
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
  const entries = files.map((f) => makeEntry(f.name, enc.encode(f.text)));
  sheets.forEach((s, i) => {
    const name = `xl/worksheets/sheet${i + 1}.xml`;
    const written = writeSheet({ values: s.values, style: styleOf(s), widths: s.widths ?? [] });
    options.onWritten?.(i, written.frame);
    const bytes = joined(written.pieces);
    entries.push(options.storeSheets ? storedEntry(name, bytes) : makeEntry(name, bytes));
  });
  return entries;
}
