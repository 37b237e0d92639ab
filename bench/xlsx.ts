/**
 * Benchmark (npx tsx bench/xlsx.ts, or `npm run bench -- xlsx`): a full file refresh of a
 * 10,000-row, a 100,000-row and an Excel-full-grid (all 1,048,576 rows filled) inventory,
 * each refreshed twice (pass 2 refreshes pass 1's output, as a planner's next refresh does),
 * measured in the same run against the I/O floor of bench/floor.ts on the same input (read
 * the file, inflate every entry, deflate 1.5× the sheet at level 6, write). `--rows=N` (or
 * `--rows=1m`) measures that one size; `--1m` is accepted for the full set. `--exceljs` adds
 * ExcelJS merely loading and writing the same file. Each measurement runs in its own child
 * process so its peak memory (maxRSS) is honest. Prints one JSON line per figure: rows, wall
 * seconds, CPU seconds (all threads, and the main thread's alone), peak RSS, the ratios to the
 * floor (wall, and main-thread CPU to the floor's CPU), output/input size ratio. Goals (issue
 * 27): at 100,000 rows ≤ 2.0× the floor's wall, main-thread CPU ≤ 1.6× the floor's CPU,
 * ≤ 350 MiB; at the full grid ≤ 2.5× the floor and ≤ 1.5 GiB, both passes.
 *
 * `--runs=N` repeats each pair N times, floor and refresh in turn (F R F R …), and prints each
 * figure's median over the runs with its range; the ratios are taken pair by pair, then their
 * median, so they hold when the machine's speed drifts (the goals are medians of 5 such runs).
 * The children run the code as the command line does, without the bench's own weight: the
 * TypeScript is compiled in the thread that runs it (tsx's CommonJS hook, no loader thread)
 * and ExcelJS is loaded only for `--exceljs`; `startRssMiB` is the child's memory before the
 * operation (Node, the code, the hook), so what the operation adds is the peak less it.
 *
 * `--accented` measures, at each size, two inventories written with inline strings (as our
 * own writer and many exporters do): one in ASCII and the same with accented names
 * ("Überwachung … Zürich"), so the text sits in the sheet itself; goal 3 holds the accented
 * one within 10% of the ASCII one. `--consolidate` measures `consolidate` of two inputs of
 * half the rows each (one ASCII, one accented) against the floors of both inputs together.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { GRID_ROWS } from '../src/core/grid';
import { generateSampleInventory, SAMPLE_HEADERS } from '../src/cli/sample';
import { consolidateFiles } from '../src/xlsx/consolidate';
import { createWorkbook, refreshFile } from '../src/xlsx/index';
import { ioFloor } from './floor';

interface Measure {
  op: string;
  wallSeconds: number;
  /** CPU time of the process during the operation (user + system, all threads). */
  cpuSeconds: number;
  /**
   * CPU time of the main thread alone (Linux; null elsewhere): on a shared machine the
   * nearest figure to the wall time an idle one would show, since the other threads (zlib's
   * pool, the well-formedness worker, the garbage collector's helpers) run beside it.
   */
  mainThreadCpuSeconds: number | null;
  peakRssMiB: number;
  /** RSS when the operation started (Node, the loaded code, the TypeScript hook). */
  startRssMiB: number;
  outBytes: number;
}

/** CPU seconds of this process's main thread so far (from /proc), or null off Linux. */
function mainThreadCpu(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime (fields 14 and 15 of stat), in clock ticks of 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** ExcelJS, loaded when it is needed (a refresh never loads it). */
async function loadExcelJS(): Promise<typeof ExcelJS> {
  return ((await import('exceljs')) as { default: typeof ExcelJS }).default;
}

/** Child mode: run one operation on a file (read it, work, write the result). */
async function child(op: string, file: string, out: string): Promise<void> {
  const startRssMiB = Math.round(process.memoryUsage.rss() / 2 ** 20);
  // Loaded before the clock starts, and only when measured: it is not part of a refresh.
  const excel = op === 'exceljs-roundtrip' ? await loadExcelJS() : null;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const main0 = mainThreadCpu();
  let outBytes = 0;
  if (op === 'floor') {
    // Several inputs (consolidate): the floor of each, one after the other.
    for (const f of file.split(',')) outBytes += ioFloor(f, out);
  } else if (op === 'consolidate') {
    const inputs = file.split(',').map((path) => ({
      path,
      bytes: new Uint8Array(readFileSync(path)),
    }));
    const r = await consolidateFiles(
      inputs,
      { path: out, bytes: null },
      { history: true, skipUnreadable: false },
      new Date(),
    );
    writeFileSync(out, r.bytes);
    outBytes = r.bytes.length;
  } else if (op === 'refresh') {
    const bytes = new Uint8Array(readFileSync(file));
    const r = await refreshFile(bytes, file, { history: true }, new Date());
    writeFileSync(out, r.bytes);
    outBytes = r.bytes.length;
  } else {
    const wb = new excel!.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const buf = await wb.xlsx.writeBuffer();
    writeFileSync(out, new Uint8Array(buf));
    outBytes = buf.byteLength;
  }
  const used = process.cpuUsage(cpu);
  const main1 = mainThreadCpu();
  const m: Measure = {
    op,
    wallSeconds: Number(((performance.now() - start) / 1000).toFixed(3)),
    cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(3)),
    mainThreadCpuSeconds:
      main0 === null || main1 === null ? null : Number((main1 - main0).toFixed(2)),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    startRssMiB,
    outBytes,
  };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

/** How an input is written: shared strings (ExcelJS), or inline strings in ASCII or accented. */
type InputKind = 'shared' | 'inline' | 'accented';

/**
 * Writes an inventory of `rows` initiatives: the way a typical producer does (shared strings),
 * or with inline strings (createWorkbook), its names accented for `accented`.
 */
async function makeInput(rows: number, path: string, kind: InputKind = 'shared'): Promise<void> {
  const ExcelJS = await loadExcelJS();
  const sample = generateSampleInventory({ rows, seed: 42 });
  // Never past Excel's last row (the sample adds a title, a header and blank lines).
  sample.values.length = Math.min(sample.values.length, GRID_ROWS);
  if (kind !== 'shared') {
    const name = SAMPLE_HEADERS.indexOf('Initiative');
    const values = sample.values.map((row, r) =>
      kind === 'accented' && r > sample.headerRow
        ? row.map((v, c) => (c === name && typeof v === 'string' ? `${v} – Überwachung Zürich` : v))
        : row,
    );
    const bytes = createWorkbook([{ name: sample.sheetName, values, headerRow: sample.headerRow }]);
    writeFileSync(path, bytes);
    return;
  }
  if (rows > 200_000) {
    // ExcelJS's in-memory workbook runs out of a 4 GB heap at Excel's full grid; its
    // streaming writer writes the same kind of file (shared strings) row by row.
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
    const ws = wb.addWorksheet(sample.sheetName);
    for (const row of sample.values) {
      ws.addRow(row.map((v) => (v !== null && typeof v === 'object' ? null : v))).commit();
    }
    ws.commit();
    await wb.commit();
    return;
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sample.sheetName);
  for (const row of sample.values) {
    ws.addRow(row.map((v) => (v !== null && typeof v === 'object' ? null : v)));
  }
  await wb.xlsx.writeFile(path);
}

function measure(op: string, file: string, out: string): Measure {
  // tsx's CommonJS hook compiles in the running thread (its ESM loader would add a thread and
  // its heap to every figure); the product's command line runs compiled JavaScript.
  const r = spawnSync(
    process.execPath,
    ['--require', 'tsx/cjs', '--max-old-space-size=4096', __filename, '--child', op, file, out],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (r.status !== 0) throw new Error(`${op} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measure;
}

/** The median of some numbers (the mean of the middle two for an even count). */
function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A figure's median over the runs, rounded, with its range when there is more than one run. */
function summarise(xs: readonly number[], digits: number): { median: number; range?: number[] } {
  const round = (x: number): number => Number(x.toFixed(digits));
  return xs.length > 1
    ? { median: round(median(xs)), range: [round(Math.min(...xs)), round(Math.max(...xs))] }
    : { median: round(xs[0]!) };
}

/**
 * Runs each op on `file` `runs` times in turn (floor, refresh, floor, refresh …) and returns,
 * per op, every run's figures and its ratios to the floor of the same round.
 */
function measureRounds(
  ops: readonly string[],
  file: string,
  outOf: (op: string) => string,
  runs: number,
): Map<string, { m: Measure; floor: Measure }[]> {
  const byOp = new Map<string, { m: Measure; floor: Measure }[]>(ops.map((op) => [op, []]));
  for (let i = 0; i < runs; i++) {
    let floor: Measure | null = null;
    for (const op of ops) {
      const m = measure(op, file, outOf(op));
      if (op === 'floor') floor = m;
      byOp.get(op)!.push({ m, floor: floor! });
    }
  }
  return byOp;
}

/** One JSON line's figures for an op: medians (with ranges) over the rounds, ratios pair by pair. */
function figures(rounds: readonly { m: Measure; floor: Measure }[]): Record<string, unknown> {
  const of = (f: (x: { m: Measure; floor: Measure }) => number, digits: number) => {
    const s = summarise(rounds.map(f), digits);
    return s.range ? s : s.median;
  };
  const main = rounds.every((x) => x.m.mainThreadCpuSeconds !== null);
  return {
    runs: rounds.length,
    wallSeconds: of((x) => x.m.wallSeconds, 3),
    cpuSeconds: of((x) => x.m.cpuSeconds, 3),
    mainThreadCpuSeconds: main ? of((x) => x.m.mainThreadCpuSeconds!, 2) : null,
    peakRssMiB: of((x) => x.m.peakRssMiB, 0),
    startRssMiB: of((x) => x.m.startRssMiB, 0),
    ratioToFloor: of((x) => x.m.wallSeconds / x.floor.wallSeconds, 2),
    cpuRatioToFloor: of((x) => x.m.cpuSeconds / x.floor.cpuSeconds, 2),
    // The floor runs on its main thread alone (Node's synchronous zlib).
    mainThreadCpuRatioToFloor: main
      ? of((x) => x.m.mainThreadCpuSeconds! / x.floor.cpuSeconds, 2)
      : null,
  };
}

async function run(flags: readonly string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'iot-bench-xlsx-'));
  // Excel's full grid: 1,048,576 worksheet rows (the sample's title and header, its data and
  // the blank lines it leaves between blocks; makeInput cuts the sample there).
  const fullGrid = GRID_ROWS;
  const only = flags.find((f) => f.startsWith('--rows='));
  const sizes = only
    ? [only === '--rows=1m' ? fullGrid : Number(only.slice('--rows='.length))]
    : [10000, 100000, fullGrid];
  const runsFlag = flags.find((f) => f.startsWith('--runs='));
  const runs = runsFlag ? Number(runsFlag.slice('--runs='.length)) : 1;
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error('--runs takes a whole number, 1 or more.');
  const ops = flags.includes('--exceljs')
    ? ['floor', 'refresh', 'exceljs-roundtrip']
    : ['floor', 'refresh'];
  const kinds: InputKind[] = flags.includes('--accented') ? ['inline', 'accented'] : ['shared'];
  try {
    for (const rows of sizes) {
      if (flags.includes('--consolidate')) {
        // Two business units of half the rows each, one of them accented.
        const a = join(dir, `unit-a-${rows}.xlsx`);
        const b = join(dir, `unit-b-${rows}.xlsx`);
        // A portfolio holds both units' rows below one header row, so at the full grid each
        // unit holds half of the rows below the header (one more would not fit in Excel).
        const half = Math.floor((Math.min(rows, GRID_ROWS) - 1) / 2);
        await makeInput(half, a, 'inline');
        await makeInput(half, b, 'accented');
        const rounds = measureRounds(
          ['floor', 'consolidate'],
          `${a},${b}`,
          (op) => join(dir, `${op}-c-${rows}.out`),
          runs,
        );
        for (const [op, r] of rounds) {
          process.stdout.write(
            `${JSON.stringify({ bench: 'xlsx', op, input: 'consolidate of two', rows, ...figures(r) })}\n`,
          );
        }
        continue;
      }
      for (const kind of kinds) {
        const input = join(dir, `inventory-${kind}-${rows}.xlsx`);
        await makeInput(rows, input, kind);
        // Pass 1 refreshes the inventory as its producer wrote it; pass 2 refreshes pass 1's
        // output again (a planner's next refresh: the output columns are there and are rewritten
        // in place), each against the floor of its own input.
        let file = input;
        for (const pass of [1, 2]) {
          const inputBytes = readFileSync(file).length;
          const outOf = (op: string): string => join(dir, `${op}-${kind}-${rows}-${pass}.out`);
          for (const [op, r] of measureRounds(ops, file, outOf, runs)) {
            const outputBytes = r[r.length - 1]!.m.outBytes;
            const line = {
              bench: 'xlsx',
              op,
              input: kind,
              rows,
              pass,
              ...figures(r),
              inputBytes,
              outputBytes,
              outputInputRatio: Number((outputBytes / inputBytes).toFixed(2)),
            };
            process.stdout.write(`${JSON.stringify(line)}\n`);
          }
          file = outOf('refresh');
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const job = args[0] === '--child' ? child(args[1]!, args[2]!, args[3]!) : run(args);
job.catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
