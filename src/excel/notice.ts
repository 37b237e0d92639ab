/**
 * A sentence the ribbon leaves in the workbook for the task pane, when it cannot show it
 * itself: Office.context.ui.displayDialogAsync needs DialogApi 1.1 (learn.microsoft.com,
 * "Dialog API requirement sets"), and Excel has no other surface a function command can write
 * to. The pane shows it once (RoleMapService.takeNotice) the next time it opens. Also the
 * run state's load and read, shared with the refresh (service.ts).
 */

import {
  EMPTY_RUN_STATE,
  RUN_STATE_KEY,
  parseRunState,
  serialiseRunState,
} from '../core/run-state';
import type { RunState } from '../core/run-state';
import type { ExcelHost } from './host';

/** The requirement set of displayDialogAsync. */
export const DIALOG_API = { name: 'DialogApi', version: '1.1' } as const;

/** Queues loading the run state, to ride on the next sync. */
export function queueRunState(context: Excel.RequestContext): Excel.Setting {
  const item = context.workbook.settings.getItemOrNullObject(RUN_STATE_KEY);
  item.load('value');
  return item;
}

/** The run state from a setting loaded by queueRunState, after its sync. */
export function runStateOf(item: Excel.Setting): RunState {
  return item.isNullObject ? { ...EMPTY_RUN_STATE } : parseRunState(item.value);
}

/** Keeps `message` in the workbook's run state for the pane (one plain run, two syncs). */
export async function leaveNotice(host: ExcelHost, message: string): Promise<void> {
  await host.run({ delayForCellEdit: true }, async (context) => {
    const item = queueRunState(context);
    await context.sync();
    const state = runStateOf(item);
    context.workbook.settings.add(RUN_STATE_KEY, serialiseRunState({ ...state, notice: message }));
    await context.sync();
  });
}

/** How the ribbon shows a sentence (the shape of commands/ribbon.ts's ErrorNotifier). */
export interface Notifier {
  showError(message: string): Promise<void>;
}

/** A notifier for hosts without the dialog API: the sentence waits for the pane. */
export function paneNotifier(host: ExcelHost): Notifier {
  return { showError: (message) => leaveNotice(host, message) };
}

/**
 * The ribbon's notifier: the dialog where the host has DialogApi 1.1, checked before use,
 * else the pane's notice.
 */
export function ribbonNotifier(host: ExcelHost, dialog: () => Notifier): Notifier {
  return host.isSetSupported(DIALOG_API.name, DIALOG_API.version) ? dialog() : paneNotifier(host);
}
