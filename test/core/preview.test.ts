/** What the pane is told before a refresh: decided by the core from the sheet alone. */

import type { RoleMapError } from '../../src/core/messages';
import { problem } from '../../src/core/messages';
import { FIELDS } from '../../src/core/fields';
import {
  FIELD_ORDER,
  hasInventory,
  preferredSheet,
  previewInventory,
} from '../../src/core/preview';
import { planRefresh } from '../../src/core/refresh';
import { sheetOf } from './helpers';

const inventory = sheetOf('Inventory', [
  ['IoT initiatives'],
  [],
  ['Initiative', 'Led By', 'Stage', 'I&O Pilot', 'I&O Implementation', 'I&O Operations'],
  ['Fleet', 'Logistics', 'Pilot', 'None', 'Responsible', 'Responsible'],
  ['HVAC', 'Facilities', 'Idea', 'None', 'None', 'None'],
  ['Edge', 'IT', 'Production', 'Leading', 'Leading', 'Leading'],
  ['Cameras', 'Facilities', 'Idea', 'None', 'None', 'None'],
]);
const unusual = sheetOf('Programmes', [
  ['Portfolio 2026'],
  ['Programme', 'Sponsor', 'Phase', 'Infra team - PoC'],
  ['Fleet', 'Logistics', 'PoC', 'Leads'],
  ['HVAC', 'Facilities', 'Live', 'None'],
]);

function thrown(fn: () => unknown): RoleMapError {
  try {
    fn();
  } catch (err) {
    return err as RoleMapError;
  }
  throw new Error('expected a RoleMapError');
}

describe('previewInventory', () => {
  it('lists every field once, by importance, with its state', () => {
    const p = previewInventory([inventory], { sheet: 'Inventory' });
    expect(p.fields.map((f) => f.field)).toEqual(FIELD_ORDER);
    expect([...FIELD_ORDER].sort()).toEqual([...FIELDS].sort());
    const byField = Object.fromEntries(p.fields.map((f) => [f.field, f]));
    expect(byField.name).toMatchObject({ need: 'required', state: 'found' });
    // The one involvement column is the alternative to the three phases, not a gap.
    expect(byField.ioInvolvement).toMatchObject({
      need: 'classification',
      state: 'covered',
      coveredBy: ['ioPilot', 'ioImplementation', 'ioOperations'],
    });
    expect(byField.budget).toMatchObject({ need: 'optional', state: 'missing' });
    expect(p.detectionGood).toBe(true);
    expect(p.canRefresh).toBe(true);
    expect(p.blockers).toEqual([]);
  });

  it('counts the rows below the header row, from the used range when the snapshot is partial', () => {
    expect(previewInventory([inventory], {}).rows).toBe(4);
    const p = previewInventory([inventory], { lastUsedRow: { Inventory: 5_002 } });
    expect(p.rows).toBe(5_000);
    expect(p.candidates).toEqual([{ name: 'Inventory', recognised: 6, rows: 5_000 }]);
  });

  it('gives a few distinct sample values per column', () => {
    const p = previewInventory([inventory], {});
    expect(p.samples[1]).toEqual(['Logistics', 'Facilities', 'IT']);
    expect(p.samples[3]).toEqual(['None', 'Leading']);
  });

  it('keeps a sheet without recognised headers open to mapping by hand, on a row the user picks', () => {
    const p = previewInventory([unusual], { sheet: 'Programmes' });
    // The fullest of the first rows is the guess; every row with text can be picked.
    expect(p.detection.headerRow).toBe(1);
    expect(p.headerRow.choosable).toBe(true);
    expect(p.headerRow.options.map((o) => o.label)).toEqual([
      'Row 1: Portfolio 2026',
      'Row 2: Programme, Sponsor, Phase, …',
      'Row 3: Fleet, Logistics, PoC, …',
      'Row 4: HVAC, Facilities, Live, …',
    ]);
    expect(p.headers.map((h) => h.text)).toEqual([
      'Programme',
      'Sponsor',
      'Phase',
      'Infra team - PoC',
    ]);
    expect(p.canRefresh).toBe(false);
    expect(p.blockers[0]).toMatchObject({
      code: 'no-name-column',
      severity: 'error',
      action: 'map-columns',
    });
    expect(previewInventory([unusual], { sheet: 'Programmes', headerRow: 0 }).headers).toEqual([
      { col: 0, text: 'Portfolio 2026' },
    ]);
  });

  it('the mapping made on a picked row is what the refresh finds', () => {
    const mapping = {
      name: 'Programme',
      ledBy: 'Sponsor',
      stage: 'Phase',
      ioPilot: 'Infra team - PoC',
    };
    const p = previewInventory([unusual], { sheet: 'Programmes', mapping, headerRow: 1 });
    expect(p.detection.headerRow).toBe(1);
    expect(p.canRefresh).toBe(true);
    const outcome = planRefresh({
      sheets: [unusual],
      options: { sheet: 'Programmes', mapping, history: false },
      now: new Date(0),
      historyRowCount: 0,
    });
    expect(outcome.detection.headerRow).toBe(1);
    expect(outcome.rows.map((r) => r.role)).toEqual(['Driver', 'Bystander']);
  });

  it('warns before a refresh that could only write Unclassified rows, with the fix', () => {
    const nameOnly = sheetOf('Names', [
      ['Initiative', 'Stage'],
      ['Fleet', 'Pilot'],
    ]);
    const p = previewInventory([nameOnly], {});
    expect(p.canRefresh).toBe(true);
    expect(p.blockers).toEqual([
      {
        code: 'nothing-to-classify',
        severity: 'warning',
        message: problem('nothing-to-classify', { sheet: 'Names' }).message,
        action: 'map-columns',
      },
    ]);
    expect(p.detectionGood).toBe(false);
  });

  it.each([
    [
      'a protected sheet',
      { ...inventory, isProtected: true },
      problem('protected-sheet', { sheet: 'Inventory' }).message,
    ],
    [
      'output columns blocked by data',
      sheetOf('Inventory', [
        ['Initiative', 'Led By', 'I&O Pilot', null],
        ['Fleet', 'IT', 'Leading', 'my note'],
      ]),
      problem('output-blocked', { sheet: 'Inventory', column: 'D', address: 'D2' }).message,
    ],
    [
      'a header row with nothing below it',
      sheetOf('Inventory', [['Initiative', 'Led By', 'I&O Pilot']]),
      problem('inventory-empty', { sheet: 'Inventory' }).message,
    ],
  ])('says before the refresh that %s stops it', (_name, sheet, message) => {
    const p = previewInventory([sheet], { sheet: 'Inventory' });
    expect(p.canRefresh).toBe(false);
    // Not the mapping's fault: the mapping is not opened for it.
    expect(p.blockers.every((b) => b.action === null)).toBe(true);
    expect(p.blockers.map((b) => b.message)).toContain(message);
  });

  it('still throws when there is nothing to show', () => {
    expect(thrown(() => previewInventory([inventory], { sheet: 'Gone' })).code).toBe(
      'sheet-not-found',
    );
    expect(thrown(() => previewInventory([sheetOf('Empty', [])], { sheet: 'Empty' })).code).toBe(
      'no-inventory',
    );
    expect(thrown(() => previewInventory([inventory], { mapping: { name: 'Project' } })).code).toBe(
      'mapping-header-not-found',
    );
  });
});

describe('preferredSheet and hasInventory', () => {
  const sheets = [
    { name: 'Notes', recognised: 0, isActive: true },
    { name: 'Inventory', recognised: 6, isActive: false },
    { name: 'Old', recognised: 6, isActive: false },
    { name: 'Draft', recognised: 1, isActive: false },
  ];
  it.each([
    ['the saved choice wins', sheets, 'Draft', 'Draft'],
    ['else the most recognised headers (ties: the first)', sheets, undefined, 'Inventory'],
    ['a saved sheet that no longer exists is ignored', sheets, 'Gone', 'Inventory'],
    [
      'else the active sheet',
      [
        { name: 'A', recognised: 0, isActive: false },
        { name: 'B', recognised: 1, isActive: true },
      ],
      undefined,
      'B',
    ],
    ['no sheet at all', [], undefined, undefined],
  ])('%s', (_name, list, saved, expected) => {
    expect(preferredSheet(list, saved)).toBe(expected);
  });

  it('an inventory needs two recognised headers', () => {
    expect(hasInventory(sheets)).toBe(true);
    expect(hasInventory([{ name: 'Draft', recognised: 1, isActive: true }])).toBe(false);
  });
});
