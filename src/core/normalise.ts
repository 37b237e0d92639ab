/**
 * One sheet row → an Initiative plus data issues (SPEC §2). Values are looked up in the
 * vocabularies; anything outside them becomes a data issue naming the column, the cell and
 * the value, and the field counts as unknown (never guessed).
 */

import { columnLetter, toA1 } from './address';
import { isResponsible } from './classify';
import { isOwnColumn, ownBlockIndex } from './headers';
import type { FieldKind, KindValues } from './fields';
import { FIELD_SPECS, FIELD_TABLE } from './fields';
import type {
  CellError,
  CellValue,
  DataIssue,
  Field,
  HeaderDetection,
  Initiative,
  Involvement,
  IssueCode,
  SheetSnapshot,
} from './model';
import { FIELDS, INVOLVEMENT_LEVELS } from './model';
import {
  FIELD_LABELS,
  GROUP_VOCAB,
  INVOLVEMENT_TEXT_PATTERNS,
  INVOLVEMENT_VOCAB,
  NUMBER_PLACEHOLDERS,
  ROLE_VOCAB,
  STAGE_VOCAB,
  YES_NO_VOCAB,
  normaliseValue,
  parseAmount,
  parseCount,
} from './vocab';
import type { WordBook, WordField } from './words';
import { budgetCurrency } from './money';
import { isWordField } from './words';

/** Phase levels read from the free-text "I&O Involvement" column. */
export interface PhaseLevels {
  pilot: Involvement | null;
  implementation: Involvement | null;
  operations: Involvement | null;
}

/**
 * Precomputed column positions for one sheet, so each row is read with plain array indexing
 * (the classifier must handle over a million rows per second).
 */
export interface RowReader {
  sheet: string;
  detection: HeaderDetection;
  /** Index into a values row for each field, or -1 when the field has no column. */
  index: Record<Field, number>;
  /** Absolute column of each field, or null. */
  cols: Record<Field, number | null>;
  /** Header text of each field's column, or the field's usual label when missing. */
  headers: Record<Field, string>;
  /** Indexes of the columns that count for "blank row" (our own output columns excluded). */
  inputIndexes: number[];
  /** The fields in the order a row reads them (see READ_ORDER). */
  steps: readonly ReadStep[];
  originCol: number;
  /** The workbook's own words, consulted before the built-in tables; null when it has none. */
  words: WordBook | null;
}

/** Builds the reader for a sheet and its detected headers. */
export function makeRowReader(
  sheet: SheetSnapshot,
  detection: HeaderDetection,
  words: WordBook | null = null,
): RowReader {
  const index = {} as Record<Field, number>;
  const cols = {} as Record<Field, number | null>;
  const headers = {} as Record<Field, string>;
  for (const field of FIELDS) {
    const m = detection.columns[field];
    cols[field] = m.col;
    index[field] = m.col === null ? -1 : m.col - sheet.origin.col;
    headers[field] = m.header ?? FIELD_LABELS[field];
  }
  const headerValues = sheet.values[detection.headerRow - sheet.origin.row] ?? [];
  const start = ownBlockIndex(headerValues);
  const width = sheet.values[0]?.length ?? 0;
  const inputIndexes: number[] = [];
  for (let i = 0; i < width; i++) {
    if (!isOwnColumn(headerValues, start, i)) inputIndexes.push(i);
  }
  return {
    sheet: sheet.name,
    detection,
    index,
    cols,
    headers,
    inputIndexes,
    steps: READ_STEPS,
    originCol: sheet.origin.col,
    words: words !== null && words.size > 0 ? words : null,
  };
}

/** True when a cell holds nothing (null, or text that is only whitespace). */
export function isEmptyCell(v: CellValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  return typeof v === 'string' && (v.length === 0 || v.trim().length === 0);
}

function isCellError(v: CellValue): v is CellError {
  return typeof v === 'object' && v !== null;
}

/** A cell's value as display text (booleans as Excel shows them). */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return String(v);
  return v.code;
}

const ROLE_LIST = 'Driver, Implementer, Operator or Bystander';
const LEVEL_LIST = INVOLVEMENT_LEVELS.join(', ');

/** What the user should write in a field of each kind, for "…which is not <expected>" messages. */
const KIND_EXPECTED: Record<FieldKind, string> = {
  text: 'a known value',
  group:
    'a known lead group (I&O, LOB, Operations, External, Joint, or a synonym such as IT or Marketing)',
  stage: 'a known stage (Idea, Planned, Pilot, Implementation, Production, Retired)',
  involvement: `an involvement level (${LEVEL_LIST})`,
  'involvement-text':
    'a description IoT Role Map understands (e.g. "not involved", "consulted", "implements and operates", "leads")',
  'yes-no': 'yes or no',
  count: 'a number (e.g. 1200, "1,200", "~500", "5k")',
  amount: 'an amount (e.g. 250000, "$1.2M", "€40k")',
  role: `a role (${ROLE_LIST})`,
};

/** Each field's wording: its own (field table), else its kind's. */
const EXPECTED: Record<Field, string> = Object.fromEntries(
  FIELDS.map((f) => [f, FIELD_SPECS[f].expected ?? KIND_EXPECTED[FIELD_SPECS[f].kind]]),
) as Record<Field, string>;

function issue(
  reader: RowReader,
  code: IssueCode,
  row: number,
  field: Field | null,
  value: string | null,
  message: string,
): DataIssue {
  const col = field === null ? null : reader.cols[field];
  return { code, row, col, address: col === null ? null : toA1(row, col), field, value, message };
}

/** Describes a field's cell for messages: `cell E7 ("I&O Pilot")`. */
export function cellLabel(reader: RowReader, field: Field, row: number): string {
  const col = reader.cols[field];
  return col === null
    ? `the "${reader.headers[field]}" value of row ${row + 1}`
    : `cell ${toA1(row, col)} ("${reader.headers[field]}")`;
}

function unknownValue(reader: RowReader, row: number, field: Field, raw: CellValue): DataIssue {
  const text = cellText(raw);
  return issue(
    reader,
    'unknown-value',
    row,
    field,
    text,
    `${capital(cellLabel(reader, field, row))} holds "${text}", which is not ${EXPECTED[field]}; it was treated as blank.`,
  );
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// Plain-number and boolean encodings that people use in involvement and yes/no columns.
function involvementOf(v: CellValue): Involvement | null {
  if (typeof v === 'string') return INVOLVEMENT_VOCAB.lookup(v);
  if (typeof v === 'boolean') return v ? 'Responsible' : 'None';
  if (v === 1) return 'Responsible';
  if (v === 0) return 'None';
  return null;
}

function yesNoOf(v: CellValue): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : null;
  if (typeof v === 'string') {
    const r = YES_NO_VOCAB.lookup(v);
    return r === null ? null : r === 'yes';
  }
  return null;
}

const textMemo = new Map<string, PhaseLevels | null>();

/**
 * Reads the free-text "I&O Involvement" column (SPEC §2): "implements and operates" → both
 * phases Responsible, "leads" → pilot Leading, "consulted" → every phase Consulted, …
 * Returns null when the text says nothing the patterns recognise.
 */
export function parseInvolvementText(text: string): PhaseLevels | null {
  const cached = textMemo.get(text);
  if (cached !== undefined) return cached;
  const result = parseInvolvementUncached(normaliseValue(text));
  if (textMemo.size < 50_000) textMemo.set(text, result);
  return result;
}

function parseInvolvementUncached(t: string): PhaseLevels | null {
  if (t === '') return null;
  const p = INVOLVEMENT_TEXT_PATTERNS;
  const lead = p.lead.test(t);
  const impl = p.implement.test(t);
  const oper = p.operate.test(t);
  if (lead || impl || oper) {
    return {
      pilot: lead ? 'Leading' : null,
      implementation: impl ? 'Responsible' : null,
      operations: oper ? 'Responsible' : null,
    };
  }
  const all = (level: Involvement): PhaseLevels => ({
    pilot: level,
    implementation: level,
    operations: level,
  });
  if (p.none.test(t)) return all('None');
  if (p.consulted.test(t)) return all('Consulted');
  if (p.informed.test(t)) return all('Informed');
  if (p.supporting.test(t)) return all('Supporting');
  // A bare level ("Responsible", "R", "Yes") describes every phase alike.
  const level = INVOLVEMENT_VOCAB.lookup(t);
  return level === null ? null : all(level);
}

/**
 * The workbook's own meaning of a non-blank cell in a field (SPEC §2), or null when the
 * workbook has no word for it. Checked before the built-in tables, so a word wins over them.
 */
function taught(reader: RowReader, field: WordField, raw: CellValue, row: number): string | null {
  return reader.words === null ? null : reader.words.meaning(field, cellText(raw), row);
}

/** Reads a field's cell; reports error cells, and returns null for them and for blanks. */
function read(
  reader: RowReader,
  values: readonly CellValue[],
  row: number,
  field: Field,
  issues: DataIssue[],
): CellValue {
  const i = reader.index[field];
  if (i < 0) return null;
  const v = values[i];
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') {
    if (v.length === 0 || v.trim().length === 0) return null;
    return v;
  }
  if (isCellError(v)) {
    issues.push(
      issue(
        reader,
        'cell-error',
        row,
        field,
        v.code,
        `${capital(cellLabel(reader, field, row))} holds the error ${v.code}; fix the formula or clear the cell (it was treated as blank).`,
      ),
    );
    return null;
  }
  return v;
}

type PhaseField = 'ioPilot' | 'ioImplementation' | 'ioOperations';

/** The kinds a value is parsed for (the free-text involvement column is read on its own). */
type ParsedKind = Exclude<FieldKind, 'involvement-text'>;

/**
 * How each kind reads a non-blank, non-error cell: its value, or null when the cell holds
 * something outside the kind's vocabulary or number forms.
 */
const PARSE: { [K in ParsedKind]: (v: CellValue) => KindValues[K] | null } = {
  text: (v) => cellText(v),
  group: (v) => (typeof v === 'string' ? GROUP_VOCAB.lookup(v) : null),
  stage: (v) => (typeof v === 'string' ? STAGE_VOCAB.lookup(v) : null),
  involvement: involvementOf,
  'yes-no': yesNoOf,
  count: parseCount,
  amount: parseAmount,
  role: (v) => (typeof v === 'string' ? ROLE_VOCAB.lookup(v) : null),
};

/** A taught word's meaning as the kind's value (words are checked against the vocabulary). */
function fromWord(kind: ParsedKind, meaning: string): KindValues[ParsedKind] {
  return kind === 'yes-no' ? meaning === 'yes' : meaning;
}

/** One field as a row reads it. */
interface ReadStep {
  field: Field;
  kind: FieldKind;
  /** True when the workbook's own words can give the field's value. */
  words: boolean;
  /** Where the lead group as written goes (`ledByText`), for group fields. */
  textKey: string | null;
}

/**
 * The order a row reads its fields, which is the order its data issues are listed in: the
 * plain text fields first (they only fail on error cells), then the others in the table's
 * order (the free-text involvement column after the phase columns it fills in).
 */
const READ_STEPS: readonly ReadStep[] = [
  ...FIELD_TABLE.filter((f) => f.kind === 'text'),
  ...FIELD_TABLE.filter((f) => f.kind !== 'text'),
].map((f) => ({
  field: f.key,
  kind: f.kind,
  words: isWordField(f.key),
  textKey: f.kind === 'group' ? `${f.key}Text` : null,
}));

/** An initiative with every value blank: the shape each row's initiative is copied from. */
const BLANK_INITIATIVE = Object.fromEntries([
  ['row', -1],
  ...READ_STEPS.filter((s) => s.kind !== 'involvement-text').map((s) => [s.field, null]),
  ...READ_STEPS.filter((s) => s.textKey !== null).map((s) => [s.textKey, null]),
]) as Initiative;

/**
 * Reads one field's value into `out`: taught word first, then the kind's parser. A value
 * the kind does not know is a data issue (a role override its own), except the placeholders
 * a number field reads as blank ("TBD", "-").
 */
function readField(
  reader: RowReader,
  step: ReadStep,
  values: readonly CellValue[],
  row: number,
  issues: DataIssue[],
  out: Record<string, unknown>,
): void {
  const { field } = step;
  const kind = step.kind as ParsedKind;
  // `out` starts blank (BLANK_INITIATIVE): only values found are written.
  const raw = read(reader, values, row, field, issues);
  if (raw === null) return;
  const word = step.words ? taught(reader, field as WordField, raw, row) : null;
  const value = word === null ? PARSE[kind](raw) : fromWord(kind, word);
  if (value !== null) {
    out[field] = value;
    // A budget keeps its currency (money.ts): the cell's own, else its column header's.
    if (field === 'budget') out.budgetCurrency = budgetCurrency(raw, reader.headers.budget);
    if (step.textKey !== null) out[step.textKey] = cellText(raw);
    return;
  }
  if (kind === 'role') {
    const text = cellText(raw);
    issues.push(
      issue(
        reader,
        'invalid-override',
        row,
        field,
        text,
        `${capital(cellLabel(reader, field, row))} holds "${text}", which is not a role; use ${ROLE_LIST}, or clear it (the override was ignored).`,
      ),
    );
    return;
  }
  // Placeholders ("TBD", "-") are checked only for texts that are not numbers (the rare path).
  const placeholder =
    (kind === 'count' || kind === 'amount') &&
    typeof raw === 'string' &&
    NUMBER_PLACEHOLDERS.has(normaliseValue(raw));
  if (!placeholder) issues.push(unknownValue(reader, row, field, raw));
}

/** Reports a phase column and the free text that disagree on what decides the role. */
function checkAgreement(
  reader: RowReader,
  row: number,
  field: PhaseField,
  column: Involvement,
  text: Involvement | null,
  raw: CellValue,
  issues: DataIssue[],
): void {
  if (text === null) return;
  // Only what changes the role counts: Leading in the pilot, Responsible+ in the other phases.
  const decisive = (l: Involvement) => (field === 'ioPilot' ? l === 'Leading' : isResponsible(l));
  if (decisive(column) === decisive(text)) return;
  issues.push(
    issue(
      reader,
      'conflict',
      row,
      field,
      column,
      `${capital(cellLabel(reader, field, row))} says ${column} but ${cellLabel(reader, 'ioInvolvement', row)} says "${cellText(raw)}"; the ${reader.headers[field]} column was used, so check which is right.`,
    ),
  );
}

/**
 * Reads the free-text "I&O Involvement" column into the phases (SPEC §2): phase columns, where
 * filled, win over it, and a disagreement that changes the role is reported.
 */
function readInvolvementText(
  reader: RowReader,
  values: readonly CellValue[],
  row: number,
  issues: DataIssue[],
  out: Initiative,
): void {
  const freeRaw = read(reader, values, row, 'ioInvolvement', issues);
  if (freeRaw === null) return;
  const level = taught(reader, 'ioInvolvement', freeRaw, row) as Involvement | null;
  const levels =
    level !== null
      ? { pilot: level, implementation: level, operations: level }
      : typeof freeRaw === 'string'
        ? parseInvolvementText(freeRaw)
        : null;
  if (levels === null) {
    issues.push(unknownValue(reader, row, 'ioInvolvement', freeRaw));
    return;
  }
  phase(reader, row, 'ioPilot', levels.pilot, freeRaw, issues, out);
  phase(reader, row, 'ioImplementation', levels.implementation, freeRaw, issues, out);
  phase(reader, row, 'ioOperations', levels.operations, freeRaw, issues, out);
}

/** A phase column, where filled, wins over the free text (a disagreement is reported). */
function phase(
  reader: RowReader,
  row: number,
  field: PhaseField,
  text: Involvement | null,
  raw: CellValue,
  issues: DataIssue[],
  out: Initiative,
): void {
  const column = out[field];
  if (column !== null) checkAgreement(reader, row, field, column, text, raw, issues);
  else out[field] = text;
}

/** One normalised row: the initiative and its data issues so far. */
export interface NormalisedRow {
  initiative: Initiative;
  issues: DataIssue[];
}

/**
 * Normalises one row of the snapshot (`values` is the row, `row` its absolute index).
 * Returns null for a blank row (every input cell empty), which is skipped.
 */
export function normaliseRow(
  reader: RowReader,
  values: readonly CellValue[],
  row: number,
): NormalisedRow | null {
  const inputs = reader.inputIndexes;
  let blank = true;
  for (let k = 0; k < inputs.length; k++) {
    if (!isEmptyCell(values[inputs[k]!])) {
      blank = false;
      break;
    }
  }
  if (blank) return null;

  const issues: DataIssue[] = [];
  const ix = reader.index;
  // Every initiative starts from the same template, so all share one shape (fast to read).
  const initiative: Initiative = { ...BLANK_INITIATIVE, row };
  const out = initiative as unknown as Record<string, unknown>;
  for (const step of reader.steps) {
    if (step.kind === 'involvement-text')
      readInvolvementText(reader, values, row, issues, initiative);
    else readField(reader, step, values, row, issues, out);
  }
  const name = initiative.name;

  if (name === null && !(ix.name >= 0 && isCellError(values[ix.name] ?? null))) {
    const col = reader.cols.name;
    issues.push(
      issue(
        reader,
        'missing-name',
        row,
        'name',
        null,
        col === null
          ? `Row ${row + 1} has data but no initiative name; add a name column.`
          : `Row ${row + 1} has data but no initiative name in cell ${toA1(row, col)} (column ${columnLetter(col)}, "${reader.headers.name}"); add a name so the row can be found.`,
      ),
    );
  }

  return { initiative, issues };
}
