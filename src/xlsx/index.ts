/**
 * The .xlsx/.xlsm file adapter: read a workbook into the engine's snapshots, apply the
 * engine's write plan, and write the package back.
 *
 * Why a package-level patcher (fflate/zlib + an offset scanner) rather than ExcelJS: a
 * planner's workbook is theirs, and the promise is that every part a refresh does not own
 * comes back byte for byte. ExcelJS rebuilds the whole file from its own object model: it
 * fails on absolute part targets (as openpyxl/pandas write them), cannot add a column to a
 * table it loaded, hides every table's filter buttons when it writes a table back, and drops
 * charts and pivot tables. Here the ZIP entries of untouched parts are copied with their
 * original compressed bytes; the parts a refresh must touch (inventory sheet, its table,
 * workbook, styles, content types, relationships) are patched by splicing text at element
 * offsets, so everything in them that is not ours stays as it was; and the parts we own
 * (summary, history, drawing, chart) are generated. Nothing is parsed into a tree, untouched
 * parts are never inflated, and the patched inventory sheet streams into the ZIP row by row
 * (bench/xlsx.ts measures it against an ExcelJS load + write).
 *
 * Why saxes checks every part before the scanner sees it (wellformed.ts): a hand-written
 * reader accepts what a conformant parser rejects (a sheet missing a </row>, a self-closing
 * root, an unbound prefix). Each part the refresh reads or touches is CRC-checked, decoded in
 * the encoding it declares (encoding.ts) and run through saxes, a maintained streaming XML 1.0
 * + Namespaces parser that passes the W3C conformance suite; damage anywhere becomes one
 * sentence naming the part (damage.ts). Large parts are checked in a worker thread while the
 * main thread reads them (CHECK_IN_WORKER_FROM), and such a worksheet is read from its bytes in
 * windows rather than as one string (read.ts readSheetFromBytes), since a sheet at Excel's full
 * grid is longer than JavaScript's longest string: what lies outside sheetData is kept as the
 * sheet's skeleton, and the patch copies the rows from the bytes (sheetxml.ts).
 */

import type { CellValue, RefreshOptions, SheetSnapshot } from '../core/input';
import type { RefreshOutcome } from '../core/results';
import { CHANGES_SHEET, HISTORY_SHEET, SNAPSHOT_SHEET } from '../core/domain';
import { problem } from '../core/messages';
import type { RefreshHost, RefreshStep, SheetFacts } from '../core/host';
import { isCandidateSheet, runRefresh } from '../core/host';
import { reportedRules } from './cf';
import { Package, type PackageOptions, type SheetEntry } from './package';
import type { ZipEntry } from './zip';
import { readSheetFromBytes, readSnapshot, readTables, scanCells, sheetFacts } from './read';
import { applyWritePlan } from './write';
import { sheetSkeleton } from './sheetxml';
import type { SheetSkeleton, WorkbookFile } from './file';
import { children, rootElement } from './xml';
import { toFileProblem } from './damage';
import { WorkerChecks } from './wellformed';
import { WorkerInflatingSource } from './inflate-worker';

export { createWorkbook } from './create';
export type { WorkbookFile } from './file';

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** True when the bytes are an OLE compound file holding an "EncryptedPackage" stream. */
function isEncryptedPackage(bytes: Uint8Array): boolean {
  // Directory entry names are UTF-16LE; a plain byte search is enough to find one.
  const needle = Array.from('EncryptedPackage').flatMap((ch) => [ch.charCodeAt(0), 0]);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Throws not-xlsx or encrypted when the bytes are not a ZIP archive. */
function notAnArchive(bytes: Uint8Array, path: string): void {
  if (bytes.length >= 8 && OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
    throw isEncryptedPackage(bytes)
      ? problem('encrypted', { path })
      : problem('not-xlsx', { path });
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw problem('not-xlsx', { path });
  }
}

/**
 * Opens a workbook; throws RoleMapError not-xlsx / encrypted / unreadable. `bytes` may be the
 * ZIP entries of a package the caller has just made (consolidate's portfolio), not archived.
 */
export function readWorkbook(
  bytes: Uint8Array | readonly ZipEntry[],
  path: string,
  options: PackageOptions = {},
): WorkbookFile {
  if (bytes instanceof Uint8Array) notAnArchive(bytes, path);
  try {
    const pkg = new Package(bytes, options);
    const workbookPart = pkg.workbookPart();
    if (!workbookPart) throw problem('not-xlsx', { path });
    const ct = pkg.contentType(workbookPart) ?? '';
    if (!/spreadsheetml|ms-excel\.sheet\.macroEnabled|ms-excel\.template/i.test(ct)) {
      throw problem('not-xlsx', { path });
    }
    if (!pkg.has('[Content_Types].xml')) throw problem('not-xlsx', { path });
    const sheets = pkg.sheets(workbookPart);
    return {
      path,
      pkg,
      workbookPart,
      sheets,
      sharedStrings: pkg.sharedStrings(workbookPart),
      skeletons: new Map(),
    };
  } catch (err) {
    throw toFileProblem(err, path);
  }
}

/**
 * Snapshots of every worksheet (chart sheets and missing parts are skipped). In a package
 * opened with worker checks (readWorkbook's options), a big sheet is read from its bytes in
 * windows (readSheetFromBytes), so a full-grid input is read as the refresh reads it; each
 * sheet's text or bytes are let go once its snapshot is made (nothing is written from them).
 */
export function snapshots(file: WorkbookFile): SheetSnapshot[] {
  return file.sheets
    .filter((s) => s.kind === 'worksheet' && file.pkg.has(s.part))
    .map((s) => {
      const read = readSheetFromBytes(file.pkg, s, file.sharedStrings);
      const snapshot = read ? read.snapshot() : readSnapshot(file.pkg, s, file.sharedStrings);
      file.pkg.release(s.part);
      return snapshot;
    });
}

/** The last used row (0-based) of a worksheet part, or null when it has no cells. */
function lastUsedRow(file: WorkbookFile, sheet: SheetEntry): number | null {
  let last = -1;
  scanCells(file.pkg.requireText(sheet.part), file.sharedStrings, (row) => {
    if (row > last) last = row;
  });
  return last < 0 ? null : last;
}

/**
 * A worksheet of the package that its caller has just written (consolidate's portfolio),
 * handed over with its cells as reading them gives them (create.ts cellsAsRead) and the frame
 * around them, so the refresh does not read back the cells that were just made into bytes.
 * Its bytes are CRC-checked and copied by the patch as a big sheet's read from its bytes are;
 * they are not checked for well-formedness (that is for what a user gives: these were written
 * by create.ts from cells, as the refresh writes its own sheets, which nothing checks again).
 */
export interface HandedSheet {
  name: string;
  cells: Pick<SheetSnapshot, 'origin' | 'values'>;
  skeleton: SheetSkeleton;
  /** Every byte of the part is ASCII. */
  ascii: boolean;
}

/**
 * Takes the handed sheets as read (readSheetFromBytes's result, from what was handed): each
 * one whose part is read from its bytes; one read as text (small) is read as any other.
 */
function adoptHanded(
  file: WorkbookFile,
  worksheets: readonly SheetEntry[],
  handed: readonly HandedSheet[],
  cache: Map<string, SheetSnapshot | (() => SheetSnapshot)>,
): void {
  for (const h of handed) {
    const entry = worksheets.find((s) => s.name === h.name);
    const source = entry ? file.pkg.readingBytes(entry.part, true) : undefined;
    // Not read here: a reading inflated in a worker (never, for a stored part) is ended.
    if (source instanceof WorkerInflatingSource) source.close();
    if (!entry || !source) continue;
    if (h.ascii) file.pkg.markAscii(entry.part);
    else file.pkg.markUtf8(entry.part);
    file.skeletons.set(entry.part, h.skeleton);
    const xml = h.skeleton.text;
    cache.set(entry.name, {
      name: entry.name,
      ...h.cells,
      tables: readTables(file.pkg, entry.part, xml).map(({ part: _part, ...t }) => t),
      ...sheetFacts(xml),
    });
  }
}

/**
 * A workbook file as a refresh host: it reports, reads and applies; the core decides.
 * `handed`: sheets its caller wrote and hands over with their cells (HandedSheet).
 */
export function fileHost(
  file: WorkbookFile,
  handed: readonly HandedSheet[] = [],
): RefreshHost & { bytes(): Uint8Array } {
  const worksheets = file.sheets.filter((s) => s.kind === 'worksheet' && file.pkg.has(s.part));
  const cache = new Map<string, SheetSnapshot | (() => SheetSnapshot)>();
  adoptHanded(file, worksheets, handed, cache);
  /**
   * The text a sheet's facts, rules and tables are read from: the skeleton of a big sheet
   * read from its bytes (whose snapshot is kept from that one reading), else its whole text.
   */
  const frameOf = (entry: SheetEntry): string => {
    const known = file.skeletons.get(entry.part);
    if (known) return known.text;
    // A sheet that is never a candidate (hidden, or one of our output sheets) is read without
    // its cells (its facts are all the probe needs of it); they are read if the refresh asks
    // for its snapshot. The snapshot sheet's are always asked for (snapshotValues): they are
    // read in this one pass over its bytes (as long as the portfolio), not in a second one.
    const cells =
      isCandidateSheet({ name: entry.name, visible: entry.state === 'visible' }) ||
      entry.name === SNAPSHOT_SHEET;
    const read = readSheetFromBytes(file.pkg, entry, file.sharedStrings, cells);
    if (!read) return file.pkg.requireText(entry.part);
    file.skeletons.set(entry.part, read.skeleton);
    cache.set(entry.name, read.snapshot);
    return read.skeleton.text;
  };
  const snapshotOf = (entry: SheetEntry): SheetSnapshot => {
    let snap = cache.get(entry.name);
    if (!snap) {
      snap = file.skeletons.has(entry.part)
        ? readSheetFromBytes(file.pkg, entry, file.sharedStrings)?.snapshot
        : undefined;
      snap ??= readSnapshot(file.pkg, entry, file.sharedStrings);
      cache.set(entry.name, snap);
    }
    return typeof snap === 'function' ? snap() : snap;
  };
  /**
   * One of our own sheets' cells from A1 (null when it is missing), read as the inventory is:
   * a big one (the snapshot: a row per initiative) from its bytes, never as one text.
   */
  const ownSheetFromA1 = (name: string): CellValue[][] | null => {
    const entry = worksheets.find((s) => s.name === name);
    if (!entry) return null;
    const snap = snapshotOf(entry);
    cache.delete(entry.name);
    // Replaced or patched from its text afterwards: its bytes are not kept (21 MB at 100,000 rows).
    file.pkg.release(entry.part);
    const rows: CellValue[][] = [];
    for (let r = 0; r < snap.origin.row; r++) rows.push([]);
    const lead = snap.origin.col;
    for (const line of snap.values) {
      rows.push(lead === 0 ? line : [...Array<CellValue>(lead).fill(null), ...line]);
    }
    return rows;
  };
  let written: Uint8Array | null = null;
  return {
    probe: (wanted) => {
      const sheets: SheetFacts[] = worksheets.map((s) => ({
        name: s.name,
        visible: s.state === 'visible',
        isProtected: sheetFacts(frameOf(s)).isProtected,
        isActive: false,
      }));
      const looked = sheets.map((facts) => wanted(facts));
      const probes = worksheets.filter((_s, i) => looked[i]).map(snapshotOf);
      worksheets.forEach((s, i) => {
        // Sheets the core does not look at are not kept (a big one's snapshot or bytes), but
        // for the snapshot sheet's cells, read next (snapshotValues); it is replaced whole.
        if (!looked[i]) {
          if (s.name !== SNAPSHOT_SHEET) cache.delete(s.name);
          file.pkg.release(s.part);
        }
      });
      const history = worksheets.find((s) => s.name === HISTORY_SHEET);
      const log = worksheets.find((s) => s.name === CHANGES_SHEET);
      return Promise.resolve({
        sheets,
        probes,
        historyLastRow: history ? lastUsedRow(file, history) : null,
        changeLogLastRow: log ? lastUsedRow(file, log) : null,
      });
    },
    read: (name) => {
      const entry = worksheets.find((s) => s.name === name);
      if (!entry) throw problem('sheet-not-found', { sheet: name });
      const xml = frameOf(entry);
      const root = rootElement(xml);
      const kids = children(xml, root, ['sheetData']);
      const rules = reportedRules(xml, kids);
      const snapshot = snapshotOf(entry);
      // Held by the core from here; the host keeps no copy while it writes.
      cache.delete(entry.name);
      // What the patch needs of the text is its skeleton; the rest is copied from its bytes.
      const sd = kids.find((k) => k.local === 'sheetData');
      if (sd && !file.skeletons.has(entry.part) && file.pkg.hasSourceBytes(entry.part)) {
        file.skeletons.set(entry.part, sheetSkeleton(xml, sd));
      }
      // Written from its skeleton and its bytes inflated again (Package.sourceStream): the
      // bytes read are not held while the core plans (43-64 MB at 100,000 rows).
      if (file.skeletons.has(entry.part)) file.pkg.release(entry.part);
      return Promise.resolve({ snapshot, rules });
    },
    // Read without keeping: the history part is patched from its own text afterwards.
    historyValues: () => Promise.resolve(ownSheetFromA1(HISTORY_SHEET)),
    // The snapshot is replaced whole afterwards.
    snapshotValues: () => Promise.resolve(ownSheetFromA1(SNAPSHOT_SHEET)),
    apply: async (outcome, removeRules, moreRemoveRules) => {
      applyWritePlan(file, outcome.plan, removeRules, moreRemoveRules);
      written = await file.pkg.toBytesAsync();
    },
    bytes: () => {
      if (written === null) throw new Error('fileHost.bytes() before apply()');
      return written;
    },
  };
}

/** The result of refreshing a file: the engine's outcome and the new file's bytes. */
export interface FileRefresh {
  outcome: RefreshOutcome;
  bytes: Uint8Array;
}

/**
 * Parts of at least this many bytes are checked for well-formedness in a worker thread during
 * a file refresh (a worker has a start-up cost that only a large part repays), and worksheets of
 * that size are read from their bytes (Package.readingBytes).
 */
export const CHECK_IN_WORKER_FROM = 4 << 20;

/**
 * Opens the file, runs the core's one refresh over it, and returns the new package.
 * `reading` (tests and benchmarks): from what size parts are checked in a worker and
 * worksheets read from their bytes (a number: CHECK_IN_WORKER_FROM), and up to what size
 * those bytes are held whole (see PackageOptions); `handed`: sheets of the package its caller
 * has just written, with their cells (HandedSheet), whose entries may be given unarchived.
 */
export async function refreshFile(
  bytes: Uint8Array | readonly ZipEntry[],
  path: string,
  options: RefreshOptions,
  now: Date,
  onPhase?: (phase: RefreshStep) => void,
  reading:
    | number
    | Pick<
        PackageOptions,
        'checkInWorkerFrom' | 'holdBytes' | 'inflateInWorkerFrom'
      > = CHECK_IN_WORKER_FROM,
  handed: readonly HandedSheet[] = [],
): Promise<FileRefresh> {
  // Damage found in any phase (a part is first read, and checked, when a phase needs it) is
  // the user's file: one sentence naming the part. Anything else is our defect.
  const workerChecks = new WorkerChecks();
  const {
    checkInWorkerFrom = CHECK_IN_WORKER_FROM,
    holdBytes,
    inflateInWorkerFrom,
  } = typeof reading === 'number' ? { checkInWorkerFrom: reading } : reading;
  let file: WorkbookFile | undefined;
  try {
    onPhase?.('reading');
    file = readWorkbook(bytes, path, {
      workerChecks,
      checkInWorkerFrom,
      holdBytes,
      inflateInWorkerFrom,
    });
    const host = fileHost(file, handed);
    const outcome = await runRefresh(host, options, now, (step) => {
      if (step !== 'reading') onPhase?.(step);
    });
    await workerChecks.settled();
    return { outcome, bytes: host.bytes() };
  } catch (err) {
    // A part read in a worker that the failure stopped part-way is not read on.
    file?.pkg.closeSources();
    // A part still being checked in a worker was read before whatever failed: if it is
    // damaged, that is the sentence an in-line check would have given first.
    await workerChecks.settled().catch((damage: unknown) => {
      throw toFileProblem(damage, path);
    });
    throw toFileProblem(err, path);
  }
}
