/**
 * One rule turns saved settings into refresh options (src/core/settings.ts `optionsFromSettings`):
 * the ribbon and pane (no overrides), `refresh` (its flags over them) and `consolidate` (each
 * input's own settings) all take it.
 */

import type { RoleMapSettings } from '../../src/core/service';
import { NO_OVERRIDES, optionsFromSettings } from '../../src/core/settings';

const ONE: RoleMapSettings = {
  version: 1,
  history: false,
  sheet: 'Inventory',
  mapping: { name: 'Project', stage: '' },
  words: [{ field: 'ledBy', value: 'Digital Factory', meaning: 'Operations' }],
  headerRows: { Inventory: 3 },
};

const SEVERAL: RoleMapSettings = {
  version: 1,
  history: true,
  sheets: ['East', 'West', 'East'],
  mappings: { West: { name: 'Use case' } },
};

describe('optionsFromSettings', () => {
  it('one saved sheet: its mapping, words, header rows and history choice', () => {
    expect(optionsFromSettings(ONE, 'excel')).toEqual({
      history: false,
      sheet: 'Inventory',
      mapping: { name: 'Project', stage: '' },
      words: ONE.words,
      headerRows: { Inventory: 3 },
    });
  });

  it('several saved sheets: each its own mapping, the list named as saved on this surface', () => {
    for (const surface of ['excel', 'file'] as const) {
      expect(optionsFromSettings(SEVERAL, surface)).toEqual({
        history: true,
        sheets: ['East', 'West'],
        savedSheets: surface,
        mappings: { West: { name: 'Use case' } },
      });
    }
  });

  it('a saved list of one sheet names the saved sheet, with its own mapping', () => {
    const lone: RoleMapSettings = {
      version: 1,
      history: true,
      sheets: ['East'],
      mappings: { East: { name: 'Use case' } },
    };
    expect(optionsFromSettings(lone, 'excel')).toEqual({
      history: true,
      sheet: 'East',
      mapping: { name: 'Use case' },
    });
  });

  it('no settings: history on, nothing else', () => {
    expect(optionsFromSettings(null, 'file')).toEqual({ history: true });
  });

  it('flags win: another --sheet drops the saved mapping, --map goes over each, --no-history', () => {
    const other = optionsFromSettings(ONE, 'file', {
      ...NO_OVERRIDES,
      sheet: 'Other',
      mapping: { id: 'Ref' },
    });
    expect(other).toMatchObject({ sheet: 'Other', mapping: { id: 'Ref' }, history: false });
    const several = optionsFromSettings(SEVERAL, 'file', {
      ...NO_OVERRIDES,
      mapping: { id: 'Ref' },
      history: false,
    });
    expect(several).toMatchObject({
      history: false,
      mappings: { West: { name: 'Use case', id: 'Ref' } },
      mapping: { id: 'Ref' },
    });
    const flagged = optionsFromSettings(SEVERAL, 'file', {
      ...NO_OVERRIDES,
      sheets: ['North', 'South'],
    });
    expect(flagged.sheets).toEqual(['North', 'South']);
    expect(flagged.savedSheets).toBeUndefined();
  });
});
