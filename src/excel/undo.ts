/**
 * One refresh, one undo step where the host can make it so (ExcelApi 1.20,
 * Excel.RunOptions.mergeUndoGroup), and a refresh that completes where it cannot.
 *
 * - An API without undo support inside the group throws UndoNotSupported (learn.microsoft.com,
 *   "Undo capabilities with the Excel JavaScript API"; Worksheet.delete on every platform,
 *   Worksheet.position/name/visibility on Windows and Mac). The writer uses none of them (the
 *   summary is rebuilt in place, no tab is moved), but Excel has thrown UndoNotSupported for
 *   plain writes too (office-js #6491, many formulas in one group), so it is handled here.
 * - On the web, mergeUndoGroup together with delayForCellEdit fails outright (office-js
 *   #6711), so the grouped run goes without delayForCellEdit. Without it, a batch that
 *   reaches Excel while the user is typing in a cell fails with InvalidOperationInCellEditMode
 *   (Excel.RunOptions.delayForCellEdit: "if the user is in cell edit when the batch request is
 *   processed by the host, the batch will automatically fail").
 * - Either failure runs the batch again without the group and with delayForCellEdit. A
 *   refresh is idempotent and a re-run repairs what a half-applied one left (Excel is not
 *   transactional: the operations before the failing one stay applied), so running it again
 *   is safe; the user gets a refresh in several undo steps instead of an error.
 */

import type { ExcelBatch, ExcelHost } from './host';
import { UNDO_GROUP_API, officeErrorCode } from './host';

/** Failures of a grouped run that a run without the group avoids. */
export const UNGROUPED_RETRY_CODES: readonly string[] = [
  'UndoNotSupported',
  'InvalidOperationInCellEditMode',
];

/** How a refresh batch ended up running. */
export interface UndoRun<T> {
  result: T;
  /** True when the whole refresh is one undo group. */
  grouped: boolean;
  /** The error code that made the grouped run give way, when it did. */
  fellBackOn: string | null;
}

/** Runs `batch` as one undo group where supported, else (or when grouping fails) without. */
export async function runUndoable<T>(host: ExcelHost, batch: ExcelBatch<T>): Promise<UndoRun<T>> {
  if (!host.isSetSupported('ExcelApi', UNDO_GROUP_API)) {
    return {
      result: await host.run({ delayForCellEdit: true }, batch),
      grouped: false,
      fellBackOn: null,
    };
  }
  try {
    return {
      result: await host.run({ mergeUndoGroup: true }, batch),
      grouped: true,
      fellBackOn: null,
    };
  } catch (err) {
    const code = officeErrorCode(err);
    if (code === null || !UNGROUPED_RETRY_CODES.includes(code)) throw err;
    const result = await host.run({ delayForCellEdit: true }, batch);
    return { result, grouped: false, fellBackOn: code };
  }
}
