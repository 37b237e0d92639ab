/**
 * The last refresh as the workbook keeps it, for a surface that did not run it (the pane
 * reopened on a refreshed workbook): the history sheet's last complete row, and the trend as it
 * stood then, from the rows above that one. The report module renders it (keptRefreshBlocks) in
 * the words it used at the time, as far as the history keeps what they are made of.
 */

import { headerText } from './headers';
import { fromExcelSerial, parseLastRefresh, shareTrend } from './last-refresh';
import type { CellValue } from './input';
import type { KeptRefresh } from './report';
import { HISTORY_HEADERS } from './summary-sheet';

/** Half a second: a history time read back is compared at that precision. */
const SAME_TIME_MS = 500;

/**
 * The last complete refresh in the history's cells (its used range, top to bottom) and the
 * trend it was compared with, or null when the history records none.
 */
export function keptRefresh(rows: readonly (readonly CellValue[])[]): KeptRefresh | null {
  const last = parseLastRefresh(rows);
  if (last === null) return null;
  const headerAt = rows.findIndex((r) => r.some((v) => headerText(v) === HISTORY_HEADERS[0]));
  const col = rows[headerAt]!.map(headerText).indexOf(HISTORY_HEADERS[0]);
  // The row the last refresh wrote is the lowest one with its time; the trend is what is above.
  let own = rows.length;
  for (let i = rows.length - 1; i > headerAt; i--) {
    const v = rows[i]![col];
    if (
      typeof v === 'number' &&
      Math.abs(fromExcelSerial(v).getTime() - last.at.getTime()) < SAME_TIME_MS
    ) {
      own = i;
      break;
    }
  }
  const before = own - headerAt - 1;
  return {
    sheet: last.sheet,
    classified: last.classified,
    counts: last.counts,
    shares: last.shares,
    activeShare: last.activeShare,
    trend: before > 0 ? shareTrend(rows, before) : null,
    changes: last.changes,
  };
}
