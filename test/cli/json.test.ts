/**
 * `--json` is written piece by piece (src/cli/json.ts), because a report at Excel's full grid
 * is longer than the longest string V8 can make; the text must still be exactly
 * JSON.stringify(value, null, 2), for a real report and for every shape of value.
 */

import { generateSampleInventory } from '../../src/cli/sample';
import { planRefresh, toJsonReport } from '../../src/core/refresh';
import { writeJson } from '../../src/cli/json';
import { sheetOf } from '../core/helpers';

function written(value: unknown): { text: string; pieces: number } {
  const pieces: string[] = [];
  writeJson(value, (t) => pieces.push(t));
  return { text: pieces.join(''), pieces: pieces.length };
}

describe('writeJson', () => {
  it.each([
    ['null', null],
    ['a string with escapes', 'line\nbreak "quoted" \\ \u0001 é 😀'],
    ['numbers', [0, -0, 1.5, 1e21, NaN, Infinity, -7]],
    ['booleans', [true, false]],
    ['empty array and object', { a: [], b: {}, c: [{}], d: [[]] }],
    ['undefined and functions', { a: undefined, b: () => 1, c: [undefined, () => 1, 2] }],
    ['a date', { at: new Date('2026-03-02T09:30:00Z') }],
    ['an object with toJSON', { x: { toJSON: () => ({ nested: [1, { y: 2 }] }) } }],
    [
      'nested',
      { rows: [{ row: 5, issues: ['a', 'b'], name: null }], summary: { counts: { Driver: 2 } } },
    ],
    ['keys needing escapes', { 'a"b': 1, 'line\nkey': 2 }],
  ])('%s: the same text as JSON.stringify(value, null, 2)', (_what, value) => {
    expect(written(value).text).toBe(JSON.stringify(value, null, 2));
  });

  it('a real 5,000-row report, in pieces of about a megabyte', () => {
    const sample = generateSampleInventory({ rows: 5000, seed: 7 });
    const outcome = planRefresh({
      sheets: [sheetOf(sample.sheetName, sample.values)],
      options: { history: true },
      now: new Date('2026-03-02T09:30:00Z'),
      historyRowCount: 0,
    });
    const report = toJsonReport(outcome);
    const { text, pieces } = written(report);
    expect(text).toBe(JSON.stringify(report, null, 2));
    expect(text.length).toBeGreaterThan(2 << 20);
    expect(pieces).toBeGreaterThan(1);
  });
});
