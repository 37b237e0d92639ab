/**
 * One sheet row → an Initiative plus data issues (SPEC §2). Values are looked up in the
 * vocabularies; anything outside them becomes a data issue naming the column, the cell and
 * the value, and the field counts as unknown (never guessed).
 */

import { columnLetter, toA1 } from './address';
import { isResponsible } from './classify';
import { ownColumnIndexes } from './headers';
import type { FieldKind, KindValues, Field } from './fields';
import { FIELD_SPECS, FIELD_TABLE, FIELDS } from './fields';
import type { Involvement } from './domain';
import type { CellError, CellValue, HeaderDetection, SheetSnapshot } from './input';
import type { DataIssue, Initiative, IssueCode, PhaseField } from './results';
import { INVOLVEMENT_LEVELS } from './domain';
import {
  FIELD_LABELS,
  GROUP_VOCAB,
  INVOLVEMENT_TEXT_WORDS,
  INVOLVEMENT_VOCAB,
  NUMBER_PLACEHOLDERS,
  ROLE_VOCAB,
  STAGE_VOCAB,
  YES_NO_VOCAB,
  normaliseValue,
  parseAmount,
  parseCount,
} from './vocab';
import type { TextPhase } from './vocab';
import type { WordBook, WordField } from './words';
import { budgetCurrency } from './money';
import { isWordField } from './words';
import { quoted } from './limits';

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
  const own = ownColumnIndexes(headerValues);
  const width = sheet.values[0]?.length ?? 0;
  const inputIndexes: number[] = [];
  for (let i = 0; i < width; i++) {
    if (!own.has(i)) inputIndexes.push(i);
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
  return typeof v === 'string' && isBlankText(v);
}

/**
 * True when a text is empty or only whitespace (what String.prototype.trim removes). A text
 * that starts with a printable ASCII or Latin-1 character (nearly every cell) is decided
 * without trimming it, which copies the text when it has surrounding spaces.
 */
function isBlankText(v: string): boolean {
  if (v.length === 0) return true;
  const first = v.charCodeAt(0);
  // No character from U+0021 to U+009F is whitespace to trim (ECMA-262 WhiteSpace, LineTerminator).
  if (first > 0x20 && first < 0xa0) return false;
  return v.trim().length === 0;
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
    `${capital(cellLabel(reader, field, row))} holds ${quoted(text)}, which is not ${EXPECTED[field]}; it was treated as blank.`,
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

/** What the free-text column says: the phase levels it states, and whether part was unclear. */
export interface FreeTextReading {
  /** The levels the text states plainly; null when it states none. */
  levels: PhaseLevels | null;
  /** True when a clause was hedged, had a mixed subject, or contradicted another clause. */
  unclear: boolean;
}

const textMemo = new Map<string, FreeTextReading>();

/**
 * Reads the free-text "I&O Involvement" column (SPEC §2, §3), clause by clause: only a clause
 * whose subject is I&O (written, or implied by the column) credits I&O; a negated clause
 * says None; another group's clause says nothing about I&O; a hedged clause, a subject
 * naming I&O and another group, or two clauses that contradict each other make the reading
 * unclear (the caller reports it) and count for nothing.
 */
export function readFreeText(text: string): FreeTextReading {
  const cached = textMemo.get(text);
  if (cached !== undefined) return cached;
  const result = readFreeTextUncached(normaliseValue(text));
  if (textMemo.size < 50_000) textMemo.set(text, result);
  return result;
}

/** The levels a free text states plainly (see readFreeText), or null. */
export function parseInvolvementText(text: string): PhaseLevels | null {
  return readFreeText(text).levels;
}

const W = INVOLVEMENT_TEXT_WORDS;
const NEGATIONS: ReadonlySet<string> = new Set(W.negations);
const HEDGES: ReadonlySet<string> = new Set(W.hedges);
const IO_WORDS: ReadonlySet<string> = new Set(W.io);
const FILLER: ReadonlySet<string> = new Set(W.filler);
const PHASES_OF_TEXT: readonly TextPhase[] = ['pilot', 'implementation', 'operations'];
const NOTHING: FreeTextReading = Object.freeze({ levels: null, unclear: false });
const UNCLEAR: FreeTextReading = Object.freeze({ levels: null, unclear: true });

/** Sentences: split where a new subject may start afresh. */
const SENTENCE_BREAK = /[;:.!\n]+|\s[-–—]\s/;
/** Clauses of a sentence: they inherit the sentence's subject when they name none. */
const CLAUSE_BREAK = /,|\(|\)|\b(?:and|but|while|whereas|though|although|plus|then)\b/;
const PHRASES: ReadonlyMap<string, string> = new Map(W.phrases);
const PHRASE = new RegExp(
  `(?<![\\p{L}\\p{N}&])(?:${W.phrases.map(([p]) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}&])`,
  'gu',
);
const TOKEN = /[\p{L}\p{N}&'’✓✔-]+/gu;

type Subject = 'io' | 'other' | 'mixed' | 'none';

/** Who a run of words names: I&O, another group, both, or nobody. */
function subjectOf(words: readonly string[]): Subject {
  let io = false;
  let other = false;
  for (const raw of words) {
    const w = raw.replace(/['’]s$/, '');
    if (IO_WORDS.has(w)) io = true;
    else if (!FILLER.has(w) && !NEGATIONS.has(w) && !w.endsWith('ly')) other = true;
  }
  return io ? (other ? 'mixed' : 'io') : other ? 'other' : 'none';
}

/** One clause read: whose it is, the level it states and for which phases. */
interface Clause {
  subject: Subject;
  level: Involvement | 'involved' | null;
  phases: TextPhase[];
  hedged: boolean;
}

function readClause(text: string): Clause | null {
  const words = text.match(TOKEN);
  if (words === null) return null;
  const hedged = words.some((w) => HEDGES.has(w)) || text.includes('?');
  const v = words.findIndex((w) => Object.prototype.hasOwnProperty.call(W.verbs, w));
  const phases: TextPhase[] = [];
  for (let i = v < 0 ? 0 : v + 1; i < words.length; i++) {
    const p = W.phases[words[i]!];
    if (p !== undefined && !phases.includes(p)) phases.push(p);
  }
  if (v < 0) {
    // A clause without a verb: phase nouns continue the last clause ("… for implementation
    // and operations"); a group continues into the next clause's subject ("I&O and Retail run it").
    const named = words.filter((w) => W.phases[w] === undefined);
    return { subject: subjectOf(named), level: null, phases, hedged };
  }
  const verb = W.verbs[words[v]!]!;
  const before = words.slice(0, v);
  const negated = before.some((w) => NEGATIONS.has(w));
  // A passive clause names its agent after "by" ("implemented by the vendor").
  const by = words.indexOf('by', v + 1);
  const subject = by > v ? subjectOf(words.slice(by + 1)) : subjectOf(before);
  let level: Involvement | 'involved' = negated ? 'None' : verb.level;
  let scope: readonly TextPhase[] =
    phases.length > 0 ? phases : verb.phases === 'all' ? PHASES_OF_TEXT : verb.phases;
  // "Support after go-live" is operating it (SPEC §2).
  if (
    !negated &&
    verb.level === 'Supporting' &&
    words.slice(v + 1).some((w) => W.operatingSupport.includes(w))
  ) {
    level = 'Responsible';
    scope = ['operations'];
  }
  return { subject, level, phases: [...scope], hedged };
}

function readFreeTextUncached(t: string): FreeTextReading {
  if (t === '') return NOTHING;
  // A bare level ("Responsible", "R", "R/A", "Yes", "N/A") describes every phase alike.
  const bare = Object.prototype.hasOwnProperty.call(W.verbs, t)
    ? null
    : INVOLVEMENT_VOCAB.lookup(t);
  if (bare !== null) return { levels: all(bare), unclear: false };
  const text = t.replace(/’/g, "'").replace(PHRASE, (m) => PHRASES.get(m)!);
  const found: Record<TextPhase, Involvement[]> = { pilot: [], implementation: [], operations: [] };
  let unclear = false;
  let said = false;
  for (const sentence of text.split(SENTENCE_BREAK)) {
    // The column is about I&O: a sentence without a subject is I&O's.
    let subject: Subject = 'io';
    let pending: Subject = 'none';
    let last: Clause | null = null;
    for (const part of sentence.split(CLAUSE_BREAK)) {
      const c = part === undefined ? null : readClause(part);
      if (c === null) continue;
      if (c.level === null) {
        if (c.phases.length > 0 && c.subject === 'none' && last !== null) {
          for (const p of c.phases) credit(last, p);
        } else if (c.subject !== 'none') pending = merge(pending, c.subject);
        if (c.hedged) unclear = true;
        continue;
      }
      const own = merge(pending, c.subject);
      pending = 'none';
      if (own !== 'none') subject = own;
      said = true;
      if (c.hedged || subject === 'mixed' || c.level === 'involved') {
        unclear = true;
        last = null;
        continue;
      }
      last = subject === 'io' ? c : null;
      if (last !== null) for (const p of c.phases) credit(last, p);
    }
  }

  function credit(c: Clause, p: TextPhase): void {
    if (c.level !== null && c.level !== 'involved') found[p].push(c.level);
  }

  if (!said && !unclear) return NOTHING;
  const levels: PhaseLevels = { pilot: null, implementation: null, operations: null };
  let any = false;
  for (const p of PHASES_OF_TEXT) {
    const ls = found[p];
    if (ls.length === 0) continue;
    // "Operates it; does not operate it": the text contradicts itself, so the phase is unknown.
    if (ls.includes('None') && ls.some((l) => isResponsible(l))) {
      unclear = true;
      continue;
    }
    levels[p] = ls.reduce((a, b) => (LEVEL_ORDER.indexOf(b) > LEVEL_ORDER.indexOf(a) ? b : a));
    any = true;
  }
  // Text that only says what others do says nothing plain about I&O: unclear, not unknown.
  if (!any) return UNCLEAR;
  return { levels, unclear };
}

const LEVEL_ORDER: readonly Involvement[] = INVOLVEMENT_LEVELS;

function all(level: Involvement): PhaseLevels {
  return { pilot: level, implementation: level, operations: level };
}

/** Two subjects of one clause ("I&O and Retail"): both named is mixed. */
function merge(a: Subject, b: Subject): Subject {
  if (a === 'none') return b;
  if (b === 'none' || a === b) return a;
  return 'mixed';
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
  if (typeof v === 'string') return isBlankText(v) ? null : v;
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

/**
 * An initiative with every value blank, built from the field table (adding a field is one row
 * there). Its properties are added one by one to a plain object, so the template has fast
 * properties and every copy shares one hidden class (checked with %HaveSameMap over 100,000
 * sample rows). A template made by Object.fromEntries gave each copy a hidden class of its
 * own (96,022 for 100,000 rows), which made every later read of a row slow. budgetCurrency is
 * held from the start (undefined reads and serialises as absent): added later, it took a
 * property array of its own on most rows.
 */
const BLANK_INITIATIVE: Record<string, unknown> = { row: -1 };
for (const step of READ_STEPS)
  if (step.kind !== 'involvement-text') BLANK_INITIATIVE[step.field] = null;
for (const step of READ_STEPS) if (step.textKey !== null) BLANK_INITIATIVE[step.textKey] = null;
BLANK_INITIATIVE.fromText = null;
BLANK_INITIATIVE.budgetCurrency = undefined;

/** A blank initiative for one worksheet row: a copy of the template (one shared shape). */
function blankInitiative(row: number): Initiative {
  const initiative = { ...BLANK_INITIATIVE } as unknown as Initiative;
  initiative.row = row;
  return initiative;
}

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
  // `out` starts blank (blankInitiative): only values found are written.
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
        `${capital(cellLabel(reader, field, row))} holds ${quoted(text)}, which is not a role; use ${ROLE_LIST}, or clear it (the override was ignored).`,
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
  const found = issue(
    reader,
    'conflict',
    row,
    field,
    column,
    `${capital(cellLabel(reader, field, row))} says ${column} but ${cellLabel(reader, 'ioInvolvement', row)} says "${cellText(raw)}"; the ${reader.headers[field]} column was used, so check which is right.`,
  );
  const text$ = reader.cols.ioInvolvement;
  if (found.address !== null && text$ !== null) found.cells = [found.address, toA1(row, text$)];
  issues.push(found);
}

/** The free text read, or null when a taught word gives one level for every phase. */
function freeReading(reader: RowReader, raw: CellValue, row: number): FreeTextReading {
  const level = taught(reader, 'ioInvolvement', raw, row) as Involvement | null;
  if (level !== null) return { levels: all(level), unclear: false };
  return typeof raw === 'string' ? readFreeText(raw) : NOTHING;
}

/**
 * Reads the free-text "I&O Involvement" column into the phases (SPEC §2, §3): phase columns,
 * where filled, win over it, and a disagreement that changes the role is reported; text that
 * is unclear in part is reported on its cell and only its plain part counts.
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
  const { levels, unclear } = freeReading(reader, freeRaw, row);
  if (unclear) issues.push(unclearText(reader, row, freeRaw, levels !== null));
  else if (levels === null) issues.push(unknownValue(reader, row, 'ioInvolvement', freeRaw));
  if (levels === null) return;
  let fromText: PhaseField[] | null = null;
  for (const [field, level] of [
    ['ioPilot', levels.pilot],
    ['ioImplementation', levels.implementation],
    ['ioOperations', levels.operations],
  ] as const) {
    const column = out[field];
    if (column !== null) checkAgreement(reader, row, field, column, level, freeRaw, issues);
    else if (level !== null) {
      out[field] = level;
      (fromText ??= []).push(field);
    }
  }
  if (fromText !== null) out.fromText = fromText;
}

/** A free text that does not say plainly what I&O does (hedged, mixed or self-contradicting). */
function unclearText(reader: RowReader, row: number, raw: CellValue, partly: boolean): DataIssue {
  const text = cellText(raw);
  return issue(
    reader,
    'unknown-value',
    row,
    'ioInvolvement',
    text,
    `${capital(cellLabel(reader, 'ioInvolvement', row))} holds "${text}", which does not say plainly what I&O does (it hedges, names I&O and another group together, or contradicts itself); ${partly ? 'only its plain part was counted' : 'it was not counted'}, so say what I&O does, e.g. "implements it", "consulted" or "not involved".`,
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

  // The row's issues are gathered in one array kept for every row, then copied out.
  const issues = ROW_ISSUES;
  issues.length = 0;
  const ix = reader.index;
  // Every initiative starts from the same literal, so all share one shape (fast to read).
  const initiative = blankInitiative(row);
  const out = initiative as unknown as Record<string, unknown>;
  const steps = reader.steps;
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k]!;
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

  return { initiative, issues: issues.length === 0 ? NO_ROW_ISSUES : issues.slice() };
}

/** Where normaliseRow gathers a row's issues (it runs one row at a time, never nested). */
const ROW_ISSUES: DataIssue[] = [];

/**
 * The issues of every row that has none: one frozen array, not an empty one per row (most
 * rows of a large inventory have none, and each array was kept with its row). Nothing adds to
 * a row's issues once read (results replace the array, as money.ts does); were something to,
 * it fails loudly here rather than sharing an issue between rows.
 */
const NO_ROW_ISSUES = Object.freeze([]) as unknown as DataIssue[];
