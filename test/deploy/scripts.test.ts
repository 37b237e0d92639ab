/**
 * The project's own commands without traps (issue 29): `npm run package` checks ADDIN_URL
 * before it builds and names the command that works in each shell; `npm start` says where it
 * cannot sideload and exits non-zero; the dev server listens on localhost unless asked;
 * `npm run bench` takes `--rows 1000` as `--rows=1000`; and the checks' data comes with the
 * repository (vendor/), ../shared only adding to it.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Configuration } from 'webpack';
import { dataFolder, VENDOR } from '../../scripts/test-data';

const ROOT = join(__dirname, '..', '..');

function node(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const base = { ...process.env };
  delete base.ADDIN_URL;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', script), ...args], {
    encoding: 'utf8',
    env: { ...base, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run package checks ADDIN_URL before building', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };

  it('runs the check first, then the build', () => {
    expect(pkg.scripts.package).toMatch(/^node scripts\/package\.mjs --preflight && npm run build/);
  });

  it('without ADDIN_URL: nothing built, and the command that works in bash, PowerShell and cmd', () => {
    const r = node('package.mjs', ['--preflight']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ADDIN_URL is not set, so nothing was built');
    expect(r.stderr).toContain(
      'ADDIN_URL=https://intranet.example.org/tools/iot-role-map/ npm run package',
    );
    expect(r.stderr).toContain(
      '$env:ADDIN_URL="https://intranet.example.org/tools/iot-role-map/"; npm run package',
    );
    expect(r.stderr).toContain(
      'set "ADDIN_URL=https://intranet.example.org/tools/iot-role-map/" && npm run package',
    );
    // Never the advice that loops (a build without the package).
    expect(r.stderr).not.toContain('npm run build');
  });

  it.each([
    ['http://intranet.example.org/', /must use https/],
    ['not a url', /is not an absolute URL/],
  ])('ADDIN_URL=%s is refused before the build', (url, sentence) => {
    const r = node('package.mjs', ['--preflight'], { ADDIN_URL: url });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(sentence);
    expect(r.stderr).toContain('nothing was built');
  });

  it('a usable ADDIN_URL passes', () => {
    expect(
      node('package.mjs', ['--preflight'], { ADDIN_URL: 'https://x.example.org/a/' }).status,
    ).toBe(0);
  });
});

describe('npm start where there is no desktop Excel', () => {
  const sideloads = ['win32', 'darwin'].includes(process.platform);
  (sideloads ? it.skip : it)('exits non-zero with one sentence naming the route that works', () => {
    for (const action of ['start', 'stop']) {
      const r = node('start.mjs', [action]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`npm ${action}: there is no desktop Excel on ${process.platform}`);
      expect(r.stderr).toContain('npm run dev-server');
      expect(r.stderr).toContain('Upload My Add-in');
    }
  });
});

describe('the dev server', () => {
  type Factory = (env: Record<string, unknown>, argv: { mode: string }) => Promise<Configuration>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require('../../webpack.config.js') as Factory;
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it.each([
    [undefined, 'localhost'],
    ['0.0.0.0', '0.0.0.0'],
  ])('DEV_SERVER_HOST=%s listens on %s', async (asked, host) => {
    if (asked === undefined) delete process.env.DEV_SERVER_HOST;
    else process.env.DEV_SERVER_HOST = asked;
    const config = (await factory({}, { mode: 'development' })) as Configuration & {
      devServer?: { host?: string };
    };
    expect(config.devServer?.host).toBe(host);
  });
});

describe('npm run bench reads its flags with node:util parseArgs', () => {
  it.each([
    [['xlsx', '--rows', '1000'], { benchmarks: ['xlsx'], flags: ['--rows=1000'] }],
    [['xlsx', '--rows=1000'], { benchmarks: ['xlsx'], flags: ['--rows=1000'] }],
    [
      ['host', '--rows', '1m', '--excel-api', '1.15'],
      { benchmarks: ['host'], flags: ['--rows=1m', '--excel-api=1.15'] },
    ],
    [['--1m'], { benchmarks: ['core', 'xlsx', 'host', 'pane'], flags: ['--1m'] }],
  ])('%j', (args, planned) => {
    const r = node('bench.mjs', ['--list', ...args]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(planned);
  });

  it('an unknown flag is one sentence and exit 2, nothing run', () => {
    const r = node('bench.mjs', ['xlsx', '--rowz', '5']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "bench: Unknown option '--rowz'; the flags are --rows, --runs, --excel-api, --1m, --exceljs, --accented, --consolidate, --list.\n",
    );
  });
});

describe('the checks run on what the repository carries', () => {
  const saved = process.env.IOT_ROLE_MAP_SHARED;
  afterEach(() => {
    if (saved === undefined) delete process.env.IOT_ROLE_MAP_SHARED;
    else process.env.IOT_ROLE_MAP_SHARED = saved;
  });

  it.each([
    ['xlsx-corpus', 'LICENSE-ClosedXML'],
    ['xlsx-corpus', 'LICENSE-calamine'],
  ] as const)('without ../shared, %s comes from vendor/ (%s)', (name, file) => {
    process.env.IOT_ROLE_MAP_SHARED = '';
    const found = dataFolder(name);
    expect(found).toEqual({ dir: join(VENDOR, name), from: 'vendor' });
    expect(existsSync(join(found.dir, file))).toBe(true);
  });

  // ../shared's READMEs ask that the schemas, the validator and the Excel samples are used
  // from there and not copied into a project: without it, their checks skip with a message.
  it.each(['office-manifest-schemas', 'ooxml', 'excel-samples'] as const)(
    'without ../shared, %s is absent (never a copy in the repository)',
    (name) => {
      process.env.IOT_ROLE_MAP_SHARED = join(ROOT, 'no-such-folder');
      expect(dataFolder(name)).toEqual({
        dir: join(ROOT, 'no-such-folder', name),
        from: 'absent',
      });
      expect(existsSync(join(VENDOR, name))).toBe(false);
    },
  );

  it('the corpus slice holds both producers, .xlsm files and files that are not workbooks', () => {
    const files = ['closedxml', 'calamine'].flatMap((p) =>
      readdirSync(join(VENDOR, 'xlsx-corpus', p)).map((f) => `${p}/${f}`),
    );
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.filter((f) => f.endsWith('.xlsm')).length).toBeGreaterThanOrEqual(3);
    const notZip = files.filter(
      (f) =>
        readFileSync(join(VENDOR, 'xlsx-corpus', f))
          .subarray(0, 2)
          .toString() !== 'PK',
    );
    expect(notZip.length).toBeGreaterThanOrEqual(2);
  });

  it('a shared folder that has the data wins; one that lacks it falls back', () => {
    process.env.IOT_ROLE_MAP_SHARED = join(VENDOR);
    expect(dataFolder('xlsx-corpus').from).toBe('shared');
    process.env.IOT_ROLE_MAP_SHARED = join(ROOT, 'no-such-folder');
    expect(dataFolder('xlsx-corpus')).toEqual({
      dir: join(VENDOR, 'xlsx-corpus'),
      from: 'vendor',
    });
  });

  it('the manifest schema check says it skipped when ../shared is absent, and passes', () => {
    const r = node('validate-manifest.mjs', [], { IOT_ROLE_MAP_SHARED: '' });
    expect(r.status).toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/skipped the schema check: .* is absent/);
  });

  it('no test or script names ../shared but through scripts/test-data.js', () => {
    const offenders: string[] = [];
    const walk = (folder: string): void => {
      for (const e of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, e.name);
        if (e.isDirectory()) walk(path);
        else if (
          /\.(ts|tsx|js|mjs|py)$/.test(e.name) &&
          !/test-data\.js$|scripts\.test\.ts$/.test(path)
        ) {
          const text = readFileSync(path, 'utf8');
          // A path built to ../shared: a quoted "../shared…", or "shared" as a path argument
          // (comments may name ../shared in prose).
          const quoted = /(['"`])(?:\.\.\/)+shared[^'"`\s]*\1/;
          const argument = /,\s*['"]shared['"]\s*[,)]|\/\s*"shared"\s*\//;
          if (quoted.test(text) || argument.test(text)) {
            offenders.push(path.slice(ROOT.length + 1));
          }
        }
      }
    };
    for (const folder of ['test', 'scripts', 'bench']) walk(join(ROOT, folder));
    expect(offenders).toEqual([]);
  });
});
