/**
 * What goes into the engine: the plain sheet snapshots an adapter reads from a host, the
 * options and capabilities of one refresh, and the header detection made from them.
 *
 * Addressing convention everywhere in the core and the plan: rows and columns are
 * absolute, 0-based sheet coordinates (row 0 = Excel row 1, col 0 = column A).
 * `toA1`/`rangeToA1` in `address.ts` convert for messages and hosts.
 */

import type { PreviousState } from './change-log';
import type { Field } from './fields';

/** An error value in a cell (#N/A, #REF!, …), kept distinct from text. */
export interface CellError {
  kind: 'error';
  code: string;
}
/** One cell as the engine sees it: formulas arrive as their cached value; dates as serial numbers. */
export type CellValue = string | number | boolean | null | CellError;

/** A rectangle on a sheet, absolute 0-based. */
export interface RangeRef {
  row: number;
  col: number;
  rowCount: number;
  colCount: number;
}

/** An Excel table (ListObject) on a sheet; `range` includes the header row. */
export interface TableInfo {
  name: string;
  range: RangeRef;
  /** Header texts of the table columns, in order. */
  columns: string[];
  hasTotalsRow: boolean;
}

/** What an adapter reads of one worksheet: its used range values and a few facts. */
export interface SheetSnapshot {
  name: string;
  /** Absolute 0-based position of values[0][0] (the used range's top-left). */
  origin: { row: number; col: number };
  /** Rectangular block of values (every row has the same length). May be empty. */
  values: CellValue[][];
  tables: TableInfo[];
  /** True when the sheet already has frozen panes (we then leave them alone). */
  hasFrozenPanes: boolean;
  /** True when the sheet already has a worksheet auto-filter (we then leave it alone). */
  hasAutoFilter: boolean;
  /** True when the sheet is protected (refresh must refuse before writing). */
  isProtected: boolean;
  /**
   * The sheet's merged ranges, absolute 0-based (a host that reports none may leave it out);
   * a merge where the output goes blocks the refresh (merges.ts decides).
   */
  merges?: readonly RangeRef[];
}

/**
 * A field → header text mapping chosen by the user (task pane, CLI --map, saved settings).
 * A field mapped to "" is switched off: detection leaves it unmapped.
 */
export type SavedMapping = Partial<Record<Field, string>>;

/** Options of one refresh, identical across task pane, ribbon and CLI. */
export interface RefreshOptions {
  /** Inventory sheet name; when absent, detection picks it (SPEC §2). */
  sheet?: string;
  /** Explicit field → header mapping; wins over detection. */
  mapping?: SavedMapping;
  /** Append a row to the history sheet (default true). */
  history: boolean;
  /** The workbook's own words (SPEC §2), checked and applied before the built-in tables. */
  words?: { field: string; value: string; meaning: string }[];
  /**
   * Headers of the columns that name each row's source (a consolidated portfolio's "Source
   * file" and "Source sheet"); when given, the summary counts roles by source.
   */
  sourceHeaders?: readonly string[];
  /**
   * Several inventory sheets refreshed as one portfolio (two or more; `sheet` is then
   * ignored): each keeps its own detection (and its own mapping from `mappings`).
   */
  sheets?: readonly string[];
  /** Per-sheet mappings for `sheets`; a sheet without one uses `mapping`. */
  mappings?: Readonly<Record<string, SavedMapping>>;
  /**
   * Set when `sheets` came from the workbook's saved settings (not named for this run): a
   * missing one is then reported as a saved sheet renamed or deleted, with advice for the
   * surface that runs the refresh.
   */
  savedSheets?: 'excel' | 'file';
  /** Per sheet, the header row (absolute 0-based) the user picked; wins over detection. */
  headerRows?: Readonly<Record<string, number>>;
}

/** What a host can do, as it reports it (STYLE 13: the core decides with it). */
export interface HostCapabilities {
  /** The host can resize a table over columns written beside it (ExcelApi 1.13; a file can). */
  resizeTable: boolean;
}

/** Everything the core needs to plan one refresh. */
export interface RefreshInput {
  sheets: SheetSnapshot[];
  options: RefreshOptions;
  /** Time of the refresh (passed in so the core stays pure and deterministic). */
  now: Date;
  /** Number of data rows already on the history sheet (0 when it does not exist). */
  historyRowCount: number;
  /** What the host can do; absent for a host that can do everything the plan asks (a file). */
  capabilities?: HostCapabilities;
  /** The history sheet's cells (A1 to its last used row) when the host read them: the brief's trend. */
  history?: readonly (readonly CellValue[])[] | null;
  /**
   * What the last refresh left to compare with (core/change-log.ts): the snapshot sheet's cells
   * from A1 (null when it is missing) and the change log's last used row (null when missing).
   */
  changeState?: ChangeState;
}

/** The saved state of the changes, as a host read it. */
export interface ChangeState {
  /** The snapshot sheet's cells from A1 to its last used row; null when there is no such sheet. */
  snapshot: readonly (readonly CellValue[])[] | null;
  /** The change log's last used row (0-based); null when the sheet is missing or empty. */
  logLastRow: number | null;
  /**
   * The snapshot already parsed, with its sheet's row count, when the host step parsed it on
   * reading (core/host.ts: its cells, ~100 MB at Excel's full grid, are let go before the
   * inventory is read); then `snapshot` is null.
   */
  parsed?: { previous: PreviousState | null; rows: number };
}

// Detection: where each field is on the inventory sheet

export type ColumnStatus = 'found' | 'mapped' | 'missing' | 'ambiguous';

export interface ColumnMatch {
  field: Field;
  /** Absolute 0-based column, or null when missing. */
  col: number | null;
  header: string | null;
  status: ColumnStatus;
  /** Other columns that matched the same field (status 'ambiguous'). */
  alternatives: { col: number; header: string }[];
}

export interface HeaderDetection {
  sheet: string;
  /** Absolute 0-based header row. */
  headerRow: number;
  columns: Record<Field, ColumnMatch>;
  /** Number of recognised headers (used to choose the inventory sheet). */
  recognised: number;
  /** Sentences about the mapping (duplicates, unknown --map headers, …). */
  warnings: string[];
  /** The header row's texts (ours excluded), by absolute column, for naming unused columns. */
  headers?: { col: number; text: string }[];
}
