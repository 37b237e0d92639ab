/**
 * The write plan (SPEC §4): everything a refresh writes, host-neutral, so the Excel adapter
 * and the file adapter apply exactly the same decisions. The plan never holds formulas:
 * every string is written as text.
 */

import { columnLetter, toA1 } from './address';
import { headerText, ownBlockIndex } from './headers';
import { problem } from './messages';
import { isEmptyCell } from './normalise';
import type {
  CfRule,
  HeaderDetection,
  HistoryWrite,
  InventoryWrite,
  NumberFormatName,
  PlanCell,
  RangeRef,
  RoleOrUnclassified,
  RowResult,
  SheetSnapshot,
  SheetWrite,
  StyleName,
  Summary,
  TableInfo,
} from './model';
import { HISTORY_SHEET, OUTPUT_HEADERS, ROLES, SUMMARY_SHEET } from './model';
import { DATA_BAR_COLOR, ISSUE_TINT, PRIORITY_FILLS, ROLE_FILLS } from './styles';
import { ROLES_BY_OWNERSHIP } from './summary';

/** Prefix of the ids of the conditional-format rules the refresh owns. */
export const CF_ID_PREFIX = 'iot-role-map:';
const OUTPUT_COUNT = OUTPUT_HEADERS.length;

/** The article's figures shown beside the portfolio's active-role share. */
export const ARTICLE_FIGURES = {
  activeShare2018: 0.05,
  activeShare2020: 0.4,
  plannedWithoutIT: 0.59,
} as const;

/** How many top opportunities and review rows the summary sheet lists. */
export const SUMMARY_LIMITS = { opportunities: 10, review: 200 } as const;

/** Where the inventory's data rows are, absolute and inclusive; lastRow < firstRow when none. */
export interface DataRows {
  firstRow: number;
  lastRow: number;
  /** The Excel table whose header row is the inventory header row, if any. */
  table: TableInfo | null;
}

/** The table that holds the inventory: its header row is the inventory's header row. */
export function inventoryTable(sheet: SheetSnapshot, detection: HeaderDetection): TableInfo | null {
  const nameCol = detection.columns.name.col;
  return (
    sheet.tables.find(
      (t) =>
        t.range.row === detection.headerRow &&
        (nameCol === null || (nameCol >= t.range.col && nameCol < t.range.col + t.range.colCount)),
    ) ?? null
  );
}

/** The data rows of the inventory: the table body, or every used row below the header row. */
export function dataRows(sheet: SheetSnapshot, detection: HeaderDetection): DataRows {
  const table = inventoryTable(sheet, detection);
  const firstRow = detection.headerRow + 1;
  if (table !== null) {
    const end = table.range.row + table.range.rowCount - 1 - (table.hasTotalsRow ? 1 : 0);
    return { firstRow, lastRow: end, table };
  }
  return { firstRow, lastRow: sheet.origin.row + sheet.values.length - 1, table: null };
}

function cellAt(sheet: SheetSnapshot, row: number, col: number) {
  return sheet.values[row - sheet.origin.row]?.[col - sheet.origin.col] ?? null;
}

/**
 * Where the six output columns go: our own block, found by its exact "I&O Role" header
 * (re-run in place), else right after the table or the last non-empty header cell.
 */
export function outputPosition(
  sheet: SheetSnapshot,
  headerRow: number,
  table: TableInfo | null,
): { firstCol: number; existing: boolean } {
  const header = sheet.values[headerRow - sheet.origin.row] ?? [];
  const start = ownBlockIndex(header);
  if (start !== -1) return { firstCol: sheet.origin.col + start, existing: true };
  if (table !== null) return { firstCol: table.range.col + table.range.colCount, existing: false };
  let last = -1;
  for (let i = header.length - 1; i >= 0; i--) {
    if (!isEmptyCell(header[i])) {
      last = i;
      break;
    }
  }
  return { firstCol: sheet.origin.col + last + 1, existing: false };
}

/** Throws 'output-blocked' when a target column holds data that is not our own output. */
function checkBlocked(sheet: SheetSnapshot, headerRow: number, firstCol: number, lastRow: number) {
  for (let k = 0; k < OUTPUT_COUNT; k++) {
    const col = firstCol + k;
    if (headerText(cellAt(sheet, headerRow, col)) === OUTPUT_HEADERS[k]) continue;
    const bottom = Math.min(lastRow, sheet.origin.row + sheet.values.length - 1);
    for (let row = headerRow; row <= bottom; row++) {
      if (!isEmptyCell(cellAt(sheet, row, col))) {
        throw problem('output-blocked', {
          sheet: sheet.name,
          column: columnLetter(col),
          address: toA1(row, col),
        });
      }
    }
  }
}

/** A row's data issues as one cell of text (sentences separated by spaces). */
export function issuesText(r: RowResult): string {
  const n = r.issues.length;
  if (n === 0) return '';
  if (n === 1) return r.issues[0]!.message;
  return r.issues.map((i) => i.message).join(' ');
}

/** The six output strings of one row. */
export function outputValues(r: RowResult): string[] {
  return [r.role, r.rationale, r.nextRole, r.priority, r.action, issuesText(r)];
}

function conditionalFormats(firstCol: number, firstRow: number, rowCount: number): CfRule[] {
  if (rowCount <= 0) return [];
  const column = (k: number): RangeRef => ({
    row: firstRow,
    col: firstCol + k,
    rowCount,
    colCount: 1,
  });
  // Listed in priority order: role and priority fills win over the issue tint.
  const rules: CfRule[] = ROLES.map((role) => ({
    id: `${CF_ID_PREFIX}role:${role}`,
    kind: 'textEquals' as const,
    range: column(0),
    text: role,
    fill: ROLE_FILLS[role].fill,
    fontColor: ROLE_FILLS[role].font,
  }));
  for (const p of ['High', 'Medium'] as const) {
    rules.push({
      id: `${CF_ID_PREFIX}priority:${p}`,
      kind: 'textEquals',
      range: column(3),
      text: p,
      fill: PRIORITY_FILLS[p].fill,
      fontColor: PRIORITY_FILLS[p].font,
    });
  }
  rules.push({
    id: `${CF_ID_PREFIX}issues`,
    kind: 'notBlank',
    range: { row: firstRow, col: firstCol, rowCount, colCount: OUTPUT_COUNT },
    testCol: firstCol + OUTPUT_COUNT - 1,
    fill: ISSUE_TINT.fill,
    fontColor: ISSUE_TINT.font,
  });
  return rules;
}

/**
 * Plans the output columns of the inventory sheet. Throws 'protected-sheet' or
 * 'output-blocked' (naming the column and the first blocking cell).
 */
/** Widths of the output columns in characters, in OUTPUT_HEADERS order: sentences get room. */
const OUTPUT_WIDTHS: readonly number[] = [14, 50, 13, 10, 50, 44];

/** Plans what is written on the inventory sheet: the output columns, their rules, freeze and filter. */
export function planInventory(
  sheet: SheetSnapshot,
  detection: HeaderDetection,
  rows: readonly RowResult[],
): InventoryWrite {
  if (sheet.isProtected) throw problem('protected-sheet', { sheet: sheet.name });
  const headerRow = detection.headerRow;
  const { firstRow, lastRow, table: inventoryTbl } = dataRows(sheet, detection);
  const { firstCol, existing } = outputPosition(sheet, headerRow, inventoryTbl);
  checkBlocked(sheet, headerRow, firstCol, lastRow);

  let table: InventoryWrite['table'] = null;
  if (inventoryTbl !== null) {
    const tableEnd = inventoryTbl.range.col + inventoryTbl.range.colCount;
    // Output columns that start past a gap cannot join the table; they stay plain columns.
    if (firstCol <= tableEnd) {
      table = {
        name: inventoryTbl.name,
        addColumns: Math.max(0, firstCol + OUTPUT_COUNT - tableEnd),
      };
    }
  }

  const values: string[][] = [];
  const empty = (): string[] => ['', '', '', '', '', ''];
  let next = 0;
  for (let row = firstRow; row <= lastRow; row++) {
    const r = rows[next];
    if (r !== undefined && r.row === row) {
      values.push(outputValues(r));
      next++;
    } else {
      values.push(empty());
    }
  }

  const header = sheet.values[headerRow - sheet.origin.row] ?? [];
  const firstInput = header.findIndex((v) => !isEmptyCell(v));
  const leftCol = sheet.origin.col + Math.max(0, firstInput);
  const autoFilter: RangeRef | null =
    sheet.hasAutoFilter || table !== null || inventoryTbl !== null
      ? null
      : {
          row: headerRow,
          col: leftCol,
          rowCount: Math.max(lastRow, headerRow) - headerRow + 1,
          colCount: firstCol + OUTPUT_COUNT - leftCol,
        };

  return {
    sheet: sheet.name,
    headerRow,
    firstCol,
    headers: OUTPUT_HEADERS,
    firstRow,
    values,
    table,
    conditionalFormats: conditionalFormats(firstCol, firstRow, values.length),
    freezeHeaderRow: sheet.hasFrozenPanes ? null : headerRow,
    autoFilter,
    columnWidths: existing ? [] : OUTPUT_WIDTHS.map((width, i) => ({ col: firstCol + i, width })),
  };
}

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
    row: values.map(([value, format], col) => ({ row, col, value, format, style: 'body' })),
    columnWidths: HISTORY_HEADERS.map((h, col) => ({
      col,
      width: col === 0 ? 18 : col === 1 ? 24 : Math.max(10, h.length + 2),
    })),
  };
}
