/**
 * The whole pipeline is total: any sheet either plans a refresh or fails with a RoleMapError
 * (one sentence for the user), never with anything else; and a plan is always consistent.
 */

import fc from 'fast-check';
import type { CellValue, SheetSnapshot } from '../../src/core/input';
import { RoleMapError } from '../../src/core/messages';
import { ROLES_AND_UNCLASSIFIED } from '../../src/core/domain';
import { OUTPUT_HEADERS } from '../../src/core/output';
import { ownColumnIndexes } from '../../src/core/headers';
import { outputIndex } from './helpers';
import { planRefresh, toJsonReport } from '../../src/core/refresh';
import { NOW } from './helpers';

const HEADERS = [
  'Initiative',
  'Project Name',
  'ID',
  'Led By',
  'Lead',
  'Stage',
  'Status',
  'I&O Pilot',
  'I & O Implementation',
  'I&O Operations',
  'I&O Involvement',
  'Integration',
  'Security',
  '# Devices',
  'Budget ($)',
  'Role Override',
  'Notes',
  'I&O Role',
  'Priority',
  null,
];

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'IT',
      'Marketing',
      'Plant',
      'R',
      'C',
      'Leading',
      'None',
      'Pilot',
      'Live',
      'Yes',
      'No',
      '5k',
      '$1.2M',
      'Driver',
      'implements and operates',
      '=1+1',
      '@x',
      '-',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 5000 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant<CellValue>({ kind: 'error', code: '#N/A' }) },
);

const sheetArb: fc.Arbitrary<SheetSnapshot> = fc
  .record({
    width: fc.integer({ min: 1, max: 10 }),
    titleRows: fc.integer({ min: 0, max: 3 }),
    origin: fc.record({ row: fc.integer({ min: 0, max: 5 }), col: fc.integer({ min: 0, max: 3 }) }),
    protectedSheet: fc.boolean(),
    frozen: fc.boolean(),
  })
  .chain(({ width, titleRows, origin, protectedSheet, frozen }) =>
    fc
      .record({
        header: fc.array(fc.constantFrom(...HEADERS), { minLength: width, maxLength: width }),
        rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 12 }),
      })
      .map(({ header, rows }) => {
        const title: CellValue[][] = Array.from({ length: titleRows }, (_, i) => [
          i === 0 ? 'IoT inventory' : null,
          ...Array<CellValue>(width - 1).fill(null),
        ]);
        return {
          name: 'Inv',
          origin,
          values: [...title, header, ...rows],
          tables: [],
          hasFrozenPanes: frozen,
          hasAutoFilter: false,
          isProtected: protectedSheet && rows.length % 3 === 0,
        };
      }),
  );

describe('the pipeline is total', () => {
  it('plans or fails with a RoleMapError, and plans are consistent', () => {
    const seen = { planned: 0, refused: 0 };
    fc.assert(
      fc.property(sheetArb, (sheet) => {
        let outcome;
        try {
          outcome = planRefresh({
            sheets: [sheet],
            options: { history: true },
            now: NOW,
            historyRowCount: 0,
          });
        } catch (e) {
          expect(e).toBeInstanceOf(RoleMapError);
          expect((e as RoleMapError).message).toMatch(/[.]$/);
          seen.refused++;
          return;
        }
        const inv = outcome.plan.inventory;
        const lastRow = sheet.origin.row + sheet.values.length - 1;
        expect(inv.values).toHaveLength(lastRow - inv.firstRow + 1);
        for (const six of inv.values) {
          expect(six).toHaveLength(OUTPUT_HEADERS.length);
          for (const v of six) expect(typeof v).toBe('string');
        }
        for (const r of outcome.rows) {
          expect(ROLES_AND_UNCLASSIFIED).toContain(r.role);
          expect(inv.values[r.row - inv.firstRow]![outputIndex('role')]).toBe(r.role);
        }
        // Output never overwrites a non-empty input cell that is not our own output (a column
        // of the block an earlier refresh left, whatever its layout).
        const header = sheet.values[inv.headerRow - sheet.origin.row]!;
        const own = ownColumnIndexes(header);
        for (let k = 0; k < OUTPUT_HEADERS.length; k++) {
          const i = inv.firstCol + k - sheet.origin.col;
          if (own.has(i)) continue;
          for (let row = inv.headerRow; row <= lastRow; row++) {
            const v = sheet.values[row - sheet.origin.row]![i];
            expect(
              v === undefined || v === null || (typeof v === 'string' && v.trim() === ''),
            ).toBe(true);
          }
        }
        expect(outcome.summary.total).toBe(outcome.rows.length);
        const report = toJsonReport(outcome);
        expect(JSON.parse(JSON.stringify(report))).toEqual(report);
        seen.planned++;
      }),
      { numRuns: 1500 },
    );
    // Both paths must really be exercised, or the property proves little.
    expect(seen.planned).toBeGreaterThan(200);
    expect(seen.refused).toBeGreaterThan(50);
  });
});
