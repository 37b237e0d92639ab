/**
 * Merged cells where a refresh would write. A value written into a merged area's hidden
 * cells (I2 and J2 under a merge H2:J2) is kept by Excel but never shown, so the user would
 * not see the roles they asked for; Excel itself refuses to write a range that cuts a merge
 * (Office.js: `MergedRangeConflict`). Both surfaces report the merges of the inventory sheet
 * as a fact (SheetSnapshot.merges: the file adapter from <mergeCells>, Excel from the used
 * range's merged areas) and this module decides, once, whether they block the refresh.
 */

import { rangeToA1 } from './address';
import { problem, type RoleMapError } from './messages';
import type { RangeRef, SheetSnapshot } from './input';

/** True when two ranges share at least one cell. */
function overlaps(a: RangeRef, b: RangeRef): boolean {
  return (
    a.row < b.row + b.rowCount &&
    b.row < a.row + a.rowCount &&
    a.col < b.col + b.colCount &&
    b.col < a.col + a.colCount
  );
}

/**
 * The blocker for the first merged range (in the order the host reports them) that shares a
 * cell with `area`, the cells a refresh writes on the sheet; null when none does.
 */
export function mergedBlocker(sheet: SheetSnapshot, area: RangeRef): RoleMapError | null {
  const merge = (sheet.merges ?? []).find((m) => overlaps(m, area));
  if (merge === undefined) return null;
  return problem('output-merged', {
    sheet: sheet.name,
    range: rangeToA1(merge),
    area: rangeToA1(area),
  });
}
