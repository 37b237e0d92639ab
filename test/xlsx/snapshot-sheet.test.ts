/**
 * The IoT Role Snapshot sheet in a file (src/xlsx/snapshot-sheet.ts): written as byte pieces,
 * never one string, that read back as the plan's rows, on this project's reader and as text that
 * is well-formed with a reference on every cell (Gnumeric and ExcelJS need them).
 */

import { SNAPSHOT_SHEET } from '../../src/core/domain';
import type { CellValue } from '../../src/core/input';
import { generateSampleInventory } from '../../src/cli/sample';
import { createWorkbook, readWorkbook, refreshFile, snapshots } from '../../src/xlsx/index';
import { snapshotFrame, snapshotPieces } from '../../src/xlsx/snapshot-sheet';
import { checkWellFormed } from '../../src/xlsx/wellformed';
import { pieceBuffer, type Piece } from '../../src/xlsx/zip';

const NOW = new Date('2026-03-02T09:00:00Z');

/** A frame as the writer gets it from ownedSheetXml: a header row in sheetData. */
const FRAME_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<dimension ref="A1:C1"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>H</t></is></c>' +
  '</row></sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';

function joined(pieces: Iterable<Piece>): string {
  return [...pieces]
    .map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('latin1')))
    .join('');
}

describe('snapshotPieces', () => {
  it.each([
    [
      'text cells by shared-string index',
      ['a', 'b', 7],
      [3, 4, -1],
      '<c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2"><v>7</v></c>',
    ],
    [
      'a blank cell is left out, the next keeps its reference',
      ['a', '', 7],
      [3, -1, -1],
      '<c r="A2" t="s"><v>3</v></c><c r="C2"><v>7</v></c>',
    ],
    [
      'a number that is not an integer',
      [null, null, 2.5],
      [-1, -1, -1],
      '<c r="C2"><v>2.5</v></c>',
    ],
    ['a negative number', [null, null, -3], [-1, -1, -1], '<c r="C2"><v>-3</v></c>'],
  ])('writes %s', (_what, values, ids, cells) => {
    const frame = snapshotFrame(FRAME_XML, 1, 3);
    const text = joined(
      snapshotPieces(frame, {
        rows: [values],
        width: 3,
        sharedIds: Int32Array.from(ids),
        styles: [0, 0, 0],
      }),
    );
    expect(text).toContain(`<dimension ref="A1:C2"/>`);
    expect(text).toContain(`</row><row r="2">${cells}</row></sheetData>`);
    checkWellFormed(text);
  });

  it('gives each cell its style, and an empty row stays an empty row', () => {
    const frame = snapshotFrame(FRAME_XML, 2, 3);
    const text = joined(
      snapshotPieces(frame, {
        rows: [
          [null, null, null],
          ['x', null, 1],
        ],
        width: 3,
        sharedIds: Int32Array.from([-1, -1, -1, 0, -1, -1]),
        styles: [5, 0, 6],
      }),
    );
    expect(text).toContain(
      '<row r="2"></row><row r="3"><c r="A3" s="5" t="s"><v>0</v></c><c r="C3" s="6"><v>1</v></c></row>',
    );
  });

  it('streams 80,000 rows as byte chunks of at most a ZIP batch each, the same on every pass', () => {
    const count = 80_000;
    const rows = Array.from({ length: count }, (_v, i) => ['s', 'n', i + 4]);
    const sharedIds = new Int32Array(count * 3);
    for (let i = 0; i < count; i++) {
      sharedIds[i * 3] = 0;
      sharedIds[i * 3 + 1] = 1000 + i;
      sharedIds[i * 3 + 2] = -1;
    }
    const pieces = snapshotPieces(snapshotFrame(FRAME_XML, count, 3), {
      rows,
      width: 3,
      sharedIds,
      styles: [0, 0, 0],
    });
    const first = [...pieces];
    const chunks = first.filter((p): p is Uint8Array => typeof p !== 'string');
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    // Each chunk is the start of one of the ZIP's batch buffers (pieceBuffer), deflated as it is.
    const batch = pieceBuffer().length;
    for (const c of chunks) {
      expect(c.byteOffset).toBe(0);
      expect(c.buffer.byteLength).toBe(batch);
    }
    // Only the frame's head and tail are strings.
    expect(first.length - chunks.length).toBe(2);
    const text = joined(first);
    expect(joined(pieces)).toBe(text);
    expect(text).toContain(
      `<row r="${count + 1}"><c r="A${count + 1}" t="s"><v>0</v></c><c r="B${count + 1}" t="s"><v>${1000 + count - 1}</v></c><c r="C${count + 1}"><v>${count + 3}</v></c></row></sheetData>`,
    );
  });
});

describe('the snapshot sheet of a refreshed file', () => {
  const sample = generateSampleInventory({ rows: 300, seed: 5 });

  it('reads back as the plan wrote it, the next refresh reads it, and every cell has its reference', async () => {
    const first = await refreshFile(
      createWorkbook([{ name: sample.sheetName, values: sample.values }], NOW),
      'a.xlsx',
      { history: true },
      NOW,
    );
    const plan = first.outcome.plan.changeLog!.snapshot;
    const file = readWorkbook(first.bytes, 'a.xlsx');
    const sheet = snapshots(file).find((s) => s.name === SNAPSHOT_SHEET)!;
    expect(sheet.origin).toEqual({ row: 0, col: 0 });
    const blankToNull = (v: CellValue | undefined) => (v === '' || v === undefined ? null : v);
    expect(sheet.values.map((r) => r.map(blankToNull))).toEqual(
      [plan.headers, ...plan.rows].map((r) => r.map(blankToNull)),
    );
    const entry = file.sheets.find((s) => s.name === SNAPSHOT_SHEET)!;
    const xml = file.pkg.requireText(entry.part);
    expect(xml.match(/<c[ >]/g)!.length).toBe(xml.match(/<c r="[A-F]\d+"/g)!.length);
    checkWellFormed(xml);

    // The next refresh compares with it: nothing changed.
    const second = await refreshFile(first.bytes, 'a.xlsx', { history: true }, NOW);
    expect(second.outcome.changes).toEqual([]);
  });

  it('an existing sheet without a snapshot is hidden in place; the other sheets keep their state', async () => {
    const bytes = createWorkbook(
      [
        { name: sample.sheetName, values: sample.values },
        { name: SNAPSHOT_SHEET, values: [] },
      ],
      NOW,
    );
    const out = await refreshFile(bytes, 'a.xlsx', { history: true }, NOW);
    const file = readWorkbook(out.bytes, 'a.xlsx');
    const xml = file.pkg.requireText(file.workbookPart);
    // Hidden where it is listed, not listed again.
    expect(xml.match(/<sheet name="IoT Role Snapshot"[^>]*>/g)).toEqual([
      expect.stringContaining(' state="hidden"'),
    ]);
    expect(file.sheets.filter((s) => s.state !== 'visible').map((s) => s.name)).toEqual([
      SNAPSHOT_SHEET,
    ]);
  });
});
