/** Where the role filter goes (src/core/role-filter.ts): table, the sheet's AutoFilter, or a new one. */

import { OUTPUT_HEADERS } from '../../src/core/output';
import type { CellValue, SheetSnapshot, TableInfo } from '../../src/core/input';
import { planRoleFilter, roleFilterValues } from '../../src/core/role-filter';

function probe(
  values: CellValue[][],
  tables: TableInfo[] = [],
  origin = { row: 0, col: 0 },
): SheetSnapshot {
  return {
    name: 'Inventory',
    origin,
    values,
    tables,
    hasFrozenPanes: false,
    hasAutoFilter: false,
    isProtected: false,
  };
}

const HEADER: CellValue[] = ['Initiative', 'Led By', ...OUTPUT_HEADERS];
const ROWS: CellValue[][] = [['Inventory of IoT'], HEADER, ['Meters', 'IT', 'Driver']];

describe('planRoleFilter', () => {
  it('puts a new AutoFilter from the header row to the last row over the whole block', () => {
    expect(planRoleFilter({ probe: probe(ROWS), lastRow: 40, autoFilter: null })).toEqual({
      kind: 'sheet',
      range: { row: 1, col: 0, rowCount: 40, colCount: 2 + OUTPUT_HEADERS.length },
      columnIndex: 2,
      reuse: false,
    });
  });

  it("keeps the sheet's AutoFilter when it already spans the role column on the header row", () => {
    const af = { row: 1, col: 1, rowCount: 10, colCount: 4 };
    expect(planRoleFilter({ probe: probe(ROWS), lastRow: 40, autoFilter: af })).toEqual({
      kind: 'sheet',
      range: af,
      columnIndex: 1,
      reuse: true,
    });
    // Elsewhere (another header row), it is replaced: a sheet has one AutoFilter.
    const other = { row: 0, col: 0, rowCount: 10, colCount: 8 };
    expect(planRoleFilter({ probe: probe(ROWS), lastRow: 40, autoFilter: other })).toMatchObject({
      reuse: false,
    });
  });

  it('uses the table\'s column (its own name, e.g. "I&O Role") when the roles are in a table', () => {
    const table: TableInfo = {
      name: 'Inv',
      range: { row: 4, col: 2, rowCount: 3, colCount: 8 },
      columns: ['Initiative', 'Led By', ...OUTPUT_HEADERS],
      hasTotalsRow: false,
    };
    const p = probe([HEADER, ['Meters', 'IT', 'Driver']], [table], { row: 4, col: 2 });
    expect(planRoleFilter({ probe: p, lastRow: 6, autoFilter: null })).toEqual({
      kind: 'table',
      table: 'Inv',
      column: 'I&O Role',
      columnIndex: 2,
    });
  });

  it('throws no-role-column on a sheet without our block or without rows below it', () => {
    const code = (fn: () => unknown): string | null => {
      try {
        fn();
        return null;
      } catch (err) {
        return (err as { code?: string }).code ?? null;
      }
    };
    expect(
      code(() =>
        planRoleFilter({ probe: probe([['Initiative', 'Led By']]), lastRow: 5, autoFilter: null }),
      ),
    ).toBe('no-role-column');
    expect(code(() => planRoleFilter({ probe: probe(ROWS), lastRow: 1, autoFilter: null }))).toBe(
      'no-role-column',
    );
  });

  it('filters on the role exactly as the column holds it', () => {
    expect(roleFilterValues('Unclassified')).toEqual(['Unclassified']);
  });
});
