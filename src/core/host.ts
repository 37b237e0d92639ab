/**
 * One refresh, decided once (STYLE: "an adapter converts; it never decides"). The Excel
 * adapter, the file adapter and the test doubles implement `RefreshHost`: they report facts
 * (`probe`), read a sheet (`read`) and apply a plan (`apply`). Everything between — which
 * sheets are candidates, what stops a refresh before any write, which of the reported
 * conditional formats are ours, where the history row goes — is decided here.
 */

import { checkHistoryRowFits, checkPlanFitsGrid } from './grid';
import { inventoryLikeSheets } from './left-out';
import { problem } from './messages';
import type {
  CellValue,
  ChangeState,
  HostCapabilities,
  RangeRef,
  RefreshOptions,
  SheetSnapshot,
} from './input';
import type { RefreshOutcome } from './results';
import {
  CHANGES_SHEET,
  HISTORY_SHEET,
  OUTPUT_SHEETS,
  SNAPSHOT_SHEET,
  SUMMARY_SHEET,
} from './domain';
import { lastLogRow, parseSnapshot } from './change-log';
import { retryChangeLog } from './log-retry';
import { OUTPUT_WIDTH } from './output';
import { chooseSheets, planning } from './refresh';
import type { ReportedRule } from './rules';
import { isOwnRule } from './rules';
import { excelSerial } from './summary-sheet';

/** What a host reports about one worksheet before anything is read in full. */
export interface SheetFacts {
  name: string;
  /** False for hidden and very hidden sheets: never inventory candidates. */
  visible: boolean;
  isProtected: boolean;
  isActive: boolean;
}

/** What a host reports about the workbook: enough to choose and check before reading. */
export interface WorkbookFacts {
  /** Every worksheet, in tab order. */
  sheets: SheetFacts[];
  /**
   * Header probes: the first rows (at least HEADER_SEARCH_ROWS of the used range) of every
   * sheet the core asked for in `probe(candidates)`.
   */
  probes: SheetSnapshot[];
  /** The last used row (0-based) of the history sheet, or null when it has none or is missing. */
  historyLastRow: number | null;
  /** The last used row (0-based) of the change log, or null when it has none or is missing. */
  changeLogLastRow: number | null;
  /** What the host can do; absent for a host that can do everything the plan asks (a file). */
  capabilities?: HostCapabilities;
}

/** A sheet read in full, with its conditional formats as the host reports them. */
export interface SheetRead {
  snapshot: SheetSnapshot;
  /** Every conditional format on the sheet, in the host's order (the index is its handle). */
  rules: ReportedRule[];
}

export type RefreshStep = 'reading' | 'classifying' | 'writing';

/** The seam every surface implements over its workbook. */
export interface RefreshHost {
  /** Facts about every worksheet; header probes of those `wanted` says are candidates. */
  probe(wanted: (facts: SheetFacts) => boolean): Promise<WorkbookFacts>;
  /** The named sheet in full. */
  read(sheet: string): Promise<SheetRead>;
  /**
   * Optional: told after each step of the classification how many initiatives are classified
   * of how many (a host that shows progress; it may yield to its UI before resolving).
   */
  classified?(done: number, total: number): Promise<void>;
  /**
   * Optional: the time (an Excel serial) in the "Refreshed" column (`HISTORY_COL.refreshed`) of
   * the history sheet's row `row`, null when it holds no number. Asked only when a refresh repeats one that failed after it began
   * writing (`RefreshRepeat`): a host whose writes are one transaction never leaves a failed
   * refresh's row behind and need not implement it.
   */
  historyTime?(row: number): Promise<number | null>;
  /**
   * Optional: the change log's cells in `ref`. Asked only when a refresh repeats one that failed
   * after it began writing, to find that refresh's log rows (core/log-retry.ts); like
   * `historyTime`, a host whose writes are one transaction need not implement it.
   */
  changeLogCells?(ref: RangeRef): Promise<CellValue[][]>;
  /**
   * Optional: the history sheet's cells from A1 to its last used row (null when it is missing),
   * so the brief can compare today's share with the previous and the first refresh. A host
   * without it gives a brief without the trend.
   */
  historyValues?(): Promise<CellValue[][] | null>;
  /**
   * Optional: the snapshot sheet's cells from A1 to its last used row (null when it is missing),
   * what the last refresh left to compare with (core/change-log.ts). A host without it finds
   * changes from the output columns alone (no stage moves, no removals).
   */
  snapshotValues?(): Promise<CellValue[][] | null>;
  /**
   * Applies the plan. The history row is the refresh's record that it completed: a host whose
   * writes are not one transaction (Excel across syncs) writes it after everything else, so a
   * refresh that fails part-way leaves no row of its own. `removeRules` are indexes into the `rules` that `read` reported for the
   * plan's inventory sheet, `moreRemoveRules[i]` those for `plan.moreInventories[i]`.
   */
  apply(
    outcome: RefreshOutcome,
    removeRules: readonly number[],
    moreRemoveRules?: readonly (readonly number[])[],
  ): Promise<void>;
}

/** True for a sheet that may hold the inventory: visible, and not one the add-in writes. */
export function isCandidateSheet(facts: Pick<SheetFacts, 'name' | 'visible'>): boolean {
  return facts.visible && !OUTPUT_SHEETS.includes(facts.name);
}

/** Data rows on the history sheet, from its last used row (row 0 is the header). */
function historyRows(last: number | null): number {
  return last === null ? 0 : Math.max(0, last);
}

/**
 * A refresh the user runs again after it failed once it had begun writing: `failedAt` are the
 * times of the refreshes that failed so since the last one that completed (a retry may fail
 * too). Excel is not transactional across syncs, so such a refresh may have written its
 * history row (its last write) and still reported a failure.
 */
export interface RefreshRepeat {
  failedAt: readonly Date[];
}

/** Half a second in days: the history row's time is compared at that precision. */
const SAME_TIME_DAYS = 0.5 / 86_400;

/**
 * Data rows on the history sheet that this refresh builds on: the last row is left out when it
 * is the failed refresh's own (it carries that refresh's time), so this one writes over it and
 * a retry leaves exactly one row for the refresh.
 */
async function historyRowsBefore(
  host: RefreshHost,
  facts: WorkbookFacts,
  repeat: RefreshRepeat | undefined,
): Promise<number> {
  const rows = historyRows(facts.historyLastRow);
  if (!repeat || repeat.failedAt.length === 0 || rows === 0 || !host.historyTime) return rows;
  const last = await host.historyTime(rows);
  const own =
    last !== null &&
    repeat.failedAt.some((at) => Math.abs(last - excelSerial(at)) < SAME_TIME_DAYS);
  return own ? rows - 1 : rows;
}

/** The history's cells the brief compares with, when the host can read them and there are rows. */
async function earlierHistory(
  host: RefreshHost,
  historyRowCount: number,
  history: boolean,
): Promise<CellValue[][] | null> {
  if (!history || historyRowCount === 0 || !host.historyValues) return null;
  return host.historyValues();
}

/** A refresh planned on a host: the outcome and, per inventory write, the rules it replaces. */
interface HostPlan {
  outcome: RefreshOutcome;
  removeRules: number[][];
}

/**
 * Runs one refresh over a host: probe → choose and check (nothing written yet) → read →
 * plan → apply. Throws RoleMapError for what the user can fix; nothing is written then.
 */
export async function runRefresh(
  host: RefreshHost,
  options: RefreshOptions,
  now: Date,
  onStep?: (step: RefreshStep) => void,
  repeat?: RefreshRepeat,
): Promise<RefreshOutcome> {
  // Planned in a function of its own, so what was read (the snapshots: ~0.2 GB at Excel's
  // full grid in a file) can be let go while the plan is written; only the plan stays.
  const { outcome, removeRules } = await planOnHost(host, options, now, onStep, repeat);
  onStep?.('writing');
  await host.apply(outcome, removeRules[0]!, removeRules.slice(1));
  return outcome;
}

/**
 * Everything of runRefresh before the writing, for one inventory sheet or several: the
 * sheets are chosen on the probes (and their headers detected there, once), checked, read in
 * full and planned by the one planner.
 */
async function planOnHost(
  host: RefreshHost,
  options: RefreshOptions,
  now: Date,
  onStep?: (step: RefreshStep) => void,
  repeat?: RefreshRepeat,
): Promise<HostPlan> {
  onStep?.('reading');
  const facts = await host.probe(isCandidateSheet);
  const candidates = facts.probes.filter((p) =>
    facts.sheets.some((f) => f.name === p.name && isCandidateSheet(f)),
  );
  // Choose from the probes: a renamed or deleted sheet, or no inventory, stops here.
  const chosen = chooseSheets(
    candidates,
    options,
    facts.sheets.map((f) => f.name),
  );
  for (const { name } of chosen) {
    const stop = blockerBeforeWrite(facts, name, options.history);
    if (stop !== null) throw stop;
  }
  const historyRowCount = await historyRowsBefore(host, facts, repeat);
  const history = await earlierHistory(host, historyRowCount, options.history);
  // Parsed here, before the inventory is read, so its cells are not held through planning.
  const changeState = changeStateOf(
    host.snapshotValues ? await host.snapshotValues() : null,
    facts.changeLogLastRow,
  );
  const reads: SheetRead[] = [];
  for (const { name } of chosen) reads.push(await host.read(name));
  onStep?.('classifying');
  const input = {
    sheets: reads.map((r) => r.snapshot),
    options,
    now,
    historyRowCount,
    ...(facts.capabilities ? { capabilities: facts.capabilities } : {}),
    history,
    changeState,
  };
  const steps = planning(input, chosen, host.classified !== undefined);
  let next = steps.next();
  while (!next.done) {
    await host.classified?.(next.value.done, next.value.total);
    next = steps.next();
  }
  const outcome = next.value;
  // A retry logs its refresh once: over the failed attempt's rows, or not again.
  if (outcome.plan.changeLog) {
    outcome.plan.changeLog = await retryChangeLog(
      outcome.plan.changeLog,
      repeat?.failedAt ?? [],
      facts.changeLogLastRow,
      host.changeLogCells?.bind(host),
    );
  }
  // Nothing is written beyond Excel's grid, on any surface.
  const writes = [outcome.plan.inventory, ...(outcome.plan.moreInventories ?? [])];
  for (const inv of writes) checkPlanFitsGrid({ ...outcome.plan, inventory: inv });
  const historyRow = outcome.plan.history?.row[0]?.row;
  if (historyRow !== undefined) checkHistoryRowFits(HISTORY_SHEET, historyRow);
  const changeLog = outcome.plan.changeLog;
  if (changeLog) {
    checkHistoryRowFits(CHANGES_SHEET, lastLogRow(changeLog));
    checkHistoryRowFits(SNAPSHOT_SHEET, changeLog.snapshot.rows.length);
  }
  // A summary the user hid is not shown on opening: hidden it stays, and cannot be active.
  if (facts.sheets.some((f) => f.name === outcome.plan.openOn && !f.visible)) {
    outcome.plan.openOn = null;
  }
  outcome.leftOutSheets = inventoryLikeSheets(
    candidates,
    chosen.map((c) => c.name),
  );
  return { outcome, removeRules: writes.map((inv, i) => ownRules(reads[i]!.rules, inv)) };
}

/** The snapshot sheet's cells parsed (what the planner compares with) and let go. */
function changeStateOf(
  cells: readonly (readonly CellValue[])[] | null,
  logLastRow: number | null,
): ChangeState {
  const parsed = { previous: parseSnapshot(cells), rows: cells === null ? 0 : cells.length };
  return { snapshot: null, logLastRow, parsed };
}

/**
 * The indexes of the reported rules that are ours for one inventory write: today's rules and
 * those the refresh that left the block wrote (an earlier layout's, at their places).
 */
function ownRules(rules: readonly ReportedRule[], inv: RefreshOutcome['plan']['inventory']) {
  const all = [...inv.conditionalFormats, ...(inv.earlierRules ?? [])];
  const legacyTexts = new Map<number, Set<string>>();
  for (const r of all) {
    if (r.kind !== 'textEquals') continue;
    const texts = legacyTexts.get(r.range.col) ?? new Set<string>();
    texts.add(r.text);
    legacyTexts.set(r.range.col, texts);
  }
  const block = {
    firstCol: inv.firstCol,
    colCount: Math.max(
      OUTPUT_WIDTH,
      ...all.map((r) => r.range.col + r.range.colCount - inv.firstCol),
    ),
    rules: all,
    legacyTexts,
  };
  const out: number[] = [];
  rules.forEach((rule, i) => {
    if (isOwnRule(rule, block)) out.push(i);
  });
  return out;
}

/**
 * What stops a refresh before anything is written: a protected inventory, or a protected
 * summary, history, change log or snapshot sheet (each is written, and a protected sheet
 * refuses every write).
 */
function blockerBeforeWrite(
  facts: WorkbookFacts,
  inventory: string,
  history: boolean,
): ReturnType<typeof problem> | null {
  const owned = history
    ? [inventory, SUMMARY_SHEET, HISTORY_SHEET, CHANGES_SHEET, SNAPSHOT_SHEET]
    : [inventory, SUMMARY_SHEET];
  for (const name of owned) {
    if (facts.sheets.find((s) => s.name === name)?.isProtected) {
      return problem('protected-sheet', { sheet: name });
    }
  }
  return null;
}
