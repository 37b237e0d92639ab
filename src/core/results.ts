/**
 * What comes out of the engine: normalised rows, their roles and data issues, the summary
 * with its projection, trend and changes, and the outcome of planning one refresh.
 */

import type { Role, RoleOrUnclassified, Priority, Stage } from './domain';
import type { Field, FieldValues, GroupTexts } from './fields';
import type { HeaderDetection } from './input';
import type { WritePlan } from './write-plan';

/**
 * One normalised inventory row: a value per field, typed by the field's kind in the field
 * table (null when blank or not recognised), and the lead group as written (`ledByText`).
 */
export type Initiative = {
  /** Absolute 0-based sheet row. */
  row: number;
  /**
   * The phase fields whose value came from the free-text "I&O Involvement" cell rather than
   * their own column (so a conflict names the cell the value came from); null = none.
   */
  fromText: readonly PhaseField[] | null;
  /** The budget's currency (ISO 4217) as the cell or its column header names it; absent or null: none named. */
  budgetCurrency?: string | null;
} & FieldValues &
  GroupTexts;

/** The three phase fields of I&O's involvement. */
export type PhaseField = 'ioPilot' | 'ioImplementation' | 'ioOperations';

export const ISSUE_CODES = [
  'unknown-value',
  'invalid-override',
  'missing-name',
  'conflict',
  'no-involvement',
  'cell-error',
  'other-currency',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** A problem with one row's data: a value, never an exception (STYLE habit 6). */
export interface DataIssue {
  code: IssueCode;
  /** Absolute 0-based sheet row. */
  row: number;
  /** Absolute 0-based column of the cell at fault, when there is one. */
  col: number | null;
  /** A1 address of the cell at fault (e.g. "E7"), when there is one. */
  address: string | null;
  field: Field | null;
  /** The raw value as text, when there is one. */
  value: string | null;
  /** One sentence for the user. */
  message: string;
  /** Every cell a conflict's values came from (its own first), when there are several. */
  cells?: readonly string[];
}

export interface RowResult {
  /** Absolute 0-based sheet row. */
  row: number;
  /** The inventory sheet, when several are refreshed together (else the summary's sheet). */
  sheet?: string;
  /** Column of the initiative's name on that sheet (where the summary links go). */
  nameCol?: number;
  initiative: Initiative;
  role: RoleOrUnclassified;
  /** What the rules alone say (differs from `role` only when overridden). */
  ruleRole: RoleOrUnclassified;
  rationale: string;
  nextRole: Role | '';
  priority: Priority | '';
  action: string;
  issues: DataIssue[];
}

export interface Summary {
  /** The inventory sheet, or the sheets joined for a sentence ("East, West"): a label, never parsed. */
  sheet: string;
  /** The inventory sheets refreshed, in order (one, or several as a portfolio). */
  sheets: readonly string[];
  /** Non-blank rows. */
  total: number;
  /** Rows with one of the four roles. */
  classified: number;
  /** Rows with at least one data issue or Unclassified. */
  needsReview: number;
  counts: Record<RoleOrUnclassified, number>;
  /** Share of classified rows per role (0..1); 0 when nothing is classified. */
  shares: Record<Role, number>;
  /** (Driver + Implementer + Operator) / classified, or null when nothing is classified. */
  activeShare: number | null;
  /** Budget per role, or null when there is no budget column. */
  budget: Record<RoleOrUnclassified, number> | null;
  /**
   * Roles by each field the summary groups by (the field table's `grouping`: lead group and
   * stage always, business unit when the inventory has the column), in the order shown.
   */
  byField: FieldCrossTab[];
  /** Roles by source (file › sheet) of a consolidated portfolio; else absent or null. */
  bySource?: CrossTab | null;
  /** Roles by inventory sheet when several sheets are refreshed together; else absent. */
  bySheet?: CrossTab | null;
  /** Rows with a next role, ranked by impact (ranking.ts), never by sheet order. */
  topOpportunities: RowResult[];
  /** Rows with data issues or Unclassified, in sheet order. */
  review: RowResult[];
  /** The active-role share if I&O takes the High (then also the Medium) opportunities. */
  projection: Projection;
  /** The active-role share at the previous and the first refresh (from the history), when known. */
  trend?: ShareTrend | null;
  /** Budget totals per currency and the portfolio's main currency (SPEC §4), when there is a budget column. */
  money?: { main: string | null; totals: MoneyTotal[] } | null;
  /** The workbook's own words this refresh used (SPEC §4), with the rows that held each. */
  wordsUsed?: { field: string; value: string; meaning: string; rows: number }[];
}

/** One earlier refresh as the history records it. */
export interface SharePoint {
  at: Date;
  activeShare: number | null;
}

/** The active-role share's trend: the refresh before this one and the first one recorded. */
export interface ShareTrend {
  previous: SharePoint | null;
  first: SharePoint | null;
}

/** A budget total in one currency (`currency` null: amounts written without one). */
export interface MoneyTotal {
  currency: string | null;
  amount: number;
  /** Rows budgeted in it. */
  rows: number;
}

/** The active-role share if I&O took a set of opportunities (each counted at its Next Role). */
export interface ProjectionPoint {
  /** Initiatives taken. */
  count: number;
  /** Active-role share after taking them, or null when nothing is classified. */
  activeShare: number | null;
}

/** Where ownership is heading (SPEC §4): today's share if the High, then also the Medium, opportunities are taken. */
export interface Projection {
  high: ProjectionPoint;
  highAndMedium: ProjectionPoint;
}

/** What changed about an initiative since the last refresh (SPEC §4). */
export type ChangeKind = 'role' | 'stage' | 'added' | 'removed';

/**
 * A change since the last refresh: an initiative whose I&O Role changed (`role`), whose stage
 * moved (`stage`: from and to are stages), that was added (`from` "") or that is no longer on
 * the sheet (`removed`: `to` "", `row` where it was at the last refresh, not linked).
 */
export interface RoleChange {
  kind: ChangeKind;
  /** Absolute 0-based sheet row. */
  row: number;
  sheet: string;
  id: string | null;
  name: string | null;
  from: RoleOrUnclassified | Stage | '';
  to: RoleOrUnclassified | Stage | '';
  /** The name column of the row's own sheet (several inventory sheets); else the detection's. */
  nameCol?: number;
}

/** Roles by one field of the inventory. */
export interface FieldCrossTab {
  field: Field;
  tab: CrossTab;
}

export interface CrossTab {
  /** Row labels (lead groups, stages or business units; "(blank)" for unknown). */
  labels: string[];
  /** counts[i][role] for labels[i]. */
  counts: Record<RoleOrUnclassified, number>[];
}

/** The result of planning one refresh. */
export interface RefreshOutcome {
  detection: HeaderDetection;
  rows: RowResult[];
  summary: Summary;
  /**
   * Changes since the last refresh, read from the output the previous refresh left on the
   * sheet; null on a first refresh (no earlier output).
   */
  changes: RoleChange[] | null;
  plan: WritePlan;
  /** Every refreshed sheet's detection when several are refreshed together (first = `detection`). */
  detections?: HeaderDetection[];
  /** Sheets not refreshed that look like an inventory (core/left-out.ts), for the report. */
  leftOutSheets?: { name: string; recognised: number }[];
}
