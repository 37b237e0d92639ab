/**
 * The refresh, not the pane, handles the role filter the pane left on an inventory sheet
 * (office-js #224: values set over a filtered range land in the wrong rows). The Excel adapter
 * reports the filter's criteria, the core decides (core/user-filter.ts: a values filter is set
 * aside and put back), the adapter clears it, writes and applies it again: every row gets its
 * own output, and the sheet shows the chosen role's rows by the roles just written.
 */

import { toA1 } from '../../src/core/address';
import { OUTPUT_HEADERS } from '../../src/core/output';
import type { RoleOrUnclassified } from '../../src/core/domain';
import { createExcelService } from '../../src/excel/service';
import type { FakeExcel } from '../fakes/fake-excel';
import { hostFor, sampleWorkbook } from '../excel/helpers';

const SETTINGS = { version: 1 as const, history: true };

/** The header row and the column of a header on the inventory sheet. */
function cellOf(fake: FakeExcel, sheet: string, header: string): { row: number; col: number } {
  const values = fake.values(sheet);
  for (let r = 0; r < Math.min(20, values.length); r++) {
    const c = values[r]!.indexOf(header);
    if (c !== -1) return { row: r, col: c };
  }
  throw new Error(`no "${header}" header on ${sheet}`);
}

/** The "I&O Role" of every data row, and of the rows the sheet shows. */
function roles(fake: FakeExcel, sheet: string): { all: string[]; shown: string[] } {
  const { row, col } = cellOf(fake, sheet, OUTPUT_HEADERS[0]);
  const hidden = new Set(fake.hiddenRows(sheet));
  const all: string[] = [];
  const shown: string[] = [];
  fake.values(sheet).forEach((r, i) => {
    const role = r[col];
    if (i <= row || typeof role !== 'string' || role === '') return;
    all.push(role);
    if (!hidden.has(i)) shown.push(role);
  });
  return { all, shown };
}

/** A refreshed sample, filtered to `filter` by the pane, whose first IT-led row is then led by Marketing. */
async function refreshedThenEdited(
  filter: RoleOrUnclassified | null,
): Promise<{ fake: FakeExcel; sheet: string; edited: number }> {
  const { fake, sheet } = sampleWorkbook(60);
  const service = createExcelService(hostFor(fake));
  await service.refresh({ ...SETTINGS, sheet });
  if (filter !== null) await service.filterByRole!(sheet, filter);
  // An input edit that changes roles: an initiative led by I&O is now led by Marketing.
  const led = cellOf(fake, sheet, 'Led By');
  const values = fake.values(sheet);
  const edited = values.findIndex((r, i) => i > led.row && r[led.col] === 'IT');
  expect(edited).toBeGreaterThan(led.row);
  fake.setCellValue(sheet, toA1(edited, led.col), 'Marketing');
  return { fake, sheet, edited };
}

describe('a role filter left by the pane, around a refresh', () => {
  it.each<RoleOrUnclassified>(['Driver', 'Bystander'])(
    'filtered to %s: rows written where they belong, the filter back on the new roles',
    async (role) => {
      const reference = await refreshedThenEdited(null);
      await createExcelService(hostFor(reference.fake)).refresh({
        ...SETTINGS,
        sheet: reference.sheet,
      });
      const { fake, sheet } = await refreshedThenEdited(role);
      const before = fake.sheet(sheet).autoFilterCriteria;
      expect(Object.values(before)).toEqual([[role]]);

      // The refresh alone: no "show all" first.
      await createExcelService(hostFor(fake)).refresh({ ...SETTINGS, sheet });

      // Every cell is what an unfiltered refresh of the same edit writes (office-js #224).
      expect(fake.values(sheet)).toEqual(reference.fake.values(reference.sheet));
      // The same criteria are back, applied to the roles just written.
      expect(fake.sheet(sheet).autoFilterCriteria).toEqual(before);
      const { all, shown } = roles(fake, sheet);
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.every((r) => r === role)).toBe(true);
      expect(shown).toHaveLength(all.filter((r) => r === role).length);
    },
  );
});
