import type { Initiative, Priority, Role, RoleOrUnclassified, Stage } from '../../src/core/model';
import { classify } from '../../src/core/classify';
import { ROLES, STAGES } from '../../src/core/model';
import { opportunity, supportNeed } from '../../src/core/opportunity';
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
      'Engage Marketing now, at the Idea stage, before crucial decisions are made: it integrates with enterprise systems, so offer to lead the platform, integration and security design.',
    ],
    [
      'Bystander at Planned, security-sensitive → Driver, High',
      'Bystander',
      { ...lead, stage: 'Planned', security: true },
      'Driver',
      'High',
      'Engage Marketing now, at the Planned stage, before crucial decisions are made: it is security-sensitive, so offer to lead the platform, integration and security design.',
    ],
    [
      'Bystander in a pilot with 1,000 endpoints → Implementer, High',
      'Bystander',
      { ...lead, stage: 'Pilot', endpoints: 1000 },
      'Implementer',
      'High',
      'Engage Marketing during the pilot, before crucial decisions are made: it has 1,000 endpoints, so offer to implement it after the pilot (edge, platform, enterprise integration).',
    ],
    [
      'Bystander in implementation touching enterprise systems → Operator, High',
      'Bystander',
      { ...lead, stage: 'Implementation', integration: true, endpoints: 25000 },
      'Operator',
      'High',
      'Unmanaged IoT touching enterprise systems (Implementation): it integrates with enterprise systems and has 25,000 endpoints, so offer Marketing to operate it (endpoints, edge, network and platform connection).',
    ],
    [
      'Bystander in production, security-sensitive → Operator, High',
      'Bystander',
      { ...lead, stage: 'Production', security: true },
      'Operator',
      'High',
      'Unmanaged IoT touching enterprise systems (Production): it is security-sensitive, so offer Marketing to operate it (endpoints, edge, network and platform connection).',
    ],
    [
      'Bystander with support need unknown → Operator, Medium',
      'Bystander',
      { ...lead, stage: 'Pilot' },
      'Operator',
      'Medium',
      'Assess the support need with Marketing: record whether it integrates with enterprise systems, whether it is security-sensitive and how many endpoints it has.',
    ],
    [
      'Bystander with no support need → Operator, Low',
      'Bystander',
      { ...lead, stage: 'Idea', integration: false, endpoints: 40 },
      'Operator',
      'Low',
      'Keep it catalogued: no enterprise integration, security need or large device fleet is recorded; revisit if that changes.',
    ],
    [
      'Bystander with a support need but no stage → Operator, High',
      'Bystander',
      { ...lead, integration: true },
      'Operator',
      'High',
      'Confirm the stage with Marketing: it integrates with enterprise systems, so offer to operate it (endpoints, edge, network and platform connection) before it runs unmanaged.',
    ],
    [
      'Operator while still in a pilot → Implementer, High',
      'Operator',
      { ...lead, stage: 'Pilot' },
      'Implementer',
      'High',
      'I&O will operate what others design: ask Marketing to let I&O implement it (edge, platform, enterprise integration) while it is still at the Pilot stage.',
    ],
    [
      'Operator in production → Implementer, Medium',
      'Operator',
      { ...lead, stage: 'Production' },
      'Implementer',
      'Medium',
      'Build on operating it: offer Marketing to implement the next release or expansion (edge, platform, enterprise integration).',
    ],
    [
      'Implementer at Planned → Driver, Medium',
      'Implementer',
      { ...lead, stage: 'Planned' },
      'Driver',
      'Medium',
      'Propose that I&O co-lead it with Marketing while it is at the Planned stage, and shape the platform for reuse.',
    ],
    [
      'Implementer in production → Driver, Low',
      'Implementer',
      { ...lead, stage: 'Production' },
      'Driver',
      'Low',
      'Turn what I&O implemented here into a reusable platform, and propose leading the next similar initiative with Marketing.',
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
      'Fill in a column "I&O Pilot", "I&O Implementation" or "I&O Operations" to classify this initiative, then refresh.',
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

  it('without a lead group the action says "the lead group"', () => {
    expect(opportunity(initiative({ stage: 'Pilot' }), 'Operator').action).toContain(
      'ask the lead group',
    );
  });

  it('every non-retired classified row gets a next role and a priority', () => {
    for (const role of ROLES) {
      for (const stage of [null, ...STAGES.filter((s) => s !== 'Retired')]) {
        const o = opportunity(initiative({ stage }), role);
        expect(o.nextRole).not.toBe('');
        expect(o.priority).not.toBe('');
        expect(o.action).toMatch(/\.$/);
      }
    }
  });
});
