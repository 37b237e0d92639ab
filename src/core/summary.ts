/**
 * The portfolio summary: counts and shares per role, the active-role share, budget per role,
 * role × lead group and role × stage, top opportunities and the rows to review.
 */

import type { FieldKind, Field } from './fields';
import { FIELD_SPECS, GROUPING_FIELDS } from './fields';
import type { Priority, Role, RoleOrUnclassified } from './domain';
import type { SheetSnapshot } from './input';
import type {
  CrossTab,
  FieldCrossTab,
  IssueCode,
  Projection,
  ProjectionPoint,
  RowResult,
  Summary,
} from './results';
import { ACTIVE_ROLES, ROLES } from './domain';
import { headerText } from './headers';
import { KIND_VOCABULARIES, hasVocabulary } from './vocab';
import { rankOpportunities } from './ranking';
import { mainCurrency, moneyTotals, rowCurrency } from './money';

/** Label used in cross-tabs for rows with no value. */
export const BLANK_LABEL = '(blank)';
/** Label for rows whose value is filled in but not in the vocabulary (a data issue). */
export const UNRECOGNISED_LABEL = '(not recognised)';

/** A field's value as a cross-tab label (yes/no as "Yes"/"No", numbers as written). */
function valueLabel(value: string | number | boolean | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/** Issues that mean a field's cell held something the engine could not read. */
const UNRECOGNISED_CODES: ReadonlySet<IssueCode> = new Set([
  'unknown-value',
  'cell-error',
  'invalid-override',
]);

/** Labels listed first, in their vocabulary's order; other labels follow alphabetically. */
function labelOrder(kind: FieldKind): readonly string[] {
  if (kind === 'yes-no') return ['Yes', 'No'];
  return hasVocabulary(kind) ? KIND_VOCABULARIES[kind].values : [];
}

/**
 * The label a row is counted under in roles by `field`: its value, or for a field with a
 * vocabulary or a number form, "(not recognised)" when the cell held something else (a text
 * field has nothing to recognise, so an error cell there counts as blank).
 */
function groupLabel(r: RowResult, field: Field, kind: FieldKind): string | null {
  const values = r.initiative as unknown as Partial<
    Record<Field, string | number | boolean | null>
  >;
  const value = valueLabel(values[field]);
  if (value !== null || kind === 'text') return value;
  for (const issue of r.issues) {
    if (issue.field === field && UNRECOGNISED_CODES.has(issue.code)) {
      return UNRECOGNISED_LABEL;
    }
  }
  return null;
}

/** Roles by a field of the field table (its grouping), counted over the rows. */
export function rolesByField(rows: readonly RowResult[], field: Field): CrossTab {
  const kind = FIELD_SPECS[field].kind;
  return crossTab(rows, labelOrder(kind), (r) => groupLabel(r, field, kind));
}

function zeroCounts(): Record<RoleOrUnclassified, number> {
  return { Bystander: 0, Operator: 0, Implementer: 0, Driver: 0, Unclassified: 0 };
}

/**
 * Counts per role for each label. Labels in `order` come first in that order; any other label
 * (free text such as a business unit) follows alphabetically, spelt as first seen and grouped
 * ignoring case and surrounding spaces; then "(not recognised)" and "(blank)".
 */
function crossTab(
  rows: readonly RowResult[],
  order: readonly string[],
  key: (r: RowResult) => string | null,
): CrossTab {
  type Entry = { label: string; counts: Record<RoleOrUnclassified, number> };
  const byKey = new Map<string, Entry>();
  // Each value as the rows hold it, to its entry: rows repeat a few values, so each is trimmed
  // and lower-cased once, not once per row.
  const byValue = new Map<string | null, Entry>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const value = key(r);
    let entry = byValue.get(value);
    if (entry === undefined) {
      const raw = value?.trim();
      const label = raw === undefined || raw === '' ? BLANK_LABEL : raw;
      const k = label.toLowerCase();
      entry = byKey.get(k);
      if (entry === undefined) {
        entry = { label, counts: zeroCounts() };
        byKey.set(k, entry);
      }
      byValue.set(value, entry);
    }
    entry.counts[r.role]++;
  }
  const fixed = [...order, UNRECOGNISED_LABEL, BLANK_LABEL].map((l) => l.toLowerCase());
  const free = [...byKey.keys()]
    .filter((k) => !fixed.includes(k))
    .sort((a, b) => a.localeCompare(b, 'en'));
  const keys = [
    ...order.map((l) => l.toLowerCase()),
    ...free,
    UNRECOGNISED_LABEL.toLowerCase(),
    BLANK_LABEL.toLowerCase(),
  ].filter((k) => byKey.has(k));
  return {
    labels: keys.map((k) => byKey.get(k)!.label),
    counts: keys.map((k) => byKey.get(k)!.counts),
  };
}

/**
 * The active-role share if I&O takes every opportunity of the given priorities: each such
 * initiative counts at its Next Role (retired and unclassified rows have none and stay out).
 */
function projectAt(
  rows: readonly RowResult[],
  classified: number,
  active: number,
  take: readonly Priority[],
): ProjectionPoint {
  let count = 0;
  let gained = 0;
  for (const r of rows) {
    if (r.priority === '' || r.nextRole === '' || !take.includes(r.priority)) continue;
    if (r.role === 'Unclassified') continue;
    count++;
    const wasActive = (ACTIVE_ROLES as readonly string[]).includes(r.role);
    const willBeActive = (ACTIVE_ROLES as readonly string[]).includes(r.nextRole);
    gained += Number(willBeActive) - Number(wasActive);
  }
  return { count, activeShare: classified === 0 ? null : (active + gained) / classified };
}

/** Where ownership is heading: the share after the High, then the High and Medium, opportunities. */
export function projection(rows: readonly RowResult[]): Projection {
  let classified = 0;
  let active = 0;
  for (const r of rows) {
    if (r.role === 'Unclassified') continue;
    classified++;
    if ((ACTIVE_ROLES as readonly string[]).includes(r.role)) active++;
  }
  return {
    high: projectAt(rows, classified, active, ['High']),
    highAndMedium: projectAt(rows, classified, active, ['High', 'Medium']),
  };
}

/**
 * Builds the summary of classified rows. `hasColumn` says which fields the inventory has a
 * column for: budget per role needs the budget column, and roles by a grouping field that is
 * not shown always (the field table's `grouping`) need that field's column.
 */
export function summarise(
  sheets: readonly string[],
  rows: readonly RowResult[],
  hasColumn: (field: Field) => boolean,
): Summary {
  const counts = zeroCounts();
  const budget = hasColumn('budget') ? zeroCounts() : null;
  // Budget per role in the main currency only: amounts in another one are never added in.
  const main = budget === null ? null : mainCurrency(rows);
  for (const r of rows) {
    counts[r.role]++;
    if (budget !== null && r.initiative.budget !== null && rowCurrency(r, main) === main) {
      budget[r.role] += r.initiative.budget;
    }
  }
  const classified = rows.length - counts.Unclassified;
  const shares = {} as Record<Role, number>;
  for (const role of ROLES) shares[role] = classified === 0 ? 0 : counts[role] / classified;
  const active = ACTIVE_ROLES.reduce((n, role) => n + counts[role], 0);

  const topOpportunities = rankOpportunities(rows);
  const review = rows.filter((r) => r.issues.length > 0 || r.role === 'Unclassified');

  return {
    sheet: sheets.join(', '),
    sheets: [...sheets],
    total: rows.length,
    classified,
    needsReview: review.length,
    counts,
    shares,
    activeShare: classified === 0 ? null : active / classified,
    budget,
    byField: GROUPING_FIELDS.filter((g) => g.grouping.always || hasColumn(g.field)).map(
      (g): FieldCrossTab => ({ field: g.field, tab: rolesByField(rows, g.field) }),
    ),
    topOpportunities,
    review,
    projection: projection(rows),
    money: budget === null ? null : { main, totals: moneyTotals(rows, main) },
  };
}

/** The summary's roles by `field`, or null when the summary does not group by it. */
export function rolesIn(summary: Summary, field: Field): CrossTab | null {
  return summary.byField.find((t) => t.field === field)?.tab ?? null;
}

/** Roles by inventory sheet (rows refreshed from several sheets carry their sheet). */
export function rolesBySheet(rows: readonly RowResult[]): CrossTab {
  return crossTab(rows, [], (r) => r.sheet ?? null);
}

/**
 * Roles by source for the summary: each row labelled "file › sheet" from the columns named by
 * `headers` (missing columns give "(blank)").
 */
export function rolesBySource(
  sheet: SheetSnapshot,
  headerRow: number,
  rows: readonly RowResult[],
  headers: readonly string[],
): CrossTab {
  const header = sheet.values[headerRow - sheet.origin.row] ?? [];
  const cols = headers.map((h) => header.findIndex((v) => headerText(v) === h));
  return crossTab(rows, [], (r) => {
    const line = sheet.values[r.row - sheet.origin.row] ?? [];
    const parts = cols.filter((c) => c >= 0).map((c) => headerText(line[c]));
    const label = parts.filter((p) => p !== '').join(' › ');
    return label === '' ? null : label;
  });
}

/** Roles in the order the summary shows them: most ownership first. */
export const ROLES_BY_OWNERSHIP: readonly RoleOrUnclassified[] = [
  'Driver',
  'Implementer',
  'Operator',
  'Bystander',
  'Unclassified',
];
