/**
 * The write plan: everything one refresh writes, host-neutral. Both adapters (Excel and the
 * file patcher) apply it; neither decides anything it does not say.
 */

import type { RangeRef } from './input';

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
  /**
   * Where the chart sits: `from` is its top-left cell, `to` the cell just past its bottom-right
   * corner (the chart covers rows from.row…to.row − 1 and columns from.col…to.col − 1).
   */
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
  /**
   * How blank values are drawn: as a gap in the line, or spanned by it (the line runs from the
   * point before to the point after).
   */
  blanks: 'gap' | 'span';
  /**
   * A reference line (the article's 40% expected by 2020), when drawn: a second series over
   * the history's cells that hold it, so every surface draws it from cells.
   */
  reference?: { values: RangeRef; name: string };
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
  /**
   * Cells of earlier rows the refresh fills in when it rewrites an outdated header: the 40% of
   * a column added since those rows were written (core/summary-sheet.ts). Empty otherwise.
   */
  earlierCells: PlanCell[];
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
    /** Number format of each column, in header order. */
    formats: NumberFormatName[];
    /** How the log prints (core/summary-sheet.ts changeLogPrint). */
    print?: PrintSetup;
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
    /**
     * Hide the sheet (state "hidden", which Excel's Unhide lists; never "veryHidden"): true
     * when the snapshot is started afresh (the sheet is missing, empty or holds no snapshot
     * the core can read). A sheet with a readable snapshot keeps the visibility it has.
     */
    hidden: boolean;
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
  /**
   * The sheet the workbook shows when it is next opened (SPEC §4: a refreshed file opens on the
   * summary, so Print prints the brief): the file's active tab, the sheet Excel activates. Null
   * where the user hid the summary: it stays hidden and the workbook opens where it was.
   */
  openOn: string | null;
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
