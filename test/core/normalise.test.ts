import type { Involvement } from '../../src/core/domain';
import type { CellValue } from '../../src/core/input';
import type { Initiative } from '../../src/core/results';
import { detectHeaders } from '../../src/core/headers';
import {
  makeRowReader,
  normaliseRow,
  parseInvolvementText,
  readFreeText,
} from '../../src/core/normalise';
import { STANDARD_HEADER, sheetOf, unknownFacts } from './helpers';

// Columns of STANDARD_HEADER: A ID, B Initiative, C Led By, D Stage, E I&O Pilot,
// F I&O Implementation, G I&O Operations, H Integration, I Security, J # Devices, K Budget,
// L Role Override.
const reader = (() => {
  const sheet = sheetOf('Inv', [STANDARD_HEADER]);
  return makeRowReader(sheet, detectHeaders(sheet)!);
})();

function rowOf(cells: Partial<Record<string, CellValue>>): CellValue[] {
  return STANDARD_HEADER.map((h) => cells[h as string] ?? null);
}

function norm(cells: Partial<Record<string, CellValue>>, row = 6) {
  return normaliseRow(reader, rowOf(cells), row);
}

describe('values, including numbers and booleans', () => {
  it.each<[CellValue, Involvement | null]>([
    [1, 'Responsible'],
    [0, 'None'],
    [true, 'Responsible'],
    [false, 'None'],
    ['R', 'Responsible'],
    ['  consulted ', 'Consulted'],
    ['✓', 'Responsible'],
  ])('involvement cell %p → %p', (value, level) => {
    const n = norm({ Initiative: 'A', 'I&O Implementation': value })!;
    expect(n.initiative.ioImplementation).toBe(level);
    expect(n.issues).toEqual([]);
  });

  it.each<[CellValue, boolean]>([
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    ['High', true],
    ['Low', false],
  ])('yes/no cell %p → %p', (value, answer) => {
    expect(norm({ Initiative: 'A', 'Security Sensitive': value })!.initiative.security).toBe(
      answer,
    );
  });

  it('reads a full row', () => {
    const n = norm({
      ID: 17,
      Initiative: '  Smart meters ',
      'Led By': 'IT Ops',
      Stage: 'PoC',
      'I&O Pilot': 'A',
      'I&O Implementation': 'R',
      'I&O Operations': '-',
      'Enterprise Integration': 'Y',
      'Security Sensitive': 'Medium',
      '# Devices': '~5k',
      'Budget ($)': '$1.2M',
      'Role Override': 'operator',
    })!;
    expect(n.issues).toEqual([]);
    // Every field of the field table is unknown unless the row says otherwise.
    expect(n.initiative).toEqual<Initiative>({
      ...unknownFacts(),
      row: 6,
      id: '17',
      name: 'Smart meters',
      ledBy: 'I&O',
      ledByText: 'IT Ops',
      businessUnit: null,
      stage: 'Pilot',
      ioPilot: 'Leading',
      ioImplementation: 'Responsible',
      ioOperations: 'None',
      integration: true,
      security: true,
      endpoints: 5000,
      budget: 1_200_000,
      budgetCurrency: 'USD',
      override: 'Operator',
      fromText: null,
    });
  });

  it('placeholders in number columns are blanks, not errors', () => {
    const n = norm({ Initiative: 'A', '# Devices': 'TBD', 'Budget ($)': 'n/a' })!;
    expect(n.initiative.endpoints).toBeNull();
    expect(n.initiative.budget).toBeNull();
    expect(n.issues).toEqual([]);
  });
});

describe('data issues, never guesses', () => {
  it.each([
    ['Led By', 'Acme', 'C7', 'ledBy', 'a known lead group'],
    ['Stage', 'Q3', 'D7', 'stage', 'a known stage'],
    ['I&O Pilot', 'maybe', 'E7', 'ioPilot', 'an involvement level'],
    ['I&O Operations', 7, 'G7', 'ioOperations', 'an involvement level'],
    ['Enterprise Integration', 'sometimes', 'H7', 'integration', 'yes or no'],
    ['# Devices', 'lots', 'J7', 'endpoints', 'a number of endpoints'],
    ['Budget ($)', 'big', 'K7', 'budget', 'an amount'],
  ])('%s = %p → unknown-value at %s', (header, value, address, field, expected) => {
    const n = norm({ Initiative: 'A', [header]: value })!;
    expect(n.issues).toHaveLength(1);
    const issue = n.issues[0]!;
    expect(issue).toMatchObject({
      code: 'unknown-value',
      address,
      field,
      value: String(value),
      row: 6,
    });
    expect(issue.message).toMatch(
      new RegExp(
        `^Cell ${address} \\("${header.replace(/[()$#&]/g, '\\$&')}"\\) holds "${value}", which is not ${expected}`,
      ),
    );
    expect(issue.message).toMatch(/it was treated as blank\.$/);
    expect(n.initiative[field as keyof Initiative]).toBeNull();
  });

  it('an error cell is a cell-error issue and a blank value', () => {
    const n = norm({ Initiative: 'A', Stage: { kind: 'error', code: '#N/A' } })!;
    expect(n.initiative.stage).toBeNull();
    expect(n.issues).toEqual([
      {
        code: 'cell-error',
        row: 6,
        col: 3,
        address: 'D7',
        field: 'stage',
        value: '#N/A',
        message:
          'Cell D7 ("Stage") holds the error #N/A; fix the formula or clear the cell (it was treated as blank).',
      },
    ]);
  });

  it('a row with data but no name gets missing-name', () => {
    const n = norm({ 'Led By': 'IT' })!;
    expect(n.initiative.name).toBeNull();
    expect(n.issues.map((i) => [i.code, i.address, i.message])).toEqual([
      [
        'missing-name',
        'B7',
        'Row 7 has data but no initiative name in cell B7 (column B, "Initiative"); add a name so the row can be found.',
      ],
    ]);
  });

  it('an invalid override is reported and ignored', () => {
    const n = norm({ Initiative: 'A', 'Role Override': 'Boss' })!;
    expect(n.initiative.override).toBeNull();
    expect(n.issues[0]).toMatchObject({ code: 'invalid-override', address: 'L7', value: 'Boss' });
    expect(n.issues[0]!.message).toBe(
      'Cell L7 ("Role Override") holds "Boss", which is not a role; use Driver, Implementer, Operator or Bystander, or clear it (the override was ignored).',
    );
  });

  it('text that looks like a formula stays text', () => {
    const n = norm({ Initiative: '=HYPERLINK("x")', ID: '+1-555' })!;
    expect(n.initiative.name).toBe('=HYPERLINK("x")');
    expect(n.initiative.id).toBe('+1-555');
  });
});

describe('blank rows', () => {
  it.each<[string, CellValue[]]>([
    ['all null', rowOf({})],
    ['whitespace only', rowOf({ Initiative: '   ', Stage: '' })],
  ])('%s → skipped', (_name, row) => {
    expect(normaliseRow(reader, row, 4)).toBeNull();
  });

  it('a row holding only our earlier output counts as blank', () => {
    const header = [...STANDARD_HEADER, 'I&O Role', 'Role Rationale'];
    const sheet = sheetOf('Inv', [header]);
    const r = makeRowReader(sheet, detectHeaders(sheet)!);
    const row: CellValue[] = [...rowOf({}), 'Driver', 'old rationale'];
    expect(normaliseRow(r, row, 4)).toBeNull();
  });
});

describe('free-text I&O involvement', () => {
  it.each<[string, Involvement | null, Involvement | null, Involvement | null]>([
    ['Not involved', 'None', 'None', 'None'],
    ['none', 'None', 'None', 'None'],
    ['Consulted', 'Consulted', 'Consulted', 'Consulted'],
    ['advisory only', 'Consulted', 'Consulted', 'Consulted'],
    ['Informed', 'Informed', 'Informed', 'Informed'],
    ['aware of it', 'Informed', 'Informed', 'Informed'],
    ['Operates it', null, null, 'Responsible'],
    ['operator', null, null, 'Responsible'],
    ['run', null, null, 'Responsible'],
    ['support after go-live', null, null, 'Responsible'],
    ['Implements', null, 'Responsible', null],
    ['implementer', null, 'Responsible', null],
    ['deploys the gateways', null, 'Responsible', null],
    ['builds', null, 'Responsible', null],
    ['implements and operates', null, 'Responsible', 'Responsible'],
    ['Build and run', null, 'Responsible', 'Responsible'],
    ['I&O leads', 'Leading', null, null],
    ['drives', 'Leading', null, null],
    ['Driver', 'Leading', null, null],
    ['supporting', 'Supporting', 'Supporting', 'Supporting'],
  ])(
    '%p → pilot %p, implementation %p, operations %p',
    (text, pilot, implementation, operations) => {
      expect(parseInvolvementText(text)).toEqual({ pilot, implementation, operations });
    },
  );

  // SPEC §3: free text is read, never guessed — clause by clause, only I&O's own plain clauses.
  it.each<[string, Involvement | null, Involvement | null, Involvement | null, boolean]>([
    ['Operates it, but never implemented it', null, 'None', 'Responsible', false],
    ['Does not operate it', null, null, 'None', false],
    ["doesn't run it", null, null, 'None', false],
    ['Informed only; Retail leads and runs it', 'Informed', 'Informed', 'Informed', false],
    ['Operations team leads; I&O consulted', 'Consulted', 'Consulted', 'Consulted', false],
    ['Not involved; vendor runs it end to end', 'None', 'None', 'None', false],
    [
      'Advisory only; the plant implements and runs it',
      'Consulted',
      'Consulted',
      'Consulted',
      false,
    ],
    ['The vendor implements and I&O operates', null, null, 'Responsible', false],
    ['Implemented by the vendor, operated by IT', null, null, 'Responsible', false],
    ['Consulted on implementation', null, 'Consulted', null, false],
    ['Responsible for implementation and operations', null, 'Responsible', 'Responsible', false],
    ['Leads the rollout', null, 'Leading', null, false],
    ['Infrastructure and Operations runs it', null, null, 'Responsible', false],
    ['IT Ops rolls out the gateways', null, 'Responsible', null, false],
    ['Implements it; maybe also runs it', null, 'Responsible', null, true],
    ['Operates it; does not operate it', null, null, null, true],
    ['IT or Retail will run it', null, null, null, true],
    ['I&O and Retail run it', null, null, null, true],
    ['Retail runs it', null, null, null, true],
    ['Involved', null, null, null, true],
    ['TBD', null, null, null, true],
    ['Runs it?', null, null, null, true],
  ])(
    '%p → pilot %p, implementation %p, operations %p, unclear %p',
    (text, pilot, implementation, operations, unclear) => {
      const reading = readFreeText(text);
      const none = pilot === null && implementation === null && operations === null;
      expect(reading).toEqual({
        levels: none ? null : { pilot, implementation, operations },
        unclear,
      });
    },
  );

  it('unrecognised text is null (becomes a data issue)', () => {
    expect(parseInvolvementText('see Jane')).toBeNull();
  });

  const freeSheet = sheetOf('Inv', [['Initiative', 'I&O Involvement', 'I&O Operations']]);
  const freeReader = makeRowReader(freeSheet, detectHeaders(freeSheet)!);

  it('phase columns, where filled, win over the free text', () => {
    const n = normaliseRow(freeReader, ['A', 'implements and operates', 'Consulted'], 2)!;
    expect(n.initiative.ioImplementation).toBe('Responsible');
    expect(n.initiative.ioOperations).toBe('Consulted');
  });

  it('unclear free text is an issue on its cell, and only its plain part counts', () => {
    const n = normaliseRow(freeReader, ['A', 'Implements it; maybe also runs it', null], 2)!;
    expect(n.initiative.ioImplementation).toBe('Responsible');
    expect(n.initiative.ioOperations).toBeNull();
    expect(n.initiative.fromText).toEqual(['ioImplementation']);
    expect(n.issues.map((i) => [i.code, i.address])).toEqual([['unknown-value', 'B3']]);
    expect(n.issues[0]!.message).toBe(
      'Cell B3 ("I&O Involvement") holds "Implements it; maybe also runs it", which does not say plainly what I&O does (it hedges, names I&O and another group together, or contradicts itself); only its plain part was counted, so say what I&O does, e.g. "implements it", "consulted" or "not involved".',
    );
  });

  it('unrecognised free text is an unknown-value issue', () => {
    const n = normaliseRow(freeReader, ['A', 'see Jane', null], 2)!;
    expect(n.issues[0]).toMatchObject({
      code: 'unknown-value',
      field: 'ioInvolvement',
      address: 'B3',
    });
  });
});

describe('free text and phase columns that disagree', () => {
  const sheet = sheetOf('Inv', [['Initiative', 'I&O Operations', 'I&O Involvement', 'I&O Pilot']]);
  const r = makeRowReader(sheet, detectHeaders(sheet)!);

  it('reports a disagreement that changes the role, and uses the phase column', () => {
    const n = normaliseRow(r, ['A', 'None', 'implements and operates', null], 4)!;
    expect(n.initiative.ioOperations).toBe('None');
    expect(n.initiative.ioImplementation).toBe('Responsible');
    expect(n.issues).toEqual([
      {
        code: 'conflict',
        row: 4,
        col: 1,
        address: 'B5',
        field: 'ioOperations',
        value: 'None',
        message:
          'Cell B5 ("I&O Operations") says None but cell C5 ("I&O Involvement") says "implements and operates"; the I&O Operations column was used, so check which is right.',
        cells: ['B5', 'C5'],
      },
    ]);
  });

  it.each<[CellValue, string, CellValue]>([
    ['Leading', 'implements and operates', null],
    ['R', 'operates', null],
    ['Consulted', 'advisory', 'Informed'],
    [null, 'leads', 'Accountable'],
  ])('no report when they agree on what decides the role (%p / %p / %p)', (ops, text, pilot) => {
    expect(normaliseRow(r, ['A', ops, text, pilot], 4)!.issues).toEqual([]);
  });

  it('a pilot column that is not Leading against free text that leads is reported', () => {
    const n = normaliseRow(r, ['A', null, 'drives it', 'Consulted'], 4)!;
    expect(n.issues.map((i) => [i.code, i.address])).toEqual([['conflict', 'D5']]);
    expect(n.initiative.ioPilot).toBe('Consulted');
  });
});
