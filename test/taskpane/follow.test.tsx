/** @jest-environment jsdom */

/**
 * The pane follows the workbook (issue 26): it checks the chosen sheets again on the host's
 * workbook events, when it regains focus, and after a failed refresh; each chosen sheet says
 * whether it is ready; the footer says one thing at a time; the mapping says what it did.
 */

import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { PANE_TEXT, problem } from '../../src/core/messages';
import type { WorkbookChange } from '../../src/core/service';
import { createExcelService } from '../../src/excel/service';
import { App } from '../../src/taskpane/App';
import { FakeExcel } from '../fakes/fake-excel';
import { hostFor } from '../excel/helpers';
import { FakeService, snapshot } from './fake-service';
import type { FakeServiceOptions } from './fake-service';

configure({ asyncUtilTimeout: 5000 });

const HEADER = ['ID', 'Initiative', 'Led By', 'Stage', 'I&O Pilot', 'I&O Implementation'];
const ROWS = [
  ['1', 'Fleet telematics', 'Logistics', 'Pilot', 'None', 'Responsible'],
  ['2', 'Smart HVAC', 'Facilities', 'Soon', 'None', 'None'],
  ['3', 'Edge platform', 'IT', 'Production', 'Leading', 'Leading'],
];
const inventory = snapshot('Inventory', [['IoT initiatives 2026'], [], HEADER, ...ROWS]);
const notes = snapshot('Notes', [['Meeting notes'], ['Nothing here']]);
/** A second inventory whose name column is not recognised ("Programme"). */
const west = snapshot('West', [
  ['Programme', 'Led By', 'Stage', 'I&O Pilot'],
  ['Depot sensors', 'Logistics', 'Pilot', 'Leading'],
]);

async function setup(options: Partial<FakeServiceOptions> = {}): Promise<FakeService> {
  const service = new FakeService({ sheets: [notes, inventory], active: 'Notes', ...options });
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

function emit(service: FakeService, change: WorkbookChange): void {
  act(() => service.emit(change));
}

/** The footer's messages: one at a time. */
function footerBars(): HTMLElement[] {
  return [...screen.getByTestId('footer').querySelectorAll<HTMLElement>('.fui-MessageBar')];
}

describe('the pane follows the workbook', () => {
  it('listens to the workbook once it opens', async () => {
    const service = await setup();
    await waitFor(() => expect(service.calls).toContainEqual({ kind: 'watchWorkbook' }));
  });

  it('stops listening when the pane closes', async () => {
    const service = new FakeService({ sheets: [notes, inventory] });
    const { unmount } = render(
      <FluentProvider theme={webLightTheme}>
        <App service={service} />
      </FluentProvider>,
    );
    await waitFor(() => expect(service.listening).toBe(1));
    unmount();
    expect(service.listening).toBe(0);
  });

  // Over the Excel service and the fake Excel, which tracks what is registered: each handler
  // is removed with EventHandlerResult.remove in the context that added it (learn.microsoft.com,
  // OfficeExtension.EventHandlerResult; "Work with Events using the Excel JavaScript API").
  it('removes the handlers it added in Excel when the pane closes', async () => {
    const fake = new FakeExcel({
      sheets: [
        { name: 'Notes', values: [['Meeting notes']] },
        { name: 'Inventory', values: [HEADER, ...ROWS] },
      ],
      supportedSets: { ExcelApi: '1.17' },
    });
    const { unmount } = render(
      <FluentProvider theme={webLightTheme}>
        <App service={createExcelService(hostFor(fake))} />
      </FluentProvider>,
    );
    await screen.findByRole('button', { name: /Refresh portfolio/ });
    // onActivated, onAdded, onDeleted, onChanged, onProtectionChanged, onNameChanged.
    await waitFor(() => expect(fake.events.total()).toBe(6));
    unmount();
    await waitFor(() => expect(fake.events.total()).toBe(0));
  });

  it.each([
    ['a protection event', true, (s: FakeService) => emit(s, protectionOff)],
    ['the pane regaining focus (no events)', false, () => fireEvent.focus(window)],
  ])(
    'takes the protected-sheet blocker away on %s, and enables Refresh',
    async (_how, events, raise) => {
      const service = await setup({
        sheets: [notes, { ...inventory, isProtected: true }],
        events,
      });
      expect(screen.getByTestId('blocker-protected-sheet')).toBeTruthy();
      expect(refreshButton()).toHaveProperty('disabled', true);
      service.replaceSheet(inventory);
      raise(service);
      await waitFor(() => expect(screen.queryByTestId('blocker-protected-sheet')).toBeNull());
      expect(refreshButton()).toHaveProperty('disabled', false);
    },
  );

  it('checks again after a failed refresh: the failure becomes the blocker, and goes with its cause', async () => {
    const service = await setup({
      refreshError: problem('protected-sheet', { sheet: 'Inventory' }),
    });
    // The planner protected the sheet after the pane looked at it; the refresh finds out.
    service.replaceSheet({ ...inventory, isProtected: true });
    fireEvent.click(refreshButton());
    await waitFor(() => expect(screen.queryByTestId('blocker-protected-sheet')).not.toBeNull());
    // One message: the blocker restates the failure, so the failure is not shown twice.
    expect(footerBars()).toHaveLength(1);
    service.refreshError = undefined;
    service.replaceSheet(inventory);
    emit(service, protectionOff);
    await waitFor(() => expect(footerBars()).toHaveLength(0));
    expect(refreshButton()).toHaveProperty('disabled', false);
  });

  it('keeps a failure the workbook does not explain until it is dismissed', async () => {
    await setup({ refreshError: problem('payload-too-large', { rows: 90000 }) });
    fireEvent.click(refreshButton());
    await screen.findByTestId('error');
    fireEvent.focus(window);
    await act(() => new Promise((ok) => setTimeout(ok, 400)));
    expect(screen.getByTestId('error')).toBeTruthy();
  });

  it('marks the results out of date when the planner edits the inventory, not for our own writes or another sheet', async () => {
    const service = await setup();
    fireEvent.click(refreshButton());
    await screen.findByTestId('results');
    emit(service, { kind: 'edited', sheet: 'Inventory', byThisAddin: true });
    emit(service, { kind: 'edited', sheet: 'Notes', byThisAddin: false });
    await act(() => new Promise((ok) => setTimeout(ok, 300)));
    expect(screen.queryByTestId('stale')).toBeNull();
    emit(service, { kind: 'edited', sheet: 'Inventory', byThisAddin: false });
    const banner = await screen.findByTestId('stale');
    expect(banner.textContent).toBe(PANE_TEXT.stale.edited(['Inventory']));
    expect(screen.getByRole('tab', { name: 'Results (out of date)' })).toBeTruthy();
  });

  it('marks the results out of date on focus when a header was renamed (a host without events)', async () => {
    const service = await setup({ events: false });
    fireEvent.click(refreshButton());
    await screen.findByTestId('results');
    // The check after the refresh takes the sheet as the refresh left it.
    await act(() => new Promise((ok) => setTimeout(ok, 400)));
    fireEvent.focus(window);
    await act(() => new Promise((ok) => setTimeout(ok, 400)));
    expect(screen.queryByTestId('stale')).toBeNull();
    const renamed = HEADER.map((h) => (h === 'Stage' ? 'Phase' : h));
    service.replaceSheet(snapshot('Inventory', [['IoT initiatives 2026'], [], renamed, ...ROWS]));
    fireEvent.focus(window);
    const banner = await screen.findByTestId('stale');
    expect(banner.textContent).toBe(PANE_TEXT.stale.edited(['Inventory']));
  });

  it.each([
    ['the mapping', PANE_TEXT.stale.mapping],
    ['the sheets', PANE_TEXT.stale.sheets],
  ])('says the results are out of date because %s changed', async (what, sentence) => {
    await setup({ sheets: [notes, inventory, { ...inventory, name: 'East' }] });
    fireEvent.click(refreshButton());
    await screen.findByTestId('results');
    fireEvent.click(screen.getByRole('tab', { name: /Inventory/ }));
    if (what === 'the mapping') {
      fireEvent.click(screen.getByRole('combobox', { name: /^ID/ }));
      fireEvent.click(await screen.findByRole('option', { name: 'Not used' }));
    } else {
      fireEvent.click(screen.getByRole('checkbox', { name: /^East/ }));
    }
    await waitFor(() => expect(screen.getByTestId('stale').textContent).toBe(sentence));
  });
});

describe('ready before Refresh', () => {
  it('says which chosen sheet needs mapping, keeps Refresh off, and Map columns goes there', async () => {
    await setup({ sheets: [notes, inventory, west] });
    fireEvent.click(screen.getByRole('checkbox', { name: /^West/ }));
    const status = await screen.findByTestId('sheet-status');
    await waitFor(() =>
      expect(status.querySelector('[data-sheet="West"]')!.getAttribute('data-state')).toBe(
        'needs-mapping',
      ),
    );
    expect(status.querySelector('[data-sheet="Inventory"]')!.getAttribute('data-state')).toBe(
      'ready',
    );
    expect(status.textContent).toContain(PANE_TEXT.needsMapping('West'));
    expect(refreshButton()).toHaveProperty('disabled', true);
    // The footer names the sheet and offers the way there.
    const bar = screen.getByTestId('blocker-no-name-column');
    expect(bar.textContent).toContain(problem('no-name-column', { sheet: 'West' }).message);
    fireEvent.click(within(status).getByRole('button', { name: 'Map columns' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('combobox', { name: /^Initiative name/ }),
      ),
    );
    expect(screen.getByRole('combobox', { name: /^Inventory sheet on screen/ }).textContent).toBe(
      'West',
    );
    fireEvent.click(screen.getByRole('combobox', { name: /^Initiative name/ }));
    fireEvent.click(await screen.findByRole('option', { name: /^A: Programme/ }));
    await waitFor(() =>
      expect(
        screen
          .getByTestId('sheet-status')
          .querySelector('[data-sheet="West"]')!
          .getAttribute('data-state'),
      ).toBe('ready'),
    );
    expect(refreshButton()).toHaveProperty('disabled', false);
  });

  it('says only that there is no inventory, with the template, when the only sheet is notes', async () => {
    await setup({ sheets: [notes] });
    expect(footerBars()).toHaveLength(1);
    expect(screen.getByTestId('no-inventory').textContent).toContain(PANE_TEXT.noInventory);
    // Nothing about mapping the notes sheet until the planner asks for it.
    expect(screen.queryAllByRole('combobox', { name: /^Initiative name/ })).toHaveLength(0);
    fireEvent.click(screen.getByTestId('map-by-hand'));
    await screen.findByRole('combobox', { name: /^Initiative name/ });
  });
});

describe('mapping that explains itself', () => {
  it('says which field lost the column another field took', async () => {
    await setup();
    fireEvent.click(screen.getByRole('combobox', { name: /^Business unit/ }));
    fireEvent.click(await screen.findByRole('option', { name: /^C: Led By/ }));
    const note = await screen.findByTestId('mapping-note');
    expect(note.textContent).toContain('Column C ("Led By") is now read as Business unit');
    expect(note.textContent).toContain('Led by has no column');
  });

  it('warns what will be unclassified when a field needed to classify is not used', async () => {
    await setup();
    fireEvent.click(screen.getByRole('combobox', { name: /^Stage/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Not used' }));
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: /^Stage/ }).closest('li')!.textContent).toContain(
        PANE_TEXT.fieldOff('Stage'),
      ),
    );
  });

  it('keeps focus on a control after Edit and after Detect all columns again', async () => {
    await setup({
      settings: { version: 1, history: true, sheet: 'Inventory', mapping: { id: 'Initiative' } },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Detect all columns again' }));
    await waitFor(() => expect(document.activeElement).not.toBe(document.body));
    expect(
      document.activeElement!.closest('section[aria-labelledby="mapping-heading"]'),
    ).not.toBeNull();
    const edit = screen.queryByRole('button', { name: 'Edit the column mapping' });
    if (edit) {
      fireEvent.click(edit);
      await waitFor(() => expect(document.activeElement!.getAttribute('role')).toBe('combobox'));
    }
  });
});

describe('results land on the answer', () => {
  it('moves focus to the share heading when results arrive', async () => {
    await setup();
    fireEvent.click(refreshButton());
    await screen.findByTestId('results');
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('heading', { name: /active-role share/ }),
      ),
    );
  });
});

const protectionOff: WorkbookChange = { kind: 'protection', sheet: 'Inventory', byThisAddin: null };
