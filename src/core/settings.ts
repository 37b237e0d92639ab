/**
 * The add-in's settings as saved in the workbook (versioned JSON under one key), read the
 * same way by every surface: the task pane and the ribbon (Excel's settings collection) and
 * the command line (the web-extension part of the package). Anything unreadable or of another
 * version gives the defaults: a damaged setting never stops a refresh.
 */

import type { SavedMapping } from './model';
import { FIELDS } from './model';
import type { RoleMapSettings } from './service';
import { DEFAULT_SETTINGS } from './service';

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
