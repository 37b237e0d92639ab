import { generateSampleInventory, SAMPLE_HEADERS } from '../../src/cli/sample';
import { FIELD_TABLE } from '../../src/core/fields';
import { detectHeaders } from '../../src/core/headers';
import { sheetOf } from '../core/helpers';

describe('generateSampleInventory', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = generateSampleInventory({ rows: 200, seed: 7 });
    const b = generateSampleInventory({ rows: 200, seed: 7 });
    const c = generateSampleInventory({ rows: 200, seed: 8 });
    expect(b.values).toEqual(a.values);
    expect(c.values).not.toEqual(a.values);
  });

  it('has a title row above the header and rectangular rows', () => {
    const s = generateSampleInventory({ rows: 50, seed: 1 });
    expect(s.values[0]![0]).toBe(s.title);
    expect(s.values[s.headerRow]).toEqual([...SAMPLE_HEADERS]);
    for (const row of s.values) expect(row).toHaveLength(SAMPLE_HEADERS.length);
  });

  it('produces the requested number of initiatives, plus occasional blank rows', () => {
    const s = generateSampleInventory({ rows: 500, seed: 3 });
    const body = s.values.slice(s.headerRow + 1);
    const blank = body.filter((r) => r.every((v) => v === null));
    expect(body.length - blank.length).toBe(500);
    expect(blank.length).toBeGreaterThan(0);
  });

  it('is messy the way real inventories are: variants, bad values, a formula-like text', () => {
    const s = generateSampleInventory({ rows: 1000, seed: 11 });
    const cells = s.values.slice(s.headerRow + 1).flat();
    expect(cells).toEqual(expect.arrayContaining(['PoC', '✓', 'TBD', 'maybe', 'lots']));
    expect(cells.some((v) => typeof v === 'string' && /^\d+k$/.test(v))).toBe(true);
    expect(cells.some((v) => typeof v === 'string' && v.startsWith('+'))).toBe(true);
    expect(cells.some((v) => typeof v === 'string' && v.startsWith('='))).toBe(true);
  });

  it('has a column for every field of the field table (the free-text involvement aside)', () => {
    const s = generateSampleInventory({ rows: 20, seed: 1 });
    const d = detectHeaders(sheetOf(s.sheetName, s.values))!;
    expect(d.headerRow).toBe(s.headerRow);
    const found = FIELD_TABLE.filter((f) => d.columns[f.key].status === 'found').map((f) => f.key);
    expect(found).toEqual(
      FIELD_TABLE.filter((f) => f.kind !== 'involvement-text').map((f) => f.key),
    );
  });

  it("keeps the planner's column order and spellings the fixtures were made with", () => {
    // A field added to the field table since comes after these, before the notes.
    expect(SAMPLE_HEADERS[SAMPLE_HEADERS.length - 1]).toBe('Notes');
    expect([...SAMPLE_HEADERS.slice(0, 13), 'Notes']).toEqual([
      'ID',
      'Initiative',
      'Business Unit',
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
      'Notes',
    ]);
  });
});
