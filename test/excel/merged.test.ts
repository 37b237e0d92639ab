/**
 * Merged cells where the role columns go (SPEC §6, issue 25 item 7): Excel reports the merged
 * areas of the inventory (Range.getMergedAreasOrNullObject, ExcelApi 1.13) as a fact with the
 * first read, and the core's blocker (core/merges.ts) refuses the refresh before any write —
 * never a table resize that fails with MergedRangeConflict after the columns were written
 * ("Error handling with the application-specific JavaScript APIs": a table can't overlap
 * merged cells).
 */

import { problem } from '../../src/core/messages';
import { rangeToA1 } from '../../src/core/address';
import { OUTPUT_WIDTH } from '../../src/core/output';
import { createExcelService } from '../../src/excel/service';
import { mergesOf } from '../../src/excel/read';
import { FakeExcel } from '../fakes/fake-excel';
import { hostFor, workbookDump } from './helpers';

const SETTINGS = { version: 1 as const, history: true };

const ROWS: (string | null)[][] = [
  ['ID', 'Initiative', 'Led By', 'Stage', 'I&O Pilot', 'I&O Implementation'],
  ['1', 'Fleet telematics', 'Logistics', 'Pilot', 'None', 'Responsible'],
  ['2', 'Smart HVAC', 'Facilities', 'Live', 'None', 'None'],
  ['3', 'Edge platform', 'IT', 'Production', 'Leading', 'Leading'],
];

/** The area the role columns take: right of the six input columns, header to last row. */
const AREA = rangeToA1({ row: 0, col: 6, rowCount: ROWS.length, colCount: OUTPUT_WIDTH });

function workbook(merges: string[], table: boolean, ExcelApi = '1.20'): FakeExcel {
  return new FakeExcel({
    sheets: [
      {
        name: 'Inv',
        values: ROWS,
        merges,
        ...(table ? { tables: [{ name: 'Inventory', range: `A1:F${ROWS.length}` }] } : {}),
      },
    ],
    supportedSets: { ExcelApi },
  });
}

describe.each([
  ['plain columns', false],
  ['an Excel table (Table.resize)', true],
])('merged cells where the role columns go, beside %s', (_what, table) => {
  it.each([
    ['a header cell and its neighbour', 'G1:H1', 'G1:H1'],
    ['a data cell with one beyond the block', 'L3:M3', 'L3:M3'],
    ['two rows in one column', 'I2:I3', 'I2:I3'],
  ])('%s (%s): refused before any write, naming the merge', async (_w, merge, named) => {
    const fake = workbook([merge, 'A10:B10'], table);
    const before = workbookDump(fake);
    const err = await createExcelService(hostFor(fake))
      .refresh(SETTINGS)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'output-merged',
      message: problem('output-merged', { sheet: 'Inv', range: named, area: AREA }).message,
    });
    expect(workbookDump(fake)).toBe(before);
  });

  it('a merge in the user data only is no blocker', async () => {
    // A table cannot hold merged cells (MergedRangeConflict): beside one, the merge is below it.
    const fake = workbook([table ? 'A8:B8' : 'A3:B3'], table);
    await createExcelService(hostFor(fake)).refresh(SETTINGS);
    expect(fake.values('Inv')[0]).toContain('I&O Role');
  });
});

describe('the fake refuses what Excel refuses', () => {
  it('a table resized over merged cells throws MergedRangeConflict', async () => {
    const fake = workbook(['H1:I1'], true);
    const code = await fake
      .run(async (context) => {
        context.workbook.worksheets.getItem('Inv').tables.getItem('Inventory').resize('A1:L4');
        await context.sync();
      })
      .catch((e: { code?: string }) => e.code);
    expect(code).toBe('MergedRangeConflict');
  });

  it('getMergedAreasOrNullObject needs ExcelApi 1.13', async () => {
    const fake = workbook(['H1:I1'], false, '1.9');
    const code = await fake
      .run(async (context) => {
        const areas = context.workbook.worksheets
          .getItem('Inv')
          .getRange('A1:L4')
          .getMergedAreasOrNullObject();
        areas.load('address');
        await context.sync();
      })
      .catch((e: { code?: string }) => e.code);
    expect(code).toBe('ApiNotFound');
  });
});

describe('mergesOf (RangeAreas.address: each block with its sheet name)', () => {
  it.each([
    ['Inv!H1:I1, Inv!A9:B9', ['H1:I1', 'A9:B9']],
    ["'My, sheet!'!$C$2:$D$3", ['C2:D3']],
    ['Inv!E5', ['E5']],
  ])('%s', (address, expected) => {
    const areas = { isNullObject: false, address } as Excel.RangeAreas;
    expect(mergesOf(areas)!.map((r) => rangeToA1(r))).toEqual(expected);
  });

  it('a null object is no merge; nothing asked is null', () => {
    expect(mergesOf({ isNullObject: true } as Excel.RangeAreas)).toEqual([]);
    expect(mergesOf(null)).toBeNull();
  });
});
