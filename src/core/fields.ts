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

export { FIELD_KINDS, FIELD_USES } from './field-spec';
export type {
  FieldKind,
  KindValues,
  FieldUse,
  FieldNeed,
  FieldGrouping,
  FieldSpec,
} from './field-spec';
import { FIELD_KINDS, FIELD_USES } from './field-spec';
import type {
  FieldKind,
  KindValues,
  FieldUse,
  FieldNeed,
  FieldGrouping,
  FieldSpec,
} from './field-spec';

const NEED_OF_USE: Record<FieldUse, FieldNeed> = {
  identity: 'required',
  decision: 'classification',
  opportunity: 'optional',
  override: 'optional',
  reference: 'optional',
};

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
