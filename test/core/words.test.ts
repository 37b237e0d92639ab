import type { CellValue } from '../../src/core/input';
import type { WordEntry } from '../../src/core/words';
import { detectHeaders } from '../../src/core/headers';
import { RoleMapError } from '../../src/core/messages';
import { makeRowReader, normaliseRow } from '../../src/core/normalise';
import { planRefresh } from '../../src/core/refresh';
import { compileWords, mergeWords, removeWord } from '../../src/core/words';
import { STANDARD_HEADER, input, inventory, sheetOf } from './helpers';

// Columns of STANDARD_HEADER: A ID, B Initiative, C Led By, D Stage, E I&O Pilot,
// F I&O Implementation, G I&O Operations, H Integration, I Security, J # Devices, K Budget,
// L Role Override.
function row(cells: Partial<Record<string, CellValue>>): CellValue[] {
  return STANDARD_HEADER.map((h) => cells[h as string] ?? null);
}

function normWith(words: WordEntry[], cells: Partial<Record<string, CellValue>>) {
  const sheet = sheetOf('Inv', [STANDARD_HEADER]);
  const reader = makeRowReader(sheet, detectHeaders(sheet)!, compileWords(words));
  return normaliseRow(reader, row({ Initiative: 'A', ...cells }), 4)!;
}

const w = (field: string, value: string, meaning: string): WordEntry => ({
  field,
  value,
  meaning,
});

describe('a word is read like a built-in value', () => {
  it.each<[string, WordEntry, string, CellValue, unknown]>([
    [
      'lead group',
      w('ledBy', 'Digital Factory', 'Operations'),
      'Led By',
      'Digital Factory',
      'Operations',
    ],
    [
      'case and spaces',
      w('ledBy', 'Digital Factory', 'Operations'),
      'Led By',
      '  digital   FACTORY ',
      'Operations',
    ],
    [
      'punctuation as for synonyms',
      w('ledBy', 'Plant Ops', 'Operations'),
      'Led By',
      'plant-ops',
      'Operations',
    ],
    [
      'meaning given by a synonym',
      w('ledBy', 'Smart Spaces team', 'IT'),
      'Led By',
      'Smart Spaces team',
      'I&O',
    ],
    ['stage', w('stage', 'In flight', 'Implementation'), 'Stage', 'In Flight', 'Implementation'],
    ['involvement', w('ioPilot', 'maybe', 'Consulted'), 'I&O Pilot', 'Maybe', 'Consulted'],
    ['a number cell', w('ioOperations', '3', 'Leading'), 'I&O Operations', 3, 'Leading'],
    ['yes/no', w('integration', 'TBC', 'no'), 'Enterprise Integration', 'tbc', false],
    ['yes/no meaning "yes"', w('security', 'PII', 'Yes'), 'Security Sensitive', 'PII', true],
    ['role override', w('override', 'Owner', 'Driver'), 'Role Override', 'owner', 'Driver'],
    [
      'field named by its header',
      w('Led By', 'Digital Factory', 'Ops'),
      'Led By',
      'Digital Factory',
      'Operations',
    ],
  ])('%s', (_, word, header, cell, expected) => {
    const n = normWith([word], { [header]: cell });
    const key = {
      'Led By': 'ledBy',
      Stage: 'stage',
      'I&O Pilot': 'ioPilot',
      'I&O Operations': 'ioOperations',
      'Enterprise Integration': 'integration',
      'Security Sensitive': 'security',
      'Role Override': 'override',
    }[header] as keyof typeof n.initiative;
    expect(n.initiative[key]).toBe(expected);
    expect(n.issues).toEqual([]);
  });

  it('applies to its field only', () => {
    const n = normWith([w('ioPilot', 'maybe', 'Consulted')], {
      'I&O Pilot': 'maybe',
      'I&O Operations': 'maybe',
    });
    expect(n.initiative.ioPilot).toBe('Consulted');
    expect(n.initiative.ioOperations).toBeNull();
    expect(n.issues.map((i) => i.field)).toEqual(['ioOperations']);
  });

  it('wins over the built-in table in this workbook only', () => {
    // "Product" is an Operations synonym built in; this workbook says it is a business group.
    expect(normWith([w('ledBy', 'Product', 'LOB')], { 'Led By': 'Product' }).initiative.ledBy).toBe(
      'LOB',
    );
    expect(normWith([], { 'Led By': 'Product' }).initiative.ledBy).toBe('Operations');
  });

  it('keeps the text the cell holds for the summary', () => {
    const n = normWith([w('ledBy', 'Digital Factory', 'Operations')], {
      'Led By': 'Digital Factory',
    });
    expect(n.initiative.ledByText).toBe('Digital Factory');
  });
});

describe('a word list is checked: one sentence, nothing applied', () => {
  it.each<[string, WordEntry[], string, RegExp]>([
    [
      'unknown field',
      [w('colour', 'Blue', 'Operations')],
      'word-field-unknown',
      /"colour", which is not a field that takes words; use one of ledBy, stage/,
    ],
    [
      'field without a vocabulary',
      [w('budget', 'lots', '1000000')],
      'word-field-unknown',
      /not a field that takes words/,
    ],
    [
      'meaning outside the vocabulary',
      [w('ledBy', 'Digital Factory', 'Factory')],
      'word-meaning-unknown',
      /"Digital Factory" for Led By is taught to mean "Factory", which is not one of I&O, LOB, Operations, External, Joint/,
    ],
    [
      'an involvement level for a stage',
      [w('stage', 'In flight', 'Leading')],
      'word-meaning-unknown',
      /not one of Idea, Planned, Pilot, Implementation, Production, Retired/,
    ],
    [
      'empty value',
      [w('ledBy', '  ', 'LOB')],
      'word-value-empty',
      /A word for Led By has no value/,
    ],
    [
      'two meanings',
      [w('ledBy', 'Digital Factory', 'Operations'), w('ledBy', 'digital  factory', 'LOB')],
      'word-conflict',
      /"digital factory" for Led By is taught twice with different meanings \("Digital Factory" as Operations and as LOB\)/,
    ],
    [
      'two meanings, punctuation aside',
      [w('ledBy', 'Plant Ops', 'Operations'), w('ledBy', 'Plant-Ops', 'Joint')],
      'word-conflict',
      /taught twice/,
    ],
  ])('%s', (_, words, code, message) => {
    let thrown: unknown;
    try {
      compileWords(words);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(RoleMapError);
    expect((thrown as RoleMapError).code).toBe(code);
    expect((thrown as RoleMapError).message).toMatch(message);
    expect((thrown as RoleMapError).message.split('. ').length).toBe(1);
  });

  it('accepts the same word twice with the same meaning, and one value in two fields', () => {
    expect(
      compileWords([
        w('ledBy', 'Digital Factory', 'Operations'),
        w('ledBy', 'DIGITAL FACTORY', 'Ops'),
        w('ioPilot', 'maybe', 'Consulted'),
        w('ioOperations', 'maybe', 'None'),
      ]).size,
    ).toBe(3);
  });

  it('stops a refresh before anything is planned', () => {
    const sheet = inventory([['1', 'A', 'Digital Factory', 'Pilot']]);
    expect(() =>
      planRefresh(input([sheet], { words: [w('ledBy', 'Digital Factory', 'Nobody')] })),
    ).toThrow(RoleMapError);
  });
});

describe('a refresh with words', () => {
  const rows: CellValue[][] = [
    ['1', 'Twin', 'Digital Factory', 'Pilot', 'None', 'Responsible', 'Responsible'],
    ['2', 'Meters', 'IT', 'Pilot', 'Leading', 'Responsible', 'Responsible'],
    ['3', 'Cameras', 'digital factory', 'Production', 'None', 'None', 'Responsible'],
    ['4', 'Kiosks', 'Smart Spaces team', 'In flight', 'None', 'Responsible', 'None'],
  ];
  const sheet = inventory(rows);
  const words = [
    w('ledBy', 'Digital Factory', 'Operations'),
    w('stage', 'In flight', 'Implementation'),
    w('ledBy', 'Never used', 'LOB'),
  ];
  const without = planRefresh(input([sheet]));
  const withWords = planRefresh(input([sheet], { words }));

  it('changes exactly the rows that hold a word', () => {
    const changed = withWords.rows
      .filter((r, i) => JSON.stringify(r) !== JSON.stringify(without.rows[i]))
      .map((r) => r.initiative.name);
    expect(changed).toEqual(['Twin', 'Cameras', 'Kiosks']);
    expect(withWords.rows[0]!.initiative.ledBy).toBe('Operations');
    expect(withWords.rows[0]!.issues).toEqual([]);
    expect(without.rows[0]!.issues.map((i) => i.code)).toEqual(['unknown-value']);
    // Kiosks: the stage is taught, the lead group is still unknown.
    expect(withWords.rows[3]!.initiative.stage).toBe('Implementation');
    expect(withWords.rows[3]!.issues.map((i) => i.value)).toEqual(['Smart Spaces team']);
  });

  it('records which words were used, on how many rows', () => {
    expect(withWords.summary.wordsUsed).toEqual([
      { field: 'ledBy', value: 'Digital Factory', meaning: 'Operations', rows: 2 },
      { field: 'stage', value: 'In flight', meaning: 'Implementation', rows: 1 },
    ]);
    expect(without.summary.wordsUsed).toEqual([]);
    expect(withWords.summary.needsReview).toBeLessThan(without.summary.needsReview);
  });

  it('lists them on the summary sheet', () => {
    const texts = withWords.plan.summary.cells.map((c) => c.value);
    const at = texts.indexOf("The workbook's own words used");
    expect(at).toBeGreaterThan(-1);
    expect(texts).toEqual(
      expect.arrayContaining(['Digital Factory', 'Led By', 'Operations', 'In flight', 'Stage']),
    );
    const noWords = without.plan.summary.cells.map((c) => c.value);
    expect(noWords).not.toContain("The workbook's own words used");
  });

  it('gives the same answer every time (counts belong to one refresh)', () => {
    expect(planRefresh(input([sheet], { words })).summary.wordsUsed).toEqual(
      withWords.summary.wordsUsed,
    );
  });
});

describe('editing a word list', () => {
  const saved = [w('ledBy', 'Digital Factory', 'Operations'), w('stage', 'TBC', 'Idea')];

  it('an added word replaces the saved word for the same value', () => {
    expect(mergeWords(saved, [w('ledBy', 'digital factory', 'LOB')])).toEqual([
      w('stage', 'TBC', 'Idea'),
      w('ledBy', 'digital factory', 'LOB'),
    ]);
  });

  it('removes one word', () => {
    expect(removeWord(saved, w('stage', ' tbc ', ''))).toEqual([saved[0]]);
  });
});
