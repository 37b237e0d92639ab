/**
 * A workbook whose rules a previous release grouped otherwise (RULE_LAYOUTS), refreshed in
 * Excel and then by the command line from the file Excel saved: each surface replaces the
 * earlier rules with today's grouping, once, and keeps the user's own rule over our columns.
 */

import { rangeToA1 } from '../../src/core/address';
import { RULE_LAYOUTS } from '../../src/core/output';
import { ruleFormula } from '../../src/core/rules';
import { createExcelService } from '../../src/excel/service';
import { generateSampleInventory } from '../../src/cli/sample';
import { createWorkbook, refreshFile } from '../../src/xlsx/index';
import { hostFor, NOW } from '../excel/helpers';
import { refreshedBy, rulesOf } from '../xlsx/earlier-rules';
import { fakeFromFile, fileFromFake } from './bridge';

const sample = generateSampleInventory({ rows: 40, seed: 11 });
const SHEET = sample.sheetName;

describe.each(RULE_LAYOUTS.map((l) => [l.version, l] as const))(
  'rules left grouped as rule layout %i',
  (_version, layout) => {
    it.each(['one element per rule', 'one element per range'] as const)(
      'saved %s: Excel, then the command line on the file Excel saved, each keep one set of today’s',
      async (saved) => {
        const input = createWorkbook([{ name: SHEET, values: sample.values }], NOW);
        const today = await refreshFile(input, 'in.xlsx', { history: true }, NOW);
        const want = today.outcome.plan.inventory.conditionalFormats.map(
          (r) => `${rangeToA1(r.range)} =${ruleFormula(r)}`,
        );
        const before = refreshedBy(today, layout, saved);

        const fake = fakeFromFile(before);
        await createExcelService(hostFor(fake)).refresh({ version: 1, history: true });
        const inExcel = fake
          .conditionalFormats(SHEET)
          .map((c) => `${rangeToA1(c.box)} ${c.formula}`);
        const watch = (line: string) => line.endsWith('="Watch"');
        expect(inExcel.filter((l) => !watch(l)).sort()).toEqual([...want].sort());
        expect(inExcel.filter(watch)).toHaveLength(1);

        const again = await refreshFile(fileFromFake(fake), 'saved.xlsx', { history: true }, NOW);
        const { rules } = rulesOf(again.bytes, SHEET);
        expect(
          rules
            .filter((l) => !watch(l))
            .map((l) => l.replace(' ', ' ='))
            .sort(),
        ).toEqual([...want].sort());
        expect(rules.filter(watch)).toHaveLength(1);
      },
    );
  },
);
