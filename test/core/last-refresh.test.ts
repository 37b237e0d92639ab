/** The last refresh read back from the history sheet's cells (src/core/last-refresh.ts). */

import { HISTORY_HEADERS, excelSerial, planHistory } from '../../src/core/summary-sheet';
import { fromExcelSerial, parseLastRefresh } from '../../src/core/last-refresh';
import type { CellValue } from '../../src/core/input';
import type { Summary } from '../../src/core/results';

const AT = new Date(Date.UTC(2026, 10, 25, 9, 30));

/** A history row as planHistory writes it. */
function historyRow(summary: Partial<Summary>, at: Date, changes: number | null): CellValue[] {
  const full = {
    sheet: 'IoT Inventory',
    total: 60,
    classified: 54,
    counts: { Driver: 6, Implementer: 12, Operator: 16, Bystander: 20, Unclassified: 6 },
    activeShare: 34 / 54,
    ...summary,
  } as Summary;
  const plan = planHistory(full, at, 1, changes === null ? null : new Array(changes).fill({}));
  return plan.row.map((c) => c.value);
}

describe('the last refresh from the history sheet', () => {
  it('reads the last complete row: time, sheet, counts, shares and changes', () => {
    const rows: CellValue[][] = [
      [...HISTORY_HEADERS],
      historyRow({ total: 50, classified: 40 }, new Date(Date.UTC(2026, 9, 1)), null),
      historyRow({}, AT, 3),
    ];
    // The first data row is inconsistent (50/40 with the default counts): only the last counts.
    const last = parseLastRefresh(rows)!;
    expect(last.at.toISOString()).toBe(AT.toISOString());
    expect(last).toMatchObject({
      sheet: 'IoT Inventory',
      total: 60,
      classified: 54,
      counts: { Driver: 6, Implementer: 12, Operator: 16, Bystander: 20, Unclassified: 6 },
      changes: 3,
    });
    expect(last.activeShare).toBeCloseTo(34 / 54);
    expect(last.shares.Bystander).toBeCloseTo(20 / 54);
  });

  it('round-trips the Excel serial time to the instant', () => {
    expect(fromExcelSerial(excelSerial(AT)).getTime()).toBe(AT.getTime());
  });

  it('finds columns by header (an older history without "Changes"), below rows above it', () => {
    const headers = HISTORY_HEADERS.filter((h) => h !== 'Changes');
    const row = historyRow({}, AT, null).slice(0, headers.length);
    const last = parseLastRefresh([['IoT Role History'], [...headers], row])!;
    expect(last.changes).toBeNull();
    expect(last.total).toBe(60);
  });

  it('skips a trailing hand-edited row and falls back to the one before', () => {
    const bad = historyRow({}, AT, 1);
    bad[HISTORY_HEADERS.indexOf('Driver')] = 'many';
    const last = parseLastRefresh([[...HISTORY_HEADERS], historyRow({}, AT, 2), bad])!;
    expect(last.changes).toBe(2);
  });

  it('gives null share when nothing was classified', () => {
    const row = historyRow(
      {
        total: 4,
        classified: 0,
        counts: { Driver: 0, Implementer: 0, Operator: 0, Bystander: 0, Unclassified: 4 },
        activeShare: null,
      },
      AT,
      null,
    );
    const last = parseLastRefresh([[...HISTORY_HEADERS], row])!;
    expect(last.activeShare).toBeNull();
    expect(last.shares.Driver).toBe(0);
  });

  it.each<[string, CellValue[][]]>([
    ['an empty sheet', []],
    ['no header row', [['Refreshed at'], [46000]]],
    ['a header row only', [[...HISTORY_HEADERS]]],
    [
      'a row without a time',
      [[...HISTORY_HEADERS], ['yesterday', 'S', 1, 1, 1, 0, 0, 0, 0, 1, null]],
    ],
  ])('gives null for %s', (_label, rows) => {
    expect(parseLastRefresh(rows)).toBeNull();
  });
});
