/**
 * The engine's vocabulary of types: what goes in (plain sheet snapshots), what comes out
 * (row results, the summary) and the host-neutral write plan that both adapters apply.
 *
 * Addressing convention everywhere in the core and the plan: rows and columns are
 * absolute, 0-based sheet coordinates (row 0 = Excel row 1, col 0 = column A).
 * `toA1`/`rangeToA1` in `address.ts` convert for messages and hosts.
 */

import type { Field, FieldValues, GroupTexts } from './fields';

/** The domain's words live in domain.ts (a leaf module); re-exported for the engine's users. */
export {
  ROLES,
  ROLES_AND_UNCLASSIFIED,
  ACTIVE_ROLES,
  ENDPOINTS_THRESHOLD,
  PRIORITIES,
  GROUPS,
  STAGES,
  INVOLVEMENT_LEVELS,
} from './domain';
export type { Role, RoleOrUnclassified, Priority, Group, Stage, Involvement } from './domain';
import type { Role, RoleOrUnclassified, Priority, Stage } from './domain';

/** The inventory fields and their order come from the field table (fields.ts). */
export { FIELDS } from './fields';
export type { Field } from './fields';

export const SUMMARY_SHEET = 'IoT Role Summary';
export const HISTORY_SHEET = 'IoT Role History';
/** Every change each refresh found, one row per change (core/change-log.ts). */
export const CHANGES_SHEET = 'IoT Role Changes';
/** Each initiative as the last refresh left it: what the next refresh compares with. */
export const SNAPSHOT_SHEET = 'IoT Role Snapshot';
/** Sheets the add-in owns, in the order it adds them; never candidates for the inventory. */
export const OUTPUT_SHEETS: readonly string[] = [
  SUMMARY_SHEET,
  HISTORY_SHEET,
  CHANGES_SHEET,
  SNAPSHOT_SHEET,
];

// ---------------------------------------------------------------------------------------
// Input: what an adapter reads from a host
// ---------------------------------------------------------------------------------------

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

/**
 * How a table takes in the output columns it gains, chosen by the core from what the host
 * can do (SPEC §4: no refresh moves a user's cell). Adding a table column inserts cells, so
 * every cell right of the table in its rows shifts (Office.js TableColumnCollection.add);
 * resizing moves nothing. 'resize': the columns are written beside the table, then the table
 * is resized over them (a file's table is always resized: its ref is rewritten); 'add': table
 * columns are added, only where every cell right of the table in its rows is empty. Where
 * neither is possible the output stays plain columns beside the table (no table write).
 */
export type TableGrowth = 'resize' | 'add';

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
}

// ---------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// Normalised rows and results
// ---------------------------------------------------------------------------------------

/**
 * One normalised inventory row: a value per field, typed by the field's kind in the field
 * table (null when blank or not recognised), and the lead group as written (`ledByText`).
 */
export type Initiative = {
  /** Absolute 0-based sheet row. */
  row: number;
  /**
   * The phase fields whose value came from the free-text "I&O Involvement" cell rather than
   * their own column (so a conflict names the cell the value came from); null = none.
   */
  fromText: readonly PhaseField[] | null;
  /** The budget's currency (ISO 4217) as the cell or its column header names it; absent or null: none named. */
  budgetCurrency?: string | null;
} & FieldValues &
  GroupTexts;

/** The three phase fields of I&O's involvement. */
export type PhaseField = 'ioPilot' | 'ioImplementation' | 'ioOperations';

export const ISSUE_CODES = [
  'unknown-value',
  'invalid-override',
  'missing-name',
  'conflict',
  'no-involvement',
  'cell-error',
  'other-currency',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** A problem with one row's data: a value, never an exception (STYLE habit 6). */
export interface DataIssue {
  code: IssueCode;
  /** Absolute 0-based sheet row. */
  row: number;
  /** Absolute 0-based column of the cell at fault, when there is one. */
  col: number | null;
  /** A1 address of the cell at fault (e.g. "E7"), when there is one. */
  address: string | null;
  field: Field | null;
  /** The raw value as text, when there is one. */
  value: string | null;
  /** One sentence for the user. */
  message: string;
  /** Every cell a conflict's values came from (its own first), when there are several. */
  cells?: readonly string[];
}

export interface RowResult {
  /** Absolute 0-based sheet row. */
  row: number;
  /** The inventory sheet, when several are refreshed together (else the summary's sheet). */
  sheet?: string;
  /** Column of the initiative's name on that sheet (where the summary links go). */
  nameCol?: number;
  initiative: Initiative;
  role: RoleOrUnclassified;
  /** What the rules alone say (differs from `role` only when overridden). */
  ruleRole: RoleOrUnclassified;
  rationale: string;
  nextRole: Role | '';
  priority: Priority | '';
  action: string;
  issues: DataIssue[];
}

export interface Summary {
  sheet: string;
  /** Non-blank rows. */
  total: number;
  /** Rows with one of the four roles. */
  classified: number;
  /** Rows with at least one data issue or Unclassified. */
  needsReview: number;
  counts: Record<RoleOrUnclassified, number>;
  /** Share of classified rows per role (0..1); 0 when nothing is classified. */
  shares: Record<Role, number>;
  /** (Driver + Implementer + Operator) / classified, or null when nothing is classified. */
  activeShare: number | null;
  /** Budget per role, or null when there is no budget column. */
  budget: Record<RoleOrUnclassified, number> | null;
  /**
   * Roles by each field the summary groups by (the field table's `grouping`: lead group and
   * stage always, business unit when the inventory has the column), in the order shown.
   */
  byField: FieldCrossTab[];
  /** Roles by source (file › sheet) of a consolidated portfolio; else absent or null. */
  bySource?: CrossTab | null;
  /** Roles by inventory sheet when several sheets are refreshed together; else absent. */
  bySheet?: CrossTab | null;
  /** Rows with a next role, ranked by impact (ranking.ts), never by sheet order. */
  topOpportunities: RowResult[];
  /** Rows with data issues or Unclassified, in sheet order. */
  review: RowResult[];
  /** The active-role share if I&O takes the High (then also the Medium) opportunities. */
  projection: Projection;
  /** The active-role share at the previous and the first refresh (from the history), when known. */
  trend?: ShareTrend | null;
  /** Budget totals per currency and the portfolio's main currency (SPEC §4), when there is a budget column. */
  money?: { main: string | null; totals: MoneyTotal[] } | null;
  /** The workbook's own words this refresh used (SPEC §4), with the rows that held each. */
  wordsUsed?: { field: string; value: string; meaning: string; rows: number }[];
}

/** One earlier refresh as the history records it. */
export interface SharePoint {
  at: Date;
  activeShare: number | null;
}

/** The active-role share's trend: the refresh before this one and the first one recorded. */
export interface ShareTrend {
  previous: SharePoint | null;
  first: SharePoint | null;
}

/** A budget total in one currency (`currency` null: amounts written without one). */
export interface MoneyTotal {
  currency: string | null;
  amount: number;
  /** Rows budgeted in it. */
  rows: number;
}

/** The active-role share if I&O took a set of opportunities (each counted at its Next Role). */
export interface ProjectionPoint {
  /** Initiatives taken. */
  count: number;
  /** Active-role share after taking them, or null when nothing is classified. */
  activeShare: number | null;
}

/** Where ownership is heading (SPEC §4): today's share if the High, then also the Medium, opportunities are taken. */
export interface Projection {
  high: ProjectionPoint;
  highAndMedium: ProjectionPoint;
}

/** What changed about an initiative since the last refresh (SPEC §4). */
export type ChangeKind = 'role' | 'stage' | 'added' | 'removed';

/**
 * A change since the last refresh: an initiative whose I&O Role changed (`role`), whose stage
 * moved (`stage`: from and to are stages), that was added (`from` "") or that is no longer on
 * the sheet (`removed`: `to` "", `row` where it was at the last refresh, not linked).
 */
export interface RoleChange {
  kind: ChangeKind;
  /** Absolute 0-based sheet row. */
  row: number;
  sheet: string;
  id: string | null;
  name: string | null;
  from: RoleOrUnclassified | Stage | '';
  to: RoleOrUnclassified | Stage | '';
  /** The name column of the row's own sheet (several inventory sheets); else the detection's. */
  nameCol?: number;
}

/** Roles by one field of the inventory. */
export interface FieldCrossTab {
  field: Field;
  tab: CrossTab;
}

export interface CrossTab {
  /** Row labels (lead groups, stages or business units; "(blank)" for unknown). */
  labels: string[];
  /** counts[i][role] for labels[i]. */
  counts: Record<RoleOrUnclassified, number>[];
}

// ---------------------------------------------------------------------------------------
// The write plan: everything a refresh writes, host-neutral
// ---------------------------------------------------------------------------------------

/** Cell styles the plan refers to; adapters map each to native formatting (see styles.ts). */
export type StyleName =
  | 'title'
  | 'subtitle'
  | 'note'
  | 'sectionHeader'
  | 'tableHeader'
  | 'tableHeaderNumber'
  | 'label'
  | 'body'
  | 'link'
  | 'outputHeader'
  /** A table cell aligned to the top of its row (rows grow with a wrapped sentence beside). */
  | 'bodyTop'
  /** A link in a table row, top-aligned. */
  | 'linkTop'
  /** Free text wrapped inside its column, top-aligned: sentences, names (never past the column). */
  | 'wrapped';

export type NumberFormatName = 'text' | 'integer' | 'percent' | 'currency' | 'datetime' | 'general';

export interface PlanCell {
  row: number;
  col: number;
  /** Strings are always written as text, never as formulas. */
  value: string | number | null;
  format: NumberFormatName;
  style: StyleName;
  /** Internal hyperlink to a cell (e.g. back to an inventory row). */
  link?: { sheet: string; row: number; col: number };
  /** For the 'currency' format: the ISO 4217 code the amount is in (money.ts); absent or null: none. */
  currency?: string | null;
}

/** A native conditional-format rule that the refresh owns. */
export type CfRule =
  | {
      /** Stable identity so a re-run replaces only its own rules. */
      id: string;
      kind: 'textEquals';
      range: RangeRef;
      text: string;
      fill: string;
      fontColor: string;
    }
  | {
      id: string;
      kind: 'notBlank';
      /** Rule applies to `range` where the cell in `testCol` of the same row is not blank. */
      range: RangeRef;
      testCol: number;
      fill: string;
      fontColor: string | null;
    };

export interface DataBar {
  range: RangeRef;
  color: string;
}

interface ChartBase {
  title: string;
  seriesName: string;
  /** What the chart shows, in words, for a screen reader (Excel's accessibility checker). */
  altText?: string;
  /** One column of category labels on the chart's own sheet. */
  categories: RangeRef;
  /** One column of values on the chart's own sheet, same length as categories. */
  values: RangeRef;
  /** Top-left and bottom-right cells the chart is anchored to. */
  anchor: { from: { row: number; col: number }; to: { row: number; col: number } };
}

/** The summary's bar chart of the role distribution. */
export interface BarChartSpec extends ChartBase {
  kind: 'bar';
  /** Fill per data point (role colours), same length as categories. */
  pointColors: string[];
}

/** The history's line chart of the active-role share over the refreshes. */
export interface LineChartSpec extends ChartBase {
  kind: 'line';
  /** A stable name, so a re-run finds and replaces its own chart. */
  name: string;
  /** Colour of the line, "#RRGGBB". */
  color: string;
  /** Number format of the value axis. */
  valueFormat: NumberFormatName;
  /** Categories are refresh times, on a date axis. */
  categoryFormat: NumberFormatName;
  /** A reference line at a constant value (the article's 40% expected by 2020), when drawn. */
  reference?: { value: number; name: string };
}

export type ChartSpec = BarChartSpec | LineChartSpec;

/**
 * How an output sheet prints (SPEC §4): orientation, scaled to a number of pages wide with the
 * height running on, the printed area and the rows repeated at the top of every page.
 */
export interface PrintSetup {
  orientation: 'landscape' | 'portrait';
  /** Pages wide the printout is scaled to; its height takes as many pages as it needs. */
  fitToPagesWide: number;
  /** The printed range, or null to print everything on the sheet. */
  area: RangeRef | null;
  /** Rows (absolute 0-based, inclusive) repeated at the top of every printed page, or null. */
  titleRows: { first: number; last: number } | null;
  /** Page margins in inches. */
  margins: {
    left: number;
    right: number;
    top: number;
    bottom: number;
    header: number;
    footer: number;
  };
  centerHorizontally: boolean;
  /** Rows (absolute 0-based) that start a new printed page: the summary's page 2 and its details. */
  rowBreaks?: number[];
  /** A footer on every page: left and centre texts, and "Page N of M" on the right. */
  footer?: { left: string; center: string; pageNumbers: boolean } | null;
}

export interface SheetWrite {
  name: string;
  /** Column widths in characters (Excel's column width unit). */
  columnWidths: { col: number; width: number }[];
  cells: PlanCell[];
  dataBars: DataBar[];
  chart: BarChartSpec | null;
  /** How the sheet prints; absent where the sheet is not meant to be printed. */
  print?: PrintSetup;
  /**
   * Heights (points) of rows whose wrapped text needs more than one line. Set explicitly:
   * neither Excel nor LibreOffice refits the rows of a file when it opens it.
   */
  rowHeights?: { row: number; height: number }[];
}

export interface InventoryWrite {
  sheet: string;
  headerRow: number;
  /** First output column (absolute 0-based); the output block's headers start here. */
  firstCol: number;
  /**
   * Header of each output column: ours, or in an Excel table the numbered name Excel gives a
   * column whose name the table already has ("Priority2").
   */
  headers: readonly string[];
  /** First data row (headerRow + 1). */
  firstRow: number;
  /**
   * values[i] = the output strings (one per OUTPUT_COLUMNS) for sheet row firstRow + i; "" where nothing is written
   * (blank rows, and rows below the data that held earlier output and must be cleared).
   */
  values: string[][];
  /** The inventory's Excel table, when there is one: output columns become table columns. */
  table: { name: string; addColumns: number; growth: TableGrowth } | null;
  /** Rules over the output columns; replaces any earlier rules with the same ids. */
  conditionalFormats: CfRule[];
  /**
   * The rules the refresh that left this block wrote, where its columns stood elsewhere (an
   * earlier layout): recognised as ours and removed, never written. Absent or empty mostly.
   */
  earlierRules?: CfRule[];
  /** Freeze panes below the header row (only when the sheet has none). */
  freezeHeaderRow: number | null;
  /** Worksheet auto-filter to add (only when the sheet has none and there is no table). */
  autoFilter: RangeRef | null;
  /**
   * Widths (characters) of the output columns new to the block or to their place in it: on a
   * re-run of the same layout this is empty, so widths the user has changed since are kept.
   * A width here replaces the one the column has.
   */
  columnWidths: { col: number; width: number }[];
}

export interface HistoryWrite {
  name: string;
  headers: string[];
  /** Write the header row (row 0): the sheet is new or has no rows yet. */
  writeHeader: boolean;
  /** The row to append (after the last used row; header written when the sheet is new). */
  row: PlanCell[];
  columnWidths: { col: number; width: number }[];
  /** The line chart of the active-role share over every refresh, this one included. */
  chart?: LineChartSpec | null;
  print?: PrintSetup;
}

/**
 * The change log's rows for this refresh, appended below the earlier ones (the header written
 * when the sheet is new or empty), and the snapshot the next refresh compares with, which
 * replaces the sheet's rows whole (core/change-log.ts).
 */
export interface ChangeLogWrite {
  log: {
    name: string;
    headers: string[];
    /** Write the header row (row 0): the sheet is new or has no rows yet. */
    writeHeader: boolean;
    /** This refresh's rows (absolute rows, after the last used one); links back to the rows. */
    cells: PlanCell[];
    columnWidths: { col: number; width: number }[];
    /** Number format of each column, in header order (for a header written on a new sheet). */
    formats: NumberFormatName[];
  };
  snapshot: {
    name: string;
    headers: string[];
    /** Every data row below the header (row 1 on), sheets not refreshed kept as they were. */
    rows: (string | number | null)[][];
    /** Number format of each column, in header order. */
    formats: NumberFormatName[];
    columnWidths: { col: number; width: number }[];
    /** Rows (0-based, exclusive) the sheet used before: those below the new rows are cleared. */
    previousRows: number;
  };
}

export interface WritePlan {
  inventory: InventoryWrite;
  /** The other inventory sheets' writes when several sheets are refreshed together. */
  moreInventories?: InventoryWrite[];
  summary: SheetWrite;
  history: HistoryWrite | null;
  /** The change log and the snapshot (absent or null: not written, e.g. `--no-history`). */
  changeLog?: ChangeLogWrite | null;
}

/** The result of planning one refresh. */
export interface RefreshOutcome {
  detection: HeaderDetection;
  rows: RowResult[];
  summary: Summary;
  /**
   * Changes since the last refresh, read from the output the previous refresh left on the
   * sheet; null on a first refresh (no earlier output).
   */
  changes: RoleChange[] | null;
  plan: WritePlan;
  /** Every refreshed sheet's detection when several are refreshed together (first = `detection`). */
  detections?: HeaderDetection[];
  /** Sheets not refreshed that look like an inventory (core/left-out.ts), for the report. */
  leftOutSheets?: { name: string; recognised: number }[];
}
