/**
 * Consolidation (SPEC §5 `consolidate`): several business units' inventories become one
 * portfolio inventory sheet, host-free. Each source keeps its own detection; the portfolio
 * holds every initiative with its source (file, sheet, row) and the source's own cell values
 * for each recognised field under the field's canonical header, so the normal refresh
 * classifies it exactly as the source's own refresh would.
 *
 * Continuing a portfolio: the standard changes logic (changes.ts) compares each row with the
 * role our previous refresh left in the same sheet row. Rows are therefore keyed by source
 * file name + source sheet + initiative ID (the name when there is no ID, with an occurrence
 * number for repeats within one source); a row whose key was in the previous portfolio keeps
 * its previous order and carries the previous output block along, new rows follow in input
 * order (and so read as "added"), and rows whose key is gone are reported as removed.
 */

import { findOwnBlock, headerText } from './headers';
import type { Field } from './fields';
import type {
  CellValue,
  HeaderDetection,
  RefreshOptions,
  SavedMapping,
  SheetSnapshot,
} from './input';
import { FIELDS } from './fields';
import { GRID_ROWS } from './grid';
import { problem } from './messages';
import type { RowReader } from './normalise';
import { makeRowReader, normaliseRow } from './normalise';
import { dataRows } from './plan';
import { FIELD_LABELS } from './vocab';
import type { WordEntry } from './words';

/** The portfolio's inventory sheet. */
export const PORTFOLIO_SHEET = 'Portfolio';
/** The columns that name each row's source; the first two mark a workbook made by consolidate. */
export const SOURCE_HEADERS = ['Source file', 'Source sheet', 'Source row'] as const;

/** One business unit's inventory, as read and detected from its workbook. */
export interface SourceInventory {
  /** The file's name as shown to the user (its base name). */
  file: string;
  sheet: SheetSnapshot;
  detection: HeaderDetection;
}

/** Where a portfolio row came from; `row` as Excel shows it (1-based). */
export interface RowSource {
  file: string;
  sheet: string;
  row: number;
}

/** An initiative ID found in more than one source. */
export interface DuplicateId {
  id: string;
  sources: RowSource[];
}

/** The portfolio sheet to write, and what the refresh and the report need to know. */
export interface Portfolio {
  /** Header row first (row 0), then one row per initiative. */
  values: CellValue[][];
  /** Field → canonical header, for every field any source has. */
  mapping: SavedMapping;
  /** The source of each data row, in sheet order (values[i + 1]). */
  sources: RowSource[];
  duplicates: DuplicateId[];
  /** Initiatives of the previous portfolio that no source holds any more. */
  removed: { source: RowSource; id: string | null; name: string | null }[];
}

const norm = (s: string) => s.trim().toLowerCase();

/** The key that follows a row from one consolidation to the next. */
function rowKey(file: string, sheet: string, id: string | null, name: string | null): string {
  const who = id !== null && id.trim() !== '' ? `id:${norm(id)}` : `name:${norm(name ?? '')}`;
  return `${norm(file)}\u0000${norm(sheet)}\u0000${who}`;
}

/** Adds an occurrence number so repeated keys within one source stay distinct. */
function uniqueKeys(keys: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((k) => {
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return `${k}\u0000${n}`;
  });
}

/** True when a sheet's first row starts with the source headers: a portfolio we made. */
export function isPortfolioSheet(sheet: SheetSnapshot): boolean {
  if (sheet.origin.row !== 0 || sheet.origin.col !== 0) return false;
  const header = sheet.values[0] ?? [];
  return SOURCE_HEADERS.slice(0, 2).every((h, i) => headerText(header[i]) === h);
}

/** The previous portfolio's rows by key, with the output block each one carried. */
function previousRows(previous: SheetSnapshot): {
  order: Map<string, number>;
  block: Map<string, CellValue[]>;
  blockHeader: CellValue[] | null;
  rows: { key: string; source: RowSource; id: string | null; name: string | null }[];
} {
  const header = previous.values[0] ?? [];
  const col = (h: string) => header.findIndex((v) => headerText(v) === h);
  const idCol = col(FIELD_LABELS.id);
  const nameCol = col(FIELD_LABELS.name);
  const found = findOwnBlock(header);
  const start = found?.start ?? -1;
  const width = found?.keys.length ?? 0;
  const rows: { key: string; source: RowSource; id: string | null; name: string | null }[] = [];
  const blocks: CellValue[][] = [];
  for (const r of previous.values.slice(1)) {
    const text = (i: number) => (i < 0 ? '' : headerText(r[i]));
    const name = text(nameCol) || null;
    const id = text(idCol) || null;
    if (name === null && id === null) continue;
    const rowNo = Number(text(2));
    rows.push({
      key: rowKey(text(0), text(1), id, name),
      source: { file: text(0), sheet: text(1), row: Number.isFinite(rowNo) ? rowNo : 0 },
      id,
      name,
    });
    blocks.push(start < 0 ? [] : r.slice(start, start + width));
  }
  const keys = uniqueKeys(rows.map((r) => r.key));
  keys.forEach((k, i) => (rows[i]!.key = k));
  return {
    order: new Map(keys.map((k, i) => [k, i])),
    block: new Map(keys.map((k, i) => [k, blocks[i]!])),
    blockHeader: start < 0 ? null : header.slice(start, start + width),
    rows,
  };
}

/**
 * The initiatives of a source, in sheet order: the rows its own refresh classifies (blank rows
 * skipped; core/refresh.ts classifySheet), each with its worksheet row, ID and name read as
 * that refresh reads them. Only those two fields are read: the key needs nothing else, and the
 * portfolio's refresh reads and classifies every field once.
 */
function initiatives(
  sheet: SheetSnapshot,
  detection: HeaderDetection,
): { row: number; id: string | null; name: string | null }[] {
  const all = makeRowReader(sheet, detection);
  const reader: RowReader = {
    ...all,
    steps: all.steps.filter((s) => s.field === 'id' || s.field === 'name'),
  };
  const { firstRow, lastRow } = dataRows(sheet, detection);
  const top = sheet.origin.row;
  const end = Math.min(lastRow, top + sheet.values.length - 1);
  const out: { row: number; id: string | null; name: string | null }[] = [];
  for (let r = Math.max(firstRow, top); r <= end; r++) {
    const norm = normaliseRow(reader, sheet.values[r - top]!, r);
    if (norm !== null) out.push({ row: r, id: norm.initiative.id, name: norm.initiative.name });
  }
  return out;
}

/**
 * Builds the portfolio sheet from the sources (in the order given) and, when continuing, the
 * previous portfolio sheet (rows keyed as described at the top of this file).
 */
export function buildPortfolio(
  sources: readonly SourceInventory[],
  previous: SheetSnapshot | null = null,
): Portfolio {
  const fields: Field[] = FIELDS.filter((f) =>
    sources.some((s) => s.detection.columns[f].col !== null),
  );
  const mapping: SavedMapping = {};
  for (const f of fields) mapping[f] = FIELD_LABELS[f];

  const found = sources.map((s) => initiatives(s.sheet, s.detection));
  // One row per initiative below the header: past Excel's grid the portfolio cannot be written
  // (the refresh would then call the file it was given damaged).
  const total = found.reduce((n, rows) => n + rows.length, 0);
  if (total > GRID_ROWS - 1) {
    throw problem('portfolio-beyond-grid', {
      initiatives: total,
      sources: sources.length,
      limit: GRID_ROWS - 1,
    });
  }
  // Row by row, in source order: its cells (source columns, then the fields' cells; a carried
  // block is added at the end) and its source. Parallel arrays, no object per row beyond them:
  // at Excel's full grid a million of each.
  const flat = found.flat();
  const lines: CellValue[][] = [];
  const rowSources: RowSource[] = [];
  // Each initiative ID (compared ignoring case) → its first row; those found again, by ID.
  const firstWithId = new Map<string, number>();
  const again = new Map<string, { first: number; sources: RowSource[]; several: boolean }>();
  for (const [k, s] of sources.entries()) {
    const { origin, name: sheet } = s.sheet;
    const cols = fields.map((f) => {
      const col = s.detection.columns[f].col;
      return col === null ? -1 : col - origin.col;
    });
    for (const { row, id } of found[k]!) {
      const cells = s.sheet.values[row - origin.row] ?? [];
      const source: RowSource = { file: s.file, sheet, row: row + 1 };
      const line: CellValue[] = [s.file, sheet, row + 1];
      for (const c of cols) line.push(c < 0 ? null : (cells[c] ?? null));
      const i = lines.push(line) - 1;
      rowSources.push(source);
      if (id === null || id.trim() === '') continue;
      const key = norm(id);
      const first = firstWithId.get(key);
      if (first === undefined) {
        firstWithId.set(key, i);
        continue;
      }
      const seen = rowSources[first]!;
      let dup = again.get(key);
      if (!dup) again.set(key, (dup = { first, sources: [seen], several: false }));
      dup.sources.push(source);
      dup.several ||= source.file !== seen.file || source.sheet !== seen.sheet;
    }
  }
  // In the order the IDs were first found, each as its first row spells it.
  const duplicates: DuplicateId[] = [...again.values()]
    .filter((d) => d.several)
    .sort((a, b) => a.first - b.first)
    .map((d) => ({ id: flat[d.first]!.id!.trim(), sources: d.sources }));

  // The rows in portfolio order (indexes into lines), and the block each carries.
  let order: number[] | null = null;
  let carried: (CellValue[] | null)[] = [];
  let blockHeader: CellValue[] | null = null;
  const removed: Portfolio['removed'] = [];
  if (previous !== null) {
    const keys = sources.flatMap((s, k) =>
      uniqueKeys(found[k]!.map((r) => rowKey(s.file, s.sheet.name, r.id, r.name))),
    );
    const prev = previousRows(previous);
    blockHeader = prev.blockHeader;
    const all = keys.map((_k, i) => i);
    const kept = all.filter((i) => prev.order.has(keys[i]!));
    kept.sort((a, b) => prev.order.get(keys[a]!)! - prev.order.get(keys[b]!)!);
    carried = keys.map((key) => prev.block.get(key) ?? null);
    order = [...kept, ...all.filter((i) => !prev.order.has(keys[i]!))];
    const now = new Set(keys);
    for (const r of prev.rows) {
      if (!now.has(r.key)) removed.push({ source: r.source, id: r.id, name: r.name });
    }
  }

  const header: CellValue[] = [...SOURCE_HEADERS, ...fields.map((f) => FIELD_LABELS[f])];
  // The previous output block goes right after the data, where the refresh then rewrites it.
  // (as that refresh left it: an earlier layout moves forward like any re-run's).
  const width = blockHeader?.length ?? 0;
  const values: CellValue[][] = [withBlock(header, blockHeader, width)];
  if (order === null) {
    for (const line of lines) values.push(line);
    return { values, mapping, sources: rowSources, duplicates, removed };
  }
  for (const i of order) values.push(withBlock(lines[i]!, carried[i] ?? null, width));
  return { values, mapping, sources: order.map((i) => rowSources[i]!), duplicates, removed };
}

/** A portfolio row: its cells, then the first `width` cells of the block it carries (blank where short). */
function withBlock(
  line: CellValue[],
  block: readonly CellValue[] | null,
  width: number,
): CellValue[] {
  for (let i = 0; i < width; i++) line.push(block?.[i] ?? null);
  return line;
}

/** Widths (characters) of the portfolio sheet's columns: the source file, the name, the rest by header. */
export function portfolioColumnWidths(
  portfolio: Pick<Portfolio, 'values' | 'mapping'>,
): { col: number; width: number }[] {
  const header = portfolio.values[0] ?? [];
  return header.map((h, col) => ({
    col,
    width:
      col === 0
        ? 24
        : h === portfolio.mapping.name
          ? 42
          : Math.max(10, (typeof h === 'string' ? h.length : 0) + 3),
  }));
}

/**
 * The refresh of the portfolio sheet: its own mapping with every field no source has switched
 * off (so a source header is never detected as one), its source columns counted by the summary
 * ("Roles by source"), the inputs' words merged, and the history choice.
 */
export function portfolioRefreshOptions(
  portfolio: Pick<Portfolio, 'mapping'>,
  history: boolean,
  words: readonly WordEntry[],
): RefreshOptions {
  const mapping: SavedMapping = { ...portfolio.mapping };
  for (const f of FIELDS) mapping[f] ??= '';
  return {
    sheet: PORTFOLIO_SHEET,
    mapping,
    history,
    sourceHeaders: SOURCE_HEADERS.slice(0, 2),
    ...(words.length > 0 ? { words: [...words] } : {}),
  };
}
