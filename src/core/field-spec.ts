/**
 * The shape of a row of the field table (fields.ts tells what each column means): kinds of
 * value, uses, groupings. Kept apart from fields.ts so the rows (field-table.ts) and the
 * code derived from them (fields.ts) import it without importing each other.
 */

import type { Group, Involvement, Role, Stage } from './domain';

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
