/**
 * The history chart's 40% reference line (issue 23 item 7) is drawn from the same cells on
 * both surfaces: the history's "Gartner 2020" column, a series over it in the file's chart
 * part and, in Excel, a series added over its range (ExcelApi 1.7).
 */

import { rangeToA1 } from '../../src/core/address';
import { HISTORY_SHEET } from '../../src/core/domain';
import { HISTORY_COL, HISTORY_HEADERS, excelSerial } from '../../src/core/summary-sheet';
import { createExcelService } from '../../src/excel/service';
import { generateSampleInventory } from '../../src/cli/sample';
import { createWorkbook, readWorkbook, refreshFile } from '../../src/xlsx/index';
import { REL } from '../../src/xlsx/package';
import { hostFor, NOW } from '../excel/helpers';
import { partText } from '../xlsx/helpers';
import { fakeFromFile, fileSheet } from './bridge';

const sample = generateSampleInventory({ rows: 20, seed: 5 });

/** The formula of the file history chart's second series' values. */
function fileReferenceFormula(bytes: Uint8Array): string {
  const file = readWorkbook(bytes, 'h.xlsx');
  const part = file.sheets.find((s) => s.name === HISTORY_SHEET)!.part;
  const drawing = file.pkg.relsOfKind(part, REL.drawing)[0]!.part;
  const chart = file.pkg.relsOfKind(drawing, REL.chart)[0]!.part;
  const vals = [...partText(bytes, chart).matchAll(/<c:val><c:numRef><c:f>([^<]+)<\/c:f>/g)];
  expect(vals).toHaveLength(2);
  return vals[1]![1]!;
}

describe('the history reference line on both surfaces', () => {
  it('file, then file again or Excel: the same "Gartner 2020" cells and a series over them', async () => {
    const input = createWorkbook(
      [{ name: sample.sheetName, values: sample.values, headerRow: sample.headerRow }],
      NOW,
    );
    const first = await refreshFile(input, 'h.xlsx', { history: true }, NOW);
    const viaFile = await refreshFile(first.bytes, 'h.xlsx', { history: true }, NOW);
    const fake = fakeFromFile(first.bytes);
    await createExcelService(hostFor(fake)).refresh({ version: 1, history: true });

    const col = HISTORY_COL.reference;
    const fileColumn = fileSheet(viaFile.bytes, HISTORY_SHEET).map((r) => r[col] ?? null);
    const excelColumn = fake.values(HISTORY_SHEET).map((r) => r[col] ?? null);
    expect(fileColumn).toEqual(['Gartner 2020', 0.4, 0.4]);
    expect(excelColumn).toEqual(fileColumn);

    // The file's series and Excel's added series cover the same range.
    const reference = viaFile.outcome.plan.history!.chart!.reference!;
    expect(fileReferenceFormula(viaFile.bytes)).toBe(
      `'${HISTORY_SHEET}'!${rangeToA1(reference.values).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`,
    );
    const [chart] = fake.charts(HISTORY_SHEET);
    expect(chart!.added).toHaveLength(1);
    expect(chart!.added[0]!.values).toEqual(reference.values);
    expect(chart!.added[0]!.xValues).toEqual(chart!.xValues);
  });

  it('an older history (no "Gartner 2020" yet) gets the 40% on its earlier rows too, on both surfaces', async () => {
    // A history as refreshes wrote it before the column existed: twelve headers, two rows.
    const older = HISTORY_HEADERS.slice(0, HISTORY_COL.reference);
    const row = (daysAgo: number, share: number): (string | number | null)[] => [
      excelSerial(NOW) - daysAgo,
      sample.sheetName,
      20,
      20,
      2,
      3,
      4,
      11,
      0,
      share,
      null,
      JSON.stringify([sample.sheetName]),
    ];
    const input = createWorkbook(
      [
        { name: sample.sheetName, values: sample.values, headerRow: sample.headerRow },
        { name: HISTORY_SHEET, values: [[...older], row(60, 0.3), row(30, 0.35)], headerRow: 0 },
      ],
      NOW,
    );
    const viaFile = await refreshFile(input, 'h.xlsx', { history: true }, NOW);
    const fake = fakeFromFile(input);
    await createExcelService(hostFor(fake)).refresh({ version: 1, history: true });

    const col = HISTORY_COL.reference;
    const fileColumn = fileSheet(viaFile.bytes, HISTORY_SHEET).map((r) => r[col] ?? null);
    const excelColumn = fake.values(HISTORY_SHEET).map((r) => r[col] ?? null);
    expect(fileColumn).toEqual(['Gartner 2020', 0.4, 0.4, 0.4]);
    expect(excelColumn).toEqual(fileColumn);
    // The earlier rows' other cells are as the refreshes wrote them.
    const shares = fileSheet(viaFile.bytes, HISTORY_SHEET).map((r) => r[HISTORY_COL.activeShare]);
    expect(shares.slice(1, 3)).toEqual([0.3, 0.35]);
    const earlier = viaFile.outcome.plan.history!.earlierCells;
    expect(earlier.filter((c) => c.col === col).map((c) => c.row)).toEqual([1, 2]);
    // The column added since gets the day's last share of each earlier (one-a-day) refresh.
    const dayLast = (rows: readonly (readonly unknown[])[]) =>
      rows.map((r) => r[HISTORY_COL.dayLast] ?? null);
    expect(dayLast(fileSheet(viaFile.bytes, HISTORY_SHEET)).slice(0, 3)).toEqual([
      "Day's last share",
      0.3,
      0.35,
    ]);
    expect(dayLast(fake.values(HISTORY_SHEET))).toEqual(
      dayLast(fileSheet(viaFile.bytes, HISTORY_SHEET)),
    );
  });

  it('a history that has the column gets no 40% filled in (its rows are a record)', async () => {
    const input = createWorkbook(
      [{ name: sample.sheetName, values: sample.values, headerRow: sample.headerRow }],
      NOW,
    );
    const first = await refreshFile(input, 'h.xlsx', { history: true }, NOW);
    const second = await refreshFile(first.bytes, 'h.xlsx', { history: true }, NOW);
    expect(second.outcome.plan.history!.writeHeader).toBe(false);
    expect(
      second.outcome.plan.history!.earlierCells.filter((c) => c.col === HISTORY_COL.reference),
    ).toEqual([]);
  });
});
