/**
 * Our conditional formats in Excel, recognised by the core's one predicate however Excel
 * reports them back: split into fragments by inserted or copied rows (each fragment's formula
 * relative to its own top-left cell), or as CellValue rules the file adapter once wrote.
 * A re-run keeps exactly one set; the user's own rules over our columns are kept.
 */

import { createExcelService } from '../../src/excel/service';
import { hostFor, sampleWorkbook } from './helpers';

const SETTINGS = { version: 1 as const, history: true };

function ours(formula: string | null): boolean {
  return formula !== null && /^=(\$[A-Z]+\d+="|LEN\()/.test(formula);
}

describe('our rules in Excel', () => {
  it('a rule Excel split into fragments is replaced, not duplicated', async () => {
    const { fake, sheet } = sampleWorkbook(40);
    const service = createExcelService(hostFor(fake));
    await service.refresh(SETTINGS);
    const before = fake.conditionalFormats(sheet).filter((c) => ours(c.formula));
    expect(before).toHaveLength(7);
    // Split the first two of our rules halfway down, as inserting rows there would.
    for (const k of [0, 2]) {
      const cf = fake.conditionalFormats(sheet)[k]!;
      fake.fragmentConditionalFormat(sheet, k, cf.box.row + Math.floor(cf.box.rowCount / 2));
    }
    expect(fake.conditionalFormats(sheet).filter((c) => ours(c.formula))).toHaveLength(9);
    await service.refresh(SETTINGS);
    const after = fake.conditionalFormats(sheet).filter((c) => ours(c.formula));
    expect(after).toHaveLength(7);
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
});
