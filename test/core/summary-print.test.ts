/**
 * The summary's print layout as the core measures it (no LibreOffice here: that is
 * test/xlsx/summary-print.test.ts): the fit-to-width scale on Letter and A4 keeps text at 9 pt
 * or more, the brief's two pages hold what the plan puts on them, and a page that would
 * overflow gives up its least needed rows first (cross-tabs to the details, then opportunities).
 */

import { generateSampleInventory } from '../../src/cli/sample';
import type { CellValue } from '../../src/core/input';
import { planRefresh } from '../../src/core/refresh';
import { SUMMARY_COLUMN_WIDTHS, footerSections, printScales } from '../../src/core/summary-sheet';
import type { SheetWrite } from '../../src/core/write-plan';
import { SUMMARY_TEXT } from '../../src/core/messages';
import { lineWidth, textWidth, wrappedLines } from '../../src/core/text-width';
import { input, sheetOf } from './helpers';

/** The sample inventory, with `edit` applied to its data rows. */
function sample(rows: number, edit: (row: CellValue[], i: number, header: CellValue[]) => void) {
  const s = generateSampleInventory({ rows, seed: 11 });
  const header = s.values[s.headerRow]!;
  const values = s.values.map((r, i) => {
    const copy = [...r];
    if (i > s.headerRow) edit(copy, i - s.headerRow - 1, header);
    return copy;
  });
  return sheetOf(s.sheetName, values.slice(s.headerRow));
}

/** The summary planned for a sheet, and the heights of its brief's two pages. */
function planned(rows: number, edit: Parameters<typeof sample>[1] = () => undefined) {
  const { plan } = planRefresh(input([sample(rows, edit)]));
  const s: SheetWrite = plan.summary;
  const [pageTwo, details] = s.print!.rowBreaks!;
  const heights = s.rowHeights!.map((h) => h.height);
  const tall = (a: number, b: number) => heights.slice(a, b).reduce((x, h) => x + h, 0);
  const widths = s.columnWidths.map((c) => c.width);
  const page = Math.min(...printScales(widths).map((p) => p.pageHeight));
  return { s, pageTwo: pageTwo!, details: details!, tall, page };
}

const textOf = (s: SheetWrite) => s.cells.map((c) => String(c.value ?? ''));

describe('the summary prints at a legible size', () => {
  it.each([
    ['Letter', 0.87],
    ['A4', 0.93],
  ])('on %s landscape it scales to %d, so 11 pt text prints at 9 pt or more', (paper, scale) => {
    const p = printScales(SUMMARY_COLUMN_WIDTHS).find((x) => x.paper === paper)!;
    expect(p.scale).toBe(scale);
    expect(11 * p.scale).toBeGreaterThanOrEqual(9);
  });

  it('the footer is written in Excel codes, a literal "&" doubled', () => {
    expect(
      footerSections({ left: SUMMARY_TEXT.footerTitle, center: 'As of 4 May', pageNumbers: true }),
    ).toEqual({
      left: 'IoT Role Map: the roles I&&O plays in the IoT portfolio',
      center: 'As of 4 May',
      right: 'Page &P of &N',
    });
  });
});

describe('the brief fits two pages', () => {
  it.each([12, 60, 100, 400])('%d initiatives: page 1 and page 2 each fit a page', (rows) => {
    const { s, pageTwo, details, tall, page } = planned(rows);
    expect(tall(0, pageTwo)).toBeLessThanOrEqual(page);
    expect(tall(pageTwo, details)).toBeLessThanOrEqual(page);
    // Every row has its height: the pages hold what was measured.
    expect(s.rowHeights!.map((h) => h.row)).toEqual(s.rowHeights!.map((_h, i) => i));
  });

  it('thirty business units: that cross-tab moves to the details, the others stay on page 2', () => {
    const { s, pageTwo, details, tall, page } = planned(100, (row, i, header) => {
      row[header.indexOf('Business Unit')] = `Unit ${String(i % 30).padStart(2, '0')}`;
    });
    const heading = (text: string) => s.cells.find((c) => c.value === text)!.row;
    expect(heading('Roles by lead group')).toBeLessThan(details);
    expect(heading('Roles by stage')).toBeLessThan(details);
    expect(heading('Roles by business unit')).toBeGreaterThan(details);
    expect(tall(pageTwo, details)).toBeLessThanOrEqual(page);
    // It prints right after the details' heading, before the rows needing review.
    expect(heading('Roles by business unit')).toBeLessThan(heading('Rows needing review'));
  });

  it('long owners on every opportunity: fewer are listed, and the heading says how many of how many', () => {
    const long = 'Predictive maintenance of the conveyor belts and sorters in every hub';
    const { s, pageTwo, tall, page } = planned(100, (row, _i, header) => {
      row[header.indexOf('Business Unit')] = 'Shared platform services, north-west';
      row[header.indexOf('Initiative')] = long;
      // A vendor leads: the owner named is the business unit, whose name wraps in its column.
      row[header.indexOf('Led By')] = 'Vendor';
    });
    expect(tall(0, pageTwo)).toBeLessThanOrEqual(page);
    const heading = textOf(s).find((t) => /^Top \d+ of \d+ opportunities/.test(t))!;
    const shown = Number(/^Top (\d+)/.exec(heading)![1]);
    const links = s.cells.filter((c) => c.link && c.row < pageTwo);
    expect(links).toHaveLength(shown);
    expect(shown).toBeGreaterThanOrEqual(3);
    expect(shown).toBeLessThan(10);
  });
});

it('a plan made at the same time from the same rows is the same (the fitting is deterministic)', () => {
  const a = planRefresh(input([sample(100, () => undefined)]));
  const b = planRefresh(input([sample(100, () => undefined)]));
  expect(a.plan.summary).toEqual(b.plan.summary);
});

describe('wrapped cells are as many lines as their words take in Calibri', () => {
  const action = 'Propose to Facilities that I&O leads it before crucial decisions are made.';
  it.each<[string, string, number, number]>([
    // 74 characters, 320 pt: one line of column H (65), which the old estimate (71) made two.
    ['a long action in column H', action, 65, 1],
    ['the same action in a column half as wide', action, 32, 2],
    ['an owner of one word in column C', 'Facilities', 12, 1],
    ['an owner of two words wider than column C', 'Customer Service', 12, 2],
    // "Manufacturing" is 66 pt, wider than column C's line (60 pt): broken over two lines.
    ['one word wider than its column', 'Manufacturing', 12, 2],
    ['nothing', '', 12, 0],
  ])('%s', (_, text, width, lines) => {
    expect(wrappedLines(text, width, 11)).toHaveLength(lines);
  });

  it('a line holds no more than its column, with room to spare for screen rendering', () => {
    const width = SUMMARY_COLUMN_WIDTHS[7]!;
    const line = wrappedLines(`${action} ${action} ${action}`, width, 11);
    for (const l of line) expect(textWidth(l, 11)).toBeLessThanOrEqual(lineWidth(width));
    expect(lineWidth(width)).toBeLessThan((width * 7 + 5) * 0.75);
  });

  it('an opportunity’s row is one line tall when its owner and action fit on one', () => {
    const plan = planned(60).s;
    const rows = new Set(
      plan.cells.filter((c) => c.col === 7 && c.style === 'wrapped').map((c) => c.row),
    );
    const oneLine = [...rows].filter((r) =>
      plan.cells
        .filter((c) => c.row === r && c.style === 'wrapped')
        .every(
          (c) => wrappedLines(String(c.value), plan.columnWidths[c.col]!.width, 11).length === 1,
        ),
    );
    expect(oneLine.length).toBeGreaterThan(0);
    for (const r of oneLine) {
      expect(plan.rowHeights!.find((h) => h.row === r)!.height).toBe(15);
    }
  });
});
