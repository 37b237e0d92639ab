/**
 * The ribbon within Office's limits, on the fake's clock: a function command is closed "when
 * either the function completes or 5 minutes have passed" (learn.microsoft.com, "Add-in
 * commands"); a refresh the core judges too large is handed to the pane instead of being cut
 * mid-batch. Also: the dialog API is checked before use (DialogApi 1.1, "Dialog API
 * requirement sets"), and a failed refresh's retry state survives between clicks (a click
 * gets a new page, hence a new service, each time).
 */

import { problem } from '../../src/core/messages';
import { HISTORY_SHEET, SUMMARY_SHEET } from '../../src/core/domain';
import { RUN_STATE_KEY, parseRunState } from '../../src/core/run-state';
import {
  FULL_SYNC_BYTES,
  estimatedMs,
  ribbonDecision,
  refreshSizeOf,
  RIBBON_LIMIT_MS,
} from '../../src/core/ribbon-budget';
import { completeAfter, runRibbonRefresh } from '../../src/commands/ribbon';
import type { ErrorNotifier } from '../../src/commands/ribbon';
import type { ExcelHost } from '../../src/excel/host';
import { ribbonNotifier } from '../../src/excel/notice';
import { createExcelService } from '../../src/excel/service';
import { COMMAND_LIMIT_MS, FakeExcel } from '../fakes/fake-excel';
import { sampleWorkbook } from '../excel/helpers';

/** A slow web: a second a round trip, six a megabyte (the fake's clock). */
const SLOW = { msPerSync: 1_000, msPerMegabyte: 6_000 };
/** The same cost as the ribbon's core measures it: per round trip and per full sync. */
const MEASURED = { msPerSync: 1_000, msPerFullSync: (6_000 * FULL_SYNC_BYTES) / 1_000_000 };
const SUPPORTED = { ok: true, requirement: 'ExcelApi 1.7' };

function clockHost(fake: FakeExcel): ExcelHost {
  return {
    run: (o, b) => fake.run(o, b),
    isSetSupported: (n, v) => fake.isSetSupported(n, v),
    now: () => fake.now(),
  };
}

function recorder(): { notifier: ErrorNotifier; shown: string[] } {
  const shown: string[] = [];
  return { shown, notifier: { showError: (m) => Promise.resolve(void shown.push(m)) } };
}

/** One click of "Refresh roles": a new service, inside a function command on the fake. */
async function click(fake: FakeExcel, notifier: ErrorNotifier) {
  const event = fake.startCommand();
  const result = await completeAfter(event, () =>
    runRibbonRefresh(createExcelService(clockHost(fake)), notifier, SUPPORTED, {
      cost: MEASURED,
    }),
  );
  return { result, completed: event.isCompleted };
}

describe("the fake's clock enforces the five-minute limit", () => {
  it('a large refresh run inside a command without the check is cut mid-batch', async () => {
    const { fake, sheet } = sampleWorkbook(80_000, {}, { syncCost: SLOW });
    const event = fake.startCommand();
    const service = createExcelService(clockHost(fake));
    await expect(service.refresh({ version: 1, history: true })).rejects.toMatchObject({
      message: expect.stringContaining('FakeCommandClosed') as string,
    });
    expect(event.isCompleted).toBe(false);
    expect(fake.commandClosed).toBe(true);
    // What the issue saw on the web: output begun, no history row.
    expect(fake.values(sheet)[2]).toContain('I&O Role');
    expect(fake.hasSheet(HISTORY_SHEET)).toBe(false);
  }, 120_000);
});

describe('Refresh roles on the ribbon', () => {
  it('hands a refresh the core judges too large to the pane, saying why, and writes nothing', async () => {
    const { fake, sheet } = sampleWorkbook(80_000, {}, { syncCost: SLOW });
    const before = fake.dump(sheet);
    const { notifier, shown } = recorder();
    const { result, completed } = await click(fake, notifier);
    const rows = (await createExcelService(clockHost(fake)).listSheets()).find(
      (s) => s.name === sheet,
    )!.initiatives!;
    const expected = problem('ribbon-too-large', { rows, sheets: 1 }).message;
    expect(result).toEqual({ ok: false, message: expected });
    expect(shown).toEqual([expected]);
    expect(completed).toBe(true);
    expect(fake.commandClosed).toBe(false);
    expect(fake.dump(sheet)).toBe(before);
    expect(fake.hasSheet(SUMMARY_SHEET)).toBe(false);
  }, 120_000);

  it('runs a refresh below the budget as before, within the limit on the clock', async () => {
    const { fake } = sampleWorkbook(20_000, {}, { syncCost: SLOW });
    const start = fake.clockMs;
    const { notifier, shown } = recorder();
    const { result, completed } = await click(fake, notifier);
    expect(result.ok).toBe(true);
    expect(shown).toEqual([]);
    expect(completed).toBe(true);
    expect(fake.clockMs - start).toBeLessThan(COMMAND_LIMIT_MS);
    expect(fake.hasSheet(HISTORY_SHEET)).toBe(true);
  }, 120_000);

  it('keeps the retry state between clicks: a failed click and its retry leave one history row', async () => {
    const historyRows = (fake: FakeExcel): number =>
      fake.values(HISTORY_SHEET).filter((row, i) => i > 0 && row.some((v) => v !== null)).length;
    const reference = sampleWorkbook(20);
    await click(reference.fake, recorder().notifier);
    // The refresh's last sync: selecting the summary afterwards takes two more.
    const last = reference.fake.syncCount - 2;

    const { fake } = sampleWorkbook(20);
    // Every operation of the last write batch ran (the history row landed), then it failed.
    fake.failSync(last, 'GeneralException', 100_000);
    const first = await click(fake, recorder().notifier);
    expect(first.result.ok).toBe(false);
    expect(historyRows(fake)).toBe(1);
    expect(parseRunState(fake.settings.get(RUN_STATE_KEY)).failedWhileWriting).toHaveLength(1);
    // A later click, a new page and service: the run state says it is the retry.
    fake.clockMs += 60_000;
    const second = await click(fake, recorder().notifier);
    expect(second.result.ok).toBe(true);
    expect(historyRows(fake)).toBe(1);
    expect(parseRunState(fake.settings.get(RUN_STATE_KEY)).failedWhileWriting).toEqual([]);
    // And the click after that appends as usual.
    fake.clockMs += 60_000;
    await click(fake, recorder().notifier);
    expect(historyRows(fake)).toBe(2);
  });
});

describe('the dialog API is checked before use (DialogApi 1.1)', () => {
  it('without it, the sentence waits in the workbook and the pane shows it once', async () => {
    const { fake, sheet } = sampleWorkbook(20, { protected: true });
    const host = clockHost(fake); // the fake reports no DialogApi
    expect(host.isSetSupported('DialogApi', '1.1')).toBe(false);
    const dialog = jest.fn();
    const notifier = ribbonNotifier(host, dialog);
    const event = fake.startCommand();
    const result = await completeAfter(event, () =>
      runRibbonRefresh(createExcelService(host), notifier, SUPPORTED),
    );
    expect(dialog).not.toHaveBeenCalled();
    const expected = problem('protected-sheet', { sheet }).message;
    expect(result).toEqual({ ok: false, message: expected });
    const pane = createExcelService(host);
    await expect(pane.takeNotice!()).resolves.toBe(expected);
    await expect(pane.takeNotice!()).resolves.toBeNull();
  });

  it('with it, the dialog is used', () => {
    const fake = new FakeExcel({
      sheets: [{ name: 'S' }],
      supportedSets: { ExcelApi: '1.20', DialogApi: '1.1' },
    });
    const dialog = { showError: () => Promise.resolve() };
    expect(ribbonNotifier(clockHost(fake), () => dialog)).toBe(dialog);
  });
});

describe("the core's budget (ribbon-budget.ts)", () => {
  it.each([
    [[100], 'ribbon'],
    [[20_000], 'ribbon'],
    [[20_000, 20_000], 'ribbon'],
    [[100, 100, 100, 100, 100], 'ribbon'],
    [[80_000], 'pane'],
    [[40_000, 40_000], 'pane'],
    [[1_048_000], 'pane'],
  ])('initiatives per sheet %j: %s', (rowsPerSheet, kind) => {
    const decision = ribbonDecision({ rowsPerSheet });
    expect(decision.kind).toBe(kind);
    expect(decision.estimatedMs <= RIBBON_LIMIT_MS / 2).toBe(kind === 'ribbon');
  });

  it('grows with rows and with sheets', () => {
    expect(estimatedMs({ rowsPerSheet: [20_000] })).toBeGreaterThan(
      estimatedMs({ rowsPerSheet: [10_000] }),
    );
    expect(estimatedMs({ rowsPerSheet: [5_000, 5_000] })).toBeGreaterThan(
      estimatedMs({ rowsPerSheet: [10_000] }),
    );
  });

  it('sizes the saved sheets, else the sheet detection would pick', () => {
    const sheets = [
      { name: 'Notes', recognised: 0, isActive: true },
      { name: 'A', recognised: 6, isActive: false, initiatives: 900 },
      { name: 'B', recognised: 8, isActive: false, initiatives: 40 },
    ];
    expect(refreshSizeOf({ sheets: ['A', 'B'] }, sheets)).toEqual({ rowsPerSheet: [900, 40] });
    expect(refreshSizeOf({ sheet: 'A' }, sheets)).toEqual({ rowsPerSheet: [900] });
    expect(refreshSizeOf({}, sheets)).toEqual({ rowsPerSheet: [40] });
  });
});
