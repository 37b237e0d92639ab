/**
 * Applies the engine's WritePlan to a workbook package, job by job: the inventory sheets are
 * patched (inventory.ts), the summary and history sheets the refresh owns are written
 * (owned.ts), and the workbook part gains the new sheets and names (workbook.ts); the
 * shared-string table, styles and print names are shared by all three.
 */

import type { WritePlan } from '../core/write-plan';
import { registerSnapshot, writeChangeLog } from './change-log';
import { finishHistorySheet } from './history-chart';
import type { WorkbookFile } from './file';
import { patchInventory } from './inventory';
import { writeHistory, writeSummary } from './owned';
import { finishChangeLogSheet, printedSheets, setPrintNames } from './print';
import { SharedStringTable } from './sst';
import { StyleBook } from './styles';
import { openOnSheet, patchWorkbook, WORKBOOK_ORDER, type WorkbookChanges } from './workbook';

/** Applies a plan to the open file (the package is modified in place). */
export function applyWritePlan(
  file: WorkbookFile,
  plan: WritePlan,
  removeRules: readonly number[] = [],
  moreRemoveRules: readonly (readonly number[])[] = [],
): void {
  const styles = new StyleBook(file.pkg, file.workbookPart);
  const changes: WorkbookChanges = {
    newSheets: [],
    hide: [],
    filterDatabase: [],
    openOn: plan.openOn,
    tabsDone: new Set(),
  };
  const sst = new SharedStringTable(file);
  patchInventory(file, plan.inventory, styles, sst, changes, removeRules);
  // Several inventory sheets: each of the others gets its own output columns.
  (plan.moreInventories ?? []).forEach((inv, i) =>
    patchInventory(file, inv, styles, sst, changes, moreRemoveRules[i] ?? []),
  );
  // The snapshot's texts go into the same table.
  const snapshotTexts = plan.changeLog ? registerSnapshot(sst, plan.changeLog) : null;
  // One table for every inventory, complete before any sheet streams out.
  sst.save();
  writeSummary(file, plan.summary, styles, changes);
  if (plan.history)
    finishHistorySheet(file, writeHistory(file, plan.history, styles, changes), plan.history);
  if (plan.changeLog) {
    writeChangeLog(file, plan.changeLog, styles, changes, sst, snapshotTexts!);
    finishChangeLogSheet(file, plan.changeLog.log, changes);
  }
  styles.save();
  patchWorkbook(file, changes);
  setPrintNames(file, printedSheets(plan), WORKBOOK_ORDER);
  openOnSheet(file, plan.openOn, changes.tabsDone);
}
