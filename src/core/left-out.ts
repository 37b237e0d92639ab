/**
 * What a refresh left out that a user may have meant to include (issue 29): other sheets
 * that look like an inventory, and columns whose header names a field that another column
 * of the same sheet already fills. Decided here, once, so every surface reports the same
 * things; each surface says in its own words how to take one in (the command line names the
 * flag).
 */

import { detectHeaders, isOutputSheet, MIN_RECOGNISED } from './headers';
import type { Field, HeaderDetection, RefreshOutcome, SheetSnapshot } from './model';
import { FIELDS } from './model';

/** A sheet not refreshed that looks like an inventory: its recognised-header count. */
export type LeftOutSheet = NonNullable<RefreshOutcome['leftOutSheets']>[number];

/** A column whose header names `field`, left out because `used` fills the field. */
export interface LeftOutColumn {
  sheet: string;
  field: Field;
  /** Absolute 0-based column and its header text. */
  col: number;
  header: string;
  /** The column that fills the field instead. */
  used: { col: number; header: string };
}

/**
 * Sheets among `candidates` (the probes a refresh chose from) that are not refreshed and
 * have at least as many recognised headers as an inventory needs, most recognised first.
 */
export function inventoryLikeSheets(
  candidates: readonly SheetSnapshot[],
  refreshed: readonly string[],
): LeftOutSheet[] {
  const chosen = new Set(refreshed.map((n) => n.toLowerCase()));
  const out: LeftOutSheet[] = [];
  for (const sheet of candidates) {
    if (chosen.has(sheet.name.toLowerCase()) || isOutputSheet(sheet.name)) continue;
    const recognised = detectHeaders(sheet)?.recognised ?? 0;
    if (recognised >= MIN_RECOGNISED) out.push({ name: sheet.name, recognised });
  }
  return out.sort((a, b) => b.recognised - a.recognised);
}

/** The columns of one sheet's detection that name a field another column fills. */
export function leftOutColumns(detection: HeaderDetection): LeftOutColumn[] {
  const out: LeftOutColumn[] = [];
  for (const field of FIELDS) {
    const m = detection.columns[field];
    if (m.col === null || m.header === null) continue;
    for (const alt of m.alternatives) {
      out.push({
        sheet: detection.sheet,
        field,
        col: alt.col,
        header: alt.header,
        used: { col: m.col, header: m.header },
      });
    }
  }
  return out;
}
