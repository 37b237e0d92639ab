/**
 * The host-free part of consolidate: the portfolio sheet (source columns, the sources' own
 * cells under canonical headers), duplicate IDs across sources, and the keyed order that lets
 * the standard changes logic continue a portfolio.
 */

import { buildPortfolio, isPortfolioSheet, SOURCE_HEADERS } from '../../src/core/consolidate';
import { detectHeaders } from '../../src/core/headers';
import type { CellValue, SheetSnapshot } from '../../src/core/input';
import { GRID_ROWS } from '../../src/core/grid';
import { RoleMapError } from '../../src/core/messages';
import { OUTPUT_HEADERS } from '../../src/core/output';
import { sheetOf } from './helpers';

function source(file: string, sheet: SheetSnapshot) {
  const detection = detectHeaders(sheet);
  if (detection === null) throw new Error('no inventory');
  return { file, sheet, detection };
}

const east = sheetOf('East', [
  ['Ref', 'Initiative', 'Led By', 'Stage'],
  ['A-1', 'Smart meters', 'I&O', 'Pilot'],
  ['a-2', 'Cold chain', 'LOB', 'Production'],
  [null, 'Dock sensors', 'LOB', 'Planned'],
  [null, 'Dock sensors', 'Operations', 'Planned'],
]);
const west = sheetOf('West', [
  ['Project', 'Owner group', 'ID', 'Devices'],
  ['Yard cameras', 'LOB', 'A-2', 40],
]);

describe('buildPortfolio', () => {
  it('writes every initiative with its source and the source cells under canonical headers', () => {
    const p = buildPortfolio([source('east.xlsx', east), source('west.xlsx', west)]);
    expect(p.values[0]).toEqual([
      ...SOURCE_HEADERS,
      'Initiative',
      'ID',
      'Led By',
      'Stage',
      'Endpoints',
    ]);
    expect(p.values.slice(1)).toEqual([
      ['east.xlsx', 'East', 2, 'Smart meters', 'A-1', 'I&O', 'Pilot', null],
      ['east.xlsx', 'East', 3, 'Cold chain', 'a-2', 'LOB', 'Production', null],
      ['east.xlsx', 'East', 4, 'Dock sensors', null, 'LOB', 'Planned', null],
      ['east.xlsx', 'East', 5, 'Dock sensors', null, 'Operations', 'Planned', null],
      ['west.xlsx', 'West', 2, 'Yard cameras', 'A-2', 'LOB', null, 40],
    ]);
    expect(p.mapping).toMatchObject({ name: 'Initiative', id: 'ID', endpoints: 'Endpoints' });
    expect(p.sources.map((s) => `${s.file}:${s.row}`)).toEqual([
      'east.xlsx:2',
      'east.xlsx:3',
      'east.xlsx:4',
      'east.xlsx:5',
      'west.xlsx:2',
    ]);
    // IDs compare ignoring case: "a-2" and "A-2" are the same initiative ID in two sources.
    expect(p.duplicates).toEqual([
      {
        id: 'a-2',
        sources: [
          { file: 'east.xlsx', sheet: 'East', row: 3 },
          { file: 'west.xlsx', sheet: 'West', row: 2 },
        ],
      },
    ]);
    expect(p.removed).toEqual([]);
    expect(isPortfolioSheet(sheetOf('Portfolio', p.values))).toBe(true);
    expect(isPortfolioSheet(east)).toBe(false);
  });

  it('continues a portfolio: kept rows in their old order with their old output, new rows last', () => {
    const first = buildPortfolio([source('east.xlsx', east), source('west.xlsx', west)]);
    // The previous refresh left its block after the data: a role per row.
    const roles = ['Driver', 'Bystander', 'Bystander', 'Operator', 'Bystander'];
    const previous = sheetOf(
      'Portfolio',
      first.values.map((r, i): CellValue[] => [...r, i === 0 ? OUTPUT_HEADERS[0] : roles[i - 1]!]),
    );
    const eastNow = sheetOf('East', [
      ['Ref', 'Initiative', 'Led By', 'Stage'],
      ['N-9', 'New thing', 'LOB', 'Idea'],
      [null, 'Dock sensors', 'LOB', 'Planned'],
      ['A-1', 'Smart meters', 'I&O', 'Pilot'],
    ]);
    const p = buildPortfolio([source('west.xlsx', west), source('east.xlsx', eastNow)], previous);
    const width = first.values[0]!.length;
    expect(p.values[0]![width]).toBe(OUTPUT_HEADERS[0]);
    expect(p.values.slice(1).map((r) => [r[3], r[width]])).toEqual([
      ['Smart meters', 'Driver'],
      ['Dock sensors', 'Bystander'],
      ['Yard cameras', 'Bystander'],
      ['New thing', null],
    ]);
    expect(p.removed.map((r) => r.name)).toEqual(['Cold chain', 'Dock sensors']);
  });

  // Excel's grid ends at row 1,048,576: one header row and 1,048,575 initiatives at most.
  it.each([
    [524_288, 524_287, 'fits'],
    [524_288, 524_288, 'portfolio-beyond-grid'],
  ])('%i and %i initiatives: %s', (a, b, refused) => {
    const unit = (file: string, n: number) => {
      const header: CellValue[] = ['ID', 'Initiative'];
      const row: CellValue[] = [null, 'Smart meters'];
      // One row object repeated: the rows are only read (repeats key as occurrences).
      return source(file, {
        ...sheetOf('Inventory', [header, row]),
        values: [header, ...Array<CellValue[]>(n).fill(row)],
      });
    };
    const build = () => buildPortfolio([unit('a.xlsx', a), unit('b.xlsx', b)]);
    if (refused === 'fits') {
      expect(build().values).toHaveLength(GRID_ROWS);
      return;
    }
    try {
      build();
      throw new Error('not refused');
    } catch (err) {
      expect(err).toBeInstanceOf(RoleMapError);
      expect((err as RoleMapError).code).toBe(refused);
      expect((err as RoleMapError).message).toContain('1,048,576 initiatives');
      expect((err as RoleMapError).message).toContain('1,048,575 rows');
    }
  });
});
