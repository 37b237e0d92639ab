/**
 * Reading XML from its bytes (an ASCII or UTF-8 part, where every byte below 128 is the
 * character it looks like): the few scanning steps the sheet reader (read.ts) and the byte
 * patch (sheetbytes.ts) take on bytes instead of on a decoded string. Short searches are
 * loops here rather than Buffer.indexOf, whose call costs more than the search at a few
 * dozen bytes.
 */

export const LT = 60;
export const GT = 62;
export const SLASH = 47;
export const QUOT = 34;
const APOS = 39;
const EQ = 61;

export function isSpaceByte(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** True when `name` (bytes) starts at `at` and is followed by a tag-name delimiter. */
export function nameAt(buf: Uint8Array, at: number, name: Uint8Array): boolean {
  if (at + name.length >= buf.length) return false;
  for (let i = 0; i < name.length; i++) if (buf[at + i] !== name[i]) return false;
  const c = buf[at + name.length]!;
  return isSpaceByte(c) || c === GT || c === SLASH;
}

/** Offset just after the ">" ending the tag whose attributes start at `pos` (quotes may hold ">"), or -1. */
export function tagEndAt(buf: Uint8Array, pos: number, limit: number): number {
  let quote = 0;
  for (let i = pos; i < limit; i++) {
    const c = buf[i]!;
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === QUOT || c === APOS) quote = c;
    else if (c === GT) return i + 1;
  }
  return -1;
}

/** Scratch for the attribute found by attrAt. */
export const ATTR = { from: -1, to: -1, nameFrom: -1 };

/**
 * Finds attribute `name` (one or more ASCII letters) in the start tag buf[from, gt): sets
 * ATTR (the value's bounds and where the name starts) and returns true, else false.
 */
export function attrAt(buf: Uint8Array, from: number, gt: number, name: string): boolean {
  const stop = gt - 1;
  let i = from;
  while (i < stop) {
    let c = buf[i]!;
    if (isSpaceByte(c) || c === SLASH) {
      i++;
      continue;
    }
    const nameFrom = i;
    while (i < stop && (c = buf[i]!) !== EQ && !isSpaceByte(c)) i++;
    const nameTo = i;
    while (i < stop && buf[i] !== QUOT && buf[i] !== APOS) i++;
    const quote = buf[i];
    const valueFrom = i + 1;
    let valueTo = valueFrom;
    while (valueTo < stop && buf[valueTo] !== quote) valueTo++;
    i = valueTo + 1;
    if (nameTo - nameFrom === name.length) {
      let same = true;
      for (let k = 0; k < name.length; k++) {
        if (buf[nameFrom + k] !== name.charCodeAt(k)) {
          same = false;
          break;
        }
      }
      if (same) {
        ATTR.from = valueFrom;
        ATTR.to = valueTo;
        ATTR.nameFrom = nameFrom;
        return true;
      }
    }
  }
  return false;
}

/** The number written in buf[from, to) when it is 1 to 15 ASCII digits, else -1. */
export function digitsIn(buf: Uint8Array, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

/**
 * The cell reference ("AB12", "$AB$12") written in buf[from, to), 0-based into `into`; false
 * when it is not one (refAt in read.ts over text).
 */
export function refIn(
  buf: Uint8Array,
  from: number,
  to: number,
  into: { row: number; col: number },
): boolean {
  let col = 0;
  let row = 0;
  let i = from;
  for (; i < to; i++) {
    const c = buf[i]!;
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c !== 36) break;
  }
  for (; i < to; i++) {
    const c = buf[i]!;
    if (c >= 48 && c <= 57) row = row * 10 + (c - 48);
    else if (c !== 36) return false;
  }
  if (col === 0 || row === 0) return false;
  into.row = row - 1;
  into.col = col - 1;
  return true;
}

export function ascii(s: string): Uint8Array {
  return Buffer.from(s, 'latin1');
}

/** The first "<" in buf[from, to), or -1. */
export function ltIn(buf: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) if (buf[i] === LT) return i;
  return -1;
}

/** Where `needle` (which starts with "<") first occurs in buf[from, to), or -1. */
export function find(buf: Uint8Array, needle: Uint8Array, from: number, to: number): number {
  const last = to - needle.length;
  outer: for (let i = ltIn(buf, from, to); i >= 0 && i <= last; i = ltIn(buf, i + 1, to)) {
    for (let k = 1; k < needle.length; k++) if (buf[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}
