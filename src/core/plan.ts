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
  InventoryWrite,
  RangeRef,
  RowResult,
  SheetSnapshot,
  TableInfo,
} from './model';
import { OUTPUT_HEADERS, ROLES } from './model';
import { ISSUE_TINT, PRIORITY_FILLS, ROLE_FILLS } from './styles';

/** Prefix of the ids of the conditional-format rules the refresh owns. */
export const CF_ID_PREFIX = 'iot-role-map:';
const OUTPUT_COUNT = OUTPUT_HEADERS.length;

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
