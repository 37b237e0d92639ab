/**
 * The output sheets' layout (SPEC §4): the "IoT Role Summary" sheet an executive reads and
 * prints, and the row appended to "IoT Role History". Host-neutral cells, styles and widths;
 * both adapters apply them as they are.
 */

import { toA1 } from './address';
import type {
  HeaderDetection,
  HistoryWrite,
  NumberFormatName,
  PlanCell,
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

/** The article's figures shown beside the portfolio's active-role share. */
export const ARTICLE_FIGURES = {
  activeShare2018: 0.05,
  activeShare2020: 0.4,
  plannedWithoutIT: 0.59,
} as const;

/** How many top opportunities and review rows the summary sheet lists. */
export const SUMMARY_LIMITS = { opportunities: 10, review: 200 } as const;

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

function displayName(r: RowResult): string {
  return r.initiative.name ?? '(no name)';
}

/** Lays out the "IoT Role Summary" sheet for an executive, one screen wide. */
export function planSummarySheet(
  summary: Summary,
  detection: HeaderDetection,
  now: Date,
): SheetWrite {
  const b = new SheetBuilder();
  const source = summary.sheet;
  const linkCol = detection.columns.name.col ?? 0;
  const linkTo = (r: RowResult) => ({ sheet: source, row: r.row, col: linkCol });

  b.text(0, 0, 'IoT Role Map: the roles I&O plays in the IoT portfolio', 'title');
  b.text(
    1,
    0,
    'Roles after Gartner, "4 New Roles That I&O Plays in IoT" (2019): Driver, Implementer, Operator, Bystander.',
    'subtitle',
  );
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

  b.text(9, 0, 'I&O active-role share', 'sectionHeader');
  // Short labels: column A must not cut them off beside the values in column B.
  b.text(10, 0, 'This portfolio (share of initiatives)', 'label');
  b.put(10, 1, summary.activeShare, 'percent');
  b.text(11, 0, 'Gartner, 2018 (share of I&O teams)');
  b.put(11, 1, ARTICLE_FIGURES.activeShare2018, 'percent');
  b.text(12, 0, 'Gartner, expected by 2020 (I&O teams)');
  b.put(12, 1, ARTICLE_FIGURES.activeShare2020, 'percent');
  b.text(
    13,
    0,
    'Active role = Driver, Implementer or Operator. The article counts I&O teams; this sheet counts initiatives, so compare the direction, not the exact figures.',
    'note',
  );
  b.text(
    14,
    0,
    "Context: 59% of IoT initiatives were planned without IT's direct involvement, or with IT involved only after crucial decisions were made (Gartner).",
    'note',
  );

  // Role distribution, with data bars on the counts and the chart beside it.
  b.text(16, 0, 'Role distribution', 'sectionHeader');
  const hasBudget = summary.budget !== null;
  b.headerRow(
    17,
    hasBudget
      ? ['Role', 'Initiatives', 'Share (classified)', 'Budget']
      : ['Role', 'Initiatives', 'Share (classified)'],
    1,
  );
  ROLES_BY_OWNERSHIP.forEach((role: RoleOrUnclassified, i) => {
    const row = 18 + i;
    b.text(row, 0, role);
    b.put(row, 1, summary.counts[role], 'integer');
    b.put(row, 2, role === 'Unclassified' ? null : summary.shares[role], 'percent');
    if (summary.budget !== null) b.put(row, 3, summary.budget[role], 'currency');
  });
  b.text(23, 0, 'Total', 'label');
  b.put(23, 1, summary.total, 'integer');
  const chartRoles = ROLES_BY_OWNERSHIP.filter((r) => r !== 'Unclassified');
  const chart: SheetWrite['chart'] = {
    kind: 'bar',
    title: 'Initiatives by I&O role',
    seriesName: 'Initiatives',
    categories: { row: 18, col: 0, rowCount: chartRoles.length, colCount: 1 },
    values: { row: 18, col: 1, rowCount: chartRoles.length, colCount: 1 },
    pointColors: chartRoles.map((r) => ROLE_FILLS[r].fill),
    anchor: { from: { row: 16, col: 4 }, to: { row: 31, col: 7 } },
  };
  const dataBars = [
    {
      range: { row: 18, col: 1, rowCount: ROLES_BY_OWNERSHIP.length, colCount: 1 },
      color: DATA_BAR_COLOR,
    },
  ];

  let row = 32;
  const crossTab = (title: string, labelHeader: string, tab: Summary['byGroup']) => {
    b.text(row, 0, title, 'sectionHeader');
    b.headerRow(row + 1, [labelHeader, ...ROLES_BY_OWNERSHIP, 'Total'], 1);
    row += 2;
    tab.labels.forEach((label, i) => {
      const counts = tab.counts[i]!;
      b.text(row, 0, label);
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
  crossTab('Roles by lead group', 'Lead group', summary.byGroup);
  crossTab('Roles by stage', 'Stage', summary.byStage);

  b.text(row, 0, 'Top opportunities for more I&O ownership', 'sectionHeader');
  // Opportunities and review rows share one column shape; the sentence goes last, in the
  // one wide column (H), so the narrow figure columns above stay narrow.
  b.headerRow(row + 1, [...ROW_TABLE_COLUMNS, 'Recommended action']);
  row += 2;
  const top = summary.topOpportunities.slice(0, SUMMARY_LIMITS.opportunities);
  if (top.length === 0)
    b.text(row++, 0, 'No opportunities: every initiative is retired or unclassified.', 'note');
  const rowFacts = (r: RowResult, text: string) => {
    b.text(row, 0, displayName(r));
    b.put(row, 1, toA1(r.row, linkCol), 'text', 'link', linkTo(r));
    b.text(row, 2, r.role);
    b.text(row, 3, r.nextRole);
    b.text(row, 4, r.priority);
    b.text(row, 5, r.initiative.stage ?? '');
    b.text(row, 6, r.initiative.ledByText ?? '');
    b.text(row, 7, text);
    row++;
  };
  for (const r of top) rowFacts(r, r.action);
  row++;

  b.text(row, 0, 'Rows needing review', 'sectionHeader');
  b.headerRow(row + 1, [...ROW_TABLE_COLUMNS, 'Data issues']);
  row += 2;
  if (summary.review.length === 0)
    b.text(row++, 0, 'None: every row is complete and consistent.', 'note');
  for (const r of summary.review.slice(0, SUMMARY_LIMITS.review)) rowFacts(r, issuesText(r));
  if (summary.review.length > SUMMARY_LIMITS.review) {
    b.text(
      row,
      0,
      `…and ${summary.review.length - SUMMARY_LIMITS.review} more: filter the Data Issues column on "${source}" to see them all.`,
      'note',
    );
  }

  return {
    name: SUMMARY_SHEET,
    columnWidths: [
      { col: 0, width: 38 },
      // B holds the refresh time (yyyy-mm-dd hh:mm); C the "Share (classified)" header.
      { col: 1, width: 17 },
      { col: 2, width: 18 },
      { col: 3, width: 12 },
      { col: 4, width: 12 },
      { col: 5, width: 14 },
      { col: 6, width: 13 },
      // The one wide column: actions and data issues (longer ones run on into the empty columns).
      { col: 7, width: 56 },
    ],
    cells: b.cells,
    dataBars,
    chart,
  };
}

/** Headers of the history sheet, in order. */
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
] as const;

/** The history row to append (row index 1 + rows already there). */
export function planHistory(summary: Summary, now: Date, historyRowCount: number): HistoryWrite {
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
  ];
  return {
    name: HISTORY_SHEET,
    headers: [...HISTORY_HEADERS],
    writeHeader: historyRowCount <= 0,
    row: values.map(([value, format], col) => ({ row, col, value, format, style: 'body' })),
    columnWidths: HISTORY_HEADERS.map((h, col) => ({
      col,
      width: col === 0 ? 18 : col === 1 ? 24 : Math.max(10, h.length + 2),
    })),
  };
}
