/** @jest-environment jsdom */

/**
 * Sentences the pane owes before acting (issue 25 item 4, item 7): the ribbon's notice when the
 * pane opens, once; and, where the host cannot read a sort back (below ExcelApi 1.14,
 * Excel.AutoFilter.clearCriteria "clears the filter criteria and sort state"), that a refresh or
 * "Show all roles" clears it — said before anything is cleared, once per sheet.
 */

import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { FILTER_TEXT, problem } from '../../src/core/messages';
import { App } from '../../src/taskpane/App';
import { FakeService, snapshot } from './fake-service';
import type { FakeServiceOptions } from './fake-service';

configure({ asyncUtilTimeout: 5000 });

const inventory = snapshot('Inventory', [
  ['ID', 'Initiative', 'Led By', 'Stage', 'I&O Pilot', 'I&O Implementation'],
  ['1', 'Fleet telematics', 'Logistics', 'Pilot', 'None', 'Responsible'],
  ['2', 'Edge platform', 'IT', 'Production', 'Leading', 'Leading'],
]);

async function setup(options: Partial<FakeServiceOptions> = {}): Promise<FakeService> {
  const service = new FakeService({ sheets: [inventory], ...options });
  render(
    <FluentProvider theme={webLightTheme}>
      <App service={service} />
    </FluentProvider>,
  );
  await screen.findByRole('button', { name: /Refresh portfolio/ });
  return service;
}

function refreshButton(): HTMLElement {
  return screen.getByRole('button', { name: /Refresh portfolio/ });
}

const kinds = (service: FakeService): string[] => service.calls.map((c) => c.kind);

describe('the ribbon’s notice', () => {
  it('is shown once when the pane opens, and goes when dismissed', async () => {
    const left = problem('ribbon-too-large', { rows: 120_000, sheets: 1 }).message;
    const service = await setup({ notice: left });
    const notice = await screen.findByTestId('notice');
    expect(notice.textContent).toBe(left);
    expect(kinds(service).filter((k) => k === 'takeNotice')).toHaveLength(1);
    fireEvent.click(within(notice).getByRole('button', { name: 'Dismiss message' }));
    await waitFor(() => expect(screen.queryByTestId('notice')).toBeNull());
  });

  it('is shown once under React’s StrictMode too (effects run twice; the notice is taken once)', async () => {
    const left = problem('ribbon-too-large', { rows: 120_000, sheets: 1 }).message;
    const service = new FakeService({ sheets: [inventory], notice: left });
    render(
      <StrictMode>
        <FluentProvider theme={webLightTheme}>
          <App service={service} />
        </FluentProvider>
      </StrictMode>,
    );
    expect((await screen.findByTestId('notice')).textContent).toBe(left);
  });

  it('is not shown when the ribbon left none', async () => {
    const service = await setup();
    await waitFor(() => expect(kinds(service)).toContain('takeNotice'));
    expect(screen.queryByTestId('notice')).toBeNull();
  });
});

describe('a sort the host cannot put back', () => {
  it('is said before the first refresh clears anything; the next click refreshes', async () => {
    const service = await setup({ losesSort: true });
    service.calls.length = 0;
    fireEvent.click(refreshButton());
    const notice = await screen.findByTestId('notice');
    expect(notice.textContent).toBe(FILTER_TEXT.sortState('Inventory'));
    // Nothing was cleared or written: the refresh waits for the planner.
    expect(kinds(service)).toEqual(['sortStateNotice']);
    fireEvent.click(refreshButton());
    await waitFor(() => expect(kinds(service)).toContain('refresh'));
    await screen.findByTestId('results');
    // Said once: the next refresh goes ahead at once.
    service.calls.length = 0;
    fireEvent.click(refreshButton());
    await waitFor(() => expect(kinds(service)).toContain('refresh'));
    expect(kinds(service).indexOf('sortStateNotice')).toBeLessThan(
      kinds(service).indexOf('refresh'),
    );
  });

  it('is said before "Show all roles" clears the filter, when no refresh said it yet', async () => {
    const last = {
      at: new Date(2026, 0, 14, 16, 5),
      sheet: 'Inventory',
      total: 2,
      classified: 2,
      counts: { Driver: 1, Implementer: 1, Operator: 0, Bystander: 0, Unclassified: 0 },
      shares: { Driver: 0.5, Implementer: 0.5, Operator: 0, Bystander: 0 },
      activeShare: 1,
      changes: null,
    };
    const service = await setup({ losesSort: true, lastRefresh: { last, summaryExists: true } });
    fireEvent.click(await screen.findByRole('button', { name: 'Driver' }));
    await waitFor(() =>
      expect(service.calls).toContainEqual({
        kind: 'filterByRole',
        sheet: 'Inventory',
        role: 'Driver',
      }),
    );
    // Filtering on one role clears nothing: no notice.
    expect(screen.queryByTestId('notice')).toBeNull();
    const showAll = await screen.findByRole('button', { name: 'Show all roles on the sheet' });
    service.calls.length = 0;
    fireEvent.click(showAll);
    expect((await screen.findByTestId('notice')).textContent).toBe(
      FILTER_TEXT.sortState('Inventory'),
    );
    expect(kinds(service)).toEqual(['sortStateNotice']);
    fireEvent.click(showAll);
    await waitFor(() =>
      expect(service.calls).toContainEqual({
        kind: 'filterByRole',
        sheet: 'Inventory',
        role: null,
      }),
    );
  });

  it('is never said where the host keeps the sort (ExcelApi 1.14 and later)', async () => {
    const service = await setup();
    service.calls.length = 0;
    fireEvent.click(refreshButton());
    await waitFor(() => expect(kinds(service)).toContain('refresh'));
    expect(screen.queryByTestId('notice')).toBeNull();
  });
});
