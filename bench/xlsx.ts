/**
 * Benchmark (npx tsx bench/xlsx.ts, or `npm run bench -- xlsx`): a full refresh of a
 * 20,000-row and a 100,000-row inventory workbook with the lossless patcher, against ExcelJS
 * merely loading and writing the same file (the everyday alternative). Each measurement runs
 * in its own child process so its peak memory (maxRSS) is honest. Prints JSON lines; the
 * goal is a time ratio (refresh / ExcelJS round trip) of at most 0.5.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { generateSampleInventory } from '../src/core/sample';
import { refreshFile } from '../src/xlsx/index';

interface Measure {
  op: string;
  ms: number;
  /** CPU time of the process during the operation (user + system, all threads). */
  cpuMs: number;
  peakRssMB: number;
  outBytes: number;
}

/** Child mode: run one operation on a file and print its time and peak memory. */
async function child(op: string, file: string): Promise<void> {
  const bytes = new Uint8Array(readFileSync(file));
  const start = performance.now();
  const cpu = process.cpuUsage();
  let outBytes = 0;
  if (op === 'refresh') {
    const r = await refreshFile(bytes, file, { history: true }, new Date());
    outBytes = r.bytes.length;
  } else {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const out = await wb.xlsx.writeBuffer();
    outBytes = out.byteLength;
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const m: Measure = {
    op,
    ms: Math.round(ms),
    cpuMs: Math.round((used.user + used.system) / 1000),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    outBytes,
  };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

/** Writes an inventory of `rows` initiatives the way a typical producer does (shared strings). */
async function makeInput(rows: number, path: string): Promise<void> {
  const sample = generateSampleInventory({ rows, seed: 42 });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sample.sheetName);
  for (const row of sample.values) {
    ws.addRow(row.map((v) => (v !== null && typeof v === 'object' ? null : v)));
  }
  await wb.xlsx.writeFile(path);
}

function measure(op: string, file: string): Measure {
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', op, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`${op} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measure;
}

async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'iot-bench-xlsx-'));
  try {
    for (const rows of [20000, 100000]) {
      const file = join(dir, `inventory-${rows}.xlsx`);
      await makeInput(rows, file);
      const inputBytes = readFileSync(file).length;
      const refresh = measure('refresh', file);
      const exceljs = measure('exceljs-roundtrip', file);
      for (const m of [refresh, exceljs]) {
        process.stdout.write(`${JSON.stringify({ bench: 'xlsx', rows, inputBytes, ...m })}\n`);
      }
      process.stdout.write(
        `${JSON.stringify({
          bench: 'xlsx',
          rows,
          ratio: Number((refresh.ms / exceljs.ms).toFixed(3)),
          cpuRatio: Number((refresh.cpuMs / exceljs.cpuMs).toFixed(3)),
          goal: 0.5,
          memoryRatio: Number((refresh.peakRssMB / exceljs.peakRssMB).toFixed(3)),
        })}\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const job = args[0] === '--child' ? child(args[1]!, args[2]!) : run();
job.catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
