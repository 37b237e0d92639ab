/**
 * `npm run bench:host`: one refresh of the sample inventory through the Office.js adapter
 * on the strict fake Excel, at 1,000, 10,000 and 100,000 rows. Prints one JSON line per size:
 * {"rows","syncs","syncBound","maxRequestBytes","totalRequestBytes","maxResponseBytes",
 * "totalResponseBytes"} (timings go to stderr). Goals (issue 11): syncs ≤ syncBound =
 * 3 + ⌈requests / 4.5 MB⌉ + ⌈responses / 4.5 MB⌉; every request and response under 5,000,000 bytes.
 */

import { generateSampleInventory } from '../src/cli/sample';
import type { CellValue } from '../src/core/model';
import { createExcelService } from '../src/excel/service';
import { FakeExcel } from '../test/fakes/fake-excel';
import type { Scalar } from '../test/fakes/fake-excel';

const SIZES = [1_000, 10_000, 100_000];

function scalars(values: CellValue[][]): (Scalar | null)[][] {
  return values.map((row) => row.map((v) => (v !== null && typeof v === 'object' ? v.code : v)));
}

async function measure(rows: number): Promise<void> {
  const sample = generateSampleInventory({ rows, seed: 1 });
  const fake = new FakeExcel({
    sheets: [{ name: sample.sheetName, values: scalars(sample.values) }],
  });
  const service = createExcelService({
    run: (options, batch) => fake.run(options, batch),
    isSetSupported: (name, version) => fake.isSetSupported(name, version),
  });
  let chunks = { read: 0, write: 0 };
  const started = performance.now();
  await service.refresh({ version: 1, history: true }, (p) => {
    if (p.phase === 'reading' && p.done > 0) chunks = { ...chunks, read: p.total };
    if (p.phase === 'writing') chunks = { ...chunks, write: p.total };
  });
  const ms = Math.round(performance.now() - started);
  const totalRequestBytes = fake.requestSizes.reduce((a, b) => a + b, 0);
  const totalResponseBytes = fake.responseSizes.reduce((a, b) => a + b, 0);
  const line = {
    rows,
    syncs: fake.syncCount,
    syncBound: 3 + Math.ceil(totalRequestBytes / 4.5e6) + Math.ceil(totalResponseBytes / 4.5e6),
    maxRequestBytes: Math.max(...fake.requestSizes),
    totalRequestBytes,
    maxResponseBytes: Math.max(...fake.responseSizes),
    totalResponseBytes,
  };
  console.log(JSON.stringify(line));
  console.error(
    `host ${rows} rows: ${ms} ms, ${chunks.read} read chunk(s), ${chunks.write} write batch(es)`,
  );
}

async function main(): Promise<void> {
  for (const rows of SIZES) await measure(rows);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
