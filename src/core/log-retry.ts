/**
 * The change log on a retry: a refresh the user runs again after one failed part-way (Excel is
 * not transactional across syncs) must not log that refresh's changes twice. The failed
 * refresh's log rows are the last rows of the log, recognised by its time in their "Refreshed"
 * cells (the times the run state remembers, src/core/run-state.ts). The Excel adapter writes
 * the log's rows, then the snapshot, then the history row, so when the failed refresh touched
 * the snapshot its log rows are all in:
 *
 * - Its rows are the start of what the retry would write (the same changes, found against the
 *   same snapshot; the last row perhaps written in part): the retry writes its rows where they
 *   began, completing them, never below them.
 * - Otherwise the failed refresh got past its log and replaced (or began to replace) the
 *   snapshot, so what the retry finds against it is not that refresh's changes: the rows that
 *   landed stay its record and the retry adds none.
 */

import type { CellValue, RangeRef } from './input';
import type { ChangeLogWrite, PlanCell } from './write-plan';
import { CHANGE_LOG_LAYOUTS } from './change-log';
import { excelSerial } from './summary-sheet';

/** Half a second in days: a log row's time is compared at that precision (as the history's). */
const SAME_TIME_DAYS = 0.5 / 86_400;

/** Column of the log's "Refreshed" cells in the layout written today (from its layout table). */
const LOG_TIME_COL = CHANGE_LOG_LAYOUTS.at(-1)!.columns.findIndex((c) => c.key === 'refreshed');

/** What the core reads of the change log on a retry (a host whose writes are one transaction need not). */
export type ReadLogCells = (ref: RangeRef) => Promise<CellValue[][]>;

const isBlank = (v: CellValue | undefined): boolean => v === null || v === undefined || v === '';

/**
 * The first row (0-based) of the log's trailing rows that a failed refresh wrote, or null when
 * the last row is not one of them. `times` are the log's "Refreshed" cells from row 0 on;
 * `failedAt` the refreshes that failed while writing since the last that completed.
 */
export function failedLogStart(
  times: readonly CellValue[],
  failedAt: readonly Date[],
): number | null {
  const failed = failedAt.map(excelSerial);
  const isFailed = (v: CellValue | undefined): boolean =>
    typeof v === 'number' && failed.some((f) => Math.abs(v - f) < SAME_TIME_DAYS);
  let start: number | null = null;
  for (let row = times.length - 1; row >= 1 && isFailed(times[row]); row--) start = row;
  return start;
}

/**
 * Whether the rows that landed are the start of the planned ones: every cell that landed (the
 * time aside) holds what the plan puts there, counting from the plan's first row.
 */
function landedArePlanned(landed: readonly (readonly CellValue[])[], planned: readonly PlanCell[]) {
  const first = planned.reduce((m, c) => Math.min(m, c.row), Infinity);
  const at = new Map(planned.map((c) => [`${c.row - first}:${c.col}`, c.value]));
  return landed.every((line, r) =>
    line.every((v, col) => {
      if (col === LOG_TIME_COL || isBlank(v)) return true;
      const want = at.get(`${r}:${col}`);
      return want !== undefined && want !== null && want === v;
    }),
  );
}

/**
 * The change log write of a retry: unchanged unless the log ends with rows of a refresh that
 * failed while writing (`failedAt`, empty on any other refresh; `lastRow` the log's last row).
 */
export async function retryChangeLog(
  write: ChangeLogWrite,
  failedAt: readonly Date[],
  lastRow: number | null,
  read: ReadLogCells | undefined,
): Promise<ChangeLogWrite> {
  if (failedAt.length === 0 || lastRow === null || lastRow < 1 || read === undefined) return write;
  const times = await read({ row: 0, col: LOG_TIME_COL, rowCount: lastRow + 1, colCount: 1 });
  const start = failedLogStart(
    times.map((r) => r[0] ?? null),
    failedAt,
  );
  if (start === null) return write;
  const width = write.log.headers.length;
  const landed = await read({ row: start, col: 0, rowCount: lastRow - start + 1, colCount: width });
  if (!landedArePlanned(landed, write.log.cells)) {
    return { ...write, log: { ...write.log, cells: [] } };
  }
  const first = write.log.cells.reduce((m, c) => Math.min(m, c.row), Infinity);
  const shift = Number.isFinite(first) ? start - first : 0;
  return {
    ...write,
    log: { ...write.log, cells: write.log.cells.map((c) => ({ ...c, row: c.row + shift })) },
  };
}
