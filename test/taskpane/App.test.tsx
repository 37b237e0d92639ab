/** @jest-environment jsdom */

import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { problem } from '../../src/core/messages';
import type { RefreshOutcome } from '../../src/core/results';
import { planRefresh } from '../../src/core/refresh';
import {
  changesReport,
  headline,
  opportunities as reportOpportunities,
  projectionLines,
} from '../../src/core/report';
import { keptRefresh } from '../../src/core/kept-refresh';
import { parseLastRefresh } from '../../src/core/last-refresh';
import { HISTORY_HEADERS } from '../../src/core/summary-sheet';
import { App } from '../../src/taskpane/App';
import { FakeService, snapshot } from './fake-service';
import type { FakeServiceOptions } from './fake-service';

// A busy machine (several test runs at once) renders Fluent slowly: wait up to 5 s.
configure({ asyncUtilTimeout: 5000 });

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
const unusual = snapshot('Programmes', [
  ['Portfolio 2026'],
  ['Programme', 'Sponsor', 'Phase', 'Infra team - PoC'],
  ['Fleet', 'Logistics', 'PoC', 'Leads'],
  ['HVAC', 'Facilities', 'Live', 'None'],
]);
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

describe('the task pane', () => {
  it('preselects the inventory sheet and shows the detected mapping with statuses', async () => {
    const service = await setup();
    expect(screen.getByRole('combobox', { name: /Inventory sheet/ })).toHaveProperty(
      'textContent',
      'Inventory',
    );
    // I&O in operations is missing, so the mapping is listed in full rather than as one line.
    const mapping = screen.getByRole('list', { name: 'Column mapping' });
    const name = within(mapping).getByRole('combobox', { name: /^Initiative name/ });
    expect(name.textContent).toBe('B: Initiative');
    expect(name.getAttribute('aria-required')).toBe('true');
    const ledBy = within(mapping).getByRole('combobox', { name: /^Led by/ });
    expect(ledBy.textContent).toBe('C: Led By');
    expect(ledBy.closest('li')!.textContent).toContain(
      'Needed to classify · found · e.g. Logistics, Facilities, IT',
    );
    const ops = within(mapping).getByRole('combobox', { name: /^I&O in operations/ });
    expect(ops.closest('li')!.getAttribute('data-attention')).toBe('warning');
    expect(within(mapping).getByRole('combobox', { name: /^Budget/ }).textContent).toBe(
      'Not mapped',
    );
    // Listed by importance: the name first, the optional fields last.
    const labels = within(mapping)
      .getAllByRole('combobox')
      .map((c) => c.closest('li')!.getAttribute('data-attention') ?? 'ok');
    expect(labels).toHaveLength(14);
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
      await screen.findByRole('option', { name: /^Inventory 2027 \(.*6 recognised headers\)$/ }),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('option', { name: /^Inventory 2027 \(/ }));
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
    // Said beside the button, before any refresh, with the way out.
    const message = screen.getByTestId('blocker-no-name-column');
    expect(message.closest('footer')).toBe(refreshButton().closest('footer'));
    expect(message.textContent).toContain(problem('no-name-column', { sheet: 'Draft' }).message);
    expect(refreshButton()).toHaveProperty('disabled', true);
    fireEvent.click(within(message).getByRole('button', { name: 'Map columns' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('combobox', { name: /^Initiative name/ }),
      ),
    );
  });

  it('maps a field by hand: previews with the mapping and saves it in the workbook', async () => {
    const service = await setup();
    const mapping = screen.getByRole('list', { name: 'Column mapping' });
    fireEvent.click(within(mapping).getByRole('combobox', { name: /^ID/ }));
    const option = await screen.findByRole('option', { name: /^B: Initiative/ });
    // Each column shows a few of its values, to recognise it by.
    expect(option.textContent).toBe(
      'B: Initiativee.g. Fleet telematics, Smart HVAC, Edge platform',
    );
    fireEvent.click(option);
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
      expect(within(mapping).getByRole('combobox', { name: /^ID/ }).textContent).toBe(
        'B: Initiative',
      ),
    );
    expect(
      within(mapping).getByRole('combobox', { name: /^ID/ }).closest('li')!.textContent,
    ).toContain('Optional · mapped by hand');
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
      expect(within(mapping).getByRole('combobox', { name: /^Stage/ }).textContent).toBe(
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
    expect(within(mapping).getByRole('combobox', { name: /^ID/ }).textContent).toBe(
      'B: Initiative',
    );
    fireEvent.click(within(mapping).getByRole('combobox', { name: /^ID/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Detect automatically' }));
    await waitFor(() =>
      expect(within(mapping).getByRole('combobox', { name: /^ID/ }).textContent).toBe('A: ID'),
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
        'Step 3 of 3: writing roles and summary (part 1 of 2)…',
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
    expect(within(results).getByText(/this counts initiatives/)).toBeTruthy();
    // Where ownership is heading, in the report module's words (core/report.ts).
    const projection = within(results).getByTestId('projection');
    // Its words are the report module's (core/report.ts), as on every surface.
    for (const line of projectionLines(expected)) expect(projection.textContent).toContain(line);
    // The brief opens the results.
    expect(within(results).getByTestId('brief').textContent).toContain(
      'I&O plays an active role in 2 of 3 classified initiatives (66.7%)',
    );
    // No earlier output on the sheet: a first refresh, said so.
    expect(within(results).getByTestId('changes').textContent).toContain(
      changesReport(null, 'Inventory').headline,
    );
    const opportunities = within(results).getByTestId('opportunities');
    expect(
      within(opportunities)
        .getAllByRole('button')
        // The links to the cells (a long action's "Show the whole action" expands in place).
        .filter((b) => !b.hasAttribute('aria-expanded'))
        .map((b) => b.textContent),
    ).toEqual(reportOpportunities(expected).items.map((i) => i.label));
    expect(screen.getByTestId('status').textContent).toBe(
      'Refresh complete: roles written on “Inventory”, IoT Role Summary rebuilt.',
    );
    expect(within(results).getByTestId('classified').textContent).toMatch(
      /^3 of 3 initiatives classified on “Inventory”; refreshed \d+ \w+, \d\d:\d\d\./,
    );
    expect(within(results).getByRole('heading', { name: 'Rows to review (1)' })).toBeTruthy();
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
      within(screen.getByTestId('opportunities')).getByRole('button', {
        name: reportOpportunities(expectedOutcome().summary).items.find(
          (i) => i.row.initiative.name === 'Edge platform',
        )!.label,
      }),
    );
    await waitFor(() =>
      expect(service.calls.filter((c) => c.kind === 'selectCell')).toEqual([
        { kind: 'selectCell', sheet: 'Inventory', row: 4, col: 3 },
        { kind: 'selectCell', sheet: 'Inventory', row: 5, col: 1 },
      ]),
    );
  });

  it('says a protected sheet stops the refresh as soon as it is chosen, beside the button', async () => {
    await setup({ sheets: [{ ...inventory, isProtected: true }], active: 'Inventory' });
    const bar = screen.getByTestId('blocker-protected-sheet');
    expect(bar.textContent).toContain(problem('protected-sheet', { sheet: 'Inventory' }).message);
    expect(bar.closest('footer')).toBe(refreshButton().closest('footer'));
    expect(refreshButton()).toHaveProperty('disabled', true);
  });

  it('shows a refresh failure beside the button, without the idle sentence, until dismissed', async () => {
    // A failure the workbook does not show (a check after it finds nothing to clear it).
    const failure = problem('payload-too-large', { rows: 90000 });
    await setup({ refreshError: failure });
    fireEvent.click(refreshButton());
    const bar = await screen.findByTestId('error');
    expect(bar.textContent).toContain(failure.message);
    expect(bar.closest('footer')).toBe(refreshButton().closest('footer'));
    expect(screen.getByTestId('status').textContent).toBe('');
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
  it('maps an unrecognised sheet by hand: header row, name, then a warning until involvement is mapped', async () => {
    const service = await setup({ sheets: [unusual], active: 'Programmes' });
    // No inventory: the template is offered, and mapping this sheet by hand is one click.
    fireEvent.click(screen.getByTestId('map-by-hand'));
    // No dead end: the header row can be picked and every field mapped.
    const headerRow = screen.getByRole('combobox', { name: /^Header row/ });
    expect(headerRow.textContent).toBe('Row 2: Programme, Sponsor, Phase, …');
    expect(refreshButton()).toHaveProperty('disabled', true);
    const mapping = screen.getByRole('list', { name: 'Column mapping' });
    fireEvent.click(within(mapping).getByRole('combobox', { name: /^Initiative name/ }));
    fireEvent.click(await screen.findByRole('option', { name: /^A: Programme/ }));
    await waitFor(() => expect(refreshButton()).toHaveProperty('disabled', false));
    // The name alone classifies nothing: said before the refresh, with the fix.
    const warning = screen.getByTestId('blocker-nothing-to-classify');
    expect(warning.textContent).toContain(
      problem('nothing-to-classify', { sheet: 'Programmes' }).message,
    );
    fireEvent.click(within(mapping).getByRole('combobox', { name: /^I&O in pilot/ }));
    fireEvent.click(await screen.findByRole('option', { name: /^D: Infra team - PoC/ }));
    await waitFor(() => expect(screen.queryByTestId('blocker-nothing-to-classify')).toBeNull());
    expect(service.settings.mapping).toEqual({ name: 'Programme', ioPilot: 'Infra team - PoC' });
    fireEvent.click(refreshButton());
    const results = await screen.findByTestId('results');
    expect(within(results).getByTestId('count-Driver').textContent).toBe('1 (50%)');
  });

  it('picks another header row where one was detected, saves it per sheet, and back', async () => {
    const service = await setup();
    const headerRow = screen.getByRole('combobox', { name: /^Header row/ });
    expect(headerRow.textContent).toBe('Row 3: ID, Initiative, Led By, …');
    fireEvent.click(headerRow);
    fireEvent.click(await screen.findByRole('option', { name: /^Row 1: IoT initiatives 2026/ }));
    await waitFor(() => expect(service.settings.headerRows).toEqual({ Inventory: 0 }));
    expect(service.calls).toContainEqual({
      kind: 'preview',
      sheet: 'Inventory',
      mapping: undefined,
      headerRow: 0,
    });
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: /^Header row/ }).textContent).toBe(
        'Row 1: IoT initiatives 2026',
      ),
    );
    expect(screen.getByText(/You picked this row \(row 3 has the known headers\)/)).toBeTruthy();
    // The refresh carries the choice, as the ribbon and the command line read it.
    fireEvent.click(screen.getByRole('combobox', { name: /^Header row/ }));
    fireEvent.click(await screen.findByRole('option', { name: /^Row 3: ID, Initiative/ }));
    await waitFor(() => expect(service.settings.headerRows).toBeUndefined());
    fireEvent.click(refreshButton());
    await screen.findByTestId('results');
    const refreshed = service.calls.find((c) => c.kind === 'refresh');
    expect(refreshed).toMatchObject({ settings: { sheet: 'Inventory' } });
  });

  it('collapses a well-recognised mapping to one line, and opens it on Edit', async () => {
    const full = snapshot('Full', [
      [...HEADER, 'I&O Operations'],
      ['1', 'Fleet telematics', 'Logistics', 'Pilot', 'None', 'Responsible', 'Responsible'],
    ]);
    await setup({ sheets: [full], active: 'Full' });
    expect(screen.getByTestId('mapping-summary').textContent).toContain('7 columns recognised');
    expect(screen.queryByRole('list', { name: 'Column mapping' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Edit the column mapping' }));
    expect(screen.getByRole('list', { name: 'Column mapping' })).toBeTruthy();
  });

  it('marks the results out of date when the mapping changes, and keeps Refresh at hand', async () => {
    await setup();
    fireEvent.click(refreshButton());
    await screen.findByTestId('results');
    expect(screen.queryByTestId('stale')).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'Inventory' }));
    const mapping = screen.getByRole('list', { name: 'Column mapping' });
    fireEvent.click(within(mapping).getByRole('combobox', { name: /^Stage/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Not used' }));
    expect(await screen.findByRole('tab', { name: 'Results (out of date)' })).toBeTruthy();
    expect(screen.getByTestId('stale').textContent).toContain('Out of date');
    fireEvent.click(refreshButton());
    await waitFor(() => expect(screen.queryByTestId('stale')).toBeNull());
  });

  it('opens the summary sheet and copies a summary', async () => {
    const written: string[] = [];
    const service = new FakeService({ sheets: [notes, inventory], active: 'Notes' });
    render(
      <FluentProvider theme={webLightTheme}>
        <App
          service={service}
          clipboard={{
            writeText: (t) => {
              written.push(t);
              return Promise.resolve();
            },
          }}
        />
      </FluentProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: /Refresh portfolio/ }));
    const results = await screen.findByTestId('results');
    fireEvent.click(await within(results).findByRole('button', { name: 'Open summary sheet' }));
    await waitFor(() =>
      expect(service.calls).toContainEqual({
        kind: 'selectCell',
        sheet: 'IoT Role Summary',
        row: 0,
        col: 0,
      }),
    );
    fireEvent.click(within(results).getByRole('button', { name: 'Copy summary' }));
    await waitFor(() =>
      expect(screen.getByTestId('status').textContent).toBe('Summary copied as plain text.'),
    );
    // The report module's words (core/report.ts), under the sheet and the time.
    expect(written[0]).toContain('IoT Role Map: Inventory, refreshed');
    expect(written[0]).toContain(headline(expectedOutcome())[0]!);
  });

  it('says when the clipboard is refused', async () => {
    const service = new FakeService({ sheets: [notes, inventory], active: 'Notes' });
    render(
      <FluentProvider theme={webLightTheme}>
        <App
          service={service}
          clipboard={{ writeText: () => Promise.reject(new Error('NotAllowedError')) }}
        />
      </FluentProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: /Refresh portfolio/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Copy summary' }));
    expect((await screen.findByTestId('error')).textContent).toContain(
      problem('copy-failed', { sheet: 'IoT Role Summary' }).message,
    );
  });

  it('filters the inventory by role from the role row, clears it, and keeps it through a refresh', async () => {
    const service = await setup();
    fireEvent.click(refreshButton());
    const results = await screen.findByTestId('results');
    // The tab is shown an effect after the results land: wait for it, not only for the panel.
    const driver = await within(results).findByRole('button', { name: 'Driver' });
    expect(driver.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(driver);
    await waitFor(() =>
      expect(service.calls).toContainEqual({
        kind: 'filterByRole',
        sheet: 'Inventory',
        role: 'Driver',
      }),
    );
    await waitFor(() => expect(driver.getAttribute('aria-pressed')).toBe('true'));
    expect(screen.getByTestId('status').textContent).toBe(
      '“Inventory” now shows only the Driver rows.',
    );
    // A role with no initiative is not offered.
    expect(within(results).getByRole('button', { name: 'Operator' }).hasAttribute('disabled')).toBe(
      true,
    );
    fireEvent.click(within(results).getByRole('button', { name: 'Show all roles on the sheet' }));
    await waitFor(() =>
      expect(service.calls).toContainEqual({
        kind: 'filterByRole',
        sheet: 'Inventory',
        role: null,
      }),
    );
    await waitFor(() => expect(driver.getAttribute('aria-pressed')).toBe('false'));
    // Filtered again, then refreshed: the refresh itself sets the filter aside around its
    // writes and puts it back (test/cross/role-filter-refresh.test.ts), so the pane leaves it.
    fireEvent.click(driver);
    await waitFor(() => expect(driver.getAttribute('aria-pressed')).toBe('true'));
    service.calls.length = 0;
    fireEvent.click(refreshButton());
    await waitFor(() => expect(service.calls.some((c) => c.kind === 'refresh')).toBe(true));
    expect(service.calls.map((c) => c.kind)).not.toContain('filterByRole');
    await waitFor(() =>
      expect(screen.getByTestId('status').textContent).toContain('Refresh complete'),
    );
    expect(
      within(screen.getByTestId('results'))
        .getByRole('button', { name: 'Driver' })
        .getAttribute('aria-pressed'),
    ).toBe('true');
  });

  it('shows the role row as plain text where the host cannot filter', async () => {
    await setup({ canFilter: false });
    fireEvent.click(refreshButton());
    const results = await screen.findByTestId('results');
    expect(within(results).queryByRole('button', { name: 'Driver' })).toBeNull();
    expect(await within(results).findByRole('rowheader', { name: 'Driver' })).toBeTruthy();
  });

  it('says why a role filter failed, beside the button', async () => {
    await setup({ filterError: problem('filter-protected', { sheet: 'Inventory' }) });
    fireEvent.click(refreshButton());
    const results = await screen.findByTestId('results');
    fireEvent.click(await within(results).findByRole('button', { name: 'Driver' }));
    const footer = screen.getByTestId('footer');
    await within(footer).findByText(/is protected, so its rows cannot be filtered by role/);
  });

  it('opens on the last refresh recorded in the workbook, marked as such, with the role filter', async () => {
    const last = {
      at: new Date(2026, 0, 14, 16, 5),
      sheet: 'Inventory',
      total: 60,
      classified: 54,
      counts: { Driver: 6, Implementer: 12, Operator: 16, Bystander: 20, Unclassified: 6 },
      shares: { Driver: 6 / 54, Implementer: 12 / 54, Operator: 16 / 54, Bystander: 20 / 54 },
      activeShare: 34 / 54,
      changes: 2,
    };
    const service = await setup({ lastRefresh: { last, summaryExists: true } });
    const tab = screen.getByRole('tab', { name: 'Results' });
    await waitFor(() => expect(tab.getAttribute('aria-selected')).toBe('true'));
    const note = screen.getByTestId('last-refresh');
    expect(note.textContent).toContain('From the last refresh at');
    expect(note.textContent).toContain('“Inventory”');
    expect(note.textContent).toContain('2 changes then');
    expect(screen.getByTestId('active-share').textContent).toBe('63%');
    expect(screen.getByTestId('count-Bystander').textContent).toBe('20 (37%)');
    expect(screen.getByTestId('classified').textContent).toContain('54 of 60 initiatives');
    fireEvent.click(screen.getByRole('button', { name: 'Operator' }));
    await waitFor(() =>
      expect(service.calls).toContainEqual({
        kind: 'filterByRole',
        sheet: 'Inventory',
        role: 'Operator',
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Open summary sheet' }));
    await waitFor(() =>
      expect(service.calls).toContainEqual({
        kind: 'selectCell',
        sheet: 'IoT Role Summary',
        row: 0,
        col: 0,
      }),
    );
    // No copy: the pane has no outcome of its own to copy.
    expect(screen.queryByRole('button', { name: 'Copy summary' })).toBeNull();
  });

  it('copies the summary of the last refresh on a reopened pane, in the report module’s words', async () => {
    const o = planRefresh({
      sheets: [notes, inventory],
      options: { sheet: 'Inventory', history: true },
      now: new Date(Date.UTC(2026, 0, 14, 16, 5)),
      historyRowCount: 0,
    });
    const history = [[...HISTORY_HEADERS], o.plan.history!.row.map((c) => c.value)];
    const written: string[] = [];
    const service = new FakeService({
      sheets: [notes, inventory],
      active: 'Notes',
      lastRefresh: {
        last: parseLastRefresh(history)!,
        summaryExists: true,
        kept: keptRefresh(history),
      },
    });
    render(
      <FluentProvider theme={webLightTheme}>
        <App
          service={service}
          clipboard={{
            writeText: (t) => {
              written.push(t);
              return Promise.resolve();
            },
          }}
        />
      </FluentProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Copy summary' }));
    await waitFor(() =>
      expect(screen.getByTestId('status').textContent).toBe('Summary copied as plain text.'),
    );
    expect(written[0]!.split('\n')[1]).toBe(headline(o)[0]);
    expect(written[0]).toContain('IoT Role Map: Inventory, refreshed');
    // Nothing was refreshed to copy it.
    expect(service.calls.some((c) => c.kind === 'refresh')).toBe(false);
  });

  it('does not offer to filter or open a summary that is gone', async () => {
    const last = {
      at: new Date(2026, 0, 14, 16, 5),
      sheet: 'Renamed inventory',
      total: 1,
      classified: 1,
      counts: { Driver: 1, Implementer: 0, Operator: 0, Bystander: 0, Unclassified: 0 },
      shares: { Driver: 1, Implementer: 0, Operator: 0, Bystander: 0 },
      activeShare: 1,
      changes: null,
    };
    await setup({ lastRefresh: { last, summaryExists: false } });
    expect(screen.getByTestId('last-refresh')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Driver' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Open summary sheet' })).toBeNull();
  });
});
