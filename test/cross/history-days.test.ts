/**
 * Same-day refreshes on the history chart's date axis (issue 23 item 7): the axis steps a day,
 * so several refreshes of one day would stand on one date. The chart plots "Day's last share",
 * the active share of each day's last refresh (a later refresh the same day blanks the earlier
 * one's cell), and the line runs across the blanks; the same cells and chart on both surfaces.
 */

import { HISTORY_SHEET } from '../../src/core/domain';
import { HISTORY_COL } from '../../src/core/summary-sheet';
import { createExcelService } from '../../src/excel/service';
import { generateSampleInventory } from '../../src/cli/sample';
import { createWorkbook, readWorkbook, refreshFile } from '../../src/xlsx/index';
import { REL } from '../../src/xlsx/package';
import { hostFor } from '../excel/helpers';
import { partText } from '../xlsx/helpers';
import { fakeFromFile, fileSheet } from './bridge';

const sample = generateSampleInventory({ rows: 20, seed: 11 });

/** Two refreshes on 25 November, the third the next morning. */
const TIMES = [
  new Date(Date.UTC(2026, 10, 25, 9, 0)),
  new Date(Date.UTC(2026, 10, 25, 15, 30)),
  new Date(Date.UTC(2026, 10, 26, 8, 45)),
];

/** The history chart part of a file. */
function historyChart(bytes: Uint8Array): string {
  const file = readWorkbook(bytes, 'd.xlsx');
  const part = file.sheets.find((s) => s.name === HISTORY_SHEET)!.part;
  const drawing = file.pkg.relsOfKind(part, REL.drawing)[0]!.part;
  return partText(bytes, file.pkg.relsOfKind(drawing, REL.chart)[0]!.part);
}

describe("same-day refreshes on the history's date axis", () => {
  it('plot the last refresh of each day, on both surfaces alike', async () => {
    const input = createWorkbook(
      [{ name: sample.sheetName, values: sample.values, headerRow: sample.headerRow }],
      TIMES[0],
    );
    let bytes = input;
    for (const at of TIMES)
      bytes = (await refreshFile(bytes, 'd.xlsx', { history: true }, at)).bytes;

    const fake = fakeFromFile(input);
    let clock = TIMES[0]!;
    const service = createExcelService({ ...hostFor(fake), now: () => clock });
    for (const at of TIMES) {
      clock = at;
      await service.refresh({ version: 1, history: true });
    }

    const fileRows = fileSheet(bytes, HISTORY_SHEET);
    const column = (rows: readonly (readonly unknown[])[], col: number) =>
      rows.slice(0, 4).map((r) => r[col] ?? null);
    const shares = column(fileRows, HISTORY_COL.activeShare);
    // 25 Nov 09:00 is not its day's last; 15:30 is; 26 Nov 08:45 is, so far.
    expect(column(fileRows, HISTORY_COL.dayLast)).toEqual([
      "Day's last share",
      null,
      shares[2],
      shares[3],
    ]);
    expect(typeof shares[2]).toBe('number');
    expect(fake.values(HISTORY_SHEET).map((r) => r.slice(0, 14))).toEqual(
      fileRows.slice(0, 4).map((r) => r.slice(0, 14)),
    );

    // The file's chart plots that column over all three rows and spans the blank.
    const xml = historyChart(bytes);
    expect(xml).toContain(`<c:f>'${HISTORY_SHEET}'!$N$2:$N$4</c:f>`);
    expect(xml).toContain('<c:dispBlanksAs val="span"/>');
    expect(xml).toContain('<c:dateAx>');
    // Excel's chart: the same cells, blanks interpolated (Chart.displayBlanksAs, ExcelApi 1.8).
    const [chart] = fake.charts(HISTORY_SHEET);
    expect(chart).toMatchObject({
      source: { row: 1, col: HISTORY_COL.dayLast, rowCount: 3, colCount: 1 },
      displayBlanksAs: 'Interplotted',
      categoryType: 'DateAxis',
    });
  });
});
