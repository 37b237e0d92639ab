/**
 * The workbooks the browser tests open, built the same way in the page (to feed the fake
 * Excel host) and in node (to compute what the pane must show with the core).
 * Browser-safe: no Node imports.
 */

import type { CellValue, SheetSnapshot } from '../../src/core/input';
import { generateSampleInventory } from '../../src/cli/sample';
import type { FakeSheetConfig } from '../fakes/fake-excel';
import { layoutSheets } from '../fixtures/sheet-layouts';

export const SCENARIOS = ['sample', 'protected', 'empty', 'unusual', 'regions'] as const;
/**
 * sample: a realistic inventory beside a notes sheet; protected: the same, protected; empty: no
 * inventory; unusual: an inventory whose headers IoT Role Map does not recognise; regions: three
 * regional inventory sheets in three layouts (test/fixtures/sheet-layouts.ts).
 */
export type Scenario = (typeof SCENARIOS)[number];

export interface ScenarioOptions {
  scenario: Scenario;
  rows: number;
  seed: number;
}

export const DEFAULT_SCENARIO: ScenarioOptions = { scenario: 'sample', rows: 60, seed: 7 };

/** The sheet of the 'unusual' scenario. */
export const UNUSUAL_SHEET = 'Programmes';

/** The notes sheet is active on open, so preselecting the inventory is the pane's doing. */
export const NOTES_SHEET = 'Read me';

type Scalar = string | number | boolean;

function scalar(v: CellValue): Scalar | null {
  return v === null || typeof v === 'object' ? null : v;
}

/** The sheets of a scenario as plain values (the sample's error cells become blanks). */
export function scenarioSheets(
  o: ScenarioOptions,
): { name: string; values: (Scalar | null)[][]; protected: boolean }[] {
  const notes = {
    name: NOTES_SHEET,
    values: [['Planning notes'], ['The inventory is on the next sheet.']],
    protected: false,
  };
  if (o.scenario === 'empty') return [{ ...notes, values: [['Planning notes']] }];
  if (o.scenario === 'regions') {
    const regions = layoutSheets({ east: o.rows, west: Math.ceil(o.rows / 2), north: o.rows });
    return [
      notes,
      ...regions.map((r) => ({
        name: r.name,
        values: r.values.map((row) => row.map(scalar)),
        protected: false,
      })),
    ];
  }
  if (o.scenario === 'unusual') {
    return [
      notes,
      {
        name: UNUSUAL_SHEET,
        values: [
          ['Portfolio 2026'],
          ['Programme', 'Sponsor', 'Phase', 'Infra team - PoC'],
          ['Fleet telematics', 'Logistics', 'PoC', 'Leads'],
          ['Smart HVAC', 'Facilities', 'Live', 'None'],
          ['Edge platform', 'IT', 'Live', 'Leads'],
        ],
        protected: false,
      },
    ];
  }
  const sample = generateSampleInventory({ rows: o.rows, seed: o.seed });
  return [
    notes,
    {
      name: sample.sheetName,
      values: sample.values.map((row) => row.map(scalar)),
      protected: o.scenario === 'protected',
    },
  ];
}

/** The fake Excel configuration of a scenario. */
export function fakeSheets(o: ScenarioOptions): FakeSheetConfig[] {
  return scenarioSheets(o).map((s) => ({ name: s.name, values: s.values, protected: s.protected }));
}

/** The core's view of a scenario's sheets (what the Excel adapter reads back). */
export function snapshots(o: ScenarioOptions): SheetSnapshot[] {
  return scenarioSheets(o).map((s) => {
    const width = Math.max(0, ...s.values.map((r) => r.length));
    return {
      name: s.name,
      origin: { row: 0, col: 0 },
      values: s.values.map((r) => [...r, ...Array<null>(width - r.length).fill(null)]),
      tables: [],
      hasFrozenPanes: false,
      hasAutoFilter: false,
      isProtected: s.protected,
    };
  });
}

/** Reads scenario options from a query string (?scenario=protected&rows=60&seed=7). */
export function parseScenario(search: string): ScenarioOptions {
  const q = new URLSearchParams(search);
  const name = q.get('scenario') ?? DEFAULT_SCENARIO.scenario;
  const scenario = (SCENARIOS as readonly string[]).includes(name)
    ? (name as Scenario)
    : DEFAULT_SCENARIO.scenario;
  const rows = Number(q.get('rows') ?? DEFAULT_SCENARIO.rows);
  const seed = Number(q.get('seed') ?? DEFAULT_SCENARIO.seed);
  return {
    scenario,
    rows: Number.isFinite(rows) ? rows : DEFAULT_SCENARIO.rows,
    seed: Number.isFinite(seed) ? seed : DEFAULT_SCENARIO.seed,
  };
}
