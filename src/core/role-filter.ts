/**
 * Filtering the inventory by role, decided here from what a host reports about the sheet
 * (STYLE: "an adapter converts; it never decides"): which column holds the roles, whether the
 * filter belongs to an Excel table (a table has its own filter) or to the worksheet's
 * AutoFilter, and over which range. The Excel adapter only applies the plan.
 */

import { HEADER_SEARCH_ROWS, headerText, ownColumnIndex } from './headers';
import { problem } from './messages';
import type { RoleOrUnclassified } from './domain';
import type { RangeRef, SheetSnapshot } from './input';
import { OUTPUT_WIDTH } from './output';

/** What a host reports about the inventory sheet before filtering it. */
export interface RoleFilterFacts {
  /** The first rows of the used range (at least HEADER_SEARCH_ROWS), with the sheet's tables. */
  probe: SheetSnapshot;
  /** Last used row (0-based) of the sheet. */
  lastRow: number;
  /** The worksheet's AutoFilter range, or null when it has none (or the host cannot tell). */
  autoFilter: RangeRef | null;
}

/** Where the role filter goes. `columnIndex` is relative to the table or the filter range. */
export type RoleFilterPlan =
  | { kind: 'table'; table: string; column: string; columnIndex: number }
  | {
      kind: 'sheet';
      range: RangeRef;
      columnIndex: number;
      /** The sheet's AutoFilter already covers the roles: it is kept, with its other columns' criteria. */
      reuse: boolean;
    };

/** The values a role filter shows: the role's name, exactly as the "I&O Role" column holds it. */
export function roleFilterValues(role: RoleOrUnclassified): string[] {
  return [role];
}

/**
 * Plans the role filter of an inventory sheet: the "I&O Role" header (our output block's
 * anchor) among the first rows, inside a table whose header row it is, or else under the
 * worksheet AutoFilter — the sheet's own when it already spans that column, or one from the
 * header row to the last used row. Throws 'no-role-column' when the sheet has no role column.
 */
export function planRoleFilter(facts: RoleFilterFacts): RoleFilterPlan {
  const { probe } = facts;
  const limit = Math.min(probe.values.length, HEADER_SEARCH_ROWS);
  let headerRow = -1;
  let roleCol = -1;
  for (let i = 0; i < limit; i++) {
    const at = ownColumnIndex(probe.values[i]!, 'role');
    if (at !== -1) {
      headerRow = probe.origin.row + i;
      roleCol = probe.origin.col + at;
      break;
    }
  }
  if (headerRow === -1 || facts.lastRow <= headerRow) {
    throw problem('no-role-column', { sheet: probe.name });
  }

  const table = probe.tables.find(
    (t) =>
      t.range.row === headerRow &&
      roleCol >= t.range.col &&
      roleCol < t.range.col + t.range.colCount,
  );
  if (table) {
    const columnIndex = roleCol - table.range.col;
    const header = probe.values[headerRow - probe.origin.row] ?? [];
    const column = table.columns[columnIndex] ?? headerText(header[roleCol - probe.origin.col]);
    return { kind: 'table', table: table.name, column, columnIndex };
  }

  const af = facts.autoFilter;
  if (af && af.row === headerRow && roleCol >= af.col && roleCol < af.col + af.colCount) {
    return { kind: 'sheet', range: af, columnIndex: roleCol - af.col, reuse: true };
  }
  const width = Math.max(probe.values[0]?.length ?? 0, roleCol + OUTPUT_WIDTH - probe.origin.col);
  return {
    kind: 'sheet',
    range: {
      row: headerRow,
      col: probe.origin.col,
      rowCount: facts.lastRow - headerRow + 1,
      colCount: width,
    },
    columnIndex: roleCol - probe.origin.col,
    reuse: false,
  };
}
