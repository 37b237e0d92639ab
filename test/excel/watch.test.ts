/**
 * The workbook's worksheet events through RoleMapService.watchWorkbook (src/excel/watch.ts),
 * over the fake Excel, which raises them from the planner's actions where the requirement set
 * has them (onActivated 1.7, onChanged 1.9, onProtectionChanged 1.14, onNameChanged 1.17).
 */

import type { WorkbookChange } from '../../src/core/service';
import { createExcelService } from '../../src/excel/service';
import { FakeExcel } from '../fakes/fake-excel';
import { hostFor } from './helpers';

function workbook(api: string): FakeExcel {
  return new FakeExcel({
    sheets: [
      { name: 'Notes', values: [['Notes']] },
      {
        name: 'Inventory',
        values: [
          ['Initiative', 'Led By'],
          ['Fleet', 'IT'],
        ],
        protected: true,
      },
    ],
    supportedSets: { ExcelApi: api },
  });
}

/** Lets the fake's handlers (run after the change, as Excel's) and their name look-ups run. */
const settle = (): Promise<void> => new Promise((ok) => setTimeout(ok, 20));

async function watch(
  fake: FakeExcel,
): Promise<{ seen: WorkbookChange[]; stop: () => Promise<void> }> {
  const seen: WorkbookChange[] = [];
  const stop = await createExcelService(hostFor(fake)).watchWorkbook!((c) => seen.push(c));
  return { seen, stop };
}

describe('watchWorkbook', () => {
  it.each<[string, (f: FakeExcel) => void, WorkbookChange]>([
    [
      'unprotecting (onProtectionChanged, 1.14)',
      (f) => f.setProtected('Inventory', false),
      { kind: 'protection', sheet: 'Inventory', byThisAddin: null },
    ],
    [
      'typing in a cell (onChanged, 1.9; triggerSource from 1.14)',
      (f) => f.setCellValue('Inventory', 'A2', 'Fleet 2'),
      { kind: 'edited', sheet: 'Inventory', byThisAddin: false },
    ],
    [
      'renaming (onNameChanged, 1.17)',
      (f) => f.renameSheet('Inventory', 'East'),
      { kind: 'renamed', sheet: 'East', byThisAddin: null },
    ],
    [
      'clicking a tab (onActivated, 1.7)',
      (f) => f.activateSheet('Notes'),
      { kind: 'activated', sheet: 'Notes', byThisAddin: null },
    ],
  ])('reports %s at ExcelApi 1.20', async (_what, act, want) => {
    const fake = workbook('1.20');
    const { seen } = await watch(fake);
    act(fake);
    await settle();
    expect(seen).toEqual([want]);
  });

  it('registers only the events the requirement set has (1.8: activated, added, deleted)', async () => {
    const fake = workbook('1.8');
    const { seen } = await watch(fake);
    expect(
      (
        [
          'onActivated',
          'onAdded',
          'onDeleted',
          'onChanged',
          'onProtectionChanged',
          'onNameChanged',
        ] as const
      ).map((e) => fake.events.count(e)),
    ).toEqual([1, 1, 1, 0, 0, 0]);
    fake.setProtected('Inventory', false);
    fake.setCellValue('Inventory', 'A2', 'x');
    await settle();
    expect(seen).toEqual([]);
  });

  it('says nothing once stopped, even before the removal has reached Excel', async () => {
    const fake = workbook('1.20');
    const { seen, stop } = await watch(fake);
    const removed = stop();
    fake.setProtected('Inventory', false);
    await removed;
    await settle();
    expect(seen).toEqual([]);
  });

  // OfficeExtension.EventHandlerResult: "The same RequestContext object that the handler was
  // added in must be used when removing the handler" ("Work with Events using the Excel
  // JavaScript API", Remove an event handler).
  it.each([
    ['1.20', 6],
    ['1.9', 4],
  ])(
    'removes every handler it added at ExcelApi %s, in the context that added it',
    async (api, n) => {
      const fake = workbook(api);
      const { stop } = await watch(fake);
      expect(fake.events.total()).toBe(n);
      await stop();
      expect(fake.events.total()).toBe(0);
      // Stopping twice removes nothing twice.
      await stop();
      expect(fake.events.total()).toBe(0);
    },
  );

  it("keeps listening where the host cannot run in the handlers' context, but says nothing", async () => {
    const fake = workbook('1.20');
    const { runIn: _unused, ...host } = hostFor(fake);
    const seen: WorkbookChange[] = [];
    const stop = await createExcelService(host).watchWorkbook!((c) => seen.push(c));
    await stop();
    expect(fake.events.total()).toBe(6);
    fake.setProtected('Inventory', false);
    await settle();
    expect(seen).toEqual([]);
  });
});

describe("the fake's event handlers", () => {
  it('can be removed only in a batch of the context that added them', async () => {
    const fake = workbook('1.20');
    const result = await fake.run(async (context) => {
      const r = context.workbook.worksheets.onChanged.add(() => Promise.resolve());
      await context.sync();
      return r;
    });
    expect(fake.events.count('onChanged')).toBe(1);
    // Outside a batch of its context: that context has ended.
    expect(() => result.remove()).toThrow(
      expect.objectContaining({ code: 'InvalidObjectPath' }) as Error,
    );
    await fake.run(result.context as Excel.RequestContext, async (context) => {
      result.remove();
      // Removed at the sync, like every queued operation.
      expect(fake.events.count('onChanged')).toBe(1);
      await context.sync();
    });
    expect(fake.events.count('onChanged')).toBe(0);
  });
});
