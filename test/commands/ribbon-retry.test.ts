/**
 * "Refresh roles" clicked again after a refresh failed part-way (Excel is not transactional
 * across syncs): the change log lists that refresh's changes once, wherever in its write batch
 * the failed attempt stopped (core/log-retry.ts). Each click gets a new service, as on the
 * ribbon (src/commands/commands.ts): what failed is known from the run state in the workbook.
 */

import { CHANGES_SHEET } from '../../src/core/domain';
import type { RoleMapService } from '../../src/core/service';
import { completeAfter, runRibbonRefresh } from '../../src/commands/ribbon';
import { ALT_TEXT_SYNCS } from '../../src/excel/chart-alt';
import { createExcelService } from '../../src/excel/service';
import type { FakeExcel } from '../fakes/fake-excel';
import { hostFor, sampleWorkbook } from '../excel/helpers';

const SUPPORTED = { ok: true, requirement: 'ExcelApi 1.7' };
const FIRST = new Date(Date.UTC(2026, 10, 2, 9, 0));
const FAILED = new Date(Date.UTC(2026, 10, 25, 9, 0));
const RETRY = new Date(Date.UTC(2026, 10, 25, 9, 5));

/** A workbook refreshed once, then edited: a stage move (row 4) and a new lead (row 5). */
async function editedAfterOneRefresh(): Promise<{ fake: FakeExcel; sheet: string }> {
  const { fake, sheet } = sampleWorkbook(20);
  await clickAt(fake, FIRST);
  fake.setCellValue(sheet, 'E4', 'Pilot');
  fake.setCellValue(sheet, 'D5', 'IT');
  return { fake, sheet };
}

/** One ribbon click at `at`, with a new service; the syncs its refresh took end at `end.syncs`. */
async function clickAt(fake: FakeExcel, at: Date, end: { syncs: number } = { syncs: 0 }) {
  const service = createExcelService({ ...hostFor(fake), now: () => at });
  const timed: RoleMapService = {
    ...service,
    refresh: async (settings, onProgress) => {
      const outcome = await service.refresh(settings, onProgress);
      end.syncs = fake.syncCount;
      return outcome;
    },
  };
  return completeAfter({ completed: () => undefined }, () =>
    runRibbonRefresh(timed, { showError: () => Promise.resolve() }, SUPPORTED),
  );
}

/** The change log's rows below the header, without the "Refreshed" time. */
const logRows = (fake: FakeExcel) =>
  fake
    .values(CHANGES_SHEET)
    .slice(1)
    .filter((r) => r.some((v) => v !== null))
    .map((r) => r.slice(1));

describe('a ribbon retry after a refresh failed part-way', () => {
  let reference: unknown[][];
  let batch: number;
  let ops: number;

  beforeAll(async () => {
    // Undisturbed: the log after the edited workbook's refresh, and which sync wrote it.
    const { fake } = await editedAfterOneRefresh();
    fake.resetCounters();
    const end = { syncs: 0 };
    expect((await clickAt(fake, RETRY, end)).ok).toBe(true);
    reference = logRows(fake);
    // The one write batch of 20 rows: the last sync of the refresh before the alt text's.
    batch = end.syncs - ALT_TEXT_SYNCS;
    // Its operations, from the forced failure's own message (the sentence the ribbon shows).
    const probe = await editedAfterOneRefresh();
    probe.fake.resetCounters();
    probe.fake.failSync(batch, 'GeneralException', 0);
    const failed = await clickAt(probe.fake, FAILED);
    ops = Number(/after 0 of (\d+) operations/.exec(failed.ok ? '' : failed.message)?.[1]);
    expect(ops).toBeGreaterThan(60);
  });

  it('the reference logs the first refresh and the two changes', () => {
    expect(reference.length).toBeGreaterThanOrEqual(3);
    expect(reference.map((r) => r[3])).toEqual(
      expect.arrayContaining(['First refresh', 'Stage moved', 'Role changed']) as unknown,
    );
  });

  it('logs the refresh once, wherever the failed attempt stopped', async () => {
    // Every operation of the batch's end (the log, the snapshot, the history row) and two
    // points earlier; `ops`: all of it ran and the answer was lost.
    const ats = [0, Math.floor(ops / 2), ...Array.from({ length: 61 }, (_, i) => ops - 60 + i)];
    for (const at of ats) {
      const { fake } = await editedAfterOneRefresh();
      fake.resetCounters();
      fake.failSync(batch, 'GeneralException', at);
      expect([at, (await clickAt(fake, FAILED)).ok]).toEqual([at, false]);
      expect([at, (await clickAt(fake, RETRY)).ok]).toEqual([at, true]);
      expect([at, logRows(fake)]).toEqual([at, reference]);
    }
  }, 300_000);
});
