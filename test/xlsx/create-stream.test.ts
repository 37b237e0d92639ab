/**
 * createWorkbook writes each sheet in pieces of bytes (create.ts sheetPieces) instead of an
 * object per cell and one string per sheet. The promise is that nothing a reader sees changes:
 * every part is the one the whole-string writer (ownedSheetXml over one cell string per value)
 * made, and a workbook whose sheets are stored rather than deflated holds the same parts, the
 * other entries compressed byte for byte as before.
 */

import { toA1 } from '../../src/core/address';
import type { CellValue } from '../../src/core/input';
import { createWorkbook, sheetPieces, type NewSheet } from '../../src/xlsx/create';
import { blankCell, numberCell, ownedSheetXml, textCell } from '../../src/xlsx/sheetxml';
import { escapeText } from '../../src/xlsx/xml';
import { readZip } from '../../src/xlsx/zip';
import { NOW } from './corpus';
import { parts } from './helpers';

/** The sheet as the whole-string writer made it: one cell string per value, then one text. */
function wholeSheet(s: NewSheet): string {
  const formats = new Map((s.formats ?? []).map((f) => [f.col, f.format]));
  const cells: { row: number; col: number; xml: string }[] = [];
  s.values.forEach((line, r) => {
    const base = r === s.titleRow ? 1 : r === s.headerRow ? 2 : 0;
    const body = s.headerRow === undefined || r > s.headerRow;
    line.forEach((v, c) => {
      const format = body && typeof v === 'number' ? formats.get(c) : undefined;
      const st = format === 'datetime' ? 3 : format === 'percent' ? 4 : base;
      const sAttr = st ? ` s="${st}"` : '';
      let xml: string | null;
      if (v === null || v === '') xml = st ? blankCell('', r, c, st) : null;
      else if (typeof v === 'number') xml = numberCell('', r, c, v, st);
      else if (typeof v === 'string') xml = textCell('', r, c, v, st);
      else if (typeof v === 'boolean')
        xml = `<c r="${toA1(r, c)}"${sAttr} t="b"><v>${v ? 1 : 0}</v></c>`;
      else xml = `<c r="${toA1(r, c)}"${sAttr} t="e"><v>${escapeText(v.code)}</v></c>`;
      if (xml !== null) cells.push({ row: r, col: c, xml });
    });
  });
  return ownedSheetXml({
    cells,
    widths: s.widths ?? [],
    dataBars: [],
    hyperlinks: [],
    drawingRId: null,
    showGridLines: true,
    frozenRows: 0,
  });
}

const utf8 = new TextDecoder();

/** Text a reader sees in a cell: markup, spaces, controls, other scripts, halves of pairs. */
const ODD_TEXTS = [
  'plain',
  '  leading and trailing  ',
  'two\nlines',
  'a < b & c > d "quoted"',
  '=SUM(A1:A3)',
  'Überwachung – Zürich café',
  '数据中心 🚀',
  'half \ud83d of a pair',
  'control \u0001 char',
  '_x0041_ literal escape',
  'x'.repeat(40_000),
];

// Ragged rows, holes, blank rows in the middle and at the end, every kind of value.
const ragged: CellValue[][] = [
  ['Portfolio of odd cells'],
  ['Name', 'Count', 'When', 'Share', 'Flag', 'Error'],
  ...ODD_TEXTS.map((t, i): CellValue[] => [
    t,
    i * 1.5,
    46000 + i,
    i / 10,
    i % 2 === 0,
    i % 3 === 0 ? { kind: 'error', code: '#N/A' } : null,
  ]),
  [],
  [null, '', null],
  ['after a gap', -0, 1e21, Number.MIN_VALUE],
  // A row with holes (as an array grown by index leaves them).
  (() => {
    const row: CellValue[] = [];
    row[3] = 'only the fourth';
    return row;
  })(),
  [null, null],
];

const SHEETS: [string, NewSheet[]][] = [
  [
    'titled and headed, with number formats',
    [
      {
        name: 'Odd & "cells"',
        values: ragged,
        titleRow: 0,
        headerRow: 1,
        widths: [
          { col: 0, width: 42 },
          { col: 2, width: 18 },
        ],
        formats: [
          { col: 2, format: 'datetime' },
          { col: 3, format: 'percent' },
        ],
      },
    ],
  ],
  ['no header: every row is body', [{ name: 'Plain', values: ragged.slice(1) }]],
  ['only blank cells: an empty sheetData', [{ name: 'Empty', values: [[null, ''], []] }]],
  ['no rows at all', [{ name: 'Nothing', values: [] }]],
  [
    'a styled blank header cell is a cell',
    [{ name: 'Header', values: [['A', null, 'C'], [], [1]], headerRow: 0 }],
  ],
  [
    'two sheets, rows past one chunk of bytes',
    [
      {
        name: 'Big',
        headerRow: 0,
        values: [
          ['Initiative', 'Devices'],
          ...Array.from({ length: 30_000 }, (_v, i): CellValue[] => [
            `Initiative ${i} – Zürich`,
            i,
          ]),
        ],
      },
      { name: 'Small', values: [['x']] },
    ],
  ],
];

describe('createWorkbook writes its sheets in pieces', () => {
  it.each(SHEETS)('%s: each sheet is the text the whole-string writer made', (_what, sheets) => {
    const got = parts(createWorkbook(sheets, NOW));
    sheets.forEach((s, i) => {
      expect(utf8.decode(got.get(`xl/worksheets/sheet${i + 1}.xml`))).toBe(wholeSheet(s));
    });
  });

  it.each(SHEETS)(
    '%s: stored sheets hold the same parts, the others as compressed',
    (_w, sheets) => {
      const deflated = createWorkbook(sheets, NOW);
      const stored = createWorkbook(sheets, NOW, { storeSheets: true });
      const same = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
        a !== undefined && b !== undefined && Buffer.from(a).equals(Buffer.from(b));
      const want = parts(deflated);
      const got = parts(stored);
      expect([...got.keys()]).toEqual([...want.keys()]);
      expect([...got.keys()].filter((k) => !same(got.get(k), want.get(k)))).toEqual([]);
      const before = readZip(deflated);
      const after = readZip(stored);
      expect(after.map((e) => e.name)).toEqual(before.map((e) => e.name));
      after.forEach((e, i) => {
        const sheet = e.name.startsWith('xl/worksheets/');
        expect([e.name, e.method]).toEqual([e.name, sheet ? 0 : 8]);
        if (!sheet) expect(same(e.raw, before[i]!.raw)).toBe(true);
      });
    },
  );

  it('no piece is bigger than a chunk (1 MiB) unless one row is', () => {
    const big = SHEETS[5]![1][0]!;
    const pieces = sheetPieces({ values: big.values, style: () => 0, widths: [] });
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(1 << 20);
    const one = sheetPieces({
      values: [['y'.repeat(32_767), 'z'.repeat(32_767)]],
      style: () => 0,
      widths: [],
    });
    expect(Math.max(...one.map((p) => p.length))).toBeGreaterThan(65_534);
  });
});
