/**
 * The last refresh read back through Office.js when the pane opens, in two syncs: which of our
 * output sheets exist, then the history sheet's used range (eleven cells per refresh). The
 * core parses the cells (src/core/last-refresh.ts, kept-refresh.ts); this file only reads them.
 */

import { HISTORY_SHEET, SUMMARY_SHEET } from '../core/domain';
import { keptRefresh } from '../core/kept-refresh';
import type { LastRefresh } from '../core/last-refresh';
import { parseLastRefresh } from '../core/last-refresh';
import type { KeptRefresh } from '../core/report';
import { toCellValue } from './read';

/** The last refresh and whether its summary sheet is still there to open. */
export interface LastRefreshRead {
  last: LastRefresh;
  summaryExists: boolean;
  /** The same refresh with the trend it was compared with, for its report (Copy summary). */
  kept: KeptRefresh | null;
}

/** Reads the last refresh from the history sheet; null when there is none to show. */
export async function readLastRefresh(
  context: Excel.RequestContext,
): Promise<LastRefreshRead | null> {
  const sheets = context.workbook.worksheets.load('items/name');
  await context.sync();
  const names = new Set(sheets.items.map((s) => s.name));
  if (!names.has(HISTORY_SHEET)) return null;
  const used = context.workbook.worksheets
    .getItem(HISTORY_SHEET)
    .getUsedRangeOrNullObject(true)
    .load('values');
  await context.sync();
  if (used.isNullObject) return null;
  const cells = used.values.map((row) => row.map(toCellValue));
  const last = parseLastRefresh(cells);
  return last === null
    ? null
    : { last, summaryExists: names.has(SUMMARY_SHEET), kept: keptRefresh(cells) };
}
