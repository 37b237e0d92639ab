/**
 * `consolidate` over files: read each business unit's workbook as its own add-in settings say
 * (its inventory sheets, mappings and words; detection where it saved none), build
 * the portfolio sheet in the core (src/core/consolidate.ts), write it into a new workbook (or in
 * place of the previous portfolio sheet when continuing one, every other part kept) and refresh
 * that workbook through the normal `refreshFile`, so its output columns, summary, history and
 * change log are the standard ones: a removed initiative is reported and logged by the refresh.
 * The refresh is handed the portfolio sheet's cells with the package (index.ts HandedSheet), so
 * it does not read back the rows just written. Only bytes in and bytes out: the inputs are
 * read, never written. Each input is read as a refresh reads a file: big sheets from their
 * bytes in windows, each big part checked for well-formedness in a worker (a full-grid input
 * is longer than JavaScript's longest string).
 */

import type { Portfolio, SourceInventory } from '../core/consolidate';
import {
  buildPortfolio,
  isPortfolioSheet,
  PORTFOLIO_SHEET,
  portfolioColumnWidths,
  portfolioRefreshOptions,
} from '../core/consolidate';
import { chooseSheets } from '../core/refresh';
import { isCandidateSheet } from '../core/host';
import { problem, RoleMapError } from '../core/messages';
import type { SavedMapping, SheetSnapshot } from '../core/input';
import type { RefreshOutcome } from '../core/results';
import type { WrittenSheet } from './create';
import { cellsAsRead, joined, storedEntry, workbookEntries, writeSheet } from './create';
import { normalizePart } from './package';
import { readZip, type ZipEntry } from './zip';
import { StyleBook } from './styles';
import { findSheet } from './workbook';
import { toFileProblem } from './damage';
import type { HandedSheet } from './index';
import { CHECK_IN_WORKER_FROM, readWorkbook, refreshFile, snapshots } from './index';
import { WorkerChecks } from './wellformed';
import { savedSettingsOf } from './settings';
import { NO_OVERRIDES, optionsFromSettings } from '../core/settings';
import type { WordEntry } from '../core/words';
import { compileWords, mergeWords } from '../core/words';

export interface ConsolidateInput {
  path: string;
  bytes: Uint8Array;
}

export interface ConsolidateOptions {
  /** Field → header, applied to every input that has that header (as `refresh --map`). */
  mapping?: SavedMapping;
  history: boolean;
  /** List and skip an input that cannot be read, instead of stopping. */
  skipUnreadable: boolean;
  /**
   * Tests and benchmarks: from what size parts are read from their bytes and checked in a
   * worker, in the inputs and the portfolio (refreshFile's `reading`; CHECK_IN_WORKER_FROM).
   */
  checkInWorkerFrom?: number;
}

export interface ConsolidateResult {
  outcome: RefreshOutcome;
  bytes: Uint8Array;
  /** The portfolio's sources, duplicates and removals; its cells are the workbook's. */
  portfolio: Omit<Portfolio, 'values'>;
  /** Inputs left out (only with skipUnreadable), each with its sentence. */
  skipped: { path: string; message: string }[];
  /** True when an existing portfolio was continued (its history kept). */
  continued: boolean;
}

/** A file's name without its folders. */
function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** What one input brings: its inventory sheets and the words its workbook saved. */
interface ReadSource {
  sources: SourceInventory[];
  words: WordEntry[];
}

/**
 * Reads one input's inventory as the ribbon would refresh that workbook: the sheets and
 * mappings its add-in settings saved (several sheets give several sources), else detection;
 * visible sheets only, never one of our own. `--map` flags win over a saved mapping.
 */
async function readSource(
  input: ConsolidateInput,
  file: string,
  flags: SavedMapping | undefined,
  checkInWorkerFrom: number,
): Promise<ReadSource> {
  const workerChecks = new WorkerChecks();
  try {
    const wb = readWorkbook(input.bytes, input.path, { workerChecks, checkInWorkerFrom });
    const saved = savedSettingsOf(input.bytes, input.path).settings;
    const visible = new Set(wb.sheets.filter((s) => s.state === 'visible').map((s) => s.name));
    // The core's candidate rule (visible, never an output sheet), from the package's facts.
    const candidates = snapshots(wb).filter((s) =>
      isCandidateSheet({ name: s.name, visible: visible.has(s.name) }),
    );
    // The input's saved settings as its own refresh would take them, --map over each mapping;
    // its sheets chosen as its own refresh chooses them (core/refresh.ts chooseSheets).
    const own = optionsFromSettings(saved, 'file', { ...NO_OVERRIDES, mapping: flags ?? {} });
    const chosen = chooseSheets(
      candidates,
      own,
      wb.sheets.map((s) => s.name),
    );
    const sources = chosen.map(({ name, detection }) => ({
      file,
      sheet: candidates.find((s) => s.name === name)!,
      detection,
    }));
    // The words are checked here, so a bad list names this input.
    const words = saved?.words ?? [];
    compileWords(words);
    // A part still being checked in a worker: its damage is this input's.
    await workerChecks.settled();
    return { sources, words };
  } catch (err) {
    // Damage a worker found in a part read before whatever failed is what failed first.
    await workerChecks.settled().catch((damage: unknown) => {
      throw toFileProblem(damage, input.path);
    });
    throw toFileProblem(err, input.path);
  }
}

/** The previous portfolio's sheet, or a refusal when `out` is someone else's file. */
async function readPrevious(
  path: string,
  bytes: Uint8Array,
  checkInWorkerFrom: number,
): Promise<SheetSnapshot> {
  let sheets: SheetSnapshot[];
  const workerChecks = new WorkerChecks();
  try {
    sheets = snapshots(readWorkbook(bytes, path, { workerChecks, checkInWorkerFrom }));
    await workerChecks.settled();
  } catch {
    await workerChecks.settled().catch(() => undefined);
    throw problem('not-a-portfolio', { path });
  }
  const portfolio = sheets.find((s) => s.name === PORTFOLIO_SHEET);
  if (!portfolio || !isPortfolioSheet(portfolio)) throw problem('not-a-portfolio', { path });
  return portfolio;
}

/**
 * The previous portfolio file with only its portfolio sheet replaced. Everything else stays as
 * the last refresh (or the user) left it: the summary, the history, the change log and the
 * snapshot with their widths, panes and number formats, and the order of the sheets. Building a
 * new workbook and copying their values across lost all of that on every second run. The new
 * sheet is written from its rows in pieces (create.ts writeSheet) and stored, not deflated:
 * the refresh that follows is handed its cells and rewrites it.
 */
function continuedWorkbook(
  path: string,
  bytes: Uint8Array,
  values: Portfolio['values'],
  mapping: Portfolio['mapping'],
): { entries: ZipEntry[]; frame: WrittenSheet['frame'] } {
  const file = readWorkbook(bytes, path);
  const entry = findSheet(file, PORTFOLIO_SHEET);
  if (!entry) throw problem('not-a-portfolio', { path });
  const styles = new StyleBook(file.pkg, file.workbookPart);
  const header = styles.xf('tableHeader', 'text');
  styles.save();
  const written = writeSheet({
    values,
    style: (row) => (row === 0 ? header : 0),
    widths: portfolioColumnWidths({ values, mapping }),
  });
  const sheet = joined(written.pieces);
  const part = entry.part.toLowerCase();
  return {
    entries: readZip(file.pkg.toBytes()).map((e) =>
      normalizePart(e.name).toLowerCase() === part ? storedEntry(e.name, sheet) : e,
    ),
    frame: written.frame,
  };
}

/**
 * The portfolio sheet handed to its refresh (index.ts HandedSheet): the cells it was written
 * from, as reading it gives them, and its frame; null for a sheet without cells.
 */
function handedPortfolio(
  values: Portfolio['values'],
  frame: WrittenSheet['frame'],
): HandedSheet | null {
  if (frame === null) return null;
  const { head, tail, rowBytes, ascii, frameAscii } = frame;
  return {
    name: PORTFOLIO_SHEET,
    cells: cellsAsRead(values),
    skeleton: {
      text: head + tail,
      hole: head.length,
      holeByte: Buffer.byteLength(head, 'utf8'),
      holeLength: rowBytes,
      ascii: frameAscii,
      markup: false,
    },
    ascii,
  };
}

/**
 * The portfolio built from the sources (continuing the one at `out` when it exists) and the
 * package to refresh it in (its ZIP entries, never archived: the refresh opens them at once): a
 * new workbook, or the previous portfolio with its sheet replaced; and the sheet handed over.
 * `sources` is emptied: the inputs' snapshots (and the previous portfolio's) are let go once
 * the portfolio's rows are built, before its sheet is written.
 */
async function portfolioPackage(
  sources: SourceInventory[],
  out: { path: string; bytes: Uint8Array | null },
  reading: number,
  now: Date,
): Promise<{
  entries: ZipEntry[];
  portfolio: Omit<Portfolio, 'values'>;
  continued: boolean;
  handed: HandedSheet[];
}> {
  let previous = out.bytes === null ? null : await readPrevious(out.path, out.bytes, reading);
  const continued = previous !== null;
  const { values, ...portfolio } = buildPortfolio(sources.splice(0), previous);
  previous = null;
  let frame: WrittenSheet['frame'] = null;
  let entries: ZipEntry[];
  if (out.bytes === null || !continued) {
    entries = workbookEntries(
      [
        {
          name: PORTFOLIO_SHEET,
          values,
          headerRow: 0,
          widths: portfolioColumnWidths({ values, mapping: portfolio.mapping }),
        },
      ],
      now,
      { storeSheets: true, onWritten: (_i, written) => (frame = written) },
    );
  } else ({ entries, frame } = continuedWorkbook(out.path, out.bytes, values, portfolio.mapping));
  // Once written, its rows are what the refresh reads (and become their read form in place).
  const handed = handedPortfolio(values, frame);
  return { entries, portfolio, continued, handed: handed ? [handed] : [] };
}

/**
 * Consolidates the inputs into the portfolio at `out` (its current bytes when it exists).
 * Throws RoleMapError naming the first input that cannot be read (nothing written), unless
 * skipUnreadable; `onInput` reports each input as it is read (for progress lines).
 */
export async function consolidateFiles(
  inputs: readonly ConsolidateInput[],
  out: { path: string; bytes: Uint8Array | null },
  options: ConsolidateOptions,
  now: Date,
  onInput?: (index: number, total: number, path: string) => void,
): Promise<ConsolidateResult> {
  // Base names name the sources; a name shared by two inputs falls back to the path given.
  const names = inputs.map((i) => baseName(i.path));
  const shown = inputs.map((i, k) =>
    names.filter((n) => n.toLowerCase() === names[k]!.toLowerCase()).length > 1
      ? i.path
      : names[k]!,
  );
  const reading = options.checkInWorkerFrom ?? CHECK_IN_WORKER_FROM;
  const sources: SourceInventory[] = [];
  // Every input's own words, as one list for the portfolio's refresh.
  let words: WordEntry[] = [];
  const skipped: ConsolidateResult['skipped'] = [];
  let firstError: RoleMapError | null = null;
  for (const [k, input] of inputs.entries()) {
    onInput?.(k, inputs.length, input.path);
    try {
      const read = await readSource(input, shown[k]!, options.mapping, reading);
      // A value another input taught another meaning cannot apply to one sheet: this input
      // is the one named (and skipped with --skip-unreadable).
      compileWords([...words, ...read.words]);
      sources.push(...read.sources);
      words = mergeWords(words, read.words);
    } catch (err) {
      if (!(err instanceof RoleMapError)) throw err;
      const failed = problem('consolidate-input', { path: input.path, reason: err.message });
      if (!options.skipUnreadable) throw failed;
      firstError ??= failed;
      skipped.push({ path: input.path, message: err.message });
    }
  }
  if (sources.length === 0 && firstError !== null) throw firstError;

  // The inputs' snapshots and the portfolio's rows are let go before the refresh reads the
  // portfolio again (they are as big as it).
  const made = await portfolioPackage(sources, out, reading, now);
  const result = await refreshFile(
    made.entries,
    out.path,
    portfolioRefreshOptions(made.portfolio, options.history, words),
    now,
    undefined,
    reading,
    made.handed,
  );
  return {
    outcome: result.outcome,
    bytes: result.bytes,
    portfolio: made.portfolio,
    skipped,
    continued: made.continued,
  };
}
