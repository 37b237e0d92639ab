/**
 * Worksheet part → SheetSnapshot: used-range values (shared, inline and rich strings,
 * numbers, booleans, errors, formula cells by their cached value), tables, and the facts
 * the engine needs (frozen panes, auto-filter, protection). One pass over the sheet XML.
 */

import { isAscii, isUtf8 } from 'node:buffer';
import { parseRangeA1 } from '../core/address';
import type { CellValue, RangeRef, SheetSnapshot, TableInfo } from '../core/input';
import { GRID_COLUMNS, GRID_ROWS } from '../core/grid';
import { BeyondGridError, DamagedPartError, inPart } from './damage';
import { REL, type Package, type SheetEntry } from './package';
import type { SheetSkeleton } from './file';
import { checkWellFormed } from './wellformed';
import { WorkerInflatingSource } from './inflate-worker';
import { asBuffer, SHEET_WINDOW, type ByteSource } from './zip';
import {
  attrIn,
  children,
  expectRoot,
  decodeEntities,
  decodeOoxmlEscapes,
  getAttr,
  nextTag,
  parseAttrs,
  rootElement,
  runText,
  tagEnd,
  type ElementRange,
} from './xml';
import * as bytescan from './bytescan';

// Bound once: run through tsx (the benchmarks), an imported binding is read through a getter,
// a call per read in the cell loop.
const { digitsIn, refIn } = bytescan;
// The same for the grid's bounds, read per cell.
const MAX_COLUMNS = GRID_COLUMNS;
const MAX_ROWS = GRID_ROWS;

const SCRATCH = { row: 0, col: 0 };

/**
 * Reads a cell reference ("AB12", "$AB$12") into 0-based `into.row` and `into.col` without
 * allocating; false when it is not a cell reference. The one parser of cell references in
 * the file adapter.
 */
function cellRefInto(ref: string, into: { row: number; col: number }): boolean {
  return refAt(ref, 0, ref.length, into);
}

/**
 * Parses a cell's `r` into `into` (no allocation per cell). A reference that is not a cell
 * address is damage; one past XFD or row 1,048,576 is beyond Excel's grid.
 */
function parseRefInto(ref: string, into: { row: number; col: number }): void {
  if (!cellRefInto(ref, into)) {
    throw new DamagedPartError(
      null,
      `has a cell reference "${ref.slice(0, 20)}" that is not a cell address`,
    );
  }
  if (into.col >= MAX_COLUMNS || into.row >= MAX_ROWS) {
    throw new BeyondGridError(null, ref.slice(0, 20));
  }
}

/** The 0-based row of a <row r="…">, or of a row without r after row `previous`. */
function rowNumber(r: string | undefined, previous: number): number {
  if (r === undefined) {
    if (previous + 1 >= MAX_ROWS) throw new BeyondGridError(null, `row ${previous + 2}`);
    return previous + 1;
  }
  const n = /^\s*\d+\s*$/.test(r) ? Number(r) : NaN;
  if (!(n >= 1)) throw new DamagedPartError(null, `has a row numbered "${r.slice(0, 20)}"`);
  if (n > MAX_ROWS) throw new BeyondGridError(null, `row ${n}`);
  return n - 1;
}

/** The 0-based column of a cell without r after column `previous`. */
function nextColumn(previous: number, row: number): number {
  if (previous + 1 >= MAX_COLUMNS) {
    throw new BeyondGridError(null, `a cell after XFD${row + 1}`);
  }
  return previous + 1;
}

/** Parses "AB12" into 0-based coordinates, or null when it is not a cell reference. */
export function parseCellRef(ref: string): { row: number; col: number } | null {
  const at = { row: 0, col: 0 };
  return cellRefInto(ref, at) ? at : null;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Converts an ISO date (t="d" cells) into an Excel serial number. */
function isoToSerial(iso: string): CellValue {
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) || !iso.includes('T') ? iso : `${iso}Z`);
  if (Number.isNaN(ms)) return iso;
  return (ms - EXCEL_EPOCH) / 86400000;
}

/** Location of sheetData in a worksheet part. */
export function sheetDataRange(xml: string): ElementRange | undefined {
  const root = rootElement(xml);
  return children(xml, root, ['sheetData']).find((c) => c.local === 'sheetData');
}

/** True when xml has `<${name}` at `at` followed by a delimiter. */
function tagNameAt(xml: string, at: number, name: string): boolean {
  if (!xml.startsWith(name, at)) return false;
  const c = xml.charCodeAt(at + name.length);
  return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

/** Cell types (`t`) the scanner reads without slicing the cell. */
const T_NUMBER = 0;
const T_SHARED = 1;
/** Any other type: the cell's inner XML goes through cellValue. */
const T_OTHER = 2;

/**
 * The integer written in xml[from, to) when it is only ASCII digits (1 to 15 of them), else
 * -1: the common shape of a shared-string index or a whole number, read without a slice.
 */
function digitsAt(xml: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

/**
 * Calls `onCell` for every cell with a value, in document order. Rows and cells without an
 * `r` attribute take the position after the previous one (as Excel reads them). This is
 * where a 100,000-row inventory spends its reading time, so the common cell
 * (`<c r="B7" s="3" t="s"><v>12</v></c>`) is read from character codes: its attributes, its
 * reference and a value of digits allocate nothing; any other shape takes the general path
 * (attribute values sliced, cellValue), with the same result.
 */
export function scanCells(
  xml: string,
  sharedStrings: readonly string[],
  onCell: (row: number, col: number, value: CellValue) => void,
): void {
  const sd = sheetDataRange(xml);
  if (!sd || sd.openEnd === sd.end) return;
  const p = sd.name.slice(0, sd.name.length - 'sheetData'.length);
  scanCellsIn(xml, sd.openEnd, sd.closeStart, p, { row: -1, col: -1 }, sharedStrings, onCell);
}

/**
 * A copy of a text cut from a cell's XML that does not keep that XML alive: V8 makes a cut
 * of 13 characters or more a view of the string it was cut from, so each name would keep its
 * cell's markup (at 100,000 rows of inline strings, a good part of the sheet's text again).
 * Joined to one character and cut again, it is a view of a copy of its own length; a text
 * seen before in the sheet ("Implementation" on every other row) is the copy made then
 * (`seen`).
 */
function detach(text: string, seen: Map<string, string>): string {
  if (text.length < 13) return text;
  let copy = seen.get(text);
  if (copy === undefined) {
    copy = ` ${text}`.slice(1);
    seen.set(copy, copy);
  }
  return copy;
}

/**
 * scanCells over xml[from, limit): a stretch of sheetData's inside that starts at a tag, its
 * elements prefixed `p`; `at` is the position after the stretch before it (row and column of
 * the last cell read, -1 at the start) and is updated, so a sheet can be read in pieces.
 * Returns where it stopped: `limit`, or the start of a tag or cell the stretch cuts off
 * (the next stretch starts there).
 */
function scanCellsIn(
  xml: string,
  from: number,
  limit: number,
  p: string,
  at: { row: number; col: number },
  sharedStrings: readonly string[],
  onCell: (row: number, col: number, value: CellValue) => void,
): number {
  const rowName = `<${p}row`;
  const cName = `<${p}c`;
  const cClose = `</${p}c>`;
  let row = at.row;
  let col = at.col;
  let pos = from;
  while (pos < limit) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0 || lt >= limit) {
      pos = limit;
      break;
    }
    if (tagNameAt(xml, lt, cName)) {
      const gt = tagEnd(xml, lt);
      if (gt < 0) {
        pos = lt;
        break;
      }
      const colBefore = col;
      const rowBefore = row;
      // Attributes: r and t located (not sliced) in one pass over the start tag.
      let rFrom = -1;
      let rTo = -1;
      let tFrom = -1;
      let tTo = -1;
      let i = lt + cName.length;
      const tagStop = gt - 1;
      while (i < tagStop) {
        let c = xml.charCodeAt(i);
        if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47) {
          i++;
          continue;
        }
        const nameFrom = i;
        while (
          i < tagStop &&
          (c = xml.charCodeAt(i)) !== 61 &&
          c !== 32 &&
          c !== 9 &&
          c !== 10 &&
          c !== 13
        )
          i++;
        const nameTo = i;
        while (i < tagStop && xml.charCodeAt(i) !== 34 && xml.charCodeAt(i) !== 39) i++;
        const quote = xml.charCodeAt(i);
        const valueFrom = i + 1;
        let valueTo = valueFrom;
        while (valueTo < tagStop && xml.charCodeAt(valueTo) !== quote) valueTo++;
        i = valueTo + 1;
        if (nameTo - nameFrom === 1) {
          const n = xml.charCodeAt(nameFrom);
          if (n === 114 /* r */) {
            rFrom = valueFrom;
            rTo = valueTo;
          } else if (n === 116 /* t */) {
            tFrom = valueFrom;
            tTo = valueTo;
          }
        }
      }
      if (rFrom >= 0) {
        // Only a reference that is not one, or is past the grid, is sliced (to say what is wrong).
        if (
          !refAt(xml, rFrom, rTo, SCRATCH) ||
          SCRATCH.col >= MAX_COLUMNS ||
          SCRATCH.row >= MAX_ROWS
        ) {
          parseRefInto(xml.slice(rFrom, rTo), SCRATCH);
        }
        col = SCRATCH.col;
        row = SCRATCH.row;
      } else col = nextColumn(col, row);
      if (xml.charCodeAt(gt - 2) === 47 /* / */) {
        pos = gt;
        continue;
      }
      const close = xml.indexOf(cClose, gt);
      if (close < 0) {
        // Cut off: read again, from its start tag, with the next stretch.
        col = colBefore;
        row = rowBefore;
        pos = lt;
        break;
      }
      pos = close + cClose.length;
      let kind = T_NUMBER;
      if (tFrom >= 0) {
        kind =
          tTo - tFrom === 1 && xml.charCodeAt(tFrom) === 115 /* s */
            ? T_SHARED
            : tTo - tFrom === 1 && xml.charCodeAt(tFrom) === 110 /* n */
              ? T_NUMBER
              : T_OTHER;
      }
      if (kind !== T_OTHER && xml.startsWith('<v>', gt)) {
        const vEnd = xml.indexOf('<', gt + 3);
        const n = digitsAt(xml, gt + 3, vEnd);
        if (n >= 0 && xml.startsWith('</v>', vEnd) && vEnd + 4 === close) {
          if (kind === T_NUMBER) onCell(row, col, n);
          else {
            const text = sharedStrings[n];
            if (text !== undefined && text !== '') onCell(row, col, text);
          }
          continue;
        }
      }
      const type = tFrom >= 0 ? xml.slice(tFrom, tTo) : 'n';
      const value = cellValue(xml.slice(gt, close), type, sharedStrings);
      if (value !== null && value !== '') onCell(row, col, value);
    } else if (tagNameAt(xml, lt, rowName)) {
      const gt = tagEnd(xml, lt);
      if (gt < 0) {
        pos = lt;
        break;
      }
      row = rowNumber(attrIn(xml, lt, gt, 'r'), row);
      col = -1;
      pos = gt;
    } else {
      const gt = tagEnd(xml, lt);
      if (gt < 0) {
        pos = lt;
        break;
      }
      pos = gt;
    }
  }
  // Damage has thrown; the next stretch goes on from here.
  at.row = row;
  at.col = col;
  return Math.min(pos, limit);
}

/**
 * Reads the cell reference xml[from, to) ("AB12", "$AB$12") into 0-based `into.row` and
 * `into.col` without allocating; false when it is not a cell reference.
 */
function refAt(xml: string, from: number, to: number, into: { row: number; col: number }): boolean {
  let col = 0;
  let row = 0;
  let i = from;
  for (; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c !== 36) break;
  }
  for (; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c >= 48 && c <= 57) row = row * 10 + (c - 48);
    else if (c !== 36) return false;
  }
  if (col === 0 || row === 0) return false;
  into.row = row - 1;
  into.col = col - 1;
  return true;
}

/** The value of a cell from its inner XML and type. */
function cellValue(inner: string, type: string, sst: readonly string[]): CellValue {
  if (type === 'inlineStr') return runText(inner);
  // Fast path: an unprefixed <v> (what nearly every producer writes).
  const vs = inner.indexOf('<v>');
  const v = vs >= 0 ? inner.slice(vs + 3, inner.indexOf('</v>', vs)) : elementText(inner, 'v');
  if (v === null) return type === 'inlineStr' ? runText(inner) : null;
  switch (type) {
    case 's': {
      const s = sst[Number(v)];
      return s === undefined ? null : s;
    }
    case 'b':
      return v.trim() === '1' || v.trim().toLowerCase() === 'true';
    case 'e':
      return { kind: 'error', code: decodeEntities(v).trim() };
    case 'str':
      return decodeOoxmlEscapes(decodeEntities(v));
    case 'd':
      return isoToSerial(decodeEntities(v).trim());
    default: {
      const n = Number(v);
      return v.trim() === '' || Number.isNaN(n) ? null : n;
    }
  }
}

/** Text of the first child element with this local name (any prefix), or null. */
function elementText(inner: string, local: string): string | null {
  let pos = 0;
  for (;;) {
    const t = nextTag(inner, pos);
    if (!t) return null;
    if (t.local === local && t.kind !== 'close') {
      if (t.kind === 'empty') return '';
      const close = inner.indexOf(`</${t.name}>`, t.end);
      return close < 0 ? null : inner.slice(t.end, close);
    }
    pos = t.end;
  }
}

/**
 * Tables of a worksheet, from its relationships; `sheetXml` is the sheet's text or its
 * skeleton (tableParts lies outside sheetData).
 */
export function readTables(
  pkg: Package,
  sheetPart: string,
  sheetXml = pkg.requireText(sheetPart),
): (TableInfo & { part: string })[] {
  const out: (TableInfo & { part: string })[] = [];
  // Only tables the sheet lists in <tableParts> exist; a dangling relationship is not one.
  const ids = new Set<string>();
  for (const m of sheetXml.matchAll(/<(?:\w+:)?tablePart\s[^>]*?(?:\w+:)?id\s*=\s*"([^"]*)"/g)) {
    ids.add(m[1]!);
  }
  for (const rel of pkg.relsOfKind(sheetPart, REL.table)) {
    if (rel.external || !ids.has(rel.id)) continue;
    const xml = pkg.text(rel.part);
    if (xml === undefined) continue;
    const root = expectRoot(xml, rel.part, 'table');
    const a = parseAttrs(xml.slice(root.start, root.openEnd));
    const ref = a.get('ref');
    if (!ref) continue;
    const range = tableRange(ref, rel.part);
    const columns: string[] = [];
    const cols = children(xml, root).find((c) => c.local === 'tableColumns');
    if (cols) {
      for (const c of children(xml, cols)) {
        if (c.local !== 'tableColumn') continue;
        const name = getAttr(xml.slice(c.start, c.openEnd), 'name') ?? '';
        columns.push(decodeOoxmlEscapes(name));
      }
    }
    out.push({
      name: a.get('displayName') ?? a.get('name') ?? '',
      range,
      columns,
      hasTotalsRow: Number(a.get('totalsRowCount') ?? '0') > 0,
      part: rel.part,
    });
  }
  return out;
}

/** A table's range, which must be a range inside Excel's grid. */
function tableRange(ref: string, part: string): RangeRef {
  let range: RangeRef;
  try {
    range = parseRangeA1(ref);
  } catch {
    throw new DamagedPartError(part, `has the range "${ref.slice(0, 40)}", which is not a range`);
  }
  if (range.col + range.colCount > MAX_COLUMNS || range.row + range.rowCount > MAX_ROWS) {
    throw new BeyondGridError(part, ref.slice(0, 40));
  }
  return range;
}

/** Facts about a worksheet outside sheetData. */
export interface SheetFacts {
  hasFrozenPanes: boolean;
  hasAutoFilter: boolean;
  isProtected: boolean;
  /** The merged ranges (<mergeCells>), which the core checks against where it writes. */
  merges: RangeRef[];
}

/** Frozen panes, worksheet auto-filter, protection and merged cells of a worksheet part. */
export function sheetFacts(xml: string): SheetFacts {
  const root = rootElement(xml);
  const kids = children(xml, root, ['sheetData']);
  let hasFrozenPanes = false;
  let hasAutoFilter = false;
  let isProtected = false;
  const merges: RangeRef[] = [];
  for (const k of kids) {
    if (k.local === 'autoFilter') hasAutoFilter = true;
    else if (k.local === 'mergeCells') {
      for (const m of children(xml, k)) {
        const ref = m.local === 'mergeCell' ? getAttr(xml.slice(m.start, m.openEnd), 'ref') : null;
        if (ref) merges.push(mergeRange(ref));
      }
    } else if (k.local === 'sheetProtection') {
      const v = getAttr(xml.slice(k.start, k.openEnd), 'sheet');
      isProtected = v === '1' || v === 'true';
    } else if (k.local === 'sheetViews') {
      for (let t = nextTag(xml, k.openEnd); t && t.start < k.closeStart; t = nextTag(xml, t.end)) {
        if (t.local === 'pane' && t.kind !== 'close') {
          const state = getAttr(xml.slice(t.start, t.end), 'state');
          if (state === 'frozen' || state === 'frozenSplit') hasFrozenPanes = true;
        }
      }
    }
  }
  return { hasFrozenPanes, hasAutoFilter, isProtected, merges };
}

/** A merged range as <mergeCell ref> writes it; one that is not a range is damage. */
function mergeRange(ref: string): RangeRef {
  try {
    return parseRangeA1(ref);
  } catch {
    throw new DamagedPartError(null, `merges "${ref.slice(0, 40)}", which is not a range`);
  }
}

/** Cells as they are scanned, gathered into the snapshot's rows. */
class CellGrid {
  // Each row's values go straight into an array indexed by column (no object or triple per
  // cell); rows are indexed by their sheet row until the used range is known.
  private readonly byRow: (CellValue[] | undefined)[] = [];
  private minRow = Infinity;
  private minCol = Infinity;
  private maxRow = -1;
  private maxCol = -1;

  readonly add = (row: number, col: number, value: CellValue): void => {
    let cells = this.byRow[row];
    if (cells === undefined) {
      cells = [];
      this.byRow[row] = cells;
      if (row < this.minRow) this.minRow = row;
      if (row > this.maxRow) this.maxRow = row;
    }
    cells[col] = value;
    if (col < this.minCol) this.minCol = col;
    if (col > this.maxCol) this.maxCol = col;
  };

  /** The used range's values and where it starts. */
  snapshot(): Pick<SheetSnapshot, 'origin' | 'values'> {
    const { byRow, minRow, minCol, maxRow, maxCol } = this;
    const values: CellValue[][] = [];
    const width = maxCol - minCol + 1;
    for (let r = minRow; r <= maxRow; r++) {
      const cells = byRow[r];
      let out: CellValue[];
      if (cells === undefined) out = new Array<CellValue>(width).fill(null);
      else if (minCol === 0) {
        out = cells;
        for (let c = 0; c < width; c++) if (out[c] === undefined) out[c] = null;
      } else {
        out = new Array<CellValue>(width);
        for (let c = 0; c < width; c++) out[c] = cells[c + minCol] ?? null;
      }
      values.push(out);
    }
    return {
      origin: values.length > 0 ? { row: minRow, col: minCol } : { row: 0, col: 0 },
      values,
    };
  }
}

/** Builds the engine's snapshot of one worksheet from its text. */
export function readSnapshot(
  pkg: Package,
  sheet: SheetEntry,
  sharedStrings: readonly string[],
): SheetSnapshot {
  return inPart(sheet.part, sheet.name, () => {
    const xml = pkg.requireText(sheet.part);
    expectRoot(xml, sheet.part, 'worksheet');
    const grid = new CellGrid();
    scanCells(xml, sharedStrings, grid.add);
    return snapshotOf(pkg, sheet, grid, xml);
  });
}

function snapshotOf(pkg: Package, sheet: SheetEntry, grid: CellGrid, xml: string): SheetSnapshot {
  return {
    name: sheet.name,
    ...grid.snapshot(),
    tables: readTables(pkg, sheet.part, xml).map(({ part: _part, ...t }) => t),
    ...sheetFacts(xml),
  };
}

/** A worksheet read from its bytes: its skeleton, and its snapshot when asked for. */
export interface SheetFromBytes {
  skeleton: SheetSkeleton;
  /**
   * The snapshot, or what its cells are refused for (beyond the grid, a reference that is
   * not one): thrown only when asked for, as reading the text would (the sheets a refresh
   * does not look at are never refused for their cells).
   */
  snapshot: () => SheetSnapshot;
}

/**
 * Reads a big worksheet from its bytes (Package.readingBytes), never holding its text:
 * sheetData's inside is read from the bytes themselves, in one pass when they are held whole,
 * else in windows of about 64 KB (SHEET_WINDOW; a sheet at Excel's full grid is 450-670 MB
 * of XML, more than JavaScript's longest string, and at 100,000 rows the 43 MB string and its
 * decoding cost more than reading the bytes). What lies outside sheetData becomes the
 * skeleton the patch works from. Text in any script is read so (bytes that are not ASCII are
 * checked as strict UTF-8, and only the cells of shapes other than the common one are
 * decoded; the skeleton is decoded text that maps its offsets to the part's bytes). Null when
 * the sheet must be read as text: its bytes are not UTF-8 declared as such (UTF-16 and the
 * legacy encodings: decodePart), it is small, a comment, CDATA section or processing
 * instruction lies inside sheetData, or the text outside sheetData is not the frame of a
 * well-formed sheetData (the skeleton, checked by saxes, must be well-formed with sheetData
 * exactly at the hole: then, the whole part being well-formed too, the hole is sheetData's
 * inside).
 */
export function readSheetFromBytes(
  pkg: Package,
  sheet: SheetEntry,
  sharedStrings: readonly string[],
  cells = true,
): SheetFromBytes | null {
  return inPart(sheet.part, sheet.name, () => {
    const source = pkg.readingBytes(sheet.part);
    if (!source) return null;
    const grid = new CellGrid();
    let read: ScannedSheet | null;
    try {
      read = scanSheetBytes(source, sharedStrings, cells ? grid.add : null);
    } finally {
      // A reading in a worker that stopped early (damage, or a sheet read as text) ends it.
      if (source instanceof WorkerInflatingSource) source.close();
    }
    // The bytes are kept for the write, which copies them (text offsets are byte offsets in
    // an ASCII part; in another, the skeleton maps them); bytes left to the text reader are
    // taken by it (Package.text).
    if (!read) return null;
    if (read.ascii) pkg.markAscii(sheet.part);
    else pkg.markUtf8(sheet.part);
    const xml = read.skeleton.text;
    expectRoot(xml, sheet.part, 'worksheet');
    const { cellError } = read;
    const snapshot =
      cells && cellError === null ? snapshotOf(pkg, sheet, grid, xml) : (undefined as never);
    return {
      skeleton: read.skeleton,
      snapshot: () =>
        inPart(sheet.part, sheet.name, () => {
          if (cellError !== null) throw cellError;
          if (cells) return snapshot;
          // Read without its cells (a sheet the refresh was not expected to look at).
          const again = readSheetFromBytes(pkg, sheet, sharedStrings);
          return again ? again.snapshot() : readSnapshot(pkg, sheet, sharedStrings);
        }),
    };
  });
}

/** The longest start of a sheet (before sheetData's inside) looked through. */
const MAX_HEAD = 64 << 20;

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A stretch of the part's bytes as text: ASCII as Latin-1 (V8's one-byte string), else strict
 * UTF-8 (bytes that are not are damage, as decodePart says of the whole part).
 */
function windowText(bytes: Uint8Array): { text: string; ascii: boolean } {
  if (isAscii(bytes)) return { text: asBuffer(bytes).toString('latin1'), ascii: true };
  try {
    return { text: UTF8_STRICT.decode(bytes), ascii: false };
  } catch {
    throw new DamagedPartError(
      null,
      'holds bytes that are not valid UTF-8, the encoding it is written in',
    );
  }
}

/**
 * The start tag of sheetData in `head` (the first one whose name is sheetData, with any
 * prefix): where it starts, where it ends (after ">", -1 when `head` is cut before) and the
 * prefix with its colon; null when there is none.
 */
function sheetDataTag(head: string): { lt: number; gt: number; p: string } | null {
  for (let k = head.indexOf('sheetData'); k > 0; k = head.indexOf('sheetData', k + 9)) {
    const after = head.charCodeAt(k + 9);
    if (!(
      after === 32 ||
      after === 62 ||
      after === 47 ||
      after === 9 ||
      after === 10 ||
      after === 13 ||
      Number.isNaN(after)
    )) {
      continue;
    }
    let lt = k - 1;
    if (head.charCodeAt(lt) === 58 /* : */) {
      while (lt > 0 && /[\w.\-\u00b7-\uffff]/.test(head[lt - 1]!)) lt--;
      lt--;
      if (lt < 0 || lt === k - 2) continue;
    }
    if (head.charCodeAt(lt) !== 60 /* < */) continue;
    return { lt, gt: tagEnd(head, k), p: head.slice(lt + 1, k) };
  }
  return null;
}

/** The byte order a sheet's cells are found by (`p`: sheetData's prefix with its colon). */
interface CellNames {
  /** "<p:row" */
  row: Buffer;
  /** "<p:c" */
  c: Buffer;
  /** "</p:c>" */
  cClose: Buffer;
  /** "</p:sheetData>" */
  sdClose: Buffer;
}

function cellNames(p: string): CellNames {
  return {
    row: Buffer.from(`<${p}row`, 'latin1'),
    c: Buffer.from(`<${p}c`, 'latin1'),
    cClose: Buffer.from(`</${p}c>`, 'latin1'),
    sdClose: Buffer.from(`</${p}sheetData>`, 'latin1'),
  };
}

/** Throws the damage decoding them strictly would: bytes that are not UTF-8. */
function utf8OrDamage(bytes: Uint8Array): void {
  if (!isUtf8(bytes)) {
    throw new DamagedPartError(
      null,
      'holds bytes that are not valid UTF-8, the encoding it is written in',
    );
  }
}

/** The offset of the last ">" in `bytes`, or -1. */
function lastGt(bytes: Uint8Array): number {
  return asBuffer(bytes).lastIndexOf(62);
}

/** True when `name` starts at buf[at] and a tag-name delimiter follows it. */
function nameIn(buf: Buffer, at: number, name: Buffer): boolean {
  const n = name.length;
  for (let i = 1; i < n; i++) if (buf[at + i] !== name[i]) return false;
  const c = buf[at + n];
  return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

/**
 * The common inline string's bytes: `t="inlineStr"`'s value, and `<is><t>`,
 * `<is><t xml:space="preserve">` and `</t></is>` around its text.
 */
const INLINE_STR = Buffer.from('inlineStr', 'latin1');
const IS_T_OPEN = Buffer.from('<is><t>', 'latin1');
const IS_T_PRESERVE = Buffer.from('<is><t xml:space="preserve">', 'latin1');
const IS_T_CLOSE = Buffer.from('</t></is>', 'latin1');

/** Slots of CellByteScan's plain texts (a power of two), and the longest text kept there. */
const PLAIN_SLOTS = 4096;
const PLAIN_LONGEST = 64;

/** True when the ASCII text `text` is written in buf[from, …). */
function sameText(buf: Buffer, from: number, text: string): boolean {
  for (let k = 0; k < text.length; k++) if (buf[from + k] !== text.charCodeAt(k)) return false;
  return true;
}

/** True when `bytes` are at buf[at]. */
function bytesAt(buf: Buffer, at: number, bytes: Buffer): boolean {
  const n = bytes.length;
  for (let i = 0; i < n; i++) if (buf[at + i] !== bytes[i]) return false;
  return true;
}

/** Offset just after the ">" ending the tag whose name ends before `pos` (quotes may hold ">"), or -1. */
function tagEndIn(buf: Buffer, pos: number): number {
  const limit = buf.length;
  let quote = 0;
  for (let i = pos; i < limit; i++) {
    const c = buf[i]!;
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i + 1;
  }
  return -1;
}

/** Where `needle` ("</p:c>") first occurs in buf[from, …), or -1. */
function findIn(buf: Buffer, needle: Buffer, from: number): number {
  const last = buf.length - needle.length;
  for (let i = from; i <= last; i++) {
    if (buf[i] === 60 && bytesAt(buf, i, needle)) return i;
  }
  return -1;
}

function isSpaceByte(c: number | undefined): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Scratch for the value rowAttrIn finds. */
const VALUE = { from: 0, to: 0 };

/**
 * attrIn(…, 'r') over bytes: the `r` attribute of the row tag whose attributes are in
 * buf[from, end), its attributes walked in order as attrIn walks them (a value may hold text
 * that looks like `r='…'`), so a row's number is read as the text reader and the patch read
 * it: true with VALUE set, else false.
 */
function rowAttrIn(buf: Buffer, from: number, end: number): boolean {
  let i = from;
  while (i < end) {
    let c = buf[i]!;
    if (isSpaceByte(c)) {
      i++;
      continue;
    }
    if (c === 62 /* > */ || c === 47 /* / */) return false;
    const nameFrom = i;
    while (i < end && (c = buf[i]!) !== 61 /* = */ && !isSpaceByte(c)) i++;
    const nameTo = i;
    while (i < end && isSpaceByte(buf[i])) i++;
    if (buf[i] !== 61) return false;
    i++;
    while (i < end && isSpaceByte(buf[i])) i++;
    const q = buf[i];
    if (q !== 34 && q !== 39) return false;
    const e = buf.indexOf(q, i + 1);
    if (e < 0 || e >= end) return false;
    if (nameTo - nameFrom === 1 && buf[nameFrom] === 114 /* r */) {
      VALUE.from = i + 1;
      VALUE.to = e;
      return true;
    }
    i = e + 1;
  }
  return false;
}

/**
 * scanCells over a sheet's bytes (ASCII or UTF-8): sheetData's inside, from a tag on, read in
 * one pass (held whole) or in pieces that end after a tag (`run` returns where a cell or tag
 * a piece cuts off starts, for the next piece to start there). The common cell is read from
 * its bytes with nothing allocated, as scanCellsIn reads it from character codes, and the
 * common inline string has only its text decoded (inlineText); any other shape has its type
 * and inner XML decoded and goes through cellValue, with the same result.
 * It stops at sheetData's end tag (`end`), or at a comment, CDATA section or processing
 * instruction (`markup`: the sheet is then the text reader's). A refused cell is kept in
 * `cellError`; the rest is then only looked through for the end.
 */
class CellByteScan {
  /** Every byte of the current piece is ASCII (its texts are decoded as Latin-1). */
  ascii = true;
  /** Offset of sheetData's end tag in the last piece run, or -1. */
  end = -1;
  markup = false;
  cellError: Error | null = null;
  private row = -1;
  private col = -1;
  /** The tag being read (where the rest is looked through from after a refused cell). */
  private lt = 0;
  private readonly seen = new Map<string, string>();
  /** Where the cell inlineText last read ends (after its end tag). */
  private after = 0;
  /** The last plain text inlineText read into each slot, by a hash of its bytes. */
  private readonly plain: string[] = new Array<string>(PLAIN_SLOTS).fill('');

  constructor(
    private readonly names: CellNames,
    private readonly sst: readonly string[],
    private onCell: ((row: number, col: number, value: CellValue) => void) | null,
  ) {}

  /** Reads buf[from, limit) (limit: the piece's end); returns where it stopped. */
  run(bytes: Uint8Array, from: number, limit: number): number {
    const buf = asBuffer(bytes.subarray(0, limit));
    if (this.onCell === null) return this.skim(buf, from);
    try {
      return this.cells(buf, from);
    } catch (err) {
      // A refused cell is kept for when the snapshot is asked for; the skeleton is still
      // read. Anything else is a defect of ours and goes on up.
      if (!(err instanceof DamagedPartError || err instanceof BeyondGridError)) throw err;
      this.cellError = err;
      this.onCell = null;
      return this.skim(buf, this.lt);
    }
  }

  /** A text of the piece, decoded. */
  private text(buf: Buffer, from: number, to: number): string {
    return buf.toString(this.ascii ? 'latin1' : 'utf8', from, to);
  }

  /**
   * The text of an inline-string cell whose inside, from buf[gt] to its end tag (`after` is
   * set past it), is one plain run: `<is><t>…</t></is>` (or `<t xml:space="preserve">`) with
   * no markup in the text, what our own writer (create.ts) and most exporters write. It is
   * what runText reads from the same XML: the text decoded from the bytes, then its entities
   * and `_xHHHH_` escapes (only when it holds a "&" or a "_"). A plain text (ASCII, neither)
   * is looked up first by a hash of its bytes in `plain`, so the "Yes", "Logistics" and
   * "Approved" of every row are one string each, neither decoded nor allocated again; a long
   * text seen before in the sheet is the string made then (as detach shares them). Null for
   * any other shape (rich text, phonetic runs, prefixes, other attributes, an empty `<t/>`,
   * a cell the piece cuts off): the general path reads it.
   */
  private inlineText(buf: Buffer, gt: number, limit: number): string | null {
    let from: number;
    if (bytesAt(buf, gt, IS_T_OPEN)) from = gt + IS_T_OPEN.length;
    else if (bytesAt(buf, gt, IS_T_PRESERVE)) from = gt + IS_T_PRESERVE.length;
    else return null;
    // 128: a byte that is not ASCII; 1: "&" or "_" (an entity or escape may follow).
    let seen = 0;
    let hash = 0;
    let i = from;
    for (; i < limit; i++) {
      const c = buf[i]!;
      if (c === 60 /* < */) break;
      seen |= (c & 128) | (c === 38 || c === 95 ? 1 : 0);
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    // The cell ends there (a cell the piece cuts off is left to the general path, which
    // leaves it to the next piece).
    const cClose = this.names.cClose;
    const end = i + IS_T_CLOSE.length;
    if (!bytesAt(buf, i, IS_T_CLOSE) || !bytesAt(buf, end, cClose)) return null;
    this.after = end + cClose.length;
    const length = i - from;
    const plain = seen === 0 && length <= PLAIN_LONGEST;
    const slot = (hash ^ (hash >>> 13)) & (PLAIN_SLOTS - 1);
    if (plain) {
      const last = this.plain[slot]!;
      if (last.length === length && sameText(buf, from, last)) return last;
    }
    let text = buf.toString(seen & 128 ? 'utf8' : 'latin1', from, i);
    if (seen & 1) text = decodeOoxmlEscapes(decodeEntities(text));
    // Made from the bytes, the text is no view of other text; only the sharing is detach's.
    if (text.length >= 13) {
      const before = this.seen.get(text);
      if (before !== undefined) text = before;
      else this.seen.set(text, text);
    }
    if (plain) this.plain[slot] = text;
    return text;
  }

  /** Looks through buf[from, …) for sheetData's end tag or markup, reading no cell. */
  private skim(buf: Buffer, from: number): number {
    const sdClose = this.names.sdClose;
    const limit = buf.length;
    for (let i = from; i < limit; i++) {
      if (buf[i] !== 60) continue;
      const c = buf[i + 1];
      if (c === 33 || c === 63) {
        this.markup = true;
        return i;
      }
      if (c === 47 && bytesAt(buf, i, sdClose)) {
        this.end = i;
        return i;
      }
    }
    return limit;
  }

  private cells(buf: Buffer, from: number): number {
    const { row: rowName, c: cName, cClose, sdClose } = this.names;
    const onCell = this.onCell!;
    const sst = this.sst;
    const limit = buf.length;
    const cLength = cName.length;
    const cCloseLength = cClose.length;
    let row = this.row;
    let col = this.col;
    let pos = from;
    while (pos < limit) {
      let lt = pos;
      while (lt < limit && buf[lt] !== 60) lt++;
      if (lt >= limit) {
        pos = limit;
        break;
      }
      this.lt = lt;
      const c1 = buf[lt + 1];
      if (c1 === 47 /* / */) {
        if (bytesAt(buf, lt, sdClose)) {
          this.end = lt;
          pos = lt;
          break;
        }
        const gt = tagEndIn(buf, lt + 2);
        if (gt < 0) {
          pos = lt;
          break;
        }
        pos = gt;
        continue;
      }
      if (c1 === 33 /* ! */ || c1 === 63 /* ? */) {
        this.markup = true;
        pos = lt;
        break;
      }
      if (nameIn(buf, lt, cName)) {
        const gt = tagEndIn(buf, lt + cLength);
        if (gt < 0) {
          pos = lt;
          break;
        }
        const colBefore = col;
        const rowBefore = row;
        // Attributes: r and t located (not decoded) in one pass over the start tag.
        let rFrom = -1;
        let rTo = -1;
        let tFrom = -1;
        let tTo = -1;
        let i = lt + cLength;
        const tagStop = gt - 1;
        while (i < tagStop) {
          let c = buf[i]!;
          if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47) {
            i++;
            continue;
          }
          const nameFrom = i;
          while (i < tagStop && (c = buf[i]!) !== 61 && c !== 32 && c !== 9 && c !== 10 && c !== 13)
            i++;
          const nameTo = i;
          while (i < tagStop && buf[i] !== 34 && buf[i] !== 39) i++;
          const quote = buf[i];
          const valueFrom = i + 1;
          let valueTo = valueFrom;
          while (valueTo < tagStop && buf[valueTo] !== quote) valueTo++;
          i = valueTo + 1;
          if (nameTo - nameFrom === 1) {
            const n = buf[nameFrom];
            if (n === 114 /* r */) {
              rFrom = valueFrom;
              rTo = valueTo;
            } else if (n === 116 /* t */) {
              tFrom = valueFrom;
              tTo = valueTo;
            }
          }
        }
        if (rFrom >= 0) {
          // Only a reference that is not one, or is past the grid, is decoded (to say what is wrong).
          if (
            !refIn(buf, rFrom, rTo, SCRATCH) ||
            SCRATCH.col >= MAX_COLUMNS ||
            SCRATCH.row >= MAX_ROWS
          ) {
            parseRefInto(this.text(buf, rFrom, rTo), SCRATCH);
          }
          col = SCRATCH.col;
          row = SCRATCH.row;
        } else col = nextColumn(col, row);
        if (buf[gt - 2] === 47 /* / */) {
          pos = gt;
          continue;
        }
        // The common inline string, read before its end is looked for: its text is gone
        // through once.
        if (tTo - tFrom === 9 && bytesAt(buf, tFrom, INLINE_STR)) {
          const text = this.inlineText(buf, gt, limit);
          if (text !== null) {
            pos = this.after;
            if (text !== '') onCell(row, col, text);
            continue;
          }
        }
        const close = findIn(buf, cClose, gt);
        if (close < 0) {
          // Cut off: read again, from its start tag, with the next piece.
          col = colBefore;
          row = rowBefore;
          pos = lt;
          break;
        }
        pos = close + cCloseLength;
        let kind = T_NUMBER;
        if (tFrom >= 0) {
          kind =
            tTo - tFrom === 1 && buf[tFrom] === 115 /* s */
              ? T_SHARED
              : tTo - tFrom === 1 && buf[tFrom] === 110 /* n */
                ? T_NUMBER
                : T_OTHER;
        }
        // "<v>": an unprefixed value element (what nearly every producer writes).
        if (kind !== T_OTHER && buf[gt] === 60 && buf[gt + 1] === 118 && buf[gt + 2] === 62) {
          let vEnd = gt + 3;
          while (buf[vEnd] !== 60) vEnd++;
          const n = digitsIn(buf, gt + 3, vEnd);
          if (
            n >= 0 &&
            vEnd + 4 === close &&
            buf[vEnd + 1] === 47 &&
            buf[vEnd + 2] === 118 &&
            buf[vEnd + 3] === 62
          ) {
            if (kind === T_NUMBER) onCell(row, col, n);
            else {
              const text = sst[n];
              if (text !== undefined && text !== '') onCell(row, col, text);
            }
            continue;
          }
        }
        // A comment, CDATA section or processing instruction in a cell: the text reader's.
        for (let k = gt; k < close; k++) {
          if (buf[k] === 60 && (buf[k + 1] === 33 || buf[k + 1] === 63)) {
            this.markup = true;
            this.row = rowBefore;
            this.col = colBefore;
            return lt;
          }
        }
        const type = tFrom >= 0 ? this.text(buf, tFrom, tTo) : 'n';
        const value = cellValue(this.text(buf, gt, close), type, sst);
        if (value !== null && value !== '') {
          // A text cut from the cell's XML is copied (detach), each distinct one once.
          onCell(
            row,
            col,
            typeof value === 'string' && kind !== T_SHARED ? detach(value, this.seen) : value,
          );
        }
      } else if (nameIn(buf, lt, rowName)) {
        const gt = tagEndIn(buf, lt + rowName.length);
        if (gt < 0) {
          pos = lt;
          break;
        }
        if (rowAttrIn(buf, lt + rowName.length, gt)) {
          const n = digitsIn(buf, VALUE.from, VALUE.to);
          row =
            n >= 1 && n <= MAX_ROWS ? n - 1 : rowNumber(this.text(buf, VALUE.from, VALUE.to), row);
        } else row = rowNumber(undefined, row);
        col = -1;
        pos = gt;
      } else {
        const gt = tagEndIn(buf, lt + 1);
        if (gt < 0) {
          pos = lt;
          break;
        }
        pos = gt;
      }
    }
    this.row = row;
    this.col = col;
    return Math.min(pos, limit);
  }
}

/** The sheet read from its bytes by scanSheetBytes. */
interface ScannedSheet {
  skeleton: SheetSkeleton;
  /** Every byte of the part (after a byte order mark) is ASCII. */
  ascii: boolean;
  /** What the first refused cell threw (the cells after it were not read), or null. */
  cellError: Error | null;
}

/**
 * readSheetFromBytes over a ByteSource (see there); cells go to `onCell` as they are read
 * (null: the skeleton only). Bytes held whole are read in one pass; others `window` bytes at
 * a time (more when one element is longer), each window ending after a tag, a cell or tag
 * it cuts off read again with the next one. Either way the cells are read from the bytes
 * themselves (scanCellBytes): no window is turned into a string.
 */
export function scanSheetBytes(
  source: ByteSource,
  sharedStrings: readonly string[],
  onCell: ((row: number, col: number, value: CellValue) => void) | null,
  window = SHEET_WINDOW,
): ScannedSheet | null {
  const length = source.length;
  // 1. The start, to the end of sheetData's start tag.
  let tag: { lt: number; gt: number; p: string } | null = null;
  let headBytes: Uint8Array = new Uint8Array(0);
  for (let size = window; ; size *= 2) {
    headBytes = source.subarray(0, Math.min(length, size));
    tag = sheetDataTag(asBuffer(headBytes).toString('latin1'));
    if (tag && tag.gt >= 0) break;
    if (headBytes.length >= length || size >= MAX_HEAD) return null;
  }
  const { gt: hole, p } = tag;
  // <sheetData/> holds no cells: the text is short enough.
  if (headBytes[hole - 2] === 47) return null;
  const headText = windowText(headBytes.subarray(0, hole));
  const head = headText.text;
  const names = cellNames(p);
  // 2. sheetData's inside: all at once when every byte is here, else window by window.
  const scan = new CellByteScan(names, sharedStrings, onCell);
  let ascii = true;
  let tailStart = -1;
  if (source instanceof Uint8Array) {
    // Bytes that are not all ASCII must all be UTF-8 (as decoding them strictly would say).
    ascii = isAscii(source);
    if (!ascii) utf8OrDamage(source);
    scan.ascii = ascii;
    scan.run(source, hole, length);
    if (scan.markup || scan.end < 0) return null;
    tailStart = scan.end;
  } else {
    let pos = hole;
    let size = window;
    while (tailStart < 0) {
      const b = Math.min(length, pos + size);
      const bytes = source.subarray(pos, b);
      // The window ends after its last ">" (a character boundary in UTF-8), unless it is the last.
      let cut = b >= length ? bytes.length : lastGt(bytes) + 1;
      if (cut <= 0) {
        size *= 2; // one text longer than the window
        continue;
      }
      const piece = bytes.subarray(0, cut);
      const pieceAscii = isAscii(piece);
      if (!pieceAscii) {
        utf8OrDamage(piece);
        ascii = false;
      }
      scan.ascii = pieceAscii;
      const stop = scan.run(piece, 0, piece.length);
      if (scan.markup) return null;
      if (scan.end >= 0) {
        tailStart = pos + scan.end;
        break;
      }
      if (b >= length) return null; // no </sheetData>: not well-formed, which the check reports
      if (stop < cut) {
        // A cell or tag cut off by the window: from its start with the next, longer if need be.
        cut = stop;
        size = stop === 0 ? size * 2 : window;
      } else size = window;
      pos += cut;
    }
  }
  const { cellError } = scan;
  // 3. The rest, from sheetData's end tag on.
  const tail = windowText(source.subarray(tailStart, length));
  const text = head + tail.text;
  // 4. The skeleton must be well-formed with sheetData at the hole.
  try {
    checkWellFormed(text);
  } catch {
    return null;
  }
  const sd = sheetDataRange(text);
  if (!sd || sd.openEnd !== head.length || sd.closeStart !== head.length) return null;
  const skeletonAscii = headText.ascii && tail.ascii;
  return {
    skeleton: {
      text,
      hole: head.length,
      holeByte: hole,
      holeLength: tailStart - hole,
      ascii: skeletonAscii,
      markup: false,
    },
    ascii: ascii && skeletonAscii,
    cellError,
  };
}
