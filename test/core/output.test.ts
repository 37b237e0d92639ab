/**
 * The output columns as one table (SPEC §4): the headers, widths, empty row and rules are
 * derived from OUTPUT_COLUMNS, and a bad table fails when it loads.
 */

import type { OutputColumn, OutputLayout } from '../../src/core/output';
import {
  CURRENT_LAYOUT,
  OUTPUT_COLUMNS,
  OUTPUT_HEADERS,
  OUTPUT_LAYOUTS,
  OUTPUT_WIDTH,
  TINT_FORMS,
  checkOutputColumns,
  checkOutputLayouts,
  emptyOutput,
  fillTexts,
  outputRules,
  tintFormula,
} from '../../src/core/output';

const table: readonly OutputColumn[] = OUTPUT_COLUMNS;

describe('the output columns table', () => {
  it('headers, width and the empty row follow the table', () => {
    expect(OUTPUT_HEADERS).toEqual(table.map((c) => c.header));
    expect(OUTPUT_WIDTH).toBe(table.length);
    expect(emptyOutput()).toEqual(table.map(() => ''));
    expect(() => checkOutputColumns(table)).not.toThrow();
  });

  it.each<[string, (t: OutputColumn[]) => OutputColumn[], RegExp]>([
    ['a key listed twice', (t) => [...t, { ...t[0]!, header: 'Other' }], /"role" is listed twice/],
    [
      'a header listed twice (as Excel compares table column names)',
      (t) => [...t, { ...t[0]!, key: 'again', header: 'i&o role' }],
      /column "again" repeats the header "i&o role"/,
    ],
    [
      'a header with spaces around it',
      (t) => [...t, { ...t[0]!, key: 'padded', header: ' Padded ' }],
      /column "padded" needs a trimmed header/,
    ],
    [
      'a column without a width',
      (t) => [...t, { ...t[0]!, key: 'narrow', header: 'Narrow', width: 0 }],
      /column "narrow" needs a positive width/,
    ],
  ])('fails fast on %s', (_name, change, message) => {
    expect(() => checkOutputColumns(change([...table]))).toThrow(message);
  });
});

describe('the table of released layouts', () => {
  const columns: readonly OutputColumn[] = OUTPUT_COLUMNS;

  it('ends with OUTPUT_COLUMNS, and the layout written is that one', () => {
    expect(() => checkOutputLayouts(OUTPUT_LAYOUTS, columns)).not.toThrow();
    expect(CURRENT_LAYOUT.columns.map((c) => c.header)).toEqual(OUTPUT_HEADERS);
  });

  it.each<[string, (l: OutputLayout[]) => OutputLayout[], RegExp]>([
    [
      'OUTPUT_COLUMNS changed without a new layout',
      (l) => l.map((x) => ({ ...x, columns: x.columns.slice(1) })),
      /append it to OUTPUT_LAYOUTS as the next version/,
    ],
    [
      'versions out of order',
      (l) => [...l, { ...l[l.length - 1]!, version: 0 }],
      /version 0 must come after/,
    ],
    [
      'a layout that repeats a column',
      (l) => [
        { version: -1, columns: [l[0]!.columns[0]!, l[0]!.columns[0]!], tintForms: [] },
        ...l,
      ],
      /version -1 repeats a column/,
    ],
  ])('fails fast on %s', (_name, change, message) => {
    expect(() => checkOutputLayouts(change([...OUTPUT_LAYOUTS]), columns)).toThrow(message);
  });

  it('recognises every issue-tint form a released layout wrote', () => {
    expect(TINT_FORMS.map((f) => tintFormula(f, '$T4'))).toEqual(
      expect.arrayContaining(['LEN(TRIM($T4))>0', 'LEN($T4)>0']),
    );
  });

  it('rules of an earlier layout sit where that layout put its columns', () => {
    const reversed: OutputLayout = {
      version: 0,
      columns: [...CURRENT_LAYOUT.columns].reverse(),
      tintForms: [],
    };
    const today = outputRules(10, 1, 5);
    const earlier = outputRules(10, 1, 5, reversed);
    expect(earlier.map((r) => r.id).sort()).toEqual(today.map((r) => r.id).sort());
    const col = (rules: typeof today, id: string) => rules.find((r) => r.id === id)!.range.col;
    expect(col(earlier, 'iot-role-map:role:Driver')).toBe(10 + OUTPUT_WIDTH - 1);
    expect(fillTexts(10, reversed).get(10 + OUTPUT_WIDTH - 1)).toEqual(fillTexts(10).get(10));
  });
});
