/**
 * The output columns (SPEC §4) as one table: header, width, the value each row gets and the
 * conditional formats over the column. Everything positional — the block's width, the empty
 * row, widths, which column the issue tint tests — is derived from it, so adding a column is
 * one row here.
 *
 * The block a refresh leaves in a workbook is a saved shape (STYLE 12): OUTPUT_LAYOUTS lists
 * every layout a release has written, newest last, and a re-run recognises any of them by its
 * set of headers (in any order, with the numbers Excel appends in a table), so a workbook
 * refreshed by an earlier layout moves forward to today's instead of refusing. How the rules
 * over the block are grouped is a saved shape too (RULE_LAYOUTS): every released grouping's
 * rules are recognised as ours on a re-run, so they are replaced, never duplicated.
 */

import type { Role } from './domain';
import type { RangeRef } from './input';
import type { RowResult } from './results';
import type { CfRule } from './write-plan';
import { ROLES } from './domain';
import { ISSUE_TINT, PRIORITY_FILLS, ROLE_FILLS } from './styles';
import { fitCell } from './limits';

/** Prefix of the ids of the conditional-format rules the refresh owns. */
const CF_ID_PREFIX = 'iot-role-map:';

/** A fill rule over one output column: cells equal to `text` get the fill. */
interface TextFill {
  text: string;
  fill: string;
  font: string;
}

export interface OutputColumn {
  /** Stable name, part of the ids of the column's conditional-format rules. */
  key: string;
  /** The column's header, exactly (SPEC §4). */
  header: string;
  /** Width in characters, set when the refresh creates the column. */
  width: number;
  value: (r: RowResult) => string;
  /** Fills by exact text, listed highest priority first. */
  fills: readonly TextFill[];
  /** This column, when not blank, tints the whole row of the block (the data-issue tint). */
  tintsRow: boolean;
}

/** A row's data issues as one cell of text (sentences separated by spaces). */
export function issuesText(r: RowResult): string {
  if (r.issues.length === 0) return '';
  return fitCell(r.issues.map((i) => i.message).join(' '));
}

const roleFills = ROLES.map((role: Role) => ({
  text: role,
  fill: ROLE_FILLS[role].fill,
  font: ROLE_FILLS[role].font,
}));
const priorityFills = (['High', 'Medium'] as const).map((p) => ({
  text: p,
  fill: PRIORITY_FILLS[p].fill,
  font: PRIORITY_FILLS[p].font,
}));

/** The output block, left to right (SPEC §4); checked when loaded (below). */
export const OUTPUT_COLUMNS = [
  {
    key: 'role',
    header: 'I&O Role',
    width: 14,
    value: (r) => r.role,
    fills: roleFills,
    tintsRow: false,
  },
  {
    key: 'rationale',
    header: 'Role Rationale',
    width: 50,
    value: (r) => r.rationale,
    fills: [],
    tintsRow: false,
  },
  {
    key: 'nextRole',
    header: 'Next Role',
    width: 13,
    value: (r) => r.nextRole,
    fills: [],
    tintsRow: false,
  },
  {
    key: 'priority',
    header: 'Priority',
    width: 10,
    value: (r) => r.priority,
    fills: priorityFills,
    tintsRow: false,
  },
  {
    key: 'action',
    header: 'Recommended Action',
    width: 50,
    value: (r) => r.action,
    fills: [],
    tintsRow: false,
  },
  { key: 'issues', header: 'Data Issues', width: 44, value: issuesText, fills: [], tintsRow: true },
] as const satisfies readonly OutputColumn[];

/** The key of an output column. */
export type OutputKey = (typeof OUTPUT_COLUMNS)[number]['key'];

/** A header of an output column. */
export type OutputHeader = (typeof OUTPUT_COLUMNS)[number]['header'];

/** The headers of a tuple of columns, as a tuple (so `OUTPUT_HEADERS[0]` is a header, not undefined). */
type HeadersOf<T extends readonly { header: string }[]> = {
  readonly [K in keyof T]: T[K]['header'];
};

/** Headers of the output columns, in this order, exactly (SPEC §4). */
export const OUTPUT_HEADERS = OUTPUT_COLUMNS.map(
  (c) => c.header,
) as readonly OutputHeader[] as HeadersOf<typeof OUTPUT_COLUMNS>;

/**
 * Checks an output table: keys and headers present and unique, widths positive. Throws one
 * sentence naming the column at fault; runs on OUTPUT_COLUMNS when this module loads.
 */
export function checkOutputColumns(columns: readonly OutputColumn[]): void {
  const keys = new Set<string>();
  const headers = new Set<string>();
  for (const c of columns) {
    const fail = (what: string) => {
      throw new Error(`Output columns: column "${c.key}" ${what}.`);
    };
    if (!/^[a-z][A-Za-z0-9]*$/.test(c.key)) fail('needs a camelCase key');
    if (keys.has(c.key)) fail('is listed twice');
    keys.add(c.key);
    if (c.header.trim() === '' || c.header !== c.header.trim()) fail('needs a trimmed header');
    if (headers.has(c.header.toLowerCase())) fail(`repeats the header "${c.header}"`);
    headers.add(c.header.toLowerCase());
    if (!(c.width > 0)) fail('needs a positive width');
  }
}
checkOutputColumns(OUTPUT_COLUMNS);

/** One column of a released layout: its key (a key of OUTPUT_COLUMNS, or of one since removed) and header. */
export interface LayoutColumn {
  key: string;
  header: string;
}

/** The forms our issue tint's formula took; `ref` is the tested cell ("$T4"). */
export type TintForm = 'lenTrim' | 'len';

/** A layout of the output block as a release wrote it (a saved shape: never edit a released row). */
export interface OutputLayout {
  version: number;
  /** The block's columns, left to right. */
  columns: readonly LayoutColumn[];
  /** The issue-tint formulas this layout's refreshes wrote, as recognised on a re-run. */
  tintForms: readonly TintForm[];
}

/**
 * Every layout released, oldest first; the newest is OUTPUT_COLUMNS (checked when loaded).
 * To change the block: change OUTPUT_COLUMNS and append it here as the next version.
 */
export const OUTPUT_LAYOUTS: readonly OutputLayout[] = [
  {
    version: 1,
    columns: [
      { key: 'role', header: 'I&O Role' },
      { key: 'rationale', header: 'Role Rationale' },
      { key: 'nextRole', header: 'Next Role' },
      { key: 'priority', header: 'Priority' },
      { key: 'action', header: 'Recommended Action' },
      { key: 'issues', header: 'Data Issues' },
    ],
    // The file adapter's first issue tint was LEN($T4)>0; both surfaces now write LEN(TRIM()).
    tintForms: ['lenTrim', 'len'],
  },
];

/** The formula of a tint form over the tested cell `ref` ("$T4"), without "=". */
export function tintFormula(form: TintForm, ref: string): string {
  switch (form) {
    case 'lenTrim':
      return `LEN(TRIM(${ref}))>0`;
    case 'len':
      return `LEN(${ref})>0`;
  }
}

/**
 * Checks the layouts table: versions ascending, keys and headers unique within a layout, and
 * the newest layout exactly `columns` (so a changed block is always recorded as a new version).
 */
export function checkOutputLayouts(
  layouts: readonly OutputLayout[],
  columns: readonly OutputColumn[],
): void {
  layouts.forEach((l, i) => {
    if (i > 0 && l.version <= layouts[i - 1]!.version) {
      throw new Error(
        `Output layouts: version ${l.version} must come after ${layouts[i - 1]!.version}.`,
      );
    }
    const keys = new Set(l.columns.map((c) => c.key));
    const headers = new Set(l.columns.map((c) => c.header.toLowerCase()));
    if (keys.size !== l.columns.length || headers.size !== l.columns.length) {
      throw new Error(`Output layouts: version ${l.version} repeats a column.`);
    }
  });
  const newest = layouts[layouts.length - 1];
  const same =
    newest !== undefined &&
    newest.columns.length === columns.length &&
    newest.columns.every((c, k) => c.key === columns[k]!.key && c.header === columns[k]!.header);
  if (!same) {
    throw new Error(
      'Output layouts: OUTPUT_COLUMNS differs from the newest layout; append it to OUTPUT_LAYOUTS as the next version.',
    );
  }
}
checkOutputLayouts(OUTPUT_LAYOUTS, OUTPUT_COLUMNS);

/** The layout this release writes (the last row of OUTPUT_LAYOUTS, equal to OUTPUT_COLUMNS). */
export const CURRENT_LAYOUT: OutputLayout = OUTPUT_LAYOUTS[OUTPUT_LAYOUTS.length - 1]!;

/** Number of output columns. */
export const OUTPUT_WIDTH = OUTPUT_COLUMNS.length;

/** The output strings of one row, in column order. */
export function outputValues(r: RowResult): string[] {
  return OUTPUT_COLUMNS.map((c) => c.value(r));
}

/** The output strings of a row that holds no initiative (cleared). */
export function emptyOutput(): string[] {
  return OUTPUT_COLUMNS.map(() => '');
}

/** The column of OUTPUT_COLUMNS with this key (undefined for a key since removed). */
function columnOf(key: string): OutputColumn | undefined {
  return (OUTPUT_COLUMNS as readonly OutputColumn[]).find((c) => c.key === key);
}

/**
 * How a release grouped our rules over the block (a saved shape: never edit a released row).
 * - `wholeBlock`: each fill over its own column and one issue tint over the whole block. The
 *   tint's range overlaps the filled columns, and a reader that keeps one set of rules per
 *   cell (Gnumeric keeps the last of overlapping ranges) shows the tint alone there.
 * - `columnRuns`: no two ranges overlap unless they are equal. A column with fills gets its
 *   fills and the tint over that column; each run of adjacent columns without fills gets the
 *   tint over the run. Hosts that group rules by range (a file's `conditionalFormatting`
 *   element) then hold every rule of a cell in one group.
 */
export type RuleGrouping = 'wholeBlock' | 'columnRuns';

/** A grouping of our rules as a release wrote it. */
export interface RuleLayout {
  version: number;
  grouping: RuleGrouping;
}

/** Every rule layout released, oldest first; the newest is what a refresh writes. */
export const RULE_LAYOUTS: readonly RuleLayout[] = [
  { version: 1, grouping: 'wholeBlock' },
  { version: 2, grouping: 'columnRuns' },
];

/** Checks the rule layouts: versions ascending, each grouping listed once. */
export function checkRuleLayouts(layouts: readonly RuleLayout[]): void {
  layouts.forEach((l, i) => {
    const before = layouts[i - 1];
    if (before !== undefined && l.version <= before.version) {
      throw new Error(`Rule layouts: version ${l.version} must come after ${before.version}.`);
    }
    if (layouts.findIndex((o) => o.grouping === l.grouping) !== i) {
      throw new Error(`Rule layouts: version ${l.version} repeats the grouping "${l.grouping}".`);
    }
  });
  if (layouts.length === 0) throw new Error('Rule layouts: none is listed.');
}
checkRuleLayouts(RULE_LAYOUTS);

/** The rule layout this release writes (the last row of RULE_LAYOUTS). */
export const CURRENT_RULE_LAYOUT: RuleLayout = RULE_LAYOUTS[RULE_LAYOUTS.length - 1]!;

/**
 * The ranges, as [first, last] column indexes within a block of `columns`, that the issue
 * tint covers under `grouping` (see RuleGrouping), left to right.
 */
function tintSpans(
  columns: readonly (OutputColumn | undefined)[],
  grouping: RuleGrouping,
): [number, number][] {
  switch (grouping) {
    case 'wholeBlock':
      return [[0, columns.length - 1]];
    case 'columnRuns': {
      const spans: [number, number][] = [];
      columns.forEach((c, k) => {
        const filled = (i: number) => (columns[i]?.fills.length ?? 0) > 0;
        const last = spans[spans.length - 1];
        if (last !== undefined && !filled(k) && !filled(k - 1)) last[1] = k;
        else spans.push([k, k]);
      });
      return spans;
    }
  }
}

/**
 * Our rules over a block of `layout` (today's by default) at `firstCol` for rows
 * firstRow..firstRow+rowCount-1, grouped as `rules` says (today's by default), highest
 * priority first: every column's fills, then the issue tint, so a fill wins over the tint
 * wherever both apply. For an earlier layout or grouping these are the rules its refresh
 * wrote at their places, so a re-run recognises and replaces them.
 */
export function outputRules(
  firstCol: number,
  firstRow: number,
  rowCount: number,
  layout: OutputLayout = CURRENT_LAYOUT,
  rules: RuleLayout = CURRENT_RULE_LAYOUT,
): CfRule[] {
  if (rowCount <= 0) return [];
  const out: CfRule[] = [];
  const columns = layout.columns.map((l) => columnOf(l.key));
  columns.forEach((c, k) => {
    if (c === undefined) return;
    const range: RangeRef = { row: firstRow, col: firstCol + k, rowCount, colCount: 1 };
    for (const f of c.fills) {
      out.push({
        id: `${CF_ID_PREFIX}${c.key}:${f.text}`,
        kind: 'textEquals',
        range,
        text: f.text,
        fill: f.fill,
        fontColor: f.font,
      });
    }
  });
  const spans = tintSpans(columns, rules.grouping);
  columns.forEach((c, k) => {
    if (c === undefined || !c.tintsRow) return;
    for (const [from, to] of spans) {
      out.push({
        // One tint: its id names the column tested; several: also the first column covered.
        id:
          spans.length === 1
            ? `${CF_ID_PREFIX}${c.key}`
            : `${CF_ID_PREFIX}${c.key}@${layout.columns[from]!.key}`,
        kind: 'notBlank',
        range: { row: firstRow, col: firstCol + from, rowCount, colCount: to - from + 1 },
        testCol: firstCol + k,
        fill: ISSUE_TINT.fill,
        fontColor: ISSUE_TINT.font,
      });
    }
  });
  return out;
}

/**
 * Texts each column's fills compare with, keyed by absolute column, for a block of `layout`
 * at `firstCol` (to recognise our earlier cellIs rules).
 */
export function fillTexts(
  firstCol: number,
  layout: OutputLayout = CURRENT_LAYOUT,
): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  layout.columns.forEach((l, k) => {
    const c = columnOf(l.key);
    if (c !== undefined && c.fills.length > 0) {
      out.set(firstCol + k, new Set(c.fills.map((f) => f.text)));
    }
  });
  return out;
}

/** Every tint form any released layout wrote (recognised as ours on a re-run). */
export const TINT_FORMS: readonly TintForm[] = [
  ...new Set(OUTPUT_LAYOUTS.flatMap((l) => l.tintForms)),
];

/**
 * True when `text` is our header `header` as a table may hold it: exactly, or with the number
 * Excel appends to keep a table's column names unique ("Priority2").
 */
function isOutputHeaderName(text: string, header: string): boolean {
  if (text === header) return true;
  return text.startsWith(header) && /^\d+$/.test(text.slice(header.length));
}

/**
 * The name a new table column gets: `wanted`, or Excel's numbered variant when the table
 * already has a column of that name (compared ignoring case): "Priority2", "Priority3", …
 */
export function uniqueColumnName(wanted: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n++) {
    const name = `${wanted}${n}`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/** The key of the output column (of any released layout) whose header `text` is, or null. */
export function outputKeyOf(
  text: string,
  layouts: readonly OutputLayout[] = OUTPUT_LAYOUTS,
): string | null {
  for (let v = layouts.length - 1; v >= 0; v--) {
    for (const c of layouts[v]!.columns) {
      if (isOutputHeaderName(text, c.header)) return c.key;
    }
  }
  return null;
}
