/**
 * Worksheet XML building blocks: cells (always text or numbers, never formulas), a splicer
 * that patches rows of an existing sheetData while leaving every other row byte-for-byte,
 * and a writer for whole worksheets the refresh owns.
 */

import { columnLetter, rangeToA1, toA1 } from '../core/address';
import type { RangeRef } from '../core/input';
import type { PrintSetup } from '../core/write-plan';
import { footerSections } from '../core/summary-sheet';
import { MAIN_NS, REL_NS } from './package';
import { parseCellRef } from './read';
import {
  attrIn,
  encodeCellText,
  escapeAttr,
  escapeText,
  nextTag,
  setAttr,
  type Edit,
  type ElementRange,
} from './xml';
import { asBuffer, SHEET_WINDOW, type ByteSource, type Piece } from './zip';
import { fitCell } from '../core/limits';
import type { SheetSkeleton } from './file';

export type { SheetSkeleton } from './file';

/** CT_Worksheet child order (ECMA-376 Part 1, 18.3.1.99). */
export const WORKSHEET_ORDER = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
] as const;

/** A text cell as an inline string: never a formula, whatever the text starts with. */
export function textCell(p: string, row: number, col: number, value: string, s: number): string {
  // The backstop of the core's caps: no cell we write holds more than Excel's 32,767.
  const text = fitCell(value);
  const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
  return `<${p}c r="${toA1(row, col)}"${s ? ` s="${s}"` : ''} t="inlineStr"><${p}is><${p}t${space}>${encodeCellText(text)}</${p}t></${p}is></${p}c>`;
}

/** A text cell that refers to item `id` of the shared-string table (never a formula either). */
export function sharedTextCell(p: string, row: number, col: number, id: number, s: number): string {
  return `<${p}c r="${toA1(row, col)}"${s ? ` s="${s}"` : ''} t="s"><${p}v>${id}</${p}v></${p}c>`;
}

/** A number cell. */
export function numberCell(p: string, row: number, col: number, n: number, s: number): string {
  return `<${p}c r="${toA1(row, col)}"${s ? ` s="${s}"` : ''}><${p}v>${String(n)}</${p}v></${p}c>`;
}

/** An empty, styled cell. */
export function blankCell(p: string, row: number, col: number, s: number): string {
  return `<${p}c r="${toA1(row, col)}"${s ? ` s="${s}"` : ''}/>`;
}

/** A cell value or an empty styled cell, by type. */
export function anyCell(
  p: string,
  row: number,
  col: number,
  value: string | number | null,
  s: number,
): string {
  if (typeof value === 'number' && Number.isFinite(value)) return numberCell(p, row, col, value, s);
  if (typeof value === 'string' && value !== '') return textCell(p, row, col, value, s);
  return blankCell(p, row, col, s);
}

/** A row of a sheetData text: where its tags are, its 0-based number, whether it has `r`. */
export interface RowSlice {
  num: number;
  start: number;
  openEnd: number;
  closeStart: number;
  end: number;
  hasR: boolean;
  name: string;
}

interface CellSlice {
  col: number;
  start: number;
  end: number;
  hasR: boolean;
  hasValue: boolean;
}

/**
 * True when sheetData (bytes [sd.openEnd, sd.closeStart)) holds a comment, CDATA section or
 * processing instruction, where a "</row>" need not be a row's end tag.
 */
export function markupInSheetData(source: string | Uint8Array, sd: ElementRange): boolean {
  const text = typeof source === 'string';
  return ['<!', '<?'].some((markup) => {
    const at = text
      ? source.indexOf(markup, sd.openEnd)
      : asBuffer(source).indexOf(markup, sd.openEnd, 'latin1');
    return at >= 0 && at < sd.closeStart;
  });
}

/**
 * Where patchSheetData reads a sheet: its text, or, when every character of the part is one
 * byte (Package.sourceBytes), its bytes, taken front to back. From bytes the rows are read
 * through windows of about 64 KB decoded one at a time, so the sheet never has to be
 * held as a string while it is written, and from an InflatingSource not even as bytes;
 * unchanged spans go out as views of the bytes.
 */
export class SheetSource {
  private constructor(
    private readonly xml: string,
    private readonly bytes: ByteSource | null,
  ) {}

  /** The part's text. */
  static text(xml: string): SheetSource {
    return new SheetSource(xml, null);
  }

  /**
   * The part's bytes (offset for offset with its text) when sheetData can be read in
   * windows: `markup` (markupInSheetData) is false, so every "</row>" is a row's end tag.
   * Else the text.
   */
  static best(text: () => string, bytes: ByteSource | undefined, markup: boolean): SheetSource {
    return bytes && !markup ? new SheetSource('', bytes) : SheetSource.text(text());
  }

  /** The part's length. */
  get length(): number {
    return this.bytes ? this.bytes.length : this.xml.length;
  }

  /** xml[a, b) as a piece of output (from bytes: a is never before an earlier span's a). */
  span(a: number, b: number): Piece {
    return this.bytes ? this.bytes.subarray(a, b) : this.xml.slice(a, b);
  }

  /** True when the source is bytes taken front to back. */
  get streamed(): boolean {
    return this.bytes !== null;
  }

  /**
   * windows() as bytes (a source over bytes only): each a view of the part's bytes with the
   * offset of its first byte, cut the same way, so nothing of the sheet is decoded.
   */
  *byteWindows(from: number, to: number, open: string): Generator<{ bytes: Buffer; base: number }> {
    const bytes = this.bytes;
    if (!bytes) throw new Error('SheetSource.byteWindows over a text');
    let a = from;
    while (a < to) {
      const b = windowEnd(bytes, a, to, open);
      yield { bytes: asBuffer(bytes.subarray(a, b)), base: a };
      a = b;
    }
  }

  /**
   * The range [from, to) as texts to scan, each with the offset of its first character;
   * each window but the last ends just before a row's start tag `open` ("<x:row"), so it
   * holds whole rows (rows without cells, "<row r="9"/>", included).
   */
  *windows(from: number, to: number, open: string): Generator<{ text: string; base: number }> {
    const bytes = this.bytes;
    if (!bytes) {
      yield { text: this.xml, base: 0 };
      return;
    }
    let a = from;
    while (a < to) {
      const b = windowEnd(bytes, a, to, open);
      yield { text: asBuffer(bytes.subarray(a, b)).toString('latin1'), base: a };
      a = b;
    }
  }
}

/**
 * Where the window of `bytes` that starts at `a` ends: before the last row start tag `open`
 * in the next SHEET_WINDOW bytes (or more, for a longer row), or at `to`.
 */
function windowEnd(bytes: ByteSource, a: number, to: number, open: string): number {
  for (let size = SHEET_WINDOW; to - a > size; size *= 2) {
    const last = lastStartTag(asBuffer(bytes.subarray(a, a + size)), open);
    if (last > 0) return a + last;
  }
  return to;
}

/** Where the last start tag `open` (a row: "<x:row") begins in `buf`, or -1. */
function lastStartTag(buf: Buffer, open: string): number {
  for (let at = buf.lastIndexOf(open, undefined, 'latin1'); at >= 0;) {
    const c = buf[at + open.length];
    if (c === undefined || c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13) {
      return at;
    }
    at = at === 0 ? -1 : buf.lastIndexOf(open, at - 1, 'latin1');
  }
  return -1;
}

/** The skeleton of a one-byte-per-character worksheet text (copied, so `xml` can go). */
export function sheetSkeleton(xml: string, sd: ElementRange): SheetSkeleton {
  const copy = (a: number, b?: number): string =>
    Buffer.from(xml.slice(a, b), 'latin1').toString('latin1');
  const hole = sd.openEnd === sd.end ? sd.end : sd.openEnd;
  const holeLength = sd.openEnd === sd.end ? 0 : sd.closeStart - sd.openEnd;
  return {
    text: copy(0, hole) + copy(hole + holeLength),
    hole,
    holeByte: hole,
    holeLength,
    ascii: true,
    markup: markupInSheetData(xml, sd),
  };
}

/**
 * A skeleton offset as a byte offset in the part (an offset at the hole is the end of the
 * hole: sheetData's end tag; holeByte is its start).
 */
export function atPart(sk: SheetSkeleton, offset: number): number {
  if (sk.ascii) return offset < sk.hole ? offset : offset + sk.holeLength;
  if (offset < sk.hole) return Buffer.byteLength(sk.text.slice(0, offset), 'utf8');
  return sk.holeByte + sk.holeLength + Buffer.byteLength(sk.text.slice(sk.hole, offset), 'utf8');
}

/** The rows of xml[from, to), in document order (produced as they are scanned). */
export function* scanRows(
  xml: string,
  from: number,
  to: number,
  prev: number,
): Generator<RowSlice> {
  let pos = from;
  while (pos < to) {
    const t = nextTag(xml, pos);
    if (!t || t.start >= to) break;
    if (t.local === 'row' && t.kind !== 'close') {
      const r = Number(attrIn(xml, t.start, t.end, 'r') ?? 0);
      const num = r > 0 ? r - 1 : prev + 1;
      let closeStart = t.end;
      let end = t.end;
      if (t.kind === 'open') {
        closeStart = xml.indexOf(`</${t.name}>`, t.end);
        if (closeStart < 0) throw new Error('Unclosed row element');
        end = closeStart + t.name.length + 3;
      }
      yield { num, start: t.start, openEnd: t.end, closeStart, end, hasR: r > 0, name: t.name };
      prev = num;
      pos = end;
    } else pos = t.end;
  }
}

/** The cells of one row. */
function scanRowCells(xml: string, row: RowSlice): { cells: CellSlice[]; tailStart: number } {
  const cells: CellSlice[] = [];
  let pos = row.openEnd;
  let col = -1;
  let tailStart = row.openEnd;
  while (pos < row.closeStart) {
    const t = nextTag(xml, pos);
    if (!t || t.start >= row.closeStart) break;
    if (t.local !== 'c' || t.kind === 'close') break; // e.g. <extLst>: the row's tail
    const ref = attrIn(xml, t.start, t.end, 'r');
    const p = ref ? parseCellRef(ref) : null;
    col = p ? p.col : col + 1;
    let end = t.end;
    let hasValue = false;
    if (t.kind === 'open') {
      const close = xml.indexOf(`</${t.name}>`, t.end);
      if (close < 0) throw new Error('Unclosed cell element');
      end = close + t.name.length + 3;
      hasValue = /<(?:\w+:)?(?:v|is|f)[\s/>]/.test(xml.slice(t.end, close));
    }
    cells.push({ col, start: t.start, end, hasR: p !== null, hasValue });
    pos = end;
    tailStart = end;
  }
  return { cells, tailStart };
}

/**
 * Cell writes for one patch: the rows to write (ascending) and, per row, col → the new cell's
 * XML, or null to clear the cell (a cleared cell that holds a value is removed; a style-only
 * cell is kept). `get` is called once per row, when that row is written, so the cell XML of
 * a 100,000-row sheet is built as it streams out rather than all held at once.
 */
export interface CellWrites {
  rows: readonly number[];
  get(row: number): Map<number, string | null> | undefined;
  /**
   * Optional: the same writes as cells that refer to the shared-string table, in the
   * consecutive columns [firstCol, firstCol + width), so a patch from bytes writes them
   * straight into its output (sheetbytes.ts) instead of building their text.
   */
  shared?: SharedCellWrites;
}

/** CellWrites.shared (see there). */
export interface SharedCellWrites {
  firstCol: number;
  width: number;
  /**
   * Row `row`'s cells: their style and, per column from firstCol on, the table index of its
   * text (-1: the cell is cleared); undefined when the row has no writes, null when its
   * writes are not of that shape (then get() says what they are).
   */
  cells(row: number): { style: number; ids: Int32Array } | null | undefined;
}

/** CellWrites over a ready map (small sheets such as the history). */
export function writesFromMap(map: Map<number, Map<number, string | null>>): CellWrites {
  return { rows: [...map.keys()].sort((a, b) => a - b), get: (row) => map.get(row) };
}

/**
 * Yields the new inner text of sheetData, piece by piece, with the writes applied. Rows
 * without writes are copied byte for byte (only gaining an `r` attribute when the sheet omits
 * them, because inserted rows would otherwise shift their implicit numbers). From a source
 * over the part's bytes (SheetSource.best), every unchanged span is a view of them, so the
 * untouched bulk of a big sheet is neither joined nor encoded again; between two changes the
 * whole unchanged stretch is one piece.
 */
export function* patchSheetData(
  src: SheetSource,
  sd: ElementRange,
  writes: CellWrites,
  p: string,
): Generator<Piece> {
  const innerEnd = sd.openEnd === sd.end ? sd.openEnd : sd.closeStart;
  const targets = writes.rows;
  let ti = 0;
  // Everything in [copied, next edit) is unchanged and goes out as one span. Pieces are
  // gathered row by row and yielded from here (no generator per edit: a 100,000-row sheet
  // has 200,000 of them).
  let copied = sd.openEnd;
  const pending: Piece[] = [];
  const edit = (start: number, end: number, text: string): void => {
    if (start > copied) pending.push(src.span(copied, start));
    if (text !== '') pending.push(text);
    copied = end;
  };
  const newRow = (num: number): string => {
    const cols = writes.get(num);
    if (!cols) return '';
    const cells = byColumn(cols);
    return cells.length > 0 ? `<${p}row r="${num + 1}">${cells.join('')}</${p}row>` : '';
  };
  let prev = -1;
  if (sd.openEnd !== sd.end) {
    for (const { text: xml, base } of src.windows(sd.openEnd, innerEnd, `<${p}row`)) {
      const from = Math.max(sd.openEnd, base) - base;
      for (const row of scanRows(xml, from, Math.min(innerEnd - base, xml.length), prev)) {
        prev = row.num;
        const at = base + row.start;
        while (ti < targets.length && targets[ti]! < row.num) edit(at, at, newRow(targets[ti++]!));
        if (targets[ti] === row.num) {
          ti++;
          const w = writes.get(row.num);
          if (w) {
            for (const e of rowEdits(xml, row, w)) edit(base + e.start, base + e.end, e.text);
          }
        } else if (!row.hasR) {
          // Numbered, so rows inserted before it cannot shift its implicit number.
          const open = setAttr(xml.slice(row.start, row.openEnd), 'r', String(row.num + 1));
          edit(at, base + row.openEnd, open);
        }
        if (pending.length > 0) {
          for (let i = 0; i < pending.length; i++) yield pending[i]!;
          pending.length = 0;
        }
      }
      // Bytes are taken front to back: the window's unchanged rest goes out before the next.
      const windowEnd = Math.min(innerEnd, base + xml.length);
      if (src.streamed && windowEnd > copied) edit(windowEnd, windowEnd, '');
      for (let i = 0; i < pending.length; i++) yield pending[i]!;
      pending.length = 0;
    }
  }
  while (ti < targets.length) edit(innerEnd, innerEnd, newRow(targets[ti++]!));
  if (innerEnd > copied) pending.push(src.span(copied, innerEnd));
  yield* pending;
}

/** The cells of a row's writes in column order, cleared ones (null) left out. */
export function byColumn(writes: Map<number, string | null>): string[] {
  const cells: string[] = [];
  let last = -1;
  let sorted = true;
  for (const [col, w] of writes) {
    if (col < last) sorted = false;
    last = col;
    if (w !== null) cells.push(w);
  }
  if (sorted) return cells;
  return [...writes.entries()]
    .filter((e): e is [number, string] => e[1] !== null)
    .sort((a, b) => a[0] - b[0])
    .map((e) => e[1]);
}

/**
 * The edit that puts sheetData's new inner text in place: between its tags, or, for an empty
 * <sheetData/>, the element opened around it.
 */
export function sheetDataEdit<P extends Piece>(
  sd: ElementRange,
  p: string,
  inner: Iterable<P>,
): Edit<P | string> {
  if (sd.openEnd !== sd.end) return { start: sd.openEnd, end: sd.closeStart, text: inner };
  return {
    start: sd.start,
    end: sd.end,
    text: wrapped(`<${p}sheetData>`, inner, `</${p}sheetData>`),
  };
}

function* wrapped<P>(open: string, inner: Iterable<P>, close: string): Generator<string | P> {
  yield open;
  yield* inner;
  yield close;
}

/** patchSheetData over a text: the new inner text of sheetData as strings. */
export function* patchSheetText(
  xml: string,
  sd: ElementRange,
  writes: CellWrites,
  p: string,
): Generator<string> {
  for (const piece of patchSheetData(SheetSource.text(xml), sd, writes, p)) {
    if (typeof piece !== 'string') throw new Error('A text source yielded bytes');
    yield piece;
  }
}

const CELL_WITHOUT_R = new Map<string, RegExp>();
/** Matches a cell start tag (with prefix p) that has no r attribute. */
function cellWithoutR(p: string): RegExp {
  let re = CELL_WITHOUT_R.get(p);
  if (!re) {
    re = new RegExp(`<${p}c(?=[\\s>/])(?![^>]*\\sr\\s*=)`);
    CELL_WITHOUT_R.set(p, re);
  }
  return re;
}

/** The first "lo:hi" of a row start tag's `spans` (an optimisation hint), or null. */
export function spansOf(open: string): [number, number] | null {
  const m = /^(\d+):(\d+)/.exec(attrIn(open, 0, open.length, 'spans') ?? '');
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** A change inside one row: xml[start, end) becomes text. */
export interface RowEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Fast path for the common case of a first refresh: the row's last cell has an `r` left of
 * the written columns and no cell lacks `r`, so the new cells are inserted after the row's
 * cells without scanning each of them (and the start tag is changed only when its `r` or
 * `spans` must be). Returns null when the general path is needed.
 */
function appendOnlyRow(
  xml: string,
  row: RowSlice,
  writes: Map<number, string | null>,
): RowEdit[] | null {
  let minWrite = Infinity;
  let maxWrite = -1;
  for (const col of writes.keys()) {
    if (col < minWrite) minWrite = col;
    if (col > maxWrite) maxWrite = col;
  }
  const cells = byColumn(writes);
  const at = appendPoint(xml, row, minWrite, maxWrite, cells.length > 0);
  if (at === null) return null;
  const edits: RowEdit[] = [];
  if (at.open !== null) edits.push({ start: row.start, end: row.openEnd, text: at.open });
  edits.push({ start: at.cellEnd, end: at.cellEnd, text: cells.join('') });
  return edits;
}

/**
 * Where appendOnlyRow puts a row's new cells (in columns minWrite..maxWrite; `anyCells`:
 * not all of them cleared): after the last cell, and the row's new start tag (null:
 * unchanged); null when the general path is needed. Shared with the byte patch
 * (sheetbytes.ts), which writes the cells itself.
 */
export function appendPoint(
  xml: string,
  row: RowSlice,
  minWrite: number,
  maxWrite: number,
  anyCells: boolean,
): { cellEnd: number; open: string | null } | null {
  if (row.openEnd === row.end) return null;
  const p = row.name.slice(0, row.name.length - 3);
  const lastCell = xml.lastIndexOf(`<${p}c `, row.closeStart);
  if (lastCell < row.openEnd) return null;
  const tagEnd = xml.indexOf('>', lastCell) + 1;
  const lastTag = xml.slice(lastCell, tagEnd);
  let cellEnd = tagEnd;
  if (!lastTag.endsWith('/>')) {
    const close = xml.indexOf(`</${p}c>`, tagEnd);
    if (close < 0 || close > row.closeStart) return null;
    cellEnd = close + p.length + 4;
  }
  // Something after the last cell (e.g. <extLst>) needs the general path.
  if (xml.slice(cellEnd, row.closeStart).includes('<')) return null;
  const ref = attrIn(lastTag, 0, lastTag.length, 'r');
  const last = ref ? parseCellRef(ref) : null;
  if (!last || last.col >= minWrite) return null;
  // A cell without r would be renumbered by ours: general path.
  if (cellWithoutR(p).test(xml.slice(row.openEnd, cellEnd))) return null;
  const original = xml.slice(row.start, row.openEnd);
  let open = original;
  if (!row.hasR) open = setAttr(open, 'r', String(row.num + 1));
  const spans = spansOf(open);
  if (spans && anyCells && spans[1] < maxWrite + 1) {
    open = setAttr(open, 'spans', `${spans[0]}:${maxWrite + 1}`);
  }
  return { cellEnd, open: open === original ? null : open };
}

/** The changes that apply `writes` to one row, in document order. */
export function rowEdits(
  xml: string,
  row: RowSlice,
  writes: Map<number, string | null>,
): RowEdit[] {
  return (
    appendOnlyRow(xml, row, writes) ?? [
      { start: row.start, end: row.end, text: rewriteRow(xml, row, writes) },
    ]
  );
}

/** The row's new text with the writes applied to its cells (the general path). */
function rewriteRow(xml: string, row: RowSlice, writes: Map<number, string | null>): string {
  const { cells, tailStart } =
    row.openEnd === row.end ? { cells: [], tailStart: row.end } : scanRowCells(xml, row);
  const needR = cells.some((c) => !c.hasR);
  const items: { col: number; text: string }[] = [];
  for (const c of cells) {
    if (writes.has(c.col)) {
      const w = writes.get(c.col);
      if (w !== null || c.hasValue) continue; // replaced, or cleared
    }
    let text = xml.slice(c.start, c.end);
    if (needR && !c.hasR) {
      const openEnd = text.indexOf('>') + 1;
      const open = setAttr(text.slice(0, openEnd), 'r', toA1(row.num, c.col));
      text = open + text.slice(openEnd);
    }
    items.push({ col: c.col, text });
  }
  for (const [col, w] of writes) if (w !== null) items.push({ col, text: w });
  items.sort((a, b) => a.col - b.col);
  let open = xml.slice(row.start, row.openEnd);
  if (!row.hasR) open = setAttr(open, 'r', String(row.num + 1));
  const spans = spansOf(open);
  if (spans && items.length > 0) {
    const lo = Math.min(spans[0], items[0]!.col + 1);
    const hi = Math.max(spans[1], items[items.length - 1]!.col + 1);
    open = setAttr(open, 'spans', `${lo}:${hi}`);
  }
  const tail = row.openEnd === row.end ? '' : xml.slice(tailStart, row.closeStart);
  if (open.endsWith('/>')) open = open.replace(/\s*\/>$/, '>');
  return `${open}${items.map((i) => i.text).join('')}${tail}</${row.name}>`;
}

/** Union of two ranges. */
export function unionRange(a: RangeRef, b: RangeRef): RangeRef {
  const row = Math.min(a.row, b.row);
  const col = Math.min(a.col, b.col);
  const endRow = Math.max(a.row + a.rowCount, b.row + b.rowCount);
  const endCol = Math.max(a.col + a.colCount, b.col + b.colCount);
  return { row, col, rowCount: endRow - row, colCount: endCol - col };
}

/** A conditional-format data bar. */
export interface DataBarSpec {
  range: RangeRef;
  color: string;
}

/** The worksheet elements of a print setup, with the sheet's namespace prefix `p`. */
export function printElements(
  print: PrintSetup,
  p = '',
): {
  pageSetUpPr: string;
  printOptions: string;
  pageMargins: string;
  pageSetup: string;
  headerFooter: string;
  rowBreaks: string;
} {
  const m = print.margins;
  const f = print.footer;
  // "&L…&C…&R…": ECMA-376 Part 1, 18.3.1.46 oddFooter, in the codes footerSections spells.
  const sections = f ? footerSections(f) : null;
  const footer = sections
    ? `&L${sections.left}&C${sections.center}${sections.right === '' ? '' : `&R${sections.right}`}`
    : '';
  const breaks = print.rowBreaks ?? [];
  return {
    headerFooter: f
      ? `<${p}headerFooter><${p}oddFooter>${escapeText(footer)}</${p}oddFooter></${p}headerFooter>`
      : '',
    // <brk id> is the 0-based index of the first row of the new page (18.3.1.3 brk).
    rowBreaks:
      breaks.length === 0
        ? ''
        : `<${p}rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((r) => `<${p}brk id="${r}" max="16383" man="1"/>`).join('')}</${p}rowBreaks>`,
    pageSetUpPr: `<${p}pageSetUpPr fitToPage="1"/>`,
    printOptions: print.centerHorizontally ? `<${p}printOptions horizontalCentered="1"/>` : '',
    pageMargins: `<${p}pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`,
    // fitToHeight="0": as many pages tall as the content needs; only the width is fitted.
    pageSetup: `<${p}pageSetup orientation="${print.orientation}" fitToWidth="${print.fitToPagesWide}" fitToHeight="0"/>`,
  };
}

/** Everything a worksheet we own holds. */
export interface OwnedSheet {
  cells: { row: number; col: number; xml: string }[];
  widths: { col: number; width: number }[];
  dataBars: DataBarSpec[];
  hyperlinks: { row: number; col: number; location: string; display: string }[];
  drawingRId: string | null;
  showGridLines: boolean;
  /** Rows frozen at the top (0 for none). */
  frozenRows: number;
  /** Print landscape, scaled to one page wide (the summary prints as an executive reads it). */
  fitToPageWidth?: boolean;
  /** The plan's print layout; wins over `fitToPageWidth`. */
  print?: PrintSetup;
  /** Explicit row heights (points). */
  rowHeights?: readonly { row: number; height: number }[];
}

/** XML of a whole worksheet the refresh owns (summary, history, sample). */
export function ownedSheetXml(sheet: OwnedSheet): string {
  const byRow = new Map<number, { col: number; xml: string }[]>();
  let maxRow = 0;
  let maxCol = 0;
  for (const c of sheet.cells) {
    let list = byRow.get(c.row);
    if (!list) byRow.set(c.row, (list = []));
    list.push(c);
    maxRow = Math.max(maxRow, c.row);
    maxCol = Math.max(maxCol, c.col);
  }
  const heights = new Map((sheet.rowHeights ?? []).map((h) => [h.row, h.height]));
  // A blank row with a height set is written too (the summary sets every row's height).
  for (const r of heights.keys()) if (!byRow.has(r)) byRow.set(r, []);
  const rows = [...byRow.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([r, cells]) => {
      cells.sort((a, b) => a.col - b.col);
      const h = heights.get(r);
      const ht = h === undefined ? '' : ` ht="${h}" customHeight="1"`;
      return `<row r="${r + 1}"${ht}>${cells.map((c) => c.xml).join('')}</row>`;
    });
  const parts: string[] = [];
  parts.push(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`,
  );
  const print = sheet.print ? printElements(sheet.print) : null;
  if (print) parts.push(`<sheetPr>${print.pageSetUpPr}</sheetPr>`);
  else if (sheet.fitToPageWidth) parts.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  parts.push(`<dimension ref="${sheet.cells.length ? `A1:${toA1(maxRow, maxCol)}` : 'A1'}"/>`);
  const pane =
    sheet.frozenRows > 0
      ? `<pane ySplit="${sheet.frozenRows}" topLeftCell="A${sheet.frozenRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${sheet.frozenRows + 1}" sqref="A${sheet.frozenRows + 1}"/>`
      : '';
  const grid = sheet.showGridLines ? '' : ' showGridLines="0"';
  parts.push(
    `<sheetViews><sheetView${grid} workbookViewId="0"${pane ? `>${pane}</sheetView>` : '/>'}</sheetViews>`,
  );
  parts.push('<sheetFormatPr defaultRowHeight="15"/>');
  if (sheet.widths.length > 0) {
    const widths = [...sheet.widths].sort((a, b) => a.col - b.col);
    parts.push(
      `<cols>${widths.map((w) => `<col min="${w.col + 1}" max="${w.col + 1}" width="${w.width}" customWidth="1"/>`).join('')}</cols>`,
    );
  }
  parts.push(rows.length ? `<sheetData>${rows.join('')}</sheetData>` : '<sheetData/>');
  sheet.dataBars.forEach((bar, i) => {
    parts.push(
      `<conditionalFormatting sqref="${rangeToA1(bar.range)}"><cfRule type="dataBar" priority="${i + 1}"><dataBar><cfvo type="num" val="0"/><cfvo type="max"/><color rgb="FF${bar.color.replace('#', '').toUpperCase()}"/></dataBar></cfRule></conditionalFormatting>`,
    );
  });
  if (sheet.hyperlinks.length > 0) {
    parts.push(
      `<hyperlinks>${sheet.hyperlinks.map((h) => `<hyperlink ref="${toA1(h.row, h.col)}" location="${escapeAttr(h.location)}" display="${escapeAttr(h.display)}"/>`).join('')}</hyperlinks>`,
    );
  }
  if (print) {
    parts.push(
      print.printOptions,
      print.pageMargins,
      print.pageSetup,
      print.headerFooter,
      print.rowBreaks,
    );
  } else {
    parts.push(
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
    );
    if (sheet.fitToPageWidth) {
      parts.push('<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    }
  }
  if (sheet.drawingRId) parts.push(`<drawing r:id="${sheet.drawingRId}"/>`);
  parts.push('</worksheet>');
  return parts.join('');
}

/** "$A$1:$B$2" style absolute reference of a range. */
export function absoluteRange(r: RangeRef): string {
  const a = `$${columnLetter(r.col)}$${r.row + 1}`;
  const b = `$${columnLetter(r.col + r.colCount - 1)}$${r.row + r.rowCount}`;
  return r.rowCount === 1 && r.colCount === 1 ? a : `${a}:${b}`;
}
