import type { Priority, Role, RoleOrUnclassified, Stage } from '../../src/core/domain';
import type { Field } from '../../src/core/fields';
import type { DataIssue, Initiative, IssueCode } from '../../src/core/results';
import { classify } from '../../src/core/classify';
import { ROLES, STAGES } from '../../src/core/domain';
import { BRIEF_TEXT } from '../../src/core/messages';
import { opportunity, shortAction, supportNeed } from '../../src/core/opportunity';
import { initiative } from './helpers';

const lead = { ledBy: 'LOB', ledByText: 'Marketing' } as const;

describe('support need', () => {
  it.each<[Partial<Initiative>, boolean | null]>([
    [{ integration: true }, true],
    [{ security: true }, true],
    [{ endpoints: 1000 }, true],
    [{ endpoints: 999 }, false],
    [{ integration: false }, false],
    [{ integration: false, security: false, endpoints: 10 }, false],
    [{ integration: false, security: true }, true],
    [{}, null],
  ])('%p → %p', (facts, need) => {
    expect(supportNeed(initiative(facts))).toBe(need);
  });
});

describe('opportunity rules (SPEC §3), one case per branch', () => {
  it.each<[string, RoleOrUnclassified, Partial<Initiative>, Role | '', Priority | '', string]>([
    [
      'Bystander at Idea with enterprise integration → Driver, High',
      'Bystander',
      { ...lead, stage: 'Idea', integration: true },
      'Driver',
      'High',
      'Propose to Marketing that I&O leads it before crucial decisions are made, given its enterprise integration.',
    ],
    [
      'Bystander at Planned, security-sensitive → Driver, High',
      'Bystander',
      { ...lead, stage: 'Planned', security: true },
      'Driver',
      'High',
      'Propose to Marketing that I&O leads it before crucial decisions are made, given its security sensitivity.',
    ],
    [
      'Bystander in a pilot with 1,000 endpoints → Implementer, High',
      'Bystander',
      { ...lead, stage: 'Pilot', endpoints: 1000 },
      'Implementer',
      'High',
      'Propose to Marketing that I&O implements it after the pilot, given its 1,000 endpoints.',
    ],
    [
      'Bystander in implementation touching enterprise systems → Operator, High',
      'Bystander',
      { ...lead, stage: 'Implementation', integration: true, endpoints: 25000 },
      'Operator',
      'High',
      'Unmanaged IoT touching enterprise systems: propose to Marketing that I&O operates it, given its 25,000 endpoints.',
    ],
    [
      'Bystander in production, security-sensitive → Operator, High',
      'Bystander',
      { ...lead, stage: 'Production', security: true },
      'Operator',
      'High',
      'Propose to Marketing that I&O operates it, given its security sensitivity.',
    ],
    [
      'Bystander with support need unknown → Operator, Medium',
      'Bystander',
      { ...lead, stage: 'Pilot' },
      'Operator',
      'Medium',
      'Assess the support need with Marketing: record its enterprise integration, security sensitivity and endpoint count.',
    ],
    [
      'Bystander with no support need → no next role, Low',
      'Bystander',
      { ...lead, stage: 'Idea', integration: false, endpoints: 40 },
      '',
      'Low',
      'Keep it catalogued: no enterprise integration and fewer than 1,000 endpoints; revisit if that changes.',
    ],
    [
      'Bystander with a support need but no stage → Operator, High',
      'Bystander',
      { ...lead, integration: true },
      'Operator',
      'High',
      'Confirm the stage with Marketing, then propose that I&O operates it, given its enterprise integration.',
    ],
    [
      'Operator while still in a pilot → Implementer, High',
      'Operator',
      { ...lead, stage: 'Pilot' },
      'Implementer',
      'High',
      'Propose to Marketing that I&O implements it now, at the Pilot stage, rather than operating what others design.',
    ],
    [
      'Operator in production → Implementer, Medium',
      'Operator',
      { ...lead, stage: 'Production' },
      'Implementer',
      'Medium',
      'Propose to Marketing that I&O implements the next release or expansion, building on operating it.',
    ],
    [
      'Implementer at Planned → Driver, Medium',
      'Implementer',
      { ...lead, stage: 'Planned' },
      'Driver',
      'Medium',
      'Propose to Marketing that I&O leads it from the Planned stage on and shapes the platform for reuse.',
    ],
    [
      'Implementer in production → Driver, Low',
      'Implementer',
      { ...lead, stage: 'Production' },
      'Driver',
      'Low',
      'Make this a reusable platform, and propose to Marketing that I&O leads the next similar initiative.',
    ],
    [
      'Driver → Driver, Low (sustain)',
      'Driver',
      { ledBy: 'I&O', ledByText: 'IT', stage: 'Production' },
      'Driver',
      'Low',
      'Sustain: reuse the platform and playbook from this initiative for the next ones.',
    ],
    [
      'Unclassified → nothing, the action names the fields to fill',
      'Unclassified',
      { ...lead, stage: 'Pilot' },
      '',
      '',
      'Fill in a column "I&O Pilot", "I&O Implementation" or "I&O Operations" to classify it, then refresh.',
    ],
  ])('%s', (_name, role, facts, nextRole, priority, action) => {
    expect(opportunity(initiative(facts), role)).toEqual({ nextRole, priority, action });
  });

  // Priorities per stage, written out from SPEC §3.
  it.each<[Stage | null, Priority, Priority]>([
    ['Idea', 'High', 'Medium'],
    ['Planned', 'High', 'Medium'],
    ['Pilot', 'High', 'Medium'],
    ['Implementation', 'Medium', 'Low'],
    ['Production', 'Medium', 'Low'],
    [null, 'Medium', 'Low'],
  ])('stage %s: Operator → %s, Implementer → %s', (stage, operator, implementer) => {
    expect(opportunity(initiative({ stage }), 'Operator')).toMatchObject({
      nextRole: 'Implementer',
      priority: operator,
    });
    expect(opportunity(initiative({ stage }), 'Implementer')).toMatchObject({
      nextRole: 'Driver',
      priority: implementer,
    });
  });

  it.each(ROLES.map((r) => [r]))('Retired %s: role kept, no next role, no priority', (role) => {
    expect(opportunity(initiative({ stage: 'Retired', integration: true }), role)).toEqual({
      nextRole: '',
      priority: '',
      action: 'Retired: no action needed; keep it for the record.',
    });
  });

  it('a retired row still gets its role from the rules', () => {
    expect(classify(initiative({ stage: 'Retired', ioOperations: 'Responsible' })).role).toBe(
      'Operator',
    );
  });

  it('without a lead group nobody is named: no placeholder such as "the lead group"', () => {
    expect(opportunity(initiative({ stage: 'Pilot' }), 'Operator').action).toBe(
      'Propose that I&O implements it now, at the Pilot stage, rather than operating what others design.',
    );
  });

  it.each<[string, Partial<Initiative>, string]>([
    [
      'a vendor-led row is addressed to its business unit, not the vendor',
      {
        ledBy: 'External',
        ledByText: 'Vendor',
        businessUnit: 'Facilities',
        stage: 'Production',
        security: true,
      },
      'Propose to Facilities that I&O operates it, given its security sensitivity.',
    ],
    [
      'a jointly led row without a business unit names nobody (no group code)',
      { ledBy: 'Joint', ledByText: 'Joint', stage: 'Production', integration: true },
      'Unmanaged IoT touching enterprise systems: propose that I&O operates it.',
    ],
    [
      'a generic group name reads with "the"',
      { ledBy: 'LOB', ledByText: 'Business', stage: 'Pilot', endpoints: 5000 },
      'Propose to the business that I&O implements it after the pilot, given its 5,000 endpoints.',
    ],
  ])('actions address the business owner: %s', (_name, facts, action) => {
    expect(opportunity(initiative(facts), 'Bystander').action).toBe(action);
  });

  it('Drivers still at Idea design the platform for reuse; they have none to reuse yet', () => {
    expect(opportunity(initiative({ stage: 'Idea' }), 'Driver').action).toBe(
      'Lead it with the business before crucial decisions are made, and design the platform for reuse.',
    );
  });

  const issueOn = (field: Field, code: IssueCode, extra: Partial<DataIssue> = {}): DataIssue => ({
    code,
    row: 5,
    col: 7,
    address: 'H6',
    field,
    value: 'Ja',
    message: 'An issue.',
    ...extra,
  });

  it.each<[Field, IssueCode]>([
    ['integration', 'unknown-value'],
    ['security', 'cell-error'],
    ['endpoints', 'unknown-value'],
  ])('an unreadable %s (%s) makes the support need unknown, not "no need"', (field, code) => {
    const init = initiative({
      ...lead,
      stage: 'Production',
      integration: false,
      security: false,
      endpoints: 10,
      [field]: null,
    });
    expect(opportunity(init, 'Bystander', undefined, [issueOn(field, code)])).toMatchObject({
      nextRole: 'Operator',
      priority: 'Medium',
    });
    expect(opportunity(init, 'Bystander').priority).toBe('Low');
  });

  it('a row with a conflict is told to resolve it first, naming the cells, never to sustain', () => {
    const conflict = issueOn('ledBy', 'conflict', { address: 'C6', cells: ['C6', 'E6'] });
    expect(
      opportunity(
        initiative({ ledBy: 'I&O', ledByText: 'IT', stage: 'Production' }),
        'Driver',
        undefined,
        [conflict],
      ),
    ).toEqual({
      nextRole: 'Driver',
      priority: 'Low',
      action: 'Resolve first: reconcile C6 and E6, then refresh.',
    });
  });

  it('a blank current phase is to be filled first', () => {
    const blank = issueOn('ioOperations', 'conflict', { address: 'G6', value: null });
    expect(
      opportunity(
        initiative({ ...lead, stage: 'Production', ioPilot: 'None' }),
        'Bystander',
        undefined,
        [blank],
      ).action,
    ).toBe('Resolve first: fill G6, then refresh.');
  });

  it('every non-retired classified row gets a next role and a priority', () => {
    for (const role of ROLES) {
      for (const stage of [null, ...STAGES.filter((s) => s !== 'Retired')]) {
        const o = opportunity(initiative({ stage }), role);
        // (A Bystander with no support need is the one row left without one: see above.)
        expect(o.nextRole).not.toBe('');
        expect(o.priority).not.toBe('');
        expect(o.action).toMatch(/\.$/);
      }
    }
  });
});

describe('an action shortened to a limit (the brief), in one place', () => {
  const action =
    'Propose to Plant that I&O implements it after the pilot, given its security sensitivity and 1,200 endpoints.';
  it.each<[string, { words: number; chars: number }, string]>([
    ['fits whole', { words: 20, chars: 200 }, action],
    [
      'its main clause',
      { words: 20, chars: 78 },
      'Propose to Plant that I&O implements it after the pilot.',
    ],
    [
      'the plain sentence for the next role',
      { words: 5, chars: 78 },
      BRIEF_TEXT.shortAction.Implementer(),
    ],
  ])('%s', (_, limit, expected) => {
    expect(shortAction(action, 'Implementer', 'Plant', limit)).toBe(expected);
  });

  it('names no owner it does not have, and a row with no next role keeps it in view', () => {
    expect(shortAction('x'.repeat(100), '', null, { words: 20, chars: 78 })).toBe(
      BRIEF_TEXT.shortAction.Bystander(),
    );
  });
});
