/**
 * Inline-string cells read from a sheet's bytes (read.ts CellByteScan): the common shape,
 * `<c t="inlineStr"><is><t>…</t></is></c>` with or without `xml:space="preserve"`, has its
 * text decoded straight from the bytes (its entities and `_xHHHH_` escapes only when it holds
 * a "&" or a "_", a plain text met again shared); every other shape takes the general path.
 * Either way the cells must be what the text reader (scanCells over the decoded XML, where
 * runText reads every inline string) reads from the same XML. Checked over a table of edge
 * cases (empty texts, spaces at the ends, entities, escapes, rich and phonetic runs, prefixes,
 * other attributes and quoting) and over thousands of random texts (ASCII, accented, astral,
 * entities, escapes, repeats of earlier texts), read held whole and in small windows that cut
 * cells anywhere.
 */

import type { CellValue } from '../../src/core/input';
import { rng } from '../../src/cli/sample';
import { scanCells, scanSheetBytes } from '../../src/xlsx/read';
import type { ByteSource } from '../../src/xlsx/zip';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const SST = ['shared'];

type Cell = [row: number, col: number, value: CellValue];

/** A worksheet with these rows inside sheetData (`p`: the prefix of its elements). */
function sheet(rows: string, p = ''): string {
  const ns = p ? `xmlns:${p.slice(0, -1)}="${MAIN}"` : `xmlns="${MAIN}"`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${p}worksheet ${ns}><${p}dimension ref="A1"/><${p}sheetData>${rows}</${p}sheetData><${p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></${p}worksheet>`;
}

/** What the text reader reads. */
function fromText(xml: string): Cell[] {
  const out: Cell[] = [];
  scanCells(xml, SST, (row, col, value) => out.push([row, col, value]));
  return out;
}

/** What reading the UTF-8 bytes reads: held whole, or streamed in windows of `window` bytes. */
function fromBytes(xml: string, window?: number): Cell[] {
  const bytes = new TextEncoder().encode(xml);
  const src: ByteSource =
    window === undefined
      ? bytes
      : { length: bytes.length, subarray: (a, b) => bytes.subarray(a, b) };
  const out: Cell[] = [];
  const read = scanSheetBytes(src, SST, (row, col, value) => out.push([row, col, value]), window);
  // Every sheet here is one the byte reader reads (none is left to the text reader).
  expect(read).not.toBeNull();
  expect(read!.cellError).toBeNull();
  return out;
}

/** Windows small enough to cut most cells, the text of one, or the tags around it. */
const WINDOWS = [24, 41, 64, 97, 256];

/** Every byte reading of `xml` reads what the text reader reads; returns that. */
function expectSameReadings(xml: string): Cell[] {
  const want = fromText(xml);
  const same = (got: Cell[], how: string): void => {
    if (JSON.stringify(got) !== JSON.stringify(want))
      expect({ how, got }).toEqual({ how, got: want });
  };
  same(fromBytes(xml), 'held');
  for (const window of WINDOWS) same(fromBytes(xml, window), `window ${window}`);
  return want;
}

describe('inline strings read from bytes read what the text reader reads', () => {
  // [what, the cell's attributes after r, its inside, the value read (undefined: no cell)]
  const cases: [string, string, string, CellValue | undefined][] = [
    ['plain text', ' t="inlineStr"', '<is><t>Pilot</t></is>', 'Pilot'],
    ['a style before the type', ' s="3" t="inlineStr"', '<is><t>Pilot</t></is>', 'Pilot'],
    ['the type before r', '', '<is><t>Pilot</t></is>', 'Pilot'],
    ['single quotes', " t='inlineStr'", '<is><t>Pilot</t></is>', 'Pilot'],
    ['the empty text', ' t="inlineStr"', '<is><t></t></is>', undefined],
    ['an empty <t/>', ' t="inlineStr"', '<is><t/></is>', undefined],
    ['an empty <is/>', ' t="inlineStr"', '<is/>', undefined],
    [
      'preserved spaces',
      ' t="inlineStr"',
      '<is><t xml:space="preserve">  a b  </t></is>',
      '  a b  ',
    ],
    ['spaces at the ends, not preserved', ' t="inlineStr"', '<is><t> a </t></is>', ' a '],
    ['only spaces', ' t="inlineStr"', '<is><t xml:space="preserve">   </t></is>', '   '],
    ['tab and line feed', ' t="inlineStr"', '<is><t>\ta\nb\t</t></is>', '\ta\nb\t'],
    [
      'preserve in single quotes',
      ' t="inlineStr"',
      "<is><t xml:space='preserve'> x</t></is>",
      ' x',
    ],
    ['space="default"', ' t="inlineStr"', '<is><t xml:space="default"> x</t></is>', ' x'],
    ['a space in the tag', ' t="inlineStr"', '<is><t >x</t></is>', 'x'],
    ['markup characters', ' t="inlineStr"', '<is><t>a &lt;b&gt; &amp; c</t></is>', 'a <b> & c'],
    ['quotes', ' t="inlineStr"', '<is><t>&quot;x&quot; &apos;y\' "z"</t></is>', `"x" 'y' "z"`],
    ['a ">" as it is', ' t="inlineStr"', '<is><t>a>b</t></is>', 'a>b'],
    ['an entity of an entity', ' t="inlineStr"', '<is><t>&amp;lt;</t></is>', '&lt;'],
    ['character references', ' t="inlineStr"', '<is><t>&#233;&#xE9;&#x1F680;</t></is>', 'éé🚀'],
    ['a reference to "_"', ' t="inlineStr"', '<is><t>&#95;x0041_</t></is>', 'A'],
    ['an escape', ' t="inlineStr"', '<is><t>line_x000D_</t></is>', 'line\r'],
    ['an escaped escape', ' t="inlineStr"', '<is><t>_x005F_x000D_</t></is>', '_x000D_'],
    ['lower-case hex', ' t="inlineStr"', '<is><t>caf_x00e9_</t></is>', 'café'],
    ['an escaped pair', ' t="inlineStr"', '<is><t>_xD83D__xDE00_</t></is>', '😀'],
    ['an underscore alone', ' t="inlineStr"', '<is><t>site_42 _x12_</t></is>', 'site_42 _x12_'],
    [
      'accented',
      ' t="inlineStr"',
      '<is><t>Überwachung Zürich – €</t></is>',
      'Überwachung Zürich – €',
    ],
    ['astral', ' t="inlineStr"', '<is><t>🚀 launch 𝔘</t></is>', '🚀 launch 𝔘'],
    ['CJK', ' t="inlineStr"', '<is><t>漢字のテキスト</t></is>', '漢字のテキスト'],
    [
      'a long text',
      ' t="inlineStr"',
      `<is><t>${'Long text '.repeat(40)}</t></is>`,
      'Long text '.repeat(40),
    ],
    [
      'rich text',
      ' t="inlineStr"',
      '<is><r><t>Ro</t></r><r><rPr><b/></rPr><t xml:space="preserve">llout </t></r></is>',
      'Rollout ',
    ],
    [
      'a phonetic run',
      ' t="inlineStr"',
      '<is><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></is>',
      '漢字',
    ],
    ['two runs without r', ' t="inlineStr"', '<is><t>a</t><t>b</t></is>', 'ab'],
    ['white space between the tags', ' t="inlineStr"', '<is> <t>a</t> </is>', 'a'],
    [
      'prefixed runs in an unprefixed sheet',
      ' t="inlineStr"',
      `<x:is xmlns:x="${MAIN}"><x:t>a</x:t></x:is>`,
      'a',
    ],
    ['a value after the text', ' t="inlineStr"', '<is><t>a</t></is><v>3</v>', 'a'],
    ['a value and no text', ' t="inlineStr"', '<v>3</v>', undefined],
    ['an element named like t', ' t="inlineStr"', '<is><tt>a</tt></is>', undefined],
    ['another type with the same inside', ' t="str"', '<is><t>a</t></is>', undefined],
    ['a type that only starts the same', ' t="inlineStrX"', '<is><t>a</t></is>', undefined],
    ['the type in other case', ' t="inlinestr"', '<is><t>a</t></is>', undefined],
  ];

  it.each(cases)('%s', (_what, attrs, inside, value) => {
    const cell =
      attrs === '' ? `<c t="inlineStr" r="B2">${inside}</c>` : `<c r="B2"${attrs}>${inside}</c>`;
    // Cells around it, so a window cuts the rows anywhere.
    const row = `<row r="2"><c r="A2" t="s"><v>0</v></c>${cell}<c r="C2"><v>7</v></c></row>`;
    const want = expectSameReadings(sheet(row + row.replace(/"([A-C])?2"/g, '"$13"')));
    const b2 = want.find(([r, c]) => r === 1 && c === 1);
    expect(b2?.[2]).toEqual(value);
  });

  it('reads them in a sheet whose elements are prefixed', () => {
    const rows = cases
      .filter(([, attrs]) => attrs !== '')
      .map(
        ([, attrs, inside], k) =>
          `<x:row r="${k + 1}"><x:c r="A${k + 1}"${attrs}>${inside.replace(/<(\/?)(is|t|r|rPh|rPr|b|phoneticPr)\b/g, '<$1x:$2')}</x:c><x:c r="B${k + 1}"${attrs}>${inside}</x:c></x:row>`,
      )
      .join('');
    expect(expectSameReadings(sheet(rows, 'x:')).length).toBeGreaterThan(40);
  });
});

/** Pieces of random texts, as written in the XML, weighted toward the plain ones. */
const PIECES = [
  'a',
  'b',
  'Z',
  'x',
  'x',
  '0',
  '9',
  'D',
  ' ',
  ' ',
  ' ',
  '-',
  '.',
  '/',
  '(',
  ')',
  'é',
  'ü',
  'ß',
  '–',
  '€',
  '✓',
  '漢',
  '🚀',
  '😀',
  '𝔘',
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&apos;',
  '&#233;',
  '&#x1F680;',
  '&#95;',
  '>',
  '"',
  "'",
  '_',
  '_x000D_',
  '_x000A_',
  '_x005F_',
  '_x00e9_',
  '_xD83D_',
  '_x12_',
  '\t',
  '\n',
  'Pilot',
  'Implementation',
  'Überwachung',
  ' Zürich',
];

/** A random text as written inside <t>. */
function randomText(next: () => number): string {
  const n = Math.floor(next() * next() * 40);
  let s = '';
  for (let k = 0; k < n; k++) s += PIECES[Math.floor(next() * PIECES.length)];
  return s;
}

/** Random sheets of inline strings in the common shape (and a few others), each read all ways. */
describe('random inline strings', () => {
  it.each([
    ['with spaces preserved or not, repeats and near repeats', 1],
    ['more of them', 2],
    ['in ASCII only', 3],
  ])('4,000 random texts %s read from bytes as from text', (_what, seed) => {
    const next = rng(seed * 7919);
    const texts: string[] = [];
    let rows = '';
    let cells = 0;
    for (let r = 1; cells < 4000; r++) {
      let row = '';
      for (let c = 0; c < 8; c++, cells++) {
        let text: string;
        const pick = next();
        if (pick < 0.25 && texts.length > 0) text = texts[Math.floor(next() * texts.length)]!;
        // Short texts of one length: many share a hash slot with a different text.
        else if (pick < 0.4)
          text = String.fromCharCode(
            97 + Math.floor(next() * 26),
            97 + Math.floor(next() * 26),
            97 + Math.floor(next() * 26),
          );
        else text = randomText(next);
        if (seed === 3) text = text.replace(/[^\t\n -~]/gu, 'q');
        texts.push(text);
        const shape = next();
        const t =
          shape < 0.6
            ? `<t>${text}</t>`
            : shape < 0.85
              ? `<t xml:space="preserve">${text}</t>`
              : shape < 0.9
                ? `<r><t>${text}</t></r>`
                : shape < 0.95
                  ? `<t>${text}</t><rPh sb="0" eb="1"><t>${text}</t></rPh>`
                  : `<t xml:space='preserve'>${text}</t>`;
        const ref = next() < 0.9 ? ` r="${String.fromCharCode(65 + c)}${r}"` : '';
        row += `<c${ref}${next() < 0.3 ? ' s="1"' : ''} t="inlineStr"><is>${t}</is></c>`;
      }
      rows += `<row r="${r}">${row}</row>`;
    }
    const read = expectSameReadings(sheet(rows));
    expect(read.length).toBeGreaterThan(3000);
  });
});

describe('plain texts met again', () => {
  it('texts of one length whose hash of bytes is the same are told apart', () => {
    // (x, y) and (x + 1, y - 31) add the same to a hash that multiplies by 31 per byte: with
    // the same start and end, the texts are as long, and their bytes hash the same.
    const twins = [
      ['aB', 'b#'],
      ['cD', 'd%'],
      ['xY', 'y:'],
    ];
    const next = rng(27);
    const words = ['', 'a', 'IOT-', 'Pilot ', 'site 4', 'Implementation of '];
    const texts: string[] = [];
    for (let k = 0; k < 600; k++) {
      const pair = twins[k % twins.length]!;
      const start = words[Math.floor(next() * words.length)]!;
      const end = words[Math.floor(next() * words.length)]!.trim();
      // Each twin, then one of them again.
      texts.push(start + pair[0]! + end, start + pair[1]! + end);
      texts.push(start + pair[Math.floor(next() * 2)]! + end);
    }
    const rows = texts
      .map(
        (text, k) =>
          `<row r="${k + 1}"><c r="A${k + 1}" t="inlineStr"><is><t>${text}</t></is></c></row>`,
      )
      .join('');
    const read = expectSameReadings(sheet(rows));
    expect(read.map(([, , value]) => value)).toEqual(texts);
  });
});
