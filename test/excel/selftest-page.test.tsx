/** @jest-environment jsdom */

/**
 * The "Check this Excel" page (SelfTest.tsx) over the self-test on the fake: the undo warning
 * before anything runs, the report in plain words with its pass/fail total, one polite
 * announcement (the total, not the report), and a confirmation when the report is copied.
 */

import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { SELF_TEST_TEXT } from '../../src/core/messages';
import { runSelfTest } from '../../src/excel/selftest';
import { SelfTest } from '../../src/taskpane/SelfTest';
import { FakeExcel } from '../fakes/fake-excel';
import { hostFor } from './helpers';

configure({ asyncUtilTimeout: 20_000 });

function page(copy: (text: string) => Promise<void>) {
  const fake = new FakeExcel({ sheets: [{ name: 'Mine', values: [['Keep']] }] });
  const run = jest.fn(() => runSelfTest(hostFor(fake)));
  render(
    <FluentProvider theme={webLightTheme}>
      <SelfTest run={run} copy={copy} />
    </FluentProvider>,
  );
  return { run };
}

it('warns that the undo history is cleared before anything runs', () => {
  const { run } = page(() => Promise.resolve());
  expect(screen.getByText(SELF_TEST_TEXT.undoWarning)).toBeTruthy();
  expect(run).not.toHaveBeenCalled();
  expect(screen.getByTestId('selftest-status').textContent).toBe('');
});

it('announces only the total, lists each check in plain words, and confirms the copy', async () => {
  const copied: string[] = [];
  page((text) => Promise.resolve(void copied.push(text)));
  fireEvent.click(screen.getByRole('button', { name: SELF_TEST_TEXT.run }));
  const status = screen.getByTestId('selftest-status');
  await waitFor(() => expect(status.textContent).toBe('16 of 16 checks passed.'));
  expect(status.getAttribute('aria-live')).toBe('polite');
  // The report itself is outside the live region.
  expect(status.contains(screen.getByTestId('selftest-report'))).toBe(false);
  expect(screen.getByText(SELF_TEST_TEXT.titles.countifs)).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: SELF_TEST_TEXT.copy }));
  await waitFor(() => expect(status.textContent).toBe(SELF_TEST_TEXT.copied));
  expect(copied).toHaveLength(1);
  expect(copied[0]!.split('\n')[0]).toBe('16 of 16 checks passed.');
}, 60_000);

it('says when the copy failed', async () => {
  page(() => Promise.reject(new Error('denied')));
  fireEvent.click(screen.getByRole('button', { name: SELF_TEST_TEXT.run }));
  const status = screen.getByTestId('selftest-status');
  await waitFor(() => expect(status.textContent).toBe('16 of 16 checks passed.'));
  fireEvent.click(screen.getByRole('button', { name: SELF_TEST_TEXT.copy }));
  await waitFor(() => expect(status.textContent).toBe(SELF_TEST_TEXT.copyFailed));
}, 60_000);
