/**
 * One sheet row → an Initiative plus data issues (SPEC §2). Values are looked up in the
 * vocabularies; anything outside them becomes a data issue naming the column, the cell and
 * the value, and the field counts as unknown (never guessed).
 */

import { columnLetter, toA1 } from './address';
import { isResponsible } from './classify';
import { isOwnColumn, ownBlockIndex } from './headers';
import type {
  CellError,
  CellValue,
  DataIssue,
  Field,
  Group,
  HeaderDetection,
  Initiative,
  Involvement,
  IssueCode,
  Role,
  SheetSnapshot,
  Stage,
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

/** What the user should write in a field, for "not a known …" messages. */
const EXPECTED: Partial<Record<Field, string>> = {
  ledBy:
    'a known lead group (I&O, LOB, Operations, External, Joint, or a synonym such as IT or Marketing)',
  stage: 'a known stage (Idea, Planned, Pilot, Implementation, Production, Retired)',
  ioPilot: `an involvement level (${LEVEL_LIST})`,
  ioImplementation: `an involvement level (${LEVEL_LIST})`,
  ioOperations: `an involvement level (${LEVEL_LIST})`,
  ioInvolvement:
    'a description IoT Role Map understands (e.g. "not involved", "consulted", "implements and operates", "leads")',
  integration: 'yes or no',
  security: 'yes/no or High/Medium/Low',
  endpoints: 'a number of endpoints (e.g. 1200, "1,200", "~500", "5k")',
  budget: 'an amount (e.g. 250000, "$1.2M", "€40k")',
};

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
    `${capital(cellLabel(reader, field, row))} holds "${text}", which is not ${EXPECTED[field] ?? 'a known value'}; it was treated as blank.`,
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

function readPhase(
  reader: RowReader,
  values: readonly CellValue[],
  row: number,
  field: PhaseField,
  issues: DataIssue[],
): Involvement | null {
  const raw = read(reader, values, row, field, issues);
  if (raw === null) return null;
  const level = (taught(reader, field, raw, row) as Involvement | null) ?? involvementOf(raw);
  if (level === null) issues.push(unknownValue(reader, row, field, raw));
  return level;
}

function readYesNo(
  reader: RowReader,
  values: readonly CellValue[],
  row: number,
  field: 'integration' | 'security',
  issues: DataIssue[],
): boolean | null {
  const raw = read(reader, values, row, field, issues);
  if (raw === null) return null;
  const word = taught(reader, field, raw, row);
  const r = word === null ? yesNoOf(raw) : word === 'yes';
  if (r === null) issues.push(unknownValue(reader, row, field, raw));
  return r;
}

function readNumber(
  reader: RowReader,
  values: readonly CellValue[],
  row: number,
  field: 'endpoints' | 'budget',
  issues: DataIssue[],
): number | null {
  const raw = read(reader, values, row, field, issues);
  if (raw === null) return null;
  const n = field === 'endpoints' ? parseCount(raw) : parseAmount(raw);
  // Placeholders ("TBD", "-") are checked only for texts that are not numbers (the rare path).
  if (n === null && !(typeof raw === 'string' && NUMBER_PLACEHOLDERS.has(normaliseValue(raw)))) {
    issues.push(unknownValue(reader, row, field, raw));
  }
  return n;
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
  const nameRaw = read(reader, values, row, 'name', issues);
  const name = nameRaw === null ? null : cellText(nameRaw);
  const idRaw = read(reader, values, row, 'id', issues);
  const buRaw = read(reader, values, row, 'businessUnit', issues);

  const ledRaw = read(reader, values, row, 'ledBy', issues);
  let ledBy = null;
  let ledByText: string | null = null;
  if (ledRaw !== null) {
    ledBy =
      (taught(reader, 'ledBy', ledRaw, row) as Group | null) ??
      (typeof ledRaw === 'string' ? GROUP_VOCAB.lookup(ledRaw) : null);
    if (ledBy === null) issues.push(unknownValue(reader, row, 'ledBy', ledRaw));
    else ledByText = cellText(ledRaw);
  }

  const stageRaw = read(reader, values, row, 'stage', issues);
  let stage = null;
  if (stageRaw !== null) {
    stage =
      (taught(reader, 'stage', stageRaw, row) as Stage | null) ??
      (typeof stageRaw === 'string' ? STAGE_VOCAB.lookup(stageRaw) : null);
    if (stage === null) issues.push(unknownValue(reader, row, 'stage', stageRaw));
  }

  let ioPilot = readPhase(reader, values, row, 'ioPilot', issues);
  let ioImplementation = readPhase(reader, values, row, 'ioImplementation', issues);
  let ioOperations = readPhase(reader, values, row, 'ioOperations', issues);

  const freeRaw = read(reader, values, row, 'ioInvolvement', issues);
  if (freeRaw !== null) {
    const level = taught(reader, 'ioInvolvement', freeRaw, row) as Involvement | null;
    const levels =
      level !== null
        ? { pilot: level, implementation: level, operations: level }
        : typeof freeRaw === 'string'
          ? parseInvolvementText(freeRaw)
          : null;
    if (levels === null) {
      issues.push(unknownValue(reader, row, 'ioInvolvement', freeRaw));
    } else {
      // Phase columns, where filled, win over the free text; a disagreement that changes
      // the role is reported.
      if (ioPilot !== null) {
        checkAgreement(reader, row, 'ioPilot', ioPilot, levels.pilot, freeRaw, issues);
      }
      if (ioImplementation !== null) {
        checkAgreement(
          reader,
          row,
          'ioImplementation',
          ioImplementation,
          levels.implementation,
          freeRaw,
          issues,
        );
      }
      if (ioOperations !== null) {
        checkAgreement(
          reader,
          row,
          'ioOperations',
          ioOperations,
          levels.operations,
          freeRaw,
          issues,
        );
      }
      ioPilot ??= levels.pilot;
      ioImplementation ??= levels.implementation;
      ioOperations ??= levels.operations;
    }
  }

  const integration = readYesNo(reader, values, row, 'integration', issues);
  const security = readYesNo(reader, values, row, 'security', issues);

  const endpoints = readNumber(reader, values, row, 'endpoints', issues);
  const budget = readNumber(reader, values, row, 'budget', issues);

  const overrideRaw = read(reader, values, row, 'override', issues);
  let override = null;
  if (overrideRaw !== null) {
    override =
      (taught(reader, 'override', overrideRaw, row) as Role | null) ??
      (typeof overrideRaw === 'string' ? ROLE_VOCAB.lookup(overrideRaw) : null);
    if (override === null) {
      const text = cellText(overrideRaw);
      issues.push(
        issue(
          reader,
          'invalid-override',
          row,
          'override',
          text,
          `${capital(cellLabel(reader, 'override', row))} holds "${text}", which is not a role; use ${ROLE_LIST}, or clear it (the override was ignored).`,
        ),
      );
    }
  }

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

  return {
    initiative: {
      row,
      id: idRaw === null ? null : cellText(idRaw),
      name,
      ledBy,
      ledByText,
      businessUnit: buRaw === null ? null : cellText(buRaw),
      stage,
      ioPilot,
      ioImplementation,
      ioOperations,
      integration,
      security,
      endpoints,
      budget,
      override,
    },
    issues,
  };
}
