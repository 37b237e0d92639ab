/**
 * The output sheets' layout (SPEC §4): the "IoT Role Summary" sheet an executive reads and
 * prints, and the row appended to "IoT Role History". Host-neutral cells, styles and widths;
 * both adapters apply them as they are.
 */

import { wrappedLines } from './text-width';
import { quoteSheet, toA1 } from './address';
import type { RoleOrUnclassified } from './domain';
import type { Field } from './fields';
import type { CellValue, HeaderDetection } from './input';
import type { CrossTab, RoleChange, RowResult, Summary } from './results';
import type {
  BarChartSpec,
  HistoryWrite,
  LineChartSpec,
  NumberFormatName,
  PlanCell,
  PrintSetup,
  SheetWrite,
  StyleName,
} from './write-plan';
import { CHANGES_SHEET, HISTORY_SHEET, SUMMARY_SHEET } from './domain';
import { CELL_STYLES, DATA_BAR_COLOR, ROLE_FILLS } from './styles';
import { ROLES_BY_OWNERSHIP } from './summary';
import { issuesText } from './output';
import { headerText } from './headers';
import { FIELD_LABELS } from './vocab';
import { FIELD_SPECS } from './fields';
import { SUMMARY_TEXT } from './messages';
import { formatMoney, formatTotals, rowCurrency } from './money';
import {
  REPORT_LIMITS,
  briefSentences,
  changesReport,
  deepShare,
  definitions,
  formatDay,
  initiativeLabel,
  opportunities,
  ownerOf,
  projectionLines,
  terms,
} from './report';

/** The article's figures shown beside the portfolio's active-role share. */
export const ARTICLE_FIGURES = {
  activeShare2018: 0.05,
  activeShare2020: 0.4,
  plannedWithoutIT: 0.59,
} as const;

/** Excel serial date-time for an instant, in UTC (1900 date system). */
export function excelSerial(date: Date): number {
  return date.getTime() / 86_400_000 + 25_569;
}

/** Collects the cells of one output sheet. */
class SheetBuilder {
  readonly cells: PlanCell[] = [];
  put(
    row: number,
    col: number,
    value: string | number | null,
    format: NumberFormatName,
    style: StyleName = 'body',
    link?: PlanCell['link'],
  ): void {
    const cell: PlanCell = { row, col, value, format, style };
    if (link) cell.link = link;
    this.cells.push(cell);
  }
  text(row: number, col: number, value: string, style: StyleName = 'body'): void {
    this.put(row, col, value, 'text', style);
  }
  /** A table's header row; columns from `numbersFrom` on hold figures, so their headers align right. */
  headerRow(row: number, labels: readonly string[], numbersFrom = labels.length): void {
    labels.forEach((l, i) =>
      this.text(row, i, l, i >= numbersFrom ? 'tableHeaderNumber' : 'tableHeader'),
    );
  }
}

/** Columns of the top opportunities' table (the short action goes last, in column H). */
const OPPORTUNITY_COLUMNS = [
  'Initiative',
  'ID',
  'Owner',
  'Budget',
  'Endpoints',
  'Next role',
  'Priority',
  'Action',
] as const;

/**
 * Leading columns of the review table (a sentence column follows), in the order that puts each
 * in a column wide enough for its longest word ("Implementer" in D, "Implementation" in F).
 */
const ROW_TABLE_COLUMNS = [
  'Initiative',
  'Row',
  'Role',
  'Next role',
  'Lead group',
  'Stage',
  'Priority',
] as const;

/**
 * Widths (characters) of the summary's columns A–H. Sized for print: at one page wide on
 * landscape Letter the sheet scales to 87% (A4 93%), so 11 pt text prints at 9.5 pt or more.
 * Free text (names, owners, actions, data issues) wraps inside its column; nothing runs past
 * column H. Each column is as wide as the longest word any table puts in it (a role in C and
 * D, a stage in F), so no word is broken; column H holds a short action on one line mostly.
 */
export const SUMMARY_COLUMN_WIDTHS: readonly number[] = [28, 10, 12, 11, 11, 14, 9, 65];

/** Column B holds the links back to the rows ("B12", or "'North America'!B1234"). */
const LINK_COL = 1;
/** Column H, the wrapped sentences: it gives up what column B needs beyond its width. */
const SENTENCE_COL = SUMMARY_COLUMN_WIDTHS.length - 1;
/** The narrowest column H gets: a sentence still wraps into readable lines. */
const MIN_SENTENCE_WIDTH = 30;

/**
 * The summary's column widths for links `longestLink` characters long: column B grows until
 * the longest address shows whole on screen and on paper (an address is one word: Excel cannot
 * wrap it, and the next cell cuts it), and column H shrinks by as much, so the sheet is as wide
 * as before and prints at the same scale. Addresses hold capitals and quotes, wider than the
 * digit Excel's width unit is measured in: 10% more, plus one for the cell's padding.
 */
export function summaryColumnWidths(longestLink: number): number[] {
  const widths = [...SUMMARY_COLUMN_WIDTHS];
  const base = widths[LINK_COL]!;
  const grow = Math.min(
    Math.max(0, Math.ceil(longestLink * 1.1) + 1 - base),
    widths[SENTENCE_COL]! - MIN_SENTENCE_WIDTH,
  );
  widths[LINK_COL] = base + grow;
  widths[SENTENCE_COL] = widths[SENTENCE_COL]! - grow;
  return widths;
}

/** Characters of a note line: notes are broken into lines that fit across columns A–H. */
const NOTE_LINE_CHARS = 130;
/** Characters of a line of the brief, across columns A–E (the definitions take F–H beside it). */
const BRIEF_LINE_CHARS = 74;
/** Characters of an initiative's name in the opportunities' table: one line of column A. */
const NAME_CELL_CHARS = 30;
/** Characters of a line of the definitions beside the brief, across columns F–H. */
const DEFINITION_LINE_CHARS = 80;
/** Column where the definitions beside the brief start (F). */
const DEFINITIONS_COL = 5;
/** Column where the role chart starts (E), beside the role table (A–D). */
const CHART_COL = 4;

/** Breaks a sentence into lines of at most `width` characters, at spaces (a longer word stands alone). */
export function wrapLines(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Lines an owner takes in the opportunities' table at most (the inventory has it whole). */
const OWNER_LINES = 2;

/** A text cut with "…" to the lines it takes at most in a wrapped column `width` wide. */
function clipLines(text: string, width: number, lines: number): string {
  if (wrappedLines(text, width, DEFAULT_FONT_SIZE).length <= lines) return text;
  // Words are dropped from the end until what is left, with "…", takes `lines` lines.
  const words = text.split(/\s+/).filter((w) => w !== '');
  while (words.length > 1) {
    words.pop();
    const kept = `${words.join(' ')}…`;
    if (wrappedLines(kept, width, DEFAULT_FONT_SIZE).length <= lines) return kept;
  }
  // One word too long for the lines: cut by characters.
  let word = words[0] ?? '';
  while (word.length > 1 && wrappedLines(`${word}…`, width, DEFAULT_FONT_SIZE).length > lines) {
    word = word.slice(0, -1);
  }
  return `${word}…`;
}

/** Height (points) of one line of 11 pt text, Excel's default row height. */
export const LINE_HEIGHT_PT = 15;

/** Height (points) of one line of text at `size` points in an unwrapped row: Excel's own row height for that size (11 → 15, 13 → 17.25, 16 → 21.75). */
function lineHeight(size: number): number {
  return Math.ceil((size * 4) / 3 / 0.75) * 0.75;
}

/**
 * The height of every row of a sheet from row 0 to its last cell's row, in points: the tallest
 * cell of each row, a wrapped one as many lines tall as its text needs in its column, a blank
 * row one line. Every row gets its height written, so Excel lays the sheet out with exactly
 * the heights the layout measured its pages with (LibreOffice draws a 15-point row about 6%
 * shorter, with or without it, so its print of the same sheet has room to spare).
 */
export function summaryRowHeights(
  cells: readonly PlanCell[],
  widths: readonly number[],
): { row: number; height: number }[] {
  const heights: number[] = [];
  for (const c of cells) {
    const size = CELL_STYLES[c.style].size ?? DEFAULT_FONT_SIZE;
    // A wrapped cell is as many lines as its words take in Calibri (text-width.ts).
    const lines =
      c.style === 'wrapped' && typeof c.value === 'string'
        ? wrappedLines(c.value, widths[c.col] ?? 8.43, size).length
        : 1;
    const h = Math.max(1, lines) * lineHeight(size);
    heights[c.row] = Math.max(heights[c.row] ?? LINE_HEIGHT_PT, h);
  }
  return Array.from(heights, (h, row) => ({ row, height: h ?? LINE_HEIGHT_PT }));
}

/** Excel's default font size, the size of every style that names none. */
const DEFAULT_FONT_SIZE = 11;

/**
 * Papers the summary is laid out for, landscape, in inches: Letter and A4, the defaults of
 * Excel in North America and in most other places. A page holds what fits on both.
 */
const PAPERS = [
  { name: 'Letter', width: 11, height: 8.5 },
  { name: 'A4', width: 8.27 * (297 / 210), height: 8.27 },
] as const;

/** Points per unit of Excel's column width: the widest digit of 11 pt Calibri, 7 px. */
const POINTS_PER_WIDTH = 5.25;

/**
 * How a sheet `widths` wide prints on each paper at "fit all columns on one page": the scale
 * (a whole percentage, as Excel and LibreOffice set it) and the height of sheet rows, in
 * points, a page holds at that scale.
 */
export function printScales(
  widths: readonly number[],
  margins: PrintSetup['margins'] = PRINT_MARGINS,
): { paper: string; scale: number; pageHeight: number }[] {
  const sheetWidth = widths.reduce((a, w) => a + w, 0) * POINTS_PER_WIDTH;
  return PAPERS.map((p) => {
    const printable = (p.width - margins.left - margins.right) * 72;
    const scale = Math.min(100, Math.floor((printable / sheetWidth) * 100)) / 100;
    return {
      paper: p.name,
      scale,
      pageHeight: ((p.height - margins.top - margins.bottom) * 72) / scale,
    };
  });
}

function displayName(r: RowResult): string {
  return r.initiative.name ?? '(no name)';
}

/** A refresh's time as the footer and the as-of line write it, "4 Aug 2026 08:00 UTC". */
function asOf(now: Date): string {
  return `${formatDay(now)} ${now.toISOString().slice(11, 16)} UTC`;
}

/**
 * The summary's print layout: landscape, one page wide, the given rows repeated on every page,
 * a page break before each of `breaks` (page 2, then the details), and a footer with the title,
 * the as-of time and "page N of M".
 */
export function summaryPrint(
  lastRow: number,
  titleRow: number | null,
  breaks: readonly number[] = [],
  now: Date | null = null,
): PrintSetup {
  return {
    orientation: 'landscape',
    fitToPagesWide: 1,
    area: { row: 0, col: 0, rowCount: lastRow + 1, colCount: SUMMARY_COLUMN_WIDTHS.length },
    titleRows: titleRow === null ? null : { first: titleRow, last: titleRow },
    margins: PRINT_MARGINS,
    centerHorizontally: true,
    rowBreaks: [...breaks],
    footer:
      now === null
        ? null
        : {
            left: SUMMARY_TEXT.footerTitle,
            center: SUMMARY_TEXT.footerAsOf(asOf(now)),
            pageNumbers: true,
          },
  };
}

/**
 * The change log's print layout: landscape, one page wide (its eight columns at full size), its
 * header row repeated on every page, and the summary's footer (title, as-of time, page N of M).
 * The log only grows, so the area is the sheet's (null): every page of it prints.
 */
export function changeLogPrint(now: Date): PrintSetup {
  return {
    ...GROWING_SHEET_PRINT,
    footer: {
      left: SUMMARY_TEXT.footerTitle,
      center: SUMMARY_TEXT.footerAsOf(asOf(now)),
      pageNumbers: true,
    },
  };
}

/**
 * A footer's three sections in Excel's header and footer codes, one spelling for both adapters
 * (the file's oddFooter, ECMA-376 Part 1, 18.3.1.46, and Office.js HeaderFooter's leftFooter /
 * centerFooter / rightFooter): "&P" is the page, "&N" the number of pages, "&&" a literal "&".
 */
export function footerSections(footer: NonNullable<PrintSetup['footer']>): {
  left: string;
  center: string;
  right: string;
} {
  const literal = (t: string) => t.replace(/&/g, '&&');
  return {
    left: literal(footer.left),
    center: literal(footer.center),
    right: footer.pageNumbers ? 'Page &P of &N' : '',
  };
}

/** Narrow margins (inches): more of the page for the text, still inside every printer's limits. */
const PRINT_MARGINS: PrintSetup['margins'] = {
  left: 0.4,
  right: 0.4,
  top: 0.5,
  bottom: 0.5,
  header: 0.25,
  footer: 0.25,
};

/**
 * How a sheet that only grows (the history, the change log) prints: landscape, one page wide,
 * its header row repeated on every page, the whole sheet (no print area).
 */
const GROWING_SHEET_PRINT = {
  orientation: 'landscape',
  fitToPagesWide: 1,
  area: null,
  titleRows: { first: 0, last: 0 },
  margins: PRINT_MARGINS,
  centerHorizontally: false,
} as const satisfies PrintSetup;

/**
 * How much of the summary a layout puts on the brief's two pages: how many opportunities page 1
 * lists, how many changes page 2 lists, and how many of the cross-tabs stay on page 2 (the
 * others print with the details).
 */
interface BriefFit {
  opportunities: number;
  changes: number;
  crossTabsOnPageTwo: number;
}

/** The fewest opportunities page 1 lists: the brief's three asks. */
const MIN_OPPORTUNITIES = 3;
/** The fewest changes page 2 lists before the cross-tabs give up their place. */
const MIN_CHANGES = 3;
/** Cross-tabs page 2 keeps before the changes are cut: roles by lead group and by stage. */
const CORE_CROSS_TABS = 2;

/** One laid-out summary: its cells and where its pages and sections start. */
interface SummaryLayout {
  b: SheetBuilder;
  chart: BarChartSpec;
  dataBars: SheetWrite['dataBars'];
  pageTwo: number;
  details: number;
  /** Rows of the section headers after the details' page break (kept with what follows). */
  detailSections: number[];
  reviewHeader: number | null;
}

/**
 * Lays out the "IoT Role Summary" sheet an executive reads and prints (SPEC §4). Page 1: the
 * brief with the definitions beside it, the role distribution with its chart, and the top
 * opportunities; page 2: the changes since the last refresh and the cross-tabs; then, after a
 * page break, the details that are not part of the brief (rows needing review, the workbook's
 * own words). Every sentence comes from the report module (report.ts) and the catalogue.
 *
 * The brief must print on two pages of Letter or A4 at a legible size, so the layout measures
 * its pages (row heights over what a page holds at the fit-to-width scale) and, where a page
 * overflows, lists fewer opportunities (never under the three asks), moves the last cross-tabs
 * to the details, then lists fewer changes; each list says "of N".
 */
export function planSummarySheet(
  summary: Summary,
  detection: HeaderDetection,
  now: Date,
  changes: readonly RoleChange[] | null = null,
  rows: readonly RowResult[] = [],
): SheetWrite {
  const crossTabs = crossTabsOf(summary).length;
  const fit: BriefFit = {
    opportunities: REPORT_LIMITS.opportunities,
    changes: REPORT_LIMITS.changes,
    crossTabsOnPageTwo: crossTabs,
  };
  for (;;) {
    const layout = layoutSummary(summary, detection, now, changes, rows, fit);
    const widths = summaryColumnWidths(longestLinkOf(layout.b.cells));
    const heights = summaryRowHeights(layout.b.cells, widths).map((h) => h.height);
    const page = Math.min(...printScales(widths).map((p) => p.pageHeight));
    const tall = (from: number, to: number) => heights.slice(from, to).reduce((a, h) => a + h, 0);
    if (tall(0, layout.pageTwo) > page && fit.opportunities > MIN_OPPORTUNITIES) {
      fit.opportunities--;
      continue;
    }
    if (tall(layout.pageTwo, layout.details) > page) {
      if (fit.crossTabsOnPageTwo > CORE_CROSS_TABS) {
        fit.crossTabsOnPageTwo--;
        continue;
      }
      if (fit.changes > MIN_CHANGES) {
        fit.changes--;
        continue;
      }
      if (fit.crossTabsOnPageTwo > 0) {
        fit.crossTabsOnPageTwo--;
        continue;
      }
    }
    const breaks = [layout.pageTwo, layout.details];
    const titleHeight = layout.reviewHeader === null ? 0 : heights[layout.reviewHeader]!;
    breaks.push(...keepWithNext(heights, layout, page, titleHeight));
    const lastRow = heights.length - 1;
    return {
      name: SUMMARY_SHEET,
      columnWidths: widths.map((width, col) => ({ col, width })),
      cells: layout.b.cells,
      dataBars: layout.dataBars,
      chart: layout.chart,
      rowHeights: heights.map((height, row) => ({ row, height })),
      // The review table is the one that runs over pages: its header repeats on each of them.
      print: summaryPrint(lastRow, layout.reviewHeader, breaks, now),
    };
  }
}

/**
 * Page breaks that keep each details section with its header: where a section header, its
 * table's header and first row would not all fit on what is left of the page, the section
 * starts the next page. Pages after the first of the details repeat the review table's header.
 */
function keepWithNext(
  heights: readonly number[],
  layout: SummaryLayout,
  page: number,
  titleHeight: number,
): number[] {
  const breaks: number[] = [];
  let used = 0;
  for (let r = layout.details; r < heights.length; r++) {
    const h = heights[r]!;
    const repeat = layout.reviewHeader !== null && r > layout.reviewHeader ? titleHeight : 0;
    if (layout.detailSections.includes(r) && r !== layout.details) {
      const block = h + (heights[r + 1] ?? 0) + (heights[r + 2] ?? 0);
      if (used + block > page) {
        breaks.push(r);
        used = repeat + h;
        continue;
      }
    }
    if (used + h > page) used = repeat + h;
    else used += h;
  }
  return breaks;
}

/** The longest address among the links of column B (a link's text is one unbreakable word). */
function longestLinkOf(cells: readonly PlanCell[]): number {
  let longest = 0;
  for (const c of cells) {
    if (c.link && c.col === LINK_COL && typeof c.value === 'string') {
      longest = Math.max(longest, c.value.length);
    }
  }
  return longest;
}

/** The summary's cross-tabs in print order: by lead group, stage, the other groupings, sheet, source. */
function crossTabsOf(summary: Summary): { title: string; header: string; tab: CrossTab }[] {
  const tabs = summary.byField.map(({ field, tab }) => {
    const grouping = FIELD_SPECS[field].grouping;
    if (grouping === undefined)
      throw new Error(`The summary groups by ${field}, which has no grouping.`);
    return { title: grouping.title, header: grouping.header, tab };
  });
  if (summary.bySheet) {
    tabs.push({ title: 'Roles by sheet', header: 'Inventory sheet', tab: summary.bySheet });
  }
  if (summary.bySource) {
    tabs.push({ title: 'Roles by source', header: 'Source (file › sheet)', tab: summary.bySource });
  }
  return tabs;
}

/** Rows of the role-distribution block the chart spans (section header to the last share row). */
const CHART_ROWS = 8;
/** Characters of a note beside the share rows, under the chart (columns E–H, italic). */
const CHART_NOTE_CHARS = 100;

/** The summary's cells for one fit: the sections in print order, with their page breaks. */
function layoutSummary(
  summary: Summary,
  detection: HeaderDetection,
  now: Date,
  changes: readonly RoleChange[] | null,
  rows: readonly RowResult[],
  fit: BriefFit,
): SummaryLayout {
  const b = new SheetBuilder();
  const source = summary.sheet;
  const linkCol = detection.columns.name.col ?? 0;
  const linkTo = (r: RowResult) => ({
    sheet: r.sheet ?? source,
    row: r.row,
    col: r.nameCol ?? linkCol,
  });
  // Several inventory sheets: each row says which sheet it is on, not only where.
  const where = (sheet: string | undefined, r: number, col: number): string =>
    summary.bySheet && sheet !== undefined ? `${quoteSheet(sheet)}!${toA1(r, col)}` : toA1(r, col);
  let row = 0;
  const note = (text: string, width = NOTE_LINE_CHARS) => {
    for (const line of wrapLines(text, width)) b.text(row++, 0, line, 'note');
  };

  b.text(0, 0, SUMMARY_TEXT.title, 'title');
  b.text(
    1,
    0,
    SUMMARY_TEXT.asOf(source, asOf(now), summary.total, summary.classified, summary.needsReview),
    'subtitle',
  );

  // The brief, with what the roles and the share mean beside it (columns F–H).
  const briefTop = 2;
  b.text(briefTop, 0, SUMMARY_TEXT.briefHeading, 'sectionHeader');
  b.text(briefTop, DEFINITIONS_COL, SUMMARY_TEXT.definitionsHeading, 'sectionHeader');
  let left = briefTop + 1;
  for (const sentence of briefSentences(summary, rows)) {
    for (const line of wrapLines(sentence, BRIEF_LINE_CHARS)) b.text(left++, 0, line, 'body');
  }
  let right = briefTop + 1;
  for (const sentence of [...definitions(summary), terms()]) {
    for (const line of wrapLines(sentence, DEFINITION_LINE_CHARS)) {
      b.text(right++, DEFINITIONS_COL, line, 'note');
    }
  }
  row = Math.max(left, right);

  // Role distribution, with data bars on the counts, the shares, and the chart beside the
  // table; the notes go under the chart, beside the share rows, one line each where they can.
  const dist = row;
  b.text(dist, 0, 'Role distribution', 'sectionHeader');
  const hasBudget = summary.budget !== null;
  const main = summary.money?.main ?? null;
  b.headerRow(
    dist + 1,
    hasBudget ? ['Role', 'Initiatives', 'Share', 'Budget'] : ['Role', 'Initiatives', 'Share'],
    1,
  );
  const first = dist + 2;
  ROLES_BY_OWNERSHIP.forEach((role: RoleOrUnclassified, i) => {
    const r = first + i;
    b.text(r, 0, role);
    b.put(r, 1, summary.counts[role], 'integer');
    b.put(r, 2, role === 'Unclassified' ? null : summary.shares[role], 'percent');
    if (summary.budget !== null) {
      b.put(r, 3, summary.budget[role], 'currency');
      b.cells[b.cells.length - 1]!.currency = main;
    }
  });
  row = first + ROLES_BY_OWNERSHIP.length;
  b.text(row, 0, 'Total', 'label');
  b.put(row++, 1, summary.total, 'integer');
  const { high, highAndMedium } = summary.projection;
  const shareRows: [string, number | null][] = [
    [SUMMARY_TEXT.activeShareRow, summary.activeShare],
    [SUMMARY_TEXT.deepShareRow, deepShare(summary)],
    [SUMMARY_TEXT.highRow(high.count), high.activeShare],
    [SUMMARY_TEXT.mediumRow(highAndMedium.count - high.count), highAndMedium.activeShare],
  ];
  for (const [label, share] of shareRows) {
    b.text(row, 0, label, 'label');
    b.put(row++, 2, share, 'percent');
  }
  const notes: string[] = [];
  // The projection explains itself where the Medium ones leave the share where it was.
  const projection = projectionLines(summary);
  const mediumNote = projection.length > 1 ? projection[1]! : null;
  if (mediumNote !== null && highAndMedium.activeShare === high.activeShare) {
    notes.push(SUMMARY_TEXT.mediumSame);
  }
  notes.push(
    SUMMARY_TEXT.articleFigures(ARTICLE_FIGURES.activeShare2018, ARTICLE_FIGURES.activeShare2020),
  );
  const others = (summary.money?.totals ?? []).filter((t) => t.currency !== main);
  if (others.length > 0 && main !== null) {
    notes.push(SUMMARY_TEXT.otherCurrencies(formatTotals(others), main));
  }
  const chartEnd = dist + CHART_ROWS;
  let noteRow = chartEnd;
  for (const line of notes.flatMap((n) => wrapLines(n, CHART_NOTE_CHARS))) {
    b.text(noteRow++, CHART_COL, line, 'note');
  }
  const chartRoles = ROLES_BY_OWNERSHIP.filter((r) => r !== 'Unclassified');
  const chart: BarChartSpec = {
    kind: 'bar',
    title: 'Initiatives by I&O role',
    seriesName: 'Initiatives',
    altText: SUMMARY_TEXT.chartAltText(
      chartRoles.map((r) => `${r} ${summary.counts[r]}`).join(', '),
    ),
    categories: { row: first, col: 0, rowCount: chartRoles.length, colCount: 1 },
    values: { row: first, col: 1, rowCount: chartRoles.length, colCount: 1 },
    pointColors: chartRoles.map((r) => ROLE_FILLS[r].fill),
    anchor: { from: { row: dist, col: CHART_COL }, to: { row: chartEnd, col: 8 } },
  };
  const dataBars = [
    {
      range: { row: first, col: 1, rowCount: ROLES_BY_OWNERSHIP.length, colCount: 1 },
      color: DATA_BAR_COLOR,
    },
  ];
  row = Math.max(row, noteRow);

  // The top opportunities, ranked by impact: "top 10 of N", each with its facts and a short action.
  const opp = opportunities(summary, fit.opportunities);
  b.text(row++, 0, opp.heading, 'sectionHeader');
  b.headerRow(row++, OPPORTUNITY_COLUMNS);
  if (opp.items.length === 0) b.text(row++, 0, SUMMARY_TEXT.noOpportunities, 'note');
  const main0 = summary.money?.main ?? null;
  for (const o of opp.items) {
    const r = o.row;
    const name = r.initiative.name ?? SUMMARY_TEXT.noName;
    b.text(
      row,
      0,
      name.length <= NAME_CELL_CHARS ? name : `${name.slice(0, NAME_CELL_CHARS - 1)}…`,
      'bodyTop',
    );
    // The ID links back to the row; the address where the row has no ID, or where the
    // portfolio spans several sheets (the address names the sheet).
    const link = linkTo(r);
    const id = summary.bySheet ? null : r.initiative.id;
    b.put(row, 1, id ?? where(r.sheet, r.row, link.col), 'text', 'linkTop', link);
    b.text(row, 2, clipLines(ownerOf(r), SUMMARY_COLUMN_WIDTHS[2]!, OWNER_LINES), 'wrapped');
    b.text(
      row,
      3,
      r.initiative.budget === null ? '' : formatMoney(r.initiative.budget, rowCurrency(r, main0)),
      'bodyTop',
    );
    b.put(row, 4, r.initiative.endpoints, 'integer', 'bodyTop');
    b.text(row, 5, r.nextRole, 'bodyTop');
    b.text(row, 6, r.priority, 'bodyTop');
    b.text(row, 7, o.action, 'wrapped');
    row++;
  }
  const pageTwo = row;

  // Page 2: what changed, then roles by lead group, stage and the other groupings.
  row = pageTwo;
  b.text(row++, 0, 'Changes since the last refresh', 'sectionHeader');
  const ch = changesReport(changes, source, fit.changes);
  note(ch.headline);
  if (ch.items.length > 0) {
    b.headerRow(row++, ['Initiative', 'Row', 'Was', 'Now', 'Change']);
    for (const { change: c, label } of ch.items) {
      // The name column found on the row's own inventory sheet.
      const col = c.nameCol ?? linkCol;
      b.text(row, 0, initiativeLabel(c.id, c.name), 'wrapped');
      if (c.kind === 'removed') b.text(row, 1, '—', 'bodyTop');
      else {
        b.put(row, 1, where(c.sheet, c.row, col), 'text', 'linkTop', {
          sheet: c.sheet,
          row: c.row,
          col,
        });
      }
      b.text(row, 2, c.from === '' ? '—' : c.from, 'wrapped');
      b.text(row, 3, c.to === '' ? '—' : c.to, 'wrapped');
      b.text(row, 4, label, 'bodyTop');
      row++;
    }
    if (ch.more !== null) {
      note(SUMMARY_TEXT.moreChanges(changes!.length - ch.items.length, CHANGES_SHEET));
    }
  }
  row++;

  const detailSections: number[] = [];
  const crossTab = (title: string, labelHeader: string, tab: CrossTab) => {
    b.text(row, 0, title, 'sectionHeader');
    b.headerRow(row + 1, [labelHeader, ...ROLES_BY_OWNERSHIP, 'Total'], 1);
    row += 2;
    tab.labels.forEach((label, i) => {
      const counts = tab.counts[i]!;
      b.text(row, 0, label, 'wrapped');
      let total = 0;
      ROLES_BY_OWNERSHIP.forEach((role, j) => {
        b.put(row, 1 + j, counts[role], 'integer');
        total += counts[role];
      });
      b.put(row, 1 + ROLES_BY_OWNERSHIP.length, total, 'integer');
      row++;
    });
    row++;
  };
  const tabs = crossTabsOf(summary);
  for (const t of tabs.slice(0, fit.crossTabsOnPageTwo)) crossTab(t.title, t.header, t.tab);

  // The details, after a page break: not part of the brief.
  const details = row;
  b.text(row++, 0, SUMMARY_TEXT.detailsHeading, 'sectionHeader');
  note(SUMMARY_TEXT.detailsNote);
  row++;
  // Cross-tabs that did not fit on page 2 print first among the details.
  for (const t of tabs.slice(fit.crossTabsOnPageTwo)) {
    detailSections.push(row);
    crossTab(t.title, t.header, t.tab);
  }
  detailSections.push(row);
  b.text(row, 0, 'Rows needing review', 'sectionHeader');
  const reviewHeader = row + 1;
  b.headerRow(reviewHeader, [...ROW_TABLE_COLUMNS, 'Data issues']);
  row += 2;
  if (summary.review.length === 0) note(SUMMARY_TEXT.noReview);
  for (const r of summary.review.slice(0, REPORT_LIMITS.review)) {
    b.text(row, 0, displayName(r), 'wrapped');
    const link = linkTo(r);
    b.put(row, 1, where(r.sheet, r.row, link.col), 'text', 'linkTop', link);
    b.text(row, 2, r.role, 'wrapped');
    b.text(row, 3, r.nextRole, 'wrapped');
    b.text(row, 4, r.initiative.ledByText ?? '', 'wrapped');
    b.text(row, 5, r.initiative.stage ?? '', 'wrapped');
    b.text(row, 6, r.priority, 'bodyTop');
    b.text(row, 7, issuesText(r), 'wrapped');
    row++;
  }
  if (summary.review.length > REPORT_LIMITS.review) {
    note(SUMMARY_TEXT.moreReview(summary.review.length - REPORT_LIMITS.review, source));
  }
  row++;

  // SPEC §4: the workbook's own words this refresh used, so nothing is hidden.
  const words = summary.wordsUsed ?? [];
  if (words.length > 0) {
    detailSections.push(row);
    b.text(row, 0, "The workbook's own words used", 'sectionHeader');
    b.headerRow(row + 1, ['Value', 'Column', 'Counted as', 'Rows'], 3);
    row += 2;
    for (const w of words) {
      const field = w.field as Field;
      const header = detection.columns[field]?.header ?? FIELD_LABELS[field] ?? w.field;
      b.text(row, 0, w.value, 'wrapped');
      b.text(row, 1, header, 'wrapped');
      b.text(row, 2, w.meaning, 'wrapped');
      b.put(row, 3, w.rows, 'integer');
      row++;
    }
  }
  return {
    b,
    chart,
    dataBars,
    pageTwo,
    details,
    detailSections,
    // The review table is the one that runs over pages: its header repeats on each of them.
    reviewHeader: summary.review.length > 0 ? reviewHeader : null,
  };
}

/**
 * Headers of the history sheet, in order. Columns are only ever added last ("Changes",
 * "Sheets", "Gartner 2020", then "Day's last share"), so older histories stay aligned and are read by header
 * (last-refresh.ts). "Sheets" records the inventory sheets of the refresh as data, a JSON list
 * of names (`historySheetsCell`); "Source sheet" is their label for a reader. "Gartner 2020"
 * holds the article's 40% on every row: the chart's reference line is drawn from these cells,
 * since neither LibreOffice (literal-value series are dropped) nor Office.js (a series takes
 * its values from a Range) can draw a constant line without them. "Day's last share" is the
 * active share of the last refresh of each day, blank on a day's earlier refreshes: the chart
 * plots it, so on its date axis (one step a day) a day is one point, the figure the day ended
 * on, rather than several points stacked on one date.
 */
export const HISTORY_HEADERS = [
  'Refreshed',
  'Source sheet',
  'Total',
  'Classified',
  'Driver',
  'Implementer',
  'Operator',
  'Bystander',
  'Unclassified',
  'Active share',
  'Changes',
  'Sheets',
  'Gartner 2020',
  "Day's last share",
] as const;

/** The history's "Sheets" cell: the refresh's inventory sheets as a JSON list (last-refresh.ts reads it). */
export function historySheetsCell(sheets: readonly string[]): string {
  return JSON.stringify(sheets);
}

/**
 * Whether the history's header row (its cells, when the host read them) lacks a column of
 * today's layout: the refresh then rewrites the header, ours from end to end, so the new
 * column is named above the rows that fill it.
 */
function historyHeaderOutdated(history: readonly (readonly CellValue[])[] | null): boolean {
  const header = history?.find((r) => r.some((v) => headerText(v) === HISTORY_HEADERS[0]));
  if (header === undefined) return false;
  const texts = new Set(header.map(headerText));
  return HISTORY_HEADERS.some((h) => !texts.has(h));
}

/**
 * The article's 40% on the earlier rows of a history written before its "Gartner 2020" column
 * existed (the refresh that names the column above them): the figure is the same for every
 * refresh, and without it the chart's reference line would begin at the first refresh that
 * wrote it. Only rows that are refreshes (a time in "Refreshed") and have the cell blank.
 */
function referenceBackfill(
  history: readonly (readonly CellValue[])[] | null,
  historyRowCount: number,
): PlanCell[] {
  const cells: PlanCell[] = [];
  for (let row = 1; row <= historyRowCount; row++) {
    const line = history?.[row];
    if (typeof line?.[HISTORY_COL.refreshed] !== 'number') continue;
    const ref = line[HISTORY_COL.reference];
    if (ref !== null && ref !== undefined && ref !== '') continue;
    cells.push({
      row,
      col: HISTORY_COL.reference,
      value: ARTICLE_FIGURES.activeShare2020,
      format: 'percent',
      style: 'body',
    });
  }
  return cells;
}

/** A history cell read back as a number, or null (blank, text, missing). */
function numberAt(line: readonly CellValue[] | undefined, col: number): number | null {
  const v = line?.[col];
  return typeof v === 'number' ? v : null;
}

/**
 * "Day's last share" of the earlier rows, where it is not what it should be now that this
 * refresh (at `nowSerial`) follows them: a row keeps its active share only when the next
 * refresh is on a later day. In practice this blanks the previous row when this refresh is on
 * the same day, and fills the whole column of a history written before it existed.
 */
function dayLastCells(
  history: readonly (readonly CellValue[])[] | null,
  historyRowCount: number,
  nowSerial: number,
): PlanCell[] {
  if (history === null) return [];
  const cells: PlanCell[] = [];
  let nextDay = Math.floor(nowSerial);
  for (let row = historyRowCount; row >= 1; row--) {
    const line = history[row];
    const at = numberAt(line, HISTORY_COL.refreshed);
    if (at === null) continue;
    const day = Math.floor(at);
    const want = day === nextDay ? null : numberAt(line, HISTORY_COL.activeShare);
    const current = line?.[HISTORY_COL.dayLast];
    const blank = current === null || current === undefined || current === '';
    if (want === null ? !blank : numberAt(line, HISTORY_COL.dayLast) !== want) {
      cells.push({ row, col: HISTORY_COL.dayLast, value: want, format: 'percent', style: 'body' });
    }
    nextDay = day;
  }
  return cells.reverse();
}

/** Columns of the history sheet the core reads back or charts. */
export const HISTORY_COL = {
  refreshed: HISTORY_HEADERS.indexOf('Refreshed'),
  activeShare: HISTORY_HEADERS.indexOf('Active share'),
  reference: HISTORY_HEADERS.indexOf('Gartner 2020'),
  dayLast: HISTORY_HEADERS.indexOf("Day's last share"),
} as const;

/** Rows the history chart is tall (15 points each): about 3.3 inches on paper. */
const HISTORY_CHART_ROWS = 16;

/** Colour of the history's line (the Driver blue: the direction the line should go). */
const HISTORY_LINE_COLOR = ROLE_FILLS.Driver.fill;

/**
 * The history row to append (row index 1 + rows already there), with the number of changes
 * since the last refresh (blank on a first refresh), and the line chart of the active-role
 * share over every refresh so far, this one included.
 */
export function planHistory(
  summary: Summary,
  now: Date,
  historyRowCount: number,
  changes: readonly RoleChange[] | null = null,
  history: readonly (readonly CellValue[])[] | null = null,
): HistoryWrite {
  const row = 1 + Math.max(0, historyRowCount);
  const values: [string | number | null, NumberFormatName][] = [
    [excelSerial(now), 'datetime'],
    [summary.sheet, 'text'],
    [summary.total, 'integer'],
    [summary.classified, 'integer'],
    [summary.counts.Driver, 'integer'],
    [summary.counts.Implementer, 'integer'],
    [summary.counts.Operator, 'integer'],
    [summary.counts.Bystander, 'integer'],
    [summary.counts.Unclassified, 'integer'],
    [summary.activeShare, 'percent'],
    [changes === null ? null : changes.length, 'integer'],
    [historySheetsCell(summary.sheets), 'text'],
    [ARTICLE_FIGURES.activeShare2020, 'percent'],
    // The last refresh of its day so far; blanked by a later refresh the same day.
    [summary.activeShare, 'percent'],
  ];
  const points = row; // data rows 1..row
  // Under the table, one blank row below its last row and as wide as it: the sheet is only as
  // wide as the table, so it prints at full size (a chart beside the table made the page scale
  // to 81%, 8.9 pt text), and table and chart share the page until about 18 refreshes. The
  // chart is drawn again on every refresh, so it moves down as rows are added.
  const chartTop = 1 + points + 1;
  const chart: LineChartSpec = {
    kind: 'line',
    name: 'IoT Role History: active-role share',
    title: 'I&O active-role share over the refreshes',
    seriesName: 'Active share',
    altText: SUMMARY_TEXT.historyAltText(points),
    reference: {
      values: { row: 1, col: HISTORY_COL.reference, rowCount: points, colCount: 1 },
      name: 'Gartner, expected by 2020',
    },
    categories: { row: 1, col: HISTORY_COL.refreshed, rowCount: points, colCount: 1 },
    // The day's last refresh of each day, on a date axis: one point a day. A day's earlier
    // refreshes are blank there, and the line runs across them (not a gap).
    values: { row: 1, col: HISTORY_COL.dayLast, rowCount: points, colCount: 1 },
    blanks: 'span',
    color: HISTORY_LINE_COLOR,
    valueFormat: 'percent',
    categoryFormat: 'datetime',
    anchor: {
      from: { row: chartTop, col: 0 },
      to: { row: chartTop + HISTORY_CHART_ROWS, col: HISTORY_HEADERS.length },
    },
  };
  const outdated = historyRowCount > 0 && historyHeaderOutdated(history);
  return {
    name: HISTORY_SHEET,
    headers: [...HISTORY_HEADERS],
    writeHeader: historyRowCount <= 0 || outdated,
    earlierCells: [
      ...(outdated ? referenceBackfill(history, historyRowCount) : []),
      ...dayLastCells(history, historyRowCount, excelSerial(now)),
    ],
    row: values.map(([value, format], col) => ({ row, col, value, format, style: 'body' })),
    // Narrow enough that the table and the chart beside it print one page wide at a legible size.
    columnWidths: HISTORY_HEADERS.map((h, col) => ({
      col,
      width: col <= 1 || h === 'Sheets' ? 16 : Math.max(7, h.length + 1),
    })),
    chart,
    print: GROWING_SHEET_PRINT,
  };
}
