/**
 * The task pane in a real browser (Debian's Chromium, headless, 320 px wide) against the
 * strict fake Excel host, on the realistic sample inventory. The numbers the pane shows are
 * checked against the core run in node on the same workbook.
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { problem } from '../../src/core/messages';
import { FIELDS, ROLES } from '../../src/core/model';
import type { RefreshOutcome } from '../../src/core/model';
import { planRefresh } from '../../src/core/refresh';
import { previewInventory } from '../../src/core/preview';
import { FIELD_LABELS } from '../../src/taskpane/labels';
import { columnLetter } from '../../src/core/address';
import type { Browser } from './infra';
import {
  ARTIFACTS,
  axeViolations,
  buildPane,
  collectErrors,
  launch,
  poll,
  removeDir,
  serve,
  tabUntil,
} from './infra';
import { DEFAULT_SCENARIO, snapshots } from './scenarios';

const INVENTORY = 'IoT Inventory';
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const SHOTS = join(ARTIFACTS, 'screenshots');

// Page loads and a webpack build on a busy 2-core machine: generous, but bounded.
jest.setTimeout(90_000);

let dist = '';
let server: { url: string; close: () => Promise<void> } | null = null;
let browser: Browser | null = null;

beforeAll(async () => {
  dist = await buildPane('development', true);
  server = await serve(dist);
  browser = await launch(320, 900);
  mkdirSync(SHOTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dist) removeDir(dist);
});

afterEach(() => {
  // The add-in makes no network request of its own (SPEC §4).
  expect(browser!.outside).toEqual([]);
});

/** Opens the harness page on a scenario and waits until the pane is ready. */
async function open(query: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser!.context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${server!.url}/harness.html?${query}`);
  await page.getByRole('heading', { name: 'IoT Role Map', level: 1 }).waitFor();
  await page.getByText('Reading the workbook…').waitFor({ state: 'detached' });
  return { page, errors };
}

function refreshButton(page: Page) {
  return page.getByRole('button', { name: /Refresh portfolio/ });
}

function expected(): RefreshOutcome {
  return planRefresh({
    sheets: snapshots(DEFAULT_SCENARIO),
    options: { sheet: INVENTORY, history: true },
    now: new Date(),
    historyRowCount: 0,
  });
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
}

async function refreshAndWait(page: Page): Promise<void> {
  await refreshButton(page).click();
  await page.getByTestId('results').waitFor();
}

describe('the task pane in Chromium against the fake Excel host', () => {
  it('preselects the inventory sheet and shows the detected mapping', async () => {
    const { page, errors } = await open('scenario=sample');
    await expect(refreshButton(page).isEnabled()).resolves.toBe(true);
    await expect(
      page.getByRole('combobox', { name: /Inventory sheet/ }).textContent(),
    ).resolves.toBe(INVENTORY);
    const preview = previewInventory(snapshots(DEFAULT_SCENARIO), { sheet: INVENTORY });
    const list = page.getByRole('list', { name: 'Column mapping' });
    for (const field of FIELDS) {
      const m = preview.detection.columns[field];
      const want = m.col === null ? 'Not mapped' : `${columnLetter(m.col)}: ${m.header ?? ''}`;
      const label = FIELD_LABELS[field].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      await expect(
        list
          .getByRole('combobox', { name: new RegExp(`^${label}`) })
          .first()
          .textContent(),
      ).resolves.toBe(want);
    }
    await page.screenshot({ path: join(SHOTS, 'pane-before-refresh-light.png'), fullPage: true });
    await noHorizontalScroll(page);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('every drop-down opens, chooses and closes by mouse and keyboard, and Refresh stays usable', async () => {
    const { page, errors } = await open('scenario=sample');
    await page.getByRole('button', { name: /Column mapping/ }).waitFor();
    const boxes = page.getByRole('combobox');
    const count = await boxes.count();
    // The sheet picker and every mapping drop-down.
    expect(count).toBeGreaterThanOrEqual(1 + FIELDS.length);
    const reference = await refreshPixels(page);
    for (let i = 0; i < count; i++) {
      const box = boxes.nth(i);
      const before = await box.textContent();
      // Mouse: open, choose the option already chosen (the state stays as it was), closed.
      await box.click();
      const listbox = page.getByRole('listbox');
      await listbox.waitFor();
      await listbox.locator('[role="option"][aria-selected="true"]').click();
      await listbox.waitFor({ state: 'detached' });
      await expectPaneUsable(page, reference);
      // Keyboard: open with Alt+ArrowDown, close with Escape.
      await box.focus();
      await page.keyboard.press('Alt+ArrowDown');
      await page.getByRole('listbox').waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('listbox').waitFor({ state: 'detached' });
      await expect(box.textContent()).resolves.toBe(before);
      await expectPaneUsable(page, reference);
    }
    // And the pane still refreshes.
    await refreshAndWait(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refreshes: the counts are the ones the core computes, and the workbook gets its columns', async () => {
    const { page, errors } = await open('scenario=sample&delay=40');
    // Every text of the live status region, as a screen reader would hear it.
    await page.evaluate(() => {
      const status = document.querySelector('[data-testid="status"]')!;
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      new MutationObserver(() => heard.push(status.textContent ?? '')).observe(status, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await refreshButton(page).click();
    await page.getByTestId('results').waitFor();
    const heard = await page.evaluate(() => (window as unknown as { heard: string[] }).heard);
    const order = ['Reading', 'Classif', 'Writing', 'Refresh complete'];
    const phases = heard
      .map((t) => order.findIndex((p) => t.startsWith(p)))
      .filter((i) => i !== -1);
    // In order, never back; "Writing (part n of m)" only shows on inventories big enough to
    // need several write batches (60 rows fit in one).
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    expect([phases[0], phases.includes(1), phases[phases.length - 1]]).toEqual([0, true, 3]);
    const want = expected().summary;
    for (const role of ROLES) {
      const text = await page.getByTestId(`count-${role}`).textContent();
      expect(text).toBe(`${want.counts[role]} (${Math.round(want.shares[role] * 100)}%)`);
    }
    await expect(page.getByTestId('active-share').textContent()).resolves.toBe(
      `${Math.round(want.activeShare! * 100)}%`,
    );
    await expect(page.getByTestId('classified').textContent()).resolves.toBe(
      `${want.classified} of ${want.total} initiatives classified on “${INVENTORY}”; ${want.needsReview} ${want.needsReview === 1 ? 'needs' : 'need'} review.`,
    );
    const written = await page.evaluate(
      (sheet) => ({
        header: window.fakeExcel!.values(sheet)[2],
        sheets: window.fakeExcel!.sheetNames(),
      }),
      INVENTORY,
    );
    expect(written.header).toEqual(expect.arrayContaining(['I&O Role', 'Data Issues']));
    expect(written.sheets).toEqual(
      expect.arrayContaining([INVENTORY, 'IoT Role Summary', 'IoT Role History']),
    );
    await page.screenshot({ path: join(SHOTS, 'pane-after-refresh-light.png'), fullPage: true });
    // The README's picture: the results without the mapping list.
    await page.getByRole('button', { name: /Column mapping/ }).click();
    await page.screenshot({ path: join(SHOTS, 'pane-results-light.png'), fullPage: true });
    const issuesTop = await page.evaluate(
      () => document.getElementById('issues-heading')!.getBoundingClientRect().top + window.scrollY,
    );
    await page.screenshot({
      path: join(SHOTS, 'pane-readme-light.png'),
      fullPage: true,
      clip: { x: 0, y: 0, width: 320, height: Math.ceil(issuesTop) - 8 },
    });
    await noHorizontalScroll(page);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('selects the cell of a data issue when it is clicked', async () => {
    const { page } = await open('scenario=sample');
    await refreshAndWait(page);
    const first = expected()
      .summary.review.flatMap((r) => r.issues)
      .find((i) => i.col !== null)!;
    await page
      .getByTestId('issues')
      .getByRole('button', { name: new RegExp(`^${first.address!}:`) })
      .first()
      .click();
    const want = `'${INVENTORY}'!${first.address!}`;
    expect(await poll(() => page.evaluate(() => window.fakeExcel!.selectedAddress), want)).toBe(
      want,
    );
    await page.close();
  });

  it('shows the protected-sheet message and writes nothing', async () => {
    const { page, errors } = await open('scenario=protected');
    const before = await page.evaluate((s) => window.fakeExcel!.dump(s), INVENTORY);
    await refreshButton(page).click();
    const bar = page.getByTestId('error');
    await bar.waitFor();
    await expect(bar.textContent()).resolves.toContain(
      problem('protected-sheet', { sheet: INVENTORY }).message,
    );
    await expect(page.evaluate((s) => window.fakeExcel!.dump(s), INVENTORY)).resolves.toBe(before);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works from the keyboard alone: Tab to Refresh, Enter, Tab to an issue, Enter', async () => {
    const { page } = await open('scenario=sample');
    await tabUntil(page, 'button[type="submit"]');
    expect(await focusIsVisible(page)).toBe(true);
    await page.locator('button[type="submit"]').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('results').waitFor();
    await tabUntil(page, '[data-testid="issues"]');
    const label = await page.evaluate(() => document.activeElement?.textContent ?? '');
    await page.keyboard.press('Enter');
    const want = `'${INVENTORY}'!${label}`;
    expect(await poll(() => page.evaluate(() => window.fakeExcel!.selectedAddress), want)).toBe(
      want,
    );
    // Focus is visible where it lands: the pixels around the focused control change on blur.
    expect(await focusIsVisible(page)).toBe(true);
    await page.close();
  });

  it('offers to create an inventory sheet in an empty workbook', async () => {
    const { page, errors } = await open('scenario=empty');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create inventory sheet' }).click();
    const picker = page.getByRole('combobox', { name: /Inventory sheet/ });
    expect(await poll(() => picker.textContent(), INVENTORY)).toBe(INVENTORY);
    await expect(page.evaluate(() => window.fakeExcel!.sheetNames())).resolves.toContain(INVENTORY);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows the dark theme without accessibility violations', async () => {
    const { page, errors } = await open('scenario=sample&theme=dark');
    await page.screenshot({ path: join(SHOTS, 'pane-before-refresh-dark.png'), fullPage: true });
    await refreshAndWait(page);
    const background = await page.evaluate(
      () => getComputedStyle(document.querySelector('[data-testid="pane-page"]')!).backgroundColor,
    );
    expect(background).not.toBe('rgb(255, 255, 255)');
    await page.screenshot({ path: join(SHOTS, 'pane-after-refresh-dark.png'), fullPage: true });
    await noHorizontalScroll(page);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('taskpane.html inside Excel (office.js replaced by a stand-in over the fake host)', () => {
  it('waits for Office, follows its dark theme, and refreshes through Excel.run', async () => {
    const page = await browser!.context.newPage();
    const errors = collectErrors(page);
    await page.route(OFFICE_JS_CDN, (route) =>
      route.fulfill({ path: join(dist, 'officeStub.js'), contentType: 'text/javascript' }),
    );
    await page.goto(`${server!.url}/taskpane.html`);
    await page.waitForFunction(
      () => document.querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled === false,
    );
    const background = await page.evaluate(
      () => getComputedStyle(document.querySelector('[data-testid="pane-page"]')!).backgroundColor,
    );
    expect(background).not.toBe('rgb(255, 255, 255)');
    await refreshAndWait(page);
    const want = expected().summary;
    await expect(page.getByTestId('count-Driver').textContent()).resolves.toBe(
      `${want.counts.Driver} (${Math.round(want.shares.Driver * 100)}%)`,
    );
    await expect(page.evaluate(() => window.fakeExcel!.sheetNames())).resolves.toContain(
      'IoT Role Summary',
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('taskpane.html outside Office', () => {
  it('says it runs inside Excel and how to sideload it, without console errors', async () => {
    const page = await browser!.context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server!.url}/taskpane.html`);
    await page.getByTestId('outside-office').waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'IoT Role Map runs inside Excel',
    );
    await page.screenshot({ path: join(SHOTS, 'outside-office.png'), fullPage: true });
    await noHorizontalScroll(page);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** The Refresh button's pixels, scrolled into view and with nothing focused. */
async function refreshPixels(page: Page): Promise<Buffer> {
  const button = refreshButton(page);
  await button.scrollIntoViewIfNeeded();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  return button.screenshot();
}

/**
 * The pane is not covered: the topmost element at the Refresh button's centre is the button,
 * and the button looks exactly as it did before (an opaque layer over the pane changes pixels
 * that the DOM alone would not show).
 */
async function expectPaneUsable(page: Page, reference: Buffer): Promise<void> {
  const button = refreshButton(page);
  await button.scrollIntoViewIfNeeded();
  const box = (await button.boundingBox())!;
  const hit = await page.evaluate(
    ({ x, y }) => {
      const el = document.elementFromPoint(x, y);
      return el?.closest('button')?.getAttribute('type') ?? el?.tagName ?? null;
    },
    { x: box.x + box.width / 2, y: box.y + box.height / 2 },
  );
  expect(hit).toBe('submit');
  const now = await refreshPixels(page);
  // Sub-pixel scrolling moves the text edges (a few %); a covering layer changes nearly all.
  expect(await differingPixels(page, reference, now)).toBeLessThan(0.25);
}

/** Share of pixels that differ visibly between two PNGs of the same size (decoded by Chromium). */
async function differingPixels(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([pa, pb]) => {
      const decode = async (b64: string): Promise<ImageData> => {
        const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
        const bmp = await createImageBitmap(blob);
        const canvas = new OffscreenCanvas(bmp.width, bmp.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bmp, 0, 0);
        return ctx.getImageData(0, 0, bmp.width, bmp.height);
      };
      const [x, y] = [await decode(pa), await decode(pb)];
      if (x.width !== y.width || x.height !== y.height) return 1;
      let differ = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        const d = Math.max(
          Math.abs(x.data[i]! - y.data[i]!),
          Math.abs(x.data[i + 1]! - y.data[i + 1]!),
          Math.abs(x.data[i + 2]! - y.data[i + 2]!),
        );
        if (d > 32) differ++;
      }
      return differ / (x.width * x.height);
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
}

/** True when the focused element looks different once it loses focus (a visible indicator). */
async function focusIsVisible(page: Page): Promise<boolean> {
  const box = await page.evaluate(() => {
    const r = document.activeElement!.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  const pad = 4;
  const clip = {
    x: Math.max(0, box.x - pad),
    y: Math.max(0, box.y - pad),
    width: box.width + 2 * pad,
    height: box.height + 2 * pad,
  };
  const focused = await page.screenshot({ clip });
  await page.evaluate(() => (document.activeElement as HTMLElement).blur());
  const blurred = await page.screenshot({ clip });
  return !focused.equals(blurred);
}
