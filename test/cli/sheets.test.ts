/**
 * `refresh --sheet A --sheet B`: several inventory sheets of one workbook refreshed as one
 * portfolio, each with its own layout, detection and output columns; the summary and history
 * cover the union with roles by sheet; a second refresh reports changes on either sheet.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type Io } from '../../src/cli/main';
import { headerText } from '../../src/core/headers';
import { OUTPUT_HEADERS } from '../../src/core/output';
import type { JsonReport } from '../../src/core/refresh';
import type { CellValue } from '../../src/core/input';
import { generateSampleInventory, SAMPLE_HEADERS, splitSample } from '../../src/cli/sample';
import { createWorkbook, readWorkbook, snapshots } from '../../src/xlsx/index';
import { validate } from '../xlsx/helpers';

const NOW = new Date('2026-03-02T09:30:00Z');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'iot-sheets-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stderrIsTTY: false,
    now: () => NOW,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

function values(path: string, name: string): CellValue[][] {
  const wb = readWorkbook(new Uint8Array(readFileSync(path)), path);
  return snapshots(wb).find((s) => s.name === name)!.values;
}

/** East as generated (title rows); West without the title, the name column last as "Project". */
function twoSheets(): { east: CellValue[][]; west: CellValue[][]; headerRow: number } {
  const sample = generateSampleInventory({ rows: 30, seed: 4 });
  const [a, b] = splitSample(sample);
  const nameCol = SAMPLE_HEADERS.indexOf('Initiative');
  const west = b!.values
    .slice(sample.headerRow)
    .map((r) => [...r.slice(0, nameCol), ...r.slice(nameCol + 1), r[nameCol] ?? null])
    .map((r, i) => (i === 0 ? r.map((v) => (v === 'Initiative' ? 'Project' : v)) : r));
  return { east: a!.values, west, headerRow: sample.headerRow };
}

describe('refresh with --sheet repeated', () => {
  it('refreshes two sheets as one portfolio, each as it would be alone', async () => {
    const { east, west, headerRow } = twoSheets();
    const input = join(dir, 'book.xlsx');
    writeFileSync(
      input,
      createWorkbook([
        { name: 'Notes', values: [['Read me']] },
        { name: 'East', values: east, headerRow },
        { name: 'West', values: west, headerRow: 0 },
      ]),
    );
    const out = join(dir, 'out.xlsx');
    const r = await run(
      'refresh',
      input,
      '--sheet',
      'East',
      '--sheet',
      'West',
      '--out',
      out,
      '--json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    const alone = async (sheet: string) =>
      JSON.parse(
        (
          await run(
            'refresh',
            input,
            '--sheet',
            sheet,
            '--out',
            join(dir, `${sheet}.xlsx`),
            '--json',
          )
        ).stdout,
      ) as JsonReport;
    const e = await alone('East');
    const w = await alone('West');
    expect(report.rows.map((x) => [x.row, x.name, x.role])).toEqual(
      [...e.rows, ...w.rows].map((x) => [x.row, x.name, x.role]),
    );
    expect(report.summary.total).toBe(e.summary.total + w.summary.total);

    // Each sheet has its own output block, after its own last column.
    const eh = values(out, 'East')[headerRow]!;
    const wh = values(out, 'West')[0]!;
    expect(headerText(eh[SAMPLE_HEADERS.length])).toBe(OUTPUT_HEADERS[0]);
    expect(headerText(wh[SAMPLE_HEADERS.length])).toBe(OUTPUT_HEADERS[0]);
    const summary = values(out, 'IoT Role Summary').map((x) => x.map(String).join('|'));
    const at = summary.findIndex((l) => l.startsWith('Roles by sheet'));
    expect(at).toBeGreaterThan(0);
    expect(summary[at + 2]!.split('|')[0]).toBe('East');
    expect(Number(summary[at + 2]!.split('|')[6])).toBe(e.summary.total);
    expect(summary[at + 3]!.split('|')[0]).toBe('West');
    const history = values(out, 'IoT Role History');
    expect(history[1]![1]).toBe('East, West');
    const v = validate(new Uint8Array(readFileSync(out)));
    if (v) expect(v.ok).toBe(true);

    // A second refresh of the result: nothing changed on either sheet.
    const again = await run(
      'refresh',
      out,
      '--sheet',
      'East',
      '--sheet',
      'West',
      '--in-place',
      '--json',
    );
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as JsonReport).changes).toEqual([]);
    expect(values(out, 'IoT Role History')).toHaveLength(3);
  });

  it('stops before writing when one of the sheets does not exist', async () => {
    const { east, headerRow } = twoSheets();
    const input = join(dir, 'book.xlsx');
    writeFileSync(input, createWorkbook([{ name: 'East', values: east, headerRow }]));
    const r = await run(
      'refresh',
      input,
      '--sheet',
      'East',
      '--sheet',
      'Gone',
      '--out',
      join(dir, 'o.xlsx'),
    );
    expect(r.code).toBe(3);
    // Said for a file: the sheets it has, and the flag that names one.
    expect(r.stderr).toContain(
      'has no sheet named "Gone"; its sheets are "East": name one with --sheet.',
    );
  });
});
