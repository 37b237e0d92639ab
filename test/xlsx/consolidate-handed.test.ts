/**
 * `consolidate` hands the portfolio sheet it has just written to its refresh with the cells it
 * was written from (create.ts cellsAsRead, index.ts HandedSheet) instead of reading them back
 * from its bytes. The promise is that it makes no difference: the cells handed are the ones
 * either reader finds in the part, and a new or continued portfolio comes out the same, part
 * for part, as when the refresh reads it.
 */

import type { CellValue } from '../../src/core/input';
import { consolidateFiles, type ConsolidateInput } from '../../src/xlsx/consolidate';
import { cellsAsRead, createWorkbook } from '../../src/xlsx/create';
import { readWorkbook, snapshots } from '../../src/xlsx/index';
import { WorkerChecks } from '../../src/xlsx/wellformed';
import { INVENTORY, NOW } from './corpus';
import { parts } from './helpers';

/** The sheet's cells as the text reader (`fromBytes` false) or the byte reader reads them. */
async function readBack(bytes: Uint8Array, fromBytes: boolean) {
  const workerChecks = new WorkerChecks();
  const file = readWorkbook(
    bytes,
    'cells.xlsx',
    fromBytes ? { workerChecks, checkInWorkerFrom: 0 } : {},
  );
  const [sheet] = snapshots(file);
  await workerChecks.settled();
  return { origin: sheet!.origin, values: sheet!.values };
}

const long = 'x'.repeat(40_000);
const error: CellValue = { kind: 'error', code: ' #N/A ' };

describe('cellsAsRead: the cells a written sheet reads back as', () => {
  it.each<[string, CellValue[][]]>([
    [
      'plain texts and numbers',
      [
        ['Name', 'Stage', 'Count'],
        ['Meters', 'Pilot', 3],
      ],
    ],
    [
      'numbers String() and Number() change',
      [['n'], [-0], [Number.NaN], [1e21], [-1.5e-7], [2 ** 60], [Number.POSITIVE_INFINITY]],
    ],
    [
      'booleans and an error (its code trimmed)',
      [
        ['a', 'b'],
        [true, false],
        [error, null],
      ],
    ],
    [
      'texts with markup, escapes, control characters and line ends',
      [['<b>&amp;</b>', '_x0041_ stays', 'tab\there', 'a\u0001b', 'cr\r\nlf', ' padded ']],
    ],
    ['a half surrogate pair and a whole one', [['cut \ud83d', 'whole \ud83d\ude00', 'Zürich']]],
    ['a text longer than a cell holds', [[long, 'after']]],
    [
      'blank rows and columns around and inside',
      [[], [null, '', null], [null, 'B3', null, null], [], [null, null, null, 'D5', ''], [null]],
    ],
    [
      'ragged rows and holes',
      [['a'], ['b', 'c', 'd'], ['e', undefined as unknown as CellValue, 'f']],
    ],
    ['only blanks', [[null, ''], ['']]],
  ])('%s', async (_what, values) => {
    const bytes = createWorkbook([{ name: 'Cells', values, headerRow: 0 }], NOW);
    const asText = await readBack(bytes, false);
    const asBytes = await readBack(bytes, true);
    const handed = cellsAsRead(values.map((row) => [...row]));
    expect(handed).toEqual(asText);
    expect(handed).toEqual(asBytes);
    // Not only equal: the same numbers (toEqual takes -0 for 0).
    const read = asText.values.flat();
    const zeros = handed.values
      .flat()
      .filter((v, k) => typeof v === 'number' && !Object.is(v, read[k]));
    expect(zeros).toEqual([]);
  });
});

/** Reading as text (the portfolio is read back) and from bytes (it is handed over). */
const TEXT = Infinity;
const BYTES = 0;

function unit(k: number, rows: number, renamed = -1): ConsolidateInput {
  const values = [
    [...INVENTORY[0]!],
    ...Array.from({ length: rows }, (_v, i) => {
      const base = INVENTORY[1 + (i % 4)]!;
      const name = i === renamed ? `Renamed ${i}` : k === 2 ? `Zürich ${i} <&>` : `Unit ${k}-${i}`;
      return [name, ...base.slice(1)];
    }),
  ];
  return { path: `unit-${k}.xlsx`, bytes: createWorkbook([{ name: 'Inventory', values }], NOW) };
}

async function portfolio(
  inputs: ConsolidateInput[],
  previous: Uint8Array | null,
  checkInWorkerFrom: number,
  now: Date,
): Promise<Uint8Array> {
  const r = await consolidateFiles(
    inputs,
    { path: 'Portfolio.xlsx', bytes: previous },
    { history: true, skipUnreadable: false, checkInWorkerFrom },
    now,
  );
  return r.bytes;
}

function texts(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of parts(bytes)) out[name] = Buffer.from(data).toString('latin1');
  return out;
}

describe('the portfolio handed to its refresh', () => {
  it('a new portfolio, then one continued with an initiative renamed: the same parts as read back', async () => {
    const first = [unit(1, 200), unit(2, 200)];
    const next = [unit(1, 200, 7), unit(2, 190)];
    const later = new Date(NOW.getTime() + 86_400_000);
    const made: Record<string, string>[] = [];
    for (const reading of [TEXT, BYTES]) {
      const one = await portfolio(first, null, reading, NOW);
      made.push(texts(one), texts(await portfolio(next, one, reading, later)));
    }
    const [newText, nextText, newBytes, nextBytes] = made;
    expect(newBytes).toEqual(newText);
    expect(nextBytes).toEqual(nextText);
    // The continued one is not the new one again: the rename and the removals are in it.
    expect(nextText).not.toEqual(newText);
    expect(Object.values(nextText!).join('')).toContain('Renamed 7');
  }, 120_000);
});
