/**
 * patchSheetData reads a big sheet from its bytes in windows (SheetSource.best) instead of
 * from its text: the output must be the same, byte for byte, whatever the rows look like —
 * rows across window boundaries, rows without `r`, inserted rows, rows written in full, and
 * a sheet whose comments make the windows unsafe (it falls back to the text).
 */

import { constants as zlibConstants, deflateRawSync } from 'node:zlib';
import {
  markupInSheetData,
  patchSheetData,
  SheetSource,
  type CellWrites,
} from '../../src/xlsx/sheetxml';
import { children, rootElement, spliceLazy, type ElementRange } from '../../src/xlsx/xml';
import {
  crc32,
  InflatingSource,
  SHEET_WINDOW,
  type ByteSource,
  type ZipEntry,
} from '../../src/xlsx/zip';

/** A deflated ZIP entry of `bytes`, to read back through an InflatingSource. */
function entryOf(bytes: Uint8Array): ZipEntry {
  return {
    name: 'xl/worksheets/sheet1.xml',
    nameBytes: new Uint8Array(0),
    flags: 0,
    method: 8,
    crc: 0,
    compressedSize: 0,
    size: bytes.length,
    raw: new Uint8Array(deflateRawSync(bytes)),
    time: 0,
    date: 0,
  };
}

/** A worksheet of `rows` rows, each about 300 bytes, so it spans several 1 MB windows. */
function sheet(
  rows: number,
  opts: { omitR?: (row: number) => boolean; comment?: boolean },
): string {
  const body: string[] = [];
  for (let r = 0; r < rows; r++) {
    const n = r + 1;
    if (opts.comment && r === 7) body.push('<!-- a row: <row r="99"> -->');
    const cells = ['A', 'B', 'C']
      .map((c) => `<c r="${c}${n}" t="s"><v>${r % 1000}</v></c>`)
      .join('');
    const pad = `<c r="D${n}" t="inlineStr"><is><t>${'x'.repeat(200 + (r % 50))}</t></is></c>`;
    body.push(
      opts.omitR?.(r)
        ? `<row>${cells.replace(/ r="[A-D]\d+"/g, '')}</row>`
        : `<row r="${n}" spans="1:4">${cells}${pad}</row>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body.join('\n')}</sheetData></worksheet>`;
}

function sheetData(xml: string): ElementRange {
  return children(xml, rootElement(xml), ['sheetData']).find((k) => k.local === 'sheetData')!;
}

/** Writes two output cells (F, G) into every third row, a new row after the last one. */
function writes(rows: number): CellWrites {
  const targets: number[] = [];
  for (let r = 0; r < rows; r += 3) targets.push(r);
  targets.push(rows + 2);
  return {
    rows: targets,
    get: (row) =>
      new Map<number, string | null>([
        [5, `<c r="F${row + 1}" t="s"><v>1</v></c>`],
        [6, row % 2 === 0 ? `<c r="G${row + 1}" t="s"><v>2</v></c>` : null],
      ]),
  };
}

function join(pieces: Iterable<string | Uint8Array>): string {
  return [...pieces]
    .map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('latin1')))
    .join('');
}

describe.each([
  ['rows with r', {}],
  ['some rows without r', { omitR: (r: number) => r % 97 === 5 }],
  ['a comment among the rows', { comment: true }],
])(
  'a sheet of 6,000 rows, %s',
  (_name, opts: { omitR?: (r: number) => boolean; comment?: boolean }) => {
    const rows = 6000;
    const xml = sheet(rows, opts);
    const bytes = new Uint8Array(Buffer.from(xml, 'latin1'));
    const sd = sheetData(xml);

    it('is patched from its bytes exactly as from its text', () => {
      expect(xml.length).toBeGreaterThan(2 << 20); // three 1 MB windows
      const fromText = join(patchSheetData(SheetSource.text(xml), sd, writes(rows), ''));
      const fromBytes = join(
        patchSheetData(
          SheetSource.best(() => xml, bytes, markupInSheetData(bytes, sd)),
          sd,
          writes(rows),
          '',
        ),
      );
      expect(fromBytes).toBe(fromText);
      // Unchanged spans are byte views, except where comments make windows unsafe.
      const pieces = [
        ...patchSheetData(
          SheetSource.best(() => xml, bytes, markupInSheetData(bytes, sd)),
          sd,
          writes(rows),
          '',
        ),
      ];
      expect(pieces.some((p) => p instanceof Uint8Array)).toBe(!opts.comment);
      // From bytes inflated as they are taken (never held whole), the same again.
      const streamed = join(
        patchSheetData(
          SheetSource.best(
            () => xml,
            new InflatingSource(entryOf(bytes)),
            markupInSheetData(xml, sd),
          ),
          sd,
          writes(rows),
          '',
        ),
      );
      expect(streamed).toBe(fromText);
      // And the writes are there: row 4 gained F4, the inserted row is numbered.
      expect(fromText).toContain('<c r="F4" t="s"><v>1</v></c>');
      expect(fromText).toContain(`<row r="${rows + 3}">`);
    });
  },
);

describe('rows without cells', () => {
  // Excel writes a formatted row with no cells as <row r="9" ht="20" customHeight="1"/>.
  const rows = Array.from({ length: 30000 }, (_v, i) =>
    i % 1000 === 0
      ? `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>1</v></c></row>`
      : `<row r="${i + 1}" ht="20" customHeight="1"/>`,
  );
  const xml = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
  const bytes = new Uint8Array(Buffer.from(xml, 'latin1'));
  const sd = sheetData(xml);

  it('keep the windows at their size and are patched as from the text', () => {
    expect(xml.length).toBeGreaterThan(8 * SHEET_WINDOW);
    let longest = 0;
    const recorded: ByteSource = {
      length: bytes.length,
      subarray: (a, b) => {
        longest = Math.max(longest, Math.min(b, bytes.length) - a);
        return bytes.subarray(a, b);
      },
    };
    const fromText = join(patchSheetData(SheetSource.text(xml), sd, writes(30000), ''));
    const fromBytes = join(
      patchSheetData(
        SheetSource.best(() => xml, recorded, false),
        sd,
        writes(30000),
        '',
      ),
    );
    expect(fromBytes).toBe(fromText);
    expect(fromText).toContain('<row r="4" ht="20" customHeight="1"><c r="F4" t="s"><v>1</v></c>');
    expect(longest).toBeLessThanOrEqual(SHEET_WINDOW);
  });
});

describe('InflatingSource', () => {
  const bytes = new Uint8Array(Buffer.from(sheet(4000, {}), 'latin1'));

  it('gives the bytes of any spans taken front to back, without holding them all', () => {
    const src = new InflatingSource(entryOf(bytes));
    expect(src.length).toBe(bytes.length);
    const cuts = [0, 17, 17, 5000, 70_000, 1_200_000, 1_200_001, bytes.length - 9, bytes.length];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [a, b] = [cuts[i]!, cuts[i + 1]!];
      expect(Buffer.from(src.subarray(a, b)).equals(Buffer.from(bytes.subarray(a, b)))).toBe(true);
    }
    expect(() => src.subarray(10, 20)).toThrow(/read backwards/);
  });

  it('a skeleton splice over it is the whole part again', () => {
    const xml = Buffer.from(bytes).toString('latin1');
    const sd = sheetData(xml);
    const edits = [{ start: sd.openEnd, end: sd.openEnd, text: '<row r="1"/>' }];
    const out = Buffer.concat(
      [...spliceLazy(new InflatingSource(entryOf(bytes)), edits)].map((p) =>
        typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p),
      ),
    ).toString('latin1');
    expect(out).toBe(xml.slice(0, sd.openEnd) + '<row r="1"/>' + xml.slice(sd.openEnd));
  });

  it('checks the CRC-32 of a first reading, even when the last compressed bytes yield none', () => {
    // The data, then 100 KB of empty blocks (sync flushes) and an empty final block: valid
    // deflate whose last pieces inflate to nothing.
    const flushed = deflateRawSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    const empties = Buffer.alloc(5 * 20000);
    for (let i = 0; i < 20000; i++) empties.set([0, 0, 0, 0xff, 0xff], i * 5);
    const raw = new Uint8Array(Buffer.concat([flushed, empties, Buffer.from([3, 0])]));
    const good = { ...entryOf(bytes), raw, crc: crc32(bytes) };
    const read = (e: ZipEntry): void => {
      const src = new InflatingSource(e, 0, true);
      src.subarray(0, 100);
      src.subarray(100, bytes.length);
    };
    expect(() => read(good)).not.toThrow();
    expect(() => read({ ...good, crc: good.crc ^ 1 })).toThrow(
      /xl\/worksheets\/sheet1.xml is damaged \(its bytes fail the ZIP checksum\)/,
    );
    // Not asked to (a later reading of bytes checked once): no CRC computed.
    expect(() => new InflatingSource({ ...good, crc: 0 }).subarray(0, bytes.length)).not.toThrow();
  });

  it('refuses an encrypted entry or one compressed in a way Excel does not write', () => {
    expect(() => new InflatingSource({ ...entryOf(bytes), flags: 1 })).toThrow(/encrypted/);
    expect(() => new InflatingSource({ ...entryOf(bytes), method: 12 })).toThrow(/method 12/);
  });

  it('compressed data that ends early is damage naming the part', () => {
    const e = entryOf(bytes);
    const cut = { ...e, raw: e.raw.subarray(0, e.raw.length >> 1) };
    expect(() => new InflatingSource(cut).subarray(0, bytes.length)).toThrow(
      /xl\/worksheets\/sheet1.xml is damaged/,
    );
  });
});
