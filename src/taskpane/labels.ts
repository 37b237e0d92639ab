/** Words the pane shows for the engine's fields, statuses and phases (from the catalogue). */

import { toA1 } from '../core/address';
import { FIELD_NAMES } from '../core/fields';
import type { Field } from '../core/fields';
import type { IssueCode } from '../core/results';
import { PANE_WORDS } from '../core/messages';
import type { FieldNeed, FieldState } from '../core/preview';
import type { RefreshProgress } from '../core/service';

/** Human labels of the inventory fields (SPEC §2), in the words planners use (the field table's). */
export const FIELD_LABELS: Readonly<Record<Field, string>> = FIELD_NAMES;

const count = new Intl.NumberFormat('en-US');

/** Steps of a refresh, in order: the step text says where the run is. */
const STEPS: Record<RefreshProgress['phase'], number> = {
  reading: 1,
  classifying: 2,
  writing: 3,
  done: 3,
};

/**
 * The sentence shown while a refresh runs, e.g. "Step 3 of 3: writing roles and summary (part
 * 2 of 4)…". Reading and classifying report no honest count, so none is shown.
 */
export function phaseText(p: RefreshProgress): string {
  const step = PANE_WORDS.step(STEPS[p.phase]);
  const words = PANE_WORDS.phase;
  switch (p.phase) {
    case 'reading':
      return `${step}: ${words.reading}`;
    case 'classifying':
      // Initiatives (non-blank rows), as the host counts them; no count when it cannot tell.
      if (p.total <= 0) return `${step}: ${words.classifyingSome}`;
      return p.done === 0
        ? `${step}: ${words.classifying(count.format(p.total), p.total === 1)}`
        : `${step}: ${words.classified(count.format(p.done), count.format(p.total))}`;
    case 'writing':
      return `${step}: ${words.writing(p.total > 1 ? words.writingPart(count.format(p.done), count.format(p.total)) : '')}`;
    case 'done':
      return words.done;
  }
}

/** Share of the work done, or undefined where the host reports no honest figure (indeterminate). */
export function progressValue(p: RefreshProgress): number | undefined {
  if (p.phase === 'writing' && p.total > 1) return Math.min(1, p.done / p.total);
  // Classifying reports initiatives step by step: a real share once the first step is done.
  if (p.phase === 'classifying' && p.total > 0 && p.done > 0) return Math.min(1, p.done / p.total);
  return undefined;
}

/** What a field's state and importance mean, as the hint under its drop-down. */
export function fieldHint(need: FieldNeed, state: FieldState, coveredBy: readonly Field[]): string {
  if (state === 'covered') {
    return PANE_WORDS.field.covered(coveredBy.map((f) => FIELD_LABELS[f]));
  }
  if (state === 'off') return PANE_WORDS.field.off;
  const needText: Record<FieldNeed, string> = PANE_WORDS.field.need;
  const stateText: Record<Exclude<FieldState, 'covered' | 'off'>, string> = PANE_WORDS.field.state;
  return `${needText[need]} · ${stateText[state]}`;
}

/** Heading of a group of data issues with the same cause. */
export const ISSUE_GROUP_TITLES: Record<IssueCode | 'unclassified', string> =
  PANE_WORDS.issueGroups;

const time = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** "15 Jan, 09:30": when a refresh finished, in the user's time zone. */
export function refreshedAt(date: Date): string {
  return time.format(date);
}

/** "E7" for a 0-based cell, as Excel shows it. */
export function cellLabel(row: number, col: number): string {
  return toA1(row, col);
}

/** Whole-number percentage, e.g. 0.354 → "35%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Thousands separators, e.g. 1200 → "1,200". */
export function formatCount(n: number): string {
  return count.format(n);
}
