import fc from 'fast-check';
import type { Involvement, Role, Stage } from '../../src/core/domain';
import type { CellValue } from '../../src/core/input';
import type { Initiative } from '../../src/core/results';
import { applyRules, classify } from '../../src/core/classify';
import { detectHeaders } from '../../src/core/headers';
import {
  GROUPS,
  INVOLVEMENT_LEVELS,
  ROLES,
  ROLES_AND_UNCLASSIFIED,
  STAGES,
} from '../../src/core/domain';
import { makeRowReader, normaliseRow } from '../../src/core/normalise';
import { opportunity } from '../../src/core/opportunity';
import { evaluateRow } from '../../src/core/refresh';
import { initiative, inventory, unknownFacts } from './helpers';

describe("the article's four roles (Gartner, 4 New Roles That I&O Plays in IoT)", () => {
  it.each<[string, Partial<Initiative>, Role, string]>([
    [
      'Bystander: I&O is not involved at any stage; the LOB runs the pilot, the implementation and the operation',
      {
        ledBy: 'LOB',
        ledByText: 'Marketing',
        stage: 'Production',
        ioPilot: 'None',
        ioImplementation: 'None',
        ioOperations: 'None',
      },
      'Bystander',
      'Led by Marketing; I&O involvement: pilot none, implementation none, operations none → Bystander',
    ],
    [
      'Operator: I&O did not drive or implement it but is called in after the pilot to operate it',
      {
        ledBy: 'Operations',
        ledByText: 'Plant',
        stage: 'Production',
        ioPilot: 'None',
        ioImplementation: 'Supporting',
        ioOperations: 'Responsible',
      },
      'Operator',
      'Led by Plant; I&O supporting in implementation, responsible for operations → Operator',
    ],
    [
      'Implementer: the initiative comes from operations, but I&O is responsible for implementing it after the pilot',
      {
        ledBy: 'Operations',
        ledByText: 'Manufacturing',
        stage: 'Implementation',
        ioPilot: 'Consulted',
        ioImplementation: 'Responsible',
        ioOperations: 'Supporting',
      },
      'Implementer',
      'Led by Manufacturing; I&O responsible for implementation → Implementer',
    ],
    [
      'Implementer: I&O often operates it as well (an inherited role)',
      {
        ledBy: 'LOB',
        ledByText: 'Marketing',
        stage: 'Production',
        ioPilot: 'Informed',
        ioImplementation: 'Responsible',
        ioOperations: 'Responsible',
      },
      'Implementer',
      'Led by Marketing; I&O responsible for implementation and operations → Implementer (also operates)',
    ],
    [
      'Driver: I&O is the main initiator and leads the initiative, working with the business',
      { ledBy: 'I&O', ledByText: 'IT', stage: 'Pilot', ioPilot: 'Leading' },
      'Driver',
      'Led by IT (I&O); I&O leading the pilot → Driver',
    ],
  ])('%s', (_name, facts, role, rationale) => {
    const c = classify(initiative(facts));
    expect(c.role).toBe(role);
    expect(c.ruleRole).toBe(role);
    expect(c.rationale).toBe(rationale);
    expect(c.issues).toEqual([]);
  });
});

describe('rules, first match wins (SPEC §3)', () => {
  it.each<[string, Partial<Initiative>, string, string]>([
    ['rule 2: led by I&O', { ledBy: 'I&O', ledByText: 'I&O' }, 'Driver', 'Led by I&O → Driver'],
    [
      'rule 2: led by a synonym of I&O',
      { ledBy: 'I&O', ledByText: 'CIO Office' },
      'Driver',
      'Led by CIO Office (I&O) → Driver',
    ],
    [
      'rule 2: I&O leading the pilot, lead unknown',
      { ioPilot: 'Leading' },
      'Driver',
      'I&O leading the pilot → Driver',
    ],
    [
      'rule 2 beats rule 3: led by I&O and responsible for implementation',
      { ledBy: 'I&O', ledByText: 'IT Ops', ioImplementation: 'Responsible' },
      'Driver',
      'Led by IT Ops (I&O) → Driver',
    ],
    [
      'rule 2 beats rule 3: leading the pilot and implementation',
      { ledBy: 'Joint', ledByText: 'Joint', ioPilot: 'Leading', ioImplementation: 'Leading' },
      'Driver',
      'Led jointly; I&O leading the pilot → Driver',
    ],
    [
      'rule 3: responsible in implementation',
      { ioImplementation: 'Responsible' },
      'Implementer',
      'I&O responsible for implementation → Implementer',
    ],
    [
      'rule 3: leading implementation',
      { ledBy: 'External', ledByText: 'Vendor', ioImplementation: 'Leading' },
      'Implementer',
      'Led by a vendor; I&O leading implementation → Implementer',
    ],
    [
      'rule 3 beats rule 4: implementation and operations',
      { ioImplementation: 'Leading', ioOperations: 'Responsible' },
      'Implementer',
      'I&O leading implementation and responsible for operations → Implementer (also operates)',
    ],
    [
      'rule 4: responsible in operations, implementation blank',
      { ledBy: 'Operations', ledByText: 'Facilities', ioOperations: 'Responsible' },
      'Operator',
      'Led by Facilities; I&O responsible for operations (implementation blank) → Operator',
    ],
    [
      'rule 4: leading operations, not involved in implementation',
      { ioImplementation: 'None', ioOperations: 'Leading' },
      'Operator',
      'I&O not involved in implementation, leading operations → Operator',
    ],
    [
      'rule 4: consulted in implementation',
      { ioImplementation: 'Consulted', ioOperations: 'Responsible' },
      'Operator',
      'I&O consulted in implementation, responsible for operations → Operator',
    ],
    [
      'rule 4: informed in implementation',
      { ioImplementation: 'Informed', ioOperations: 'Responsible' },
      'Operator',
      'I&O informed in implementation, responsible for operations → Operator',
    ],
    [
      'rule 5: consulted everywhere',
      {
        ioPilot: 'Consulted',
        ioImplementation: 'Consulted',
        ioOperations: 'Consulted',
        stage: 'Production',
      },
      'Bystander',
      'I&O involvement: pilot consulted, implementation consulted, operations consulted → Bystander',
    ],
    [
      'rule 5: supporting is not responsible',
      {
        ioPilot: 'Supporting',
        ioImplementation: 'Supporting',
        ioOperations: 'Supporting',
        stage: 'Production',
      },
      'Bystander',
      'I&O involvement: pilot supporting, implementation supporting, operations supporting → Bystander',
    ],
    [
      'rule 4: responsible (not leading) in the pilot makes an implementer: I&O builds what another group initiated',
      { ledBy: 'LOB', ledByText: 'Retail', ioPilot: 'Responsible', stage: 'Pilot' },
      'Implementer',
      'Led by Retail; I&O responsible for the pilot (building early what Retail initiated) → Implementer',
    ],
    [
      'rule 4: responsible in the pilot and for operations → Implementer (also operates)',
      { ioPilot: 'Responsible', ioOperations: 'Responsible', stage: 'Production' },
      'Implementer',
      'I&O responsible for the pilot and responsible for operations (building early what another group initiated) → Implementer (also operates)',
    ],
    [
      'rule 6: nothing known',
      { ledBy: 'LOB', ledByText: 'Sales', stage: 'Idea' },
      'Unclassified',
      'Led by Sales; no I&O involvement recorded → Unclassified',
    ],
  ])('%s', (_name, facts, role, rationale) => {
    const c = classify(initiative(facts));
    expect(c.role).toBe(role);
    expect(c.rationale).toBe(rationale);
  });

  // Each phase at each level, others blank: only Responsible/Leading in a phase takes a role.
  const expectedByPhase: Record<
    'ioPilot' | 'ioImplementation' | 'ioOperations',
    Record<Involvement, string>
  > = {
    ioPilot: {
      None: 'Bystander',
      Informed: 'Bystander',
      Consulted: 'Bystander',
      Supporting: 'Bystander',
      Responsible: 'Implementer',
      Leading: 'Driver',
    },
    ioImplementation: {
      None: 'Bystander',
      Informed: 'Bystander',
      Consulted: 'Bystander',
      Supporting: 'Bystander',
      Responsible: 'Implementer',
      Leading: 'Implementer',
    },
    ioOperations: {
      None: 'Bystander',
      Informed: 'Bystander',
      Consulted: 'Bystander',
      Supporting: 'Bystander',
      Responsible: 'Operator',
      Leading: 'Operator',
    },
  };
  const phaseCases = (Object.keys(expectedByPhase) as (keyof typeof expectedByPhase)[]).flatMap(
    (phase) =>
      INVOLVEMENT_LEVELS.map((level): [string, Involvement, string] => [
        phase,
        level,
        expectedByPhase[phase][level],
      ]),
  );
  it.each(phaseCases)('%s = %s → %s', (phase, level, role) => {
    expect(classify(initiative({ [phase]: level })).role).toBe(role);
  });

  it.each(GROUPS.map((g) => [g, g === 'I&O' ? 'Driver' : 'Unclassified']))(
    'led by %s with nothing else known → %s',
    (group, role) => {
      expect(classify(initiative({ ledBy: group, ledByText: group })).role).toBe(role);
    },
  );
});

describe('blanks: later phases may be "not planned yet"', () => {
  it.each<[Stage | null, string]>([
    ['Idea', 'pilot consulted, implementation not planned yet, operations not planned yet'],
    ['Planned', 'pilot consulted, implementation not planned yet, operations not planned yet'],
    ['Pilot', 'pilot consulted, implementation not planned yet, operations not planned yet'],
    ['Implementation', 'pilot consulted, implementation blank, operations not planned yet'],
    ['Production', 'pilot consulted, implementation blank, operations blank'],
    ['Retired', 'pilot consulted, implementation blank, operations blank'],
    [null, 'pilot consulted, implementation blank, operations blank'],
  ])('stage %s', (stage, states) => {
    const c = classify(initiative({ stage, ioPilot: 'Consulted' }));
    expect(c.role).toBe('Bystander');
    expect(c.rationale).toBe(`I&O involvement: ${states} → Bystander`);
    // SPEC §3: the current phase left blank at Implementation or Production is a conflict.
    const current = { Implementation: 'implementation', Production: 'operations' } as const;
    const phase = stage === 'Implementation' || stage === 'Production' ? current[stage] : null;
    expect(c.issues.map((i) => i.message)).toEqual(
      phase === null
        ? []
        : [
            `Row 6 is at the ${stage} stage but "I&O ${phase === 'implementation' ? 'Implementation' : 'Operations'}" is blank; fill in I&O's part in ${phase}, as it may change the role (Bystander for now).`,
          ],
    );
  });

  it('a blank pilot before an idea is "not planned yet" too', () => {
    const c = classify(initiative({ stage: 'Idea', ioOperations: 'None' }));
    expect(c.rationale).toContain('pilot not planned yet');
  });
});

describe('Unclassified rows say which fields to fill', () => {
  it('without a sheet: names the usual headers', () => {
    const c = classify(initiative({ row: 9 }));
    expect(c.role).toBe('Unclassified');
    expect(c.issues).toHaveLength(1);
    expect(c.issues[0]).toMatchObject({ code: 'no-involvement', row: 9 });
    expect(c.issues[0]!.message).toBe(
      'Row 10 says nothing about I&O\'s involvement; fill a column "I&O Pilot", "I&O Implementation" or "I&O Operations" so it can be classified.',
    );
  });
  it('on a sheet: names the columns and cells', () => {
    const sheet = inventory([['X-1', 'Smart meters', 'Marketing', 'Pilot']]);
    const detection = detectHeaders(sheet)!;
    const reader = makeRowReader(sheet, detection);
    const r = evaluateRow(normaliseRow(reader, sheet.values[1]!, 1)!, reader);
    expect(r.role).toBe('Unclassified');
    expect(r.issues.map((i) => i.message)).toEqual([
      'Row 2 says nothing about I&O\'s involvement; fill "I&O Pilot" (E2), "I&O Implementation" (F2) or "I&O Operations" (G2) so it can be classified.',
    ]);
    expect(r.issues[0]).toMatchObject({ address: 'E2', col: 4, field: 'ioPilot' });
  });
});

describe('override (rule 1)', () => {
  it('sets the role and says what the rules would have said', () => {
    const c = classify(
      initiative({
        ledBy: 'LOB',
        ledByText: 'Marketing',
        ioImplementation: 'Responsible',
        override: 'Driver',
      }),
    );
    expect(c.role).toBe('Driver');
    expect(c.ruleRole).toBe('Implementer');
    expect(c.rationale).toBe(
      'Set by hand to Driver; the rules would say Implementer (Led by Marketing; I&O responsible for implementation)',
    );
  });
  it('agreeing with the rules says so', () => {
    const c = classify(initiative({ ioOperations: 'Responsible', override: 'Operator' }));
    expect(c.role).toBe('Operator');
    expect(c.rationale).toBe(
      'Set by hand to Operator, as the rules would say (I&O responsible for operations (implementation blank))',
    );
  });
  it.each(ROLES.map((r) => [r]))('override %s wins over an unclassified row', (role) => {
    const c = classify(initiative({ override: role }));
    expect(c.role).toBe(role);
    expect(c.ruleRole).toBe('Unclassified');
  });
});

describe('conflicts are classified by the rules and reported', () => {
  it.each<[string, Partial<Initiative>, string, string | null]>([
    [
      'led by Marketing but I&O leads the pilot',
      { ledBy: 'LOB', ledByText: 'Marketing', ioPilot: 'Leading' },
      'Driver',
      'Row 6 is led by Marketing but I&O is leading the pilot; it is classified as Driver: if I&O now leads it, put I&O in the "Led By" column, else correct the "I&O Pilot" column.',
    ],
    [
      'led by a vendor but I&O leads the pilot',
      {
        ledBy: 'External',
        ledByText: 'Vendor',
        ioPilot: 'Leading',
        ioImplementation: 'Responsible',
      },
      'Driver',
      'Row 6 is led by Vendor but I&O is leading the pilot; it is classified as Driver: if I&O now leads it, put I&O in the "Led By" column, else correct the "I&O Pilot" column.',
    ],
    [
      'led by I&O but not involved in any phase',
      {
        ledBy: 'I&O',
        ledByText: 'IT',
        ioPilot: 'None',
        ioImplementation: 'None',
        ioOperations: 'None',
      },
      'Driver',
      'Row 6 is led by IT but I&O is not involved in any recorded phase; it is classified as Driver, so check whether I&O really leads it or the involvement columns are incomplete.',
    ],
    [
      'jointly led with I&O leading the pilot is no conflict',
      { ledBy: 'Joint', ledByText: 'Co-led', ioPilot: 'Leading' },
      'Driver',
      null,
    ],
    [
      'led by I&O with one phase unknown and others None is still a conflict',
      { ledBy: 'I&O', ledByText: 'IT', ioPilot: 'None' },
      'Driver',
      'Row 6 is led by IT but I&O is not involved in any recorded phase; it is classified as Driver, so check whether I&O really leads it or the involvement columns are incomplete.',
    ],
    [
      'led by I&O with phases blank is no conflict',
      { ledBy: 'I&O', ledByText: 'IT' },
      'Driver',
      null,
    ],
  ])('%s', (_name, facts, role, message) => {
    const c = classify(initiative(facts));
    expect(c.role).toBe(role);
    expect(c.issues.map((i) => i.message)).toEqual(message === null ? [] : [message]);
    if (message !== null) expect(c.issues[0]!.code).toBe('conflict');
  });
});

/** Every fact of an initiative held unknown (fields the tests below do not vary). */
function unknownArbitraries() {
  return Object.fromEntries(
    Object.keys(unknownFacts()).map((k) => [k, fc.constant(null)]),
  ) as Record<keyof ReturnType<typeof unknownFacts>, fc.Arbitrary<null>>;
}

describe('classification is total (property-based)', () => {
  const level = fc.constantFrom<Involvement | null>(null, ...INVOLVEMENT_LEVELS);
  const arbInitiative: fc.Arbitrary<Initiative> = fc.record({
    ...unknownArbitraries(),
    row: fc.nat(1_000_000),
    id: fc.option(fc.string()),
    name: fc.option(fc.string()),
    ledBy: fc.constantFrom(null, ...GROUPS),
    ledByText: fc.option(fc.string({ minLength: 1 })),
    businessUnit: fc.option(fc.string()),
    stage: fc.constantFrom<Stage | null>(null, ...STAGES),
    ioPilot: level,
    ioImplementation: level,
    ioOperations: level,
    integration: fc.option(fc.boolean()),
    security: fc.option(fc.boolean()),
    endpoints: fc.option(fc.double({ min: 0, max: 1e7, noNaN: true })),
    budget: fc.option(fc.double({ min: 0, max: 1e9, noNaN: true })),
    override: fc.constantFrom<Role | null>(null, ...ROLES),
  });

  it('random initiatives always get one of the five outcomes and one sentence', () => {
    fc.assert(
      fc.property(arbInitiative, (init) => {
        const c = classify(init);
        expect(ROLES_AND_UNCLASSIFIED).toContain(c.role);
        expect(c.rationale).not.toMatch(/\n/);
        expect(c.rationale.length).toBeGreaterThan(0);
        if (init.override === null) expect(c.role).toBe(c.ruleRole);
        else expect(c.role).toBe(init.override);
      }),
      { numRuns: 2000 },
    );
  });

  const cell: fc.Arbitrary<CellValue> = fc.oneof(
    fc.constant(null),
    fc.string(),
    fc.constantFrom(
      'IT',
      'Marketing',
      'R',
      'Leading',
      'None',
      '5k',
      '$1.2M',
      'Pilot',
      'Driver',
      '=1+1',
      '✓',
    ),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constantFrom<CellValue>({ kind: 'error', code: '#N/A' }, { kind: 'error', code: '#REF!' }),
  );

  it('random raw rows never throw and always get a role or are skipped when blank', () => {
    const sheet = inventory([]);
    const detection = detectHeaders(sheet)!;
    const reader = makeRowReader(sheet, detection);
    fc.assert(
      fc.property(fc.array(cell, { minLength: 12, maxLength: 12 }), (row) => {
        const norm = normaliseRow(reader, row, 3);
        if (norm === null) {
          expect(row.every((v) => v === null || (typeof v === 'string' && v.trim() === ''))).toBe(
            true,
          );
          return;
        }
        const r = evaluateRow(norm, reader);
        expect(ROLES_AND_UNCLASSIFIED).toContain(r.role);
        for (const issue of r.issues) expect(issue.message).toMatch(/[.)]$/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('shared sentences never leak between rows with different facts', () => {
  const level = fc.constantFrom<Involvement | null>(null, ...INVOLVEMENT_LEVELS);
  const arb: fc.Arbitrary<Initiative> = fc.record({
    ...unknownArbitraries(),
    row: fc.nat(1000),
    id: fc.constant(null),
    name: fc.constant('n'),
    ledBy: fc.constantFrom(null, ...GROUPS),
    ledByText: fc.constantFrom(null, 'IT', 'Marketing', 'Plant', 'Vendor', 'Co-led'),
    businessUnit: fc.constant(null),
    stage: fc.constantFrom<Stage | null>(null, ...STAGES),
    ioPilot: level,
    ioImplementation: level,
    ioOperations: level,
    integration: fc.option(fc.boolean()),
    security: fc.option(fc.boolean()),
    endpoints: fc.option(fc.integer({ min: 0, max: 50_000 })),
    budget: fc.constant(null),
    override: fc.constantFrom<Role | null>(null, ...ROLES),
  });

  it('results do not depend on the order rows are seen in', () => {
    fc.assert(
      fc.property(fc.array(arb, { minLength: 2, maxLength: 40 }), (inits) => {
        const run = (xs: Initiative[]) =>
          xs.map((x) => {
            const c = classify(x);
            return [c.role, c.rationale, opportunity(x, c.role)];
          });
        const forward = run(inits);
        const backward = run([...inits].reverse()).reverse();
        expect(backward).toEqual(forward);
      }),
      { numRuns: 300 },
    );
  });

  it('each rationale is built from its own row facts', () => {
    fc.assert(
      fc.property(arb, (init) => {
        const { facts } = applyRules(init);
        const c = classify(init);
        if (init.override === null) expect(c.rationale.startsWith(`${facts} → `)).toBe(true);
        else expect(c.rationale).toContain(`(${facts})`);
      }),
      { numRuns: 1000 },
    );
  });

  it('a bystander action names its own endpoint count', () => {
    const a = opportunity(initiative({ stage: 'Production', endpoints: 1500 }), 'Bystander');
    const b = opportunity(initiative({ stage: 'Production', endpoints: 2500 }), 'Bystander');
    expect(a.action).toContain('1,500 endpoints');
    expect(b.action).toContain('2,500 endpoints');
  });
});
