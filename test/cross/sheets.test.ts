/**
 * Several inventory sheets, one answer from every surface (SPEC §2, §5): a two-sheet and a
 * three-sheet workbook, each sheet with its own layout and its own saved mapping, refreshed
 * from the settings the pane saved by the command line (the file adapter) and in Excel (the
 * Office.js adapter over the strict fake), in either order, has the same output cells on every
 * sheet, exactly one set of our rules per sheet, one summary and one chart. A saved sheet
 * renamed since it was chosen stops both surfaces with one sentence before anything is written.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HISTORY_SHEET, SUMMARY_SHEET } from '../../src/core/domain';
import { problem } from '../../src/core/messages';
import type { RoleMapSettings } from '../../src/core/service';
import { createExcelService } from '../../src/excel/service';
import { createWorkbook, readWorkbook } from '../../src/xlsx/index';
import type { FakeExcel } from '../fakes/fake-excel';
import { runCli } from '../cli/helpers';
import { hostFor, NOW, workbookDump } from '../excel/helpers';
import { layoutSettings, layoutSheets } from '../fixtures/sheet-layouts';
import type { LayoutSheet } from '../fixtures/sheet-layouts';
import { settingValue, webExtensionXml, withWebExtension } from '../xlsx/webext';
import {
  fakeFromFile,
  fileFromFake,
  fileSheet,
  ourRuleCount,
  outputOf,
  OWN_RULE_COUNT,
} from './bridge';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'iot-cross-sheets-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The workbook as the pane left it: notes, the inventory sheets, the saved settings. */
function book(sheets: readonly LayoutSheet[], settings: RoleMapSettings): Uint8Array {
  const bytes = createWorkbook(
    [
      { name: 'Notes', values: [['Planning notes']] },
      ...sheets.map((s) => ({ name: s.name, values: s.values, headerRow: s.headerRow })),
    ],
    NOW,
  );
  return withWebExtension(bytes, webExtensionXml(settingValue(settings)));
}

/** `iot-role-map refresh <file> --in-place`: the saved settings alone decide. */
async function cliRefresh(bytes: Uint8Array): Promise<Uint8Array> {
  const path = join(dir, `book-${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(path, bytes);
  const r = await runCli(['refresh', path, '--in-place'], NOW);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return new Uint8Array(readFileSync(path));
}

async function excelRefresh(fake: FakeExcel): Promise<void> {
  const service = createExcelService(hostFor(fake));
  await service.refresh(await service.loadSettings());
}

/** Chart parts of a file (the summary's bar chart and the history's line chart). */
function fileCharts(bytes: Uint8Array): number {
  const file = readWorkbook(bytes, 'x.xlsx');
  return file.pkg.partNames().filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)).length;
}

const RULES_PER_SHEET = OWN_RULE_COUNT;

describe.each([2, 3])('%i inventory sheets with their own layouts and mappings', (count) => {
  const sheets = layoutSheets({ east: 30, west: 20, north: 25 }).slice(0, count);
  const settings = layoutSettings(sheets);
  const input = book(sheets, settings);

  it('file first, then Excel: same cells on every sheet, one set of rules per sheet', async () => {
    const viaFile = await cliRefresh(input);
    const fake = fakeFromFile(viaFile);
    for (const s of sheets) expect(fake.conditionalFormats(s.name)).toHaveLength(RULES_PER_SHEET);
    await excelRefresh(fake);
    for (const s of sheets) {
      expect(outputOf(fake.values(s.name))).toEqual(outputOf(fileSheet(viaFile, s.name)));
      expect(fake.conditionalFormats(s.name)).toHaveLength(RULES_PER_SHEET);
    }
    expect(fake.sheetNames().filter((n) => n === SUMMARY_SHEET)).toHaveLength(1);
    expect(fake.charts(SUMMARY_SHEET)).toHaveLength(1);
    expect(fake.values(HISTORY_SHEET)).toHaveLength(3);
    expect(fileCharts(viaFile)).toBe(2);
  });

  it('Excel first, then the file Excel saved: the same cells as the file alone gives', async () => {
    const fake = fakeFromFile(input);
    await excelRefresh(fake);
    const saved = fileFromFake(fake);
    for (const s of sheets) expect(ourRuleCount(saved, s.name)).toBe(RULES_PER_SHEET);
    const again = await cliRefresh(saved);
    const fileOnly = await cliRefresh(input);
    for (const s of sheets) {
      expect(ourRuleCount(again, s.name)).toBe(RULES_PER_SHEET);
      const cells = outputOf(fileSheet(again, s.name));
      expect(cells).toEqual(outputOf(fake.values(s.name)));
      expect(cells).toEqual(outputOf(fileSheet(fileOnly, s.name)));
    }
    expect(fileCharts(again)).toBe(2);
    // And back into Excel once more: still one set per sheet, one summary chart.
    const back = fakeFromFile(again);
    await excelRefresh(back);
    for (const s of sheets) expect(back.conditionalFormats(s.name)).toHaveLength(RULES_PER_SHEET);
    expect(back.charts(SUMMARY_SHEET)).toHaveLength(1);
  });
});

describe('a saved sheet renamed since the mapping was saved', () => {
  const sheets = layoutSheets({ east: 20, west: 15, north: 15 });
  const settings = layoutSettings(sheets);
  const renamed = sheets.map((s) => (s.name === 'West' ? { ...s, name: 'West (old)' } : s));
  const input = book(renamed, settings);
  const params = { sheet: 'West', saved: settings.sheets };

  it('stops the command line before anything is written', async () => {
    const path = join(dir, 'renamed.xlsx');
    writeFileSync(path, input);
    const r = await runCli(['refresh', path], NOW);
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toBe(
      problem('saved-sheet-missing', { ...params, surface: 'file' }).message,
    );
    expect(existsSync(join(dir, 'renamed.roles.xlsx'))).toBe(false);
    expect(new Uint8Array(readFileSync(path))).toEqual(input);
  });

  it('stops Excel before anything is written', async () => {
    const fake = fakeFromFile(input);
    const before = workbookDump(fake);
    await expect(excelRefresh(fake)).rejects.toThrow(
      problem('saved-sheet-missing', { ...params, surface: 'excel' }).message,
    );
    expect(workbookDump(fake)).toBe(before);
  });
});
