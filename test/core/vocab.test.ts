import fc from 'fast-check';
import type { Field } from '../../src/core/fields';
import { GROUPS, INVOLVEMENT_LEVELS, STAGES } from '../../src/core/domain';
import { FIELDS } from '../../src/core/fields';
import { OUTPUT_HEADERS } from '../../src/core/output';
import {
  GROUP_SYNONYMS,
  GROUP_VOCAB,
  HEADER_SYNONYMS,
  INVOLVEMENT_SYNONYMS,
  INVOLVEMENT_VOCAB,
  ROLE_VOCAB,
  STAGE_SYNONYMS,
  STAGE_VOCAB,
  VOCABULARY_LISTS,
  Vocabulary,
  YES_NO_SYNONYMS,
  YES_NO_VOCAB,
  buildHeaderIndex,
  matchHeader,
  normaliseHeader,
  parseAmount,
  parseCount,
} from '../../src/core/vocab';

/** Every (synonym, canonical) pair of a table, for generated cases. */
function pairs<T extends string>(table: Record<T, readonly string[]>): [string, T][] {
  return (Object.entries(table) as [T, readonly string[]][]).flatMap(([value, synonyms]) =>
    synonyms.map((s): [string, T] => [s, value]),
  );
}

describe('value vocabularies (generated from the tables)', () => {
  it.each(pairs(GROUP_SYNONYMS))('group %p → %s', (text, group) => {
    expect(GROUP_VOCAB.lookup(text)).toBe(group);
    expect(GROUP_VOCAB.lookup(`  ${text.toUpperCase()} `)).toBe(group);
  });
  it.each(pairs(STAGE_SYNONYMS))('stage %p → %s', (text, stage) => {
    expect(STAGE_VOCAB.lookup(text)).toBe(stage);
    expect(STAGE_VOCAB.lookup(text.toLowerCase())).toBe(stage);
  });
  it.each(pairs(INVOLVEMENT_SYNONYMS))('involvement %p → %s', (text, level) => {
    expect(INVOLVEMENT_VOCAB.lookup(text)).toBe(level);
  });
  it.each(pairs(YES_NO_SYNONYMS))('yes/no %p → %s', (text, answer) => {
    expect(YES_NO_VOCAB.lookup(text)).toBe(answer);
  });
});

// Written by hand from SPEC §2, so a wrong table entry is caught, not copied.
describe('value vocabularies (SPEC §2, by hand)', () => {
  it.each([
    ['I&O', 'I&O'],
    ['I and O', 'I&O'],
    ['i & o', 'I&O'],
    ['IT', 'I&O'],
    ['IT/I&O', 'I&O'],
    ['Infrastructure', 'I&O'],
    ['Infrastructure & Operations', 'I&O'],
    ['Infrastructure and Operations', 'I&O'],
    ['IT Ops', 'I&O'],
    ['IT Operations', 'I&O'],
    ['CIO', 'I&O'],
    ['CIO Office', 'I&O'],
    ['LOB', 'LOB'],
    ['Line of Business', 'LOB'],
    ['Business', 'LOB'],
    ['Marketing', 'LOB'],
    ['Sales', 'LOB'],
    ['Finance', 'LOB'],
    ['HR', 'LOB'],
    ['Customer Service', 'LOB'],
    ['Retail', 'LOB'],
    ['Operations', 'Operations'],
    ['Ops', 'Operations'],
    ['Operations Team', 'Operations'],
    ['OT', 'Operations'],
    ['Plant', 'Operations'],
    ['Manufacturing', 'Operations'],
    ['Facilities', 'Operations'],
    ['Engineering', 'Operations'],
    ['Product', 'Operations'],
    ['Supply Chain', 'Operations'],
    ['Logistics', 'Operations'],
    ['Field Service', 'Operations'],
    ['Vendor', 'External'],
    ['Partner', 'External'],
    ['Third Party', 'External'],
    ['Third-party', 'External'],
    ['Supplier', 'External'],
    ['Contractor', 'External'],
    ['External', 'External'],
    ['Joint', 'Joint'],
    ['Shared', 'Joint'],
    ['Co-led', 'Joint'],
    ['co led', 'Joint'],
  ])('group %p → %s', (text, group) => {
    expect(GROUP_VOCAB.lookup(text)).toBe(group);
  });

  it.each([
    ['Idea', 'Idea'],
    ['Proposed', 'Idea'],
    ['Concept', 'Idea'],
    ['Backlog', 'Idea'],
    ['Planned', 'Planned'],
    ['Planning', 'Planned'],
    ['Approved', 'Planned'],
    ['Design', 'Planned'],
    ['Pilot', 'Pilot'],
    ['PoC', 'Pilot'],
    ['POC', 'Pilot'],
    ['Proof of Concept', 'Pilot'],
    ['Trial', 'Pilot'],
    ['Prototype', 'Pilot'],
    ['MVP', 'Pilot'],
    ['Implementation', 'Implementation'],
    ['Rollout', 'Implementation'],
    ['Roll-out', 'Implementation'],
    ['Deployment', 'Implementation'],
    ['Build', 'Implementation'],
    ['Scaling', 'Implementation'],
    ['Production', 'Production'],
    ['Live', 'Production'],
    ['In Production', 'Production'],
    ['Operational', 'Production'],
    ['Run', 'Production'],
    ['BAU', 'Production'],
    ['In Service', 'Production'],
    ['Retired', 'Retired'],
    ['Decommissioned', 'Retired'],
    ['Cancelled', 'Retired'],
    ['Canceled', 'Retired'],
    ['Closed', 'Retired'],
    ['Sunset', 'Retired'],
  ])('stage %p → %s', (text, stage) => {
    expect(STAGE_VOCAB.lookup(text)).toBe(stage);
  });

  it.each([
    ['None', 'None'],
    ['No', 'None'],
    ['N', 'None'],
    ['-', 'None'],
    ['N/A', 'None'],
    ['0', 'None'],
    ['FALSE', 'None'],
    ['Not Involved', 'None'],
    ['Informed', 'Informed'],
    ['I', 'Informed'],
    ['Consulted', 'Consulted'],
    ['C', 'Consulted'],
    ['Advisory', 'Consulted'],
    ['Supporting', 'Supporting'],
    ['Support', 'Supporting'],
    ['S', 'Supporting'],
    ['Assists', 'Supporting'],
    ['Responsible', 'Responsible'],
    ['R', 'Responsible'],
    ['Yes', 'Responsible'],
    ['Y', 'Responsible'],
    ['x', 'Responsible'],
    ['X', 'Responsible'],
    ['✓', 'Responsible'],
    ['TRUE', 'Responsible'],
    ['1', 'Responsible'],
    ['Owns', 'Responsible'],
    ['Runs', 'Responsible'],
    ['Operates', 'Responsible'],
    ['Implements', 'Responsible'],
    ['Leading', 'Leading'],
    ['Leads', 'Leading'],
    ['Lead', 'Leading'],
    ['A', 'Leading'],
    ['Accountable', 'Leading'],
    ['Drives', 'Leading'],
    // RACI's combined forms are accountable (SPEC §3).
    ['R/A', 'Leading'],
    ['A/R', 'Leading'],
    ['r / a', 'Leading'],
    ['✔', 'Responsible'],
    ['✗', 'None'],
  ])('involvement %p → %s', (text, level) => {
    expect(INVOLVEMENT_VOCAB.lookup(text)).toBe(level);
  });

  it.each([['Ja'], ['Oui'], ['maybe'], ['TBD']])(
    'yes/no %p is not guessed (the cell becomes a data issue)',
    (text) => {
      expect(YES_NO_VOCAB.lookup(text)).toBeNull();
    },
  );

  it.each([
    ['Yes', 'yes'],
    ['Y', 'yes'],
    ['x', 'yes'],
    ['✓', 'yes'],
    ['TRUE', 'yes'],
    ['1', 'yes'],
    ['High', 'yes'],
    ['Medium', 'yes'],
    ['No', 'no'],
    ['N', 'no'],
    ['-', 'no'],
    ['FALSE', 'no'],
    ['0', 'no'],
    ['Low', 'no'],
    ['None', 'no'],
    ['Required', 'yes'],
    ['✔', 'yes'],
    ['Not required', 'no'],
    ['N/A', 'no'],
  ])('yes/no %p → %s', (text, answer) => {
    expect(YES_NO_VOCAB.lookup(text)).toBe(answer);
  });

  it.each([
    ['Driver', 'Driver'],
    ['implementer', 'Implementer'],
    [' OPERATOR ', 'Operator'],
    ['Bystander', 'Bystander'],
  ])('override role %p → %s', (text, role) => {
    expect(ROLE_VOCAB.lookup(text)).toBe(role);
  });

  it.each([
    [GROUP_VOCAB, 'Acme Corp'],
    [GROUP_VOCAB, 'I'],
    [STAGE_VOCAB, 'Q3'],
    [INVOLVEMENT_VOCAB, 'maybe'],
    [INVOLVEMENT_VOCAB, '2'],
    [YES_NO_VOCAB, 'perhaps'],
    [ROLE_VOCAB, 'Boss'],
  ] as [Vocabulary<string>, string][])(
    '%# %p has no value for %p (never guessed)',
    (vocab, text) => {
      expect(vocab.lookup(text)).toBeNull();
    },
  );

  it('keeps the involvement levels in order of ownership', () => {
    expect(INVOLVEMENT_LEVELS).toEqual([
      'None',
      'Informed',
      'Consulted',
      'Supporting',
      'Responsible',
      'Leading',
    ]);
  });
});

describe('tables are checked when loaded', () => {
  it('rejects a synonym that maps to two values, naming it', () => {
    expect(
      () => new Vocabulary<'a' | 'b'>('demo', { a: ['Ops', 'One'], b: ['ops'] }, ['a', 'b']),
    ).toThrow('Vocabulary "demo": synonym "ops" maps to both "a" and "b"; remove one of them.');
  });
  it('rejects synonyms that only differ in punctuation across values', () => {
    expect(
      () => new Vocabulary<'a' | 'b'>('demo', { a: ['Co-led'], b: ['coled'] }, ['a', 'b']),
    ).toThrow(/synonym "coled" maps to both/);
  });
  it('rejects a header synonym claimed by two fields', () => {
    const table = { ...HEADER_SYNONYMS, id: [...HEADER_SYNONYMS.id, 'Lead Group'] };
    expect(() => buildHeaderIndex(table)).toThrow(/"Lead Group" maps to both "id" and "ledBy"/);
  });
  it('rejects a header synonym that is one of our output headers', () => {
    const table = { ...HEADER_SYNONYMS, override: ['I&O Role'] };
    expect(() => buildHeaderIndex(table)).toThrow(/collides with an output header/);
  });
});

describe('header matching', () => {
  const cases: [string, Field][] = (Object.entries(HEADER_SYNONYMS) as [Field, string[]][]).flatMap(
    ([field, synonyms]) => synonyms.map((s): [string, Field] => [s, field]),
  );
  it.each(cases)('synonym %p → %s', (text, field) => {
    expect(matchHeader(text)).toBe(field);
  });

  it.each([
    ['Initiative', 'name'],
    ['Initiative Name', 'name'],
    ['Project', 'name'],
    ['Project Name', 'name'],
    ['Use Case', 'name'],
    ['Name', 'name'],
    ['Title', 'name'],
    ['ID', 'id'],
    ['Initiative ID', 'id'],
    ['Ref', 'id'],
    ['Reference', 'id'],
    ['Key', 'id'],
    ['Led By', 'ledBy'],
    ['LED BY', 'ledBy'],
    ['Led-by', 'ledBy'],
    ['Lead', 'ledBy'],
    ['Lead Group', 'ledBy'],
    ['Leading Group', 'ledBy'],
    ['Owner Group', 'ledBy'],
    ['Owning Group', 'ledBy'],
    ['Driven By', 'ledBy'],
    ['Initiated By', 'ledBy'],
    ['Sponsor Group', 'ledBy'],
    ['Business Unit', 'businessUnit'],
    ['BU', 'businessUnit'],
    ['Department', 'businessUnit'],
    ['Division', 'businessUnit'],
    ['Stage', 'stage'],
    ['Phase', 'stage'],
    ['Status', 'stage'],
    ['Lifecycle Stage', 'stage'],
    ['I&O Pilot', 'ioPilot'],
    ['I & O Pilot', 'ioPilot'],
    ['I and O pilot', 'ioPilot'],
    ['I&O in Pilot', 'ioPilot'],
    ['I&O Pilot Role', 'ioPilot'],
    ['IT Pilot', 'ioPilot'],
    ['I&O Implementation', 'ioImplementation'],
    ['I&O in Implementation', 'ioImplementation'],
    ['I&O Implementation Role', 'ioImplementation'],
    ['I&O Rollout', 'ioImplementation'],
    ['IT Implementation', 'ioImplementation'],
    ['I&O Operations', 'ioOperations'],
    ['I&O in Operations', 'ioOperations'],
    ['I&O Operations Role', 'ioOperations'],
    ['I&O Run', 'ioOperations'],
    ['IT Operations Role', 'ioOperations'],
    ['I&O Involvement', 'ioInvolvement'],
    ['IT Involvement', 'ioInvolvement'],
    ['Enterprise Integration', 'integration'],
    ['Integrates With Enterprise Systems', 'integration'],
    ['ERP Integration', 'integration'],
    ['Integration', 'integration'],
    ['Security Sensitive', 'security'],
    ['Security Review', 'security'],
    ['Sensitive Data', 'security'],
    ['Security', 'security'],
    ['Security (H/M/L)', 'security'],
    ['Endpoints', 'endpoints'],
    ['Devices', 'endpoints'],
    ['Device Count', 'endpoints'],
    ['Number of Devices', 'endpoints'],
    ['# Devices', 'endpoints'],
    ['#Devices', 'endpoints'],
    ['Budget', 'budget'],
    ['Budget ($)', 'budget'],
    ['Budget (EUR k)', 'budget'],
    ['Cost', 'budget'],
    ['Investment', 'budget'],
    ['Role Override', 'override'],
    ['Manual Role', 'override'],
    ['  initiative  ', 'name'],
    ['Initiative:', 'name'],
  ])('header %p → %s', (text, field) => {
    expect(matchHeader(text)).toBe(field);
  });

  it.each(OUTPUT_HEADERS.map((h) => [h]))(
    'our own output header %p is never an input field',
    (h) => {
      expect(matchHeader(h)).toBeNull();
    },
  );

  it.each([['Notes'], [''], ['Column1'], ['Owner'], ['I&O']])('%p is not recognised', (text) => {
    expect(matchHeader(text)).toBeNull();
  });

  it('normalises case, spaces, punctuation, "&"/"and" and a trailing unit', () => {
    expect(normaliseHeader('I & O Pilot (role)')).toBe('iopilot');
    expect(normaliseHeader('I and O Pilot')).toBe('iopilot');
    expect(normaliseHeader('Budget ($)')).toBe('budget');
    expect(normaliseHeader('# Devices')).toBe('devices');
  });

  it('covers every field', () => {
    for (const f of FIELDS) expect(HEADER_SYNONYMS[f].length).toBeGreaterThan(0);
  });
});

describe('VOCABULARY_LISTS (template drop-downs)', () => {
  it('lists the canonical values in order', () => {
    expect(VOCABULARY_LISTS).toEqual({
      ledBy: [...GROUPS],
      stage: [...STAGES],
      involvement: ['None', 'Informed', 'Consulted', 'Supporting', 'Responsible', 'Leading'],
      yesNo: ['Yes', 'No'],
      role: ['Bystander', 'Operator', 'Implementer', 'Driver'],
    });
  });
  it('every listed value is understood by its own vocabulary', () => {
    for (const v of VOCABULARY_LISTS.ledBy) expect(GROUP_VOCAB.lookup(v)).toBe(v);
    for (const v of VOCABULARY_LISTS.stage) expect(STAGE_VOCAB.lookup(v)).toBe(v);
    for (const v of VOCABULARY_LISTS.involvement) expect(INVOLVEMENT_VOCAB.lookup(v)).toBe(v);
    for (const v of VOCABULARY_LISTS.role) expect(ROLE_VOCAB.lookup(v)).toBe(v);
    expect(VOCABULARY_LISTS.yesNo.map((v) => YES_NO_VOCAB.lookup(v))).toEqual(['yes', 'no']);
  });
});

describe('counts and amounts written as text', () => {
  it.each([
    [1200, 1200],
    ['1200', 1200],
    ['1,200', 1200],
    ['~500', 500],
    ['5k', 5000],
    ['5K', 5000],
    ['1.5k', 1500],
    ['500+', 500],
    ['>1000', 1000],
    ['1 200', 1200],
    ['approx 300', 300],
    ['12,345,678', 12345678],
    // SPEC §3: a thousands separator is read as one, never as a decimal point ("12.000" ≠ 12).
    ['12.000', 12000],
    ['1.200', 1200],
    ['1.200.000', 1_200_000],
    ['~12.000', 12000],
    ['12 000', 12000],
    ["12'000", 12000],
    ['12\u00a0000', 12000],
    ['1,5k', 1500],
    ['1.250M', 1_250_000],
  ])('count %p → %p', (text, n) => {
    expect(parseCount(text)).toBe(n);
  });
  it.each([
    ['lots'],
    ['$500'],
    ['-5'],
    ['5 devices'],
    [''],
    [true],
    ['12,00'],
    ['1,5'],
    ['1,2345'],
  ])('count %p is not a count', (text) => {
    expect(parseCount(text)).toBeNull();
  });

  it.each([
    ['$1.2M', 1_200_000],
    ['250,000', 250_000],
    ['€40k', 40_000],
    [90000, 90_000],
    ['£3.5 million', 3_500_000],
    ['USD 2bn', 2_000_000_000],
    ['40 EUR', 40],
    ['1,5M', 1_500_000],
    ['$75k', 75_000],
    ['~ $10k', 10_000],
    ['0', 0],
    ['250.000', 250_000],
    ['€1.200.000', 1_200_000],
    ["CHF 40'000", 40_000],
  ])('amount %p → %p', (text, n) => {
    expect(parseAmount(text)).toBe(n);
  });
  it.each([['a lot'], ['$'], ['12 apples'], ['XYZ 40'], [-5], [false]])(
    'amount %p is not an amount',
    (text) => {
      expect(parseAmount(text)).toBeNull();
    },
  );
});

describe('number parsing agrees across spellings (property-based)', () => {
  it('counts written with thousands separators, "~" or as plain digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (n) => {
        expect(parseCount(n.toLocaleString('en-US'))).toBe(n);
        expect(parseCount(`~${n}`)).toBe(n);
        expect(parseCount(String(n))).toBe(n);
        expect(parseCount(` ${n} `)).toBe(n);
      }),
    );
  });

  it('amounts with a currency and a k or M suffix', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999 }),
        fc.constantFrom('$', '€', '£', ''),
        (tenths, cur) => {
          const text = (tenths / 10).toFixed(1);
          expect(parseAmount(`${cur}${text}k`)).toBeCloseTo(tenths * 100, 6);
          expect(parseAmount(`${cur}${text}M`)).toBeCloseTo(tenths * 100_000, 6);
          expect(parseAmount(`${cur}${tenths.toLocaleString('en-US')}`)).toBe(tenths);
        },
      ),
    );
  });

  it.each([['1,23'], ['1,2345'], ['12,34,567'], ['1.'], ['.'], ['5kk'], ['5 k devices']])(
    'malformed %p is not silently read as a count',
    (text) => {
      const n = parseCount(text);
      // "1,23" may only be read as the decimal 1.23 rounded, never as 123.
      if (n !== null) expect(n).toBeLessThan(10);
    },
  );
});
