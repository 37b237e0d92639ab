/**
 * Whether a refresh fits in the ribbon's time: Office closes a function command "when either
 * the function completes or 5 minutes have passed" (learn.microsoft.com, "Add-in commands",
 * function commands), so a refresh started from the ribbon that outlives it is cut mid-batch
 * (output half-written, no history row). The ribbon asks this before it starts; above the
 * budget it hands the refresh to the task pane, which has no such limit and shows progress.
 *
 * The estimate counts syncs, the unit a refresh's time is made of on Excel on the web (each is
 * one round trip of up to ~4.5 MB; see src/excel/read.ts and write.ts): a constant number per
 * refresh and per sheet, plus one read and one write chunk per ROWS_PER_CHUNK initiatives.
 */

import type { RoleMapSettings, SheetChoice } from './service';

/** Office's limit on a function command (add-in commands article). */
export const RIBBON_LIMIT_MS = 5 * 60_000;

/**
 * The share of the limit a ribbon refresh may be planned to take: the rest is margin for an
 * estimate off by a factor of two and for the error dialog, which runs inside the same window.
 */
export const RIBBON_BUDGET_SHARE = 0.5;

/** What a sync costs on the host: a round trip, and the time to carry a full one's bytes. */
export interface SyncCost {
  /** Milliseconds of a small sync (a round trip carrying next to nothing). */
  msPerSync: number;
  /** Milliseconds one full sync (a ~4.5 MB request or response) takes. */
  msPerFullSync: number;
}

/**
 * The cost used until a workbook has its own measurement. The self-test measures both on the
 * user's Excel (its "sync cost" check times a small sync and a 2.6 MB write and reports the
 * figures); these are deliberately slow figures for Excel on the web.
 */
export const DEFAULT_SYNC_COST: SyncCost = { msPerSync: 1_000, msPerFullSync: 12_000 };

/** Bytes of a full sync (a chunk is sent under ~4.5 MB: src/excel/read.ts, write.ts). */
export const FULL_SYNC_BYTES = 4_500_000;

/**
 * Request and response bytes per initiative of a refresh, measured on the fake with the
 * sample inventory (14 input columns): 80,000 rows sent 40.4 MB of requests and received
 * 11.6 MB of responses.
 */
export const BYTES_PER_ROW = 650;

/** Syncs a refresh takes whatever its size: the probe, the rules, the summary and history. */
const FIXED_SYNCS = 4;
/** Syncs per inventory sheet besides its chunks: its first read and its filter. */
const SYNCS_PER_SHEET = 2;

/** What the ribbon knows about the refresh it is about to run. */
export interface RefreshSize {
  /** Initiatives on each inventory sheet the refresh reads (non-blank rows). */
  rowsPerSheet: readonly number[];
}

export type RibbonDecision =
  | { kind: 'ribbon'; estimatedMs: number }
  | { kind: 'pane'; estimatedMs: number; rows: number; sheets: number };

/**
 * Estimated time of a refresh of this size: a round trip per sync (a constant number, two per
 * sheet, one read and one write per chunk) and its bytes, at a full sync's cost per
 * FULL_SYNC_BYTES.
 */
export function estimatedMs(size: RefreshSize, cost: SyncCost = DEFAULT_SYNC_COST): number {
  const rows = size.rowsPerSheet.reduce((a, b) => a + b, 0);
  const perChunk = FULL_SYNC_BYTES / BYTES_PER_ROW;
  const chunks = size.rowsPerSheet.reduce(
    (n, r) => n + 2 * Math.max(1, Math.ceil(r / perChunk)),
    0,
  );
  const syncs = FIXED_SYNCS + SYNCS_PER_SHEET * size.rowsPerSheet.length + chunks;
  return syncs * cost.msPerSync + ((rows * BYTES_PER_ROW) / FULL_SYNC_BYTES) * cost.msPerFullSync;
}

/**
 * Runs the refresh from the ribbon when its estimate stays within RIBBON_BUDGET_SHARE of the
 * limit, else hands it to the pane (which has no limit and shows progress).
 */
export function ribbonDecision(
  size: RefreshSize,
  cost: SyncCost = DEFAULT_SYNC_COST,
): RibbonDecision {
  const ms = estimatedMs(size, cost);
  if (ms <= RIBBON_LIMIT_MS * RIBBON_BUDGET_SHARE) return { kind: 'ribbon', estimatedMs: ms };
  const rows = size.rowsPerSheet.reduce((a, b) => a + b, 0);
  return { kind: 'pane', estimatedMs: ms, rows, sheets: size.rowsPerSheet.length };
}

/**
 * The sheets a refresh with these settings reads, sized from the host's sheet list: the saved
 * sheets (several, or the one chosen), else the sheet detection would pick (the most
 * recognised headers, the active one first among equals). A sheet the host did not count
 * weighs nothing here: the refresh itself will say what is wrong with it.
 */
export function refreshSizeOf(
  settings: Pick<RoleMapSettings, 'sheet' | 'sheets'>,
  sheets: readonly SheetChoice[],
): RefreshSize {
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const chosen =
    settings.sheets && settings.sheets.length > 0
      ? settings.sheets
      : settings.sheet
        ? [settings.sheet]
        : [...sheets]
            .filter((s) => s.recognised > 0)
            .sort((a, b) => b.recognised - a.recognised || Number(b.isActive) - Number(a.isActive))
            .slice(0, 1)
            .map((s) => s.name);
  return { rowsPerSheet: chosen.map((name) => byName.get(name)?.initiatives ?? 0) };
}
