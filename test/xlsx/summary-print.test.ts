/**
 * The workbook an executive reads, through the file adapter: changes since the last refresh
 * (a role change, an added row, an edited name, a first refresh), the history's line chart
 * read back from its part, the print layout in the package, and the printed summary measured
 * through LibreOffice (page count and word heights from `pdftotext -bbox`).
 */

import { toJsonReport } from '../../src/core/refresh';
import type { CellValue } from '../../src/core/input';
import { HISTORY_SHEET, SUMMARY_SHEET } from '../../src/core/domain';
import { generateSampleInventory } from '../../src/cli/sample';
import { createWorkbook, readWorkbook, refreshFile, snapshots } from '../../src/xlsx/index';
import type { FileRefresh, WorkbookFile } from '../../src/xlsx/index';

/** Values of one sheet of a file, by name. */
function sheetValues(file: WorkbookFile, name: string): CellValue[][] | undefined {
  return snapshots(file).find((s) => s.name === name)?.values;
}
import { REL } from '../../src/xlsx/package';
import { definedNameOf } from '../../src/xlsx/print';
import { partText, validate } from './helpers';
import { canMeasurePrint, hasCarlito, printSheet, quantile, wordHeights } from './print-measure';

import { CHANGE_HEADER, CHANGE_ROWS } from '../fixtures/change-inventory';

const NOW = new Date('2026-05-04T08:00:00Z');
const LATER = new Date('2026-05-04T15:30:00Z');

function book(values: CellValue[][]): Uint8Array {
  return createWorkbook([{ name: 'Inventory', values, headerRow: 0 }], NOW);
}

/** The refreshed sheet as a user leaves it before the next refresh: one lead group, one name edited, one row added. */
function edited(values: CellValue[][]): CellValue[][] {
  const out = values.map((r) => [...r]);
  out[2]![3] = 'IT'; // IOT-2 is now led by IT: Bystander → Driver
  out[3]![1] = 'Vibration sensors (line 2)'; // renamed, same role: not a change
  const width = out[0]!.length;
  const added: CellValue[] = [
    'IOT-4',
    'Cold-chain tracking',
    'Retail',
    'Retail',
    'Idea',
    'Consulted',
    'None',
    'None',
  ];
  out.push([...added, ...Array<CellValue>(width - added.length).fill(null)]);
  return out;
}

describe('changes since the last refresh (file adapter)', () => {
  let first!: FileRefresh;
  let second!: FileRefresh;
  beforeAll(async () => {
    first = await refreshFile(
      book([CHANGE_HEADER, ...CHANGE_ROWS]),
      'in.xlsx',
      { history: true },
      NOW,
    );
    const after = sheetValues(readWorkbook(first.bytes, 'out.xlsx'), 'Inventory')!;
    second = await refreshFile(book(edited(after)), 'in.xlsx', { history: true }, LATER);
  });

  it('a first refresh has no changes, says so on the summary, and reports [] in --json', () => {
    expect(first.outcome.changes).toBeNull();
    expect(toJsonReport(first.outcome).changes).toEqual([]);
    const summary = sheetValues(readWorkbook(first.bytes, 'out.xlsx'), SUMMARY_SHEET)!;
    const text = summary
      .flat()
      .filter((v) => typeof v === 'string')
      .join(' ');
    expect(text).toContain('First refresh of "Inventory"');
  });

  it('lists the role change and the added row, not the edited name, with rows as Excel shows them', () => {
    expect(toJsonReport(second.outcome).changes).toEqual([
      {
        kind: 'role',
        row: 3,
        sheet: 'Inventory',
        id: 'IOT-2',
        name: 'Fleet telematics',
        from: 'Bystander',
        to: 'Driver',
      },
      {
        kind: 'added',
        row: 5,
        sheet: 'Inventory',
        id: 'IOT-4',
        name: 'Cold-chain tracking',
        from: '',
        to: 'Bystander',
      },
    ]);
  });

  it('the summary lists them with links back to their rows; the history row counts them', () => {
    const file = readWorkbook(second.bytes, 'out.xlsx');
    const summary = sheetValues(file, SUMMARY_SHEET)!;
    const at = summary.findIndex((r) => r[0] === 'Changes since the last refresh');
    expect(at).toBeGreaterThan(0);
    const header = summary.findIndex((r, i) => i > at && r[0] === 'Initiative');
    expect(summary.slice(header, header + 3).map((r) => r.slice(0, 5))).toEqual([
      ['Initiative', 'Row', 'Was', 'Now', 'Change'],
      ['IOT-2 Fleet telematics', 'B3', 'Bystander', 'Driver', 'Role changed'],
      ['IOT-4 Cold-chain tracking', 'B5', '—', 'Bystander', 'Added'],
    ]);
    const part = file.sheets.find((s) => s.name === SUMMARY_SHEET)!.part;
    const xml = partText(second.bytes, part);
    expect(xml).toContain(`<hyperlink ref="B${header + 2}" location="Inventory!B3"`);
    expect(xml).toContain(`<hyperlink ref="B${header + 3}" location="Inventory!B5"`);
    const history = sheetValues(file, HISTORY_SHEET)!;
    expect(history[0]![10]).toBe('Changes');
    expect(history[1]![10]).toBe(2);
  });

  it('roles by business unit: free-text units, none dropped', () => {
    const summary = sheetValues(readWorkbook(second.bytes, 'out.xlsx'), SUMMARY_SHEET)!;
    const at = summary.findIndex((r) => r[0] === 'Roles by business unit');
    const labels = summary.slice(at + 2, at + 6).map((r) => r[0]);
    expect(labels).toEqual(['Facilities', 'Logistics', 'Plant ops', 'Retail']);
  });
});

describe('the history line chart and the print layout in the package', () => {
  const sample = generateSampleInventory({ rows: 30, seed: 3 });
  const input = createWorkbook(
    [{ name: sample.sheetName, values: sample.values, headerRow: sample.headerRow }],
    NOW,
  );
  let second!: FileRefresh;
  let file!: WorkbookFile;
  let historyPart = '';
  beforeAll(async () => {
    const first = await refreshFile(input, 'in.xlsx', { history: true }, NOW);
    second = await refreshFile(first.bytes, 'in.xlsx', { history: true }, LATER);
    file = readWorkbook(second.bytes, 'out.xlsx');
    historyPart = file.sheets.find((s) => s.name === HISTORY_SHEET)!.part;
  });

  it('one line chart part over every history row, its caches equal to the cells', () => {
    const drawing = file.pkg.relsOfKind(historyPart, REL.drawing);
    expect(drawing).toHaveLength(1);
    const charts = file.pkg.relsOfKind(drawing[0]!.part, REL.chart);
    expect(charts).toHaveLength(1);
    const xml = partText(second.bytes, charts[0]!.part);
    expect(xml).toContain('<c:lineChart>');
    expect(xml).toContain("<c:f>'IoT Role History'!$J$2:$J$3</c:f>");
    expect(xml).toContain("<c:f>'IoT Role History'!$A$2:$A$3</c:f>");
    // A date axis, the article's 40% line beside the share, and alt text on the drawing.
    expect(xml).toMatch(/<c:dateAx>.*<c:baseTimeUnit val="days"\/><\/c:dateAx>/);
    expect(xml).toContain('<c:tx><c:v>Gartner, expected by 2020</c:v></c:tx>');
    expect(xml).toMatch(
      /<c:numLit><c:formatCode>0%<\/c:formatCode><c:ptCount val="2"\/><c:pt idx="0"><c:v>0.4<\/c:v>/,
    );
    const history = sheetValues(file, HISTORY_SHEET)!;
    const cached = [...xml.matchAll(/<c:val>.*?<\/c:val>/g)][0]![0];
    const points = [...cached.matchAll(/<c:pt idx="(\d)"><c:v>([^<]+)<\/c:v><\/c:pt>/g)].map((m) =>
      Number(m[2]),
    );
    expect(points).toEqual([history[1]![9], history[2]![9]]);
    // The sheet draws it, and the drawing names it so Excel finds and replaces the same chart.
    expect(partText(second.bytes, historyPart)).toMatch(/<drawing r:id="rId\d+"\/>/);
    expect(partText(second.bytes, drawing[0]!.part)).toContain(
      'name="IoT Role History: active-role share" descr="Line chart of the I&amp;O active-role share at each of the 2 refreshes so far',
    );
    // No chart parts pile up: LibreOffice-free package, the summary's chart and the history's.
    const all = [...file.pkg.partNames()].filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(all).toHaveLength(2);
  });

  it('print area and titles are defined once per sheet, the page set up landscape, one page wide', () => {
    const wb = partText(second.bytes, 'xl/workbook.xml');
    const index = file.sheets.findIndex((s) => s.name === SUMMARY_SHEET);
    const plan = second.outcome.plan.summary.print!;
    expect(definedNameOf(wb, '_xlnm.Print_Area', index)).toBe(
      `'IoT Role Summary'!$A$1:$H$${plan.area!.rowCount}`,
    );
    const title = plan.titleRows!.first + 1;
    expect(definedNameOf(wb, '_xlnm.Print_Titles', index)).toBe(
      `'IoT Role Summary'!$${title}:$${title}`,
    );
    expect(wb.match(/_xlnm\.Print_Area/g)).toHaveLength(1);
    expect(wb.match(/_xlnm\.Print_Titles/g)).toHaveLength(2);
    const hIndex = file.sheets.findIndex((s) => s.name === HISTORY_SHEET);
    expect(definedNameOf(wb, '_xlnm.Print_Titles', hIndex)).toBe("'IoT Role History'!$1:$1");
    for (const part of [file.sheets[index]!.part, historyPart]) {
      const xml = partText(second.bytes, part);
      expect(xml).toContain('<pageSetUpPr fitToPage="1"/>');
      expect(xml).toContain('<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    }
    const v = validate(second.bytes);
    if (v) expect(v.output).toMatch(/ 0 invalid/);
  });
});

const describePrint = canMeasurePrint() ? describe : describe.skip;
if (!canMeasurePrint()) {
  console.warn('skipped the printed-summary test: soffice or pdftotext (poppler-utils) is missing');
}

/** A word's box height over its font size in Carlito (hhea ascent 0.952 + descent 0.269). */
const CARLITO_EM = 1.221;
/** Where the page images go when PRINT_SHOTS names a folder (to look at them, not kept in the repo). */
const SHOTS = (prefix: string) =>
  process.env.PRINT_SHOTS ? { dir: process.env.PRINT_SHOTS, prefix } : undefined;

describePrint('the printed summary, through LibreOffice', () => {
  // The demo workbook: `npm run demo` refreshes 60 sample initiatives, seed 7.
  const sample = generateSampleInventory({ rows: 60, seed: 7 });
  const input = createWorkbook(
    [{ name: sample.sheetName, values: sample.values, headerRow: sample.headerRow, titleRow: 0 }],
    NOW,
  );
  let bytes: Uint8Array = new Uint8Array();
  beforeAll(async () => {
    bytes = (await refreshFile(input, 'in.xlsx', { history: true }, NOW)).bytes;
  });

  it('the brief prints on two pages with Calibri metrics, the details after it, every word ≥ 9 pt', () => {
    const printed = printSheet(bytes, SUMMARY_SHEET, SHOTS('demo'));
    if (hasCarlito()) expect(printed.fonts).toContain('Carlito');
    else console.warn('measured without Carlito (apt-get install -y fonts-crosextra-carlito)');
    expect(printed.pageWidth).toBeGreaterThan(printed.pageHeight); // landscape
    // The details start a page of their own, after at most two pages of brief.
    const details = printed.words.find((w) => w.text === 'Details')!;
    expect(details.page).toBeLessThanOrEqual(3);
    expect(details.yMin).toBeLessThan(printed.pageHeight * 0.15);
    // Page 1: the brief, the role distribution and the top opportunities; page 2 the changes.
    const pageOf = (text: string) => printed.words.find((w) => w.text === text)?.page;
    expect(pageOf('brief')).toBe(1);
    expect(pageOf('distribution')).toBe(1);
    expect(pageOf('opportunities,')).toBe(1);
    expect(pageOf('Changes')).toBe(2);
    // Footer: page N of M on every page.
    const footers = printed.words.filter((w) => w.text === 'Page');
    expect(footers).toHaveLength(printed.pages);
    // Type ≥ 9 pt: a word's box is 1.22 em tall in Carlito (ascent 0.952 + descent 0.269).
    const heights = wordHeights(printed);
    expect(heights[0]! / CARLITO_EM).toBeGreaterThanOrEqual(8.9);
    for (const w of printed.words) expect(w.xMax).toBeLessThanOrEqual(printed.pageWidth);
  }, 180_000);

  it('a 100-initiative portfolio: the brief still on two pages', async () => {
    const big = generateSampleInventory({ rows: 100, seed: 11 });
    const input100 = createWorkbook(
      [{ name: big.sheetName, values: big.values, headerRow: big.headerRow, titleRow: 0 }],
      NOW,
    );
    const once = await refreshFile(input100, 'in.xlsx', { history: true }, NOW);
    const twice = await refreshFile(once.bytes, 'in.xlsx', { history: true }, LATER);
    const printed = printSheet(twice.bytes, SUMMARY_SHEET, SHOTS('r100'));
    expect(printed.words.find((w) => w.text === 'Details')!.page).toBeLessThanOrEqual(3);
    expect(wordHeights(printed)[0]! / CARLITO_EM).toBeGreaterThanOrEqual(8.9);
  }, 180_000);

  it('the history prints on one page, table and chart, at a readable size', () => {
    const printed = printSheet(bytes, HISTORY_SHEET);
    expect(printed.pages).toBe(1);
    const heights = wordHeights(printed);
    expect(quantile(heights, 0.5)).toBeGreaterThanOrEqual(8);
    expect(printed.words.some((w) => w.text === 'Refreshed')).toBe(true);
  }, 180_000);
});

describePrint('a long address in column B, printed through LibreOffice', () => {
  // Two inventory sheets; the one opportunity that leads the list is on row 1234 of a sheet
  // whose name needs quotes: its link reads 'North America'!B1234.
  const driver = (i: number) => [
    `NA-${i}`,
    `Platform ${i}`,
    'IT',
    'IT',
    'Production',
    'Leading',
    'Responsible',
    'Responsible',
  ];
  const northAmerica: CellValue[][] = [CHANGE_HEADER];
  for (let i = 1; i < 1240; i++) northAmerica.push(driver(i));
  northAmerica[1233] = [
    'NA-1233',
    'Cold-chain tracking',
    'Retail',
    'Retail',
    'Idea',
    'Consulted',
    null,
    null,
  ];
  const input = createWorkbook(
    [
      { name: 'North America', values: northAmerica, headerRow: 0 },
      { name: 'Europe', values: [CHANGE_HEADER, ...CHANGE_ROWS], headerRow: 0 },
    ],
    NOW,
  );

  it('shows the whole link, not cut by the next column, and still fits one page wide', async () => {
    const { bytes } = await refreshFile(
      input,
      'in.xlsx',
      { history: false, sheets: ['North America', 'Europe'] },
      NOW,
    );
    const summary = sheetValues(readWorkbook(bytes, 'out.xlsx'), SUMMARY_SHEET)!;
    // Several sheets: the link shows the address with its sheet, not the ID alone.
    expect(summary.some((r) => r[1] === "'North America'!B1234")).toBe(true);
    const printed = printSheet(bytes, SUMMARY_SHEET);
    const link = printed.words.find((w) => w.text === "America'!B1234");
    expect(link).toBeDefined();
    // The next word on the same printed line starts after the link ends.
    const next = printed.words
      .filter(
        (w) => w.page === link!.page && Math.abs(w.yMin - link!.yMin) < 2 && w.xMin > link!.xMin,
      )
      .sort((a, b) => a.xMin - b.xMin)[0]!;
    expect(next).toBeDefined();
    expect(link!.xMax).toBeLessThanOrEqual(next.xMin);
    for (const w of printed.words) expect(w.xMax).toBeLessThanOrEqual(printed.pageWidth);
    expect(quantile(wordHeights(printed), 0.5)).toBeGreaterThanOrEqual(8.5);
  }, 180_000);
});
