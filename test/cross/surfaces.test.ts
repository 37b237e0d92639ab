/**
 * One answer from every surface (SPEC §5): the same workbook refreshed by the command line
 * (the file adapter) and in Excel (the Office.js adapter over the strict fake), in either
 * order, has the same output cells, exactly one set of our conditional formats, one summary.
 *
 * The bridge between the two is a loader: a package's sheets, tables, hidden state,
 * protection and conditional formats become the fake's state (rules as Office.js reports
 * them: Custom, formulas with "=" relative to their top-left cell), and the fake's state is
 * saved back as Excel saves it (rules with the same range merged into one
 * conditionalFormatting element, `type="expression"`).
 */

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { toA1 } from '../../src/core/address';
import { SUMMARY_SHEET } from '../../src/core/model';
import { OUTPUT_HEADERS } from '../../src/core/output';
import { ruleFormula } from '../../src/core/rules';
import type { RangeRef } from '../../src/core/model';
import { createExcelService } from '../../src/excel/service';
import { generateSampleInventory } from '../../src/cli/sample';
import { listRules } from '../../src/xlsx/cf';
import { createWorkbook, readWorkbook, refreshFile, snapshots } from '../../src/xlsx/index';
import { Package } from '../../src/xlsx/package';
import { readTables } from '../../src/xlsx/read';
import { children, escapeText, rootElement } from '../../src/xlsx/xml';
import { FakeExcel } from '../fakes/fake-excel';
import type { CfState, FakeSheetConfig } from '../fakes/fake-excel';
import { hostFor, NOW, toScalars } from '../excel/helpers';
import { addSheet } from '../xlsx/helpers';

const EXCEL_SAMPLES = join(__dirname, '../../../shared/excel-samples');

/** A package's worksheets as the fake's configuration, and its rules as Office.js reports them. */
function fakeFromFile(bytes: Uint8Array): FakeExcel {
  const file = readWorkbook(bytes, 'bridge.xlsx');
  const snaps = snapshots(file);
  const entries = file.sheets.filter((s) => s.kind === 'worksheet' && file.pkg.has(s.part));
  const configs: FakeSheetConfig[] = entries.map((entry, i) => {
    const snap = snaps[i]!;
    return {
      name: entry.name,
      values: toScalars(snap.values),
      origin: toA1(snap.origin.row, snap.origin.col),
      protected: snap.isProtected,
      visibility: entry.state === 'visible' ? 'Visible' : 'Hidden',
      tables: readTables(file.pkg, entry.part).map((t) => ({
        name: t.name,
        range: rangeA1(t.range),
        showTotals: t.hasTotalsRow,
      })),
    };
  });
  const fake = new FakeExcel({ sheets: configs, active: configs[0]?.name });
  entries.forEach((entry) => {
    const xml = file.pkg.requireText(entry.part);
    const listed = listRules(xml, children(xml, rootElement(xml), ['sheetData']));
    const cfs: CfState[] = [];
    listed.forEach((r, k) => {
      if (r.reported.kind !== 'expression') return;
      for (const range of r.reported.ranges) {
        cfs.push({
          id: `loaded-${entry.name}-${k}-${cfs.length}`,
          type: 'Custom',
          box: range,
          formula: `=${r.reported.formula}`,
          fill: null,
          fontColor: null,
          barColor: null,
        });
      }
    });
    fake.sheet(entry.name).conditionalFormats = cfs;
  });
  return fake;
}

function rangeA1(r: RangeRef): string {
  return `${toA1(r.row, r.col)}:${toA1(r.row + r.rowCount - 1, r.col + r.colCount - 1)}`;
}

/** The fake's workbook saved the way Excel saves rules: same range → one element. */
function fileFromFake(fake: FakeExcel): Uint8Array {
  const names = fake.sheetNames();
  const bytes = createWorkbook(
    names.map((name) => ({ name, values: fake.values(name) })),
    NOW,
  );
  const pkg = new Package(bytes);
  const file = readWorkbook(bytes, 'from-fake.xlsx');
  for (const entry of file.sheets) {
    const cfs = fake.conditionalFormats(entry.name).filter((c) => c.type === 'Custom');
    if (cfs.length === 0) continue;
    const bySqref = new Map<string, string[]>();
    cfs.forEach((cf, i) => {
      const sqref = rangeA1(cf.box);
      const rule = `<cfRule type="expression" priority="${i + 1}"><formula>${escapeText((cf.formula ?? '').replace(/^=/, ''))}</formula></cfRule>`;
      bySqref.set(sqref, [...(bySqref.get(sqref) ?? []), rule]);
    });
    const blocks = [...bySqref].map(
      ([sqref, rules]) =>
        `<conditionalFormatting sqref="${sqref}">${rules.join('')}</conditionalFormatting>`,
    );
    const xml = pkg.requireText(entry.part);
    const at = xml.indexOf('</sheetData>') + '</sheetData>'.length;
    pkg.write(entry.part, xml.slice(0, at) + blocks.join('') + xml.slice(at));
  }
  return pkg.toBytes();
}

/** Our output block on a sheet of a file: header row and the six columns below it. */
function outputOf(values: (string | number | boolean | null)[][]): string[][] {
  const headerRow = values.findIndex((r) => r.includes(OUTPUT_HEADERS[0]));
  const start = values[headerRow]!.indexOf(OUTPUT_HEADERS[0]);
  return values
    .slice(headerRow)
    .map((r) => r.slice(start, start + 6).map((v) => (v === null ? '' : String(v))));
}

function fileSheet(bytes: Uint8Array, name: string): (string | number | boolean | null)[][] {
  const snap = snapshots(readWorkbook(bytes, 'x.xlsx')).find((s) => s.name === name)!;
  return toScalars(snap.values);
}

function ourRuleCount(bytes: Uint8Array, sheet: string): number {
  const file = readWorkbook(bytes, 'x.xlsx');
  const entry = file.sheets.find((s) => s.name === sheet)!;
  const xml = file.pkg.requireText(entry.part);
  return listRules(xml, children(xml, rootElement(xml), ['sheetData'])).filter((r) =>
    /^\$[A-Z]+\d+="|^LEN\(/.test(r.reported.formula),
  ).length;
}

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
    expect(fake.conditionalFormats(sample.sheetName)).toHaveLength(7);
    await excelRefresh(fake);
    const inExcel = outputOf(fake.values(sample.sheetName));
    expect(inExcel).toEqual(outputOf(fileSheet(first.bytes, sample.sheetName)));
    // Exactly one set of our rules: the file's seven were recognised and replaced.
    const cfs = fake.conditionalFormats(sample.sheetName);
    expect(cfs).toHaveLength(7);
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
    expect(ourRuleCount(saved, sample.sheetName)).toBe(7);
    const again = await refreshFile(saved, 'saved.xlsx', { history: true }, NOW);
    expect(ourRuleCount(again.bytes, sample.sheetName)).toBe(7);
    expect(outputOf(fileSheet(again.bytes, sample.sheetName))).toEqual(
      outputOf(fake.values(sample.sheetName)),
    );
    // And back into Excel once more: still one set.
    const back = fakeFromFile(again.bytes);
    await excelRefresh(back);
    expect(back.conditionalFormats(sample.sheetName)).toHaveLength(7);
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
      ).toHaveLength(7);
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

function protectSheet(bytes: Uint8Array, name: string): Uint8Array {
  const file = readWorkbook(bytes, 'x.xlsx');
  const entry = file.sheets.find((s) => s.name === name)!;
  const xml = file.pkg.requireText(entry.part);
  const at = xml.indexOf('</sheetData>') + '</sheetData>'.length;
  file.pkg.write(entry.part, `${xml.slice(0, at)}<sheetProtection sheet="1"/>${xml.slice(at)}`);
  return file.pkg.toBytes();
}
