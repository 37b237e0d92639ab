/**
 * Memo keys for the sentence cache: numeric keys for the facts that decide a row's sentences,
 * so classify and opportunity share one sentence between rows with the same facts. A number
 * key is a cheap Map lookup; a string key would be concatenated and hashed for every row.
 */

import type { Group, Initiative, Involvement, RoleOrUnclassified, Stage } from './model';
import { ENDPOINTS_THRESHOLD } from './model';

const GROUP_CODE: Record<Group, number> = {
  'I&O': 1,
  LOB: 2,
  Operations: 3,
  External: 4,
  Joint: 5,
};
const LEVEL_CODE: Record<Involvement, number> = {
  None: 1,
  Informed: 2,
  Consulted: 3,
  Supporting: 4,
  Responsible: 5,
  Leading: 6,
};
const STAGE_CODE: Record<Stage, number> = {
  Idea: 1,
  Planned: 2,
  Pilot: 3,
  Implementation: 4,
  Production: 5,
  Retired: 6,
};
const ROLE_CODE: Record<RoleOrUnclassified, number> = {
  Unclassified: 0,
  Bystander: 1,
  Operator: 2,
  Implementer: 3,
  Driver: 4,
};

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

const level = (l: Involvement | null): number => (l === null ? 0 : LEVEL_CODE[l]);
const stage = (s: Stage | null): number => (s === null ? 0 : STAGE_CODE[s]);
const yesNo = (b: boolean | null): number => (b === null ? 0 : b ? 2 : 1);

/** One fact a rule reads: how many codes it has, and the row's code (0 = unknown). */
interface Fact {
  size: number;
  code: (init: Initiative) => number;
}

/**
 * The facts the classifier's rules and rationale read (classify.ts), in one list: the key is
 * derived from it, so a rule that starts reading a new fact adds one line here.
 */
const DECISION_FACTS: readonly Fact[] = [
  { size: 6, code: (i) => (i.ledBy === null ? 0 : GROUP_CODE[i.ledBy]) },
  { size: 7, code: (i) => level(i.ioPilot) },
  { size: 7, code: (i) => level(i.ioImplementation) },
  { size: 7, code: (i) => level(i.ioOperations) },
  { size: 7, code: (i) => stage(i.stage) },
  { size: 5, code: (i) => (i.override === null ? 0 : ROLE_CODE[i.override]) },
];

/** The facts an opportunity sentence reads besides the role (opportunity.ts). */
const OPPORTUNITY_FACTS: readonly Fact[] = [
  { size: 7, code: (i) => stage(i.stage) },
  { size: 3, code: (i) => yesNo(i.integration) },
  { size: 3, code: (i) => yesNo(i.security) },
  {
    size: 3,
    code: (i) => (i.endpoints === null ? 0 : i.endpoints >= ENDPOINTS_THRESHOLD ? 2 : 1),
  },
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
  return keyOf(t * 5 + ROLE_CODE[role], OPPORTUNITY_FACTS, init);
}
