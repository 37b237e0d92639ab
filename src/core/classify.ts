/**
 * The classifier (SPEC §3): pure and deterministic, first matching rule wins. Each result
 * carries one plain sentence built from the facts that decided it.
 */

import { columnLetter, toA1 } from './address';
import type { Involvement, Role, RoleOrUnclassified, Stage } from './domain';
import type { Field } from './fields';
import type { DataIssue, Initiative, PhaseField } from './results';
import type { MemoDecision, RowMemo } from './memo-keys';
import { decisionKey } from './memo-keys';
import { FIELD_LABELS } from './vocab';
import { fieldsOfKind } from './fields';

const LEVEL_RANK: Record<Involvement, number> = {
  None: 0,
  Informed: 1,
  Consulted: 2,
  Supporting: 3,
  Responsible: 4,
  Leading: 5,
};

/** True when a level is Responsible or Leading. */
export function isResponsible(level: Involvement | null): boolean {
  return level !== null && LEVEL_RANK[level] >= LEVEL_RANK.Responsible;
}

/** The stage at which each phase happens, to tell "not planned yet" from "blank". */
const PHASE_STAGE_RANK = { pilot: 2, implementation: 3, operations: 4 } as const;
const STAGE_RANK: Record<Stage, number> = {
  Idea: 0,
  Planned: 1,
  Pilot: 2,
  Implementation: 3,
  Production: 4,
  Retired: 5,
};

/** Where the classifier may point in messages: each field's column and header, if any. */
export interface ClassifyContext {
  cols: Record<Field, number | null>;
  headers: Record<Field, string>;
  /** The sentence caches of the refresh the row belongs to (memo-keys.ts); absent: none kept. */
  memo?: RowMemo;
}

/** A context for rows that do not come from a sheet (tests, templates): no columns. */
export const NO_SHEET_CONTEXT: ClassifyContext = {
  cols: Object.fromEntries(Object.keys(FIELD_LABELS).map((f) => [f, null])) as Record<
    Field,
    number | null
  >,
  headers: FIELD_LABELS,
};

/** What the classifier says about one row. */
export interface Classification {
  role: RoleOrUnclassified;
  /** What the rules alone say (differs from role only under a valid override). */
  ruleRole: RoleOrUnclassified;
  rationale: string;
  /** Conflict and no-involvement issues (usually none: a shared empty array then). */
  issues: readonly DataIssue[];
}

const PHASE_NAMES = {
  pilot: 'the pilot',
  implementation: 'implementation',
  operations: 'operations',
} as const;

/** "responsible for implementation" / "leading implementation". */
function duty(level: Involvement, phase: keyof typeof PHASE_NAMES): string {
  return level === 'Leading'
    ? `leading ${PHASE_NAMES[phase]}`
    : `responsible for ${PHASE_NAMES[phase]}`;
}

/** "consulted in implementation" / "not involved in implementation". */
const PART_IN: Record<Involvement, string> = {
  None: 'not involved in',
  Informed: 'informed in',
  Consulted: 'consulted in',
  Supporting: 'supporting in',
  Responsible: 'responsible for',
  Leading: 'leading',
};

function partIn(level: Involvement, phase: keyof typeof PHASE_NAMES): string {
  return `${PART_IN[level]} ${PHASE_NAMES[phase]}`;
}

function phaseState(
  level: Involvement | null,
  phase: keyof typeof PHASE_STAGE_RANK,
  stage: Stage | null,
): string {
  if (level !== null) return `${phase} ${level === 'None' ? 'none' : level.toLowerCase()}`;
  if (stage !== null && STAGE_RANK[stage] < PHASE_STAGE_RANK[phase]) {
    return `${phase} not planned yet`;
  }
  return `${phase} blank`;
}

/** Lead texts that name a kind of group, not a group: said as a phrase ("Led jointly"). */
const LEAD_PHRASES: Readonly<Record<string, string>> = {
  joint: 'Led jointly',
  shared: 'Led jointly',
  'co-led': 'Led jointly',
  external: 'Led by an external party',
  vendor: 'Led by a vendor',
  partner: 'Led by a partner',
  'third party': 'Led by a third party',
  supplier: 'Led by a supplier',
  contractor: 'Led by a contractor',
};

function leadFact(init: Initiative): string | null {
  if (init.ledBy === null || init.ledByText === null) return null;
  const text = init.ledByText;
  const phrase =
    init.ledBy === 'Joint' || init.ledBy === 'External'
      ? LEAD_PHRASES[text.toLowerCase()]
      : undefined;
  if (phrase !== undefined) return phrase;
  // Name the I&O group when the sheet uses a synonym ("Led by CIO Office (I&O)"): that is
  // what makes it a Driver.
  return init.ledBy === 'I&O' && text.toLowerCase() !== 'i&o'
    ? `Led by ${text} (I&O)`
    : `Led by ${text}`;
}

function join(lead: string | null, fact: string): string {
  return lead === null ? fact : `${lead}; ${fact}`;
}

/**
 * The rules alone (2–6): role and the facts that decided it, without the "→ role" tail. I&O
 * Responsible in the pilot makes an Implementer when implementation does not already
 * (SPEC §3 rule 4).
 */
export function applyRules(init: Initiative): { role: RoleOrUnclassified; facts: string } {
  const lead = leadFact(init);
  const { ioPilot: p, ioImplementation: im, ioOperations: op } = init;

  if (init.ledBy === 'I&O' || p === 'Leading') {
    if (p === 'Leading') return { role: 'Driver', facts: join(lead, 'I&O leading the pilot') };
    return { role: 'Driver', facts: lead ?? 'Led by I&O' };
  }
  if (im !== null && isResponsible(im)) {
    if (op !== null && isResponsible(op)) {
      const both =
        im === op
          ? `${im === 'Leading' ? 'leading' : 'responsible for'} implementation and operations`
          : `${duty(im, 'implementation')} and ${duty(op, 'operations')}`;
      return { role: 'Implementer', facts: join(lead, `I&O ${both}`) };
    }
    return { role: 'Implementer', facts: join(lead, `I&O ${duty(im, 'implementation')}`) };
  }
  if (p === 'Responsible') {
    // SPEC §3 rule 4: I&O builds what another group initiated, begun early in the pilot.
    const who =
      init.ledBy !== null && init.ledBy !== 'Joint' && lead !== null ? init.ledByText : null;
    const early =
      who === null
        ? 'building early what another group initiated'
        : `building early what ${who} initiated`;
    const also = op !== null && isResponsible(op) ? ` and ${duty(op, 'operations')}` : '';
    return {
      role: 'Implementer',
      facts: join(lead, `I&O responsible for the pilot${also} (${early})`),
    };
  }
  if (op !== null && isResponsible(op)) {
    const fact =
      im === null
        ? `I&O ${duty(op, 'operations')} (implementation blank)`
        : `I&O ${partIn(im, 'implementation')}, ${duty(op, 'operations')}`;
    return { role: 'Operator', facts: join(lead, fact) };
  }
  if (p !== null || im !== null || op !== null) {
    const s = init.stage;
    const states = [
      phaseState(p, 'pilot', s),
      phaseState(im, 'implementation', s),
      phaseState(op, 'operations', s),
    ].join(', ');
    return { role: 'Bystander', facts: join(lead, `I&O involvement: ${states}`) };
  }
  return {
    role: 'Unclassified',
    facts: lead === null ? 'No I&O involvement recorded' : `${lead}; no I&O involvement recorded`,
  };
}

/** Label of a role in sentences; Implementer notes the inherited operator role. */
function roleTail(role: RoleOrUnclassified, init: Initiative): string {
  if (role === 'Implementer' && isResponsible(init.ioOperations))
    return 'Implementer (also operates)';
  return role;
}

const NO_ISSUES: readonly DataIssue[] = Object.freeze([]);

/** The phase columns (the field table's involvement fields). */
const INVOLVEMENT_FIELDS: readonly Field[] = fieldsOfKind('involvement');

/**
 * The sentence `fieldsToFill` gives for a context, cut where the row number goes: the row's
 * sentence is `parts` joined with the row number (1-based). Built once per context, since a
 * sheet's Unclassified rows differ only in that number.
 */
interface FillTemplate {
  parts: readonly string[];
  /** The sentence when no row is named. */
  noRow: string;
}

const FILL_TEMPLATES = new WeakMap<ClassifyContext, FillTemplate | null>();

/** Where the row number goes while a template is built (no cell text holds it: XML forbids it). */
const ROW_MARKER = '\u0000';

/** The context's template, or null when a header holds the marker (then built row by row). */
function fillTemplate(ctx: ClassifyContext): FillTemplate | null {
  let template = FILL_TEMPLATES.get(ctx);
  if (template !== undefined) return template;
  template = Object.values<string>(ctx.headers).some((h) => h.includes(ROW_MARKER))
    ? null
    : {
        parts: fieldsToFillAt(ctx, ROW_MARKER).split(ROW_MARKER),
        noRow: fieldsToFillAt(ctx, null),
      };
  FILL_TEMPLATES.set(ctx, template);
  return template;
}

/** Names the involvement fields to fill, with their cells when the columns exist. */
export function fieldsToFill(ctx: ClassifyContext, row: number | null): string {
  const template = fillTemplate(ctx);
  if (template === null) return fieldsToFillAt(ctx, row === null ? null : String(row + 1));
  const { parts, noRow } = template;
  if (row === null) return noRow;
  const n = String(row + 1);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) out += n + parts[i]!;
  return out;
}

/** fieldsToFill's sentence, with `rowNumber` (1-based, or a marker) in each cell address. */
function fieldsToFillAt(ctx: ClassifyContext, rowNumber: string | null): string {
  const present = INVOLVEMENT_FIELDS.filter((f) => ctx.cols[f] !== null);
  const describe = (f: Field): string => {
    const col = ctx.cols[f];
    return col === null || rowNumber === null
      ? `"${ctx.headers[f]}"`
      : `"${ctx.headers[f]}" (${columnLetter(col)}${rowNumber})`;
  };
  const parts = present.length > 0 ? present.map(describe) : INVOLVEMENT_FIELDS.map(describe);
  if (ctx.cols.ioInvolvement !== null) parts.push(describe('ioInvolvement'));
  const list =
    parts.length === 1
      ? parts[0]!
      : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]!}`;
  return present.length > 0 || ctx.cols.ioInvolvement !== null ? list : `a column ${list}`;
}

function conflict(
  init: Initiative,
  ctx: ClassifyContext,
  field: Field,
  message: string,
  code: 'conflict' | 'no-involvement' = 'conflict',
  cells: readonly string[] = [],
): DataIssue {
  const col = ctx.cols[field];
  const address = col === null ? null : toA1(init.row, col);
  const issue: DataIssue = { code, row: init.row, col, address, field, value: null, message };
  // Name every cell the conflicting values came from, the issue's own first.
  const all = address === null ? cells : [address, ...cells.filter((c) => c !== address)];
  if (all.length > 1) issue.cells = all;
  return issue;
}

/** The cell a field's value came from: its own column, or the free text that filled it. */
function sourceAddress(init: Initiative, ctx: ClassifyContext, field: Field): string | null {
  const fromText = init.fromText !== null && (init.fromText as readonly Field[]).includes(field);
  const col = fromText ? ctx.cols.ioInvolvement : ctx.cols[field];
  return col === null ? null : toA1(init.row, col);
}

/** The cells the given fields' values came from (those with a column). */
function cellsOf(init: Initiative, ctx: ClassifyContext, fields: readonly Field[]): string[] {
  return fields.map((f) => sourceAddress(init, ctx, f)).filter((a): a is string => a !== null);
}

/** Where a field's value is, for a sentence: its cell ("B7"), else its column ("I&O Pilot"). */
function placeOf(init: Initiative, ctx: ClassifyContext, field: Field): string {
  return sourceAddress(init, ctx, field) ?? `the "${ctx.headers[field]}" column`;
}

function cellOf(init: Initiative, ctx: ClassifyContext, field: Field): string {
  const address = sourceAddress(init, ctx, field);
  return address === null ? '' : ` (${address})`;
}

const PHASES: readonly { field: PhaseField; key: keyof typeof PHASE_NAMES; stage: Stage }[] = [
  { field: 'ioPilot', key: 'pilot', stage: 'Pilot' },
  { field: 'ioImplementation', key: 'implementation', stage: 'Implementation' },
  { field: 'ioOperations', key: 'operations', stage: 'Production' },
];

/** "A, B and C". */
function listed(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

/** "Row 7". */
function rowLabel(init: Initiative): string {
  return `Row ${init.row + 1}`;
}

/** "Row 7 is led by IT (C7)". */
function ledSentence(init: Initiative, ctx: ClassifyContext): string {
  return `${rowLabel(init)} is led by ${init.ledByText ?? init.ledBy}${cellOf(init, ctx, 'ledBy')}`;
}

/** Conflicting facts: classified by the rules anyway, reported on the cells they came from. */
function findConflicts(
  init: Initiative,
  ruleRole: RoleOrUnclassified,
  ctx: ClassifyContext,
): DataIssue[] | null {
  let out: DataIssue[] | null = null;
  const { ledBy, ioPilot, stage } = init;
  if (ledBy !== null && ledBy !== 'I&O' && ledBy !== 'Joint' && ioPilot === 'Leading') {
    (out ??= []).push(
      conflict(
        init,
        ctx,
        'ledBy',
        `${ledSentence(init, ctx)} but I&O is leading the pilot${cellOf(init, ctx, 'ioPilot')}; it is classified as Driver: if I&O now leads it, put I&O in ${placeOf(init, ctx, 'ledBy')}, else correct ${placeOf(init, ctx, 'ioPilot')}.`,
        'conflict',
        cellsOf(init, ctx, ['ledBy', 'ioPilot']),
      ),
    );
  }
  // Before the pilot (Idea, Planned) the phases are plans, often recorded before I&O took the
  // lead the advice proposes ("Propose to Retail that I&O leads it before crucial decisions are
  // made"): a lead whose plans still say less is not flagged for following that advice.
  const planning = stage === 'Idea' || stage === 'Planned';
  if (ledBy === 'I&O' && !planning) {
    // Led by I&O, yet no recorded phase reaches Responsible: the lead or the phases are wrong.
    // (Tested on the three phases first: most I&O-led rows have one, and need no list.)
    const { ioPilot: p, ioImplementation: im, ioOperations: op } = init;
    const recorded = p !== null || im !== null || op !== null;
    if (recorded && !isResponsible(p) && !isResponsible(im) && !isResponsible(op)) {
      const known = PHASES.filter((ph) => init[ph.field] !== null);
      const most = known.reduce((a, p) =>
        LEVEL_RANK[init[p.field]!] > LEVEL_RANK[init[a.field]!] ? p : a,
      );
      const top = init[most.field]!;
      const where = listed(
        known.map((p) => cellOf(init, ctx, p.field).slice(2, -1)).filter((c) => c !== ''),
      );
      const at = where === '' ? '' : ` (${where})`;
      const says =
        top === 'None'
          ? `I&O is not involved in any recorded phase${at}`
          : `I&O is at most ${top.toLowerCase()} in the recorded phases${at}`;
      (out ??= []).push(
        conflict(
          init,
          ctx,
          'ledBy',
          `${ledSentence(init, ctx)} but ${says}; it is classified as ${ruleRole}, so check whether I&O really leads it or the involvement columns are incomplete.`,
          'conflict',
          cellsOf(init, ctx, ['ledBy', ...known.map((p) => p.field)]),
        ),
      );
    }
  }
  // The current phase left blank at Implementation or Production, where filling it could
  // raise the role (a Bystander may operate it; an Operator may have implemented it).
  const current =
    stage === 'Implementation' ? PHASES[1]! : stage === 'Production' ? PHASES[2]! : null;
  if (
    current !== null &&
    init[current.field] === null &&
    (ruleRole === 'Bystander' || (ruleRole === 'Operator' && current.key === 'implementation'))
  ) {
    // The issue is on the phase (its column, or the free-text cell when only that exists).
    const own = ctx.cols[current.field];
    const col = own ?? ctx.cols.ioInvolvement;
    const address = col === null ? null : toA1(init.row, col);
    const at = address === null ? '' : ` (${address})`;
    const gap =
      own === null && col !== null
        ? `"${ctx.headers.ioInvolvement}"${at} says nothing about ${PHASE_NAMES[current.key]}`
        : `"${ctx.headers[current.field]}"${at} is blank`;
    (out ??= []).push({
      code: 'conflict',
      row: init.row,
      col,
      address,
      field: current.field,
      value: null,
      message: `${rowLabel(init)} is at the ${stage} stage but ${gap}; fill in I&O's part in ${PHASE_NAMES[current.key]}, as it may change the role (${ruleRole} for now).`,
    });
  }
  return out;
}

/**
 * Classifies one initiative (SPEC §3 rules 1–6). Never throws; the rationale is one sentence.
 * `ctx` lets messages name the sheet's columns and cells.
 */
export function classify(
  init: Initiative,
  ctx: ClassifyContext = NO_SHEET_CONTEXT,
): Classification {
  const decision = decide(init, ctx.memo);
  const ruleRole = decision.ruleRole;
  let issues: DataIssue[] | null = findConflicts(init, ruleRole, ctx);
  if (ruleRole === 'Unclassified') {
    const first = INVOLVEMENT_FIELDS.find((f) => ctx.cols[f] !== null) ?? 'ioInvolvement';
    (issues ??= []).push(
      conflict(
        init,
        ctx,
        first,
        `Row ${init.row + 1} says nothing about I&O's involvement; fill ${fieldsToFill(ctx, init.row)} so it can be classified.`,
        'no-involvement',
      ),
    );
  }
  // Most rows have no issue: their classification is the decision itself, shared by the rows
  // with the same facts (not copied for each).
  if (issues === null) return decision;
  return { role: decision.role, ruleRole, rationale: decision.rationale, issues };
}

type Decision = MemoDecision;

/** The role and rationale, shared through the refresh's memo between rows with the same facts. */
function decide(init: Initiative, memo: RowMemo | undefined): Decision {
  if (memo === undefined) return decideAfresh(init);
  const key = decisionKey(init, memo);
  const hit = key < 0 ? undefined : memo.decisions.get(key);
  if (hit !== undefined) return hit;
  const decision = decideAfresh(init);
  // Once full, the cache keeps what it has: the first combinations are the common ones.
  if (key >= 0 && memo.decisions.size < 50_000) memo.decisions.set(key, decision);
  return decision;
}

function decideAfresh(init: Initiative): Decision {
  const { role: ruleRole, facts } = applyRules(init);
  const override: Role | null = init.override;
  if (override !== null) {
    const rationale =
      override === ruleRole
        ? `Set by hand to ${override}, as the rules would say (${facts})`
        : `Set by hand to ${override}; the rules would say ${roleTail(ruleRole, init)} (${facts})`;
    return { role: override, ruleRole, rationale, issues: NO_ISSUES };
  }
  return {
    role: ruleRole,
    ruleRole,
    rationale: `${facts} → ${roleTail(ruleRole, init)}`,
    issues: NO_ISSUES,
  };
}
