/**
 * A refreshed file opens on its summary (SPEC §4), so Print prints the brief: the workbook's
 * active tab is the summary, its tab is the one selected, and no other sheet's tab stays
 * selected (two selected tabs open as a group). Only those attributes change in the parts the
 * refresh does not otherwise own; a summary the user hid is left hidden and not made active.
 */

import { HISTORY_SHEET, SUMMARY_SHEET } from '../../src/core/domain';
import type { CellValue } from '../../src/core/input';
import { generateSampleInventory } from '../../src/cli/sample';
import { createWorkbook, readWorkbook, refreshFile } from '../../src/xlsx/index';
import { Package } from '../../src/xlsx/package';
import { partText } from './helpers';

const NOW = new Date('2026-05-04T08:00:00Z');
const sample = generateSampleInventory({ rows: 12, seed: 5 });

/** The sample inventory beside a "Notes" sheet, as createWorkbook writes them. */
function book(): Uint8Array {
  const notes: CellValue[][] = [['Notes'], ['Quarterly review in June']];
  return createWorkbook(
    [
      { name: sample.sheetName, values: sample.values, headerRow: sample.headerRow, titleRow: 0 },
      { name: 'Notes', values: notes, headerRow: 0 },
    ],
    NOW,
  );
}

/** The package with some parts' text rewritten. */
function edit(bytes: Uint8Array, edits: Record<string, (xml: string) => string>): Uint8Array {
  const pkg = new Package(bytes);
  for (const [part, f] of Object.entries(edits)) pkg.write(part, f(pkg.requireText(part)));
  return pkg.toBytes();
}

const INVENTORY = 'xl/worksheets/sheet1.xml';
const NOTES = 'xl/worksheets/sheet2.xml';
const WORKBOOK = 'xl/workbook.xml';
const selectedView = '<sheetView tabSelected="1" workbookViewId="0"/>';

/** The first <workbookView> start tag of a workbook part. */
function workbookView(xml: string): string {
  return /<workbookView\b[^>]*>/.exec(xml)?.[0] ?? '';
}

/** The <sheetView> start tags of a sheet part. */
function sheetViews(xml: string): string[] {
  return [...xml.matchAll(/<sheetView\b[^>]*>/g)].map((m) => m[0]);
}

/** Index of a sheet in the workbook's tab order. */
function tabIndex(bytes: Uint8Array, name: string): number {
  return readWorkbook(bytes, 'out.xlsx').sheets.findIndex((s) => s.name === name);
}

/** The part of a named sheet. */
function partOf(bytes: Uint8Array, name: string): string {
  return readWorkbook(bytes, 'out.xlsx').sheets.find((s) => s.name === name)!.part;
}

describe('the refreshed file opens on the summary', () => {
  const cases: [string, Record<string, (xml: string) => string>][] = [
    ['no sheet says it is selected', {}],
    [
      'the inventory was the selected tab',
      { [INVENTORY]: (x) => x.replace('<sheetView workbookViewId="0"/>', selectedView) },
    ],
    [
      'another sheet was the selected tab and the active one',
      {
        [NOTES]: (x) => x.replace('<sheetView workbookViewId="0"/>', selectedView),
        [WORKBOOK]: (x) => x.replace('<workbookView/>', '<workbookView activeTab="1"/>'),
      },
    ],
    [
      'two tabs were selected (a group)',
      {
        [INVENTORY]: (x) => x.replace('<sheetView workbookViewId="0"/>', selectedView),
        [NOTES]: (x) => x.replace('<sheetView workbookViewId="0"/>', selectedView),
      },
    ],
    [
      'the workbook has no <bookViews>',
      { [WORKBOOK]: (x) => x.replace('<bookViews><workbookView/></bookViews>', '') },
    ],
  ];

  // The inventory read as a skeleton and streamed out (the big-sheet path), or read whole.
  const modes = [
    ['streamed', 0],
    ['whole', 1e9],
  ] as const;
  it.each(
    cases.flatMap(([name, edits]) =>
      modes.map(([mode, reading]) => [name, mode, reading, edits] as const),
    ),
  )('%s (the inventory read %s)', async (_name, _mode, reading, edits) => {
    const input = edit(book(), edits);
    const { bytes } = await refreshFile(
      input,
      'in.xlsx',
      { history: true },
      NOW,
      undefined,
      reading,
    );
    const wb = partText(bytes, WORKBOOK);
    expect(workbookView(wb)).toContain(`activeTab="${tabIndex(bytes, SUMMARY_SHEET)}"`);
    expect(sheetViews(partText(bytes, partOf(bytes, SUMMARY_SHEET)))[0]).toContain(
      'tabSelected="1"',
    );
    for (const other of [sample.sheetName, 'Notes', HISTORY_SHEET]) {
      for (const tag of sheetViews(partText(bytes, partOf(bytes, other)))) {
        expect(tag).not.toContain('tabSelected');
      }
    }
  });

  it('a sheet the refresh does not own changes by that attribute alone', async () => {
    const before = edit(book(), {
      [NOTES]: (x) => x.replace('<sheetView workbookViewId="0"/>', selectedView),
    });
    const { bytes } = await refreshFile(before, 'in.xlsx', { history: false }, NOW);
    expect(partText(bytes, NOTES)).toBe(partText(before, NOTES).replace(' tabSelected="1"', ''));
  });

  it('firstSheet moves back so the summary tab is in sight; other view attributes stay', async () => {
    const before = edit(book(), {
      [WORKBOOK]: (x) =>
        x.replace(
          /<workbookView\b[^>]*?(\/?)>/,
          '<workbookView xWindow="240" yWindow="105" windowWidth="14805" windowHeight="8010" firstSheet="9" activeTab="1"$1>',
        ),
    });
    const { bytes } = await refreshFile(before, 'in.xlsx', { history: false }, NOW);
    const index = tabIndex(bytes, SUMMARY_SHEET);
    expect(workbookView(partText(bytes, WORKBOOK))).toBe(
      `<workbookView xWindow="240" yWindow="105" windowWidth="14805" windowHeight="8010" firstSheet="${index}" activeTab="${index}"/>`,
    );
  });

  it('stays on the summary over a second refresh', async () => {
    const once = await refreshFile(book(), 'in.xlsx', { history: true }, NOW);
    const twice = await refreshFile(once.bytes, 'in.xlsx', { history: true }, NOW);
    expect(twice.outcome.plan.openOn).toBe(SUMMARY_SHEET);
    expect(workbookView(partText(twice.bytes, WORKBOOK))).toBe(
      workbookView(partText(once.bytes, WORKBOOK)),
    );
  });

  it('a summary the user hid stays hidden, and the workbook keeps its active tab', async () => {
    const once = await refreshFile(book(), 'in.xlsx', { history: false }, NOW);
    const hidden = edit(once.bytes, {
      [WORKBOOK]: (x) =>
        x
          .replace(/(<sheet name="IoT Role Summary")/, '$1 state="hidden"')
          .replace(/activeTab="\d+"/, 'activeTab="0"'),
      [partOf(once.bytes, SUMMARY_SHEET)]: (x) => x.replace(' tabSelected="1"', ''),
      [INVENTORY]: (x) =>
        x.replace('<sheetView workbookViewId="0"', '<sheetView tabSelected="1" workbookViewId="0"'),
    });
    const twice = await refreshFile(hidden, 'in.xlsx', { history: false }, NOW);
    expect(twice.outcome.plan.openOn).toBeNull();
    const wb = partText(twice.bytes, WORKBOOK);
    expect(workbookView(wb)).toContain('activeTab="0"');
    expect(wb).toMatch(/<sheet name="IoT Role Summary" state="hidden"/);
    expect(sheetViews(partText(twice.bytes, INVENTORY))[0]).toContain('tabSelected="1"');
  });
});
