/**
 * Header detection and mapping (SPEC §2): which row holds the headers, which column holds
 * which field, an explicit mapping that wins over detection, and which sheet is the inventory.
 */

import { columnLetter } from './address';
import { problem } from './messages';
import type { Field } from './fields';
import type { CellValue, ColumnMatch, HeaderDetection, SavedMapping, SheetSnapshot } from './input';
import { OUTPUT_SHEETS } from './domain';
import { FIELDS } from './fields';
import { FIELD_LABELS, isOutputHeader, matchHeader, normaliseHeader } from './vocab';
import type { OutputLayout } from './output';
import { OUTPUT_LAYOUTS, outputKeyOf } from './output';

/** How many rows from the top of the used range are searched for the header row. */
export const HEADER_SEARCH_ROWS = 20;
/** A row needs this many recognised headers to count as the header row. */
export const MIN_RECOGNISED = 2;

/** Text of a header cell ("" for blanks, errors and non-text). */
export function headerText(value: CellValue | undefined): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** Our output block as found in a header row (indexes within the row). */
export interface FoundBlock {
  /** Index of the block's first column. */
  start: number;
  /** The key of each column of the block from `start` on; null where a column is not ours. */
  keys: readonly (string | null)[];
  /** The released layout whose set of headers the block holds, or null for a partial block. */
  layout: OutputLayout | null;
}

/**
 * Our output block in a header row: a run of cells holding exactly the headers of one
 * released layout (OUTPUT_LAYOUTS, newest first), in any order, each exactly ours or with
 * the number Excel appends in a table ("Priority2"). A block that is no layout (a column of
 * it deleted or renamed) is still found by its exact "I&O Role" header: around it, the cells
 * holding the header today's layout puts at their place are ours, the others are not. Our
 * headers elsewhere (a user's own "Priority") are never ours. Null when the row has no block.
 */
export function findOwnBlock(
  header: readonly CellValue[],
  layouts: readonly OutputLayout[] = OUTPUT_LAYOUTS,
): FoundBlock | null {
  const keys = header.map((v) => outputKeyOf(headerText(v), layouts));
  // A layout in its own order first, then in any order (a user may have moved our columns).
  for (const inOrder of [true, false]) {
    for (let v = layouts.length - 1; v >= 0; v--) {
      const layout = layouts[v]!;
      const found = layoutAt(keys, layout, inOrder);
      if (found !== -1)
        return { start: found, keys: keys.slice(found, found + layout.columns.length), layout };
    }
  }
  // A partial block: from its "I&O Role" header, the cells that hold the header today's
  // layout has at their place are ours (a user's "Priority" elsewhere in it never is).
  const newest = layouts[layouts.length - 1]!.columns;
  const k0 = newest.findIndex((c) => c.key === 'role');
  const at = k0 === -1 ? -1 : header.findIndex((v) => headerText(v) === newest[k0]!.header);
  const start = at - k0;
  if (at === -1 || start < 0) return null;
  const run = newest.map((c, k) => (keys[start + k] === c.key ? c.key : null));
  return { start, keys: run, layout: null };
}

/** The first index where `keys` hold the layout's columns (in its order, or in any), or -1. */
function layoutAt(
  keys: readonly (string | null)[],
  layout: OutputLayout,
  inOrder: boolean,
): number {
  const order = layout.columns.map((c) => c.key);
  const wanted = new Set(order);
  const width = order.length;
  for (let start = 0; start + width <= keys.length; start++) {
    if (!wanted.has(keys[start] ?? '')) continue;
    const run = keys.slice(start, start + width);
    const same = inOrder
      ? run.every((k, i) => k === order[i])
      : new Set(run).size === width && run.every((k) => k !== null && wanted.has(k));
    if (same) return start;
  }
  return -1;
}

/** Index within a header row of our block's column `key` ("role": the I&O Role), or -1. */
export function ownColumnIndex(header: readonly CellValue[], key: string): number {
  const block = findOwnBlock(header);
  const k = block === null ? -1 : block.keys.indexOf(key);
  return k === -1 ? -1 : block!.start + k;
}

/** Indexes within a header row of the columns of our output block. */
export function ownColumnIndexes(header: readonly CellValue[]): Set<number> {
  const block = findOwnBlock(header);
  const out = new Set<number>();
  block?.keys.forEach((k, i) => {
    if (k !== null) out.add(block.start + i);
  });
  return out;
}

/** Number of distinct fields recognised in one row of header texts. */
function recognisedIn(row: readonly CellValue[]): number {
  const seen = new Set<Field>();
  for (const cell of row) {
    const field = matchHeader(headerText(cell));
    if (field !== null) seen.add(field);
  }
  return seen.size;
}

/**
 * The absolute 0-based header row of a sheet: the first of the first 20 rows with at least
 * two recognised headers, or null when there is none.
 */
export function findHeaderRow(sheet: SheetSnapshot): number | null {
  const limit = Math.min(sheet.values.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    if (recognisedIn(sheet.values[i]!) >= MIN_RECOGNISED) return sheet.origin.row + i;
  }
  return null;
}

/** Checks that every key of a mapping is a known field (CLI and settings may carry typos). */
export function validateMapping(mapping: SavedMapping | undefined): void {
  if (!mapping) return;
  for (const key of Object.keys(mapping)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      throw problem('mapping-field-unknown', { field: key });
    }
  }
}

function mappedHeaderRow(sheet: SheetSnapshot, mapping: SavedMapping): number | null {
  const wanted = Object.values(mapping).filter(
    (h): h is string => typeof h === 'string' && h !== '',
  );
  if (wanted.length === 0) return null;
  const limit = Math.min(sheet.values.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const texts = sheet.values[i]!.map(headerText);
    if (wanted.every((w) => findMappedCol(texts, w) !== -1)) return sheet.origin.row + i;
  }
  return null;
}

/** Index of a mapped header among header texts: exact text first, then the normalised form. */
function findMappedCol(texts: readonly string[], wanted: string): number {
  const exact = wanted.trim();
  const i = texts.indexOf(exact);
  if (i !== -1) return i;
  const lower = exact.toLowerCase();
  const j = texts.findIndex((t) => t.toLowerCase() === lower);
  if (j !== -1) return j;
  const key = normaliseHeader(exact);
  return key === '' ? -1 : texts.findIndex((t) => normaliseHeader(t) === key);
}

function emptyMatch(field: Field): ColumnMatch {
  return { field, col: null, header: null, status: 'missing', alternatives: [] };
}

/**
 * Detects the header row and the column of each field on one sheet; `pinnedRow` (absolute,
 * the user's choice) wins over the detected row. An explicit mapping wins
 * over detection (a field mapped to "" is left unmapped); a mapped header that is not in the header row throws
 * 'mapping-header-not-found'. Returns null when the sheet has no header row.
 */
export function detectHeaders(
  sheet: SheetSnapshot,
  mapping?: SavedMapping,
  pinnedRow?: number,
): HeaderDetection | null {
  validateMapping(mapping);
  const explicit = Object.entries(mapping ?? {}).filter(
    (e): e is [Field, string] => typeof e[1] === 'string' && e[1].trim() !== '',
  );
  // A field mapped to "" is switched off: detection must not pick a column for it (e.g. a
  // RAG "Status" column that is not a lifecycle stage).
  const ignored = new Set(
    Object.entries(mapping ?? {})
      .filter(([, h]) => typeof h === 'string' && h.trim() === '')
      .map(([f]) => f as Field),
  );
  // A header row the user picked wins while it is still a row of the sheet's used range.
  const pinned =
    pinnedRow !== undefined &&
    pinnedRow >= sheet.origin.row &&
    pinnedRow < sheet.origin.row + sheet.values.length
      ? pinnedRow
      : null;
  let headerRow = pinned ?? findHeaderRow(sheet);
  if (headerRow === null && explicit.length > 0) headerRow = mappedHeaderRow(sheet, mapping ?? {});
  if (headerRow === null) {
    // A mapping that names headers absent from every candidate row is the user's typo.
    const first = explicit[0];
    if (first && sheet.values.length > 0) {
      throw problem('mapping-header-not-found', {
        field: FIELD_LABELS[first[0]],
        header: first[1],
        sheet: sheet.name,
      });
    }
    return null;
  }

  const texts = (sheet.values[headerRow - sheet.origin.row] ?? []).map(headerText);
  const columns = Object.fromEntries(FIELDS.map((f) => [f, emptyMatch(f)])) as Record<
    Field,
    ColumnMatch
  >;
  const taken = new Set<number>();
  const warnings: string[] = [];

  for (const [field, header] of explicit) {
    const i = findMappedCol(texts, header);
    if (i === -1) {
      throw problem('mapping-header-not-found', {
        field: FIELD_LABELS[field],
        header,
        sheet: sheet.name,
      });
    }
    const col = sheet.origin.col + i;
    if (taken.has(col)) {
      warnings.push(
        `Column ${columnLetter(col)} ("${texts[i]}") is mapped to more than one field; each field should have its own column.`,
      );
    }
    taken.add(col);
    columns[field] = { field, col, header: texts[i]!, status: 'mapped', alternatives: [] };
  }

  texts.forEach((text, i) => {
    const col = sheet.origin.col + i;
    if (taken.has(col) || isOutputHeader(text)) return;
    const field = matchHeader(text);
    if (field === null) return;
    const match = columns[field];
    if (match.status === 'mapped' || ignored.has(field)) return;
    if (match.col === null) {
      columns[field] = { field, col, header: text, status: 'found', alternatives: [] };
    } else {
      match.status = 'ambiguous';
      match.alternatives.push({ col, header: text });
    }
  });

  for (const field of FIELDS) {
    const m = columns[field];
    if (m.status !== 'ambiguous' || m.col === null) continue;
    const others = m.alternatives.map((a) => `${columnLetter(a.col)} ("${a.header}")`).join(', ');
    warnings.push(
      `Several columns look like ${FIELD_LABELS[field]}: using ${columnLetter(m.col)} ("${m.header}") and ignoring ${others}; map the field by hand to use another column.`,
    );
  }

  const recognised = FIELDS.filter((f) => columns[f].col !== null).length;
  // The row's other headers, for a surface to name when a field is not found (issue 29).
  const headers = texts.flatMap((text, i) =>
    text === '' || isOutputHeader(text) ? [] : [{ col: sheet.origin.col + i, text }],
  );
  return { sheet: sheet.name, headerRow, columns, recognised, warnings, headers };
}

/** True for the sheets the add-in writes (never inventory candidates). */
export function isOutputSheet(name: string): boolean {
  return OUTPUT_SHEETS.includes(name);
}

/** Finds a sheet by name: exact first, then ignoring case. */
export function findSheet(sheets: readonly SheetSnapshot[], name: string): SheetSnapshot | null {
  return (
    sheets.find((s) => s.name === name) ??
    sheets.find((s) => s.name.toLowerCase() === name.trim().toLowerCase()) ??
    null
  );
}

/** Recognised-header count per candidate sheet (0 when it has no header row); output sheets excluded. */
export function rankSheets(
  sheets: readonly SheetSnapshot[],
): { name: string; recognised: number }[] {
  return sheets
    .filter((s) => !isOutputSheet(s.name))
    .map((s) => {
      const d = detectHeaders(s);
      return { name: s.name, recognised: d === null ? 0 : d.recognised };
    });
}

/**
 * Chooses the inventory sheet and detects its headers. A named sheet must exist; otherwise
 * the sheet with the most recognised headers wins (ties: the first). Throws RoleMapError.
 */
export function chooseInventory(
  sheets: readonly SheetSnapshot[],
  options: {
    sheet?: string;
    mapping?: SavedMapping;
    headerRows?: Readonly<Record<string, number>>;
  },
): { sheet: SheetSnapshot; detection: HeaderDetection } {
  validateMapping(options.mapping);
  if (options.sheet !== undefined && options.sheet !== '') {
    const sheet = findSheet(sheets, options.sheet);
    if (sheet === null) throw problem('sheet-not-found', { sheet: options.sheet });
    // Our own summary and history are never read as an inventory, even when named.
    if (isOutputSheet(sheet.name)) throw problem('no-inventory', { sheets: [sheet.name] });
    const detection = detectHeaders(sheet, options.mapping, options.headerRows?.[sheet.name]);
    if (detection === null) throw problem('no-inventory', { sheets: [sheet.name] });
    return { sheet, detection };
  }
  let best: { sheet: SheetSnapshot; detection: HeaderDetection } | null = null;
  const candidates = sheets.filter((s) => !isOutputSheet(s.name));
  for (const sheet of candidates) {
    // Detection without the mapping picks the sheet; the mapping then applies to it.
    const detection = detectHeaders(sheet);
    if (detection !== null && (best === null || detection.recognised > best.detection.recognised)) {
      best = { sheet, detection };
    }
  }
  if (best === null && options.mapping) {
    // No sheet has two known headers, but the user's mapping may name the columns.
    const mapping = options.mapping;
    const sheet = candidates.find((s) => mappedHeaderRow(s, mapping) !== null);
    const detection = sheet ? detectHeaders(sheet, mapping) : null;
    if (sheet && detection) return { sheet, detection };
  }
  if (best === null) throw problem('no-inventory', { sheets: candidates.map((s) => s.name) });
  const pinned = options.headerRows?.[best.sheet.name];
  if ((options.mapping && Object.keys(options.mapping).length > 0) || pinned !== undefined) {
    const detection = detectHeaders(best.sheet, options.mapping, pinned);
    if (detection !== null) best = { sheet: best.sheet, detection };
  }
  return best;
}
