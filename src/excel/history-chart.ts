/**
 * The history's line chart through Office.js: the active-role share over every refresh. The
 * history sheet is appended to, so the chart is replaced on each refresh (found by its name and
 * deleted, then added over all the rows) rather than left pointing at the rows it had.
 *
 * The article's 40% line is a second series over the history's "Gartner 2020" cells, as in the
 * file: ChartSeriesCollection.add, ChartSeries.setValues and setXAxisValues are ExcelApi 1.7
 * (learn.microsoft.com/javascript/api/excel/excel.chartseriescollection and excel.chartseries;
 * setValues takes a Range, so the line needs the cells). Without 1.7 the chart has no line.
 *
 * Its alt text goes on the chart's shape once the chart is drawn (chart-alt.ts).
 */

import { rangeToA1, toA1 } from '../core/address';
import type { HistoryWrite } from '../core/write-plan';
import type { ExcelHost } from './host';
import { ACTION_OVERHEAD_BYTES } from './payload';
import type { WriteStep } from './payload';
import { printSteps } from './print';

/**
 * ChartAxis.categoryType and baseTimeUnit (ExcelApi 1.7): a date axis in days, as the file's
 * chart has (<c:dateAx>), so refreshes a quarter apart stand a quarter apart.
 */
export const CHART_AXIS_API = '1.7';

/** ChartSeriesCollection.add, ChartSeries.setValues and setXAxisValues (ExcelApi 1.7). */
export const CHART_SERIES_API = '1.7';

/**
 * Chart.displayBlanksAs (ExcelApi 1.8, learn.microsoft.com/javascript/api/excel/excel.chart):
 * "Interplotted" runs the line across a day's earlier refreshes (blank in the plotted column),
 * as the file's <c:dispBlanksAs val="span"/>. Below 1.8 they are gaps in the line.
 */
export const CHART_BLANKS_API = '1.8';

/** Steps that (re)draw the history chart over the history rows. */
export function historyChartSteps(host: ExcelHost, history: HistoryWrite): WriteStep[] {
  const chart = history.chart;
  if (!chart) return [];
  const dateAxis = host.isSetSupported('ExcelApi', CHART_AXIS_API);
  const reference = host.isSetSupported('ExcelApi', CHART_SERIES_API) ? chart.reference : undefined;
  const blanks = host.isSetSupported('ExcelApi', CHART_BLANKS_API);
  return [
    {
      bytes: 18 * ACTION_OVERHEAD_BYTES,
      queue: (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(history.name);
        // The earlier refresh's chart, if any: a call on a null object does nothing.
        ws.charts.getItemOrNullObject(chart.name).delete();
        const c = ws.charts.add('LineMarkers', ws.getRange(rangeToA1(chart.values)), 'Columns');
        c.name = chart.name;
        c.title.text = chart.title;
        c.legend.visible = false;
        if (blanks) c.displayBlanksAs = chart.blanks === 'span' ? 'Interplotted' : 'NotPlotted';
        const series = c.series.getItemAt(0);
        series.name = chart.seriesName;
        series.setXAxisValues(ws.getRange(rangeToA1(chart.categories)));
        if (reference) {
          const line = c.series.add(reference.name);
          line.setValues(ws.getRange(rangeToA1(reference.values)));
          line.setXAxisValues(ws.getRange(rangeToA1(chart.categories)));
          line.markerStyle = 'None';
          line.format.line.color = '#7F7F7F';
          line.format.line.lineStyle = 'Dash';
        }
        if (dateAxis) {
          c.axes.categoryAxis.categoryType = 'DateAxis';
          c.axes.categoryAxis.baseTimeUnit = 'Days';
        }
        c.setPosition(
          toA1(chart.anchor.from.row, chart.anchor.from.col),
          // setPosition's end cell is covered; the anchor's `to` is the cell just past the chart.
          toA1(chart.anchor.to.row - 1, chart.anchor.to.col - 1),
        );
      },
    },
  ];
}

/** The chart over every row (this refresh's row is written after it), then the print layout. */
export function historyExtras(host: ExcelHost, history: HistoryWrite): WriteStep[] {
  return [...historyChartSteps(host, history), ...printSteps(host, history.name, history.print)];
}
