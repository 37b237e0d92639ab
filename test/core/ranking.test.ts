/** Opportunities ranked by impact (core/ranking.ts): the score's order, never the sheet's. */

import type { Priority } from '../../src/core/domain';
import type { Initiative, RowResult } from '../../src/core/results';
import { impactScore, rankOpportunities } from '../../src/core/ranking';
import { initiative } from './helpers';

function opp(row: number, priority: Priority | '', facts: Partial<Initiative>): RowResult {
  return {
    row,
    initiative: initiative({ row, ...facts }),
    role: 'Bystander',
    ruleRole: 'Bystander',
    rationale: '',
    nextRole: priority === '' ? '' : 'Implementer',
    priority,
    action: '',
    issues: [],
  };
}

describe('impact score', () => {
  it.each<[string, Partial<Initiative>, number]>([
    ['nothing known: priority and a mid-way stage', {}, 100 + 15],
    ['Idea is more urgent than Production', { stage: 'Idea' }, 100 + 40],
    ['Production', { stage: 'Production' }, 100 + 5],
    ['security-sensitive', { stage: 'Pilot', security: true }, 100 + 25 + 20],
    ['enterprise integration', { stage: 'Pilot', integration: true }, 100 + 25 + 15],
    ['1,000 endpoints', { stage: 'Pilot', endpoints: 1000 }, 100 + 25 + 10],
    ['a million endpoints (capped)', { stage: 'Pilot', endpoints: 1_000_000 }, 100 + 25 + 15],
    ['a budget of 1M', { stage: 'Pilot', budget: 1_000_000 }, 100 + 25 + 5],
  ])('%s', (_name, facts, score) => {
    expect(impactScore(opp(1, 'High', facts))).toBeCloseTo(score);
  });
});

describe('ranking', () => {
  it('orders by the score, not by the sheet; ties by name; rows without a priority left out', () => {
    const rows = [
      opp(2, 'Medium', { name: 'Kiosks', stage: 'Production' }),
      opp(3, 'High', { name: 'Zeta meters', stage: 'Production' }),
      opp(4, '', { name: 'Retired one', stage: 'Retired' }),
      opp(5, 'High', { name: 'Alpha meters', stage: 'Production' }),
      opp(6, 'High', { name: 'Cold chain', stage: 'Idea', security: true }),
      opp(7, 'Medium', { name: 'Wearables', stage: 'Idea', endpoints: 5_000 }),
    ];
    const ranked = rankOpportunities(rows).map((r) => r.initiative.name);
    expect(ranked).toEqual(['Cold chain', 'Alpha meters', 'Zeta meters', 'Wearables', 'Kiosks']);
    // The same rows in another sheet order rank the same.
    expect(rankOpportunities([...rows].reverse()).map((r) => r.initiative.name)).toEqual(ranked);
  });
});
