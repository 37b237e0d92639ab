/**
 * Browser-test plumbing (node side): build the pane with webpack's Node API, serve it on a
 * random localhost port, and drive Debian's Chromium with playwright-core. Never downloads a
 * browser and never reaches the internet: every request that is not for localhost is either
 * answered from node_modules (office.js) or aborted and recorded, so a test can assert the
 * add-in makes no request of its own.
 */

import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import webpack from 'webpack';
import type { Configuration, Stats } from 'webpack';

export const ROOT = resolve(__dirname, '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test-artifacts');
const OFFICE_JS_DIR = join(ROOT, 'node_modules/@microsoft/office-js/dist');
const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
/** Where office.js itself reaches on load (telemetry), outside the add-in's control. */
const OFFICE_OWN = ['https://telemetryservice.firstpartyapps.oaspapps.com/'];

type ConfigFactory = (
  env: Record<string, string | boolean>,
  argv: { mode: string },
) => Promise<Configuration>;

/** Builds the pane (and the e2e harness page) into a fresh temp dir; returns the dir. */
export async function buildPane(mode: 'development' | 'production', e2e: boolean): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'iot-role-map-pane-'));
  // webpack.config.js is plain CommonJS: loaded the way webpack-cli loads it.
  const factory = createRequire(__filename)(join(ROOT, 'webpack.config.js')) as ConfigFactory;
  const env: Record<string, string | boolean> = { outDir };
  if (e2e) env.e2e = true;
  const config = await factory(env, { mode });
  const stats = await new Promise<Stats>((ok, fail) => {
    webpack(config, (err, result) => {
      if (err) fail(err);
      else if (!result) fail(new Error('webpack returned no stats'));
      else ok(result);
    });
  });
  if (stats.hasErrors()) {
    throw new Error(`The pane build failed:\n${stats.toString({ all: false, errors: true })}`);
  }
  return outDir;
}

/** Removes a build dir. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** A static file server on 127.0.0.1 and a random free port. */
export async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const root = resolve(dir);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep) || !isFile(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no server address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export interface Browser {
  context: BrowserContext;
  /** Requests the add-in itself made for anything but the local server (each one aborted). */
  outside: string[];
  /** Requests office.js made on its own (its telemetry frame), aborted: not the add-in's. */
  officeJs: string[];
  close: () => Promise<void>;
}

/**
 * Launches Debian's Chromium headless with a fresh profile. Fails with a clear message when it
 * is missing (CI installs it with apt); the tests never download a browser.
 */
export async function launch(width = 320, height = 900): Promise<Browser> {
  if (!isFile(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); the browser tests never download a browser.`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'iot-role-map-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width, height },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  const outside: string[] = [];
  const officeJs: string[] = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1' && url.hostname !== 'localhost',
    async (route) => {
      const url = route.request().url();
      // office.js from Microsoft's CDN is answered from the npm package, offline.
      if (url.startsWith(OFFICE_CDN)) {
        const file = normalize(join(OFFICE_JS_DIR, url.slice(OFFICE_CDN.length).split('?')[0]!));
        if (file.startsWith(OFFICE_JS_DIR + sep) && isFile(file)) {
          await route.fulfill({
            status: 200,
            contentType: 'text/javascript; charset=utf-8',
            body: readFileSync(file),
          });
          return;
        }
      }
      (OFFICE_OWN.some((host) => url.startsWith(host)) ? officeJs : outside).push(url);
      await route.abort();
    },
  );
  return {
    context,
    outside,
    officeJs,
    close: async () => {
      await context.close();
      removeDir(profile);
    },
  };
}

/** Console errors and uncaught exceptions of a page, collected from now on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Injects axe-core from node_modules and returns the serious and critical violations. */
export async function axeViolations(
  page: Page,
): Promise<{ id: string; impact: string; targets: string[] }[]> {
  await page.addScriptTag({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
  return page.evaluate(async () => {
    interface AxeResult {
      violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
    }
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<AxeResult> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? '',
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
  });
}

/** Re-evaluates `read` until it returns `want` (or the timeout passes); returns the last value. */
export async function poll<T>(read: () => Promise<T>, want: T, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  while (last !== want && Date.now() < end) {
    await new Promise((ok) => setTimeout(ok, 50));
    last = await read();
  }
  return last;
}

/** Presses Tab until the focused element is inside `selector` (at most `max` times). */
export async function tabUntil(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(
      (sel) => document.activeElement?.closest(sel) != null,
      selector,
    );
    if (hit) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * One browser set-up for a test file: builds and serves the pane, launches Chromium at
 * `width` × `height`, closes everything afterwards, and checks after each test that the add-in
 * made no request of its own (SPEC §4). `open` loads the harness page on a scenario and waits
 * until the pane is ready.
 */
export function paneHarness(
  width: number,
  height: number,
  setupMs = 240_000,
): {
  open: (query: string) => Promise<{ page: Page; errors: string[] }>;
  /** The running browser (for pages other than the harness, or permissions). */
  browser: () => Browser;
  /** The server's base URL. */
  url: () => string;
  /** The build's folder (the office.js stand-in is there). */
  dist: () => string;
} {
  let dist = '';
  let server: { url: string; close: () => Promise<void> } | null = null;
  let browser: Browser | null = null;

  beforeAll(async () => {
    dist = await buildPane('development', true);
    server = await serve(dist);
    browser = await launch(width, height);
  }, setupMs);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dist) removeDir(dist);
  });

  afterEach(() => {
    expect(browser!.outside).toEqual([]);
  });

  return {
    open: async (query) => {
      const page = await browser!.context.newPage();
      const errors = collectErrors(page);
      await page.goto(`${server!.url}/harness.html?${query}`);
      await page.getByRole('heading', { name: 'IoT Role Map', level: 1 }).waitFor();
      await page.getByText('Reading the workbook…').waitFor({ state: 'detached' });
      return { page, errors };
    },
    browser: () => browser!,
    url: () => server!.url,
    dist: () => dist,
  };
}
