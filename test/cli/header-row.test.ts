/**
 * A header row picked in the pane (settings `headerRows`, per sheet) wins over the detected one
 * on every surface: the ribbon on the (fake) Excel host and the command line give the same rows.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers';
import type { CellValue } from '../../src/core/input';
import type { JsonReport } from '../../src/core/refresh';
import type { RoleMapSettings } from '../../src/core/service';
import { parseSettings } from '../../src/core/settings';
import { refreshOptions } from '../../src/cli/saved';
import { SETTINGS_KEY } from '../../src/core/settings';
import { createExcelService } from '../../src/excel/service';
import { createWorkbook } from '../../src/xlsx/index';
import { FakeExcel } from '../fakes/fake-excel';
import { hostFor, toScalars } from '../excel/helpers';
import { settingValue, webExtensionXml, withWebExtension } from '../xlsx/webext';

const NOW = new Date('2026-03-02T09:30:00Z');
// Row 1 is a small legend whose headers IoT Role Map knows; the inventory's header is row 4.
const PORTFOLIO: CellValue[][] = [
  ['Initiative', 'Led By', 'Stage'],
  ['(legend)', 'IT = I&O', 'as planned'],
  [null],
  ['Initiative', 'Led By', 'Stage', 'I&O Pilot', 'I&O Implementation', 'I&O Operations'],
  ['Twin', 'Operations', 'Pilot', 'None', 'Responsible', 'Responsible'],
  ['Meters', 'IT', 'Pilot', 'Leading', 'Responsible', 'Responsible'],
  ['Kiosks', 'Marketing', 'Production', 'None', 'None', 'None'],
];
const SAVED: RoleMapSettings = {
  version: 1,
  sheet: 'Portfolio',
  headerRows: { Portfolio: 3 },
  history: true,
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'iot-header-row-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a picked header row', () => {
  it('is read from the saved settings, and only valid rows are kept', () => {
    expect(
      parseSettings(
        JSON.stringify({ version: 1, history: true, headerRows: { A: 3, B: -1, C: 1.5, D: 'x' } }),
      ),
    ).toEqual({ version: 1, history: true, headerRows: { A: 3 } });
    const { options } = refreshOptions(
      { sheet: null, sheets: [], mapping: {}, history: true },
      { settings: SAVED, part: 'p' },
      null,
    );
    expect(options.headerRows).toEqual({ Portfolio: 3 });
  });

  it('gives the same rows from the ribbon on Excel and from the command line', async () => {
    const base = createWorkbook([{ name: 'Portfolio', values: PORTFOLIO, headerRow: 3 }], NOW);
    const input = join(dir, 'book.xlsx');
    writeFileSync(input, withWebExtension(base, webExtensionXml(settingValue(SAVED))));
    const r = await runCli(['refresh', input, '--json', '--out', join(dir, 'out.xlsx')], NOW);
    expect(r.stderr).toBe('');
    const cli = JSON.parse(r.stdout) as JsonReport;
    expect(cli.headerRow).toBe(4);
    expect(cli.rows.map((x) => [x.name, x.role])).toEqual([
      ['Twin', 'Implementer'],
      ['Meters', 'Driver'],
      ['Kiosks', 'Bystander'],
    ]);

    const fake = new FakeExcel({
      sheets: [{ name: 'Portfolio', values: toScalars(PORTFOLIO) }],
      settings: { [SETTINGS_KEY]: JSON.stringify(SAVED) },
    });
    const service = createExcelService(hostFor(fake));
    const outcome = await service.refresh(await service.loadSettings());
    expect(outcome.detection.headerRow).toBe(3);
    expect(outcome.rows.map((x) => [x.row + 1, x.initiative.name, x.role])).toEqual(
      cli.rows.map((x) => [x.row, x.name, x.role]),
    );
    // Without the choice, detection takes the legend's row, and the inventory is in the way.
    const preview = await service.preview('Portfolio', undefined);
    expect(preview.headerRow.detected).toBe(0);
    expect((await service.preview('Portfolio', undefined, 3)).detection.headerRow).toBe(3);
  });

  it('is honoured when consolidate reads the workbook as one of its inputs', async () => {
    const base = createWorkbook([{ name: 'Portfolio', values: PORTFOLIO, headerRow: 3 }], NOW);
    const input = join(dir, 'unit.xlsx');
    writeFileSync(input, withWebExtension(base, webExtensionXml(settingValue(SAVED))));
    const out = join(dir, 'All.xlsx');
    const r = await runCli(['consolidate', input, '--out', out, '--json'], NOW);
    expect(r.stderr).not.toMatch(/Error/);
    const report = JSON.parse(r.stdout) as JsonReport;
    // The legend's row is not an initiative: the portfolio holds the three rows below row 4.
    expect(report.rows.map((x) => [x.name, x.role])).toEqual([
      ['Twin', 'Implementer'],
      ['Meters', 'Driver'],
      ['Kiosks', 'Bystander'],
    ]);
  });
});
