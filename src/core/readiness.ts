/**
 * How each chosen inventory sheet stands before a refresh, decided from its preview (or why it
 * has none): ready, needs its columns mapped (the fix is the mapping), or blocked (the sentence
 * says what to do). A refresh of several sheets runs only when every one is ready. Pure.
 */

import type { ProblemCode } from './messages';
import { PANE_TEXT } from './messages';
import type { InventoryPreview } from './service';

export type Readiness =
  | { kind: 'ready' }
  | { kind: 'needs-mapping'; code: ProblemCode; message: string }
  | { kind: 'blocked'; code: ProblemCode | null; message: string };

/** Previewing a sheet failed: its code (when the catalogue has one) and sentence. */
export interface PreviewFailure {
  code: ProblemCode | null;
  message: string;
}

/** Preview failures the column mapping fixes (a mapped header that is not on the sheet). */
const MAPPING_FAILURES: readonly ProblemCode[] = ['mapping-header-not-found'];

/**
 * A sheet's readiness from its preview or the failure to preview it: the first error blocker
 * decides (one the mapping fixes: needs mapping); warnings do not stop a refresh.
 */
export function readinessOf(
  preview: InventoryPreview | null,
  failure: PreviewFailure | null,
): Readiness {
  if (preview === null) {
    const f = failure ?? { code: null, message: '' };
    if (f.code !== null && MAPPING_FAILURES.includes(f.code)) {
      return { kind: 'needs-mapping', code: f.code, message: f.message };
    }
    return { kind: 'blocked', code: f.code, message: f.message };
  }
  const error = preview.blockers.find((b) => b.severity === 'error');
  if (error === undefined) return { kind: 'ready' };
  return error.action === 'map-columns'
    ? { kind: 'needs-mapping', code: error.code, message: error.message }
    : { kind: 'blocked', code: error.code, message: error.message };
}

/** The short status line of a sheet ("ready", "needs mapping", or the blocker's sentence). */
export function readinessText(sheet: string, r: Readiness): string {
  switch (r.kind) {
    case 'ready':
      return PANE_TEXT.ready(sheet);
    case 'needs-mapping':
      return PANE_TEXT.needsMapping(sheet);
    case 'blocked':
      return r.message;
  }
}

/** Every sheet is ready (and there is at least one). */
export function allReady(states: readonly Readiness[]): boolean {
  return states.length > 0 && states.every((r) => r.kind === 'ready');
}
