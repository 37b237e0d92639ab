/**
 * Task pane entry: waits for Office, builds the Excel service over the real host and renders
 * the pane. In a plain browser (no Office, or Office.onReady without a host) it renders the
 * page that explains where the add-in runs, never a blank page.
 */

import { createExcelService } from '../excel/service';
import { browserThemeName, mountOutsideOffice, mountPane } from './mount';
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
  const service = createExcelService({
    run: (options, batch) => Excel.run(options, batch),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
  });
  mountPane(service, themeNameFromOffice(Office.context.officeTheme));
}

void start();
