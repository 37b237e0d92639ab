/**
 * The error dialog of the ribbon command. Excel has no notification bar for add-ins on every
 * platform, so a failure opens a small Office dialog (displayDialogAsync: Excel on Windows,
 * Mac, the web and iPad) on commands.html itself with the sentence in the query string; the
 * page renders it as an accessible alert dialog and tells the opener when it is closed.
 */

import type { ErrorNotifier } from './ribbon';

/** The Office dialog API, passed in (the real one is Office.context.ui + Office enums). */
export interface DialogHost {
  open(
    url: string,
    options: Office.DialogOptions,
    callback: (result: Office.AsyncResult<Office.Dialog>) => void,
  ): void;
  succeeded: Office.AsyncResultStatus;
  messageReceived: Office.EventType;
  eventReceived: Office.EventType;
}

/** The query parameter that turns commands.html into the error dialog. */
export const DIALOG_PARAM = 'message';

/** URL of the dialog page for a message, next to the command page. */
export function dialogUrl(pageUrl: string, message: string): string {
  const url = new URL(pageUrl);
  url.search = '';
  url.hash = '';
  url.searchParams.set(DIALOG_PARAM, message);
  return url.toString();
}

/** An ErrorNotifier that shows the sentence in an Office dialog and waits for it to close. */
export function dialogNotifier(host: DialogHost, pageUrl: string): ErrorNotifier {
  return {
    showError: (message) =>
      new Promise<void>((resolve) => {
        host.open(
          dialogUrl(pageUrl, message),
          { height: 30, width: 40, displayInIframe: true },
          (result) => {
            if (result.status !== host.succeeded) {
              resolve();
              return;
            }
            const dialog = result.value;
            // Any message from the page means "closed by the user".
            dialog.addEventHandler(host.messageReceived, () => {
              dialog.close();
              resolve();
            });
            // Closed with the dialog's own X, or navigation failed.
            dialog.addEventHandler(host.eventReceived, () => resolve());
          },
        );
      }),
  };
}

/** The message a dialog page was opened with, or null on the plain command page. */
export function dialogMessage(search: string): string | null {
  return new URLSearchParams(search).get(DIALOG_PARAM);
}

/** Renders the alert dialog: heading, the sentence, a Close button (Enter/Escape close it). */
export function renderDialog(doc: Document, message: string, close: () => void): void {
  doc.title = 'IoT Role Map: refresh failed';
  const main = doc.createElement('main');
  main.setAttribute('role', 'alertdialog');
  main.setAttribute('aria-labelledby', 'dialog-title');
  main.setAttribute('aria-describedby', 'dialog-message');
  main.style.cssText =
    'font: 14px "Segoe UI", system-ui, sans-serif; padding: 16px; color: #242424;';

  const title = doc.createElement('h1');
  title.id = 'dialog-title';
  title.textContent = 'Refresh roles could not finish';
  title.style.cssText = 'font-size: 18px; margin: 0 0 12px;';

  const text = doc.createElement('p');
  text.id = 'dialog-message';
  text.textContent = message; // text, never HTML: the sentence names user sheets and cells
  text.style.cssText = 'margin: 0 0 16px; line-height: 1.4;';

  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = 'Close';
  button.style.cssText =
    'font: inherit; padding: 6px 20px; background: #0F6CBD; color: #FFFFFF; border: 1px solid #0F6CBD; border-radius: 4px; cursor: pointer;';
  button.addEventListener('click', close);
  doc.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
  });

  main.append(title, text, button);
  doc.body.replaceChildren(main);
  button.focus();
}
