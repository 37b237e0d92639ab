import type { Priority, Role, RoleOrUnclassified } from '../../src/core/domain';
import type { RowResult } from '../../src/core/results';
import { planRefresh } from '../../src/core/refresh';
import { projection } from '../../src/core/summary';
import { changesSince } from '../../src/core/changes';
import { initiative, input, inventory, portfolio } from './helpers';

/** A row result with just what the projection reads. */
function row(role: RoleOrUnclassified, nextRole: Role | '', priority: Priority | ''): RowResult {
  return {
    row: 1,
    initiative: initiative(),
    role,
    ruleRole: role,
    rationale: '',
    nextRole,
    priority,
    action: '',
    issues: [],
  };
}

describe('where ownership is heading (SPEC §4)', () => {
  it.each<[string, RowResult[], [number, number | null], [number, number | null]]>([
    ['no opportunities at all', [], [0, null], [0, null]],
    [
      'all Driver: sustaining changes nothing',
      [row('Driver', 'Driver', 'Low'), row('Driver', 'Driver', 'Low')],
      [0, 1],
      [0, 1],
    ],
    [
      'a High bystander becomes an operator; a Medium bystander only in the wider projection',
      [
        row('Bystander', 'Operator', 'High'),
        row('Bystander', 'Operator', 'Medium'),
        row('Bystander', 'Operator', 'Low'),
        row('Driver', 'Driver', 'Low'),
      ],
      [1, 2 / 4],
      [2, 3 / 4],
    ],
    [
      'an operator moving to implementer stays active (counted, share unchanged)',
      [row('Operator', 'Implementer', 'High'), row('Bystander', 'Operator', 'Low')],
      [1, 1 / 2],
      [1, 1 / 2],
    ],
    [
      'unclassified and retired rows have no next role and stay out; unclassified not in the base',
      [row('Unclassified', '', ''), row('Bystander', '', ''), row('Bystander', 'Driver', 'High')],
      [1, 1 / 2],
      [1, 1 / 2],
    ],
  ])('%s', (_name, rows, [hc, hs], [mc, ms]) => {
    const p = projection(rows);
    expect(p.high.count).toBe(hc);
    expect(p.highAndMedium.count).toBe(mc);
    if (hs === null) expect(p.high.activeShare).toBeNull();
    else expect(p.high.activeShare).toBeCloseTo(hs);
    if (ms === null) expect(p.highAndMedium.activeShare).toBeNull();
    else expect(p.highAndMedium.activeShare).toBeCloseTo(ms);
  });

  it('the portfolio summary carries it, never below today', () => {
    const { summary } = planRefresh(input([portfolio()]));
    expect(summary.projection.high.activeShare!).toBeGreaterThanOrEqual(summary.activeShare!);
    expect(summary.projection.highAndMedium.activeShare!).toBeGreaterThanOrEqual(
      summary.projection.high.activeShare!,
    );
  });
});

describe('changes since the last refresh (SPEC §4)', () => {
  it('a first refresh has none (null), and says so', () => {
    expect(planRefresh(input([portfolio()])).changes).toBeNull();
  });

  it('reads the previous I&O Role from our block: a role change, an added row, no change', () => {
    const first = planRefresh(input([portfolio()]));
    // The sheet as the first refresh left it: our block after the input columns.
    const sheet = portfolio();
    const width = sheet.values[0]!.length;
    const widened = sheet.values.map((r, i) => {
      const out = first.plan.inventory.values[i - first.plan.inventory.firstRow];
      return [
        ...r,
        ...(i === 0 ? first.plan.inventory.headers : (out ?? ['', '', '', '', '', ''])),
      ];
    });
    const changed = { ...sheet, values: widened.map((r) => [...r]) };
    // Edit: the first initiative's previous role said "Driver"; a second row had no role (added).
    const [a, b] = first.rows;
    changed.values[a!.row]![width] = a!.role === 'Driver' ? 'Bystander' : 'Driver';
    changed.values[b!.row]![width] = '';
    const changes = changesSince(changed, 0, first.rows)!;
    expect(changes).toEqual([
      expect.objectContaining({ row: a!.row, from: changed.values[a!.row]![width], to: a!.role }),
      expect.objectContaining({ row: b!.row, from: '', to: b!.role, name: b!.initiative.name }),
    ]);
    // Unchanged sheet: no changes at all.
    const same = planRefresh({ ...input([{ ...sheet, values: widened }]) });
    expect(same.changes).toEqual([]);
  });

  it('a role cell holding text that is not a role counts as added', () => {
    const sheet = inventory([['IOT-9', 'Edge analytics', 'IT', 'Pilot']]);
    const header = [...sheet.values[0]!, 'I&O Role'];
    const withBlock = { ...sheet, values: [header, [...sheet.values[1]!, 'maybe']] };
    const out = planRefresh(input([withBlock]));
    expect(out.changes).toEqual([expect.objectContaining({ from: '', to: 'Driver' })]);
  });
});
