/**
 * The last refresh, read back from the history sheet's last row, so a surface that opens on a
 * workbook refreshed before (the task pane on reopening) can show the answer before any click.
 * The history sheet is the cleanest source: one row per refresh with the time, the source
 * sheet, the totals per role, the active-role share and the number of changes (see
 * HISTORY_HEADERS). Columns are found by their header, so a history written before a column
 * was added still reads (STYLE habit 12). The sheets a refresh covered, by layout:
 *
 * | history layout          | the sheets                                                   |
 * |-------------------------|--------------------------------------------------------------|
 * | before "Sheets"         | only the "Source sheet" label, several joined by ", ": read  |
 * |                         | back against the workbook's sheets (`recordedSheets`)        |
 * | with "Sheets"           | the list itself, as JSON (`historySheetsCell`)               |
 */

import { headerText } from './headers';
import type { Role, RoleOrUnclassified } from './domain';
import type { CellValue } from './input';
import type { SharePoint, ShareTrend } from './results';
import { ROLES, ROLES_AND_UNCLASSIFIED } from './domain';
import { HISTORY_HEADERS } from './summary-sheet';
import type { SheetChoice } from './preview';

/** What the pane shows of a refresh it did not run itself. */
export interface LastRefresh {
  /** When it ran (the history's "Refreshed" cell). */
  at: Date;
  /** The source sheet(s) as the history names them: a label for a sentence. */
  sheet: string;
  /** The inventory sheets the refresh covered, in order; absent in a row written before the "Sheets" column. */
  sheets?: readonly string[];
  /** Non-blank rows. */
  total: number;
  /** Rows with one of the four roles. */
  classified: number;
  counts: Record<RoleOrUnclassified, number>;
  /** Share of classified rows per role (0..1); 0 when nothing is classified. */
  shares: Record<Role, number>;
  /** (Driver + Implementer + Operator) / classified, or null when nothing is classified. */
  activeShare: number | null;
  /** Changes of every kind (role, stage, added, removed) since the refresh before it; null on a first refresh or an older history. */
  changes: number | null;
}

type HistoryHeader = (typeof HISTORY_HEADERS)[number];

/** Excel serial date-time (1900 system, written in UTC by `excelSerial`) back to an instant. */
export function fromExcelSerial(serial: number): Date {
  return new Date(Math.round((serial - 25_569) * 86_400_000));
}

function count(v: CellValue | undefined): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null;
}

/**
 * Parses the history sheet's cells (its used range, top to bottom) into the last refresh, or
 * null when there is no header row or no complete data row: a damaged or hand-edited history
 * never shows a made-up answer.
 */
export function parseLastRefresh(rows: readonly (readonly CellValue[])[]): LastRefresh | null {
  const headerAt = rows.findIndex((r) => r.some((v) => headerText(v) === HISTORY_HEADERS[0]));
  if (headerAt === -1) return null;
  const header = rows[headerAt]!.map(headerText);
  const col = (h: HistoryHeader): number => header.indexOf(h);
  const required: HistoryHeader[] = ['Refreshed', 'Source sheet', 'Total', 'Classified', ...ROLES];
  if (required.some((h) => col(h) === -1)) return null;

  for (let i = rows.length - 1; i > headerAt; i--) {
    const row = rows[i]!;
    const at = row[col('Refreshed')];
    if (typeof at !== 'number' || !Number.isFinite(at)) continue;
    const total = count(row[col('Total')]);
    const classified = count(row[col('Classified')]);
    const counts = {} as Record<RoleOrUnclassified, number>;
    let complete = total !== null && classified !== null;
    for (const role of ROLES_AND_UNCLASSIFIED) {
      const c = col(role);
      // An older history without the Unclassified column: what is not classified is.
      const n =
        c === -1 && role === 'Unclassified' && total !== null && classified !== null
          ? total - classified
          : count(row[c]);
      if (n === null) complete = false;
      else counts[role] = n;
    }
    if (!complete || total === null || classified === null) continue;
    if (ROLES.reduce((s, r) => s + counts[r], 0) !== classified) continue;
    const shares = Object.fromEntries(
      ROLES.map((r) => [r, classified === 0 ? 0 : counts[r] / classified]),
    ) as Record<Role, number>;
    const active = counts.Driver + counts.Implementer + counts.Operator;
    const changesCol = col('Changes');
    const sheets = sheetList(row[col('Sheets')]);
    return {
      at: fromExcelSerial(at),
      sheet: headerText(row[col('Source sheet')]),
      total,
      classified,
      counts,
      shares,
      // Computed from the counts, so it agrees with them even where the cell was edited.
      activeShare: classified === 0 ? null : active / classified,
      changes: changesCol === -1 ? null : count(row[changesCol]),
      ...(sheets === null ? {} : { sheets }),
    };
  }
  return null;
}

/**
 * The inventory sheets a history label names ("East" or, for several, "East, West"), when
 * every one of them is still in the workbook; none otherwise. A sheet whose own name holds
 * ", " is matched whole first. Only for history rows written before the "Sheets" list
 * (`refreshedSheets`).
 */
export function recordedSheets(recorded: string, sheets: readonly SheetChoice[]): string[] {
  const present = new Set(sheets.map((s) => s.name));
  if (present.has(recorded)) return [recorded];
  const parts = recorded.split(', ');
  return parts.length > 1 && parts.every((p) => present.has(p)) ? parts : [];
}

/** The "Sheets" cell's list of names, or null when it is missing or not such a list. */
function sheetList(v: CellValue | undefined): string[] | null {
  if (typeof v !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    // A hand-edited cell: the label is read instead.
    return null;
  }
  return Array.isArray(parsed) &&
    parsed.length > 0 &&
    parsed.every((s): s is string => typeof s === 'string' && s !== '')
    ? parsed
    : null;
}

/**
 * The inventory sheets the last refresh covered, when every one of them is still in the
 * workbook; none otherwise. A history row without the "Sheets" list is read by its label.
 */
export function refreshedSheets(last: LastRefresh, present: readonly SheetChoice[]): string[] {
  if (last.sheets === undefined) return recordedSheets(last.sheet, present);
  const names = new Set(present.map((s) => s.name));
  return last.sheets.every((n) => names.has(n)) ? [...last.sheets] : [];
}

/** A history row's time and active share, or null when it is not a complete record. */
function sharePoint(
  row: readonly CellValue[],
  col: (h: HistoryHeader) => number,
): SharePoint | null {
  const at = row[col('Refreshed')];
  if (typeof at !== 'number' || !Number.isFinite(at)) return null;
  const classified = count(row[col('Classified')]);
  const active = (['Driver', 'Implementer', 'Operator'] as const).map((r) => count(row[col(r)]));
  if (classified === null || active.some((n) => n === null)) return null;
  const sum = active.reduce<number>((s, n) => s + n!, 0);
  return { at: fromExcelSerial(at), activeShare: classified === 0 ? null : sum / classified };
}

/**
 * The active-role share at the previous refresh (the last complete history row among the first
 * `dataRows` rows below the header) and at the first one, read from the history's cells; null
 * when there is no history. Shares are computed from the counts, as `parseLastRefresh` does.
 */
export function shareTrend(
  rows: readonly (readonly CellValue[])[] | null,
  dataRows: number,
): ShareTrend | null {
  if (rows === null || dataRows <= 0) return null;
  const headerAt = rows.findIndex((r) => r.some((v) => headerText(v) === HISTORY_HEADERS[0]));
  if (headerAt === -1) return null;
  const header = rows[headerAt]!.map(headerText);
  const col = (h: HistoryHeader): number => header.indexOf(h);
  const required: HistoryHeader[] = [
    'Refreshed',
    'Classified',
    'Driver',
    'Implementer',
    'Operator',
  ];
  if (required.some((h) => col(h) === -1)) return null;
  const points = rows
    .slice(headerAt + 1, headerAt + 1 + dataRows)
    .map((r) => sharePoint(r, col))
    .filter((p): p is SharePoint => p !== null);
  if (points.length === 0) return null;
  return { previous: points[points.length - 1]!, first: points[0]! };
}
