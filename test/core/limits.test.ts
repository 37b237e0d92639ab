/**
 * The limits a user can meet, stated once (limits.ts): inflating parts, and the length of
 * every text a refresh writes (Excel's 32,767 characters a cell; quotes of user values
 * shortened with an ellipsis).
 */

import {
  CELL_CHARS,
  fitCell,
  inflateVerdict,
  PART_BUDGET,
  QUOTE_CHARS,
  quoted,
  RATIO_FLOOR,
  shorten,
  TOTAL_BUDGET,
} from '../../src/core/limits';
import { issuesText } from '../../src/core/output';
import { planRefresh } from '../../src/core/refresh';
import { input, inventory } from './helpers';

const MB = 1e6;
const NONE = { inflated: 0, compressed: 0 };

describe('whether a part may be inflated', () => {
  it.each([
    ['the 100,000-row sheet (9.7:1)', 'worksheet', 63.2 * MB, 6.5 * MB, NONE, null],
    ['its refreshed shared strings (17.7:1)', 'sharedStrings', 9.6 * MB, 0.54 * MB, NONE, null],
    ['a full-grid sheet (670 MB, 10:1)', 'worksheet', 670 * MB, 67 * MB, NONE, null],
    ['a 74 KB pivot cache at 113:1 (under the floor)', 'other', 74_013, 651, NONE, null],
    ['one cell of 32,767 letters (529:1, tiny)', 'sharedStrings', 32_800, 62, NONE, null],
    [
      'shared strings of 3.1 GB',
      'sharedStrings',
      3.1e9,
      7.7 * MB,
      NONE,
      { kind: 'budget', limit: PART_BUDGET.sharedStrings },
    ],
    [
      '27.5 million one-letter strings (400:1)',
      'sharedStrings',
      467 * MB,
      1.15 * MB,
      NONE,
      { kind: 'ratio', ratio: 406 },
    ],
    ['2.9 GB of rows (354:1)', 'worksheet', 2.9e9, 8.2 * MB, NONE, { kind: 'ratio', ratio: 354 }],
    [
      'settings of 3.1 GB',
      'settings',
      3.1e9,
      7.7 * MB,
      NONE,
      { kind: 'budget', limit: PART_BUDGET.settings },
    ],
    [
      'a 10 MB part at 1,000:1 after another like it',
      'other',
      10 * MB,
      10_000,
      { inflated: 10 * MB, compressed: 10_000 },
      { kind: 'ratio', ratio: 1000 },
    ],
    [
      'a part past the total',
      'worksheet',
      1e9,
      1e8,
      { inflated: TOTAL_BUDGET - 5e8, compressed: 4e8 },
      { kind: 'budget', limit: 5e8 },
    ],
  ] as const)('%s', (_what, role, inflated, compressed, before, verdict) => {
    expect(inflateVerdict(role, inflated, compressed, before)).toEqual(verdict);
  });

  it('the ratio floor is above any one cell Excel can hold', () => {
    expect(RATIO_FLOOR).toBeGreaterThan(CELL_CHARS * 4 * 100);
  });
});

describe("texts within Excel's limits", () => {
  it.each([
    ['short', 'abc', 5, 'abc'],
    ['exactly the limit', 'abcde', 5, 'abcde'],
    ['one over', 'abcdef', 5, 'abcd…'],
    ['never half of a pair', 'abc😀def', 5, 'abc…'],
  ])('shorten: %s', (_what, text, max, out) => {
    expect(shorten(text, max)).toBe(out);
    expect(shorten(text, max).length).toBeLessThanOrEqual(max);
  });

  it('a quote is cut at QUOTE_CHARS and a cell at CELL_CHARS', () => {
    const long = 'x'.repeat(CELL_CHARS);
    expect(quoted(long)).toBe(`"${'x'.repeat(QUOTE_CHARS - 1)}…"`);
    expect(fitCell(`${long}y`)).toHaveLength(CELL_CHARS);
    expect(fitCell(long)).toBe(long);
  });

  it('a 32,767-character value that is no stage: its data issue quotes it shortened and fits a cell', () => {
    const value = 'P'.repeat(CELL_CHARS);
    const sheet = inventory([['IOT-1', 'Sensors', 'IT', value, 'None', 'None', 'None']]);
    const outcome = planRefresh(input([sheet]));
    const row = outcome.rows[0]!;
    const text = issuesText(row);
    expect(text).toContain(`holds "${'P'.repeat(QUOTE_CHARS - 1)}…", which is not`);
    expect(text.length).toBeLessThanOrEqual(CELL_CHARS);
    for (const values of outcome.plan.inventory.values) {
      for (const v of values) expect(v.length).toBeLessThanOrEqual(CELL_CHARS);
    }
  });
});
