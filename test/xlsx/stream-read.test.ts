/**
 * A big worksheet is read from its bytes in windows (src/xlsx/read.ts readSheetFromBytes),
 * never as one string: at Excel's full grid a refreshed sheet is 670 MB of XML, longer than
 * JavaScript's longest string. Which reader runs depends on the part's size (Package
 * readingBytes: the worker-check threshold; bytes up to 128 MB are held whole, beyond that
 * inflated as they are read), so the promise is that it makes no difference: every workbook
 * refreshed with every part read from its bytes, held or streamed, gives the same parts, the
 * same outcome or the same sentence as with every part read as text; a damaged sheet is
 * refused naming it whichever way it is read. Held to
 * this over the golden fixtures, Excel's own samples, repeated refreshes and the real-world
 * workbooks of the corpus (../shared/xlsx-corpus, or the slice in vendor/xlsx-corpus) with an
 * inventory added.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { join } from 'node:path';
import { RoleMapError } from '../../src/core/messages';
import { createWorkbook, refreshFile } from '../../src/xlsx/index';
import { Package } from '../../src/xlsx/package';
import { addInventory, corpusFiles, INVENTORY, NOW } from './corpus';
import { EXCEL_SAMPLES, FIXTURES, parts } from './helpers';

/** What a refresh gives: its parts (text) and roles, or its sentence. */
type Reading = Parameters<typeof refreshFile>[5];

async function result(bytes: Uint8Array, reading: Reading): Promise<Record<string, string>> {
  try {
    const r = await refreshFile(bytes, 'book.xlsx', { history: true }, NOW, undefined, reading);
    const out: Record<string, string> = {
      roles: r.outcome.rows.map((x) => `${x.initiative.name}=${x.role}`).join('; '),
    };
    for (const [name, data] of parts(r.bytes)) out[name] = Buffer.from(data).toString('latin1');
    return out;
  } catch (err) {
    if (err instanceof RoleMapError) return { sentence: `${err.code}: ${err.message}` };
    throw err;
  }
}

/** How a refresh reads its parts: as text; from bytes held whole; from bytes as they inflate. */
const TEXT = Infinity;
const HELD = 0;
const STREAMED = { checkInWorkerFrom: 0, holdBytes: 0 };

/**
 * Refreshes `bytes` as text and from bytes (`ways`: held, streamed or both) and expects the
 * same answer; returns the last one.
 */
async function same(
  bytes: Uint8Array,
  label: string,
  ways: readonly Reading[] = [HELD, STREAMED],
): Promise<Record<string, string>> {
  const fromText = await result(bytes, TEXT);
  let fromBytes = fromText;
  for (const way of ways) {
    fromBytes = await result(bytes, way);
    if (JSON.stringify(fromBytes) !== JSON.stringify(fromText)) {
      const differing = Object.keys({ ...fromText, ...fromBytes }).filter(
        (k) => fromText[k] !== fromBytes[k],
      );
      expect({ label, way, differing }).toEqual({ label, way, differing: [] });
    }
  }
  return fromBytes;
}

function inventory(rename: (name: string) => string = (n) => n): Uint8Array {
  const values = INVENTORY.map((row, i) =>
    i === 0 ? [...row] : [rename(row[0]!), ...row.slice(1)],
  );
  return createWorkbook([{ name: 'Inventory', values, headerRow: 0 }]);
}

describe('a sheet read from its bytes refreshes exactly as one read as text', () => {
  it.each([
    ['ASCII text', (n: string) => n],
    ['text in other scripts', (n: string) => `${n} — Zürich 🚀`],
  ])(
    'an inventory in %s, refreshed three times in a row',
    async (_what, rename) => {
      let bytes = inventory(rename);
      for (let i = 0; i < 3; i++) {
        const out = await same(bytes, `refresh ${i + 1}`);
        expect(out.roles).toContain('Smart meters');
        bytes = await refreshFile(bytes, 'book.xlsx', { history: true }, NOW, undefined, 0).then(
          (r) => r.bytes,
        );
      }
    },
    120_000,
  );

  it('the golden fixtures and the workbooks saved by Excel', async () => {
    const files = readdirSync(FIXTURES)
      .filter((f) => /\.xlsx$/.test(f))
      .map((f) => join(FIXTURES, f));
    if (existsSync(EXCEL_SAMPLES)) {
      for (const f of readdirSync(EXCEL_SAMPLES)) {
        if (/\.xlsx$/.test(f)) files.push(join(EXCEL_SAMPLES, f));
      }
    } else console.warn(`skipped the Excel samples: ${EXCEL_SAMPLES} is missing`);
    expect(files.length).toBeGreaterThan(3);
    const reading = jest.spyOn(Package.prototype, 'readingBytes');
    try {
      for (const f of files) await same(new Uint8Array(readFileSync(f)), f);
      // The bytes reader did run (not just the text reader twice).
      const fromBytes = reading.mock.results.filter((r) => r.value !== undefined).length;
      expect(fromBytes).toBeGreaterThan(files.length);
    } finally {
      reading.mockRestore();
    }
    // Every fixture refreshed twice (text and bytes): about 28 s alone on a quiet 2-core machine.
  }, 120_000);

  it('a hidden sheet is not refused for its cells, however it is read', async () => {
    // The text reader never reads the cells of a sheet the refresh does not look at.
    const wb = createWorkbook(
      [
        { name: 'Inventory', values: INVENTORY.map((r) => [...r]), headerRow: 0 },
        { name: 'Data', values: [['x', 1]] },
      ],
      NOW,
    );
    const entries = unzipSync(wb);
    const edit = (name: string, change: (xml: string) => string): void => {
      entries[name] = strToU8(change(strFromU8(entries[name]!)));
    };
    edit('xl/workbook.xml', (x) => x.replace(/(<sheet [^>]*name="Data")/, '$1 state="hidden"'));
    edit('xl/worksheets/sheet2.xml', (x) => x.replace('r="B1"', 'r="XFE1"'));
    const out = await same(zipSync(entries), 'hidden sheet');
    expect(out.roles).toContain('Smart meters=Driver');
  });

  it.each([
    ['a flipped byte in its compressed data', 'data'],
    ['a wrong checksum', 'crc'],
  ])('a sheet with %s is refused naming it, however it is read', async (_what, damage) => {
    // Enough rows that the compressed sheet is more than a few bytes.
    const rows = Array.from({ length: 3000 }, (_v, i) => [`Initiative ${i}`, 'IT', 'Pilot']);
    const wb = createWorkbook([
      { name: 'Inventory', values: [[...INVENTORY[0]!], ...rows], headerRow: 0 },
    ]);
    const zip = Buffer.from(zipSync(unzipSync(wb), { level: 6 }));
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    let at = zip.indexOf(Buffer.from([0x50, 0x4b, 3, 4]));
    while (at >= 0 && !zip.subarray(at + 30, at + 30 + name.length).equals(name)) {
      at = zip.indexOf(Buffer.from([0x50, 0x4b, 3, 4]), at + 4);
    }
    expect(at).toBeGreaterThanOrEqual(0);
    if (damage === 'data') {
      const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
      const size = zip.readUInt32LE(at + 18);
      zip.writeUInt8(zip.readUInt8(start + (size >> 1)) ^ 0x55, start + (size >> 1));
    } else {
      let c = zip.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
      while (c >= 0 && !zip.subarray(c + 46, c + 46 + name.length).equals(name)) {
        c = zip.indexOf(Buffer.from([0x50, 0x4b, 1, 2]), c + 4);
      }
      zip.writeUInt32LE(zip.readUInt32LE(c + 16) ^ 1, c + 16);
      zip.writeUInt32LE(zip.readUInt32LE(at + 14) ^ 1, at + 14);
    }
    for (const way of [TEXT, HELD, STREAMED]) {
      const { sentence } = await result(new Uint8Array(zip), way);
      expect(`${JSON.stringify(way)}: ${sentence}`).toMatch(
        /: damaged: .*xl\/worksheets\/sheet1\.xml is damaged/,
      );
    }
  });

  it('an ASCII sheet is never made into one string, on a first refresh or the next', async () => {
    const text = jest.spyOn(Package.prototype, 'text');
    try {
      // 3,000 rows: the sheet is several windows long.
      const rows = Array.from({ length: 3000 }, (_v, i) => [`Initiative ${i}`, 'IT', 'Pilot']);
      let bytes = createWorkbook([
        { name: 'Inventory', values: [[...INVENTORY[0]!], ...rows], headerRow: 0 },
      ]);
      for (let i = 0; i < 2; i++) {
        text.mockClear();
        for (const way of [HELD, STREAMED]) {
          const r = await refreshFile(bytes, 'b.xlsx', { history: true }, NOW, undefined, way);
          expect(r.outcome.rows).toHaveLength(3000);
          if (way === STREAMED) bytes = r.bytes;
        }
        const asked = text.mock.calls.map((c) => c[0]);
        expect(asked).not.toContain('xl/worksheets/sheet1.xml');
        expect(asked).toContain('xl/workbook.xml'); // the spy sees the reads
      }
    } finally {
      text.mockRestore();
    }
  });

  /**
   * A sheet whose text is not all ASCII in every place it can be: accented names in its
   * inline strings, a German drop-down list and a header in the frame around sheetData, a
   * code name on its start. 3,000 rows: several windows long.
   */
  function accentedSheet(): { bytes: Uint8Array; kept: string[] } {
    const rows = Array.from({ length: 3000 }, (_v, i) => [
      `Überwachung ${i} – Zürich café 🚀`,
      i % 2 === 0 ? 'IT' : 'Fertigung',
      'Pilot',
    ]);
    const entries = unzipSync(
      createWorkbook([{ name: 'Inventory', values: [[...INVENTORY[0]!], ...rows], headerRow: 0 }]),
    );
    // Kept byte for byte: the frame's own elements, in the schema's order.
    const kept = [
      '<sheetPr codeName="Übersicht"/>',
      '<dataValidations count="1"><dataValidation type="list" sqref="B2:B3001"><formula1>"Ja,Nein,Größer,Überprüfen"</formula1></dataValidation></dataValidations>',
      '<headerFooter><oddHeader>&amp;CÜbersicht — Zürich</oddHeader></headerFooter>',
    ];
    const xml = strFromU8(entries['xl/worksheets/sheet1.xml']!)
      .replace(/(<worksheet [^>]*>)/, `$1${kept[0]}`)
      .replace('</sheetData>', `</sheetData>${kept[1]}`)
      .replace('</worksheet>', `${kept[2]}</worksheet>`);
    entries['xl/worksheets/sheet1.xml'] = strToU8(xml);
    return { bytes: zipSync(entries), kept };
  }

  /** The cells (`<c …>…</c>` or `<c …/>`) of a sheet's text. */
  function cellsOf(xml: string): string[] {
    return xml.match(/<c [^>]*?(?:\/>|>.*?<\/c>)/g) ?? [];
  }

  it('a sheet with text in other scripts is read from its bytes too, and every byte not ours is kept', async () => {
    const { bytes: input, kept } = accentedSheet();
    const sheetIn = Buffer.from(unzipSync(input)['xl/worksheets/sheet1.xml']!);
    const text = jest.spyOn(Package.prototype, 'text');
    try {
      let bytes = input;
      for (let i = 0; i < 2; i++) {
        for (const way of [HELD, STREAMED]) {
          text.mockClear();
          const r = await refreshFile(bytes, 'b.xlsx', { history: true }, NOW, undefined, way);
          expect(r.outcome.rows).toHaveLength(3000);
          expect(r.outcome.rows[1]!.initiative.name).toBe('Überwachung 1 – Zürich café 🚀');
          const asked = text.mock.calls.map((c) => c[0]);
          expect(asked).not.toContain('xl/worksheets/sheet1.xml');
          expect(asked).toContain('xl/workbook.xml'); // the spy sees the reads
          const sheetOut = Buffer.from(unzipSync(r.bytes)['xl/worksheets/sheet1.xml']!);
          // The frame's elements and the declaration, as the UTF-8 bytes they were.
          for (const k of kept) expect(sheetOut.includes(Buffer.from(k, 'utf8'))).toBe(true);
          expect(sheetOut.subarray(0, 60).equals(sheetIn.subarray(0, 60))).toBe(true);
          // Every input cell, byte for byte (the output columns are added beside them).
          const out = new Set(cellsOf(sheetOut.toString('utf8')));
          const missing = cellsOf(sheetIn.toString('utf8')).filter((c) => !out.has(c));
          expect(missing).toEqual([]);
          if (way === STREAMED) bytes = r.bytes;
        }
      }
      // And exactly what the text reader makes of it, on a first refresh and the next.
      await same(input, 'accented, first');
      await same(bytes, 'accented, next');
    } finally {
      text.mockRestore();
    }
  }, 120_000);

  it('a sheet declared and written in UTF-16 is read as text, with the same result either way', async () => {
    const entries = unzipSync(inventory((n) => `${n} — Zürich`));
    const xml = strFromU8(entries['xl/worksheets/sheet1.xml']!).replace(
      'encoding="UTF-8"',
      'encoding="UTF-16"',
    );
    entries['xl/worksheets/sheet1.xml'] = new Uint8Array(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]),
    );
    const reading = jest.spyOn(Package.prototype, 'readingBytes');
    try {
      const out = await same(zipSync(entries), 'UTF-16');
      expect(out.roles).toContain('Smart meters — Zürich=Driver');
      const sheet = Buffer.from(out['xl/worksheets/sheet1.xml']!, 'latin1');
      // Still UTF-16LE with its byte order mark, and still declared so.
      expect([sheet[0], sheet[1]]).toEqual([0xff, 0xfe]);
      expect(sheet.subarray(2).toString('utf16le')).toMatch(/^<\?xml [^>]*encoding="UTF-16"/);
      expect(sheet.subarray(2).toString('utf16le')).toContain('Smart meters — Zürich');
      // The bytes reader declined it (it reads UTF-8 only).
      const declined = reading.mock.calls.filter(
        (c, i) =>
          c[0] === 'xl/worksheets/sheet1.xml' && reading.mock.results[i]!.value === undefined,
      );
      expect(declined.length).toBeGreaterThan(0);
    } finally {
      reading.mockRestore();
    }
  });

  // Every tenth workbook (both ways, each part of the bytes-read run checked in its own
  // worker, takes ~0.3 s a file); STREAM_READ_CORPUS=all runs all 436 (4.5 min; no difference
  // when this was written).
  const every = process.env.STREAM_READ_CORPUS === 'all' ? 1 : 10;
  const corpus = corpusFiles().filter((_f, i) => i % every === 0);
  if (corpus.length === 0)
    console.warn('skipped the corpus part: no corpus (vendor/xlsx-corpus) is there');
  (corpus.length > 0 ? it : it.skip)(
    `the real-world corpus (every ${every === 1 ? '' : 'tenth '}workbook), each with an inventory added`,
    async () => {
      let compared = 0;
      for (const f of corpus) {
        const added = addInventory(new Uint8Array(readFileSync(f)));
        if ('skip' in added) continue;
        await same(added.bytes, f, [compared % 2 === 0 ? HELD : STREAMED]);
        compared++;
      }
      // Most workbooks take an inventory (over 300 of ../shared's 436; the vendored slice alike).
      expect(compared).toBeGreaterThan(corpus.length * 0.7);
    },
    600_000,
  );
});
