/**
 * Several inventory sheets in a real browser (Debian's Chromium, headless, 320 px wide) over
 * the strict fake Excel host: the pane offers the regional sheets with their initiatives,
 * the user chooses them by keyboard, maps the one sheet whose headers are unusual, and one
 * refresh writes every sheet's columns and one summary with roles by sheet — accessible
 * (axe) and without horizontal scrolling.
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SUMMARY_SHEET } from '../../src/core/domain';
import { OUTPUT_HEADERS } from '../../src/core/output';
import { ARTIFACTS, axeViolations, paneHarness, poll } from './infra';

const SHOTS = join(ARTIFACTS, 'screenshots');

jest.setTimeout(90_000);

mkdirSync(SHOTS, { recursive: true });

const { open } = paneHarness(320, 900, 240_000);

async function noHorizontalScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
}

describe('several inventory sheets in the pane', () => {
  it('chooses three regional sheets by keyboard, maps one, and refreshes them together', async () => {
    const { page, errors } = await open('scenario=regions&rows=30');
    const group = page.getByRole('group', { name: 'Inventory sheets to refresh together' });
    await group.waitFor();
    const east = group.getByRole('checkbox', { name: /^East — 30 initiatives, / });
    const west = group.getByRole('checkbox', { name: /^West — 15 initiatives, / });
    const north = group.getByRole('checkbox', { name: /^North — 30 initiatives, / });
    await expect(east.isChecked()).resolves.toBe(true);
    // By keyboard: focus each box and press Space.
    await west.focus();
    await page.keyboard.press('Space');
    await north.focus();
    await page.keyboard.press('Space');
    expect(await poll(() => north.isChecked(), true)).toBe(true);
    await expect(west.isChecked()).resolves.toBe(true);
    await noHorizontalScroll(page);
    expect(await axeViolations(page)).toEqual([]);

    // North's headers are its own: show its mapping and map three columns.
    const picker = page.getByRole('combobox', { name: /^Inventory sheet on screen/ });
    await picker.click();
    await page.getByRole('option', { name: /^North \(/ }).click();
    expect(await poll(() => picker.textContent(), 'North')).toBe('North');
    const pick = async (field: RegExp, option: RegExp): Promise<void> => {
      await page.getByRole('combobox', { name: field }).click();
      await page.getByRole('option', { name: option }).click();
    };
    await pick(/^Initiative name/, /^C: Scheme/);
    await pick(/^Led by/, /^E: Who leads/);
    await pick(/^I&O in implementation/, /^H: Build \(IT\)/);
    const saved = async () =>
      page.evaluate(() => String(window.fakeExcel!.settings.get('iotRoleMap.settings')));
    expect(
      await poll(async () => (JSON.parse(await saved()) as { mappings?: object }).mappings, {
        North: { name: 'Scheme', ledBy: 'Who leads', ioImplementation: 'Build (IT)' },
      }),
    ).toEqual({ North: { name: 'Scheme', ledBy: 'Who leads', ioImplementation: 'Build (IT)' } });
    await page.screenshot({ path: join(SHOTS, 'sheets-inventory-light.png'), fullPage: true });

    await page.getByRole('button', { name: /Refresh portfolio/ }).click();
    await page.getByTestId('results').waitFor();
    const written = await page.evaluate(
      (names) =>
        names.map(
          (n) =>
            window
              .fakeExcel!.values(n)
              .flat()
              .filter((v) => v === 'I&O Role').length,
        ),
      ['East', 'West', 'North'],
    );
    expect(written).toEqual([1, 1, 1]);
    const summary = await page.evaluate(
      (name) => window.fakeExcel!.values(name).map((r) => String(r[0] ?? '')),
      SUMMARY_SHEET,
    );
    expect(summary).toContain('Roles by sheet');
    expect(OUTPUT_HEADERS[0]).toBe('I&O Role');
    await noHorizontalScroll(page);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
