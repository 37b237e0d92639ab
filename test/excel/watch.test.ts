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

async function watch(fake: FakeExcel): Promise<{ seen: WorkbookChange[]; stop: () => void }> {
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

  it('says nothing once stopped', async () => {
    const fake = workbook('1.20');
    const { seen, stop } = await watch(fake);
    stop();
    fake.setProtected('Inventory', false);
    await settle();
    expect(seen).toEqual([]);
  });
});
