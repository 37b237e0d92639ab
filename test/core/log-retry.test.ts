/**
 * The change log on a retry (core/log-retry.ts): the failed refresh's rows are found by their
 * time at the log's end, then completed in place or kept, never logged twice.
 */

import type { CellValue, RangeRef } from '../../src/core/input';
import { failedLogStart, retryChangeLog } from '../../src/core/log-retry';
import { excelSerial } from '../../src/core/summary-sheet';
import type { ChangeLogWrite, PlanCell } from '../../src/core/write-plan';

const EARLIER = new Date(Date.UTC(2026, 10, 2, 9, 0));
const FAILED = new Date(Date.UTC(2026, 10, 25, 9, 0));
const RETRY = new Date(Date.UTC(2026, 10, 25, 9, 5));
const HEADERS = ['Refreshed', 'Sheet', 'ID', 'Initiative', 'Change', 'From', 'To', 'Row'];

/** A log row at `at` for change `what` of initiative `id`. */
const line = (at: Date, id: string, what: string): CellValue[] => [
  excelSerial(at),
  'Inventory',
  id,
  `Initiative ${id}`,
  what,
  'Retired',
  'Pilot',
  'B4',
];

/** The retry's plan: its rows from `row` on, at the retry's time. */
function plan(row: number, lines: CellValue[][]): ChangeLogWrite {
  const cells: PlanCell[] = lines.flatMap((l, r) =>
    l.map((value, col) => ({
      row: row + r,
      col,
      value: col === 0 ? excelSerial(RETRY) : (value as string),
      format: col === 0 ? 'datetime' : 'text',
      style: 'body',
    })),
  );
  return {
    log: {
      name: 'IoT Role Changes',
      headers: HEADERS,
      writeHeader: false,
      cells,
      columnWidths: [],
      formats: [],
    },
    snapshot: {
      name: 'IoT Role Snapshot',
      headers: [],
      rows: [],
      formats: [],
      columnWidths: [],
      previousRows: 0,
      hidden: true,
    },
  };
}

/** A host's reader over the log's cells. */
const reader =
  (log: CellValue[][]) =>
  (ref: RangeRef): Promise<CellValue[][]> =>
    Promise.resolve(
      log
        .slice(ref.row, ref.row + ref.rowCount)
        .map((l) => l.slice(ref.col, ref.col + ref.colCount)),
    );

const earlier = line(EARLIER, 'A', 'First refresh');
const a = line(FAILED, 'A', 'Stage moved');
const b = line(FAILED, 'B', 'Role changed');

describe('the failed refresh’s rows at the log’s end', () => {
  it.each<[string, CellValue[][], number | null]>([
    ['none: the last row is an earlier refresh’s', [HEADERS, earlier], null],
    ['two rows at the failed time', [HEADERS, earlier, a, b], 2],
    ['the failed time, then an earlier one last: not at the end', [HEADERS, a, earlier], null],
  ])('%s', (_, log, start) => {
    expect(
      failedLogStart(
        log.map((l) => l[0] ?? null),
        [FAILED],
      ),
    ).toBe(start);
  });
});

describe('the retry’s log rows', () => {
  const retryLines = [a, b];
  it.each<[string, CellValue[][], number[]]>([
    [
      'the failed rows all landed, as planned: rewritten in place',
      [HEADERS, earlier, a, b],
      [2, 3],
    ],
    ['only the first landed: completed in place', [HEADERS, earlier, a], [2, 3]],
    [
      'the first landed in part (no "To" yet): completed in place',
      [HEADERS, earlier, [...a.slice(0, 6), null, null]],
      [2, 3],
    ],
    ['no failed rows: appended after the last', [HEADERS, earlier], [2, 3]],
  ])('%s', async (_, log, rows) => {
    const first = log.length; // where a plain append starts
    const write = await retryChangeLog(
      plan(first, retryLines),
      [FAILED],
      log.length - 1,
      reader(log),
    );
    expect([...new Set(write.log.cells.map((c) => c.row))]).toEqual(rows);
  });

  it('failed rows that differ from the plan (the snapshot was replaced): kept, none added', async () => {
    const log = [HEADERS, earlier, a, b];
    const noChanges = [line(RETRY, '', 'No changes')];
    const write = await retryChangeLog(plan(4, noChanges), [FAILED], 3, reader(log));
    expect(write.log.cells).toEqual([]);
  });

  it('a refresh that repeats none: nothing read, the plan as it was', async () => {
    const write = plan(2, retryLines);
    const read = jest.fn(reader([HEADERS, earlier]));
    expect(await retryChangeLog(write, [], 1, read)).toBe(write);
    expect(read).not.toHaveBeenCalled();
  });
});
