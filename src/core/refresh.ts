/**
 * One refresh, planned end to end: choose the inventory, detect headers, normalise,
 * classify, find opportunities, summarise and plan the writes. Pure: the adapters read
 * snapshots, call `planRefresh`, and apply the plan.
 */

import type { ClassifyContext } from './classify';
import { changesSince } from './changes';
import { classify } from './classify';
import { chooseInventory } from './headers';
import { problem } from './messages';
import type {
  Field,
  HeaderDetection,
  Projection,
  RefreshInput,
  RefreshOutcome,
  RoleChange,
  RoleOrUnclassified,
  RowResult,
  SheetSnapshot,
} from './model';
import { FIELDS } from './model';
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
  const reader: RowReader = makeRowReader(sheet, detection, words);
  const ctx: ClassifyContext = { cols: reader.cols, headers: reader.headers };
  const { firstRow, lastRow } = dataRows(sheet, detection);
  const out: RowResult[] = [];
  const top = sheet.origin.row;
  const end = Math.min(lastRow, top + sheet.values.length - 1);
  for (let row = Math.max(firstRow, top); row <= end; row++) {
    const norm = normaliseRow(reader, sheet.values[row - top]!, row);
    if (norm !== null) out.push(evaluateRow(norm, ctx));
  }
  return out;
}

/** What a refresh has decided before classifying: the inventory, its headers, the words. */
interface RefreshStart {
  sheet: SheetSnapshot;
  detection: HeaderDetection;
  words: WordBook;
}

/** Chooses and checks the inventory and compiles the words: everything before classifying. */
function startRefresh(input: RefreshInput): RefreshStart {
  const { sheet, detection } = chooseInventory(input.sheets, input.options);
  if (sheet.isProtected) throw problem('protected-sheet', { sheet: sheet.name });
  if (detection.columns.name.col === null) throw problem('no-name-column', { sheet: sheet.name });
  // A bad word list stops the refresh with one sentence before anything is planned.
  const words = compileWords(input.options.words ?? []);
  return { sheet, detection, words };
}

/** Summarises the classified rows and plans every write. */
function finishRefresh(
  input: RefreshInput,
  { sheet, detection, words }: RefreshStart,
  rows: RowResult[],
): RefreshOutcome {
  if (rows.length === 0) throw problem('inventory-empty', { sheet: sheet.name });
  addCurrencyIssues(rows, () => detection.columns.budget.col);
  const summary = summarise(sheet.name, rows, (f) => detection.columns[f].col !== null);
  summary.wordsUsed = words.used();
  summary.trend = shareTrend(input.history ?? null, input.historyRowCount);
  if (input.options.sourceHeaders) {
    summary.bySource = rolesBySource(sheet, detection.headerRow, rows, input.options.sourceHeaders);
  }
  const inventory = planInventory(sheet, detection, rows);
  const changes = changesSince(sheet, detection.headerRow, rows);
  return {
    detection,
    rows,
    summary,
    changes,
    plan: {
      inventory,
      summary: planSummarySheet(summary, detection, input.now, changes, rows),
      history: input.options.history
        ? planHistory(summary, input.now, input.historyRowCount, changes)
        : null,
    },
  };
}

/**
 * Plans one refresh (SPEC §2–§4). Throws RoleMapError for what the user can fix: no
 * inventory, unknown sheet or mapped header, no name column, empty inventory, protected
 * sheet, output columns blocked by data.
 */
export function planRefresh(input: RefreshInput): RefreshOutcome {
  const start = startRefresh(input);
  return finishRefresh(input, start, classifySheet(start.sheet, start.detection, start.words));
}

/** Rows classified between two reports of `planRefreshInSteps`. */
export const CLASSIFY_STEP_ROWS = 1_000;

/**
 * `planRefresh`, with the classification in steps of CLASSIFY_STEP_ROWS data rows: after each,
 * `step(done, total)` reports the initiatives classified so far (of the data rows' count) and
 * may yield, so a host can show real progress on a large inventory. Same result as planRefresh.
 */
export async function planRefreshInSteps(
  input: RefreshInput,
  step: (done: number, total: number) => Promise<void>,
): Promise<RefreshOutcome> {
  const start = startRefresh(input);
  const { sheet, detection, words } = start;
  const reader: RowReader = makeRowReader(sheet, detection, words);
  const ctx: ClassifyContext = { cols: reader.cols, headers: reader.headers };
  const { firstRow, lastRow } = dataRows(sheet, detection);
  const top = sheet.origin.row;
  const from = Math.max(firstRow, top);
  const end = Math.min(lastRow, top + sheet.values.length - 1);
  // The initiatives to classify: rows with an input cell, as normaliseRow skips blank ones.
  const inputs = reader.inputIndexes;
  let total = 0;
  for (let r = from; r <= end; r++) {
    const values = sheet.values[r - top]!;
    if (inputs.some((i) => !isEmptyCell(values[i]))) total++;
  }
  // Row by row as classifySheet does (the words book counts uses in that order).
  const rows: RowResult[] = [];
  for (let row = from; row <= end; row += CLASSIFY_STEP_ROWS) {
    const stop = Math.min(end, row + CLASSIFY_STEP_ROWS - 1);
    for (let r = row; r <= stop; r++) {
      const norm = normaliseRow(reader, sheet.values[r - top]!, r);
      if (norm !== null) rows.push(evaluateRow(norm, ctx));
    }
    await step(rows.length, total);
  }
  return finishRefresh(input, start, rows);
}

/**
 * Plans one refresh of several inventory sheets as one portfolio (SPEC §2): each sheet keeps
 * its own detection and mapping and gets its own output columns; the summary, the changes and
 * the history cover the union, with roles by sheet. `outcome.detection` is the first sheet's.
 */
export function planRefreshSheets(input: RefreshInput, names: readonly string[]): RefreshOutcome {
  const opts = input.options;
  // The workbook's own words apply on every sheet; a bad list stops before anything is planned.
  const words = compileWords(opts.words ?? []);
  const parts = names.map((name) => {
    const mapping = opts.mappings?.[name] ?? opts.mapping;
    const { sheet, detection } = chooseInventory(input.sheets, {
      sheet: name,
      ...(mapping ? { mapping } : {}),
      ...(opts.headerRows ? { headerRows: opts.headerRows } : {}),
    });
    if (sheet.isProtected) throw problem('protected-sheet', { sheet: sheet.name });
    if (detection.columns.name.col === null) throw problem('no-name-column', { sheet: sheet.name });
    const nameCol = detection.columns.name.col;
    const rows = classifySheet(sheet, detection, words).map((r) => ({
      ...r,
      sheet: sheet.name,
      nameCol,
    }));
    if (rows.length === 0) throw problem('inventory-empty', { sheet: sheet.name });
    return { sheet, detection, rows };
  });
  const rows = parts.flatMap((p) => p.rows);
  const budgetCols = new Map(parts.map((p) => [p.sheet.name, p.detection.columns.budget.col]));
  addCurrencyIssues(rows, (r) => budgetCols.get(r.sheet ?? '') ?? null);
  const first = parts[0]!;
  const summary = summarise(parts.map((p) => p.sheet.name).join(', '), rows, (f) =>
    parts.some((p) => p.detection.columns[f].col !== null),
  );
  summary.bySheet = rolesBySheet(rows);
  summary.wordsUsed = words.used();
  summary.trend = shareTrend(input.history ?? null, input.historyRowCount);
  const inventories = parts.map((p) => planInventory(p.sheet, p.detection, p.rows));
  const each = parts.map((p) =>
    changesSince(p.sheet, p.detection.headerRow, p.rows)?.map((c) => ({
      ...c,
      nameCol: p.detection.columns.name.col ?? 0,
    })),
  );
  const changes = each.every((c) => c == null) ? null : each.flatMap((c) => c ?? []);
  return {
    detection: first.detection,
    detections: parts.map((p) => p.detection),
    rows,
    summary,
    changes,
    plan: {
      inventory: inventories[0]!,
      moreInventories: inventories.slice(1),
      summary: planSummarySheet(summary, first.detection, input.now, changes, rows),
      history: opts.history
        ? planHistory(summary, input.now, input.historyRowCount, changes)
        : null,
    },
  };
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
