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

import {
  DEFAULT_SETTINGS,
  RoleMapError,
  previewInventory,
  problem,
  rankSheets,
  toA1,
} from '../core';
import type {
  InventoryPreview,
  RefreshOptions,
  RefreshProgress,
  RoleMapService,
  RoleOrUnclassified,
  RoleMapSettings,
  SavedMapping,
  SheetChoice,
  SheetSnapshot,
} from '../core';
import { countInitiatives } from '../core/preview';
import { parseSettings } from '../core/settings';
import type { ExcelHost } from './host';
import { SETTINGS_KEY, officeErrorCode } from './host';
import { isCandidateSheet, runRefresh } from '../core/host';
import type { RefreshHost } from '../core/host';
import { canFilterRoles, filterByRole } from './filter';
import { readLastRefresh } from './last-refresh';
import { readIndex, readInventory } from './read';
import type { InventoryRead, WorkbookIndex } from './read';
import { writeInventoryTemplate } from './template-sheet';
import { runUndoable } from './undo';
import { applySteps, planSteps } from './write';

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
          return index.probes.map((p) => ({
            name: p.meta.name,
            recognised: ranks.get(p.meta.name) ?? 0,
            isActive: p.meta.isActive,
          }));
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
      const options: RefreshOptions = {
        ...(settings.sheet ? { sheet: settings.sheet } : {}),
        ...(settings.mapping ? { mapping: settings.mapping } : {}),
        ...(settings.words ? { words: settings.words } : {}),
        ...(settings.headerRows ? { headerRows: settings.headerRows } : {}),
        history: settings.history,
      };
      const seen: Attempt = { sheet: null, rows: 0, first: null };
      try {
        // One undo step where the host allows it; see undo.ts for the fallbacks.
        const run = await runUndoable(host, (context) =>
          runRefresh(excelRefreshHost(context, host, progress, seen), options, now()),
        );
        return run.result;
      } catch (err) {
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

    canFilterRoles: (inTable?: boolean) => canFilterRoles(host, inTable),

    filterByRole: (sheet: string, role: RoleOrUnclassified | null) =>
      guarded(() => run((context) => filterByRole(context, host, sheet, role))),

    lastRefresh: () => guarded(() => run((context) => readLastRefresh(context))),

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

/** Resolves on the next macrotask, after the browser has had a chance to render. */
function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * What one refresh has seen so far: the chosen sheet and its size (for the error message of a
 * failed batch) and what the first attempt read. Excel is not transactional: when the undo
 * group gives way and the refresh runs again without it (undo.ts), the first attempt may have
 * written part of its output already. The retry plans from the workbook as it was before the
 * refresh — the inventory's values and the history's last row — so its changes since the last
 * refresh and its history row are the ones the first attempt would have written.
 */
interface Attempt {
  sheet: string | null;
  rows: number;
  first: { snapshot: SheetSnapshot; historyLastRow: number | null } | null;
}

/**
 * The Excel workbook as the core's refresh host, inside one Excel.run: it reports what Excel
 * says, reads, and applies the plan; the core decides (src/core/host.ts).
 */
function excelRefreshHost(
  context: Excel.RequestContext,
  host: ExcelHost,
  progress: (p: RefreshProgress) => void,
  seen: Attempt,
): RefreshHost {
  const retry = seen.first;
  let index: WorkbookIndex | null = null;
  let read: InventoryRead | null = null;
  return {
    probe: async (wanted) => {
      progress({ phase: 'reading', done: 0, total: 1 });
      index = await readIndex(context, host, wanted);
      return {
        sheets: index.sheets.map((s) => ({
          name: s.name,
          visible: s.visible,
          isProtected: s.isProtected,
          isActive: s.isActive,
        })),
        probes: index.probes.map((p) => p.probe),
        historyLastRow: retry ? retry.historyLastRow : index.historyLastRow,
      };
    },
    read: async (name) => {
      const probe = index?.probes.find((p) => p.meta.name === name);
      if (!probe) throw problem('sheet-not-found', { sheet: name });
      seen.sheet = name;
      seen.rows = probe.used?.rowCount ?? 0;
      read = await readInventory(context, probe, (done, total) =>
        progress({ phase: 'reading', done, total }),
      );
      const snapshot = retry && retry.snapshot.name === name ? retry.snapshot : read.snapshot;
      // Initiatives (non-blank rows), not sheet rows: what the classifier will count.
      progress({ phase: 'classifying', done: 0, total: countInitiatives(snapshot) ?? 0 });
      // Let the pane paint "Classifying…" before the engine's synchronous work starts.
      await yieldToUi();
      seen.first ??= { snapshot: read.snapshot, historyLastRow: index!.historyLastRow };
      return { snapshot, rules: read.rules.map((r) => r.reported) };
    },
    classified: async (done, total) => {
      progress({ phase: 'classifying', done, total });
      // Let the pane paint the count: classifying 10,000 rows takes most of a second.
      await yieldToUi();
    },
    apply: async (outcome, removeRules) => {
      if (!index || !read) throw new Error('apply() before probe() and read()');
      progress({
        phase: 'classifying',
        done: outcome.rows.length,
        total: outcome.rows.length,
      });
      // Paint "classified n of n" before the write plan is built (a long synchronous step too).
      await yieldToUi();
      const rules = read.rules;
      const steps = planSteps(
        host,
        outcome.plan,
        retry?.snapshot.name === read.snapshot.name ? retry.snapshot : read.snapshot,
        removeRules.map((i) => rules[i]!),
        {
          summaryPosition: index.summaryPosition,
          history: index.historyExists,
          summaryCharts: index.summaryCharts,
        },
      );
      await applySteps(context, steps, (done, total) =>
        progress({ phase: 'writing', done, total }),
      );
      progress({ phase: 'done', done: 1, total: 1 });
    },
  };
}
