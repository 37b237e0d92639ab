/**
 * The grouping of our conditional formats is a saved shape (RULE_LAYOUTS): a workbook a
 * previous release refreshed holds its rules as that release grouped them, and the command
 * line must recognise and replace them (never add today's beside them) while the user's own
 * rules, also over our columns, stay exactly as they were. The previous grouping is met in two
 * forms: as the command line wrote it (one element per rule) and as Excel saves the same rules
 * (rules of one range in one element).
 */

import { rangeToA1 } from '../../src/core/address';
import { CURRENT_LAYOUT, RULE_LAYOUTS, outputRules } from '../../src/core/output';
import { ruleFormula } from '../../src/core/rules';
import { generateSampleInventory } from '../../src/cli/sample';
import { createWorkbook, refreshFile } from '../../src/xlsx/index';
import type { FileRefresh } from '../../src/xlsx/index';
import { inventoryPart, refreshedBy, rulesOf, userRules } from './earlier-rules';
import { validate } from './helpers';

const NOW = new Date('2026-03-02T09:30:00Z');
const sample = generateSampleInventory({ rows: 30, seed: 5 });
const SHEET = sample.sheetName;

describe('rules an earlier release grouped otherwise, refreshed by the command line', () => {
  const input = createWorkbook(
    [{ name: SHEET, values: sample.values, headerRow: sample.headerRow, titleRow: 0 }],
    NOW,
  );
  let today: FileRefresh;
  beforeAll(async () => {
    today = await refreshFile(input, 'in.xlsx', { history: true }, NOW);
  });

  const cases = RULE_LAYOUTS.flatMap((layout) =>
    (['one element per rule', 'one element per range'] as const).map(
      (saved) => [layout.version, saved, layout] as const,
    ),
  );

  it.each(cases)(
    'rule layout %i, %s: replaced by today’s, once, the user’s rules kept',
    async (_version, saved, layout) => {
      const inv = today.outcome.plan.inventory;
      const want = inv.conditionalFormats.map((r) => `${rangeToA1(r.range)} ${ruleFormula(r)}`);
      const before = refreshedBy(today, layout, saved);
      const user = userRules(inv.conditionalFormats[0]!);
      // The workbook holds that release's rules in that form, beside the user's.
      const earlier = outputRules(
        inv.firstCol,
        inv.firstRow,
        inv.values.length,
        CURRENT_LAYOUT,
        layout,
      );
      const old = rulesOf(before, SHEET);
      expect(old.rules).toHaveLength(2 + earlier.length);
      expect(old.elements).toHaveLength(
        2 +
          (saved === 'one element per rule'
            ? earlier.length
            : new Set(earlier.map((r) => rangeToA1(r.range))).size),
      );
      const first = await refreshFile(before, 'old.xlsx', { history: true }, NOW);
      const second = await refreshFile(first.bytes, 'old.xlsx', { history: true }, NOW);
      for (const bytes of [first.bytes, second.bytes]) {
        const { xml } = inventoryPart(bytes, SHEET);
        // The user's two elements, byte for byte, first; then ours and nothing else.
        expect(xml).toContain(user);
        const { elements, rules } = rulesOf(bytes, SHEET);
        expect(rules.slice(0, 2)).toEqual([
          expect.stringMatching(/="Watch"$/),
          expect.stringMatching(/^A\d+:[A-Z]+\d+ NOT\(ISERROR/),
        ]);
        expect([...rules.slice(2)].sort()).toEqual([...want].sort());
        // Today's grouping: one element per range of ours, none repeated.
        const sqrefs = elements.slice(2);
        expect(new Set(sqrefs).size).toBe(sqrefs.length);
        expect(sqrefs).toHaveLength(
          new Set(inv.conditionalFormats.map((r) => rangeToA1(r.range))).size,
        );
      }
      const v = validate(second.bytes);
      if (v) expect(v.output).toMatch(/ 0 invalid/);
    },
  );
});
