/**
 * How the package writes what the refresh made, where memory was saved: a big sheet written
 * from its original bytes inflated again in a worker (Package.sourceStream) instead of held,
 * long texts encoded straight into the deflate batches, pieces made in the batch pool's buffers
 * deflated as they are, and a new shared-string table written in pieces yet still checked for
 * well-formedness. Each must give the bytes the plain way gives, and a malformed part of ours
 * is still refused.
 */

import { createWorkbook, refreshFile } from '../../src/xlsx/index';
import { Package } from '../../src/xlsx/package';
import {
  inflateEntry,
  makeStreamedEntry,
  makeStreamedEntryAsync,
  pieceBuffer,
  type Piece,
} from '../../src/xlsx/zip';
import { INVENTORY, NOW } from './corpus';
import { parts } from './helpers';

type Reading = Parameters<typeof refreshFile>[5];

/** Every part of a refresh's output (text), or its sentence. */
async function refreshed(bytes: Uint8Array, reading: Reading): Promise<Map<string, string>> {
  const r = await refreshFile(bytes, 'book.xlsx', { history: true }, NOW, undefined, reading);
  return new Map([...parts(r.bytes)].map(([k, v]) => [k, Buffer.from(v).toString('latin1')]));
}

function inventory(rename: (name: string) => string): Uint8Array {
  const values = INVENTORY.map((row, i) =>
    i === 0 ? [...row] : [rename(row[0]!), ...row.slice(1)],
  );
  return createWorkbook([{ name: 'Inventory', values, headerRow: 0 }]);
}

/** Read from bytes held whole, written from them; or written from a worker's inflating. */
const HELD: Reading = { checkInWorkerFrom: 0 };
const IN_WORKER: Reading = { checkInWorkerFrom: 0, inflateInWorkerFrom: 0 };
const STREAMED_IN_WORKER: Reading = { checkInWorkerFrom: 0, holdBytes: 0, inflateInWorkerFrom: 0 };

describe('a sheet written from bytes inflated again in a worker', () => {
  it.each([
    ['ASCII text', (n: string) => n],
    ['text in other scripts', (n: string) => `${n} — Zürich 🚀`],
  ])(
    'gives the parts the held bytes give (%s), first and second refresh',
    async (_n, rename) => {
      let input = inventory(rename);
      for (let pass = 1; pass <= 2; pass++) {
        const held = await refreshed(input, HELD);
        for (const way of [IN_WORKER, STREAMED_IN_WORKER]) {
          expect(await refreshed(input, way)).toEqual(held);
        }
        const next = await refreshFile(input, 'book.xlsx', { history: true }, NOW, undefined, HELD);
        input = next.bytes;
      }
    },
    300_000,
  );
});

/** Multi-byte text long enough to cross several 4 MB deflate batches. */
function longText(): string {
  const unit = 'Zürich → €5 🚀 <si><t>Plan</t></si>';
  return unit.repeat(Math.ceil((9 << 20) / unit.length));
}

describe('long text pieces are encoded straight into the deflate batches', () => {
  it.each([0, 1, 2, 3])(
    'gives the bytes of the same text encoded first, after a lead of %i bytes',
    async (lead) => {
      const text = longText();
      const pieces = ['x'.repeat(lead), text, 'tail'];
      const bytes = ['x'.repeat(lead), Buffer.from(text, 'utf8'), 'tail'];
      for (const make of [makeStreamedEntry, makeStreamedEntryAsync]) {
        const fromText = await make('a.xml', pieces);
        const fromBytes = await make('a.xml', bytes);
        expect(Buffer.compare(fromText.raw, fromBytes.raw)).toBe(0);
        expect(fromText.crc).toBe(fromBytes.crc);
        expect(fromText.size).toBe(Buffer.byteLength(text) + lead + 4);
      }
      const entry = makeStreamedEntry('a.xml', pieces);
      expect(Buffer.from(inflateEntry(entry)).toString('utf8')).toBe(
        `${'x'.repeat(lead)}${text}tail`,
      );
    },
    60_000,
  );
});

describe('a part of ours written in pieces with checkWritten', () => {
  const book = createWorkbook([{ name: 'Sheet1', values: [['a']], headerRow: 0 }]);
  const write = (pieces: string[]): Package => {
    const pkg = new Package(book);
    pkg.write('xl/extra.xml', pieces, { checkWritten: true });
    pkg.declareContentType('xl/extra.xml', 'application/xml');
    return pkg;
  };

  it('is written when well-formed', async () => {
    const pieces = ['<?xml version="1.0" encoding="UTF-8"?>\n<r>', '<i>1</i>', '</r>'];
    const out = await write(pieces).toBytesAsync();
    expect(Buffer.from(parts(out).get('xl/extra.xml')!).toString()).toBe(pieces.join(''));
    expect(parts(write(pieces).toBytes())).toEqual(parts(out));
  });

  it('is refused, in line and in a worker, when it is not well-formed', async () => {
    const pieces = ['<r>', '<i>1</j>', '</r>'];
    expect(() => write(pieces).toBytes()).toThrow(/^the refresh produced xl\/extra\.xml, which/);
    await expect(write(pieces).toBytesAsync()).rejects.toThrow(
      /^the refresh produced xl\/extra\.xml, which/,
    );
  });
});

/** Text of `n` bytes that is not one repeated run (so deflate has work to do). */
function varied(n: number, seed: number): string {
  let out = '';
  for (let i = 0; out.length < n; i++)
    out += `<row r="${i + seed}"><c><v>${(i * 7919) % 1009}</v></c></row>`;
  return out.slice(0, n);
}

/** `text` written into the start of a pool buffer, as a producer of pieces makes one. */
function pooled(text: string): Uint8Array {
  const b = pieceBuffer();
  return b.subarray(0, b.write(text, 0, 'latin1'));
}

describe("pieces made in the batch pool's buffers are deflated as they are", () => {
  const full = (pieceBuffer().length * 3) >> 2;
  it.each([
    ['pool pieces only', [full, full, 100]],
    ['a text before and after', ['<head>', full, 5, '</tail>']],
    ['bytes of their own between', [full, 'x', 3000, full]],
    ['an empty pool piece', [0, 'a', full]],
  ] as const)('%s: the entry holds the pieces in order', async (_n, shape) => {
    const make = (): Piece[] =>
      shape.map((s, i) =>
        typeof s === 'string' ? s : i === 2 ? Buffer.from(varied(s, i)) : pooled(varied(s, i)),
      );
    const expected = Buffer.concat(
      make().map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))),
    );
    for (const entry of [
      makeStreamedEntry('a.xml', make()),
      await makeStreamedEntryAsync('a.xml', make()),
    ]) {
      expect(Buffer.compare(Buffer.from(inflateEntry(entry)), expected)).toBe(0);
    }
  });

  it('keeps the pieces a consumer holds on to (only an entry writer hands a buffer back)', async () => {
    const kept = [pooled(varied(1000, 1)), pooled(varied(2000, 2))];
    const before = kept.map((k) => Buffer.from(k).toString('latin1'));
    // Another entry takes and hands back pool buffers meanwhile.
    await makeStreamedEntryAsync('b.xml', [pooled(varied(full, 3)), pooled(varied(full, 4))]);
    makeStreamedEntry('c.xml', [pooled(varied(full, 5))]);
    expect(kept.map((k) => Buffer.from(k).toString('latin1'))).toEqual(before);
  });
});

describe('a package with several parts written in pieces', () => {
  it('gives the same parts, in the same order, with the thread pool as without', async () => {
    const book = createWorkbook([{ name: 'Sheet1', values: [['a']], headerRow: 0 }]);
    const write = (): Package => {
      const pkg = new Package(book);
      const names = ['xl/one.xml', 'xl/two.xml', 'xl/three.xml'];
      names.forEach((name, i) => {
        // Whole rows, so the checked part is well-formed.
        const body = varied((i + 1) * (3 << 20), i);
        const cut = body.lastIndexOf('</row>', 1 << 20) + '</row>'.length;
        const end = body.lastIndexOf('</row>') + '</row>'.length;
        pkg.write(name, ['<r>', pooled(body.slice(0, cut)), body.slice(cut, end), '</r>'], {
          checkWritten: i === 1,
        });
        pkg.declareContentType(name, 'application/xml');
      });
      return pkg;
    };
    const sync = write().toBytes();
    const async = await write().toBytesAsync();
    const [a, b] = [parts(async), parts(sync)];
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [name, bytes] of a) expect(Buffer.compare(bytes, b.get(name)!)).toBe(0);
  }, 60_000);
});
