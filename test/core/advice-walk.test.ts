/**
 * The review rules never contradict the advice (issue 23 item 8): for each kind of advice that
 * proposes a move, the planner takes it as its words say, the row is refreshed again, and it
 * has the role the advice named, with no conflict reported and no "resolve first" action.
 */

import type { CellValue } from '../../src/core/input';
import { planRefresh } from '../../src/core/refresh';
import type { RowResult } from '../../src/core/results';
import { inventory, NOW, STANDARD_HEADER } from './helpers';

const col = (header: string) => STANDARD_HEADER.indexOf(header);

/**
 * What a planner records on taking an advice, by its words. The last entry is how the earlier
 * wording ("leads the design", "co-leads it") read: I&O leading the pilot of the owner's
 * initiative, which the rules report as a conflict (SPEC §3); no advice may say it any more.
 */
const TAKING: readonly [RegExp, string, CellValue][] = [
  [/that I&O leads it\b/, 'Led By', 'I&O'],
  [/that I&O implements\b/, 'I&O Implementation', 'Responsible'],
  [/that I&O operates it\b/, 'I&O Operations', 'Responsible'],
  [/that I&O (leads the design|co-leads it)\b/, 'I&O Pilot', 'Leading'],
];

/** Lead, stage, the three phases, integration, security, devices. */
type Start = [string, string, string, string, string, string, string, number];

function refreshed(line: CellValue[]): RowResult {
  return planRefresh({
    sheets: [inventory([line])],
    options: { history: false },
    now: NOW,
    historyRowCount: 0,
  }).rows[0]!;
}

const cases: [string, Start, string][] = [
  [
    'a Bystander at Idea with enterprise integration',
    ['Retail', 'Idea', 'None', 'None', 'None', 'Yes', 'No', 100],
    'Driver',
  ],
  [
    'a Bystander at Planned, consulted in the plans, security-sensitive',
    ['Marketing', 'Planned', 'Consulted', 'Consulted', 'None', 'No', 'Yes', 100],
    'Driver',
  ],
  [
    'a vendor-led Bystander at Idea with enterprise integration',
    ['Vendor', 'Idea', 'None', 'None', 'None', 'Yes', 'No', 100],
    'Driver',
  ],
  [
    'a Bystander at the pilot with 5,000 endpoints',
    ['Plant', 'Pilot', 'Consulted', 'None', 'None', 'No', 'No', 5000],
    'Implementer',
  ],
  [
    'a Bystander in implementation touching enterprise systems',
    ['Retail', 'Implementation', 'None', 'None', 'None', 'Yes', 'No', 100],
    'Operator',
  ],
  [
    'a Bystander in production, security-sensitive',
    ['Facilities', 'Production', 'None', 'None', 'None', 'No', 'Yes', 100],
    'Operator',
  ],
  [
    'an Operator at the pilot',
    ['Retail', 'Pilot', 'None', 'None', 'Responsible', 'Yes', 'No', 100],
    'Implementer',
  ],
  [
    'an Operator in production',
    ['Retail', 'Production', 'None', 'None', 'Responsible', 'No', 'No', 100],
    'Implementer',
  ],
  [
    'an Implementer at Planned',
    ['Marketing', 'Planned', 'None', 'Responsible', 'None', 'No', 'No', 100],
    'Driver',
  ],
  [
    'an Implementer at the pilot',
    ['Retail', 'Pilot', 'Consulted', 'Responsible', 'Responsible', 'Yes', 'No', 100],
    'Driver',
  ],
];

describe('advice → the planner takes it → refreshed again → no flag against it', () => {
  it.each(cases)('%s', (_name, start, next) => {
    const [lead, stage, pilot, impl, ops, integ, sec, devices] = start;
    const line: CellValue[] = [
      'IOT-1',
      'Walked initiative',
      lead,
      stage,
      pilot,
      impl,
      ops,
      integ,
      sec,
      devices,
      null,
      null,
    ];
    const before = refreshed(line);
    expect(before.issues).toEqual([]);
    expect(before.nextRole).toBe(next);

    const taken = TAKING.filter(([words]) => words.test(before.action));
    expect(taken).toHaveLength(1);
    const [, header, value] = taken[0]!;
    const edited = [...line];
    edited[col(header)] = value;

    const after = refreshed(edited);
    expect(after.role).toBe(next);
    expect(after.issues.filter((i) => i.code === 'conflict').map((i) => i.message)).toEqual([]);
    expect(after.action).not.toMatch(/^Resolve first/);
  });
});
