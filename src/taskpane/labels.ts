/** Words the pane shows for the engine's fields, statuses and phases. */

import { toA1 } from '../core/address';
import type { ColumnStatus, Field } from '../core/model';
import type { RefreshProgress } from '../core/service';

/** Human labels of the inventory fields (SPEC §2), in the words planners use. */
export const FIELD_LABELS: Record<Field, string> = {
  name: 'Initiative name',
  id: 'ID',
  ledBy: 'Led by',
  businessUnit: 'Business unit',
  stage: 'Stage',
  ioPilot: 'I&O in pilot',
  ioImplementation: 'I&O in implementation',
  ioOperations: 'I&O in operations',
  ioInvolvement: 'I&O involvement (one column)',
  integration: 'Enterprise integration',
  security: 'Security sensitive',
  endpoints: 'Endpoints / devices',
  budget: 'Budget',
  override: 'Role override',
};

/** Badge text and colour per mapping status. */
export const STATUS_BADGES: Record<
  ColumnStatus,
  { label: string; color: 'success' | 'brand' | 'warning' | 'informative' }
> = {
  found: { label: 'found', color: 'success' },
  mapped: { label: 'mapped', color: 'brand' },
  missing: { label: 'missing', color: 'informative' },
  ambiguous: { label: 'ambiguous', color: 'warning' },
};

/** Badge of a field the user switched off ("Not used"). */
export const OFF_BADGE: { label: string; color: 'informative' } = {
  label: 'not used',
  color: 'informative',
};

const count = new Intl.NumberFormat('en-US');

/** The sentence announced while a refresh runs, e.g. "Classifying 1,200 of 5,000 rows…". */
export function phaseText(p: RefreshProgress): string {
  const of = p.total > 0 ? ` ${count.format(p.done)} of ${count.format(p.total)}` : '';
  switch (p.phase) {
    case 'reading':
      return 'Reading the workbook…';
    case 'classifying':
      return `Classifying${of ? `${of} rows` : ' initiatives'}…`;
    case 'writing':
      return `Writing roles and summary${p.total > 1 ? ` (part${of})` : ''}…`;
    case 'done':
      return 'Refresh complete.';
  }
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
