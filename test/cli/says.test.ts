/**
 * The command line says what it did (issue 29): the columns it used, the sheets and columns it
 * left out with the flag that takes each, the file it wrote (text and `--json`); an existing
 * output is kept unless --force; a refreshed copy (X.roles.xlsx) is refreshed into itself so
 * its history continues; `--map Sheet:field=Header` maps one sheet; errors list the sheets and
 * headers there are. Over several sheets `--json` gives each row its sheet and lists the
 * sheets (SPEC §5, issue 22 item 7).
 */

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BRIEF_TEXT, CLI_TEXT, problem } from '../../src/core/messages';
import type { CellValue } from '../../src/core/input';
import type { JsonReport } from '../../src/core/refresh';
import { USAGE } from '../../src/cli/args';
import { createWorkbook } from '../../src/xlsx/index';
import { runCli, type Run } from './helpers';

const NOW = new Date('2026-03-02T09:30:00Z');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'iot-says-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(...argv: string[]): Promise<Run> {
  return runCli(argv, NOW);
}

const HEADER = [
  'Initiative',
  'Led By',
  'Stage',
  'I&O Pilot',
  'I&O Implementation',
  'I&O Operations',
];
const ROWS: string[][] = [
  ['Smart meters', 'IT', 'Production', 'Leading', 'Responsible', 'Responsible'],
  ['Fleet telematics', 'Operations', 'Implementation', 'None', 'Responsible', 'Supporting'],
  ['Cold chain sensors', 'LOB', 'Production', 'None', 'None', 'Responsible'],
  ['Badge readers', 'Facilities', 'Pilot', 'None', 'None', 'None'],
];

/** A workbook of the given sheets, written to `name` in the test's folder. */
function book(name: string, sheets: { name: string; values: CellValue[][] }[]): string {
  const path = join(dir, name);
  writeFileSync(path, createWorkbook(sheets, NOW));
  return path;
}

/** East as HEADER; West with its lead group under "Owning Team", a header detection skips. */
function eastWest(): string {
  const west = [
    ['Initiative', 'Owning Team', 'Stage', 'I&O Pilot', 'I&O Implementation', 'I&O Operations'],
    ...ROWS.map((r) => [`West ${r[0]}`, ...r.slice(1)]),
  ];
  return book('regions.xlsx', [
    { name: 'East', values: [HEADER, ...ROWS] },
    { name: 'West', values: west },
  ]);
}

describe('refresh says what it used and where it wrote', () => {
  it('prints the columns used and the file written, and --json gives the output path', async () => {
    const input = book('plan.xlsx', [
      { name: 'Plan', values: [['Portfolio 2026'], HEADER, ...ROWS] },
    ]);
    const r = await run('refresh', input);
    expect(r.code).toBe(0);
    const out = join(dir, 'plan.roles.xlsx');
    expect(r.stdout).toContain(
      CLI_TEXT.mapping('Plan', 2, [
        'name = "Initiative" (A)',
        'ledBy = "Led By" (B)',
        'stage = "Stage" (C)',
        'ioPilot = "I&O Pilot" (D)',
        'ioImplementation = "I&O Implementation" (E)',
        'ioOperations = "I&O Operations" (F)',
      ]),
    );
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(CLI_TEXT.wrote(out));

    const j = await run('refresh', input, '--out', join(dir, 'j.xlsx'), '--json');
    expect(j.code).toBe(0);
    expect((JSON.parse(j.stdout) as { output: string }).output).toBe(join(dir, 'j.xlsx'));
  });

  it('names another inventory-like sheet it left out, with the flags that take it', async () => {
    const input = eastWest();
    const r = await run('refresh', input, '--sheet', 'East');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(CLI_TEXT.leftOutSheet('West', 5, ['East']));
    expect(r.stdout).toContain('--sheet "East" --sheet "West"');
    const j = await run('refresh', input, '--sheet', 'East', '--json', '--force');
    expect(JSON.parse(j.stdout)).toMatchObject({
      leftOut: { sheets: [{ name: 'West', recognised: 5 }], columns: [] },
    });
  });

  it('names a column that looks like a field another column fills, with the --map that takes it', async () => {
    const header = [...HEADER, 'Lead Team'];
    const rows = ROWS.map((r) => [...r, 'Operations']);
    const input = book('two-leads.xlsx', [{ name: 'Plan', values: [header, ...rows] }]);
    const r = await run('refresh', input);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      CLI_TEXT.leftOutColumn(
        'G',
        'Lead Team',
        'Plan',
        'Led By',
        'B ("Led By")',
        '--map ledBy="Lead Team"',
      ),
    );
    // Said once, with the flag: the core's note for the same column is not repeated.
    expect(r.stderr).not.toContain('Lead Team');
    // The flag it names does what it says.
    const taken = await run(
      'refresh',
      input,
      '--map',
      'ledBy=Lead Team',
      '--out',
      join(dir, 'o.xlsx'),
      '--json',
    );
    expect(taken.code).toBe(0);
    const report = JSON.parse(taken.stdout) as JsonReport;
    expect(report.mapping.ledBy).toBe('Lead Team');
    const text = await run(
      'refresh',
      input,
      '--map',
      'ledBy=Lead Team',
      '--out',
      join(dir, 'q.xlsx'),
    );
    expect(text.stdout).toContain('ledBy = "Lead Team" (G)');
    expect(text.stdout).not.toContain('Left out');
  });
});

describe('refresh names what the rules lack and the columns no field uses', () => {
  it('a lead column under a header it does not know: named, with the --map that takes it', async () => {
    const header = [
      'Initiative',
      'Owning Team',
      'Stage',
      'I&O Pilot',
      'I&O Implementation',
      'I&O Operations',
      'Notes',
    ];
    const input = book('team.xlsx', [
      { name: 'Plan', values: [header, ...ROWS.map((r) => [...r, ''])] },
    ]);
    const r = await run('refresh', input);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      CLI_TEXT.notFound(
        'Plan',
        ['Led By'],
        ['"Owning Team" (B)', '"Notes" (G)'],
        '--map ledBy="Owning Team"',
      ),
    );
    // With the flag it names, Led By is read and the line is gone.
    const taken = await run('refresh', input, '--map', 'ledBy=Owning Team', '--force');
    expect(taken.code).toBe(0);
    expect(taken.stdout).toContain('ledBy = "Owning Team" (B)');
    expect(taken.stdout).not.toContain('Not found');
  });

  it('says nothing when every field the rules read is there', async () => {
    const input = book('plan.xlsx', [{ name: 'Plan', values: [HEADER, ...ROWS] }]);
    expect((await run('refresh', input)).stdout).not.toContain('Not found');
  });
});

describe('an existing output and history continuity', () => {
  it('keeps an existing X.roles.xlsx unless --force, and says it replaced it', async () => {
    const input = book('plan.xlsx', [{ name: 'Plan', values: [HEADER, ...ROWS] }]);
    const out = join(dir, 'plan.roles.xlsx');
    writeFileSync(out, "the planner's own work");
    const r = await run('refresh', input);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `${problem('refresh-output-exists', { path: out, input, rolesCopy: true }).message}\n`,
    );
    expect(readFileSync(out, 'utf8')).toBe("the planner's own work");

    const other = join(dir, 'other.xlsx');
    writeFileSync(other, 'kept');
    const o = await run('refresh', input, '--out', other);
    expect(o.code).toBe(2);
    expect(o.stderr).toBe(
      `${problem('refresh-output-exists', { path: other, input, rolesCopy: false }).message}\n`,
    );
    expect(readFileSync(other, 'utf8')).toBe('kept');

    const f = await run('refresh', input, '--force');
    expect(f.code).toBe(0);
    expect(f.stdout.trimEnd().split('\n').at(-1)).toBe(CLI_TEXT.replaced(out));
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('refreshes X.roles.xlsx into itself, so the history continues (never .roles.roles.xlsx)', async () => {
    const input = book('plan.xlsx', [{ name: 'Plan', values: [HEADER, ...ROWS] }]);
    const copy = join(dir, 'plan.roles.xlsx');
    expect((await run('refresh', input)).code).toBe(0);
    const again = await run('refresh', copy);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(BRIEF_TEXT.noChanges);
    expect(again.stdout.trimEnd().split('\n').at(-1)).toBe(CLI_TEXT.rolesCopy(copy));
    expect(readdirSync(dir).sort()).toEqual(['plan.roles.xlsx', 'plan.xlsx']);
    const json = await run('refresh', copy, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ changes: [], output: copy });
  });

  it('--help explains where the history continues', () => {
    expect(USAGE).toContain('refreshing X.roles.xlsx writes X.roles.xlsx again');
    expect(USAGE).toContain('--force');
    // No line of the help is wider than a terminal's 100 columns or ends mid-phrase.
    for (const line of USAGE.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(USAGE).not.toMatch(/When --out is a\n/);
  });
});

describe("several sheets: per-sheet --map, and --json with each row's sheet", () => {
  it('--map West:ledBy=… maps West only, and --json lists the sheets and gives rows their sheet', async () => {
    const input = eastWest();
    const r = await run(
      'refresh',
      input,
      '--sheet',
      'East',
      '--sheet',
      'West',
      '--map',
      'West:ledBy=Owning Team',
      '--json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.sheets?.map((x) => [x.name, x.headerRow, x.mapping.ledBy])).toEqual([
      ['East', 1, 'Led By'],
      ['West', 1, 'Owning Team'],
    ]);
    expect(report.rows.map((x) => [x.sheet, x.row])).toEqual([
      ['East', 2],
      ['East', 3],
      ['East', 4],
      ['East', 5],
      ['West', 2],
      ['West', 3],
      ['West', 4],
      ['West', 5],
    ]);
    // West's rows now have a lead group, so they classify as East's do.
    expect(report.rows.slice(4).map((x) => x.role)).toEqual(
      report.rows.slice(0, 4).map((x) => x.role),
    );
  });

  it("a plain --map that one sheet lacks: the sentence lists that sheet's headers", async () => {
    const input = eastWest();
    const r = await run(
      'refresh',
      input,
      '--sheet',
      'East',
      '--sheet',
      'West',
      '--map',
      'ledBy=Owning Team',
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      `${
        problem('mapping-header-not-in-file', {
          field: 'Led By',
          key: 'ledBy',
          header: 'Owning Team',
          sheet: 'East',
          row: 1,
          headers: HEADER,
        }).message
      }\n`,
    );
    expect(existsSync(join(dir, 'regions.roles.xlsx'))).toBe(false);
  });

  it.each([
    [['--map', 'West:ledBy=Owning Team'], []],
    [['--sheet', 'East', '--map', 'Wset:ledBy=Owning Team'], ['East']],
  ])('%j: a per-sheet --map for a sheet not refreshed is refused', async (flags, refreshed) => {
    const input = eastWest();
    const r = await run('refresh', input, ...flags);
    expect(r.code).toBe(2);
    const sheet = flags.at(-1)!.split(':')[0]!;
    expect(r.stderr).toBe(`${problem('map-sheet-not-refreshed', { sheet, refreshed }).message}\n`);
  });

  it("the text names each sheet's header row", async () => {
    const input = book('rows.xlsx', [
      { name: 'East', values: [HEADER, ...ROWS] },
      { name: 'West', values: [['West region'], [], HEADER, ...ROWS] },
    ]);
    const r = await run('refresh', input, '--sheet', 'East', '--sheet', 'West');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Read "East" \(header on row 1\)/m);
    expect(r.stdout).toMatch(/^Read "West" \(header on row 3\)/m);
    expect(r.stdout).toContain('Refreshed "East, West": 8 initiatives');
  });
});

describe('consolidate lists roles by source in the order of the counts', () => {
  it('the same order as "Initiatives per role"', async () => {
    const a = book('a.xlsx', [{ name: 'Plan', values: [HEADER, ...ROWS] }]);
    const b = book('b.xlsx', [{ name: 'Plan', values: [HEADER, ...ROWS.slice(0, 1)] }]);
    const r = await run('consolidate', a, b, '--out', join(dir, 'P.xlsx'));
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('Initiatives per role:');
    expect(at).toBeGreaterThan(0);
    // The block's own lines: those right after its heading.
    const block = lines.slice(at + 1);
    const end = block.findIndex((l) => !l.startsWith('  - '));
    const counted = block.slice(0, end).map((l) => l.slice(4, l.indexOf(':')));
    const order = [...counted, ...(counted.includes('Unclassified') ? [] : ['Unclassified'])];
    expect(lines).toContain(`Roles by source (${order.join(' / ')}):`);
    // a.xlsx holds one initiative per role; b.xlsx only the Driver.
    const perRole = (file: string) =>
      lines
        .find((l) => l.includes(file))!
        .split(': ')[1]!
        .split(' / ')
        .map(Number);
    expect(perRole('a.xlsx')).toEqual(order.map((x) => (x === 'Unclassified' ? 0 : 1)));
    expect(perRole('b.xlsx')).toEqual(order.map((x) => (x === 'Driver' ? 1 : 0)));
  });
});
