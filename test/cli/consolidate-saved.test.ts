/**
 * `consolidate` reads each input as its own add-in settings say (SPEC §5): the inventory
 * sheets it saved (several sheets, each with its own mapping, give several sources), and the
 * workbook's own words, so every initiative is classified in the portfolio exactly as that
 * workbook's own refresh classifies it. A saved sheet renamed since, or a word another input
 * taught differently, names the input and writes nothing.
 */

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { problem } from '../../src/core/messages';
import { type JsonReport } from '../../src/core/refresh';
import type { RoleMapSettings } from '../../src/core/service';
import { generateSampleInventory } from '../../src/cli/sample';
import { createWorkbook } from '../../src/xlsx/index';
import { layoutSettings, layoutSheets, NORTH_WORD } from '../fixtures/sheet-layouts';
import type { LayoutSheet } from '../fixtures/sheet-layouts';
import { settingValue, webExtensionXml, withWebExtension } from '../xlsx/webext';
import { runCli } from './helpers';

const NOW = new Date('2026-03-02T09:30:00Z');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'iot-consolidate-saved-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

type Report = Omit<JsonReport, 'rows'> & {
  rows: (JsonReport['rows'][number] & { source: { file: string; sheet: string; row: number } })[];
  summary: JsonReport['summary'] & { wordsUsed?: { value: string }[] };
};

function write(name: string, sheets: readonly LayoutSheet[], settings?: RoleMapSettings): string {
  const path = join(dir, name);
  const bytes = createWorkbook(
    [
      { name: 'Notes', values: [['Read me']] },
      ...sheets.map((s) => ({ name: s.name, values: s.values, headerRow: s.headerRow })),
    ],
    NOW,
  );
  writeFileSync(
    path,
    settings ? withWebExtension(bytes, webExtensionXml(settingValue(settings))) : bytes,
  );
  return path;
}

/** A business unit without saved settings: the sample, found by detection. */
function plain(name: string): string {
  const sample = generateSampleInventory({ rows: 12, seed: 9 });
  const path = join(dir, name);
  writeFileSync(
    path,
    createWorkbook([{ name: 'Plan', values: sample.values, headerRow: sample.headerRow }], NOW),
  );
  return path;
}

async function json(...argv: string[]) {
  const r = await runCli(argv, NOW);
  return { ...r, report: r.code === 0 ? (JSON.parse(r.stdout) as Report) : null };
}

describe('consolidate with each input’s saved settings', () => {
  it('takes every saved sheet with its mapping and the workbook’s words', async () => {
    const sheets = layoutSheets({ east: 20, west: 12, north: 15 }).filter((s) => s.name !== 'West');
    const a = write('north-east.xlsx', sheets, layoutSettings(sheets));
    const b = plain('plant.xlsx');
    const before = [readFileSync(a), readFileSync(b)];
    const out = join(dir, 'Portfolio.xlsx');
    const r = await json('consolidate', a, b, '--out', out, '--json');
    // Both units number their initiatives from IOT-0001: noted, not a failure.
    expect(r.stderr).not.toMatch(/could not|Skipped/);
    expect(r.code).toBe(0);
    // Each source as its own workbook's refresh (saved settings) gives it.
    const own = await json('refresh', a, '--out', join(dir, 'a.xlsx'), '--json');
    const alone = await json('refresh', b, '--out', join(dir, 'b.xlsx'), '--json');
    const rows = r.report!.rows;
    const fromA = rows.filter((x) => x.source.file === 'north-east.xlsx');
    expect(new Set(fromA.map((x) => x.source.sheet))).toEqual(new Set(['East', 'North']));
    expect(fromA.map((x) => [x.name, x.role, x.rationale])).toEqual(
      own.report!.rows.map((x) => [x.name, x.role, x.rationale]),
    );
    expect(rows.filter((x) => x.source.file === 'plant.xlsx').map((x) => x.role)).toEqual(
      alone.report!.rows.map((x) => x.role),
    );
    expect(r.report!.summary.wordsUsed?.map((w) => w.value)).toContain(NORTH_WORD.value);
    expect([readFileSync(a), readFileSync(b)]).toEqual(before);
  });

  it('a saved sheet renamed since it was chosen names the input and writes nothing', async () => {
    const sheets = layoutSheets({ east: 10, west: 8, north: 8 });
    const renamed = sheets.map((s) => (s.name === 'North' ? { ...s, name: 'North 2026' } : s));
    const a = write('regions.xlsx', renamed, layoutSettings(sheets));
    const out = join(dir, 'Portfolio.xlsx');
    const r = await runCli(['consolidate', a, plain('plant.xlsx'), '--out', out], NOW);
    expect(r.code).toBe(3);
    const reason = problem('saved-sheet-missing', {
      sheet: 'North',
      saved: ['East', 'West', 'North'],
      surface: 'file',
    }).message;
    expect(r.stderr.trim()).toBe(problem('consolidate-input', { path: a, reason }).message);
    expect(existsSync(out)).toBe(false);
  });

  it('a word two inputs teach differently names the second input; --skip-unreadable leaves it out', async () => {
    const sheets = layoutSheets({ east: 10, west: 8, north: 10 }).filter((s) => s.name === 'North');
    // One sheet, as the pane saves it: the sheet, its mapping, the words.
    const one: RoleMapSettings = {
      version: 1,
      history: true,
      sheet: 'North',
      mapping: sheets[0]!.mapping!,
      words: [NORTH_WORD],
    };
    const a = write('north.xlsx', sheets, one);
    const other = { ...one, words: [{ ...NORTH_WORD, meaning: 'I&O' }] };
    const c = write('north-it.xlsx', sheets, other);
    const out = join(dir, 'Portfolio.xlsx');
    const r = await runCli(['consolidate', a, c, '--out', out], NOW);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`"${c}" could not be consolidated`);
    expect(r.stderr).toContain(`"${NORTH_WORD.value}"`);
    expect(existsSync(out)).toBe(false);
    const skipped = await runCli(['consolidate', a, c, '--out', out, '--skip-unreadable'], NOW);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toContain(`Skipped ${c}:`);
    expect(existsSync(out)).toBe(true);
  });
});
