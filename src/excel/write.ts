/**
 * Applying the core's WritePlan through Office.js. The plan becomes a list of write steps,
 * each with its estimated request size; the steps are packed into batches under the 5 MB
 * request limit and each batch is one `context.sync()`, so a refresh takes a constant number
 * of syncs plus one per chunk of rows. Input cells are never written: only the six output
 * columns, our own conditional formats, the frozen header, the filter, and the two sheets the
 * add-in owns.
 *
 * Text safety. Microsoft's Range.values reference says a value that starts with "=", "+" or
 * "-" is interpreted as a formula, and documents no exception for the Text ("@") number
 * format (@types/office-js, Excel.Range.values; see also OfficeDev/office-js#6687 on the
 * leading apostrophe). So the output columns get the "@" format first (later edits and
 * number-like text stay text) and every string that Excel could read as a formula or a
 * number gets Excel's quote prefix ("'"), which makes the rest literal text and is not part
 * of the value read back.
 */

import { CELL_STYLES, NUMBER_FORMATS, columnLetter, rangeToA1, toA1 } from '../core';
import type {
  CellStyle,
  CfRule,
  HistoryWrite,
  InventoryWrite,
  PlanCell,
  RangeRef,
  SheetSnapshot,
  SheetWrite,
  WritePlan,
} from '../core';
import { AUTOFILTER_API } from './host';
import type { ExcelHost } from './host';
import { ACTION_OVERHEAD_BYTES, jsonBytes, packSteps, utf8Length } from './payload';
import type { WriteStep } from './payload';
import type { LoadedRule } from './read';
import { historyExtras } from './history-chart';
import { ownSheetExtras } from './print';

/** Estimated bytes a chunk of output rows may carry (values + "@" formats). */
export const CHUNK_BUDGET_BYTES = 3_500_000;

/** A string as Excel must receive it to store exactly that text. */
export function excelText(s: string, textFormatted: boolean): string {
  if (s === '') return s;
  if (/^[=+\-@']/.test(s)) return `'${s}`;
  // Outside "@" cells Excel also converts numbers, percentages, dates and booleans.
  if (!textFormatted && (/^[\s\d.,$€£%/:+-]+$/.test(s) || /^(true|false)$/i.test(s)))
    return `'${s}`;
  return s;
}

/** Excel's column width is in points; the plan gives characters of the default font. */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** The conditional-format formula of a plan rule, relative to its range's top-left cell. */
export function ruleFormula(rule: CfRule): string {
  const row = rule.range.row + 1;
  if (rule.kind === 'textEquals') {
    return `=$${columnLetter(rule.range.col)}${row}="${rule.text.replace(/"/g, '""')}"`;
  }
  return `=LEN(TRIM($${columnLetter(rule.testCol)}${row}))>0`;
}

/** Applies a cell style to a range (font, fill, wrap, alignment). */
function applyStyle(range: Excel.Range, style: CellStyle): void {
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
function sheets(context: Excel.RequestContext): Sheets {
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

/** Splits the output rows into chunks whose estimated request size fits the chunk budget. */
export function outputChunks(
  values: readonly (readonly string[])[],
): { start: number; count: number; bytes: number }[] {
  const chunks: { start: number; count: number; bytes: number }[] = [];
  // Per row: the guarded strings, quotes and commas, plus six "@" formats.
  const formatBytes = 6 * 4 + 2;
  let start = 0;
  let bytes = 0;
  values.forEach((row, i) => {
    let rowBytes = 2 + formatBytes;
    for (const s of row) rowBytes += utf8Length(JSON.stringify(excelText(s, true))) + 1;
    if (i > start && bytes + rowBytes > CHUNK_BUDGET_BYTES) {
      chunks.push({ start, count: i - start, bytes: bytes + 2 * ACTION_OVERHEAD_BYTES });
      start = i;
      bytes = 0;
    }
    bytes += rowBytes;
  });
  if (values.length > start) {
    chunks.push({ start, count: values.length - start, bytes: bytes + 2 * ACTION_OVERHEAD_BYTES });
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

  // 1. Our previous rules: custom rules whose formula is one this plan writes. Formulas are
  // relative to the rule's top-left cell and Excel shifts them with inserted rows/columns,
  // so a rule we wrote earlier still matches after the sheet moved around.
  const ours = new Set(inv.conditionalFormats.map(ruleFormula));
  const stale = oldRules.filter((r) => r.formula !== null && ours.has(r.formula));
  if (stale.length > 0) {
    steps.push({
      bytes: stale.length * ACTION_OVERHEAD_BYTES,
      queue: () => stale.forEach((r) => r.format.delete()),
    });
  }

  // 2. Table columns: the table grows over the output columns (cleared first: they can only
  // hold our earlier output, the core refused anything else).
  const table = inv.table;
  if (table && table.addColumns > 0) {
    const info = snapshot.tables.find((t) => t.name === table.name);
    steps.push({
      bytes: (table.addColumns + 2) * ACTION_OVERHEAD_BYTES,
      queue: (ctx) => {
        const ws = sheets(ctx).get(name);
        if (info) {
          const tableEnd = info.range.col + info.range.colCount;
          ws.getRange(
            rangeToA1({
              row: info.range.row,
              col: tableEnd,
              rowCount: info.range.rowCount,
              colCount: table.addColumns,
            }),
          ).clear('Contents');
        }
        const t = ws.tables.getItem(table.name);
        for (const header of inv.headers.slice(width - table.addColumns)) {
          t.columns.add(undefined, undefined, header);
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
    bytes: jsonBytes(inv.headers) * 2 + 4 * ACTION_OVERHEAD_BYTES,
    queue: (ctx) => {
      const range = sheets(ctx).get(name).getRange(rangeToA1(headerRef));
      range.numberFormat = grid(1, width, NUMBER_FORMATS.text);
      range.values = [inv.headers.map((h) => excelText(h, true))];
      applyStyle(range, CELL_STYLES.outputHeader);
    },
  });

  // 4. Output values, one step per chunk: "@" first, then the text.
  for (const chunk of outputChunks(inv.values)) {
    steps.push({
      bytes: chunk.bytes,
      queue: (ctx) => {
        const ref: RangeRef = {
          row: inv.firstRow + chunk.start,
          col: inv.firstCol,
          rowCount: chunk.count,
          colCount: width,
        };
        const range = sheets(ctx).get(name).getRange(rangeToA1(ref));
        range.numberFormat = grid(chunk.count, width, NUMBER_FORMATS.text);
        range.values = inv.values
          .slice(chunk.start, chunk.start + chunk.count)
          .map((row) => row.map((s) => excelText(s, true)));
      },
    });
  }

  // Widths of the output columns, only when this refresh creates them (the plan decides).
  steps.push(...widthSteps(name, inv.columnWidths));

  // 5. Frozen header and filter, only where the sheet had none (the plan decides).
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

  // 6. Our rules. Excel adds each new format at the top priority, so the plan's list (highest
  // priority first) is added from the end.
  const rules = [...inv.conditionalFormats].reverse();
  if (rules.length > 0) {
    steps.push({
      bytes: rules.length * 5 * ACTION_OVERHEAD_BYTES,
      queue: (ctx) => {
        const ws = sheets(ctx).get(name);
        for (const rule of rules) {
          const cf = ws.getRange(rangeToA1(rule.range)).conditionalFormats.add('Custom');
          cf.custom.rule.formula = ruleFormula(rule);
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

function cellValue(c: PlanCell): string | number {
  if (c.value === null) return '';
  if (typeof c.value === 'number') return c.value;
  return excelText(c.value, c.format === 'text');
}

function cellSteps(sheetName: string, cells: readonly PlanCell[]): WriteStep[] {
  return cellRuns(cells).map((run) => {
    const first = run.cells[0]!;
    const values = [run.cells.map(cellValue)];
    return {
      bytes: jsonBytes(values) + jsonBytes(run.cells.length * 12) + 6 * ACTION_OVERHEAD_BYTES,
      queue: (ctx: Excel.RequestContext) => {
        const ref: RangeRef = {
          row: run.row,
          col: run.col,
          rowCount: 1,
          colCount: run.cells.length,
        };
        const range = sheets(ctx).get(sheetName).getRange(rangeToA1(ref));
        range.numberFormat = [run.cells.map((c) => NUMBER_FORMATS[c.format])];
        range.values = values;
        applyStyle(range, CELL_STYLES[first.style]);
        if (first.link) {
          const shown = typeof first.value === 'number' ? String(first.value) : (first.value ?? '');
          // textToDisplay replaces the cell's value; text that could read as a formula is left
          // to the (quote-prefixed) value written above instead.
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

function widthSteps(
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

function summarySteps(summary: SheetWrite, position: number | null): WriteStep[] {
  const name = summary.name;
  const steps: WriteStep[] = [
    {
      // Rebuilt on every refresh: delete and add, so it is never duplicated.
      bytes: 3 * ACTION_OVERHEAD_BYTES,
      queue: (ctx) => {
        const s = sheets(ctx);
        if (position !== null) {
          s.get(name).delete();
          s.set(name, null);
        }
        const ws = ctx.workbook.worksheets.add(name);
        // Back to its old place in the tab order, so a refresh does not shuffle the tabs.
        if (position !== null) ws.position = position;
        s.set(name, ws);
      },
    },
    ...cellSteps(name, summary.cells),
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
          toA1(chart.anchor.to.row, chart.anchor.to.col),
        );
      },
    });
  }
  return steps;
}

function historySteps(history: HistoryWrite, exists: boolean): WriteStep[] {
  const name = history.name;
  const steps: WriteStep[] = [];
  if (!exists) {
    steps.push({
      bytes: jsonBytes(history.headers) + 6 * ACTION_OVERHEAD_BYTES,
      queue: (ctx) => {
        const ws = ctx.workbook.worksheets.add(name);
        sheets(ctx).set(name, ws);
        const ref: RangeRef = { row: 0, col: 0, rowCount: 1, colCount: history.headers.length };
        const range = ws.getRange(rangeToA1(ref));
        range.numberFormat = grid(1, history.headers.length, NUMBER_FORMATS.text);
        range.values = [history.headers.map((h) => excelText(h, true))];
        applyStyle(range, CELL_STYLES.tableHeader);
        ws.freezePanes.freezeRows(1);
      },
    });
    steps.push(...widthSteps(name, history.columnWidths));
  }
  steps.push(...cellSteps(name, history.row));
  return steps;
}

/** Everything a refresh writes, as ordered steps with size estimates. */
export function planSteps(
  host: ExcelHost,
  plan: WritePlan,
  snapshot: SheetSnapshot,
  oldRules: readonly LoadedRule[],
  existing: { summaryPosition: number | null; history: boolean },
): WriteStep[] {
  const steps = inventorySteps(host, plan.inventory, snapshot, oldRules);
  steps.push(...summarySteps(plan.summary, existing.summaryPosition));
  steps.push(...ownSheetExtras(host, plan));
  if (plan.history) steps.push(...historySteps(plan.history, existing.history));
  if (plan.history) steps.push(...historyExtras(host, plan.history));
  return steps;
}

/**
 * Queues the steps batch by batch, one sync per batch, calculation suspended in each.
 * Returns the number of syncs.
 */
export async function applySteps(
  context: Excel.RequestContext,
  steps: readonly WriteStep[],
  onBatch: (done: number, total: number) => void,
): Promise<number> {
  const batches = packSteps(steps);
  // Say "writing" before the first batch goes out, so a one-batch refresh shows it too.
  onBatch(0, batches.length);
  // Each batch needs the previous one applied (sheets created, rules deleted), in order.
  await batches.reduce(
    (prev, batch, i) =>
      prev.then(async () => {
        context.workbook.application.suspendApiCalculationUntilNextSync();
        for (const step of batch) step.queue(context);
        await context.sync();
        onBatch(i + 1, batches.length);
      }),
    Promise.resolve(),
  );
  return batches.length;
}
