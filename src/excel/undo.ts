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
 * - On some web builds mergeUndoGroup fails on its own with a RichApi.Error whose code is not
 *   shown (office-js #6711: "When mergeUndoGroup is included in the run properties,
 *   RichApi.Error is thrown"), or with an internal error on repeated runs (office-js #6255).
 *   No code can be listed for them, so ANY Office error raised before the refresh's first write
 *   batch went out runs the batch again without the group: nothing of the refresh has landed,
 *   and the ungrouped run either succeeds or raises the host's real error.
 * - Once writing has begun, only the failures above that the group itself causes
 *   (UNGROUPED_RETRY_CODES) run it again; any other error goes to the caller, whose retry path
 *   (the service's "failed while writing" record) takes over.
 * - A re-run is safe: a refresh is idempotent and a re-run repairs what a half-applied one
 *   left (Excel is not transactional: the operations before the failing one stay applied);
 *   the user gets a refresh in several undo steps instead of an error.
 */

import { RoleMapError } from '../core/messages';
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
  /**
   * The error code that made the grouped run give way, when it did ('unknown' for an error
   * that carries none).
   */
  fellBackOn: string | null;
}

/**
 * Whether a grouped run that threw `err` is run again without the group: any Office error
 * before the first write (`wrote()` false), else only the codes the group causes. A
 * RoleMapError is the core's decision over what the workbook holds: a re-run would reach it
 * again, so it goes straight to the caller.
 */
export function fallsBack(err: unknown, wrote: boolean): boolean {
  if (err instanceof RoleMapError) return false;
  if (!wrote) return true;
  const code = officeErrorCode(err);
  return code !== null && UNGROUPED_RETRY_CODES.includes(code);
}

/**
 * Runs `batch` as one undo group where supported, else (or when grouping fails) without.
 * `wrote` tells whether the batch's first write has gone out (see fallsBack).
 */
export async function runUndoable<T>(
  host: ExcelHost,
  batch: ExcelBatch<T>,
  wrote: () => boolean,
): Promise<UndoRun<T>> {
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
    if (!fallsBack(err, wrote())) throw err;
    const result = await host.run({ delayForCellEdit: true }, batch);
    return { result, grouped: false, fellBackOn: officeErrorCode(err) ?? 'unknown' };
  }
}
