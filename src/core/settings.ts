/**
 * The add-in's settings as saved in the workbook (versioned JSON under one key), read the
 * same way by every surface: the task pane and the ribbon (Excel's settings collection) and
 * the command line (the web-extension part of the package). Anything unreadable or of another
 * version gives the defaults: a damaged setting never stops a refresh.
 */

import type { Surface } from './messages';
import type { RefreshOptions, SavedMapping } from './model';
import { FIELDS } from './model';
import type { RoleMapSettings } from './service';
import { DEFAULT_SETTINGS } from './service';
import type { WordEntry } from './words';
import { mergeWords } from './words';

/**
 * The key the add-in saves its settings under, on every surface: Excel's settings collection
 * (Excel.SettingCollection) and, in a file, the web-extension part's `we:property` name.
 */
export const SETTINGS_KEY = 'iotRoleMap.settings';

function parseMapping(value: unknown): SavedMapping | null {
  if (typeof value !== 'object' || value === null) return null;
  const mapping: SavedMapping = {};
  for (const field of FIELDS) {
    const header = (value as Record<string, unknown>)[field];
    // "" is kept: it switches the field off (e.g. a RAG "Status" that is not a stage).
    if (typeof header === 'string') mapping[field] = header;
  }
  return Object.keys(mapping).length > 0 ? mapping : null;
}

/** Parses saved settings; anything unreadable or of another version gives the defaults. */
export function parseSettings(value: unknown): RoleMapSettings {
  let data: unknown = value;
  if (typeof value === 'string') {
    try {
      data = JSON.parse(value) as unknown;
    } catch {
      return { ...DEFAULT_SETTINGS };
    }
  }
  if (typeof data !== 'object' || data === null) return { ...DEFAULT_SETTINGS };
  const o = data as Record<string, unknown>;
  if (o.version !== 1) return { ...DEFAULT_SETTINGS };
  const out: RoleMapSettings = { version: 1, history: o.history !== false };
  if (typeof o.sheet === 'string' && o.sheet !== '') out.sheet = o.sheet;
  const mapping = parseMapping(o.mapping);
  if (mapping) out.mapping = mapping;
  if (Array.isArray(o.sheets)) {
    const sheets = o.sheets.filter((n): n is string => typeof n === 'string' && n !== '');
    if (sheets.length > 0) out.sheets = sheets;
  }
  if (typeof o.mappings === 'object' && o.mappings !== null) {
    const mappings: Record<string, SavedMapping> = {};
    for (const [sheet, m] of Object.entries(o.mappings as Record<string, unknown>)) {
      const parsed = parseMapping(m);
      if (parsed) mappings[sheet] = parsed;
    }
    if (Object.keys(mappings).length > 0) out.mappings = mappings;
  }
  if (typeof o.headerRows === 'object' && o.headerRows !== null) {
    const rows: Record<string, number> = {};
    for (const [sheet, row] of Object.entries(o.headerRows as Record<string, unknown>)) {
      // A row of Excel's grid (1,048,576 rows), 0-based.
      if (typeof row === 'number' && Number.isInteger(row) && row >= 0 && row < 1_048_576) {
        rows[sheet] = row;
      }
    }
    if (Object.keys(rows).length > 0) out.headerRows = rows;
  }
  if (Array.isArray(o.words)) {
    const words = o.words.filter(
      (w): w is { field: string; value: string; meaning: string } =>
        typeof w === 'object' &&
        w !== null &&
        typeof (w as Record<string, unknown>).field === 'string' &&
        typeof (w as Record<string, unknown>).value === 'string' &&
        typeof (w as Record<string, unknown>).meaning === 'string',
    );
    if (words.length > 0)
      out.words = words.map(({ field, value, meaning }) => ({ field, value, meaning }));
  }
  return out;
}

/**
 * The saved inventory sheets (two or more, duplicates dropped), or [] when one sheet or none
 * is saved: the one-click refresh then covers them all (SPEC §2, §5).
 */
export function savedSheetList(settings: RoleMapSettings): string[] {
  const sheets = [...new Set(settings.sheets ?? [])];
  return sheets.length > 1 ? sheets : [];
}

/**
 * Each named sheet's saved mapping: its own from `mappings`, else the single saved `mapping`
 * when it belongs to that sheet (saved with `sheet`). A sheet with neither is detected.
 */
export function savedSheetMappings(
  settings: RoleMapSettings,
  sheets: readonly string[],
): Record<string, SavedMapping> {
  const out: Record<string, SavedMapping> = {};
  for (const name of sheets) {
    const own =
      settings.mappings?.[name] ?? (settings.sheet === name ? settings.mapping : undefined);
    if (own && Object.keys(own).length > 0) out[name] = own;
  }
  return out;
}

/** What a surface lays over the saved settings: the command line's flags (none elsewhere). */
export interface SettingsOverrides {
  /** One --sheet, or null. */
  sheet: string | null;
  /** Every --sheet given (two or more: several inventory sheets as one portfolio). */
  sheets: readonly string[];
  /** --map field=Header, over the saved mapping of each sheet. */
  mapping: SavedMapping;
  /** False for --no-history (it wins over the saved choice). */
  history: boolean;
  /** --words FILE, added to the saved words (null without it). */
  words: readonly WordEntry[] | null;
}

/** No overrides: the ribbon's and the pane's refresh, from the saved settings alone. */
export const NO_OVERRIDES: SettingsOverrides = {
  sheet: null,
  sheets: [],
  mapping: {},
  history: true,
  words: null,
};

/**
 * A saved `sheets` list of one sheet (and no `sheet`) names the saved sheet, with its own
 * mapping from `mappings`: the pane never saves that shape, but a refresh reads it as meant.
 */
export function withLoneSheet(settings: RoleMapSettings): RoleMapSettings {
  const sheets = [...new Set(settings.sheets ?? [])];
  const lone = sheets.length === 1 ? sheets[0]! : undefined;
  if (lone === undefined || settings.sheet !== undefined) return settings;
  const mapping = settings.mappings?.[lone] ?? settings.mapping;
  return { ...settings, sheet: lone, ...(mapping ? { mapping } : {}) };
}

/**
 * The refresh options that saved settings give, with a surface's overrides on top (one rule for
 * the ribbon, the pane, `refresh` and `consolidate`): the saved sheet and its mapping, or the
 * saved list of inventory sheets (SPEC §2) each with its own saved mapping; the workbook's
 * words; the saved header rows; the history choice. A flag wins over the saved value it names;
 * the saved mapping belongs to the saved sheet, so it is dropped when --sheet names another.
 */
export function optionsFromSettings(
  settings: RoleMapSettings | null,
  surface: Surface,
  overrides: SettingsOverrides = NO_OVERRIDES,
): RefreshOptions {
  const flags = overrides;
  const s = settings ? withLoneSheet(settings) : null;
  const sheet = flags.sheet ?? s?.sheet ?? null;
  const savedMapping =
    s?.mapping && (flags.sheet === null || s.sheet === undefined || flags.sheet === s.sheet)
      ? s.mapping
      : {};
  const mapping: SavedMapping = { ...savedMapping, ...flags.mapping };
  const words = mergeWords(s?.words ?? [], flags.words ?? []);
  // --no-history wins; without it the saved choice holds.
  const history = flags.history ? (s?.history ?? true) : false;
  // Several sheets: the flags' list wins; without --sheet the saved list holds.
  const fromFlags = flags.sheets.length > 1;
  const sheets = fromFlags ? [...flags.sheets] : flags.sheet === null && s ? savedSheetList(s) : [];
  const several = sheets.length > 1;
  // Each sheet's saved mapping with the --map flags over it; --map alone is the mapping of
  // every sheet that has none saved (the single saved mapping belongs to its own sheet).
  const mappings: Record<string, SavedMapping> = {};
  if (several && s) {
    for (const [name, own] of Object.entries(savedSheetMappings(s, sheets))) {
      mappings[name] = { ...own, ...flags.mapping };
    }
  }
  const common: RefreshOptions = {
    history,
    ...(words.length > 0 ? { words } : {}),
    // The header rows picked in the pane, per sheet (they name no header: no flag overrides them).
    ...(s?.headerRows ? { headerRows: s.headerRows } : {}),
  };
  if (several) {
    return {
      ...common,
      sheets,
      ...(fromFlags ? {} : { savedSheets: surface }),
      ...(Object.keys(mappings).length > 0 ? { mappings } : {}),
      ...(Object.keys(flags.mapping).length > 0 ? { mapping: flags.mapping } : {}),
    };
  }
  return {
    ...common,
    ...(sheet !== null ? { sheet } : {}),
    ...(Object.keys(mapping).length > 0 ? { mapping } : {}),
  };
}
