/**
 * How far a workbook's parts may inflate, and how deep its XML may nest, before a file is
 * refused as one Excel could not have saved (SPEC §6: bounded time and memory on any input).
 * The file adapter asks before it inflates a part and enforces the answer while inflating
 * (zip.ts stops at the size the ZIP directory declares); the numbers live here so that every
 * limit a user can meet is stated, and derived, in one place.
 *
 * What separates a bomb from a big workbook is its compression ratio, not its size: Excel
 * writes the reference of every row and cell (`<row r="7">`, `<c r="B7">`), so no two rows
 * are the same bytes, and its parts deflate at most about 20 to 1 (measured: the 100,000-row
 * benchmark's sheet 9.7:1 and its shared strings 17.7:1; a million identical one-cell rows
 * 12.6:1, sixteen identical cells a row 17.2:1; the highest of the 5,903 parts of the
 * 439-file corpus and Excel samples is a 74 KB pivot cache at 113:1). A bomb is the same
 * bytes over and over, 350-1,000 to 1. A big part above RATIO_LIMIT is refused; small parts
 * are not, since one cell of 32,767 repeated letters deflates 529 to 1 and harms no one.
 * The absolute budgets bound what even an honest ratio could bring: parts read whole as one
 * text, and the whole package.
 */

/** Characters a cell can hold (Excel specifications and limits). */
export const CELL_CHARS = 32_767;

/** Inflated ÷ compressed size above which a big part is not one Excel wrote (see above). */
export const RATIO_LIMIT = 100;

/** Parts (and packages) smaller than this inflated are never refused for their ratio. */
export const RATIO_FLOOR = 16 * 2 ** 20;

/**
 * A part's inflated size may not exceed what a ZIP entry without ZIP64 records can hold
 * (4 GiB − 1): Excel does not write ZIP64 records, so no part of a workbook it saves is
 * larger (and zip.ts writes no ZIP64 either).
 */
const ZIP32_MAX = 2 ** 32 - 1;

/**
 * V8's longest string (2^29 − 24 characters): a part read whole as one text cannot be larger
 * (a byte of UTF-8 is at most one character, so its bytes bound its text).
 */
const LONGEST_TEXT = 2 ** 29 - 24;

/** What a part is to the refresh, which decides how much of it may be inflated. */
export type PartRole = 'worksheet' | 'sharedStrings' | 'settings' | 'other';

/**
 * Inflated bytes a part of each role may reach.
 * - worksheet: read front to back in windows, never whole, so only the ZIP limit applies.
 * - sharedStrings: read whole as one text (and Excel keeps one item per distinct text): the
 *   longest string, about 512 MiB.
 * - settings: the add-in's saved settings (the mapping, the sheets, the workbook's own
 *   words) are a few KB; 8 MiB is a thousand times that.
 * - other: styles at Excel's limit of 65,430 cell formats (MS-OI29500 2.1.700) are about
 *   13 MB; workbook, relationships, content types and tables are smaller still: 64 MiB.
 */
export const PART_BUDGET: Readonly<Record<PartRole, number>> = {
  worksheet: ZIP32_MAX,
  sharedStrings: LONGEST_TEXT,
  settings: 8 * 2 ** 20,
  other: 64 * 2 ** 20,
};

/**
 * All parts a refresh inflates, together (each counted once): Excel's full grid refreshed is
 * a 670 MB sheet and about 100 MB of shared strings; six times that is more than this
 * adapter reads of any workbook Excel can save.
 */
export const TOTAL_BUDGET = 4 * 2 ** 30;

/** Why a part may not be inflated. */
export type InflateVerdict =
  | { kind: 'budget'; /** bytes */ limit: number }
  | { kind: 'ratio'; /** inflated ÷ compressed, rounded */ ratio: number };

/** Inflated and compressed bytes of the parts inflated so far, each counted once. */
export interface InflatedSoFar {
  inflated: number;
  compressed: number;
}

/**
 * Whether a part of `role` that declares `inflated` bytes from `compressed` may be inflated,
 * after `before` (the parts already inflated); null when it may. The part's own ratio is
 * checked when it is big, the package's when the parts together are big (many parts each
 * under RATIO_FLOOR are one bomb all the same).
 */
export function inflateVerdict(
  role: PartRole,
  inflated: number,
  compressed: number,
  before: InflatedSoFar,
): InflateVerdict | null {
  if (inflated > PART_BUDGET[role]) return { kind: 'budget', limit: PART_BUDGET[role] };
  const total = before.inflated + inflated;
  if (total > TOTAL_BUDGET) return { kind: 'budget', limit: TOTAL_BUDGET - before.inflated };
  const ratioOf = (i: number, c: number): number => i / Math.max(1, c);
  if (inflated > RATIO_FLOOR && ratioOf(inflated, compressed) > RATIO_LIMIT) {
    return { kind: 'ratio', ratio: Math.round(ratioOf(inflated, compressed)) };
  }
  const totalCompressed = before.compressed + compressed;
  if (total > RATIO_FLOOR && ratioOf(total, totalCompressed) > RATIO_LIMIT) {
    return { kind: 'ratio', ratio: Math.round(ratioOf(total, totalCompressed)) };
  }
  return null;
}

/**
 * Elements nested deeper than this are refused: Excel's deepest parts (charts, drawings,
 * rich text in pivot caches) nest about 20 deep; 1,000 is far above anything it writes and
 * keeps a namespace-aware parser's per-element work (it walks the open elements) small.
 */
export const MAX_DEPTH = 1_000;

/** Characters of a user's value quoted in a sentence; a longer one is cut with an ellipsis. */
export const QUOTE_CHARS = 200;

/** `text` cut to at most `max` characters, the last being "…" when cut (never half a pair). */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

/** A user's value as a sentence quotes it: in double quotes, shortened to QUOTE_CHARS. */
export function quoted(text: string): string {
  return `"${shorten(text, QUOTE_CHARS)}"`;
}

/** A text as a cell can hold it: at most CELL_CHARS characters (SPEC §6). */
export function fitCell(text: string): string {
  return shorten(text, CELL_CHARS);
}
