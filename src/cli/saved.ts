/**
 * The options of one command-line refresh: the flags, on top of what the add-in saved in the
 * workbook (SPEC §5), so a batch refresh gives the ribbon button's answer. The rules are the
 * ribbon's (src/excel/service.ts): the saved sheet, its saved mapping, the saved words and
 * the history choice; a flag wins over the saved value it names.
 */

import type { Field, RefreshOptions, SavedMapping } from '../core/model';
import type { RoleMapSettings } from '../core/service';
import type { WordEntry } from '../core/words';
import { mergeWords } from '../core/words';
import { savedSheetList, savedSheetMappings } from '../core/settings';

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
  history: boolean;
}

/** Merges flags over saved settings; `fileWords` are the --words FILE words (null without it). */
export function refreshOptions(
  flags: RefreshFlags,
  saved: { settings: RoleMapSettings | null; part: string | null },
  fileWords: WordEntry[] | null,
): { options: RefreshOptions; used: SavedSettingsUse | null } {
  const s = saved.settings;
  const sheet = flags.sheet ?? s?.sheet ?? null;
  // The saved mapping belongs to the saved sheet (or to the only inventory when none is saved).
  const savedMapping =
    s?.mapping && (flags.sheet === null || s.sheet === undefined || flags.sheet === s.sheet)
      ? s.mapping
      : {};
  const mapping: SavedMapping = { ...savedMapping, ...flags.mapping };
  const mappingUsed = (Object.keys(savedMapping) as Field[]).filter((f) => !(f in flags.mapping));
  const savedWords = s?.words ?? [];
  const words = mergeWords(savedWords, fileWords ?? []);
  // --no-history wins; without it the saved choice holds.
  const history = flags.history ? (s?.history ?? true) : false;
  // Several sheets: the flags' list wins; without --sheet the saved list holds.
  const fromFlags = flags.sheets.length > 1;
  const sheets = fromFlags ? flags.sheets : flags.sheet === null && s ? savedSheetList(s) : [];
  // Each sheet's saved mapping with the --map flags over it; --map alone is the mapping of
  // every sheet that has none saved (the single saved mapping belongs to its own sheet).
  const mappings: Record<string, SavedMapping> = {};
  if (sheets.length > 1 && s) {
    for (const [name, own] of Object.entries(savedSheetMappings(s, sheets))) {
      mappings[name] = { ...own, ...flags.mapping };
    }
  }
  const several = sheets.length > 1;
  const options: RefreshOptions = {
    history,
    ...(sheet !== null && !several ? { sheet } : {}),
    ...(several ? { sheets } : {}),
    ...(several && !fromFlags ? { savedSheets: 'file' as const } : {}),
    ...(Object.keys(mappings).length > 0 ? { mappings } : {}),
    ...(several
      ? Object.keys(flags.mapping).length > 0
        ? { mapping: flags.mapping }
        : {}
      : Object.keys(mapping).length > 0
        ? { mapping }
        : {}),
    ...(words.length > 0 ? { words } : {}),
    // The header rows picked in the pane, per sheet (they name no header, so no flag overrides them).
    ...(s?.headerRows ? { headerRows: s.headerRows } : {}),
  };
  const used: SavedSettingsUse | null =
    s === null || saved.part === null
      ? null
      : {
          part: saved.part,
          sheet: flags.sheet === null && s.sheet !== undefined && !several ? s.sheet : null,
          ...(several && !fromFlags ? { sheets } : {}),
          mapping: mappingUsed,
          words: savedWords.length,
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
