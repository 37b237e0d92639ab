/** The report module's words (SPEC §4): the brief, the projection's own explanation, changes. */

import type { Priority, Role, RoleOrUnclassified } from '../../src/core/domain';
import type {
  Initiative,
  RoleChange,
  RowResult,
  ShareTrend,
  Summary,
} from '../../src/core/results';
import {
  REPORT_LIMITS,
  briefSentences,
  changesReport,
  definitions,
  opportunities,
  ownerOf,
  projectionLines,
  shortAction,
} from '../../src/core/report';
import { summarise } from '../../src/core/summary';
import { initiative } from './helpers';

interface Spec {
  role: RoleOrUnclassified;
  next?: Role | '';
  priority?: Priority | '';
  facts?: Partial<Initiative>;
  action?: string;
}

let nextRow = 1;
function row({ role, next = '', priority = '', facts = {}, action = '' }: Spec): RowResult {
  const r = nextRow++;
  return {
    row: r,
    initiative: initiative({ row: r, name: `Initiative ${r}`, ...facts }),
    role,
    ruleRole: role,
    rationale: '',
    nextRole: next,
    priority,
    action,
    issues: [],
  };
}

function summaryOf(rows: RowResult[], trend: ShareTrend | null = null): Summary {
  const s = summarise(['Inventory'], rows, (f) => f === 'budget');
  s.trend = trend;
  return s;
}

const MAR = new Date(Date.UTC(2026, 2, 2));
const JUN = new Date(Date.UTC(2026, 5, 1));
const at = (date: Date, activeShare: number) => ({ at: date, activeShare });

/** A portfolio of two actives and two bystanders, one of them at Idea with a High opportunity. */
function mixed(): RowResult[] {
  return [
    row({ role: 'Driver', facts: { name: 'Edge platform', ledByText: 'IT' } }),
    row({
      role: 'Operator',
      next: 'Implementer',
      priority: 'Medium',
      facts: { name: 'Fleet', ledByText: 'Logistics', stage: 'Production' },
    }),
    row({
      role: 'Bystander',
      next: 'Driver',
      priority: 'High',
      facts: { name: 'Smart meters', ledByText: 'Retail', stage: 'Idea' },
    }),
    row({
      role: 'Bystander',
      next: 'Operator',
      priority: 'Low',
      facts: { name: 'Signage', ledByText: 'Sales', stage: 'Production' },
    }),
  ];
}

describe('the brief', () => {
  it.each<[string, () => RowResult[], ShareTrend | null, string[]]>([
    [
      'first refresh',
      mixed,
      null,
      [
        'I&O plays an active role in 2 of 4 classified initiatives (50.0%); this is the first refresh, so the next one shows the trend.',
        'The biggest gap: 1 initiative at Idea or Planned stage runs without I&O, before crucial decisions are made.',
        'The three asks: lead Smart meters (Retail), implement Fleet (Logistics) and operate Signage (Sales).',
      ],
    ],
    [
      'improvement since the previous and the first refresh',
      mixed,
      { previous: at(JUN, 0.4), first: at(MAR, 0.25) },
      [
        'I&O plays an active role in 2 of 4 classified initiatives (50.0%), up from 40.0% at the last refresh, and 25.0% at the first refresh (2 Mar 2026).',
      ],
    ],
    [
      'decline since the one refresh before',
      mixed,
      { previous: at(JUN, 0.6), first: at(JUN, 0.6) },
      [
        'I&O plays an active role in 2 of 4 classified initiatives (50.0%), down from 60.0% at the last refresh.',
      ],
    ],
    [
      'unchanged since the first refresh',
      mixed,
      { previous: at(JUN, 0.5), first: at(MAR, 0.5) },
      [
        'I&O plays an active role in 2 of 4 classified initiatives (50.0%), unchanged since the last refresh and since the first refresh (2 Mar 2026).',
      ],
    ],
    [
      'all Driver',
      () => [row({ role: 'Driver', next: 'Driver', priority: 'Low' }), row({ role: 'Driver' })],
      null,
      [
        'I&O plays an active role in 2 of 2 classified initiatives (100.0%); this is the first refresh, so the next one shows the trend.',
        'I&O drives all 2 classified initiatives: there is no gap to close.',
        'No opportunity is open: every initiative is retired, unclassified or already led by I&O.',
      ],
    ],
    [
      'no opportunities, Operators only',
      () => [row({ role: 'Operator' }), row({ role: 'Implementer' })],
      null,
      [
        'I&O plays an active role in 2 of 2 classified initiatives (100.0%); this is the first refresh, so the next one shows the trend.',
        'Every classified initiative has I&O in an active role; the gap is ownership: 1 has I&O as Operator only.',
        'No opportunity is open: every initiative is retired, unclassified or already led by I&O.',
      ],
    ],
    [
      'nothing classified',
      () => [row({ role: 'Unclassified' })],
      null,
      [
        'No initiative could be classified yet, so there is no active share; map the columns that say how I&O is involved, then refresh.',
      ],
    ],
  ])('%s', (_case, rows, trend, expected) => {
    const r = rows();
    const brief = briefSentences(summaryOf(r, trend), r);
    expect(brief.slice(0, expected.length)).toEqual(expected);
    expect(brief.length).toBeGreaterThanOrEqual(1);
    expect(brief.length).toBeLessThanOrEqual(4);
  });
});

describe('where ownership is heading, explained', () => {
  it('says when the Medium opportunities keep the share (moves between active roles)', () => {
    const rows = mixed();
    expect(projectionLines(summaryOf(rows))).toEqual([
      'If I&O takes the 1 High-priority opportunity, the active share goes from 50.0% to 75.0% (each initiative counted at its Next Role).',
      'The 1 Medium one keeps it at 75.0%: they move I&O between active roles (for example Operator to Implementer), deeper ownership that the share does not count.',
    ]);
  });

  it('gives the Medium figure when it differs', () => {
    const rows = [
      row({ role: 'Bystander', next: 'Operator', priority: 'Medium' }),
      row({ role: 'Driver' }),
    ];
    expect(projectionLines(summaryOf(rows))).toEqual([
      'No High-priority opportunity is open, so the active share stays at 50.0% until the Medium ones are taken.',
      'With the 1 Medium one too: 100.0%.',
    ]);
  });
});

describe('definitions and opportunities', () => {
  it('one line per role and the active share with Implementer + Driver beside it', () => {
    const lines = definitions(summaryOf(mixed()));
    expect(lines.map((l) => l.split(':')[0])).toEqual([
      'Driver',
      'Implementer',
      'Operator',
      'Bystander',
      'Active share',
    ]);
    expect(lines[4]).toContain('(50.0%); Implementer or Driver alone: 25.0%.');
  });

  it('top 10 of N, each with ID, owner, budget and endpoints, actions within 20 words', () => {
    const rows = Array.from({ length: 12 }, (_, i) =>
      row({
        role: 'Bystander',
        next: 'Implementer',
        priority: 'High',
        facts: {
          id: `P-${String(i).padStart(2, '0')}`,
          ledByText: 'Plant',
          budget: 250_000,
          budgetCurrency: 'EUR',
          endpoints: 1200,
        },
        action:
          'Offer Plant that I&O implement it after the pilot: edge, platform and integration into the enterprise architecture, with the operations handover planned from the start of the pilot.',
      }),
    );
    const { heading, items } = opportunities(summaryOf(rows));
    expect(heading).toBe('Top 10 of 12 opportunities, by impact');
    expect(items).toHaveLength(REPORT_LIMITS.opportunities);
    expect(items[0]!.label).toBe(`P-00 ${rows[0]!.initiative.name!}`);
    expect(items[0]!.facts).toBe('Plant; budget €250K; 1,200 endpoints');
    for (const i of items) {
      expect(i.action.split(/\s+/).length).toBeLessThanOrEqual(REPORT_LIMITS.actionWords);
    }
  });

  it.each<[string, string]>([
    ['Offer to implement it. Then more words.', 'Offer to implement it.'],
    [
      'A very long first sentence that goes on and on about everything I&O might do here, well past the twenty words a brief allows.',
      'Offer I&O to implement it: edge, platform, enterprise integration.',
    ],
    [
      'Propose to Plant that I&O implements it after the pilot, given its security sensitivity and 1,200 endpoints.',
      'Propose to Plant that I&O implements it after the pilot.',
    ],
  ])('short action of %j', (action, expected) => {
    expect(shortAction(row({ role: 'Bystander', next: 'Implementer', action }))).toBe(expected);
  });
});

describe('changes a quarter can read', () => {
  const change = (c: Partial<RoleChange> & Pick<RoleChange, 'kind'>): RoleChange => ({
    row: 4,
    sheet: 'Inventory',
    id: 'IOT-1',
    name: 'Fleet',
    from: '',
    to: '',
    ...c,
  });

  it('counts each kind and words each change', () => {
    const report = changesReport(
      [
        change({ kind: 'role', from: 'Operator', to: 'Implementer' }),
        change({ kind: 'stage', from: 'Pilot', to: 'Production' }),
        change({ kind: 'added', to: 'Bystander', id: 'IOT-9', name: 'Signage' }),
        change({ kind: 'removed', from: 'Operator', id: null, name: 'Old kiosk' }),
      ],
      'Inventory',
    );
    expect(report.headline).toBe(
      'Since the last refresh: 1 role change, 1 stage move, 1 added, 1 removed.',
    );
    expect(report.items.map((i) => i.text)).toEqual([
      'IOT-1 Fleet: Operator → Implementer',
      'IOT-1 Fleet: stage Pilot → Production',
      'IOT-9 Signage: added as Bystander',
      'Old kiosk: removed (was Operator)',
    ]);
    expect(report.more).toBeNull();
  });

  it('first refresh, nothing changed, and more than the limit', () => {
    expect(changesReport(null, 'Inventory').headline).toContain('First refresh of "Inventory"');
    expect(changesReport([], 'Inventory').headline).toContain('No changes since the last refresh');
    const many = Array.from({ length: 13 }, () =>
      change({ kind: 'role', from: 'Bystander', to: 'Operator' }),
    );
    const report = changesReport(many, 'Inventory');
    expect(report.items).toHaveLength(REPORT_LIMITS.changes);
    expect(report.more).toBe('…and 3 more on the "IoT Role Changes" sheet.');
  });
});

describe('the owner an ask names is the business owner (SPEC §3), as the actions address it', () => {
  it.each([
    [
      'a line of business leads: the lead as written',
      { ledBy: 'LOB', ledByText: 'Retail', businessUnit: 'Stores' },
      'Retail',
    ],
    [
      'an operations team leads: the lead as written',
      { ledBy: 'Operations', ledByText: 'Plant', businessUnit: 'Manufacturing' },
      'Plant',
    ],
    [
      'a vendor leads: the business unit, never the vendor',
      { ledBy: 'External', ledByText: 'Vendor', businessUnit: 'Facilities' },
      'Facilities',
    ],
    [
      'a joint lead: the business unit',
      { ledBy: 'Joint', ledByText: 'Shared', businessUnit: 'Logistics' },
      'Logistics',
    ],
    [
      'a vendor leads and no business unit: the lead as written',
      { ledBy: 'External', ledByText: 'Third Party', businessUnit: null },
      'Third Party',
    ],
    [
      'nothing recorded: said so',
      { ledBy: null, ledByText: null, businessUnit: null },
      'owner not recorded',
    ],
  ] as const)('%s', (_name, facts, owner) => {
    expect(ownerOf(row({ role: 'Bystander', facts }))).toBe(owner);
  });
});
