/**
 * The byte patch (sheetbytes.ts) writes the output cells of a sheet read from its bytes
 * straight into the output. Whatever a row looks like, its result must be the text patch's
 * (patchSheetData over the text), byte for byte: each case below is one shape of row, on a
 * first refresh (new columns) or the next (our cells replaced or cleared), with or without a
 * namespace prefix, and a sheet long enough to cross windows.
 */

import { patchSheetBytes } from '../../src/xlsx/sheetbytes';
import {
  patchSheetData,
  sharedTextCell,
  SheetSource,
  type CellWrites,
  type SharedCellWrites,
} from '../../src/xlsx/sheetxml';
import { children, rootElement, type ElementRange } from '../../src/xlsx/xml';
import { InflatingSource, type ZipEntry } from '../../src/xlsx/zip';
import { deflateRawSync } from 'node:zlib';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** Output columns J..L (9..11); row r's ids: 3r, -1 on every fourth row's middle, 3r+2. */
const FIRST = 9;
const WIDTH = 3;
function idsOf(row: number): Int32Array {
  return Int32Array.from([3 * row, row % 4 === 1 ? -1 : 3 * row + 1, 3 * row + 2]);
}

/** The same writes both ways: as cell texts (get) and as shared-string ids (shared). */
function writesFor(
  p: string,
  rows: readonly number[],
  header: number | null,
): CellWrites & {
  shared: SharedCellWrites;
} {
  const style = (row: number) => (row === header ? 7 : row % 3);
  return {
    rows,
    get: (row) => {
      if (!rows.includes(row)) return undefined;
      const ids = idsOf(row);
      return new Map(
        [...ids].map((id, j) => [
          FIRST + j,
          id < 0 ? null : sharedTextCell(p, row, FIRST + j, id, style(row)),
        ]),
      );
    },
    shared: {
      firstCol: FIRST,
      width: WIDTH,
      cells: (row) => (rows.includes(row) ? { style: style(row), ids: idsOf(row) } : undefined),
    },
  };
}

function sheetData(xml: string): ElementRange {
  return children(xml, rootElement(xml), ['sheetData']).find((k) => k.local === 'sheetData')!;
}

function join(pieces: Iterable<string | Uint8Array>): string {
  return [...pieces]
    .map((piece) => (typeof piece === 'string' ? piece : Buffer.from(piece).toString('latin1')))
    .join('');
}

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

/** Input cells A..C of row n (1-based) as most producers write them. */
const plain = (p: string, n: number) =>
  `<${p}c r="A${n}" t="s"><${p}v>1</${p}v></${p}c><${p}c r="B${n}"><${p}v>2.5</${p}v></${p}c><${p}c r="C${n}" s="4"/>`;
/** Our cells J..L of row n as an earlier refresh left them. */
const ours = (p: string, n: number) =>
  `<${p}c r="J${n}" s="2" t="s"><${p}v>9</${p}v></${p}c><${p}c r="K${n}" s="2" t="s"><${p}v>8</${p}v></${p}c><${p}c r="L${n}" s="2" t="s"><${p}v>7</${p}v></${p}c>`;

/** Row shapes, each a function of the prefix and the 1-based row number. */
const SHAPES: [string, (p: string, n: number) => string][] = [
  ['input cells only (a first refresh)', (p, n) => `<${p}row r="${n}">${plain(p, n)}</${p}row>`],
  [
    'spans that grow over the new cells',
    (p, n) => `<${p}row r="${n}" spans="1:3" x14ac:dyDescent="0.25">${plain(p, n)}</${p}row>`,
  ],
  [
    'our cells from before (the next refresh)',
    (p, n) => `<${p}row r="${n}" spans="1:12">${plain(p, n)}${ours(p, n)}</${p}row>`,
  ],
  ['only our cells', (p, n) => `<${p}row r="${n}">${ours(p, n)}</${p}row>`],
  [
    'a style-only cell where a cell is cleared',
    (p, n) => `<${p}row r="${n}">${plain(p, n)}<${p}c r="K${n}" s="5"/></${p}row>`,
  ],
  [
    'a user cell right of the output',
    (p, n) => `<${p}row r="${n}">${plain(p, n)}<${p}c r="N${n}"><${p}v>1</${p}v></${p}c></${p}row>`,
  ],
  [
    'cells without r',
    (p, n) => `<${p}row r="${n}">${plain(p, n).replace(/ r="[A-C]\d+"/g, '')}</${p}row>`,
  ],
  ['a row without r', (p, n) => `<${p}row>${plain(p, n)}</${p}row>`],
  [
    'space between the cells',
    (p, n) => `<${p}row r="${n}">\n  ${plain(p, n).replace(/<\/c>/g, '</c>\n  ')}</${p}row>`,
  ],
  ['an empty row', (p, n) => `<${p}row r="${n}"/>`],
  ['a row without cells', (p, n) => `<${p}row r="${n}"></${p}row>`],
  [
    'markup after the cells',
    (p, n) =>
      `<${p}row r="${n}">${plain(p, n)}<${p}extLst><${p}ext uri="{X}"/></${p}extLst></${p}row>`,
  ],
  [
    'cells out of order',
    (p, n) =>
      `<${p}row r="${n}"><${p}c r="C${n}"/><${p}c r="A${n}"><${p}v>1</${p}v></${p}c></${p}row>`,
  ],
  [
    'a quoted ">" in an attribute',
    (p, n) => `<${p}row r="${n}" x:note="a>b">${plain(p, n)}</${p}row>`,
  ],
  [
    "spans written otherwise (spaces, single quotes, 'spans' before it)",
    (p, n) =>
      [
        `<${p}row r="${n}" spans = "1:3">`,
        `<${p}row r="${n}" spans='1:3'>`,
        `<${p}row r="${n}" x:colspans="7" spans="1:3">`,
        `<${p}row r="${n}" x:note="a spans='2:2'" spans="1:12">`,
        `<${p}row r="${n}" x:note="a spans='2:2'">`,
      ][n % 5]! + `${plain(p, n)}${n % 3 === 0 ? ours(p, n) : ''}</${p}row>`,
  ],
];

describe.each(['', 'x:'])('the byte patch (prefix "%s")', (p) => {
  it.each(SHAPES)('%s: the same bytes as the text patch', (_name, shape) => {
    // Rows 1..40 of the shape, every other one written, the header row 0, and rows after.
    const body: string[] = [];
    for (let n = 1; n <= 40; n++) body.push(shape(p, n));
    const xmlns = p ? `xmlns:${p.slice(0, -1)}="${NS}"` : `xmlns="${NS}"`;
    const xml = `<?xml version="1.0"?>\n<${p}worksheet ${xmlns} xmlns:x14ac="urn:x"><${p}sheetData>${body.join('')}</${p}sheetData></${p}worksheet>`;
    const sd = sheetData(xml);
    const rows = [0, ...Array.from({ length: 22 }, (_v, i) => 2 * i + 1), 50, 51];
    const w = writesFor(p, rows, 0);
    const fromText = join(patchSheetData(SheetSource.text(xml), sd, w, p));
    const bytes = new Uint8Array(Buffer.from(xml, 'latin1'));
    const fromBytes = join(
      patchSheetBytes(
        SheetSource.best(() => xml, bytes, false),
        sd,
        w,
        p,
      ),
    );
    expect(fromBytes).toBe(fromText);
    expect(fromText).toContain(`<${p}c r="J2" s="1" t="s"><${p}v>3</${p}v></${p}c>`);
  });
});

it('a sheet of 20,000 rows across windows, streamed, is patched as from its text', () => {
  const body: string[] = [];
  for (let n = 1; n <= 20000; n++) body.push(SHAPES[n % 3]![1]('', n));
  const xml = `<worksheet xmlns="${NS}"><sheetData>${body.join('')}</sheetData></worksheet>`;
  const sd = sheetData(xml);
  const rows = Array.from({ length: 20005 }, (_v, i) => i);
  const w = writesFor('', rows, 0);
  const bytes = new Uint8Array(Buffer.from(xml, 'latin1'));
  expect(bytes.length).toBeGreaterThan(2 << 20); // several windows and output pieces
  const fromText = join(patchSheetData(SheetSource.text(xml), sd, w, ''));
  const held = join(
    patchSheetBytes(
      SheetSource.best(() => xml, bytes, false),
      sd,
      w,
      '',
    ),
  );
  const streamed = join(
    patchSheetBytes(
      SheetSource.best(() => xml, new InflatingSource(entryOf(bytes)), false),
      sd,
      w,
      '',
    ),
  );
  expect(held).toBe(fromText);
  expect(streamed).toBe(fromText);
});

/** A shape's row with text in other scripts: an accented inline string and attribute. */
function accented(shape: (p: string, n: number) => string): (p: string, n: number) => string {
  return (p, n) =>
    shape(p, n)
      .replace(
        `<${p}c r="A${n}" t="s"><${p}v>1</${p}v></${p}c>`,
        `<${p}c r="A${n}" t="inlineStr"><${p}is><${p}t>Überwachung ${n} – Zürich 🚀</${p}t></${p}is></${p}c>`,
      )
      .replace(/^(<[^>]*?)(\/?>)/, '$1 x:note="Größe"$2');
}

describe.each(['', 'x:'])('the byte patch over UTF-8 text in other scripts (prefix "%s")', (p) => {
  it.each(SHAPES)('%s: the same bytes as the text patch', (_name, shape) => {
    const body: string[] = [];
    for (let n = 1; n <= 40; n++) body.push(accented(shape)(p, n));
    const xmlns = p ? `xmlns:${p.slice(0, -1)}="${NS}"` : `xmlns="${NS}"`;
    const xml = `<?xml version="1.0"?>\n<${p}worksheet ${xmlns} xmlns:x="urn:x" xmlns:x14ac="urn:x"><${p}sheetData>${body.join('')}</${p}sheetData></${p}worksheet>`;
    expect(xml).toContain('Größe');
    const rows = [0, ...Array.from({ length: 22 }, (_v, i) => 2 * i + 1), 50, 51];
    const w = writesFor(p, rows, 0);
    const fromText = Buffer.from(
      [...patchSheetData(SheetSource.text(xml), sheetData(xml), w, p)].join(''),
      'utf8',
    );
    // The bytes are UTF-8; sheetData is located in byte offsets (its Latin-1 view).
    const utf8 = Buffer.from(xml, 'utf8');
    const pieces = patchSheetBytes(
      SheetSource.best(() => xml, new Uint8Array(utf8), false),
      sheetData(utf8.toString('latin1')),
      w,
      p,
    );
    const fromBytes = Buffer.concat(
      [...pieces].map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece)),
    );
    expect(fromBytes.toString('utf8')).toBe(fromText.toString('utf8'));
    expect(fromBytes.equals(fromText)).toBe(true);
  });
});
