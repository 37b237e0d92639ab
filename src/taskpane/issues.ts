/**
 * Data issues grouped by cause for the pane: one group per kind of problem and field (and, for
 * a value outside a vocabulary, per value, so one choice can later teach the workbook what it
 * means), each listing the initiatives it concerns, in sheet order.
 */

import type { Field } from '../core/fields';
import type { DataIssue, IssueCode, RowResult } from '../core/results';
import { PANE_WORDS } from '../core/messages';

export interface IssueItem {
  key: string;
  /** Absolute 0-based row and column of the cell to select (column null: the name cell). */
  row: number;
  col: number | null;
  /** "D5", or "Row 5" when the issue has no cell of its own ("West!D5" with several sheets). */
  address: string;
  /** The row's own inventory sheet when the portfolio spans several; null otherwise. */
  sheet: string | null;
  name: string | null;
  /** The raw value at fault, when there is one. */
  value: string | null;
  message: string;
}

export interface IssueGroup {
  key: string;
  code: IssueCode | 'unclassified';
  field: Field | null;
  /** For a value outside a vocabulary: the value as written (first spelling seen). */
  value: string | null;
  items: IssueItem[];
}

function groupKey(code: IssueGroup['code'], field: Field | null, value: string | null): string {
  const v = code === 'unknown-value' && value !== null ? value.trim().toLowerCase() : '';
  return `${code}|${field ?? ''}|${v}`;
}

function itemOf(r: RowResult, i: DataIssue | null, n: number): IssueItem {
  const address = i?.address ?? PANE_WORDS.results.row(r.row + 1);
  return {
    key: `${r.sheet ?? ''}:${r.row}:${n}`,
    row: i?.row ?? r.row,
    // Several sheets: a row without a cell of its own selects the name on its own sheet.
    col: i?.col ?? r.nameCol ?? null,
    address: r.sheet === undefined ? address : `${r.sheet}!${address}`,
    sheet: r.sheet ?? null,
    name: r.initiative.name,
    value: i?.value ?? null,
    message: i?.message ?? r.action,
  };
}

/** Groups the rows to review by cause; the largest groups first, ties in order of first row. */
export function groupIssues(rows: readonly RowResult[]): IssueGroup[] {
  const groups = new Map<string, IssueGroup>();
  const add = (
    code: IssueGroup['code'],
    field: Field | null,
    value: string | null,
    item: IssueItem,
  ) => {
    const key = groupKey(code, field, value);
    let g = groups.get(key);
    if (g === undefined) {
      g = { key, code, field, value: code === 'unknown-value' ? value : null, items: [] };
      groups.set(key, g);
    }
    g.items.push(item);
  };
  for (const r of rows) {
    if (r.issues.length === 0) {
      add('unclassified', null, null, itemOf(r, null, 0));
      continue;
    }
    r.issues.forEach((i, n) => add(i.code, i.field, i.value, itemOf(r, i, n)));
  }
  // Stable: equal sizes keep the order in which their first row appeared.
  return [...groups.values()].sort((a, b) => b.items.length - a.items.length);
}
