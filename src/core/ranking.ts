/**
 * Opportunities ranked by impact (SPEC §4): which initiatives an I&O leader should ask for
 * first. The score is a documented sum of points, so a reader can check any rank by hand:
 *
 * | fact                         | points                                                  |
 * |------------------------------|---------------------------------------------------------|
 * | priority                     | High 100, Medium 50, Low 0 (the opportunity's own verdict) |
 * | stage                        | Idea 40, Planned 35, Pilot 25, Implementation 10, Production 5, unknown 15 |
 * | security-sensitive           | 20 (a risk I&O is accountable for whoever leads)        |
 * | enterprise integration       | 15 (it touches the systems I&O runs)                    |
 * | endpoints                    | up to 15: 5 per tenfold from 10 (1,000 → 10, 100,000 → 15) |
 * | budget                       | up to 10: 2.5 per tenfold from 10,000 (1M → 5, 100M → 10) |
 *
 * Earlier stages score more because the article's point is to be involved "before crucial
 * decisions are made": an Idea that can still be shaped matters more than a system already in
 * production. Ties are broken by the initiative's name, then its ID, then its place.
 */

import type { Priority, Stage } from './domain';
import type { RowResult } from './results';

/** Points for the opportunity's priority: the classifier's verdict outweighs every fact below. */
const PRIORITY_POINTS: Record<Priority, number> = { High: 100, Medium: 50, Low: 0 };

/** Points per stage: earlier is more urgent (before crucial decisions are made). */
export const STAGE_POINTS: Record<Stage, number> = {
  Idea: 40,
  Planned: 35,
  Pilot: 25,
  Implementation: 10,
  Production: 5,
  Retired: 0,
};
/** A stage nobody wrote down is treated as mid-way: neither urgent nor settled. */
const UNKNOWN_STAGE_POINTS = 15;
const SECURITY_POINTS = 20;
const INTEGRATION_POINTS = 15;
const ENDPOINT_POINTS_MAX = 15;
const BUDGET_POINTS_MAX = 10;

/** Points that grow with the order of magnitude of `n` above `from`, capped at `max`. */
function magnitudePoints(n: number | null, from: number, perTenfold: number, max: number): number {
  if (n === null || !(n > from)) return 0;
  return Math.min(max, Math.log10(n / from) * perTenfold);
}

/** The impact score of an opportunity (a row with a next role); higher is asked for first. */
export function impactScore(r: RowResult): number {
  const i = r.initiative;
  const priority = r.priority === '' ? 0 : PRIORITY_POINTS[r.priority];
  const stage = i.stage === null ? UNKNOWN_STAGE_POINTS : STAGE_POINTS[i.stage];
  return (
    priority +
    stage +
    (i.security === true ? SECURITY_POINTS : 0) +
    (i.integration === true ? INTEGRATION_POINTS : 0) +
    magnitudePoints(i.endpoints, 10, 5, ENDPOINT_POINTS_MAX) +
    magnitudePoints(i.budget, 10_000, 2.5, BUDGET_POINTS_MAX)
  );
}

const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Equal scores: by name, ID, then sheet and row (a total order: no two rows share both). */
function tieOrder(a: RowResult, b: RowResult): number {
  return (
    byName.compare(a.initiative.name ?? '', b.initiative.name ?? '') ||
    byName.compare(a.initiative.id ?? '', b.initiative.id ?? '') ||
    byName.compare(a.sheet ?? '', b.sheet ?? '') ||
    a.row - b.row
  );
}

/**
 * The rows with an opportunity (a priority), highest score first; equal scores by name, ID,
 * then sheet and row, so the order never depends on where a row sits on the sheet. The scores
 * are computed once into a typed array and the rows' positions sorted by them: the comparator
 * returns small integers (no number boxed per comparison) and reads no row unless two scores
 * tie.
 */
export function rankOpportunities(rows: readonly RowResult[]): RowResult[] {
  // A Bystander with no support need has a priority (Low) but no next role: not an opportunity.
  const chosen: RowResult[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.priority !== '' && r.nextRole !== '') chosen.push(r);
  }
  const scores = new Float64Array(chosen.length);
  const order: number[] = new Array<number>(chosen.length);
  for (let i = 0; i < chosen.length; i++) {
    scores[i] = impactScore(chosen[i]!);
    order[i] = i;
  }
  order.sort((a, b) => {
    const sa = scores[a]!;
    const sb = scores[b]!;
    return sb > sa ? 1 : sb < sa ? -1 : tieOrder(chosen[a]!, chosen[b]!);
  });
  const ranked: RowResult[] = new Array<RowResult>(order.length);
  for (let i = 0; i < order.length; i++) ranked[i] = chosen[order[i]!]!;
  return ranked;
}
