/**
 * The output columns as one table (SPEC §4): the headers, widths, empty row and rules are
 * derived from OUTPUT_COLUMNS, and a bad table fails when it loads.
 */

import type { OutputColumn } from '../../src/core/output';
import {
  OUTPUT_COLUMNS,
  OUTPUT_HEADERS,
  OUTPUT_WIDTH,
  checkOutputColumns,
  emptyOutput,
} from '../../src/core/output';

const table: readonly OutputColumn[] = OUTPUT_COLUMNS;

describe('the output columns table', () => {
  it('headers, width and the empty row follow the table', () => {
    expect(OUTPUT_HEADERS).toEqual(table.map((c) => c.header));
    expect(OUTPUT_WIDTH).toBe(table.length);
    expect(emptyOutput()).toEqual(table.map(() => ''));
    expect(() => checkOutputColumns(table)).not.toThrow();
  });

  it.each<[string, (t: OutputColumn[]) => OutputColumn[], RegExp]>([
    ['a key listed twice', (t) => [...t, { ...t[0]!, header: 'Other' }], /"role" is listed twice/],
    [
      'a header listed twice (as Excel compares table column names)',
      (t) => [...t, { ...t[0]!, key: 'again', header: 'i&o role' }],
      /column "again" repeats the header "i&o role"/,
    ],
    [
      'a header with spaces around it',
      (t) => [...t, { ...t[0]!, key: 'padded', header: ' Padded ' }],
      /column "padded" needs a trimmed header/,
    ],
    [
      'a column without a width',
      (t) => [...t, { ...t[0]!, key: 'narrow', header: 'Narrow', width: 0 }],
      /column "narrow" needs a positive width/,
    ],
  ])('fails fast on %s', (_name, change, message) => {
    expect(() => checkOutputColumns(change([...table]))).toThrow(message);
  });
});
