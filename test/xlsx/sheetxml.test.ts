/**
 * patchSheetData reads a big sheet from its bytes in windows (SheetSource.best) instead of
 * from its text: the output must be the same, byte for byte, whatever the rows look like —
 * rows across window boundaries, rows without `r`, inserted rows, rows written in full, and
 * a sheet whose comments make the windows unsafe (it falls back to the text).
 */

import { patchSheetData, SheetSource, type CellWrites } from '../../src/xlsx/sheetxml';
import { children, rootElement, type ElementRange } from '../../src/xlsx/xml';

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
          SheetSource.best(() => xml, bytes, sd),
          sd,
          writes(rows),
          '',
        ),
      );
      expect(fromBytes).toBe(fromText);
      // Unchanged spans are byte views, except where comments make windows unsafe.
      const pieces = [
        ...patchSheetData(
          SheetSource.best(() => xml, bytes, sd),
          sd,
          writes(rows),
          '',
        ),
      ];
      expect(pieces.some((p) => p instanceof Uint8Array)).toBe(!opts.comment);
      // And the writes are there: row 4 gained F4, the inserted row is numbered.
      expect(fromText).toContain('<c r="F4" t="s"><v>1</v></c>');
      expect(fromText).toContain(`<row r="${rows + 3}">`);
    });
  },
);
