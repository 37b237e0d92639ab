/**
 * The output columns as one table (SPEC §4): the headers, widths, empty row and rules are
 * derived from OUTPUT_COLUMNS, and a bad table fails when it loads.
 */

import type { RangeRef } from '../../src/core/input';
import type { OutputColumn, OutputLayout, RuleLayout } from '../../src/core/output';
import type { CfRule } from '../../src/core/write-plan';
import {
  CURRENT_LAYOUT,
  CURRENT_RULE_LAYOUT,
  RULE_LAYOUTS,
  checkRuleLayouts,
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
    const fillIds = (rules: CfRule[]) =>
      rules.filter((r) => r.kind === 'textEquals').map((r) => r.id);
    const today = outputRules(10, 1, 5);
    const earlier = outputRules(10, 1, 5, reversed);
    expect(fillIds(earlier).sort()).toEqual(fillIds(today).sort());
    const col = (rules: typeof today, id: string) => rules.find((r) => r.id === id)!.range.col;
    expect(col(earlier, 'iot-role-map:role:Driver')).toBe(10 + OUTPUT_WIDTH - 1);
    expect(fillTexts(10, reversed).get(10 + OUTPUT_WIDTH - 1)).toEqual(fillTexts(10).get(10));
    // The tint still tests the issues column, wherever it stands, over every column once.
    expect(cellsOf(earlier).get(10)).toEqual(['tint']);
  });
});

/** What each column of a block at 10 carries: its fills' texts, then "tint", in priority order. */
function cellsOf(rules: readonly CfRule[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const r of rules) {
    for (let c = r.range.col; c < r.range.col + r.range.colCount; c++) {
      out.set(c, [...(out.get(c) ?? []), r.kind === 'textEquals' ? r.text : 'tint']);
    }
  }
  return out;
}

const overlaps = (a: RangeRef, b: RangeRef) =>
  a.col < b.col + b.colCount &&
  b.col < a.col + a.colCount &&
  a.row < b.row + b.rowCount &&
  b.row < a.row + a.rowCount;

const sameRange = (a: RangeRef, b: RangeRef) =>
  a.row === b.row && a.col === b.col && a.rowCount === b.rowCount && a.colCount === b.colCount;

describe('the table of released rule layouts', () => {
  it('is ordered and ends with the grouping a refresh writes', () => {
    expect(() => checkRuleLayouts(RULE_LAYOUTS)).not.toThrow();
    expect(CURRENT_RULE_LAYOUT).toBe(RULE_LAYOUTS[RULE_LAYOUTS.length - 1]);
    expect(CURRENT_RULE_LAYOUT.grouping).toBe('columnRuns');
    expect(outputRules(10, 1, 5)).toEqual(
      outputRules(10, 1, 5, CURRENT_LAYOUT, CURRENT_RULE_LAYOUT),
    );
  });

  it.each<[string, RuleLayout[], RegExp]>([
    [
      'a version out of order',
      [
        { version: 2, grouping: 'wholeBlock' },
        { version: 1, grouping: 'columnRuns' },
      ],
      /version 1 must come after 2/,
    ],
    [
      'a grouping listed twice',
      [
        { version: 1, grouping: 'wholeBlock' },
        { version: 2, grouping: 'wholeBlock' },
      ],
      /version 2 repeats the grouping "wholeBlock"/,
    ],
    ['no layout', [], /none is listed/],
  ])('fails fast on %s', (_name, layouts, message) => {
    expect(() => checkRuleLayouts(layouts)).toThrow(message);
  });

  // Every grouping means the same on every cell: the column's fills, then the tint, once.
  it.each(RULE_LAYOUTS.map((r) => [r.version, r] as const))(
    'layout %i: each column carries its fills and the tint once, fills first',
    (_v, layout) => {
      const cells = cellsOf(outputRules(10, 1, 5, CURRENT_LAYOUT, layout));
      expect([...cells.keys()].sort((a, b) => a - b)).toEqual(
        OUTPUT_COLUMNS.map((_c, k) => 10 + k),
      );
      const columns: readonly OutputColumn[] = OUTPUT_COLUMNS;
      columns.forEach((c, k) => {
        expect(cells.get(10 + k)).toEqual([...c.fills.map((f) => f.text), 'tint']);
      });
    },
  );

  it('today: two rules share a range or none of it, so a reader keeping one group per cell keeps all', () => {
    const rules = outputRules(10, 1, 5);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const a of rules) {
      for (const b of rules) {
        if (overlaps(a.range, b.range)) expect(sameRange(a.range, b.range)).toBe(true);
      }
    }
    // Runs of columns without fills share one tint: fewer rules in Excel's rules manager.
    expect(rules.filter((r) => r.kind === 'notBlank').map((r) => r.range.colCount)).toEqual([
      1, 2, 1, 2,
    ]);
  });

  it('layout 1 laid the tint over the whole block, across the filled columns', () => {
    const tints = outputRules(10, 1, 5, CURRENT_LAYOUT, RULE_LAYOUTS[0]).filter(
      (r) => r.kind === 'notBlank',
    );
    expect(tints.map((r) => r.range)).toEqual([
      { row: 1, col: 10, rowCount: 5, colCount: OUTPUT_WIDTH },
    ]);
    expect(tints.map((r) => r.id)).toEqual(['iot-role-map:issues']);
  });
});
