/**
 * The cell scanner (src/xlsx/read.ts scanCells) reads the common cell from character codes;
 * every other shape takes its general path. This test holds it to a reader we did not tune: a
 * saxes tree walk that applies the cell rules of ECMA-376 Part 1 §18.3.1.4 (c) and §18.3.1.73
 * (row) literally — a row or cell without `r` follows the previous one, `t` says how to read
 * `<v>`, an inline string is the text of its `<t>` runs — over thousands of random cells in
 * every shape producers write (prefixes, attribute order and quoting, spaces around "=",
 * formulas, numbers with decimals, exponents and signs, empty values, rich inline strings).
 * The same holds when a big sheet is read from its bytes in windows (scanSheetBytes), with
 * the windows cut anywhere a row ends and text in any script.
 */

import { SaxesParser } from 'saxes';
import type { CellValue } from '../../src/core/input';
import { rng } from '../../src/cli/sample';
import { scanCells, scanSheetBytes, sheetDataRange } from '../../src/xlsx/read';
import type { ByteSource } from '../../src/xlsx/zip';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const SST = ['Initiative', 'Led By', '', 'Smart lighting', 'IT', '<&>'];

type Cell = [row: number, col: number, value: CellValue];

/** The reference: a tree walk over saxes events. */
function reference(xml: string): Cell[] {
  const out: Cell[] = [];
  const parser = new SaxesParser({ xmlns: true });
  let inSheetData = false;
  let row = -1;
  let col = -1;
  let cell: { type: string } | null = null;
  let text: string[] | null = null; // collecting <v> or <is>/<t> text
  let v: string | null = null;
  let inline: string[] = [];
  let inRph = false;
  parser.on('opentag', (t) => {
    const a = (name: string): string | undefined => t.attributes[name]?.value;
    if (t.local === 'sheetData') inSheetData = true;
    else if (!inSheetData) return;
    else if (t.local === 'row') {
      row = a('r') !== undefined ? Number(a('r')) - 1 : row + 1;
      col = -1;
    } else if (t.local === 'c') {
      const r = a('r');
      if (r !== undefined) {
        const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(r)!;
        col = [...m[1]!.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
        row = Number(m[2]) - 1;
      } else col++;
      cell = { type: a('t') ?? 'n' };
      v = null;
      inline = [];
    } else if (cell && t.local === 'v') text = [];
    else if (cell && t.local === 'rPh') inRph = true;
    else if (cell && t.local === 't' && !inRph) text = [];
  });
  parser.on('text', (s) => text?.push(s));
  parser.on('closetag', (t) => {
    if (t.local === 'sheetData') inSheetData = false;
    else if (t.local === 'v' && text) {
      v = text.join('');
      text = null;
    } else if (t.local === 'rPh') inRph = false;
    else if (t.local === 't' && text) {
      inline.push(text.join(''));
      text = null;
    } else if (t.local === 'c' && cell) {
      let value: CellValue = null;
      if (cell.type === 'inlineStr') value = inline.join('');
      else if (v !== null) {
        if (cell.type === 's') value = SST[Number(v)] ?? null;
        else if (cell.type === 'b') value = v.trim() === '1' || v.trim().toLowerCase() === 'true';
        else if (cell.type === 'e') value = { kind: 'error', code: v.trim() };
        else if (cell.type === 'str') value = v;
        else value = v.trim() === '' || Number.isNaN(Number(v)) ? null : Number(v);
      }
      if (value !== null && value !== '') out.push([row, col, value]);
      cell = null;
    }
  });
  parser.write(xml).close();
  return out;
}

function scanned(xml: string): Cell[] {
  const out: Cell[] = [];
  scanCells(xml, SST, (row, col, value) => out.push([row, col, value]));
  return out;
}

const escape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A random sheet: each cell one of the shapes producers write. */
function randomSheet(seed: number, p: string): string {
  const next = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const q = (): string => pick(['"', "'"]);
  const eq = (): string => pick(['=', ' = ', '=']);
  const rows: string[] = [];
  let rowNum = 0;
  for (let r = 0; r < 40; r++) {
    rowNum += pick([1, 1, 1, 2, 7]);
    const numbered = next() < 0.8;
    const cells: string[] = [];
    let colNum = 0;
    for (let c = 0; c < 8; c++) {
      colNum += pick([1, 1, 1, 2]);
      const letters = String.fromCharCode(64 + colNum);
      const ref = pick([
        `${letters}${rowNum}`,
        `$${letters}$${rowNum}`,
        `${letters.toLowerCase()}${rowNum}`,
      ]);
      const withR = numbered && next() < 0.9;
      const rq = q();
      const rAttr = withR ? ` r${eq()}${rq}${ref}${rq}` : '';
      if (!withR) colNum = c === 0 ? 1 : colNum; // a cell without r follows the previous one
      const s = next() < 0.5 ? ` s="${pick([0, 3, 12])}"` : '';
      const shape = pick([
        () =>
          `<${p}c${rAttr}${s} t${eq()}"s"><${p}v>${pick([0, 1, 2, 3, 4, 5, 9])}</${p}v></${p}c>`,
        () => `<${p}c${s}${rAttr} t='s'><${p}v>${pick(['3', ' 3 ', '03'])}</${p}v></${p}c>`,
        () =>
          `<${p}c${rAttr}${s}><${p}v>${pick(['12', '1200', '250000', '0', '-4', '2.5', '1e3', ' 7', '', '007', '123456789012345678'])}</${p}v></${p}c>`,
        () => `<${p}c${rAttr} t="n"><${p}v>${pick(['42', '3.25'])}</${p}v></${p}c>`,
        () => `<${p}c${rAttr}${s}/>`,
        () => `<${p}c${rAttr}${s}></${p}c>`,
        () => `<${p}c${rAttr} t="b"><${p}v>${pick(['1', '0', 'true'])}</${p}v></${p}c>`,
        () => `<${p}c${rAttr} t="e"><${p}v>#N/A</${p}v></${p}c>`,
        () =>
          `<${p}c${rAttr} t="str"><${p}f>A1&amp;"x"</${p}f><${p}v>${escape(pick(['=cmd', 'a<b', ' spaced ']))}</${p}v></${p}c>`,
        () => `<${p}c${rAttr}><${p}f>1+1</${p}f><${p}v>2</${p}v></${p}c>`,
        () =>
          `<${p}c${rAttr} t="inlineStr"><${p}is><${p}t>${escape(pick(['Pilot', 'R&D', '']))}</${p}t></${p}is></${p}c>`,
        () =>
          `<${p}c${rAttr} t="inlineStr"><${p}is><${p}r><${p}t>Ro</${p}t></${p}r><${p}r><${p}t>llout</${p}t></${p}r><${p}rPh sb="0" eb="1"><${p}t>x</${p}t></${p}rPh></${p}is></${p}c>`,
        () => `<${p}c${rAttr}${s} t="s">\n  <${p}v>1</${p}v>\n</${p}c>`,
      ])();
      cells.push(shape);
    }
    const rowR = numbered ? ` r="${rowNum}"` : '';
    const spans = next() < 0.5 ? ' spans="1:9"' : '';
    rows.push(`<${p}row${rowR}${spans}>${cells.join('')}</${p}row>`);
  }
  const ns = p ? `xmlns:${p.slice(0, -1)}="${MAIN}"` : `xmlns="${MAIN}"`;
  return `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${ns}><${p}sheetData>${rows.join('')}</${p}sheetData></${p}worksheet>`;
}

describe('the cell scanner reads what a conformant XML reader reads', () => {
  it.each([
    ['no prefix', ''],
    ['an x: prefix', 'x:'],
  ])('500 random sheets with %s', (_what, p) => {
    for (let seed = 1; seed <= 500; seed++) {
      const xml = randomSheet(seed, p);
      const got = scanned(xml);
      const want = reference(xml);
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        expect({ seed, got }).toEqual({ seed, got: want });
      }
    }
    expect(scanned(randomSheet(1, p)).length).toBeGreaterThan(100);
  });

  it('a reference past XFD or row 1,048,576 is refused as beyond the grid', () => {
    const sheet = (ref: string): string =>
      `<worksheet xmlns="${MAIN}"><sheetData><row><c r="${ref}" t="s"><v>0</v></c></row></sheetData></worksheet>`;
    expect(scanned(sheet('XFD1048576'))).toEqual([[1048575, 16383, 'Initiative']]);
    expect(() => scanned(sheet('XFE1'))).toThrow(/beyond Excel's grid/);
    expect(() => scanned(sheet('A1048577'))).toThrow(/beyond Excel's grid/);
    expect(() => scanned(sheet('1A'))).toThrow(/not a cell address/);
  });
});

/**
 * Bytes read front to back that remember the longest stretch asked for: held whole (a
 * Uint8Array, as Package.readingBytes gives up to its hold size) or, as `streamed`, only
 * through subarray (as an InflatingSource gives them).
 */
function source(bytes: Uint8Array, streamed: boolean): { src: ByteSource; longest: () => number } {
  let longest = 0;
  const src: ByteSource = streamed
    ? {
        length: bytes.length,
        subarray: (a, b) => {
          longest = Math.max(longest, Math.min(b, bytes.length) - a);
          return bytes.subarray(a, b);
        },
      }
    : bytes;
  return { src, longest: () => longest };
}

/** Cells and result of reading a sheet's UTF-8 bytes in windows of `window` bytes. */
/** How many bytes a text is in UTF-8. */
const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

function fromBytes(
  xml: string,
  window: number,
  streamed = true,
): { cells: Cell[]; read: ReturnType<typeof scanSheetBytes>; longest: number } {
  const cells: Cell[] = [];
  const { src, longest } = source(new TextEncoder().encode(xml), streamed);
  const read = scanSheetBytes(src, SST, (row, col, value) => cells.push([row, col, value]), window);
  return { cells, read, longest: longest() };
}

describe('a big sheet read from its bytes in windows reads what the text reader reads', () => {
  it.each([
    ['no prefix', ''],
    ['an x: prefix', 'x:'],
  ])(
    '400 random sheets with %s, windows of 40 to 2,000 bytes, ASCII or not, held or streamed',
    (_what, p) => {
      for (let seed = 1; seed <= 400; seed++) {
        let xml = randomSheet(seed, p);
        // Every other sheet speaks more than ASCII (two-, three- and four-byte UTF-8); some
        // have rows without cells, some have elements after sheetData.
        if (seed % 2 === 0) xml = xml.replace(/Pilot/g, 'Zürich façade ✓ 🚀');
        if (seed % 3 === 0) xml = xml.split(`</${p}row>`).join(`</${p}row><${p}row spans="1:2"/>`);
        if (seed % 5 < 2) {
          xml = xml.replace(
            `</${p}sheetData>`,
            `</${p}sheetData><${p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`,
          );
        }
        const window = [40, 97, 256, 2000][(seed >> 1) % 4]!;
        const streamed = seed % 7 < 4;
        const ascii = !/[^\t\n\r -~]/.test(xml);
        const { cells, read } = fromBytes(xml, window, streamed);
        // Held or streamed, ASCII or not: every such sheet is read from its bytes.
        expect(read).not.toBeNull();
        if (JSON.stringify(cells) !== JSON.stringify(reference(xml))) {
          expect({ seed, cells }).toEqual({ seed, cells: reference(xml) });
        }
        expect(read!.ascii).toBe(ascii);
        expect(read!.cellError).toBeNull();
        // The skeleton is the sheet without sheetData's inside, at byte offsets.
        const sd = sheetDataRange(xml)!;
        expect(read!.skeleton.text).toBe(xml.slice(0, sd.openEnd) + xml.slice(sd.closeStart));
        // The hole is at its place in the decoded text and in the part's UTF-8 bytes.
        expect(read!.skeleton.hole).toBe(sd.openEnd);
        expect(read!.skeleton.holeByte).toBe(utf8Length(xml.slice(0, sd.openEnd)));
        expect(read!.skeleton.holeLength).toBe(utf8Length(xml.slice(sd.openEnd, sd.closeStart)));
      }
    },
  );

  it('rows without cells do not grow the windows: 20,000 of them are read 4 KB at a time', () => {
    const empty = Array.from(
      { length: 20000 },
      (_v, i) => `<row r="${i + 1}" ht="20" customHeight="1"/>`,
    );
    const xml = `<worksheet xmlns="${MAIN}"><sheetData>${empty.join('')}<row r="20001"><c r="B20001" t="s"><v>3</v></c></row></sheetData></worksheet>`;
    const { cells, read, longest } = fromBytes(xml, 4096);
    expect(cells).toEqual([[20000, 1, 'Smart lighting']]);
    expect(read).not.toBeNull();
    expect(longest).toBeLessThanOrEqual(4096);
  });

  it('a cell cut by a window, even one holding an element named row, is read whole', () => {
    const xml = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><extLst><ext uri="urn:x"><row xmlns="urn:other"/></ext></extLst><v>7</v></c><c r="B1" t="s"><v>4</v></c></row></sheetData></worksheet>`;
    for (const window of [16, 40, 64, 80, 128]) {
      expect({ window, cells: fromBytes(xml, window).cells }).toEqual({
        window,
        cells: scanned(xml),
      });
    }
    expect(scanned(xml)).toEqual([
      [0, 0, 7],
      [0, 1, 'IT'],
    ]);
  });

  it('reads the skeleton alone when asked to (no cell is read)', () => {
    const xml = randomSheet(3, 'x:');
    const read = scanSheetBytes(new TextEncoder().encode(xml), SST, null, 64);
    const sd = sheetDataRange(xml)!;
    expect(read!.skeleton.text).toBe(xml.slice(0, sd.openEnd) + xml.slice(sd.closeStart));
  });

  it('a refused cell is kept for when the snapshot is asked for; the skeleton is still read', () => {
    const xml = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="XFE1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><v>1</v></c></row></sheetData><pageMargins left="1" right="1" top="1" bottom="1" header="0" footer="0"/></worksheet>`;
    const { read } = fromBytes(xml, 32);
    expect(read!.cellError?.message).toMatch(/XFE1/);
    expect(read!.skeleton.text).toContain('<pageMargins');
  });

  const sheet = (inside: string, before = '', after = ''): string =>
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}">${before}<sheetData>${inside}</sheetData>${after}</worksheet>`;
  const rows =
    '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>3</v></c></row>';

  it.each([
    ['a comment inside sheetData', sheet(`${rows}<!-- </row></sheetData> -->`)],
    [
      'a CDATA section in a cell',
      sheet('<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[</row>]]></t></is></c></row>'),
    ],
    ['a processing instruction inside sheetData', sheet(`<?pi </sheetData>?>${rows}`)],
    ['a comment before sheetData naming it', sheet(rows, '<!-- <sheetData> -->')],
    ['an empty <sheetData/>', `<worksheet xmlns="${MAIN}"><sheetData/></worksheet>`],
    ['no </sheetData>', `<worksheet xmlns="${MAIN}"><sheetData>${rows}`],
    [
      'sheetData inside another element',
      `<worksheet xmlns="${MAIN}"><sheetPr><sheetData>${rows}</sheetData></sheetPr><sheetData/></worksheet>`,
    ],
  ])('is left to the text reader when it meets %s', (_what, xml) => {
    expect(fromBytes(xml, 64).read).toBeNull();
    expect(fromBytes(xml, 64, false).read).toBeNull();
  });

  it.each([
    ['before sheetData', sheet(rows, '<sheetPr codeName="Übersicht"/>')],
    [
      'after sheetData',
      sheet(rows, '', '<headerFooter><oddHeader>Zürich</oddHeader></headerFooter>'),
    ],
  ])(
    'reads a sheet with text that is not ASCII %s from its bytes, held or streamed',
    (_where, xml) => {
      const sd = sheetDataRange(xml)!;
      for (const streamed of [true, false]) {
        const { cells, read } = fromBytes(xml, 64, streamed);
        expect(cells).toEqual(reference(xml));
        expect(read!.ascii).toBe(false);
        expect(read!.skeleton.text).toBe(xml.slice(0, sd.openEnd) + xml.slice(sd.closeStart));
        expect(read!.skeleton.holeByte).toBe(utf8Length(xml.slice(0, sd.openEnd)));
      }
    },
  );

  it('refuses bytes inside sheetData that are not UTF-8, naming the encoding', () => {
    const good = new TextEncoder().encode(
      sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>ok</t></is></c></row>'),
    );
    const bad = good.slice();
    bad[new TextDecoder().decode(good).indexOf('ok')] = 0xc3; // a lead byte before "k"
    // Streamed (as beyond the hold size): held whole, a sheet that is not ASCII is left to
    // the text reader, which refuses the same bytes (stream-read.test.ts).
    const streamed = (b: Uint8Array): ByteSource => ({
      length: b.length,
      subarray: (x, y) => b.subarray(x, y),
    });
    expect(scanSheetBytes(streamed(good), SST, () => undefined, 64)).not.toBeNull();
    expect(() => scanSheetBytes(streamed(bad), SST, () => undefined, 64)).toThrow(
      /not valid UTF-8/,
    );
  });
});
