/** A1-style addressing for absolute 0-based coordinates (see input.ts). */

import type { RangeRef } from './input';

/** Column letters for a 0-based column index: 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(col: number): string {
  if (!Number.isInteger(col) || col < 0) throw new RangeError(`Invalid column index ${col}`);
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** 0-based column index for column letters: "A" → 0, "AA" → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) throw new RangeError(`Invalid column letters "${letters}"`);
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

/** A1 address of a cell: toA1(0, 0) → "A1". */
export function toA1(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** A1 address of a range: "A1:C10" (a single cell gives "A1"). */
export function rangeToA1(r: RangeRef): string {
  const start = toA1(r.row, r.col);
  if (r.rowCount === 1 && r.colCount === 1) return start;
  return `${start}:${toA1(r.row + r.rowCount - 1, r.col + r.colCount - 1)}`;
}

/** Parses "B7" (optionally with $ signs) into 0-based coordinates. */
export function parseA1(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) throw new RangeError(`Invalid cell address "${address}"`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]!) };
}

/** Parses "A1:C10" or "B7" into a RangeRef. */
export function parseRangeA1(address: string): RangeRef {
  const [a, b] = address.split(':');
  const start = parseA1(a!);
  const end = b === undefined ? start : parseA1(b);
  return {
    row: Math.min(start.row, end.row),
    col: Math.min(start.col, end.col),
    rowCount: Math.abs(end.row - start.row) + 1,
    colCount: Math.abs(end.col - start.col) + 1,
  };
}

/** Sheet name quoted for use in a reference: 'IoT Role Summary'!A1. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
