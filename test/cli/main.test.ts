/**
 * The command line on real files: main() in-process (fast) for every path, plus one spawn of
 * bin/iot-role-map.js. Each bad input: its exit code, one catalogue sentence on stderr, no
 * output file, the input bytes unchanged.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { defaultOutput } from '../../src/cli/main';
import { runCli, type Run } from './helpers';
import type { JsonReport } from '../../src/core/refresh';
import { problem } from '../../src/core/messages';
import { createWorkbook, readWorkbook, snapshots } from '../../src/xlsx/index';
import { Package } from '../../src/xlsx/package';
import { FIXTURES, parts } from '../xlsx/helpers';

const ROOT = join(__dirname, '..', '..');
const NOW = new Date('2026-03-02T09:30:00Z');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'iot-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(...argv: string[]): Promise<Run> {
  return runCli(argv, NOW);
}

function fixture(name: string, as = name): string {
  const to = join(dir, as);
  copyFileSync(join(FIXTURES, name), to);
  return to;
}

/** An .xlsm: the LibreOffice fixture with a VBA project part, as Excel stores macros. */
function makeXlsm(path: string): Uint8Array {
  const pkg = new Package(new Uint8Array(readFileSync(join(FIXTURES, 'lo-planning.xlsx'))));
  const vba = Uint8Array.from({ length: 3000 }, (_v, i) => (i * 31 + 7) & 0xff);
  pkg.addRel('xl/workbook.xml', 'vbaProject', 'xl/vbaProject.bin');
  pkg.setContentType('xl/workbook.xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml');
  pkg.setContentType('xl/vbaProject.bin', 'application/vnd.ms-office.vbaProject');
  const base = parts(pkg.toBytes());
  base.set('xl/vbaProject.bin', vba);
  // The VBA project is binary (Package.write takes text), so add it at the zip level.
  const bytes = zipSync(Object.fromEntries(base));
  writeFileSync(path, bytes);
  return vba;
}

describe('iot-role-map refresh', () => {
  it('writes <input>.roles.xlsx beside the input and prints the summary', async () => {
    const input = fixture('lo-planning.xlsx');
    const before = readFileSync(input);
    const r = await run('refresh', input);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const out = join(dir, 'lo-planning.roles.xlsx');
    expect(r.stdout).toContain(
      'Refreshed "Portfolio" (header on row 3): 12 initiatives, 10 classified',
    );
    // The columns it read, the report module's summary, then the file it wrote.
    expect(r.stdout.split('\n')[0]).toMatch(
      /^Read "Portfolio" \(header on row 3\) with the columns name = "Initiative" \(B\), id = "ID" \(A\)/,
    );
    // The report module's words (core/report.ts): the brief first, then the blocks.
    expect(r.stdout).toContain(
      'The brief:\n  I&O plays an active role in 6 of 10 classified initiatives (60.0%)',
    );
    expect(r.stdout).toContain('  - Bystander: 4 (40.0%)');
    // The count follows the classifier's rules; the order is the report's impact ranking.
    expect(r.stdout).toMatch(
      /The \d+ opportunities, by impact:\n {2}- P-10 \(no name\) \(Engineering;/,
    );
    expect(r.stdout.trimEnd().endsWith(`Wrote ${out}.`)).toBe(true);
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['lo-planning.roles.xlsx', 'lo-planning.xlsx']);
    const sheets = readWorkbook(new Uint8Array(readFileSync(out)), out).sheets.map((s) => s.name);
    expect(sheets).toEqual([
      'Portfolio',
      'Budget view',
      'Pivot',
      'IoT Role Summary',
      'IoT Role History',
      'IoT Role Changes',
      'IoT Role Snapshot',
    ]);
  });

  it('--json prints the SPEC §5 report', async () => {
    const input = fixture('lo-planning.xlsx');
    const r = await run('refresh', input, '--json', '--out', join(dir, 'o.xlsx'));
    expect(r.code).toBe(0);
    const expected = JSON.parse(
      readFileSync(join(FIXTURES, 'lo-planning.expected.json'), 'utf8'),
    ) as JsonReport;
    // The SPEC §5 report, and where it was written.
    expect(JSON.parse(r.stdout)).toEqual({ ...expected, output: join(dir, 'o.xlsx') });
    expect(existsSync(join(dir, 'o.xlsx'))).toBe(true);
  });

  it('--no-history, --sheet and --map are honoured', async () => {
    const input = fixture('lo-planning.xlsx');
    const out = join(dir, 'mapped.xlsx');
    const r = await run(
      'refresh',
      input,
      '--out',
      out,
      '--no-history',
      '--sheet',
      'Portfolio',
      '--map',
      'businessUnit=Business Unit',
      '--json',
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.mapping.businessUnit).toBe('Business Unit');
    const names = readWorkbook(new Uint8Array(readFileSync(out)), out).sheets.map((s) => s.name);
    expect(names).not.toContain('IoT Role History');
    expect(names).toContain('IoT Role Summary');
  });

  it('--in-place on an .xlsm keeps the macros; the default output of an .xlsm is .roles.xlsm', async () => {
    const input = join(dir, 'plan.xlsm');
    const vba = makeXlsm(input);
    expect(defaultOutput(input)).toBe(join(dir, 'plan.roles.xlsm'));
    const r = await run('refresh', input, '--in-place');
    expect(r.code).toBe(0);
    const after = parts(new Uint8Array(readFileSync(input)));
    expect(Buffer.from(after.get('xl/vbaProject.bin')!).equals(Buffer.from(vba))).toBe(true);
    const ct = new TextDecoder().decode(after.get('[Content_Types].xml'));
    expect(ct).toContain('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
    expect(ct).toContain('application/vnd.ms-office.vbaProject');
    expect(
      snapshots(readWorkbook(new Uint8Array(readFileSync(input)), input)).map((s) => s.name),
    ).toContain('IoT Role Summary');
    expect(readdirSync(dir)).toEqual(['plan.xlsm']);
    const r2 = await run('refresh', input);
    expect(r2.code).toBe(0);
    expect(existsSync(join(dir, 'plan.roles.xlsm'))).toBe(true);
  });

  const blocked = (): string => {
    const path = join(dir, 'blocked.xlsx');
    const values = [
      ['Initiative', 'Led By', 'Stage', null],
      ['Smart lighting', 'IT', 'Pilot', null],
      ['Badge readers', 'Facilities', 'Idea', 'see the email from May'],
    ];
    writeFileSync(path, createWorkbook([{ name: 'Inventory', values, headerRow: 0 }]));
    return path;
  };

  it.each([
    [
      'a missing file',
      () => join(dir, 'nope.xlsx'),
      [],
      3,
      (p: string) => problem('file-not-found', { path: p }),
    ],
    [
      'a CSV renamed to .xlsx',
      () => fixture('error-csv-renamed.xlsx'),
      [],
      3,
      (p: string) => problem('not-xlsx', { path: p }),
    ],
    [
      'an old .xls',
      () => fixture('error-legacy.xls'),
      ['--out', 'x.xlsx'],
      3,
      (p: string) => problem('not-xlsx', { path: p }),
    ],
    [
      'a password-protected workbook',
      () => fixture('error-encrypted.xlsx'),
      [],
      3,
      (p: string) => problem('encrypted', { path: p }),
    ],
    [
      'no name column',
      () => fixture('error-no-name-column.xlsx'),
      [],
      3,
      // Said for a file: the headers there are, and the flag that names one.
      () =>
        problem('no-name-column-in-file', {
          sheet: 'Portfolio',
          row: 3,
          headers: [
            'ID',
            'Business Unit',
            'Led By',
            'Stage',
            'I&O Pilot',
            'I&O Implementation',
            'I&O Operations',
            'Enterprise Integration',
            'Security Sensitive',
            'Devices',
            'Budget',
            'Role Override',
            'Go-live',
          ],
        }),
    ],
    [
      'a protected inventory sheet',
      () => fixture('error-protected.xlsx'),
      [],
      3,
      () => problem('protected-sheet', { sheet: 'Portfolio' }),
    ],
    [
      'output columns blocked by data',
      blocked,
      [],
      3,
      () => problem('output-blocked', { sheet: 'Inventory', column: 'D', address: 'D3' }),
    ],
    [
      'a sheet that does not exist',
      () => fixture('lo-planning.xlsx'),
      ['--sheet', 'Nope'],
      3,
      (input: string) =>
        problem('sheet-not-in-file', {
          sheet: 'Nope',
          path: input,
          sheets: ['Portfolio', 'Budget view', 'Pivot'],
        }),
    ],
    [
      'an unknown --map field',
      () => fixture('lo-planning.xlsx'),
      ['--map', 'colour=Stage'],
      2,
      () => problem('mapping-field-unknown', { field: 'colour' }),
    ],
    [
      '--out and --in-place together',
      () => fixture('lo-planning.xlsx'),
      ['--out', 'a.xlsx', '--in-place'],
      2,
      () => problem('usage', { detail: 'Use either --out or --in-place, not both' }),
    ],
    [
      '--out naming the input',
      () => fixture('lo-planning.xlsx'),
      ['--out', 'SELF'],
      2,
      (p: string) => problem('output-exists-as-input', { path: p }),
    ],
  ])(
    '%s: its exit code, one sentence, nothing written, input unchanged',
    async (_what, make, extra, exitCode, message) => {
      const input = make();
      const listing = readdirSync(dir).sort();
      const before = existsSync(input) ? readFileSync(input) : null;
      const args = extra.map((a) =>
        a === 'SELF' ? input : a.endsWith('.xlsx') ? join(dir, a) : a,
      );
      const r = await run('refresh', input, ...args);
      expect(r.code).toBe(exitCode);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`${message(input).message}\n`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(readdirSync(dir).sort()).toEqual(listing);
      if (before) expect(readFileSync(input).equals(before)).toBe(true);
    },
  );

  it('an --out folder that does not exist: exit 2, one sentence, nothing written', async () => {
    const input = fixture('lo-planning.xlsx');
    const out = join(dir, 'missing', 'out.xlsx');
    const r = await run('refresh', input, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `${problem('output-unwritable', { path: out, reason: 'the folder does not exist' }).message}\n`,
    );
    expect(readdirSync(dir)).toEqual(['lo-planning.xlsx']);
  });

  it('a macro workbook cannot be written as .xlsx', async () => {
    const input = join(dir, 'plan.xlsm');
    makeXlsm(input);
    const r = await run('refresh', input, '--out', join(dir, 'plan.xlsx'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holds macros');
  });
});

describe('iot-role-map sample, --help, --version, usage', () => {
  it('writes a deterministic sample that refreshes cleanly', async () => {
    const a = join(dir, 'a.xlsx');
    const b = join(dir, 'b.xlsx');
    expect((await run('sample', a, '--rows', '25', '--seed', '9')).code).toBe(0);
    expect((await run('sample', b, '--rows', '25', '--seed', '9')).code).toBe(0);
    const values = (p: string) =>
      snapshots(readWorkbook(new Uint8Array(readFileSync(p)), p))[0]!.values;
    expect(values(a)).toEqual(values(b));
    expect(values(a)[0]![0]).toMatch(/IoT Initiative Inventory/);
    const r = await run('refresh', a, '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as JsonReport).summary.total).toBe(25);
  });

  it('refuses to overwrite an existing file with a sample', async () => {
    const a = fixture('lo-planning.xlsx', 'a.xlsx');
    const before = readFileSync(a);
    const r = await run('sample', a);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${problem('output-exists', { path: a }).message}\n`);
    expect(readFileSync(a).equals(before)).toBe(true);
  });

  it.each([
    [['sample', 'x.xlsx', '--rows', '0']],
    [['sample']],
    [['refresh']],
    [['refresh', 'a.xlsx', 'b.xlsx']],
    [['refresh', 'a.xlsx', '--frobnicate']],
    [['launch']],
    [[]],
  ])('usage error %j → exit 2', async (argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/run "iot-role-map --help"/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('--help and --version', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('iot-role-map refresh <input.xlsx|.xlsm>');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await run('--version')).stdout).toBe(`${pkg.version}\n`);
  });
});

describe('bin/iot-role-map.js (spawned)', () => {
  beforeAll(() => {
    // The bin runs the compiled lib/; build it so this test checks the current sources.
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.cli.json'],
      {
        cwd: ROOT,
        stdio: 'ignore',
      },
    );
  }, 180000);

  it('refreshes a file and exits with the right codes', () => {
    const input = fixture('lo-planning.xlsx');
    const bin = join(ROOT, 'bin', 'iot-role-map.js');
    const ok = spawnSync(process.execPath, [bin, 'refresh', input, '--json'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as JsonReport).summary.classified).toBe(10);
    const bad = spawnSync(process.execPath, [bin, 'refresh', join(dir, 'missing.xlsx')], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(3);
    expect(bad.stderr).toBe(
      `${problem('file-not-found', { path: join(dir, 'missing.xlsx') }).message}\n`,
    );
  });

  it('leaves quietly when the reader closes the pipe early (| head)', () => {
    const bin = join(ROOT, 'bin', 'iot-role-map.js');
    // Enough rows that the JSON outgrows the pipe's buffer, so the writer meets the closed pipe.
    const input = join(dir, 'big.xlsx');
    spawnSync(process.execPath, [bin, 'sample', input, '--rows', '2000']);
    // The shell's `head -c 1` closes stdout after one byte, as `| head` does.
    const piped = spawnSync(
      '/bin/sh',
      ['-c', `"${process.execPath}" "${bin}" refresh "${input}" --json | head -c 1`],
      { encoding: 'utf8' },
    );
    expect(piped.stdout).toBe('{');
    expect(piped.stderr).not.toMatch(/EPIPE|at .*\.js/);
  });
});
