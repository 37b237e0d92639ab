/**
 * The bridge between the two surfaces' workbooks, for the cross-surface tests: a package's
 * sheets, tables, hidden state, protection, merged cells, conditional formats and the add-in's saved
 * settings become the fake's state (rules as Office.js reports them: Custom, formulas with
 * "=" relative to their top-left cell), and the fake's state is saved back as Excel saves it
 * (rules with the same range merged into one conditionalFormatting element,
 * `type="expression"`; values where they are, from A1; the settings in a web-extension part).
 */

import { findOwnBlock } from '../../src/core/headers';
import { outputRules } from '../../src/core/output';
import { toA1 } from '../../src/core/address';
import type { RangeRef } from '../../src/core/input';
import { SETTINGS_KEY } from '../../src/core/settings';
import { listRules } from '../../src/xlsx/cf';
import { createWorkbook, readWorkbook, snapshots } from '../../src/xlsx/index';
import { Package } from '../../src/xlsx/package';
import { readTables } from '../../src/xlsx/read';
import { savedSettingsOf } from '../../src/xlsx/settings';
import { children, escapeText, rootElement } from '../../src/xlsx/xml';
import { FakeExcel } from '../fakes/fake-excel';
import type { CfState, FakeSheetConfig } from '../fakes/fake-excel';
import { NOW, toScalars } from '../excel/helpers';
import { webExtensionXml, withWebExtension } from '../xlsx/webext';

/** A package's worksheets as the fake's configuration, and its rules as Office.js reports them. */
export function fakeFromFile(bytes: Uint8Array): FakeExcel {
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
      merges: (snap.merges ?? []).map(rangeA1),
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
  // The settings the add-in saved travel with the workbook (Excel.SettingCollection).
  const saved = savedSettingsOf(bytes, 'bridge.xlsx').settings;
  if (saved) fake.state.settings.set(SETTINGS_KEY, JSON.stringify(saved));
  return fake;
}

function rangeA1(r: RangeRef): string {
  return `${toA1(r.row, r.col)}:${toA1(r.row + r.rowCount - 1, r.col + r.colCount - 1)}`;
}

/** The fake's workbook saved the way Excel saves rules: same range → one element. */
export function fileFromFake(fake: FakeExcel): Uint8Array {
  const names = fake.sheetNames();
  // Values where they are: from A1 to the used range's last cell.
  const fromA1 = (name: string) => {
    const box = fake.sheet(name).usedBox();
    return box
      ? fake.values(name, `A1:${toA1(box.row + box.rowCount - 1, box.col + box.colCount - 1)}`)
      : [];
  };
  const created = createWorkbook(
    names.map((name) => ({ name, values: fromA1(name) })),
    NOW,
  );
  const setting = fake.state.settings.get(SETTINGS_KEY);
  const bytes =
    typeof setting === 'string'
      ? withWebExtension(created, webExtensionXml(JSON.stringify(setting)))
      : created;
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

/** How many conditional-format rules one output block carries (from OUTPUT_COLUMNS). */
export const OWN_RULE_COUNT = outputRules(0, 1, 1).length;

/** Our whole output block on a sheet (found as the core finds it): its header row and every column below it. */
export function outputOf(values: (string | number | boolean | null)[][]): string[][] {
  const headerRow = values.findIndex((r) => findOwnBlock(r) !== null);
  const block = findOwnBlock(values[headerRow]!)!;
  const end = block.start + block.keys.length;
  return values
    .slice(headerRow)
    .map((r) => r.slice(block.start, end).map((v) => (v === null ? '' : String(v))));
}

export function fileSheet(bytes: Uint8Array, name: string): (string | number | boolean | null)[][] {
  const snap = snapshots(readWorkbook(bytes, 'x.xlsx')).find((s) => s.name === name)!;
  return toScalars(snap.values);
}

export function ourRuleCount(bytes: Uint8Array, sheet: string): number {
  const file = readWorkbook(bytes, 'x.xlsx');
  const entry = file.sheets.find((s) => s.name === sheet)!;
  const xml = file.pkg.requireText(entry.part);
  return listRules(xml, children(xml, rootElement(xml), ['sheetData'])).filter((r) =>
    /^\$[A-Z]+\d+="|^LEN\(/.test(r.reported.formula),
  ).length;
}
