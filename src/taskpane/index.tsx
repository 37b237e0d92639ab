/**
 * Task pane entry: waits for Office, builds the Excel service over the real host and renders
 * the pane. In a plain browser (no Office, or Office.onReady without a host) it renders the
 * page that explains where the add-in runs, never a blank page.
 */

import type { ExcelHost } from '../excel/host';
import { runSelfTest } from '../excel/selftest';
import { createExcelService } from '../excel/service';
import { browserThemeName, mountOutsideOffice, mountPane } from './mount';
import { mountSelfTest } from './SelfTest';
import { themeNameFromOffice } from './theme';

async function start(): Promise<void> {
  // office.js is a script tag: it is absent when the CDN (or local copy) could not be loaded.
  if (typeof Office === 'undefined') {
    mountOutsideOffice(browserThemeName());
    return;
  }
  const info = await Office.onReady();
  if (info.host !== Office.HostType.Excel) {
    mountOutsideOffice(browserThemeName());
    return;
  }
  const host: ExcelHost = {
    run: (options, batch) => Excel.run(options, batch),
    runIn: (context, batch) => Excel.run(context, batch),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
  };
  const theme = themeNameFromOffice(Office.context.officeTheme);
  // taskpane.html?selftest: "Check this Excel" (README, "Check this Excel").
  if (new URLSearchParams(window.location.search).has('selftest')) {
    mountSelfTest(() => runSelfTest(host), theme);
    return;
  }
  mountPane(createExcelService(host), theme);
}

void start();
