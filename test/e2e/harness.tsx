/**
 * The browser-test page: the real pane and the real Excel adapter over the strict fake
 * Excel host, on a scenario workbook chosen by the query string
 * (?scenario=sample|protected|empty&rows=60&seed=7&theme=light|dark&delay=ms&api=1.8&refreshed=1):
 * `api` caps the ExcelApi requirement set the fake supports, `refreshed` refreshes the workbook
 * before the pane opens (a workbook that already has its summary and history).
 * The fake is exposed as `window.fakeExcel` so the tests can check what the pane did.
 */

import { createExcelService } from '../../src/excel/service';
import { mountPane } from '../../src/taskpane/mount';
import { FakeExcel } from '../fakes/fake-excel';
import { NOTES_SHEET, fakeSheets, parseScenario } from './scenarios';

declare global {
  interface Window {
    fakeExcel?: FakeExcel;
  }
}

const query = new URLSearchParams(window.location.search);
const api = query.get('api');
const fake = new FakeExcel({
  sheets: fakeSheets(parseScenario(window.location.search)),
  active: NOTES_SHEET,
  ...(api ? { supportedSets: { ExcelApi: api } } : {}),
});
window.fakeExcel = fake;

// A delay before each context.sync() stands in for the round trips of a real host, so
// the progress phases get painted as they would in Excel.
const delay = Number(query.get('delay') ?? 0);
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, delay));

const service = createExcelService({
  run: (options, batch) =>
    fake.run(options, (context) => {
      if (delay > 0) {
        const sync = context.sync.bind(context);
        context.sync = async () => {
          await pause();
          return sync();
        };
      }
      return batch(context);
    }),
  runIn: (context, batch) => fake.run(context, batch),
  isSetSupported: (name, version) => fake.isSetSupported(name, version),
  now: () => new Date(Date.UTC(2026, 0, 15, 9, 30)),
});

const theme = query.get('theme') === 'dark' ? 'dark' : 'light';
/** Marked when the fake workbook exists: what comes after is the pane's own time. */
export const HOST_READY_MARK = 'iot-role-map:host-ready';
if (query.get('refreshed') === '1') {
  // An earlier session's refresh: the pane then opens on a workbook that has one.
  void service
    .refresh({ version: 1, history: true })
    .then(() => fake.resetCounters())
    .then(() => {
      performance.mark(HOST_READY_MARK);
      mountPane(service, theme);
    });
} else {
  performance.mark(HOST_READY_MARK);
  mountPane(service, theme);
}
