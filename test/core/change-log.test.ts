/**
 * Changes a quarter can read (SPEC §4): role changes, stage moves, additions and removals found
 * against the snapshot the last refresh left, matched by ID, else by name; the change log's rows
 * and the snapshot as the core plans them; and the version before the snapshot (the output
 * columns alone) still read.
 */

import { parseSnapshot, SNAPSHOT_LAYOUTS, type PreviousEntry } from '../../src/core/change-log';
import { matchInitiatives } from '../../src/core/changes';
import { CHANGES_SHEET, SNAPSHOT_SHEET } from '../../src/core/domain';
import type { CellValue, SheetSnapshot } from '../../src/core/input';
import type { ChangeKind, RefreshOutcome, RoleChange, RowResult } from '../../src/core/results';
import { planRefresh } from '../../src/core/refresh';
import { rng } from '../../src/cli/sample';
import { changesReport, reportBlocks } from '../../src/core/report';
import { applied, inventory, NOW } from './helpers';

/** One inventory row: ID, name, lead, stage, the three phases, integration, security, devices. */
function line(
  id: string | null,
  name: string,
  stage: string,
  phases: [string, string, string] = ['None', 'None', 'None'],
): CellValue[] {
  return [id, name, 'Retail', stage, ...phases, 'Yes', 'No', 100, null, null];
}

const OPERATES: [string, string, string] = ['None', 'None', 'Responsible'];
const IMPLEMENTS: [string, string, string] = ['None', 'Responsible', 'Responsible'];

const BASE: CellValue[][] = [
  line('IOT-1', 'Smart lighting', 'Production', OPERATES),
  line('IOT-2', 'Fleet telemetry', 'Pilot'),
  line(null, 'Cold chain sensors', 'Planned'),
  line('IOT-4', 'Dock cameras', 'Implementation', IMPLEMENTS),
];

const LATER = new Date(NOW.getTime() + 86_400_000 * 90);

function refresh(
  sheet: SheetSnapshot,
  snapshot: CellValue[][] | null,
  logLastRow: number | null,
  now = NOW,
) {
  return planRefresh({
    sheets: [sheet],
    options: { history: true },
    now,
    historyRowCount: 0,
    changeState: { snapshot, logLastRow },
  });
}

/** The snapshot sheet's cells as the plan leaves them (header on row 1, from A1). */
function snapshotCells(outcome: RefreshOutcome): CellValue[][] {
  const s = outcome.plan.changeLog!.snapshot;
  return [s.headers, ...s.rows];
}

/** The first refresh of BASE, then a second over `rows` with the first one's output and snapshot. */
function twice(rows: CellValue[][]) {
  const first = refresh(inventory(BASE), null, null);
  const written = applied(inventory(BASE), first.plan.inventory);
  // The user's edit: the data rows replaced, our output block kept where a row kept its place.
  const edited = inventory(rows);
  const values = edited.values.map((r, i) => [...r, ...(written.values[i] ?? []).slice(r.length)]);
  const second = refresh(
    { ...written, values },
    snapshotCells(first),
    Math.max(...first.plan.changeLog!.log.cells.map((c) => c.row)),
    LATER,
  );
  return { first, second };
}

function kinds(changes: readonly RoleChange[] | null) {
  return (changes ?? []).map((c) => [c.kind, c.id ?? c.name, c.from, c.to]);
}

describe('changes since the last refresh, against its snapshot', () => {
  it('the first refresh has none, says so, and leaves a snapshot of every initiative', () => {
    const o = refresh(inventory(BASE), null, null);
    expect(o.changes).toBeNull();
    expect(changesReport(o.changes, 'Inventory').headline).toMatch(/^First refresh of "Inventory"/);
    const log = o.plan.changeLog!.log;
    expect(log.name).toBe(CHANGES_SHEET);
    expect(log.writeHeader).toBe(true);
    const row = log.cells.filter((c) => c.row === 1).map((c) => c.value);
    expect(row.slice(1, 5)).toEqual(['Inventory', '', '', 'First refresh']);
    const snap = o.plan.changeLog!.snapshot;
    expect(snap.name).toBe(SNAPSHOT_SHEET);
    expect(snap.rows).toEqual([
      ['Inventory', 'IOT-1', 'Smart lighting', 'Production', 'Operator', 2],
      ['Inventory', 'IOT-2', 'Fleet telemetry', 'Pilot', 'Bystander', 3],
      ['Inventory', '', 'Cold chain sensors', 'Planned', 'Bystander', 4],
      ['Inventory', 'IOT-4', 'Dock cameras', 'Implementation', 'Implementer', 5],
    ]);
  });

  type Case = [string, CellValue[][], [ChangeKind, string, string, string][]];
  const cases: Case[] = [
    ['nothing changed', BASE, []],
    [
      'a row deleted in the middle: one removal, no role change for the rows that moved up',
      [BASE[0]!, BASE[2]!, BASE[3]!],
      [['removed', 'IOT-2', 'Bystander', '']],
    ],
    [
      'a stage move and a role change on one initiative: two changes',
      [
        BASE[0]!,
        line('IOT-2', 'Fleet telemetry', 'Implementation', IMPLEMENTS),
        BASE[2]!,
        BASE[3]!,
      ],
      [
        ['role', 'IOT-2', 'Bystander', 'Implementer'],
        ['stage', 'IOT-2', 'Pilot', 'Implementation'],
      ],
    ],
    [
      'an initiative without an ID is matched by name, and renamed one is removed and added',
      [BASE[0]!, BASE[1]!, line(null, 'Cold chain sensors v2', 'Planned'), BASE[3]!],
      [
        ['added', 'Cold chain sensors v2', '', 'Bystander'],
        ['removed', 'Cold chain sensors', 'Bystander', ''],
      ],
    ],
    [
      'an initiative renamed but with its ID is the same initiative',
      [line('IOT-1', 'Smart lighting (all sites)', 'Production', OPERATES), ...BASE.slice(1)],
      [],
    ],
    [
      'an ID given since is still the initiative saved by name',
      [BASE[0]!, BASE[1]!, line('IOT-3', 'Cold chain sensors', 'Pilot'), BASE[3]!],
      [['stage', 'IOT-3', 'Planned', 'Pilot']],
    ],
    [
      'rows re-sorted: matched by ID, nothing changed',
      [BASE[3]!, BASE[2]!, BASE[1]!, BASE[0]!],
      [],
    ],
    [
      'a new initiative at the end',
      [...BASE, line('IOT-5', 'Yard tracking', 'Idea')],
      [['added', 'IOT-5', '', 'Bystander']],
    ],
  ];
  it.each(cases)('%s', (_name, rows, expected) => {
    const { second } = twice(rows);
    expect(kinds(second.changes)).toEqual(expected);
  });

  it('a removal keeps the row it was on, not linked, with its last role; the log gets one row per change', () => {
    const { second } = twice([
      BASE[0]!,
      line('IOT-2', 'Fleet telemetry', 'Implementation'),
      BASE[3]!,
    ]);
    const removed = second.changes!.find((c) => c.kind === 'removed')!;
    expect(removed).toMatchObject({ name: 'Cold chain sensors', id: null, row: 3, to: '' });
    const log = second.plan.changeLog!.log;
    expect(log.writeHeader).toBe(false);
    const rows = new Map<number, (string | number | null)[]>();
    for (const c of log.cells) rows.set(c.row, [...(rows.get(c.row) ?? []), c.value]);
    expect([...rows.keys()]).toEqual([2, 3]);
    const [stage, gone] = [...rows.values()];
    expect(stage!.slice(1)).toEqual([
      'Inventory',
      'IOT-2',
      'Fleet telemetry',
      'Stage moved',
      'Pilot',
      'Implementation',
      'B3',
    ]);
    expect(gone!.slice(1)).toEqual([
      'Inventory',
      '',
      'Cold chain sensors',
      'Removed',
      'Bystander',
      '',
      '',
    ]);
    // Only the rows that still exist link back.
    expect(log.cells.filter((c) => c.link).map((c) => c.link)).toEqual([
      { sheet: 'Inventory', row: 2, col: 1 },
    ]);
    expect(log.cells.filter((c) => c.link).map((c) => c.value)).toEqual(['B3']);
  });

  it('every surface words the changes from the report module', () => {
    const { second } = twice([
      BASE[0]!,
      line('IOT-2', 'Fleet telemetry', 'Implementation'),
      BASE[3]!,
    ]);
    const block = reportBlocks(second).find((b) => b.heading === 'Since the last refresh')!;
    expect(block.lines).toEqual([
      'Since the last refresh: 1 stage move, 1 removed.',
      'IOT-2 Fleet telemetry: stage Pilot → Implementation',
      'Cold chain sensors: removed (was Bystander)',
    ]);
  });

  it('with no history the change log and the snapshot are not written', () => {
    const o = planRefresh({
      sheets: [inventory(BASE)],
      options: { history: false },
      now: NOW,
      historyRowCount: 0,
    });
    expect(o.plan.changeLog).toBeNull();
  });
});

describe('the snapshot sheet is bookkeeping', () => {
  it.each<[string, CellValue[][] | null, boolean]>([
    ['no snapshot sheet: started hidden', null, true],
    ['an empty snapshot sheet: started hidden', [], true],
    ['a sheet that holds no snapshot (headers lost): started afresh, hidden', [['Notes']], true],
    [
      'a readable snapshot: its sheet keeps the visibility it has',
      [
        ['Sheet', 'ID', 'Initiative', 'Stage', 'I&O Role', 'Row'],
        ['Inventory', 'IOT-1', 'Smart lighting', 'Production', 'Operator', 2],
      ],
      false,
    ],
  ])('%s', (_what, snapshot, hidden) => {
    const o = refresh(inventory(BASE), snapshot, null);
    expect(o.plan.changeLog!.snapshot.hidden).toBe(hidden);
  });
});

describe('the saved shapes', () => {
  it('reads the snapshot by its headers in any order, below a title a reader added', () => {
    const headers = SNAPSHOT_LAYOUTS[SNAPSHOT_LAYOUTS.length - 1]!.columns.map((c) => c.header);
    const reversed = [...headers].reverse();
    const cells: CellValue[][] = [
      ['Initiatives as of the last refresh'],
      reversed,
      [5, 'Implementer', 'Pilot', 'Dock cameras', 'IOT-4', 'Inventory'],
      [7, 'Not a role', 'Somewhere', 'Odd', null, 'Inventory'],
      [null, 'Driver', 'Pilot', 'No row', null, 'Inventory'],
    ];
    const state = parseSnapshot(cells)!;
    expect(state.version).toBe(1);
    expect(state.entries).toEqual([
      {
        sheet: 'Inventory',
        id: 'IOT-4',
        name: 'Dock cameras',
        stage: 'Pilot',
        role: 'Implementer',
        row: 4,
      },
      { sheet: 'Inventory', id: null, name: 'Odd', stage: null, role: null, row: 6 },
    ]);
    expect(parseSnapshot([['Something else']])).toBeNull();
    expect(parseSnapshot(null)).toBeNull();
  });

  it('version 0 (no snapshot): role changes and additions from the output columns, matched by row', () => {
    const first = refresh(inventory(BASE), null, null);
    const written = applied(inventory(BASE), first.plan.inventory);
    written.values[2]![4] = 'Responsible'; // IOT-2's pilot: Bystander → Implementer
    const second = refresh(written, null, null, LATER);
    expect(kinds(second.changes)).toEqual([['role', 'IOT-2', 'Bystander', 'Implementer']]);
    // The refresh leaves a snapshot, so the next one compares with it.
    expect(second.plan.changeLog!.snapshot.rows).toHaveLength(4);
  });

  it('a refresh of one sheet keeps the snapshot rows of the others', () => {
    const cells: CellValue[][] = [
      ['Sheet', 'ID', 'Initiative', 'Stage', 'I&O Role', 'Row'],
      ['Europe', 'EU-1', 'Smart meters', 'Pilot', 'Driver', 2],
      ['Inventory', 'IOT-1', 'Smart lighting', 'Production', 'Operator', 2],
    ];
    const o = refresh(inventory(BASE), cells, 2, LATER);
    expect(o.plan.changeLog!.snapshot.rows[0]).toEqual([
      'Europe',
      'EU-1',
      'Smart meters',
      'Pilot',
      'Driver',
      2,
    ]);
    expect(o.plan.changeLog!.snapshot.rows).toHaveLength(5);
    expect(o.plan.changeLog!.snapshot.previousRows).toBe(3);
    // The log's rows go after the last used one.
    expect(Math.min(...o.plan.changeLog!.log.cells.map((c) => c.row))).toBe(3);
  });

  it('matches by ID first, then by name only where an ID is missing', () => {
    const entry = (id: string | null, name: string, row: number) => ({
      sheet: 'S',
      id,
      name,
      stage: null,
      role: null,
      row,
    });
    const rowOf = (id: string | null, name: string, row: number) =>
      refresh(inventory([line(id, name, 'Idea')]), null, null).rows.map((r) => ({
        ...r,
        row,
      }))[0]!;
    const before = [
      entry('A-1', 'Same name', 1),
      entry(null, 'Same name', 2),
      entry('A-3', 'Other', 3),
    ];
    const now = [
      rowOf('a-1 ', 'Renamed', 1),
      rowOf('A-9', 'Same name', 2),
      rowOf(null, 'Other', 3),
    ];
    const { pairs, unmatched } = matchInitiatives(now, before);
    expect([...pairs.entries()].map(([i, e]) => [i, e.row])).toEqual([
      [0, 1],
      [2, 3],
      [1, 2],
    ]);
    expect(unmatched).toEqual([]);
  });
});

describe("pairing today's rows with the snapshot's initiatives", () => {
  /** An ID and a name (null: blank). */
  type Keys = [string | null, string | null];
  const template = refresh(inventory([line('T', 'T', 'Idea')]), null, null).rows[0]!;
  const rowsOf = (keys: readonly Keys[]): RowResult[] =>
    keys.map(([id, name], i) => ({
      ...template,
      row: i,
      initiative: { ...template.initiative, id, name },
    }));
  const entriesOf = (keys: readonly Keys[]): PreviousEntry[] =>
    keys.map(([id, name], j) => ({ sheet: 'S', id, name, stage: null, role: null, row: j }));

  /**
   * The rule in plain words, one step at a time: each row with an ID, in order, takes the
   * first entry not taken with the same ID; then each row without one, the first entry not
   * taken with its name; then each row still alone, the first entry without an ID with its
   * name. IDs and names compare trimmed, case ignored.
   */
  function reference(now: readonly Keys[], then: readonly Keys[]) {
    const key = (v: string | null) =>
      v === null || v.trim() === '' ? null : v.trim().toLowerCase();
    const taken = new Set<number>();
    const pairs: [number, number][] = [];
    const step = (rowKey: (i: number) => string | null, entryKey: (j: number) => string | null) => {
      now.forEach((_k, i) => {
        if (pairs.some(([r]) => r === i)) return;
        const k = rowKey(i);
        if (k === null) return;
        const j = then.findIndex((_e, j2) => !taken.has(j2) && entryKey(j2) === k);
        if (j === -1) return;
        taken.add(j);
        pairs.push([i, j]);
      });
    };
    step(
      (i) => key(now[i]![0]),
      (j) => key(then[j]![0]),
    );
    step(
      (i) => (key(now[i]![0]) === null ? key(now[i]![1]) : null),
      (j) => key(then[j]![1]),
    );
    step(
      (i) => key(now[i]![1]),
      (j) => (key(then[j]![0]) === null ? key(then[j]![1]) : null),
    );
    return { pairs, unmatched: then.map((_e, j) => j).filter((j) => !taken.has(j)) };
  }

  function match(now: readonly Keys[], then: readonly Keys[]) {
    const { pairs, unmatched } = matchInitiatives(rowsOf(now), entriesOf(then));
    return {
      pairs: [...pairs].map(([i, e]) => [i, e.row]),
      unmatched: unmatched.map((e) => e.row),
    };
  }

  const A: Keys = ['A-1', 'Alpha'];
  const B: Keys = ['B-2', 'Beta'];
  const C: Keys = ['C-3', 'Gamma'];
  type PairCase = [string, Keys[], Keys[], [number, number][], number[]];
  it.each<PairCase>([
    [
      'the same rows in the same order',
      [A, B, C],
      [A, B, C],
      [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
      [],
    ],
    [
      'an ID repeated: its rows pair in order',
      [A, A, B],
      [A, A, B],
      [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
      [],
    ],
    [
      'rows added at the end',
      [A, B, C],
      [A, B],
      [
        [0, 0],
        [1, 1],
      ],
      [],
    ],
    ['rows deleted at the end', [A], [A, B], [[0, 0]], [1]],
    [
      'IDs that differ in case and spaces',
      [
        ['a-1 ', 'x'],
        [' B-2', 'y'],
      ],
      [A, B],
      [
        [0, 0],
        [1, 1],
      ],
      [],
    ],
    [
      'a row inserted in the middle',
      [A, C, B],
      [A, B],
      [
        [0, 0],
        [2, 1],
      ],
      [],
    ],
    [
      'rows swapped',
      [B, A],
      [A, B],
      [
        [0, 1],
        [1, 0],
      ],
      [],
    ],
    [
      'a row without an ID pairs by name after the IDs',
      [A, [null, 'gamma '], B],
      [[null, 'Gamma'], A, B],
      [
        [0, 1],
        [2, 2],
        [1, 0],
      ],
      [],
    ],
    [
      'an ID given since pairs by name with the entry saved without one',
      [A, ['C-3', 'Gamma']],
      [A, [null, 'Gamma']],
      [
        [0, 0],
        [1, 1],
      ],
      [],
    ],
    ['two different IDs never pair by name', [['X-9', 'Alpha']], [A], [], [0]],
  ])('%s', (_name, now, then, pairs, unmatched) => {
    expect(match(now, then)).toEqual({ pairs, unmatched });
    expect(reference(now, then)).toEqual({ pairs, unmatched });
  });

  it("gives the plain rule's pairs on 400 random pairs of lists (kept order, edits, repeats)", () => {
    const random = rng(27);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const ids = ['A-1', 'a-1', ' A-1', 'B-2', 'C-3', 'c-3 ', 'D-4', '', ' ', null];
    const names = ['Alpha', 'alpha', 'Beta', 'Gamma ', 'gamma', '', null];
    const some = (n: number): Keys[] =>
      Array.from({ length: n }, () => [pick(ids), pick(names)] as Keys);
    for (let t = 0; t < 400; t++) {
      const then = some(Math.floor(random() * 12));
      // Half kept in saved order with some rows gained or lost at the end, half edited anywhere.
      let now: Keys[];
      if (t % 2 === 0) {
        now = then.slice(0, Math.floor(random() * (then.length + 1)));
        now.push(...some(Math.floor(random() * 3)));
      } else {
        now = then.filter(() => random() < 0.8).concat(some(Math.floor(random() * 3)));
        if (now.length > 1 && random() < 0.5) now.reverse();
      }
      expect(match(now, then)).toEqual(reference(now, then));
    }
  });
});
