/**
 * Reading the workbook through Office.js in a fixed number of round trips plus one per
 * chunk of a large inventory:
 *   1. the sheet list (names, visibility, protection, auto-filter) and the active sheet;
 *   2. per candidate sheet: used range, frozen panes, tables, conditional-format types; the
 *      history sheet's size and the summary's charts;
 *   3. the header probes: the first rows of each used range, as wide as the used range,
 *      packed into syncs by their size (one sync for ordinary workbooks) and split again when
 *      the host still refuses a response as too large;
 *   3+. the chosen inventory's values in row chunks, each response kept under Excel on the
 *      web's 5 MB payload limit (learn.microsoft.com, "Resource limits and performance
 *      optimization for Office Add-ins": requests and responses are limited to 5 MB), plus,
 *      with the first chunk, its table ranges and the formulas of its custom rules.
 * Values are converted to the core's SheetSnapshot in one typed function (`toSnapshot`).
 */

import { parseRangeA1, rangeToA1 } from '../core/address';
import { problem } from '../core/messages';
import { CHANGES_SHEET, HISTORY_SHEET, SNAPSHOT_SHEET, SUMMARY_SHEET } from '../core/domain';
import type { CellValue, RangeRef, SheetSnapshot, TableInfo } from '../core/input';
import type { ReportedRule } from '../core/rules';
import type { SheetFacts } from '../core/host';
import { HEADER_SEARCH_ROWS } from '../core/headers';
import { GRID_COLUMNS } from '../core/grid';
import { OUTPUT_WIDTH } from '../core/output';
import type { ExcelHost } from './host';
import { AUTOFILTER_API, officeErrorCode } from './host';
import { utf8Length } from './payload';

/**
 * Target size of one read response; Excel's limit is 5 MB. Chunks after the first are sized
 * from what the rows read so far weighed (MEASURED_MARGIN on top), so a response lands near
 * 4.7 MB: above the 4.5 MB a sync is counted at in issue 11's bound (at 1,048,575 rows every
 * sync short of it costs one more), under 5 MB with room (a response still too large is split
 * and read again).
 */
export const READ_BUDGET_BYTES = 4_850_000;
/** Cells one read may cover ("A range is limited to 5,000,000 cells for read operations"). */
export const READ_CELL_LIMIT = 5_000_000;
/**
 * Estimated response bytes per probed cell: header rows hold short text, but a probe may
 * reach into data; a response that turns out larger is split and read again.
 */
export const PROBE_BYTES_PER_CELL = 24;
/**
 * Margin on the bytes per cell measured from the rows already read (the heavier of all of them
 * and the last chunk): chunks of thousands of rows of one inventory weigh alike within a few
 * tenths of a percent, and a chunk that still comes back too large is split and read again.
 */
const MEASURED_MARGIN = 1.03;

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
  /** The sheet's conditional formats (types loaded), to find our own rules later. */
  formats: Excel.ConditionalFormatCollection;
}

export interface WorkbookIndex {
  sheets: SheetMeta[];
  probes: SheetProbe[];
  /** Last used row (0-based) of the history sheet, or null when it is missing or empty. */
  historyLastRow: number | null;
  /** The history sheet's cells from row 1 to its last used row (null when it has none). */
  historyValues: CellValue[][] | null;
  /** Position of the existing summary sheet in the tab order, or null when there is none. */
  summaryPosition: number | null;
  /** The existing summary sheet's charts (removed when it is rebuilt in place). */
  summaryCharts: Excel.Chart[];
  historyExists: boolean;
  /** Last used row (0-based) of the change log, or null when it is missing or empty. */
  changeLogLastRow: number | null;
  /** The snapshot sheet's cells from A1 to its last used cell, or null when it is missing or empty. */
  snapshotValues: CellValue[][] | null;
  changeLogExists: boolean;
  snapshotExists: boolean;
  /** Syncs the header probes took (1 unless a probe had to be split). */
  probeSyncs: number;
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

/** One row of what Office.js returned as the core's cells, `width` wide. */
export function toRow(row: readonly unknown[], width: number): CellValue[] {
  const out: CellValue[] = new Array<CellValue>(width);
  for (let j = 0; j < width; j++) out[j] = toCellValue(row[j]);
  return out;
}

/** The one conversion from what Office.js returned to the core's SheetSnapshot. */
export function toSnapshot(raw: RawSheet): SheetSnapshot {
  const width = raw.used?.colCount ?? 0;
  return snapshotOf(
    raw,
    raw.values.map((row) => toRow(row, width)),
  );
}

/** A SheetSnapshot of rows already converted with `toRow`. */
function snapshotOf(raw: Omit<RawSheet, 'values'>, values: CellValue[][]): SheetSnapshot {
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

/** A loaded range's position and size as the core's plain RangeRef. */
export function boxOf(range: Excel.Range): RangeRef {
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
  frozen: Excel.Range;
  tables: Excel.TableCollection;
  formats: Excel.ConditionalFormatCollection;
}

/**
 * Syncs 1–3 (more only when a probe response is too large): everything but the inventory's
 * full values.
 */
export async function readIndex(
  context: Excel.RequestContext,
  host: ExcelHost,
  wanted: (facts: SheetFacts) => boolean,
  /** Read the snapshot sheet's cells too (a refresh compares with them). */
  withSnapshot = false,
): Promise<WorkbookIndex> {
  const sheets = await readSheetList(context, host);
  // The core says which sheets are candidates; only those are probed.
  const candidates = sheets.filter((s) => wanted(s));
  const handles: ProbeHandles[] = candidates.map((meta) => {
    const ws = context.workbook.worksheets.getItem(meta.name);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('rowIndex, columnIndex, rowCount, columnCount');
    const frozen = ws.freezePanes.getLocationOrNullObject();
    frozen.load('address');
    const tables = ws.tables.load('items/name');
    // Rule types now, so the formulas of the chosen sheet's rules ride with its first chunk.
    const formats = ws.getRange().conditionalFormats.load('items/type');
    return { meta, used, frozen, tables, formats };
  });
  const historyMeta = sheets.find((s) => s.name === HISTORY_SHEET);
  const historyUsed = historyMeta
    ? context.workbook.worksheets.getItem(HISTORY_SHEET).getUsedRangeOrNullObject(true)
    : null;
  // Its values too (eleven cells a refresh): the brief compares with earlier refreshes.
  historyUsed?.load('rowIndex, rowCount, values');
  // The change log's and the snapshot's sizes: the log's rows go after its last one, and the
  // snapshot (what the last refresh left to compare with) is read with the inventory.
  const usedOf = (name: string) => {
    if (!sheets.some((s) => s.name === name)) return null;
    const used = context.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true);
    used.load('rowIndex, columnIndex, rowCount, columnCount');
    return used;
  };
  const logUsed = usedOf(CHANGES_SHEET);
  const snapshotUsed = withSnapshot ? usedOf(SNAPSHOT_SHEET) : null;
  const summaryCharts = sheets.some((s) => s.name === SUMMARY_SHEET)
    ? context.workbook.worksheets.getItem(SUMMARY_SHEET).charts.load('items/name')
    : null;
  await context.sync();

  const boxes = handles.map((h) => (h.used.isNullObject ? null : boxOf(h.used)));
  // The probe: the first rows of the used range, as wide as it (a stray value far right
  // makes it wide, so it is sized and split rather than read as one fixed window).
  const probeRefs = boxes.map((used) =>
    used === null ? null : { ...used, rowCount: Math.min(HEADER_SEARCH_ROWS, used.rowCount) },
  );
  // The snapshot the last refresh left (core/change-log.ts) rides with the probes: from A1
  // to its last used cell, packed and split like them.
  const snapshotBox =
    snapshotUsed && !snapshotUsed.isNullObject
      ? {
          row: 0,
          col: 0,
          rowCount: snapshotUsed.rowIndex + snapshotUsed.rowCount,
          colCount: snapshotUsed.columnIndex + snapshotUsed.columnCount,
        }
      : null;
  const { values, syncs } = await readBlocks(context, [
    ...probeRefs.flatMap((ref, i) => (ref === null ? [] : [{ sheet: handles[i]!.meta.name, ref }])),
    ...(snapshotBox === null ? [] : [{ sheet: SNAPSHOT_SHEET, ref: snapshotBox }]),
  ]);
  let next = 0;
  const probes = handles.map((h, i): SheetProbe => {
    const used = boxes[i]!;
    const rows = probeRefs[i] === null ? [] : values[next++]!;
    return {
      meta: h.meta,
      used,
      probe: toSnapshot({ meta: h.meta, used, values: rows, tables: [], hasFrozenPanes: false }),
      hasFrozenPanes: !h.frozen.isNullObject,
      tableNames: h.tables.items.map((t) => t.name),
      formats: h.formats,
    };
  });

  const historyLastRow =
    historyUsed && !historyUsed.isNullObject
      ? historyUsed.rowIndex + historyUsed.rowCount - 1
      : null;
  return {
    sheets,
    probes,
    historyLastRow,
    historyValues:
      historyUsed && !historyUsed.isNullObject
        ? [
            ...Array.from({ length: historyUsed.rowIndex }, (): CellValue[] => []),
            ...historyUsed.values.map((row) => row.map(toCellValue)),
          ]
        : null,
    summaryPosition: positionOf(sheets, SUMMARY_SHEET),
    summaryCharts: summaryCharts ? summaryCharts.items : [],
    historyExists: historyMeta !== undefined,
    changeLogLastRow:
      logUsed && !logUsed.isNullObject ? logUsed.rowIndex + logUsed.rowCount - 1 : null,
    snapshotValues: snapshotBox === null ? null : values[next]!.map((row) => row.map(toCellValue)),
    changeLogExists: logUsed !== null,
    snapshotExists: sheets.some((s) => s.name === SNAPSHOT_SHEET),
    probeSyncs: syncs,
  };
}

/** A block of cells to read from one sheet. */
export interface Block {
  sheet: string;
  ref: RangeRef;
}

/**
 * Reads the values of several blocks in as few syncs as their estimated size allows. A sync
 * whose response is still too large (ResponsePayloadSizeLimitExceeded) or whose range is too
 * many cells (RangeExceedsLimit) is split and read again: the list in halves, then a block by
 * rows, then by columns. Returns each block's values in order and the syncs used.
 */
export async function readBlocks(
  context: Excel.RequestContext,
  blocks: readonly Block[],
  bytesPerCell = PROBE_BYTES_PER_CELL,
): Promise<{ values: unknown[][][]; syncs: number }> {
  const out: unknown[][][] = blocks.map((b) =>
    Array.from({ length: b.ref.rowCount }, () => new Array<unknown>(b.ref.colCount).fill('')),
  );
  interface Piece {
    index: number;
    ref: RangeRef;
  }
  let syncs = 0;
  const readGroup = async (group: readonly Piece[]): Promise<void> => {
    const ranges = group.map((p) => {
      const r = context.workbook.worksheets
        .getItem(blocks[p.index]!.sheet)
        .getRange(rangeToA1(p.ref));
      r.load('values');
      return r;
    });
    try {
      syncs++;
      await context.sync();
    } catch (err) {
      const code = officeErrorCode(err);
      if (code !== 'ResponsePayloadSizeLimitExceeded' && code !== 'RangeExceedsLimit') throw err;
      const parts = splitPieces(group);
      if (parts === null) throw problem('payload-too-large', { rows: group[0]?.ref.rowCount ?? 0 });
      for (const part of parts) await readGroup(part);
      return;
    }
    group.forEach((p, k) => {
      const base = blocks[p.index]!.ref;
      ranges[k]!.values.forEach((row, i) =>
        row.forEach((v, j) => {
          out[p.index]![p.ref.row - base.row + i]![p.ref.col - base.col + j] = v;
        }),
      );
    });
  };
  // Pack blocks into syncs by estimated size; a block too large alone is cut by rows first.
  const pieces: Piece[] = blocks.flatMap((b, index) =>
    cutToBudget(b.ref, bytesPerCell).map((ref) => ({ index, ref })),
  );
  const groups: Piece[][] = [];
  let current: Piece[] = [];
  let size = 0;
  for (const p of pieces) {
    const bytes = p.ref.rowCount * p.ref.colCount * bytesPerCell;
    if (current.length > 0 && size + bytes > READ_BUDGET_BYTES) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(p);
    size += bytes;
  }
  if (current.length > 0) groups.push(current);
  // One after the other: each response must stay under the limit on its own.
  await groups.reduce((prev, g) => prev.then(() => readGroup(g)), Promise.resolve());
  return { values: out, syncs };
}

/** Cuts a block into row slices whose estimated response and cell count fit one read. */
function cutToBudget(ref: RangeRef, bytesPerCell: number): RangeRef[] {
  const rowCells = Math.max(1, ref.colCount);
  const byBytes = Math.floor(READ_BUDGET_BYTES / (rowCells * bytesPerCell));
  const byCells = Math.floor(READ_CELL_LIMIT / rowCells);
  const rows = Math.max(1, Math.min(byBytes, byCells));
  const out: RangeRef[] = [];
  for (let r = 0; r < ref.rowCount; r += rows) {
    out.push({ ...ref, row: ref.row + r, rowCount: Math.min(rows, ref.rowCount - r) });
  }
  return out;
}

/** Splits a group of pieces in two: the list, else its one piece by rows, else by columns. */
function splitPieces<P extends { ref: RangeRef }>(group: readonly P[]): P[][] | null {
  if (group.length > 1) {
    const half = Math.ceil(group.length / 2);
    return [group.slice(0, half), group.slice(half)];
  }
  const p = group[0];
  if (!p) return null;
  const { ref } = p;
  if (ref.rowCount > 1) {
    const half = Math.ceil(ref.rowCount / 2);
    return [
      [{ ...p, ref: { ...ref, rowCount: half } }],
      [{ ...p, ref: { ...ref, row: ref.row + half, rowCount: ref.rowCount - half } }],
    ];
  }
  if (ref.colCount > 1) {
    const half = Math.ceil(ref.colCount / 2);
    return [
      [{ ...p, ref: { ...ref, colCount: half } }],
      [{ ...p, ref: { ...ref, col: ref.col + half, colCount: ref.colCount - half } }],
    ];
  }
  return null;
}

function positionOf(sheets: readonly SheetMeta[], name: string): number | null {
  const i = sheets.findIndex((s) => s.name === name);
  return i < 0 ? null : i;
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
  const rowsPerChunk = Math.max(
    1,
    Math.min(
      Math.floor(READ_BUDGET_BYTES / rowBytes),
      Math.floor(READ_CELL_LIMIT / Math.max(1, used.colCount)),
    ),
  );
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
  readMerges = false,
): Promise<InventoryRead> {
  const ws = context.workbook.worksheets.getItem(probe.meta.name);
  const used = probe.used;
  const chunks = used ? readChunks(used, bytesPerCell(probe.probe)) : [];
  // The merged areas where output may go (the used range and the output's width beside it),
  // a fact for the core's blocker (core/merges.ts), with the first chunk: ExcelApi 1.13.
  let merged: Excel.RangeAreas | null = null;
  const queueMerges = (): void => {
    if (!readMerges || !used) return;
    const colCount = Math.min(used.colCount + OUTPUT_WIDTH, GRID_COLUMNS - used.col);
    merged = ws.getRange(rangeToA1({ ...used, colCount })).getMergedAreasOrNullObject();
    merged.load('address');
  };

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

  // Each chunk is converted as it arrives, so Office.js's answer and the core's cells are not
  // both held for the whole sheet (at Excel's full grid that is twice 15 million cells).
  const width = used?.colCount ?? 0;
  const rows: CellValue[][] = [];
  let syncs = 0;
  /** Reads a chunk (in halves when the host finds it too large); returns what it weighed. */
  const readOne = async (chunk: RangeRef): Promise<Weight> => {
    const extras = tableHandles === null ? queueExtras() : null;
    if (extras) queueMerges();
    const range = ws.getRange(rangeToA1(chunk));
    range.load('values');
    try {
      syncs++;
      await context.sync();
      if (extras) tableHandles = extras;
    } catch (err) {
      if (officeErrorCode(err) === 'ResponsePayloadSizeLimitExceeded' && chunk.rowCount > 1) {
        const half = Math.ceil(chunk.rowCount / 2);
        const a = await readOne({ ...chunk, rowCount: half });
        const b = await readOne({
          ...chunk,
          row: chunk.row + half,
          rowCount: chunk.rowCount - half,
        });
        return { bytes: a.bytes + b.bytes, cells: a.cells + b.cells };
      }
      if (officeErrorCode(err) === 'ResponsePayloadSizeLimitExceeded') {
        throw problem('payload-too-large', { rows: used?.rowCount ?? 0 });
      }
      throw err;
    }
    const values = range.values;
    const weight = weigh(values);
    for (const row of values) rows.push(toRow(row, width));
    return weight;
  };
  // Chunks are read one after the other: each needs its own response under the limit. The
  // first is cut by the probe's guess (about 1.8x pessimistic on the benchmark); the rest by
  // what the rows read so far actually weighed, measured again after every chunk, with a margin
  // (a response still too large is split).
  let pending = chunks;
  let total = chunks.length;
  let done = 0;
  let readBytes = 0;
  let readCells = 0;
  while (pending.length > 0) {
    const chunk = pending[0]!;
    const { bytes, cells } = await readOne(chunk);
    done++;
    const next = chunk.row + chunk.rowCount;
    if (used && pending.length > 1) {
      readBytes += bytes;
      readCells += cells;
      const perCell =
        MEASURED_MARGIN * Math.max(readBytes / Math.max(1, readCells), bytes / Math.max(1, cells));
      pending = readChunks(
        { ...used, row: next, rowCount: used.row + used.rowCount - next },
        Math.max(4, perCell),
      );
      total = done + pending.length;
    } else {
      pending = pending.slice(1);
    }
    onChunk(done, total);
  }
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
  const snapshot = snapshotOf(
    { meta: probe.meta, used, tables, hasFrozenPanes: probe.hasFrozenPanes },
    rows,
  );
  const merges = mergesOf(merged);
  return { snapshot: merges ? { ...snapshot, merges } : snapshot, rules, chunks: syncs };
}

/** Range.getMergedAreasOrNullObject arrived with ExcelApi 1.13. */
export const MERGED_AREAS_API = '1.13';

/**
 * The merged areas a loaded RangeAreas holds, from its address ("Sheet1!H3:J3, Sheet1!A9:B9":
 * each block carries its sheet name, so each reference is what follows a "!" up to the next
 * block); null when none were asked for.
 */
export function mergesOf(merged: Excel.RangeAreas | null): RangeRef[] | null {
  if (merged === null) return null;
  if (merged.isNullObject) return [];
  const refs = merged.address.match(/![$A-Z]+[$0-9]+(?::[$A-Z]+[$0-9]+)?(?=\s*,|\s*$)/g) ?? [];
  return refs.map((r) => parseRangeA1(r.slice(1).replace(/\$/g, '')));
}

/** Response bytes and cells of one read. */
interface Weight {
  bytes: number;
  cells: number;
}

/**
 * What a read's values weigh as JSON in the response, and its cells (one row at a time, so no
 * string of the whole chunk is built).
 */
function weigh(rows: readonly (readonly unknown[])[]): Weight {
  let bytes = 2 + Math.max(0, rows.length - 1);
  let cells = 0;
  for (const row of rows) {
    bytes += utf8Length(JSON.stringify(row));
    cells += row.length;
  }
  return { bytes, cells };
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
