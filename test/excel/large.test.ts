/**
 * A large inventory through the Office.js adapter on the strict fake stays within issue 11's
 * bound: syncs ≤ 3 + ⌈requests / 4.5 MB⌉ + ⌈responses / 4.5 MB⌉, and every request and
 * response under Excel on the web's 5 MB limit (learn.microsoft.com, "Resource limits and
 * performance optimization for Office Add-ins", Excel add-ins). At Excel's full grid, about
 * 150 syncs, a chunk filled short of 4.5 MB costs a sync more than the bound allows, so the
 * chunks must be filled past it. 1,048,575 rows is a benchmark (`npm run bench:host --
 * --rows=1m`); 200,000 rows is what a test can afford.
 */

import { OUTPUT_HEADERS } from '../../src/core/output';
import type { RefreshOutcome } from '../../src/core/results';
import { ALT_TEXT_SYNCS } from '../../src/excel/chart-alt';
import { createExcelService } from '../../src/excel/service';
import { MIN_FILL_BYTES, jsonStringBytes, packSteps, utf8Length } from '../../src/excel/payload';
import type { WriteStep } from '../../src/excel/payload';
import { CHUNK_BUDGET_BYTES, excelText, outputChunks, typedCell } from '../../src/excel/write';
import { PAYLOAD_LIMIT_BYTES } from '../fakes/fake-excel';
import { hostFor, progressRecorder, sampleWorkbook } from './helpers';

const MB45 = 4.5e6;

describe('a refresh of 200,000 initiatives', () => {
  const rows = 200_000;
  const { fake, sheet, values } = sampleWorkbook(rows);
  let outcome: RefreshOutcome;
  let readChunks = 0;
  let writeBatches = 0;

  beforeAll(async () => {
    const { progress, onProgress } = progressRecorder();
    outcome = await createExcelService(hostFor(fake)).refresh(
      { version: 1, history: true },
      onProgress,
    );
    readChunks = progress.readChunks;
    writeBatches = progress.writeBatches;
  }, 120_000);

  it('needs no more syncs than the bound', () => {
    const requests = fake.requestSizes.reduce((a, b) => a + b, 0);
    const responses = fake.responseSizes.reduce((a, b) => a + b, 0);
    // Two small syncs more for the charts' alt text (chart-alt.ts), outside the bound's shares.
    const bound = 3 + ALT_TEXT_SYNCS + Math.ceil(requests / MB45) + Math.ceil(responses / MB45);
    expect(fake.syncCount).toBe(3 + readChunks + writeBatches + ALT_TEXT_SYNCS);
    expect(fake.syncCount).toBeLessThanOrEqual(bound);
    // The reads and the writes each meet their own share of it.
    expect(readChunks).toBeLessThanOrEqual(Math.ceil(responses / MB45));
    expect(writeBatches).toBeLessThanOrEqual(Math.ceil(requests / MB45));
  });

  it('keeps every request and response under 5 MB, none refused', () => {
    expect(Math.max(...fake.requestSizes)).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(Math.max(...fake.responseSizes)).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    // Every sync counted went through: none was refused and sent again in halves.
    expect(fake.requestSizes).toHaveLength(fake.syncCount);
  });

  it('writes every output row, the last one included, as text', () => {
    const inv = outcome.plan.inventory;
    // Every row below the header, blank lines between blocks included, down to the last.
    const last = inv.firstRow + inv.values.length - 1;
    expect(last).toBe(values.length - 1);
    expect(inv.values.length).toBeGreaterThan(rows);
    const s = fake.sheet(sheet);
    const written = OUTPUT_HEADERS.map((_, j) => s.getValue(last, inv.firstCol + j) ?? '');
    expect(written).toEqual(inv.values[inv.values.length - 1]);
    expect(s.getValue(inv.headerRow, inv.firstCol)).toBe(OUTPUT_HEADERS[0]);
    expect(s.getNumberFormat(last, inv.firstCol + OUTPUT_HEADERS.length - 1)).toBe('@');
    expect(s.values.length).toBe(last + 1);
  });
});

describe('payload estimates', () => {
  const tricky = [
    '',
    'plain',
    'quote " and backslash \\',
    'tab\tnewline\nreturn\r',
    'bell \u0007 and unit separator \u001f',
    'café — “smart” … €',
    'emoji 😀 pair',
    'lone \ud800 high and \udc00 low',
    '=SUM(A1)',
    '-12',
  ];

  it('weighs a string as JSON.stringify writes it, in UTF-8 bytes', () => {
    for (const s of tricky) {
      expect(jsonStringBytes(s)).toBe(Buffer.byteLength(JSON.stringify(s), 'utf8'));
    }
  });

  it.each(['typed', 'quoted'] as const)(
    'never puts a chunk under what is sent (%s values)',
    (mode) => {
      const values = Array.from({ length: 3_000 }, (_, i) =>
        Array.from({ length: 6 }, (_, j) => (j === 5 && i % 7 === 0 ? '' : tricky[(i + j) % 10]!)),
      );
      const sent = (rows: readonly (readonly string[])[]): unknown =>
        mode === 'typed'
          ? rows.map((r) => r.map((v) => typedCell(v)))
          : rows.map((r) => r.map((v) => excelText(v, false)));
      const chunks = outputChunks(values, mode, 50_000);
      expect(chunks.length).toBeGreaterThan(3);
      for (const c of chunks) {
        const actual = utf8Length(JSON.stringify(sent(values.slice(c.start, c.start + c.count))));
        expect(c.bytes).toBeGreaterThanOrEqual(actual);
        // One byte a row and the envelope over: close enough to fill a request.
        expect(c.bytes - actual).toBeLessThanOrEqual(c.count + 400);
      }
      expect(CHUNK_BUDGET_BYTES).toBeGreaterThan(MB45);
    },
  );

  it('fills every batch but the last by cutting chunks at a row, in order, every row once', () => {
    // Rows of 1,000 bytes in chunks of 4,000 rows; a 100,000-byte step after each chunk.
    const written: number[] = [];
    const rowsStep = (start: number, count: number): WriteStep => ({
      bytes: count * 1_000,
      queue: () => {
        for (let r = start; r < start + count; r++) written.push(r);
      },
      splitAt: (bytes) => {
        const k = Math.min(count - 1, Math.floor(bytes / 1_000));
        return k < 1 ? null : [rowsStep(start, k), rowsStep(start + k, count - k)];
      },
    });
    const small: WriteStep = { bytes: 100_000, queue: () => written.push(-1) };
    const steps = [0, 1, 2, 3, 4].flatMap((k) => [rowsStep(k * 4_000, 4_000), small]);
    const budget = 4_850_000;
    const batches = packSteps(steps, budget);
    const sizes = batches.map((b) => b.reduce((n, st) => n + st.bytes, 0));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(budget);
    sizes.slice(0, -1).forEach((n) => expect(budget - n).toBeLessThan(MIN_FILL_BYTES));
    // 20.5 MB of work: the least number of 4.85 MB batches.
    expect(batches).toHaveLength(Math.ceil(20_500_000 / budget));
    for (const b of batches) for (const st of b) st.queue({} as Excel.RequestContext);
    const rowsWritten = written.filter((r) => r >= 0);
    expect(rowsWritten).toEqual(Array.from({ length: 20_000 }, (_, i) => i));
    expect(written.indexOf(-1)).toBe(4_000);
  });
});
