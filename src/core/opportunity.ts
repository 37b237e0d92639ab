/**
 * The opportunity rules (SPEC §3, the article's second goal): where I&O can take more
 * ownership, how urgent that is, and one plain sentence saying what to do.
 */

import type { ClassifyContext } from './classify';
import { NO_SHEET_CONTEXT, fieldsToFill } from './classify';
import type { RowMemo } from './memo-keys';
import { opportunityKey } from './memo-keys';
import type { Priority, Role, RoleOrUnclassified, Stage } from './domain';
import type { Field } from './fields';
import type { DataIssue, Initiative } from './results';
import { ENDPOINTS_THRESHOLD } from './domain';
import { BRIEF_TEXT } from './messages';

/** Where I&O can take more ownership of one row, and what to do about it. */
export interface Opportunity {
  nextRole: Role | '';
  priority: Priority | '';
  action: string;
}

/** The most words a Recommended Action may have (SPEC §3: the summary shows them). */
export const ACTION_WORD_LIMIT = 20;

/** Words of a sentence as a reader counts them (runs of non-space characters). */
export function wordCount(sentence: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < sentence.length; i++) {
    const space = sentence.charCodeAt(i) <= 0x20;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

const EARLY: ReadonlySet<Stage> = new Set<Stage>(['Idea', 'Planned', 'Pilot']);
const LATER: ReadonlySet<Stage> = new Set<Stage>(['Implementation', 'Production']);
const BEFORE_PILOT: ReadonlySet<Stage> = new Set<Stage>(['Idea', 'Planned']);

/** The support facts (SPEC §3): integration, security, endpoints. */
const SUPPORT_FIELDS: ReadonlySet<Field> = new Set<Field>(['integration', 'security', 'endpoints']);

/**
 * Whether the initiative needs I&O's support: true when integration or security is yes or
 * there are ≥ 1,000 endpoints; false when something is recorded and none of that holds;
 * null when none of the three is known.
 */
export function supportNeed(init: Initiative): boolean | null {
  if (init.integration === true || init.security === true) return true;
  if (init.endpoints !== null && init.endpoints >= ENDPOINTS_THRESHOLD) return true;
  if (init.integration === null && init.security === null && init.endpoints === null) return null;
  return false;
}

/**
 * The support need of a row with its data issues: a support fact that cannot be read makes
 * "no need" unknown (SPEC §3), since the unread value may be the one that needs I&O.
 */
function needOf(init: Initiative, issues: readonly DataIssue[]): boolean | null {
  const need = supportNeed(init);
  if (need !== false) return need;
  // opportunity() keys its memo on the same test: keep the two alike.
  return issues.some(
    (i) => i.field !== null && SUPPORT_FIELDS.has(i.field) && i.code !== 'conflict',
  )
    ? null
    : false;
}

/**
 * "its enterprise integration and 5,000 endpoints": the needs present on the row. `count` is
 * how the endpoint count is written (COUNT_MARKER while a memo's template is built).
 */
function needReasons(init: Initiative, count: string | null, integration = true): string[] {
  const reasons: string[] = [];
  if (integration && init.integration === true) reasons.push('enterprise integration');
  if (init.security === true) reasons.push('security sensitivity');
  if (init.endpoints !== null && init.endpoints >= ENDPOINTS_THRESHOLD) {
    reasons.push(`${count ?? formatCount(init.endpoints)} endpoints`);
  }
  return reasons;
}

/**
 * Stands for a Bystander's endpoint count in a memo's template action (opportunity()): one
 * word like the count itself, so the word limit picks the same form, and in no sentence.
 */
const COUNT_MARKER = '\uE000';

/** "a, b and c". */
function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

/** 12345 → "12,345" without locale dependence (the core must be deterministic everywhere). */
export function formatCount(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  // Whole counts (nearly all) are grouped by hand: no split, no regex, one string per group.
  if (Number.isSafeInteger(rounded) && rounded >= 0) {
    const digits = String(rounded);
    const head = digits.length % 3 || 3;
    let out = digits.slice(0, head);
    for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
    return out;
  }
  const [int, frac] = String(rounded).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** Names of a group that read better with "the" in a sentence ("propose to the business"). */
const GENERIC_OWNERS: Readonly<Record<string, string>> = {
  lob: 'the LOB',
  'line of business': 'the line of business',
  business: 'the business',
  operations: 'the operations team',
  ops: 'the operations team',
  'operations team': 'the operations team',
  ot: 'the OT team',
  plant: 'the plant',
  product: 'the product team',
};

/** An owner's name longer than this is not put in a sentence (the action must stay short). */
const MAX_OWNER_WORDS = 4;

/**
 * Who an action is addressed to: the business owner (SPEC §3). That is the lead group as
 * written when a line of business or an operations team leads; for a vendor, a joint lead or
 * an unknown lead it is the row's business unit, when there is one; otherwise nobody is named
 * (never a placeholder or a group code).
 */
function ownerOf(init: Initiative, memo: RowMemo | undefined): string | null {
  const lead = init.ledBy === 'LOB' || init.ledBy === 'Operations' ? init.ledByText : null;
  const name = lead ?? (init.ledBy === 'I&O' ? null : init.businessUnit);
  if (name === null || name === '') return null;
  // Owner names as sentences say them, per name as written (inventories repeat a few).
  let owner = memo?.owners.get(name);
  if (owner === undefined) {
    owner = wordCount(name) > MAX_OWNER_WORDS ? '' : (GENERIC_OWNERS[name.toLowerCase()] ?? name);
    if (memo !== undefined && memo.owners.size < 50_000) memo.owners.set(name, owner);
  }
  return owner === '' ? null : owner;
}

/**
 * An action in at most `limit.words` words and `limit.chars` characters (the brief's one
 * printed line): its first sentence, else that sentence's main clause (before ", given …"),
 * when it fits; else the plain sentence for the next role, addressed to `owner` (null: none
 * named). The one place an action is shortened beside the forms `within` picks below.
 */
export function shortAction(
  action: string,
  nextRole: Role | '',
  owner: string | null,
  limit: { words: number; chars: number },
): string {
  const text = action.trim();
  const first = /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  const clause = /^[^,;:]*/.exec(first)?.[0]?.replace(/[.!?]$/, '') ?? '';
  for (const candidate of [first, clause === '' ? '' : `${clause}.`]) {
    if (
      candidate.length > 1 &&
      wordCount(candidate) <= limit.words &&
      candidate.length <= limit.chars
    ) {
      return candidate;
    }
  }
  return BRIEF_TEXT.shortAction[nextRole === '' ? 'Bystander' : nextRole](owner ?? 'its owner');
}

/** The sentence when within the word limit, else its shorter form (built only if needed). */
function within(sentence: string, shorter: () => string): string {
  return wordCount(sentence) <= ACTION_WORD_LIMIT ? sentence : shorter();
}

/** "Propose to Retail that I&O operates it, given its enterprise integration." */
function propose(owner: string | null, what: string, reasons: readonly string[]): string {
  const to = owner === null ? '' : ` to ${owner}`;
  const given = reasons.length === 0 ? '' : `, given its ${list(reasons)}`;
  return within(`Propose${to} that I&O ${what}${given}.`, () =>
    within(
      `Propose${to} that I&O ${what}${reasons.length === 0 ? '' : ', given its support needs'}.`,
      () => `Propose that I&O ${what}.`,
    ),
  );
}

/**
 * Next role, priority and recommended action for a classified row (SPEC §3). Retired and
 * Unclassified rows get no next role and no priority. `issues` are the row's data issues: a
 * conflict turns the action into "resolve first", and an unreadable support fact makes the
 * support need unknown.
 */
export function opportunity(
  init: Initiative,
  role: RoleOrUnclassified,
  ctx: ClassifyContext = NO_SHEET_CONTEXT,
  issues: readonly DataIssue[] = NO_ISSUES,
): Opportunity {
  // The Unclassified action names the row's cells, as do conflicts: those rows are decided
  // afresh. Every other action depends only on the key's facts, whether a support fact could
  // not be read (it makes the need unknown) and the owner it is addressed to, so it is built
  // once per combination.
  const memo = ctx.memo;
  if (role === 'Unclassified' || memo === undefined) {
    return decideOpportunity(init, role, ctx, issues);
  }
  let unreadSupport = false;
  for (let i = 0; i < issues.length; i++) {
    const issue = issues[i]!;
    if (issue.code === 'conflict') return decideOpportunity(init, role, ctx, issues);
    if (issue.field !== null && SUPPORT_FIELDS.has(issue.field)) unreadSupport = true;
  }
  const key = opportunityKey(init, role, unreadSupport, memo);
  if (key < 0) return decideOpportunity(init, role, ctx, issues);
  // A Bystander's action names its endpoint count: the memo holds the action with a marker
  // where the count goes, and each row puts its own count there.
  const e = init.endpoints;
  if (role === 'Bystander' && e !== null && e >= ENDPOINTS_THRESHOLD) {
    // An owner's name holding the marker would be taken for the count: decided afresh.
    if (init.ledByText?.includes(COUNT_MARKER) || init.businessUnit?.includes(COUNT_MARKER)) {
      return decideOpportunity(init, role, ctx, issues);
    }
    const template = remembered(init, role, ctx, issues, key, memo, COUNT_MARKER);
    const at = template.action.indexOf(COUNT_MARKER);
    if (at < 0) return template;
    return {
      nextRole: template.nextRole,
      priority: template.priority,
      action: template.action.slice(0, at) + formatCount(e) + template.action.slice(at + 1),
    };
  }
  return remembered(init, role, ctx, issues, key, memo, null);
}

/** The memo's opportunity for a key (and the row's owner), decided the first time it is seen. */
function remembered(
  init: Initiative,
  role: RoleOrUnclassified,
  ctx: ClassifyContext,
  issues: readonly DataIssue[],
  key: number,
  memo: RowMemo,
  count: string | null,
): Opportunity {
  // The key names the lead as written, which is the owner of a LOB or operations lead; a
  // vendor's, a joint or an unknown lead's owner is the business unit, remembered beside it.
  const byLead = init.ledBy === 'LOB' || init.ledBy === 'Operations' || init.ledBy === 'I&O';
  const unit = byLead ? null : (init.businessUnit ?? '');
  const hit = unit === null ? memo.opportunities.get(key) : memo.byUnit.get(key)?.get(unit);
  if (hit !== undefined) return hit;
  const o = decideOpportunity(init, role, ctx, issues, count);
  if (memo.opportunityCount < 50_000) {
    memo.opportunityCount++;
    if (unit === null) memo.opportunities.set(key, o);
    else {
      let units = memo.byUnit.get(key);
      if (units === undefined) memo.byUnit.set(key, (units = new Map<string, Opportunity>()));
      units.set(unit, o);
    }
  }
  return o;
}

const NO_ISSUES: readonly DataIssue[] = Object.freeze([]);

/** "Resolve first: reconcile B2 and D2, then refresh." for a row with conflicts, else null. */
function resolveFirst(
  init: Initiative,
  ctx: ClassifyContext,
  issues: readonly DataIssue[],
): string | null {
  const reconcile: string[] = [];
  const fill: string[] = [];
  for (const i of issues) {
    if (i.code !== 'conflict') continue;
    const cells = i.cells ?? [i.address ?? (i.field === null ? '' : `"${ctx.headers[i.field]}"`)];
    // A blank phase the stage needs is filled; conflicting values are reconciled.
    const blank = i.field !== null && i.field in init && init[i.field as keyof Initiative] === null;
    for (const c of cells) {
      if (c === '') continue;
      const into = blank ? fill : reconcile;
      if (!reconcile.includes(c) && !fill.includes(c)) into.push(c);
    }
  }
  if (reconcile.length === 0 && fill.length === 0) return null;
  const steps: string[] = [];
  if (reconcile.length > 0) steps.push(`reconcile ${list(reconcile)}`);
  if (fill.length > 0) steps.push(`fill ${list(fill)}`);
  return within(
    `Resolve first: ${steps.join(' and ')}, then refresh.`,
    () => 'Resolve first: the Data Issues column names the cells that disagree, then refresh.',
  );
}

function decideOpportunity(
  init: Initiative,
  role: RoleOrUnclassified,
  ctx: ClassifyContext,
  issues: readonly DataIssue[],
  count: string | null = null,
): Opportunity {
  const stage = init.stage;
  if (role === 'Unclassified') {
    return {
      nextRole: '',
      priority: '',
      action: within(
        `Fill in ${fieldsToFill(ctx, init.row)} to classify it, then refresh.`,
        () => "Fill in I&O's involvement in each phase to classify it, then refresh.",
      ),
    };
  }
  if (stage === 'Retired') {
    return {
      nextRole: '',
      priority: '',
      action: 'Retired: no action needed; keep it for the record.',
    };
  }
  const o = advise(init, role, stage, issues, ctx.memo, count);
  const first = issues.length === 0 ? null : resolveFirst(init, ctx, issues);
  return first === null ? o : { ...o, action: first };
}

/** The advice of a role at a stage (SPEC §3), addressed to the business owner. */
function advise(
  init: Initiative,
  role: Role,
  stage: Stage | null,
  issues: readonly DataIssue[],
  memo: RowMemo | undefined,
  count: string | null,
): Opportunity {
  const owner = ownerOf(init, memo);
  const early = stage !== null && EARLY.has(stage);
  switch (role) {
    case 'Bystander': {
      const need = needOf(init, issues);
      if (need === true) {
        if (stage !== null && BEFORE_PILOT.has(stage)) {
          return {
            nextRole: 'Driver',
            priority: 'High',
            // "Leads it": the lead group becomes I&O (SPEC §3 rule 2), which the review
            // rules accept at this stage; leading only "the design" read as leading the pilot
            // of another group's initiative, which they report as a conflict.
            action: propose(
              owner,
              'leads it before crucial decisions are made',
              needReasons(init, count),
            ),
          };
        }
        if (stage === 'Pilot') {
          return {
            nextRole: 'Implementer',
            priority: 'High',
            action: propose(owner, 'implements it after the pilot', needReasons(init, count)),
          };
        }
        if (stage !== null && LATER.has(stage)) {
          const proposal = propose(
            owner,
            'operates it',
            needReasons(init, count, init.integration !== true),
          );
          return {
            nextRole: 'Operator',
            priority: 'High',
            // The article's warning, only where the row says it touches enterprise systems.
            action:
              init.integration === true
                ? within(
                    `Unmanaged IoT touching enterprise systems: ${lower(proposal)}`,
                    () => proposal,
                  )
                : proposal,
          };
        }
        const to = owner === null ? '' : ` with ${owner}`;
        return {
          nextRole: 'Operator',
          priority: 'High',
          action: within(
            `Confirm the stage${to}, then propose that I&O operates it, given its ${list(needReasons(init, count))}.`,
            () => `Confirm the stage${to}, then propose that I&O operates it.`,
          ),
        };
      }
      if (need === null) {
        const unknown: string[] = [];
        if (init.integration === null) unknown.push('enterprise integration');
        if (init.security === null) unknown.push('security sensitivity');
        if (init.endpoints === null) unknown.push('endpoint count');
        const to = owner === null ? '' : ` with ${owner}`;
        return {
          nextRole: 'Operator',
          priority: 'Medium',
          action: within(
            `Assess the support need${to}: record its ${list(unknown)}.`,
            () => `Assess the support need: record its ${list(unknown)}.`,
          ),
        };
      }
      const none: string[] = [];
      if (init.integration === false) none.push('no enterprise integration');
      if (init.security === false) none.push('not security-sensitive');
      if (init.endpoints !== null)
        none.push(`fewer than ${formatCount(ENDPOINTS_THRESHOLD)} endpoints`);
      return {
        nextRole: '',
        priority: 'Low',
        action: `Keep it catalogued: ${list(none)}; revisit if that changes.`,
      };
    }
    case 'Operator':
      return early
        ? {
            nextRole: 'Implementer',
            priority: 'High',
            action: propose(
              owner,
              `implements it now, at the ${stage} stage, rather than operating what others design`,
              [],
            ),
          }
        : {
            nextRole: 'Implementer',
            priority: 'Medium',
            action: propose(
              owner,
              'implements the next release or expansion, building on operating it',
              [],
            ),
          };
    case 'Implementer':
      return early
        ? {
            nextRole: 'Driver',
            priority: 'Medium',
            // As above: the lead moves to I&O (not a shared lead, which stays Implementer).
            action: propose(
              owner,
              `leads it from the ${stage} stage on and shapes the platform for reuse`,
              [],
            ),
          }
        : {
            nextRole: 'Driver',
            priority: 'Low',
            action: within(
              `Make this a reusable platform, and ${lower(propose(owner, 'leads the next similar initiative', []))}`,
              () =>
                'Make this a reusable platform, and propose that I&O leads the next similar initiative.',
            ),
          };
    case 'Driver':
      return {
        nextRole: 'Driver',
        priority: 'Low',
        // Before the pilot there is no platform to reuse yet: design it for reuse instead.
        action:
          stage !== null && BEFORE_PILOT.has(stage)
            ? 'Lead it with the business before crucial decisions are made, and design the platform for reuse.'
            : 'Sustain: reuse the platform and playbook from this initiative for the next ones.',
      };
  }
}

/** A sentence continued after a colon or "and": its first letter in lower case. */
function lower(sentence: string): string {
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}
