/**
 * The committed state of the fake workbook: plain data, no proxies. Every mutation goes
 * through a `Tx` so that a failed `context.sync()` can roll its whole batch back (a failed
 * batch applies nothing). Browser-safe: no Node imports (the pane's e2e page bundles it).
 */

/** A value Excel stores in a cell (empty cells are `undefined`). */
export type Scalar = string | number | boolean;

/** A rectangle, absolute 0-based (the same convention as src/core/model.ts). */
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

export interface CfState {
  id: string;
  type: 'Custom' | 'DataBar';
  box: Box;
  formula: string | null;
  fill: string | null;
  fontColor: string | null;
  barColor: string | null;
}

export interface TableState {
  name: string;
  box: Box;
  showTotals: boolean;
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
  pageLayout: PageLayoutState = {
    orientation: 'Portrait',
    zoom: { scale: 100 },
    centerHorizontally: false,
    margins: {},
    marginUnit: 'Points',
    printArea: null,
    printTitleRows: null,
  };
  tables: TableState[] = [];
  conditionalFormats: CfState[] = [];
  charts: ChartState[] = [];
  frozenRows = 0;
  autoFilter: Box | null = null;
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
    const k = key(r, c);
    const beforeFormula = this.formulas.get(k);
    row[c] = value;
    if (formula === undefined) this.formulas.delete(k);
    else this.formulas.set(k, formula);
    tx.record(() => {
      (this.values[r] ??= [])[c] = before;
      if (beforeFormula === undefined) this.formulas.delete(k);
      else this.formulas.set(k, beforeFormula);
    });
  }

  setNumberFormat(tx: Tx, r: number, c: number, fmt: string): void {
    const row = (this.numberFormats[r] ??= []);
    const before = row[c];
    row[c] = fmt;
    tx.record(() => {
      (this.numberFormats[r] ??= [])[c] = before;
    });
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

  findSheet(name: string): SheetState | undefined {
    const lower = name.toLowerCase();
    return this.liveSheets().find((s) => s.name.toLowerCase() === lower);
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
