/**
 * The workbook an executive reads, through the file adapter: changes since the last refresh
 * (a role change, an added row, an edited name, a first refresh), the history's line chart
 * read back from its part, the print layout in the package, and the printed summary measured
 * through LibreOffice (page count and word heights from `pdftotext -bbox`).
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
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
import type { BlockCells, Kept } from './reader-rules';
import {
  distinctRules,
  expectedRules,
  gnumericRules,
  libreOfficeRules,
  outputBlockOf,
} from './reader-rules';
import {
  canMeasurePrint,
  hasCarlito,
  onPaper,
  printSheet,
  printedLines,
  quantile,
  wordHeights,
} from './print-measure';
import { SUMMARY_TEXT } from '../../src/core/messages';

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
    // The share of each day's last refresh ("Day's last share", column N), blanks spanned.
    expect(xml).toContain("<c:f>'IoT Role History'!$N$2:$N$3</c:f>");
    expect(xml).toContain('<c:dispBlanksAs val="span"/>');
    expect(xml).toContain("<c:f>'IoT Role History'!$A$2:$A$3</c:f>");
    // A date axis, the article's 40% line beside the share, and alt text on the drawing.
    expect(xml).toMatch(/<c:dateAx>.*<c:baseTimeUnit val="days"\/><\/c:dateAx>/);
    expect(xml).toContain('<c:tx><c:v>Gartner, expected by 2020</c:v></c:tx>');
    // The 40% line is drawn from the history's "Gartner 2020" cells (column M), not literal
    // values (LibreOffice drops a c:numLit series; Office.js cannot make one).
    expect(xml).not.toContain('<c:numLit>');
    expect(xml).toContain("<c:f>'IoT Role History'!$M$2:$M$3</c:f>");
    const history = sheetValues(file, HISTORY_SHEET)!;
    expect(history[0]![12]).toBe('Gartner 2020');
    expect([history[1]![12], history[2]![12]]).toEqual([0.4, 0.4]);
    const cachedPoints = (n: number): number[] => {
      const cached = [...xml.matchAll(/<c:val>.*?<\/c:val>/g)][n]![0];
      return [...cached.matchAll(/<c:pt idx="(\d)"><c:v>([^<]+)<\/c:v><\/c:pt>/g)].map((m) =>
        Number(m[2]),
      );
    };
    // Two refreshes the same day: the morning's cell is blank (no cached point), the
    // afternoon's holds its share, the day's one point.
    expect([history[1]![13], history[2]![13]]).toEqual([null, history[2]![9]]);
    expect(cachedPoints(0)).toEqual([history[2]![9]]);
    expect(cachedPoints(1)).toEqual([history[1]![12], history[2]![12]]);
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
    // The summary's, the history's and the change log's.
    expect(wb.match(/_xlnm\.Print_Titles/g)).toHaveLength(3);
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
  process.env.PRINT_SHOTS
    ? { dir: process.env.PRINT_SHOTS, prefix: `print-${prefix.replace(/\W+/g, '-')}` }
    : undefined;

/**
 * The papers the brief must fit: Letter (LibreOffice's default here) and A4 (the default of
 * Excel in most places), landscape.
 */
const PAPERS = [
  ['Letter', 1],
  ['A4', 9],
] as const;

/** The portfolios printed: the demo (`npm run demo`: 60 initiatives, seed 7) and 100 initiatives. */
const PORTFOLIOS = [
  ['the demo', 60, 7],
  ['100 initiatives', 100, 11],
] as const;

/** A portfolio refreshed, four lead groups changed to I&O (role changes), refreshed again. */
async function twiceRefreshed(rows: number, seed: number): Promise<FileRefresh> {
  const s = generateSampleInventory({ rows, seed });
  const input = createWorkbook(
    [{ name: s.sheetName, values: s.values, headerRow: s.headerRow, titleRow: 0 }],
    NOW,
  );
  const once = await refreshFile(input, 'in.xlsx', { history: true }, NOW);
  const values = sheetValues(readWorkbook(once.bytes, 'out.xlsx'), s.sheetName)!.map((r) => [...r]);
  const ledBy = once.outcome.detection.columns.ledBy.col!;
  for (const r of [3, 7, 11, 15]) values[once.outcome.detection.headerRow + r]![ledBy] = 'IT';
  const edited = createWorkbook(
    [{ name: s.sheetName, values, headerRow: s.headerRow, titleRow: 0 }],
    NOW,
  );
  return refreshFile(edited, 'in.xlsx', { history: true }, LATER);
}

describePrint('the printed brief, through LibreOffice with Calibri metrics', () => {
  const refreshed = new Map<string, FileRefresh>();
  beforeAll(async () => {
    for (const [name, rows, seed] of PORTFOLIOS) {
      refreshed.set(name, await twiceRefreshed(rows, seed));
    }
  }, 120_000);

  it.each(
    PORTFOLIOS.flatMap(([name]) => PAPERS.map(([paper, size]) => [name, paper, size] as const)),
  )(
    '%s on %s: the brief on at most two pages, page by page as planned, every word at 9 pt or more',
    (name, paper, size) => {
      const { bytes, outcome } = refreshed.get(name)!;
      const file = readWorkbook(bytes, 'out.xlsx');
      const part = file.sheets.find((s) => s.name === SUMMARY_SHEET)!.part;
      const printed = printSheet(
        onPaper(bytes, part, size),
        SUMMARY_SHEET,
        SHOTS(`${name}-${paper}`),
      );
      if (hasCarlito()) expect(printed.fonts).toContain('Carlito');
      else console.warn('measured without Carlito (apt-get install -y fonts-crosextra-carlito)');
      expect(printed.pageWidth).toBeGreaterThan(printed.pageHeight); // landscape
      const lines = printedLines(printed);
      const body = lines.filter((l) => l.y < printed.pageHeight - 40); // not the footer
      const plan = outcome.plan.summary;
      const [pageTwo, details] = plan.print!.rowBreaks!;
      const lineOf = (text: string) => body.find((l) => l.text.startsWith(text));

      // The details start a page of their own, after at most two pages of brief.
      const detailsLine = lineOf(SUMMARY_TEXT.detailsHeading)!;
      expect(detailsLine.page).toBeLessThanOrEqual(3);
      expect(body.find((l) => l.page === detailsLine.page)).toBe(detailsLine);

      // Every section prints on the page the plan gave it, with what follows its header.
      const headings = plan.cells.filter((c) => c.style === 'sectionHeader' && c.col === 0);
      for (const h of headings) {
        const line = lineOf(String(h.value));
        expect(line).toBeDefined();
        const page = h.row < pageTwo! ? 1 : h.row < details! ? 2 : undefined;
        if (page !== undefined) expect([h.value, line!.page]).toEqual([h.value, page]);
        else expect(line!.page).toBeGreaterThanOrEqual(detailsLine.page);
        const next = body[body.indexOf(line!) + 1];
        expect([h.value, next?.page]).toEqual([h.value, line!.page]);
      }
      // Page 1 ends with the last opportunity listed; page 2 starts with the changes.
      const lastLink = plan.cells.find((c) => c.row === pageTwo! - 1 && c.col === 1)!;
      expect(body.find((l) => l.text.includes(String(lastLink.value)))?.page).toBe(1);
      expect(body.find((l) => l.page === 2)?.text).toMatch(/^Changes since the last refresh/);

      // A footer on every page: the title, the as-of time and "Page N of M".
      for (let p = 1; p <= printed.pages; p++) {
        const footer = lines.filter((l) => l.page === p && l.y >= printed.pageHeight - 40);
        expect(footer.map((l) => l.text).join(' ')).toMatch(
          new RegExp(`^IoT Role Map: .* As of .* Page ${p} of ${printed.pages}$`),
        );
      }
      // Legible: every word at 9 pt or more (a word's box is 1.22 em tall in Carlito), and
      // nothing past the page's edges.
      expect(wordHeights(printed)[0]! / CARLITO_EM).toBeGreaterThanOrEqual(9);
      for (const w of printed.words) {
        expect(w.xMin).toBeGreaterThanOrEqual(0);
        expect(w.xMax).toBeLessThanOrEqual(printed.pageWidth);
        expect(w.yMax).toBeLessThanOrEqual(printed.pageHeight);
      }
    },
    180_000,
  );

  it('the history prints on one page, table and chart, at full size', () => {
    const { bytes } = refreshed.get('the demo')!;
    const printed = printSheet(bytes, HISTORY_SHEET, SHOTS('history'));
    expect(printed.pages).toBe(1);
    expect(wordHeights(printed)[0]! / CARLITO_EM).toBeGreaterThanOrEqual(9);
    const lines = printedLines(printed);
    const table = lines.findIndex((l) => l.text.startsWith('Refreshed'));
    const title = lines.findIndex((l) => l.text.includes('active-role share over the refreshes'));
    expect(table).toBeGreaterThanOrEqual(0);
    expect(title).toBeGreaterThan(table); // the chart under the table
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

/** True when Gnumeric's ssconvert is on the PATH (Debian's gnumeric, scripts/ensure-system-tools.mjs). */
function hasSsconvert(): boolean {
  return spawnSync('sh', ['-c', 'command -v ssconvert'], { stdio: 'ignore' }).status === 0;
}

/** A workbook converted by a command into `ext`, read back as text (gunzipped where it is). */
function converted(bytes: Uint8Array, ext: string, run: (input: string, dir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'iot-reader-'));
  try {
    const input = join(dir, 'book.xlsx');
    writeFileSync(input, bytes);
    run(input, dir);
    const out = readdirSync(dir).find((f) => f.endsWith(`.${ext}`));
    if (!out) throw new Error(`no .${ext} written`);
    const raw = readFileSync(join(dir, out));
    return raw[0] === 0x1f && raw[1] === 0x8b
      ? gunzipSync(raw).toString('utf8')
      : raw.toString('utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

/**
 * Every column of the output block holds, as one list over all its data cells, its fills and
 * then the issue tint: the seven rules (four role fills, High, Medium, the tint), none lost.
 */
function expectRulesKept(
  bytes: Uint8Array,
  sheet: string,
  read: (sheet: string, block: BlockCells) => Kept,
): void {
  const block = outputBlockOf(bytes, sheet);
  const kept = read(sheet, block);
  const want = expectedRules(block);
  expect([...kept].sort(([a], [b]) => a - b)).toEqual([...want].map(([c, r]) => [c, [r]]));
  expect(distinctRules(kept)).toBe(new Set([...want.values()].flat()).size);
}

describe('the refreshed workbook opens in other readers, charts and rules intact', () => {
  const sample = generateSampleInventory({ rows: 60, seed: 7 });
  let bytes: Uint8Array = new Uint8Array();
  beforeAll(async () => {
    const input = createWorkbook(
      [{ name: sample.sheetName, values: sample.values, headerRow: sample.headerRow, titleRow: 0 }],
      NOW,
    );
    const once = await refreshFile(input, 'in.xlsx', { history: true }, NOW);
    bytes = (await refreshFile(once.bytes, 'in.xlsx', { history: true }, LATER)).bytes;
  });

  (canMeasurePrint() ? it : it.skip)(
    'LibreOffice: every sheet, both charts, the seven output rules and the data bar',
    () => {
      const fods = converted(bytes, 'fods', (input, dir) =>
        execFileSync(
          'soffice',
          [
            `-env:UserInstallation=file://${dir}/profile`,
            '--headless',
            '--convert-to',
            'fods',
            '--outdir',
            dir,
            input,
          ],
          { stdio: 'ignore', timeout: 180_000 },
        ),
      );
      for (const name of [sample.sheetName, SUMMARY_SHEET, HISTORY_SHEET]) {
        expect(fods).toContain(`<table:table table:name="${name}"`);
      }
      // The role chart over the summary's counts, the history's line over its shares.
      expect(fods).toMatch(
        /<draw:object draw:notify-on-update-of-ranges="&apos;IoT Role Summary&apos;\.A\d+:&apos;IoT Role Summary&apos;\.A\d+ +&apos;IoT Role Summary&apos;\.B\d+/,
      );
      // LibreOffice reads the 40% line too, a series over the "Gartner 2020" cells (column M):
      // the literal-value series it replaced was dropped. The share is "Day's last share" (N),
      // its blanks (a day's earlier refreshes) spanned by the line.
      expect(fods).toContain('chart:treat-empty-cells="ignore"');
      for (const c of ['N', 'M']) {
        expect(fods).toMatch(
          new RegExp(
            `<chart:series [^>]*chart:values-cell-range-address="&apos;IoT Role History&apos;\\.${c}2:&apos;IoT Role History&apos;\\.${c}3"[^>]*chart:class="chart:line"`,
          ),
        );
      }
      expect(count(fods, /<chart:series [^>]*chart:class="chart:bar"/g)).toBe(1);
      expect(count(fods, /<chart:series [^>]*chart:class="chart:line"/g)).toBe(2);
      // Four role fills, High and Medium, the issue tint; the data bar on the role counts.
      for (const v of ['Bystander', 'Operator', 'Implementer', 'Driver', 'High', 'Medium']) {
        expect(fods).toMatch(
          new RegExp(`calcext:value="formula-is\\(\\[\\.\\$[A-Z]+4\\]=&quot;${v}&quot;\\)"`),
        );
      }
      expect(fods).toContain('formula-is(LEN(TRIM([.$');
      expectRulesKept(bytes, sample.sheetName, (sheet, block) =>
        libreOfficeRules(fods, sheet, block),
      );
      expect(count(fods, /<calcext:data-bar /g)).toBe(1);
    },
    180_000,
  );

  const gnumeric = hasSsconvert();
  if (!gnumeric) {
    console.warn(
      'skipped the Gnumeric reader test: ssconvert is missing (apt-get install -y gnumeric)',
    );
  }
  (gnumeric ? it : it.skip)(
    'Gnumeric: every sheet, both charts, the seven output rules on every column, opening on the summary',
    () => {
      const gnm = converted(bytes, 'gnumeric', (input, dir) =>
        execFileSync('ssconvert', [input, join(dir, 'book.gnumeric')], {
          stdio: 'ignore',
          timeout: 180_000,
        }),
      );
      const names = [...gnm.matchAll(/<gnm:Name>([^<]*)<\/gnm:Name>/g)].map((m) => m[1]);
      expect(names).toEqual(
        expect.arrayContaining([sample.sheetName, SUMMARY_SHEET, HISTORY_SHEET]),
      );
      expect(gnm).toContain(`<gnm:UIData SelectedTab="${names.indexOf(SUMMARY_SHEET)}"/>`);
      expect(gnm).toMatch(/<gnm:SheetObjectGraph Name="Initiatives by I&amp;O role"/);
      expect(gnm).toMatch(/<gnm:SheetObjectGraph Name="IoT Role History: active-role share"/);
      expect(gnm).toContain('GogBarColPlot');
      expect(gnm).toContain('GogLinePlot');
      // Gnumeric holds one list of conditions per cell (of blocks over the same cells it keeps
      // the last) and has no data bars: every output column keeps its fills and the tint.
      expectRulesKept(bytes, sample.sheetName, (sheet, block) => gnumericRules(gnm, sheet, block));
    },
    180_000,
  );
});
