/**
 * What the task pane shows before a refresh, decided here so the pane only renders it: the
 * candidate sheets with their row counts and recognised headers, the header row (and the rows
 * a user may pick when none is recognised), each field's importance and state with a few sample
 * values, and what blocks a refresh (or makes it pointless) before the user presses the button.
 * Pure: adapters pass the snapshots they read (the Excel adapter's are the first rows of each
 * sheet, with the used range's last row beside them).
 */

import { columnLetter } from './address';
import {
  HEADER_SEARCH_ROWS,
  MIN_RECOGNISED,
  chooseInventory,
  detectHeaders,
  findSheet,
  headerText,
  isOutputSheet,
  rankSheets,
  validateMapping,
} from './headers';
import { RoleMapError, problem } from './messages';
import type { ProblemCode } from './messages';
import type { Field, FieldNeed } from './fields';
import type { ColumnMatch, HeaderDetection, SavedMapping, SheetSnapshot } from './input';
import { FIELDS, FIELD_NEEDS, FIELD_ORDER, fieldsOfKind } from './fields';
import { cellText, isEmptyCell, makeRowReader } from './normalise';
import { dataRows, planInventory } from './plan';

/**
 * How much a refresh depends on each field and the order the mapping lists them in, both from
 * the field table (fields.ts): required: no refresh without it; classification: the rules read
 * it to decide the role; optional: opportunities, grouping, reference.
 */
export { FIELD_NEEDS, FIELD_ORDER } from './fields';
export type { FieldNeed } from './fields';

/** The three phase columns; one free-text "I&O involvement" column is their alternative. */
const PHASE_FIELDS: readonly Field[] = fieldsOfKind('involvement');
/** Fields that say how I&O is involved; without any of them most rows come out Unclassified. */
const INVOLVEMENT_SOURCES: readonly Field[] = [
  ...PHASE_FIELDS,
  ...fieldsOfKind('involvement-text'),
];

/** Sample values shown per column, and the longest sample text. */
const SAMPLES_PER_COLUMN = 3;
const SAMPLE_MAX_CHARS = 24;

export interface SheetChoice {
  name: string;
  /** Recognised headers on the sheet (0 when none); output sheets are not listed. */
  recognised: number;
  isActive: boolean;
  /**
   * Initiatives on the sheet (data rows below the header that are not blank), when the host
   * counted them: sheets that look like inventories only.
   */
  initiatives?: number;
}

/** What the pane shows about the inventory before a refresh. */
export interface InventoryPreview {
  detection: HeaderDetection;
  /** Every non-empty header on the detected header row, for the mapping drop-downs. */
  headers: { col: number; text: string }[];
  /** Sheets that could hold the inventory, with recognised headers and rows. */
  candidates: SheetCandidate[];
  /**
   * Whether the user must pick the header row (none is recognised), the rows to pick from, and
   * the row found by its headers (null when none is), which the user may also change.
   */
  headerRow: { choosable: boolean; options: HeaderRowOption[]; detected: number | null };
  /** Rows below the header row (blank rows included). */
  rows: number;
  /** Every field in the order the pane lists them, with how much it matters and its state. */
  fields: FieldAdvice[];
  /** Up to three values per column (absolute 0-based column → values), to recognise it by. */
  samples: Record<number, string[]>;
  /** What stops a refresh (error) or makes it pointless (warning), known before it runs. */
  blockers: PreviewBlocker[];
  /** No blocker is an error. */
  canRefresh: boolean;
  /** Every field that matters was recognised: the pane can show the mapping as one line. */
  detectionGood: boolean;
}

/**
 * found / mapped / ambiguous: a column is read (ambiguous: several matched, the first is used);
 * off: the user switched it off; covered: missing, but its alternative is mapped (the one
 * involvement column vs the three phases); missing: no column.
 */
export type FieldState = 'found' | 'mapped' | 'ambiguous' | 'off' | 'covered' | 'missing';

export interface FieldAdvice {
  field: Field;
  need: FieldNeed;
  state: FieldState;
  /** For 'covered': the mapped fields that stand in for this one. */
  coveredBy: Field[];
}

/** Something that stops a refresh (error) or makes it pointless (warning), known before it runs. */
export interface PreviewBlocker {
  code: ProblemCode;
  severity: 'error' | 'warning';
  message: string;
  /** The fix the pane offers beside the message: open the column mapping. */
  action: 'map-columns' | null;
}

export interface SheetCandidate {
  name: string;
  recognised: number;
  /** Rows below the header row (or used rows when there is none), blanks included. */
  rows: number;
}

/** A row the user may pick as the header row, with the start of its text. */
export interface HeaderRowOption {
  /** Absolute 0-based row. */
  row: number;
  label: string;
}

export interface PreviewOptions {
  sheet?: string;
  mapping?: SavedMapping;
  /**
   * The header row the user picked (absolute 0-based), over the detected one; saved per sheet
   * (settings `headerRows`), so every surface reads the headers from it.
   */
  headerRow?: number;
  /** Last used row (absolute 0-based) per sheet, when the snapshots hold only the first rows. */
  lastUsedRow?: Readonly<Record<string, number>>;
}

function matchOf(field: Field): ColumnMatch {
  return { field, col: null, header: null, status: 'missing', alternatives: [] };
}

/** Rows of the first 20 that hold any text: the header rows a user may pick. */
function headerRowOptions(sheet: SheetSnapshot): HeaderRowOption[] {
  const out: HeaderRowOption[] = [];
  const limit = Math.min(sheet.values.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const texts = sheet.values[i]!.map(headerText).filter((t) => t !== '');
    if (texts.length === 0) continue;
    const row = sheet.origin.row + i;
    const joined = texts.slice(0, 3).join(', ');
    out.push({ row, label: `Row ${row + 1}: ${joined}${texts.length > 3 ? ', …' : ''}` });
  }
  return out;
}

/** The likeliest header row of a sheet without recognised headers: the fullest of the first rows. */
function guessHeaderRow(options: readonly HeaderRowOption[], sheet: SheetSnapshot): number | null {
  let best: { row: number; filled: number } | null = null;
  for (const o of options) {
    const filled = (sheet.values[o.row - sheet.origin.row] ?? []).filter(
      (v) => typeof v === 'string' && v.trim() !== '',
    ).length;
    if (best === null || filled > best.filled) best = { row: o.row, filled };
  }
  return best?.row ?? null;
}

/** A detection with no field found, on a header row the user picked or the pane guessed. */
function manualDetection(sheet: SheetSnapshot, headerRow: number): HeaderDetection {
  const columns = Object.fromEntries(FIELDS.map((f) => [f, matchOf(f)])) as Record<
    Field,
    ColumnMatch
  >;
  return { sheet: sheet.name, headerRow, columns, recognised: 0, warnings: [] };
}

function lastRowOf(sheet: SheetSnapshot, options: PreviewOptions): number {
  return options.lastUsedRow?.[sheet.name] ?? sheet.origin.row + sheet.values.length - 1;
}

/** Field states: what is read, what stands in for what, what is missing. */
function fieldAdvice(detection: HeaderDetection, mapping?: SavedMapping): FieldAdvice[] {
  const has = (f: Field): boolean => detection.columns[f].col !== null;
  return FIELD_ORDER.map((field): FieldAdvice => {
    const need = FIELD_NEEDS[field];
    const m = detection.columns[field];
    if (m.col !== null)
      return { field, need, state: m.status === 'missing' ? 'found' : m.status, coveredBy: [] };
    if (mapping?.[field] === '') return { field, need, state: 'off', coveredBy: [] };
    if (field === 'ioInvolvement') {
      const phases = PHASE_FIELDS.filter(has);
      if (phases.length === PHASE_FIELDS.length)
        return { field, need, state: 'covered', coveredBy: phases };
    } else if (PHASE_FIELDS.includes(field) && has('ioInvolvement')) {
      return { field, need, state: 'covered', coveredBy: ['ioInvolvement'] };
    }
    return { field, need, state: 'missing', coveredBy: [] };
  });
}

/** Up to three distinct values of each column below the header row, as the user wrote them. */
function columnSamples(sheet: SheetSnapshot, headerRow: number): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  const start = headerRow - sheet.origin.row + 1;
  const width = sheet.values[0]?.length ?? 0;
  for (let j = 0; j < width; j++) {
    const seen: string[] = [];
    for (let i = start; i < sheet.values.length && seen.length < SAMPLES_PER_COLUMN; i++) {
      const v = sheet.values[i]![j];
      if (isEmptyCell(v)) continue;
      const raw = cellText(v).trim();
      const text = raw.length > SAMPLE_MAX_CHARS ? `${raw.slice(0, SAMPLE_MAX_CHARS - 1)}…` : raw;
      if (text !== '' && !seen.includes(text)) seen.push(text);
    }
    if (seen.length > 0) out[sheet.origin.col + j] = seen;
  }
  return out;
}

/** What stops the refresh of this sheet, or would make it write only Unclassified rows. */
function blockersOf(
  sheet: SheetSnapshot,
  detection: HeaderDetection,
  rows: number,
): PreviewBlocker[] {
  const out: PreviewBlocker[] = [];
  const add = (err: RoleMapError, severity: 'error' | 'warning', action: 'map-columns' | null) =>
    out.push({ code: err.code, severity, message: err.message, action });
  if (sheet.isProtected) add(problem('protected-sheet', { sheet: sheet.name }), 'error', null);
  if (detection.columns.name.col === null) {
    add(problem('no-name-column', { sheet: sheet.name }), 'error', 'map-columns');
  }
  if (rows <= 0) add(problem('inventory-empty', { sheet: sheet.name }), 'error', null);
  if (!sheet.isProtected) {
    try {
      // The same check the refresh makes, over the rows read so far (all of them in a file,
      // the first ones in Excel); the refresh checks the rest again.
      planInventory(sheet, detection, []);
    } catch (err) {
      if (!(err instanceof RoleMapError)) throw err;
      if (err.code !== 'output-blocked' && err.code !== 'output-merged') throw err;
      add(err, 'error', null);
    }
  }
  const classifies = INVOLVEMENT_SOURCES.some((f) => detection.columns[f].col !== null);
  if (!classifies && detection.columns.name.col !== null) {
    add(problem('nothing-to-classify', { sheet: sheet.name }), 'warning', 'map-columns');
  }
  return out;
}

/** The candidate sheets with their recognised headers and rows. */
function sheetCandidates(
  sheets: readonly SheetSnapshot[],
  options: Pick<PreviewOptions, 'lastUsedRow'> = {},
): SheetCandidate[] {
  return rankSheets(sheets).map((r) => {
    const sheet = sheets.find((s) => s.name === r.name)!;
    const d = detectHeaders(sheet);
    const top = d === null ? sheet.origin.row - 1 : d.headerRow;
    const last = lastRowOf(sheet, options);
    return { name: r.name, recognised: r.recognised, rows: Math.max(0, last - top) };
  });
}

/**
 * Everything the pane shows about the chosen (or detected) inventory before a refresh. Throws
 * RoleMapError only when there is nothing to show: an unknown sheet, no inventory anywhere, an
 * empty sheet, or a mapped header that is not on the sheet.
 */
export function previewInventory(
  sheets: readonly SheetSnapshot[],
  options: PreviewOptions,
): InventoryPreview {
  validateMapping(options.mapping);
  let sheet: SheetSnapshot;
  let detection: HeaderDetection | null;
  const named = options.sheet !== undefined && options.sheet !== '';
  if (named) {
    const found = findSheet(sheets, options.sheet!);
    if (found === null) throw problem('sheet-not-found', { sheet: options.sheet! });
    if (isOutputSheet(found.name)) throw problem('no-inventory', { sheets: [found.name] });
    sheet = found;
    const pinned = headerRowOptions(sheet).some((c) => c.row === options.headerRow)
      ? options.headerRow
      : undefined;
    detection = detectHeaders(sheet, options.mapping, pinned);
  } else {
    ({ sheet, detection } = chooseInventory(sheets, options));
  }

  const choices = headerRowOptions(sheet);
  // The row found by its headers, whatever the user picked (the picker says which it is).
  const detected = detectHeaders(sheet)?.headerRow ?? null;
  if (detection === null) {
    // No row has two recognised headers: the user maps the columns of a row they pick.
    const picked = choices.find((c) => c.row === options.headerRow)?.row;
    const row = picked ?? guessHeaderRow(choices, sheet);
    if (row === null) throw problem('no-inventory', { sheets: [sheet.name] });
    detection = manualDetection(sheet, row);
  }

  const header = sheet.values[detection.headerRow - sheet.origin.row] ?? [];
  const headers: { col: number; text: string }[] = [];
  header.forEach((v, i) => {
    if (!isEmptyCell(v)) headers.push({ col: sheet.origin.col + i, text: headerText(v) });
  });
  const rows = Math.max(0, lastRowOf(sheet, options) - detection.headerRow);
  const fields = fieldAdvice(detection, options.mapping);
  const blockers = blockersOf(sheet, detection, rows);
  const detectionGood =
    detected !== null &&
    // A protected sheet or blocked output is not the mapping's fault: it stays one line.
    blockers.every((b) => b.action !== 'map-columns') &&
    fields.every(
      (f) => f.state !== 'ambiguous' && (f.need === 'optional' || f.state !== 'missing'),
    );
  return {
    detection,
    headers,
    candidates: sheetCandidates(sheets, options),
    headerRow: {
      // A sheet without a recognised header row must have one picked; elsewhere the user may
      // pick another row (saved per sheet and honoured by every surface).
      choosable: detected === null || detection.recognised < MIN_RECOGNISED,
      options: choices,
      detected,
    },
    rows,
    fields,
    samples: columnSamples(sheet, detection.headerRow),
    blockers,
    canRefresh: blockers.every((b) => b.severity !== 'error'),
    detectionGood,
  };
}

/** Header text of a column with its letter, as the pane lists it ("F: Infra team - PoC"). */
export function columnLabel(col: number, header: string): string {
  return `${columnLetter(col)}: ${header}`;
}

/** True when at least one sheet has enough recognised headers to be an inventory. */
export function hasInventory(sheets: readonly SheetChoice[]): boolean {
  return sheets.some((s) => s.recognised >= MIN_RECOGNISED);
}

/** The sheet to preselect: the saved choice, else most recognised headers, else the active sheet. */
export function preferredSheet(
  sheets: readonly SheetChoice[],
  saved: string | undefined,
): string | undefined {
  if (saved !== undefined && sheets.some((s) => s.name === saved)) return saved;
  let best: SheetChoice | undefined;
  for (const s of sheets) {
    if (s.recognised >= MIN_RECOGNISED && (!best || s.recognised > best.recognised)) best = s;
  }
  return (best ?? sheets.find((s) => s.isActive) ?? sheets[0])?.name;
}

/**
 * The initiatives a refresh of this sheet will classify: data rows with at least one input cell
 * (blank rows are skipped, and our own output columns are not input), as the progress counts
 * them. Null when the sheet's header row is not known without a mapping.
 */
export function countInitiatives(sheet: SheetSnapshot, mapping?: SavedMapping): number | null {
  let detection: HeaderDetection | null;
  try {
    detection = detectHeaders(sheet, mapping);
  } catch {
    return null;
  }
  if (detection === null) return null;
  const inputs = makeRowReader(sheet, detection).inputIndexes;
  const { firstRow, lastRow } = dataRows(sheet, detection);
  const top = sheet.origin.row;
  let n = 0;
  for (
    let row = Math.max(firstRow, top);
    row <= Math.min(lastRow, top + sheet.values.length - 1);
    row++
  ) {
    const values = sheet.values[row - top]!;
    if (inputs.some((i) => !isEmptyCell(values[i]))) n++;
  }
  return n;
}
