/**
 * The pane's choice of inventory sheets as saved settings: one sheet with its mapping, or
 * several with a mapping each, and every move between the two shapes.
 */

import type { RoleMapSettings, SheetChoice } from '../../src/core/service';
import {
  describeSheet,
  mappingOf,
  offeredSheets,
  portfolioOf,
  recordedSheets,
  sameSheets,
  sheetListText,
  withMapping,
  withSheetIncluded,
  withSheetOnly,
} from '../../src/taskpane/sheets';

const ORDER: SheetChoice[] = [
  { name: 'Notes', recognised: 0, isActive: false },
  { name: 'East', recognised: 9, isActive: true, initiatives: 40 },
  { name: 'West', recognised: 8, isActive: false, initiatives: 1 },
  { name: 'North', recognised: 6, isActive: false, initiatives: 1200 },
];
const ONE: RoleMapSettings = {
  version: 1,
  history: true,
  sheet: 'East',
  mapping: { name: 'Scheme' },
};

describe('the sheets refreshed together', () => {
  it('one sheet: its mapping is `mapping`', () => {
    expect(portfolioOf(ONE, 'East')).toEqual(['East']);
    expect(mappingOf(ONE, 'East')).toEqual({ name: 'Scheme' });
  });

  it('adding a sheet moves the one mapping under its sheet, in tab order', () => {
    const two = withSheetIncluded(ONE, 'East', 'North', true, ORDER);
    expect(two).toEqual({
      version: 1,
      history: true,
      sheet: 'East',
      sheets: ['East', 'North'],
      mappings: { East: { name: 'Scheme' } },
    });
    expect(mappingOf(two, 'North')).toBeUndefined();
    const three = withSheetIncluded(two, 'East', 'West', true, ORDER);
    expect(three.sheets).toEqual(['East', 'West', 'North']);
  });

  it('each sheet keeps its own mapping; clearing one leaves the others', () => {
    const two = withSheetIncluded(ONE, 'East', 'West', true, ORDER);
    const mapped = withMapping(two, 'West', { name: 'Project' });
    expect(mapped.mappings).toEqual({ East: { name: 'Scheme' }, West: { name: 'Project' } });
    expect(mapped.sheet).toBe('West');
    expect(mappingOf(mapped, 'East')).toEqual({ name: 'Scheme' });
    expect(withMapping(mapped, 'East', undefined).mappings).toEqual({ West: { name: 'Project' } });
  });

  it('taking a sheet out down to one makes its mapping the mapping again', () => {
    const two = withMapping(withSheetIncluded(ONE, 'East', 'West', true, ORDER), 'West', {
      name: 'Project',
    });
    expect(withSheetIncluded(two, 'West', 'East', false, ORDER)).toEqual({
      version: 1,
      history: true,
      sheet: 'West',
      mapping: { name: 'Project' },
    });
  });

  it('the last sheet cannot be taken out', () => {
    expect(withSheetIncluded(ONE, 'East', 'East', false, ORDER)).toBe(ONE);
  });

  it('offers the sheets that look like inventories, and any already chosen', () => {
    expect(offeredSheets(ORDER, []).map((s) => s.name)).toEqual(['East', 'West', 'North']);
    expect(offeredSheets(ORDER, ['Notes']).map((s) => s.name)).toContain('Notes');
  });

  it.each([
    [ORDER[1]!, undefined, '40 initiatives, 9 recognised headers'],
    [ORDER[2]!, 5, '1 initiative, 8 recognised headers'],
    [ORDER[3]!, undefined, '1,200 initiatives, 6 recognised headers'],
    [{ name: 'X', recognised: 1, isActive: false }, 12, '12 rows, 1 recognised header'],
  ])('describes %j with %s rows as "%s"', (choice, rows, text) => {
    expect(describeSheet(choice, rows)).toBe(text);
  });
});

describe('sheetListText', () => {
  it.each([
    [['East'], '“East”'],
    [['East', 'West'], '“East” and “West”'],
    [['East', 'West', 'North'], '“East”, “West” and “North”'],
  ])('names %j in one phrase', (names, text) => {
    expect(sheetListText(names)).toBe(text);
  });
});

describe('the sheets a recorded refresh names', () => {
  const present = ['East', 'West', 'North, South'].map((name) => ({ name }) as SheetChoice);
  it.each([
    ['East', ['East']],
    ['East, West', ['East', 'West']],
    ['North, South', ['North, South']],
    ['East, Gone', []],
    ['Gone', []],
  ])('%s → %j', (recorded, expected) => {
    expect(recordedSheets(recorded, present)).toEqual(expected);
  });

  it('compares lists of sheets in order', () => {
    expect(sameSheets(['East', 'West'], ['East', 'West'])).toBe(true);
    expect(sameSheets(['West', 'East'], ['East', 'West'])).toBe(false);
    expect(sameSheets(undefined, ['East'])).toBe(false);
  });
});

describe('one sheet on its own', () => {
  it('drops the saved portfolio and the hand mappings, keeps the header rows', () => {
    const settings: RoleMapSettings = {
      version: 1,
      history: true,
      sheet: 'East',
      sheets: ['East', 'West'],
      mapping: { name: 'Scheme' },
      mappings: { West: { name: 'Scheme' } },
      headerRows: { New: 2 },
    };
    expect(withSheetOnly(settings, 'New')).toEqual({
      version: 1,
      history: true,
      sheet: 'New',
      headerRows: { New: 2 },
    });
    expect(portfolioOf(withSheetOnly(settings, 'New'), 'New')).toEqual(['New']);
  });
});
