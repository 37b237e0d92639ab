/**
 * Builders shared by the tests of every surface: snapshots, initiatives with sensible
 * defaults, and our output block's headers, rows and places, all derived from OUTPUT_COLUMNS
 * so that no test counts the block's columns by hand.
 */

import type { CellValue, RefreshInput, SheetSnapshot, TableInfo } from '../../src/core/input';
import type { Initiative } from '../../src/core/results';
import { FIELD_TABLE } from '../../src/core/fields';
import type { OutputKey } from '../../src/core/output';
import { OUTPUT_COLUMNS, OUTPUT_HEADERS, OUTPUT_WIDTH } from '../../src/core/output';
import type { InventoryWrite } from '../../src/core/write-plan';

/** Today's output headers, as cells of a header row. */
export const OUTPUT_HEADER_CELLS: readonly CellValue[] = [...OUTPUT_HEADERS];

/** Index within the block of the output column `key`. */
export function outputIndex(key: OutputKey): number {
  return OUTPUT_COLUMNS.findIndex((c) => c.key === key);
}

/** One row of the block: the texts given by column key, "" for the others. */
export function outputRow(texts: Partial<Record<OutputKey, string>>): string[] {
  return OUTPUT_COLUMNS.map((c) => texts[c.key] ?? '');
}

/** Today's headers with Excel's number appended to those named (a table that had them). */
export function numberedHeaders(numbered: readonly OutputKey[], n = 2): string[] {
  return OUTPUT_COLUMNS.map((c) => (numbered.includes(c.key) ? `${c.header}${n}` : c.header));
}

/**
 * The sheet as it looks after a plan's inventory write is applied (for re-runs): headers and
 * values written, a table grown by the columns the plan adds.
 */
export function applied(sheet: SheetSnapshot, w: InventoryWrite): SheetSnapshot {
  const width = Math.max(sheet.values[0]!.length, w.firstCol + OUTPUT_WIDTH - sheet.origin.col);
  const values = sheet.values.map((r) => [...r, ...Array<CellValue>(width - r.length).fill(null)]);
  w.headers.forEach((h, k) => (values[w.headerRow]![w.firstCol + k] = h));
  w.values.forEach((row, i) =>
    row.forEach((v, k) => (values[w.firstRow + i]![w.firstCol + k] = v === '' ? null : v)),
  );
  const tables = sheet.tables.map((t) =>
    w.table && t.name === w.table.name
      ? {
          ...t,
          range: { ...t.range, colCount: t.range.colCount + w.table.addColumns },
          columns: [
            ...t.columns.map((name, i) => w.headers[t.range.col + i - w.firstCol] ?? name),
            ...w.headers.slice(OUTPUT_WIDTH - w.table.addColumns),
          ],
        }
      : t,
  );
  return {
    ...sheet,
    values,
    tables,
    hasFrozenPanes: true,
    hasAutoFilter: w.autoFilter !== null || sheet.hasAutoFilter,
  };
}

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

/**
 * Every value an initiative holds, each unknown (null): one per field of the field table (the
 * free-text involvement column is read into the phases), each lead group as written, and
 * no phase taken from the free text.
 */
export function unknownFacts(): Omit<Initiative, 'row'> {
  return Object.fromEntries(
    [
      ...FIELD_TABLE.flatMap((f) =>
        f.kind === 'involvement-text' ? [] : f.kind === 'group' ? [f.key, `${f.key}Text`] : [f.key],
      ),
      'fromText',
    ].map((k) => [k, null]),
  ) as Omit<Initiative, 'row'>;
}

/** An initiative with every field unknown, then the given facts. */
export function initiative(facts: Partial<Initiative> = {}): Initiative {
  return { row: 5, ...unknownFacts(), name: 'Test initiative', ...facts };
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

/** A small inventory covering each role, a blank row, bad values and an unclassified row. */
export function portfolio(extra: Partial<SheetSnapshot> = {}): SheetSnapshot {
  return inventory(
    [
      [
        'IOT-1',
        'Smart lighting',
        'Facilities',
        'Production',
        'None',
        'R',
        'Yes',
        'Yes',
        'No',
        '1,200',
        '$1.2M',
        null,
      ],
      [
        'IOT-2',
        'Fleet tracking',
        'Marketing',
        'Pilot',
        'Leading',
        null,
        null,
        'No',
        null,
        '~500',
        '€40k',
        null,
      ],
      [
        'IOT-3',
        'Predictive maintenance',
        'IT',
        'Idea',
        null,
        null,
        null,
        null,
        null,
        '5k',
        null,
        null,
      ],
      [null, null, null, null, null, null, null, null, null, null, null, null],
      [
        'IOT-4',
        'Kiosk analytics',
        'Retail',
        'Planned',
        'C',
        null,
        null,
        'Yes',
        null,
        null,
        250000,
        null,
      ],
      [
        'IOT-5',
        'Cold chain',
        'Logistics',
        'Production',
        'I',
        'S',
        'R',
        null,
        'High',
        300,
        '90k',
        null,
      ],
      [
        'IOT-6',
        'Badge readers',
        'Facilities',
        'Retired',
        'None',
        'None',
        'None',
        'No',
        'No',
        40,
        null,
        null,
      ],
      ['IOT-7', 'Yard cameras', 'Plant', 'Live', null, null, null, null, null, null, null, null],
      [
        'IOT-8',
        '=SUM(A1:A3)',
        'Acme',
        'Pilot',
        'maybe',
        'R',
        null,
        null,
        null,
        null,
        null,
        'Driver',
      ],
    ],
    extra,
  );
}

export function input(
  sheets: SheetSnapshot[],
  extra: Partial<RefreshInput['options']> = {},
): RefreshInput {
  return { sheets, options: { history: true, ...extra }, now: NOW, historyRowCount: 3 };
}
