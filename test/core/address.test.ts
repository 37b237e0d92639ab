import {
  columnIndex,
  columnLetter,
  parseA1,
  parseRangeA1,
  quoteSheet,
  rangeToA1,
  toA1,
} from '../../src/core/address';

describe('A1 addressing', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16383, 'XFD'],
  ])('column %i is %s and back', (index, letters) => {
    expect(columnLetter(index)).toBe(letters);
    expect(columnIndex(letters)).toBe(index);
  });

  it('formats and parses cells and ranges', () => {
    expect(toA1(6, 4)).toBe('E7');
    expect(parseA1('$E$7')).toEqual({ row: 6, col: 4 });
    expect(rangeToA1({ row: 0, col: 0, rowCount: 10, colCount: 3 })).toBe('A1:C10');
    expect(rangeToA1({ row: 4, col: 1, rowCount: 1, colCount: 1 })).toBe('B5');
    expect(parseRangeA1('C10:A1')).toEqual({ row: 0, col: 0, rowCount: 10, colCount: 3 });
  });

  it('rejects what is not an address', () => {
    expect(() => columnLetter(-1)).toThrow(RangeError);
    expect(() => parseA1('7E')).toThrow(RangeError);
  });

  it('quotes sheet names only when needed', () => {
    expect(quoteSheet('Inventory')).toBe('Inventory');
    expect(quoteSheet('IoT Role Summary')).toBe("'IoT Role Summary'");
    expect(quoteSheet("Bob's sheet")).toBe("'Bob''s sheet'");
  });
});
