/**
 * SPEC §6 through the Office.js adapter: every failure a user can cause is one clear
 * sentence, found before the first write, and leaves the workbook exactly as it was; a sync
 * that fails after writing began leaves the input intact and a re-run repairs the output.
 */

import { RoleMapError, problem } from '../../src/core/messages';
import { HISTORY_SHEET, SUMMARY_SHEET } from '../../src/core/domain';
import { toJsonReport } from '../../src/core/refresh';
import { excelSerial, HISTORY_COL, HISTORY_HEADERS } from '../../src/core/summary-sheet';
import type { RoleMapSettings } from '../../src/core/service';
import { RUN_STATE_KEY, parseRunState } from '../../src/core/run-state';
import { ALT_TEXT_SYNCS } from '../../src/excel/chart-alt';
import { createExcelService } from '../../src/excel/service';
import { FakeExcel } from '../fakes/fake-excel';
import { NOW, coreOutcome, hostFor, inputDump, sampleWorkbook, workbookDump } from './helpers';

const SETTINGS: RoleMapSettings = { version: 1, history: true };

async function failure(
  fake: FakeExcel,
  settings: RoleMapSettings = SETTINGS,
): Promise<RoleMapError> {
  const before = workbookDump(fake);
  const err = await createExcelService(hostFor(fake))
    .refresh(settings)
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(err).toBeInstanceOf(RoleMapError);
  // Nothing written: every sheet, cell, rule, chart and setting as it was.
  expect(workbookDump(fake)).toBe(before);
  return err as RoleMapError;
}

describe('refused before the first write', () => {
  it('a protected inventory sheet', async () => {
    const { fake, sheet } = sampleWorkbook(10, { protected: true });
    const err = await failure(fake);
    expect(err.code).toBe('protected-sheet');
    expect(err.message).toBe(problem('protected-sheet', { sheet }).message);
  });

  it("output columns blocked by the user's data, naming the column and cell", async () => {
    const { fake, sheet } = sampleWorkbook(10);
    // Column O is where "I&O Role" would go; the user typed something there.
    fake.setCellValue(sheet, 'O9', 'my note');
    const err = await failure(fake);
    expect(err.code).toBe('output-blocked');
    expect(err.message).toContain('Column O');
    expect(err.message).toContain('O9');
  });

  it('a saved sheet that was renamed or deleted', async () => {
    const { fake, sheet } = sampleWorkbook(10);
    fake.renameSheet(sheet, 'Portfolio 2027');
    const err = await failure(fake, { ...SETTINGS, sheet });
    expect(err.code).toBe('sheet-not-found');
    expect(err.message).toBe(problem('sheet-not-found', { sheet }).message);
  });

  it('an inventory with a header row and no initiatives', async () => {
    const fake = new FakeExcel({
      sheets: [{ name: 'Inventory', values: [['Initiative', 'Led By', 'Stage', 'I&O Pilot']] }],
    });
    const err = await failure(fake);
    expect(err.code).toBe('inventory-empty');
  });

  it('a workbook without any inventory', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Budget', values: [['Quarter', 'Amount']] }] });
    const err = await failure(fake);
    expect(err.code).toBe('no-inventory');
  });

  it('a protected history sheet (the refresh would have to append to it)', async () => {
    const { fake } = sampleWorkbook(10);
    await createExcelService(hostFor(fake)).refresh(SETTINGS);
    fake.setProtected(HISTORY_SHEET, true);
    const err = await failure(fake);
    expect(err).toMatchObject({ code: 'protected-sheet' });
    expect(err.message).toContain(HISTORY_SHEET);
  });
});

describe('a sync that fails during the refresh', () => {
  it('before its first operation: nothing is applied, and a re-run succeeds', async () => {
    const { fake, sheet, values } = sampleWorkbook(1_000);
    const before = workbookDump(fake);
    // Syncs: sheet list, used ranges, probes, one read chunk; the 5th is the first write batch.
    fake.failSync(5, 'GeneralException', 0);
    await expect(createExcelService(hostFor(fake)).refresh(SETTINGS)).rejects.toMatchObject({
      code: 'unexpected',
    });
    // The only change: the run state records that a refresh failed once writing began (the
    // batch was sent; whether any of it landed cannot be known), for the retry to recognise.
    const runState = fake.settings.get(RUN_STATE_KEY);
    expect(parseRunState(runState).failedWhileWriting).toEqual([NOW.getTime()]);
    fake.state.settings.delete(RUN_STATE_KEY);
    expect(workbookDump(fake)).toBe(before);
    fake.state.settings.set(RUN_STATE_KEY, runState);
    const outcome = await createExcelService(hostFor(fake)).refresh(SETTINGS);
    expect(toJsonReport(outcome)).toEqual(toJsonReport(coreOutcome(sheet, values)));
  });

  it('after some batches were applied: input intact, and a re-run repairs the output', async () => {
    const rows = 20_000;
    const reference = sampleWorkbook(rows);
    await createExcelService(hostFor(reference.fake)).refresh(SETTINGS);
    const total = reference.fake.syncCount;
    // The repaired workbook is refreshed over output it already carries: the reference is
    // refreshed twice too, so both summaries say what changed since the earlier output.
    await createExcelService(hostFor(reference.fake)).refresh(SETTINGS);

    const { fake, sheet } = sampleWorkbook(rows);
    const input = inputDump(fake, sheet, 14);
    fake.failSync(total); // the last write batch
    await expect(createExcelService(hostFor(fake)).refresh(SETTINGS)).rejects.toBeInstanceOf(
      RoleMapError,
    );
    expect(inputDump(fake, sheet, 14)).toBe(input);
    expect(fake.values(sheet)[2]).toContain('I&O Role'); // earlier batches did apply

    await createExcelService(hostFor(fake)).refresh(SETTINGS);
    expect(inputDump(fake, sheet, 14)).toBe(input);
    expect(fake.values(sheet)).toEqual(reference.fake.values(sheet));
    expect(fake.conditionalFormats(sheet)).toHaveLength(
      reference.fake.conditionalFormats(sheet).length,
    );
    // The same summary but for the brief's first sentence: the failed refresh never completed
    // (no history row), so the repaired one is the first on record; the reference's second is not.
    const afterBrief = (rows: unknown[][]) =>
      rows.slice(rows.findIndex((r) => r[0] === 'Role distribution'));
    expect(afterBrief(fake.values(SUMMARY_SHEET))).toEqual(
      afterBrief(reference.fake.values(SUMMARY_SHEET)),
    );
  }, 120_000);

  it('a sheet protected while the refresh ran: the protection sentence, input intact', async () => {
    const { fake, sheet } = sampleWorkbook(100);
    const input = inputDump(fake, sheet, 14);
    fake.failSync(5, 'AccessDenied');
    await expect(createExcelService(hostFor(fake)).refresh(SETTINGS)).rejects.toMatchObject({
      code: 'protected-sheet',
      message: problem('protected-sheet', { sheet }).message,
    });
    expect(inputDump(fake, sheet, 14)).toBe(input);
  });
});

describe('a refresh the user retries after it failed part-way', () => {
  /** Data rows of the history sheet (the header is row 1). */
  const historyRows = (fake: FakeExcel): number =>
    fake.hasSheet(HISTORY_SHEET)
      ? fake.values(HISTORY_SHEET).filter((row, i) => i > 0 && row.some((v) => v !== null)).length
      : 0;

  /** Operations in the k-th sync of a refresh, from the forced failure's own message. */
  async function operationsIn(k: number): Promise<number> {
    const { fake } = sampleWorkbook(20);
    fake.failSync(k, 'GeneralException', 0);
    const err = await createExcelService(hostFor(fake))
      .refresh(SETTINGS)
      .catch((e: unknown) => e);
    const match = /after 0 of (\d+) operations/.exec(String((err as RoleMapError).message));
    return Number(match![1]);
  }

  it('leaves exactly one history row, wherever in the last write batch it failed', async () => {
    const reference = sampleWorkbook(20);
    await createExcelService(hostFor(reference.fake)).refresh(SETTINGS);
    // One write batch for 20 rows: the last sync before the charts' alt text (chart-alt.ts).
    const last = reference.fake.syncCount - ALT_TEXT_SYNCS;
    const ops = await operationsIn(last);
    // `at` = ops: every operation ran and the sync still failed (its answer was lost).
    // The history sheet's steps are the batch's last operations: every one of them, and two
    // points earlier in the batch.
    const ats = [0, Math.floor(ops / 2), ...Array.from({ length: 41 }, (_, i) => ops - 40 + i)];
    for (const at of ats) {
      const { fake } = sampleWorkbook(20);
      const service = createExcelService(hostFor(fake));
      fake.failSync(last, 'GeneralException', at);
      await expect(service.refresh(SETTINGS)).rejects.toBeInstanceOf(RoleMapError);
      // At most the failed refresh's own row, when its values landed before the failure.
      expect([at, historyRows(fake) <= 1]).toEqual([at, true]);
      await service.refresh(SETTINGS);
      expect([at, historyRows(fake)]).toEqual([at, 1]);
      // The same row as an undisturbed refresh, up to "Changes": the retry counts those against
      // whatever output the failed attempt left on the sheet (see the session note).
      const upToChanges = (f: FakeExcel): unknown[][] =>
        f.values(HISTORY_SHEET).map((row) => row.slice(0, HISTORY_HEADERS.indexOf('Changes')));
      expect([at, upToChanges(fake)]).toEqual([at, upToChanges(reference.fake)]);
      // The refresh after the retry appends as usual.
      await service.refresh(SETTINGS);
      expect([at, historyRows(fake)]).toEqual([at, 2]);
    }
  }, 120_000);

  it('recognises the first failed refresh\u2019s row after a retry failed too', async () => {
    const { fake } = sampleWorkbook(20);
    let clock = new Date(Date.UTC(2026, 10, 25, 9, 0));
    const service = createExcelService({ ...hostFor(fake), now: () => clock });
    // The first refresh writes everything, then its last sync reports a failure.
    fake.failSync(5, 'GeneralException', 10_000);
    await expect(service.refresh(SETTINGS)).rejects.toBeInstanceOf(RoleMapError);
    expect(historyRows(fake)).toBe(1);
    // The retry fails at its first write, before its own row (after two reads of the change
    // log, where it finds the failed refresh's rows: core/log-retry.ts).
    clock = new Date(Date.UTC(2026, 10, 25, 9, 5));
    fake.failSync(8, 'GeneralException', 0);
    await expect(service.refresh(SETTINGS)).rejects.toBeInstanceOf(RoleMapError);
    clock = new Date(Date.UTC(2026, 10, 25, 9, 10));
    await service.refresh(SETTINGS);
    expect(historyRows(fake)).toBe(1);
    expect(fake.values(HISTORY_SHEET)[1]![0]).toBe(excelSerial(clock));
  });

  it('replaces only a row carrying the failed refresh\u2019s time, never an earlier one', async () => {
    const { fake } = sampleWorkbook(20);
    let clock = new Date(Date.UTC(2026, 10, 25, 9, 0));
    const service = createExcelService({ ...hostFor(fake), now: () => clock });
    await service.refresh(SETTINGS);
    const first = fake.values(HISTORY_SHEET)[1];
    // The next refresh fails before its history row (the first operation of its write batch).
    clock = new Date(Date.UTC(2026, 10, 25, 10, 0));
    fake.failSync(5, 'GeneralException', 1);
    await expect(service.refresh(SETTINGS)).rejects.toBeInstanceOf(RoleMapError);
    clock = new Date(Date.UTC(2026, 10, 25, 11, 0));
    await service.refresh(SETTINGS);
    expect(historyRows(fake)).toBe(2);
    // Kept, but for its "Day's last share": the retry is a later refresh of the same day.
    expect(fake.values(HISTORY_SHEET)[1]).toEqual(
      first!.map((v, col) => (col === HISTORY_COL.dayLast ? null : v)),
    );
  });
});
