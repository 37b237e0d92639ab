/**
 * @jest-environment jsdom
 */

/** The error dialog: its URL, its opener side, and the accessible page it renders. */

import { dialogMessage, dialogNotifier, dialogUrl, renderDialog } from '../../src/commands/dialog';
import type { DialogHost } from '../../src/commands/dialog';

const SUCCEEDED = 'succeeded' as unknown as Office.AsyncResultStatus;
const FAILED = 'failed' as unknown as Office.AsyncResultStatus;
const MESSAGE = 'dialogMessageReceived' as unknown as Office.EventType;
const EVENT = 'dialogEventReceived' as unknown as Office.EventType;

function fakeDialogHost(status: Office.AsyncResultStatus) {
  const handlers = new Map<Office.EventType, () => void>();
  const dialog = {
    close: jest.fn(),
    addEventHandler: (type: Office.EventType, h: () => void) => handlers.set(type, h),
    messageChild: jest.fn(),
    sendMessage: jest.fn(),
  };
  const opened: string[] = [];
  const host: DialogHost = {
    open: (url, _options, callback) => {
      opened.push(url);
      callback({
        status,
        value: dialog,
        error: { code: 12007, message: 'A dialog is already open.', name: 'Error' },
        asyncContext: undefined,
        diagnostics: undefined,
      } as unknown as Office.AsyncResult<Office.Dialog>);
    },
    succeeded: SUCCEEDED,
    messageReceived: MESSAGE,
    eventReceived: EVENT,
  };
  return { host, dialog, handlers, opened };
}

it('puts the sentence in the query string of the command page', () => {
  const url = dialogUrl(
    'https://localhost:3000/commands.html?_host_Info=x#h',
    'Sheet "A&B" is protected; unprotect it.',
  );
  expect(url.startsWith('https://localhost:3000/commands.html?message=')).toBe(true);
  expect(dialogMessage(new URL(url).search)).toBe('Sheet "A&B" is protected; unprotect it.');
  expect(dialogMessage('')).toBeNull();
});

it('resolves when the page says it was closed, and closes the dialog', async () => {
  const { host, dialog, handlers, opened } = fakeDialogHost(SUCCEEDED);
  const shown = dialogNotifier(host, 'https://localhost:3000/commands.html').showError('Oops.');
  expect(opened).toHaveLength(1);
  handlers.get(MESSAGE)!();
  await shown;
  expect(dialog.close).toHaveBeenCalled();
});

it('resolves when the user closes the dialog with its own button', async () => {
  const { host, handlers } = fakeDialogHost(SUCCEEDED);
  const shown = dialogNotifier(host, 'https://localhost:3000/commands.html').showError('Oops.');
  handlers.get(EVENT)!();
  await expect(shown).resolves.toBeUndefined();
});

it('resolves at once when the dialog cannot open', async () => {
  const { host } = fakeDialogHost(FAILED);
  await expect(
    dialogNotifier(host, 'https://localhost:3000/commands.html').showError('Oops.'),
  ).resolves.toBeUndefined();
});

describe('the dialog page', () => {
  const close = jest.fn();
  beforeAll(() => renderDialog(document, '<b>Sheet</b> "Plan" is protected.', close));

  it('is an alert dialog labelled by its heading and described by the sentence', () => {
    const main = document.querySelector('[role="alertdialog"]')!;
    expect(document.getElementById(main.getAttribute('aria-labelledby')!)!.textContent).toBe(
      'Refresh roles could not finish',
    );
    expect(document.getElementById(main.getAttribute('aria-describedby')!)!.textContent).toBe(
      '<b>Sheet</b> "Plan" is protected.',
    );
    expect(document.querySelector('b')).toBeNull(); // text, not HTML
  });

  it('focuses Close, which closes; so does Escape', () => {
    const button = document.querySelector('button')!;
    expect(document.activeElement).toBe(button);
    button.click();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(close).toHaveBeenCalledTimes(2);
  });
});
