/**
 * The output sheets' layout (SPEC §4): the "IoT Role Summary" sheet an executive reads and
 * prints, and the row appended to "IoT Role History". Host-neutral cells, styles and widths;
 * both adapters apply them as they are.
 */

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
import { HISTORY_SHEET, SUMMARY_SHEET } from './domain';
import { DATA_BAR_COLOR, ROLE_FILLS } from './styles';
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

/** Leading columns of the review table (a sentence column follows). */
const ROW_TABLE_COLUMNS = [
  'Initiative',
  'Row',
  'Role',
  'Next role',
  'Priority',
  'Stage',
  'Lead group',
] as const;

/**
 * Widths (characters) of the summary's columns A–H. Sized for print: at one page wide on
 * landscape Letter or A4 the sheet scales to about 85%, so 11 pt text prints near 9.5 pt.
 * Free text (names, owners, actions, data issues) wraps inside its column; nothing runs past
 * column H. Column H holds a brief's short action on one line, most of the time.
 */
export const SUMMARY_COLUMN_WIDTHS: readonly number[] = [30, 10, 12, 8, 9, 12, 8, 71];

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
/** Characters of a note under the role table, beside the chart (columns A–D). */
const TABLE_NOTE_CHARS = 64;
/** Characters of an initiative's name in the opportunities' table: one line of column A. */
const NAME_CELL_CHARS = 32;
/** Characters of a line of the definitions beside the brief, across columns F–H. */
const DEFINITION_LINE_CHARS = 80;
/** Column where the definitions beside the brief start (F). */
const DEFINITIONS_COL = 5;

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

/** Height (points) of one line of 11 pt text, Excel's default row height. */
export const LINE_HEIGHT_PT = 15;

/**
 * Characters of 11 pt text that fit on one line of a column `width` characters wide. Excel's
 * width unit is the widest digit; running text averages a little narrower, so this errs on
 * the side of one line too many (some white space) rather than too few (clipped text):
 * measured through LibreOffice, a 50-wide column holds 55 to 64 characters of a sentence.
 */
function lineChars(width: number): number {
  return Math.max(1, Math.floor(width * 1.1));
}

/** Row heights for the wrapped cells of a sheet: the tallest wrapped cell of each row, in lines. */
export function wrappedRowHeights(
  cells: readonly PlanCell[],
  widths: readonly number[],
): { row: number; height: number }[] {
  const lines = new Map<number, number>();
  for (const c of cells) {
    if (c.style !== 'wrapped' || typeof c.value !== 'string') continue;
    const n = wrapLines(c.value, lineChars(widths[c.col] ?? 8.43)).length;
    if (n > (lines.get(c.row) ?? 1)) lines.set(c.row, n);
  }
  return [...lines.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([row, n]) => ({ row, height: n * LINE_HEIGHT_PT }));
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
 * Lays out the "IoT Role Summary" sheet an executive reads and prints (SPEC §4). Page 1: the
 * brief with the definitions beside it, the role distribution with its chart, and the top
 * opportunities; page 2: the changes since the last refresh and the cross-tabs; then, after a
 * page break, the details that are not part of the brief (rows needing review, the workbook's
 * own words). Every sentence comes from the report module (report.ts) and the catalogue.
 */
export function planSummarySheet(
  summary: Summary,
  detection: HeaderDetection,
  now: Date,
  changes: readonly RoleChange[] | null = null,
  rows: readonly RowResult[] = [],
): SheetWrite {
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

  // Role distribution, with data bars on the counts, the shares, and the chart beside it.
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
  // The projection explains itself where the Medium ones leave the share where it was.
  const projection = projectionLines(summary);
  const mediumNote = projection.length > 1 ? projection[1]! : null;
  if (mediumNote !== null && highAndMedium.activeShare === high.activeShare) {
    note(SUMMARY_TEXT.mediumSame, TABLE_NOTE_CHARS);
  }
  note(
    SUMMARY_TEXT.articleFigures(ARTICLE_FIGURES.activeShare2018, ARTICLE_FIGURES.activeShare2020),
    TABLE_NOTE_CHARS,
  );
  const others = (summary.money?.totals ?? []).filter((t) => t.currency !== main);
  if (others.length > 0 && main !== null) {
    note(SUMMARY_TEXT.otherCurrencies(formatTotals(others), main), TABLE_NOTE_CHARS);
  }
  const chartRoles = ROLES_BY_OWNERSHIP.filter((r) => r !== 'Unclassified');
  const chartEnd = Math.max(row, dist + 10);
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
    anchor: { from: { row: dist, col: 4 }, to: { row: chartEnd, col: 8 } },
  };
  const dataBars = [
    {
      range: { row: first, col: 1, rowCount: ROLES_BY_OWNERSHIP.length, colCount: 1 },
      color: DATA_BAR_COLOR,
    },
  ];
  row = chartEnd;

  // The top opportunities, ranked by impact: "top 10 of N", each with its facts and a short action.
  const opp = opportunities(summary);
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
    b.text(row, 2, ownerOf(r), 'wrapped');
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
  const ch = changesReport(changes, source, REPORT_LIMITS.changes);
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
    if (ch.more !== null) note(SUMMARY_TEXT.moreChanges(changes!.length - ch.items.length, source));
  }
  row++;

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
  for (const { field, tab } of summary.byField) {
    const grouping = FIELD_SPECS[field].grouping;
    if (grouping === undefined)
      throw new Error(`The summary groups by ${field}, which has no grouping.`);
    crossTab(grouping.title, grouping.header, tab);
  }
  if (summary.bySheet) crossTab('Roles by sheet', 'Inventory sheet', summary.bySheet);
  if (summary.bySource) crossTab('Roles by source', 'Source (file › sheet)', summary.bySource);

  // The details, after a page break: not part of the brief.
  const details = row;
  b.text(row++, 0, SUMMARY_TEXT.detailsHeading, 'sectionHeader');
  note(SUMMARY_TEXT.detailsNote);
  row++;
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
    b.text(row, 4, r.priority, 'bodyTop');
    b.text(row, 5, r.initiative.stage ?? '', 'wrapped');
    b.text(row, 6, r.initiative.ledByText ?? '', 'wrapped');
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
  const lastRow = Math.max(...b.cells.map((c) => c.row));
  let longestLink = 0;
  for (const c of b.cells) {
    if (c.link && c.col === LINK_COL && typeof c.value === 'string') {
      longestLink = Math.max(longestLink, c.value.length);
    }
  }
  const widths = summaryColumnWidths(longestLink);

  return {
    name: SUMMARY_SHEET,
    columnWidths: widths.map((width, col) => ({ col, width })),
    cells: b.cells,
    dataBars,
    chart,
    rowHeights: wrappedRowHeights(b.cells, widths),
    // The review table is the one that runs over pages: its header repeats on each of them.
    print: summaryPrint(
      lastRow,
      summary.review.length > 0 ? reviewHeader : null,
      [pageTwo, details],
      now,
    ),
  };
}

/**
 * Headers of the history sheet, in order. Columns are only ever added last ("Changes", then
 * "Sheets"), so older histories stay aligned and are read by header (last-refresh.ts).
 * "Sheets" records the inventory sheets of the refresh as data, a JSON list of names
 * (`historySheetsCell`); "Source sheet" is their label for a reader.
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

/** Columns of the history sheet the core reads back or charts. */
export const HISTORY_COL = {
  refreshed: HISTORY_HEADERS.indexOf('Refreshed'),
  activeShare: HISTORY_HEADERS.indexOf('Active share'),
} as const;

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
  ];
  const points = row; // data rows 1..row
  const chartCol = HISTORY_HEADERS.length + 1;
  // Below the table's first rows, beside it, so table and chart print on one page.
  const chart: LineChartSpec = {
    kind: 'line',
    name: 'IoT Role History: active-role share',
    title: 'I&O active-role share over the refreshes',
    seriesName: 'Active share',
    altText: SUMMARY_TEXT.historyAltText(points),
    reference: { value: ARTICLE_FIGURES.activeShare2020, name: 'Gartner, expected by 2020' },
    categories: { row: 1, col: HISTORY_COL.refreshed, rowCount: points, colCount: 1 },
    values: { row: 1, col: HISTORY_COL.activeShare, rowCount: points, colCount: 1 },
    color: HISTORY_LINE_COLOR,
    valueFormat: 'percent',
    categoryFormat: 'datetime',
    anchor: { from: { row: 1, col: chartCol }, to: { row: 17, col: chartCol + 5 } },
  };
  return {
    name: HISTORY_SHEET,
    headers: [...HISTORY_HEADERS],
    writeHeader: historyRowCount <= 0 || historyHeaderOutdated(history),
    row: values.map(([value, format], col) => ({ row, col, value, format, style: 'body' })),
    // Narrow enough that the table and the chart beside it print one page wide at a legible size.
    columnWidths: HISTORY_HEADERS.map((h, col) => ({
      col,
      width: col <= 1 || h === 'Sheets' ? 16 : Math.max(7, h.length + 1),
    })),
    chart,
    print: {
      orientation: 'landscape',
      fitToPagesWide: 1,
      area: null,
      titleRows: { first: 0, last: 0 },
      margins: PRINT_MARGINS,
      centerHorizontally: false,
    },
  };
}
