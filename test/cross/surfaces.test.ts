/**
 * One answer from every surface (SPEC §5): the same workbook refreshed by the command line
 * (the file adapter) and in Excel (the Office.js adapter over the strict fake), in either
 * order, has the same output cells, exactly one set of our conditional formats, one summary.
 * The bridge between the two (file → fake Excel → file) is in bridge.ts.
 */

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { toA1 } from '../../src/core/address';
import { findOwnBlock } from '../../src/core/headers';
import { SUMMARY_SHEET } from '../../src/core/domain';
import { OUTPUT_COLUMNS, OUTPUT_WIDTH, outputRules } from '../../src/core/output';
import { ruleFormula } from '../../src/core/rules';
import { createExcelService } from '../../src/excel/service';
import { generateSampleInventory } from '../../src/cli/sample';
import { createWorkbook, readWorkbook, refreshFile } from '../../src/xlsx/index';
import { Package } from '../../src/xlsx/package';
import { FakeExcel } from '../fakes/fake-excel';
import { hostFor, NOW, toScalars } from '../excel/helpers';
import { addSheet, EXCEL_SAMPLES } from '../xlsx/helpers';
import { outputIndex } from '../core/helpers';
import {
  fakeFromFile,
  fileFromFake,
  fileSheet,
  ourRuleCount,
  outputOf,
  OWN_RULE_COUNT,
} from './bridge';

const sample = generateSampleInventory({ rows: 40, seed: 11 });

/** A workbook as a planner keeps it: notes, the inventory, and a hidden archive. */
function planningWorkbook(): Uint8Array {
  return createWorkbook(
    [
      { name: 'Notes', values: [['Planning notes'], ['Owner', 'PMO']] },
      { name: sample.sheetName, values: sample.values },
    ],
    NOW,
  );
}

async function excelRefresh(fake: FakeExcel): Promise<void> {
  await createExcelService(hostFor(fake)).refresh({ version: 1, history: true });
}

describe('the same workbook refreshed by the command line and in Excel', () => {
  it('file first, then Excel: same output cells, one set of rules, one summary', async () => {
    const first = await refreshFile(planningWorkbook(), 'p.xlsx', { history: true }, NOW);
    const fake = fakeFromFile(first.bytes);
    expect(fake.conditionalFormats(sample.sheetName)).toHaveLength(OWN_RULE_COUNT);
    await excelRefresh(fake);
    const inExcel = outputOf(fake.values(sample.sheetName));
    expect(inExcel).toEqual(outputOf(fileSheet(first.bytes, sample.sheetName)));
    // Exactly one set of our rules: the file's were recognised and replaced.
    const cfs = fake.conditionalFormats(sample.sheetName);
    expect(cfs).toHaveLength(OWN_RULE_COUNT);
    expect(cfs.map((c) => c.formula).sort()).toEqual(
      first.outcome.plan.inventory.conditionalFormats.map((r) => `=${ruleFormula(r)}`).sort(),
    );
    expect(fake.sheetNames().filter((n) => n === SUMMARY_SHEET)).toHaveLength(1);
    expect(fake.charts(SUMMARY_SHEET)).toHaveLength(1);
  });

  it('Excel first, then the file saved by Excel: one set of rules, same cells', async () => {
    const fake = new FakeExcel({
      sheets: [
        { name: 'Notes', values: [['Planning notes'], ['Owner', 'PMO']] },
        { name: sample.sheetName, values: toScalars(sample.values) },
      ],
    });
    await excelRefresh(fake);
    const saved = fileFromFake(fake);
    expect(ourRuleCount(saved, sample.sheetName)).toBe(OWN_RULE_COUNT);
    const again = await refreshFile(saved, 'saved.xlsx', { history: true }, NOW);
    expect(ourRuleCount(again.bytes, sample.sheetName)).toBe(OWN_RULE_COUNT);
    expect(outputOf(fileSheet(again.bytes, sample.sheetName))).toEqual(
      outputOf(fake.values(sample.sheetName)),
    );
    // And back into Excel once more: still one set.
    const back = fakeFromFile(again.bytes);
    await excelRefresh(back);
    expect(back.conditionalFormats(sample.sheetName)).toHaveLength(OWN_RULE_COUNT);
  });

  it('a hidden sheet with more headers is chosen by neither surface', async () => {
    const archive = [
      [...(sample.values[0] as string[]), 'Business Unit', 'Budget'],
      ...sample.values.slice(1, 5),
    ];
    const bytes = hideSheet(
      createWorkbook(
        [
          { name: sample.sheetName, values: sample.values },
          { name: 'Archive', values: archive },
        ],
        NOW,
      ),
      'Archive',
    );
    const viaFile = await refreshFile(bytes, 'h.xlsx', { history: true }, NOW);
    expect(viaFile.outcome.detection.sheet).toBe(sample.sheetName);
    const fake = fakeFromFile(bytes);
    expect(fake.sheet('Archive').visibility).toBe('Hidden');
    await excelRefresh(fake);
    expect(fake.values('Archive').flat()).not.toContain('I&O Role');
    expect(fake.values(sample.sheetName).flat()).toContain('I&O Role');
  });

  it('a protected summary stops both surfaces before anything is written', async () => {
    const first = await refreshFile(planningWorkbook(), 'p.xlsx', { history: true }, NOW);
    const locked = protectSheet(first.bytes, SUMMARY_SHEET);
    await expect(refreshFile(locked, 'p.xlsx', { history: true }, NOW)).rejects.toMatchObject({
      code: 'protected-sheet',
    });
    await expect(refreshFile(locked, 'p.xlsx', { history: true }, NOW)).rejects.toThrow(
      SUMMARY_SHEET,
    );
    const fake = fakeFromFile(locked);
    const before = JSON.stringify(fake.values(sample.sheetName));
    await expect(excelRefresh(fake)).rejects.toMatchObject({ code: 'protected-sheet' });
    expect(JSON.stringify(fake.values(sample.sheetName))).toBe(before);
  });

  it('merged cells where the roles go stop both surfaces with the same sentence, before any write', async () => {
    const headerRow = sample.values.findIndex((r) => r.includes('Initiative'));
    const width = sample.values[headerRow]!.length;
    const ref = `${toA1(headerRow + 2, width)}:${toA1(headerRow + 2, width + 1)}`;
    const merged = mergeCells(planningWorkbook(), sample.sheetName, ref);
    const viaFile = await refreshFile(merged, 'm.xlsx', { history: true }, NOW).catch(
      (e: unknown) => e,
    );
    expect(viaFile).toMatchObject({ code: 'output-merged' });
    const fake = fakeFromFile(merged);
    const before = JSON.stringify(fake.values(sample.sheetName));
    const viaExcel = await excelRefresh(fake).catch((e: unknown) => e);
    expect(viaExcel).toMatchObject({ code: 'output-merged' });
    expect((viaExcel as Error).message).toBe((viaFile as Error).message);
    expect((viaExcel as Error).message).toContain(ref);
    expect(JSON.stringify(fake.values(sample.sheetName))).toBe(before);
    expect(fake.hasSheet(SUMMARY_SHEET)).toBe(false);
  });

  it.each(
    (() => {
      try {
        return readdirSync(EXCEL_SAMPLES).filter((n) => /\.xlsx$/i.test(n));
      } catch {
        return [];
      }
    })(),
  )(
    'an Excel-saved sample with an inventory added: file → Excel → file agree (%s)',
    async (name) => {
      const original = new Uint8Array(readFileSync(join(EXCEL_SAMPLES, name)));
      const input = addSheet(original, 'IoT Inventory', sample.values);
      const first = await refreshFile(input, name, { history: true }, NOW);
      const fake = fakeFromFile(first.bytes);
      await createExcelService(hostFor(fake)).refresh({
        version: 1,
        history: true,
        sheet: 'IoT Inventory',
      });
      expect(outputOf(fake.values('IoT Inventory'))).toEqual(
        outputOf(fileSheet(first.bytes, 'IoT Inventory')),
      );
      expect(
        fake.conditionalFormats('IoT Inventory').filter((c) => c.type === 'Custom'),
      ).toHaveLength(OWN_RULE_COUNT);
    },
  );
});

if (readdirSafe(EXCEL_SAMPLES).length === 0) {
  console.warn(`Skipping the Excel-saved samples: ${EXCEL_SAMPLES} is absent.`);
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function hideSheet(bytes: Uint8Array, name: string): Uint8Array {
  const pkg = new Package(bytes);
  const wb = 'xl/workbook.xml';
  pkg.write(wb, pkg.requireText(wb).replace(`name="${name}"`, `name="${name}" state="hidden"`));
  return pkg.toBytes();
}

/** The sheet with one merged range (<mergeCells> follows <sheetData>, ECMA-376 CT_Worksheet). */
function mergeCells(bytes: Uint8Array, name: string, ref: string): Uint8Array {
  const file = readWorkbook(bytes, 'x.xlsx');
  const entry = file.sheets.find((s) => s.name === name)!;
  const xml = file.pkg.requireText(entry.part);
  const at = xml.indexOf('</sheetData>') + '</sheetData>'.length;
  const merge = `<mergeCells count="1"><mergeCell ref="${ref}"/></mergeCells>`;
  file.pkg.write(entry.part, `${xml.slice(0, at)}${merge}${xml.slice(at)}`);
  return file.pkg.toBytes();
}

function protectSheet(bytes: Uint8Array, name: string): Uint8Array {
  const file = readWorkbook(bytes, 'x.xlsx');
  const entry = file.sheets.find((s) => s.name === name)!;
  const xml = file.pkg.requireText(entry.part);
  const at = xml.indexOf('</sheetData>') + '</sheetData>'.length;
  file.pkg.write(entry.part, `${xml.slice(0, at)}<sheetProtection sheet="1"/>${xml.slice(at)}`);
  return file.pkg.toBytes();
}

describe('a block an earlier refresh left in another shape', () => {
  /**
   * The sample after one refresh in Excel, then our "Data Issues" column moved to the front
   * of the block (cut and insert in Excel: its cells and its rules go with it).
   */
  async function movedBlock(): Promise<FakeExcel> {
    const once = new FakeExcel({
      sheets: [{ name: sample.sheetName, values: toScalars(sample.values) }],
    });
    await excelRefresh(once);
    const values = once.values(sample.sheetName);
    const headerRow = values.findIndex((r) => findOwnBlock(r) !== null);
    const start = findOwnBlock(values[headerRow]!)!.start;
    const from = outputIndex('issues');
    const order = [from, ...OUTPUT_COLUMNS.map((_c, k) => k).filter((k) => k !== from)];
    const moved = values.map((r) => [
      ...r.slice(0, start),
      ...order.map((k) => r[start + k] ?? null),
      ...r.slice(start + OUTPUT_WIDTH),
    ]);
    const fake = new FakeExcel({ sheets: [{ name: sample.sheetName, values: moved }] });
    const columns = order.map((k) => ({ key: OUTPUT_COLUMNS[k]!.key, header: '' }));
    const rows = values.length - headerRow - 1;
    const layout = { version: 0, columns, tintForms: [] };
    for (const rule of outputRules(start, headerRow + 1, rows, layout)) {
      const { row, col, rowCount, colCount } = rule.range;
      fake.addConditionalFormat(sample.sheetName, {
        type: 'Custom',
        range: `${toA1(row, col)}:${toA1(row + rowCount - 1, col + colCount - 1)}`,
        formula: `=${ruleFormula(rule)}`,
      });
    }
    return fake;
  }

  it('is recognised by its headers on both surfaces, rewritten in today’s order, its rules replaced', async () => {
    const today = new FakeExcel({
      sheets: [{ name: sample.sheetName, values: toScalars(sample.values) }],
    });
    await excelRefresh(today);
    const expected = outputOf(today.values(sample.sheetName));

    const inExcel = await movedBlock();
    expect(outputOf(inExcel.values(sample.sheetName))[0]![0]).toBe('Data Issues');
    const file = fileFromFake(inExcel);
    await excelRefresh(inExcel);
    expect(outputOf(inExcel.values(sample.sheetName))).toEqual(expected);
    expect(inExcel.conditionalFormats(sample.sheetName)).toHaveLength(OWN_RULE_COUNT);

    const refreshed = await refreshFile(file, 'moved.xlsx', { history: true }, NOW);
    expect(outputOf(fileSheet(refreshed.bytes, sample.sheetName))).toEqual(expected);
    expect(ourRuleCount(refreshed.bytes, sample.sheetName)).toBe(OWN_RULE_COUNT);
    // Every column whose place changed gets today's width; none is left to the moved one's.
    const widths = refreshed.outcome.plan.inventory.columnWidths;
    expect(widths.map((w) => w.width)).toEqual(OUTPUT_COLUMNS.map((c) => c.width));
  });
});
