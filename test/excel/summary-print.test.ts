/**
 * The workbook an executive reads, through Office.js (the strict fake): changes across two
 * refreshes (a role change, an added row, an edited name, a first refresh), the history's line
 * chart replaced rather than piled up, the page layout of both sheets, and the summary's row
 * heights; without ExcelApi 1.9 the print layout is skipped and the cells are the same.
 */

import { HISTORY_SHEET, SUMMARY_SHEET } from '../../src/core/domain';
import { toJsonReport } from '../../src/core/refresh';
import type { RoleMapSettings } from '../../src/core/service';
import { createExcelService } from '../../src/excel/service';
import { FakeExcel } from '../fakes/fake-excel';
import type { Scalar } from '../fakes/fake-excel';
import { hostFor } from './helpers';

import { CHANGE_HEADER, CHANGE_ROWS } from '../fixtures/change-inventory';

const SETTINGS: RoleMapSettings = { version: 1, history: true, sheet: 'Inventory' };

const ROWS: (Scalar | null)[][] = [CHANGE_HEADER, ...CHANGE_ROWS];

function workbook(supportedSets?: Record<string, string>): FakeExcel {
  return new FakeExcel({
    sheets: [{ name: 'Inventory', values: ROWS }],
    ...(supportedSets ? { supportedSets } : {}),
  });
}

/** What a user does between two refreshes: a lead group changed, a name edited, a row added. */
function edit(fake: FakeExcel): void {
  fake.setCellValue('Inventory', 'D3', 'IT');
  fake.setCellValue('Inventory', 'B4', 'Vibration sensors (line 2)');
  const added = ['IOT-4', 'Cold-chain tracking', 'Retail', 'Retail', 'Idea', 'Consulted'];
  added.forEach((v, i) => fake.setCellValue('Inventory', `${'ABCDEF'[i]}5`, v));
  fake.setCellValue('Inventory', 'G5', 'None');
  fake.setCellValue('Inventory', 'H5', 'None');
}

describe('changes since the last refresh (Excel)', () => {
  it('a first refresh: none, and the summary says so', async () => {
    const fake = workbook();
    const outcome = await createExcelService(hostFor(fake)).refresh(SETTINGS);
    expect(outcome.changes).toBeNull();
    expect(toJsonReport(outcome).changes).toEqual([]);
    const text = fake.values(SUMMARY_SHEET).flat().join(' ');
    expect(text).toContain('First refresh of "Inventory"');
  });

  it('a role change and an added row, not an edited name, linked to their rows', async () => {
    const fake = workbook();
    const service = createExcelService(hostFor(fake));
    await service.refresh(SETTINGS);
    edit(fake);
    const outcome = await service.refresh(SETTINGS);
    expect(toJsonReport(outcome).changes).toEqual([
      {
        row: 3,
        sheet: 'Inventory',
        id: 'IOT-2',
        name: 'Fleet telematics',
        from: 'Bystander',
        to: 'Driver',
        kind: 'role',
      },
      {
        row: 5,
        sheet: 'Inventory',
        id: 'IOT-4',
        name: 'Cold-chain tracking',
        from: '',
        to: 'Bystander',
        kind: 'added',
      },
    ]);
    const summary = fake.values(SUMMARY_SHEET);
    const header = summary.findIndex(
      (r, i) => r[0] === 'Initiative' && summary[i - 2]?.[0] === 'Changes since the last refresh',
    );
    expect(header).toBeGreaterThan(0);
    expect(summary.slice(header + 1, header + 3).map((r) => r.slice(0, 5))).toEqual([
      ['IOT-2 Fleet telematics', 'B3', 'Bystander', 'Driver', 'Role changed'],
      ['IOT-4 Cold-chain tracking', 'B5', '—', 'Bystander', 'Added'],
    ]);
    expect(fake.cell(SUMMARY_SHEET, `B${header + 2}`).hyperlink).toMatchObject({
      documentReference: "'Inventory'!B3",
    });
    // The history row counts the changes; the first refresh's row leaves it blank.
    const history = fake.values(HISTORY_SHEET);
    expect(history[0]![10]).toBe('Changes');
    expect(history[1]![10]).toBeNull();
    expect(history[2]![10]).toBe(2);
  });
});

describe('the history chart and the print layout (Excel)', () => {
  it('one line chart over every history row after two refreshes, on a date axis in days', async () => {
    const fake = workbook();
    const service = createExcelService(hostFor(fake));
    await service.refresh(SETTINGS);
    await service.refresh(SETTINGS);
    const charts = fake.charts(HISTORY_SHEET);
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({
      name: 'IoT Role History: active-role share',
      type: 'LineMarkers',
      // "Day's last share" (column N): the two refreshes ran the same day, so one point.
      source: { row: 1, col: 13, rowCount: 2, colCount: 1 },
      xValues: { row: 1, col: 0, rowCount: 2, colCount: 1 },
      displayBlanksAs: 'Interplotted',
      categoryType: 'DateAxis',
      baseTimeUnit: 'Days',
      legendVisible: false,
      // The article's 40% line, over the history's "Gartner 2020" cells (column M) as in the file.
      added: [
        {
          name: 'Gartner, expected by 2020',
          values: { row: 1, col: 12, rowCount: 2, colCount: 1 },
          xValues: { row: 1, col: 0, rowCount: 2, colCount: 1 },
          markerStyle: 'None',
          lineColor: '#7F7F7F',
          lineStyle: 'Dash',
        },
      ],
    });
    expect(fake.values(HISTORY_SHEET).map((r) => r[12])).toEqual(['Gartner 2020', 0.4, 0.4]);
    const shares = fake.values(HISTORY_SHEET).map((r) => r[9]);
    expect(fake.values(HISTORY_SHEET).map((r) => r[13])).toEqual([
      "Day's last share",
      null,
      shares[2],
    ]);
  });

  it('without ExcelApi 1.7 the chart has the share alone and the cells are the same', async () => {
    const fake = workbook({ ExcelApi: '1.6' });
    const service = createExcelService(hostFor(fake));
    await service.refresh(SETTINGS);
    const charts = fake.charts(HISTORY_SHEET);
    expect(charts).toHaveLength(1);
    expect(charts[0]!.added).toEqual([]);
    expect(fake.values(HISTORY_SHEET).map((r) => r[12])).toEqual(['Gartner 2020', 0.4]);
  });

  it('both sheets print landscape, one page wide, with their area and title rows', async () => {
    const fake = workbook();
    const outcome = await createExcelService(hostFor(fake)).refresh(SETTINGS);
    const print = outcome.plan.summary.print!;
    expect(fake.sheet(SUMMARY_SHEET).pageLayout).toMatchObject({
      orientation: 'Landscape',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      centerHorizontally: true,
      marginUnit: 'Inches',
      margins: print.margins,
      printArea: `A1:H${print.area!.rowCount}`,
      printTitleRows: null, // no rows to review: no table runs over pages
    });
    expect(fake.sheet(HISTORY_SHEET).pageLayout).toMatchObject({
      orientation: 'Landscape',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: '$1:$1',
      printArea: null,
    });
    // Wrapped sentences get the row heights the plan computed.
    for (const h of outcome.plan.summary.rowHeights ?? []) {
      expect(fake.sheet(SUMMARY_SHEET).rowHeights.get(h.row)).toBe(h.height);
    }
  });

  it('without ExcelApi 1.9 the page layout is left alone and the cells are the same', async () => {
    const modern = workbook();
    await createExcelService(hostFor(modern)).refresh(SETTINGS);
    const old = workbook({ ExcelApi: '1.8' });
    await createExcelService(hostFor(old)).refresh(SETTINGS);
    expect(old.sheet(SUMMARY_SHEET).pageLayout.orientation).toBe('Portrait');
    expect(old.values(SUMMARY_SHEET)).toEqual(modern.values(SUMMARY_SHEET));
    expect(old.charts(HISTORY_SHEET)).toHaveLength(1);
  });
});

describe('the refreshed workbook opens on the summary (Excel)', () => {
  it('the refresh ends on the summary sheet, so Print prints the brief', async () => {
    const fake = workbook();
    expect(fake.activeSheetName).toBe('Inventory');
    const outcome = await createExcelService(hostFor(fake)).refresh(SETTINGS);
    expect(outcome.plan.openOn).toBe(SUMMARY_SHEET);
    expect(fake.activeSheetName).toBe(SUMMARY_SHEET);
  });

  it('a summary the user hid stays hidden and is not activated (Excel refuses to)', async () => {
    const fake = workbook();
    const service = createExcelService(hostFor(fake));
    await service.refresh(SETTINGS);
    fake.sheet(SUMMARY_SHEET).visibility = 'Hidden';
    fake.activateSheet('Inventory');
    const outcome = await service.refresh(SETTINGS);
    expect(outcome.plan.openOn).toBeNull();
    expect(fake.activeSheetName).toBe('Inventory');
    expect(fake.sheet(SUMMARY_SHEET).visibility).toBe('Hidden');
  });
});

describe('page breaks and footer (Excel, ExcelApi 1.9)', () => {
  it('the summary breaks before page 2 and the details, and prints its footer on every page', async () => {
    const fake = workbook();
    const outcome = await createExcelService(hostFor(fake)).refresh(SETTINGS);
    const print = outcome.plan.summary.print!;
    const layout = fake.sheet(SUMMARY_SHEET).pageLayout;
    expect(print.rowBreaks!.length).toBeGreaterThanOrEqual(2);
    expect(layout.rowBreaks).toEqual(print.rowBreaks);
    expect(layout.headerFooterState).toBe('Default');
    expect(layout.footer).toEqual({
      left: 'IoT Role Map: the roles I&&O plays in the IoT portfolio',
      center: `As of ${print.footer!.center.slice('As of '.length)}`,
      right: 'Page &P of &N',
    });
    // A second refresh replaces the breaks rather than adding to them.
    const again = await createExcelService(hostFor(fake)).refresh(SETTINGS);
    expect(fake.sheet(SUMMARY_SHEET).pageLayout.rowBreaks).toEqual(
      again.plan.summary.print!.rowBreaks,
    );
  });

  it('below ExcelApi 1.9 there are no breaks and no footer, and the refresh succeeds', async () => {
    const old = workbook({ ExcelApi: '1.8' });
    await createExcelService(hostFor(old)).refresh(SETTINGS);
    expect(old.sheet(SUMMARY_SHEET).pageLayout.rowBreaks).toEqual([]);
    expect(old.sheet(SUMMARY_SHEET).pageLayout.footer).toEqual({ left: '', center: '', right: '' });
  });
});
