/** @jest-environment jsdom */

/**
 * Several inventory sheets in the pane: the check boxes choose the sheets refreshed together
 * (with their initiatives counted, blank rows not), the drop-down switches between their
 * mappings, each mapping is saved under its sheet, and one refresh covers them all.
 */

import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App } from '../../src/taskpane/App';
import { FakeService, snapshot } from './fake-service';
import type { FakeServiceOptions } from './fake-service';

configure({ asyncUtilTimeout: 5000 });

const east = snapshot('East', [
  ['East region'],
  [],
  ['ID', 'Initiative', 'Led By', 'Stage', 'I&O Pilot', 'I&O Implementation'],
  ['1', 'Fleet telematics', 'Logistics', 'Pilot', 'None', 'Responsible'],
  [],
  ['2', 'Smart HVAC', 'Facilities', 'Idea', 'None', 'None'],
]);
const west = snapshot('West', [
  ['Ref', 'Scheme', 'Led By', 'Stage', 'I&O Pilot', 'I&O Operations'],
  ['W1', 'Edge platform', 'IT', 'Production', 'Leading', 'Leading'],
  ['W2', 'Yard sensors', 'Logistics', 'Pilot', 'None', 'Runs'],
  ['W3', 'Cold chain', 'Operations', 'Live', 'None', 'None'],
  ['W4', 'Dock doors', 'Logistics', 'Someday', 'None', 'None'],
]);
const notes = snapshot('Notes', [['Meeting notes']]);

async function setup(options: Partial<FakeServiceOptions> = {}): Promise<FakeService> {
  const service = new FakeService({ sheets: [notes, east, west], active: 'Notes', ...options });
  render(
    <FluentProvider theme={webLightTheme}>
      <App service={service} />
    </FluentProvider>,
  );
  await screen.findByRole('button', { name: /Refresh portfolio/ });
  return service;
}

function sheetList(): HTMLElement {
  return screen.getByRole('group', { name: 'Inventory sheets to refresh together' });
}

describe('the inventory sheets', () => {
  it('offers the sheets that look like inventories, with their initiatives', async () => {
    await setup();
    const list = within(sheetList());
    const boxes = [
      list.getByRole('checkbox', { name: 'East — 2 initiatives, 6 recognised headers' }),
      list.getByRole('checkbox', { name: 'West — 4 initiatives, 5 recognised headers' }),
    ];
    expect(list.getAllByRole('checkbox')).toEqual(boxes);
    // The sheet on screen is chosen and cannot be taken out while it is the only one.
    expect(boxes[0]).toHaveProperty('checked', true);
    expect(boxes[0]).toHaveProperty('disabled', true);
    expect(boxes[1]).toHaveProperty('checked', false);
  });

  it('refreshes two sheets together, each with its own mapping', async () => {
    const service = await setup();
    fireEvent.click(within(sheetList()).getByRole('checkbox', { name: /^West/ }));
    await waitFor(() => expect(service.settings.sheets).toEqual(['East', 'West']));
    expect(screen.getByRole('status').textContent).toBe(
      '2 inventory sheets will be refreshed together.',
    );
    // Switch the drop-down to West and map its name column by hand.
    const picker = screen.getByRole('combobox', { name: /Inventory sheet/ });
    fireEvent.click(picker);
    fireEvent.click(await screen.findByRole('option', { name: /^West \(/ }));
    await waitFor(() => expect(picker.textContent).toBe('West'));
    const mapping = screen.getByRole('list', { name: 'Column mapping' });
    fireEvent.click(within(mapping).getByRole('combobox', { name: /^Initiative name/ }));
    fireEvent.click(await screen.findByRole('option', { name: /^B: Scheme/ }));
    await waitFor(() => expect(service.settings.mappings).toEqual({ West: { name: 'Scheme' } }));
    expect(service.settings.sheets).toEqual(['East', 'West']);
    expect(service.settings.mapping).toBeUndefined();

    fireEvent.click(screen.getByRole('button', { name: /Refresh portfolio/ }));
    const results = await screen.findByTestId('results');
    expect(results).toBeTruthy();
    const refresh = service.calls.find((c) => c.kind === 'refresh');
    expect(refresh).toMatchObject({
      settings: { sheets: ['East', 'West'], mappings: { West: { name: 'Scheme' } } },
    });
    // A data issue says which sheet it is on, and selects its cell there.
    fireEvent.click(await within(results).findByRole('button', { name: /^West!D5: / }));
    await waitFor(() =>
      expect(service.calls).toContainEqual({ kind: 'selectCell', sheet: 'West', row: 4, col: 3 }),
    );
  });

  it('the role row filters every sheet refreshed together, and shows them all again', async () => {
    const service = await setup({
      settings: {
        version: 1,
        history: true,
        sheet: 'East',
        sheets: ['East', 'West'],
        mappings: { West: { name: 'Scheme' } },
      },
    });
    // Refresh waits until every chosen sheet has been checked and is ready.
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /Refresh portfolio/ })).toHaveProperty(
        'disabled',
        false,
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: /Refresh portfolio/ }));
    const results = await screen.findByTestId('results');
    const driver = await within(results).findByRole('button', { name: 'Driver' });
    fireEvent.click(driver);
    await waitFor(() => expect(driver.getAttribute('aria-pressed')).toBe('true'));
    const filters = (): unknown[] => service.calls.filter((c) => c.kind === 'filterByRole');
    expect(filters()).toEqual([
      { kind: 'filterByRole', sheet: 'East', role: 'Driver' },
      { kind: 'filterByRole', sheet: 'West', role: 'Driver' },
    ]);
    expect(screen.getByTestId('status').textContent).toBe(
      '“East” and “West” now show only the Driver rows.',
    );
    fireEvent.click(within(results).getByRole('button', { name: 'Show all roles on the sheet' }));
    await waitFor(() => expect(driver.getAttribute('aria-pressed')).toBe('false'));
    expect(filters().slice(2)).toEqual([
      { kind: 'filterByRole', sheet: 'East', role: null },
      { kind: 'filterByRole', sheet: 'West', role: null },
    ]);
  });

  it('taking the other sheet out returns to one sheet with its own mapping', async () => {
    const service = await setup({
      settings: {
        version: 1,
        history: true,
        sheet: 'West',
        sheets: ['East', 'West'],
        mappings: { West: { name: 'Scheme' } },
      },
    });
    const picker = screen.getByRole('combobox', { name: /Inventory sheet/ });
    expect(picker.textContent).toBe('West');
    fireEvent.click(within(sheetList()).getByRole('checkbox', { name: /^East/ }));
    await waitFor(() =>
      expect(service.settings).toEqual({
        version: 1,
        history: true,
        sheet: 'West',
        mapping: { name: 'Scheme' },
      }),
    );
    expect(screen.getByRole('status').textContent).toBe('Only “West” will be refreshed.');
  });

  it('a chosen sheet renamed since is listed, so it can be taken out', async () => {
    const service = await setup({
      settings: { version: 1, history: true, sheet: 'East', sheets: ['East', 'Gone'] },
    });
    const gone = within(sheetList()).getByRole('checkbox', {
      name: 'Gone — not in this workbook any more (renamed or deleted)',
    });
    expect(gone).toHaveProperty('checked', true);
    fireEvent.click(gone);
    await waitFor(() =>
      expect(service.settings).toEqual({ version: 1, history: true, sheet: 'East' }),
    );
  });
});
