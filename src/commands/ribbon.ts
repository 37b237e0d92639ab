/**
 * The ribbon's one-click refresh, host-free enough to test: it takes the service, a way to
 * show an error, and the ribbon event, and always completes the event.
 */

import { problem, userMessage } from '../core/messages';
import { SUMMARY_SHEET } from '../core/domain';
import { refreshSizeOf, ribbonDecision } from '../core/ribbon-budget';
import type { SyncCost } from '../core/ribbon-budget';
import type { RoleMapService } from '../core/service';

/** How the ribbon shows a failure (a dialog in Excel; a recorder in tests). */
export interface ErrorNotifier {
  /** Shows the sentence and resolves when the user has dismissed it (or it could not open). */
  showError(message: string): Promise<void>;
}

/** The part of Office.AddinCommands.Event the ribbon uses. */
export type RibbonEvent = Pick<Office.AddinCommands.Event, 'completed'>;

export type RibbonResult =
  { ok: true; classified: number; total: number } | { ok: false; message: string };

/** What the ribbon may use besides the service (all optional). */
export interface RibbonOptions {
  /** The host's sync cost, when measured (DEFAULT_SYNC_COST otherwise). */
  cost?: SyncCost;
}

/**
 * Runs the refresh with the saved settings (detection when none were saved); on success
 * shows the summary sheet, on failure shows the error sentence. A refresh the core judges too
 * large for the ribbon's five minutes (ribbon-budget.ts) is not started: the sentence says so
 * and sends the user to the pane, where it runs with progress and no limit.
 */
export async function runRibbonRefresh(
  service: RoleMapService,
  notifier: ErrorNotifier,
  hostSupported: { ok: boolean; requirement: string },
  options: RibbonOptions = {},
): Promise<RibbonResult> {
  try {
    if (!hostSupported.ok)
      throw problem('host-unsupported', { requirement: hostSupported.requirement });
    const settings = await service.loadSettings();
    const decision = ribbonDecision(
      refreshSizeOf(settings, await service.listSheets()),
      options.cost,
    );
    if (decision.kind === 'pane') {
      throw problem('ribbon-too-large', { rows: decision.rows, sheets: decision.sheets });
    }
    const outcome = await service.refresh(settings);
    await service.selectCell(SUMMARY_SHEET, 0, 0);
    return { ok: true, classified: outcome.summary.classified, total: outcome.summary.total };
  } catch (err) {
    const message = userMessage(err);
    try {
      await notifier.showError(message);
    } catch {
      // The dialog itself failed (blocked, already open): the event must still complete.
    }
    return { ok: false, message };
  }
}

/** Runs the ribbon action and calls event.completed() whatever happens. */
export async function completeAfter<T>(event: RibbonEvent, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    event.completed();
  }
}
