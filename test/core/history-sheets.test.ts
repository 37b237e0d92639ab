/**
 * The history records the inventory sheets of a refresh as data (its "Sheets" column), and
 * histories written before that column still tell which sheets a refresh covered (STYLE 12).
 */

import { planRefresh } from '../../src/core/refresh';
import { HISTORY_HEADERS, historySheetsCell } from '../../src/core/summary-sheet';
import { parseLastRefresh, refreshedSheets, shareTrend } from '../../src/core/last-refresh';
import { keptRefresh } from '../../src/core/kept-refresh';
import type { CellValue } from '../../src/core/input';
import type { SheetChoice } from '../../src/core/preview';
import { input, portfolio } from './helpers';

/** Sheets present in a workbook, as the pane lists them. */
function present(...names: string[]): SheetChoice[] {
  return names.map((name) => ({ name, recognised: 9, isActive: false }));
}

/** The history cells after one refresh of `names` (each a copy of the standard portfolio). */
function historyAfter(names: readonly string[]): CellValue[][] {
  const sheets = names.map((name) => ({ ...portfolio(), name }));
  const options = names.length > 1 ? { sheets: names } : { sheet: names[0]! };
  const plan = planRefresh({ ...input(sheets, options), historyRowCount: 0 }).plan.history!;
  return [plan.headers, plan.row.map((c) => c.value)];
}

/** A history row of the layout before "Sheets": every column but the last. */
function olderRow(label: string): CellValue[] {
  const row: CellValue[] = [46_000.5, label, 3, 3, 1, 1, 1, 0, 0, 1, 0];
  return row;
}
const OLDER_HEADERS: CellValue[] = HISTORY_HEADERS.slice(0, HISTORY_HEADERS.indexOf('Sheets'));

describe('the sheets of a refresh, recorded in the history', () => {
  it.each([
    ['one sheet', ['Inventory']],
    ['a portfolio of two', ['East', 'West']],
    ['a sheet whose name holds ", "', ['East, West']],
    ['a sheet named like a list beside its parts', ['East, West', 'East']],
  ])('%s: written as a list and read back as the same list', (_, names) => {
    const rows = historyAfter(names);
    expect(rows[1]![HISTORY_HEADERS.indexOf('Sheets')]).toBe(historySheetsCell(names));
    const last = parseLastRefresh(rows)!;
    expect(last.sheets).toEqual(names);
    // The label stays what a reader sees: the sheets joined for a sentence.
    expect(last.sheet).toBe(names.join(', '));
    expect(refreshedSheets(last, present('Summary', ...names, 'West'))).toEqual(names);
  });

  it('offers no sheet when one the refresh covered has gone since', () => {
    const last = parseLastRefresh(historyAfter(['East', 'West']))!;
    expect(refreshedSheets(last, present('East'))).toEqual([]);
  });

  it.each<[string, string, string[], string[]]>([
    ['one sheet', 'Inventory', ['Inventory'], ['Inventory']],
    ['two sheets joined', 'East, West', ['East', 'West'], ['East', 'West']],
    ['a sheet whose name holds ", "', 'East, West', ['East, West', 'East'], ['East, West']],
    ['a sheet renamed since', 'East, West', ['East'], []],
  ])('a history written before the list: %s is read by its label', (_, label, sheets, expected) => {
    const last = parseLastRefresh([OLDER_HEADERS, olderRow(label)])!;
    expect(last.sheets).toBeUndefined();
    expect(refreshedSheets(last, present(...sheets))).toEqual(expected);
  });

  it.each([
    ['not JSON', 'East; West'],
    ['an empty list', '[]'],
    ['a list of numbers', '[1,2]'],
  ])('a hand-edited Sheets cell (%s) is read by the label instead', (_, cell) => {
    const last = parseLastRefresh([[...HISTORY_HEADERS], [...olderRow('East, West'), cell]])!;
    expect(last.sheets).toBeUndefined();
    expect(refreshedSheets(last, present('East', 'West'))).toEqual(['East', 'West']);
  });

  it.each<[string, CellValue[] | null, boolean]>([
    ['the header of the layout before the list', OLDER_HEADERS, true],
    ["today's header", [...HISTORY_HEADERS], false],
    ['a host that did not read the history', null, false],
  ])('rewrites the header over %s: %s', (_, header, rewrite) => {
    const history = header === null ? null : [header, olderRow('Inventory')];
    const plan = planRefresh({ ...input([portfolio()]), historyRowCount: 1, history }).plan;
    expect(plan.history!.writeHeader).toBe(rewrite);
    expect(plan.history!.row[0]!.row).toBe(2);
  });
});

/** The layout before the "Gartner 2020" column: every header up to "Sheets". */
const BEFORE_REFERENCE: CellValue[] = HISTORY_HEADERS.slice(
  0,
  HISTORY_HEADERS.indexOf('Sheets') + 1,
);

describe('the "Gartner 2020" column and histories written before it', () => {
  const older = [...olderRow('Inventory'), historySheetsCell(['Inventory'])];

  it('a refresh over the older layout rewrites the header and fills the 40% into the older row', () => {
    const history = [BEFORE_REFERENCE, older];
    const plan = planRefresh({ ...input([portfolio()]), historyRowCount: 1, history }).plan;
    expect(plan.history!.writeHeader).toBe(true);
    expect(plan.history!.row.map((c) => c.row)).toEqual(Array(HISTORY_HEADERS.length).fill(2));
    const reference = plan.history!.earlierCells.filter(
      (c) => c.col === HISTORY_HEADERS.indexOf('Gartner 2020'),
    );
    expect(reference).toEqual([
      {
        row: 1,
        col: HISTORY_HEADERS.indexOf('Gartner 2020'),
        value: 0.4,
        format: 'percent',
        style: 'body',
      },
    ]);
    // The line is drawn over every row, the older one included.
    expect(plan.history!.chart!.reference!.values).toEqual({
      row: 1,
      col: HISTORY_HEADERS.indexOf('Gartner 2020'),
      rowCount: 2,
      colCount: 1,
    });
  });

  it.each<[string, CellValue[][], number[]]>([
    ['an older row with no cell', [BEFORE_REFERENCE, older], [1]],
    ['two older rows', [BEFORE_REFERENCE, older, older], [1, 2]],
    ['a row whose cell a user filled', [BEFORE_REFERENCE, older, [...older, 0.5]], [1]],
    ['a blank row between refreshes (not a refresh)', [BEFORE_REFERENCE, [], older], [2]],
    ["today's header (nothing rewritten)", [[...HISTORY_HEADERS], older], []],
  ])('which earlier rows get the 40%%: %s', (_, history, rows) => {
    const plan = planRefresh({
      ...input([portfolio()]),
      historyRowCount: history.length - 1,
      history,
    }).plan;
    const reference = plan.history!.earlierCells.filter(
      (c) => c.col === HISTORY_HEADERS.indexOf('Gartner 2020'),
    );
    expect(reference.map((c) => c.row)).toEqual(rows);
    expect(reference.every((c) => c.value === 0.4)).toBe(true);
  });

  it.each<[string, CellValue[][]]>([
    ['the older layout alone', [BEFORE_REFERENCE, older]],
    [
      'the header rewritten over an older row and a new one',
      [[...HISTORY_HEADERS], older, [...older, 0.4]],
    ],
  ])('the readers of the history are unaffected: %s', (_, rows) => {
    const last = parseLastRefresh(rows)!;
    expect(last.sheets).toEqual(['Inventory']);
    expect(last.total).toBe(3);
    expect(keptRefresh(rows)).not.toBeNull();
    expect(shareTrend(rows, rows.length - 1)).not.toBeNull();
  });
});

describe('the "Day\'s last share" column the history chart plots', () => {
  const day = 46_000; // a day as an Excel serial; its hours are fractions
  const headers: CellValue[] = [...HISTORY_HEADERS];
  const col = HISTORY_HEADERS.indexOf("Day's last share");
  /** A history row refreshed at `at` with active share `share` and day's-last cell `last`. */
  const at = (serial: number, share: number, last: CellValue): CellValue[] => {
    const row: CellValue[] = [...olderRow('Inventory'), '["Inventory"]', 0.4, last];
    row[0] = serial;
    row[HISTORY_HEADERS.indexOf('Active share')] = share;
    return row;
  };
  const now = (serial: number): Date => new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);

  it.each<[string, CellValue[][], number, [number, number | null][]]>([
    ['a later day: the earlier row stays', [headers, at(day + 0.4, 0.5, 0.5)], day + 1.4, []],
    [
      'the same day: the earlier row is blanked',
      [headers, at(day + 0.4, 0.5, 0.5)],
      day + 0.6,
      [[1, null]],
    ],
    ['already blank the same day: nothing', [headers, at(day + 0.4, 0.5, null)], day + 0.6, []],
    [
      "an older history without the column: every row gets its day's last",
      [
        HISTORY_HEADERS.slice(0, col),
        at(day + 0.3, 0.5, null).slice(0, col),
        at(day + 0.5, 0.6, null).slice(0, col),
        at(day + 2.5, 0.7, null).slice(0, col),
      ],
      day + 2.6,
      // The first and the last are not their day's last (blank already); the second is.
      [[2, 0.6]],
    ],
  ])('%s', (_, history, serial, expected) => {
    const plan = planRefresh({
      ...input([portfolio()]),
      now: now(serial),
      historyRowCount: history.length - 1,
      history,
    }).plan;
    const cells = plan.history!.earlierCells.filter((c) => c.col === col);
    expect(cells.map((c) => [c.row, c.value])).toEqual(expected);
    // This refresh's own cell holds its share: the last of its day so far.
    expect(plan.history!.row[col]!.value).toBe(
      plan.history!.row[HISTORY_HEADERS.indexOf('Active share')]!.value,
    );
  });
});
