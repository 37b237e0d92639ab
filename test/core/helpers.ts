/** Builders shared by the core tests: snapshots and initiatives with sensible defaults. */

import type { CellValue, Initiative, SheetSnapshot, TableInfo } from '../../src/core';

/** A sheet snapshot from rows of values (padded to a rectangle). */
export function sheetOf(
  name: string,
  rows: CellValue[][],
  extra: Partial<Omit<SheetSnapshot, 'name' | 'values'>> = {},
): SheetSnapshot {
  const width = Math.max(0, ...rows.map((r) => r.length));
  return {
    name,
    origin: { row: 0, col: 0 },
    values: rows.map((r) => [...r, ...Array<CellValue>(width - r.length).fill(null)]),
    tables: [] as TableInfo[],
    hasFrozenPanes: false,
    hasAutoFilter: false,
    isProtected: false,
    ...extra,
  };
}

/** An initiative with every field unknown, then the given facts. */
export function initiative(facts: Partial<Initiative> = {}): Initiative {
  return {
    row: 5,
    id: null,
    name: 'Test initiative',
    ledBy: null,
    ledByText: null,
    businessUnit: null,
    stage: null,
    ioPilot: null,
    ioImplementation: null,
    ioOperations: null,
    integration: null,
    security: null,
    endpoints: null,
    budget: null,
    override: null,
    ...facts,
  };
}

export const STANDARD_HEADER: CellValue[] = [
  'ID',
  'Initiative',
  'Led By',
  'Stage',
  'I&O Pilot',
  'I&O Implementation',
  'I&O Operations',
  'Enterprise Integration',
  'Security Sensitive',
  '# Devices',
  'Budget ($)',
  'Role Override',
];

/** A standard inventory: header on row 0 and the given data rows. */
export function inventory(rows: CellValue[][], extra: Partial<SheetSnapshot> = {}): SheetSnapshot {
  return sheetOf('Inventory', [STANDARD_HEADER, ...rows], extra);
}

export const NOW = new Date(Date.UTC(2026, 0, 15, 9, 30));
