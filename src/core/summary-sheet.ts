/**
 * The output sheets' layout (SPEC §4): the "IoT Role Summary" sheet an executive reads and
 * prints, and the row appended to "IoT Role History". Host-neutral cells, styles and widths;
 * both adapters apply them as they are.
 */

import { quoteSheet, toA1 } from './address';
import type {
  BarChartSpec,
  CrossTab,
  Field,
  HeaderDetection,
  HistoryWrite,
  LineChartSpec,
  NumberFormatName,
  PlanCell,
  PrintSetup,
  RoleChange,
  RoleOrUnclassified,
  RowResult,
  SheetWrite,
  StyleName,
  Summary,
} from './model';
import { HISTORY_SHEET, SUMMARY_SHEET } from './model';
import { DATA_BAR_COLOR, ROLE_FILLS } from './styles';
import { ROLES_BY_OWNERSHIP } from './summary';
import { issuesText } from './output';
import { FIELD_LABELS } from './vocab';
import { FIELD_SPECS } from './fields';
import { SUMMARY_TEXT } from './messages';

/** The article's figures shown beside the portfolio's active-role share. */
export const ARTICLE_FIGURES = {
  activeShare2018: 0.05,
  activeShare2020: 0.4,
  plannedWithoutIT: 0.59,
} as const;

/** How many top opportunities and review rows the summary sheet lists. */
export const SUMMARY_LIMITS = { opportunities: 10, review: 200, changes: 50 } as const;

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

/** Leading columns of the opportunity and review tables (a sentence column follows). */
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
 * Free text (names, lead groups, actions, data issues) wraps inside its column; nothing runs
 * past column H.
 */
export const SUMMARY_COLUMN_WIDTHS: readonly number[] = [32, 16, 13, 12, 10, 14, 14, 50];

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

/** The summary's print layout: landscape, one page wide, the given rows repeated on every page. */
export function summaryPrint(lastRow: number, titleRow: number | null): PrintSetup {
  return {
    orientation: 'landscape',
    fitToPagesWide: 1,
    area: { row: 0, col: 0, rowCount: lastRow + 1, colCount: SUMMARY_COLUMN_WIDTHS.length },
    titleRows: titleRow === null ? null : { first: titleRow, last: titleRow },
    margins: PRINT_MARGINS,
    centerHorizontally: true,
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
 * Lays out the "IoT Role Summary" sheet an executive reads and prints: where the portfolio
 * stands and where it is heading, what changed since the last refresh (`changes` null on a
 * first refresh), the role tables, the top opportunities and the rows to review.
 */
export function planSummarySheet(
  summary: Summary,
  detection: HeaderDetection,
  now: Date,
  changes: readonly RoleChange[] | null = null,
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
  const note = (text: string) => {
    for (const line of wrapLines(text, NOTE_LINE_CHARS)) b.text(row++, 0, line, 'note');
  };

  b.text(0, 0, SUMMARY_TEXT.title, 'title');
  b.text(1, 0, SUMMARY_TEXT.subtitle, 'subtitle');
  const facts: [string, string | number | null, NumberFormatName][] = [
    ['Source sheet', source, 'text'],
    ['Refreshed (UTC)', excelSerial(now), 'datetime'],
    ['Initiatives', summary.total, 'integer'],
    ['Classified', summary.classified, 'integer'],
    ['Needing review', summary.needsReview, 'integer'],
  ];
  facts.forEach(([label, value, format], i) => {
    b.text(3 + i, 0, label, 'label');
    b.put(3 + i, 1, value, format);
  });

  // Where the portfolio stands and where it is heading (the article's second goal).
  row = 9;
  b.text(row++, 0, 'I&O active-role share: today and where it is heading', 'sectionHeader');
  b.headerRow(row++, ['', 'Active share', 'Initiatives'], 1);
  const { high, highAndMedium } = summary.projection;
  const shareRows: [string, number | null, number | null, StyleName][] = [
    ['This portfolio today', summary.activeShare, null, 'label'],
    ['If I&O takes the High opportunities', high.activeShare, high.count, 'body'],
    ['…and the Medium ones too', highAndMedium.activeShare, highAndMedium.count, 'body'],
    ['Gartner, 2018 (share of I&O teams)', ARTICLE_FIGURES.activeShare2018, null, 'body'],
    ['Gartner, expected by 2020 (I&O teams)', ARTICLE_FIGURES.activeShare2020, null, 'body'],
  ];
  for (const [label, share, count, style] of shareRows) {
    b.text(row, 0, label, style);
    b.put(row, 1, share, 'percent');
    if (count !== null) b.put(row, 2, count, 'integer');
    row++;
  }
  note(SUMMARY_TEXT.activeRoleNote);
  note(SUMMARY_TEXT.plannedWithoutIT(ARTICLE_FIGURES.plannedWithoutIT));
  row++;

  // Role distribution, with data bars on the counts and the chart beside it.
  const dist = row;
  b.text(dist, 0, 'Role distribution', 'sectionHeader');
  const hasBudget = summary.budget !== null;
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
    if (summary.budget !== null) b.put(r, 3, summary.budget[role], 'currency');
  });
  b.text(first + ROLES_BY_OWNERSHIP.length, 0, 'Total', 'label');
  b.put(first + ROLES_BY_OWNERSHIP.length, 1, summary.total, 'integer');
  const chartRoles = ROLES_BY_OWNERSHIP.filter((r) => r !== 'Unclassified');
  const chart: BarChartSpec = {
    kind: 'bar',
    title: 'Initiatives by I&O role',
    seriesName: 'Initiatives',
    categories: { row: first, col: 0, rowCount: chartRoles.length, colCount: 1 },
    values: { row: first, col: 1, rowCount: chartRoles.length, colCount: 1 },
    pointColors: chartRoles.map((r) => ROLE_FILLS[r].fill),
    anchor: { from: { row: dist, col: 4 }, to: { row: dist + 14, col: 8 } },
  };
  const dataBars = [
    {
      range: { row: first, col: 1, rowCount: ROLES_BY_OWNERSHIP.length, colCount: 1 },
      color: DATA_BAR_COLOR,
    },
  ];
  row = dist + 15;

  // Changes since the last refresh.
  b.text(row++, 0, 'Changes since the last refresh', 'sectionHeader');
  if (changes === null) {
    note(SUMMARY_TEXT.firstRefresh(source));
  } else if (changes.length === 0) {
    note(SUMMARY_TEXT.noChanges);
  } else {
    const changed = changes.filter((c) => c.from !== '').length;
    note(SUMMARY_TEXT.changes(changed, changes.length - changed));
    b.headerRow(row++, ['Initiative', 'Row', 'Was', 'Now', 'Change']);
    for (const c of changes.slice(0, SUMMARY_LIMITS.changes)) {
      // The name column found on the row's own inventory sheet.
      const col = c.nameCol ?? linkCol;
      b.text(row, 0, c.name ?? '(no name)', 'wrapped');
      b.put(row, 1, where(c.sheet, c.row, col), 'text', 'linkTop', {
        sheet: c.sheet,
        row: c.row,
        col,
      });
      b.text(row, 2, c.from === '' ? '—' : c.from, 'bodyTop');
      b.text(row, 3, c.to, 'bodyTop');
      b.text(row, 4, c.from === '' ? 'Added' : 'Role changed', 'bodyTop');
      row++;
    }
    if (changes.length > SUMMARY_LIMITS.changes) {
      note(SUMMARY_TEXT.moreChanges(changes.length - SUMMARY_LIMITS.changes, source));
    }
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
      b.text(row, 1, header, 'bodyTop');
      b.text(row, 2, w.meaning, 'bodyTop');
      b.put(row, 3, w.rows, 'integer');
      row++;
    }
    row++;
  }

  b.text(row, 0, 'Top opportunities for more I&O ownership', 'sectionHeader');
  // Opportunities and review rows share one column shape; the sentence goes last, in the
  // one wide column (H), wrapped inside it.
  b.headerRow(row + 1, [...ROW_TABLE_COLUMNS, 'Recommended action']);
  row += 2;
  const top = summary.topOpportunities.slice(0, SUMMARY_LIMITS.opportunities);
  if (top.length === 0) b.text(row++, 0, SUMMARY_TEXT.noOpportunities, 'note');
  const rowFacts = (r: RowResult, text: string) => {
    b.text(row, 0, displayName(r), 'wrapped');
    const link = linkTo(r);
    b.put(row, 1, where(r.sheet, r.row, link.col), 'text', 'linkTop', link);
    b.text(row, 2, r.role, 'bodyTop');
    b.text(row, 3, r.nextRole, 'bodyTop');
    b.text(row, 4, r.priority, 'bodyTop');
    b.text(row, 5, r.initiative.stage ?? '', 'bodyTop');
    b.text(row, 6, r.initiative.ledByText ?? '', 'wrapped');
    b.text(row, 7, text, 'wrapped');
    row++;
  };
  for (const r of top) rowFacts(r, r.action);
  row++;

  b.text(row, 0, 'Rows needing review', 'sectionHeader');
  const reviewHeader = row + 1;
  b.headerRow(reviewHeader, [...ROW_TABLE_COLUMNS, 'Data issues']);
  row += 2;
  if (summary.review.length === 0) note(SUMMARY_TEXT.noReview);
  for (const r of summary.review.slice(0, SUMMARY_LIMITS.review)) rowFacts(r, issuesText(r));
  if (summary.review.length > SUMMARY_LIMITS.review) {
    note(SUMMARY_TEXT.moreReview(summary.review.length - SUMMARY_LIMITS.review, source));
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
    print: summaryPrint(lastRow, summary.review.length > 0 ? reviewHeader : null),
  };
}

/** Headers of the history sheet, in order ("Changes" came last, so older histories stay aligned). */
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
] as const;

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
  ];
  const points = row; // data rows 1..row
  const chartCol = HISTORY_HEADERS.length + 1;
  // Five default-width columns by sixteen rows: about as wide as it is tall.
  const chart: LineChartSpec = {
    kind: 'line',
    name: 'IoT Role History: active-role share',
    title: 'I&O active-role share over the refreshes',
    seriesName: 'Active share',
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
    writeHeader: historyRowCount <= 0,
    row: values.map(([value, format], col) => ({ row, col, value, format, style: 'body' })),
    // Narrow enough that the table and the chart beside it print one page wide at a legible size.
    columnWidths: HISTORY_HEADERS.map((h, col) => ({
      col,
      width: col === 0 ? 16 : col === 1 ? 16 : Math.max(7, h.length + 1),
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
