/**
 * The field table (SPEC §2, STYLE "Tables over positions"): one row per inventory field with
 * its key, label, kind of value, recognised headers, what it is used for and whether the
 * summary groups by it. Everything that varies by field is derived from here: the `Field`
 * type and `FIELDS` order, the `Initiative` type (one value per field, typed by its kind), the
 * header index (vocab.ts), which parser reads a cell (normalise.ts), which fields take the
 * workbook's own words (words.ts), the summary's "Roles by …" tables (summary.ts,
 * summary-sheet.ts) and the pane's importance and listing order (preview.ts). The table is
 * checked when this module loads (`checkFieldTable`), so a bad row fails fast with a sentence.
 * The rows themselves are in field-table.ts.
 */

import { FIELD_TABLE } from './field-table';
import type { Group, Involvement, Role, Stage } from './model';

/**
 * Kind of value a field holds, which decides how a cell is read (normalise.ts):
 * text as written; a lead group, stage, involvement level, yes/no or role from its vocabulary
 * (vocab.ts); a count or an amount written the way people write numbers; and the one free-text
 * "I&O Involvement" column, read into the three phase levels.
 */
export const FIELD_KINDS = [
  'text',
  'group',
  'stage',
  'involvement',
  'involvement-text',
  'yes-no',
  'count',
  'amount',
  'role',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** The value each kind gives an initiative (`involvement-text` is folded into the phases). */
export interface KindValues {
  text: string;
  group: Group;
  stage: Stage;
  involvement: Involvement;
  'involvement-text': never;
  'yes-no': boolean;
  count: number;
  amount: number;
  role: Role;
}

/**
 * What a field is for, in the order the pane lists them: identity (required: no refresh
 * without it), decision (the rules read it to decide the role), opportunity (the next role and
 * its priority), override (the user's own role), reference (kept, shown or grouped by).
 */
export const FIELD_USES = ['identity', 'decision', 'opportunity', 'override', 'reference'] as const;
export type FieldUse = (typeof FIELD_USES)[number];

/** How much a refresh depends on a field (SPEC §2–§3), derived from its use. */
export type FieldNeed = 'required' | 'classification' | 'optional';

const NEED_OF_USE: Record<FieldUse, FieldNeed> = {
  identity: 'required',
  decision: 'classification',
  opportunity: 'optional',
  override: 'optional',
  reference: 'optional',
};

/** A "Roles by …" table on the summary: its title, the header of its label column. */
export interface FieldGrouping {
  title: string;
  header: string;
  /** Shown even when the inventory has no column for the field (every row then "(blank)"). */
  always: boolean;
}

/** One row of the field table. */
export interface FieldSpec {
  key: string;
  /** The field's name in the planners' words (task pane). */
  label: string;
  kind: FieldKind;
  use: FieldUse;
  /**
   * Recognised header texts, matched after `normaliseHeader`; the first is the field's header
   * in messages, templates and a consolidated portfolio.
   */
  headers: readonly string[];
  /** What a user should write, in "…which is not <expected>" (else the kind's wording). */
  expected?: string;
  /** The summary's table of roles by this field, or absent when the summary does not group by it. */
  grouping?: FieldGrouping;
}

export { FIELD_TABLE } from './field-table';

type FieldRow = (typeof FIELD_TABLE)[number];

/** An inventory field the engine understands (SPEC §2). */
export type Field = FieldRow['key'];
/** The kind of value of a field. */
export type KindOf<F extends Field> = Extract<FieldRow, { key: F }>['kind'];
/** The fields of one kind. */
export type FieldOfKind<K extends FieldKind> = Extract<FieldRow, { kind: K }>['key'];

/** One value per field, typed by its kind (the free-text involvement is read into the phases). */
export type FieldValues = {
  [F in Field as KindOf<F> extends 'involvement-text' ? never : F]: KindValues[KindOf<F>] | null;
};
/** Each lead-group field's text as written (e.g. `ledByText`: "Marketing"), for rationale. */
export type GroupTexts = { [F in FieldOfKind<'group'> as `${F}Text`]: string | null };

/** The fields in the engine's order (detection, --map help, a consolidated portfolio's columns). */
export const FIELDS: readonly Field[] = FIELD_TABLE.map((f) => f.key);

/** The table's rows, typed plainly (a row's literal types only matter for the types above). */
const ROWS: readonly (FieldSpec & { key: Field })[] = FIELD_TABLE;

/** A record with one entry per field, computed from its row of the table. */
export function byField<T>(value: (spec: FieldSpec & { key: Field }) => T): Record<Field, T> {
  return Object.fromEntries(ROWS.map((f) => [f.key, value(f)])) as Record<Field, T>;
}

/** Each field's row of the table. */
export const FIELD_SPECS: Readonly<Record<Field, FieldSpec>> = byField((f) => f);

/** Header of each field (its first recognised header) in messages, templates and portfolios. */
export const FIELD_HEADERS: Readonly<Record<Field, string>> = byField((f) => f.headers[0]!);

/** Each field's name in the planners' words (the task pane's labels). */
export const FIELD_NAMES: Readonly<Record<Field, string>> = byField((f) => f.label);

/** How much a refresh depends on each field. */
export const FIELD_NEEDS: Readonly<Record<Field, FieldNeed>> = byField((f) => NEED_OF_USE[f.use]);

/** The order the pane lists the fields in: by use (importance first), then the table's order. */
export const FIELD_ORDER: readonly Field[] = FIELD_USES.flatMap((use) =>
  ROWS.filter((f) => f.use === use).map((f) => f.key),
);

/** The fields of one kind, in the table's order. */
export function fieldsOfKind<K extends FieldKind>(kind: K): FieldOfKind<K>[] {
  return ROWS.filter((f) => f.kind === kind).map((f) => f.key as FieldOfKind<K>);
}

/** A field the summary groups by, with its table. */
export interface GroupingField {
  field: Field;
  kind: FieldKind;
  grouping: FieldGrouping;
}

/**
 * The summary's "Roles by …" tables, in the order it shows them: those shown always first,
 * then those shown when the inventory has the column, each in the table's order.
 */
export const GROUPING_FIELDS: readonly GroupingField[] = [true, false].flatMap((always) =>
  ROWS.flatMap((f) =>
    f.grouping !== undefined && f.grouping.always === always
      ? [{ field: f.key, kind: f.kind, grouping: f.grouping }]
      : [],
  ),
);

/**
 * Header key: case, spaces, punctuation, "&"/"and" and a trailing "(…)" unit are ignored,
 * so "I & O Pilot", "i&o pilot" and "IO Pilot (role)" all give "iopilot".
 */
export function normaliseHeader(text: string): string {
  let s = text.toLowerCase().replace(/\s*\([^()]*\)\s*$/, '');
  s = s.replace(/&/g, ' ').replace(/\band\b/g, ' ');
  // "#" carries meaning ("# Devices") but the synonym table spells it, so dropping it is safe.
  return s.replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Checks a field table: keys, labels and headers present and unique (headers compared as
 * `normalise` keys them), kinds and uses known, grouping titles unique. Throws one sentence
 * naming the row at fault; runs on FIELD_TABLE when this module loads (below).
 */
export function checkFieldTable(
  table: readonly FieldSpec[],
  normalise: (header: string) => string,
): void {
  const keys = new Set<string>();
  const headers = new Map<string, string>();
  const titles = new Set<string>();
  for (const f of table) {
    const fail = (what: string) => {
      throw new Error(`Field table: field "${f.key}" ${what}.`);
    };
    if (!/^[a-z][A-Za-z0-9]*$/.test(f.key)) fail('needs a camelCase key');
    if (keys.has(f.key)) fail('is listed twice');
    keys.add(f.key);
    if (f.label.trim() === '') fail('has no label');
    if (!(FIELD_KINDS as readonly string[]).includes(f.kind))
      fail(`has an unknown kind "${f.kind}"`);
    if (!(FIELD_USES as readonly string[]).includes(f.use)) fail(`has an unknown use "${f.use}"`);
    if (f.headers.length === 0) fail('has no recognised header');
    for (const h of f.headers) {
      const k = normalise(h);
      if (k === '') fail(`has a header "${h}" with no letters or digits`);
      const other = headers.get(k);
      if (other !== undefined && other !== f.key) {
        fail(`has the header "${h}", which field "${other}" already has; keep it in one field`);
      }
      headers.set(k, f.key);
    }
    if (f.grouping !== undefined) {
      if (f.grouping.title.trim() === '' || f.grouping.header.trim() === '') {
        fail('groups the summary without a title or a header');
      }
      if (titles.has(f.grouping.title)) fail(`repeats the summary table "${f.grouping.title}"`);
      titles.add(f.grouping.title);
    }
  }
}

checkFieldTable(FIELD_TABLE, normaliseHeader);
