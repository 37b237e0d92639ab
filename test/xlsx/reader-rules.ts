/**
 * What other spreadsheet readers keep of our conditional formats, column by column of the
 * output block: from Gnumeric's XML (ssconvert) and LibreOffice's flat ODS. Each reader holds
 * a list of conditions per cell region; a column keeps our rules when every region of it over
 * the data rows holds the column's fills and then the issue tint (OUTPUT_COLUMNS), in that
 * order. Conditions are compared by meaning: `O="Driver"` (a fill on column O) or `tint T`
 * (the issue tint testing column T), whatever row the reader makes them relative to.
 */

import { columnIndex, columnLetter } from '../../src/core/address';
import { findOwnBlock } from '../../src/core/headers';
import { OUTPUT_COLUMNS } from '../../src/core/output';
import type { OutputColumn } from '../../src/core/output';
import { readWorkbook, snapshots } from '../../src/xlsx/index';

/** Where the output block's data is, 0-based and inclusive. */
export interface BlockCells {
  firstCol: number;
  firstRow: number;
  lastRow: number;
}

/** The output block of `sheet` in a workbook file: its columns and data rows. */
export function outputBlockOf(bytes: Uint8Array, sheet: string): BlockCells {
  const snap = snapshots(readWorkbook(bytes, 'block.xlsx')).find((s) => s.name === sheet)!;
  const headerRow = snap.values.findIndex((r) => findOwnBlock(r) !== null);
  const block = findOwnBlock(snap.values[headerRow]!)!;
  return {
    firstCol: snap.origin.col + block.start,
    firstRow: snap.origin.row + headerRow + 1,
    lastRow: snap.origin.row + snap.values.length - 1,
  };
}

/** Our rules on each column of the block (absolute index), highest priority first. */
export function expectedRules(block: BlockCells): Map<number, string[]> {
  const columns: readonly OutputColumn[] = OUTPUT_COLUMNS;
  const tested = columns.findIndex((c) => c.tintsRow);
  const tint = `tint ${columnLetter(block.firstCol + tested)}`;
  return new Map(
    columns.map((c, k) => {
      const letter = columnLetter(block.firstCol + k);
      return [block.firstCol + k, [...c.fills.map((f) => `${letter}="${f.text}"`), tint]];
    }),
  );
}

const ENTITIES: Record<string, string> = { quot: '"', apos: "'", amp: '&', lt: '<', gt: '>' };
const decode = (s: string) =>
  s.replace(/&(quot|apos|amp|lt|gt);/g, (_m, e: string) => ENTITIES[e]!);

/** One condition's formula as a meaning (see the file header), or the formula itself. */
function meaning(formula: string): string {
  const f = formula.replace(/\[\.(\$?[A-Z]+\$?\d+)\]/g, '$1');
  const fill = /^\$([A-Z]+)\d+="((?:[^"]|"")*)"$/.exec(f);
  if (fill) return `${fill[1]}="${fill[2]!.replace(/""/g, '"')}"`;
  const tint = /^LEN\(TRIM\(\$([A-Z]+)\d+\)\)>0$/i.exec(f);
  if (tint) return `tint ${tint[1]}`;
  return f;
}

/** Per column of the block, the distinct condition lists a reader holds over its data rows. */
export type Kept = Map<number, string[][]>;

function keep(out: Kept, col: number, list: string[]): void {
  const lists = out.get(col) ?? [];
  if (!lists.some((l) => l.join('\n') === list.join('\n'))) lists.push(list);
  out.set(col, lists);
}

/** The part of a reader's document between a sheet's name and the end of that sheet. */
function sheetPart(doc: string, start: string, end: string): string {
  const at = doc.indexOf(start);
  if (at === -1) throw new Error(`no sheet starting ${start}`);
  return doc.slice(at, doc.indexOf(end, at));
}

/** Gnumeric: the conditions of every style region over the block's data cells. */
export function gnumericRules(gnm: string, sheet: string, block: BlockCells): Kept {
  const part = sheetPart(gnm, `<gnm:Name>${sheet}</gnm:Name>`, '</gnm:Sheet>');
  const out: Kept = new Map();
  const regions = part.matchAll(
    /<gnm:StyleRegion startCol="(\d+)" startRow="(\d+)" endCol="(\d+)" endRow="(\d+)">([\s\S]*?)<\/gnm:StyleRegion>/g,
  );
  for (const [, c0, r0, c1, r1, body] of regions) {
    if (Number(r1) < block.firstRow || Number(r0) > block.lastRow) continue;
    const list = [...body!.matchAll(/<gnm:Expression0>([^<]*)<\/gnm:Expression0>/g)].map((m) =>
      meaning(decode(m[1]!)),
    );
    for (let c = Number(c0); c <= Number(c1); c++) {
      if (c >= block.firstCol && c < block.firstCol + OUTPUT_COLUMNS.length) keep(out, c, list);
    }
  }
  return out;
}

const SHEET = "(?:'(?:[^']|'')*'|[^\\s.']+)";
const RANGE = new RegExp(
  `${SHEET}\\.\\$?([A-Z]+)\\$?\\d+(?::${SHEET}\\.\\$?([A-Z]+)\\$?\\d+)?`,
  'g',
);

/** LibreOffice: the conditions of every conditional format whose target covers a block column. */
export function libreOfficeRules(fods: string, sheet: string, block: BlockCells): Kept {
  const part = sheetPart(fods, `<table:table table:name="${sheet}"`, '</table:table>');
  const out: Kept = new Map();
  const formats = part.matchAll(
    /<calcext:conditional-format calcext:target-range-address="([^"]*)">([\s\S]*?)<\/calcext:conditional-format>/g,
  );
  for (const [, target, body] of formats) {
    const list = [...body!.matchAll(/calcext:value="formula-is\(([^"]*)\)"/g)].map((m) =>
      meaning(decode(m[1]!)),
    );
    // Ranges separated by spaces, each 'Sheet name'.O4 or 'Sheet name'.O4:'Sheet name'.T66.
    for (const [, first, last] of decode(target!).matchAll(RANGE)) {
      const [from, to] = [columnIndex(first!), columnIndex(last ?? first!)];
      for (let c = from; c <= to; c++) {
        if (c >= block.firstCol && c < block.firstCol + OUTPUT_COLUMNS.length) keep(out, c, list);
      }
    }
  }
  return out;
}

/** How many of our distinct rules (fills and the tint) a reader holds anywhere on the block. */
export function distinctRules(kept: Kept): number {
  return new Set([...kept.values()].flat(2)).size;
}
