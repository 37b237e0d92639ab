/**
 * A stand-in for office.js in the browser tests of taskpane.html: it defines the Office and
 * Excel globals the pane's real entry (src/taskpane/index.tsx) uses, over the strict fake
 * Excel host on the sample workbook, with Office reporting its dark theme. Served in place
 * of Microsoft's CDN script, it checks the production entry end to end without Office.
 */

import { FakeExcel } from '../fakes/fake-excel';
import { DEFAULT_SCENARIO, NOTES_SHEET, fakeSheets } from './scenarios';

const fake = new FakeExcel({ sheets: fakeSheets(DEFAULT_SCENARIO), active: NOTES_SHEET });
window.fakeExcel = fake;

const office = {
  HostType: { Excel: 'Excel' },
  onReady: () => Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }),
  context: {
    requirements: {
      isSetSupported: (name: string, version?: string) => fake.isSetSupported(name, version),
    },
    officeTheme: { isDarkTheme: true, bodyBackgroundColor: '#262626' },
  },
};
const excel = {
  run: (options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<unknown>) =>
    fake.run(options, batch),
};
Object.assign(globalThis, { Office: office, Excel: excel });
