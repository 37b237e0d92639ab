/**
 * Filtering the inventory by role through Office.js: the worksheet AutoFilter (ExcelApi 1.9)
 * on the "I&O Role" column, or the table column's own filter (ExcelApi 1.2) when the inventory
 * is an Excel table. Three syncs: the sheet's facts, its first rows and filter ranges, then the
 * filter itself. Where the column is and which filter to use is the core's decision
 * (src/core/role-filter.ts); this file reports facts and applies it.
 */

import { problem } from '../core/messages';
import { rangeToA1 } from '../core/address';
import type { RoleOrUnclassified } from '../core/domain';
import type { RangeRef, TableInfo } from '../core/input';
import { HEADER_SEARCH_ROWS, headerText } from '../core/headers';
import { planRoleFilter, roleFilterValues } from '../core/role-filter';
import { filterAroundWrite } from '../core/user-filter';
import type { ReportedColumnFilter } from '../core/user-filter';
import type { ExcelHost } from './host';
import { AUTOFILTER_API, officeErrorCode } from './host';
import { boxOf, toSnapshot } from './read';

/** Table column filters (Excel.Filter) arrived with ExcelApi 1.2. */
export const TABLE_FILTER_API = '1.2';
/** AutoFilter.clearColumnCriteria; below it, clearing the role clears the AutoFilter's criteria. */
export const CLEAR_COLUMN_CRITERIA_API = '1.14';

/**
 * Whether the host can filter the inventory by role: the worksheet AutoFilter needs ExcelApi
 * 1.9; an inventory known to be an Excel table needs only its column filter (1.2).
 */
export function canFilterRoles(host: ExcelHost, inTable?: boolean): boolean {
  if (host.isSetSupported('ExcelApi', AUTOFILTER_API)) return true;
  return inTable === true && host.isSetSupported('ExcelApi', TABLE_FILTER_API);
}

/**
 * Shows only the rows of one role on an inventory sheet (null shows every role again).
 * Throws RoleMapError: the sheet is gone, protected, or has no role column.
 */
export async function filterByRole(
  context: Excel.RequestContext,
  host: ExcelHost,
  sheet: string,
  role: RoleOrUnclassified | null,
): Promise<void> {
  // Sync 1: protection, the used range and the tables' names.
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.load('protection/protected');
  const used = ws.getUsedRangeOrNullObject(true);
  used.load('rowIndex, columnIndex, rowCount, columnCount');
  const tables = ws.tables.load('items/name');
  try {
    await context.sync();
  } catch (err) {
    if (officeErrorCode(err) === 'ItemNotFound') throw problem('sheet-not-found', { sheet });
    throw err;
  }
  // Checked before any change: a protected sheet refuses a filter (AccessDenied).
  if (ws.protection.protected) throw problem('filter-protected', { sheet });
  if (used.isNullObject) throw problem('no-role-column', { sheet });

  // Sync 2: the first rows (the header row is among them), table ranges, the AutoFilter's range.
  const box = boxOf(used);
  const probeBox: RangeRef = { ...box, rowCount: Math.min(box.rowCount, HEADER_SEARCH_ROWS) };
  const probe = ws.getRange(rangeToA1(probeBox)).load('values');
  const tableRanges = tables.items.map((t) => ({
    name: t.name,
    range: t.getRange().load('rowIndex, columnIndex, rowCount, columnCount'),
  }));
  const sheetFilter = host.isSetSupported('ExcelApi', AUTOFILTER_API);
  const filterRange = sheetFilter ? ws.autoFilter.getRangeOrNullObject() : null;
  filterRange?.load('rowIndex, columnIndex, rowCount, columnCount');
  // The other columns' criteria, to keep them where only clearCriteria exists (below 1.14).
  const columnWise = host.isSetSupported('ExcelApi', CLEAR_COLUMN_CRITERIA_API);
  const others = sheetFilter && !columnWise ? ws.autoFilter.load('criteria') : null;
  await context.sync();

  const values = probe.values;
  const tableInfo: TableInfo[] = tableRanges.map((t) => {
    const range = boxOf(t.range);
    const header = values[range.row - probeBox.row] ?? [];
    const columns: string[] = [];
    for (let c = range.col; c < range.col + range.colCount; c++) {
      columns.push(headerText(header[c - probeBox.col] as string | number | boolean | null));
    }
    return { name: t.name, range, columns, hasTotalsRow: false };
  });
  const autoFilter = filterRange && !filterRange.isNullObject ? boxOf(filterRange) : null;
  const plan = planRoleFilter({
    probe: toSnapshot({
      meta: {
        name: sheet,
        visible: true,
        isProtected: false,
        hasAutoFilter: autoFilter !== null,
        isActive: false,
      },
      used: probeBox,
      values,
      tables: tableInfo,
      hasFrozenPanes: false,
    }),
    lastRow: box.row + box.rowCount - 1,
    autoFilter,
  });

  // Sync 3: the filter.
  if (plan.kind === 'table') {
    // The table loaded in sync 1, not fetched again by name.
    const table = tables.items.find((t) => t.name === plan.table);
    if (!table) throw new Error(`planRoleFilter chose table "${plan.table}", which was not read`);
    const column = table.columns.getItem(plan.column);
    if (role === null) column.filter.clear();
    else column.filter.applyValuesFilter(roleFilterValues(role));
  } else {
    if (!sheetFilter)
      throw problem('host-unsupported', { requirement: `ExcelApi ${AUTOFILTER_API}` });
    if (role !== null) {
      ws.autoFilter.apply(rangeToA1(plan.range), plan.columnIndex, {
        filterOn: 'Values',
        values: roleFilterValues(role),
      });
    } else if (!plan.reuse) {
      // No AutoFilter spans the roles: nothing to clear.
      return;
    } else if (columnWise) {
      ws.autoFilter.clearColumnCriteria(plan.columnIndex);
    } else {
      // clearCriteria clears every column ("the filter criteria and sort state"): the user's
      // filters on the other columns are applied again; the sort state cannot be read back,
      // which the pane says before (sortStateNotice).
      const kept = (others?.criteria ?? []).map((c, i) => ({ c, i }));
      ws.autoFilter.clearCriteria();
      for (const { c, i } of kept) {
        if (i !== plan.columnIndex && c.filterOn === 'Values' && Array.isArray(c.values)) {
          ws.autoFilter.apply(rangeToA1(plan.range), i, { filterOn: 'Values', values: c.values });
        }
      }
    }
  }
  await context.sync();
}

/**
 * The filters on a sheet the refresh writes, queued to load with the next sync (no round trip
 * of their own): the worksheet AutoFilter and each table's (Table.autoFilter, ExcelApi 1.9).
 */
export interface PendingFilter {
  sheet: string;
  range: Excel.Range;
  autoFilter: Excel.AutoFilter;
  tables: { name: string; autoFilter: Excel.AutoFilter }[];
}

/** A filter the refresh sets aside before writing and puts back after. */
export type SetAsideFilter =
  /** The worksheet AutoFilter over `range` (A1 on its sheet). */
  | { kind: 'sheet'; sheet: string; range: string; columns: { index: number; values: string[] }[] }
  /**
   * A table's filter, by column name (the refresh may add columns to the table), with each
   * column's position as read (to clear it column by column before the writes).
   */
  | {
      kind: 'table';
      sheet: string;
      table: string;
      columns: { name: string; index: number; values: string[] }[];
    };

/**
 * Queues loading the filters of `sheet` (its tables named as the probe found them), to ride
 * on the next sync; null below ExcelApi 1.9 (no AutoFilter object to read: the sheet is
 * written as before).
 */
export function loadFilter(
  context: Excel.RequestContext,
  host: ExcelHost,
  sheet: string,
  tableNames: readonly string[],
): PendingFilter | null {
  if (!host.isSetSupported('ExcelApi', AUTOFILTER_API)) return null;
  const sheetOf = () => context.workbook.worksheets.getItem(sheet);
  const autoFilter = sheetOf().autoFilter.load('criteria');
  const range = sheetOf().autoFilter.getRangeOrNullObject();
  range.load('rowIndex, columnIndex, rowCount, columnCount');
  const tables = tableNames.map((name) => ({
    name,
    autoFilter: sheetOf().tables.getItem(name).autoFilter.load('criteria'),
  }));
  return { sheet, range, autoFilter, tables };
}

/** Excel's criteria for one column, as the core reads them. */
function reportedColumn(
  c: Excel.FilterCriteria | null | undefined,
  index: number,
): ReportedColumnFilter {
  const set = (v: unknown): boolean => v !== undefined && v !== null && v !== '';
  return {
    index,
    filterOn: c?.filterOn ?? null,
    values: Array.isArray(c?.values) ? c.values : null,
    other: [c?.criterion1, c?.criterion2, c?.color, c?.dynamicCriteria, c?.icon].some(set),
  };
}

/** The core's decision over one filter's criteria; throws for criteria it could not put back. */
function decide(sheet: string, criteria: readonly Excel.FilterCriteria[]) {
  const plan = filterAroundWrite(criteria.map(reportedColumn));
  if (plan.kind === 'refuse') throw problem('filter-not-restorable', { sheet });
  return plan.kind === 'none' ? null : plan.columns;
}

/**
 * After the sync that loaded them: the filters the refresh sets aside ([] for none), as the
 * core decides (src/core/user-filter.ts); `tables` are the sheet's tables as read (their
 * column names). Throws RoleMapError for criteria it could not put back, before anything is
 * written.
 */
export function filtersToSetAside(
  pending: PendingFilter,
  tables: readonly TableInfo[],
): SetAsideFilter[] {
  const out: SetAsideFilter[] = [];
  const { sheet } = pending;
  if (!pending.range.isNullObject) {
    const columns = decide(sheet, pending.autoFilter.criteria);
    if (columns)
      out.push({ kind: 'sheet', sheet, range: rangeToA1(boxOf(pending.range)), columns });
  }
  for (const t of pending.tables) {
    const columns = decide(sheet, t.autoFilter.criteria);
    const names = tables.find((info) => info.name === t.name)?.columns;
    if (!columns || !names) continue;
    out.push({
      kind: 'table',
      sheet,
      table: t.name,
      columns: columns.map((c) => ({ name: names[c.index]!, index: c.index, values: c.values })),
    });
  }
  return out;
}

/**
 * Clears the criteria of every filter set aside, in one sync, before the first write: column
 * by column where the host has AutoFilter.clearColumnCriteria (ExcelApi 1.14), which names no
 * sort state, so the user's sort is kept; else with clearCriteria, which "clears the filter
 * criteria and sort state" (Excel.AutoFilter) — a sort no API reads back, so it is lost (the
 * pane says so first: sortStateNotice).
 */
export async function setFiltersAside(
  context: Excel.RequestContext,
  host: Pick<ExcelHost, 'isSetSupported'>,
  filters: readonly SetAsideFilter[],
): Promise<void> {
  if (filters.length === 0) return;
  const columnWise = host.isSetSupported('ExcelApi', CLEAR_COLUMN_CRITERIA_API);
  for (const f of filters) {
    const ws = context.workbook.worksheets.getItem(f.sheet);
    if (f.kind === 'sheet') {
      if (!columnWise) ws.autoFilter.clearCriteria();
      else f.columns.forEach((c) => ws.autoFilter.clearColumnCriteria(c.index));
    } else {
      const table = ws.tables.getItem(f.table);
      if (!columnWise) table.autoFilter.clearCriteria();
      else f.columns.forEach((c) => table.autoFilter.clearColumnCriteria(c.index));
    }
  }
  await context.sync();
}

/**
 * Whether a refresh (or "Show all roles") on this host must clear a sort it cannot put back:
 * below ExcelApi 1.14 (no clearColumnCriteria) on a sheet that has a worksheet AutoFilter or
 * a table (whose filters it sets aside). The pane shows SORT_STATE_NOTICE before it clears
 * anything.
 */
export function losesSortState(
  host: Pick<ExcelHost, 'isSetSupported'>,
  facts: { hasAutoFilter: boolean; tables: number },
): boolean {
  if (!host.isSetSupported('ExcelApi', AUTOFILTER_API)) return false;
  if (host.isSetSupported('ExcelApi', CLEAR_COLUMN_CRITERIA_API)) return false;
  return facts.hasAutoFilter || facts.tables > 0;
}

/**
 * Applies each filter's criteria again, in one sync, after the last write: the worksheet
 * AutoFilter over the same range (AutoFilter.apply, ExcelApi 1.9: on the range it already
 * has, each column's criteria are set again), a table's on each column by name
 * (Filter.apply, ExcelApi 1.2).
 */
export async function putFiltersBack(
  context: Excel.RequestContext,
  filters: readonly SetAsideFilter[],
): Promise<void> {
  if (filters.length === 0) return;
  for (const f of filters) {
    const ws = context.workbook.worksheets.getItem(f.sheet);
    if (f.kind === 'sheet') {
      for (const c of f.columns) {
        ws.autoFilter.apply(f.range, c.index, { filterOn: 'Values', values: c.values });
      }
    } else {
      for (const c of f.columns) {
        ws.tables
          .getItem(f.table)
          .columns.getItem(c.name)
          .filter.apply({ filterOn: 'Values', values: c.values });
      }
    }
  }
  await context.sync();
}
