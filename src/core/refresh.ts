/**
 * One refresh, planned end to end, on one path for one inventory sheet or several: choose
 * the inventory sheets and detect their headers (`chooseSheets`, on a host's probes), then
 * normalise, classify, find opportunities, summarise and plan the writes (`planning`, on the
 * chosen sheets read in full). Pure: core/host.ts runs it over a host; `planRefresh` runs it
 * over snapshots already read.
 */

import type { ClassifyContext } from './classify';
import type { RowMemo } from './memo-keys';
import { newRowMemo } from './memo-keys';
import { changesSince } from './changes';
import { classify } from './classify';
import { chooseInventory } from './headers';
import { problem } from './messages';
import type { RoleOrUnclassified } from './domain';
import { SUMMARY_SHEET } from './domain';
import type { Field } from './fields';
import type { HeaderDetection, RefreshInput, RefreshOptions, SheetSnapshot } from './input';
import type { Projection, RefreshOutcome, RoleChange, RowResult } from './results';
import { FIELDS } from './fields';
import type { NormalisedRow, RowReader } from './normalise';
import { isEmptyCell, makeRowReader, normaliseRow } from './normalise';
import { opportunity } from './opportunity';
import { dataRows, planInventory } from './plan';
import { planHistory, planSummarySheet } from './summary-sheet';
import type { WordBook } from './words';
import { compileWords } from './words';
import { rolesBySheet, rolesBySource, summarise } from './summary';
import { headline } from './report';
import { addCurrencyIssues } from './money';
import { shareTrend } from './last-refresh';
import { parseSnapshot, planChangeLog } from './change-log';

/** Classifies one normalised row and adds its opportunity: the full row result. */
export function evaluateRow(norm: NormalisedRow, ctx: ClassifyContext): RowResult {
  const init = norm.initiative;
  const c = classify(init, ctx);
  const issues = c.issues.length === 0 ? norm.issues : norm.issues.concat(c.issues);
  const o = opportunity(init, c.role, ctx, issues);
  return {
    row: init.row,
    initiative: init,
    role: c.role,
    ruleRole: c.ruleRole,
    rationale: c.rationale,
    nextRole: o.nextRole,
    priority: o.priority,
    action: o.action,
    issues,
  };
}

/** Normalises and classifies every data row of the inventory, in sheet order (blank rows skipped). */
export function classifySheet(
  sheet: SheetSnapshot,
  detection: HeaderDetection,
  words: WordBook | null = null,
): RowResult[] {
  const rows: RowResult[] = [];
  const steps = classifyInSteps(sheet, detection, words, rows, null, newRowMemo());
  while (!steps.next().done);
  return rows;
}

/** One inventory sheet chosen for a refresh: its name and its headers, detected once. */
export interface ChosenSheet {
  name: string;
  detection: HeaderDetection;
}

/**
 * Chooses the inventory sheets of a refresh from `candidates` (a host's header probes, or
 * full snapshots): the sheets `options.sheets` names when it names two or more (each with
 * its own mapping), else the one sheet named or detected. The detection made here is the
 * one the refresh uses: the full read does not choose again. `present` (every worksheet's
 * name) lets a saved list name the sheet it lost. Throws RoleMapError: saved-sheet-missing,
 * sheet-not-found, no-inventory, mapping-header-not-found, no-name-column.
 */
export function chooseSheets(
  candidates: readonly SheetSnapshot[],
  options: RefreshOptions,
  present?: readonly string[],
): ChosenSheet[] {
  const several = [...new Set(options.sheets ?? [])];
  let chosen: { sheet: SheetSnapshot; detection: HeaderDetection }[];
  if (several.length >= 2) {
    // A saved sheet renamed or deleted since it was chosen stops the refresh before anything
    // is read, and the sentence says it was the saved list (SPEC §6).
    if (options.savedSheets && present) {
      const lower = new Set(present.map((n) => n.toLowerCase()));
      const missing = several.find((name) => !lower.has(name.toLowerCase()));
      if (missing !== undefined) {
        throw problem('saved-sheet-missing', {
          sheet: missing,
          saved: several,
          surface: options.savedSheets,
        });
      }
    }
    chosen = several.map((name) => {
      const mapping = options.mappings?.[name] ?? options.mapping;
      return chooseInventory(candidates, {
        sheet: name,
        ...(mapping ? { mapping } : {}),
        ...(options.headerRows ? { headerRows: options.headerRows } : {}),
      });
    });
  } else {
    chosen = [chooseInventory(candidates, options)];
  }
  for (const { sheet, detection } of chosen) {
    if (detection.columns.name.col === null) throw problem('no-name-column', { sheet: sheet.name });
  }
  return chosen.map(({ sheet, detection }) => ({ name: sheet.name, detection }));
}

/** Data rows classified between two reports of the planner's progress. */
export const CLASSIFY_STEP_ROWS = 1_000;

/** Progress of the classification: initiatives classified so far, of how many. */
export interface ClassifyProgress {
  done: number;
  total: number;
}

/** The initiatives on a sheet's data rows: rows with an input cell (normaliseRow skips the rest). */
function initiativeCount(sheet: SheetSnapshot, detection: HeaderDetection, reader: RowReader) {
  const { firstRow, lastRow } = dataRows(sheet, detection);
  const top = sheet.origin.row;
  const end = Math.min(lastRow, top + sheet.values.length - 1);
  let total = 0;
  for (let r = Math.max(firstRow, top); r <= end; r++) {
    const values = sheet.values[r - top]!;
    if (reader.inputIndexes.some((i) => !isEmptyCell(values[i]))) total++;
  }
  return total;
}

/**
 * Classifies a sheet's rows into `out`, row by row in sheet order (the words book counts uses
 * in that order); with `progress`, yields after every CLASSIFY_STEP_ROWS data rows.
 */
function* classifyInSteps(
  sheet: SheetSnapshot,
  detection: HeaderDetection,
  words: WordBook | null,
  out: RowResult[],
  progress: { done: number; total: number } | null,
  memo: RowMemo,
): Generator<ClassifyProgress, void, void> {
  const reader: RowReader = makeRowReader(sheet, detection, words);
  const ctx: ClassifyContext = { cols: reader.cols, headers: reader.headers, memo };
  const { firstRow, lastRow } = dataRows(sheet, detection);
  const top = sheet.origin.row;
  const from = Math.max(firstRow, top);
  const end = Math.min(lastRow, top + sheet.values.length - 1);
  for (let row = from; row <= end; row += CLASSIFY_STEP_ROWS) {
    const stop = Math.min(end, row + CLASSIFY_STEP_ROWS - 1);
    const before = out.length;
    for (let r = row; r <= stop; r++) {
      const norm = normaliseRow(reader, sheet.values[r - top]!, r);
      if (norm !== null) out.push(evaluateRow(norm, ctx));
    }
    if (progress) {
      progress.done += out.length - before;
      yield { done: progress.done, total: progress.total };
    }
  }
}

/**
 * The one planner of a refresh (SPEC §2–§4), for one inventory sheet or several as one
 * portfolio: each chosen sheet (with the detection chosen on the probe) is classified and
 * gets its own output columns; the summary, the changes and the history cover the union, with
 * roles by sheet when there are several. `sheets` holds the chosen sheets read in full. With
 * `progress`, yields after each step of the classification, so a host can show progress and
 * give its UI a turn. Throws RoleMapError for what the user can fix: a bad word list,
 * a protected sheet, an empty inventory, output columns blocked.
 */
export function* planning(
  input: RefreshInput,
  chosen: readonly ChosenSheet[],
  progress = false,
): Generator<ClassifyProgress, RefreshOutcome, void> {
  const opts = input.options;
  const parts = chosen.map((c) => {
    const sheet = input.sheets.find((s) => s.name === c.name);
    if (!sheet) throw new Error(`The planner was given no snapshot of "${c.name}".`);
    if (sheet.isProtected) throw problem('protected-sheet', { sheet: sheet.name });
    return { sheet, detection: c.detection, rows: [] as RowResult[] };
  });
  // The workbook's own words apply on every sheet; a bad list stops before anything is planned.
  const words = compileWords(opts.words ?? []);
  const count = progress
    ? {
        done: 0,
        total: parts.reduce(
          (n, p) => n + initiativeCount(p.sheet, p.detection, makeRowReader(p.sheet, p.detection)),
          0,
        ),
      }
    : null;
  const several = parts.length > 1;
  // What this refresh remembers while it classifies, for its sheets together; dropped with it.
  const memo = newRowMemo();
  for (const p of parts) {
    yield* classifyInSteps(p.sheet, p.detection, words, p.rows, count, memo);
    if (p.rows.length === 0) throw problem('inventory-empty', { sheet: p.sheet.name });
    // Rows of a portfolio of several sheets carry their sheet (and where its names are).
    if (several) {
      const nameCol = p.detection.columns.name.col ?? 0;
      p.rows = p.rows.map((r) => ({ ...r, sheet: p.sheet.name, nameCol }));
    }
  }
  const rows = parts.flatMap((p) => p.rows);
  const budgetCols = new Map(parts.map((p) => [p.sheet.name, p.detection.columns.budget.col]));
  const firstBudget = parts[0]!.detection.columns.budget.col;
  addCurrencyIssues(rows, (r) =>
    r.sheet === undefined ? firstBudget : (budgetCols.get(r.sheet) ?? null),
  );
  const first = parts[0]!;
  const summary = summarise(
    parts.map((p) => p.sheet.name),
    rows,
    (f) => parts.some((p) => p.detection.columns[f].col !== null),
  );
  if (several) summary.bySheet = rolesBySheet(rows);
  summary.wordsUsed = words.used();
  summary.trend = shareTrend(input.history ?? null, input.historyRowCount);
  if (opts.sourceHeaders && !several) {
    summary.bySource = rolesBySource(
      first.sheet,
      first.detection.headerRow,
      rows,
      opts.sourceHeaders,
    );
  }
  const inventories = parts.map((p) =>
    planInventory(p.sheet, p.detection, p.rows, input.capabilities),
  );
  // What the last refresh left to compare with: its snapshot, else the output columns.
  const state = input.changeState;
  const previous = state?.parsed ? state.parsed.previous : parseSnapshot(state?.snapshot ?? null);
  const each = parts.map((p) => {
    const found = changesSince(p.sheet, p.detection.headerRow, p.rows, previous);
    if (!several || found === null) return found;
    return found.map((c): RoleChange => ({ ...c, nameCol: p.detection.columns.name.col ?? 0 }));
  });
  const changes = each.every((c) => c === null) ? null : each.flatMap((c) => c ?? []);
  const changeLog = opts.history
    ? planChangeLog(
        parts.map((p, i) => ({
          sheet: p.sheet.name,
          rows: p.rows,
          changes: each[i]!,
          nameCol: p.detection.columns.name.col ?? 0,
        })),
        previous,
        input.changeState,
        input.now,
      )
    : null;
  return {
    detection: first.detection,
    detections: parts.map((p) => p.detection),
    rows,
    summary,
    changes,
    plan: {
      inventory: inventories[0]!,
      ...(several ? { moreInventories: inventories.slice(1) } : {}),
      summary: planSummarySheet(summary, first.detection, input.now, changes, rows),
      history: opts.history
        ? planHistory(summary, input.now, input.historyRowCount, changes, input.history ?? null)
        : null,
      changeLog,
      // SPEC §4: the refreshed workbook opens on the summary, so Print prints the brief.
      openOn: SUMMARY_SHEET,
    },
  };
}

/**
 * Plans one refresh from full snapshots (tests, the command line's consolidation, the pure
 * uses): chooses the inventory sheets among `input.sheets` and runs the one planner.
 */
export function planRefresh(input: RefreshInput): RefreshOutcome {
  const steps = planning(input, chooseSheets(input.sheets, input.options));
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** One row of the CLI's `--json` report (SPEC §5). */
export interface JsonReportRow {
  /** Worksheet row number as Excel shows it (1-based). */
  row: number;
  /** The row's inventory sheet, when several are refreshed together. */
  sheet?: string;
  id: string | null;
  name: string | null;
  role: RoleOrUnclassified;
  rationale: string;
  nextRole: string;
  priority: string;
  action: string;
  issues: string[];
}

/** The CLI's `--json` output, exactly as SPEC §5 describes it. */
export interface JsonReport {
  sheet: string;
  /** Header row number as Excel shows it (1-based). */
  headerRow: number;
  /** Field → header text, for mapped or detected fields only. */
  mapping: Partial<Record<Field, string>>;
  /** Each sheet's header row (1-based) and mapping, when several are refreshed together. */
  sheets?: { name: string; headerRow: number; mapping: Partial<Record<Field, string>> }[];
  rows: JsonReportRow[];
  summary: {
    total: number;
    classified: number;
    counts: Record<RoleOrUnclassified, number>;
    activeShare: number | null;
    /** The brief's sentences (report.ts), as they open every surface. */
    headline: string[];
    projection: Projection;
  };
  /** Changes since the last refresh (`from` "" for an added initiative); [] on a first refresh. */
  changes: JsonReportChange[];
}

/** One change of the `--json` report; `row` as Excel shows it (1-based). */
export interface JsonReportChange {
  kind: RoleChange['kind'];
  row: number;
  sheet: string;
  id: string | null;
  name: string | null;
  /** A role or a stage; "" for an added initiative. */
  from: RoleChange['from'];
  /** A role or a stage; "" for a removed initiative. */
  to: RoleChange['to'];
}

/** Field → header text of one detection, for mapped or detected fields only. */
function mappingOf(detection: HeaderDetection): Partial<Record<Field, string>> {
  const mapping: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) {
    const m = detection.columns[field];
    if (m.col !== null && m.header !== null) mapping[field] = m.header;
  }
  return mapping;
}

/**
 * Builds the `--json` report of a refresh. Over several sheets (SPEC §5) every row carries
 * its `sheet` and `sheets` lists each sheet's header row and mapping; the top-level `sheet`,
 * `headerRow` and `mapping` stay the first sheet's, as before.
 */
export function toJsonReport(outcome: RefreshOutcome): JsonReport {
  const several = (outcome.detections?.length ?? 0) > 1 ? outcome.detections! : null;
  const s = outcome.summary;
  return {
    sheet: outcome.detection.sheet,
    headerRow: outcome.detection.headerRow + 1,
    mapping: mappingOf(outcome.detection),
    ...(several
      ? {
          sheets: several.map((d) => ({
            name: d.sheet,
            headerRow: d.headerRow + 1,
            mapping: mappingOf(d),
          })),
        }
      : {}),
    rows: outcome.rows.map((r) => ({
      row: r.row + 1,
      ...(several ? { sheet: r.sheet ?? outcome.detection.sheet } : {}),
      id: r.initiative.id,
      name: r.initiative.name,
      role: r.role,
      rationale: r.rationale,
      nextRole: r.nextRole,
      priority: r.priority,
      action: r.action,
      issues: r.issues.map((i) => i.message),
    })),
    summary: {
      total: s.total,
      classified: s.classified,
      counts: { ...s.counts },
      activeShare: s.activeShare,
      headline: headline(outcome),
      projection: {
        high: { ...s.projection.high },
        highAndMedium: { ...s.projection.highAndMedium },
      },
    },
    changes: (outcome.changes ?? []).map((c) => ({
      kind: c.kind,
      row: c.row + 1,
      sheet: c.sheet,
      id: c.id,
      name: c.name,
      from: c.from,
      to: c.to,
    })),
  };
}
