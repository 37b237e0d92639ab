/**
 * The committed state of the fake workbook: plain data, no proxies. Every mutation goes
 * through a `Tx`, one per queued operation: when an operation fails, its own half-done changes
 * are rolled back, while the operations before it in the batch stay applied, as in Excel
 * (OfficeExtension.Error.traceMessages: "all trace messages that were executed before the
 * error occurred"; @types/office-js). Browser-safe: no Node imports (the e2e page bundles it).
 */

/** A value Excel stores in a cell (empty cells are `undefined`). */
export type Scalar = string | number | boolean;

/** A rectangle, absolute 0-based (the same convention as src/core/input.ts). */
export interface Box {
  row: number;
  col: number;
  rowCount: number;
  colCount: number;
}

/** Error thrown by the fake, shaped like OfficeExtension.Error (code, message, debugInfo). */
export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

/** An undo log: every state change registers its inverse; rollback runs them backwards. */
export class Tx {
  private readonly undo: (() => void)[] = [];
  record(inverse: () => void): void {
    this.undo.push(inverse);
  }
  /** Number of changes recorded (0: the operation changed nothing). */
  get size(): number {
    return this.undo.length;
  }
  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]!();
    this.undo.length = 0;
  }
}

export interface CellStyleState {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  underline?: string;
  fill?: string;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
}

/** Conditional format types as Office.js reports them (Excel.ConditionalFormatType). */
export type CfType =
  | 'Custom'
  | 'DataBar'
  | 'CellValue'
  | 'ContainsText'
  | 'ColorScale'
  | 'IconSet'
  | 'TopBottom'
  | 'PresetCriteria';

export interface CfState {
  id: string;
  type: CfType;
  box: Box;
  /**
   * Custom rules: the formula relative to the top-left cell of `box`, which is how Excel
   * reports it whatever range the format was fetched through (office-js #5194).
   */
  formula: string | null;
  /** CellValue rules (Excel.ConditionalCellValueRule), formulas relative to `box` too. */
  cellValue?: { operator: string; formula1: string; formula2?: string } | null;
  /** ContainsText rules (Excel.ConditionalTextComparisonRule). */
  textComparison?: { operator: string; text: string } | null;
  fill: string | null;
  fontColor: string | null;
  barColor: string | null;
}

export interface TableState {
  name: string;
  box: Box;
  showTotals: boolean;
  /**
   * Values filters by table column index (Filter.applyValuesFilter, ExcelApi 1.2); a table
   * has its own filter, apart from the worksheet's AutoFilter.
   */
  filters?: Readonly<Record<number, readonly string[]>>;
  /** The table's sort state (TableSort.fields, ExcelApi 1.2), empty when unsorted. */
  sortFields?: readonly { key: number; ascending: boolean }[];
}

export interface ChartState {
  name: string;
  type: string;
  source: Box;
  seriesBy: string;
  title: string;
  legendVisible: boolean;
  seriesName: string;
  xValues: Box | null;
  pointColors: (string | undefined)[];
  from: string | null;
  to: string | null;
  /** ChartAxis.categoryType of the category axis ('Automatic' until set). */
  categoryType: string;
  /** ChartAxis.baseTimeUnit of the category axis (null until set). */
  baseTimeUnit: string | null;
  /** Series added with ChartSeriesCollection.add (ExcelApi 1.7), after the first. */
  added: AddedSeriesState[];
  /** Chart.displayBlanksAs (ExcelApi 1.8): how blank cells are plotted ('Zero' until set). */
  displayBlanksAs: string;
  /** Alt text of the chart's shape (Shape.altTextDescription, ExcelApi 1.9); '' until set. */
  altTextDescription: string;
}

/** A series added to a chart (ChartSeriesCollection.add, ExcelApi 1.7). */
export interface AddedSeriesState {
  name: string;
  /** ChartSeries.setValues' range; not drawn until set (ChartSeriesCollection.add docs). */
  values: Box | null;
  xValues: Box | null;
  markerStyle: string;
  lineColor: string | null;
  lineStyle: string;
}

/** Worksheet.pageLayout as far as the add-in sets it (ExcelApi 1.9). */
export interface PageLayoutState {
  orientation: string;
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number | null };
  centerHorizontally: boolean;
  margins: Record<string, number>;
  marginUnit: string;
  printArea: string | null;
  printTitleRows: string | null;
  /** Rows (0-based) a manual horizontal page break stands before (Worksheet.horizontalPageBreaks). */
  rowBreaks: number[];
  /** PageLayout.headersFooters.defaultForAllPages footers (left, center, right), as set. */
  footer: { left: string; center: string; right: string };
  /** PageLayout.headersFooters.state. */
  headerFooterState: string;
}

export interface ValidationState {
  box: Box;
  source: string;
  inCellDropDown: boolean;
  showAlert: boolean;
}

export interface HyperlinkState {
  documentReference?: string;
  address?: string;
  textToDisplay?: string;
  screenTip?: string;
}

const key = (r: number, c: number): string => `${r},${c}`;

/** True when the "r,c" key of a cell map lies in the box. */
function keyInBox(k: string, b: Box): boolean {
  const comma = k.indexOf(',');
  const r = Number(k.slice(0, comma));
  const c = Number(k.slice(comma + 1));
  return r >= b.row && r < b.row + b.rowCount && c >= b.col && c < b.col + b.colCount;
}

/**
 * Copies a box of a sparse grid (rows of cells) and returns what puts it back exactly: the
 * box's cells, and each row's length and the grid's length as they were.
 */
function captureBox<T>(grid: (T | undefined)[][], b: Box): () => void {
  const gridLength = grid.length;
  const rows: ((T | undefined)[] | null)[] = [];
  const lengths: number[] = [];
  for (let r = b.row; r < b.row + b.rowCount; r++) {
    const row = grid[r];
    rows.push(row ? row.slice(b.col, b.col + b.colCount) : null);
    lengths.push(row ? row.length : 0);
  }
  return () => {
    rows.forEach((before, i) => {
      const row = grid[b.row + i];
      if (!row) return;
      for (let j = 0; j < b.colCount; j++) row[b.col + j] = before?.[j];
      if (row.length > lengths[i]!) row.length = lengths[i]!;
    });
    if (grid.length > gridLength) grid.length = gridLength;
  };
}

/** One worksheet's committed content. */
export class SheetState {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  protected = false;
  deleted = false;
  /** values[r][c]: sparse rows of cell values (formula cells hold their displayed result). */
  readonly values: (Scalar | undefined)[][] = [];
  readonly formulas = new Map<string, string>();
  readonly numberFormats: (string | undefined)[][] = [];
  readonly styles = new Map<string, CellStyleState>();
  readonly hyperlinks = new Map<string, HyperlinkState>();
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  /**
   * A new sheet's page layout: portrait at 100% with no print area or titles (Excel's defaults,
   * learn.microsoft.com Excel.PageLayout: orientation, zoom, printArea via getPrintAreaOrNullObject).
   */
  pageLayout: PageLayoutState = {
    orientation: 'Portrait',
    zoom: { scale: 100 },
    centerHorizontally: false,
    margins: {},
    marginUnit: 'Points',
    printArea: null,
    printTitleRows: null,
    rowBreaks: [],
    footer: { left: '', center: '', right: '' },
    headerFooterState: 'Default',
  };
  tables: TableState[] = [];
  conditionalFormats: CfState[] = [];
  charts: ChartState[] = [];
  frozenRows = 0;
  autoFilter: Box | null = null;
  /** Values criteria of the worksheet AutoFilter by column index within its range. */
  autoFilterCriteria: Readonly<Record<number, readonly string[]>> = {};
  /**
   * The worksheet AutoFilter's sort state (the user sorted from a filter button). No API reads
   * it back; tests set and inspect it (FakeExcel.setSortState).
   */
  autoFilterSorted = false;
  /** Merged areas (Range.merge; reported by Range.getMergedAreasOrNullObject, ExcelApi 1.13). */
  merges: Box[] = [];
  validations: ValidationState[] = [];

  constructor(name: string) {
    this.name = name;
  }

  getValue(r: number, c: number): Scalar | undefined {
    return this.values[r]?.[c];
  }
  getFormula(r: number, c: number): string | undefined {
    return this.formulas.get(key(r, c));
  }
  getNumberFormat(r: number, c: number): string {
    return this.numberFormats[r]?.[c] ?? 'General';
  }
  getStyle(r: number, c: number): CellStyleState {
    return this.styles.get(key(r, c)) ?? {};
  }
  getHyperlink(r: number, c: number): HyperlinkState | undefined {
    return this.hyperlinks.get(key(r, c));
  }

  /** Bounding box of the non-empty cells (Excel's used range with valuesOnly), or null. */
  usedBox(): Box | null {
    let minR = Infinity;
    let maxR = -1;
    let minC = Infinity;
    let maxC = -1;
    this.values.forEach((row, r) => {
      if (!row) return;
      row.forEach((v, c) => {
        if (v === undefined) return;
        if (r < minR) minR = r;
        if (r > maxR) maxR = r;
        if (c < minC) minC = c;
        if (c > maxC) maxC = c;
      });
    });
    if (maxR < 0) return null;
    return { row: minR, col: minC, rowCount: maxR - minR + 1, colCount: maxC - minC + 1 };
  }

  /** Writes one cell (value + optional formula) and records the inverse in `tx`. */
  setCell(tx: Tx, r: number, c: number, value: Scalar | undefined, formula?: string): void {
    const row = (this.values[r] ??= []);
    const before = row[c];
    const beforeFormula = this.formulas.size > 0 ? this.formulas.get(key(r, c)) : undefined;
    this.putCell(r, c, value, formula);
    tx.record(() => this.putCell(r, c, before, beforeFormula));
  }

  /** Writes one cell without recording anything (the caller has recorded the inverse). */
  private putCell(r: number, c: number, value: Scalar | undefined, formula?: string): void {
    (this.values[r] ??= [])[c] = value;
    // A workbook without formulas (the common case) builds no key per cell.
    if (formula !== undefined) this.formulas.set(key(r, c), formula);
    else if (this.formulas.size > 0) this.formulas.delete(key(r, c));
  }

  setNumberFormat(tx: Tx, r: number, c: number, fmt: string): void {
    const row = (this.numberFormats[r] ??= []);
    const before = row[c];
    row[c] = fmt;
    tx.record(() => {
      (this.numberFormats[r] ??= [])[c] = before;
    });
  }

  /**
   * What setCell does, for the cells of one box, recording a single inverse for all of them:
   * the box's values and formulas as they were, captured at the first write. A range write of a
   * million cells then keeps one copy of what it replaced instead of a closure per cell (the
   * fake's own memory at Excel's full grid); the state after a rollback is the same.
   */
  cellWriter(
    tx: Tx,
    box: Box,
  ): (r: number, c: number, value: Scalar | undefined, formula?: string) => void {
    let saved = false;
    return (r, c, value, formula) => {
      if (!saved) {
        saved = true;
        const restoreValues = captureBox(this.values, box);
        const formulas = [...this.formulas].filter(([k]) => keyInBox(k, box));
        tx.record(() => {
          restoreValues();
          for (const k of [...this.formulas.keys()]) if (keyInBox(k, box)) this.formulas.delete(k);
          for (const [k, f] of formulas) this.formulas.set(k, f);
        });
      }
      this.putCell(r, c, value, formula);
    };
  }

  /** What setNumberFormat does, for the cells of one box, with one inverse (see cellWriter). */
  formatWriter(tx: Tx, box: Box): (r: number, c: number, fmt: string) => void {
    let saved = false;
    return (r, c, fmt) => {
      if (!saved) {
        saved = true;
        tx.record(captureBox(this.numberFormats, box));
      }
      (this.numberFormats[r] ??= [])[c] = fmt;
    };
  }

  setStyle(tx: Tx, r: number, c: number, patch: CellStyleState): void {
    const k = key(r, c);
    const before = this.styles.get(k);
    this.styles.set(k, { ...before, ...patch });
    tx.record(() => {
      if (before === undefined) this.styles.delete(k);
      else this.styles.set(k, before);
    });
  }

  clearStyle(tx: Tx, r: number, c: number): void {
    const k = key(r, c);
    const before = this.styles.get(k);
    if (before === undefined) return;
    this.styles.delete(k);
    tx.record(() => this.styles.set(k, before));
  }

  setHyperlink(tx: Tx, r: number, c: number, link: HyperlinkState): void {
    const k = key(r, c);
    const before = this.hyperlinks.get(k);
    this.hyperlinks.set(k, link);
    tx.record(() => {
      if (before === undefined) this.hyperlinks.delete(k);
      else this.hyperlinks.set(k, before);
    });
  }

  /** True when any cell of the box holds a value. */
  hasValueIn(b: Box): boolean {
    for (let r = b.row; r < b.row + b.rowCount; r++) {
      const row = this.values[r];
      if (!row) continue;
      for (let c = b.col; c < Math.min(b.col + b.colCount, row.length); c++) {
        if (row[c] !== undefined) return true;
      }
    }
    return false;
  }

  /**
   * Inserts `count` empty cells at column `col` in rows row..row+rowCount-1 and shifts the
   * cells from there to the right (Excel's "insert cells, shift right"). Values, formulas,
   * number formats, styles and hyperlinks move; the caller checks the grid's edge.
   */
  insertCellsShiftRight(tx: Tx, row: number, rowCount: number, col: number, count: number): void {
    for (let r = row; r < row + rowCount; r++) {
      const vals = this.values[r];
      const fmts = this.numberFormats[r];
      const width = Math.max(vals?.length ?? 0, fmts?.length ?? 0);
      const keys = [...this.styles.keys(), ...this.formulas.keys(), ...this.hyperlinks.keys()]
        .map((k) => k.split(',').map(Number) as [number, number])
        .filter(([kr, kc]) => kr === r && kc >= col);
      const last = Math.max(width - 1, ...keys.map(([, kc]) => kc));
      for (let c = last; c >= col; c--) this.moveCell(tx, r, c, r, c + count);
    }
  }

  private moveCell(tx: Tx, r: number, c: number, toR: number, toC: number): void {
    const k = key(r, c);
    const v = this.getValue(r, c);
    const f = this.formulas.get(k);
    const nf = this.numberFormats[r]?.[c];
    const st = this.styles.get(k);
    const hl = this.hyperlinks.get(k);
    if (v === undefined && f === undefined && nf === undefined && !st && !hl) return;
    this.setCell(tx, toR, toC, v, f);
    this.setCell(tx, r, c, undefined);
    const fmtRow = (this.numberFormats[toR] ??= []);
    const beforeTo = fmtRow[toC];
    fmtRow[toC] = nf;
    const srcRow = (this.numberFormats[r] ??= []);
    srcRow[c] = undefined;
    tx.record(() => {
      (this.numberFormats[r] ??= [])[c] = nf;
      (this.numberFormats[toR] ??= [])[toC] = beforeTo;
    });
    const moveMap = <T>(m: Map<string, T>, val: T | undefined): void => {
      const kt = key(toR, toC);
      const before = m.get(kt);
      if (val === undefined) m.delete(kt);
      else m.set(kt, val);
      m.delete(k);
      tx.record(() => {
        if (before === undefined) m.delete(kt);
        else m.set(kt, before);
        if (val !== undefined) m.set(k, val);
      });
    };
    moveMap(this.styles, st);
    moveMap(this.hyperlinks, hl);
  }

  /** Sets a plain field and records its inverse (frozenRows, autoFilter, lists, …). */
  setField<K extends keyof this>(tx: Tx, field: K, value: this[K]): void {
    const before = this[field];
    this[field] = value;
    tx.record(() => {
      this[field] = before;
    });
  }
}

/** The whole committed workbook. */
export class WorkbookState {
  sheets: SheetState[] = [];
  activeSheet: SheetState | null = null;
  selection: { sheet: SheetState; box: Box } | null = null;
  readonly settings = new Map<string, unknown>();
  private nextId = 1;

  /** A unique id for new objects (conditional formats, charts). */
  newId(prefix: string): string {
    return `${prefix}${this.nextId++}`;
  }

  liveSheets(): SheetState[] {
    return this.sheets.filter((s) => !s.deleted);
  }

  /** By name, or by id (WorksheetCollection.getItem: "using its name or ID"). */
  findSheet(name: string): SheetState | undefined {
    const lower = name.toLowerCase();
    return this.liveSheets().find(
      (s) => s.name.toLowerCase() === lower || `{fake-${s.name}}` === name,
    );
  }

  setSheets(tx: Tx, sheets: SheetState[]): void {
    const before = this.sheets;
    this.sheets = sheets;
    tx.record(() => {
      this.sheets = before;
    });
  }

  setActive(tx: Tx, sheet: SheetState | null): void {
    const before = this.activeSheet;
    this.activeSheet = sheet;
    tx.record(() => {
      this.activeSheet = before;
    });
  }

  setSelection(tx: Tx, sel: { sheet: SheetState; box: Box } | null): void {
    const before = this.selection;
    this.selection = sel;
    tx.record(() => {
      this.selection = before;
    });
  }

  setSetting(tx: Tx, k: string, value: unknown): void {
    const had = this.settings.has(k);
    const before = this.settings.get(k);
    if (value === undefined) this.settings.delete(k);
    else this.settings.set(k, value);
    tx.record(() => {
      if (had) this.settings.set(k, before);
      else this.settings.delete(k);
    });
  }
}

/** True when the two boxes share at least one cell. */
export function intersects(a: Box, b: Box): boolean {
  return (
    a.row < b.row + b.rowCount &&
    b.row < a.row + a.rowCount &&
    a.col < b.col + b.colCount &&
    b.col < a.col + a.colCount
  );
}
