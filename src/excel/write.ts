/**
 * Applying the core's WritePlan through Office.js. The plan becomes a list of write steps,
 * each with its estimated request size; the steps are packed into batches under the 5 MB
 * request limit and each batch is one `context.sync()`, so a refresh takes a constant number
 * of syncs plus one per chunk of rows. Input cells are never written: only the output
 * columns, our own conditional formats, the frozen header, the filter, and the two sheets the
 * add-in owns.
 *
 * Text safety, one mechanism per host. Range.values says a value that starts with "=", "+"
 * or "-" is interpreted as a formula and documents no exception for the Text ("@") format,
 * and what Excel makes of a leading apostrophe written into an "@" cell is not documented.
 * - ExcelApi 1.16 and later: Range.valuesAsJson with typed cell values. A String cell value
 *   "represents the value of a cell containing a string" (Excel.StringCellValue; the data
 *   types article: valuesAsJson carries the type with the value), so the text is stored as
 *   exactly that text, whatever it starts with. Text columns keep the "@" format.
 * - Older hosts: Range.values with Excel's quote prefix ("'") on every string, written into
 *   cells whose format is General (never "@"), which is the prefix's ordinary meaning in
 *   Excel: the rest is literal text and the
 *   apostrophe is not part of the value read back (office-js #6687 shows Excel storing such
 *   strings as text).
 * The self-test (selftest.ts) checks both on a real Excel.
 */

import { columnLetter, rangeToA1, toA1 } from '../core/address';
import { ruleFormula } from '../core/rules';
import { CELL_STYLES, NUMBER_FORMATS, numberFormatCode } from '../core/styles';
import type { RangeRef, SheetSnapshot } from '../core/input';
import type {
  ChangeLogWrite,
  HistoryWrite,
  InventoryWrite,
  PlanCell,
  SheetWrite,
  WritePlan,
} from '../core/write-plan';
import type { CellStyle } from '../core/styles';
import { AUTOFILTER_API, officeErrorCode } from './host';
import type { ExcelHost } from './host';
import { ACTION_OVERHEAD_BYTES, jsonBytes, jsonStringBytes, packSteps } from './payload';
import type { WriteStep } from './payload';
import type { LoadedRule } from './read';
import { chartName } from './chart-alt';
import { historyExtras } from './history-chart';
import { changeLogExtras, openOnSteps, ownSheetExtras } from './print';

/**
 * Estimated bytes a chunk of output rows may carry: above the 4.5 MB a sync is counted at in
 * issue 11's bound (at 1,048,575 rows, ~110 chunks: every one short of 4.5 MB costs a sync
 * more than the bound allows), so one chunk is one sync; the batch around it stays under
 * WRITE_BUDGET_BYTES.
 */
export const CHUNK_BUDGET_BYTES = 4_650_000;

/** Range.valuesAsJson (typed cell values) arrived with ExcelApi 1.16. */
export const TYPED_VALUES_API = '1.16';
/** Table.resize arrived with ExcelApi 1.13. */
export const TABLE_RESIZE_API = '1.13';

/** How text reaches a cell: typed String values, or the quote prefix in General cells. */
export type TextMode = 'typed' | 'quoted';

/** The text mechanism this host supports (see the file comment). */
export function textModeOf(host: Pick<ExcelHost, 'isSetSupported'>): TextMode {
  return host.isSetSupported('ExcelApi', TYPED_VALUES_API) ? 'typed' : 'quoted';
}

/** A cell as Range.valuesAsJson takes it (Excel.CellValue). */
export type TypedCell =
  | { type: 'String'; basicValue: string }
  | { type: 'Double'; basicValue: number }
  | { type: 'Empty'; basicValue: '' };

/** A plan value as a typed cell value. */
export function typedCell(v: string | number | null): TypedCell {
  if (v === null || v === '') return { type: 'Empty', basicValue: '' };
  if (typeof v === 'number') return { type: 'Double', basicValue: v };
  return { type: 'String', basicValue: v };
}

/** The number format a cell gets in this mode: never "@" where the quote prefix is used. */
export function formatFor(format: string, mode: TextMode): string {
  return mode === 'quoted' && format === NUMBER_FORMATS.text ? NUMBER_FORMATS.general : format;
}

/** Writes a block of text/number values with the host's text mechanism. */
export function writeValues(
  range: Excel.Range,
  values: readonly (readonly (string | number | null)[])[],
  mode: TextMode,
): void {
  if (mode === 'typed') {
    range.valuesAsJson = values.map((row) => row.map(typedCell));
  } else {
    range.values = values.map((row) =>
      row.map((v) => (v === null ? '' : typeof v === 'number' ? v : excelText(v, false))),
    );
  }
}

/** JSON bytes of a typed cell around its value: `{"type":"String","basicValue":…}` less the value. */
const TYPED_ENVELOPE = {
  String: JSON.stringify({ type: 'String', basicValue: '' }).length - 2,
  Double: JSON.stringify({ type: 'Double', basicValue: 0 }).length - 1,
  Empty: JSON.stringify(typedCell(null)).length,
};

/**
 * Request bytes of one value as `writeValues` sends it, with its comma: the same as
 * `utf8Length(JSON.stringify(sent)) + 1`, without building the cell or its JSON (a full grid
 * has six million output cells).
 */
function valueBytes(v: string | number | null, mode: TextMode): number {
  if (v === null || v === '') return 1 + (mode === 'typed' ? TYPED_ENVELOPE.Empty : 2);
  if (typeof v === 'number') {
    return 1 + JSON.stringify(v).length + (mode === 'typed' ? TYPED_ENVELOPE.Double : 0);
  }
  if (mode === 'typed') return 1 + TYPED_ENVELOPE.String + jsonStringBytes(v);
  return 1 + jsonStringBytes(excelText(v, false));
}

/**
 * A string as Excel must receive it to store exactly that text. In a General cell every
 * non-empty text gets the quote prefix: what Excel converts there (dates and times in the
 * user's locale, fractions, scientific notation, accounting negatives, percentages, currency,
 * booleans, error literals, formulas) depends on the locale and is not documented, so no
 * predicate can be proven complete; the prefix costs one byte and changes nothing Excel shows.
 * In a Text ("@") cell only the formula prefixes need it (Range.values).
 */
export function excelText(s: string, textFormatted: boolean): string {
  if (s === '') return s;
  if (!textFormatted || /^[=+\-@']/.test(s)) return `'${s}`;
  return s;
}

/** Excel's column width is in points; the plan gives characters of the default font. */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** Applies a cell style to a range (font, fill, wrap, alignment). */
export function applyStyle(range: Excel.Range, style: CellStyle): void {
  const font = range.format.font;
  if (style.bold !== undefined) font.bold = style.bold;
  if (style.italic !== undefined) font.italic = style.italic;
  if (style.size !== undefined) font.size = style.size;
  if (style.fontColor !== undefined) font.color = style.fontColor;
  if (style.underline) font.underline = 'Single';
  if (style.fill !== undefined) range.format.fill.color = style.fill;
  if (style.wrap !== undefined) range.format.wrapText = style.wrap;
  if (style.align !== undefined) {
    range.format.horizontalAlignment = style.align === 'right' ? 'Right' : 'Left';
  }
  if (style.valign === 'top') range.format.verticalAlignment = 'Top';
}

/** Worksheet proxies per context, so each step does not look the sheet up again. */
class Sheets {
  private readonly cache = new Map<string, Excel.Worksheet>();
  constructor(private readonly context: Excel.RequestContext) {}
  get(name: string): Excel.Worksheet {
    let ws = this.cache.get(name);
    if (!ws) {
      ws = this.context.workbook.worksheets.getItem(name);
      this.cache.set(name, ws);
    }
    return ws;
  }
  set(name: string, ws: Excel.Worksheet | null): void {
    if (ws) this.cache.set(name, ws);
    else this.cache.delete(name);
  }
}

const sheetsByContext = new WeakMap<Excel.RequestContext, Sheets>();
/** The worksheet proxies of a context (shared by every step of one refresh). */
export function sheets(context: Excel.RequestContext): Sheets {
  let s = sheetsByContext.get(context);
  if (!s) {
    s = new Sheets(context);
    sheetsByContext.set(context, s);
  }
  return s;
}

function grid<T>(rows: number, cols: number, value: T): T[][] {
  return Array.from({ length: rows }, () => new Array<T>(cols).fill(value));
}

// ---------------------------------------------------------------------------------------
// Inventory sheet
// ---------------------------------------------------------------------------------------

/**
 * Running request bytes of the output rows as `writeValues` sends them: `at[i]` is what rows
 * 0..i-1 weigh (each row its brackets and comma, then each value with its comma), so any run
 * of rows is weighed by one subtraction.
 */
export function rowOffsets(
  values: readonly (readonly (string | number | null)[])[],
  mode: TextMode = 'typed',
): Float64Array {
  const at = new Float64Array(values.length + 1);
  values.forEach((row, i) => {
    let rowBytes = 3;
    for (const s of row) rowBytes += valueBytes(s, mode);
    at[i + 1] = at[i]! + rowBytes;
  });
  return at;
}

/** Splits the output rows into chunks whose estimated request size fits the chunk budget. */
export function outputChunks(
  values: readonly (readonly (string | number | null)[])[],
  mode: TextMode = 'typed',
  budget = CHUNK_BUDGET_BYTES,
): { start: number; count: number; bytes: number }[] {
  const at = rowOffsets(values, mode);
  const chunks: { start: number; count: number; bytes: number }[] = [];
  let start = 0;
  for (let i = 0; i < values.length; i++) {
    if (i > start && at[i + 1]! - at[start]! > budget) {
      chunks.push({
        start,
        count: i - start,
        bytes: at[i]! - at[start]! + 2 * ACTION_OVERHEAD_BYTES,
      });
      start = i;
    }
  }
  if (values.length > start) {
    chunks.push({
      start,
      count: values.length - start,
      bytes: at[values.length]! - at[start]! + 2 * ACTION_OVERHEAD_BYTES,
    });
  }
  return chunks;
}

function inventorySteps(
  host: ExcelHost,
  inv: InventoryWrite,
  snapshot: SheetSnapshot,
  oldRules: readonly LoadedRule[],
): WriteStep[] {
  const steps: WriteStep[] = [];
  const name = inv.sheet;
  const width = inv.headers.length;
  const mode = textModeOf(host);
  const textFormat = formatFor(NUMBER_FORMATS.text, mode);

  // 1. Our previous rules, as the core recognised them among those the sheet reported.
  const stale = oldRules;
  if (stale.length > 0) {
    steps.push({
      bytes: stale.length * ACTION_OVERHEAD_BYTES,
      queue: () => stale.forEach((r) => r.format.delete()),
    });
  }

  // 2. Table columns: clear what the table will take in (it can only hold our earlier
  // output: the core refused anything else), and, on hosts without Table.resize, add the
  // columns now when that moves nothing.
  const table = inv.table;
  const info = table ? snapshot.tables.find((t) => t.name === table.name) : undefined;
  // How the table grows is the core's choice (InventoryWrite.table.growth).
  const growth = table && info && table.addColumns > 0 ? table.growth : null;
  if (table && info && growth !== null) {
    const tableEnd = info.range.col + info.range.colCount;
    steps.push({
      bytes: (table.addColumns + 2) * ACTION_OVERHEAD_BYTES,
      queue: (ctx) => {
        const ws = sheets(ctx).get(name);
        ws.getRange(
          rangeToA1({
            row: info.range.row,
            col: tableEnd,
            rowCount: info.range.rowCount,
            colCount: table.addColumns,
          }),
        ).clear('Contents');
        if (growth === 'add') {
          const t = ws.tables.getItem(table.name);
          for (const header of inv.headers.slice(width - table.addColumns)) {
            t.columns.add(undefined, undefined, header);
          }
        }
      },
    });
  }

  // 3. Header cells.
  const headerRef: RangeRef = {
    row: inv.headerRow,
    col: inv.firstCol,
    rowCount: 1,
    colCount: width,
  };
  steps.push({
    bytes: jsonBytes(inv.headers) * 3 + 4 * ACTION_OVERHEAD_BYTES,
    queue: (ctx) => {
      const range = sheets(ctx).get(name).getRange(rangeToA1(headerRef));
      range.numberFormat = [[textFormat]];
      writeValues(range, [inv.headers], mode);
      applyStyle(range, CELL_STYLES.outputHeader);
    },
  });

  // 4. The output cells' number format, once for the whole block: a single value is applied to
  // every cell of the range (Range.numberFormat reference; passed as a 1x1 array, see the
  // fake), instead of a format per cell, which was a quarter of the write payload.
  if (inv.values.length > 0) {
    const block: RangeRef = {
      row: inv.firstRow,
      col: inv.firstCol,
      rowCount: inv.values.length,
      colCount: width,
    };
    steps.push({
      bytes: 2 * ACTION_OVERHEAD_BYTES,
      queue: (ctx) => {
        sheets(ctx).get(name).getRange(rangeToA1(block)).numberFormat = [[textFormat]];
      },
    });
  }

  // 5. Output values, one step per chunk, after their format. A chunk can be cut at a row so
  // its first rows fill the batch before it (packSteps): every batch then goes out near the
  // write budget, and the small steps after the output share the last one.
  const at = rowOffsets(inv.values, mode);
  const chunkStep = (start: number, count: number): WriteStep => ({
    bytes: at[start + count]! - at[start]! + 2 * ACTION_OVERHEAD_BYTES,
    queue: (ctx) => {
      const ref: RangeRef = {
        row: inv.firstRow + start,
        col: inv.firstCol,
        rowCount: count,
        colCount: width,
      };
      const range = sheets(ctx).get(name).getRange(rangeToA1(ref));
      writeValues(range, inv.values.slice(start, start + count), mode);
    },
    // A chunk the host still finds too large is written in two halves.
    ...(count > 1
      ? {
          split: (): WriteStep[] => {
            const half = Math.ceil(count / 2);
            return [chunkStep(start, half), chunkStep(start + half, count - half)];
          },
          splitAt: (bytes: number): [WriteStep, WriteStep] | null => {
            // The most rows whose request fits `bytes` (at least one, never all).
            const limit = at[start]! + bytes - 2 * ACTION_OVERHEAD_BYTES;
            let lo = 0;
            let hi = count - 1;
            while (lo < hi) {
              const mid = Math.ceil((lo + hi) / 2);
              if (at[start + mid]! <= limit) lo = mid;
              else hi = mid - 1;
            }
            return lo < 1 ? null : [chunkStep(start, lo), chunkStep(start + lo, count - lo)];
          },
        }
      : {}),
  });
  for (const chunk of outputChunks(inv.values, mode)) {
    steps.push(chunkStep(chunk.start, chunk.count));
  }

  // 6. The table takes in the written columns (ExcelApi 1.13): no cell moves.
  if (table && info && growth === 'resize') {
    steps.push({
      bytes: 2 * ACTION_OVERHEAD_BYTES,
      queue: (ctx) => {
        const t = sheets(ctx).get(name).tables.getItem(table.name);
        t.resize(rangeToA1({ ...info.range, colCount: info.range.colCount + table.addColumns }));
      },
    });
  }

  // Widths of the output columns, only when this refresh creates them (the plan decides).
  steps.push(...widthSteps(name, inv.columnWidths));

  // 6. Frozen header and filter, only where the sheet had none (the plan decides).
  const freeze = inv.freezeHeaderRow;
  const filter = inv.autoFilter;
  const canFilter = filter !== null && host.isSetSupported('ExcelApi', AUTOFILTER_API);
  if (freeze !== null || canFilter) {
    steps.push({
      bytes: 2 * ACTION_OVERHEAD_BYTES,
      queue: (ctx) => {
        const ws = sheets(ctx).get(name);
        if (freeze !== null) ws.freezePanes.freezeRows(freeze + 1);
        if (canFilter && filter) ws.autoFilter.apply(ws.getRange(rangeToA1(filter)));
      },
    });
  }

  // 7. Our rules. Excel adds each new format at the top priority, so the plan's list (highest
  // priority first) is added from the end. Each formula is set on the format just added
  // through its own range, so it is relative to that range's top-left cell (office-js #5194).
  // The core lays the rules out so that two ranges are equal or apart (RULE_LAYOUTS): each is
  // one format here, and rules of one range share one element when Excel saves the file.
  const rules = [...inv.conditionalFormats].reverse();
  if (rules.length > 0) {
    steps.push({
      bytes: rules.length * 5 * ACTION_OVERHEAD_BYTES,
      queue: (ctx) => {
        const ws = sheets(ctx).get(name);
        for (const rule of rules) {
          const cf = ws.getRange(rangeToA1(rule.range)).conditionalFormats.add('Custom');
          cf.custom.rule.formula = `=${ruleFormula(rule)}`;
          cf.custom.format.fill.color = rule.fill;
          if (rule.fontColor !== null) cf.custom.format.font.color = rule.fontColor;
        }
      },
    });
  }
  return steps;
}

// ---------------------------------------------------------------------------------------
// Cells of the summary and history sheets
// ---------------------------------------------------------------------------------------

interface CellRun {
  row: number;
  col: number;
  cells: PlanCell[];
}

/** Groups plan cells into horizontal runs of the same style and format (one write each). */
export function cellRuns(cells: readonly PlanCell[]): CellRun[] {
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.col - b.col);
  const runs: CellRun[] = [];
  let cur: CellRun | null = null;
  for (const c of sorted) {
    const last: PlanCell | undefined = cur?.cells[cur.cells.length - 1];
    if (
      cur &&
      last &&
      !c.link &&
      !last.link &&
      c.row === cur.row &&
      c.col === last.col + 1 &&
      c.style === last.style &&
      c.format === last.format
    ) {
      cur.cells.push(c);
    } else {
      cur = { row: c.row, col: c.col, cells: [c] };
      runs.push(cur);
    }
  }
  return runs;
}

/** Steps writing plan cells: one per run of cells of the same style and format. */
export function cellSteps(
  sheetName: string,
  cells: readonly PlanCell[],
  mode: TextMode,
): WriteStep[] {
  return cellRuns(cells).map((run) => {
    const first = run.cells[0]!;
    const values = [run.cells.map((c) => c.value)];
    const bytes = run.cells.reduce((n, c) => n + valueBytes(c.value, mode), 0);
    return {
      bytes: bytes + jsonBytes(run.cells.length * 12) + 6 * ACTION_OVERHEAD_BYTES,
      queue: (ctx: Excel.RequestContext) => {
        const ref: RangeRef = {
          row: run.row,
          col: run.col,
          rowCount: 1,
          colCount: run.cells.length,
        };
        const range = sheets(ctx).get(sheetName).getRange(rangeToA1(ref));
        range.numberFormat = [run.cells.map((c) => formatFor(numberFormatCode(c), mode))];
        writeValues(range, values, mode);
        applyStyle(range, CELL_STYLES[first.style]);
        if (first.link) {
          const shown = typeof first.value === 'number' ? String(first.value) : (first.value ?? '');
          // textToDisplay replaces the cell's value and is not typed; text that could read
          // as a formula is left to the value written above instead.
          range.hyperlink = {
            documentReference: `${quoteRef(first.link.sheet)}!${toA1(first.link.row, first.link.col)}`,
            ...(excelText(shown, true) === shown ? { textToDisplay: shown } : {}),
          };
        }
      },
    };
  });
}

function quoteRef(name: string): string {
  // Hyperlink references always quote the sheet name: safe for every name.
  return `'${name.replace(/'/g, "''")}'`;
}

/** One step setting column widths (characters). */
export function widthSteps(
  sheetName: string,
  widths: readonly { col: number; width: number }[],
): WriteStep[] {
  if (widths.length === 0) return [];
  return [
    {
      bytes: widths.length * 2 * ACTION_OVERHEAD_BYTES,
      queue: (ctx) => {
        const ws = sheets(ctx).get(sheetName);
        for (const w of widths) {
          const letter = columnLetter(w.col);
          ws.getRange(`${letter}:${letter}`).format.columnWidth = charsToPoints(w.width);
        }
      },
    },
  ];
}

/** What the refresh found of the summary sheet before writing. */
export interface ExistingSummary {
  exists: boolean;
  /** Its charts (loaded proxies of this run), deleted when it is rebuilt. */
  charts: readonly Excel.Chart[];
}

function summarySteps(summary: SheetWrite, existing: ExistingSummary, mode: TextMode): WriteStep[] {
  const name = summary.name;
  const steps: WriteStep[] = [
    {
      // Rebuilt in place on every refresh: cleared (cells, formats, links, rules, charts), never
      // deleted and added again, so no tab moves and the refresh can stay one undo group
      // (Worksheet.delete and, on Windows and Mac, Worksheet.position have no undo support:
      // learn.microsoft.com, "Undo capabilities with the Excel JavaScript API").
      bytes: (existing.charts.length + 4) * ACTION_OVERHEAD_BYTES,
      queue: (ctx) => {
        const s = sheets(ctx);
        if (existing.exists) {
          const ws = s.get(name);
          ws.getRange().clear('All');
          ws.getRange().conditionalFormats.clearAll();
          for (const chart of existing.charts) chart.delete();
        } else {
          s.set(name, ctx.workbook.worksheets.add(name));
        }
      },
    },
    ...cellSteps(name, summary.cells, mode),
    ...widthSteps(name, summary.columnWidths),
  ];
  if (summary.dataBars.length > 0) {
    steps.push({
      bytes: summary.dataBars.length * 4 * ACTION_OVERHEAD_BYTES,
      queue: (ctx) => {
        const ws = sheets(ctx).get(name);
        for (const bar of summary.dataBars) {
          const cf = ws.getRange(rangeToA1(bar.range)).conditionalFormats.add('DataBar');
          cf.dataBar.positiveFormat.fillColor = bar.color;
          cf.dataBar.positiveFormat.gradientFill = false;
        }
      },
    });
  }
  const chart = summary.chart;
  if (chart) {
    steps.push({
      bytes: (chart.pointColors.length + 10) * ACTION_OVERHEAD_BYTES,
      queue: (ctx) => {
        const ws = sheets(ctx).get(name);
        const c = ws.charts.add('BarClustered', ws.getRange(rangeToA1(chart.values)), 'Columns');
        // Named as the file names its frame, so its shape is found for the alt text (chart-alt.ts).
        c.name = chartName(chart);
        c.title.text = chart.title;
        c.legend.visible = false;
        const series = c.series.getItemAt(0);
        series.name = chart.seriesName;
        series.setXAxisValues(ws.getRange(rangeToA1(chart.categories)));
        chart.pointColors.forEach((color, i) =>
          series.points.getItemAt(i).format.fill.setSolidColor(color),
        );
        c.setPosition(
          toA1(chart.anchor.from.row, chart.anchor.from.col),
          // setPosition's end cell is covered; the anchor's `to` is the cell just past the chart.
          toA1(chart.anchor.to.row - 1, chart.anchor.to.col - 1),
        );
      },
    });
  }
  return steps;
}

/** The history sheet and its header, when they are missing, and earlier rows' new cells: everything but the row. */
function historySteps(history: HistoryWrite, exists: boolean, mode: TextMode): WriteStep[] {
  const name = history.name;
  const steps: WriteStep[] = [];
  if (!exists || history.writeHeader) {
    steps.push({
      bytes: jsonBytes(history.headers) * 3 + 6 * ACTION_OVERHEAD_BYTES,
      queue: (ctx) => {
        // A missing sheet is created; where the header goes is the core's decision.
        const ws = exists ? sheets(ctx).get(name) : ctx.workbook.worksheets.add(name);
        sheets(ctx).set(name, ws);
        const ref: RangeRef = { row: 0, col: 0, rowCount: 1, colCount: history.headers.length };
        const range = ws.getRange(rangeToA1(ref));
        range.numberFormat = grid(1, history.headers.length, formatFor(NUMBER_FORMATS.text, mode));
        writeValues(range, [history.headers], mode);
        applyStyle(range, CELL_STYLES.tableHeader);
        if (!exists) ws.freezePanes.freezeRows(1);
      },
    });
    if (!exists) steps.push(...widthSteps(name, history.columnWidths));
  }
  // Earlier rows' cells of a column the rewritten header adds (the core chose them).
  steps.push(...cellSteps(name, history.earlierCells, mode));
  return steps;
}

// ---------------------------------------------------------------------------------------
// The change log and the snapshot (core/change-log.ts decides their rows)
// ---------------------------------------------------------------------------------------

/** A missing sheet is added; a new or emptied one gets its header, frozen, and its widths. */
function savedTableHead(
  name: string,
  headers: readonly string[],
  widths: readonly { col: number; width: number }[],
  exists: boolean,
  writeHeader: boolean,
  mode: TextMode,
): WriteStep[] {
  if (exists && !writeHeader) return [];
  return [
    {
      bytes: jsonBytes(headers) * 3 + 6 * ACTION_OVERHEAD_BYTES,
      queue: (ctx) => {
        const ws = exists ? sheets(ctx).get(name) : ctx.workbook.worksheets.add(name);
        sheets(ctx).set(name, ws);
        const range = ws.getRange(
          rangeToA1({ row: 0, col: 0, rowCount: 1, colCount: headers.length }),
        );
        range.numberFormat = grid(1, headers.length, formatFor(NUMBER_FORMATS.text, mode));
        writeValues(range, [headers], mode);
        applyStyle(range, CELL_STYLES.tableHeader);
        ws.freezePanes.freezeRows(1);
      },
    },
    ...widthSteps(name, widths),
  ];
}

/**
 * The change log's rows (appended where the core said, after the last used row) and the
 * snapshot, replaced whole: cleared, then written in chunks that each fit a request.
 */
function changeLogSteps(
  write: ChangeLogWrite,
  existing: { log: boolean; snapshot: boolean },
  mode: TextMode,
): WriteStep[] {
  const { log, snapshot } = write;
  const steps: WriteStep[] = [
    ...savedTableHead(log.name, log.headers, log.columnWidths, existing.log, log.writeHeader, mode),
    ...cellSteps(log.name, log.cells, mode),
  ];
  const name = snapshot.name;
  const width = snapshot.headers.length;
  steps.push({
    bytes: 4 * ACTION_OVERHEAD_BYTES,
    queue: (ctx) => {
      const ws = existing.snapshot ? sheets(ctx).get(name) : ctx.workbook.worksheets.add(name);
      if (existing.snapshot) ws.getRange().clear('All');
      sheets(ctx).set(name, ws);
      // Hidden where the core starts the snapshot afresh (else it keeps its visibility).
      if (snapshot.hidden) ws.visibility = 'Hidden';
    },
  });
  steps.push(...savedTableHead(name, snapshot.headers, snapshot.columnWidths, true, true, mode));
  const formats = snapshot.formats.map((f) => formatFor(NUMBER_FORMATS[f], mode));
  for (const chunk of outputChunks(snapshot.rows, mode)) {
    steps.push({
      bytes: chunk.bytes + (jsonBytes(formats) + width * 2 * ACTION_OVERHEAD_BYTES),
      queue: (ctx) => {
        const ws = sheets(ctx).get(name);
        const ref: RangeRef = {
          row: 1 + chunk.start,
          col: 0,
          rowCount: chunk.count,
          colCount: width,
        };
        // One format per column: a 1x1 array applies to every cell of the range
        // (Excel.Range.numberFormat reference).
        formats.forEach((f, col) => {
          ws.getRange(rangeToA1({ ...ref, col, colCount: 1 })).numberFormat = [[f]];
        });
        writeValues(
          ws.getRange(rangeToA1(ref)),
          snapshot.rows.slice(chunk.start, chunk.start + chunk.count),
          mode,
        );
      },
    });
  }
  return steps;
}

/** Everything a refresh writes, as ordered steps with size estimates. */
export function planSteps(
  host: ExcelHost,
  plan: WritePlan,
  snapshot: SheetSnapshot,
  /** The sheet's earlier rules that the core recognised as ours (to delete). */
  oldRules: readonly LoadedRule[],
  existing: {
    summaryPosition: number | null;
    history: boolean;
    /** Whether the change log and the snapshot sheet exist (absent: neither does). */
    changeLog?: boolean;
    snapshot?: boolean;
    /** The existing summary's charts (deleted when it is rebuilt). */
    summaryCharts?: readonly Excel.Chart[];
  },
  /** For each of `plan.moreInventories` (several inventory sheets): its snapshot and old rules. */
  more: readonly { snapshot: SheetSnapshot; oldRules: readonly LoadedRule[] }[] = [],
): WriteStep[] {
  const mode = textModeOf(host);
  const steps = inventorySteps(host, plan.inventory, snapshot, oldRules);
  (plan.moreInventories ?? []).forEach((inv, i) => {
    const sheet = more[i];
    if (!sheet) throw new Error(`planSteps: no snapshot for inventory sheet "${inv.sheet}"`);
    steps.push(...inventorySteps(host, inv, sheet.snapshot, sheet.oldRules));
  });
  steps.push(
    ...summarySteps(
      plan.summary,
      { exists: existing.summaryPosition !== null, charts: existing.summaryCharts ?? [] },
      mode,
    ),
  );
  steps.push(...ownSheetExtras(host, plan));
  if (plan.history) {
    steps.push(...historySteps(plan.history, existing.history, mode));
    steps.push(...historyExtras(host, plan.history));
  }
  if (plan.changeLog) {
    steps.push(
      ...changeLogSteps(
        plan.changeLog,
        { log: existing.changeLog ?? false, snapshot: existing.snapshot ?? false },
        mode,
      ),
    );
    steps.push(...changeLogExtras(host, plan));
  }
  if (plan.history) {
    // The history row goes last: it records that the refresh completed (src/core/host.ts), so
    // a refresh that fails part-way leaves none (Excel is not transactional across syncs).
    steps.push(...cellSteps(plan.history.name, plan.history.row, mode));
  }
  steps.push(...openOnSteps(plan));
  return steps;
}

/**
 * Queues the steps batch by batch, one sync per batch, calculation suspended in each. A batch
 * the host refuses as too large (RequestPayloadSizeLimitExceeded: refused before any of it
 * ran) is sent again in halves, down to single steps and then the steps' own halves.
 * Returns the number of batches that went through.
 */
export async function applySteps(
  context: Excel.RequestContext,
  steps: readonly WriteStep[],
  onBatch: (done: number, total: number) => void,
): Promise<number> {
  const batches = packSteps(steps);
  // Say "writing" before the first batch goes out, so a one-batch refresh shows it too.
  onBatch(0, batches.length);
  let sent = 0;
  const send = async (batch: readonly WriteStep[]): Promise<void> => {
    context.workbook.application.suspendApiCalculationUntilNextSync();
    for (const step of batch) step.queue(context);
    try {
      await context.sync();
      sent++;
    } catch (err) {
      if (officeErrorCode(err) !== 'RequestPayloadSizeLimitExceeded') throw err;
      // Proxies made for the refused batch are not trusted again.
      sheetsByContext.delete(context);
      const parts = splitBatch(batch);
      if (parts === null) throw err;
      for (const part of parts) await send(part);
    }
  };
  // Each batch needs the previous one applied (sheets created, rules deleted), in order.
  for (let i = 0; i < batches.length; i++) {
    await send(batches[i]!);
    onBatch(i + 1, batches.length);
  }
  return sent;
}

/** Two smaller batches doing the same work, or null when the work cannot be divided. */
function splitBatch(batch: readonly WriteStep[]): WriteStep[][] | null {
  if (batch.length > 1) {
    const half = Math.ceil(batch.length / 2);
    return [batch.slice(0, half), batch.slice(half)];
  }
  const parts = batch[0]?.split?.();
  return parts && parts.length > 1 ? parts.map((p) => [p]) : null;
}
