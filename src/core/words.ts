/**
 * The workbook's own words (SPEC §2): what a value means for a field in this workbook
 * ("Digital Factory" → Operations for Led By). A word list comes from the saved settings, the
 * pane or the command line's `--words FILE`; it is checked here against each field's
 * vocabulary, keyed like the built-in synonyms (case, spaces and punctuation ignored), and
 * consulted before the built-in tables, so a workbook's word wins in that workbook only.
 */

import type { FieldOfKind, Field } from './fields';
import { FIELD_TABLE, FIELDS } from './fields';
import type { Group, Involvement, Role, Stage } from './domain';
import { problem } from './messages';
import type { Vocabulary, VocabularyKind } from './vocab';
import {
  FIELD_LABELS,
  KIND_VOCABULARIES,
  hasVocabulary,
  looseValue,
  matchHeader,
  normaliseValue,
} from './vocab';

/** One word as the user wrote it: a field, a value found in that field, and what it means. */
export interface WordEntry {
  field: string;
  value: string;
  meaning: string;
}

/** The fields a word can teach: those whose kind has a vocabulary (the field table's kinds). */
export type WordField = FieldOfKind<VocabularyKind>;

/** The fields a word can teach, and the vocabulary its meaning comes from. */
export const WORD_VOCABULARIES: Readonly<Record<WordField, Vocabulary<string>>> =
  Object.fromEntries(
    FIELD_TABLE.flatMap((f) =>
      hasVocabulary(f.kind) ? [[f.key, KIND_VOCABULARIES[f.kind]] as const] : [],
    ),
  ) as Record<WordField, Vocabulary<string>>;

/** The canonical meaning a word gives, per kind of field. */
export type WordMeaning = Group | Stage | Involvement | Role | 'yes' | 'no';

export const WORD_FIELDS = Object.keys(WORD_VOCABULARIES) as WordField[];

/** The meanings a field's words may take, in the vocabulary's order (for the pane's choice). */
export function meaningsOf(field: WordField): readonly string[] {
  return WORD_VOCABULARIES[field].values;
}

/** True for a field that words can teach. */
export function isWordField(field: string): field is WordField {
  return Object.prototype.hasOwnProperty.call(WORD_VOCABULARIES, field);
}

/** One word the refresh used, and on how many rows (SPEC §4: the summary lists them). */
export interface WordUse {
  field: WordField;
  /** The value as the word list spells it. */
  value: string;
  meaning: string;
  rows: number;
}

interface Taught {
  field: WordField;
  value: string;
  meaning: string;
  /** Rows that used this word in the current refresh (each row counted once per field). */
  rows: number;
  lastRow: number;
}

/**
 * A checked word list, compiled into per-field lookups. Each refresh compiles its own, so the
 * usage counts belong to that refresh.
 */
export class WordBook {
  private readonly exact = new Map<string, Taught>();
  private readonly loose = new Map<string, Taught>();
  private readonly order: Taught[] = [];

  /** @internal built by `compileWords`, which checks the list first. */
  constructor(words: readonly { field: WordField; value: string; meaning: string }[]) {
    for (const w of words) {
      const key = `${w.field}\u0000${normaliseValue(w.value)}`;
      if (this.exact.has(key)) continue; // the same word twice (checked to mean the same)
      const t: Taught = { ...w, rows: 0, lastRow: -1 };
      this.order.push(t);
      this.exact.set(key, t);
      const lk = looseValue(w.value);
      if (lk !== '') this.loose.set(`${w.field}\u0000${lk}`, t);
    }
  }

  get size(): number {
    return this.order.length;
  }

  /** The taught meaning of a cell's text in a field, or null; counts the row as using it. */
  meaning(field: WordField, text: string, row: number): string | null {
    const t =
      this.exact.get(`${field}\u0000${normaliseValue(text)}`) ??
      this.loose.get(`${field}\u0000${looseValue(text)}`);
    if (t === undefined) return null;
    if (t.lastRow !== row) {
      t.rows++;
      t.lastRow = row;
    }
    return t.meaning;
  }

  /** The words this refresh used, in list order, with their row counts. */
  used(): WordUse[] {
    return this.order
      .filter((t) => t.rows > 0)
      .map(({ field, value, meaning, rows }) => ({ field, value, meaning, rows }));
  }
}

/** The field a word names: a field key ("ledBy", any case) or one of its headers ("Led By"). */
function resolveField(text: string): Field | null {
  const t = text.trim();
  const byKey = FIELDS.find((f) => f.toLowerCase() === t.toLowerCase());
  return byKey ?? matchHeader(t);
}

/**
 * Checks a word list and compiles it. Throws RoleMapError (one sentence) for the first word
 * that names an unknown field, leaves the value empty, means something outside the field's
 * vocabulary, or teaches a value a second, different meaning; nothing is applied then.
 */
export function compileWords(entries: readonly WordEntry[]): WordBook {
  const checked: { field: WordField; value: string; meaning: string }[] = [];
  const seen = new Map<string, { value: string; meaning: string }>();
  for (const entry of entries) {
    const field = resolveField(entry.field);
    if (field === null || !isWordField(field)) {
      throw problem('word-field-unknown', {
        field: entry.field,
        value: entry.value,
        fields: WORD_FIELDS,
      });
    }
    const value = entry.value.trim().replace(/\s+/g, ' ');
    if (value === '') throw problem('word-value-empty', { field: FIELD_LABELS[field] });
    const vocab: Vocabulary<string> = WORD_VOCABULARIES[field];
    const meaning = vocab.lookup(entry.meaning);
    if (meaning === null) {
      throw problem('word-meaning-unknown', {
        field: FIELD_LABELS[field],
        value,
        meaning: entry.meaning,
        meanings: vocab.values,
      });
    }
    // Same field, same value as the lookup sees it (case, spaces, punctuation ignored).
    for (const key of [normaliseValue(value), `~${looseValue(value)}`]) {
      if (key === '~') continue;
      const id = `${field}\u0000${key}`;
      const earlier = seen.get(id);
      if (earlier !== undefined && earlier.meaning !== meaning) {
        throw problem('word-conflict', {
          field: FIELD_LABELS[field],
          value,
          first: earlier.meaning,
          firstValue: earlier.value,
          second: meaning,
        });
      }
      seen.set(id, { value, meaning });
    }
    checked.push({ field, value, meaning });
  }
  return new WordBook(checked);
}

/** A word list in its saved form: field keys and canonical meanings (for settings and export). */
export function canonicalWords(entries: readonly WordEntry[]): WordEntry[] {
  compileWords(entries); // throws for a bad list, so the map below only sees good words
  return entries.map((e) => {
    const field = resolveField(e.field) as WordField;
    return {
      field,
      value: e.value.trim().replace(/\s+/g, ' '),
      meaning: WORD_VOCABULARIES[field].lookup(e.meaning)!,
    };
  });
}

/** The same word as the lookup sees it: its field and its value, case and spaces ignored. */
function wordKey(e: WordEntry): string {
  return `${resolveField(e.field) ?? e.field}\u0000${normaliseValue(e.value)}`;
}

/**
 * Words for one run on top of saved ones (`--words FILE`, or the pane teaching a value again):
 * an added word replaces a saved word for the same field and value; the rest are kept.
 */
export function mergeWords(saved: readonly WordEntry[], added: readonly WordEntry[]): WordEntry[] {
  const replaced = new Set(added.map(wordKey));
  return [...saved.filter((w) => !replaced.has(wordKey(w))), ...added];
}

/** The list without the word for this field and value (the pane's remove). */
export function removeWord(words: readonly WordEntry[], word: WordEntry): WordEntry[] {
  const key = wordKey(word);
  return words.filter((w) => wordKey(w) !== key);
}

/** The JSON the pane exports: a versioned list a team can share across workbooks. */
export interface WordsExport {
  kind: 'iot-role-map-words';
  version: 1;
  words: WordEntry[];
}

/** The pane's export of a word list (pretty-printed JSON). */
export function exportWords(words: readonly WordEntry[]): string {
  const out: WordsExport = {
    kind: 'iot-role-map-words',
    version: 1,
    words: words.map(({ field, value, meaning }) => ({ field, value, meaning })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

function entryOf(o: unknown): WordEntry | null {
  if (typeof o !== 'object' || o === null) return null;
  const { field, value, meaning } = o as Record<string, unknown>;
  return typeof field === 'string' && typeof value === 'string' && typeof meaning === 'string'
    ? { field, value, meaning }
    : null;
}

/**
 * A CSV file as rows of fields, after RFC 4180 (quoted fields, "" inside quotes, CRLF or LF).
 * Hand-written because the project has no CSV parser among its dependencies (fast-csv is only
 * a transitive dev dependency, absent from an installed CLI), and a word list is three short
 * columns: this reader is the whole of what it needs.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark, as Excel writes it
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('a quoted value is not closed');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Reads a word list: the pane's JSON export (or a bare JSON array of {field, value, meaning}),
 * or CSV `field,value,meaning` with an optional header row. Throws RoleMapError
 * 'words-unreadable' naming `source`; the words themselves are checked by `compileWords`.
 */
export function parseWordList(text: string, source: string): WordEntry[] {
  const fail = (reason: string) => problem('words-unreadable', { source, reason });
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed) as unknown;
    } catch {
      throw fail('it looks like JSON but is not valid JSON');
    }
    const list = Array.isArray(data) ? data : (data as { words?: unknown } | null)?.words;
    if (!Array.isArray(list)) throw fail('the JSON has no list of words');
    return list.map((o, i) => {
      const e = entryOf(o);
      if (e === null) throw fail(`word ${i + 1} needs a field, a value and a meaning`);
      return e;
    });
  }
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    throw fail((err as Error).message);
  }
  rows = rows.filter((r) => r.some((c) => c.trim() !== ''));
  const first = rows[0]?.map((c) => c.trim().toLowerCase());
  if (first && first[0] === 'field' && first[1] === 'value' && first[2] === 'meaning') {
    rows = rows.slice(1);
  }
  return rows.map((r, i) => {
    if (r.length !== 3) {
      throw fail(`word ${i + 1} has ${r.length} value${r.length === 1 ? '' : 's'}, not 3`);
    }
    return { field: r[0]!.trim(), value: r[1]!.trim(), meaning: r[2]!.trim() };
  });
}
