/**
 * Changes since the last refresh (SPEC §4): role changes, stage moves, additions and removals.
 * The last refresh's initiatives are read from its snapshot (change-log.ts) and matched with
 * today's by ID, else by name. A sheet the snapshot does not know yet, refreshed by a version
 * that left no snapshot (saved-shape version 0), is compared as that version could: the role
 * each row had in the output columns the last refresh left on the sheet.
 */

import type { PreviousEntry, PreviousState } from './change-log';
import { headerText, ownColumnIndex } from './headers';
import type { RoleOrUnclassified } from './domain';
import type { SheetSnapshot } from './input';
import type { RoleChange, RowResult } from './results';
import { ROLES_AND_UNCLASSIFIED } from './domain';

/**
 * The changes since the previous refresh of `sheet`, or null on its first refresh (no
 * snapshot of it and no earlier output on it). With a snapshot, every kind of change is found;
 * without one, role changes and additions from the output columns.
 */
export function changesSince(
  sheet: SheetSnapshot,
  headerRow: number,
  rows: readonly RowResult[],
  previous: PreviousState | null = null,
): RoleChange[] | null {
  const before = previous?.bySheet.get(sheet.name.toLowerCase());
  if (before !== undefined) return compareWithSnapshot(sheet.name, rows, before);
  return changesFromOutput(sheet, headerRow, rows);
}

/** Saved-shape version 0: the previous role in our output block, matched by sheet row. */
function changesFromOutput(
  sheet: SheetSnapshot,
  headerRow: number,
  rows: readonly RowResult[],
): RoleChange[] | null {
  const header = sheet.values[headerRow - sheet.origin.row] ?? [];
  const start = ownColumnIndex(header, 'role');
  if (start === -1) return null;
  const changes: RoleChange[] = [];
  for (const r of rows) {
    const text = headerText(sheet.values[r.row - sheet.origin.row]?.[start]);
    const before = (ROLES_AND_UNCLASSIFIED as readonly string[]).includes(text)
      ? (text as RoleOrUnclassified)
      : '';
    if (before === r.role) continue;
    changes.push({
      kind: before === '' ? 'added' : 'role',
      row: r.row,
      sheet: sheet.name,
      id: r.initiative.id,
      name: r.initiative.name,
      from: before,
      to: r.role,
    });
  }
  return changes;
}

/** An ID or a name as matched: trimmed, case ignored; null when blank. */
function keyOf(v: string | null): string | null {
  const k = v?.trim().toLowerCase() ?? '';
  return k === '' ? null : k;
}

/**
 * Pairs today's rows with the last refresh's initiatives: first by ID where both have one,
 * then by name where either has no ID (an ID added since still finds its initiative; two
 * different IDs are two initiatives, whatever their names). Repeated keys pair in order.
 */
export function matchInitiatives(
  rows: readonly RowResult[],
  before: readonly PreviousEntry[],
): { pairs: Map<number, PreviousEntry>; unmatched: PreviousEntry[] } {
  // By index, with each key's entries chained in saved order (a snapshot holds a row per
  // initiative: 100,000 at a time, and a name may repeat on thousands of them).
  const idNow = rows.map((r) => keyOf(r.initiative.id));
  const idThen = before.map((e) => keyOf(e.id));
  // Names are keyed only where a pass needs them (where every ID pairs, none is).
  const nameNow: (string | null | undefined)[] = new Array<undefined>(rows.length);
  const nameThen: (string | null | undefined)[] = new Array<undefined>(before.length);
  const nameNowAt = (i: number) => (nameNow[i] ??= keyOf(rows[i]!.initiative.name));
  const nameThenAt = (j: number) => (nameThen[j] ??= keyOf(before[j]!.name));
  const paired = new Int32Array(rows.length).fill(-1);
  const used = new Uint8Array(before.length);
  /** Row indexes in the order they were paired (the pairs' order). */
  const order: number[] = [];
  const next = new Int32Array(before.length);
  const pass = (keyNow: (i: number) => string | null, keyThen: (j: number) => string | null) => {
    const head = new Map<string, number>();
    for (let j = before.length - 1; j >= 0; j--) {
      if (used[j]) continue;
      const k = keyThen(j);
      if (k === null) continue;
      next[j] = head.get(k) ?? -1;
      head.set(k, j);
    }
    if (head.size === 0) return;
    for (let i = 0; i < rows.length; i++) {
      if (paired[i] !== -1) continue;
      const k = keyNow(i);
      const j = k === null ? undefined : head.get(k);
      if (j === undefined || j === -1) continue;
      head.set(k!, next[j]!);
      paired[i] = j;
      used[j] = 1;
      order.push(i);
    }
  };
  pass(
    (i) => idNow[i]!,
    (j) => idThen[j]!,
  );
  if (idNow.includes(null)) {
    pass(
      (i) => (idNow[i] === null ? nameNowAt(i) : null),
      (j) => nameThenAt(j),
    );
  }
  // Today's rows with an ID may still pair by name with an initiative saved without one.
  if (idThen.some((k, j) => k === null && !used[j])) {
    pass(
      (i) => nameNowAt(i),
      (j) => (idThen[j] === null ? nameThenAt(j) : null),
    );
  }
  const pairs = new Map<number, PreviousEntry>();
  for (const i of order) pairs.set(i, before[paired[i]!]!);
  return { pairs, unmatched: before.filter((_e, j) => !used[j]) };
}

/** Every change between the last refresh's initiatives on a sheet and today's rows. */
function compareWithSnapshot(
  sheet: string,
  rows: readonly RowResult[],
  before: readonly PreviousEntry[],
): RoleChange[] {
  const { pairs, unmatched } = matchInitiatives(rows, before);
  const changes: RoleChange[] = [];
  rows.forEach((r, i) => {
    const base = { row: r.row, sheet, id: r.initiative.id, name: r.initiative.name };
    const then = pairs.get(i);
    if (then === undefined) {
      changes.push({ ...base, kind: 'added', from: '', to: r.role });
      return;
    }
    if (then.role !== null && then.role !== r.role) {
      changes.push({ ...base, kind: 'role', from: then.role, to: r.role });
    }
    // A stage filled in or cleared is not a move: both ends must be known.
    const stage = r.initiative.stage;
    if (then.stage !== null && stage !== null && then.stage !== stage) {
      changes.push({ ...base, kind: 'stage', from: then.stage, to: stage });
    }
  });
  for (const e of unmatched) {
    changes.push({
      kind: 'removed',
      row: e.row,
      sheet,
      id: e.id,
      name: e.name,
      from: e.role ?? '',
      to: '',
    });
  }
  return changes;
}
