import { RoleMapError } from '../../src/core/messages';
import { headline } from '../../src/core/report';
import { planRefresh, toJsonReport } from '../../src/core/refresh';
import { input, inventory, portfolio, sheetOf } from './helpers';

function thrown(fn: () => unknown): RoleMapError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RoleMapError) return e;
    throw e;
  }
  throw new Error('expected a RoleMapError');
}

describe('planRefresh end to end', () => {
  const outcome = planRefresh(input([sheetOf('Notes', [['hello']]), portfolio()]));

  it('classifies every non-blank row in sheet order', () => {
    expect(outcome.rows.map((r) => [r.row, r.role, r.nextRole, r.priority])).toEqual([
      [1, 'Implementer', 'Driver', 'Low'],
      [2, 'Driver', 'Driver', 'Low'],
      [3, 'Driver', 'Driver', 'Low'],
      [5, 'Bystander', 'Driver', 'High'],
      [6, 'Operator', 'Implementer', 'Medium'],
      [7, 'Bystander', '', ''],
      [8, 'Unclassified', '', ''],
      [9, 'Driver', 'Driver', 'Low'],
    ]);
  });

  it('is deterministic', () => {
    expect(planRefresh(input([sheetOf('Notes', [['hello']]), portfolio()]))).toEqual(outcome);
  });

  it('gives the --json report of SPEC §5', () => {
    const report = toJsonReport(outcome);
    expect(report.sheet).toBe('Inventory');
    expect(report.headerRow).toBe(1);
    expect(report.mapping).toEqual({
      id: 'ID',
      name: 'Initiative',
      ledBy: 'Led By',
      stage: 'Stage',
      ioPilot: 'I&O Pilot',
      ioImplementation: 'I&O Implementation',
      ioOperations: 'I&O Operations',
      integration: 'Enterprise Integration',
      security: 'Security Sensitive',
      endpoints: '# Devices',
      budget: 'Budget ($)',
      override: 'Role Override',
    });
    expect(report.rows[0]).toEqual({
      row: 2,
      id: 'IOT-1',
      name: 'Smart lighting',
      role: 'Implementer',
      rationale:
        'Led by Facilities; I&O responsible for implementation and operations → Implementer (also operates)',
      nextRole: 'Driver',
      priority: 'Low',
      action:
        'Make this a reusable platform, and propose to Facilities that I&O leads the next similar initiative.',
      issues: [],
    });
    const last = report.rows[report.rows.length - 1]!;
    expect(last.row).toBe(10);
    expect(last.name).toBe('=SUM(A1:A3)');
    expect(last.rationale).toBe(
      'Set by hand to Driver; the rules would say Implementer (I&O responsible for implementation)',
    );
    expect(last.issues).toEqual([
      'Cell C10 ("Led By") holds "Acme", which is not a known lead group (I&O, LOB, Operations, External, Joint, or a synonym such as IT or Marketing); it was treated as blank.',
      'Cell E10 ("I&O Pilot") holds "maybe", which is not an involvement level (None, Informed, Consulted, Supporting, Responsible, Leading); it was treated as blank.',
    ]);
    expect(report.summary).toEqual({
      total: 8,
      classified: 7,
      counts: { Bystander: 2, Operator: 1, Implementer: 1, Driver: 3, Unclassified: 1 },
      activeShare: 5 / 7,
      // The brief's sentences, from the report module.
      headline: headline(outcome),
      projection: outcome.summary.projection,
    });
    expect(report.summary.headline[0]).toContain('I&O plays an active role in 5 of 7');
    expect(Object.keys(report.summary.projection)).toEqual(['high', 'highAndMedium']);
    // A first refresh: nothing to compare with, so no changes (SPEC §5: []).
    expect(outcome.changes).toBeNull();
    expect(report.changes).toEqual([]);
    // The report is plain JSON: it survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('an empty name is null in the report', () => {
    const o = planRefresh(input([inventory([[null, null, 'IT']])]));
    expect(toJsonReport(o).rows[0]).toMatchObject({ row: 2, name: null, id: null, role: 'Driver' });
  });

  it('no history when the option is off', () => {
    expect(planRefresh(input([portfolio()], { history: false })).plan.history).toBeNull();
  });
});

describe('planRefresh refuses what the user must fix', () => {
  it.each<[string, () => unknown, string, string]>([
    [
      'no name column',
      () =>
        planRefresh(
          input([
            sheetOf('Inv', [
              ['Led By', 'Stage'],
              ['IT', 'Pilot'],
            ]),
          ]),
        ),
      'no-name-column',
      'The sheet "Inv" has no column for the initiative name; add a header such as "Initiative" or "Project", or map the name field to a column by hand.',
    ],
    [
      'header but no rows',
      () =>
        planRefresh(
          input([
            sheetOf('Inv', [
              ['Initiative', 'Stage'],
              [null, '  '],
            ]),
          ]),
        ),
      'inventory-empty',
      'The inventory on "Inv" has a header row but no initiatives below it; add at least one initiative and refresh again.',
    ],
    [
      'protected sheet',
      () => planRefresh(input([portfolio({ isProtected: true })])),
      'protected-sheet',
      'The sheet "Inventory" is protected, so the role columns cannot be written; unprotect it (Review > Unprotect Sheet) and refresh again.',
    ],
    [
      'no inventory',
      () => planRefresh(input([sheetOf('Sheet1', [['a', 'b']])])),
      'no-inventory',
      'No sheet looks like an IoT inventory (looked at "Sheet1"); add a header row with at least two recognised headers such as "Initiative" and "Led By", or choose the sheet and map the columns by hand.',
    ],
  ])('%s', (_name, fn, code, message) => {
    const e = thrown(fn);
    expect(e.code).toBe(code);
    expect(e.message).toBe(message);
  });
});
