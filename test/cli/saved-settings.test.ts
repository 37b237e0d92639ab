/**
 * `refresh` honours what the add-in saved in the workbook (SPEC §5): the sheet, the mapping
 * and the workbook's own words from the web-extension part, as the ribbon uses them on the
 * (fake) Excel host; flags win; --words FILE adds words; a damaged part is a warning.
 */

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type Run } from './helpers';
import type { CellValue } from '../../src/core/input';
import type { JsonReport } from '../../src/core/refresh';
import type { RoleMapSettings } from '../../src/core/service';
import { runRibbonRefresh } from '../../src/commands/ribbon';
import { SETTINGS_KEY } from '../../src/core/settings';
import { createExcelService } from '../../src/excel/service';
import { createWorkbook } from '../../src/xlsx/index';
import { FakeExcel } from '../fakes/fake-excel';
import { hostFor, toScalars } from '../excel/helpers';
import { parts } from '../xlsx/helpers';
import { settingValue, webExtensionXml, withWebExtension } from '../xlsx/webext';

const NOW = new Date('2026-03-02T09:30:00Z');
const NOTES: CellValue[][] = [
  ['Initiative', 'Led By', 'I&O Pilot'],
  ['Decoy', 'IT', 'Leading'],
];
const PORTFOLIO: CellValue[][] = [
  ['Use case', 'Led By', 'Stage', 'I&O Pilot', 'I&O Implementation', 'I&O Operations'],
  ['Twin', 'Digital Factory', 'Pilot', 'None', 'Responsible', 'Responsible'],
  ['Meters', 'IT', 'Pilot', 'Leading', 'Responsible', 'Responsible'],
  ['Kiosks', 'Smart Spaces team', 'In flight', 'None', 'Responsible', 'None'],
  ['Cameras', 'digital factory', 'Production', 'None', 'None', 'Responsible'],
];
const SAVED: RoleMapSettings = {
  version: 1,
  sheet: 'Portfolio',
  mapping: { name: 'Use case' },
  words: [
    { field: 'ledBy', value: 'Digital Factory', meaning: 'Operations' },
    { field: 'stage', value: 'In flight', meaning: 'Implementation' },
  ],
  history: true,
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'iot-words-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(...argv: string[]): Promise<Run> {
  return runCli(argv, NOW);
}

function workbook(partXml: string | null): string {
  const base = createWorkbook(
    [
      { name: 'Notes', values: NOTES, headerRow: 0 },
      { name: 'Portfolio', values: PORTFOLIO, headerRow: 0 },
    ],
    NOW,
  );
  const path = join(dir, 'book.xlsx');
  writeFileSync(path, partXml === null ? base : withWebExtension(base, partXml));
  return path;
}

type Report = JsonReport & {
  summary: JsonReport['summary'] & { wordsUsed: unknown[] };
  savedSettings: unknown;
};

async function json(...argv: string[]): Promise<Report> {
  const r = await run('refresh', ...argv, '--json', '--out', join(dir, `out${Math.random()}.xlsx`));
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

const roles = (r: { rows: { name: string | null; role: string }[] }): Record<string, string> =>
  Object.fromEntries(r.rows.map((x) => [x.name ?? '', x.role] as [string, string]));

describe('refresh with the settings the add-in saved', () => {
  it('gives the ribbon button answer on the fake Excel host', async () => {
    const input = workbook(webExtensionXml(settingValue(SAVED)));
    const cli = await json(input);

    const fake = new FakeExcel({
      sheets: [
        { name: 'Notes', values: toScalars(NOTES) },
        { name: 'Portfolio', values: toScalars(PORTFOLIO) },
      ],
      active: 'Notes',
      settings: { [SETTINGS_KEY]: JSON.stringify(SAVED) },
    });
    const service = createExcelService(hostFor(fake));
    let ribbon: Awaited<ReturnType<typeof service.refresh>> | null = null;
    const spy = {
      ...service,
      refresh: async (s: RoleMapSettings) => (ribbon = await service.refresh(s)),
    };
    const result = await runRibbonRefresh(
      spy,
      { showError: () => Promise.resolve() },
      { ok: true, requirement: '' },
    );
    expect(result.ok).toBe(true);
    const r = ribbon!;
    expect(cli.sheet).toBe('Portfolio');
    expect(cli.rows.map((x) => [x.row, x.name, x.role, x.rationale, x.issues])).toEqual(
      r.rows.map((x) => [
        x.row + 1,
        x.initiative.name,
        x.role,
        x.rationale,
        x.issues.map((i) => i.message),
      ]),
    );
    expect(cli.summary.wordsUsed).toEqual(r.summary.wordsUsed);
    expect(cli.summary.wordsUsed).toEqual([
      { field: 'ledBy', value: 'Digital Factory', meaning: 'Operations', rows: 2 },
      { field: 'stage', value: 'In flight', meaning: 'Implementation', rows: 1 },
    ]);
    expect(cli.savedSettings).toEqual({
      part: 'xl/webextensions/webextension1.xml',
      sheet: 'Portfolio',
      mapping: ['name'],
      words: 2,
      history: true,
    });
  });

  it('says in the text output which saved settings it used, and lists the words', async () => {
    const r = await run('refresh', workbook(webExtensionXml(settingValue(SAVED))));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Used the settings the add-in saved in the workbook (xl/webextensions/webextension1.xml): sheet "Portfolio", mapping of 1 column, 2 words of its own; flags win over them.',
    );
    expect(r.stdout).toContain(
      `The workbook's own words used: "Digital Factory" as Operations (ledBy, 2 rows); "In flight" as Implementation (stage, 1 row).`,
    );
  });

  it('flags win: --sheet drops the saved sheet and its mapping, --map replaces a field', async () => {
    const input = workbook(webExtensionXml(settingValue(SAVED)));
    const notes = await json(input, '--sheet', 'Notes');
    expect(notes.sheet).toBe('Notes');
    expect(notes.savedSettings).toEqual({
      part: 'xl/webextensions/webextension1.xml',
      sheet: null,
      mapping: [],
      words: 2,
      history: true,
    });
    const mapped = await json(input, '--map', 'ledBy=Stage');
    expect(mapped.mapping.ledBy).toBe('Stage');
    expect(mapped.mapping.name).toBe('Use case');
  });

  it('--words FILE adds words, and replaces a saved word for the same value', async () => {
    const input = workbook(webExtensionXml(settingValue(SAVED)));
    const csv = join(dir, 'words.csv');
    writeFileSync(
      csv,
      '\uFEFFfield,value,meaning\r\nledBy,"Smart Spaces team",LOB\r\nLed By,digital factory,I&O\r\n',
    );
    const r = await json(input, '--words', csv);
    expect(roles(r)).toMatchObject({ Twin: 'Driver', Cameras: 'Driver' });
    expect(r.rows.find((x) => x.name === 'Kiosks')!.issues).toEqual([]);

    const exported = join(dir, 'words.json');
    writeFileSync(
      exported,
      JSON.stringify({
        kind: 'iot-role-map-words',
        version: 1,
        words: [{ field: 'ledBy', value: 'Smart Spaces team', meaning: 'LOB' }],
      }),
    );
    const j = await json(input, '--words', exported);
    expect(j.rows.find((x) => x.name === 'Kiosks')!.issues).toEqual([]);
  });

  it.each([
    [
      'a meaning outside the vocabulary',
      'ledBy,Digital Factory,Factory\n',
      /is taught to mean "Factory", which is not one of I&O, LOB, Operations, External, Joint/,
    ],
    ['an unknown field', 'colour,Blue,LOB\n', /"colour", which is not a field that takes words/],
    [
      'one value taught two meanings',
      'ledBy,Plant Ops,Operations\nledBy,plant ops,LOB\n',
      /taught twice with different meanings/,
    ],
    [
      'a line with two values',
      'ledBy,Plant Ops\n',
      /could not be read \(word 1 has 2 values, not 3\)/,
    ],
  ])('a bad words file (%s) is one sentence and writes nothing', async (_label, text, message) => {
    const input = workbook(null);
    const file = join(dir, 'bad.csv');
    writeFileSync(file, text);
    const out = join(dir, 'out.xlsx');
    const r = await run('refresh', input, '--words', file, '--map', 'name=Use case', '--out', out);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('a damaged settings part is a warning; the refresh goes on and the part comes back byte for byte', async () => {
    const broken = webExtensionXml(settingValue(SAVED)).replace('</we:properties>', '');
    const input = workbook(broken);
    const out = join(dir, 'out.xlsx');
    const r = await run('refresh', input, '--map', 'name=Use case', '--json', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^Warning: The add-in's saved settings in ".*book\.xlsx" \(part xl\/webextensions\/webextension1\.xml\) could not be read \(.+\), so they were ignored; .*\n$/,
    );
    const report = JSON.parse(r.stdout) as Report;
    expect(report.savedSettings).toBeUndefined();
    // Without the saved words, "Digital Factory" is a data issue again.
    expect(report.rows.find((x) => x.name === 'Twin')!.issues[0]).toMatch(/"Digital Factory"/);
    const before = parts(new Uint8Array(readFileSync(input)));
    const after = parts(new Uint8Array(readFileSync(out)));
    for (const name of [...before.keys()].filter((n) => n.includes('webextensions/'))) {
      expect(Buffer.from(after.get(name)!).equals(Buffer.from(before.get(name)!))).toBe(true);
    }
  });
});
