/**
 * The pane's choice of inventory sheets as saved settings (SPEC §2, §5): one sheet with its
 * mapping (`sheet`, `mapping`), or several refreshed as one portfolio (`sheets`, a mapping per
 * sheet in `mappings`, `sheet` the one whose mapping is on screen). Pure, so every move
 * between the two shapes is tested once; the command line and the ribbon read the same shapes
 * (src/core/settings.ts savedSheetList / savedSheetMappings).
 */

import type { SavedMapping } from '../core/model';
import type { RoleMapSettings, SheetChoice } from '../core/service';
import { MIN_RECOGNISED } from '../core/headers';
import { savedSheetList, savedSheetMappings } from '../core/settings';
import { formatCount } from './labels';

/** The sheets a refresh covers: the saved list when it has two or more, else the one on screen. */
export function portfolioOf(settings: RoleMapSettings, sheet: string | undefined): string[] {
  const several = savedSheetList(settings);
  if (several.length > 1) return several;
  return sheet === undefined ? [] : [sheet];
}

/** The mapping the user set by hand for a sheet, in either shape. */
export function mappingOf(
  settings: RoleMapSettings,
  sheet: string | undefined,
): SavedMapping | undefined {
  if (sheet === undefined || savedSheetList(settings).length <= 1) return settings.mapping;
  return savedSheetMappings(settings, [sheet])[sheet];
}

/** Settings with `mapping` as the sheet's hand mapping (undefined or empty: detection). */
export function withMapping(
  settings: RoleMapSettings,
  sheet: string | undefined,
  mapping: SavedMapping | undefined,
): RoleMapSettings {
  const next: RoleMapSettings = { ...settings };
  const empty = mapping === undefined || Object.keys(mapping).length === 0;
  if (sheet !== undefined && savedSheetList(settings).length > 1) {
    const mappings = { ...settings.mappings };
    if (empty) delete mappings[sheet];
    else mappings[sheet] = mapping;
    next.sheet = sheet;
    delete next.mapping;
    if (Object.keys(mappings).length > 0) next.mappings = mappings;
    else delete next.mappings;
    return next;
  }
  if (sheet !== undefined) next.sheet = sheet;
  if (empty) delete next.mapping;
  else next.mapping = mapping;
  return next;
}

/**
 * Settings with a sheet added to or taken out of the portfolio. `current` is the sheet on
 * screen; `order` the workbook's sheets in tab order (the portfolio keeps that order). Going
 * from one sheet to two moves the one mapping under its sheet; going back to one makes that
 * sheet's mapping the mapping again. The last sheet cannot be taken out.
 */
export function withSheetIncluded(
  settings: RoleMapSettings,
  current: string | undefined,
  name: string,
  include: boolean,
  order: readonly SheetChoice[],
): RoleMapSettings {
  const before = portfolioOf(settings, current);
  const chosen = new Set(before);
  if (include) chosen.add(name);
  else chosen.delete(name);
  if (chosen.size === 0) return settings;
  const listed = order.map((s) => s.name).filter((n) => chosen.has(n));
  const sheets = [...listed, ...[...chosen].filter((n) => !listed.includes(n))];
  const mappings: Record<string, SavedMapping> = {};
  for (const n of sheets) {
    // One sheet before: its mapping is `mapping`, and a sheet just added has none yet.
    const m =
      before.length > 1 ? mappingOf(settings, n) : n === before[0] ? settings.mapping : undefined;
    if (m && Object.keys(m).length > 0) mappings[n] = m;
  }
  const next: RoleMapSettings = { ...settings };
  delete next.mapping;
  delete next.mappings;
  delete next.sheets;
  if (sheets.length === 1) {
    const only = sheets[0]!;
    next.sheet = only;
    if (mappings[only]) next.mapping = mappings[only];
    return next;
  }
  next.sheets = sheets;
  next.sheet = current !== undefined && chosen.has(current) ? current : sheets[0]!;
  if (Object.keys(mappings).length > 0) next.mappings = mappings;
  return next;
}

/** "40 initiatives, 9 recognised headers" (rows when the host did not count initiatives). */
export function describeSheet(choice: SheetChoice, rows: number | undefined): string {
  const headers = `${choice.recognised} recognised header${choice.recognised === 1 ? '' : 's'}`;
  if (choice.initiatives !== undefined) {
    const n = choice.initiatives;
    return `${formatCount(n)} initiative${n === 1 ? '' : 's'}, ${headers}`;
  }
  return rows === undefined
    ? headers
    : `${formatCount(rows)} ${rows === 1 ? 'row' : 'rows'}, ${headers}`;
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

/**
 * The inventory sheets a recorded refresh names ("East" or, for several, "East, West"), when
 * every one of them is still in the workbook; none otherwise. A sheet whose own name holds
 * ", " is matched whole first.
 */
export function recordedSheets(recorded: string, sheets: readonly SheetChoice[]): string[] {
  const present = new Set(sheets.map((s) => s.name));
  if (present.has(recorded)) return [recorded];
  const parts = recorded.split(', ');
  return parts.length > 1 && parts.every((p) => present.has(p)) ? parts : [];
}

/** Whether two lists name the same sheets in the same order. */
export function sameSheets(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((n, i) => n === b[i]);
}

/**
 * Settings for one inventory sheet on its own, from detection: a mapping names headers of one
 * sheet, and a saved list of several sheets would refresh without it (its header row, if one
 * was picked, stays).
 */
export function withSheetOnly(settings: RoleMapSettings, sheet: string): RoleMapSettings {
  const next: RoleMapSettings = { ...settings, sheet };
  delete next.mapping;
  delete next.sheets;
  delete next.mappings;
  return next;
}
