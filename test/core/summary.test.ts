import type { Field } from '../../src/core/fields';
import type { CrossTab, RowResult, Summary } from '../../src/core/results';
import { planRefresh } from '../../src/core/refresh';
import { summarise } from '../../src/core/summary';
import { rolesIn } from '../../src/core/summary';
import { input, inventory, portfolio } from './helpers';

/** The summary's roles by a field it groups by (fails the test when it does not). */
function tab(summary: Summary, field: Field): CrossTab {
  const t = rolesIn(summary, field);
  if (t === null) throw new Error(`no roles by ${field}`);
  return t;
}
const noColumns = () => false;

describe('summary of the portfolio', () => {
  const { summary, rows } = planRefresh(input([portfolio()]));

  it('counts, shares and the active-role share', () => {
    expect(summary.total).toBe(8);
    expect(summary.classified).toBe(7);
    expect(summary.counts).toEqual({
      Bystander: 2,
      Operator: 1,
      Implementer: 1,
      Driver: 3,
      Unclassified: 1,
    });
    expect(summary.shares.Driver).toBeCloseTo(3 / 7);
    expect(summary.shares.Bystander).toBeCloseTo(2 / 7);
    expect(
      summary.shares.Operator +
        summary.shares.Implementer +
        summary.shares.Driver +
        summary.shares.Bystander,
    ).toBeCloseTo(1);
    expect(summary.activeShare).toBeCloseTo(5 / 7);
  });

  it('budget per role in the main currency, amounts in another one totalled on their own', () => {
    // "Budget ($)": USD. IOT-2's "€40k" is EUR: never added to the dollars, a data issue.
    expect(summary.money).toEqual({
      main: 'USD',
      totals: [
        { currency: 'USD', amount: 1_540_000, rows: 3 },
        { currency: 'EUR', amount: 40_000, rows: 1 },
      ],
    });
    expect(rows.find((r) => r.initiative.id === 'IOT-2')!.issues.map((i) => i.code)).toContain(
      'other-currency',
    );
    expect(summary.budget).toEqual({
      Implementer: 1_200_000,
      Driver: 0, // IOT-2 is budgeted in EUR; IOT-3 has none; IOT-8 none
      Bystander: 250_000,
      Operator: 90_000,
      Unclassified: 0,
    });
  });

  it('role by lead group, canonical groups in order, then values not recognised', () => {
    expect(tab(summary, 'ledBy').labels).toEqual(['I&O', 'LOB', 'Operations', '(not recognised)']);
    const ops = tab(summary, 'ledBy').counts[2]!;
    expect(ops).toEqual({ Bystander: 1, Operator: 1, Implementer: 1, Driver: 0, Unclassified: 1 });
    expect(tab(summary, 'ledBy').counts[3]).toMatchObject({ Driver: 1 });
  });

  it('role by stage, in stage order', () => {
    expect(tab(summary, 'stage').labels).toEqual([
      'Idea',
      'Planned',
      'Pilot',
      'Production',
      'Retired',
    ]);
    expect(tab(summary, 'stage').counts[2]).toMatchObject({ Driver: 2 });
    expect(tab(summary, 'stage').counts[3]).toMatchObject({
      Implementer: 1,
      Operator: 1,
      Unclassified: 1,
    });
  });

  it('top opportunities ranked by impact (ranking.ts): priority, then stage and facts', () => {
    expect(summary.topOpportunities.map((r) => [r.initiative.id, r.priority])).toEqual([
      ['IOT-4', 'High'],
      ['IOT-5', 'Medium'],
      ['IOT-3', 'Low'],
      ['IOT-1', 'Low'],
      ['IOT-2', 'Low'],
      ['IOT-8', 'Low'],
    ]);
  });

  it('rows needing review: data issues or unclassified, in sheet order', () => {
    expect(summary.review.map((r) => r.initiative.id)).toEqual(['IOT-2', 'IOT-7', 'IOT-8']);
    expect(summary.needsReview).toBe(3);
    expect(rows.filter((r) => r.issues.length > 0).map((r) => r.initiative.id)).toEqual([
      'IOT-2',
      'IOT-7',
      'IOT-8',
    ]);
  });

  it('blank and unrecognised values are told apart', () => {
    const sheet = inventory([
      ['1', 'A', null, 'Pilot', 'C'],
      ['2', 'B', 'Acme', 'Q3', 'C'],
      ['3', 'C', 'IT', { kind: 'error', code: '#N/A' }, 'C'],
    ]);
    const s = planRefresh(input([sheet])).summary;
    expect(tab(s, 'ledBy').labels).toEqual(['I&O', '(not recognised)', '(blank)']);
    expect(tab(s, 'stage').labels).toEqual(['Pilot', '(not recognised)']);
    expect(tab(s, 'stage').counts[1]!.Driver).toBe(1);
    expect(tab(s, 'stage').counts[1]!.Bystander).toBe(1);
  });

  it('no budget column → budget is null', () => {
    expect(summarise(['S'], rows, noColumns).budget).toBeNull();
  });

  it('nothing classified → shares 0 and active share null', () => {
    const unclassified: RowResult[] = rows.filter((r) => r.role === 'Unclassified');
    const s = summarise(['S'], unclassified, noColumns);
    expect(s.classified).toBe(0);
    expect(s.activeShare).toBeNull();
    expect(s.shares).toEqual({ Bystander: 0, Operator: 0, Implementer: 0, Driver: 0 });
  });
});
