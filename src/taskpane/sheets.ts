/**
 * The pane's words about inventory sheets (how a sheet is described, which are offered, a list
 * of names in a sentence). The saved settings' shape and its transitions (one sheet or a
 * portfolio of several) are the core's (src/core/settings.ts), re-exported here for the pane.
 */

import type { SheetChoice } from '../core/service';
import { MIN_RECOGNISED } from '../core/headers';
import { PANE_WORDS } from '../core/messages';
export { recordedSheets } from '../core/last-refresh';
export {
  mappingOf,
  portfolioOf,
  sameSheets,
  withMapping,
  withSheetIncluded,
  withSheetOnly,
} from '../core/settings';
import { formatCount } from './labels';

/** "40 initiatives, 9 recognised headers" (rows when the host did not count initiatives). */
export function describeSheet(choice: SheetChoice, rows: number | undefined): string {
  const words = PANE_WORDS.inventory.describe;
  if (choice.initiatives !== undefined) {
    const n = choice.initiatives;
    return words(choice.recognised, formatCount(n), n, 'initiative');
  }
  return rows === undefined
    ? words(choice.recognised, null, 0, 'row')
    : words(choice.recognised, formatCount(rows), rows, 'row');
}

/** Sheets offered for the portfolio: those that look like inventories, and any already chosen. */
export function offeredSheets(
  sheets: readonly SheetChoice[],
  chosen: readonly string[],
): SheetChoice[] {
  return sheets.filter((s) => s.recognised >= MIN_RECOGNISED || chosen.includes(s.name));
}

/** Sheet names for a sentence: “East”, “West” and “North”. */
export function sheetListText(names: readonly string[]): string {
  const quoted = names.map((n) => `“${n}”`);
  if (quoted.length <= 1) return quoted[0] ?? '';
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]!}`;
}
