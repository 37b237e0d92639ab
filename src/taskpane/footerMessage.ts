/**
 * The one message the footer shows, most important first: a failure (unless a sheet's own
 * blocker says the same with its fix), a notice the planner is owed before acting (the
 * ribbon's, or a sort the host cannot put back), no inventory at all (the template, and nothing about
 * sheets that are not inventories), why the sheet on screen cannot be previewed, what stops
 * the sheet on screen, what stops another chosen sheet, then a warning. Fixing one brings the
 * next; `more` counts what waits behind it. Pure: the sentences are the core's.
 */

import type { ProblemCode } from '../core/messages';
import type { Readiness } from '../core/readiness';
import type { PaneModel } from './useRoleMap';

export type FooterMessage =
  | { kind: 'error'; message: string }
  | { kind: 'notice'; message: string }
  | { kind: 'no-inventory' }
  | { kind: 'preview-error'; code: ProblemCode | null; message: string; sheet: string | null }
  | {
      kind: 'blocker';
      intent: 'error' | 'warning';
      code: ProblemCode | null;
      message: string;
      /** The sheet "Map columns" takes the planner to; null: no mapping fix. */
      mapSheet: string | null;
    };

type Inputs = Pick<
  PaneModel,
  'error' | 'noInventory' | 'preview' | 'previewError' | 'sheet' | 'chosen'
> & {
  /** A notice owed before acting (useNotices); absent or null: none. */
  notice?: string | null;
  /** The planner chose to map a sheet by hand: its messages come before the template. */
  byHand?: boolean;
};

/** Every message that applies, most important first. */
export function footerMessages(model: Inputs): FooterMessage[] {
  const out: FooterMessage[] = [];
  const onScreen = model.sheet ?? null;
  const blockers = model.preview?.blockers ?? [];
  const otherProblems = model.chosen.filter(
    (c): c is { sheet: string; readiness: Exclude<Readiness, { kind: 'ready' }> } =>
      c.sheet !== onScreen && c.readiness !== null && c.readiness.kind !== 'ready',
  );
  const codes = new Set<ProblemCode | null>([
    ...blockers.map((b) => b.code),
    model.previewError?.code ?? null,
    ...otherProblems.map((c) => c.readiness.code),
  ]);
  // A failure a sheet's blocker restates is shown as that blocker, which carries the fix.
  if (model.error && !(model.error.code !== null && codes.has(model.error.code))) {
    out.push({ kind: 'error', message: model.error.message });
  }
  if (model.notice) out.push({ kind: 'notice', message: model.notice });
  if (model.noInventory && model.byHand !== true) {
    // Nothing about the sheets that are not inventories: the template is the way on.
    out.push({ kind: 'no-inventory' });
    return out;
  }
  if (model.previewError) {
    out.push({
      kind: 'preview-error',
      code: model.previewError.code,
      message: model.previewError.message,
      sheet: onScreen,
    });
  }
  for (const b of blockers.filter((x) => x.severity === 'error')) {
    out.push({
      kind: 'blocker',
      intent: 'error',
      code: b.code,
      message: b.message,
      mapSheet: b.action === 'map-columns' ? onScreen : null,
    });
  }
  for (const c of otherProblems) {
    out.push({
      kind: 'blocker',
      intent: 'error',
      code: c.readiness.code,
      message: c.readiness.message,
      mapSheet: c.readiness.kind === 'needs-mapping' ? c.sheet : null,
    });
  }
  for (const b of blockers.filter((x) => x.severity === 'warning')) {
    out.push({
      kind: 'blocker',
      intent: 'warning',
      code: b.code,
      message: b.message,
      mapSheet: b.action === 'map-columns' ? onScreen : null,
    });
  }
  // Mapping a sheet by hand in a workbook without an inventory: the template stays on offer.
  if (model.noInventory) out.push({ kind: 'no-inventory' });
  return out;
}

/** The message the footer shows and how many wait behind it. */
export function footerMessage(model: Inputs): { message: FooterMessage | null; more: number } {
  const all = footerMessages(model);
  // What waits behind is counted as things that stop the refresh: a notice stops nothing.
  const behind = all.slice(1).filter((m) => m.kind !== 'notice');
  return { message: all[0] ?? null, more: behind.length };
}
