/**
 * `iot-role-map`: the command line over the .xlsx adapter (SPEC §5). Every failure is one
 * sentence from the message catalogue on stderr and an exit code (2 usage, 3 unusable input,
 * 1 unexpected); the input is never changed unless --in-place, and output is written to a
 * temporary file in the same folder and renamed, so a crash never leaves half a workbook.
 */

import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import {
  CLI_TEXT,
  paramsOf,
  problem,
  RoleMapError,
  userMessage,
  type ProblemCode,
} from '../core/messages';
import type { RefreshOutcome } from '../core/results';
import { FIELDS } from '../core/fields';
import { columnLetter } from '../core/address';
import { findHeaderRow, headerText } from '../core/headers';
import { leftOutColumns, notFound, type LeftOutColumn, type LeftOutSheet } from '../core/left-out';
import { FIELD_LABELS } from '../core/vocab';
import { toJsonReport } from '../core/refresh';
import { reportBlocks, ROLE_ORDER } from '../core/report';
import { generateSampleInventory, SAMPLE_HEADERS } from './sample';
import { readInputFile, writeAtomically } from './files';
import { createWorkbook, readWorkbook, refreshFile, snapshots } from '../xlsx/index';
import { savedSettingsOf } from '../xlsx/settings';
import { parseWordList } from '../core/words';
import { consolidateFiles, type ConsolidateResult } from '../xlsx/consolidate';
import { parseArgs, USAGE, type Command } from './args';
import { writeJson } from './json';
import { refreshOptions, savedSettingsLine } from './saved';

/** Where the command line writes; injectable so tests run main() in-process. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal (progress is shown only then). */
  stderrIsTTY: boolean;
  now: () => Date;
}

const defaultIo: Io = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  now: () => new Date(),
};

/** Codes that are the user's usage mistakes (exit 2); other catalogue problems exit 3. */
const USAGE_CODES: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'usage',
  'mapping-field-unknown',
  'output-exists-as-input',
  'output-exists',
  'refresh-output-exists',
  'map-sheet-not-refreshed',
  'output-unwritable',
  'not-a-portfolio',
]);

/** Files larger than this get progress lines on a terminal. */
const PROGRESS_BYTES = 2 * 1024 * 1024;
/** Consolidating at least this many files shows one progress line per file on a terminal. */
const PROGRESS_FILES = 4;
/** Duplicate IDs named on stderr before the rest are counted. */
const DUPLICATES_SHOWN = 10;

/** Runs the command line; resolves to the process exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  await Promise.resolve();
  try {
    const cmd = parseArgs(argv);
    switch (cmd.kind) {
      case 'help':
        io.stdout(`${USAGE}\n`);
        return 0;
      case 'version':
        io.stdout(`${version()}\n`);
        return 0;
      case 'sample':
        return runSample(cmd, io);
      case 'refresh':
        return await refreshCommand(cmd, io);
      case 'consolidate':
        return await consolidateCommand(cmd, io);
    }
  } catch (err) {
    io.stderr(`${userMessage(err, 'file')}\n`);
    if (err instanceof RoleMapError) {
      if (err.code === 'unexpected') return 1;
      return USAGE_CODES.has(err.code) ? 2 : 3;
    }
    return 1;
  }
}

function version(): string {
  // package.json sits two folders up from both src/cli and lib/cli.
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

// Reading inputs and writing outputs (a true replace) live in files.ts.
export { writeAtomically };

/** Default output path: x.xlsx → x.roles.xlsx, x.xlsm → x.roles.xlsm. */
export function defaultOutput(input: string): string {
  const ext = extname(input);
  const lower = ext.toLowerCase();
  const keep = lower === '.xlsm' || lower === '.xlsx' ? ext : '.xlsx';
  const stem = lower === '.xlsm' || lower === '.xlsx' ? input.slice(0, -ext.length) : input;
  return `${stem}.roles${keep}`;
}

function readInput(path: string): Uint8Array {
  return readInputFile(path);
}

/** A words file's text; a missing or unreadable file is one sentence. */
function readText(path: string): string {
  return new TextDecoder('utf-8').decode(readInputFile(path, 'words file'));
}

/** Where a refresh writes, and why there (the sentence after the summary says which). */
export interface RefreshTarget {
  path: string;
  /** in-place: --in-place; roles-copy: the input is a refreshed copy (X.roles.xlsx). */
  how: 'in-place' | 'roles-copy' | 'out' | 'default';
}

/** True for a file a refresh wrote beside its original: X.roles.xlsx or X.roles.xlsm. */
export function isRolesCopy(path: string): boolean {
  return /\.roles\.(xlsx|xlsm)$/i.test(basename(path));
}

/**
 * Where `refresh` writes: the input with --in-place; --out; a refreshed copy (X.roles.xlsx)
 * into itself, so its history continues (never X.roles.roles.xlsx); else X.roles.xlsx.
 */
export function refreshTarget(cmd: Extract<Command, { kind: 'refresh' }>): RefreshTarget {
  if (cmd.inPlace) return { path: cmd.input, how: 'in-place' };
  if (cmd.out !== null) {
    if (resolve(cmd.out) === resolve(cmd.input)) {
      throw problem('output-exists-as-input', { path: cmd.out });
    }
    return { path: cmd.out, how: 'out' };
  }
  if (isRolesCopy(cmd.input)) return { path: cmd.input, how: 'roles-copy' };
  return { path: defaultOutput(cmd.input), how: 'default' };
}

/** The sentence that says where the refresh went. */
function targetLine(target: RefreshTarget, replaced: boolean): string {
  switch (target.how) {
    case 'in-place':
      return CLI_TEXT.inPlace(target.path);
    case 'roles-copy':
      return CLI_TEXT.rolesCopy(target.path);
    case 'out':
    case 'default':
      return replaced ? CLI_TEXT.replaced(target.path) : CLI_TEXT.wrote(target.path);
  }
}

async function refreshCommand(cmd: Extract<Command, { kind: 'refresh' }>, io: Io): Promise<number> {
  const input = cmd.input;
  const target = refreshTarget(cmd);
  const out = target.path;
  // An existing output may hold a planner's own work (notes, Role Override values): it is
  // replaced only when asked (--force), and the sentence says how to continue its history.
  const replacing = target.how !== 'in-place' && target.how !== 'roles-copy' && existsSync(out);
  if (replacing && !cmd.force) {
    throw problem('refresh-output-exists', {
      path: out,
      input,
      rolesCopy: target.how === 'default',
    });
  }
  const bytes = readInput(input);
  const progress = io.stderrIsTTY && bytes.length > PROGRESS_BYTES;
  const started = Date.now();
  const fileWords = cmd.words === null ? null : parseWordList(readText(cmd.words), cmd.words);
  const saved = savedSettingsOf(bytes, input);
  if (saved.warning !== null) io.stderr(`Warning: ${saved.warning}\n`);
  const { options, used } = refreshOptions(cmd, saved, fileWords);
  let result: Awaited<ReturnType<typeof refreshFile>>;
  try {
    result = await refreshFile(bytes, input, options, io.now(), (phase) => {
      if (progress) io.stderr(`${phase}… (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    });
  } catch (err) {
    throw inFileWords(err, bytes, input);
  }
  if (progress) io.stderr(`saving ${out}…\n`);
  writeAtomically(out, result.bytes);
  const outcome = result.outcome;
  const several = (outcome.detections?.length ?? 0) > 1;
  const leftOut = (outcome.detections ?? [outcome.detection]).flatMap(leftOutColumns);
  for (const w of outcome.detection.warnings) {
    // The ambiguous-column note is said below with the flag that takes the column.
    if (!leftOut.some((c) => w.includes(`("${c.header}")`))) io.stderr(`Note: ${w}\n`);
  }
  if (cmd.json) {
    const report = toJsonReport(outcome);
    // Added to the SPEC §5 shape only when they apply, so a plain refresh prints exactly it
    // (and where it was written).
    const json = {
      ...report,
      ...(options.words
        ? { summary: { ...report.summary, wordsUsed: outcome.summary.wordsUsed ?? [] } }
        : {}),
      ...(used !== null ? { savedSettings: used } : {}),
      ...leftOutJson(outcome.leftOutSheets ?? [], leftOut),
      output: resolve(out),
    };
    writeJson(json, io.stdout);
    io.stdout('\n');
  } else {
    const line = savedSettingsLine(used);
    const lines = [
      ...(line === null ? [] : [line]),
      ...usedLines(outcome),
      ...leftOutLines(outcome, leftOut, several),
    ];
    io.stdout(`${lines.map((l) => `${l}\n`).join('')}${humanSummary(outcome)}`);
    io.stdout(`${targetLine(target, replacing)}\n`);
  }
  return 0;
}

/** One line per refreshed sheet: its header row and the columns used, field = "Header" (B). */
function usedLines(outcome: RefreshOutcome): string[] {
  return (outcome.detections ?? [outcome.detection]).map((d) => {
    const columns = FIELDS.flatMap((f) => {
      const m = d.columns[f];
      return m.col === null || m.header === null
        ? []
        : [`${f} = "${m.header}" (${columnLetter(m.col)})`];
    });
    return CLI_TEXT.mapping(d.sheet, d.headerRow + 1, columns);
  });
}

/** The sheets and columns left out, each with the flag that takes it in. */
function leftOutLines(
  outcome: RefreshOutcome,
  columns: readonly LeftOutColumn[],
  several: boolean,
): string[] {
  const detections = outcome.detections ?? [outcome.detection];
  const refreshed = detections.map((d) => d.sheet);
  const notFoundLines = detections.flatMap((d) => {
    const { missing, unused } = notFound(d);
    if (missing.length === 0) return [];
    const header = unused[0]?.text ?? 'Header';
    const flag = `--map ${several ? `${quoteArg(d.sheet)}:` : ''}${missing[0]!}=${quoteArg(header)}`;
    return [
      CLI_TEXT.notFound(
        d.sheet,
        missing.map((f) => FIELD_LABELS[f]),
        unused.map((h) => `"${h.text}" (${columnLetter(h.col)})`),
        flag,
      ),
    ];
  });
  return [
    ...notFoundLines,
    ...(outcome.leftOutSheets ?? []).map((s) =>
      CLI_TEXT.leftOutSheet(s.name, s.recognised, refreshed),
    ),
    ...columns.map((c) =>
      CLI_TEXT.leftOutColumn(
        columnLetter(c.col),
        c.header,
        c.sheet,
        FIELD_LABELS[c.field],
        `${columnLetter(c.used.col)} ("${c.used.header}")`,
        `--map ${several ? `${quoteArg(c.sheet)}:` : ''}${c.field}=${quoteArg(c.header)}`,
      ),
    ),
  ];
}

/** What `--json` adds about what was left out, only when something was. */
function leftOutJson(
  sheets: readonly LeftOutSheet[],
  columns: readonly LeftOutColumn[],
): { leftOut?: object } {
  if (sheets.length === 0 && columns.length === 0) return {};
  return {
    leftOut: {
      sheets,
      columns: columns.map((c) => ({
        sheet: c.sheet,
        field: c.field,
        column: columnLetter(c.col),
        header: c.header,
        instead: columnLetter(c.used.col),
      })),
    },
  };
}

/** A value as a shell takes it: bare when it is one plain word, else in double quotes. */
function quoteArg(value: string): string {
  return /^[\w.,@%+-]+$/.test(value) ? value : `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
}

/**
 * The core's sentences that name a sheet or a mapped header, said for a file: the sheets it
 * has, or the headers of the row, so the next command can be typed from the message.
 */
function inFileWords(err: unknown, bytes: Uint8Array, path: string): unknown {
  const notFound = paramsOf(err, 'sheet-not-found');
  const notMapped = paramsOf(err, 'mapping-header-not-found');
  const noName = paramsOf(err, 'no-name-column');
  if (notFound === null && notMapped === null && noName === null) return err;
  const file = readWorkbook(bytes, path);
  if (notFound !== null) {
    const sheets = file.sheets.filter((s) => s.kind === 'worksheet').map((s) => s.name);
    return problem('sheet-not-in-file', { sheet: notFound.sheet, path, sheets });
  }
  if (noName !== null) {
    const sheet = snapshots(file).find((s) => s.name === noName.sheet);
    if (!sheet) return err;
    const row = findHeaderRow(sheet) ?? sheet.origin.row;
    const headers = (sheet.values[row - sheet.origin.row] ?? []).map(headerText).filter(Boolean);
    return problem('no-name-column-in-file', { sheet: noName.sheet, row: row + 1, headers });
  }
  const p = notMapped!;
  const sheet = snapshots(file).find((s) => s.name === p.sheet);
  const key = FIELDS.find((f) => FIELD_LABELS[f] === p.field);
  if (!sheet || key === undefined) return err;
  const row = findHeaderRow(sheet) ?? sheet.origin.row;
  const headers = (sheet.values[row - sheet.origin.row] ?? []).map(headerText).filter(Boolean);
  return problem('mapping-header-not-in-file', {
    field: p.field,
    key,
    header: p.header,
    sheet: p.sheet,
    row: row + 1,
    headers,
  });
}

async function consolidateCommand(
  cmd: Extract<Command, { kind: 'consolidate' }>,
  io: Io,
): Promise<number> {
  const out = cmd.out;
  for (const input of cmd.inputs) {
    if (resolve(input) === resolve(out)) throw problem('output-exists-as-input', { path: out });
  }
  const progress = io.stderrIsTTY && cmd.inputs.length >= PROGRESS_FILES;
  // Every input is read before anything is decided, so a missing file stops it all (or is
  // skipped with --skip-unreadable) before a byte is written.
  const inputs: { path: string; bytes: Uint8Array }[] = [];
  const unreadable: { path: string; message: string }[] = [];
  for (const path of cmd.inputs) {
    try {
      inputs.push({ path, bytes: readInput(path) });
    } catch (err) {
      if (!cmd.skipUnreadable) {
        throw problem('consolidate-input', { path, reason: userMessage(err) });
      }
      unreadable.push({ path, message: userMessage(err) });
    }
  }
  if (inputs.length === 0) {
    const first = unreadable[0]!;
    throw problem('consolidate-input', { path: first.path, reason: first.message });
  }
  const previous = existsSync(out) ? readInput(out) : null;
  const options = {
    history: cmd.history,
    skipUnreadable: cmd.skipUnreadable,
    ...(Object.keys(cmd.mapping).length > 0 ? { mapping: cmd.mapping } : {}),
  };
  const result = await consolidateFiles(
    inputs,
    { path: out, bytes: previous },
    options,
    io.now(),
    (i, total, path) => {
      if (progress) io.stderr(`reading ${i + 1}/${total} ${path}…\n`);
    },
  );
  if (progress) io.stderr(`saving ${out}…\n`);
  writeAtomically(out, result.bytes);
  const skipped = [...unreadable, ...result.skipped];
  for (const s of skipped) io.stderr(`Skipped ${s.path}: ${s.message}\n`);
  const duplicates = result.portfolio.duplicates;
  for (const d of duplicates.slice(0, DUPLICATES_SHOWN)) {
    const where = d.sources.map((s) => `${s.file} › ${s.sheet} row ${s.row}`).join(', ');
    io.stderr(
      `Note: initiative ID "${d.id}" is in more than one source (${where}); each is kept.\n`,
    );
  }
  if (duplicates.length > DUPLICATES_SHOWN) {
    io.stderr(
      `Note: …and ${duplicates.length - DUPLICATES_SHOWN} more initiative IDs in more than one source (--json lists them all).\n`,
    );
  }
  if (cmd.json) {
    writeJson(consolidateReport(result, skipped), io.stdout);
    io.stdout('\n');
  } else io.stdout(consolidateSummary(result, out, inputs.length - result.skipped.length));
  return 0;
}

/** The `--json` report of a consolidation: refresh's, each row with its source, and more. */
export function consolidateReport(
  result: ConsolidateResult,
  skipped: readonly { path: string; message: string }[],
): object {
  const report = toJsonReport(result.outcome);
  const sources = result.portfolio.sources;
  const wordsUsed = result.outcome.summary.wordsUsed ?? [];
  return {
    ...report,
    // As for refresh: the inputs' own words, shown only when some were used.
    ...(wordsUsed.length > 0 ? { summary: { ...report.summary, wordsUsed } } : {}),
    rows: report.rows.map((r) => ({ ...r, source: sources[r.row - 2] ?? null })),
    duplicates: result.portfolio.duplicates,
    removed: result.portfolio.removed,
    skipped,
    continued: result.continued,
  };
}

/** The human summary of a consolidation: refresh's, with roles by source and removals. */
function consolidateSummary(result: ConsolidateResult, out: string, files: number): string {
  const lines = [`Consolidated ${files} workbook${files === 1 ? '' : 's'} into one portfolio.`];
  const bySource = result.outcome.summary.bySource;
  if (bySource) {
    // In the order the report lists the counts per role.
    lines.push(`Roles by source (${ROLE_ORDER.join(' / ')}):`);
    bySource.labels.forEach((label, i) => {
      const c = bySource.counts[i]!;
      lines.push(`  ${truncate(label, 50)}: ${ROLE_ORDER.map((r) => c[r]).join(' / ')}`);
    });
  }
  const removed = result.portfolio.removed;
  if (removed.length > 0) {
    lines.push(`No longer in any source since the last consolidation: ${removed.length}.`);
    for (const r of removed.slice(0, 10)) {
      lines.push(`  ${r.source.file} › ${r.source.sheet}: ${truncate(r.name ?? r.id ?? '', 50)}`);
    }
    if (removed.length > 10) lines.push(`  …and ${removed.length - 10} more.`);
  }
  return `${lines.join('\n')}\n${humanSummary(result.outcome)}${CLI_TEXT.wrote(out)}\n`;
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/**
 * The human summary printed after a refresh: one line of counts, then the report module's
 * blocks (the brief first; core/report.ts holds the words and the limits). The file it went
 * to follows it.
 */
export function humanSummary(outcome: RefreshOutcome): string {
  const s = outcome.summary;
  // Over several sheets each sheet's header row is on its own "Read" line above.
  const several = (outcome.detections?.length ?? 0) > 1;
  const header = several ? '' : ` (header on row ${outcome.detection.headerRow + 1})`;
  const lines: string[] = [
    `Refreshed "${s.sheet}"${header}: ${s.total} initiatives, ${s.classified} classified, ${s.needsReview} need review.`,
  ];
  reportBlocks(outcome).forEach((b, i) => {
    if (b.lines.length === 0) return;
    lines.push(`${b.heading}:`);
    // The brief reads as a paragraph; the other blocks as lists.
    for (const l of b.lines) lines.push(i === 0 ? `  ${l}` : `  - ${l}`);
  });
  const words = s.wordsUsed ?? [];
  if (words.length > 0) {
    lines.push(
      `The workbook's own words used: ${words.map((w) => `"${w.value}" as ${w.meaning} (${w.field}, ${w.rows} row${w.rows === 1 ? '' : 's'})`).join('; ')}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function runSample(cmd: Extract<Command, { kind: 'sample' }>, io: Io): number {
  if (existsSync(cmd.out)) throw problem('output-exists', { path: cmd.out });
  const sample = generateSampleInventory({ rows: cmd.rows, seed: cmd.seed });
  const widths = SAMPLE_HEADERS.map((h, col) => ({
    col,
    width: h === 'Initiative' ? 42 : h === 'Notes' ? 36 : Math.max(10, h.length + 3),
  }));
  const bytes = createWorkbook(
    [
      {
        name: sample.sheetName,
        values: sample.values,
        titleRow: 0,
        headerRow: sample.headerRow,
        widths,
      },
    ],
    io.now(),
  );
  writeAtomically(cmd.out, bytes);
  io.stdout(
    `Wrote ${cmd.out}: ${cmd.rows} initiatives on "${sample.sheetName}" (seed ${cmd.seed}).\n`,
  );
  return 0;
}
