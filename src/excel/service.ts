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
  FIELDS,
  HISTORY_SHEET,
  RoleMapError,
  SUMMARY_SHEET,
  chooseInventory,
  planRefresh,
  previewInventory,
  problem,
  rankSheets,
  toA1,
} from '../core';
import type {
  InventoryPreview,
  RefreshOptions,
  RefreshOutcome,
  RefreshProgress,
  RoleMapService,
  RoleMapSettings,
  SavedMapping,
  SheetChoice,
} from '../core';
import type { ExcelHost } from './host';
import { SETTINGS_KEY, UNDO_GROUP_API, officeErrorCode } from './host';
import { readIndex, readInventory } from './read';
import { writeInventoryTemplate } from './template-sheet';
import { applySteps, planSteps } from './write';

/** Parses saved settings; anything unreadable or of another version gives the defaults. */
export function parseSettings(value: unknown): RoleMapSettings {
  let data: unknown = value;
  if (typeof value === 'string') {
    try {
      data = JSON.parse(value) as unknown;
    } catch {
      return { ...DEFAULT_SETTINGS };
    }
  }
  if (typeof data !== 'object' || data === null) return { ...DEFAULT_SETTINGS };
  const o = data as Record<string, unknown>;
  if (o.version !== 1) return { ...DEFAULT_SETTINGS };
  const out: RoleMapSettings = { version: 1, history: o.history !== false };
  if (typeof o.sheet === 'string' && o.sheet !== '') out.sheet = o.sheet;
  if (typeof o.mapping === 'object' && o.mapping !== null) {
    const mapping: SavedMapping = {};
    for (const field of FIELDS) {
      const header = (o.mapping as Record<string, unknown>)[field];
      // "" is kept: it switches the field off (e.g. a RAG "Status" that is not a stage).
      if (typeof header === 'string') mapping[field] = header;
    }
    if (Object.keys(mapping).length > 0) out.mapping = mapping;
  }
  return out;
}

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
          const index = await readIndex(context, host);
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
          const index = await readIndex(context, host);
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
        history: settings.history,
      };
      const undo = host.isSetSupported('ExcelApi', UNDO_GROUP_API);
      let sheetName: string | null = null;
      let rows = 0;
      try {
        return await host.run(
          { delayForCellEdit: true, ...(undo ? { mergeUndoGroup: true } : {}) },
          async (context): Promise<RefreshOutcome> => {
            progress({ phase: 'reading', done: 0, total: 1 });
            const index = await readIndex(context, host);
            // Choose from the header probes; errors (sheet renamed or deleted, no inventory)
            // surface here, before anything is read in full or written.
            const chosen = chooseInventory(
              index.probes.map((p) => p.probe),
              options,
            );
            const probe = index.probes.find((p) => p.meta.name === chosen.sheet.name)!;
            sheetName = probe.meta.name;
            rows = probe.used?.rowCount ?? 0;
            if (probe.meta.isProtected) throw problem('protected-sheet', { sheet: sheetName });
            const read = await readInventory(context, probe, (done, total) =>
              progress({ phase: 'reading', done, total }),
            );

            progress({ phase: 'classifying', done: 0, total: rows });
            // Let the pane paint "Classifying…" before the engine's synchronous work starts.
            await yieldToUi();
            const outcome = planRefresh({
              sheets: [read.snapshot],
              options: { ...options, sheet: sheetName },
              now: now(),
              historyRowCount: index.historyRowCount,
            });
            progress({
              phase: 'classifying',
              done: outcome.rows.length,
              total: outcome.rows.length,
            });
            for (const own of [SUMMARY_SHEET, ...(outcome.plan.history ? [HISTORY_SHEET] : [])]) {
              if (index.sheets.find((s) => s.name === own)?.isProtected) {
                throw problem('protected-sheet', { sheet: own });
              }
            }

            const steps = planSteps(host, outcome.plan, read.snapshot, read.rules, {
              summaryPosition: index.summaryPosition,
              history: index.historyExists,
            });
            await applySteps(context, steps, (done, total) =>
              progress({ phase: 'writing', done, total }),
            );
            progress({ phase: 'done', done: 1, total: 1 });
            return outcome;
          },
        );
      } catch (err) {
        throw asRoleMapError(err, sheetName, rows);
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
