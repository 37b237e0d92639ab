/**
 * Worksheet events of the fake Excel (Excel.WorksheetCollection onActivated / onAdded /
 * onDeleted 1.7, onChanged 1.9, onProtectionChanged 1.14, onNameChanged 1.17; learn.microsoft.com,
 * Excel.WorksheetCollection, Events). As in Excel:
 * - an event newer than the supported requirement set is not there (ApiNotFound);
 * - a handler added with EventHandlers.add takes effect at the next sync ("Work with Events
 *   using the Excel JavaScript API": register, then `await context.sync()`);
 * - handlers run after the change, asynchronously, each with the event's arguments
 *   (worksheetId, type, source; WorksheetChangedEventArgs.triggerSource from ExcelApi 1.14 says
 *   "ThisLocalAddin" for the add-in's own writes).
 * Raised by the user actions a test simulates (FakeExcel.setProtected, renameSheet, …).
 * A handler stays registered until removed through its EventHandlerResult in the context that
 * added it (see FakeEventHandlerResult); the hub counts what is registered, so a test can see
 * that a pane which closed left nothing behind.
 */

/** The worksheet events the fake raises, with the requirement set each arrived in. */
export const FAKE_EVENT_APIS = {
  onActivated: '1.7',
  onAdded: '1.7',
  onDeleted: '1.7',
  onChanged: '1.9',
  onProtectionChanged: '1.14',
  onNameChanged: '1.17',
} as const;

export type FakeEventName = keyof typeof FAKE_EVENT_APIS;

export type FakeEventArgs = Record<string, unknown> & { worksheetId: string; type: string };

type Handler = (args: FakeEventArgs) => unknown;

/** The handlers registered on the workbook, by event. */
export class FakeEventHub {
  private readonly handlers = new Map<FakeEventName, Set<Handler>>();
  /** Events raised so far (for tests that check what Excel would have reported). */
  readonly raised: { event: FakeEventName; args: FakeEventArgs }[] = [];

  register(event: FakeEventName, handler: Handler): () => void {
    const set = this.handlers.get(event) ?? new Set<Handler>();
    set.add(handler);
    this.handlers.set(event, set);
    return () => set.delete(handler);
  }

  /** How many handlers listen to an event. */
  count(event: FakeEventName): number {
    return this.handlers.get(event)?.size ?? 0;
  }

  /** How many handlers listen to any event (0 once a pane that closed removed its own). */
  total(): number {
    let n = 0;
    for (const set of this.handlers.values()) n += set.size;
    return n;
  }

  /** Calls every handler of the event after the current job, as Excel does after a change. */
  raise(event: FakeEventName, args: FakeEventArgs): void {
    this.raised.push({ event, args });
    const set = [...(this.handlers.get(event) ?? [])];
    setTimeout(() => {
      for (const h of set) void Promise.resolve(h(args)).catch(() => undefined);
    }, 0);
  }
}

/**
 * OfficeExtension.EventHandlerResult: `remove()` takes the handler away at the next sync of the
 * context that added it (learn.microsoft.com, OfficeExtension.EventHandlerResult: "The same
 * RequestContext object that the handler was added in must be used when removing the handler";
 * "Work with Events using the Excel JavaScript API", Remove an event handler:
 * `Excel.run(eventResult.context, …)`, `eventResult.remove()`, `await context.sync()`). Called
 * outside a batch of that context, it fails like any use of a finished context
 * (InvalidObjectPath), so code that removes from another context is caught.
 */
export class FakeEventHandlerResult {
  constructor(
    /** The request context the handler was added in. */
    readonly context: unknown,
    private readonly doRemove: () => void,
  ) {}

  remove(): void {
    this.doRemove();
  }
}

/** OfficeExtension.EventHandlers over the hub; `queue` registers (and unregisters) at a sync. */
export class FakeEventHandlers {
  constructor(
    private readonly hub: FakeEventHub,
    private readonly event: FakeEventName,
    private readonly context: unknown,
    private readonly queue: (register: () => void) => void,
    private readonly queueRemoval: (unregister: () => void) => void,
  ) {}

  add(handler: Handler): FakeEventHandlerResult {
    let unregister: (() => void) | null = null;
    this.queue(() => {
      unregister = this.hub.register(this.event, handler);
    });
    return new FakeEventHandlerResult(this.context, () =>
      this.queueRemoval(() => {
        unregister?.();
        unregister = null;
      }),
    );
  }
}
