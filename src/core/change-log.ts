/**
 * The saved shape of the changes (SPEC §4: "each refresh's change rows are kept, so a reader
 * can see every change since a date"), as two sheets that read the same without the add-in:
 *
 * - "IoT Role Changes", the change log: one row per change per refresh (time, sheet, ID,
 *   initiative, change, from, to, and a link to the row where it still is), appended below
 *   the earlier refreshes' rows. A refresh with nothing to list for a sheet leaves one row
 *   saying so ("First refresh", "No changes"), so the log shows every refresh since a date.
 * - "IoT Role Snapshot": each initiative as the last refresh left it (sheet, ID, name, stage,
 *   role, row), what the next refresh compares with; created hidden (SNAPSHOT_HIDDEN). The output columns cannot tell a stage
 *   move (the stage is the user's column) or a removal (a deleted row takes its output along).
 *
 * The snapshot has a sheet of its own rather than columns beside the log: the log only grows,
 * while the snapshot is replaced whole on every refresh and is as long as the portfolio. On one
 * sheet the log's end would depend on the snapshot's length, rewriting one would risk the other,
 * and they would print as one table.
 *
 * Both shapes are versioned (STYLE habit 12): recognised by their headers, in any order, with
 * every layout in CHANGE_LOG_LAYOUTS / SNAPSHOT_LAYOUTS kept readable. The version before the
 * snapshot (0) is the output columns alone: the previous role of each row (changes.ts).
 */

import { toA1 } from './address';
import { headerText } from './headers';
import { BRIEF_TEXT, CHANGE_LOG_TEXT } from './messages';
import type { RoleOrUnclassified, Stage } from './domain';
import { CHANGES_SHEET, ROLES_AND_UNCLASSIFIED, SNAPSHOT_SHEET, STAGES } from './domain';
import type { CellValue, ChangeState } from './input';
import type { RoleChange, RowResult } from './results';
import type { ChangeLogWrite, NumberFormatName, PlanCell } from './write-plan';
import { changeLogPrint, excelSerial } from './summary-sheet';

/** One column of a saved table: its header, its number format and its width (characters). */
interface SavedColumn<K extends string> {
  key: K;
  header: string;
  format: NumberFormatName;
  width: number;
}

type SnapshotKey = 'sheet' | 'id' | 'name' | 'stage' | 'role' | 'row';
type LogKey = 'refreshed' | 'sheet' | 'id' | 'name' | 'change' | 'from' | 'to' | 'row';

/** The snapshot's layouts, oldest first; the last one is written. */
export const SNAPSHOT_LAYOUTS: readonly {
  version: number;
  columns: readonly SavedColumn<SnapshotKey>[];
}[] = [
  {
    version: 1,
    columns: [
      // General throughout: texts are written as text on every surface anyway, and a cell
      // without a style keeps the snapshot (a cell per initiative and column) small.
      { key: 'sheet', header: 'Sheet', format: 'general', width: 20 },
      { key: 'id', header: 'ID', format: 'general', width: 12 },
      { key: 'name', header: 'Initiative', format: 'general', width: 42 },
      { key: 'stage', header: 'Stage', format: 'general', width: 15 },
      { key: 'role', header: 'I&O Role', format: 'general', width: 13 },
      { key: 'row', header: 'Row', format: 'general', width: 8 },
    ],
  },
];

/** The change log's layouts, oldest first; the last one is written. */
export const CHANGE_LOG_LAYOUTS: readonly {
  version: number;
  columns: readonly SavedColumn<LogKey>[];
}[] = [
  {
    version: 1,
    columns: [
      { key: 'refreshed', header: 'Refreshed', format: 'datetime', width: 17 },
      { key: 'sheet', header: 'Sheet', format: 'text', width: 20 },
      { key: 'id', header: 'ID', format: 'text', width: 12 },
      { key: 'name', header: 'Initiative', format: 'text', width: 42 },
      { key: 'change', header: 'Change', format: 'text', width: 14 },
      { key: 'from', header: 'From', format: 'text', width: 15 },
      { key: 'to', header: 'To', format: 'text', width: 15 },
      { key: 'row', header: 'Row', format: 'text', width: 10 },
    ],
  },
];

const SNAPSHOT = SNAPSHOT_LAYOUTS[SNAPSHOT_LAYOUTS.length - 1]!;
/** The written layout's column of each key. */
const SNAPSHOT_AT = Object.fromEntries(SNAPSHOT.columns.map((c, i) => [c.key, i])) as Record<
  SnapshotKey,
  number
>;

/**
 * The snapshot sheet is hidden when it is started: it is bookkeeping as long as the portfolio,
 * which "Print Entire Workbook" would otherwise print (100,000 initiatives: some 2,000 pages)
 * and a reader would page through. Hidden, not very hidden: Unhide lists it, so nothing is kept
 * from the reader; the change log, which the summary points to, stays in sight. Only when there
 * is no snapshot to read (a new, emptied or foreign sheet) is it hidden, so one its user unhid
 * stays in sight, and Excel on Windows and Mac, where Worksheet.visibility has no undo support,
 * gives up the one undo step only on the refresh that starts the snapshot (Excel is not
 * transactional: the run without the group finds the sheet the grouped run added, empty).
 */
export const SNAPSHOT_HIDDEN = true;
const LOG = CHANGE_LOG_LAYOUTS[CHANGE_LOG_LAYOUTS.length - 1]!;

/** An initiative as the last refresh left it. */
export interface PreviousEntry {
  sheet: string;
  id: string | null;
  name: string | null;
  stage: Stage | null;
  /** Null when the saved cell is not a role (edited by hand): the role is then not compared. */
  role: RoleOrUnclassified | null;
  /** Absolute 0-based sheet row where it was. */
  row: number;
}

/** The last refresh's initiatives, per inventory sheet (by lower-case name, as Excel compares). */
export interface PreviousState {
  version: number;
  bySheet: Map<string, PreviousEntry[]>;
  /** Every entry in saved order (kept for the sheets a refresh does not cover). */
  entries: PreviousEntry[];
}

/** Rows searched for the snapshot's header (it is row 1 as written; a reader may add a title). */
const HEADER_SEARCH = 5;

function text(v: CellValue | undefined): string | null {
  const t = headerText(v);
  return t === '' ? null : t;
}

/**
 * Reads the snapshot sheet's cells (from A1) into the last refresh's initiatives, or null when
 * there is no sheet or no layout's headers are found: the refresh then compares as version 0.
 */
export function parseSnapshot(
  cells: readonly (readonly CellValue[])[] | null,
): PreviousState | null {
  if (cells === null) return null;
  for (let at = 0; at < Math.min(HEADER_SEARCH, cells.length); at++) {
    const header = (cells[at] ?? []).map((v) => headerText(v).toLowerCase());
    // Newest first: a later layout may hold every header of an earlier one.
    for (const layout of [...SNAPSHOT_LAYOUTS].reverse()) {
      const cols = new Map(
        layout.columns.map((c) => [c.key, header.indexOf(c.header.toLowerCase())]),
      );
      if ([...cols.values()].some((i) => i === -1)) continue;
      // A row per initiative (100,000 at a time): the columns are looked up once.
      const col = Object.fromEntries(cols) as Record<SnapshotKey, number>;
      const entries: PreviousEntry[] = [];
      const bySheet = new Map<string, PreviousEntry[]>();
      // The sheet's entries as last seen: rows of one sheet follow each other in the snapshot.
      let lastSheet: string | null = null;
      let lastList: PreviousEntry[] = [];
      for (let i = at + 1; i < cells.length; i++) {
        const line = cells[i]!;
        const sheet = text(line[col.sheet]);
        const row = line[col.row];
        if (sheet === null || typeof row !== 'number' || !Number.isInteger(row) || row < 1)
          continue;
        const stage = text(line[col.stage]);
        const role = text(line[col.role]);
        const entry: PreviousEntry = {
          sheet,
          id: text(line[col.id]),
          name: text(line[col.name]),
          stage: (STAGES as readonly string[]).includes(stage ?? '') ? (stage as Stage) : null,
          role: (ROLES_AND_UNCLASSIFIED as readonly string[]).includes(role ?? '')
            ? (role as RoleOrUnclassified)
            : null,
          row: row - 1,
        };
        entries.push(entry);
        if (sheet !== lastSheet) {
          const k = sheet.toLowerCase();
          let list = bySheet.get(k);
          if (!list) bySheet.set(k, (list = []));
          lastSheet = sheet;
          lastList = list;
        }
        lastList.push(entry);
      }
      return { version: layout.version, bySheet, entries };
    }
  }
  return null;
}

/** One refreshed sheet's outcome as the change log records it. */
export interface SheetChanges {
  sheet: string;
  /** Its rows (their `sheet` may be unset on a one-sheet refresh). */
  rows: readonly RowResult[];
  /** Changes since the last refresh; null on the sheet's first refresh. */
  changes: readonly RoleChange[] | null;
  /** The sheet's name column (where the log's links go). */
  nameCol: number;
}

function widths<K extends string>(columns: readonly SavedColumn<K>[]) {
  return columns.map((c, col) => ({ col, width: c.width }));
}

/**
 * The change log's rows for this refresh and the snapshot the next one compares with (SPEC §4).
 * `sheets` are the refreshed sheets; the snapshot keeps the rows of every other sheet as the
 * last refresh left them. `state` is what the host read (nothing: as on a new workbook).
 */
export function planChangeLog(
  sheets: readonly SheetChanges[],
  previous: PreviousState | null,
  state: ChangeState | undefined,
  now: Date,
): ChangeLogWrite {
  const logLast = state?.logLastRow ?? null;
  const first = logLast === null ? 1 : logLast + 1;
  const cells: PlanCell[] = [];
  const at = excelSerial(now);
  let row = first;
  const put = (values: Record<LogKey, string>, link?: PlanCell['link']) => {
    LOG.columns.forEach((c, col) => {
      const value = c.key === 'refreshed' ? at : values[c.key];
      const cell: PlanCell = {
        row,
        col,
        value,
        format: c.format,
        style: link && c.key === 'row' ? 'link' : 'body',
      };
      if (link && c.key === 'row') cell.link = link;
      cells.push(cell);
    });
    row++;
  };
  const blank = { refreshed: '', id: '', name: '', from: '', to: '', row: '' };
  for (const s of sheets) {
    if (s.changes === null) {
      put({ ...blank, sheet: s.sheet, change: CHANGE_LOG_TEXT.firstRefresh });
      continue;
    }
    if (s.changes.length === 0) {
      put({ ...blank, sheet: s.sheet, change: CHANGE_LOG_TEXT.noChanges });
      continue;
    }
    for (const c of s.changes) {
      const removed = c.kind === 'removed';
      const col = c.nameCol ?? s.nameCol;
      put(
        {
          refreshed: '',
          sheet: c.sheet,
          id: c.id ?? '',
          name: c.name ?? '',
          change: BRIEF_TEXT.changeLabel[c.kind],
          from: c.from,
          to: c.to,
          // A removed initiative's row now holds another one (or nothing): no link.
          row: removed ? '' : toA1(c.row, col),
        },
        removed ? undefined : { sheet: c.sheet, row: c.row, col },
      );
    }
  }

  const refreshed = new Set(sheets.map((s) => s.sheet.toLowerCase()));
  const kept = (previous?.entries ?? []).filter((e) => !refreshed.has(e.sheet.toLowerCase()));
  const rows: (string | number | null)[][] = [];
  for (const e of kept) rows.push(snapshotRow(e.sheet, e.id, e.name, e.stage, e.role ?? '', e.row));
  for (const s of sheets) {
    for (const r of s.rows) {
      const i = r.initiative;
      rows.push(snapshotRow(r.sheet ?? s.sheet, i.id, i.name, i.stage, r.role, r.row));
    }
  }
  const snapshotCells = state?.snapshot ?? null;
  return {
    log: {
      name: CHANGES_SHEET,
      headers: LOG.columns.map((c) => c.header),
      writeHeader: logLast === null,
      cells,
      columnWidths: widths(LOG.columns),
      formats: LOG.columns.map((c) => c.format),
      print: changeLogPrint(now),
    },
    snapshot: {
      name: SNAPSHOT_SHEET,
      headers: SNAPSHOT.columns.map((c) => c.header),
      rows,
      formats: SNAPSHOT.columns.map((c) => c.format),
      columnWidths: widths(SNAPSHOT.columns),
      previousRows: state?.parsed?.rows ?? (snapshotCells === null ? 0 : snapshotCells.length),
      hidden: SNAPSHOT_HIDDEN && previous === null,
    },
  };
}

function snapshotRow(
  sheet: string,
  id: string | null,
  name: string | null,
  stage: Stage | null,
  role: RoleOrUnclassified | '',
  row: number,
): (string | number | null)[] {
  // A row per initiative: placed by the layout's column of each key, with no object between.
  const values = new Array<string | number | null>(SNAPSHOT.columns.length);
  values[SNAPSHOT_AT.sheet] = sheet;
  values[SNAPSHOT_AT.id] = id ?? '';
  values[SNAPSHOT_AT.name] = name ?? '';
  values[SNAPSHOT_AT.stage] = stage ?? '';
  values[SNAPSHOT_AT.role] = role;
  values[SNAPSHOT_AT.row] = row + 1;
  return values;
}

/** The last row (0-based) the change log's rows for this refresh reach, for the grid check. */
export function lastLogRow(write: ChangeLogWrite): number {
  return write.log.cells.reduce((m, c) => Math.max(m, c.row), 0);
}
