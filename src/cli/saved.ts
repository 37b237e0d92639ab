/**
 * The options of one command-line refresh: the flags, on top of what the add-in saved in the
 * workbook (SPEC §5), so a batch refresh gives the ribbon button's answer. The rules are the
 * ribbon's, one core function (`optionsFromSettings`): the saved sheet, its saved mapping, the
 * saved words and the history choice; a flag wins over the saved value it names.
 */

import { problem } from '../core/messages';
import type { Field } from '../core/fields';
import type { RefreshOptions, SavedMapping } from '../core/input';
import type { RoleMapSettings } from '../core/service';
import type { WordEntry } from '../core/words';
import { optionsFromSettings, withLoneSheet } from '../core/settings';

/** Which saved settings a refresh used, for `--json` and the text output. */
export interface SavedSettingsUse {
  /** The package part they were read from. */
  part: string;
  /** The saved inventory sheet, when used (no --sheet flag, or the same sheet). */
  sheet: string | null;
  /** The saved inventory sheets, when several were refreshed from the saved list. */
  sheets?: string[];
  /** Fields whose saved mapping was used (a --map flag wins for its field). */
  mapping: Field[];
  /** Saved words used as the word list (before --words added to it). */
  words: number;
  /** The saved "append a history row" choice, when no --no-history flag overrode it. */
  history: boolean | null;
}

export interface RefreshFlags {
  sheet: string | null;
  /** Every --sheet given (two or more: several inventory sheets as one portfolio). */
  sheets: string[];
  mapping: SavedMapping;
  /** `--map Sheet:field=Header`, by sheet: over that sheet's mapping only. */
  sheetMappings?: Readonly<Record<string, SavedMapping>>;
  history: boolean;
}

/**
 * Lays each `--map Sheet:field=Header` over the mapping of its sheet. The sheet must be one
 * the refresh names (by --sheet or the saved settings): a refresh that finds its sheet by
 * detection cannot know beforehand whether the map applies, so it asks for --sheet.
 */
function withSheetMappings(
  options: RefreshOptions,
  bySheet: Readonly<Record<string, SavedMapping>>,
): RefreshOptions {
  const named = options.sheets ?? (options.sheet !== undefined ? [options.sheet] : []);
  const find = (sheet: string) =>
    named.find((n) => n === sheet) ?? named.find((n) => n.toLowerCase() === sheet.toLowerCase());
  let out = options;
  for (const [sheet, map] of Object.entries(bySheet)) {
    const name = find(sheet);
    if (name === undefined) throw problem('map-sheet-not-refreshed', { sheet, refreshed: named });
    if (out.sheets !== undefined) {
      const own = out.mappings?.[name] ?? out.mapping ?? {};
      out = { ...out, mappings: { ...out.mappings, [name]: { ...own, ...map } } };
    } else {
      out = { ...out, mapping: { ...out.mapping, ...map } };
    }
  }
  return out;
}

/** Merges flags over saved settings; `fileWords` are the --words FILE words (null without it). */
export function refreshOptions(
  flags: RefreshFlags,
  saved: { settings: RoleMapSettings | null; part: string | null },
  fileWords: WordEntry[] | null,
): { options: RefreshOptions; used: SavedSettingsUse | null } {
  const options = withSheetMappings(
    optionsFromSettings(saved.settings, 'file', { ...flags, words: fileWords }),
    flags.sheetMappings ?? {},
  );
  if (saved.settings === null || saved.part === null) return { options, used: null };
  // Read as optionsFromSettings reads them (a one-sheet saved list names the saved sheet).
  const s = withLoneSheet(saved.settings);
  // What of the saved settings the options took, for the report.
  const savedMapping =
    s.mapping && (flags.sheet === null || s.sheet === undefined || flags.sheet === s.sheet)
      ? s.mapping
      : {};
  const several = options.sheets !== undefined;
  const used: SavedSettingsUse = {
    part: saved.part,
    sheet: flags.sheet === null && s.sheet !== undefined && !several ? s.sheet : null,
    ...(options.savedSheets ? { sheets: [...options.sheets!] } : {}),
    mapping: (Object.keys(savedMapping) as Field[]).filter((f) => !(f in flags.mapping)),
    words: s.words?.length ?? 0,
    history: flags.history ? s.history : null,
  };
  return { options, used };
}

/** One line for the text output: which saved settings were used. */
export function savedSettingsLine(used: SavedSettingsUse | null): string | null {
  if (used === null) return null;
  const parts: string[] = [];
  if (used.sheet !== null) parts.push(`sheet "${used.sheet}"`);
  if (used.sheets) parts.push(`sheets ${used.sheets.map((n) => `"${n}"`).join(', ')}`);
  if (used.mapping.length > 0) {
    parts.push(`mapping of ${used.mapping.length} column${used.mapping.length === 1 ? '' : 's'}`);
  }
  if (used.words > 0) parts.push(`${used.words} word${used.words === 1 ? '' : 's'} of its own`);
  if (used.history === false) parts.push('no history row');
  return parts.length === 0
    ? `The workbook's saved settings (${used.part}) set nothing this refresh needed.`
    : `Used the settings the add-in saved in the workbook (${used.part}): ${parts.join(', ')}; flags win over them.`;
}
