/**
 * Memo keys for the sentence cache: numeric keys for the facts that decide a row's sentences,
 * so classify and opportunity share one sentence between rows with the same facts. A number
 * key is a cheap Map lookup; a string key would be concatenated and hashed for every row.
 */

import type { RoleOrUnclassified } from './domain';
import type { Initiative } from './results';
import {
  ENDPOINTS_THRESHOLD,
  GROUPS,
  INVOLVEMENT_LEVELS,
  ROLES,
  ROLES_AND_UNCLASSIFIED,
  STAGES,
} from './domain';

/** One fact a rule reads: how many codes it has, and the row's code (0 = unknown). */
interface Fact {
  size: number;
  code: (init: Initiative) => number;
}

/**
 * A fact over an ordered vocabulary: code 1..n for its values, 0 for unknown, so a value
 * added to the vocabulary widens the key instead of colliding with another.
 */
function vocabularyFact<T extends string>(
  values: readonly T[],
  read: (init: Initiative) => T | null,
): Fact {
  const codes = Object.fromEntries(values.map((v, i) => [v, i + 1])) as Record<T, number>;
  return {
    size: values.length + 1,
    code: (init) => {
      const v = read(init);
      return v === null ? 0 : codes[v];
    },
  };
}

/** A yes/no fact: 0 unknown, 1 no, 2 yes. */
function yesNoFact(read: (init: Initiative) => boolean | null): Fact {
  return {
    size: 3,
    code: (init) => {
      const b = read(init);
      return b === null ? 0 : b ? 2 : 1;
    },
  };
}

const ROLE_CODE: Record<RoleOrUnclassified, number> = Object.fromEntries(
  ROLES_AND_UNCLASSIFIED.map((r) => [r, r === 'Unclassified' ? 0 : ROLES.indexOf(r) + 1]),
) as Record<RoleOrUnclassified, number>;
/** Codes of a role or Unclassified (the opportunity key's start). */
const ROLE_CODES = ROLES_AND_UNCLASSIFIED.length;

/** Caps the number of distinct lead texts remembered; past it, rows are not cached. */
const MAX_TEXTS = 100_000;
const textIds = new Map<string, number>();

function textId(text: string | null): number {
  if (text === null) return 0;
  let id = textIds.get(text);
  if (id === undefined) {
    if (textIds.size >= MAX_TEXTS) return -1;
    id = textIds.size + 1;
    textIds.set(text, id);
  }
  return id;
}

const stageFact = vocabularyFact(STAGES, (i) => i.stage);

/**
 * The facts the classifier's rules and rationale read (classify.ts), in one list: the key is
 * derived from it, so a rule that starts reading a new fact adds one line here.
 */
const DECISION_FACTS: readonly Fact[] = [
  vocabularyFact(GROUPS, (i) => i.ledBy),
  vocabularyFact(INVOLVEMENT_LEVELS, (i) => i.ioPilot),
  vocabularyFact(INVOLVEMENT_LEVELS, (i) => i.ioImplementation),
  vocabularyFact(INVOLVEMENT_LEVELS, (i) => i.ioOperations),
  stageFact,
  vocabularyFact(ROLES, (i) => i.override),
];

/** The facts an opportunity sentence reads besides the role (opportunity.ts). */
const OPPORTUNITY_FACTS: readonly Fact[] = [
  stageFact,
  yesNoFact((i) => i.integration),
  yesNoFact((i) => i.security),
  // Only which side of the threshold matters (the sentence names no count except a Bystander's).
  yesNoFact((i) => (i.endpoints === null ? null : i.endpoints >= ENDPOINTS_THRESHOLD)),
];

function keyOf(start: number, facts: readonly Fact[], init: Initiative): number {
  let k = start;
  for (const f of facts) k = k * f.size + f.code(init);
  return k;
}

/**
 * Key of everything the role and rationale depend on (the lead as written, then
 * DECISION_FACTS), or -1 when the row should not be cached.
 */
export function decisionKey(init: Initiative): number {
  const t = textId(init.ledByText);
  if (t < 0) return -1;
  return keyOf(t, DECISION_FACTS, init);
}

/**
 * Key of everything an opportunity sentence depends on, or -1 when the sentence names a
 * row-specific number (a Bystander's endpoint count) or the row is not cached.
 */
export function opportunityKey(init: Initiative, role: RoleOrUnclassified): number {
  const e = init.endpoints;
  if (role === 'Bystander' && e !== null && e >= ENDPOINTS_THRESHOLD) return -1;
  const t = textId(init.ledByText);
  if (t < 0) return -1;
  return keyOf(t * ROLE_CODES + ROLE_CODE[role], OPPORTUNITY_FACTS, init);
}
