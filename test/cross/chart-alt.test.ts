/**
 * Both charts carry the same alt text on both surfaces (issue 23 item 9, Excel's accessibility
 * checker): the file writes it as the chart frame's `descr`, Excel on the chart's shape
 * (Shape.altTextDescription, ExcelApi 1.9; src/excel/chart-alt.ts), each chart under the same
 * name. A host without ExcelApi 1.9 refreshes all the same, its charts without the text.
 */

import { HISTORY_SHEET, SUMMARY_SHEET } from '../../src/core/domain';
import { createExcelService } from '../../src/excel/service';
import { generateSampleInventory } from '../../src/cli/sample';
import { createWorkbook, readWorkbook, refreshFile } from '../../src/xlsx/index';
import { REL } from '../../src/xlsx/package';
import { FakeExcel } from '../fakes/fake-excel';
import { hostFor, NOW, toScalars } from '../excel/helpers';
import { partText } from '../xlsx/helpers';
import { fakeFromFile } from './bridge';

const sample = generateSampleInventory({ rows: 20, seed: 7 });

/** Each chart frame of a sheet in the file: its name and its alt text. */
function fileFrames(bytes: Uint8Array, sheet: string): { name: string; altText: string }[] {
  const file = readWorkbook(bytes, 'alt.xlsx');
  const part = file.sheets.find((s) => s.name === sheet)!.part;
  return file.pkg
    .relsOfKind(part, REL.drawing)
    .flatMap((rel) =>
      [
        ...partText(bytes, rel.part).matchAll(
          /<xdr:cNvPr id="\d+" name="([^"]*)" descr="([^"]*)"/g,
        ),
      ].map((m) => ({ name: unescape(m[1]!), altText: unescape(m[2]!) })),
    );
}

function unescape(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Each chart of a sheet in the fake: its name and its shape's alt text. */
function excelCharts(fake: FakeExcel, sheet: string): { name: string; altText: string }[] {
  return fake.charts(sheet).map((c) => ({ name: c.name, altText: c.altTextDescription }));
}

describe('chart alt text on both surfaces', () => {
  it('the file and Excel give the summary and history charts the same names and alt text', async () => {
    const input = createWorkbook(
      [{ name: sample.sheetName, values: sample.values, headerRow: sample.headerRow }],
      NOW,
    );
    const viaFile = await refreshFile(input, 'alt.xlsx', { history: true }, NOW);
    const fake = fakeFromFile(input);
    await createExcelService(hostFor(fake)).refresh({ version: 1, history: true });

    for (const sheet of [SUMMARY_SHEET, HISTORY_SHEET]) {
      const file = fileFrames(viaFile.bytes, sheet);
      expect(file).toHaveLength(1);
      expect(file[0]!.altText.length).toBeGreaterThan(20);
      expect(excelCharts(fake, sheet)).toEqual(file);
    }
    const plan = viaFile.outcome.plan;
    expect(excelCharts(fake, SUMMARY_SHEET)[0]!.altText).toBe(plan.summary.chart!.altText);
    expect(excelCharts(fake, HISTORY_SHEET)[0]!.altText).toBe(plan.history!.chart!.altText);
  });

  it('a second refresh in Excel replaces the charts and writes their alt text again', async () => {
    const input = createWorkbook(
      [{ name: sample.sheetName, values: sample.values, headerRow: sample.headerRow }],
      NOW,
    );
    const fake = fakeFromFile(input);
    const service = createExcelService(hostFor(fake));
    await service.refresh({ version: 1, history: true });
    await service.refresh({ version: 1, history: true });
    for (const sheet of [SUMMARY_SHEET, HISTORY_SHEET]) {
      const charts = excelCharts(fake, sheet);
      expect(charts).toHaveLength(1);
      expect(charts[0]!.altText).not.toBe('');
    }
  });

  it('without ExcelApi 1.9 (no Worksheet.shapes) the refresh completes, its charts without alt text', async () => {
    const fake = new FakeExcel({
      sheets: [{ name: sample.sheetName, values: toScalars(sample.values) }],
      supportedSets: { ExcelApi: '1.8' },
    });
    await createExcelService(hostFor(fake)).refresh({ version: 1, history: true });
    for (const sheet of [SUMMARY_SHEET, HISTORY_SHEET]) {
      const charts = excelCharts(fake, sheet);
      expect(charts).toHaveLength(1);
      expect(charts[0]!.altText).toBe('');
    }
  });
});
