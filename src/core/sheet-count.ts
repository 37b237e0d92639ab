/**
 * How many initiatives a sheet holds, for the pane's list of inventory sheets (SPEC §2, §5):
 * the data rows below the detected header row that are not blank (a blank row is skipped by
 * the refresh, so it is no initiative). The adapter reads only the first rows of each sheet;
 * the core says which block to count blank rows in, and the host counts them (Excel's
 * COUNTIFS, one call per sheet, all in one round trip).
 */

import { detectHeaders } from './headers';
import type { RangeRef, SheetSnapshot } from './input';

/** COUNTIFS takes at most 127 range/criteria pairs: wider blocks are not counted. */
const MAX_COUNT_COLUMNS = 127;

/**
 * The block whose blank rows the host counts (the rows below the header, every used column),
 * or null when the sheet has no recognised header row, no data rows, or is too wide to count.
 * `lastUsedRow` is the used range's last row (absolute, 0-based).
 */
export function initiativeBlock(probe: SheetSnapshot, lastUsedRow: number): RangeRef | null {
  const detection = detectHeaders(probe);
  if (detection === null) return null;
  const width = probe.values.reduce((w, r) => Math.max(w, r.length), 0);
  const first = detection.headerRow + 1;
  if (lastUsedRow < first || width === 0 || width > MAX_COUNT_COLUMNS) return null;
  return { row: first, col: probe.origin.col, rowCount: lastUsedRow - first + 1, colCount: width };
}

/** Initiatives in a counted block: its rows less the blank ones. */
export function initiativesIn(block: RangeRef, blankRows: number): number {
  return Math.max(0, block.rowCount - blankRows);
}
