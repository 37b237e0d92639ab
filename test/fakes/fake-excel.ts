/**
 * A strict in-memory fake of the Excel JavaScript API subset IoT Role Map uses, for tests,
 * the host benchmark and the pane's browser e2e page (no Node imports on purpose).
 *
 * It fails where Excel fails, or the tests prove nothing. Each behaviour names its source (a
 * learn.microsoft.com page or an office-js issue) or is marked `ASSUMPTION:` with the
 * self-test check (src/excel/selftest.ts) that covers it on a real Excel:
 * - a property read before `load()` + `context.sync()` throws PropertyNotLoaded ("Error
 *   handling with the application-specific JavaScript APIs", error codes: "The property isn't
 *   available. Before reading the property's value, call the load method..."; the Excel
 *   JavaScript object model article: "you must load the properties ... and sync");
 * - an object used after its `run` ended throws InvalidObjectPath (same error-codes table:
 *   "The object path isn't working for what you're trying to do"; "Work with objects across
 *   Excel.run contexts": objects cannot be used outside their batch unless tracked);
 * - operations are queued and run only at `sync()`, in order. Excel is not transactional: when
 *   one fails, the operations before it stay applied (OfficeExtension.Error.traceMessages holds
 *   "all trace messages that were executed before the error occurred", @types/office-js), so
 *   the fake keeps them and undoes only the failing operation's own half-done changes;
 * - requests and responses over 5 MB throw Request/ResponsePayloadSizeLimitExceeded and reads
 *   over 5,000,000 cells throw RangeExceedsLimit (learn.microsoft.com, "Resource limits and
 *   performance optimization for Office Add-ins", Excel add-ins: "Excel on the web has a
 *   payload size limit for requests and responses of 5MB" and "A range is limited to
 *   5,000,000 cells for read operations"). A request over the limit is refused whole; a
 *   response over it is refused after its batch ran;
 * - under `mergeUndoGroup` (ExcelApi 1.20), an API without undo support throws UndoNotSupported
 *   and outside a group it clears the undo stack, per platform (learn.microsoft.com, "Undo
 *   capabilities with the Excel JavaScript API", Unsupported APIs); on the web,
 *   `mergeUndoGroup` together with `delayForCellEdit` fails (office-js #6711), and on a build
 *   configured so (`undoGroupFault`), `mergeUndoGroup` alone fails with an unspecified
 *   RichApi.Error (office-js #6711, #6255; self-test "undo-group");
 * - a clock (`syncCost`, ASSUMPTION checked by the self-test's "sync-cost" check) and the
 *   ribbon's function command, closed after 5 minutes (learn.microsoft.com, "Add-in
 *   commands"; `startCommand`);
 * - in cell-edit mode a batch without `delayForCellEdit` fails with
 *   InvalidOperationInCellEditMode (Excel.RunOptions.delayForCellEdit; office-js-docs-reference
 *   #2244: "if the user is in cell edit ... the batch will automatically fail");
 * - writes to a protected sheet throw AccessDenied. ASSUMPTION: the error-codes table defines
 *   AccessDenied ("You can't perform the requested operation") without naming protection;
 *   the self-test's "code-protected" check writes to a protected scratch sheet;
 * - a value starting with "=", "+", "-" or "@" written through Range.values becomes a formula
 *   unless it starts with an apostrophe (Range.values: "If the returned value starts with a
 *   plus, minus, or equal sign, Excel interprets this value as a formula"). What an apostrophe
 *   does in a Text ("@") cell is not documented: the fake keeps it as part of the text, the
 *   pessimistic reading, so an adapter that relies on it fails here. Range.valuesAsJson
 *   (ExcelApi 1.16) with a String cell value stores exactly that string;
 * - table column names are unique: an added or typed header that exists gets a number
 *   ("Priority2"), an empty one a generated "ColumnN" (Z. Barresse & K. Jelen, "Excel Tables",
 *   ch. 2: "When you enter a header value that is the same as another header in the same
 *   Table, Excel appends a number"); TableColumnCollection.add inserts cells and shifts the
 *   cells to the right of the table in its rows ("Columns with a higher index will be shifted
 *   to the side"; the error-handling article sizes OperationCellsExceedLimit for it as
 *   rows x (16383 - columns) and names NonBlankCellOffSheet), Table.resize (ExcelApi 1.13)
 *   moves no cell;
 * - conditional formats report their Office.js type and formulas relative to their own
 *   top-left cell, while a formula set through a fetched format is read relative to the range
 *   it was fetched through (office-js #5194); `fragmentConditionalFormat` splits a rule the way
 *   inserting or copying rows does;
 * - APIs newer than the configured requirement sets throw ApiNotFound (Table.resize 1.13,
 *   valuesAsJson 1.16); `mergeUndoGroup` is ignored below ExcelApi 1.20;
 * - a `run` that ends with operations that were never synced throws (Excel would drop or
 *   flush them silently; either is a bug worth catching);
 * - worksheet events and their handlers' removal in the context that added them
 *   (fake-events.ts); settings, sheet names and visibility, activation, deletion, selection,
 *   hyperlinks, list validation, the order of conditional formats, table names and used ranges
 *   each cite their page, or say `ASSUMPTION:` and the self-test check, where they are modelled.
 *
 * Plain properties that store what is set and read it back (names, colours, widths, chart
 * titles) follow their class's reference page and are not cited one by one. A call or property
 * outside the modelled subset throws InvalidArgument naming it: that is the fake refusing to
 * guess, not Excel's behaviour.
 *
 * Classes mirror Excel's names and pick their property types from @types/office-js
 * (`Excel.Range['values']`, …), so API drift breaks compilation. The one cast to
 * `Excel.RequestContext` is in `run`: the fake implements a subset, and a call outside it
 * fails loudly at runtime (`… is not a function`).
 */

import { quoteSheet, rangeToA1 } from '../../src/core/address';
import { FAKE_EVENT_APIS, FakeEventHandlers, FakeEventHub } from './fake-events';
import type { FakeEventName } from './fake-events';
import {
  MAX_COLS,
  formatAddress,
  parseLocal,
  shiftFormula,
  splitSheet,
  toR1C1,
} from './fake-address';
import type {
  AddedSeriesState,
  Box,
  CellStyleState,
  CfState,
  CfType,
  ChartState,
  HyperlinkState,
  Scalar,
  TableState,
  ValidationState,
} from './fake-state';
import { FakeOfficeError, SheetState, Tx, WorkbookState, intersects } from './fake-state';

export { FakeOfficeError } from './fake-state';
export type {
  Box,
  CfState,
  CfType,
  ChartState,
  Scalar,
  TableState,
  ValidationState,
} from './fake-state';

/** Excel on the web rejects requests and responses over 5 MB; the fake uses 5,000,000 bytes. */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;

// ---------------------------------------------------------------------------------------
// Configuration and the public FakeExcel object
// ---------------------------------------------------------------------------------------

export interface FakeTableConfig {
  name: string;
  /** Local address including the header row, e.g. "A3:N40". */
  range: string;
  showTotals?: boolean;
}

export interface FakeSheetConfig {
  name: string;
  /** Values from `origin` (default A1); null = empty. Strings are stored as given (no parsing). */
  values?: (Scalar | null)[][];
  origin?: string;
  /** Formulas by local address, with their displayed value taken from `values`. */
  formulas?: Record<string, string>;
  /** Number formats by local address. */
  numberFormats?: Record<string, string>;
  protected?: boolean;
  visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
  tables?: FakeTableConfig[];
  frozenRows?: number;
  autoFilter?: string;
  /** Merged areas by local address ("H3:J3"). */
  merges?: string[];
  /** Conditional formats as Excel holds them (first = highest priority). */
  conditionalFormats?: FakeCfConfig[];
}

/** A conditional format to seed, with its formulas relative to the range's top-left cell. */
export interface FakeCfConfig {
  type: CfType;
  /** Local address, e.g. "O4:O40". */
  range: string;
  formula?: string;
  cellValue?: { operator: string; formula1: string; formula2?: string };
  textComparison?: { operator: string; text: string };
  fill?: string;
  fontColor?: string;
}

/** The platform the fake behaves as, where Excel differs by platform (undo support). */
export type FakePlatform = 'web' | 'windows' | 'mac';

export interface FakeExcelOptions {
  sheets: FakeSheetConfig[];
  /** Highest supported version per requirement set, e.g. { ExcelApi: '1.9' } (default 1.20). */
  supportedSets?: Record<string, string>;
  /** Name of the active sheet (default: the first). */
  active?: string;
  settings?: Record<string, unknown>;
  /** Default 'web', the strictest where platforms differ that the adapter can meet. */
  platform?: FakePlatform;
  /**
   * An Excel on the web build whose `mergeUndoGroup` fails on its own (not every build does):
   * 'always' — a RichApi.Error at the grouped run's first sync, whatever else the options say
   * (office-js #6711: "When mergeUndoGroup is included in the run properties, RichApi.Error is
   * thrown"; the issue shows the error only as a screenshot, so its code is not known);
   * 'repeated' — an internal error from the third grouped run on (office-js #6255: "Getting
   * internal error after clicking 'Run' more than 2 times"; it goes away without
   * mergeUndoGroup). `undoGroupFaultCode` is the code it carries (default GeneralException;
   * null for an error with no code at all).
   */
  undoGroupFault?: 'always' | 'repeated';
  undoGroupFaultCode?: string | null;
  /**
   * What a sync costs on the fake's clock (default: nothing, the clock stands still): a round
   * trip, plus the time per megabyte of request and response. ASSUMPTION: a sync's time grows
   * with its bytes; the self-test's "sync cost" check measures both figures on a real Excel.
   */
  syncCost?: { msPerSync: number; msPerMegabyte: number };
  /** The clock's start (default 2026-11-25 09:30 UTC). */
  startTime?: Date;
}

/**
 * Office's limit on a function command: it is closed "when either the function completes or 5
 * minutes have passed" (learn.microsoft.com/office/dev/add-ins/design/add-in-commands).
 */
export const COMMAND_LIMIT_MS = 5 * 60_000;

/** A ribbon event, as the fake hands it to a function command. */
export interface FakeCommandEvent {
  completed(): void;
  readonly isCompleted: boolean;
}

interface FakeCommand extends FakeCommandEvent {
  deadline: number;
  closed: boolean;
  isCompleted: boolean;
}

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

/** Everything a test can inspect about one cell. */
export interface CellInfo {
  value: Scalar | null;
  formula: string | null;
  numberFormat: string;
  style: CellStyleState;
  hyperlink: HyperlinkState | null;
}

/**
 * APIs without undo support (learn.microsoft.com, "Undo capabilities with the Excel JavaScript
 * API", Unsupported APIs table: "Supported in Excel on the web" / "... on Windows and Mac"),
 * the ones a worksheet adapter can reach. true = not supported on that platform.
 */
export const UNDO_UNSUPPORTED: Readonly<Record<string, { web: boolean; desktop: boolean }>> = {
  'Worksheet.copy': { web: true, desktop: true },
  'Worksheet.delete': { web: true, desktop: true },
  'Worksheet.name': { web: false, desktop: true },
  'Worksheet.position': { web: false, desktop: true },
  'Worksheet.visibility': { web: false, desktop: true },
  'WorksheetProtection.protect': { web: true, desktop: true },
  'WorksheetProtection.unprotect': { web: true, desktop: true },
};

/** What one `run` was asked for, as the fake understood it. */
export interface RunRecord {
  mergeUndoGroup: boolean;
  delayForCellEdit: boolean;
}

/** A forced failure: the k-th sync fails after `at` of its operations ran. */
interface ForcedFailure {
  sync: number;
  code: string;
  at: number | 'half';
}

/** The fake Excel host: `run` is Excel.run-compatible; the rest is for inspection. */
export class FakeExcel {
  readonly state = new WorkbookState();
  /** Handlers of the worksheet events (fake-events.ts), raised by the user actions below. */
  readonly events = new FakeEventHub();
  readonly supportedSets: Record<string, string>;
  readonly platform: FakePlatform;
  /** Number of `context.sync()` calls (failed ones included). */
  syncCount = 0;
  /** UTF-8 size of every request (queued operations as JSON), in sync order. */
  readonly requestSizes: number[] = [];
  /** UTF-8 size of every response (loaded values as JSON), in sync order. */
  readonly responseSizes: number[] = [];
  /** Options passed to each `run` (mergeUndoGroup, delayForCellEdit). */
  readonly runs: RunRecord[] = [];
  /** Calls to suspendApiCalculationUntilNextSync. */
  suspendCalculationCalls = 0;
  /**
   * Entries on the user's undo stack: one per undo group that changed something, one per
   * ungrouped sync that changed something (a lower bound: Excel may record more).
   */
  undoSteps = 0;
  /** Set when an API without undo support ran outside a group (the stack was cleared). */
  undoStackCleared = false;
  /** The user is typing in a cell (cell-edit mode). */
  cellEditMode = false;
  /** See FakeExcelOptions.undoGroupFault (web only). */
  readonly undoGroupFault: 'always' | 'repeated' | null;
  readonly undoGroupFaultCode: string | null;
  /** Grouped runs so far (office-js #6255 fails from the third on). */
  groupedRuns = 0;
  /** Milliseconds on the fake's clock (see FakeExcelOptions.syncCost). */
  clockMs: number;
  readonly syncCost: { msPerSync: number; msPerMegabyte: number };
  /** The function command running now (runs started meanwhile belong to it), if one runs. */
  private command: FakeCommand | null = null;
  /** Set when Office closed a function command that had not completed in time. */
  commandClosed = false;
  private forced: ForcedFailure | null = null;

  constructor(options: FakeExcelOptions) {
    this.supportedSets = options.supportedSets ?? { ExcelApi: '1.20' };
    this.platform = options.platform ?? 'web';
    this.undoGroupFault = this.platform === 'web' ? (options.undoGroupFault ?? null) : null;
    this.clockMs = (options.startTime ?? new Date(Date.UTC(2026, 10, 25, 9, 30))).getTime();
    this.syncCost = options.syncCost ?? { msPerSync: 0, msPerMegabyte: 0 };
    this.undoGroupFaultCode =
      options.undoGroupFaultCode === undefined ? 'GeneralException' : options.undoGroupFaultCode;
    const tx = new Tx();
    for (const cfg of options.sheets) this.state.sheets.push(buildSheet(cfg, tx, this.state));
    this.state.activeSheet =
      (options.active ? this.state.findSheet(options.active) : this.state.sheets[0]) ?? null;
    for (const [k, v] of Object.entries(options.settings ?? {})) this.state.settings.set(k, v);
  }

  /**
   * Excel.run-compatible entry point: run(batch), run(options, batch), or run(context, batch),
   * which runs the batch again in a context an earlier run created (Excel.run(context, batch):
   * "Work with Events using the Excel JavaScript API" removes a handler with
   * `Excel.run(eventResult.context, …)`, since only the context that added it can remove it).
   */
  run<T>(batch: Batch<T>): Promise<T>;
  run<T>(options: Excel.RunOptions, batch: Batch<T>): Promise<T>;
  run<T>(context: Excel.RequestContext, batch: Batch<T>): Promise<T>;
  async run<T>(a: Batch<T> | Excel.RunOptions | Excel.RequestContext, b?: Batch<T>): Promise<T> {
    const batch = typeof a === 'function' ? a : b;
    if (!batch) throw new FakeOfficeError('InvalidArgument', 'Excel.run needs a batch function.');
    if (a instanceof FakeRequestContext) return this.runAgain(a, batch);
    const options = typeof a === 'function' ? {} : (a as Excel.RunOptions);
    const record: RunRecord = {
      mergeUndoGroup: options.mergeUndoGroup === true,
      delayForCellEdit: options.delayForCellEdit === true,
    };
    this.runs.push(record);
    // RunOptions.mergeUndoGroup arrived with ExcelApi 1.20; older hosts do not group.
    const grouped = record.mergeUndoGroup && this.isSetSupported('ExcelApi', '1.20');
    if (grouped) this.groupedRuns++;
    const ctx = new FakeRequestContext(this, {
      grouped,
      delayForCellEdit: record.delayForCellEdit,
    });
    try {
      return await runBatch(ctx, batch);
    } finally {
      if (grouped && ctx.changed) this.undoSteps++;
      ctx.close();
    }
  }

  /** A batch in a context of an earlier run (see `run`), open for the batch's length. */
  private async runAgain<T>(ctx: FakeRequestContext, batch: Batch<T>): Promise<T> {
    if (ctx.excel !== this) {
      throw new FakeOfficeError(
        'InvalidArgument',
        'Excel.run was given a context of another host.',
      );
    }
    ctx.reopen();
    try {
      return await runBatch(ctx, batch);
    } finally {
      ctx.close();
    }
  }

  /** Office.context.requirements.isSetSupported, from `supportedSets`. */
  isSetSupported(name: string, minVersion?: string): boolean {
    const have = this.supportedSets[name];
    if (have === undefined) return false;
    if (minVersion === undefined) return true;
    return compareVersions(have, minVersion) >= 0;
  }

  /**
   * Makes the k-th sync from now fail (1 = the next one) with `code`, after `at` of its
   * operations ran (default: half of them, rounded down), like Excel, which is not
   * transactional.
   */
  failSync(k: number, code = 'GeneralException', at: number | 'half' = 'half'): void {
    this.forced = { sync: this.syncCount + k, code, at };
  }

  /** The fake's clock, for the host's `now`. */
  now(): Date {
    return new Date(this.clockMs);
  }

  /**
   * A ribbon click: a function command starts now and Office closes it when it completes or
   * COMMAND_LIMIT_MS have passed on the clock. ASSUMPTION: once closed, nothing of the command
   * runs any more; the fake fails its later syncs with FakeCommandClosed (the real runtime is
   * torn down, so not even an error dialog opens). The self-test cannot wait five minutes: the
   * ribbon's budget keeps a refresh to half the limit instead (src/core/ribbon-budget.ts).
   */
  startCommand(): FakeCommandEvent {
    const command: FakeCommand = {
      deadline: this.clockMs + COMMAND_LIMIT_MS,
      closed: false,
      isCompleted: false,
      completed: () => {
        command.isCompleted = true;
        if (this.command === command) this.command = null;
      },
    };
    this.command = command;
    return command;
  }

  /** @internal The command a run started now belongs to. */
  currentCommand(): FakeCommand | null {
    return this.command;
  }

  /**
   * @internal A sync of `bytes` passes on the clock; a sync of a command past its limit finds
   * it closed.
   */
  passTime(bytes: number, command: FakeCommand | null, roundTrip = true): void {
    this.clockMs +=
      (roundTrip ? this.syncCost.msPerSync : 0) + (bytes / 1_000_000) * this.syncCost.msPerMegabyte;
    if (!command || command.isCompleted) return;
    if (this.clockMs > command.deadline) {
      command.closed = true;
      this.commandClosed = true;
    }
    if (command.closed) {
      throw new FakeOfficeError(
        'FakeCommandClosed',
        'The function command was closed after 5 minutes (add-in commands: "when either the function completes or 5 minutes have passed").',
      );
    }
  }

  /** @internal Whether this grouped run meets the configured web fault (office-js #6711, #6255). */
  undoGroupFailsNow(): boolean {
    if (this.undoGroupFault === 'always') return true;
    return this.undoGroupFault === 'repeated' && this.groupedRuns >= 3;
  }

  /** @internal called by the context at each sync. */
  takeForcedFailure(): ForcedFailure | null {
    const f = this.forced;
    if (f !== null && this.syncCount === f.sync) {
      this.forced = null;
      return f;
    }
    return null;
  }

  /**
   * @internal At sync, before an operation without undo support runs: inside a group it
   * throws UndoNotSupported; outside one it clears the user's undo stack.
   */
  checkUndo(api: string, grouped: boolean): void {
    const row = UNDO_UNSUPPORTED[api];
    if (!row) return;
    const unsupported = this.platform === 'web' ? row.web : row.desktop;
    if (!unsupported) return;
    if (grouped) {
      throw new FakeOfficeError(
        'UndoNotSupported',
        `${api} does not support undo and cannot be part of an undo group.`,
      );
    }
    this.undoStackCleared = true;
    this.undoSteps = 0;
  }

  /** Resets the sync and payload counters (e.g. between the phases a test measures). */
  resetCounters(): void {
    this.syncCount = 0;
    this.requestSizes.length = 0;
    this.responseSizes.length = 0;
    this.runs.length = 0;
    this.suspendCalculationCalls = 0;
    this.undoSteps = 0;
    this.undoStackCleared = false;
  }

  // ---- inspection -----------------------------------------------------------------------

  sheetNames(): string[] {
    return this.state.liveSheets().map((s) => s.name);
  }

  /** The committed state of a sheet (throws when there is none). */
  sheet(name: string): SheetState {
    const s = this.state.findSheet(name);
    if (!s) throw new Error(`FakeExcel: no sheet "${name}" (have ${this.sheetNames().join(', ')})`);
    return s;
  }

  hasSheet(name: string): boolean {
    return this.state.findSheet(name) !== undefined;
  }

  /** Values of a local address (or the used range) as a rectangle; empty cells are null. */
  values(sheetName: string, address?: string): (Scalar | null)[][] {
    const s = this.sheet(sheetName);
    const box = address ? parseLocal(address) : s.usedBox();
    if (!box) return [];
    return boxRows(box, (r, c) => s.getValue(r, c) ?? null);
  }

  /** Everything about one cell, by local address ("B7"). */
  cell(sheetName: string, address: string): CellInfo {
    const s = this.sheet(sheetName);
    const { row, col } = parseLocal(address);
    return {
      value: s.getValue(row, col) ?? null,
      formula: s.getFormula(row, col) ?? null,
      numberFormat: s.getNumberFormat(row, col),
      style: s.getStyle(row, col),
      hyperlink: s.getHyperlink(row, col) ?? null,
    };
  }

  conditionalFormats(sheetName: string): CfState[] {
    return this.sheet(sheetName).conditionalFormats;
  }

  charts(sheetName: string): ChartState[] {
    return this.sheet(sheetName).charts;
  }

  tables(sheetName: string): TableState[] {
    return this.sheet(sheetName).tables;
  }

  /**
   * Rows (0-based) the sheet's filters hide: the AutoFilter's and every table's values criteria
   * over their data rows (learn.microsoft.com, Excel.FilterCriteria `values`: "the set of values
   * to be used as part of values filtering"). Matching the cell's text ignoring case and a blank
   * cell matching only "" are ASSUMPTION: (Excel's filter list behaves so; the self-test's
   * "autofilter" check filters on roles and reads the criteria back; the
   * Office.js reference does not say), and the tests only filter on our own role texts.
   */
  hiddenRows(sheetName: string): number[] {
    return [...filterHiddenRows(this.sheet(sheetName))].sort((a, b) => a - b);
  }

  /** Address of the selection as Excel reports it ("Sheet1!B7"), or null. */
  get selectedAddress(): string | null {
    const sel = this.state.selection;
    return sel ? formatAddress(sel.sheet.name, sel.box) : null;
  }

  get activeSheetName(): string | null {
    return this.state.activeSheet?.name ?? null;
  }

  /** The workbook settings store (Excel.SettingCollection), by key. */
  get settings(): ReadonlyMap<string, unknown> {
    return this.state.settings;
  }

  /** A deep, comparable copy of a sheet's cells and formats (for "input untouched" checks). */
  dump(sheetName: string): string {
    const s = this.sheet(sheetName);
    return JSON.stringify({
      values: s.values,
      formulas: [...s.formulas.entries()].sort(),
      numberFormats: s.numberFormats,
      styles: [...s.styles.entries()].sort(),
    });
  }

  // ---- user actions a test simulates between runs ----------------------------------------

  setProtected(sheetName: string, on: boolean): void {
    this.sheet(sheetName).protected = on;
    this.raise('onProtectionChanged', sheetName, { isProtected: on });
  }

  /** The user sorts from the sheet's AutoFilter button, or a table's (by column index). */
  setSortState(sheetName: string, table?: { name: string; key: number }): void {
    const s = this.sheet(sheetName);
    if (!table) {
      s.autoFilterSorted = true;
      return;
    }
    const t = s.tables.find((x) => x.name === table.name);
    if (!t) throw new Error(`FakeExcel: no table "${table.name}" on "${sheetName}"`);
    t.sortFields = [{ key: table.key, ascending: true }];
  }

  renameSheet(from: string, to: string): void {
    this.sheet(from).name = to;
    this.raise('onNameChanged', to, { nameBefore: from, nameAfter: to });
  }

  deleteSheet(name: string): void {
    const id = worksheetIdOf(this.sheet(name).name);
    this.sheet(name).deleted = true;
    if (this.isSetSupported('ExcelApi', FAKE_EVENT_APIS.onDeleted)) {
      this.events.raise('onDeleted', {
        type: 'WorksheetDeleted',
        worksheetId: id,
        source: 'Local',
      });
    }
  }

  /** The user clicks a sheet's tab. */
  activateSheet(name: string): void {
    this.state.activeSheet = this.sheet(name);
    this.raise('onActivated', name, {});
  }

  /** Raises a worksheet event where the supported requirement set has it. */
  private raise(event: FakeEventName, sheetName: string, extra: Record<string, unknown>): void {
    if (!this.isSetSupported('ExcelApi', FAKE_EVENT_APIS[event])) return;
    const type = `Worksheet${event.slice(2)}`;
    const worksheetId = worksheetIdOf(this.sheet(sheetName).name);
    this.events.raise(event, { type, worksheetId, source: 'Local', ...extra });
  }

  /**
   * What inserting or copying rows does to a conditional format: the rule at `index` (in the
   * sheet's priority order) becomes two rules, rows above `atRow` and rows from `atRow` on,
   * each reporting its formulas relative to its own top-left cell (office-js #5194). Returns
   * the two rules.
   */
  fragmentConditionalFormat(sheetName: string, index: number, atRow: number): [CfState, CfState] {
    const s = this.sheet(sheetName);
    const cf = s.conditionalFormats[index];
    if (!cf) throw new Error(`FakeExcel: no conditional format #${index} on "${sheetName}"`);
    const split = atRow - cf.box.row;
    if (split <= 0 || split >= cf.box.rowCount) {
      throw new Error(`FakeExcel: row ${atRow + 1} does not split ${rangeToA1(cf.box)}`);
    }
    const top: CfState = { ...cf, box: { ...cf.box, rowCount: split } };
    const bottom: CfState = {
      ...relocateCf(cf, split, 0),
      id: this.state.newId('cf'),
      box: { ...cf.box, row: atRow, rowCount: cf.box.rowCount - split },
    };
    s.conditionalFormats = [
      ...s.conditionalFormats.slice(0, index),
      top,
      bottom,
      ...s.conditionalFormats.slice(index + 1),
    ];
    return [top, bottom];
  }

  /** Adds a conditional format as a user (or a file) would, at the lowest priority. */
  addConditionalFormat(sheetName: string, cfg: FakeCfConfig): CfState {
    const s = this.sheet(sheetName);
    const cf = cfFromConfig(cfg, this.state);
    s.conditionalFormats = [...s.conditionalFormats, cf];
    return cf;
  }

  /** Types a value into a cell as a user would (no formula parsing: plain value). */
  setCellValue(sheetName: string, address: string, value: Scalar | null): void {
    const { row, col } = parseLocal(address);
    this.sheet(sheetName).setCell(new Tx(), row, col, value ?? undefined);
    this.raise('onChanged', sheetName, {
      address,
      changeType: 'RangeEdited',
      // WorksheetChangedEventArgs.triggerSource arrived with ExcelApi 1.14.
      ...(this.isSetSupported('ExcelApi', '1.14') ? { triggerSource: 'Unknown' } : {}),
    });
  }
}

/** A worksheet's id as the fake reports it (Worksheet.id). */
function worksheetIdOf(name: string): string {
  return `{fake-${name}}`;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function buildSheet(cfg: FakeSheetConfig, tx: Tx, wb: WorkbookState): SheetState {
  const s = new SheetState(cfg.name);
  const origin = parseLocal(cfg.origin ?? 'A1');
  const values = cfg.values ?? [];
  const put = s.cellWriter(tx, {
    ...origin,
    rowCount: values.length,
    colCount: values.reduce((n, row) => Math.max(n, row.length), 0),
  });
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v !== null && v !== '') put(origin.row + i, origin.col + j, v);
    }),
  );
  for (const [addr, f] of Object.entries(cfg.formulas ?? {})) {
    const { row, col } = parseLocal(addr);
    s.setCell(tx, row, col, s.getValue(row, col) ?? 0, f);
  }
  for (const [addr, fmt] of Object.entries(cfg.numberFormats ?? {})) {
    const b = parseLocal(addr);
    forBox(b, (r, c) => s.setNumberFormat(tx, r, c, fmt));
  }
  s.protected = cfg.protected ?? false;
  s.visibility = cfg.visibility ?? 'Visible';
  s.tables = (cfg.tables ?? []).map((t) => ({
    name: t.name,
    box: parseLocal(t.range),
    showTotals: t.showTotals ?? false,
  }));
  s.frozenRows = cfg.frozenRows ?? 0;
  s.autoFilter = cfg.autoFilter ? parseLocal(cfg.autoFilter) : null;
  s.merges = (cfg.merges ?? []).map((a) => parseLocal(a));
  s.conditionalFormats = (cfg.conditionalFormats ?? []).map((c) => cfFromConfig(c, wb));
  return s;
}

function cfFromConfig(cfg: FakeCfConfig, wb: WorkbookState): CfState {
  return {
    id: wb.newId('cf'),
    type: cfg.type,
    box: parseLocal(cfg.range),
    formula: cfg.formula ?? null,
    cellValue: cfg.cellValue ?? null,
    textComparison: cfg.textComparison ?? null,
    fill: cfg.fill ?? null,
    fontColor: cfg.fontColor ?? null,
    barColor: null,
  };
}

/** The same rule seen from a top-left cell moved by (dRow, dCol): relative refs move. */
function relocateCf(cf: CfState, dRow: number, dCol: number): CfState {
  const cv = cf.cellValue;
  return {
    ...cf,
    formula: cf.formula === null ? null : shiftFormula(cf.formula, dRow, dCol),
    cellValue: cv
      ? {
          operator: cv.operator,
          formula1: shiftFormula(cv.formula1, dRow, dCol),
          ...(cv.formula2 !== undefined ? { formula2: shiftFormula(cv.formula2, dRow, dCol) } : {}),
        }
      : (cv ?? null),
  };
}

/** Rows (0-based) a sheet's filters hide; see FakeExcel.hiddenRows. */
function filterHiddenRows(s: SheetState): Set<number> {
  const hidden = new Set<number>();
  const hide = (box: Box, criteria: Readonly<Record<number, readonly string[]>>): void => {
    for (const [k, values] of Object.entries(criteria)) {
      const wanted = new Set(values.map((v) => v.toLowerCase()));
      const col = box.col + Number(k);
      for (let r = box.row + 1; r < box.row + box.rowCount; r++) {
        const v = s.getValue(r, col);
        if (!wanted.has(v === undefined || v === null ? '' : String(v).toLowerCase())) {
          hidden.add(r);
        }
      }
    }
  };
  if (s.autoFilter) hide(s.autoFilter, s.autoFilterCriteria);
  for (const t of s.tables) hide(t.box, t.filters ?? {});
  return hidden;
}

/**
 * Values written over rows a filter hides land in the wrong cells (office-js #224, "Setting
 * range data when filter is applied doesn't work": "data seems to be misplaced (i.e. not
 * appearing in the correct cells)"). Through Excel's COM API the first value goes into every
 * visible cell (xlwings #747: "it drops the first element of change_me into every non-hidden
 * cell"); for Office.js no source says where each value goes. ASSUMPTION: the fake writes the
 * array's rows, in order, into the visible rows and drops the rest — wrong cells either way,
 * so an adapter that writes over a filter fails here as in Excel. The adapter never does: it
 * sets the filters aside first (filter.ts), which the self-test's "autofilter" check covers.
 * Returns the row each of the array's rows lands in (null: dropped), or null when no row of
 * the box is hidden.
 */
function filteredWriteRows(s: SheetState, box: Box): ((i: number) => number | null) | null {
  const filtered =
    (s.autoFilter !== null && Object.keys(s.autoFilterCriteria).length > 0) ||
    s.tables.some((t) => Object.keys(t.filters ?? {}).length > 0);
  if (!filtered) return null;
  const hidden = filterHiddenRows(s);
  const visible: number[] = [];
  for (let r = box.row; r < box.row + box.rowCount; r++) if (!hidden.has(r)) visible.push(r);
  if (visible.length === box.rowCount) return null;
  return (i) => visible[i] ?? null;
}

/** Writes each cell of a values array over `box`, misplaced where a filter hides rows. */
function writeGrid(
  sheet: SheetState,
  box: Box,
  grid: (i: number, j: number) => unknown,
  write: (r: number, c: number, v: unknown) => void,
): void {
  const rowOf = filteredWriteRows(sheet, box);
  if (rowOf === null) {
    forBox(box, (r, c, i, j) => write(r, c, grid(i, j)));
    return;
  }
  for (let i = 0; i < box.rowCount; i++) {
    const r = rowOf(i);
    if (r === null) continue;
    for (let j = 0; j < box.colCount; j++) write(r, box.col + j, grid(i, j));
  }
}

function forBox(b: Box, fn: (r: number, c: number, i: number, j: number) => void): void {
  for (let i = 0; i < b.rowCount; i++)
    for (let j = 0; j < b.colCount; j++) fn(b.row + i, b.col + j, i, j);
}

function boxRows<T>(b: Box, fn: (r: number, c: number) => T): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < b.rowCount; i++) {
    const row: T[] = [];
    for (let j = 0; j < b.colCount; j++) row.push(fn(b.row + i, b.col + j));
    out.push(row);
  }
  return out;
}

/** The browser's and Node's UTF-8 encoder, where there is one (not in every jest environment). */
const encoder = typeof TextEncoder === 'undefined' ? null : new TextEncoder();
/** Scratch space the encoder writes a payload into, grown as needed and reused. */
let scratch = new Uint8Array(0);

/**
 * UTF-8 byte length of a payload (megabytes of JSON at Excel's full grid): a large one is
 * encoded natively into reused scratch space, a small one (or one without an encoder) counted
 * unit by unit, both as UTF-8 encodes it (a lone surrogate as U+FFFD, three bytes; JSON.stringify
 * never leaves one in its output). Deliberately not imported from src/excel/payload.ts: the
 * fake measures requests on its own, so a wrong estimate in the adapter shows up as a failed
 * test instead of agreeing with itself.
 */
export function utf8Length(s: string): number {
  if (encoder && s.length > 4096) {
    if (scratch.length < 3 * s.length) scratch = new Uint8Array(3 * s.length);
    return encoder.encodeInto(s, scratch).written;
  }
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// ---------------------------------------------------------------------------------------
// Request context and the queue
// ---------------------------------------------------------------------------------------

interface LoadOutcome {
  payload: unknown;
  apply: () => void;
}

interface Entry {
  json: unknown;
  run: (tx: Tx) => LoadOutcome | void;
  /** The API name when it has no undo support on some platform (see UNDO_UNSUPPORTED). */
  undoApi?: string;
}

let nextObjectId = 1;

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  /** True once an operation of this run changed the workbook. */
  changed = false;
  private queue: Entry[] = [];
  private open = true;
  private syncs = 0;

  /** The function command this run belongs to (null in the pane). */
  private readonly command: FakeCommand | null;

  constructor(
    readonly excel: FakeExcel,
    readonly runOptions: { grouped: boolean; delayForCellEdit: boolean },
  ) {
    this.workbook = new FakeWorkbook(this);
    this.command = excel.currentCommand();
  }

  pendingCount(): number {
    return this.queue.length;
  }

  close(): void {
    this.open = false;
    this.queue = [];
  }

  /** @internal Open again for a batch run in this context (FakeExcel.run(context, batch)). */
  reopen(): void {
    this.open = true;
  }

  assertOpen(): void {
    if (!this.open) {
      throw new FakeOfficeError(
        'InvalidObjectPath',
        'The object path is not working for what you are trying to do: the object was used after its Excel.run ended. Use it inside the batch, or track it with context.trackedObjects.',
      );
    }
  }

  enqueue(e: Entry): void {
    this.assertOpen();
    this.queue.push(e);
  }

  /** @internal throws ApiNotFound when the host lacks the requirement set of an API. */
  requireApi(version: string, api: string): void {
    if (!this.excel.isSetSupported('ExcelApi', version)) {
      throw new FakeOfficeError(
        'ApiNotFound',
        `The API you are trying to use could not be found (${api} needs ExcelApi ${version}).`,
      );
    }
  }

  async sync(): Promise<void> {
    this.assertOpen();
    const excel = this.excel;
    const entries = this.queue;
    this.queue = [];
    excel.syncCount++;
    this.syncs++;
    const request = JSON.stringify(entries.map((e) => e.json));
    const requestBytes = utf8Length(request);
    excel.requestSizes.push(requestBytes);
    // Real syncs are asynchronous; let other promise jobs run first as the host would.
    await Promise.resolve();
    // The request's time passes before it runs.
    excel.passTime(requestBytes, this.command);
    const refuse = (err: Error): never => {
      excel.responseSizes.push(0);
      throw err;
    };
    if (requestBytes > PAYLOAD_LIMIT_BYTES) {
      // Refused at the door: nothing of it ran.
      refuse(
        new FakeOfficeError(
          'RequestPayloadSizeLimitExceeded',
          `The request payload size has exceeded the limit (${requestBytes} bytes > ${PAYLOAD_LIMIT_BYTES}). Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".`,
        ),
      );
    }
    const { grouped, delayForCellEdit } = this.runOptions;
    if (this.syncs === 1 && grouped && delayForCellEdit && excel.platform === 'web') {
      // office-js #6711: on the web, Excel.run({ delayForCellEdit: true, mergeUndoGroup: true })
      // throws a RichApi.Error at once (the issue shows it only as a screenshot, so the code
      // is not known; the fake uses GeneralException).
      refuse(
        new FakeOfficeError(
          'GeneralException',
          'mergeUndoGroup with delayForCellEdit failed on Excel on the web (office-js #6711).',
        ),
      );
    }
    if (this.syncs === 1 && grouped && excel.undoGroupFailsNow()) {
      // office-js #6711 / #6255: the web's unspecified RichApi.Error, before anything ran.
      const message = 'An internal error has occurred (mergeUndoGroup; office-js #6711, #6255).';
      const code = excel.undoGroupFaultCode;
      refuse(
        code === null
          ? Object.assign(new Error(message), { name: 'RichApi.Error' })
          : new FakeOfficeError(code, message),
      );
    }
    if (excel.cellEditMode && !delayForCellEdit) {
      refuse(
        new FakeOfficeError(
          'InvalidOperationInCellEditMode',
          'The operation is not available while Excel is in Edit cell mode. Please exit the edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again.',
        ),
      );
    }
    const forced = excel.takeForcedFailure();
    const failAt =
      forced === null
        ? -1
        : forced.at === 'half'
          ? Math.floor(entries.length / 2)
          : Math.min(forced.at, entries.length);
    const loads: LoadOutcome[] = [];
    const fail = (err: unknown, responseBytes = 0): never => {
      if (!grouped && this.changedThisSync) excel.undoSteps++;
      excel.responseSizes.push(responseBytes);
      throw err;
    };
    this.changedThisSync = false;
    for (let i = 0; i <= entries.length; i++) {
      if (i === failAt && forced) {
        fail(
          new FakeOfficeError(
            forced.code,
            `Sync ${excel.syncCount} failed on purpose (${forced.code}) after ${i} of ${entries.length} operations.`,
          ),
        );
      }
      const e = entries[i];
      if (!e) break;
      const tx = new Tx();
      try {
        if (e.undoApi) excel.checkUndo(e.undoApi, grouped);
        const out = e.run(tx);
        if (out) loads.push(out);
      } catch (err) {
        // The failing operation leaves nothing half-done; the ones before it stay applied.
        tx.rollback();
        fail(err);
      }
      if (tx.size > 0) {
        this.changed = true;
        this.changedThisSync = true;
      }
    }
    const responseBytes = utf8Length(JSON.stringify(loads.map((l) => l.payload)));
    // The response's time passes too (a closed command is found at its next sync).
    excel.passTime(responseBytes, null, false);
    if (responseBytes > PAYLOAD_LIMIT_BYTES) {
      // The batch ran; only its answer cannot be returned.
      fail(
        new FakeOfficeError(
          'ResponsePayloadSizeLimitExceeded',
          `The response payload size has exceeded the limit (${responseBytes} bytes > ${PAYLOAD_LIMIT_BYTES}).`,
        ),
        responseBytes,
      );
    }
    excel.responseSizes.push(responseBytes);
    if (!grouped && this.changedThisSync) excel.undoSteps++;
    for (const l of loads) l.apply();
  }

  private changedThisSync = false;
}

function notLoaded(prop: string): FakeOfficeError {
  return new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function invalidArgument(detail: string): FakeOfficeError {
  return new FakeOfficeError(
    'InvalidArgument',
    `The argument is invalid or missing or has an incorrect format. (${detail})`,
  );
}

/** Base of every proxy: queued writes and calls, strict loading, null objects. */
abstract class FakeClientObject {
  protected readonly ctx: FakeRequestContext;
  readonly _id = nextObjectId++;
  private readonly loaded = new Map<string, unknown>();
  private nullLoaded: boolean | undefined;

  constructor(ctx: FakeRequestContext) {
    this.ctx = ctx;
  }

  get isNullObject(): boolean {
    if (this.nullLoaded === undefined) throw notLoaded('isNullObject');
    return this.nullLoaded;
  }

  /** At sync: true when this (…OrNullObject) object does not exist. */
  protected isNullNow(): boolean {
    return false;
  }

  /** At sync: the value of a scalar property. */
  protected abstract scalar(prop: string): unknown;

  /** A navigation property (for load paths like "protection/protected"). */
  protected child(_name: string): FakeClientObject | undefined {
    return undefined;
  }

  protected get<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    if (this.nullLoaded) {
      throw new FakeOfficeError(
        'InvalidObjectPath',
        `The property '${prop}' was read on a null object; test isNullObject first.`,
      );
    }
    return this.loaded.get(prop) as T;
  }

  /** @internal */
  _markLoaded(prop: string, value: unknown, isNull: boolean): void {
    this.loaded.set(prop, value);
    this.nullLoaded = isNull;
  }

  /** @internal registers one property load (path already resolved to this object). */
  _loadProp(prop: string): void {
    this.ctx.enqueue({
      json: { a: 'load', o: this._id, p: prop },
      run: () => {
        const isNull = this.isNullNow();
        const value = isNull ? null : this.scalar(prop);
        return { payload: value, apply: () => this._markLoaded(prop, value, isNull) };
      },
    });
  }

  /** Excel-style load: "a, b/c" or ["a", "b/c"]; objects (load options) are not supported. */
  load(spec?: string | string[]): this {
    this.ctx.assertOpen();
    const paths = parseLoadSpec(spec);
    if (paths.length === 0) paths.push(...this.defaultLoad());
    for (const path of paths) this._loadPath(path.split('/'));
    return this;
  }

  /** @internal */
  _loadPath(parts: string[]): void {
    const [head, ...rest] = parts;
    if (head === undefined) return;
    if (rest.length === 0) {
      const nav = this.child(head);
      if (nav) throw invalidArgument(`"${head}" is a navigation property; load its properties`);
      this._loadProp(head);
      return;
    }
    const nav = this.child(head);
    if (!nav) throw invalidArgument(`"${head}" is not a navigation property`);
    nav._loadPath(rest);
  }

  protected defaultLoad(): string[] {
    return [];
  }

  /** @internal follows a load path to the object that owns its last property. */
  _navigate(parts: string[]): { target: FakeClientObject; prop: string } {
    if (parts.length <= 1) return { target: this, prop: parts[0]! };
    const nav = this.child(parts[0]!);
    if (!nav) throw invalidArgument(`"${parts[0]}" is not a navigation property`);
    return nav._navigate(parts.slice(1));
  }

  /** @internal */
  _isNullNowPublic(): boolean {
    return this.isNullNow();
  }

  /** @internal */
  _scalarPublic(prop: string): unknown {
    return this.scalar(prop);
  }

  /** @internal queues a write or call that takes effect at sync. */
  _queue(json: unknown, apply: (tx: Tx) => void, undoApi?: string): void {
    this.ctx.enqueue({
      json: { o: this._id, ...(json as object) },
      run: (tx) => {
        apply(tx);
      },
      ...(undoApi ? { undoApi } : {}),
    });
  }
}

function parseLoadSpec(spec: string | string[] | undefined): string[] {
  if (spec === undefined) return [];
  if (typeof spec !== 'string' && !Array.isArray(spec)) {
    throw invalidArgument('the fake supports load("a, b/c") and load(["a"]) only');
  }
  const list = typeof spec === 'string' ? spec.split(',') : spec;
  return list.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** A lazily resolved target, memoised the first time a sync evaluates it. */
class Lazy<T> {
  private memo: { v: T | null } | undefined;
  constructor(
    private readonly resolver: () => T | null,
    private readonly what: string,
  ) {}
  static of<T>(v: T, what: string): Lazy<T> {
    const l = new Lazy<T>(() => v, what);
    l.memo = { v };
    return l;
  }
  resolve(): T | null {
    this.memo ??= { v: this.resolver() };
    return this.memo.v;
  }
  get(): T {
    const v = this.resolve();
    if (v === null) {
      throw new FakeOfficeError(
        'ItemNotFound',
        `The requested resource doesn't exist. (${this.what})`,
      );
    }
    return v;
  }
}

abstract class FakeCollection<T extends FakeClientObject> extends FakeClientObject {
  private loadedItems: T[] | undefined;

  get items(): T[] {
    if (!this.loadedItems) throw notLoaded('items');
    return this.loadedItems;
  }

  /** At sync: proxies for the current members. */
  protected abstract members(): T[];

  protected scalar(prop: string): unknown {
    throw invalidArgument(`collection property "${prop}"`);
  }

  override load(spec?: string | string[]): this {
    this.ctx.assertOpen();
    const paths = parseLoadSpec(spec).map((p) => (p.startsWith('items/') ? p.slice(6) : p));
    const filtered = paths.filter((p) => p !== 'items');
    this.ctx.enqueue({
      json: { a: 'loadItems', o: this._id, p: filtered },
      run: () => {
        const items = this.members();
        const sets: (() => void)[] = [];
        const payload = items.map((item) =>
          filtered.map((p) => {
            const { target, prop } = item._navigate(p.split('/'));
            const isNull = target._isNullNowPublic();
            const value = isNull ? null : target._scalarPublic(prop);
            sets.push(() => target._markLoaded(prop, value, isNull));
            return value;
          }),
        );
        return {
          payload,
          apply: () => {
            this.loadedItems = items;
            sets.forEach((s) => s());
          },
        };
      },
    });
    return this;
  }
}

// ---------------------------------------------------------------------------------------
// Workbook, application, settings
// ---------------------------------------------------------------------------------------

export class FakeWorkbook extends FakeClientObject {
  readonly worksheets: FakeWorksheetCollection;
  readonly application: FakeApplication;
  readonly settings: FakeSettingCollection;
  readonly functions: FakeWorkbookFunctions;

  constructor(ctx: FakeRequestContext) {
    super(ctx);
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.application = new FakeApplication(ctx);
    this.settings = new FakeSettingCollection(ctx);
    this.functions = new FakeWorkbookFunctions(ctx);
  }

  protected scalar(prop: string): unknown {
    throw invalidArgument(`workbook property "${prop}"`);
  }

  protected override child(name: string): FakeClientObject | undefined {
    if (name === 'worksheets') return this.worksheets;
    return undefined;
  }
}

/**
 * Workbook.functions (ExcelApi 1.2): worksheet functions evaluated by Excel, each returning a
 * FunctionResult whose `value` and `error` are read after load and sync (learn.microsoft.com,
 * office/dev/add-ins/excel/call-built-in-functions, and the Excel.FunctionResult reference).
 * Only COUNTIFS with the blank criterion "" is modelled; anything else fails loudly rather
 * than answer something Excel would not.
 */
export class FakeWorkbookFunctions extends FakeClientObject {
  protected scalar(prop: string): unknown {
    throw invalidArgument(`functions property "${prop}"`);
  }

  /**
   * COUNTIFS(range1, criteria1, …): the positions where every range meets its criterion; the
   * criterion "" matches a cell with nothing in it. Ranges of different sizes give #VALUE!,
   * and at most 127 range/criteria pairs are taken (support.microsoft.com, "COUNTIFS
   * function").
   */
  countIfs(...args: unknown[]): FakeFunctionResult {
    this.ctx.assertOpen();
    if (args.length < 2 || args.length % 2 !== 0 || args.length > 254) {
      throw invalidArgument('COUNTIFS takes 1 to 127 range/criteria pairs');
    }
    const pairs: { range: FakeRange; criteria: unknown }[] = [];
    for (let i = 0; i < args.length; i += 2) {
      const range = args[i];
      if (!(range instanceof FakeRange)) throw invalidArgument('COUNTIFS criteria_range');
      if (args[i + 1] !== '') {
        throw invalidArgument('the fake models COUNTIFS with the blank criterion "" only');
      }
      pairs.push({ range, criteria: args[i + 1] });
    }
    return new FakeFunctionResult(this.ctx, () => {
      const targets = pairs.map((p) => p.range._t());
      const first = targets[0]!.box;
      if (
        targets.some((t) => t.box.rowCount !== first.rowCount || t.box.colCount !== first.colCount)
      ) {
        return { value: null, error: '#VALUE!' };
      }
      let n = 0;
      for (let r = 0; r < first.rowCount; r++) {
        for (let c = 0; c < first.colCount; c++) {
          const blank = targets.every((t) => {
            const v = t.sheet.getValue(t.box.row + r, t.box.col + c);
            return v === undefined || v === null || v === '';
          });
          if (blank) n++;
        }
      }
      return { value: n, error: null };
    });
  }
}

/**
 * Excel.FunctionResult: `value` and `error` after load and sync (learn.microsoft.com,
 * Excel.FunctionResult; "Call built-in Excel worksheet functions"). The fake evaluates at the
 * first read after the sync, from the workbook as it then is: within one batch that equals
 * evaluating at sync, since nothing else changes it in between.
 */
export class FakeFunctionResult extends FakeClientObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly evaluate: () => { value: unknown; error: string | null },
  ) {
    super(ctx);
  }
  private memo: { value: unknown; error: string | null } | undefined;
  protected scalar(prop: string): unknown {
    this.memo ??= this.evaluate();
    if (prop === 'value') return this.memo.value;
    if (prop === 'error') return this.memo.error;
    throw invalidArgument(`function result property "${prop}"`);
  }
  get value(): unknown {
    return this.get<unknown>('value');
  }
  get error(): string | null {
    return this.get<string | null>('error');
  }
}

export class FakeApplication extends FakeClientObject {
  protected scalar(prop: string): unknown {
    if (prop === 'calculationMode') return 'Automatic';
    throw invalidArgument(`application property "${prop}"`);
  }

  suspendApiCalculationUntilNextSync(): void {
    this._queue({ m: 'suspendApiCalculationUntilNextSync' }, () => {
      this.ctx.excel.suspendCalculationCalls++;
    });
  }
}

/**
 * Workbook settings (Excel.SettingCollection, ExcelApi 1.4; learn.microsoft.com): "key-value
 * pair setting objects that are part of the workbook", per file and add-in; `add` "Sets or adds
 * the specified setting" (an existing key is overwritten); `getItemOrNullObject` gives a null
 * object for a missing key ("*OrNullObject methods and properties") and `getItem` throws
 * ItemNotFound (the error-codes table: "The requested resource doesn't exist"); Setting.delete
 * "Deletes the setting". ASSUMPTION: a value reads back as a copy of what was stored (the fake
 * clones it through JSON, as settings are persisted in the document); the add-in stores only
 * JSON strings, and the self-test's "settings" check reads one back exactly.
 */
export class FakeSetting extends FakeClientObject implements Pick<Excel.Setting, 'key'> {
  constructor(
    ctx: FakeRequestContext,
    private readonly k: string,
    private readonly orNull: boolean,
  ) {
    super(ctx);
  }
  protected override isNullNow(): boolean {
    return this.orNull && !this.ctx.excel.state.settings.has(this.k);
  }
  protected scalar(prop: string): unknown {
    const st = this.ctx.excel.state.settings;
    if (!st.has(this.k)) {
      throw new FakeOfficeError('ItemNotFound', `The setting "${this.k}" does not exist.`);
    }
    if (prop === 'key') return this.k;
    if (prop === 'value') return st.get(this.k);
    throw invalidArgument(`setting property "${prop}"`);
  }
  get key(): string {
    return this.get('key');
  }
  get value(): unknown {
    return this.get<unknown>('value');
  }
  set value(v: unknown) {
    this._queue({ p: 'value', v: v }, (tx) =>
      this.ctx.excel.state.setSetting(tx, this.k, cloneJson(v)),
    );
  }
  delete(): void {
    this._queue({ m: 'delete' }, (tx) => this.ctx.excel.state.setSetting(tx, this.k, undefined));
  }
}

function cloneJson(v: unknown): unknown {
  return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as unknown);
}

export class FakeSettingCollection extends FakeCollection<FakeSetting> {
  protected members(): FakeSetting[] {
    return [...this.ctx.excel.state.settings.keys()].map(
      (k) => new FakeSetting(this.ctx, k, false),
    );
  }
  add(key: string, value: Excel.Setting['value']): FakeSetting {
    this._queue({ m: 'add', args: [key, value as unknown] }, (tx) =>
      this.ctx.excel.state.setSetting(tx, key, cloneJson(value)),
    );
    return new FakeSetting(this.ctx, key, false);
  }
  getItem(key: string): FakeSetting {
    return new FakeSetting(this.ctx, key, false);
  }
  getItemOrNullObject(key: string): FakeSetting {
    return new FakeSetting(this.ctx, key, true);
  }
}

// ---------------------------------------------------------------------------------------
// Worksheets
// ---------------------------------------------------------------------------------------

function assertWritable(sheet: SheetState): void {
  if (sheet.deleted) {
    throw new FakeOfficeError('ItemNotFound', `The worksheet "${sheet.name}" was deleted.`);
  }
  if (sheet.protected) {
    throw new FakeOfficeError(
      'AccessDenied',
      "The cell or chart you're trying to change is protected and therefore read-only.",
    );
  }
}

export class FakeWorksheetCollection extends FakeCollection<FakeWorksheet> {
  get onActivated(): FakeEventHandlers {
    return this.events('onActivated');
  }
  get onAdded(): FakeEventHandlers {
    return this.events('onAdded');
  }
  get onDeleted(): FakeEventHandlers {
    return this.events('onDeleted');
  }
  get onChanged(): FakeEventHandlers {
    return this.events('onChanged');
  }
  get onProtectionChanged(): FakeEventHandlers {
    return this.events('onProtectionChanged');
  }
  get onNameChanged(): FakeEventHandlers {
    return this.events('onNameChanged');
  }

  private events(event: FakeEventName): FakeEventHandlers {
    this.ctx.requireApi(FAKE_EVENT_APIS[event], `WorksheetCollection.${event}`);
    const hub = this.ctx.excel.events;
    return new FakeEventHandlers(
      hub,
      event,
      this.ctx,
      (register) => this._queue({ m: `${event}.add` }, () => register()),
      (unregister) => this._queue({ m: `${event}.remove` }, () => unregister()),
    );
  }

  protected members(): FakeWorksheet[] {
    return this.ctx.excel.state
      .liveSheets()
      .map((s) => new FakeWorksheet(this.ctx, Lazy.of(s, s.name), false));
  }

  private create(
    m: string,
    args: unknown[],
    lazy: Lazy<SheetState>,
    orNull: boolean,
  ): FakeWorksheet {
    const ws = new FakeWorksheet(this.ctx, lazy, orNull);
    this._queue({ m, args, r: ws._id }, () => {
      if (orNull) lazy.resolve();
      else lazy.get();
    });
    return ws;
  }

  getItem(key: string): FakeWorksheet {
    const st = this.ctx.excel.state;
    return this.create(
      'getItem',
      [key],
      new Lazy(() => st.findSheet(key) ?? null, `worksheet "${key}"`),
      false,
    );
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    const st = this.ctx.excel.state;
    return this.create(
      'getItemOrNullObject',
      [key],
      new Lazy(() => st.findSheet(key) ?? null, `worksheet "${key}"`),
      true,
    );
  }

  getActiveWorksheet(): FakeWorksheet {
    const st = this.ctx.excel.state;
    return this.create(
      'getActiveWorksheet',
      [],
      new Lazy(() => st.activeSheet, 'active worksheet'),
      false,
    );
  }

  add(name?: string): FakeWorksheet {
    const st = this.ctx.excel.state;
    let created: SheetState | null = null;
    const lazy = new Lazy<SheetState>(() => created, `new worksheet "${name ?? ''}"`);
    const ws = new FakeWorksheet(this.ctx, lazy, false);
    this._queue({ m: 'add', args: [name], r: ws._id }, (tx) => {
      let finalName = name;
      if (finalName === undefined) {
        let n = st.liveSheets().length + 1;
        while (st.findSheet(`Sheet${n}`)) n++;
        finalName = `Sheet${n}`;
      }
      if (st.findSheet(finalName)) {
        throw new FakeOfficeError(
          'ItemAlreadyExists',
          `A resource with the same name or identifier already exists. (worksheet "${finalName}")`,
        );
      }
      assertSheetName(finalName);
      created = new SheetState(finalName);
      st.setSheets(tx, [...st.sheets, created]);
      lazy.get();
    });
    return ws;
  }
}

/**
 * Sheet names. ASSUMPTION: a name that is empty, longer than 31 characters, contains one of
 * \ / ? * [ ] : or starts or ends with an apostrophe is refused with InvalidArgument. These are
 * the rules of Excel's own message ("You typed an invalid name for a sheet or chart…"); the
 * Office.js reference (Excel.Worksheet.name, WorksheetCollection.add) states none of them and
 * names no error code. The add-in names only its own sheets, with fixed short names; the
 * self-test's "sheet-rules" check renames its scratch sheet to a 32-character name.
 */
function assertSheetName(name: string): void {
  if (name === '' || name.length > 31 || /[\\/?*[\]:]/.test(name) || /^'|'$/.test(name)) {
    throw invalidArgument(`worksheet name "${name}"`);
  }
}

type SheetProps = Pick<Excel.Worksheet, 'name' | 'visibility' | 'position'>;

export class FakeWorksheet extends FakeClientObject implements SheetProps {
  readonly protection: FakeWorksheetProtection;
  readonly tables: FakeTableCollection;
  readonly freezePanes: FakeWorksheetFreezePanes;
  readonly autoFilter: FakeAutoFilter;
  readonly charts: FakeChartCollection;
  readonly shapes: FakeShapeCollection;
  readonly pageLayout: FakePageLayout;
  readonly horizontalPageBreaks: FakePageBreakCollection;

  constructor(
    ctx: FakeRequestContext,
    readonly _sheet: Lazy<SheetState>,
    private readonly orNull: boolean,
  ) {
    super(ctx);
    this.protection = new FakeWorksheetProtection(ctx, this);
    this.tables = new FakeTableCollection(ctx, this);
    this.freezePanes = new FakeWorksheetFreezePanes(ctx, this);
    this.autoFilter = new FakeAutoFilter(ctx, this);
    this.charts = new FakeChartCollection(ctx, this);
    this.shapes = new FakeShapeCollection(ctx, this);
    this.pageLayout = new FakePageLayout(ctx, this);
    this.horizontalPageBreaks = new FakePageBreakCollection(ctx, this);
  }

  /** @internal the sheet at sync time; throws for a deleted sheet. */
  _target(): SheetState {
    const s = this._sheet.get();
    if (s.deleted)
      throw new FakeOfficeError('ItemNotFound', `The worksheet "${s.name}" was deleted.`);
    return s;
  }

  protected override isNullNow(): boolean {
    return this.orNull && this._sheet.resolve() === null;
  }

  protected override child(name: string): FakeClientObject | undefined {
    if (name === 'protection') return this.protection;
    if (name === 'autoFilter') return this.autoFilter;
    return undefined;
  }

  protected scalar(prop: string): unknown {
    const s = this._target();
    switch (prop) {
      case 'name':
        return s.name;
      case 'visibility':
        return s.visibility;
      case 'position':
        return this.ctx.excel.state.liveSheets().indexOf(s);
      case 'id':
        return worksheetIdOf(s.name);
      default:
        throw invalidArgument(`worksheet property "${prop}"`);
    }
  }

  get name(): string {
    return this.get('name');
  }
  set name(v: string) {
    this._queue(
      { p: 'name', v },
      (tx) => {
        const s = this._target();
        const other = this.ctx.excel.state.findSheet(v);
        if (other && other !== s)
          throw new FakeOfficeError('ItemAlreadyExists', `Sheet "${v}" exists.`);
        assertSheetName(v);
        s.setField(tx, 'name', v);
      },
      'Worksheet.name',
    );
  }
  get visibility(): Excel.Worksheet['visibility'] {
    return this.get('visibility');
  }
  /**
   * Worksheet.visibility is settable from ExcelApi 1.2 (Excel.Worksheet: "[Api set: ExcelApi 1.1
   * for reading visibility; 1.2 for setting it.]"). ASSUMPTION: hiding the last visible sheet
   * fails with InvalidOperation and hiding the active sheet activates the first other visible
   * one (Excel's UI keeps one visible, active sheet); the self-test's "sheet-rules" check hides
   * its scratch sheet, which is never the last visible one.
   */
  set visibility(v: Excel.Worksheet['visibility']) {
    this._queue(
      { p: 'visibility', v },
      (tx) => {
        this.ctx.requireApi('1.2', 'Worksheet.visibility (set)');
        const st = this.ctx.excel.state;
        const s = this._target();
        if (v !== 'Visible' && v !== 'Hidden' && v !== 'VeryHidden') {
          throw invalidArgument(`visibility "${String(v)}"`);
        }
        if (v === 'Visible') {
          s.setField(tx, 'visibility', v);
          return;
        }
        const others = st.liveSheets().filter((x) => x !== s && x.visibility === 'Visible');
        if (others.length === 0) {
          throw new FakeOfficeError(
            'InvalidOperation',
            'A workbook must contain at least one visible worksheet.',
          );
        }
        s.setField(tx, 'visibility', v);
        if (st.activeSheet === s) st.setActive(tx, others[0] ?? null);
        // No undo support on Windows and Mac (UNDO_UNSUPPORTED).
      },
      'Worksheet.visibility',
    );
  }
  get position(): number {
    return this.get('position');
  }
  set position(v: number) {
    this._queue(
      { p: 'position', v },
      (tx) => {
        const st = this.ctx.excel.state;
        const s = this._target();
        const live = st.liveSheets();
        if (!Number.isInteger(v) || v < 0 || v >= live.length)
          throw invalidArgument(`position ${v}`);
        const without = live.filter((x) => x !== s);
        without.splice(v, 0, s);
        st.setSheets(tx, [...without, ...st.sheets.filter((x) => x.deleted)]);
      },
      'Worksheet.position',
    );
  }

  getRange(address?: string): FakeRange {
    const lazy = new Lazy<RangeTarget>(
      () => {
        const s = this._target();
        if (address === undefined) return { sheet: s, box: parseLocal('A:XFD') };
        const { sheet, local } = splitSheet(address);
        if (sheet !== null && sheet.toLowerCase() !== s.name.toLowerCase()) {
          throw invalidArgument(`address "${address}" names another sheet`);
        }
        return { sheet: s, box: parseLocal(local) };
      },
      `range ${address ?? ''}`,
    );
    return FakeRange.create(this.ctx, this._id, 'getRange', [address], lazy, false);
  }

  /**
   * Worksheet.getUsedRangeOrNullObject(valuesOnly) (ExcelApi 1.4; Excel.Worksheet): with
   * `valuesOnly`, "Considers only cells with values as used cells"; a blank sheet gives "an
   * object with its isNullObject property set to true". Without it, formatting counts too
   * ("any cells that have a value or formatting assigned to them"), which the fake does not
   * track: it refuses that call rather than answer it wrongly (the add-in always passes true).
   */
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    if (valuesOnly !== true)
      throw invalidArgument('the fake models getUsedRange(valuesOnly: true) only');
    const lazy = new Lazy<RangeTarget>(() => {
      const s = this._target();
      const box = s.usedBox();
      return box ? { sheet: s, box } : null;
    }, 'used range');
    return FakeRange.create(
      this.ctx,
      this._id,
      'getUsedRangeOrNullObject',
      [valuesOnly],
      lazy,
      true,
    );
  }

  /**
   * Worksheet.activate: "Activate the worksheet in the Excel UI" (Excel.Worksheet). ASSUMPTION:
   * a hidden or very hidden sheet is refused with InvalidOperation (the reference is silent;
   * Excel's UI cannot show a hidden sheet's tab). The add-in activates only sheets it has just
   * read or written; the self-test's "sheet-rules" check activates its hidden scratch sheet.
   */
  activate(): void {
    this._queue({ m: 'activate' }, (tx) => {
      const s = this._target();
      if (s.visibility !== 'Visible')
        throw new FakeOfficeError('InvalidOperation', 'Hidden sheets cannot be activated.');
      this.ctx.excel.state.setActive(tx, s);
    });
  }

  /**
   * Worksheet.delete (Excel.Worksheet): "if the worksheet's visibility is set to "VeryHidden",
   * the delete operation will fail with an InvalidOperation exception" (office-js #365).
   * ASSUMPTION: deleting the last visible sheet fails with InvalidOperation too (Excel's UI
   * keeps one visible sheet; the reference is silent). No self-test check: it would have to hide
   * the user's sheets. The add-in deletes only the self-test's scratch sheet, beside the user's.
   */
  delete(): void {
    this._queue(
      { m: 'delete' },
      (tx) => {
        const st = this.ctx.excel.state;
        const s = this._target();
        if (s.visibility === 'VeryHidden') {
          throw new FakeOfficeError(
            'InvalidOperation',
            'A very hidden worksheet cannot be deleted; make it hidden or visible first.',
          );
        }
        const visible = st.liveSheets().filter((x) => x.visibility === 'Visible' && x !== s);
        if (visible.length === 0) {
          throw new FakeOfficeError(
            'InvalidOperation',
            'A workbook must contain at least one visible worksheet.',
          );
        }
        s.setField(tx, 'deleted', true);
        if (st.activeSheet === s) st.setActive(tx, visible[0] ?? null);
        if (st.selection?.sheet === s) st.setSelection(tx, null);
      },
      'Worksheet.delete',
    );
  }
}

export class FakeWorksheetProtection
  extends FakeClientObject
  implements Pick<Excel.WorksheetProtection, 'protected'>
{
  constructor(
    ctx: FakeRequestContext,
    private readonly ws: FakeWorksheet,
  ) {
    super(ctx);
  }
  protected scalar(prop: string): unknown {
    if (prop === 'protected') return this.ws._target().protected;
    throw invalidArgument(`protection property "${prop}"`);
  }
  get protected(): boolean {
    return this.get('protected');
  }
  /**
   * WorksheetProtection.protect / unprotect (ExcelApi 1.2, learn.microsoft.com,
   * Excel.WorksheetProtection); neither supports undo ("Undo capabilities", Unsupported APIs).
   * The fake takes no password or options.
   */
  protect(): void {
    this._queue(
      { m: 'protect' },
      (tx) => this.ws._target().setField(tx, 'protected', true),
      'WorksheetProtection.protect',
    );
  }
  unprotect(): void {
    this._queue(
      { m: 'unprotect' },
      (tx) => this.ws._target().setField(tx, 'protected', false),
      'WorksheetProtection.unprotect',
    );
  }
}

/**
 * Worksheet.freezePanes (ExcelApi 1.7; Excel.WorksheetFreezePanes): `freezeRows(count)` freezes
 * the top rows ("Optional number of rows to freeze, or zero to unfreeze all rows"), `unfreeze`
 * removes all frozen panes, and `getLocationOrNullObject` gives a null object "If there is no
 * frozen pane". Only rows are modelled (the add-in freezes the header rows only).
 */
export class FakeWorksheetFreezePanes extends FakeClientObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly ws: FakeWorksheet,
  ) {
    super(ctx);
  }
  protected scalar(prop: string): unknown {
    throw invalidArgument(`freezePanes property "${prop}"`);
  }
  freezeRows(count?: number): void {
    this._queue({ m: 'freezeRows', args: [count] }, (tx) => {
      const s = this.ws._target();
      assertWritable(s);
      s.setField(tx, 'frozenRows', count ?? 1);
    });
  }
  unfreeze(): void {
    this._queue({ m: 'unfreeze' }, (tx) => this.ws._target().setField(tx, 'frozenRows', 0));
  }
  getLocationOrNullObject(): FakeRange {
    const lazy = new Lazy<RangeTarget>(() => {
      const s = this.ws._target();
      if (s.frozenRows === 0) return null;
      return { sheet: s, box: parseLocal(`1:${s.frozenRows}`) };
    }, 'frozen panes');
    return FakeRange.create(this.ctx, this._id, 'getLocationOrNullObject', [], lazy, true);
  }
}

/**
 * The values criteria the fake models (FilterCriteria with filterOn "Values"); every other kind
 * is refused loudly rather than accepted and ignored.
 */
function valuesCriteria(criteria: Excel.FilterCriteria | undefined, api: string): string[] {
  if (criteria?.filterOn !== 'Values' || !Array.isArray(criteria.values)) {
    throw invalidArgument(`${api}: the fake models values filters only (filterOn "Values")`);
  }
  return criteria.values.map((v) => {
    if (typeof v !== 'string') throw invalidArgument(`${api}: date filters are not modelled`);
    return v;
  });
}

/**
 * Worksheet.autoFilter (ExcelApi 1.9; learn.microsoft.com, Excel.AutoFilter class, and "Work
 * with worksheets using the Excel JavaScript API", Filter data). A worksheet holds at most one
 * AutoFilter (ECMA-376 Part 1, 18.3.1.2: CT_Worksheet has one optional autoFilter element), so
 * `apply` on another range replaces it and its criteria; `apply` on the range it already has
 * sets one column's criteria and keeps the others' (filtering one column in Excel leaves the
 * rest: Excel's behaviour in its UI, which the Office.js reference does not spell out). A
 * protected sheet refuses apply, clearCriteria, clearColumnCriteria and remove with AccessDenied
 * (learn.microsoft.com, "Protect a worksheet" and "Error handling with the application-specific
 * JavaScript APIs", AccessDenied); a range over a table is refused with InvalidOperation (an
 * ASSUMPTION: a table has its own filter, "Work with tables using the Excel JavaScript API",
 * Apply filters to a table). `getRangeOrNullObject` gives a null object when no AutoFilter is
 * set (Excel.AutoFilter reference). `clearColumnCriteria` is ExcelApi 1.14; a column index outside the range throws
 * InvalidArgument ("if the value is greater than the number of available columns in the range,
 * then an InvalidArgument error will be thrown").
 */
export class FakeAutoFilter
  extends FakeClientObject
  implements Pick<Excel.AutoFilter, 'enabled' | 'isDataFiltered' | 'criteria'>
{
  constructor(
    ctx: FakeRequestContext,
    private readonly ws: FakeWorksheet,
  ) {
    super(ctx);
  }
  protected scalar(prop: string): unknown {
    const s = this.ws._target();
    if (prop === 'enabled') return s.autoFilter !== null;
    if (prop === 'isDataFiltered') return Object.keys(s.autoFilterCriteria).length > 0;
    if (prop === 'criteria') {
      // One entry per column of the filtered range (Excel.AutoFilter.criteria: "an array that
      // holds all the filter criteria in the autofiltered range"); a column without criteria
      // comes back as empty criteria (office-js #1226), here an empty object.
      if (s.autoFilter === null) return [];
      return Array.from({ length: s.autoFilter.colCount }, (_, k) => {
        const values = s.autoFilterCriteria[k];
        return values ? { filterOn: 'Values', values: [...values] } : {};
      });
    }
    throw invalidArgument(`autoFilter property "${prop}"`);
  }
  get enabled(): boolean {
    return this.get('enabled');
  }
  get isDataFiltered(): boolean {
    return this.get('isDataFiltered');
  }
  get criteria(): Excel.FilterCriteria[] {
    return this.get('criteria');
  }
  apply(range: FakeRange | string, columnIndex?: number, criteria?: Excel.FilterCriteria): void {
    const arg = typeof range === 'string' ? range : range._id;
    this._queue({ m: 'apply', args: [arg, columnIndex, criteria] }, (tx) => {
      this.ctx.requireApi('1.9', 'AutoFilter.apply');
      const s = this.ws._target();
      assertWritable(s);
      const box = typeof range === 'string' ? parseLocal(splitSheet(range).local) : range._box();
      if (s.tables.some((t) => intersects(t.box, box))) {
        throw new FakeOfficeError('InvalidOperation', 'A table already has its own filter.');
      }
      const same =
        s.autoFilter !== null &&
        s.autoFilter.row === box.row &&
        s.autoFilter.col === box.col &&
        s.autoFilter.rowCount === box.rowCount &&
        s.autoFilter.colCount === box.colCount;
      let next: Record<number, readonly string[]> = same ? { ...s.autoFilterCriteria } : {};
      if (columnIndex !== undefined) {
        if (!Number.isInteger(columnIndex) || columnIndex < 0 || columnIndex >= box.colCount) {
          throw invalidArgument(`AutoFilter.apply column index ${columnIndex}`);
        }
        if (criteria !== undefined) {
          next = { ...next, [columnIndex]: valuesCriteria(criteria, 'AutoFilter.apply') };
        }
      }
      s.setField(tx, 'autoFilter', box);
      s.setField(tx, 'autoFilterCriteria', next);
    });
  }
  getRangeOrNullObject(): FakeRange {
    const lazy = new Lazy<RangeTarget>(() => {
      const s = this.ws._target();
      return s.autoFilter ? { sheet: s, box: s.autoFilter } : null;
    }, 'AutoFilter range');
    return FakeRange.create(this.ctx, this._id, 'getRangeOrNullObject', [], lazy, true);
  }
  clearCriteria(): void {
    this._queue({ m: 'clearCriteria' }, (tx) => {
      this.ctx.requireApi('1.9', 'AutoFilter.clearCriteria');
      const s = this.ws._target();
      assertWritable(s);
      s.setField(tx, 'autoFilterCriteria', {});
      // "Clears the filter criteria and sort state of the AutoFilter" (Excel.AutoFilter).
      s.setField(tx, 'autoFilterSorted', false);
    });
  }
  clearColumnCriteria(columnIndex: number): void {
    this._queue({ m: 'clearColumnCriteria', args: [columnIndex] }, (tx) => {
      this.ctx.requireApi('1.14', 'AutoFilter.clearColumnCriteria');
      const s = this.ws._target();
      assertWritable(s);
      if (s.autoFilter === null || columnIndex < 0 || columnIndex >= s.autoFilter.colCount) {
        throw invalidArgument(`AutoFilter.clearColumnCriteria column index ${columnIndex}`);
      }
      // "Clears the column filter criteria of the AutoFilter": unlike clearCriteria, the
      // reference names no sort state. ASSUMPTION: the sort state stays; the self-test's
      // "sort-state" check reads a table's sort back (TableSort.fields) after each.
      const next: Record<number, readonly string[]> = { ...s.autoFilterCriteria };
      delete next[columnIndex];
      s.setField(tx, 'autoFilterCriteria', next);
    });
  }
  remove(): void {
    this._queue({ m: 'remove' }, (tx) => {
      this.ctx.requireApi('1.9', 'AutoFilter.remove');
      const s = this.ws._target();
      assertWritable(s);
      s.setField(tx, 'autoFilter', null);
      s.setField(tx, 'autoFilterCriteria', {});
    });
  }
}

// ---------------------------------------------------------------------------------------
// Ranges
// ---------------------------------------------------------------------------------------

interface RangeTarget {
  sheet: SheetState;
  box: Box;
}

type RangeProps = Pick<
  Excel.Range,
  'address' | 'rowIndex' | 'columnIndex' | 'rowCount' | 'columnCount' | 'values' | 'numberFormat'
>;

export class FakeRange extends FakeClientObject implements RangeProps {
  readonly format: FakeRangeFormat;
  readonly conditionalFormats: FakeConditionalFormatCollection;
  readonly dataValidation: FakeDataValidation;

  private constructor(
    ctx: FakeRequestContext,
    private readonly lazy: Lazy<RangeTarget>,
    private readonly orNull: boolean,
  ) {
    super(ctx);
    this.format = new FakeRangeFormat(ctx, this);
    this.conditionalFormats = new FakeConditionalFormatCollection(ctx, this);
    this.dataValidation = new FakeDataValidation(ctx, this);
  }

  /** @internal creates a range whose target is resolved (and memoised) at sync. */
  static create(
    ctx: FakeRequestContext,
    parentId: number,
    m: string,
    args: unknown[],
    lazy: Lazy<RangeTarget>,
    orNull: boolean,
  ): FakeRange {
    const r = new FakeRange(ctx, lazy, orNull);
    ctx.enqueue({
      json: { o: parentId, m, args, r: r._id },
      run: () => {
        if (orNull) lazy.resolve();
        else lazy.get();
      },
    });
    return r;
  }

  /** @internal */
  _t(): RangeTarget {
    const t = this.lazy.get();
    if (t.sheet.deleted)
      throw new FakeOfficeError('ItemNotFound', `The worksheet "${t.sheet.name}" was deleted.`);
    return t;
  }
  /** @internal */
  _box(): Box {
    return this._t().box;
  }

  protected override isNullNow(): boolean {
    return this.orNull && this.lazy.resolve() === null;
  }

  protected override child(name: string): FakeClientObject | undefined {
    if (name === 'format') return this.format;
    return undefined;
  }

  protected scalar(prop: string): unknown {
    const { sheet, box } = this._t();
    switch (prop) {
      case 'address':
        return formatAddress(sheet.name, box);
      case 'rowIndex':
        return box.row;
      case 'columnIndex':
        return box.col;
      case 'rowCount':
        return box.rowCount;
      case 'columnCount':
        return box.colCount;
      case 'values':
        guardCellCount(box);
        return boxRows(box, (r, c) => sheet.getValue(r, c) ?? '');
      case 'numberFormat':
        guardCellCount(box);
        return boxRows(box, (r, c) => sheet.getNumberFormat(r, c));
      case 'formulas':
        guardCellCount(box);
        return boxRows(box, (r, c) => sheet.getFormula(r, c) ?? sheet.getValue(r, c) ?? '');
      case 'valueTypes':
        // Range.valueTypes (ExcelApi 1.1): Unknown, Empty, String, Integer, Double, Boolean,
        // Error, RichValue. The fake keeps an error constant's literal as its formula too
        // (writeValue) and reports whole numbers as Double (it does not tell them apart).
        guardCellCount(box);
        return boxRows(box, (r, c) => {
          const v = sheet.getValue(r, c);
          if (v === undefined) return 'Empty';
          if (typeof v === 'boolean') return 'Boolean';
          if (typeof v === 'number') return 'Double';
          return sheet.getFormula(r, c) === v && v.startsWith('#') ? 'Error' : 'String';
        });
      case 'hyperlink':
        return sheet.getHyperlink(box.row, box.col) ?? null;
      case 'valuesAsJson':
        this.ctx.requireApi('1.16', 'Range.valuesAsJson');
        guardCellCount(box);
        return boxRows(box, (r, c) => asCellValue(sheet.getValue(r, c)));
      default:
        throw invalidArgument(`range property "${prop}"`);
    }
  }

  /**
   * Range.getMergedAreasOrNullObject (ExcelApi 1.13, learn.microsoft.com, Excel.Range: "Returns
   * a RangeAreas object that represents the merged areas in this range ... If the RangeAreas
   * object doesn't exist, then this function will return an object with its isNullObject
   * property set to true"): every merged area that shares a cell with the range, whole.
   * Excel fails past 512 areas ("more than 512 ... fail to return the result", no code given);
   * the fake does not model that limit.
   */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    const lazy = new Lazy<{ sheet: SheetState; boxes: Box[] }>(() => {
      const { sheet, box } = this._t();
      const boxes = sheet.merges.filter((m) => intersects(m, box));
      return boxes.length > 0 ? { sheet, boxes } : null;
    }, 'merged areas');
    const areas = new FakeRangeAreas(this.ctx, lazy);
    this.ctx.enqueue({
      json: { o: this._id, m: 'getMergedAreasOrNullObject', r: areas._id },
      run: () => {
        this.ctx.requireApi('1.13', 'Range.getMergedAreasOrNullObject');
        lazy.resolve();
      },
    });
    return areas;
  }

  get address(): string {
    return this.get('address');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }

  get values(): Excel.Range['values'] {
    return this.get('values');
  }
  set values(v: Excel.Range['values']) {
    const data: unknown = v;
    this._queue({ p: 'values', v: data }, (tx) => {
      const { sheet, box } = this._t();
      assertWritable(sheet);
      const grid = toGrid(data, box, 'values');
      // One inverse for the box (cellWriter); a filter may misplace values within it.
      const put = sheet.cellWriter(tx, box);
      writeGrid(sheet, box, grid, (r, c, v) => writeValue(put, sheet, r, c, v));
      uniqueTableHeaders(tx, sheet, box);
    });
  }

  get formulas(): Excel.Range['formulas'] {
    return this.get('formulas');
  }
  get valueTypes(): Excel.Range['valueTypes'] {
    return this.get('valueTypes');
  }

  get valuesAsJson(): Excel.Range['valuesAsJson'] {
    return this.get('valuesAsJson');
  }
  /** Typed cell values (ExcelApi 1.16): a String value is stored as exactly that text. */
  set valuesAsJson(v: Excel.Range['valuesAsJson']) {
    const data: unknown = v;
    this._queue({ p: 'valuesAsJson', v: data }, (tx) => {
      this.ctx.requireApi('1.16', 'Range.valuesAsJson');
      const { sheet, box } = this._t();
      assertWritable(sheet);
      const grid = toGrid(data, box, 'valuesAsJson');
      const put = sheet.cellWriter(tx, box);
      writeGrid(sheet, box, grid, (r, c, v) => writeCellValue(put, r, c, v));
      uniqueTableHeaders(tx, sheet, box);
    });
  }

  get numberFormat(): Excel.Range['numberFormat'] {
    return this.get('numberFormat');
  }
  set numberFormat(v: Excel.Range['numberFormat']) {
    const data: unknown = v;
    this._queue({ p: 'numberFormat', v: data }, (tx) => {
      const { sheet, box } = this._t();
      assertWritable(sheet);
      // "If the argument is a single value, it will be applied to all cells in the range"
      // (Excel.Range.numberFormat reference); the single value is passed as a 1x1 array,
      // which Excel applies to every cell of a larger bounded range (office-js-docs-reference
      // #578; office-js-docs-pr #5400 shows [["$#,##0.00"]] on B10:C14 passing).
      const single =
        Array.isArray(data) &&
        data.length === 1 &&
        Array.isArray(data[0]) &&
        (data[0] as unknown[]).length === 1;
      const grid = single ? () => (data as unknown[][])[0]![0] : toGrid(data, box, 'numberFormat');
      const put = sheet.formatWriter(tx, box);
      forBox(box, (r, c, i, j) => {
        const f = grid(i, j);
        if (f === null || f === undefined) return;
        if (typeof f !== 'string') throw invalidArgument('numberFormat must be text');
        put(r, c, f);
      });
    });
  }

  get hyperlink(): Excel.RangeHyperlink {
    return this.get('hyperlink');
  }
  /**
   * Range.hyperlink (ExcelApi 1.7): a link inside the workbook is its `documentReference`
   * (Excel.RangeHyperlink: "Represents the document reference target for the hyperlink") and
   * `textToDisplay` becomes the cell's text. ASSUMPTION: a reference to a sheet that does not
   * exist is refused with InvalidArgument (the reference does not say; Excel may instead keep a
   * broken link). The add-in links only cells of sheets it wrote in the same batch; the
   * self-test's "sheet-rules" check links to a missing sheet and records what Excel did.
   */
  set hyperlink(v: Excel.RangeHyperlink) {
    this._queue({ p: 'hyperlink', v }, (tx) => {
      const { sheet, box } = this._t();
      assertWritable(sheet);
      if (v.documentReference !== undefined) {
        const { sheet: target } = splitSheet(v.documentReference);
        if (target === null || !this.ctx.excel.state.findSheet(target)) {
          throw invalidArgument(`hyperlink documentReference "${v.documentReference}"`);
        }
      }
      forBox(box, (r, c) => sheet.setHyperlink(tx, r, c, { ...v }));
      if (v.textToDisplay !== undefined) {
        forBox(box, (r, c) => sheet.setCell(tx, r, c, v.textToDisplay));
      }
    });
  }

  private derive(m: string, args: unknown[], fn: (t: RangeTarget) => Box): FakeRange {
    const lazy = new Lazy<RangeTarget>(() => {
      const t = this._t();
      const box = fn(t);
      if (box.row < 0 || box.col < 0 || box.rowCount < 1 || box.colCount < 1) {
        throw invalidArgument(`${m}(${args.join(', ')}) leaves the grid`);
      }
      return { sheet: t.sheet, box };
    }, m);
    return FakeRange.create(this.ctx, this._id, m, args, lazy, false);
  }

  /**
   * The used part (non-empty values) of this range, or a null object (Range.getUsedRangeOrNull
   * Object, ExcelApi 1.4: "If there are no used cells within the range, this function will
   * return a null object"; `valuesOnly` as for the worksheet's, the only form the fake models).
   */
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    if (valuesOnly !== true)
      throw invalidArgument('the fake models getUsedRange(valuesOnly: true) only');
    const lazy = new Lazy<RangeTarget>(() => {
      const { sheet, box } = this._t();
      let minR = Infinity;
      let maxR = -1;
      let minC = Infinity;
      let maxC = -1;
      const lastRow = Math.min(box.row + box.rowCount, sheet.values.length);
      for (let r = box.row; r < lastRow; r++) {
        const row = sheet.values[r];
        if (!row) continue;
        const lastCol = Math.min(box.col + box.colCount, row.length);
        for (let c = box.col; c < lastCol; c++) {
          if (row[c] === undefined) continue;
          minR = Math.min(minR, r);
          maxR = Math.max(maxR, r);
          minC = Math.min(minC, c);
          maxC = Math.max(maxC, c);
        }
      }
      if (maxR < 0) return null;
      return {
        sheet,
        box: { row: minR, col: minC, rowCount: maxR - minR + 1, colCount: maxC - minC + 1 },
      };
    }, 'used range of a range');
    return FakeRange.create(
      this.ctx,
      this._id,
      'getUsedRangeOrNullObject',
      [valuesOnly],
      lazy,
      true,
    );
  }

  getRow(row: number): FakeRange {
    return this.derive('getRow', [row], ({ box }) => ({ ...box, row: box.row + row, rowCount: 1 }));
  }

  getCell(row: number, column: number): FakeRange {
    return this.derive('getCell', [row, column], ({ box }) => ({
      row: box.row + row,
      col: box.col + column,
      rowCount: 1,
      colCount: 1,
    }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derive('getResizedRange', [deltaRows, deltaColumns], ({ box }) => ({
      ...box,
      rowCount: box.rowCount + deltaRows,
      colCount: box.colCount + deltaColumns,
    }));
  }

  getAbsoluteResizedRange(numRows: number, numColumns: number): FakeRange {
    return this.derive('getAbsoluteResizedRange', [numRows, numColumns], ({ box }) => ({
      ...box,
      rowCount: numRows,
      colCount: numColumns,
    }));
  }

  clear(
    applyTo?:
      Excel.ClearApplyTo | 'All' | 'Formats' | 'Contents' | 'Hyperlinks' | 'RemoveHyperlinks',
  ): void {
    this._queue({ m: 'clear', args: [applyTo] }, (tx) => {
      const { sheet, box } = this._t();
      assertWritable(sheet);
      const what = applyTo ?? 'All';
      // Only cells that hold something are visited: a whole-sheet clear stays cheap.
      const inBox = (r: number, c: number): boolean =>
        r >= box.row && r < box.row + box.rowCount && c >= box.col && c < box.col + box.colCount;
      const held = (rows: readonly (readonly unknown[] | undefined)[]): [number, number][] => {
        const out: [number, number][] = [];
        const last = Math.min(rows.length, box.row + box.rowCount);
        for (let r = box.row; r < last; r++) {
          const row = rows[r];
          if (!row) continue;
          const end = Math.min(row.length, box.col + box.colCount);
          for (let c = box.col; c < end; c++) if (row[c] !== undefined) out.push([r, c]);
        }
        return out;
      };
      if (what === 'All' || what === 'Contents') {
        for (const [r, c] of held(sheet.values)) sheet.setCell(tx, r, c, undefined);
        for (const k of [...sheet.formulas.keys()]) {
          const [r, c] = k.split(',').map(Number) as [number, number];
          if (inBox(r, c)) sheet.setCell(tx, r, c, undefined);
        }
      }
      if (what === 'All' || what === 'Formats') {
        for (const [r, c] of held(sheet.numberFormats)) sheet.setNumberFormat(tx, r, c, 'General');
        for (const k of [...sheet.styles.keys()]) {
          const [r, c] = k.split(',').map(Number) as [number, number];
          if (inBox(r, c)) sheet.clearStyle(tx, r, c);
        }
      }
      if (what === 'All' || what === 'Hyperlinks' || what === 'RemoveHyperlinks') {
        for (const k of [...sheet.hyperlinks.keys()]) {
          const [r, c] = k.split(',').map(Number) as [number, number];
          if (intersects(box, { row: r, col: c, rowCount: 1, colCount: 1 })) {
            const before = sheet.hyperlinks.get(k)!;
            sheet.hyperlinks.delete(k);
            tx.record(() => sheet.hyperlinks.set(k, before));
          }
        }
      }
    });
  }

  /**
   * Range.select: "Selects the specified range in the Excel UI" (Excel.Range). ASSUMPTION: on a
   * sheet that is not active it fails with InvalidSelection; office-js #5118 reports that it
   * then selects nothing on one machine and works on the maintainers' — the fake takes the
   * strict side, so code that forgets to activate first fails here. The add-in always activates
   * the sheet first (selectCell); the self-test's "sheet-rules" check records what Excel does.
   */
  select(): void {
    this._queue({ m: 'select' }, (tx) => {
      const t = this._t();
      const st = this.ctx.excel.state;
      if (st.activeSheet !== t.sheet) {
        throw new FakeOfficeError(
          'InvalidSelection',
          'The selection is on a sheet that is not active; activate it first.',
        );
      }
      st.setSelection(tx, { sheet: t.sheet, box: t.box });
    });
  }
}

/** Cells one read may cover (resource limits article: "A range is limited to 5,000,000 cells
 * for read operations"); the error code is the one the error-handling article lists for it. */
export const READ_CELL_LIMIT = 5_000_000;

function guardCellCount(box: Box): void {
  if (box.rowCount * box.colCount > READ_CELL_LIMIT) {
    throw new FakeOfficeError(
      'RangeExceedsLimit',
      'The cell count in the range has exceeded the maximum supported number.',
    );
  }
}

/** A stored value as Range.valuesAsJson reports it (Excel.CellValue). */
function asCellValue(v: Scalar | undefined): Excel.CellValue {
  if (v === undefined) return { type: 'Empty', basicValue: '' };
  if (typeof v === 'number') return { type: 'Double', basicValue: v };
  if (typeof v === 'boolean') return { type: 'Boolean', basicValue: v };
  return { type: 'String', basicValue: v };
}

/** Writes one cell (value + optional formula): SheetState.setCell or a cellWriter. */
type PutCell = (r: number, c: number, value: Scalar | undefined, formula?: string) => void;

/** One typed value written through Range.valuesAsJson; the fake takes the basic types. */
function writeCellValue(put: PutCell, r: number, c: number, v: unknown): void {
  if (typeof v !== 'object' || v === null || !('type' in v)) {
    throw invalidArgument('valuesAsJson takes CellValue objects');
  }
  const cv = v as { type: string; basicValue?: unknown };
  switch (cv.type) {
    case 'String':
      if (typeof cv.basicValue !== 'string') throw invalidArgument('a String without basicValue');
      put(r, c, cv.basicValue === '' ? undefined : cv.basicValue);
      return;
    case 'Double':
      if (typeof cv.basicValue !== 'number') throw invalidArgument('a Double without a number');
      put(r, c, cv.basicValue);
      return;
    case 'Boolean':
      if (typeof cv.basicValue !== 'boolean') throw invalidArgument('a Boolean without a boolean');
      put(r, c, cv.basicValue);
      return;
    case 'Empty':
      put(r, c, undefined);
      return;
    default:
      throw invalidArgument(`the fake does not take ${cv.type} cell values`);
  }
}

/**
 * Excel keeps table column names unique and non-empty: a header cell written with a name the
 * table already has gets a number appended ("Priority2"), an empty one "ColumnN" (see the
 * file comment for the source); numbers become text.
 */
function uniqueTableHeaders(tx: Tx, sheet: SheetState, written: Box): void {
  for (const t of sheet.tables) {
    const header: Box = { ...t.box, rowCount: 1 };
    if (!intersects(header, written)) continue;
    const from = Math.max(written.col, t.box.col);
    const to = Math.min(written.col + written.colCount, t.box.col + t.box.colCount);
    // Names outside the written cells stand; among the written ones, the later one yields.
    const taken = new Set<string>();
    for (let k = t.box.col; k < t.box.col + t.box.colCount; k++) {
      if (k < from || k >= to) taken.add(String(sheet.getValue(t.box.row, k) ?? '').toLowerCase());
    }
    for (let c = from; c < to; c++) {
      const raw = sheet.getValue(t.box.row, c);
      const name = uniqueName(
        raw === undefined || raw === '' ? `Column${c - t.box.col + 1}` : String(raw),
        taken,
      );
      taken.add(name.toLowerCase());
      if (name !== raw) sheet.setCell(tx, t.box.row, c, name);
    }
  }
}

/**
 * A table over merged cells is refused with MergedRangeConflict (learn.microsoft.com, "Error
 * handling with the application-specific JavaScript APIs", error codes: "Cannot complete the
 * operation. A table can't overlap with another table, a PivotTable report, query results,
 * merged cells, or an XML Map.").
 */
function assertNoMergeIn(sheet: SheetState, box: Box): void {
  if (sheet.merges.some((m) => intersects(m, box))) {
    throw new FakeOfficeError(
      'MergedRangeConflict',
      "Cannot complete the operation. A table can't overlap with another table, a PivotTable report, query results, merged cells, or an XML Map.",
    );
  }
}

/** `base`, or `base2`, `base3`, … : the first that is not in `taken` (lower case). */
function uniqueName(base: string, taken: ReadonlySet<string>): string {
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}${n}`;
  return name;
}

/** A 2D array of exactly the range's size, or a single scalar applied to every cell. */
function toGrid(data: unknown, box: Box, prop: string): (i: number, j: number) => unknown {
  if (!Array.isArray(data)) return () => data;
  const rows = data as unknown[];
  const ok =
    rows.length === box.rowCount &&
    rows.every((r) => Array.isArray(r) && (r as unknown[]).length === box.colCount);
  if (!ok) {
    throw invalidArgument(
      `${prop}: the number of rows or columns in the input array doesn't match the size or dimensions of the range (${box.rowCount}x${box.colCount})`,
    );
  }
  return (i, j) => (rows[i] as unknown[])[j];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Excel's serial number of a date (1900 date system, en-US reading). */
function serial(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

function monthOf(word: string): number {
  return MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;
}

/**
 * What Excel makes of text typed into a General cell, as the en-US locale reads it: a number,
 * a date or time (its serial number), a boolean or an error literal — or null when it stays
 * text. ASSUMPTION: the forms below are the ones Excel converts (dates and times in the common
 * forms, fractions, scientific notation, accounting negatives, percentages, currency,
 * thousands separators, booleans, error literals); Range.values documents only the formula
 * prefixes. The self-test's "text" check writes each form (CONVERTIBLE_TEXT in selftest.ts)
 * and reports any that do not come back as the same text.
 */
export function generalReading(raw: string): Scalar | null {
  const v = raw.trim();
  if (/^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  if (/^#(N\/A|NAME\?|REF!|VALUE!|DIV\/0!|NUM!|NULL!)$/i.test(v)) return v.toUpperCase();
  // Numbers: sign or accounting parentheses, currency, thousands, decimals, exponent, percent.
  const num = /^([+-]?)\(?([$€£]?)(\d{1,3}(?:,\d{3})+|\d*)(\.\d+)?(?:[eE]([+-]?\d+))?(%?)\)?$/.exec(
    v,
  );
  if (num && /\d/.test(v) && v.startsWith('(') === v.endsWith(')')) {
    const [, sign, , int, frac, exp, pct] = num;
    let n = Number(`${(int ?? '').replace(/,/g, '') || '0'}${frac ?? ''}e${exp ?? '0'}`);
    if (pct) n /= 100;
    return sign === '-' || v.startsWith('(') ? -n : n;
  }
  // A fraction with a whole part ("1 1/2").
  const frac = /^(\d+) (\d+)\/(\d+)$/.exec(v);
  if (frac && Number(frac[3]) > 0) return Number(frac[1]) + Number(frac[2]) / Number(frac[3]);
  // Times: 12:30, 9:05:10, 12:30 PM.
  const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AP]M))?$/i.exec(v);
  if (time) {
    const h = (Number(time[1]) % (time[4] ? 12 : 24)) + (time[4]?.toUpperCase() === 'PM' ? 12 : 0);
    return (h * 3600 + Number(time[2]) * 60 + Number(time[3] ?? 0)) / 86_400;
  }
  // Dates: 1/2/2026, 2026-01-02, 1/2 and 1-2 (this year), Jan 2025, 2-Jan, 2 Jan 2025, Jan 2, 2025.
  const year = 2026;
  let m = /^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2,4}))?$/.exec(v);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12 && Number(m[2]) >= 1 && Number(m[2]) <= 31) {
    const y = m[3] ? Number(m[3]) + (m[3].length === 2 ? 2000 : 0) : year;
    return serial(y, Number(m[1]), Number(m[2]));
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (m) return serial(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^([a-z]{3,9})[ -](\d{4})$/i.exec(v);
  if (m && monthOf(m[1]!) > 0) return serial(Number(m[2]), monthOf(m[1]!), 1);
  m = /^(\d{1,2})[ -]([a-z]{3,9})(?:[ -](\d{4}))?$/i.exec(v);
  if (m && monthOf(m[2]!) > 0) return serial(Number(m[3] ?? year), monthOf(m[2]!), Number(m[1]));
  m = /^([a-z]{3,9}) (\d{1,2}),? (\d{4})$/i.exec(v);
  if (m && monthOf(m[1]!) > 0) return serial(Number(m[3]), monthOf(m[1]!), Number(m[2]));
  return null;
}

/** Excel's reading of a value written through Range.values. */
function writeValue(put: PutCell, sheet: SheetState, r: number, c: number, v: unknown): void {
  if (v === null || v === undefined) return; // null leaves the cell as it is
  if (typeof v === 'number' || typeof v === 'boolean') {
    put(r, c, v);
    return;
  }
  if (typeof v !== 'string') throw invalidArgument(`unsupported cell value ${JSON.stringify(v)}`);
  if (v === '') {
    put(r, c, undefined);
    return;
  }
  if (v.startsWith("'") && sheet.getNumberFormat(r, c) === '@') {
    // Not documented for a Text-formatted cell: keep the apostrophe (see the file comment).
    put(r, c, v);
    return;
  }
  if (v.startsWith("'")) {
    // The quote prefix makes the rest literal text and is not part of the value.
    const rest = v.slice(1);
    put(r, c, rest === '' ? undefined : rest);
    return;
  }
  const isText = sheet.getNumberFormat(r, c) === '@';
  const read = isText ? null : generalReading(v);
  if (read !== null) {
    // An error constant keeps its literal as its formula here, so a test can tell it from text
    // (Excel tells them apart by Range.valueTypes, which the fake does not model).
    put(r, c, read, typeof read === 'string' ? read : undefined);
    return;
  }
  if (/^[=+\-@]/.test(v) && v.length > 1) {
    // A formula (Range.values docs: a value starting with "=", "+" or "-" is interpreted as
    // one). The fake does not evaluate formulas; it shows #NAME? as Excel would for text.
    put(r, c, '#NAME?', v.startsWith('=') ? v : `=${v}`);
    return;
  }
  put(r, c, v);
}

/**
 * RangeAreas (ExcelApi 1.9, learn.microsoft.com, Excel.RangeAreas): `address` holds each block
 * with its sheet name ("Sheet1!A1:B4, Sheet1!D1:D4"), `areaCount` how many blocks there are.
 */
export class FakeRangeAreas extends FakeClientObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly lazy: Lazy<{ sheet: SheetState; boxes: Box[] }>,
  ) {
    super(ctx);
  }
  protected override isNullNow(): boolean {
    return this.lazy.resolve() === null;
  }
  protected scalar(prop: string): unknown {
    const { sheet, boxes } = this.lazy.get();
    if (prop === 'address') return boxes.map((b) => formatAddress(sheet.name, b)).join(', ');
    if (prop === 'areaCount') return boxes.length;
    throw invalidArgument(`range areas property "${prop}"`);
  }
  get address(): string {
    return this.get('address');
  }
  get areaCount(): number {
    return this.get('areaCount');
  }
}

export class FakeRangeFormat extends FakeClientObject {
  readonly font: FakeRangeFont;
  readonly fill: FakeRangeFill;
  constructor(
    ctx: FakeRequestContext,
    private readonly range: FakeRange,
  ) {
    super(ctx);
    this.font = new FakeRangeFont(ctx, range);
    this.fill = new FakeRangeFill(ctx, range);
  }
  protected override child(name: string): FakeClientObject | undefined {
    if (name === 'font') return this.font;
    if (name === 'fill') return this.fill;
    return undefined;
  }
  protected scalar(prop: string): unknown {
    const { sheet, box } = this.range._t();
    if (prop === 'columnWidth') return sheet.columnWidths.get(box.col) ?? 48;
    if (prop === 'wrapText') return sheet.getStyle(box.row, box.col).wrapText ?? false;
    throw invalidArgument(`format property "${prop}"`);
  }
  /**
   * RangeFormat.columnWidth (Excel.RangeFormat: "Specifies the width of all columns within the
   * range", in points). ASSUMPTION: an unset column reads 48 points (the standard width of 8.43
   * characters in Calibri 11); the add-in only sets widths and never reads one back.
   */
  set columnWidth(v: number) {
    this._queue({ p: 'columnWidth', v }, (tx) => {
      const { sheet, box } = this.range._t();
      assertWritable(sheet);
      if (!(v >= 0)) throw invalidArgument('columnWidth');
      for (let c = box.col; c < box.col + box.colCount; c++) {
        const before = sheet.columnWidths.get(c);
        sheet.columnWidths.set(c, v);
        tx.record(() => {
          if (before === undefined) sheet.columnWidths.delete(c);
          else sheet.columnWidths.set(c, before);
        });
      }
    });
  }
  get columnWidth(): number {
    return this.get('columnWidth');
  }
  /**
   * RangeFormat.rowHeight (ExcelApi 1.2, learn.microsoft.com/javascript/api/excel/excel.rangeformat),
   * in points; Excel's limit is 409 points ("Excel specifications and limits"). Set on whole rows.
   */
  set rowHeight(v: number) {
    this._queue({ p: 'rowHeight', v }, (tx) => {
      const { sheet, box } = this.range._t();
      assertWritable(sheet);
      if (!(v >= 0 && v <= 409)) throw invalidArgument('rowHeight (0 to 409 points)');
      for (let r = box.row; r < box.row + box.rowCount; r++) {
        const before = sheet.rowHeights.get(r);
        sheet.rowHeights.set(r, v);
        tx.record(() => {
          if (before === undefined) sheet.rowHeights.delete(r);
          else sheet.rowHeights.set(r, before);
        });
      }
    });
  }
  set wrapText(v: boolean) {
    styleOp(this, this.range, 'wrapText', { wrapText: v });
  }
  get wrapText(): boolean {
    return this.get('wrapText');
  }
  set horizontalAlignment(v: Excel.RangeFormat['horizontalAlignment']) {
    styleOp(this, this.range, 'horizontalAlignment', { horizontalAlignment: String(v) });
  }
  /** RangeFormat.verticalAlignment (ExcelApi 1.1, learn.microsoft.com/javascript/api/excel/excel.rangeformat). */
  set verticalAlignment(v: Excel.RangeFormat['verticalAlignment']) {
    styleOp(this, this.range, 'verticalAlignment', { verticalAlignment: String(v) });
  }
  /**
   * RangeFormat.autofitRows (ExcelApi 1.2; learn.microsoft.com, Excel.RangeFormat: "changes the
   * height of the rows of the current range to achieve the best fit"); the fake keeps no heights.
   */
  autofitRows(): void {
    this._queue({ m: 'autofitRows' }, () => {
      assertWritable(this.range._t().sheet);
    });
  }
  autofitColumns(): void {
    this._queue({ m: 'autofitColumns' }, () => {
      assertWritable(this.range._t().sheet);
    });
  }
}

function styleOp(
  obj: FakeClientObject,
  range: FakeRange,
  prop: string,
  patch: CellStyleState,
): void {
  const v: unknown = Object.values(patch)[0];
  obj._queue({ p: prop, v }, (tx) => {
    const { sheet, box } = range._t();
    assertWritable(sheet);
    forBox(box, (r, c) => sheet.setStyle(tx, r, c, patch));
  });
}

export class FakeRangeFont extends FakeClientObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly range: FakeRange,
  ) {
    super(ctx);
  }
  protected scalar(prop: string): unknown {
    const { sheet, box } = this.range._t();
    const st = sheet.getStyle(box.row, box.col);
    switch (prop) {
      case 'bold':
        return st.bold ?? false;
      case 'italic':
        return st.italic ?? false;
      case 'color':
        return st.color ?? '#000000';
      case 'size':
        return st.size ?? 11;
      default:
        throw invalidArgument(`font property "${prop}"`);
    }
  }
  set bold(v: boolean) {
    styleOp(this, this.range, 'bold', { bold: v });
  }
  get bold(): boolean {
    return this.get('bold');
  }
  set italic(v: boolean) {
    styleOp(this, this.range, 'italic', { italic: v });
  }
  get italic(): boolean {
    return this.get('italic');
  }
  set color(v: string) {
    styleOp(this, this.range, 'color', { color: v });
  }
  get color(): string {
    return this.get('color');
  }
  set size(v: number) {
    styleOp(this, this.range, 'size', { size: v });
  }
  get size(): number {
    return this.get('size');
  }
  set underline(v: Excel.RangeFont['underline']) {
    styleOp(this, this.range, 'underline', { underline: String(v) });
  }
}

export class FakeRangeFill extends FakeClientObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly range: FakeRange,
  ) {
    super(ctx);
  }
  protected scalar(prop: string): unknown {
    const { sheet, box } = this.range._t();
    if (prop === 'color') return sheet.getStyle(box.row, box.col).fill ?? '#FFFFFF';
    throw invalidArgument(`fill property "${prop}"`);
  }
  set color(v: string) {
    styleOp(this, this.range, 'fill', { fill: v });
  }
  get color(): string {
    return this.get('color');
  }
}

// ---------------------------------------------------------------------------------------
// Data validation
// ---------------------------------------------------------------------------------------

export class FakeDataValidation extends FakeClientObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly range: FakeRange,
  ) {
    super(ctx);
  }
  protected scalar(prop: string): unknown {
    throw invalidArgument(`dataValidation property "${prop}"`);
  }
  set rule(v: Excel.DataValidationRule) {
    this._queue({ p: 'rule', v }, (tx) => {
      const { sheet, box } = this.range._t();
      assertWritable(sheet);
      const list = v.list;
      if (!list || typeof list.source !== 'string') {
        throw invalidArgument('the fake supports list rules with a text source only');
      }
      // ASSUMPTION: a typed list longer than 255 characters is refused (Excel's limit on a
      // list typed into data validation, which every file library enforces; the Office.js
      // reference, Excel.ListDataValidation.source, gives none). The template's lists are
      // shorter; the self-test's "ranges" check sets a 256-character list.
      if (list.source.length > 255) {
        throw invalidArgument('a list source longer than 255 characters');
      }
      const entry: ValidationState = {
        box,
        source: list.source,
        inCellDropDown: list.inCellDropDown,
        showAlert: true,
      };
      sheet.setField(tx, 'validations', [
        ...sheet.validations.filter((x) => !intersects(x.box, box)),
        entry,
      ]);
    });
  }
  set errorAlert(v: Excel.DataValidationErrorAlert) {
    this._queue({ p: 'errorAlert', v }, (tx) => {
      const { sheet, box } = this.range._t();
      assertWritable(sheet);
      const next = sheet.validations.map((x) =>
        intersects(x.box, box) ? { ...x, showAlert: v.showAlert } : x,
      );
      sheet.setField(tx, 'validations', next);
    });
  }
}

// ---------------------------------------------------------------------------------------
// Conditional formats
// ---------------------------------------------------------------------------------------

export class FakeConditionalFormatCollection extends FakeCollection<FakeConditionalFormat> {
  constructor(
    ctx: FakeRequestContext,
    private readonly range: FakeRange,
  ) {
    super(ctx);
  }

  protected members(): FakeConditionalFormat[] {
    const { sheet, box } = this.range._t();
    return sheet.conditionalFormats
      .filter((cf) => intersects(cf.box, box))
      .map((cf) => new FakeConditionalFormat(this.ctx, Lazy.of({ sheet, cf, via: box }, cf.id)));
  }

  add(type: Excel.ConditionalFormatType | CfType): FakeConditionalFormat {
    let made: CfTarget | null = null;
    const lazy = new Lazy<CfTarget>(() => made, 'new conditional format');
    const cf = new FakeConditionalFormat(this.ctx, lazy);
    this._queue({ m: 'add', args: [type], r: cf._id }, (tx) => {
      const { sheet, box } = this.range._t();
      assertWritable(sheet);
      if (!['Custom', 'DataBar', 'CellValue', 'ContainsText'].includes(type)) {
        throw invalidArgument(
          `the fake adds Custom, DataBar, CellValue and ContainsText, not ${type}`,
        );
      }
      const state: CfState = {
        id: this.ctx.excel.state.newId('cf'),
        type: type,
        box,
        formula: null,
        cellValue: null,
        textComparison: null,
        fill: null,
        fontColor: null,
        barColor: null,
      };
      // ConditionalFormatCollection.add: "Adds a new conditional format to the collection at the
      // first/top priority" (learn.microsoft.com, Excel.ConditionalFormatCollection).
      sheet.setField(tx, 'conditionalFormats', [state, ...sheet.conditionalFormats]);
      made = { sheet, cf: state, via: box };
      lazy.get();
    });
    return cf;
  }

  clearAll(): void {
    this._queue({ m: 'clearAll' }, (tx) => {
      const { sheet, box } = this.range._t();
      assertWritable(sheet);
      sheet.setField(
        tx,
        'conditionalFormats',
        sheet.conditionalFormats.filter((cf) => !intersects(cf.box, box)),
      );
    });
  }
}

interface CfTarget {
  sheet: SheetState;
  cf: CfState;
  /** The range the format was fetched through (formulas set on it are relative to it). */
  via: Box;
}

/** Updates one field of a CF in place (CfState objects are shared), recording the inverse. */
function setCf<K extends keyof CfState>(tx: Tx, t: CfTarget, k: K, v: CfState[K]): void {
  assertWritable(t.sheet);
  if (!t.sheet.conditionalFormats.includes(t.cf)) {
    throw new FakeOfficeError('ItemNotFound', 'The conditional format was deleted.');
  }
  const before = t.cf[k];
  t.cf[k] = v;
  tx.record(() => {
    t.cf[k] = before;
  });
}

/**
 * office-js #5194: a formula read from a format is relative to the format's top-left cell,
 * a formula set on it is taken relative to the range it was fetched through. This turns a
 * formula set through `via` into the stored (top-left relative) one.
 */
function fromVia(t: CfTarget, formula: string): string {
  return shiftFormula(formula, t.cf.box.row - t.via.row, t.cf.box.col - t.via.col);
}

export class FakeConditionalFormat
  extends FakeClientObject
  implements Pick<Excel.ConditionalFormat, 'type' | 'id'>
{
  readonly custom: FakeCustomConditionalFormat;
  readonly customOrNullObject: FakeCustomConditionalFormat;
  readonly dataBar: FakeDataBarConditionalFormat;
  readonly cellValue: FakeTypedConditionalFormat;
  readonly cellValueOrNullObject: FakeTypedConditionalFormat;
  readonly textComparison: FakeTypedConditionalFormat;
  readonly textComparisonOrNullObject: FakeTypedConditionalFormat;

  constructor(
    ctx: FakeRequestContext,
    private readonly lazy: Lazy<CfTarget>,
  ) {
    super(ctx);
    this.custom = new FakeCustomConditionalFormat(ctx, lazy, false);
    this.customOrNullObject = new FakeCustomConditionalFormat(ctx, lazy, true);
    this.dataBar = new FakeDataBarConditionalFormat(ctx, lazy);
    this.cellValue = new FakeTypedConditionalFormat(ctx, lazy, 'CellValue', false);
    this.cellValueOrNullObject = new FakeTypedConditionalFormat(ctx, lazy, 'CellValue', true);
    this.textComparison = new FakeTypedConditionalFormat(ctx, lazy, 'ContainsText', false);
    this.textComparisonOrNullObject = new FakeTypedConditionalFormat(
      ctx,
      lazy,
      'ContainsText',
      true,
    );
  }

  protected override child(name: string): FakeClientObject | undefined {
    switch (name) {
      case 'custom':
        return this.custom;
      case 'customOrNullObject':
        return this.customOrNullObject;
      case 'cellValue':
        return this.cellValue;
      case 'cellValueOrNullObject':
        return this.cellValueOrNullObject;
      case 'textComparison':
        return this.textComparison;
      case 'textComparisonOrNullObject':
        return this.textComparisonOrNullObject;
      default:
        return undefined;
    }
  }

  protected scalar(prop: string): unknown {
    const { sheet, cf } = this.lazy.get();
    if (prop === 'type') return cf.type;
    if (prop === 'id') return cf.id;
    if (prop === 'priority') return sheet.conditionalFormats.indexOf(cf);
    throw invalidArgument(`conditional format property "${prop}"`);
  }

  /**
   * The range the format applies to, or a null object when it applies to several ranges
   * (learn.microsoft.com, Excel.ConditionalFormat.getRangeOrNullObject, ExcelApi 1.6). The
   * fake keeps one rectangle per format, so it always has one.
   */
  getRangeOrNullObject(): FakeRange {
    const lazy = new Lazy<RangeTarget>(() => {
      const { sheet, cf } = this.lazy.get();
      return { sheet, box: cf.box };
    }, 'getRangeOrNullObject');
    return FakeRange.create(this.ctx, this._id, 'getRangeOrNullObject', [], lazy, true);
  }

  get type(): Excel.ConditionalFormat['type'] {
    return this.get('type');
  }
  get id(): string {
    return this.get('id');
  }
  get priority(): number {
    return this.get('priority');
  }

  /** ConditionalFormat.getRange (ExcelApi 1.6): the range the format applies to. */
  getRange(): FakeRange {
    const lazy = new Lazy<RangeTarget>(() => {
      const { sheet, cf } = this.lazy.get();
      return { sheet, box: cf.box };
    }, 'conditional format range');
    return FakeRange.create(this.ctx, this._id, 'getRange', [], lazy, false);
  }

  delete(): void {
    this._queue({ m: 'delete' }, (tx) => {
      const { sheet, cf } = this.lazy.get();
      assertWritable(sheet);
      if (!sheet.conditionalFormats.includes(cf)) {
        throw new FakeOfficeError('ItemNotFound', 'The conditional format was already deleted.');
      }
      sheet.setField(
        tx,
        'conditionalFormats',
        sheet.conditionalFormats.filter((x) => x !== cf),
      );
    });
  }
}

export class FakeCustomConditionalFormat extends FakeClientObject {
  readonly rule: FakeConditionalFormatRule;
  readonly format: FakeConditionalRangeFormat;
  constructor(
    ctx: FakeRequestContext,
    private readonly lazy: Lazy<CfTarget>,
    private readonly orNull: boolean,
  ) {
    super(ctx);
    const check = (): CfTarget => this.target();
    this.rule = new FakeConditionalFormatRule(ctx, check, () => this.isNullNow());
    this.format = new FakeConditionalRangeFormat(ctx, check);
  }
  /** @internal */
  target(): CfTarget {
    const t = this.lazy.get();
    if (t.cf.type !== 'Custom') {
      throw new FakeOfficeError(
        'InvalidOperation',
        `This conditional format is ${t.cf.type}, not Custom.`,
      );
    }
    return t;
  }
  protected override isNullNow(): boolean {
    return this.orNull && this.lazy.get().cf.type !== 'Custom';
  }
  protected override child(name: string): FakeClientObject | undefined {
    if (name === 'rule') return this.rule;
    if (name === 'format') return this.format;
    return undefined;
  }
  protected scalar(prop: string): unknown {
    throw invalidArgument(`custom conditional format property "${prop}"`);
  }
}

export class FakeConditionalFormatRule extends FakeClientObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly target: () => CfTarget,
    private readonly parentNull: () => boolean,
  ) {
    super(ctx);
  }
  protected override isNullNow(): boolean {
    return this.parentNull();
  }
  protected scalar(prop: string): unknown {
    const { cf } = this.target();
    const formula = cf.formula ?? '';
    if (prop === 'formula') return formula;
    if (prop === 'formulaR1C1') return toR1C1(formula, cf.box.row, cf.box.col);
    throw invalidArgument(`rule property "${prop}"`);
  }
  get formula(): string {
    return this.get('formula');
  }
  get formulaR1C1(): string {
    return this.get('formulaR1C1');
  }
  set formula(v: string) {
    this._queue({ p: 'formula', v }, (tx) => {
      if (!v.startsWith('=')) throw invalidArgument('a conditional format formula starts with "="');
      const t = this.target();
      setCf(tx, t, 'formula', fromVia(t, v));
    });
  }
}

/**
 * The CellValue and ContainsText views of a format: `rule` is one object-valued property
 * (Excel.ConditionalCellValueRule / ConditionalTextComparisonRule), formulas relative to the
 * top-left cell like a custom rule's.
 */
export class FakeTypedConditionalFormat extends FakeClientObject {
  readonly format: FakeConditionalRangeFormat;
  constructor(
    ctx: FakeRequestContext,
    private readonly lazy: Lazy<CfTarget>,
    private readonly kind: 'CellValue' | 'ContainsText',
    private readonly orNull: boolean,
  ) {
    super(ctx);
    this.format = new FakeConditionalRangeFormat(ctx, () => this.target());
  }
  private target(): CfTarget {
    const t = this.lazy.get();
    if (t.cf.type !== this.kind) {
      throw new FakeOfficeError(
        'InvalidOperation',
        `This conditional format is ${t.cf.type}, not ${this.kind}.`,
      );
    }
    return t;
  }
  protected override isNullNow(): boolean {
    return this.orNull && this.lazy.get().cf.type !== this.kind;
  }
  protected override child(name: string): FakeClientObject | undefined {
    return name === 'format' ? this.format : undefined;
  }
  protected scalar(prop: string): unknown {
    if (prop !== 'rule') throw invalidArgument(`${this.kind} format property "${prop}"`);
    const { cf } = this.target();
    return this.kind === 'CellValue' ? { ...cf.cellValue } : { ...cf.textComparison };
  }
  get rule(): unknown {
    return this.get('rule');
  }
  set rule(v: unknown) {
    this._queue({ p: 'rule', v }, (tx) => {
      const t = this.target();
      if (this.kind === 'CellValue') {
        const r = v as { operator?: string; formula1?: string; formula2?: string };
        if (typeof r.operator !== 'string' || typeof r.formula1 !== 'string') {
          throw invalidArgument('a cell value rule needs operator and formula1');
        }
        setCf(tx, t, 'cellValue', {
          operator: r.operator,
          formula1: fromVia(t, r.formula1),
          ...(r.formula2 !== undefined ? { formula2: fromVia(t, r.formula2) } : {}),
        });
      } else {
        const r = v as { operator?: string; text?: string };
        if (typeof r.operator !== 'string' || typeof r.text !== 'string') {
          throw invalidArgument('a text comparison rule needs operator and text');
        }
        setCf(tx, t, 'textComparison', { operator: r.operator, text: r.text });
      }
    });
  }
}

export class FakeConditionalRangeFormat extends FakeClientObject {
  readonly fill: { color: string };
  readonly font: { color: string };
  constructor(
    ctx: FakeRequestContext,
    private readonly target: () => CfTarget,
  ) {
    super(ctx);
    const queue = (p: string, v: string, k: 'fill' | 'fontColor'): void =>
      this._queue({ p, v }, (tx) => setCf(tx, this.target(), k, v));
    this.fill = {
      set color(v: string) {
        queue('fill/color', v, 'fill');
      },
      get color(): string {
        throw notLoaded('color');
      },
    };
    this.font = {
      set color(v: string) {
        queue('font/color', v, 'fontColor');
      },
      get color(): string {
        throw notLoaded('color');
      },
    };
  }
  protected scalar(prop: string): unknown {
    throw invalidArgument(`conditional range format property "${prop}"`);
  }
}

export class FakeDataBarConditionalFormat extends FakeClientObject {
  readonly positiveFormat: { fillColor: string; gradientFill: boolean };
  constructor(
    ctx: FakeRequestContext,
    private readonly lazy: Lazy<CfTarget>,
  ) {
    super(ctx);
    const setColor = (v: string): void =>
      this._queue({ p: 'positiveFormat/fillColor', v }, (tx) => {
        const t = this.lazy.get();
        if (t.cf.type !== 'DataBar')
          throw new FakeOfficeError('InvalidOperation', 'Not a data bar.');
        setCf(tx, t, 'barColor', v);
      });
    const setGradient = (v: boolean): void =>
      this._queue({ p: 'positiveFormat/gradientFill', v }, () => {
        assertWritable(this.lazy.get().sheet);
      });
    this.positiveFormat = {
      set fillColor(v: string) {
        setColor(v);
      },
      get fillColor(): string {
        throw notLoaded('fillColor');
      },
      set gradientFill(v: boolean) {
        setGradient(v);
      },
      get gradientFill(): boolean {
        throw notLoaded('gradientFill');
      },
    };
  }
  protected scalar(prop: string): unknown {
    throw invalidArgument(`data bar property "${prop}"`);
  }
}

// ---------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------

export class FakeTableCollection extends FakeCollection<FakeTable> {
  constructor(
    ctx: FakeRequestContext,
    private readonly ws: FakeWorksheet,
  ) {
    super(ctx);
  }
  protected members(): FakeTable[] {
    const s = this.ws._target();
    return s.tables.map((t) => new FakeTable(this.ctx, Lazy.of({ sheet: s, table: t }, t.name)));
  }
  getItem(name: string): FakeTable {
    const lazy = new Lazy<TableTarget>(() => {
      const s = this.ws._target();
      const table = s.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
      return table ? { sheet: s, table } : null;
    }, `table "${name}"`);
    const t = new FakeTable(this.ctx, lazy);
    this._queue({ m: 'getItem', args: [name], r: t._id }, () => lazy.get());
    return t;
  }
  /** TableCollection.add(address, hasHeaders): the header row's cells name the columns. */
  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    let made: TableTarget | null = null;
    const lazy = new Lazy<TableTarget>(() => made, 'new table');
    const t = new FakeTable(this.ctx, lazy);
    const arg = typeof address === 'string' ? address : address._id;
    this._queue({ m: 'add', args: [arg, hasHeaders], r: t._id }, (tx) => {
      const s = this.ws._target();
      assertWritable(s);
      if (!hasHeaders) throw invalidArgument('the fake adds tables with headers only');
      const box =
        typeof address === 'string' ? parseLocal(splitSheet(address).local) : address._box();
      // The error-codes table's MergedRangeConflict: "A table can't overlap with another table"
      // ("Error handling with the application-specific JavaScript APIs").
      if (s.tables.some((x) => intersects(x.box, box))) {
        throw new FakeOfficeError(
          'MergedRangeConflict',
          "Cannot complete the operation. A table can't overlap with another table.",
        );
      }
      assertNoMergeIn(s, box);
      // ASSUMPTION: a new table is named "TableN", N one more than the workbook's tables, the
      // next free one (Excel's default; Excel.TableCollection.add names no rule). The add-in
      // never relies on the name it gets (it adds tables only in the self-test, whose "ranges"
      // check reads the name back).
      const all = this.ctx.excel.state.liveSheets().flatMap((x) => x.tables.map((y) => y.name));
      let n = all.length + 1;
      while (all.includes(`Table${n}`)) n++;
      const table: TableState = { name: `Table${n}`, box, showTotals: false };
      s.setField(tx, 'tables', [...s.tables, table]);
      uniqueTableHeaders(tx, s, { ...box, rowCount: 1 });
      made = { sheet: s, table };
      lazy.get();
    });
    return t;
  }
}

interface TableTarget {
  sheet: SheetState;
  table: TableState;
}

/**
 * Table.autoFilter (ExcelApi 1.9; learn.microsoft.com, Excel.Table: "Represents the AutoFilter
 * object of the table"): the same criteria as the table columns' filters (FakeFilter), one
 * entry per table column, a column without criteria empty (office-js #1226); `clearCriteria`
 * drops them all ("Clears the filter criteria and sort state of the AutoFilter"). A protected
 * sheet refuses it with AccessDenied like any other change.
 */
export class FakeTableAutoFilter extends FakeClientObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly lazy: Lazy<TableTarget>,
  ) {
    super(ctx);
  }
  protected scalar(prop: string): unknown {
    this.ctx.requireApi('1.9', 'Table.autoFilter');
    const { table } = this.lazy.get();
    if (prop === 'criteria') {
      return Array.from({ length: table.box.colCount }, (_, k) => {
        const values = table.filters?.[k];
        return values ? { filterOn: 'Values', values: [...values] } : {};
      });
    }
    if (prop === 'isDataFiltered') return Object.keys(table.filters ?? {}).length > 0;
    throw invalidArgument(`table autoFilter property "${prop}"`);
  }
  get criteria(): Excel.FilterCriteria[] {
    return this.get('criteria');
  }
  get isDataFiltered(): boolean {
    return this.get('isDataFiltered');
  }
  clearCriteria(): void {
    this._queue({ m: 'clearCriteria' }, (tx) => {
      this.ctx.requireApi('1.9', 'Table.autoFilter.clearCriteria');
      const { sheet, table } = this.lazy.get();
      assertWritable(sheet);
      const before = { filters: table.filters, sortFields: table.sortFields };
      table.filters = {};
      table.sortFields = [];
      tx.record(() => {
        table.filters = before.filters;
        table.sortFields = before.sortFields;
      });
    });
  }
  /** AutoFilter.clearColumnCriteria (ExcelApi 1.14); the sort state stays (see FakeAutoFilter). */
  clearColumnCriteria(columnIndex: number): void {
    this._queue({ m: 'clearColumnCriteria', args: [columnIndex] }, (tx) => {
      this.ctx.requireApi('1.14', 'AutoFilter.clearColumnCriteria');
      const { sheet, table } = this.lazy.get();
      assertWritable(sheet);
      if (!Number.isInteger(columnIndex) || columnIndex < 0 || columnIndex >= table.box.colCount) {
        throw invalidArgument(`AutoFilter.clearColumnCriteria column index ${columnIndex}`);
      }
      const before = table.filters;
      const next: Record<number, readonly string[]> = { ...(table.filters ?? {}) };
      delete next[columnIndex];
      table.filters = next;
      tx.record(() => {
        table.filters = before;
      });
    });
  }
}

/**
 * Table.sort (ExcelApi 1.2, learn.microsoft.com, Excel.TableSort): `fields` reads the
 * table's sort state back ("the current conditions used to last sort the table"); `apply`
 * records it. The fake does not reorder rows (no test sorts data; the refresh never sorts).
 */
export class FakeTableSort extends FakeClientObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly lazy: Lazy<TableTarget>,
  ) {
    super(ctx);
  }
  protected scalar(prop: string): unknown {
    const { table } = this.lazy.get();
    if (prop === 'fields') return (table.sortFields ?? []).map((f) => ({ ...f }));
    throw invalidArgument(`table sort property "${prop}"`);
  }
  get fields(): Excel.SortField[] {
    return this.get('fields');
  }
  apply(fields: Excel.SortField[]): void {
    this._queue({ m: 'apply', args: [fields] }, (tx) => {
      const { sheet, table } = this.lazy.get();
      assertWritable(sheet);
      const next = fields.map((f) => ({ key: f.key, ascending: f.ascending !== false }));
      if (next.some((f) => f.key < 0 || f.key >= table.box.colCount)) {
        throw invalidArgument('TableSort.apply: a sort key outside the table');
      }
      const before = table.sortFields;
      table.sortFields = next;
      tx.record(() => {
        table.sortFields = before;
      });
    });
  }
}

export class FakeTable
  extends FakeClientObject
  implements Pick<Excel.Table, 'name' | 'showTotals'>
{
  readonly columns: FakeTableColumnCollection;
  readonly autoFilter: FakeTableAutoFilter;
  readonly sort: FakeTableSort;
  constructor(
    ctx: FakeRequestContext,
    private readonly lazy: Lazy<TableTarget>,
  ) {
    super(ctx);
    this.columns = new FakeTableColumnCollection(ctx, lazy);
    this.autoFilter = new FakeTableAutoFilter(ctx, lazy);
    this.sort = new FakeTableSort(ctx, lazy);
  }
  protected scalar(prop: string): unknown {
    const { table } = this.lazy.get();
    if (prop === 'name') return table.name;
    if (prop === 'showTotals') return table.showTotals;
    throw invalidArgument(`table property "${prop}"`);
  }
  get name(): string {
    return this.get('name');
  }
  get showTotals(): boolean {
    return this.get('showTotals');
  }
  private range(m: string, fn: (b: Box) => Box | null): FakeRange {
    const lazy = new Lazy<RangeTarget>(() => {
      const { sheet, table } = this.lazy.get();
      const box = fn(table.box);
      return box ? { sheet, box } : null;
    }, m);
    return FakeRange.create(this.ctx, this._id, m, [], lazy, false);
  }
  getRange(): FakeRange {
    return this.range('getRange', (b) => b);
  }
  delete(): void {
    this._queue({ m: 'delete' }, (tx) => {
      const { sheet, table } = this.lazy.get();
      assertWritable(sheet);
      sheet.setField(
        tx,
        'tables',
        sheet.tables.filter((t) => t !== table),
      );
    });
  }
  getHeaderRowRange(): FakeRange {
    return this.range('getHeaderRowRange', (b) => ({ ...b, rowCount: 1 }));
  }
  getDataBodyRange(): FakeRange {
    return this.range('getDataBodyRange', (b) =>
      b.rowCount > 1 ? { ...b, row: b.row + 1, rowCount: b.rowCount - 1 } : null,
    );
  }
  /**
   * Table.resize (ExcelApi 1.13): "The new range must overlap with the original table range
   * and the headers (or the top of the table) must be in the same row." No cell moves; the
   * header cells it takes in become column names, made unique.
   */
  resize(newRange: FakeRange | string): void {
    const arg = typeof newRange === 'string' ? newRange : newRange._id;
    this._queue({ m: 'resize', args: [arg] }, (tx) => {
      this.ctx.requireApi('1.13', 'Table.resize');
      const { sheet, table } = this.lazy.get();
      assertWritable(sheet);
      const box =
        typeof newRange === 'string' ? parseLocal(splitSheet(newRange).local) : newRange._box();
      if (box.row !== table.box.row || !intersects(box, table.box) || box.rowCount < 2) {
        throw invalidArgument('the new table range must overlap the table and keep its header row');
      }
      if (sheet.tables.some((t) => t !== table && intersects(t.box, box))) {
        throw new FakeOfficeError(
          'MergedRangeConflict',
          "Cannot complete the operation. A table can't overlap with another table.",
        );
      }
      assertNoMergeIn(sheet, box);
      const before = table.box;
      table.box = box;
      tx.record(() => {
        table.box = before;
      });
      const oldEnd = before.col + before.colCount;
      const end = box.col + box.colCount;
      if (end > oldEnd) {
        uniqueTableHeaders(tx, sheet, {
          row: box.row,
          col: oldEnd,
          rowCount: 1,
          colCount: end - oldEnd,
        });
      }
      if (box.col < before.col) {
        uniqueTableHeaders(tx, sheet, {
          row: box.row,
          col: box.col,
          rowCount: 1,
          colCount: before.col - box.col,
        });
      }
    });
  }
}

export class FakeTableColumnCollection extends FakeClientObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly lazy: Lazy<TableTarget>,
  ) {
    super(ctx);
  }
  protected scalar(prop: string): unknown {
    throw invalidArgument(`table columns property "${prop}"; read the header row range`);
  }
  /**
   * TableColumnCollection.getItem(key): by name or by ID (learn.microsoft.com,
   * Excel.TableColumnCollection: "Gets a column object by name or ID"), never by position
   * (that is getItemAt). A number is the column's ID: ASSUMPTION: the fake gives a column the
   * ID of its position + 1, as Excel numbers the columns of a new table (TableColumn.id: "a
   * unique key that identifies the column within the table"); after columns are inserted
   * Excel's IDs and positions differ, so the add-in only ever asks by name (the self-test's
   * "sort-state" check gets a column by name). ItemNotFound at sync when the table has no
   * such column ("Error handling with the application-specific JavaScript APIs",
   * ItemNotFound). Matching the header text exactly is an ASSUMPTION: (the add-in asks for the
   * name it read or wrote; the same check covers it).
   */
  getItem(key: number | string): FakeTableColumn {
    const lazy = new Lazy<TableColumnTarget>(
      () => {
        const { sheet, table } = this.lazy.get();
        for (let i = 0; i < table.box.colCount; i++) {
          const name = String(sheet.getValue(table.box.row, table.box.col + i) ?? '');
          if (typeof key === 'number' ? i + 1 === key : name === key) {
            return { sheet, table, index: i };
          }
        }
        return null;
      },
      `table column "${String(key)}"`,
    );
    const column = new FakeTableColumn(this.ctx, lazy);
    this._queue({ m: 'getItem', args: [key], r: column._id }, () => lazy.get());
    return column;
  }
  /**
   * Appends a column at the right of the table (index null/undefined/-1), header `name`.
   * Like Excel it inserts cells: in the table's rows, every cell from the column after the
   * table to the sheet's edge shifts one column right ("Columns with a higher index will be
   * shifted to the side"; error-handling article, OperationCellsExceedLimit: "(number of table
   * rows) x (16383 - (number of table columns))" cells, Excel on the web only;
   * NonBlankCellOffSheet when a value would be pushed off the sheet). A name the table has
   * already gets a number ("Priority2").
   */
  add(index?: number | null, values?: Excel.TableColumn['values'], name?: string): void {
    this._queue({ m: 'add', args: [index, values, name] }, (tx) => {
      const { sheet, table } = this.lazy.get();
      assertWritable(sheet);
      if (index !== null && index !== undefined && index !== -1 && index !== table.box.colCount) {
        throw invalidArgument('the fake supports appending table columns only');
      }
      if (values !== undefined)
        throw invalidArgument('the fake does not take column values on add');
      const col = table.box.col + table.box.colCount;
      const rows: Box = { row: table.box.row, col, rowCount: table.box.rowCount, colCount: 1 };
      assertNoMergeIn(sheet, rows);
      const affected = table.box.rowCount * (MAX_COLS - 1 - table.box.colCount);
      if (this.ctx.excel.platform === 'web' && affected > 33_554_000) {
        throw new FakeOfficeError(
          'OperationCellsExceedLimit',
          'The attempted operation affects more than the limit of 33554000 cells.',
        );
      }
      if (sheet.hasValueIn({ ...rows, col: MAX_COLS - 1 })) {
        throw new FakeOfficeError(
          'NonBlankCellOffSheet',
          "Microsoft Excel can't insert new cells because it would push non-empty cells off the end of the worksheet.",
        );
      }
      // Tables to the right in these rows move with their cells; one cut in two cannot.
      const right = sheet.tables.filter(
        (t) =>
          t !== table &&
          t.box.col >= col &&
          intersects(t.box, { ...rows, colCount: MAX_COLS - col }),
      );
      for (const t of right) {
        if (t.box.row < rows.row || t.box.row + t.box.rowCount > rows.row + rows.rowCount) {
          throw new FakeOfficeError(
            'InvalidOperation',
            'This operation is not allowed. The operation is attempting to shift cells in a table on your worksheet.',
          );
        }
      }
      sheet.insertCellsShiftRight(tx, rows.row, rows.rowCount, col, 1);
      for (const t of right) {
        const before = t.box;
        t.box = { ...before, col: before.col + 1 };
        tx.record(() => {
          t.box = before;
        });
      }
      const existing = new Set<string>();
      for (let c = table.box.col; c < col; c++) {
        existing.add(String(sheet.getValue(table.box.row, c) ?? '').toLowerCase());
      }
      const header = uniqueName(name ?? `Column${table.box.colCount + 1}`, existing);
      sheet.setCell(tx, table.box.row, col, header);
      const before = table.box;
      table.box = { ...before, colCount: before.colCount + 1 };
      tx.record(() => {
        table.box = before;
      });
    });
  }
}

interface TableColumnTarget {
  sheet: SheetState;
  table: TableState;
  /** Index of the column in the table. */
  index: number;
}

/**
 * TableColumn as far as the add-in uses it: its name (the header cell's text), index and filter
 * (learn.microsoft.com, Excel.TableColumn: name, index, filter; ExcelApi 1.1 / 1.2).
 */
export class FakeTableColumn extends FakeClientObject implements Pick<Excel.TableColumn, 'name'> {
  readonly filter: FakeFilter;
  constructor(
    ctx: FakeRequestContext,
    readonly _lazy: Lazy<TableColumnTarget>,
  ) {
    super(ctx);
    this.filter = new FakeFilter(ctx, _lazy);
  }
  protected override child(name: string): FakeClientObject | undefined {
    return name === 'filter' ? this.filter : undefined;
  }
  protected scalar(prop: string): unknown {
    const { sheet, table, index } = this._lazy.get();
    if (prop === 'name') {
      return String(sheet.getValue(table.box.row, table.box.col + index) ?? '');
    }
    if (prop === 'index') return index;
    throw invalidArgument(`table column property "${prop}"`);
  }
  get name(): string {
    return this.get('name');
  }
}

/**
 * A table column's filter (Excel.Filter, ExcelApi 1.2; learn.microsoft.com, "Work with tables
 * using the Excel JavaScript API", Apply filters to a table / Clear table filters): a values
 * filter replaces the column's criteria; `clear` drops them. Writing it on a protected sheet
 * throws AccessDenied like any other change.
 */
export class FakeFilter extends FakeClientObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly lazy: Lazy<TableColumnTarget>,
  ) {
    super(ctx);
  }
  protected scalar(prop: string): unknown {
    const { table, index } = this.lazy.get();
    if (prop === 'criteria') {
      const values = table.filters?.[index];
      return values ? { filterOn: 'Values', values: [...values] } : null;
    }
    throw invalidArgument(`filter property "${prop}"`);
  }
  private set(tx: Tx, values: readonly string[] | null): void {
    const { sheet, table, index } = this.lazy.get();
    assertWritable(sheet);
    const before = table.filters;
    const next: Record<number, readonly string[]> = { ...before };
    if (values === null) delete next[index];
    else next[index] = values;
    table.filters = next;
    tx.record(() => {
      table.filters = before;
    });
  }
  applyValuesFilter(values: (string | Excel.FilterDatetime)[]): void {
    this._queue({ m: 'applyValuesFilter', args: [values] }, (tx) =>
      this.set(tx, valuesCriteria({ filterOn: 'Values', values }, 'Filter.applyValuesFilter')),
    );
  }
  apply(criteria: Excel.FilterCriteria): void {
    this._queue({ m: 'apply', args: [criteria] }, (tx) =>
      this.set(tx, valuesCriteria(criteria, 'Filter.apply')),
    );
  }
  clear(): void {
    this._queue({ m: 'clear' }, (tx) => this.set(tx, null));
  }
}

// ---------------------------------------------------------------------------------------
// Charts
// ---------------------------------------------------------------------------------------

export class FakeChartCollection extends FakeCollection<FakeChart> {
  constructor(
    ctx: FakeRequestContext,
    private readonly ws: FakeWorksheet,
  ) {
    super(ctx);
  }
  protected members(): FakeChart[] {
    const s = this.ws._target();
    return s.charts.map((c) => new FakeChart(this.ctx, Lazy.of({ sheet: s, chart: c }, c.name)));
  }
  /**
   * ChartCollection.getItemOrNullObject (ExcelApi 1.4,
   * learn.microsoft.com/javascript/api/excel/excel.chartcollection): by name; a null object when
   * absent (the *OrNullObject pattern: learn.microsoft.com, "Use *OrNullObject methods").
   */
  getItemOrNullObject(name: string): FakeChart {
    const ws = this.ws;
    const lazy = new Lazy<ChartTarget>(() => {
      const sheet = ws._target();
      const chart = sheet.charts.find((c) => c.name === name);
      return chart ? { sheet, chart } : null;
    }, `chart "${name}"`);
    const chart = new FakeChart(this.ctx, lazy, true);
    this._queue({ m: 'getItemOrNullObject', args: [name], r: chart._id }, () => {
      lazy.resolve();
    });
    return chart;
  }
  add(
    type: Excel.ChartType | 'BarClustered' | 'ColumnClustered' | 'LineMarkers',
    sourceData: FakeRange,
    seriesBy?: Excel.ChartSeriesBy | 'Auto' | 'Columns' | 'Rows',
  ): FakeChart {
    let made: ChartTarget | null = null;
    const lazy = new Lazy<ChartTarget>(() => made, 'new chart');
    const chart = new FakeChart(this.ctx, lazy);
    this._queue({ m: 'add', args: [type, sourceData._id, seriesBy], r: chart._id }, (tx) => {
      const s = this.ws._target();
      assertWritable(s);
      const src = sourceData._t();
      if (src.sheet !== s) throw invalidArgument('chart source on another sheet');
      const state: ChartState = {
        name: this.ctx.excel.state.newId('Chart '),
        type: String(type),
        source: src.box,
        seriesBy: String(seriesBy ?? 'Auto'),
        title: '',
        legendVisible: true,
        seriesName: '',
        xValues: null,
        pointColors: [],
        from: null,
        to: null,
        categoryType: 'Automatic',
        baseTimeUnit: null,
        added: [],
        // Excel shows a new chart's empty cells as gaps (its "Hidden and Empty Cell Settings").
        displayBlanksAs: 'NotPlotted',
        altTextDescription: '',
      };
      s.setField(tx, 'charts', [...s.charts, state]);
      made = { sheet: s, chart: state };
      lazy.get();
    });
    return chart;
  }
}

interface ChartTarget {
  sheet: SheetState;
  chart: ChartState;
}

function setChart<K extends keyof ChartState>(
  tx: Tx,
  t: ChartTarget,
  k: K,
  v: ChartState[K],
): void {
  assertWritable(t.sheet);
  const before = t.chart[k];
  t.chart[k] = v;
  tx.record(() => {
    t.chart[k] = before;
  });
}

export class FakeChart extends FakeClientObject {
  readonly title: { text: string };
  readonly legend: { visible: boolean };
  readonly series: FakeChartSeriesCollection;
  readonly axes: { categoryAxis: { categoryType: string; baseTimeUnit: string } };
  constructor(
    ctx: FakeRequestContext,
    private readonly lazy: Lazy<ChartTarget>,
    private readonly orNull = false,
  ) {
    super(ctx);
    // ChartAxis.categoryType (ExcelApi 1.7, learn.microsoft.com/javascript/api/excel/excel.chartaxis):
    // "Automatic", "TextAxis" or "DateAxis"; the history chart asks for a text axis.
    this.axes = {
      categoryAxis: {
        set categoryType(v: string) {
          if (!['Automatic', 'TextAxis', 'DateAxis'].includes(v)) {
            throw invalidArgument(`categoryType "${v}"`);
          }
          q('axes/categoryAxis/categoryType', v, (tx) =>
            setChart(tx, lazy.get(), 'categoryType', v),
          );
        },
        get categoryType(): string {
          throw notLoaded('categoryType');
        },
        // ChartAxis.baseTimeUnit (ExcelApi 1.7, learn.microsoft.com/javascript/api/excel/excel.chartaxis):
        // "Days", "Months" or "Years" (Excel.ChartAxisTimeUnit), for a date axis.
        set baseTimeUnit(v: string) {
          if (!['Days', 'Months', 'Years'].includes(v))
            throw invalidArgument(`baseTimeUnit "${v}"`);
          q('axes/categoryAxis/baseTimeUnit', v, (tx) =>
            setChart(tx, lazy.get(), 'baseTimeUnit', v),
          );
        },
        get baseTimeUnit(): string {
          throw notLoaded('baseTimeUnit');
        },
      },
    };
    const q = (p: string, v: unknown, fn: (tx: Tx) => void): void => this._queue({ p, v }, fn);
    this.title = {
      set text(v: string) {
        q('title/text', v, (tx) => setChart(tx, lazy.get(), 'title', v));
      },
      get text(): string {
        throw notLoaded('text');
      },
    };
    this.legend = {
      set visible(v: boolean) {
        q('legend/visible', v, (tx) => setChart(tx, lazy.get(), 'legendVisible', v));
      },
      get visible(): boolean {
        throw notLoaded('visible');
      },
    };
    this.series = new FakeChartSeriesCollection(ctx, lazy);
  }
  protected override isNullNow(): boolean {
    return this.orNull && this.lazy.resolve() === null;
  }
  protected scalar(prop: string): unknown {
    if (prop === 'name') return this.lazy.get().chart.name;
    throw invalidArgument(`chart property "${prop}"`);
  }
  /**
   * Chart.delete (ExcelApi 1.1). On a null object (getItemOrNullObject found nothing) the call
   * does nothing: ASSUMPTION: (checked by the self-test's "chart-missing" check), not stated by Microsoft — "*OrNullObject methods and
   * properties" (learn.microsoft.com, application-specific API model) says such an object's
   * properties read as null and code should check `isNullObject`; it says nothing of methods
   * queued on it. The add-in relies on it once (the summary chart; listed as a risk in the
   * closing notes); a deleted chart is gone from the sheet's collection.
   */
  delete(): void {
    this._queue({ m: 'delete' }, (tx) => {
      const t = this.orNull ? this.lazy.resolve() : this.lazy.get();
      if (t === null) return;
      assertWritable(t.sheet);
      if (!t.sheet.charts.includes(t.chart)) {
        throw new FakeOfficeError('ItemNotFound', 'The chart was already deleted.');
      }
      t.sheet.setField(
        tx,
        'charts',
        t.sheet.charts.filter((c) => c !== t.chart),
      );
    });
  }
  set name(v: string) {
    this._queue({ p: 'name', v }, (tx) => setChart(tx, this.lazy.get(), 'name', v));
  }
  /**
   * Chart.displayBlanksAs (ExcelApi 1.8, learn.microsoft.com/javascript/api/excel/excel.chart):
   * "NotPlotted", "Zero" or "Interplotted" (Excel.ChartDisplayBlanksAs).
   */
  set displayBlanksAs(v: string) {
    if (!['NotPlotted', 'Zero', 'Interplotted'].includes(v)) {
      throw invalidArgument(`displayBlanksAs "${v}"`);
    }
    this._queue({ p: 'displayBlanksAs', v }, (tx) => {
      this.ctx.requireApi('1.8', 'Chart.displayBlanksAs');
      setChart(tx, this.lazy.get(), 'displayBlanksAs', v);
    });
  }
  get displayBlanksAs(): string {
    return this.get('displayBlanksAs');
  }
  get name(): string {
    return this.get('name');
  }
  setPosition(startCell: FakeRange | string, endCell?: FakeRange | string): void {
    const id = (x: FakeRange | string | undefined): unknown => (x instanceof FakeRange ? x._id : x);
    this._queue({ m: 'setPosition', args: [id(startCell), id(endCell)] }, (tx) => {
      const t = this.lazy.get();
      const addr = (x: FakeRange | string): string =>
        typeof x === 'string' ? rangeToA1(parseLocal(splitSheet(x).local)) : rangeToA1(x._box());
      setChart(tx, t, 'from', addr(startCell));
      setChart(tx, t, 'to', endCell === undefined ? null : addr(endCell));
    });
  }
}

/**
 * Worksheet.shapes (ExcelApi 1.9), as far as the add-in uses it: listing the sheet's shapes to
 * put alt text on its charts. "Excel defines shapes as any object that sits on the drawing layer
 * of Excel. That means anything outside of a cell is a shape" (learn.microsoft.com/office/dev/
 * add-ins/excel/excel-add-ins-shapes), and Excel.ShapeType has no chart member, only
 * "Unsupported" for what the API does not model (learn.microsoft.com/javascript/api/excel/
 * excel.shapetype): each chart is listed as an "Unsupported" shape. ASSUMPTION: (recorded by
 * the self-test's "chart-alt-text" check) the shape carries the chart's name, not stated by
 * Microsoft. The fake's sheets hold no other drawing objects.
 */
export class FakeShapeCollection extends FakeCollection<FakeShape> {
  constructor(
    ctx: FakeRequestContext,
    private readonly ws: FakeWorksheet,
  ) {
    super(ctx);
  }
  protected members(): FakeShape[] {
    this.ctx.requireApi('1.9', 'Worksheet.shapes');
    const s = this.ws._target();
    return s.charts.map((c) => new FakeShape(this.ctx, { sheet: s, chart: c }));
  }
}

/** A chart's shape: its name, type and alt text (Excel.Shape, ExcelApi 1.9). */
export class FakeShape extends FakeClientObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly target: ChartTarget,
  ) {
    super(ctx);
  }
  protected scalar(prop: string): unknown {
    const chart = this.target.chart;
    if (prop === 'name') return chart.name;
    if (prop === 'type') return 'Unsupported';
    if (prop === 'altTextDescription') return chart.altTextDescription;
    throw invalidArgument(`shape property "${prop}"`);
  }
  get name(): string {
    return this.get('name');
  }
  get type(): string {
    return this.get('type');
  }
  get altTextDescription(): string {
    return this.get('altTextDescription');
  }
  /** Shape.altTextDescription (ExcelApi 1.9, learn.microsoft.com/javascript/api/excel/excel.shape). */
  set altTextDescription(v: string) {
    this._queue({ p: 'altTextDescription', v }, (tx) => {
      this.ctx.requireApi('1.9', 'Shape.altTextDescription');
      if (!this.target.sheet.charts.includes(this.target.chart)) {
        throw new FakeOfficeError('ItemNotFound', 'The shape was deleted.');
      }
      setChart(tx, this.target, 'altTextDescription', v);
    });
  }
}

export class FakeChartSeriesCollection extends FakeClientObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly lazy: Lazy<ChartTarget>,
  ) {
    super(ctx);
  }
  protected scalar(prop: string): unknown {
    if (prop === 'count') return 1 + this.lazy.get().chart.added.length;
    throw invalidArgument(`series property "${prop}"`);
  }
  getItemAt(index: number): FakeChartSeries {
    if (index !== 0) throw invalidArgument('the fake charts have one series from their source');
    return new FakeChartSeries(this.ctx, this.lazy);
  }
  /**
   * ChartSeriesCollection.add (ExcelApi 1.7, learn.microsoft.com/javascript/api/excel/
   * excel.chartseriescollection): a new series, not drawn until its values are set.
   */
  add(name?: string): FakeAddedSeries {
    this.ctx.requireApi('1.7', 'ChartSeriesCollection.add');
    let index = -1;
    const series = new FakeAddedSeries(this.ctx, this.lazy, () => index);
    this._queue({ m: 'add', args: [name ?? ''], r: series._id }, (tx) => {
      const t = this.lazy.get();
      index = t.chart.added.length;
      const state: AddedSeriesState = {
        name: name ?? '',
        values: null,
        xValues: null,
        markerStyle: 'Automatic',
        lineColor: null,
        lineStyle: 'Continuous',
      };
      setChart(tx, t, 'added', [...t.chart.added, state]);
    });
    return series;
  }
}

/**
 * A series added to a chart: setValues and setXAxisValues take a Range, markerStyle and the
 * line's colour and style are set (all ExcelApi 1.7, learn.microsoft.com/javascript/api/excel/
 * excel.chartseries and excel.chartlineformat).
 */
export class FakeAddedSeries extends FakeClientObject {
  readonly format: { line: { color: string; lineStyle: string } };
  constructor(
    ctx: FakeRequestContext,
    private readonly lazy: Lazy<ChartTarget>,
    private readonly index: () => number,
  ) {
    super(ctx);
    const update = this.update.bind(this);
    this.format = {
      line: {
        set color(v: string) {
          update({ p: 'format/line/color', v }, { lineColor: v });
        },
        get color(): string {
          throw invalidArgument('format.line.color is write-only in the fake');
        },
        set lineStyle(v: string) {
          update({ p: 'format/line/lineStyle', v }, { lineStyle: v });
        },
        get lineStyle(): string {
          throw invalidArgument('format.line.lineStyle is write-only in the fake');
        },
      },
    };
  }
  private update(json: unknown, patch: Partial<AddedSeriesState>): void {
    this._queue(json, (tx) => {
      const t = this.lazy.get();
      const i = this.index();
      const next = t.chart.added.map((a, j) => (j === i ? { ...a, ...patch } : a));
      setChart(tx, t, 'added', next);
    });
  }
  protected scalar(prop: string): unknown {
    const a = this.lazy.get().chart.added[this.index()];
    if (a && prop === 'name') return a.name;
    throw invalidArgument(`series property "${prop}"`);
  }
  set markerStyle(v: string) {
    this.update({ p: 'markerStyle', v }, { markerStyle: v });
  }
  setValues(sourceData: FakeRange): void {
    this._queue({ m: 'setValues', args: [sourceData._id] }, (tx) => {
      const t = this.lazy.get();
      const i = this.index();
      setChart(
        tx,
        t,
        'added',
        t.chart.added.map((a, j) => (j === i ? { ...a, values: sourceData._box() } : a)),
      );
    });
  }
  setXAxisValues(sourceData: FakeRange): void {
    this._queue({ m: 'setXAxisValues', args: [sourceData._id] }, (tx) => {
      const t = this.lazy.get();
      const i = this.index();
      setChart(
        tx,
        t,
        'added',
        t.chart.added.map((a, j) => (j === i ? { ...a, xValues: sourceData._box() } : a)),
      );
    });
  }
}

export class FakeChartSeries extends FakeClientObject {
  readonly points: {
    getItemAt(i: number): { format: { fill: { setSolidColor(c: string): void } } };
  };
  constructor(
    ctx: FakeRequestContext,
    private readonly lazy: Lazy<ChartTarget>,
  ) {
    super(ctx);
    const q = (json: unknown, fn: (tx: Tx) => void): void => this._queue(json, fn);
    this.points = {
      getItemAt: (i: number) => ({
        format: {
          fill: {
            setSolidColor: (color: string) =>
              q({ m: 'points/setSolidColor', args: [i, color] }, (tx) => {
                const t = lazy.get();
                const n = t.chart.xValues?.rowCount ?? t.chart.source.rowCount;
                if (i < 0 || i >= n) throw invalidArgument(`chart point ${i} of ${n}`);
                const next = [...t.chart.pointColors];
                next[i] = color;
                setChart(tx, t, 'pointColors', next);
              }),
          },
        },
      }),
    };
  }
  protected scalar(prop: string): unknown {
    if (prop === 'name') return this.lazy.get().chart.seriesName;
    throw invalidArgument(`series property "${prop}"`);
  }
  set name(v: string) {
    this._queue({ p: 'name', v }, (tx) => setChart(tx, this.lazy.get(), 'seriesName', v));
  }
  get name(): string {
    return this.get('name');
  }
  setXAxisValues(sourceData: FakeRange): void {
    this._queue({ m: 'setXAxisValues', args: [sourceData._id] }, (tx) =>
      setChart(tx, this.lazy.get(), 'xValues', sourceData._box()),
    );
  }
}

/** Sheet name as Excel quotes it in references ("'IoT Role Summary'"). */
export function refSheet(name: string): string {
  return quoteSheet(name);
}

// ---------------------------------------------------------------------------------------
// Page layout
// ---------------------------------------------------------------------------------------

/**
 * Worksheet.pageLayout (ExcelApi 1.9, learn.microsoft.com/javascript/api/excel/excel.pagelayout):
 * zoom is set as a whole object (PageLayoutZoomOptions: scale 10–400, or pages wide/tall);
 * setPrintTitleRows takes rows that span the entire sheet width ("$1:$1"), as the docs say;
 * margins are given with their unit.
 */
export class FakePageLayout extends FakeClientObject {
  readonly headersFooters: FakeHeaderFooterGroup;
  constructor(
    ctx: FakeRequestContext,
    private readonly ws: FakeWorksheet,
  ) {
    super(ctx);
    this.headersFooters = new FakeHeaderFooterGroup(ctx, ws);
  }
  protected scalar(prop: string): unknown {
    const l = this.ws._target().pageLayout;
    if (prop === 'orientation') return l.orientation;
    if (prop === 'centerHorizontally') return l.centerHorizontally;
    if (prop === 'zoom') return { ...l.zoom };
    throw invalidArgument(`pageLayout property "${prop}"`);
  }
  private set<K extends keyof SheetState['pageLayout']>(
    json: unknown,
    key: K,
    value: SheetState['pageLayout'][K],
  ): void {
    this._queue(json, (tx) => {
      const sheet = this.ws._target();
      assertWritable(sheet);
      const before = sheet.pageLayout;
      sheet.pageLayout = { ...before, [key]: value };
      tx.record(() => {
        sheet.pageLayout = before;
      });
    });
  }
  set orientation(v: Excel.PageLayout['orientation']) {
    if (v !== 'Portrait' && v !== 'Landscape') throw invalidArgument(`orientation "${String(v)}"`);
    this.set({ p: 'orientation', v }, 'orientation', v);
  }
  get orientation(): Excel.PageLayout['orientation'] {
    return this.get('orientation');
  }
  set centerHorizontally(v: boolean) {
    this.set({ p: 'centerHorizontally', v }, 'centerHorizontally', v);
  }
  get centerHorizontally(): boolean {
    return this.get('centerHorizontally');
  }
  set zoom(v: Excel.PageLayoutZoomOptions) {
    const fit = v.horizontalFitToPages !== undefined || v.verticalFitToPages !== undefined;
    if (v.scale !== undefined && v.scale !== null && (v.scale < 10 || v.scale > 400)) {
      throw invalidArgument(`zoom scale ${v.scale} (10 to 400)`);
    }
    if (!fit && (v.scale === undefined || v.scale === null)) throw invalidArgument('zoom');
    this.set({ p: 'zoom', v }, 'zoom', { ...v });
  }
  get zoom(): Excel.PageLayoutZoomOptions {
    return this.get('zoom');
  }
  /**
   * PageLayout.setPrintMargins (ExcelApi 1.9; learn.microsoft.com, Excel.PageLayout, and
   * Excel.PrintMarginUnit: Points, Inches, Centimeters). Refusing a negative margin is an
   * ASSUMPTION: (the reference gives no range; print.ts never sends one, and the self-test's
   * "page-layout" check sets margins).
   */
  setPrintMargins(unit: string, margins: Excel.PageLayoutMarginOptions): void {
    if (!['Points', 'Inches', 'Centimeters'].includes(unit)) throw invalidArgument(`unit ${unit}`);
    const values: Record<string, number> = {};
    for (const [k, v] of Object.entries(margins)) {
      if (typeof v !== 'number' || v < 0) throw invalidArgument(`margin ${k}`);
      values[k] = v;
    }
    this._queue({ m: 'setPrintMargins', args: [unit, margins] }, (tx) => {
      const sheet = this.ws._target();
      assertWritable(sheet);
      const before = sheet.pageLayout;
      sheet.pageLayout = { ...before, margins: { ...before.margins, ...values }, marginUnit: unit };
      tx.record(() => {
        sheet.pageLayout = before;
      });
    });
  }
  /**
   * PageLayout.setPrintArea (ExcelApi 1.9; learn.microsoft.com, Excel.PageLayout: sets the
   * worksheet's print area); the fake takes an address string, as the add-in passes.
   */
  setPrintArea(area: string): void {
    if (typeof area !== 'string') throw invalidArgument('the fake takes an address');
    this._queue({ m: 'setPrintArea', args: [area] }, (tx) => {
      const box = parseLocal(splitSheet(area).local);
      const sheet = this.ws._target();
      assertWritable(sheet);
      const before = sheet.pageLayout;
      sheet.pageLayout = { ...before, printArea: rangeToA1(box) };
      tx.record(() => {
        sheet.pageLayout = before;
      });
    });
  }
  setPrintTitleRows(rows: string): void {
    const m = /^\$?(\d+):\$?(\d+)$/.exec(splitSheet(rows).local);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < Number(m[1])) {
      throw invalidArgument(`print title rows "${rows}" must span entire rows`);
    }
    this._queue({ m: 'setPrintTitleRows', args: [rows] }, (tx) => {
      const sheet = this.ws._target();
      assertWritable(sheet);
      const before = sheet.pageLayout;
      sheet.pageLayout = { ...before, printTitleRows: `$${m[1]}:$${m[2]}` };
      tx.record(() => {
        sheet.pageLayout = before;
      });
    });
  }
}

/** Sets one field of a sheet's page layout state at sync, undone with the transaction. */
function setLayout(tx: Tx, sheet: SheetState, patch: Partial<SheetState['pageLayout']>): void {
  assertWritable(sheet);
  const before = sheet.pageLayout;
  sheet.pageLayout = { ...before, ...patch };
  tx.record(() => {
    sheet.pageLayout = before;
  });
}

/**
 * Worksheet.horizontalPageBreaks (ExcelApi 1.9, learn.microsoft.com/javascript/api/excel/excel.pagebreakcollection):
 * add(pageBreakRange) "adds a page break before the top-left cell of the range specified";
 * removePageBreaks() "resets all manual page breaks in the collection". A second break before
 * the same row is one break, as a sheet has one break per row.
 */
export class FakePageBreakCollection extends FakeClientObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly ws: FakeWorksheet,
  ) {
    super(ctx);
  }
  protected scalar(prop: string): unknown {
    throw invalidArgument(`page break collection property "${prop}"`);
  }
  add(pageBreakRange: FakeRange | string): void {
    const at = pageBreakRange instanceof FakeRange ? pageBreakRange._id : pageBreakRange;
    this._queue({ m: 'add', args: [at] }, (tx) => {
      this.ctx.requireApi('1.9', 'PageBreakCollection.add');
      const sheet = this.ws._target();
      const row =
        typeof pageBreakRange === 'string'
          ? parseLocal(splitSheet(pageBreakRange).local).row
          : pageBreakRange._box().row;
      if (row === 0) throw invalidArgument('a page break before the first row');
      const rows = [...new Set([...sheet.pageLayout.rowBreaks, row])].sort((a, b) => a - b);
      setLayout(tx, sheet, { rowBreaks: rows });
    });
  }
  removePageBreaks(): void {
    this._queue({ m: 'removePageBreaks' }, (tx) => {
      this.ctx.requireApi('1.9', 'PageBreakCollection.removePageBreaks');
      setLayout(tx, this.ws._target(), { rowBreaks: [] });
    });
  }
}

/**
 * PageLayout.headersFooters (ExcelApi 1.9, learn.microsoft.com/javascript/api/excel/excel.headerfootergroup):
 * `state` (Default, FirstAndDefault, OddAndEven, FirstOddAndEven) and `defaultForAllPages`, an
 * Excel.HeaderFooter whose leftFooter / centerFooter / rightFooter take Excel's header and
 * footer codes (learn.microsoft.com/javascript/api/excel/excel.headerfooter); the fake keeps the
 * strings as given.
 */
export class FakeHeaderFooterGroup extends FakeClientObject {
  readonly defaultForAllPages: { leftFooter: string; centerFooter: string; rightFooter: string };
  constructor(
    ctx: FakeRequestContext,
    private readonly ws: FakeWorksheet,
  ) {
    super(ctx);
    const footer = (side: 'left' | 'center' | 'right', v: string): void => {
      this._queue({ p: `defaultForAllPages/${side}Footer`, v }, (tx) => {
        ctx.requireApi('1.9', 'HeaderFooter.footer');
        const sheet = ws._target();
        setLayout(tx, sheet, { footer: { ...sheet.pageLayout.footer, [side]: v } });
      });
    };
    this.defaultForAllPages = {
      set leftFooter(v: string) {
        footer('left', v);
      },
      get leftFooter(): string {
        throw notLoaded('leftFooter');
      },
      set centerFooter(v: string) {
        footer('center', v);
      },
      get centerFooter(): string {
        throw notLoaded('centerFooter');
      },
      set rightFooter(v: string) {
        footer('right', v);
      },
      get rightFooter(): string {
        throw notLoaded('rightFooter');
      },
    };
  }
  protected scalar(prop: string): unknown {
    if (prop === 'state') return this.ws._target().pageLayout.headerFooterState;
    throw invalidArgument(`headersFooters property "${prop}"`);
  }
  set state(v: string) {
    if (!['Default', 'FirstAndDefault', 'OddAndEven', 'FirstOddAndEven'].includes(v)) {
      throw invalidArgument(`headersFooters state "${v}"`);
    }
    this._queue({ p: 'state', v }, (tx) => {
      this.ctx.requireApi('1.9', 'HeaderFooterGroup.state');
      setLayout(tx, this.ws._target(), { headerFooterState: v });
    });
  }
  get state(): string {
    return this.get('state');
  }
}

/**
 * Runs a batch in its context and refuses one that ends with queued operations never synced
 * (the fake implements a subset of RequestContext; see the file comment).
 */
async function runBatch<T>(ctx: FakeRequestContext, batch: Batch<T>): Promise<T> {
  const result = await batch(ctx as unknown as Excel.RequestContext);
  if (ctx.pendingCount() > 0) {
    throw new FakeOfficeError(
      'FakeUnsyncedOperations',
      `Excel.run ended with ${ctx.pendingCount()} queued operation(s) that were never synced.`,
    );
  }
  return result;
}
