/**
 * Numeric keys for the facts that decide a row's sentences, so classify and opportunity can
 * share one sentence between rows with the same facts. A number key is a cheap Map lookup;
 * a string key would be concatenated and hashed for every row.
 */

import type { Group, Initiative, Involvement, RoleOrUnclassified, Stage } from './model';

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

/**
 * Key of everything the role and rationale depend on (lead, phases, stage, override), or -1
 * when the row should not be cached.
 */
export function decisionKey(init: Initiative): number {
  const t = textId(init.ledByText);
  if (t < 0) return -1;
  let k = t * 6 + (init.ledBy === null ? 0 : GROUP_CODE[init.ledBy]);
  k = k * 7 + level(init.ioPilot);
  k = k * 7 + level(init.ioImplementation);
  k = k * 7 + level(init.ioOperations);
  k = k * 7 + stage(init.stage);
  return k * 5 + (init.override === null ? 0 : ROLE_CODE[init.override]);
}

/**
 * Key of everything an opportunity sentence depends on, or -1 when the sentence names a
 * row-specific number (a Bystander's endpoint count) or the row is not cached.
 */
export function opportunityKey(init: Initiative, role: RoleOrUnclassified): number {
  const e = init.endpoints;
  const many = e !== null && e >= 1000;
  if (many && role === 'Bystander') return -1;
  const t = textId(init.ledByText);
  if (t < 0) return -1;
  let k = t * 5 + ROLE_CODE[role];
  k = k * 7 + stage(init.stage);
  k = k * 3 + yesNo(init.integration);
  k = k * 3 + yesNo(init.security);
  return k * 3 + (e === null ? 0 : many ? 2 : 1);
}
