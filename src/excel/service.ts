/**
 * RoleMapService over Office.js: the only code that calls Excel.run (through the host that
 * is passed in). A refresh is one Excel.run — one undo step where ExcelApi 1.20 allows it —
 * with a constant number of syncs plus one per chunk of a large inventory.
 *
 * Settings live in the workbook's Excel.SettingCollection (context.workbook.settings,
 * ExcelApi 1.4) rather than Office.context.document.settings: they are read and written in
 * the same batch as everything else (no saveAsync round trip), they travel with the file, and
 * the same fake stands in for both in tests.
 */

import { rangeToA1, toA1 } from '../core/address';
import { MIN_RECOGNISED, rankSheets } from '../core/headers';
import { FILTER_TEXT, RoleMapError, problem } from '../core/messages';
import { previewInventory } from '../core/preview';
import { DEFAULT_SETTINGS } from '../core/service';
import type { RoleOrUnclassified } from '../core/domain';
import type { CellValue, SavedMapping, SheetSnapshot } from '../core/input';
import { CHANGES_SHEET, HISTORY_SHEET } from '../core/domain';
import { initiativeBlock, initiativesIn } from '../core/sheet-count';
import { HISTORY_COL } from '../core/summary-sheet';
import type {
  InventoryPreview,
  RefreshProgress,
  RoleMapService,
  RoleMapSettings,
  SheetChoice,
} from '../core/service';
import { countInitiatives } from '../core/preview';
import { optionsFromSettings, parseSettings, SETTINGS_KEY } from '../core/settings';
import {
  EMPTY_RUN_STATE,
  RUN_STATE_KEY,
  afterSuccess,
  serialiseRunState,
  withFailure,
  withoutNotice,
} from '../core/run-state';
import type { RunState } from '../core/run-state';
import type { ExcelHost } from './host';
import { officeErrorCode } from './host';
import { isCandidateSheet, runRefresh } from '../core/host';
import type { RefreshHost } from '../core/host';
import {
  canFilterRoles,
  filterByRole,
  filtersToSetAside,
  loadFilter,
  losesSortState,
  putFiltersBack,
  setFiltersAside,
} from './filter';
import type { PendingFilter, SetAsideFilter } from './filter';
import { queueRunState, runStateOf } from './notice';
import { readLastRefresh } from './last-refresh';
import { MERGED_AREAS_API, readIndex, readInventory, toCellValue } from './read';
import type { InventoryRead, WorkbookIndex } from './read';
import { writeInventoryTemplate } from './template-sheet';
import { watchWorkbook } from './watch';
import { runUndoable } from './undo';
import { chartsWithAltText, writeChartAltText } from './chart-alt';
import { TABLE_RESIZE_API, applySteps, planSteps } from './write';

/** Turns what a failed batch threw into the one error shape the surfaces show. */
function asRoleMapError(err: unknown, sheet: string | null, rows: number): RoleMapError {
  if (err instanceof RoleMapError) return err;
  const code = officeErrorCode(err);
  if (code === 'AccessDenied' && sheet !== null) return problem('protected-sheet', { sheet });
  if (code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded') {
    return problem('payload-too-large', { rows });
  }
  const reason = err instanceof Error ? err.message : String(err);
  return problem('unexpected', { reason: code ? `${code}: ${reason}` : reason });
}

export { parseSettings };

/** Creates the Office.js implementation of RoleMapService over the given host. */
export function createExcelService(host: ExcelHost): RoleMapService {
  const now = (): Date => (host.now ? host.now() : new Date());
  const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
    host.run({ delayForCellEdit: true }, batch);

  // The times of the refreshes that failed after they began writing, until one succeeds: kept
  // in the workbook (run-state.ts), since a ribbon click gets a new service each time, and
  // here too, for when saving it failed with the refresh.
  let failedWhileWriting: Date[] = [];
  // Sheets whose sort-state notice the pane has been given (it is said once).
  const noticedSort = new Set<string>();

  const saveRunState = (state: RunState): Promise<void> =>
    run(async (context) => {
      context.workbook.settings.add(RUN_STATE_KEY, serialiseRunState(state));
      await context.sync();
    });
  const loadRunState = (): Promise<RunState> =>
    run(async (context) => {
      const item = queueRunState(context);
      await context.sync();
      return runStateOf(item);
    });

  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      throw asRoleMapError(err, null, 0);
    }
  };

  return {
    listSheets: () =>
      guarded(() =>
        run(async (context): Promise<SheetChoice[]> => {
          const index = await readIndex(context, host, isCandidateSheet);
          const ranks = new Map(
            rankSheets(index.probes.map((p) => p.probe)).map((r) => [r.name, r.recognised]),
          );
          // One more round trip: Excel counts the blank rows of every inventory-like sheet
          // (COUNTIFS with "" over each column, Workbook.functions, ExcelApi 1.2), so the pane
          // shows initiatives, not rows, without reading the sheets in full.
          const counts = index.probes.map((p) => {
            if ((ranks.get(p.meta.name) ?? 0) < MIN_RECOGNISED || p.used === null) return null;
            const block = initiativeBlock(p.probe, p.used.row + p.used.rowCount - 1);
            if (block === null) return null;
            const ws = context.workbook.worksheets.getItem(p.meta.name);
            const args: (Excel.Range | string)[] = [];
            for (let c = 0; c < block.colCount; c++) {
              args.push(ws.getRange(rangeToA1({ ...block, col: block.col + c, colCount: 1 })), '');
            }
            const result = context.workbook.functions.countIfs(...args);
            result.load('value, error');
            return { block, result };
          });
          if (counts.some((c) => c !== null)) await context.sync();
          return index.probes.map((p, i) => {
            const count = counts[i];
            const blank = count && !count.result.error ? Number(count.result.value) : NaN;
            return {
              name: p.meta.name,
              recognised: ranks.get(p.meta.name) ?? 0,
              isActive: p.meta.isActive,
              ...(count && Number.isFinite(blank)
                ? { initiatives: initiativesIn(count.block, blank) }
                : {}),
            };
          });
        }),
      ),

    loadSettings: () =>
      guarded(() =>
        run(async (context) => {
          const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
          item.load('value');
          await context.sync();
          return item.isNullObject ? { ...DEFAULT_SETTINGS } : parseSettings(item.value);
        }),
      ),

    saveSettings: (settings: RoleMapSettings) =>
      guarded(() =>
        run(async (context) => {
          context.workbook.settings.add(SETTINGS_KEY, JSON.stringify(settings));
          await context.sync();
        }),
      ),

    preview: (sheet: string | undefined, mapping: SavedMapping | undefined, headerRow?: number) =>
      guarded(() =>
        run(async (context): Promise<InventoryPreview> => {
          const index = await readIndex(context, host, isCandidateSheet);
          // The probes hold the first rows; the used range tells how many rows there are.
          const lastUsedRow: Record<string, number> = {};
          for (const p of index.probes) {
            if (p.used) lastUsedRow[p.meta.name] = p.used.row + p.used.rowCount - 1;
          }
          return previewInventory(
            index.probes.map((p) => p.probe),
            {
              ...(sheet ? { sheet } : {}),
              ...(mapping ? { mapping } : {}),
              ...(headerRow !== undefined ? { headerRow } : {}),
              lastUsedRow,
            },
          );
        }),
      ),

    refresh: async (settings: RoleMapSettings, onProgress?: (p: RefreshProgress) => void) => {
      const progress = onProgress ?? ((): void => undefined);
      // The saved settings as refresh options: the same rule as the command line's.
      const options = optionsFromSettings(settings, 'excel');
      const seen: Attempt = {
        sheet: null,
        rows: 0,
        first: null,
        writing: false,
        runState: null,
        remembered: failedWhileWriting,
      };
      const at = now();
      // Filled by the probe from the workbook's run state (and what this service remembers);
      // the core reads it only after the probe.
      const repeat: { failedAt: Date[] } = { failedAt: [] };
      try {
        // One undo step where the host allows it; see undo.ts for the fallbacks.
        const run = await runUndoable(
          host,
          (context) =>
            runRefresh(
              excelRefreshHost(context, host, progress, seen, repeat),
              options,
              at,
              undefined,
              {
                get failedAt() {
                  return repeat.failedAt;
                },
              },
            ),
          () => seen.writing,
        );
        failedWhileWriting = [];
        return run.result;
      } catch (err) {
        // Writing had begun: the next refresh is the user's retry of this one (its history row
        // may have landed although the refresh failed; the core recognises it by its time),
        // wherever it is started from.
        if (seen.writing) {
          failedWhileWriting = [...failedWhileWriting, at];
          await saveRunState(withFailure(seen.runState ?? { ...EMPTY_RUN_STATE }, at)).catch(
            () => undefined, // kept in memory for the pane; the refresh's error is what counts
          );
        }
        throw asRoleMapError(err, seen.sheet, seen.rows);
      }
    },

    selectCell: (sheet: string, row: number, col: number) =>
      guarded(() =>
        run(async (context) => {
          const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
          ws.load('name');
          await context.sync();
          if (ws.isNullObject) throw problem('sheet-not-found', { sheet });
          ws.activate();
          ws.getRange(toA1(row, col)).select();
          await context.sync();
        }),
      ),

    takeNotice: () =>
      guarded(async () => {
        const state = await loadRunState();
        if (state.notice === undefined) return null;
        await saveRunState(withoutNotice(state));
        return state.notice;
      }),

    sortStateNotice: (sheet: string) =>
      guarded(async () => {
        if (noticedSort.has(sheet) || !losesSortState(host, { hasAutoFilter: true, tables: 0 })) {
          return null;
        }
        const facts = await run(async (context) => {
          const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
          ws.load('name');
          await context.sync();
          if (ws.isNullObject) return null;
          const range = ws.autoFilter.getRangeOrNullObject();
          range.load('address');
          const tables = ws.tables.load('items/name');
          await context.sync();
          return { hasAutoFilter: !range.isNullObject, tables: tables.items.length };
        });
        if (facts === null || !losesSortState(host, facts)) return null;
        noticedSort.add(sheet);
        return FILTER_TEXT.sortState(sheet);
      }),

    canFilterRoles: (inTable?: boolean) => canFilterRoles(host, inTable),

    filterByRole: (sheet: string, role: RoleOrUnclassified | null) =>
      guarded(() => run((context) => filterByRole(context, host, sheet, role))),

    lastRefresh: () => guarded(() => run((context) => readLastRefresh(context))),

    watchWorkbook: (listener) => guarded(() => watchWorkbook(host, listener)),

    createInventorySheet: () =>
      guarded(() =>
        run(async (context) => {
          const sheets = context.workbook.worksheets;
          sheets.load('items/name');
          await context.sync();
          const name = await writeInventoryTemplate(
            context,
            host,
            sheets.items.map((s) => s.name),
          );
          return name;
        }),
      ),
  };
}

/**
 * The filter to set aside, from loads that rode on the read's first sync. When that batch was
 * refused and read again in parts (a response over the limit), its loads were lost with it:
 * Office.js then says PropertyNotLoaded, and the filter is loaded again in a sync of its own.
 */
async function setAsideAfterRead(
  context: Excel.RequestContext,
  host: ExcelHost,
  pending: PendingFilter,
  read: InventoryRead,
): Promise<SetAsideFilter[]> {
  const tables = read.snapshot.tables;
  try {
    return filtersToSetAside(pending, tables);
  } catch (err) {
    if (officeErrorCode(err) !== 'PropertyNotLoaded') throw err;
    const names = pending.tables.map((t) => t.name);
    const again = loadFilter(context, host, pending.sheet, names)!;
    await context.sync();
    return filtersToSetAside(again, tables);
  }
}

/** Resolves on the next macrotask, after the browser has had a chance to render. */
function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * What one refresh has seen so far: the sheet being read and its size (for the error message
 * of a failed batch) and what the first attempt read. Excel is not transactional: when the
 * undo group gives way and the refresh runs again without it (undo.ts), the first attempt may
 * have written part of its output already. The retry plans from the workbook as it was before
 * the refresh — each inventory sheet's values and the history's last row — so its changes
 * since the last refresh and its history row are the ones the first attempt would have written.
 */
interface Attempt {
  sheet: string | null;
  rows: number;
  first: {
    snapshots: Map<string, SheetSnapshot>;
    historyLastRow: number | null;
    /** The change log's last row and the snapshot's cells as the first attempt read them. */
    changeLogLastRow: number | null;
    snapshot: CellValue[][] | null;
    /** The user's filters as the first attempt found them (it may have cleared them). */
    filters: Map<string, SetAsideFilter[]>;
  } | null;
  /** Set once the first write batch is about to go out. */
  writing: boolean;
  /** The workbook's run state as the probe read it (null before it). */
  runState: RunState | null;
  /** Failed refreshes this service remembers (when saving the run state failed). */
  remembered: readonly Date[];
}

/**
 * The Excel workbook as the core's refresh host, inside one Excel.run: it reports what Excel
 * says, reads, and applies the plan; the core decides (src/core/host.ts). Several inventory
 * sheets are read one after the other (each its own chunks) and written in the same batches.
 */
function excelRefreshHost(
  context: Excel.RequestContext,
  host: ExcelHost,
  progress: (p: RefreshProgress) => void,
  seen: Attempt,
  repeat: { failedAt: Date[] },
): RefreshHost {
  const retry = seen.first;
  let index: WorkbookIndex | null = null;
  const reads = new Map<string, InventoryRead>();
  // Progress over every sheet read so far: chunks and rows add up across sheets.
  let chunksBefore = 0;
  let rowsBefore = 0;
  const snapshotOf = (read: InventoryRead): SheetSnapshot =>
    retry?.snapshots.get(read.snapshot.name) ?? read.snapshot;
  return {
    probe: async (wanted) => {
      progress({ phase: 'reading', done: 0, total: 1 });
      // The run state rides on the index's first sync.
      const stateItem = queueRunState(context);
      index = await readIndex(context, host, wanted, true);
      const state = runStateOf(stateItem);
      seen.runState = state;
      const times = new Set(state.failedWhileWriting);
      for (const d of seen.remembered) times.add(d.getTime());
      repeat.failedAt = [...times].sort((a, b) => a - b).map((t) => new Date(t));
      return {
        sheets: index.sheets.map((s) => ({
          name: s.name,
          visible: s.visible,
          isProtected: s.isProtected,
          isActive: s.isActive,
        })),
        probes: index.probes.map((p) => p.probe),
        historyLastRow: retry ? retry.historyLastRow : index.historyLastRow,
        changeLogLastRow: retry ? retry.changeLogLastRow : index.changeLogLastRow,
        capabilities: { resizeTable: host.isSetSupported('ExcelApi', TABLE_RESIZE_API) },
      };
    },
    read: async (name) => {
      const probe = index?.probes.find((p) => p.meta.name === name);
      if (!probe) throw problem('sheet-not-found', { sheet: name });
      seen.sheet = name;
      seen.rows = probe.used?.rowCount ?? 0;
      const before = chunksBefore;
      // The user's filter on the sheet loads with the read's first sync (office-js #224: it
      // is set aside around the writes).
      const pending = loadFilter(context, host, name, probe.tableNames);
      const read = await readInventory(
        context,
        probe,
        (done, total) => progress({ phase: 'reading', done: before + done, total: before + total }),
        host.isSetSupported('ExcelApi', MERGED_AREAS_API),
      );
      const filter = pending ? await setAsideAfterRead(context, host, pending, read) : [];
      chunksBefore += read.chunks;
      // Initiatives (non-blank rows), not sheet rows: what the classifier will count.
      rowsBefore += countInitiatives(snapshotOf(read)) ?? 0;
      reads.set(name, read);
      progress({ phase: 'classifying', done: 0, total: rowsBefore });
      // Let the pane paint "Classifying…" before the engine's synchronous work starts.
      await yieldToUi();
      seen.first ??= {
        snapshots: new Map(),
        historyLastRow: index!.historyLastRow,
        changeLogLastRow: index!.changeLogLastRow,
        snapshot: index!.snapshotValues,
        filters: new Map(),
      };
      if (!seen.first.snapshots.has(name)) seen.first.snapshots.set(name, read.snapshot);
      if (!seen.first.filters.has(name)) seen.first.filters.set(name, filter);
      return { snapshot: snapshotOf(read), rules: read.rules.map((r) => r.reported) };
    },
    historyTime: async (row) => {
      const cell = context.workbook.worksheets
        .getItem(HISTORY_SHEET)
        .getRange(toA1(row, HISTORY_COL.refreshed));
      cell.load('values');
      await context.sync();
      const value: unknown = cell.values[0]?.[0];
      return typeof value === 'number' ? value : null;
    },
    changeLogCells: async (ref) => {
      const cells = context.workbook.worksheets.getItem(CHANGES_SHEET).getRange(rangeToA1(ref));
      cells.load('values');
      await context.sync();
      return cells.values.map((row) => row.map(toCellValue));
    },
    // Read with the probe, in the same sync (excel/read.ts): the brief's trend.
    historyValues: () => Promise.resolve(index?.historyValues ?? null),
    // What the last refresh left to compare with; a retry compares with what the first
    // attempt read (it may have replaced the snapshot before it failed).
    snapshotValues: () => Promise.resolve(retry ? retry.snapshot : (index?.snapshotValues ?? null)),
    classified: async (done, total) => {
      progress({ phase: 'classifying', done, total });
      // Let the pane paint the count: classifying 10,000 rows takes most of a second.
      await yieldToUi();
    },
    apply: async (outcome, removeRules, moreRemoveRules = []) => {
      const plan = outcome.plan;
      const readOf = (sheet: string): InventoryRead => {
        const read = reads.get(sheet);
        if (!index || !read) throw new Error(`apply() before probe() and read("${sheet}")`);
        return read;
      };
      const first = readOf(plan.inventory.sheet);
      const more = (plan.moreInventories ?? []).map((inv, i) => {
        const read = readOf(inv.sheet);
        return {
          snapshot: snapshotOf(read),
          oldRules: (moreRemoveRules[i] ?? []).map((k) => read.rules[k]!),
        };
      });
      progress({
        phase: 'classifying',
        done: outcome.rows.length,
        total: outcome.rows.length,
      });
      // Paint "classified n of n" before the write plan is built (a long synchronous step too).
      await yieldToUi();
      const steps = planSteps(
        host,
        plan,
        snapshotOf(first),
        removeRules.map((i) => first.rules[i]!),
        {
          summaryPosition: index!.summaryPosition,
          history: index!.historyExists,
          summaryCharts: index!.summaryCharts,
          changeLog: index!.changeLogExists,
          snapshot: index!.snapshotExists,
        },
        more,
      );
      const filters = [plan.inventory, ...(plan.moreInventories ?? [])].flatMap(
        (inv) => seen.first?.filters.get(inv.sheet) ?? [],
      );
      seen.writing = true;
      // The failures this refresh repairs are cleared with its first write (if it fails, the
      // error path records them again with this one).
      const state = seen.runState;
      if (state && state.failedWhileWriting.length > 0) {
        context.workbook.settings.add(RUN_STATE_KEY, serialiseRunState(afterSuccess(state)));
      }
      await setFiltersAside(context, host, filters);
      try {
        await applySteps(context, steps, (done, total) =>
          progress({ phase: 'writing', done, total }),
        );
        // Needs the charts drawn: their shapes are read, then given the text (chart-alt.ts).
        await writeChartAltText(
          context,
          host,
          chartsWithAltText([
            { sheet: plan.summary.name, spec: plan.summary.chart },
            ...(plan.history ? [{ sheet: plan.history.name, spec: plan.history.chart }] : []),
          ]),
        );
      } catch (err) {
        // The refresh failed: the user's view is put back if Excel still takes it; the
        // refresh's own error is the one the user sees either way.
        await putFiltersBack(context, filters).catch(() => undefined);
        throw err;
      }
      await putFiltersBack(context, filters);
      progress({ phase: 'done', done: 1, total: 1 });
    },
  };
}
