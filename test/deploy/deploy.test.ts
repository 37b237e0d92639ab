/**
 * What an IT admin deploys: the production manifest built for a base URL (at a host's root
 * and under a sub-path), the pages served from a sub-path by a plain static server with their
 * Content-Security-Policy on, in Debian's Chromium, and the package `npm run package` makes.
 * One real production build (with the e2e office.js stand-in beside it) serves every test.
 */

import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page, Request } from 'playwright-core';
import webpack from 'webpack';
import type { Configuration, Stats } from 'webpack';
import {
  OFFICE_TELEMETRY_ORIGIN,
  contentSecurityPolicy,
  manifestVersion,
  parseAddinUrl,
  productionManifest,
} from '../../scripts/deploy';
import { problem } from '../../src/core/messages';
import type { Browser } from '../e2e/infra';
import { ROOT, collectErrors, launch, poll, removeDir, serve } from '../e2e/infra';

type ConfigFactory = (
  env: Record<string, string | boolean>,
  argv: { mode: string },
) => Promise<Configuration>;

const factory = createRequire(__filename)(join(ROOT, 'webpack.config.js')) as ConfigFactory;
const PACKAGE_VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
  }
).version;
const VALIDATE = join(ROOT, 'scripts', 'validate-manifest.mjs');
const PACKAGE = join(ROOT, 'scripts', 'package.mjs');
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const CDN_ORIGIN = 'https://appsforoffice.microsoft.com';
const SUB_PATH = '/tools/iot-role-map/';
const SUB_BASE = `https://intranet.example.org${SUB_PATH}`;
const ROOT_BASE = 'https://iot-role-map.example.com/';
/** office.js as the error dialog sees it: Office.onReady calls back; messageParent is a no-op. */
const DIALOG_HOST = `window.Office = {
  onReady: function (callback) { var info = { host: 'Excel', platform: 'OfficeOnline' }; if (callback) callback(info); return Promise.resolve(info); },
  context: { ui: { messageParent: function () {} } },
};`;

// A production build and page loads on a busy 2-core machine: generous, but bounded.
jest.setTimeout(90_000);

let dist = '';
let buildWarnings: string[] = [];
let webRoot = '';
let server: { url: string; close: () => Promise<void> } | null = null;
let browser: Browser | null = null;
const temps: string[] = [];

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `iot-role-map-${prefix}-`));
  temps.push(dir);
  return dir;
}

/** A production build for `addinUrl`, with the e2e office.js stand-in; returns its warnings. */
async function build(outDir: string, addinUrl: string): Promise<string[]> {
  const config = await factory({ outDir, e2e: true, addinUrl }, { mode: 'production' });
  const stats = await new Promise<Stats>((ok, fail) => {
    webpack(config, (err, result) => {
      if (err) fail(err);
      else if (!result) fail(new Error('webpack returned no stats'));
      else ok(result);
    });
  });
  if (stats.hasErrors()) {
    throw new Error(`The build failed:\n${stats.toString({ all: false, errors: true })}`);
  }
  return stats.compilation.warnings.map((w) => w.message);
}

/** The office.js stand-in of the build (content-hashed in production). */
function officeStub(): string {
  const name = readdirSync(dist).find((f) => /^officeStub\.[0-9a-f]{8}\.js$/.test(f));
  if (!name) throw new Error(`no officeStub.<hash>.js in ${dist}`);
  return join(dist, name);
}

/** Every file under `dir`, "/"-separated and sorted. */
function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

function run(script: string, args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  dist = temp('deploy-dist');
  buildWarnings = await build(dist, SUB_BASE);
  // A static server whose document root holds the build under a sub-path, as an intranet
  // web server would.
  webRoot = temp('deploy-www');
  mkdirSync(join(webRoot, 'tools'));
  symlinkSync(dist, join(webRoot, 'tools', 'iot-role-map'));
  server = await serve(webRoot);
  browser = await launch(320, 900);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const dir of temps) removeDir(dir);
});

describe('ADDIN_URL', () => {
  it.each([
    ['https://addins.example.com', 'https://addins.example.com/'],
    ['https://addins.example.com/iot', 'https://addins.example.com/iot/'],
    [' https://addins.example.com:8443/a/b/ ', 'https://addins.example.com:8443/a/b/'],
  ])('%j is the folder %s', (raw, base) => {
    expect(parseAddinUrl(raw)).toBe(base);
  });

  it.each([
    ['addins.example.com/iot/', /not an absolute URL/],
    ['http://addins.example.com/iot/', /must use https/],
    ['https://addins.example.com/iot/?v=2', /plain folder URL/],
    ['https://user:pw@addins.example.com/', /plain folder URL/],
    ['https://localhost:3000/', /only the machine itself/],
  ])('refuses %j and says what to fix', (raw, message) => {
    expect(() => parseAddinUrl(raw)).toThrow(message);
  });

  it('a bad ADDIN_URL stops the build before anything is built', async () => {
    await expect(factory({ addinUrl: 'http://intranet/' }, { mode: 'production' })).rejects.toThrow(
      /must use https/,
    );
  });

  it('a production build without ADDIN_URL warns that the manifest points at localhost; with it, not', async () => {
    const names = async (env: Record<string, string>) =>
      ((await factory(env, { mode: 'production' })).plugins ?? []).map(
        (p) => (p as object).constructor.name,
      );
    expect(await names({})).toContain('LocalhostManifestWarning');
    expect(await names({ addinUrl: SUB_BASE })).not.toContain('LocalhostManifestWarning');
    expect(buildWarnings.filter((w) => /localhost/.test(w))).toEqual([]);
  });

  it('the manifest Version is package.json’s, and a version the manifest cannot hold is refused', () => {
    expect(manifestVersion('1.4.2')).toBe('1.4.2.0');
    expect(() => manifestVersion('1.5.0-beta.1')).toThrow(/pre-release/);
    expect(() => manifestVersion('123456.0.0')).toThrow(/five digits/);
  });
});

describe('the production manifest', () => {
  /** The manifest for `base` in a copy of the build, as `ADDIN_URL=base npm run build` writes it. */
  function manifestFor(base: string): string {
    if (base === SUB_BASE) return join(dist, 'manifest.xml');
    const dir = temp('deploy-root');
    cpSync(dist, dir, { recursive: true });
    const xml = productionManifest(readFileSync(join(ROOT, 'manifest.xml'), 'utf8'), {
      base,
      version: manifestVersion(PACKAGE_VERSION),
    });
    writeFileSync(join(dir, 'manifest.xml'), xml);
    return join(dir, 'manifest.xml');
  }

  it.each([
    ['at a host’s root', ROOT_BASE],
    ['under a sub-path', SUB_BASE],
  ])(
    '%s (%s): every URL under the base, AppDomain its origin, no localhost, and it validates',
    (_, base) => {
      const path = manifestFor(base);
      const xml = readFileSync(path, 'utf8');
      expect(xml).not.toMatch(/localhost/i);
      const urls = [...xml.matchAll(/DefaultValue="(https?:[^"]*)"/g)].map((m) => m[1]!);
      // IconUrl, HighResolutionIconUrl, SupportUrl, SourceLocation, 3 icons and 3 page URLs.
      expect(urls).toHaveLength(10);
      for (const url of urls) expect(url.startsWith(base)).toBe(true);
      expect([...xml.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)].map((m) => m[1])).toEqual([
        new URL(base).origin,
      ]);
      expect(/<SourceLocation DefaultValue="([^"]+)"/.exec(xml)?.[1]).toBe(`${base}taskpane.html`);
      expect(/<bt:Url id="Commands.Url" DefaultValue="([^"]+)"/.exec(xml)?.[1]).toBe(
        `${base}commands.html`,
      );
      expect(/<Version>([^<]*)<\/Version>/.exec(xml)?.[1]).toBe(manifestVersion(PACKAGE_VERSION));
      const result = run(VALIDATE, ['--deploy', path]);
      expect(result.out).toMatch(/is valid against OfficeAppManifestV1_1\.xsd/);
      expect(result.status).toBe(0);
    },
  );

  it('everything else of the development manifest is kept as it is', () => {
    const dev = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
    const built = readFileSync(join(dist, 'manifest.xml'), 'utf8');
    const body = (xml: string) =>
      xml
        .replace(/<!--[\s\S]*?-->/, '')
        .replace(/<Version>[^<]*<\/Version>/, '')
        .replace(/https:\/\/[^"<]*/g, 'URL');
    expect(body(built)).toBe(body(dev));
  });

  it('a development URL written another way is refused rather than left behind', () => {
    const dev = readFileSync(join(ROOT, 'manifest.xml'), 'utf8').replace(
      'https://localhost:3000/commands.html',
      'https://localhost:3001/commands.html',
    );
    expect(() => productionManifest(dev, { base: SUB_BASE, version: '1.0.0.0' })).toThrow(
      /still names localhost on line \d+/,
    );
  });

  it('the validation refuses a manifest that names a missing file, or one for localhost when deploying', () => {
    const dir = temp('deploy-bad');
    cpSync(dist, dir, { recursive: true });
    const xml = readFileSync(join(dist, 'manifest.xml'), 'utf8');
    writeFileSync(join(dir, 'missing.xml'), xml.replace('icon-80.png', 'icon-81.png'));
    const missing = run(VALIDATE, [join(dir, 'missing.xml')]);
    expect(missing.status).toBe(1);
    expect(missing.out).toMatch(/names assets\/icon-81\.png, but .* does not exist/);

    writeFileSync(join(dir, 'dev.xml'), readFileSync(join(ROOT, 'manifest.xml')));
    const asIs = run(VALIDATE, [join(dir, 'dev.xml')]);
    expect(asIs.status).toBe(0);
    expect(asIs.out).toMatch(/points at https:\/\/localhost:3000\/ .* ADDIN_URL=/);
    const deploying = run(VALIDATE, ['--deploy', join(dir, 'dev.xml')]);
    expect(deploying.status).toBe(1);
    expect(deploying.out).toMatch(/Build for your host first: ADDIN_URL=/);
  });
});

describe('the pages, served from a sub-path by a static server, with the CSP on', () => {
  const pageUrl = (file: string) => `${server!.url}${SUB_PATH}${file}`;

  /** A page that records every request, with office.js answered by the stand-in over the fake. */
  async function open(
    file: string,
    office: 'stand-in' | 'dialog-host' | 'office.js',
  ): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const page = await browser!.context.newPage();
    const errors = collectErrors(page);
    const requests: string[] = [];
    page.on('request', (r: Request) => requests.push(r.url()));
    if (office === 'stand-in') {
      await page.route(OFFICE_JS_CDN, (route) =>
        route.fulfill({ path: officeStub(), contentType: 'text/javascript' }),
      );
    } else if (office === 'dialog-host') {
      // commands.html as the dialog Office opens: only onReady's callback and messageParent.
      await page.route(OFFICE_JS_CDN, (route) =>
        route.fulfill({ body: DIALOG_HOST, contentType: 'text/javascript' }),
      );
    }
    await page.goto(pageUrl(file));
    return { page, errors, requests };
  }

  /** Only the sub-path, Microsoft's CDN for office.js, and office.js's own telemetry frame. */
  function expectOnlyAllowedOrigins(requests: string[]): void {
    const allowed = [`${server!.url}${SUB_PATH}`, `${CDN_ORIGIN}/`, `${OFFICE_TELEMETRY_ORIGIN}/`];
    const outside = requests.filter((url) => !allowed.some((prefix) => url.startsWith(prefix)));
    expect(outside).toEqual([]);
    expect(browser!.outside).toEqual([]);
  }

  it.each([
    [
      'Microsoft’s CDN',
      OFFICE_JS_CDN,
      `'self' ${CDN_ORIGIN} https://officeapis.public.onecdn.static.microsoft`,
      true,
    ],
    ['a local copy (OFFICE_JS=local)', 'office-js/office.js', `'self'`, true],
    ['no office.js', '', `'self'`, false],
  ])('with office.js from %s, scripts come from %s only', (_, officeJs, scripts, frame) => {
    const csp = contentSecurityPolicy(officeJs);
    expect(csp).toContain(`default-src 'none'; script-src ${scripts};`);
    expect(csp.includes(`frame-src ${OFFICE_TELEMETRY_ORIGIN};`)).toBe(frame);
    expect(csp).not.toMatch(/unsafe-eval|connect-src|\*/);
  });

  it('the pages name their scripts relative to themselves, with content-hashed names', () => {
    for (const file of ['taskpane.html', 'commands.html']) {
      const html = readFileSync(join(dist, file), 'utf8');
      const scripts = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)].map((m) => m[1]!);
      const own = scripts.filter((s) => s !== OFFICE_JS_CDN);
      expect(own.length).toBeGreaterThan(0);
      for (const src of own) expect(src).toMatch(/^[a-z]+\.[0-9a-f]{8}\.js$/);
      expect(html).toContain(
        `<meta http-equiv=Content-Security-Policy content="${contentSecurityPolicy(OFFICE_JS_CDN)}">`,
      );
    }
  });

  it('taskpane.html inside Excel (office.js stand-in) refreshes, its drop-downs open, with no console error or foreign request', async () => {
    const { page, errors, requests } = await open('taskpane.html', 'stand-in');
    const refresh = page.getByRole('button', { name: /Refresh portfolio/ });
    await page.waitForFunction(
      () => document.querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled === false,
    );
    // A Fluent drop-down (portal, positioning, Griffel styles inserted at run time).
    await page.getByRole('combobox').first().click();
    await page.getByRole('listbox').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await refresh.click();
    await page.getByTestId('results').waitFor();
    await expect(page.evaluate(() => window.fakeExcel!.sheetNames())).resolves.toContain(
      'IoT Role Summary',
    );
    // The styles Fluent inserts are applied, not refused: the pane page is not unstyled.
    const styled = await page.evaluate(
      () => getComputedStyle(document.querySelector('[data-testid="pane-page"]')!).backgroundColor,
    );
    expect(styled).not.toBe('rgba(0, 0, 0, 0)');
    expect(errors).toEqual([]);
    expectOnlyAllowedOrigins(requests);
    expect(requests).toContain(OFFICE_JS_CDN);
    await page.close();
  });

  it('taskpane.html with Microsoft’s office.js, outside Office, says where it runs, with no console error', async () => {
    const { page, errors, requests } = await open('taskpane.html', 'office.js');
    await page.getByTestId('outside-office').waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'IoT Role Map runs inside Excel',
    );
    // office.js opens its telemetry frame 3 s after loading; the policy lets it through, so
    // it is not a CSP error in the console (infra answers it with an abort, offline).
    const telemetry = await poll(
      () => Promise.resolve(browser!.officeJs.some((u) => u.startsWith(OFFICE_TELEMETRY_ORIGIN))),
      true,
      10_000,
    );
    expect(telemetry).toBe(true);
    expect(errors).toEqual([]);
    expectOnlyAllowedOrigins(requests);
    await page.close();
  });

  it('commands.html shows its error dialog under the CSP', async () => {
    const message = problem('protected-sheet', { sheet: 'IoT Inventory' }).message;
    const { page, errors, requests } = await open(
      `commands.html?message=${encodeURIComponent(message)}`,
      'dialog-host',
    );
    await page.getByText(message).waitFor();
    expect(errors).toEqual([]);
    expectOnlyAllowedOrigins(requests);
    await page.close();
  });

  it('the policy is enforced: an injected inline script and a request to another origin are refused', async () => {
    const { page } = await open('taskpane.html', 'stand-in');
    await page.waitForFunction(
      () => document.querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled === false,
    );
    const refused = await page.evaluate(async () => {
      const seen: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
      const script = document.createElement('script');
      script.textContent = 'window.injected = true;';
      document.head.appendChild(script);
      const fetched = await fetch('https://collector.example.net/').then(
        () => 'sent',
        () => 'refused',
      );
      await new Promise((ok) => setTimeout(ok, 100));
      return {
        seen,
        fetched,
        injected: (window as unknown as { injected?: boolean }).injected ?? false,
      };
    });
    expect(refused).toEqual({
      seen: expect.arrayContaining(['script-src-elem', 'connect-src']) as unknown,
      fetched: 'refused',
      injected: false,
    });
    // Refused by the browser itself: the request never reached the network.
    expect(browser!.outside).toEqual([]);
    await page.close();
  });
});

describe('npm run package', () => {
  it('zips dist/ without the manifest, with manifest.xml and DEPLOY.txt beside it', () => {
    const out = temp('deploy-release');
    const result = run(PACKAGE, ['--dist', dist, '--out', out]);
    expect(result.status).toBe(0);
    const folder = join(out, `iot-role-map-${PACKAGE_VERSION}`);
    const zipName = `iot-role-map-${PACKAGE_VERSION}-web.zip`;
    expect(readdirSync(folder).sort()).toEqual(['DEPLOY.txt', 'manifest.xml', zipName].sort());

    const zip = unzipSync(new Uint8Array(readFileSync(join(folder, zipName))));
    const files = filesOf(dist).filter((f) => f !== 'manifest.xml');
    expect(Object.keys(zip).sort()).toEqual(files);
    for (const f of files) {
      expect(Buffer.from(zip[f]!).equals(readFileSync(join(dist, f)))).toBe(true);
    }
    expect(readFileSync(join(folder, 'manifest.xml'), 'utf8')).toBe(
      readFileSync(join(dist, 'manifest.xml'), 'utf8'),
    );

    const text = readFileSync(join(folder, 'DEPLOY.txt'), 'utf8');
    expect(text).toContain(`deployment package for ${SUB_BASE}`);
    expect(text).toContain(`${SUB_BASE}taskpane.html`);
    expect(text).toMatch(/Integrated apps > Upload custom apps/);
    for (const f of files) {
      const sha = createHash('sha256')
        .update(readFileSync(join(dist, f)))
        .digest('hex');
      expect(text).toMatch(new RegExp(`${sha}\\s+\\d+\\s+${f.replace(/[.]/g, '\\.')}\\n`));
    }
    // The package itself: the zip and the manifest, as an admin checks what they received.
    for (const f of [zipName, 'manifest.xml']) {
      const data = readFileSync(join(folder, f));
      const sha = createHash('sha256').update(data).digest('hex');
      expect(text).toContain(`  ${sha}  ${String(data.length).padStart(9)}  ${f}\n`);
    }
  });

  it('refuses a build whose manifest still points at localhost', () => {
    const dir = temp('deploy-dev-dist');
    cpSync(dist, dir, { recursive: true });
    writeFileSync(join(dir, 'manifest.xml'), readFileSync(join(ROOT, 'manifest.xml')));
    const out = temp('deploy-release-dev');
    const result = run(PACKAGE, ['--dist', dir, '--out', out]);
    expect(result.status).toBe(1);
    expect(result.out).toMatch(/points at https:\/\/localhost:3000\/.*ADDIN_URL=/);
    expect(readdirSync(out)).toEqual([]);
  });
});
