/**
 * Worksheet part → SheetSnapshot: used-range values (shared, inline and rich strings,
 * numbers, booleans, errors, formula cells by their cached value), tables, and the facts
 * the engine needs (frozen panes, auto-filter, protection). One pass over the sheet XML.
 */

import { parseRangeA1 } from '../core/address';
import type { CellValue, SheetSnapshot, TableInfo } from '../core/model';
import { REL, type Package, type SheetEntry } from './package';
import {
  children,
  decodeEntities,
  decodeOoxmlEscapes,
  getAttr,
  nextTag,
  parseAttrs,
  rootElement,
  type ElementRange,
} from './xml';

/** A cell as the scanner reports it. */
export interface ScannedCell {
  row: number;
  col: number;
  value: CellValue;
}

/** Reads the attributes of a tag into an array of [name, raw value] without regexes. */
export function fastAttrs(tag: string): [string, string][] {
  const out: [string, string][] = [];
  const n = tag.length;
  let i = 1;
  // Skip the element name.
  while (i < n && !isSpace(tag.charCodeAt(i)) && tag[i] !== '>' && tag[i] !== '/') i++;
  for (;;) {
    while (i < n && isSpace(tag.charCodeAt(i))) i++;
    if (i >= n || tag[i] === '>' || tag[i] === '/') break;
    const ns = i;
    while (i < n && tag[i] !== '=' && !isSpace(tag.charCodeAt(i))) i++;
    const name = tag.slice(ns, i);
    while (i < n && tag[i] !== '"' && tag[i] !== "'") i++;
    const q = tag[i];
    if (q === undefined) break;
    const vs = i + 1;
    const ve = tag.indexOf(q, vs);
    if (ve < 0) break;
    out.push([name, tag.slice(vs, ve)]);
    i = ve + 1;
  }
  return out;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Parses "AB12" into 0-based coordinates (fast path for cell references). */
export function parseCellRef(ref: string): { row: number; col: number } | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c === 36) continue;
    else break;
  }
  if (col === 0) return null;
  let row = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 48 && c <= 57) row = row * 10 + (c - 48);
    else if (c !== 36) return null;
  }
  if (row === 0) return null;
  return { row: row - 1, col: col - 1 };
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

/**
 * Calls `onCell` for every cell with a value, in document order. Rows and cells without an
 * `r` attribute take the position after the previous one (as Excel reads them).
 */
export function scanCells(
  xml: string,
  sharedStrings: readonly string[],
  onCell: (cell: ScannedCell) => void,
): void {
  const sd = sheetDataRange(xml);
  if (!sd || sd.openEnd === sd.end) return;
  let row = -1;
  let col = -1;
  let pos = sd.openEnd;
  const limit = sd.closeStart;
  while (pos < limit) {
    const t = nextTag(xml, pos);
    if (!t || t.start >= limit) break;
    pos = t.end;
    if (t.kind === 'close') continue;
    if (t.local === 'row') {
      let r = 0;
      for (const [k, v] of fastAttrs(xml.slice(t.start, t.end))) if (k === 'r') r = Number(v);
      row = r > 0 ? r - 1 : row + 1;
      col = -1;
      continue;
    }
    if (t.local !== 'c') continue;
    let ref: string | undefined;
    let type = 'n';
    for (const [k, v] of fastAttrs(xml.slice(t.start, t.end))) {
      if (k === 'r') ref = v;
      else if (k === 't') type = v;
    }
    const p = ref ? parseCellRef(ref) : null;
    if (p) {
      col = p.col;
      if (p.row !== row) row = p.row;
    } else col++;
    if (t.kind === 'empty') continue;
    const closeTag = `</${t.name}>`;
    const cEnd = xml.indexOf(closeTag, t.end);
    if (cEnd < 0) break;
    const inner = xml.slice(t.end, cEnd);
    pos = cEnd + closeTag.length;
    const value = cellValue(inner, type, sharedStrings);
    if (value !== null && value !== '') onCell({ row, col, value });
  }
}

/** The value of a cell from its inner XML and type. */
function cellValue(inner: string, type: string, sst: readonly string[]): CellValue {
  if (type === 'inlineStr') return inlineText(inner);
  const v = elementText(inner, 'v');
  if (v === null) return type === 'inlineStr' ? inlineText(inner) : null;
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

/** Text of an inline string (<is>), runs concatenated, phonetic runs skipped. */
function inlineText(inner: string): string {
  const parts: string[] = [];
  let phonetic = 0;
  let pos = 0;
  for (;;) {
    const t = nextTag(inner, pos);
    if (!t) break;
    pos = t.end;
    if (t.local === 'rPh') {
      if (t.kind === 'open') phonetic++;
      else if (t.kind === 'close') phonetic--;
    } else if (t.local === 't' && t.kind === 'open') {
      const close = inner.indexOf(`</${t.name}>`, t.end);
      if (close < 0) break;
      if (phonetic === 0) parts.push(decodeOoxmlEscapes(decodeEntities(inner.slice(t.end, close))));
      pos = close;
    }
  }
  return parts.join('');
}

/** Tables of a worksheet, from its relationships. */
export function readTables(pkg: Package, sheetPart: string): (TableInfo & { part: string })[] {
  const out: (TableInfo & { part: string })[] = [];
  // Only tables the sheet lists in <tableParts> exist; a dangling relationship is not one.
  const sheetXml = pkg.requireText(sheetPart);
  const ids = new Set<string>();
  for (const m of sheetXml.matchAll(/<(?:\w+:)?tablePart\s[^>]*?(?:\w+:)?id\s*=\s*"([^"]*)"/g)) {
    ids.add(m[1]!);
  }
  for (const rel of pkg.relsOfKind(sheetPart, REL.table)) {
    if (rel.external || !ids.has(rel.id)) continue;
    const xml = pkg.text(rel.part);
    if (xml === undefined) continue;
    const root = rootElement(xml);
    const a = parseAttrs(xml.slice(root.start, root.openEnd));
    const ref = a.get('ref');
    if (!ref) continue;
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
      range: parseRangeA1(ref),
      columns,
      hasTotalsRow: Number(a.get('totalsRowCount') ?? '0') > 0,
      part: rel.part,
    });
  }
  return out;
}

/** Facts about a worksheet outside sheetData. */
export interface SheetFacts {
  hasFrozenPanes: boolean;
  hasAutoFilter: boolean;
  isProtected: boolean;
}

/** Frozen panes, worksheet auto-filter and protection of a worksheet part. */
export function sheetFacts(xml: string): SheetFacts {
  const root = rootElement(xml);
  const kids = children(xml, root, ['sheetData']);
  let hasFrozenPanes = false;
  let hasAutoFilter = false;
  let isProtected = false;
  for (const k of kids) {
    if (k.local === 'autoFilter') hasAutoFilter = true;
    else if (k.local === 'sheetProtection') {
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
  return { hasFrozenPanes, hasAutoFilter, isProtected };
}

/** Builds the engine's snapshot of one worksheet. */
export function readSnapshot(
  pkg: Package,
  sheet: SheetEntry,
  sharedStrings: readonly string[],
): SheetSnapshot {
  const xml = pkg.requireText(sheet.part);
  const cells: ScannedCell[] = [];
  let minRow = Infinity;
  let minCol = Infinity;
  let maxRow = -1;
  let maxCol = -1;
  scanCells(xml, sharedStrings, (c) => {
    cells.push(c);
    if (c.row < minRow) minRow = c.row;
    if (c.row > maxRow) maxRow = c.row;
    if (c.col < minCol) minCol = c.col;
    if (c.col > maxCol) maxCol = c.col;
  });
  const values: CellValue[][] = [];
  if (cells.length > 0) {
    const width = maxCol - minCol + 1;
    for (let r = minRow; r <= maxRow; r++) values.push(new Array<CellValue>(width).fill(null));
    for (const c of cells) values[c.row - minRow]![c.col - minCol] = c.value;
  }
  const facts = sheetFacts(xml);
  return {
    name: sheet.name,
    origin: cells.length > 0 ? { row: minRow, col: minCol } : { row: 0, col: 0 },
    values,
    tables: readTables(pkg, sheet.part).map(({ part: _part, ...t }) => t),
    ...facts,
  };
}
