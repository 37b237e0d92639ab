/**
 * The IoT Role Snapshot sheet as a file part (core/change-log.ts decides its rows): a cell per
 * initiative and column, so at 100,000 initiatives 600,000 cells, at Excel's full grid six
 * million. It is written as pieces of bytes that the ZIP deflates as they come (Package.write
 * with an iterable, as the inventory sheet is), never as one string: one string of it was
 * ~23 MB at 100,000 rows, copied three times over (rows, join, dimension) and once more as
 * UTF-8, and at the full grid past what a JavaScript string may hold.
 *
 * Every cell keeps its r attribute, although ECMA-376 makes it optional (Part 1, 18.3.1.4):
 * without them the part compresses to less than half (100,000 rows: 1.3 MB against 2.8 MB),
 * but Gnumeric refuses such cells ("Invalid cell", ssconvert 1.12) and ExcelJS throws on a
 * row whose first cell has none, and the workbook must open in both.
 * The part is generated from numbers and shared-string indexes around a frame that is checked
 * for well-formedness, so it is well-formed by construction.
 */

import { columnLetter, toA1 } from '../core/address';
import type { ChangeLogWrite } from '../core/write-plan';
import { checkWellFormed } from './wellformed';
import { pieceBuffer, type Piece } from './zip';

/** Where the snapshot's rows go in the frame: the sheet around an empty <sheetData>. */
export interface SnapshotFrame {
  /** Everything up to and including the header row (before </sheetData>). */
  head: string;
  /** From </sheetData> to the end. */
  tail: string;
}

/**
 * Splits a generated sheet (the header row in its sheetData) where the data rows go, with its
 * dimension set to the rows that will follow; the frame is checked for well-formedness here,
 * once (the rows are generated from numbers only).
 */
export function snapshotFrame(xml: string, rowCount: number, width: number): SnapshotFrame {
  const sized = xml.replace(
    /<dimension ref="[^"]*"\/>/,
    `<dimension ref="A1:${toA1(rowCount, width - 1)}"/>`,
  );
  checkWellFormed(sized);
  const end = sized.indexOf('</sheetData>');
  if (end < 0) throw new Error('snapshotFrame: the generated sheet has no </sheetData>');
  return { head: sized.slice(0, end), tail: sized.slice(end) };
}

/** What the rows are written from: the plan's values and their shared-string indexes. */
export interface SnapshotCells {
  rows: ChangeLogWrite['snapshot']['rows'];
  width: number;
  /** Per cell (row-major): the shared-string index of its text, or -1 when it has none. */
  sharedIds: Int32Array;
  /** Per column: the cell style index (0: none). */
  styles: readonly number[];
}

/**
 * The part's pieces: the frame's head, the data rows (row 2 on) as byte chunks, the tail.
 * Iterable more than once (each pass writes the rows again), so a reader of the part's text
 * after it was written gets the same text the ZIP gets.
 */
export function snapshotPieces(frame: SnapshotFrame, cells: SnapshotCells): Iterable<Piece> {
  return {
    [Symbol.iterator]: function* (): Generator<Piece> {
      yield frame.head;
      yield* rowChunks(cells);
      yield frame.tail;
    },
  };
}

function* rowChunks({ rows, width, sharedIds, styles }: SnapshotCells): Generator<Uint8Array> {
  // Each row is made as a short ASCII string and copied into the chunk: V8 builds such strings
  // faster than a loop writes their bytes one by one (100,000 rows: ~0.1 s against ~0.5 s).
  const cellOpen = Array.from({ length: width }, (_v, j) => `<c r="${columnLetter(j)}`);
  const styleAttr = styles.map((s) => (s > 0 ? ` s="${s}"` : ''));
  // Each piece is a buffer of the ZIP's batch pool, deflated as it is (no copy into a batch)
  // and handed back for a later piece once deflated: the consumer may keep it, so it is never
  // written again here.
  let chunk = pieceBuffer();
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    const values = rows[i]!;
    const r = String(i + 2);
    let line = `<row r="${r}">`;
    for (let j = 0; j < width; j++) {
      const id = sharedIds[i * width + j]!;
      if (id >= 0) {
        line += `${cellOpen[j]!}${r}"${styleAttr[j]!} t="s"><v>${id}</v></c>`;
        continue;
      }
      const v = values[j];
      if (typeof v === 'number' && Number.isFinite(v)) {
        line += `${cellOpen[j]!}${r}"${styleAttr[j]!}><v>${v}</v></c>`;
      }
    }
    line += '</row>';
    // One byte per character: every part of the line is ASCII.
    if (line.length > chunk.length - at) {
      yield chunk.subarray(0, at);
      chunk = pieceBuffer();
      // A row longer than a batch (never at six cells of numbers) takes a buffer of its own.
      if (line.length > chunk.length) chunk = Buffer.allocUnsafe(line.length);
      at = 0;
    }
    at += chunk.write(line, at, 'latin1');
  }
  if (at > 0) yield chunk.subarray(0, at);
}
