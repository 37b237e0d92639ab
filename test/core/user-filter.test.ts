/** What a refresh does about a filter the user left on a sheet it writes (src/core/user-filter.ts). */

import { filterAroundWrite } from '../../src/core/user-filter';
import type { ReportedColumnFilter } from '../../src/core/user-filter';

const empty = (index: number, filterOn: string | null = null): ReportedColumnFilter => ({
  index,
  filterOn,
  values: null,
  other: false,
});

describe('filterAroundWrite', () => {
  it.each<[string, ReportedColumnFilter[], ReturnType<typeof filterAroundWrite>]>([
    ['no AutoFilter columns', [], { kind: 'none' }],
    [
      'every column empty (Excel reports them all)',
      [empty(0), empty(1, 'Custom')],
      { kind: 'none' },
    ],
    [
      'an empty values list',
      [{ index: 0, filterOn: 'Values', values: [], other: false }],
      { kind: 'none' },
    ],
    [
      'values filters are set aside, each on its column',
      [empty(0), { index: 2, filterOn: 'Values', values: ['Pilot', 'Idea'], other: false }],
      { kind: 'set-aside', columns: [{ index: 2, values: ['Pilot', 'Idea'] }] },
    ],
    [
      'a condition cannot be put back exactly',
      [{ index: 1, filterOn: 'Custom', values: null, other: true }],
      { kind: 'refuse' },
    ],
    [
      'a values filter on dates (FilterDatetime) is refused',
      [
        {
          index: 1,
          filterOn: 'Values',
          values: [{ date: '2026-01-01', specificity: 'Month' }],
          other: false,
        },
      ],
      { kind: 'refuse' },
    ],
    [
      'a colour beside values is refused',
      [{ index: 1, filterOn: 'CellColor', values: null, other: true }],
      { kind: 'refuse' },
    ],
  ])('%s', (_name, columns, expected) => {
    expect(filterAroundWrite(columns)).toEqual(expected);
  });
});
