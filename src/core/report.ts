/**
 * The one report module (SPEC §4, STYLE habit 14): every sentence of the summary a person reads
 * — the brief, the role and share definitions, where ownership is heading, the changes and the
 * top opportunities with their limits — composed here from the catalogue's words (BRIEF_TEXT in
 * messages.ts), so the summary sheet, the task pane, the command line's text, `--json`
 * (`summary.headline`) and Copy summary say the same thing with the same limits.
 */

import { BRIEF_TEXT } from './messages';
import type { Role, RoleOrUnclassified } from './domain';
import type { RefreshOutcome, RoleChange, RowResult, Summary } from './results';
import { CHANGES_SHEET, SUMMARY_SHEET } from './domain';
import { formatMoney, rowCurrency } from './money';
import { ACTION_WORD_LIMIT, shortAction as shortActionOf } from './opportunity';

/** Every limit of the report, in one place: how many items, how long a name or an action. */
export const REPORT_LIMITS = {
  /** Opportunities listed ("top 10 of N") on every surface. */
  opportunities: 10,
  /** Changes listed in the pane, the command line and Copy summary. */
  changes: 10,
  /** Changes listed on the summary sheet (the rest are in the change log). */
  sheetChanges: 50,
  /** Rows needing review listed on the summary sheet. */
  review: 200,
  /** Characters of an initiative's name before it is cut with "…". */
  nameChars: 60,
  /** Words of an action in the brief: the Recommended Action's own limit (opportunity.ts). */
  actionWords: ACTION_WORD_LIMIT,
  /** Characters of an action in the brief: one printed line of the summary's action column. */
  actionChars: 78,
  /** Opportunities named in the brief's asks. */
  asks: 3,
} as const;

/** Stages before crucial decisions are made: an initiative there without I&O is the gap. */
const EARLY_STAGES: readonly string[] = ['Idea', 'Planned'];

/** A share as the report writes it: one decimal, "70.7%"; "n/a" when there is none. */
export function formatShare(share: number | null): string {
  return share === null ? 'n/a' : `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/** A count with thousands separators, "1,200". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A refresh's date as the brief writes it, "2 Mar 2026" (UTC, as the history records it). */
export function formatDay(at: Date): string {
  return DAY.format(at);
}

/** A name cut to REPORT_LIMITS.nameChars with "…". */
export function shortName(name: string | null): string {
  const n = name ?? BRIEF_TEXT.noName;
  return n.length <= REPORT_LIMITS.nameChars ? n : `${n.slice(0, REPORT_LIMITS.nameChars - 1)}…`;
}

/** How the report names an initiative: its ID before its name when it has one. */
export function initiativeLabel(id: string | null, name: string | null): string {
  const n = shortName(name);
  return id === null || id === '' ? n : `${id} ${n}`;
}

/**
 * Who owns an initiative, as the asks name it: the business owner (SPEC §3), as the Recommended
 * Action addresses it. That is the lead group as written when a line of business or an
 * operations team leads (or I&O); for a vendor, a joint or an unrecognised lead it is the
 * row's business unit, and the lead as written only when there is none.
 */
export function ownerOf(r: RowResult): string {
  const i = r.initiative;
  const byLead = i.ledBy === 'LOB' || i.ledBy === 'Operations' || i.ledBy === 'I&O';
  const owner = byLead ? (i.ledByText ?? i.businessUnit) : (i.businessUnit ?? i.ledByText);
  return owner ?? BRIEF_TEXT.noOwner;
}

/**
 * The opportunity's action in ≤ REPORT_LIMITS.actionWords words and one printed line
 * (opportunity.ts `shortAction`, the one place that shortens an action), addressed to the
 * row's business owner.
 */
export function shortAction(r: RowResult): string {
  const owner = ownerOf(r);
  return shortActionOf(r.action, r.nextRole, owner === BRIEF_TEXT.noOwner ? null : owner, {
    words: REPORT_LIMITS.actionWords,
    chars: REPORT_LIMITS.actionChars,
  });
}

function activeCount(summary: Pick<Summary, 'counts'>): number {
  return summary.counts.Driver + summary.counts.Implementer + summary.counts.Operator;
}

/** The first sentence: where I&O stands, against the previous and the first refresh. */
function standing(
  summary: Pick<Summary, 'activeShare' | 'counts' | 'classified' | 'trend'>,
): string {
  if (summary.activeShare === null) return BRIEF_TEXT.noShare;
  const share = summary.activeShare;
  const head = BRIEF_TEXT.standing(activeCount(summary), summary.classified, formatShare(share));
  const prev = summary.trend?.previous ?? null;
  if (prev === null || prev.activeShare === null) return `${head}; ${BRIEF_TEXT.firstTime}.`;
  // Compared as shown: 70.71% and 70.68% both read 70.7%, so "unchanged".
  const now = formatShare(share);
  const before = formatShare(prev.activeShare);
  const move =
    now === before
      ? BRIEF_TEXT.same
      : share > prev.activeShare
        ? BRIEF_TEXT.up(before)
        : BRIEF_TEXT.down(before);
  const first = summary.trend?.first ?? null;
  const shownFirst =
    first !== null && first.activeShare !== null && first.at.getTime() !== prev.at.getTime()
      ? formatShare(first.activeShare)
      : null;
  let sinceFirst = '';
  if (shownFirst !== null && first !== null) {
    sinceFirst =
      shownFirst === now && move === BRIEF_TEXT.same
        ? ` ${BRIEF_TEXT.sameSinceFirst(formatDay(first.at))}`
        : `, ${BRIEF_TEXT.sinceFirst(shownFirst, formatDay(first.at))}`;
  }
  return `${head}, ${move}${sinceFirst}.`;
}

/** The second sentence: the biggest gap in I&O's involvement. */
function gap(summary: Summary, rows: readonly RowResult[]): string | null {
  if (summary.classified === 0) return null;
  const early = rows.filter(
    (r) =>
      r.role === 'Bystander' &&
      r.initiative.stage !== null &&
      EARLY_STAGES.includes(r.initiative.stage),
  ).length;
  if (early > 0) return BRIEF_TEXT.gapEarly(early);
  if (summary.counts.Bystander > 0) return BRIEF_TEXT.gapBystanders(summary.counts.Bystander);
  if (summary.counts.Driver === summary.classified) return BRIEF_TEXT.allDriver(summary.classified);
  if (summary.counts.Operator > 0) return BRIEF_TEXT.gapOperators(summary.counts.Operator);
  return BRIEF_TEXT.gapNone;
}

/** The third sentence: the top opportunities by name and owner. */
function asks(summary: Summary): string | null {
  // An ask is for more ownership: a Driver kept as Driver is not one.
  // The first few of the ranked list, found without filtering all of it.
  const top: RowResult[] = [];
  for (const r of summary.topOpportunities) {
    if (top.length === REPORT_LIMITS.asks) break;
    if (r.nextRole !== r.role) top.push(r);
  }
  if (top.length === 0) return summary.classified === 0 ? null : BRIEF_TEXT.noAsks;
  const items = top.map((r) =>
    BRIEF_TEXT.ask(
      BRIEF_TEXT.askVerbs[r.nextRole === '' ? 'Bystander' : r.nextRole],
      // A row without a name is asked for by its ID.
      r.initiative.name === null && r.initiative.id !== null
        ? r.initiative.id
        : shortName(r.initiative.name),
      ownerOf(r),
    ),
  );
  const list =
    items.length === 1
      ? items[0]!
      : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
  return `${BRIEF_TEXT.asksLead(items.length)} ${list}.`;
}

/**
 * The brief: the sentences that open every surface — where I&O stands (against the previous
 * and the first refresh), the biggest gap and the three asks. Where the share is heading has
 * its own lines (`projectionLines`). `rows` are the refresh's rows (for the gap by stage).
 */
export function briefSentences(summary: Summary, rows: readonly RowResult[]): string[] {
  const out = [standing(summary)];
  const g = gap(summary, rows);
  if (g !== null) out.push(g);
  const a = asks(summary);
  if (a !== null) out.push(a);
  return out;
}

/** The brief of a refresh's outcome. */
export function headline(outcome: Pick<RefreshOutcome, 'summary' | 'rows'>): string[] {
  return briefSentences(outcome.summary, outcome.rows);
}

/** The share of classified initiatives where I&O is Implementer or Driver. */
export function deepShare(summary: Pick<Summary, 'counts' | 'classified'>): number | null {
  return summary.classified === 0
    ? null
    : (summary.counts.Driver + summary.counts.Implementer) / summary.classified;
}

/** One line per role, most ownership first, then what the active share counts. */
export function definitions(
  summary: Pick<Summary, 'counts' | 'classified' | 'activeShare'>,
): string[] {
  const roles: Role[] = ['Driver', 'Implementer', 'Operator', 'Bystander'];
  return [
    ...roles.map((r) => BRIEF_TEXT.roles[r]),
    BRIEF_TEXT.activeShare(formatShare(summary.activeShare), formatShare(deepShare(summary))),
  ];
}

/** The acronyms spelled out once. */
export function terms(): string {
  return BRIEF_TEXT.terms;
}

/**
 * Where ownership is heading, explained: the share after the High opportunities, and what the
 * Medium ones add — or why they add nothing to the share (they move I&O between active roles).
 */
export function projectionLines(summary: Summary): string[] {
  const { high, highAndMedium } = summary.projection;
  if (summary.activeShare === null) return [];
  const lines = [
    high.count > 0
      ? BRIEF_TEXT.projectionHigh(
          high.count,
          formatShare(summary.activeShare),
          formatShare(high.activeShare),
        )
      : BRIEF_TEXT.projectionNoHigh(formatShare(summary.activeShare)),
  ];
  const medium = highAndMedium.count - high.count;
  if (medium > 0) {
    const to = formatShare(highAndMedium.activeShare);
    lines.push(
      to === formatShare(high.activeShare)
        ? BRIEF_TEXT.projectionMediumSame(medium, to)
        : BRIEF_TEXT.projectionMedium(medium, to),
    );
  }
  return lines;
}

/** One opportunity as every surface lists it. */
export interface OpportunityItem {
  row: RowResult;
  /** ID and name ("IOT-12 Smart meters"), or the name alone. */
  label: string;
  /** Owner; budget; endpoints — what is known. */
  facts: string;
  /** "Operator → Implementer". */
  move: string;
  /** ≤ REPORT_LIMITS.actionWords words. */
  action: string;
}

/** The top opportunities, "top 10 of N", each with its label, facts, move and short action. */
export function opportunities(
  summary: Summary,
  limit: number = REPORT_LIMITS.opportunities,
): { heading: string; items: OpportunityItem[]; total: number } {
  const total = summary.topOpportunities.length;
  const main = summary.money?.main ?? null;
  const items = summary.topOpportunities.slice(0, limit).map((r): OpportunityItem => {
    const i = r.initiative;
    return {
      row: r,
      label: initiativeLabel(i.id, i.name),
      facts: BRIEF_TEXT.opportunityFacts(
        ownerOf(r),
        i.budget === null ? null : formatMoney(i.budget, rowCurrency(r, main)),
        i.endpoints === null ? null : formatCount(i.endpoints),
      ),
      move: `${r.role} → ${r.nextRole}`,
      action: shortAction(r),
    };
  });
  return { heading: BRIEF_TEXT.opportunitiesHeading(items.length, total), items, total };
}

/** One change as every surface lists it. */
export interface ChangeItem {
  change: RoleChange;
  text: string;
  /** "Role changed", "Stage moved", "Added", "Removed". */
  label: string;
}

/** The kinds of change, in the order the report counts them. */
const CHANGE_KINDS = ['role', 'stage', 'added', 'removed'] as const;

/** A change as a sentence: "IOT-3 Fleet: Operator → Implementer", "…: removed (was Operator)". */
export function changeText(c: RoleChange): string {
  const name = initiativeLabel(c.id, c.name);
  return BRIEF_TEXT.change[c.kind](name, c.from, c.to);
}

/**
 * The changes since the last refresh: a line that counts them by kind (or says it is the first
 * refresh, or that nothing changed), the first `limit` as items, and a line for the rest.
 */
export function changesReport(
  changes: readonly RoleChange[] | null,
  sheet: string,
  limit: number = REPORT_LIMITS.changes,
): { headline: string; items: ChangeItem[]; more: string | null } {
  if (changes === null) return { headline: BRIEF_TEXT.firstRefresh(sheet), items: [], more: null };
  if (changes.length === 0) return { headline: BRIEF_TEXT.noChanges, items: [], more: null };
  const parts = CHANGE_KINDS.map((k) => {
    const n = changes.filter((c) => c.kind === k).length;
    return n === 0 ? null : BRIEF_TEXT.changeKinds[k](n);
  }).filter((p): p is string => p !== null);
  const items = changes.slice(0, limit).map((c) => ({
    change: c,
    text: changeText(c),
    label: BRIEF_TEXT.changeLabel[c.kind],
  }));
  const rest = changes.length - items.length;
  return {
    headline: BRIEF_TEXT.changesCount(parts),
    items,
    // The change log keeps every change (the summary lists as many as the pane).
    more: rest > 0 ? BRIEF_TEXT.moreItems(rest, CHANGES_SHEET) : null,
  };
}

/** A headed group of lines: the shape the text surfaces (command line, clipboard) print. */
export interface ReportBlock {
  heading: string;
  lines: string[];
}

/** Roles most ownership first, as the report lists their counts. */
export const ROLE_ORDER: readonly RoleOrUnclassified[] = [
  'Driver',
  'Implementer',
  'Operator',
  'Bystander',
  'Unclassified',
];

/** One line per role, most ownership first, with its share ("Driver: 6 (11.1%)"). */
function roleLines(s: Pick<Summary, 'counts' | 'classified' | 'shares'>): string[] {
  return ROLE_ORDER.filter((r) => r !== 'Unclassified' || s.counts.Unclassified > 0).map((r) =>
    r === 'Unclassified'
      ? `${r}: ${formatCount(s.counts[r])}`
      : `${r}: ${formatCount(s.counts[r])} (${formatShare(s.classified === 0 ? null : s.shares[r])})`,
  );
}

/**
 * What a workbook keeps of a refresh the surface did not run (its history row, and the trend
 * of the rows before it): enough for the brief's first sentence, the roles, the definitions and
 * how many changes there were, not for the rows behind the gap, the asks and the opportunities.
 */
export interface KeptRefresh extends Pick<
  Summary,
  'sheet' | 'classified' | 'counts' | 'shares' | 'activeShare' | 'trend'
> {
  /** The changes that refresh counted; null when the history does not say. */
  changes: number | null;
}

/**
 * The report of a kept refresh as headed blocks, in the same words as `reportBlocks` where the
 * workbook keeps what they are made of, and one sentence saying where the rest is.
 */
export function keptRefreshBlocks(kept: KeptRefresh): ReportBlock[] {
  return [
    { heading: 'The brief', lines: [standing(kept), BRIEF_TEXT.notKept(SUMMARY_SHEET)] },
    { heading: 'Initiatives per role', lines: roleLines(kept) },
    {
      heading: 'Since the last refresh',
      // Every change is kept in the change log; the history keeps only how many.
      lines:
        kept.changes === null
          ? []
          : [
              kept.changes === 0
                ? BRIEF_TEXT.noChanges
                : BRIEF_TEXT.changesKept(kept.changes, CHANGES_SHEET),
            ],
    },
    { heading: 'What the roles mean', lines: [...definitions(kept), terms()] },
  ];
}

/**
 * The whole report as headed blocks, for the text surfaces: the brief first, then the roles,
 * where ownership is heading, the top opportunities, the changes, and the definitions.
 */
export function reportBlocks(
  outcome: Pick<RefreshOutcome, 'summary' | 'rows' | 'changes'>,
): ReportBlock[] {
  const s = outcome.summary;
  const opp = opportunities(s);
  const ch = changesReport(outcome.changes, s.sheet);
  return [
    { heading: 'The brief', lines: headline(outcome) },
    {
      heading: 'Initiatives per role',
      lines: roleLines(s),
    },
    { heading: 'Where ownership is heading', lines: projectionLines(s) },
    {
      heading: opp.heading,
      lines: opp.items.map((o) => `${o.label} (${o.facts}): ${o.move}. ${o.action}`),
    },
    {
      heading: 'Since the last refresh',
      lines: [ch.headline, ...ch.items.map((i) => i.text), ...(ch.more === null ? [] : [ch.more])],
    },
    { heading: 'What the roles mean', lines: [...definitions(s), terms()] },
  ];
}
