/**
 * `iot-role-map consolidate`: several business units' workbooks (generated ones in different
 * layouts, and Excel-saved ones with an inventory added) become one portfolio workbook; the
 * inputs stay byte-identical, the portfolio is schema-valid, a second consolidation continues
 * the history and reports the changes, and a bad input stops everything before writing.
 */

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { headerText } from '../../src/core/headers';
import { CHANGES_SHEET, HISTORY_SHEET, SNAPSHOT_SHEET } from '../../src/core/domain';
import { NUMBER_FORMATS } from '../../src/core/styles';
import { HISTORY_HEADERS } from '../../src/core/summary-sheet';
import type { JsonReport } from '../../src/core/refresh';
import type { CellValue } from '../../src/core/input';
import { generateSampleInventory, SAMPLE_HEADERS, splitSample } from '../../src/cli/sample';
import { createWorkbook, readWorkbook, snapshots } from '../../src/xlsx/index';
import { addSheet, EXCEL_SAMPLES, hasSoffice, libreOfficePdfSize, validate } from '../xlsx/helpers';

import { runCli, type Run } from './helpers';

const NOW = new Date('2026-03-02T09:30:00Z');
const LATER = new Date('2026-04-02T09:30:00Z');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'iot-consolidate-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(argv: string[], now = NOW, tty = false): Promise<Run> {
  return runCli(argv, now, tty);
}

type Report = Omit<JsonReport, 'rows'> & {
  rows: (JsonReport['rows'][number] & { source: { file: string; sheet: string; row: number } })[];
  duplicates: { id: string; sources: { file: string; sheet: string; row: number }[] }[];
  removed: { source: { file: string }; id: string | null; name: string | null }[];
  skipped: { path: string; message: string }[];
  continued: boolean;
};

/** Moves column `from` of every row to the end: a different layout of the same inventory. */
function moveColumn(values: CellValue[][], from: number): CellValue[][] {
  return values.map((r) => [...r.slice(0, from), ...r.slice(from + 1), r[from] ?? null]);
}

/**
 * The sample split into three business units, each in its own layout: as generated; without
 * the title (header on row 1, sheet "Inventory"); the name column last, titled "Project".
 */
function writeUnits(): string[] {
  const sample = generateSampleInventory({ rows: 45, seed: 11 });
  const parts = splitSample(sample);
  const nameCol = SAMPLE_HEADERS.indexOf('Initiative');
  const layouts: { name: string; values: CellValue[][]; headerRow: number }[] = [
    { name: sample.sheetName, values: parts[0]!.values, headerRow: sample.headerRow },
    { name: 'Inventory', values: parts[1]!.values.slice(sample.headerRow), headerRow: 0 },
    {
      name: 'Projects',
      values: moveColumn(parts[2]!.values, nameCol).map((r, i) =>
        i === sample.headerRow ? r.map((v) => (v === 'Initiative' ? 'Project' : v)) : r,
      ),
      headerRow: sample.headerRow,
    },
  ];
  return layouts.map((l, i) => {
    const path = join(dir, `unit-${i + 1}.xlsx`);
    writeFileSync(
      path,
      createWorkbook([{ name: l.name, values: l.values, headerRow: l.headerRow }]),
    );
    return path;
  });
}

function sheetValues(path: string, name: string): CellValue[][] {
  const wb = readWorkbook(new Uint8Array(readFileSync(path)), path);
  const snap = snapshots(wb).find((s) => s.name === name);
  if (!snap) throw new Error(`no sheet ${name}`);
  return snap.values;
}

describe('iot-role-map consolidate', () => {
  it('brings three layouts into one portfolio, classified as each source alone, inputs untouched', async () => {
    const inputs = writeUnits();
    const before = inputs.map((p) => readFileSync(p));
    const out = join(dir, 'Portfolio.xlsx');
    const r = await run(['consolidate', ...inputs, '--out', out, '--json']);
    expect(r.code).toBe(0);
    inputs.forEach((p, i) => expect(readFileSync(p).equals(before[i]!)).toBe(true));
    const report = JSON.parse(r.stdout) as Report;
    expect(report.sheet).toBe('Portfolio');
    expect(report.continued).toBe(false);
    expect(report.duplicates).toEqual([]);

    // Every initiative of every source, each with the role its own refresh gives it.
    let total = 0;
    for (const input of inputs) {
      const own = await run([
        'refresh',
        input,
        '--json',
        '--force',
        '--out',
        join(dir, 'own.xlsx'),
      ]);
      expect(own.code).toBe(0);
      const alone = JSON.parse(own.stdout) as JsonReport;
      total += alone.rows.length;
      const file = input.split('/').pop()!;
      for (const row of alone.rows) {
        const match = report.rows.find((x) => x.source.file === file && x.source.row === row.row);
        expect(match).toMatchObject({ id: row.id, name: row.name, role: row.role });
        expect(match!.source.sheet).toBe(alone.sheet);
      }
    }
    expect(report.rows).toHaveLength(total);
    expect(total).toBeGreaterThan(30);

    // The portfolio sheet names the source of each row; the summary counts roles by source.
    const portfolio = sheetValues(out, 'Portfolio');
    expect(portfolio[0]!.slice(0, 4)).toEqual([
      'Source file',
      'Source sheet',
      'Source row',
      'Initiative',
    ]);
    expect(portfolio[1]!.slice(0, 3)).toEqual(['unit-1.xlsx', 'IoT Inventory', 4]);
    const summary = sheetValues(out, 'IoT Role Summary').map((row) => row.map(String).join('|'));
    const at = summary.findIndex((l) => l.startsWith('Roles by source'));
    expect(at).toBeGreaterThan(0);
    for (const [i, label] of [
      'unit-1.xlsx › IoT Inventory',
      'unit-2.xlsx › Inventory',
      'unit-3.xlsx › Projects',
    ].entries()) {
      const line = summary[at + 2 + i]!.split('|');
      expect(line[0]).toBe(label);
      const count = report.rows.filter((x) => `${x.source.file} › ${x.source.sheet}` === label);
      expect(Number(line[6])).toBe(count.length);
    }
    expect(sheetValues(out, 'IoT Role History')).toHaveLength(2);
    const v = validate(new Uint8Array(readFileSync(out)));
    if (v) expect(v.output).toBe(v.ok ? v.output : '');
    if (v) expect(v.ok).toBe(true);
  });

  it('continues the history and reports changes, additions and removals, keyed by source and ID', async () => {
    const inputs = writeUnits();
    const out = join(dir, 'Portfolio.xlsx');
    expect((await run(['consolidate', ...inputs, '--out', out])).code).toBe(0);
    const first = sheetValues(out, 'Portfolio');

    // Unit 2 (header on row 1): one initiative becomes I&O-led, one is dropped, one is added;
    // and the inputs are given in another order.
    const u2 = sheetValues(inputs[1]!, 'Inventory');
    const h = u2[0]!;
    const led = h.indexOf('Led By');
    const id = h.indexOf('ID');
    const changed = u2.findIndex((row, i) => i > 0 && row[led] !== 'I&O' && row[id] !== null);
    const changedId = u2[changed]![id];
    u2[changed]![led] = 'I&O';
    const dropped = u2.findIndex((row, i) => i > changed && row[id] !== null);
    const droppedId = u2[dropped]![id];
    const added = [...u2[1]!];
    added[id] = 'NEW-1';
    added[h.indexOf('Initiative')] = 'Brand-new sensor network';
    const next = [...u2.filter((_r, i) => i !== dropped), added];
    writeFileSync(inputs[1]!, createWorkbook([{ name: 'Inventory', values: next, headerRow: 0 }]));

    const r = await run(
      ['consolidate', inputs[2]!, inputs[1]!, inputs[0]!, '--out', out, '--json'],
      LATER,
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.continued).toBe(true);
    const byId = (x: { id: string | null }) => x.id;
    expect(report.changes.map(byId).sort()).toEqual([changedId, 'NEW-1', droppedId].sort());
    const change = report.changes.find((c) => c.id === changedId)!;
    expect(change).toMatchObject({ kind: 'role', to: 'Driver' });
    expect(change.from).not.toBe('');
    expect(report.changes.find((c) => c.id === 'NEW-1')).toMatchObject({ kind: 'added', from: '' });
    // The removal goes through the refresh's change path: reported, and written to the log.
    expect(report.changes.find((c) => c.id === droppedId)).toMatchObject({
      kind: 'removed',
      to: '',
    });
    expect(report.removed.map(byId)).toEqual([droppedId]);
    const log = sheetValues(out, CHANGES_SHEET);
    expect(log.filter((row) => row[4] === 'Removed').map((row) => row[2])).toEqual([droppedId]);

    // Rows that stayed keep their order; the new one comes last.
    const second = sheetValues(out, 'Portfolio');
    const keys = (rows: CellValue[][]) =>
      rows.slice(1).map((x) => `${headerText(x[0])}|${headerText(x[4])}`);
    const kept = keys(first).filter((k) => k !== `unit-2.xlsx|${headerText(droppedId)}`);
    expect(keys(second)).toEqual([...kept, 'unit-2.xlsx|NEW-1']);
    const history = sheetValues(out, 'IoT Role History');
    expect(history).toHaveLength(3);
    expect(history[2]![10]).toBe(3);
    const v = validate(new Uint8Array(readFileSync(out)));
    if (v) expect(v.ok).toBe(true);
  });

  it("formats every history row with the core's number formats, old rows and new alike", async () => {
    const inputs = writeUnits();
    const out = join(dir, 'Portfolio.xlsx');
    for (const when of [NOW, LATER, new Date('2026-05-02T09:30:00Z')]) {
      expect((await run(['consolidate', ...inputs, '--out', out], when)).code).toBe(0);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const history = wb.getWorksheet(HISTORY_SHEET)!;
    const formats = [2, 3, 4].map((row) => [
      history.getCell(row, HISTORY_HEADERS.indexOf('Refreshed') + 1).numFmt,
      history.getCell(row, HISTORY_HEADERS.indexOf('Active share') + 1).numFmt,
    ]);
    // Rows 2 and 3 were carried over by consolidate, row 4 written by this refresh.
    const expected = [NUMBER_FORMATS.datetime, NUMBER_FORMATS.percent];
    expect(formats).toEqual([expected, expected, expected]);
  });

  it('run again and again keeps the history, the change log and the sheet order tidy', async () => {
    const inputs = writeUnits();
    const out = join(dir, 'Portfolio.xlsx');
    /** What a reader sees of a sheet's layout: widths, frozen rows, and each cell's format and weight. */
    const layoutOf = (ws: ExcelJS.Worksheet) => ({
      widths: (ws.columns ?? []).map((c) => c.width ?? null),
      frozen: ws.views.map((v) => (v.state === 'frozen' ? v.ySplit : 0)),
      header: (ws.getRow(1).values as unknown[]).length,
      headerBold: ws.getRow(1).getCell(1).font?.bold ?? false,
    });
    /** The format and weight of every cell of a row, by column. */
    const rowStyle = (ws: ExcelJS.Worksheet, row: number, width: number) =>
      Array.from({ length: width }, (_v, i) => {
        const cell = ws.getRow(row).getCell(i + 1);
        return [cell.numFmt ?? '', cell.font?.bold ?? false] as (string | boolean)[];
      });
    const runs: {
      order: string[];
      sheets: Record<string, unknown>;
      rows: Record<string, (string | boolean)[][][]>;
    }[] = [];
    for (const when of [NOW, LATER, new Date('2026-05-02T09:30:00Z')]) {
      expect((await run(['consolidate', ...inputs, '--out', out], when)).code).toBe(0);
      const bytes = new Uint8Array(readFileSync(out));
      const v = validate(bytes);
      if (v) expect(v.ok).toBe(true);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
      const own = [HISTORY_SHEET, CHANGES_SHEET, SNAPSHOT_SHEET];
      runs.push({
        order: wb.worksheets.map((w) => w.name),
        sheets: Object.fromEntries(own.map((n) => [n, layoutOf(wb.getWorksheet(n)!)])),
        // Every data row of the history and the log styled as the first run styled its row.
        rows: Object.fromEntries(
          [HISTORY_SHEET, CHANGES_SHEET].map((n) => {
            const ws = wb.getWorksheet(n)!;
            const width = (ws.getRow(1).values as unknown[]).length - 1;
            return [
              n,
              Array.from({ length: ws.rowCount - 1 }, (_v, i) => rowStyle(ws, i + 2, width)),
            ];
          }),
        ),
      });
    }
    const [first] = runs;
    expect(first!.order).toEqual([
      'Portfolio',
      'IoT Role Summary',
      HISTORY_SHEET,
      CHANGES_SHEET,
      SNAPSHOT_SHEET,
    ]);
    for (const r of runs.slice(1)) {
      expect(r.order).toEqual(first!.order);
      expect(r.sheets).toEqual(first!.sheets);
      for (const n of [HISTORY_SHEET, CHANGES_SHEET]) {
        const model = first!.rows[n]![0];
        for (const row of r.rows[n]!) expect(row).toEqual(model);
      }
    }
    // The history's dates show as dates (a width of at least 16 characters for yyyy-mm-dd hh:mm).
    const history = first!.sheets[HISTORY_SHEET] as { widths: (number | null)[]; frozen: number[] };
    expect(history.widths[0]).toBeGreaterThanOrEqual(16);
    expect(history.frozen).toEqual([1]);
    expect(first!.rows[HISTORY_SHEET]![0]![0]).toEqual([NUMBER_FORMATS.datetime, false]);
  });

  it('consolidates Excel-saved workbooks with an inventory added; LibreOffice opens the portfolio', async () => {
    const units = splitSample(generateSampleInventory({ rows: 30, seed: 5 }));
    const inputs = ['63934.xlsx', 'ExcelPivotTableSample.xlsx', '61652.xlsx'].map((name, i) => {
      const path = join(dir, name);
      const bytes = new Uint8Array(readFileSync(join(EXCEL_SAMPLES, name)));
      writeFileSync(path, addSheet(bytes, `IoT ${i + 1}`, units[i]!.values));
      return path;
    });
    const before = inputs.map((p) => readFileSync(p));
    const out = join(dir, 'Portfolio.xlsx');
    const r = await run(['consolidate', ...inputs, '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    inputs.forEach((p, i) => expect(readFileSync(p).equals(before[i]!)).toBe(true));
    const report = JSON.parse(r.stdout) as Report;
    expect(new Set(report.rows.map((x) => x.source.sheet))).toEqual(
      new Set(['IoT 1', 'IoT 2', 'IoT 3']),
    );
    const bytes = new Uint8Array(readFileSync(out));
    const v = validate(bytes);
    if (v) expect(v.ok).toBe(true);
    if (hasSoffice()) expect(libreOfficePdfSize(bytes)).toBeGreaterThan(1000);
  }, 180000);

  it('reports initiative IDs found in more than one source, and keeps each', async () => {
    const a = join(dir, 'a.xlsx');
    const b = join(dir, 'b.xlsx');
    const sample = generateSampleInventory({ rows: 12, seed: 3 });
    const book = createWorkbook([
      { name: sample.sheetName, values: sample.values, headerRow: sample.headerRow },
    ]);
    writeFileSync(a, book);
    writeFileSync(b, book);
    const out = join(dir, 'P.xlsx');
    const r = await run(['consolidate', a, b, '--out', out, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    const ids = sample.values
      .slice(sample.headerRow + 1)
      .map((x) => x[0])
      .filter((x): x is string => typeof x === 'string' && x !== '');
    expect(report.duplicates).toHaveLength(new Set(ids).size);
    expect(report.duplicates[0]!.sources.map((s) => s.file)).toEqual(['a.xlsx', 'b.xlsx']);
    expect(report.rows).toHaveLength(2 * report.duplicates.length);
    expect(r.stderr).toContain(
      `Note: initiative ID "${ids[0]}" is in more than one source (a.xlsx › ${sample.sheetName} row 4, b.xlsx › ${sample.sheetName} row 4); each is kept.`,
    );
    expect(r.stderr).toContain(
      'more initiative IDs in more than one source (--json lists them all)',
    );
  });

  it('stops before writing when one input is unreadable, naming it; --skip-unreadable leaves it out', async () => {
    const inputs = writeUnits();
    const bad = join(dir, 'notes.xlsx');
    writeFileSync(bad, 'not a workbook');
    const out = join(dir, 'Portfolio.xlsx');
    const r = await run(['consolidate', inputs[0]!, bad, inputs[1]!, '--out', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`Nothing was written because "${bad}" could not be consolidated`);
    expect(r.stderr).toContain('--skip-unreadable');
    expect(existsSync(out)).toBe(false);
    const missing = join(dir, 'missing.xlsx');
    const m = await run(['consolidate', inputs[0]!, missing, '--out', out]);
    expect(m.code).toBe(3);
    expect(m.stderr).toContain(`"${missing}"`);
    expect(existsSync(out)).toBe(false);

    const s = await run(
      ['consolidate', inputs[0]!, bad, missing, inputs[1]!, '--out', out, '--skip-unreadable'],
      NOW,
      true,
    );
    expect(s.code).toBe(0);
    expect(s.stderr).toContain(`Skipped ${bad}: "${bad}" is not an Excel workbook`);
    expect(s.stderr).toContain(`Skipped ${missing}: `);
    expect(s.stderr).toContain('reading 1/3 ');
    expect(s.stdout).toContain('Consolidated 2 workbooks into one portfolio.');
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('refuses an --out that consolidate did not make, and usage mistakes', async () => {
    const inputs = writeUnits();
    const foreign = join(dir, 'foreign.xlsx');
    writeFileSync(foreign, readFileSync(inputs[0]!));
    const before = readFileSync(foreign);
    const r = await run(['consolidate', ...inputs, '--out', foreign]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('was not made by consolidate');
    expect(readFileSync(foreign).equals(before)).toBe(true);
    expect((await run(['consolidate', ...inputs])).code).toBe(2);
    expect((await run(['consolidate', '--out', join(dir, 'x.xlsx')])).code).toBe(2);
    const same = await run(['consolidate', inputs[0]!, '--out', inputs[0]!]);
    expect(same.code).toBe(2);
    const help = await run(['--help']);
    expect(help.stdout).toContain('--skip-unreadable');
  });
});
