/**
 * Filtering the inventory by role (src/excel/filter.ts) on the strict fake: the worksheet
 * AutoFilter the refresh left, a table's own column filter, the requirement-set guards, and the
 * failures a user can cause (protected sheet, no role column, a renamed sheet).
 */

import { OUTPUT_HEADERS } from '../../src/core/output';
import { RoleMapError, problem } from '../../src/core/messages';
import type { RoleOrUnclassified } from '../../src/core/domain';
import { createExcelService } from '../../src/excel/service';
import { FakeExcel } from '../fakes/fake-excel';
import { FILTER_TEXT } from '../../src/core/messages';
import { hostFor, sampleWorkbook } from './helpers';

/** The "I&O Role" cell of each visible data row. */
function visibleRoles(fake: FakeExcel, sheet: string, roleCol: number): string[] {
  const s = fake.sheet(sheet);
  const hidden = new Set(fake.hiddenRows(sheet));
  const used = s.usedBox()!;
  const header = roleCell(fake, sheet).row;
  const out: string[] = [];
  for (let r = header + 1; r < used.row + used.rowCount; r++) {
    if (!hidden.has(r) && s.getValue(r, roleCol) !== undefined)
      out.push(String(s.getValue(r, roleCol)));
  }
  return out;
}

/** The header row and column of "I&O Role". */
function roleCell(fake: FakeExcel, sheet: string): { row: number; col: number } {
  const s = fake.sheet(sheet);
  for (let r = 0; r < 20; r++) {
    for (let c = 0; c < 100; c++)
      if (s.getValue(r, c) === OUTPUT_HEADERS[0]) return { row: r, col: c };
  }
  throw new Error('no role column');
}

function roleColumn(fake: FakeExcel, sheet: string): number {
  return roleCell(fake, sheet).col;
}

async function refreshed(
  rows = 40,
  options: Parameters<typeof sampleWorkbook>[2] = {},
): Promise<{ fake: FakeExcel; sheet: string; service: ReturnType<typeof createExcelService> }> {
  const { fake, sheet } = sampleWorkbook(rows, {}, options);
  const service = createExcelService(hostFor(fake));
  await service.refresh({ version: 1, sheet, history: true });
  return { fake, sheet, service };
}

describe('filter the inventory by role', () => {
  it.each<RoleOrUnclassified>(['Driver', 'Operator', 'Bystander', 'Unclassified'])(
    'shows only the %s rows, on the AutoFilter the refresh added, in three syncs',
    async (role) => {
      const { fake, sheet, service } = await refreshed();
      const af = fake.sheet(sheet).autoFilter;
      expect(af).not.toBeNull();
      const col = roleColumn(fake, sheet);
      const all = visibleRoles(fake, sheet, col);
      fake.resetCounters();
      await service.filterByRole!(sheet, role);
      expect(fake.syncCount).toBe(3);
      const shown = visibleRoles(fake, sheet, col);
      expect(shown.every((r) => r === role)).toBe(true);
      expect(shown).toHaveLength(all.filter((r) => r === role).length);
      // The sheet's AutoFilter is kept: same range, one column's criteria.
      expect(fake.sheet(sheet).autoFilter).toEqual(af);
      expect(fake.sheet(sheet).autoFilterCriteria).toEqual({ [col - af!.col]: [role] });
    },
  );

  it('keeps the criteria the user set on other columns, and clears only the role', async () => {
    const { fake, sheet, service } = await refreshed();
    const s = fake.sheet(sheet);
    const first = String(s.getValue(roleCell(fake, sheet).row + 1, 0));
    s.autoFilterCriteria = { 0: [first] };
    await service.filterByRole!(sheet, 'Driver');
    const col = roleColumn(fake, sheet);
    expect(Object.keys(s.autoFilterCriteria).sort()).toEqual(['0', String(col)].sort());
    await service.filterByRole!(sheet, null);
    expect(s.autoFilterCriteria).toEqual({ 0: [first] });
    expect(fake.hiddenRows(sheet).length).toBeGreaterThan(0);
  });

  it('below ExcelApi 1.14 clearing the role keeps the other columns (clearCriteria, then applied again)', async () => {
    const { fake, sheet, service } = await refreshed(20, { supportedSets: { ExcelApi: '1.13' } });
    await service.filterByRole!(sheet, 'Driver');
    expect(fake.hiddenRows(sheet).length).toBeGreaterThan(0);
    await service.filterByRole!(sheet, null);
    expect(fake.hiddenRows(sheet)).toEqual([]);
    expect(fake.sheet(sheet).autoFilter).not.toBeNull();
    const s = fake.sheet(sheet);
    const first = String(s.getValue(roleCell(fake, sheet).row + 1, 0));
    s.autoFilterCriteria = { 0: [first] };
    await service.filterByRole!(sheet, 'Driver');
    await service.filterByRole!(sheet, null);
    expect(s.autoFilterCriteria).toEqual({ 0: [first] });
  });

  describe('the sort state ("clearCriteria clears the filter criteria and sort state")', () => {
    it('is kept by a refresh on ExcelApi 1.14 (filters set aside column by column), with no notice', async () => {
      const { fake, sheet, service } = await refreshed(20);
      const s = fake.sheet(sheet);
      const first = String(s.getValue(roleCell(fake, sheet).row + 1, 0));
      s.autoFilterCriteria = { 0: [first] };
      fake.setSortState(sheet);
      await expect(service.sortStateNotice!(sheet)).resolves.toBeNull();
      await service.refresh({ version: 1, sheet, history: true });
      expect(s.autoFilterCriteria).toEqual({ 0: [first] });
      expect(s.autoFilterSorted).toBe(true);
    });

    it('is lost below 1.14, and the pane is told so once, before', async () => {
      const { fake, sheet, service } = await refreshed(20, { supportedSets: { ExcelApi: '1.13' } });
      const s = fake.sheet(sheet);
      const first = String(s.getValue(roleCell(fake, sheet).row + 1, 0));
      s.autoFilterCriteria = { 0: [first] };
      fake.setSortState(sheet);
      await expect(service.sortStateNotice!(sheet)).resolves.toBe(FILTER_TEXT.sortState(sheet));
      await expect(service.sortStateNotice!(sheet)).resolves.toBeNull();
      await service.refresh({ version: 1, sheet, history: true });
      expect(s.autoFilterCriteria).toEqual({ 0: [first] });
      expect(s.autoFilterSorted).toBe(false);
    });
  });

  it('puts an AutoFilter over the whole block when the sheet has none (a sheet has only one)', async () => {
    const { fake, sheet, service } = await refreshed();
    fake.sheet(sheet).autoFilter = null;
    await service.filterByRole!(sheet, 'Implementer');
    const used = fake.sheet(sheet).usedBox()!;
    const header = roleCell(fake, sheet).row;
    const af = fake.sheet(sheet).autoFilter!;
    expect(af).toEqual({
      row: header,
      col: 0,
      rowCount: used.rowCount - header,
      colCount: used.colCount,
    });
    expect(
      visibleRoles(fake, sheet, roleColumn(fake, sheet)).every((r) => r === 'Implementer'),
    ).toBe(true);
    // Clearing removes the criteria, not the filter buttons.
    await service.filterByRole!(sheet, null);
    expect(fake.hiddenRows(sheet)).toEqual([]);
  });

  it("uses the table column's own filter when the inventory is an Excel table", async () => {
    const fake = new FakeExcel({
      sheets: [
        {
          name: 'Initiatives',
          values: [
            ['Initiative', 'Led By', 'I&O Pilot', 'I&O Implementation', 'I&O Operations'],
            ['Smart meters', 'IT', 'Leading', 'Responsible', 'Responsible'],
            ['Cold chain', 'Logistics', 'None', 'None', 'None'],
            ['Fleet', 'Operations', 'None', 'Responsible', 'Responsible'],
          ],
          tables: [{ name: 'Initiatives', range: 'A1:E4' }],
        },
      ],
      // Table filters are ExcelApi 1.2: offered even where the worksheet AutoFilter is not.
      supportedSets: { ExcelApi: '1.8' },
    });
    const service = createExcelService(hostFor(fake));
    expect(service.canFilterRoles!()).toBe(false);
    expect(service.canFilterRoles!(true)).toBe(true);
    await service.refresh({ version: 1, sheet: 'Initiatives', history: true });
    await service.filterByRole!('Initiatives', 'Bystander');
    const table = fake.tables('Initiatives')[0]!;
    expect(table.filters).toEqual({ 5: ['Bystander'] });
    expect(fake.sheet('Initiatives').autoFilter).toBeNull();
    expect(visibleRoles(fake, 'Initiatives', 5)).toEqual(['Bystander']);
    await service.filterByRole!('Initiatives', null);
    expect(table.filters).toEqual({});
  });

  it('is not offered below ExcelApi 1.9 on a plain range, and refuses without writing', async () => {
    const { fake, sheet, service } = await refreshed(10, { supportedSets: { ExcelApi: '1.8' } });
    expect(service.canFilterRoles!()).toBe(false);
    await expect(service.filterByRole!(sheet, 'Driver')).rejects.toThrow(
      problem('host-unsupported', { requirement: 'ExcelApi 1.9' }).message,
    );
    expect(fake.sheet(sheet).autoFilterCriteria).toEqual({});
  });

  it('says the sheet is protected before touching it', async () => {
    const { fake, sheet, service } = await refreshed(10);
    fake.setProtected(sheet, true);
    const err = await service.filterByRole!(sheet, 'Driver').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RoleMapError);
    expect((err as RoleMapError).code).toBe('filter-protected');
    expect(fake.sheet(sheet).autoFilterCriteria).toEqual({});
  });

  it('says there is no role column on a sheet never refreshed, and names a missing sheet', async () => {
    const { sheet, fake } = sampleWorkbook(10);
    const service = createExcelService(hostFor(fake));
    await expect(service.filterByRole!(sheet, 'Driver')).rejects.toMatchObject({
      code: 'no-role-column',
    });
    await expect(service.filterByRole!('Gone', 'Driver')).rejects.toMatchObject({
      code: 'sheet-not-found',
    });
  });
});

describe('the strict fake AutoFilter', () => {
  it('replaces the AutoFilter and its criteria when applied to another range, and refuses a protected sheet', async () => {
    const fake = new FakeExcel({
      sheets: [
        {
          name: 'S',
          values: [
            ['A', 'B'],
            ['x', '1'],
            ['y', '2'],
          ],
        },
      ],
    });
    await fake.run({}, async (context) => {
      const ws = context.workbook.worksheets.getItem('S');
      ws.autoFilter.apply('A1:B3', 0, { filterOn: 'Values', values: ['x'] });
      await context.sync();
      ws.autoFilter.apply('A1:B2', 1, { filterOn: 'Values', values: ['1'] });
      await context.sync();
    });
    expect(fake.sheet('S').autoFilter).toEqual({ row: 0, col: 0, rowCount: 2, colCount: 2 });
    expect(fake.sheet('S').autoFilterCriteria).toEqual({ 1: ['1'] });
    fake.setProtected('S', true);
    await expect(
      fake.run({}, async (context) => {
        context.workbook.worksheets.getItem('S').autoFilter.clearCriteria();
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  it('refuses a column index outside the range, other criteria than values, and clearColumnCriteria below 1.14', async () => {
    const fake = new FakeExcel({
      sheets: [{ name: 'S', values: [['A'], ['x']] }],
      supportedSets: { ExcelApi: '1.13' },
    });
    const attempt = (fn: (ws: Excel.Worksheet) => void): Promise<void> =>
      fake.run({}, async (context) => {
        fn(context.workbook.worksheets.getItem('S'));
        await context.sync();
      });
    await expect(
      attempt((ws) => ws.autoFilter.apply('A1:A2', 3, { filterOn: 'Values', values: ['x'] })),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(
      attempt((ws) => ws.autoFilter.apply('A1:A2', 0, { filterOn: 'TopItems', criterion1: '1' })),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(attempt((ws) => ws.autoFilter.clearColumnCriteria(0))).rejects.toMatchObject({
      code: 'ApiNotFound',
    });
  });
});

describe("a user's own filter, around a refresh (office-js #224)", () => {
  const SETTINGS = { version: 1 as const, history: true };

  /** A refreshed sample whose user then filtered "Stage" to Pilot on the sheet's AutoFilter. */
  async function filteredByHand(): Promise<Awaited<ReturnType<typeof refreshed>>> {
    const done = await refreshed(60);
    const s = done.fake.sheet(done.sheet);
    const af = s.autoFilter!;
    const header = roleCell(done.fake, done.sheet).row;
    let stage = -1;
    for (let c = af.col; c < af.col + af.colCount; c++)
      if (s.getValue(header, c) === 'Stage') stage = c;
    s.autoFilterCriteria = { [stage - af.col]: ['Pilot'] };
    return done;
  }

  it('sets the criteria aside, writes every row where it belongs, and puts them back', async () => {
    const reference = await refreshed(60);
    await createExcelService(hostFor(reference.fake)).refresh({
      ...SETTINGS,
      sheet: reference.sheet,
    });
    const { fake, sheet, service } = await filteredByHand();
    const criteria = fake.sheet(sheet).autoFilterCriteria;
    const hidden = fake.hiddenRows(sheet);
    expect(hidden.length).toBeGreaterThan(0);

    fake.resetCounters();
    await service.refresh({ ...SETTINGS, sheet });
    expect(fake.values(sheet)).toEqual(reference.fake.values(reference.sheet));
    // The planner's view is back: the same criteria, the same rows hidden.
    expect(fake.sheet(sheet).autoFilterCriteria).toEqual(criteria);
    expect(fake.hiddenRows(sheet)).toEqual(hidden);
    // Two more syncs than an unfiltered refresh: one to clear, one to apply again.
    const plain = await refreshed(60);
    plain.fake.resetCounters();
    await plain.service.refresh({ ...SETTINGS, sheet: plain.sheet });
    expect(fake.syncCount).toBe(plain.fake.syncCount + 2);
  });

  it('puts them back when the undo group gave way half-way and the refresh ran again', async () => {
    const reference = await refreshed(60);
    await createExcelService(hostFor(reference.fake)).refresh({
      ...SETTINGS,
      sheet: reference.sheet,
    });
    const { fake, sheet, service } = await filteredByHand();
    const criteria = fake.sheet(sheet).autoFilterCriteria;
    // Sheet list, used ranges, probes, one read chunk, the clear; the 6th sync writes.
    fake.failSync(6, 'UndoNotSupported');
    await service.refresh({ ...SETTINGS, sheet });
    expect(fake.runs.slice(-2).map((r) => r.mergeUndoGroup)).toEqual([true, false]);
    expect(fake.values(sheet)).toEqual(reference.fake.values(reference.sheet));
    expect(fake.sheet(sheet).autoFilterCriteria).toEqual(criteria);
  });

  it("sets a table's own filter aside and puts it back, by column name, as the table grows", async () => {
    const values = [
      ['Initiative', 'Led By', 'Stage', 'I&O Pilot', 'I&O Implementation', 'I&O Operations'],
      ['Smart meters', 'IT', 'Pilot', 'Leading', 'Responsible', 'Responsible'],
      ['Cold chain', 'Logistics', 'Idea', 'None', 'None', 'None'],
      ['Fleet', 'Operations', 'Pilot', 'None', 'Responsible', 'Responsible'],
      ['Kiosks', 'Marketing', 'Idea', 'None', 'None', 'None'],
      ['Badges', 'Facilities', 'Pilot', 'None', 'None', 'Responsible'],
    ];
    const workbook = () =>
      new FakeExcel({
        sheets: [{ name: 'Inv', values, tables: [{ name: 'Initiatives', range: 'A1:F6' }] }],
      });
    const reference = workbook();
    await createExcelService(hostFor(reference)).refresh({ ...SETTINGS, sheet: 'Inv' });
    const fake = workbook();
    const table = fake.tables('Inv')[0]!;
    table.filters = { 2: ['Pilot'] }; // the planner shows the pilots only
    expect(fake.hiddenRows('Inv')).toEqual([2, 4]);
    await createExcelService(hostFor(fake)).refresh({ ...SETTINGS, sheet: 'Inv' });
    expect(fake.values('Inv')).toEqual(reference.values('Inv'));
    expect(fake.tables('Inv')[0]!.filters).toEqual({ 2: ['Pilot'] });
    expect(fake.hiddenRows('Inv')).toEqual([2, 4]);
  });

  it('puts them back when a write fails, and the error is the refresh’s', async () => {
    const { fake, sheet, service } = await filteredByHand();
    const criteria = fake.sheet(sheet).autoFilterCriteria;
    fake.failSync(6, 'GeneralException', 0);
    await expect(service.refresh({ ...SETTINGS, sheet })).rejects.toMatchObject({
      code: 'unexpected',
    });
    expect(fake.sheet(sheet).autoFilterCriteria).toEqual(criteria);
  });
});
