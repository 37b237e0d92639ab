/**
 * The engine against the project's own inputs: the messy sample inventory (src/cli/sample.ts)
 * and the new-inventory template (src/core/template.ts) must go through detection,
 * normalisation and classification the way a user would expect.
 */

import type { CellValue } from '../../src/core/input';
import { detectHeaders } from '../../src/core/headers';
import { ROLES_AND_UNCLASSIFIED } from '../../src/core/domain';
import { makeRowReader, normaliseRow } from '../../src/core/normalise';
import { evaluateRow, planRefresh, toJsonReport } from '../../src/core/refresh';
import { generateSampleInventory } from '../../src/cli/sample';
import { INVENTORY_TEMPLATE } from '../../src/core/template';
import { NOW, sheetOf } from './helpers';

describe('the sample inventory', () => {
  const sample = generateSampleInventory({ rows: 400, seed: 7 });
  const sheet = sheetOf(sample.sheetName, sample.values);
  const outcome = planRefresh({
    sheets: [sheet],
    options: { history: true },
    now: NOW,
    historyRowCount: 0,
  });

  it('is detected with its title rows above the header', () => {
    expect(outcome.detection.headerRow).toBe(sample.headerRow);
    expect(outcome.detection.columns.name.col).not.toBeNull();
    expect(outcome.detection.warnings).toEqual([]);
  });

  it('classifies every non-blank row, and every role occurs', () => {
    const nonBlank = sample.values
      .slice(sample.headerRow + 1)
      .filter((r) =>
        r.some((v) => v !== null && !(typeof v === 'string' && v.trim() === '')),
      ).length;
    expect(outcome.rows).toHaveLength(nonBlank);
    for (const role of ROLES_AND_UNCLASSIFIED)
      expect(outcome.summary.counts[role]).toBeGreaterThan(0);
  });

  it('most rows need no review, and the messy ones are reported', () => {
    expect(outcome.summary.needsReview).toBeGreaterThan(0);
    // The sample budgets some rows in euros beside dollars: each is flagged (money.ts).
    expect(outcome.summary.needsReview / outcome.summary.total).toBeLessThan(0.4);
  });

  it('each rationale ends with the role the rules gave, unless set by hand', () => {
    for (const r of outcome.rows) {
      if (r.initiative.override !== null) expect(r.rationale).toMatch(/^Set by hand to /);
      else expect(r.rationale).toMatch(new RegExp(`→ ${r.role}( \\(also operates\\))?$`));
    }
  });

  it('the --json report has one entry per classified row with Excel row numbers', () => {
    const report = toJsonReport(outcome);
    expect(report.rows).toHaveLength(outcome.rows.length);
    expect(report.rows[0]!.row).toBe(sample.headerRow + 2);
    expect(report.headerRow).toBe(sample.headerRow + 1);
  });
});

describe('the new-inventory template', () => {
  const header: CellValue[] = INVENTORY_TEMPLATE.map((c) => c.header);
  const example: CellValue[] = INVENTORY_TEMPLATE.map((c) => (c.example === '' ? null : c.example));
  const sheet = sheetOf('IoT Inventory', [header, example]);

  it('every template header is detected as its field', () => {
    const d = detectHeaders(sheet)!;
    INVENTORY_TEMPLATE.forEach((c, i) => {
      expect(d.columns[c.field]).toMatchObject({ col: i, status: 'found' });
    });
  });

  it('the example row classifies without data issues', () => {
    const d = detectHeaders(sheet)!;
    const reader = makeRowReader(sheet, d);
    const r = evaluateRow(normaliseRow(reader, example, 1)!, reader);
    expect(r.issues).toEqual([]);
    expect(r.role).not.toBe('Unclassified');
  });

  it('every drop-down value of the template is understood in its column', () => {
    const d = detectHeaders(sheet)!;
    const reader = makeRowReader(sheet, d);
    INVENTORY_TEMPLATE.forEach((c, i) => {
      for (const value of c.list ?? []) {
        const row: CellValue[] = header.map(() => null);
        row[INVENTORY_TEMPLATE.findIndex((t) => t.field === 'name')] = 'x';
        row[i] = value;
        if (c.field === 'name') continue;
        const n = normaliseRow(reader, row, 1)!;
        expect([c.field, value, n.issues]).toEqual([c.field, value, []]);
      }
    });
  });
});
