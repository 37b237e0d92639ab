/**
 * The sentence caches of one refresh and their keys: numeric keys for the facts that decide a
 * row's sentences, so classify and opportunity share one sentence between rows with the same
 * facts. A number key is a cheap Map lookup; a string key would be concatenated and hashed for
 * every row. The caches live in a RowMemo made for one refresh (`newRowMemo`) and carried in
 * its ClassifyContext, so nothing a refresh remembers outlives it.
 */

import type { RoleOrUnclassified } from './domain';
import type { DataIssue, Initiative, RowResult } from './results';
import {
  ENDPOINTS_THRESHOLD,
  GROUPS,
  INVOLVEMENT_LEVELS,
  ROLES,
  ROLES_AND_UNCLASSIFIED,
  STAGES,
} from './domain';

/**
 * Codes 1..n for an ordered vocabulary's values (0 is unknown), so a value added to the
 * vocabulary widens the key instead of colliding with another.
 */
function codesOf<T extends string>(values: readonly T[]): ReadonlyMap<T, number> {
  return new Map(values.map((v, i) => [v, i + 1]));
}

const GROUP_CODE = codesOf(GROUPS);
const LEVEL_CODE = codesOf(INVOLVEMENT_LEVELS);
const STAGE_CODE = codesOf(STAGES);
const OVERRIDE_CODE = codesOf(ROLES);
/** How many codes each fact has (its values and unknown). */
const GROUP_CODES = GROUPS.length + 1;
const LEVEL_CODES = INVOLVEMENT_LEVELS.length + 1;
const STAGE_CODES = STAGES.length + 1;
const OVERRIDE_CODES = ROLES.length + 1;
/** A yes/no fact: 0 unknown, 1 no, 2 yes. */
const YES_NO_CODES = 3;

function codeOf<T extends string>(codes: ReadonlyMap<T, number>, value: T | null): number {
  return value === null ? 0 : codes.get(value)!;
}

function yesNoCode(b: boolean | null): number {
  return b === null ? 0 : b ? 2 : 1;
}

const ROLE_CODE: Record<RoleOrUnclassified, number> = Object.fromEntries(
  ROLES_AND_UNCLASSIFIED.map((r) => [r, r === 'Unclassified' ? 0 : ROLES.indexOf(r) + 1]),
) as Record<RoleOrUnclassified, number>;
/** Codes of a role or Unclassified (the opportunity key's start). */
const ROLE_CODES = ROLES_AND_UNCLASSIFIED.length;

/** Caps the number of distinct lead texts remembered; past it, rows are not cached. */
const MAX_TEXTS = 100_000;

/**
 * Role and rationale of a row, as classify.ts decides them from the decision key's facts: a
 * classification without issues, which classify returns as it is for rows that have none.
 */
export interface MemoDecision {
  readonly role: RowResult['role'];
  readonly ruleRole: RowResult['ruleRole'];
  readonly rationale: string;
  readonly issues: readonly DataIssue[];
}

/** Next role, priority and action, as opportunity.ts decides them from the opportunity key. */
export type MemoOpportunity = Pick<RowResult, 'nextRole' | 'priority' | 'action'>;

/**
 * What one refresh remembers while it classifies: rows of an inventory repeat a few fact
 * combinations, so each sentence is built once and shared (less work, and far less memory
 * for 100,000-row inventories). Each cache is capped; once full it keeps what it has (the
 * first combinations are the common ones).
 */
export interface RowMemo {
  /** Lead texts as written → small ids, the keys' first part. */
  readonly textIds: Map<string, number>;
  /** Role and rationale by decision key (classify.ts). */
  readonly decisions: Map<number, MemoDecision>;
  /** Opportunity by key, for rows whose owner is the lead as written (opportunity.ts). */
  readonly opportunities: Map<number, MemoOpportunity>;
  /** Opportunity by key and business unit, for rows addressed to their unit. */
  readonly byUnit: Map<number, Map<string, MemoOpportunity>>;
  /** Owner names as sentences say them, per name as written. */
  readonly owners: Map<string, string>;
  /** Opportunities cached so far (in both maps). */
  opportunityCount: number;
}

/** An empty memo for one refresh. */
export function newRowMemo(): RowMemo {
  return {
    textIds: new Map(),
    decisions: new Map(),
    opportunities: new Map(),
    byUnit: new Map(),
    owners: new Map(),
    opportunityCount: 0,
  };
}

function textId(textIds: Map<string, number>, text: string | null): number {
  if (text === null) return 0;
  let id = textIds.get(text);
  if (id === undefined) {
    if (textIds.size >= MAX_TEXTS) return -1;
    id = textIds.size + 1;
    textIds.set(text, id);
  }
  return id;
}

/**
 * Key of everything the role and rationale depend on: the lead as written, then the facts the
 * classifier's rules and rationale read (classify.ts), or -1 when the row should not be
 * cached. A rule that starts reading a new fact adds one line here. Written out fact by
 * fact, not as a loop over a list of readers: this runs for every row of a refresh.
 */
export function decisionKey(init: Initiative, memo: RowMemo): number {
  const t = textId(memo.textIds, init.ledByText);
  if (t < 0) return -1;
  let k = t * GROUP_CODES + codeOf(GROUP_CODE, init.ledBy);
  k = k * LEVEL_CODES + codeOf(LEVEL_CODE, init.ioPilot);
  k = k * LEVEL_CODES + codeOf(LEVEL_CODE, init.ioImplementation);
  k = k * LEVEL_CODES + codeOf(LEVEL_CODE, init.ioOperations);
  k = k * STAGE_CODES + codeOf(STAGE_CODE, init.stage);
  return k * OVERRIDE_CODES + codeOf(OVERRIDE_CODE, init.override);
}

/**
 * Key of everything an opportunity sentence depends on (opportunity.ts: the lead as written,
 * the role, the stage, the support facts and whether one of them could not be read), or -1
 * when the row is not cached. A Bystander's sentence also names its endpoint count: the memo
 * holds it with a marker there (opportunity.ts).
 */
export function opportunityKey(
  init: Initiative,
  role: RoleOrUnclassified,
  unreadSupport: boolean,
  memo: RowMemo,
): number {
  const t = textId(memo.textIds, init.ledByText);
  if (t < 0) return -1;
  let k = t * ROLE_CODES + ROLE_CODE[role];
  k = k * STAGE_CODES + codeOf(STAGE_CODE, init.stage);
  k = k * YES_NO_CODES + yesNoCode(init.integration);
  k = k * YES_NO_CODES + yesNoCode(init.security);
  // Only which side of the threshold matters (the sentence names no count except a Bystander's).
  const e = init.endpoints;
  k = k * YES_NO_CODES + yesNoCode(e === null ? null : e >= ENDPOINTS_THRESHOLD);
  return k * 2 + (unreadSupport ? 1 : 0);
}
