/**
 * The "new inventory" template: host-free data the Excel adapter turns into a sheet when a
 * workbook has no inventory yet. Its columns are the field table's (SPEC §2), the drop-down
 * lists come from the core vocabularies by kind of field, and one example row shows what a
 * filled-in initiative looks like.
 */

import type { FieldKind, Field } from './fields';
import { FIELD_TABLE } from './fields';
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

/** Drop-down values by kind of field (null: free entry). */
const LIST_OF_KIND: Readonly<Record<FieldKind, readonly string[] | null>> = {
  text: null,
  group: VOCABULARY_LISTS.ledBy,
  stage: VOCABULARY_LISTS.stage,
  involvement: VOCABULARY_LISTS.involvement,
  'involvement-text': null,
  'yes-no': VOCABULARY_LISTS.yesNo,
  count: null,
  amount: null,
  role: VOCABULARY_LISTS.role,
};

/** How a field's column looks in the template where it differs from its kind's default. */
const TEMPLATE_LOOK: Partial<
  Record<Field, { width: number; example: string | number; list?: readonly string[] }>
> = {
  id: { width: 10, example: 'IOT-001' },
  name: { width: 36, example: 'Smart building energy monitoring' },
  businessUnit: { width: 18, example: 'Facilities' },
  ledBy: { width: 16, example: 'Operations' },
  stage: { width: 16, example: 'Pilot' },
  ioPilot: { width: 14, example: 'Consulted' },
  ioImplementation: { width: 20, example: 'Responsible' },
  ioOperations: { width: 16, example: 'Responsible' },
  integration: { width: 22, example: 'Yes' },
  security: {
    width: 18,
    example: 'Medium',
    list: [...VOCABULARY_LISTS.yesNo, 'High', 'Medium', 'Low'],
  },
  endpoints: { width: 12, example: 1200 },
  budget: { width: 14, example: 250000 },
  override: { width: 16, example: '' },
};

/** Fields the template puts first, as a planner fills a row in; the rest follow the field table. */
const TEMPLATE_FIRST: readonly Field[] = ['id', 'name', 'businessUnit'];

/**
 * The template's columns, left to right: every field of the field table (fields.ts) under its
 * first header, so a new field reaches the template on its own; the free-text "I&O
 * Involvement" is left out, its three phases having their own columns.
 */
export const INVENTORY_TEMPLATE: readonly TemplateColumn[] = [
  ...TEMPLATE_FIRST.map((key) => FIELD_TABLE.find((f) => f.key === key)!),
  ...FIELD_TABLE.filter((f) => !TEMPLATE_FIRST.includes(f.key)),
]
  .filter((f) => f.kind !== 'involvement-text')
  .map((f) => {
    const look = TEMPLATE_LOOK[f.key];
    const header = f.headers[0];
    return {
      field: f.key,
      header,
      width: look?.width ?? Math.max(12, header.length + 4),
      list: look?.list ?? LIST_OF_KIND[f.kind],
      example: look?.example ?? '',
    };
  });

/** A sheet name not yet taken (Excel compares names ignoring case). */
export function uniqueSheetName(base: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
