/**
 * Alt text on the refresh's charts through Office.js (Excel's accessibility checker asks for it
 * on every chart; the file surface writes it as the chart frame's `descr`).
 *
 * Excel.Chart has no alt-text property (learn.microsoft.com/javascript/api/excel/excel.chart).
 * Shape.altTextDescription (ExcelApi 1.9, learn.microsoft.com/javascript/api/excel/excel.shape)
 * is, and "Excel defines shapes as any object that sits on the drawing layer of Excel. That
 * means anything outside of a cell is a shape" (learn.microsoft.com/office/dev/add-ins/excel/
 * excel-add-ins-shapes), a chart among them; the API has no chart shape type, so a chart is
 * listed as "Unsupported" (learn.microsoft.com/javascript/api/excel/excel.shapetype). Microsoft
 * does not say in so many words that the chart's shape carries the chart's name, so the shape is
 * looked up rather than assumed: the sheet's shapes are read, and only an "Unsupported" shape
 * named as our chart gets the text. Where the host lists no such shape, nothing is written and
 * nothing fails (the self-test's "chart-alt-text" check shows which case a host is in).
 */

import type { ChartSpec } from '../core/write-plan';
import type { ExcelHost } from './host';

/** Worksheet.shapes and Shape.altTextDescription. */
export const CHART_ALT_TEXT_API = '1.9';

/** Syncs the alt text costs a refresh on a host that has it: the shapes read, the text set. */
export const ALT_TEXT_SYNCS = 2;

/** A chart the refresh drew, by sheet and the name it was given, with its alt text. */
export interface ChartAltText {
  sheet: string;
  name: string;
  altText: string;
}

/** The name a chart is given on every surface (the file writes it as the frame's name). */
export function chartName(spec: ChartSpec): string {
  return spec.kind === 'line' ? spec.name : spec.title;
}

/** The charts of a plan that carry alt text, with their sheets. */
export function chartsWithAltText(
  charts: readonly { sheet: string; spec: ChartSpec | null | undefined }[],
): ChartAltText[] {
  return charts.flatMap(({ sheet, spec }) =>
    spec?.altText ? [{ sheet, name: chartName(spec), altText: spec.altText }] : [],
  );
}

/**
 * Writes each chart's alt text on its shape: one sync reads the sheets' shapes, a second sets
 * the text. Returns the number of charts that got it (0 where the host cannot).
 */
export async function writeChartAltText(
  context: Excel.RequestContext,
  host: Pick<ExcelHost, 'isSetSupported'>,
  charts: readonly ChartAltText[],
): Promise<number> {
  if (charts.length === 0 || !host.isSetSupported('ExcelApi', CHART_ALT_TEXT_API)) return 0;
  const sheetNames = [...new Set(charts.map((c) => c.sheet))];
  const shapes = new Map(
    sheetNames.map((sheet) => [
      sheet,
      context.workbook.worksheets.getItem(sheet).shapes.load('items/name,items/type'),
    ]),
  );
  await context.sync();
  let written = 0;
  for (const chart of charts) {
    const shape = shapes
      .get(chart.sheet)
      ?.items.find((s) => s.name === chart.name && s.type === 'Unsupported');
    if (!shape) continue;
    shape.altTextDescription = chart.altText;
    written++;
  }
  if (written > 0) await context.sync();
  return written;
}
