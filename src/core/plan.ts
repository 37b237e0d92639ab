/**
 * The write plan (SPEC §4): everything a refresh writes, host-neutral, so the Excel adapter
 * and the file adapter apply exactly the same decisions. The plan never holds formulas:
 * every string is written as text.
 */

import { columnLetter, toA1 } from './address';
import type { FoundBlock } from './headers';
import { findOwnBlock, headerText } from './headers';
import { mergedBlocker } from './merges';
import { problem } from './messages';
import { isEmptyCell } from './normalise';
import type {
  HeaderDetection,
  HostCapabilities,
  RangeRef,
  SheetSnapshot,
  TableInfo,
} from './input';
import type { RowResult } from './results';
import type { CfRule, TableGrowth, InventoryWrite } from './write-plan';
import type { OutputLayout } from './output';
import {
  CURRENT_RULE_LAYOUT,
  OUTPUT_COLUMNS,
  OUTPUT_WIDTH,
  RULE_LAYOUTS,
  emptyOutput,
  outputValues,
  outputRules,
  uniqueColumnName,
} from './output';

/** Where the inventory's data rows are, absolute and inclusive; lastRow < firstRow when none. */
export interface DataRows {
  firstRow: number;
  lastRow: number;
  /** The Excel table whose header row is the inventory header row, if any. */
  table: TableInfo | null;
}

/** The table that holds the inventory: its header row is the inventory's header row. */
function inventoryTable(sheet: SheetSnapshot, detection: HeaderDetection): TableInfo | null {
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
 * Where the output columns go: our own block, found by its set of headers in any released
 * layout (re-run in place), else right after the table or the last non-empty header cell.
 */
function outputPosition(
  sheet: SheetSnapshot,
  headerRow: number,
  table: TableInfo | null,
): { firstCol: number; existing: FoundBlock | null } {
  const header = sheet.values[headerRow - sheet.origin.row] ?? [];
  const block = findOwnBlock(header);
  if (block !== null) return { firstCol: sheet.origin.col + block.start, existing: block };
  if (table !== null) {
    return { firstCol: table.range.col + table.range.colCount, existing: null };
  }
  let last = -1;
  for (let i = header.length - 1; i >= 0; i--) {
    if (!isEmptyCell(header[i])) {
      last = i;
      break;
    }
  }
  return { firstCol: sheet.origin.col + last + 1, existing: null };
}

/** The key of the existing block's k-th column (null where it is not ours, or past it). */
function keyAt(existing: FoundBlock | null, k: number): string | null {
  return existing?.keys[k] ?? null;
}

/**
 * Throws 'output-blocked' when a target column holds data that is not our own output: a
 * column of the block an earlier refresh left (of any layout) is ours; a column the block
 * grows into must be empty.
 */
function checkBlocked(
  sheet: SheetSnapshot,
  headerRow: number,
  firstCol: number,
  lastRow: number,
  existing: FoundBlock | null,
) {
  for (let k = 0; k < OUTPUT_WIDTH; k++) {
    const col = firstCol + k;
    if (keyAt(existing, k) !== null) continue;
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

/**
 * The header of each output column. Plain columns get our names. In an Excel table, names
 * must be unique: a column that already holds the same output column keeps the name it has,
 * and any other takes the name Excel gives it where the table already has ours ("Priority2").
 */
function outputHeaderNames(
  sheet: SheetSnapshot,
  headerRow: number,
  firstCol: number,
  table: TableInfo | null,
  existing: FoundBlock | null,
): string[] {
  const header = sheet.values[headerRow - sheet.origin.row] ?? [];
  if (table === null) return OUTPUT_COLUMNS.map((c) => c.header);
  const tableEnd = table.range.col + table.range.colCount;
  const taken = table.columns.filter((_n, i) => {
    const col = table.range.col + i;
    return col < firstCol || col >= firstCol + OUTPUT_WIDTH;
  });
  return OUTPUT_COLUMNS.map((c, k) => {
    const col = firstCol + k;
    if (col < tableEnd && keyAt(existing, k) === c.key) {
      return headerText(header[col - sheet.origin.col]);
    }
    const name = uniqueColumnName(c.header, taken);
    taken.push(name);
    return name;
  });
}

/**
 * The rules the refreshes that could have left `existing` wrote, where they differ from
 * today's: its columns at their places (an earlier layout, or our columns moved) under every
 * released rule layout (RULE_LAYOUTS). Recognised as ours and replaced, never written. Empty
 * for a new block.
 */
function earlierRules(
  existing: FoundBlock | null,
  firstCol: number,
  firstRow: number,
  rowCount: number,
): CfRule[] {
  if (existing === null) return [];
  const moved = !OUTPUT_COLUMNS.every((c, k) => existing.keys[k] === c.key);
  const columns = existing.keys.map((key) => ({ key: key ?? '', header: '' }));
  const at: OutputLayout = { version: 0, columns, tintForms: [] };
  const key = (r: CfRule) =>
    `${rangeKey(r.range)} ${r.kind === 'textEquals' ? `=${r.text}` : `tint ${r.testCol}`}`;
  const today = new Set(outputRules(firstCol, firstRow, rowCount).map(key));
  return RULE_LAYOUTS.filter((r) => moved || r !== CURRENT_RULE_LAYOUT)
    .flatMap((r) => outputRules(firstCol, firstRow, rowCount, at, r))
    .filter((r) => !today.has(key(r)));
}

const rangeKey = (r: RangeRef) => `${r.row},${r.col},${r.rowCount},${r.colCount}`;

/**
 * How the table takes in `addColumns` new columns on a host that can do `capabilities`
 * (TableGrowth), or null when it cannot without moving a cell right of it in its rows.
 */
function tableGrowth(
  sheet: SheetSnapshot,
  table: RangeRef,
  addColumns: number,
  capabilities: HostCapabilities,
): TableGrowth | null {
  if (addColumns === 0 || capabilities.resizeTable) return 'resize';
  const end = table.col + table.colCount;
  for (let r = table.row; r < table.row + table.rowCount; r++) {
    const row = sheet.values[r - sheet.origin.row] ?? [];
    for (let j = Math.max(0, end - sheet.origin.col); j < row.length; j++) {
      if (!isEmptyCell(row[j])) return null;
    }
  }
  return 'add';
}

/** Plans what is written on the inventory sheet: the output columns, their rules, freeze and filter. */
export function planInventory(
  sheet: SheetSnapshot,
  detection: HeaderDetection,
  rows: readonly RowResult[],
  capabilities: HostCapabilities = { resizeTable: true },
): InventoryWrite {
  if (sheet.isProtected) throw problem('protected-sheet', { sheet: sheet.name });
  const headerRow = detection.headerRow;
  const { firstRow, lastRow, table: inventoryTbl } = dataRows(sheet, detection);
  const { firstCol, existing } = outputPosition(sheet, headerRow, inventoryTbl);
  checkBlocked(sheet, headerRow, firstCol, lastRow, existing);
  const written = { row: headerRow, col: firstCol, rowCount: lastRow - headerRow + 1 };
  const merged = mergedBlocker(sheet, { ...written, colCount: OUTPUT_WIDTH });
  if (merged !== null) throw merged;

  let table: InventoryWrite['table'] = null;
  if (inventoryTbl !== null) {
    const tableEnd = inventoryTbl.range.col + inventoryTbl.range.colCount;
    // Output columns that start past a gap cannot join the table; they stay plain columns,
    // as they do when the table could only grow by moving a user's cells (TableGrowth).
    const addColumns = Math.max(0, firstCol + OUTPUT_WIDTH - tableEnd);
    const growth = tableGrowth(sheet, inventoryTbl.range, addColumns, capabilities);
    if (firstCol <= tableEnd && growth !== null) {
      table = { name: inventoryTbl.name, addColumns, growth };
    }
  }

  const values: string[][] = [];
  let next = 0;
  for (let row = firstRow; row <= lastRow; row++) {
    const r = rows[next];
    if (r !== undefined && r.row === row) {
      values.push(outputValues(r));
      next++;
    } else {
      values.push(emptyOutput());
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
          colCount: firstCol + OUTPUT_WIDTH - leftCol,
        };

  return {
    sheet: sheet.name,
    headerRow,
    firstCol,
    headers: outputHeaderNames(
      sheet,
      headerRow,
      firstCol,
      table === null ? null : inventoryTbl,
      existing,
    ),
    firstRow,
    values,
    table,
    conditionalFormats: outputRules(firstCol, firstRow, values.length),
    earlierRules: earlierRules(existing, firstCol, firstRow, values.length),
    freezeHeaderRow: sheet.hasFrozenPanes ? null : headerRow,
    autoFilter,
    // A column new to the block (or to its place in it) gets its width; one that was there
    // keeps the width the user may have given it since.
    columnWidths: OUTPUT_COLUMNS.flatMap((c, k) =>
      keyAt(existing, k) === c.key ? [] : [{ col: firstCol + k, width: c.width }],
    ),
  };
}
