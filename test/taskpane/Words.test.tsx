/** @jest-environment jsdom */

import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import axe from 'axe-core';
import { PANE_TEXT } from '../../src/core/messages';
import { App } from '../../src/taskpane/App';
import { FakeService, snapshot } from './fake-service';

// A busy machine (several test runs at once) renders Fluent slowly: wait up to 5 s.
configure({ asyncUtilTimeout: 5000 });

const inventory = snapshot('Inventory', [
  ['ID', 'Initiative', 'Led By', 'Stage', 'I&O Pilot', 'I&O Implementation'],
  ['1', 'Fleet telematics', 'Digital Factory', 'Pilot', 'None', 'Responsible'],
  ['2', 'Smart HVAC', 'Facilities', 'Soon', 'None', 'None'],
  ['3', 'Twin', 'digital factory', 'Production', 'Leading', 'Leading'],
]);

async function setup(): Promise<FakeService> {
  const service = new FakeService({
    sheets: [inventory],
    active: 'Inventory',
    settings: { version: 1, history: true, sheet: 'Inventory' },
  });
  render(
    <FluentProvider theme={webLightTheme}>
      <App service={service} />
    </FluentProvider>,
  );
  fireEvent.click(await screen.findByRole('button', { name: /Refresh portfolio/ }));
  await screen.findByTestId('issues');
  return service;
}

const savedWords = (service: FakeService) => service.settings.words;

async function noAxeViolations(): Promise<void> {
  document.documentElement.lang = 'en';
  const result = await axe.run(document.body, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
    // jsdom lays nothing out: colours cannot be judged here.
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes[0]?.html ?? ''}`)).toEqual([]);
}

describe('teaching the workbook its own words in the pane', () => {
  it('"Treat as" saves a word, the next refresh uses it, and "Leave as unknown" undoes it', async () => {
    const service = await setup();
    const issues = screen.getByTestId('issues');
    // One group for both spellings of the value, with a labelled choice from the field's vocabulary.
    const choice = within(issues).getByRole('combobox', {
      name: 'Treat “Digital Factory” (Led by) as',
    });
    expect(
      within(choice)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Leave as unknown', 'I&O', 'LOB', 'Operations', 'External', 'Joint']);
    choice.focus();
    fireEvent.change(choice, { target: { value: 'Operations' } });
    await waitFor(() =>
      expect(savedWords(service)).toEqual([
        { field: 'ledBy', value: 'Digital Factory', meaning: 'Operations' },
      ]),
    );
    expect(await screen.findByTestId('stale')).toBeTruthy();
    expect(screen.getByText('Counted as Operations from the next refresh.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /Refresh portfolio/ }));
    await waitFor(() => expect(screen.queryByTestId('stale')).toBeNull());
    const refreshed = service.calls.filter((c) => c.kind === 'refresh');
    expect(refreshed[refreshed.length - 1]).toMatchObject({
      settings: { words: [{ field: 'ledBy', value: 'Digital Factory', meaning: 'Operations' }] },
    });
    // The taught value is no longer a data issue; the stage "Soon" still is.
    const after = screen.getByTestId('issues');
    expect(within(after).queryByRole('combobox', { name: /Digital Factory/ })).toBeNull();
    const soon = within(after).getByRole('combobox', { name: 'Treat “Soon” (Stage) as' });
    fireEvent.change(soon, { target: { value: 'Planned' } });
    await waitFor(() => expect(savedWords(service)).toHaveLength(2));
    fireEvent.change(soon, { target: { value: '__leave__' } });
    await waitFor(() =>
      expect(savedWords(service)).toEqual([
        { field: 'ledBy', value: 'Digital Factory', meaning: 'Operations' },
      ]),
    );
    await noAxeViolations();
  });

  it('lists the words with remove, exports them as JSON and imports a shared list', async () => {
    const service = await setup();
    // The Results tab's controls come an effect after the results land: wait for them.
    fireEvent.change(await screen.findByRole('combobox', { name: /Treat “Soon”/ }), {
      target: { value: 'Planned' },
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Inventory' }));
    fireEvent.click(screen.getByRole('button', { name: /This workbook’s own words \(1\)/ }));
    const list = await screen.findByTestId('words');
    expect(list.textContent).toContain('“Soon” (Stage) → Planned');

    fireEvent.click(within(list).getByRole('button', { name: 'Export as JSON' }));
    const area = within(list).getByTestId<HTMLTextAreaElement>('words-export');
    const exported: unknown = JSON.parse(area.value);
    expect(exported).toEqual({
      kind: 'iot-role-map-words',
      version: 1,
      words: [{ field: 'stage', value: 'Soon', meaning: 'Planned' }],
    });

    // A bad list is one sentence and changes nothing.
    fireEvent.click(within(list).getByRole('button', { name: 'Import…' }));
    fireEvent.change(within(list).getByTestId('words-import'), {
      target: { value: 'ledBy,Digital Factory,Factory' },
    });
    fireEvent.click(within(list).getByRole('button', { name: 'Import words' }));
    expect(
      await screen.findByText(/is taught to mean "Factory", which is not one of/),
    ).toBeTruthy();
    expect(savedWords(service)).toHaveLength(1);

    fireEvent.click(within(list).getByRole('button', { name: 'Import…' }));
    fireEvent.change(within(list).getByTestId('words-import'), {
      target: {
        value: JSON.stringify({
          kind: 'iot-role-map-words',
          version: 1,
          words: [{ field: 'ledBy', value: 'Digital Factory', meaning: 'Operations' }],
        }),
      },
    });
    fireEvent.click(within(list).getByRole('button', { name: 'Import words' }));
    await waitFor(() => expect(savedWords(service)).toHaveLength(2));
    await noAxeViolations();

    fireEvent.click(within(list).getByRole('button', { name: 'Remove “Soon” (Stage)' }));
    await waitFor(() =>
      expect(savedWords(service)).toEqual([
        { field: 'ledBy', value: 'Digital Factory', meaning: 'Operations' },
      ]),
    );
  });
});

describe('the words export', () => {
  it.each([
    ['copies it and says so', true, PANE_TEXT.wordsCopied],
    [
      'selects it and says how, where the host refuses the clipboard',
      false,
      PANE_TEXT.wordsCopyFailed,
    ],
  ])('%s', async (_name, allowed, said) => {
    const written: string[] = [];
    const service = new FakeService({
      sheets: [inventory],
      active: 'Inventory',
      settings: {
        version: 1,
        history: true,
        sheet: 'Inventory',
        words: [{ field: 'stage', value: 'Soon', meaning: 'Planned' }],
      },
    });
    render(
      <FluentProvider theme={webLightTheme}>
        <App
          service={service}
          clipboard={{
            writeText: (t) => {
              if (!allowed) return Promise.reject(new Error('NotAllowedError'));
              written.push(t);
              return Promise.resolve();
            },
          }}
        />
      </FluentProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: /This workbook’s own words \(1\)/ }));
    const list = await screen.findByTestId('words');
    fireEvent.click(within(list).getByRole('button', { name: 'Export as JSON' }));
    const area = within(list).getByTestId<HTMLTextAreaElement>('words-export');
    fireEvent.click(within(list).getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(within(list).getByTestId('words-copied').textContent).toBe(said));
    expect(written).toEqual(allowed ? [area.value] : []);
    if (!allowed) expect(document.activeElement).toBe(area);
  });
});
