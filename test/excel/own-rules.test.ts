/**
 * Our conditional formats in Excel, recognised by the core's one predicate however Excel
 * reports them back: split into fragments by inserted or copied rows (each fragment's formula
 * relative to its own top-left cell), as CellValue rules the file adapter once wrote, or
 * grouped as an earlier release grouped them (RULE_LAYOUTS). A re-run keeps exactly one set,
 * in today's grouping; the user's own rules over our columns are kept.
 */

import { rangeToA1 } from '../../src/core/address';
import { CURRENT_LAYOUT, RULE_LAYOUTS, outputRules } from '../../src/core/output';
import { ruleFormula } from '../../src/core/rules';
import { createExcelService } from '../../src/excel/service';
import type { CfState } from '../fakes/fake-excel';
import { outputIndex } from '../core/helpers';
import { hostFor, sampleWorkbook } from './helpers';

const SETTINGS = { version: 1 as const, history: true };

/** How many rules one output block carries today. */
const OWN = outputRules(0, 1, 1).length;

/** A rule as Excel reports it: where it applies and its formula. */
const shown = (c: CfState) => `${rangeToA1(c.box)} ${c.formula ?? ''}`;

function ours(formula: string | null): boolean {
  return formula !== null && /^=(\$[A-Z]+\d+="|LEN\()/.test(formula);
}

describe('our rules in Excel', () => {
  it('a rule Excel split into fragments is replaced, not duplicated', async () => {
    const { fake, sheet } = sampleWorkbook(40);
    const service = createExcelService(hostFor(fake));
    await service.refresh(SETTINGS);
    const before = fake.conditionalFormats(sheet).filter((c) => ours(c.formula));
    expect(before).toHaveLength(OWN);
    // Split the first two of our rules halfway down, as inserting rows there would.
    for (const k of [0, 2]) {
      const cf = fake.conditionalFormats(sheet)[k]!;
      fake.fragmentConditionalFormat(sheet, k, cf.box.row + Math.floor(cf.box.rowCount / 2));
    }
    expect(fake.conditionalFormats(sheet).filter((c) => ours(c.formula))).toHaveLength(OWN + 2);
    await service.refresh(SETTINGS);
    const after = fake.conditionalFormats(sheet).filter((c) => ours(c.formula));
    expect(after).toHaveLength(OWN);
    expect(after.map((c) => c.formula).sort()).toEqual(before.map((c) => c.formula).sort());
  });

  it("the file adapter's earlier CellValue rules are recognised; a user's rule is kept", async () => {
    const { fake, sheet } = sampleWorkbook(40);
    const service = createExcelService(hostFor(fake));
    await service.refresh(SETTINGS);
    const header = fake.values(sheet).findIndex((r) => r.includes('I&O Role'));
    const col = fake.values(sheet)[header]!.indexOf('I&O Role');
    const letter = String.fromCharCode(65 + col);
    const range = `${letter}${header + 2}:${letter}${header + 41}`;
    fake.addConditionalFormat(sheet, {
      type: 'CellValue',
      range,
      cellValue: { operator: 'EqualTo', formula1: '="Driver"' },
    });
    fake.addConditionalFormat(sheet, {
      type: 'Custom',
      range,
      formula: `=$${letter}${header + 2}="Watch"`,
    });
    const count = fake.conditionalFormats(sheet).length;
    await service.refresh(SETTINGS);
    const cfs = fake.conditionalFormats(sheet);
    expect(cfs).toHaveLength(count - 1);
    expect(cfs.some((c) => c.type === 'CellValue')).toBe(false);
    expect(cfs.some((c) => c.formula?.endsWith('="Watch"'))).toBe(true);
  });

  it.each(RULE_LAYOUTS.map((r) => [r.version, r] as const))(
    'rules left grouped as rule layout %i are replaced by today’s, once; a user’s rule is kept',
    async (_version, layout) => {
      const { fake, sheet } = sampleWorkbook(40);
      const service = createExcelService(hostFor(fake));
      await service.refresh(SETTINGS);
      const today = fake.conditionalFormats(sheet).map(shown).sort();
      expect(today).toHaveLength(OWN);
      // Where the block is: the role column's fills say (its first rule is a role fill).
      const role = fake
        .conditionalFormats(sheet)
        .find((c) => /="Bystander"$/.test(c.formula ?? ''))!.box;
      const firstCol = role.col - outputIndex('role');
      // The workbook as a refresh of that release left it, and a rule of the user's own.
      fake.sheet(sheet).conditionalFormats = [];
      for (const rule of outputRules(firstCol, role.row, role.rowCount, CURRENT_LAYOUT, layout)) {
        fake.addConditionalFormat(sheet, {
          type: 'Custom',
          range: rangeToA1(rule.range),
          formula: `=${ruleFormula(rule)}`,
        });
      }
      const user = rangeToA1({ ...role, colCount: 3 });
      const watch = `=$${user.replace(/\d.*$/, '')}${role.row + 1}="Watch"`;
      fake.addConditionalFormat(sheet, { type: 'Custom', range: user, formula: watch });
      await service.refresh(SETTINGS);
      const after = fake.conditionalFormats(sheet);
      expect(
        after
          .filter((c) => c.formula !== watch)
          .map(shown)
          .sort(),
      ).toEqual(today);
      expect(after.filter((c) => c.formula === watch)).toHaveLength(1);
      // Ours come first in priority (a refresh adds its rules at the top), fills before the tint.
      const tint = after.findIndex((c) => /^=LEN\(/.test(c.formula ?? ''));
      expect(after.slice(0, tint).every((c) => /="[A-Za-z]+"$/.test(c.formula ?? ''))).toBe(true);
      expect(after.slice(tint, OWN).every((c) => /^=LEN\(/.test(c.formula ?? ''))).toBe(true);
    },
  );
});
