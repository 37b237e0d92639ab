/**
 * What a refresh left out that a user may have meant to include (issue 29): other sheets
 * that look like an inventory, and columns whose header names a field that another column
 * of the same sheet already fills. Decided here, once, so every surface reports the same
 * things; each surface says in its own words how to take one in (the command line names the
 * flag).
 */

import { detectHeaders, isOutputSheet, MIN_RECOGNISED } from './headers';
import type { Field } from './fields';
import type { HeaderDetection, SheetSnapshot } from './input';
import type { RefreshOutcome } from './results';
import { FIELDS } from './fields';

/** The fields that tell I&O's involvement: any one of them lets the rules decide a role. */
const INVOLVEMENT: readonly Field[] = [
  'ioPilot',
  'ioImplementation',
  'ioOperations',
  'ioInvolvement',
];

/**
 * What a sheet lacks for the rules to decide roles, and the columns of its header row that no
 * field uses (one of which may be the missing field under a header the detection does not
 * know, such as "Owning Team" for Led by). Empty when nothing the rules read is missing.
 */
export function notFound(detection: HeaderDetection): {
  missing: Field[];
  unused: { col: number; text: string }[];
} {
  const has = (f: Field) => detection.columns[f].col !== null;
  const missing: Field[] = [
    ...(['ledBy', 'stage'] as const).filter((f) => !has(f)),
    ...(INVOLVEMENT.some(has) ? [] : INVOLVEMENT.slice(0, 3)),
  ];
  if (missing.length === 0) return { missing, unused: [] };
  const used = new Set<number>();
  for (const f of FIELDS) {
    const m = detection.columns[f];
    if (m.col !== null) used.add(m.col);
    for (const a of m.alternatives) used.add(a.col);
  }
  const unused = (detection.headers ?? []).filter((h) => !used.has(h.col));
  return { missing, unused };
}

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
