/**
 * patchSheetData (sheetxml.ts) over a sheet's bytes, for writes that refer to the shared-string
 * table (CellWrites.shared): the rows are found and the common row is patched on the bytes
 * themselves, and the new cells are written as bytes straight into the output, so a
 * 100,000-row inventory is neither decoded into window strings nor given a string, a map and
 * an edit per row. A row of any other shape (a cell without `r`, cells out of order, space
 * between cells, markup after them, a style-only cell to clear) is decoded alone and patched
 * by the text path (rowEdits), so the output is the same byte for byte as patchSheetData's.
 *
 * The bytes are UTF-8, not necessarily ASCII (an accented name in an inline string): rows
 * and tags are found in a Latin-1 view of them, where every byte is one character and every
 * byte below 128 is the character it is in UTF-8, so offsets are byte offsets. A tag taken
 * from that view and changed (a row's `r` or `spans`) is written back as Latin-1, which
 * gives its bytes back as they were; new text is written as UTF-8.
 */

import { isAscii } from 'node:buffer';
import { columnLetter } from '../core/address';
import {
  appendPoint,
  byColumn,
  rowEdits,
  scanRows,
  type CellWrites,
  type RowSlice,
  type SharedCellWrites,
  type SheetSource,
} from './sheetxml';
import { setAttr, type ElementRange } from './xml';
import * as bytescan from './bytescan';
import { pieceBuffer, type Piece } from './zip';

// Bound once: run through tsx (the benchmarks), an imported binding is read through a getter,
// a call per read in the row loop below.
const { ascii, ATTR, attrAt, find, GT, LT, nameAt, QUOT, refIn, SLASH, tagEndAt } = bytescan;

/** Scratch for refIn. */
const REF = { row: 0, col: 0 };

/** The 0-based column of a cell reference ("AB12", "$AB$12") in buf[from, to), or -1. */
function refColumn(buf: Uint8Array, from: number, to: number): number {
  return refIn(buf, from, to, REF) ? REF.col : -1;
}

/**
 * The patched sheetData as bytes: unchanged spans of the source copied in, new cells written
 * straight in, in pieces the ZIP entry deflates as they are (pieceBuffer: no copy, and no
 * fresh buffer per piece). A piece is never written again once handed on: the consumer may
 * keep it.
 */
class OutBytes {
  private chunk = pieceBuffer();
  private at = 0;
  /** Pieces complete and not yet handed on. */
  readonly full: Uint8Array[] = [];
  private readonly cOpen: Uint8Array;
  private readonly sAttr = ascii('" s="');
  private readonly vOpen: Uint8Array;
  private readonly vClose: Uint8Array;
  private readonly rowOpen: Uint8Array;
  private readonly rowClose: Uint8Array;
  /** Column letters by column (from firstCol on). */
  private readonly letters: Uint8Array[];
  /** The most bytes one row's new cells can take. */
  private readonly rowMax: number;

  constructor(p: string, firstCol: number, width: number) {
    this.cOpen = ascii(`<${p}c r="`);
    this.vOpen = ascii(`" t="s"><${p}v>`);
    this.vClose = ascii(`</${p}v></${p}c>`);
    this.rowOpen = ascii(`<${p}row r="`);
    this.rowClose = ascii(`</${p}row>`);
    this.letters = [];
    for (let j = 0; j < width; j++) this.letters.push(ascii(columnLetter(firstCol + j)));
    this.rowMax = 64 + 2 * p.length + width * (80 + 4 * p.length);
  }

  /** Copies bytes in (a span of the source). */
  bytes(b: Uint8Array): void {
    if (b.length > this.chunk.length - this.at) {
      this.flush();
      if (b.length > this.chunk.length) {
        this.full.push(b);
        return;
      }
    }
    this.chunk.set(b, this.at);
    this.at += b.length;
  }

  /**
   * Writes text in: UTF-8 (the part's encoding: a source over bytes is only ever that), or
   * Latin-1 for text taken from the Latin-1 view of the bytes (see the file's header).
   */
  text(t: string, encoding: 'utf8' | 'latin1' = 'utf8'): void {
    const most = encoding === 'utf8' ? t.length * 3 : t.length;
    if (most > this.chunk.length - this.at) {
      this.flush();
      if (most > this.chunk.length) {
        this.full.push(Buffer.from(t, encoding));
        return;
      }
    }
    this.at += this.chunk.write(t, this.at, encoding);
  }

  /** One row's cells: `<c r="J7" s="3" t="s"><v>12</v></c>` per id ≥ 0 (sharedTextCell). */
  cells(row: number, style: number, ids: Int32Array): void {
    if (this.rowMax > this.chunk.length - this.at) this.flush();
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j]!;
      if (id < 0) continue;
      this.put(this.cOpen);
      this.put(this.letters[j]!);
      this.num(row + 1);
      if (style) {
        this.put(this.sAttr);
        this.num(style);
      }
      this.put(this.vOpen);
      this.num(id);
      this.put(this.vClose);
    }
  }

  /** A new row holding the cells (patchSheetData's newRow). */
  row(row: number, style: number, ids: Int32Array): void {
    if (this.rowMax + 64 > this.chunk.length - this.at) this.flush();
    this.put(this.rowOpen);
    this.num(row + 1);
    this.chunk[this.at++] = QUOT;
    this.chunk[this.at++] = GT;
    this.cells(row, style, ids);
    this.put(this.rowClose);
  }

  /** Ends the current piece (if it holds anything). */
  flush(): void {
    if (this.at === 0) return;
    this.full.push(this.chunk.subarray(0, this.at));
    this.chunk = pieceBuffer();
    this.at = 0;
  }

  /** Ends the last piece (nothing is written after it). */
  finish(): void {
    if (this.at > 0) this.full.push(this.chunk.subarray(0, this.at));
    this.at = 0;
  }

  /** A few bytes: a loop is cheaper than a copy call for these. */
  private put(b: Uint8Array): void {
    const chunk = this.chunk;
    let at = this.at;
    for (let i = 0; i < b.length; i++) chunk[at++] = b[i]!;
    this.at = at;
  }

  private num(n: number): void {
    const chunk = this.chunk;
    if (n < 10) {
      chunk[this.at++] = 48 + n;
      return;
    }
    let digits = 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
    let i = this.at + digits;
    this.at = i;
    while (n >= 10) {
      const q = Math.floor(n / 10);
      chunk[--i] = 48 + (n - q * 10);
      n = q;
    }
    chunk[--i] = 48 + n;
  }
}

/** Most cells a row may have for the byte path; a longer row takes the text path. */
const MAX_CELLS = 1024;

/**
 * patchSheetData for a source over bytes and writes with `shared` cells (see the file's
 * header): the same pieces' bytes, the new cells written as bytes.
 */
export function* patchSheetBytes(
  src: SheetSource,
  sd: ElementRange,
  writes: CellWrites & { shared: SharedCellWrites },
  p: string,
): Generator<Piece> {
  const shared = writes.shared;
  const { firstCol, width } = shared;
  const lastCol = firstCol + width - 1;
  const innerEnd = sd.openEnd === sd.end ? sd.openEnd : sd.closeStart;
  const targets = writes.rows;
  const out = new OutBytes(p, firstCol, width);
  const rowName = `${p}row`;
  const rowOpen = ascii(`<${rowName}`);
  const cName = ascii(`<${p}c`);
  const cClose = ascii(`</${p}c>`);
  const valueRe = /<(?:\w+:)?(?:v|is|f)[\s/>]/;
  // A row's cells (reused from row to row).
  const cellStart = new Int32Array(MAX_CELLS);
  const cellEnd = new Int32Array(MAX_CELLS);
  const cellCol = new Int32Array(MAX_CELLS);
  /** Where a cell's start tag ends (= its end when it is empty). */
  const cellGt = new Int32Array(MAX_CELLS);
  let ti = 0;
  // Everything in [copied, the next edit) is unchanged: copied in when the edit is made.
  let copied = sd.openEnd;
  // The current window and its offset in the part (copied never falls behind its start).
  let win: Buffer = Buffer.alloc(0);
  let base = 0;
  /** Copies the unchanged bytes up to `at` (an offset in the part) and skips to `to`. */
  const upTo = (at: number, to: number = at): void => {
    if (at > copied) out.bytes(win.subarray(copied - base, at - base));
    copied = to;
  };
  /** patchSheetData's newRow: row `num` written as new at `at`, if it has cells. */
  const newRow = (num: number, at: number): void => {
    const c = shared.cells(num);
    if (c === undefined) return;
    if (c === null) {
      const cols = writes.get(num);
      const cells = cols ? byColumn(cols) : [];
      if (cells.length === 0) return;
      upTo(at);
      out.text(`<${rowName} r="${num + 1}">${cells.join('')}</${rowName}>`);
      return;
    }
    if (!c.ids.some((id) => id >= 0)) return;
    upTo(at);
    out.row(num, c.style, c.ids);
  };
  /** The row decoded alone and patched by the text path (rowEdits). */
  const textRow = (row: RowSlice, at: number): void => {
    const w = writes.get(row.num);
    if (!w) return;
    const bytes = win.subarray(row.start, row.end);
    if (isAscii(bytes)) {
      const xml = bytes.toString('latin1');
      const local: RowSlice = {
        ...row,
        start: 0,
        openEnd: row.openEnd - row.start,
        closeStart: row.closeStart - row.start,
        end: row.end - row.start,
      };
      for (const e of rowEdits(xml, local, w)) {
        upTo(at + e.start, at + e.end);
        out.text(e.text);
      }
      return;
    }
    // Text in other scripts: the row is decoded as UTF-8 and its edits' offsets are counted
    // back into bytes (the edits keep the row's text as text, so it is encoded as it was).
    const xml = bytes.toString('utf8');
    const first = scanRows(xml, 0, xml.length, row.num - 1).next();
    if (first.done === true) throw new Error('A row found in the bytes was not found in its text');
    const local = first.value;
    let charAt = 0;
    let byteAt = 0;
    const byteOf = (offset: number): number => {
      byteAt += Buffer.byteLength(xml.slice(charAt, offset), 'utf8');
      charAt = offset;
      return byteAt;
    };
    for (const e of rowEdits(xml, local, w)) {
      const start = byteOf(e.start);
      upTo(at + start, at + byteOf(e.end));
      out.text(e.text);
    }
  };
  let prev = -1;
  if (sd.openEnd !== sd.end) {
    for (const w of src.byteWindows(sd.openEnd, innerEnd, `<${rowName}`)) {
      win = w.bytes;
      base = w.base;
      // The rows are found in the window's text (V8's string search is faster than a loop
      // over the bytes); spans are copied and cells written as bytes.
      const text = win.toString('latin1');
      const from = Math.max(sd.openEnd, base) - base;
      for (const row of scanRows(text, from, Math.min(innerEnd - base, text.length), prev)) {
        prev = row.num;
        const at = base + row.start;
        while (ti < targets.length && targets[ti]! < row.num) newRow(targets[ti++]!, at);
        if (targets[ti] === row.num) {
          ti++;
          const c = shared.cells(row.num);
          if (c === null) textRow(row, at);
          else if (c !== undefined && !patchRow(row, c)) {
            // Rows of other shapes: appendOnlyRow's fast path, else the text path.
            const anyNew = c.ids.some((id) => id >= 0);
            const point = appendPoint(text, row, firstCol, lastCol, anyNew);
            if (point !== null) {
              if (point.open !== null) {
                upTo(at, base + row.openEnd);
                out.text(point.open, 'latin1');
              }
              upTo(base + point.cellEnd);
              out.cells(row.num, c.style, c.ids);
            } else textRow(row, at);
          }
        } else if (!row.hasR) {
          // Numbered, so rows inserted before it cannot shift its implicit number.
          upTo(at, base + row.openEnd);
          out.text(setAttr(text.slice(row.start, row.openEnd), 'r', String(row.num + 1)), 'latin1');
        }
        if (out.full.length > 0) yield* out.full.splice(0);
      }
      // Bytes are taken front to back: the window's unchanged rest goes out before the next.
      upTo(Math.min(innerEnd, base + win.length));
      if (out.full.length > 0) yield* out.full.splice(0);
    }
  }
  while (ti < targets.length) newRow(targets[ti++]!, innerEnd);
  out.finish();
  yield* out.full.splice(0);
  if (innerEnd > copied) yield src.span(copied, innerEnd);

  /**
   * The common row on its bytes (appendOnlyRow's and rewriteRow's result, see sheetxml.ts):
   * every cell has `r`, in increasing columns, with nothing between them and no markup after;
   * the cells from firstCol on lie in the written columns and each is replaced or holds a
   * value to clear. False when the row is of another shape (the text path takes it).
   */
  function patchRow(row: RowSlice, c: { style: number; ids: Int32Array }): boolean {
    if (row.openEnd === row.end || !row.hasR) return false;
    let n = 0;
    let q = row.openEnd;
    let last = -1;
    while (q < row.closeStart) {
      if (win[q] !== LT || !nameAt(win, q, cName)) break;
      // appendOnlyRow finds the last cell as "<c " (a cell written otherwise: the text path).
      if (n === MAX_CELLS || win[q + cName.length] !== 32) return false;
      const gt = tagEndAt(win, q + cName.length, row.closeStart);
      if (gt < 0 || !attrAt(win, q + cName.length, gt, 'r')) return false;
      const col = refColumn(win, ATTR.from, ATTR.to);
      if (col <= last) return false;
      last = col;
      let end = gt;
      if (win[gt - 2] !== SLASH) {
        const close = find(win, cClose, gt, row.closeStart);
        if (close < 0) return false;
        end = close + cClose.length;
      }
      cellStart[n] = q;
      cellEnd[n] = end;
      cellCol[n] = col;
      cellGt[n] = gt;
      n++;
      q = end;
    }
    if (n === 0) return false;
    // The rest of the row must be text without markup (appendOnlyRow keeps it as it is).
    for (let i = q; i < row.closeStart; i++) if (win[i] === LT) return false;
    let k = n;
    for (let i = 0; i < n; i++) {
      if (cellCol[i]! >= firstCol) {
        k = i;
        break;
      }
    }
    let anyNew = false;
    for (let j = 0; j < width; j++) if (c.ids[j]! >= 0) anyNew = true;
    for (let i = k; i < n; i++) {
      const col = cellCol[i]!;
      if (col > lastCol) return false;
      if (c.ids[col - firstCol]! < 0) {
        // A cleared cell goes only when it holds a value (a style-only one is kept).
        const gt = cellGt[i]!;
        const empty = gt === cellEnd[i];
        if (empty || !valueRe.test(win.toString('latin1', gt, cellEnd[i]! - cClose.length))) {
          return false;
        }
      }
    }
    // The start tag: `spans` grows over the cells as appendOnlyRow / rewriteRow make it. They
    // read and set it with attrIn / setAttr, which write it back as `spans="…"`: one written
    // in any other way (spaces around "=", single quotes) is left to them.
    const hasSpans = attrAt(win, row.start + rowOpen.length, row.openEnd, 'spans');
    if (hasSpans && !plainSpans(win)) return false;
    let spansFrom = -1;
    let spansTo = -1;
    let spans = '';
    if (hasSpans) {
      const lo = leadingNumber(win, ATTR.from, ATTR.to);
      const hi = lo.next < 0 ? null : leadingNumber(win, lo.next, ATTR.to);
      if (lo.value >= 0 && hi !== null && hi.value >= 0) {
        let value: string | null = null;
        if (k === n) {
          if (anyNew && hi.value < lastCol + 1) value = `${lo.value}:${lastCol + 1}`;
        } else {
          const items0 = k > 0 ? cellCol[0]! : firstNew(c.ids, firstCol);
          const itemsLast = lastNew(c.ids, firstCol);
          const lastItem = itemsLast >= 0 ? itemsLast : k > 0 ? cellCol[k - 1]! : -1;
          if (items0 >= 0 && lastItem >= 0) {
            value = `${Math.min(lo.value, items0 + 1)}:${Math.max(hi.value, lastItem + 1)}`;
          }
        }
        if (value !== null) {
          spansFrom = ATTR.from;
          spansTo = ATTR.to;
          spans = value;
        }
      }
    }
    if (k < n) {
      // rewriteRow joins the cells it keeps: the same bytes when nothing lies between them.
      if (cellStart[0] !== row.openEnd) return false;
      for (let i = 1; i < n; i++) if (cellStart[i] !== cellEnd[i - 1]) return false;
    }
    if (spansFrom >= 0) {
      // setAttr's result, made from the bytes: the value between the same quotes.
      upTo(base + spansFrom, base + spansTo);
      out.text(spans, 'latin1');
    }
    if (k === n) upTo(base + cellEnd[n - 1]!);
    else upTo(base + cellStart[k]!, base + cellEnd[n - 1]!);
    out.cells(row.num, c.style, c.ids);
    return true;
  }
}

/**
 * True when the `spans` attribute attrAt just found is written `spans="…"`, as setAttr writes
 * it: the value between its quotes is then all that changes.
 */
function plainSpans(buf: Buffer): boolean {
  const name = ATTR.nameFrom;
  return buf[name + 5] === 61 /* = */ && buf[name + 6] === QUOT;
}

/** A run of digits at buf[from, to): its value (-1: none) and the offset after a ":" after it (-1: none). */
function leadingNumber(buf: Buffer, from: number, to: number): { value: number; next: number } {
  let i = from;
  let value = 0;
  while (i < to && buf[i]! >= 48 && buf[i]! <= 57 && i - from < 15) {
    value = value * 10 + (buf[i]! - 48);
    i++;
  }
  if (i === from) return { value: -1, next: -1 };
  return { value, next: i < to && buf[i] === 58 ? i + 1 : -1 };
}

function firstNew(ids: Int32Array, firstCol: number): number {
  for (let j = 0; j < ids.length; j++) if (ids[j]! >= 0) return firstCol + j;
  return -1;
}

function lastNew(ids: Int32Array, firstCol: number): number {
  for (let j = ids.length - 1; j >= 0; j--) if (ids[j]! >= 0) return firstCol + j;
  return -1;
}
