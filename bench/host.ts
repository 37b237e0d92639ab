/**
 * `npm run bench:host`: one refresh of the sample inventory through the Office.js adapter
 * on the strict fake Excel, at 1,000, 10,000 and 100,000 rows (`--1m` adds Excel's full grid,
 * every one of its 1,048,576 rows filled; `--rows=N` or `--rows=1m` measures that one size;
 * `--excel-api=1.15` a host without typed values).
 * Each size runs in its own child process so its peak memory (maxRSS) is honest. Prints one
 * JSON line per size: {"rows","excelApi","syncs","syncBound","maxRequestBytes","totalRequestBytes",
 * "maxResponseBytes","totalResponseBytes","readChunks","writeBatches","wallSeconds",
 * "cpuSeconds","peakRssMiB","setupPeakRssMiB"}. Goals (issue 11): syncs ≤ syncBound = 3 + ⌈requests / 4.5 MB⌉ +
 * ⌈responses / 4.5 MB⌉; every request and response under 5,000,000 bytes. The wall and CPU
 * time cover the refresh only (the fake's own work included), not making the sample.
 */

import { spawnSync } from 'node:child_process';
import { generateSampleInventory } from '../src/cli/sample';
import { GRID_ROWS } from '../src/core/grid';
import type { CellValue } from '../src/core/input';
import { createExcelService } from '../src/excel/service';
import { FakeExcel } from '../test/fakes/fake-excel';
import type { Scalar } from '../test/fakes/fake-excel';

const SIZES = [1_000, 10_000, 100_000];
/**
 * The requirement set the fake supports (`--excel-api=1.15` measures hosts without typed
 * values, where text is written through Range.values with the quote prefix).
 */
const DEFAULT_API = '1.20';
/** Heap for one measurement: the full grid holds the sample, the fake's sheet and the plan. */
const CHILD_HEAP_MIB = 8192;

export interface HostFigures {
  rows: number;
  excelApi: string;
  syncs: number;
  syncBound: number;
  maxRequestBytes: number;
  totalRequestBytes: number;
  maxResponseBytes: number;
  totalResponseBytes: number;
  readChunks: number;
  writeBatches: number;
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  /** Peak RSS before the refresh started: the sample and the fake's workbook. */
  setupPeakRssMiB: number;
}

function scalars(values: CellValue[][]): (Scalar | null)[][] {
  return values.map((row) => row.map((v) => (v !== null && typeof v === 'object' ? v.code : v)));
}

/** Child mode: one refresh of `rows` initiatives on a fresh fake. */
async function child(rows: number, excelApi: string): Promise<void> {
  const sample = generateSampleInventory({ rows, seed: 1 });
  // Never past Excel's last row (the sample adds a title, a header and blank lines).
  sample.values.length = Math.min(sample.values.length, GRID_ROWS);
  const fake = new FakeExcel({
    sheets: [{ name: sample.sheetName, values: scalars(sample.values) }],
    supportedSets: { ExcelApi: excelApi },
  });
  sample.values.length = 0;
  const service = createExcelService({
    run: (options, batch) => fake.run(options, batch),
    isSetSupported: (name, version) => fake.isSetSupported(name, version),
  });
  let chunks = { read: 0, write: 0 };
  const setupPeakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  const started = performance.now();
  const cpu = process.cpuUsage();
  await service.refresh({ version: 1, history: true }, (p) => {
    if (p.phase === 'reading' && p.done > 0) chunks = { ...chunks, read: p.total };
    if (p.phase === 'writing') chunks = { ...chunks, write: p.total };
  });
  const used = process.cpuUsage(cpu);
  const wallSeconds = (performance.now() - started) / 1000;
  const totalRequestBytes = fake.requestSizes.reduce((a, b) => a + b, 0);
  const totalResponseBytes = fake.responseSizes.reduce((a, b) => a + b, 0);
  const line: HostFigures = {
    rows,
    excelApi,
    syncs: fake.syncCount,
    syncBound: 3 + Math.ceil(totalRequestBytes / 4.5e6) + Math.ceil(totalResponseBytes / 4.5e6),
    maxRequestBytes: Math.max(...fake.requestSizes),
    totalRequestBytes,
    maxResponseBytes: Math.max(...fake.responseSizes),
    totalResponseBytes,
    readChunks: chunks.read,
    writeBatches: chunks.write,
    wallSeconds: Number(wallSeconds.toFixed(3)),
    cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(3)),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    setupPeakRssMiB,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function measure(rows: number, excelApi: string): HostFigures {
  const r = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      `--max-old-space-size=${CHILD_HEAP_MIB}`,
      __filename,
      '--child',
      `${rows}`,
      excelApi,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (r.status !== 0) throw new Error(`host ${rows} rows failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as HostFigures;
}

function run(flags: readonly string[]): void {
  // Excel's full grid: 1,048,576 worksheet rows (the sample's title and header, its data and
  // the blank lines it leaves between blocks; the child cuts the sample there).
  const only = flags.find((f) => f.startsWith('--rows='));
  const api = flags.find((f) => f.startsWith('--excel-api='));
  const excelApi = api ? api.slice('--excel-api='.length) : DEFAULT_API;
  const sizes = only
    ? [only === '--rows=1m' ? GRID_ROWS : Number(only.slice('--rows='.length))]
    : flags.includes('--1m')
      ? [...SIZES, GRID_ROWS]
      : SIZES;
  for (const rows of sizes) {
    if (!Number.isInteger(rows) || rows < 0) throw new Error(`bench:host: bad size ${rows}`);
    const line = measure(rows, excelApi);
    process.stdout.write(`${JSON.stringify(line)}\n`);
    const ok =
      line.syncs <= line.syncBound &&
      line.maxRequestBytes < 5_000_000 &&
      line.maxResponseBytes < 5_000_000;
    process.stderr.write(
      `host ${rows} rows: ${line.wallSeconds} s, ${line.peakRssMiB} MiB, ${line.readChunks} read chunk(s), ${line.writeBatches} write batch(es)${ok ? '' : ' — OVER THE BOUND'}\n`,
    );
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  child(Number(args[1]), args[2] ?? DEFAULT_API).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
} else {
  try {
    run(args);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
