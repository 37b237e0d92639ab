/**
 * The workbook's worksheet events as the pane's WorkbookChange (RoleMapService.watchWorkbook):
 * each event is registered only where its requirement set is supported, and a worksheet id is
 * turned into the sheet's name in a batch of its own. The pane decides what to do with them.
 *
 * Sources (learn.microsoft.com, Excel.WorksheetCollection, Events):
 * - onActivated, onAdded, onDeleted: ExcelApi 1.7;
 * - onChanged: ExcelApi 1.9; its `triggerSource` ("ThisLocalAddin" for our own writes) 1.14
 *   (Excel.WorksheetChangedEventArgs);
 * - onProtectionChanged: ExcelApi 1.14 (Excel.WorksheetProtectionChangedEventArgs);
 * - onNameChanged: ExcelApi 1.17 (Excel.WorksheetNameChangedEventArgs: nameBefore, nameAfter).
 * Handlers are registered with EventHandlers.add and take effect at the next sync ("Work with
 * Events using the Excel JavaScript API": "await context.sync()" after add); each is removed
 * with its EventHandlerResult.remove in the context that added it (OfficeExtension.
 * EventHandlerResult: "The same RequestContext object that the handler was added in must be
 * used when removing the handler").
 * WorksheetCollection.getItemOrNullObject takes a name or an id (Excel.WorksheetCollection).
 */

import type { WorkbookChange } from '../core/service';
import type { ExcelHost } from './host';

type Kind = WorkbookChange['kind'];

/** Each event, the requirement set that brought it, and the change it reports. */
const EVENTS = [
  { event: 'onActivated', api: '1.7', kind: 'activated' },
  { event: 'onAdded', api: '1.7', kind: 'added' },
  { event: 'onDeleted', api: '1.7', kind: 'deleted' },
  { event: 'onChanged', api: '1.9', kind: 'edited' },
  { event: 'onProtectionChanged', api: '1.14', kind: 'protection' },
  { event: 'onNameChanged', api: '1.17', kind: 'renamed' },
] as const satisfies readonly { event: keyof Excel.WorksheetCollection; api: string; kind: Kind }[];

/** What every worksheet event's arguments carry, and what some of them add. */
interface EventArgs {
  worksheetId: string;
  triggerSource?: string;
  nameAfter?: string;
}

/**
 * Listens to the worksheet events the host supports; resolves to a function that stops: it
 * removes the handlers (resolving once Excel has them removed) and silences them meanwhile.
 */
export async function watchWorkbook(
  host: ExcelHost,
  listener: (change: WorkbookChange) => void,
): Promise<() => Promise<void>> {
  const supported = EVENTS.filter((e) => host.isSetSupported('ExcelApi', e.api));
  let live = true;
  if (supported.length === 0) return () => Promise.resolve();

  const nameOf = (id: string): Promise<string | null> =>
    host.run({}, async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(id);
      ws.load('name');
      await context.sync();
      return ws.isNullObject ? null : ws.name;
    });

  const handle = async (kind: Kind, args: EventArgs): Promise<void> => {
    if (!live) return;
    let sheet: string | null = args.nameAfter ?? null;
    if (sheet === null && kind !== 'deleted')
      sheet = await nameOf(args.worksheetId).catch(() => null);
    // triggerSource is there from ExcelApi 1.14 (and on onChanged only): else no one can tell.
    const byThisAddin =
      args.triggerSource === undefined ? null : args.triggerSource === 'ThisLocalAddin';
    if (live) listener({ kind, sheet, byThisAddin });
  };

  const added: OfficeExtension.EventHandlerResult<EventArgs>[] = [];
  const context = await host.run({}, async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    for (const { event, kind } of supported) {
      const handlers = sheets[event] as OfficeExtension.EventHandlers<EventArgs>;
      added.push(handlers.add((args) => handle(kind, args)));
    }
    await ctx.sync();
    return ctx;
  });
  // Removed in the context that added them ("Work with Events using the Excel JavaScript API",
  // Remove an event handler: Excel.run(eventResult.context, …), remove(), sync). Excel destroys
  // them itself when the add-in closes (same article); this is for a pane that unmounts while
  // the page lives on. Until the removal lands, and where it cannot be done, they do nothing.
  let stopped: Promise<void> | null = null;
  return () => {
    live = false;
    const runIn = host.runIn?.bind(host);
    if (stopped !== null || !runIn) return stopped ?? Promise.resolve();
    stopped = runIn(context, async (again) => {
      for (const result of added) result.remove();
      await again.sync();
    });
    return stopped;
  };
}
