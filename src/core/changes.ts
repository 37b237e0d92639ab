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

/** True when an ID or a name has no key (keyOf gives null), without making the key. */
function isBlank(v: string | null): boolean {
  return v === null || v.trim() === '';
}

/** Today's rows paired with the last refresh's entries, by index. */
interface Pairing {
  /** Per row: the index of its entry in `before`, or -1. */
  paired: Int32Array;
  /** Per entry: 1 when a row took it. */
  used: Uint8Array;
  /** Row indexes in the order they were paired. */
  order: number[];
}

/**
 * True when the rows' IDs, blanks left out, are the entries' IDs in saved order (or one is
 * the start of the other): a refresh of a sheet whose rows kept their order, or only gained or
 * lost some at the end. The keyed pass then pairs the k-th row that has an ID with the k-th
 * entry that has one (repeated keys pair in order), so no key need be made: the strings are
 * compared as read (in a file both are the same shared string), keyed only where they differ.
 */
function idsInSavedOrder(rows: readonly RowResult[], before: readonly PreviousEntry[]): boolean {
  let j = 0;
  for (const r of rows) {
    const now = r.initiative.id;
    if (isBlank(now)) continue;
    while (j < before.length && isBlank(before[j]!.id)) j++;
    if (j === before.length) return true;
    const then = before[j]!.id!;
    if (now !== then && keyOf(now) !== keyOf(then)) return false;
    j++;
  }
  return true;
}

/**
 * Pairs today's rows with the last refresh's initiatives: first by ID where both have one,
 * then by name where either has no ID (an ID added since still finds its initiative; two
 * different IDs are two initiatives, whatever their names). Repeated keys pair in order.
 */
function pairInitiatives(rows: readonly RowResult[], before: readonly PreviousEntry[]): Pairing {
  // By index, with each key's entries chained in saved order (a snapshot holds a row per
  // initiative: 100,000 at a time, and a name may repeat on thousands of them). Keys are made
  // only where a pass needs them (where every ID pairs, no name is keyed).
  const idNow: (string | null | undefined)[] = new Array<undefined>(rows.length);
  const idThen: (string | null | undefined)[] = new Array<undefined>(before.length);
  const idNowAt = (i: number) => (idNow[i] ??= keyOf(rows[i]!.initiative.id));
  const idThenAt = (j: number) => (idThen[j] ??= keyOf(before[j]!.id));
  const nameNow: (string | null | undefined)[] = new Array<undefined>(rows.length);
  const nameThen: (string | null | undefined)[] = new Array<undefined>(before.length);
  const nameNowAt = (i: number) => (nameNow[i] ??= keyOf(rows[i]!.initiative.name));
  const nameThenAt = (j: number) => (nameThen[j] ??= keyOf(before[j]!.name));
  const paired = new Int32Array(rows.length).fill(-1);
  const used = new Uint8Array(before.length);
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
  if (idsInSavedOrder(rows, before)) {
    let j = 0;
    for (let i = 0; i < rows.length; i++) {
      if (isBlank(rows[i]!.initiative.id)) continue;
      while (j < before.length && isBlank(before[j]!.id)) j++;
      if (j === before.length) break;
      paired[i] = j;
      used[j++] = 1;
      order.push(i);
    }
  } else {
    pass(idNowAt, idThenAt);
  }
  const noIdNow = (i: number) => isBlank(rows[i]!.initiative.id);
  if (rows.some((r) => isBlank(r.initiative.id))) {
    pass(
      (i) => (noIdNow(i) ? nameNowAt(i) : null),
      (j) => nameThenAt(j),
    );
  }
  // Today's rows with an ID may still pair by name with an initiative saved without one.
  if (before.some((e, j) => !used[j] && isBlank(e.id))) {
    pass(
      (i) => nameNowAt(i),
      (j) => (isBlank(before[j]!.id) ? nameThenAt(j) : null),
    );
  }
  return { paired, used, order };
}

/**
 * Pairs today's rows with the last refresh's initiatives (see pairInitiatives): each row's
 * index with its entry, in the order they were paired, and the entries no row took.
 */
export function matchInitiatives(
  rows: readonly RowResult[],
  before: readonly PreviousEntry[],
): { pairs: Map<number, PreviousEntry>; unmatched: PreviousEntry[] } {
  const { paired, used, order } = pairInitiatives(rows, before);
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
  const { paired, used } = pairInitiatives(rows, before);
  const changes: RoleChange[] = [];
  // Most rows are unchanged: their change's fields are only gathered when there is one.
  const change = (
    r: RowResult,
    kind: RoleChange['kind'],
    from: RoleChange['from'],
    to: RoleChange['to'],
  ) =>
    changes.push({
      row: r.row,
      sheet,
      id: r.initiative.id,
      name: r.initiative.name,
      kind,
      from,
      to,
    });
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const j = paired[i]!;
    if (j === -1) {
      change(r, 'added', '', r.role);
      continue;
    }
    const then = before[j]!;
    if (then.role !== null && then.role !== r.role) change(r, 'role', then.role, r.role);
    // A stage filled in or cleared is not a move: both ends must be known.
    const stage = r.initiative.stage;
    if (then.stage !== null && stage !== null && then.stage !== stage) {
      change(r, 'stage', then.stage, stage);
    }
  }
  for (let j = 0; j < before.length; j++) {
    if (used[j]) continue;
    const e = before[j]!;
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
