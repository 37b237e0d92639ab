/**
 * The field table (SPEC §2, STYLE "Tables over positions"): checked when it loads, and the
 * source of everything that varies by field. The last block adds a field "Region" grouped in
 * the summary to a test-local copy of the table and shows that the one row is enough: its
 * header is recognised, its values read, the summary gets its table, the pane lists it.
 */

import type { Field, FieldSpec } from '../../src/core/fields';
import type { CellValue } from '../../src/core/input';
import type { Initiative } from '../../src/core/results';
import { planRefresh } from '../../src/core/refresh';
import { HEADER_SYNONYMS, matchHeader } from '../../src/core/vocab';
import {
  FIELDS,
  FIELD_HEADERS,
  FIELD_NAMES,
  FIELD_NEEDS,
  FIELD_ORDER,
  FIELD_SPECS,
  FIELD_TABLE,
  GROUPING_FIELDS,
  checkFieldTable,
  normaliseHeader,
} from '../../src/core/fields';
import { WORD_FIELDS } from '../../src/core/words';
import type * as argsModule from '../../src/cli/args';
import type * as fieldsModule from '../../src/core/fields';
import type * as previewModule from '../../src/core/preview';
import type * as refreshModule from '../../src/core/refresh';
import type * as labelsModule from '../../src/taskpane/labels';
import { input, sheetOf } from './helpers';

const table: readonly FieldSpec[] = FIELD_TABLE;

describe('the field table is checked when it loads', () => {
  it('the shipped table passes', () => {
    expect(() => checkFieldTable(table, normaliseHeader)).not.toThrow();
  });

  it.each<[string, (t: FieldSpec[]) => FieldSpec[], RegExp]>([
    [
      'a header two fields share (as headers are matched)',
      (t) =>
        t.map((f) => (f.key === 'budget' ? { ...f, headers: [...f.headers, 'lead  group'] } : f)),
      /field "budget" has the header "lead {2}group", which field "ledBy" already has/,
    ],
    ['a key listed twice', (t) => [...t, { ...t[0]! }], /field "name" is listed twice/],
    [
      'a header with nothing to match',
      (t) => t.map((f) => (f.key === 'budget' ? { ...f, headers: ['($)'] } : f)),
      /field "budget" has a header "\(\$\)" with no letters or digits/,
    ],
    [
      'a field without headers',
      (t) => t.map((f) => (f.key === 'budget' ? { ...f, headers: [] } : f)),
      /field "budget" has no recognised header/,
    ],
    [
      'an unknown kind',
      (t) => t.map((f) => (f.key === 'budget' ? { ...f, kind: 'money' as never } : f)),
      /field "budget" has an unknown kind "money"/,
    ],
    [
      'two summary tables with one title',
      (t) =>
        t.map((f) =>
          f.key === 'id'
            ? { ...f, grouping: { title: 'Roles by stage', header: 'ID', always: false } }
            : f,
        ),
      /repeats the summary table "Roles by stage"/,
    ],
  ])('fails fast on %s', (_name, change, message) => {
    expect(() => checkFieldTable(change([...table]), normaliseHeader)).toThrow(message);
  });
});

describe('what varies by field is derived from the table', () => {
  it('fields, headers, labels and importance', () => {
    expect(FIELDS).toEqual(table.map((f) => f.key));
    for (const f of table) {
      const key = f.key as Field;
      expect(HEADER_SYNONYMS[key]).toEqual(f.headers);
      expect(FIELD_HEADERS[key]).toBe(f.headers[0]);
      expect(FIELD_NAMES[key]).toBe(f.label);
      for (const h of f.headers) expect(matchHeader(h)).toBe(key);
    }
    expect(FIELD_NEEDS.name).toBe('required');
    expect(table.filter((f) => FIELD_NEEDS[f.key as Field] === 'classification').length).toBe(6);
    expect([...FIELD_ORDER].sort()).toEqual([...FIELDS].sort());
  });

  it('fields whose kind has a vocabulary take the workbook’s own words; text and numbers do not', () => {
    const expected = table
      .filter((f) => !['text', 'count', 'amount'].includes(f.kind))
      .map((f) => f.key);
    expect(WORD_FIELDS).toEqual(expected);
  });

  /** A cell each kind reads, and the value it gives. */
  const SAMPLE: Record<FieldSpec['kind'], [CellValue, unknown]> = {
    text: ['North', 'North'],
    group: ['Marketing', 'LOB'],
    stage: ['PoC', 'Pilot'],
    involvement: ['R', 'Responsible'],
    'involvement-text': ['implements', undefined],
    'yes-no': ['Y', true],
    count: ['1,200', 1200],
    amount: ['$1.2M', 1_200_000],
    role: ['driver', 'Driver'],
  };

  it('every field is read by its kind from the column its first header names', () => {
    const header = table.map((f) => f.headers[0]!);
    const row = table.map((f) => SAMPLE[f.kind][0]);
    const [r] = planRefresh(input([sheetOf('Inventory', [header, row])])).rows;
    const values = r!.initiative as unknown as Record<string, unknown>;
    for (const f of table) {
      const [, value] = SAMPLE[f.kind];
      if (f.kind === 'involvement-text') expect(values).not.toHaveProperty(f.key);
      else expect([f.key, values[f.key]]).toEqual([f.key, value]);
    }
    expect(r!.issues).toEqual([]);
  });

  it('every grouping field gets its table on the summary sheet, in the order the table gives', () => {
    const header = table.map((f) => f.headers[0]!);
    const row = table.map((f) => SAMPLE[f.kind][0]);
    const { summary, plan } = planRefresh(input([sheetOf('Inventory', [header, row])]));
    expect(summary.byField.map((t) => t.field)).toEqual(GROUPING_FIELDS.map((g) => g.field));
    const texts = plan.summary.cells.map((c) => c.value);
    const titles = texts.filter((v) => typeof v === 'string' && v.startsWith('Roles by '));
    expect(titles).toEqual(GROUPING_FIELDS.map((g) => g.grouping.title));
    for (const g of GROUPING_FIELDS) expect(texts).toContain(g.grouping.header);
  });

  it('a grouping shown only with its column is left out without it', () => {
    const optional = GROUPING_FIELDS.filter((g) => !g.grouping.always).map((g) => g.field);
    expect(optional).toContain('businessUnit');
    const sheet = sheetOf('Inventory', [
      ['Initiative', 'Led By', 'I&O Pilot'],
      ['A', 'IT', 'Leading'],
    ]);
    const { summary } = planRefresh(input([sheet]));
    expect(summary.byField.map((t) => t.field)).toEqual(
      GROUPING_FIELDS.filter((g) => g.grouping.always).map((g) => g.field),
    );
  });
});

describe('adding a field grouped in the summary is one row of the table', () => {
  const REGION: FieldSpec = {
    key: 'region',
    label: 'Region',
    kind: 'text',
    use: 'reference',
    headers: ['Region', 'Sales Region'],
    grouping: { title: 'Roles by region', header: 'Region', always: false },
  };

  /** The core loaded afresh over the shipped table plus REGION (nothing else changed). */
  async function coreWithRegion() {
    let core!: {
      refresh: typeof refreshModule;
      fields: typeof fieldsModule;
      preview: typeof previewModule;
      args: typeof argsModule;
      labels: typeof labelsModule;
    };
    await jest.isolateModulesAsync(async () => {
      jest.doMock('../../src/core/field-table', () => ({ FIELD_TABLE: [...FIELD_TABLE, REGION] }));
      core = {
        refresh: await import('../../src/core/refresh'),
        fields: await import('../../src/core/fields'),
        preview: await import('../../src/core/preview'),
        args: await import('../../src/cli/args'),
        labels: await import('../../src/taskpane/labels'),
      };
    });
    jest.dontMock('../../src/core/field-table');
    return core;
  }

  it('is recognised, read, grouped in the summary, listed in the pane and accepted by --map', async () => {
    const core = await coreWithRegion();
    const sheet = sheetOf('Inventory', [
      ['Initiative', 'Led By', 'I&O Pilot', 'Sales Region'],
      ['A', 'IT', 'Leading', 'EMEA'],
      ['B', 'Marketing', 'None', 'APAC'],
      ['C', 'Plant', 'None', ' emea '],
      ['D', 'Plant', 'None', null],
    ]);
    const out = core.refresh.planRefresh(input([sheet]));
    const detected = out.detection.columns as Record<string, { col: number | null }>;
    expect(detected.region!.col).toBe(3);
    const regions = out.rows.map((r) => (r.initiative as Initiative & { region: unknown }).region);
    expect(regions).toEqual(['EMEA', 'APAC', 'emea', null]);

    const byRegion = out.summary.byField.find((t) => (t.field as string) === 'region')!.tab;
    expect(byRegion.labels).toEqual(['APAC', 'EMEA', '(blank)']);
    expect(byRegion.counts.map((c) => c.Driver + c.Bystander)).toEqual([1, 2, 1]);
    const texts = out.plan.summary.cells.map((c) => c.value);
    expect(texts).toContain('Roles by region');

    expect(core.fields.FIELD_ORDER.at(-1)).toBe('region');
    expect((core.fields.FIELD_NEEDS as Record<string, string>).region).toBe('optional');
    expect((core.labels.FIELD_LABELS as Record<string, string>).region).toBe('Region');
    const preview = core.preview.previewInventory([sheet], {});
    expect(preview.fields.map((f) => f.field as string)).toContain('region');
    const command = core.args.parseArgs(['refresh', 'in.xlsx', '--map', 'region=Sales Region']);
    expect(command).toMatchObject({ mapping: { region: 'Sales Region' } });
  });

  it('the shipped core is untouched by the copy', () => {
    expect(FIELDS).not.toContain('region');
    expect(FIELD_SPECS).not.toHaveProperty('region');
  });
});
