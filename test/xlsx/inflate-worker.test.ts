/**
 * WorkerInflatingSource: an entry's bytes inflated in a worker and read front to back through
 * a ring of shared slots (1 MB each, four of them), as Package.sourceStream hands them to the
 * write of a big patched sheet.
 */

import { Worker } from 'node:worker_threads';
import { WorkerInflatingSource } from '../../src/xlsx/inflate-worker';
import { makeEntry, ZipFormatError, type ZipEntry } from '../../src/xlsx/zip';

const MB = 1 << 20;

/** Sheet-like bytes: rows of cells with varying numbers, so they deflate as a sheet does. */
function sheetBytes(size: number): Uint8Array {
  const out = Buffer.alloc(size);
  let at = 0;
  for (let r = 1; at < size; r++) {
    at += out.write(`<row r="${r}"><c r="A${r}"><v>${(r * 7919) % 100003}</v></c></row>`, at);
  }
  return new Uint8Array(out.buffer, out.byteOffset, size);
}

const DATA = sheetBytes(9 * MB + 12345);
const ENTRY = makeEntry('xl/worksheets/sheet1.xml', DATA);

/** Spans [from, to) a reader asks for, in order. */
type Reading = [string, (length: number) => [number, number][]];

const READINGS: Reading[] = [
  [
    'row-sized spans, each after the last',
    (n) => {
      const spans: [number, number][] = [];
      for (let a = 0; a < n; a += 4001) spans.push([a, Math.min(n, a + 4001)]);
      return spans;
    },
  ],
  [
    'spans that skip ahead over bytes never read',
    (n) => {
      const spans: [number, number][] = [];
      for (let a = 0; a < n; a += 3 * MB + 17) spans.push([a, Math.min(n, a + 1000)]);
      return spans;
    },
  ],
  [
    'one span longer than the whole ring, then the rest',
    (n) => [
      [5, 6 * MB],
      [6 * MB - 10, n],
    ],
  ],
  [
    'spans that start inside the previous one',
    (n) => {
      const spans: [number, number][] = [];
      for (let a = 0; a + 300_000 < n; a += 250_000) spans.push([a, a + 300_000]);
      return spans;
    },
  ],
];

describe('WorkerInflatingSource', () => {
  it.each(READINGS)('gives the entry’s bytes: %s', (_name, spansOf) => {
    const source = new WorkerInflatingSource(ENTRY);
    expect(source.length).toBe(DATA.length);
    for (const [a, b] of spansOf(DATA.length)) {
      expect(Buffer.compare(source.subarray(a, b), DATA.subarray(a, b))).toBe(0);
    }
  });

  it('starts after the bytes it is told to skip (a byte order mark)', () => {
    const source = new WorkerInflatingSource(ENTRY, 3);
    expect(source.length).toBe(DATA.length - 3);
    expect(Buffer.compare(source.subarray(0, 2 * MB), DATA.subarray(3, 2 * MB + 3))).toBe(0);
    expect(Buffer.compare(source.subarray(8 * MB, source.length), DATA.subarray(8 * MB + 3))).toBe(
      0,
    );
  });

  it('keeps views it gave earlier intact while it reads on', () => {
    const source = new WorkerInflatingSource(ENTRY);
    const first = source.subarray(100, 200);
    const copy = Uint8Array.from(first);
    source.subarray(7 * MB, 8 * MB);
    expect(Buffer.compare(first, copy)).toBe(0);
  });

  it('refuses to be read backwards', () => {
    const source = new WorkerInflatingSource(ENTRY);
    source.subarray(3 * MB, 3 * MB + 10);
    expect(() => source.subarray(0, 10)).toThrow('read backwards');
  });

  const damaged: [string, ZipEntry][] = [
    ['compressed data cut short', { ...ENTRY, raw: ENTRY.raw.subarray(0, ENTRY.raw.length >> 1) }],
    ['more bytes than the directory says', { ...ENTRY, size: ENTRY.size - 1000 }],
    ['fewer bytes than the directory says', { ...ENTRY, size: ENTRY.size + 1000 }],
  ];
  it.each(damaged)('fails, not hangs, on %s', (_name, entry) => {
    const source = new WorkerInflatingSource(entry);
    expect(() => source.subarray(0, source.length)).toThrow(/could not inflate/);
  });

  // The first reading of a part (Package.readingBytes) is where the file's damage is found:
  // InflatingSource's sentences, from the worker's checks.
  const firstReading: [string, ZipEntry, RegExp][] = [
    [
      'compressed data cut short',
      { ...ENTRY, raw: ENTRY.raw.subarray(0, ENTRY.raw.length >> 1) },
      /its compressed data cannot be read/,
    ],
    [
      'more bytes than the directory says',
      { ...ENTRY, size: ENTRY.size - 1000 },
      /inflates past the \d+ bytes the ZIP directory says/,
    ],
    [
      'fewer bytes than the directory says',
      { ...ENTRY, size: ENTRY.size + 1000 },
      new RegExp(`holds ${ENTRY.size} bytes where the ZIP directory says ${ENTRY.size + 1000}`),
    ],
    ['a wrong checksum', { ...ENTRY, crc: (ENTRY.crc ^ 1) >>> 0 }, /fail the ZIP checksum/],
  ];
  it.each(firstReading)('on its first reading, calls %s damage', (_name, entry, why) => {
    const source = new WorkerInflatingSource(entry, 0, true);
    let thrown: unknown;
    try {
      for (let a = 0; a < source.length; a += MB)
        source.subarray(a, Math.min(source.length, a + MB));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ZipFormatError);
    expect((thrown as Error).message).toMatch(why);
  });

  it('on its first reading, gives the last bytes only once their checksum is right', () => {
    const source = new WorkerInflatingSource(ENTRY, 3, true);
    expect(Buffer.compare(source.subarray(0, 5 * MB), DATA.subarray(3, 5 * MB + 3))).toBe(0);
    expect(Buffer.compare(source.subarray(5 * MB, source.length), DATA.subarray(5 * MB + 3))).toBe(
      0,
    );
  });

  it('ends its worker when closed part-way, and is not read after', () => {
    const terminate = jest.spyOn(Worker.prototype, 'terminate');
    try {
      const source = new WorkerInflatingSource(ENTRY, 0, true);
      source.subarray(0, 100);
      source.close();
      expect(terminate).toHaveBeenCalledTimes(1);
      expect(() => source.subarray(100, 200)).toThrow('after close()');
      source.close();
      expect(terminate).toHaveBeenCalledTimes(1);
    } finally {
      terminate.mockRestore();
    }
  });

  it('reads deflated entries only (a stored one is its own bytes)', () => {
    expect(() => new WorkerInflatingSource({ ...ENTRY, method: 0 })).toThrow('deflated');
  });
});
