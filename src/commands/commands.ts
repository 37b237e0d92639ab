/**
 * Entry point of the ribbon's function-command page (commands.html). Registers the
 * "refreshRoles" action; the same page, opened with ?message=…, is the error dialog.
 * This is the only file of the ribbon that touches the Office and Excel globals.
 */

import { createExcelService } from '../excel/service';
import { REQUIRED_EXCEL_API } from '../excel/host';
import type { ExcelHost } from '../excel/host';
import { ribbonNotifier } from '../excel/notice';
import { dialogMessage, dialogNotifier, renderDialog } from './dialog';
import { completeAfter, runRibbonRefresh } from './ribbon';

function officeHost(): ExcelHost {
  return {
    run: (options, batch) => Excel.run(options, batch),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
  };
}

/** The "Refresh roles" button: refresh with the saved settings, show the outcome. */
export async function refreshRoles(event: Office.AddinCommands.Event): Promise<void> {
  await completeAfter(event, () => {
    const host = officeHost();
    // No dialog API on the host: the sentence waits in the workbook for the pane (notice.ts).
    const notifier = ribbonNotifier(host, () =>
      dialogNotifier(
        {
          open: (url, options, callback) =>
            Office.context.ui.displayDialogAsync(url, options, callback),
          succeeded: Office.AsyncResultStatus.Succeeded,
          messageReceived: Office.EventType.DialogMessageReceived,
          eventReceived: Office.EventType.DialogEventReceived,
        },
        window.location.href,
      ),
    );
    return runRibbonRefresh(createExcelService(host), notifier, {
      ok: host.isSetSupported('ExcelApi', REQUIRED_EXCEL_API),
      requirement: `ExcelApi ${REQUIRED_EXCEL_API}`,
    });
  });
}

if (typeof Office !== 'undefined') {
  const message = dialogMessage(window.location.search);
  if (message === null) {
    // Registered at the top level of the script, as Microsoft's function-command template does
    // (Office-Addin-TaskPane commands.ts: "Register the function with Office."), not inside
    // Office.onReady: a late registration loses the first click (office-js #2744, #3378, #5176).
    Office.actions.associate('refreshRoles', (event: Office.AddinCommands.Event) => {
      void refreshRoles(event);
    });
  }
  void Office.onReady(() => {
    if (message !== null) {
      renderDialog(document, message, () => Office.context.ui.messageParent('close'));
    }
  });
}
