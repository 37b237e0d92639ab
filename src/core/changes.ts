/**
 * Changes since the last refresh (SPEC §4): the previous refresh left each initiative's
 * I&O Role in our output block; read it before the block is rewritten and compare.
 */

import { headerText, ownColumnIndex } from './headers';
import type { RoleOrUnclassified } from './domain';
import type { SheetSnapshot } from './input';
import type { RoleChange, RowResult } from './results';
import { ROLES_AND_UNCLASSIFIED } from './domain';

/**
 * The role changes and additions since the previous refresh of `sheet`, or null when the sheet
 * carries no earlier output (a first refresh). An initiative whose previous role cell is empty
 * or not one of ours was added since (`from` ""). Rows are matched by sheet row: the user's
 * cells never move, so a row keeps its place between refreshes.
 */
export function changesSince(
  sheet: SheetSnapshot,
  headerRow: number,
  rows: readonly RowResult[],
): RoleChange[] | null {
  const header = sheet.values[headerRow - sheet.origin.row] ?? [];
  const start = ownColumnIndex(header, 'role');
  if (start === -1) return null;
  const changes: RoleChange[] = [];
  for (const r of rows) {
    const text = headerText(sheet.values[r.row - sheet.origin.row]?.[start]);
    const before = (ROLES_AND_UNCLASSIFIED as readonly string[]).includes(text)
      ? (text as RoleOrUnclassified)
      : '';
    if (before === r.role) continue;
    changes.push({
      kind: before === '' ? 'added' : 'role',
      row: r.row,
      sheet: sheet.name,
      id: r.initiative.id,
      name: r.initiative.name,
      from: before,
      to: r.role,
    });
  }
  return changes;
}
