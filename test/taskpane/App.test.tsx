/** @jest-environment jsdom */

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { problem } from '../../src/core/messages';
import type { RefreshOutcome } from '../../src/core/model';
import { planRefresh } from '../../src/core/refresh';
import { App } from '../../src/taskpane/App';
import { initialSheet } from '../../src/taskpane/useRoleMap';
import { FakeService, snapshot } from './fake-service';
import type { FakeServiceOptions } from './fake-service';

const HEADER = ['ID', 'Initiative', 'Led By', 'Stage', 'I&O Pilot', 'I&O Implementation'];

const inventory = snapshot('Inventory', [
  ['IoT initiatives 2026'],
  [],
  HEADER,
  ['1', 'Fleet telematics', 'Logistics', 'Pilot', 'None', 'Responsible'],
  ['2', 'Smart HVAC', 'Facilities', 'Soon', 'None', 'None'],
  ['3', 'Edge platform', 'IT', 'Production', 'Leading', 'Leading'],
]);
const notes = snapshot('Notes', [['Meeting notes'], ['Nothing here']]);
const noName = snapshot('Draft', [
  ['Led By', 'Stage', 'I&O Pilot'],
  ['IT', 'Idea', 'Leading'],
]);

/** What the engine makes of `inventory`: the numbers the pane must show. */
function expectedOutcome(): RefreshOutcome {
  return planRefresh({
    sheets: [notes, inventory],
    options: { sheet: 'Inventory', history: true },
    now: new Date(),
    historyRowCount: 0,
  });
}

async function setup(options: Partial<FakeServiceOptions> = {}): Promise<FakeService> {
  const service = new FakeService({
    sheets: [notes, inventory],
    active: 'Notes',
    ...options,
  });
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

describe('initialSheet', () => {
  const sheets = [
    { name: 'Notes', recognised: 0, isActive: true },
    { name: 'Inventory', recognised: 6, isActive: false },
    { name: 'Old', recognised: 6, isActive: false },
    { name: 'Draft', recognised: 1, isActive: false },
  ];
  it.each([
    ['the saved choice wins', sheets, 'Draft', 'Draft'],
    ['else the most recognised headers (ties: the first)', sheets, undefined, 'Inventory'],
    ['a saved sheet that no longer exists is ignored', sheets, 'Gone', 'Inventory'],
    [
      'else the active sheet',
      [
        { name: 'A', recognised: 0, isActive: false },
        { name: 'B', recognised: 1, isActive: true },
      ],
      undefined,
      'B',
    ],
    ['no sheet at all', [], undefined, undefined],
  ])('%s', (_name, list, saved, expected) => {
    expect(initialSheet(list, saved)).toBe(expected);
  });
});

describe('the task pane', () => {
  it('preselects the inventory sheet and shows the detected mapping with statuses', async () => {
    const service = await setup();
    expect(screen.getByRole('combobox', { name: /Inventory sheet/ })).toHaveProperty(
      'textContent',
      'Inventory',
    );
    const mapping = screen.getByRole('list', { name: 'Column mapping' });
    const name = within(mapping).getByRole('combobox', { name: /Initiative name/ });
    expect(name.textContent).toBe('B: Initiative');
    expect(within(mapping).getByRole('combobox', { name: /Led by found/ }).textContent).toBe(
      'C: Led By',
    );
    expect(within(mapping).getByRole('combobox', { name: /Budget missing/ }).textContent).toBe(
      'Not mapped',
    );
    expect(refreshButton()).toHaveProperty('disabled', false);
    // One preview on open, of the detected inventory, beside the sheet list.
    expect(service.calls.filter((c) => c.kind === 'preview')).toEqual([
      { kind: 'preview', sheet: undefined, mapping: undefined },
    ]);
  });

  it('lists the sheets again when the sheet drop-down opens', async () => {
    const service = await setup();
    service.sheets = [...service.sheets, snapshot('Inventory 2027', inventory.values)];
    fireEvent.click(screen.getByRole('combobox', { name: /Inventory sheet/ }));
    expect(
      await screen.findByRole('option', { name: 'Inventory 2027 (6 recognised headers)' }),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('option', { name: 'Inventory 2027 (6 recognised headers)' }));
    await waitFor(() =>
      expect(service.calls).toContainEqual({
        kind: 'preview',
        sheet: 'Inventory 2027',
        mapping: undefined,
      }),
    );
    expect(service.settings.sheet).toBe('Inventory 2027');
  });

  it('uses the sheet saved in the workbook settings', async () => {
    await setup({
      sheets: [inventory, noName],
      settings: { version: 1, history: true, sheet: 'Draft' },
    });
    expect(screen.getByRole('combobox', { name: /Inventory sheet/ }).textContent).toBe('Draft');
  });

  it('falls back to the detected inventory when the saved sheet was deleted', async () => {
    const service = await setup({ settings: { version: 1, history: true, sheet: 'Gone' } });
    expect(screen.getByRole('combobox', { name: /Inventory sheet/ }).textContent).toBe('Inventory');
    expect(screen.queryByTestId('preview-error')).toBeNull();
    expect(refreshButton()).toHaveProperty('disabled', false);
    expect(service.calls.filter((c) => c.kind === 'preview')).toEqual([
      { kind: 'preview', sheet: 'Gone', mapping: undefined },
      { kind: 'preview', sheet: 'Inventory', mapping: undefined },
    ]);
  });

  it('explains a missing name column in words and does not offer a refresh that would fail', async () => {
    await setup({ sheets: [noName], active: 'Draft' });
    const message = screen.getByTestId('name-missing');
    expect(message.textContent).toContain(problem('no-name-column', { sheet: 'Draft' }).message);
    expect(refreshButton()).toHaveProperty('disabled', true);
  });

  it('maps a field by hand: previews with the mapping and saves it in the workbook', async () => {
    const service = await setup();
    const mapping = screen.getByRole('list', { name: 'Column mapping' });
    fireEvent.click(within(mapping).getByRole('combobox', { name: /^ID/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'B: Initiative' }));
    await waitFor(() =>
      expect(service.calls).toContainEqual({
        kind: 'preview',
        sheet: 'Inventory',
        mapping: { id: 'Initiative' },
      }),
    );
    expect(service.settings).toEqual({
      version: 1,
      history: true,
      sheet: 'Inventory',
      mapping: { id: 'Initiative' },
    });
    await waitFor(() =>
      expect(within(mapping).getByRole('combobox', { name: /^ID mapped/ }).textContent).toBe(
        'B: Initiative',
      ),
    );
  });

  it('switches a field off ("Not used"), saves it as "", and never offers that for the name', async () => {
    const service = await setup();
    const mapping = screen.getByRole('list', { name: 'Column mapping' });
    fireEvent.click(within(mapping).getByRole('combobox', { name: /^Stage/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Not used' }));
    await waitFor(() =>
      expect(service.calls).toContainEqual({
        kind: 'preview',
        sheet: 'Inventory',
        mapping: { stage: '' },
      }),
    );
    expect(service.settings.mapping).toEqual({ stage: '' });
    await waitFor(() =>
      expect(within(mapping).getByRole('combobox', { name: /^Stage not used/ }).textContent).toBe(
        'Not used',
      ),
    );
    fireEvent.click(within(mapping).getByRole('combobox', { name: /^Initiative name/ }));
    await screen.findByRole('option', { name: 'Detect automatically' });
    expect(screen.queryByRole('option', { name: 'Not used' })).toBeNull();
  });

  it('returns a hand-mapped field to automatic detection', async () => {
    const service = await setup({
      settings: { version: 1, history: true, sheet: 'Inventory', mapping: { id: 'Initiative' } },
    });
    const mapping = screen.getByRole('list', { name: 'Column mapping' });
    expect(within(mapping).getByRole('combobox', { name: /^ID mapped/ }).textContent).toBe(
      'B: Initiative',
    );
    fireEvent.click(within(mapping).getByRole('combobox', { name: /^ID/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Detect automatically' }));
    await waitFor(() =>
      expect(within(mapping).getByRole('combobox', { name: /^ID found/ }).textContent).toBe(
        'A: ID',
      ),
    );
    expect(service.settings).toEqual({ version: 1, history: true, sheet: 'Inventory' });
  });

  it('refreshes: announces each phase, then shows counts, share, opportunities and issues', async () => {
    const service = await setup({
      progress: [
        { phase: 'reading', done: 0, total: 0 },
        { phase: 'classifying', done: 2, total: 3 },
        { phase: 'writing', done: 1, total: 2 },
      ],
    });
    service.holdRefresh();
    fireEvent.click(refreshButton());
    await waitFor(() =>
      expect(screen.getByTestId('status').textContent).toBe(
        'Writing roles and summary (part 1 of 2)…',
      ),
    );
    expect(refreshButton().getAttribute('aria-disabled')).toBe('true');
    await act(async () => {
      service.releaseRefresh();
      await Promise.resolve();
    });
    const results = await screen.findByTestId('results');
    const expected = expectedOutcome().summary;
    expect(expected.classified).toBe(3);
    for (const role of ['Bystander', 'Operator', 'Implementer', 'Driver'] as const) {
      expect(within(results).getByTestId(`count-${role}`).textContent).toBe(
        `${expected.counts[role]} (${Math.round(expected.shares[role] * 100)}%)`,
      );
    }
    expect(within(results).getByTestId('active-share').textContent).toBe(
      `${Math.round(expected.activeShare! * 100)}%`,
    );
    expect(within(results).getByText(/this counts the initiatives/)).toBeTruthy();
    const opportunities = within(results).getByTestId('opportunities');
    expect(
      within(opportunities)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(expected.topOpportunities.slice(0, 5).map((r) => r.initiative.name));
    expect(screen.getByTestId('status').textContent).toBe(
      'Refresh complete: roles written on “Inventory”, IoT Role Summary rebuilt.',
    );
    expect(within(results).getByTestId('classified').textContent).toBe(
      '3 of 3 initiatives classified on “Inventory”; 1 needs review.',
    );
    expect(service.calls).toContainEqual({
      kind: 'refresh',
      settings: { version: 1, history: true, sheet: 'Inventory' },
    });
  });

  it('selects the cell of a data issue, and the name cell of an opportunity', async () => {
    const service = await setup();
    fireEvent.click(refreshButton());
    const issues = await screen.findByTestId('issues');
    fireEvent.click(within(issues).getByRole('button', { name: /^D5:/ }));
    fireEvent.click(
      within(screen.getByTestId('opportunities')).getByRole('button', { name: 'Edge platform' }),
    );
    await waitFor(() =>
      expect(service.calls.filter((c) => c.kind === 'selectCell')).toEqual([
        { kind: 'selectCell', sheet: 'Inventory', row: 4, col: 3 },
        { kind: 'selectCell', sheet: 'Inventory', row: 5, col: 1 },
      ]),
    );
  });

  it('shows a refresh failure as a MessageBar with the catalogue sentence', async () => {
    await setup({ sheets: [{ ...inventory, isProtected: true }], active: 'Inventory' });
    fireEvent.click(refreshButton());
    const bar = await screen.findByTestId('error');
    expect(bar.textContent).toContain(problem('protected-sheet', { sheet: 'Inventory' }).message);
    fireEvent.click(within(bar).getByRole('button', { name: 'Dismiss message' }));
    expect(screen.queryByTestId('error')).toBeNull();
  });

  it('turns an unexpected failure into one sentence without a stack trace', async () => {
    await setup({ refreshError: new Error('RichApi.Error: GeneralException\n    at x.js:1') });
    fireEvent.click(refreshButton());
    const bar = await screen.findByTestId('error');
    expect(bar.textContent).toContain('Something unexpected went wrong (RichApi.Error');
    expect(bar.textContent).not.toContain('at x.js');
  });

  it('offers to create an inventory sheet when there is none, then works on it', async () => {
    const service = await setup({ sheets: [notes], active: 'Notes', template: inventory });
    const offer = screen.getByTestId('no-inventory');
    // One message about the missing inventory, not two.
    expect(screen.queryByTestId('preview-error')).toBeNull();
    fireEvent.click(within(offer).getByRole('button', { name: 'Create inventory sheet' }));
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: /Inventory sheet/ }).textContent).toBe(
        'Inventory',
      ),
    );
    expect(service.calls).toContainEqual({ kind: 'createInventorySheet' });
    expect(screen.queryByTestId('no-inventory')).toBeNull();
    expect(refreshButton()).toHaveProperty('disabled', false);
  });

  it('explains a saved mapping whose column is gone, and resets it on request', async () => {
    const service = await setup({
      settings: { version: 1, history: true, sheet: 'Inventory', mapping: { name: 'Project' } },
    });
    const warning = screen.getByTestId('preview-error');
    expect(warning.textContent).toContain('"Project"');
    expect(refreshButton()).toHaveProperty('disabled', true);
    fireEvent.click(within(warning).getByRole('button', { name: 'Reset mapping' }));
    await waitFor(() => expect(screen.queryByTestId('preview-error')).toBeNull());
    expect(service.settings.mapping).toBeUndefined();
    expect(refreshButton()).toHaveProperty('disabled', false);
  });

  it('saves the history option in the workbook', async () => {
    const service = await setup();
    fireEvent.click(screen.getByRole('button', { name: 'Options' }));
    const history = screen.getByRole('switch', { name: /IoT Role History/ });
    expect(history).toHaveProperty('checked', true);
    fireEvent.click(history);
    await waitFor(() => expect(service.settings.history).toBe(false));
    fireEvent.click(refreshButton());
    await screen.findByTestId('results');
    expect(service.calls).toContainEqual({
      kind: 'refresh',
      settings: { version: 1, history: false, sheet: 'Inventory' },
    });
  });

  it('submits the refresh from the form (Enter in the pane)', async () => {
    const service = await setup();
    fireEvent.submit(refreshButton().closest('form')!);
    await screen.findByTestId('results');
    expect(service.calls.filter((c) => c.kind === 'refresh')).toHaveLength(1);
  });
});
