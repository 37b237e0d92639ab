/**
 * The add-in's settings as saved in the workbook (versioned JSON under one key), read the
 * same way by every surface: the task pane and the ribbon (Excel's settings collection) and
 * the command line (the web-extension part of the package). Anything unreadable or of another
 * version gives the defaults: a damaged setting never stops a refresh.
 */

import type { Surface } from './messages';
import type { RefreshOptions, SavedMapping } from './input';
import { FIELDS } from './fields';
import type { SheetChoice } from './preview';
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

// The transitions between the saved shapes, as the pane makes them (one sheet with its
// mapping, or several refreshed as one portfolio with a mapping per sheet).

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
