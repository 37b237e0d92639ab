/**
 * The "new inventory" template: host-free data the Excel adapter turns into a sheet when a
 * workbook has no inventory yet. Headers are the SPEC's (§2), the drop-down lists come from
 * the core vocabularies, and one example row shows what a filled-in initiative looks like.
 */

import type { Field } from './model';
import { VOCABULARY_LISTS } from './vocab';

/** Base name of the new sheet ("IoT Inventory", then "IoT Inventory (2)", …). */
export const TEMPLATE_SHEET_NAME = 'IoT Inventory';

/** Data rows below the header that get the drop-down lists. */
export const TEMPLATE_VALIDATION_ROWS = 500;

export interface TemplateColumn {
  field: Field;
  header: string;
  /** Width in characters. */
  width: number;
  /** Drop-down values, or null for free entry. */
  list: readonly string[] | null;
  /** The example row's value. */
  example: string | number;
}

/** The template's columns, left to right. */
export const INVENTORY_TEMPLATE: readonly TemplateColumn[] = [
  { field: 'id', header: 'ID', width: 10, list: null, example: 'IOT-001' },
  {
    field: 'name',
    header: 'Initiative',
    width: 36,
    list: null,
    example: 'Smart building energy monitoring',
  },
  { field: 'businessUnit', header: 'Business Unit', width: 18, list: null, example: 'Facilities' },
  {
    field: 'ledBy',
    header: 'Led By',
    width: 16,
    list: VOCABULARY_LISTS.ledBy,
    example: 'Operations',
  },
  { field: 'stage', header: 'Stage', width: 16, list: VOCABULARY_LISTS.stage, example: 'Pilot' },
  {
    field: 'ioPilot',
    header: 'I&O Pilot',
    width: 14,
    list: VOCABULARY_LISTS.involvement,
    example: 'Consulted',
  },
  {
    field: 'ioImplementation',
    header: 'I&O Implementation',
    width: 20,
    list: VOCABULARY_LISTS.involvement,
    example: 'Responsible',
  },
  {
    field: 'ioOperations',
    header: 'I&O Operations',
    width: 16,
    list: VOCABULARY_LISTS.involvement,
    example: 'Responsible',
  },
  {
    field: 'integration',
    header: 'Enterprise Integration',
    width: 22,
    list: VOCABULARY_LISTS.yesNo,
    example: 'Yes',
  },
  {
    field: 'security',
    header: 'Security Sensitive',
    width: 18,
    list: [...VOCABULARY_LISTS.yesNo, 'High', 'Medium', 'Low'],
    example: 'Medium',
  },
  { field: 'endpoints', header: 'Endpoints', width: 12, list: null, example: 1200 },
  { field: 'budget', header: 'Budget', width: 14, list: null, example: 250000 },
  {
    field: 'override',
    header: 'Role Override',
    width: 16,
    list: VOCABULARY_LISTS.role,
    example: '',
  },
];

/** A sheet name not yet taken (Excel compares names ignoring case). */
export function uniqueSheetName(base: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
