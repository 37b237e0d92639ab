/**
 * Reading the workbook through Office.js in a fixed number of round trips plus one per
 * chunk of a large inventory:
 *   1. the sheet list (names, visibility, protection, auto-filter) and the active sheet;
 *   2. per candidate sheet: used range, a header probe (the used part of the first rows),
 *      frozen panes, tables, conditional-format types; the history sheet's size;
 *   3+. the chosen inventory's values in row chunks, each response kept under Excel on the
 *      web's 5 MB payload limit (learn.microsoft.com, "Resource limits and performance
 *      optimization for Office Add-ins": requests and responses are limited to 5 MB), plus,
 *      with the first chunk, its table ranges and the formulas of its custom rules.
 * Values are converted to the core's SheetSnapshot in one typed function (`toSnapshot`).
 */

import { HISTORY_SHEET, SUMMARY_SHEET, parseRangeA1, problem } from '../core';
import type { CellValue, RangeRef, ReportedRule, SheetSnapshot, TableInfo } from '../core';
import type { SheetFacts } from '../core/host';
import { HEADER_SEARCH_ROWS } from '../core/headers';
import type { ExcelHost } from './host';
import { AUTOFILTER_API, officeErrorCode } from './host';
import { utf8Length } from './payload';

/** Rows the header probe covers from the top of the sheet (one request for every sheet). */
export const PROBE_WINDOW_ROWS = 100;
/** Target size of one read response; Excel's limit is 5 MB, estimates can be off. */
export const READ_BUDGET_BYTES = 3_500_000;

/** Excel's error values as Range.values returns them (text that is really an error). */
const ERROR_VALUES = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#PYTHON!',
]);

export interface SheetMeta {
  name: string;
  visible: boolean;
  isProtected: boolean;
  hasAutoFilter: boolean;
  isActive: boolean;
}

/** What one worksheet looks like before its values are read in full. */
export interface SheetProbe {
  meta: SheetMeta;
  /** The used range (values only), or null for an empty sheet. */
  used: RangeRef | null;
  /** Snapshot of the used range's first rows: enough for header detection. */
  probe: SheetSnapshot;
  hasFrozenPanes: boolean;
  tableNames: string[];
  /** Values of a probe that had to be re-read (used range starting low on the sheet). */
  needsReprobe: boolean;
  /** The sheet's conditional formats (types loaded), to find our own rules later. */
  formats: Excel.ConditionalFormatCollection;
}

export interface WorkbookIndex {
  sheets: SheetMeta[];
  probes: SheetProbe[];
  /** Last used row (0-based) of the history sheet, or null when it is missing or empty. */
  historyLastRow: number | null;
  /** Position of the existing summary sheet in the tab order, or null when there is none. */
  summaryPosition: number | null;
  historyExists: boolean;
}

/** Raw facts about one sheet as Office.js returned them (the input of `toSnapshot`). */
export interface RawSheet {
  meta: SheetMeta;
  used: RangeRef | null;
  values: readonly (readonly unknown[])[];
  tables: TableInfo[];
  hasFrozenPanes: boolean;
}

/** Converts one Office.js cell value to the core's CellValue. */
export function toCellValue(v: unknown): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  if (ERROR_VALUES.has(s)) return { kind: 'error', code: s };
  return s;
}

/** The one conversion from what Office.js returned to the core's SheetSnapshot. */
export function toSnapshot(raw: RawSheet): SheetSnapshot {
  const width = raw.used?.colCount ?? 0;
  const values: CellValue[][] = raw.values.map((row) => {
    const out: CellValue[] = new Array<CellValue>(width);
    for (let j = 0; j < width; j++) out[j] = toCellValue(row[j]);
    return out;
  });
  return {
    name: raw.meta.name,
    origin: { row: raw.used?.row ?? 0, col: raw.used?.col ?? 0 },
    values,
    tables: raw.tables,
    hasFrozenPanes: raw.hasFrozenPanes,
    hasAutoFilter: raw.meta.hasAutoFilter,
    isProtected: raw.meta.isProtected,
  };
}

/** Parses an Office.js address ("Sheet1!B3:D9") into a RangeRef. */
export function addressToRef(address: string): RangeRef {
  const bang = address.lastIndexOf('!');
  return parseRangeA1(bang >= 0 ? address.slice(bang + 1) : address);
}

function boxOf(range: Excel.Range): RangeRef {
  return {
    row: range.rowIndex,
    col: range.columnIndex,
    rowCount: range.rowCount,
    colCount: range.columnCount,
  };
}

/** Sync 1: the sheet list and the active sheet. */
async function readSheetList(context: Excel.RequestContext, host: ExcelHost): Promise<SheetMeta[]> {
  const withFilter = host.isSetSupported('ExcelApi', AUTOFILTER_API);
  const sheets = context.workbook.worksheets;
  sheets.load(
    withFilter
      ? 'items/name, items/visibility, items/protection/protected, items/autoFilter/enabled'
      : 'items/name, items/visibility, items/protection/protected',
  );
  const active = sheets.getActiveWorksheet();
  active.load('name');
  await context.sync();
  return sheets.items.map((ws) => ({
    name: ws.name,
    visible: ws.visibility === 'Visible',
    isProtected: ws.protection.protected,
    hasAutoFilter: withFilter ? ws.autoFilter.enabled : false,
    isActive: ws.name === active.name,
  }));
}

interface ProbeHandles {
  meta: SheetMeta;
  used: Excel.Range;
  window: Excel.Range;
  frozen: Excel.Range;
  tables: Excel.TableCollection;
  formats: Excel.ConditionalFormatCollection;
}

/**
 * Syncs 1–2 (3 in the rare case of a sheet whose data starts below the probe window):
 * everything but the inventory's full values.
 */
export async function readIndex(
  context: Excel.RequestContext,
  host: ExcelHost,
  wanted: (facts: SheetFacts) => boolean,
): Promise<WorkbookIndex> {
  const sheets = await readSheetList(context, host);
  // The core says which sheets are candidates; only those are probed.
  const candidates = sheets.filter((s) => wanted(s));
  const handles: ProbeHandles[] = candidates.map((meta) => {
    const ws = context.workbook.worksheets.getItem(meta.name);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('rowIndex, columnIndex, rowCount, columnCount');
    const window = ws.getRange(`1:${PROBE_WINDOW_ROWS}`).getUsedRangeOrNullObject(true);
    window.load('values, rowIndex, columnIndex, rowCount, columnCount');
    const frozen = ws.freezePanes.getLocationOrNullObject();
    frozen.load('address');
    const tables = ws.tables.load('items/name');
    // Rule types now, so the formulas of the chosen sheet's rules ride with its first chunk.
    const formats = ws.getRange().conditionalFormats.load('items/type');
    return { meta, used, window, frozen, tables, formats };
  });
  const historyMeta = sheets.find((s) => s.name === HISTORY_SHEET);
  const historyUsed = historyMeta
    ? context.workbook.worksheets.getItem(HISTORY_SHEET).getUsedRangeOrNullObject(true)
    : null;
  historyUsed?.load('rowIndex, rowCount');
  await context.sync();

  const probes = handles.map((h): SheetProbe => {
    const used = h.used.isNullObject ? null : boxOf(h.used);
    let values: unknown[][] = [];
    let needsReprobe = false;
    if (used !== null && !h.window.isNullObject) {
      const win = boxOf(h.window);
      // The window's used part starts at the used range's top row when that is in the window.
      const lastNeeded = used.row + Math.min(HEADER_SEARCH_ROWS, used.rowCount) - 1;
      needsReprobe = win.row !== used.row || lastNeeded > PROBE_WINDOW_ROWS - 1;
      if (!needsReprobe) values = alignRows(h.window.values, win, used, HEADER_SEARCH_ROWS);
    } else if (used !== null) {
      needsReprobe = true;
    }
    return {
      meta: h.meta,
      used,
      probe: toSnapshot({ meta: h.meta, used, values, tables: [], hasFrozenPanes: false }),
      hasFrozenPanes: !h.frozen.isNullObject,
      tableNames: h.tables.items.map((t) => t.name),
      needsReprobe,
      formats: h.formats,
    };
  });

  const late = probes.filter((p) => p.needsReprobe && p.used !== null);
  if (late.length > 0) {
    const ranges = late.map((p) => {
      const used = p.used!;
      const r = context.workbook.worksheets
        .getItem(p.meta.name)
        .getRange(refToA1({ ...used, rowCount: Math.min(HEADER_SEARCH_ROWS, used.rowCount) }));
      r.load('values');
      return r;
    });
    await context.sync();
    late.forEach((p, i) => {
      p.probe = toSnapshot({
        meta: p.meta,
        used: p.used,
        values: ranges[i]!.values,
        tables: [],
        hasFrozenPanes: false,
      });
    });
  }

  const historyLastRow =
    historyUsed && !historyUsed.isNullObject
      ? historyUsed.rowIndex + historyUsed.rowCount - 1
      : null;
  return {
    sheets,
    probes,
    historyLastRow,
    summaryPosition: positionOf(sheets, SUMMARY_SHEET),
    historyExists: historyMeta !== undefined,
  };
}

function positionOf(sheets: readonly SheetMeta[], name: string): number | null {
  const i = sheets.findIndex((s) => s.name === name);
  return i < 0 ? null : i;
}

/** Re-bases window rows onto the used range's columns (the window may be narrower). */
function alignRows(
  values: readonly (readonly unknown[])[],
  win: RangeRef,
  used: RangeRef,
  maxRows: number,
): unknown[][] {
  const out: unknown[][] = [];
  const rows = Math.min(maxRows, used.rowCount);
  for (let i = 0; i < rows; i++) {
    const src = values[used.row + i - win.row];
    const row: unknown[] = new Array<unknown>(used.colCount).fill('');
    if (src) {
      for (let j = 0; j < used.colCount; j++) {
        const k = used.col + j - win.col;
        if (k >= 0 && k < win.colCount) row[j] = src[k];
      }
    }
    out.push(row);
  }
  return out;
}

function refToA1(r: RangeRef): string {
  return `${colLetters(r.col)}${r.row + 1}:${colLetters(r.col + r.colCount - 1)}${r.row + r.rowCount}`;
}

function colLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

interface TableHandle {
  t: Excel.Table;
  range: Excel.Range;
  header: Excel.Range;
}

/** One conditional format of the inventory sheet: its proxy and what the core is told of it. */
export interface LoadedRule {
  format: Excel.ConditionalFormat;
  reported: ReportedRule;
}

interface RuleHandles {
  format: Excel.ConditionalFormat;
  range: Excel.Range | null;
}

export interface InventoryRead {
  snapshot: SheetSnapshot;
  rules: LoadedRule[];
  /** Read chunks (syncs) used for the values. */
  chunks: number;
}

/** Estimated response bytes per cell, from the probe (strings dominate the payload). */
export function bytesPerCell(probe: SheetSnapshot): number {
  const cells = probe.values.reduce((n, r) => n + r.length, 0);
  if (cells === 0) return 16;
  const json = utf8Length(JSON.stringify(probe.values.map((r) => r.map((v) => v ?? ''))));
  // Twice the probe's average: the header rows are short, the data rows below may not be.
  return Math.max(8, Math.ceil((2 * json) / cells));
}

/** Splits the used range into row chunks that each fit the read budget. */
export function readChunks(used: RangeRef, perCell: number): RangeRef[] {
  const rowBytes = Math.max(1, perCell * used.colCount);
  const rowsPerChunk = Math.max(1, Math.floor(READ_BUDGET_BYTES / rowBytes));
  const out: RangeRef[] = [];
  for (let r = 0; r < used.rowCount; r += rowsPerChunk) {
    out.push({ ...used, row: used.row + r, rowCount: Math.min(rowsPerChunk, used.rowCount - r) });
  }
  return out;
}

/**
 * Syncs 3..: the inventory's values in chunks (a chunk whose response is still too large is
 * split in two and read again), its tables and its conditional formats.
 */
export async function readInventory(
  context: Excel.RequestContext,
  probe: SheetProbe,
  onChunk: (done: number, total: number) => void,
): Promise<InventoryRead> {
  const ws = context.workbook.worksheets.getItem(probe.meta.name);
  const used = probe.used;
  const chunks = used ? readChunks(used, bytesPerCell(probe.probe)) : [];

  // Tables and rule formulas travel with the first chunk (or alone for an empty sheet); if
  // that sync fails (a response too large), they are queued again with the retry.
  let ruleHandles: RuleHandles[] = [];
  const queueExtras = (): TableHandle[] => {
    // Every rule the core may recognise as ours: Custom (how we write them) and CellValue
    // (how Office.js reports the file adapter's earlier cellIs rules), with the range each
    // applies to (ConditionalFormat.getRangeOrNullObject, ExcelApi 1.6; a null object for a
    // rule over several ranges, which is never ours).
    ruleHandles = probe.formats.items.map((format) => {
      if (format.type === 'Custom') {
        format.custom.rule.load('formula');
      } else if (format.type === 'CellValue') {
        format.cellValue.load('rule');
      } else {
        return { format, range: null };
      }
      const range = format.getRangeOrNullObject();
      range.load('address');
      return { format, range };
    });
    return probe.tableNames.map((name) => {
      const t = ws.tables.getItem(name);
      t.load('name, showTotals');
      const range = t.getRange();
      range.load('address');
      const header = t.getHeaderRowRange();
      header.load('values');
      return { t, range, header };
    });
  };
  let tableHandles: TableHandle[] | null = null;

  const rows: unknown[][] = [];
  let syncs = 0;
  const readOne = async (chunk: RangeRef): Promise<void> => {
    const extras = tableHandles === null ? queueExtras() : null;
    const range = ws.getRange(refToA1(chunk));
    range.load('values');
    try {
      syncs++;
      await context.sync();
      if (extras) tableHandles = extras;
    } catch (err) {
      if (officeErrorCode(err) === 'ResponsePayloadSizeLimitExceeded' && chunk.rowCount > 1) {
        const half = Math.ceil(chunk.rowCount / 2);
        await readOne({ ...chunk, rowCount: half });
        await readOne({ ...chunk, row: chunk.row + half, rowCount: chunk.rowCount - half });
        return;
      }
      if (officeErrorCode(err) === 'ResponsePayloadSizeLimitExceeded') {
        throw problem('payload-too-large', { rows: used?.rowCount ?? 0 });
      }
      throw err;
    }
    for (const row of range.values) rows.push(row);
  };
  // Chunks are read one after the other: each needs its own response under the limit.
  await chunks.reduce(
    (prev, chunk, i) =>
      prev.then(async () => {
        await readOne(chunk);
        onChunk(i + 1, chunks.length);
      }),
    Promise.resolve(),
  );
  if (chunks.length === 0) {
    const extras = queueExtras();
    syncs++;
    await context.sync();
    tableHandles = extras;
  }

  const rules: LoadedRule[] = ruleHandles.map((h) => ({
    format: h.format,
    reported: reportedRule(h),
  }));

  const tables: TableInfo[] = (tableHandles ?? []).map(({ t, range, header }) => ({
    name: t.name,
    range: addressToRef(range.address),
    columns: (header.values[0] ?? []).map((v) => String(v ?? '')),
    hasTotalsRow: t.showTotals,
  }));
  const snapshot = toSnapshot({
    meta: probe.meta,
    used,
    values: rows,
    tables,
    hasFrozenPanes: probe.hasFrozenPanes,
  });
  return { snapshot, rules, chunks: syncs };
}

/** What the core is told about one rule (the one conversion from Office.js's view). */
function reportedRule(h: RuleHandles): ReportedRule {
  if (h.range === null || h.range.isNullObject) return { kind: 'other', ranges: [], formula: '' };
  const ranges = [addressToRef(h.range.address)];
  if (h.format.type === 'Custom') {
    return { kind: 'expression', ranges, formula: h.format.custom.rule.formula };
  }
  const rule = h.format.cellValue.rule;
  return rule.operator === 'EqualTo'
    ? { kind: 'cellEquals', ranges, formula: rule.formula1 }
    : { kind: 'other', ranges, formula: '' };
}
