/**
 * The ribbon's "Refresh roles" over the real Office.js adapter and the strict fake: success
 * shows the summary, failure shows the catalogue sentence, completed() is called on both.
 */

import { problem } from '../../src/core/messages';
import { SUMMARY_SHEET } from '../../src/core/domain';
import type { RoleMapService } from '../../src/core/service';
import { completeAfter, runRibbonRefresh } from '../../src/commands/ribbon';
import type { ErrorNotifier } from '../../src/commands/ribbon';
import { createExcelService } from '../../src/excel/service';
import { hostFor, sampleWorkbook } from '../excel/helpers';

function recorder(): { notifier: ErrorNotifier; shown: string[] } {
  const shown: string[] = [];
  return { shown, notifier: { showError: (m) => Promise.resolve(void shown.push(m)) } };
}

const SUPPORTED = { ok: true, requirement: 'ExcelApi 1.7' };

async function click(service: RoleMapService, notifier: ErrorNotifier, supported = SUPPORTED) {
  const event = { completed: jest.fn() };
  const result = await completeAfter(event, () => runRibbonRefresh(service, notifier, supported));
  return { result, completed: event.completed.mock.calls.length };
}

it('refreshes with the saved settings and shows the summary sheet', async () => {
  const { fake, sheet } = sampleWorkbook(20);
  fake.state.settings.set(
    'iotRoleMap.settings',
    JSON.stringify({ version: 1, sheet, history: false }),
  );
  const { notifier, shown } = recorder();
  const { result, completed } = await click(createExcelService(hostFor(fake)), notifier);
  expect(result).toMatchObject({ ok: true, total: expect.any(Number) as number });
  expect(shown).toEqual([]);
  expect(completed).toBe(1);
  expect(fake.activeSheetName).toBe(SUMMARY_SHEET);
  expect(fake.selectedAddress).toBe("'IoT Role Summary'!A1");
  expect(fake.hasSheet('IoT Role History')).toBe(false); // the saved option was honoured
});

it('detects the inventory when nothing was saved', async () => {
  const { fake } = sampleWorkbook(20);
  const { notifier, shown } = recorder();
  const { result } = await click(createExcelService(hostFor(fake)), notifier);
  expect(result.ok).toBe(true);
  expect(shown).toEqual([]);
});

it('shows the error sentence, writes nothing, and still completes', async () => {
  const { fake, sheet } = sampleWorkbook(20, { protected: true });
  const { notifier, shown } = recorder();
  const { result, completed } = await click(createExcelService(hostFor(fake)), notifier);
  const expected = problem('protected-sheet', { sheet }).message;
  expect(result).toEqual({ ok: false, message: expected });
  expect(shown).toEqual([expected]);
  expect(completed).toBe(1);
  expect(fake.hasSheet(SUMMARY_SHEET)).toBe(false);
});

it('completes even when the dialog cannot open', async () => {
  const { fake } = sampleWorkbook(5, { protected: true });
  const broken: ErrorNotifier = { showError: () => Promise.reject(new Error('12007')) };
  const { result, completed } = await click(createExcelService(hostFor(fake)), broken);
  expect(result.ok).toBe(false);
  expect(completed).toBe(1);
});

it('explains an Excel that is too old', async () => {
  const { fake } = sampleWorkbook(5);
  const { notifier, shown } = recorder();
  const { result, completed } = await click(createExcelService(hostFor(fake)), notifier, {
    ok: false,
    requirement: 'ExcelApi 1.7',
  });
  expect(result.ok).toBe(false);
  expect(shown[0]).toBe(problem('host-unsupported', { requirement: 'ExcelApi 1.7' }).message);
  expect(completed).toBe(1);
  expect(fake.syncCount).toBe(0);
});

it('completes when the work throws', async () => {
  const event = { completed: jest.fn() };
  await expect(completeAfter(event, () => Promise.reject(new Error('boom')))).rejects.toThrow(
    'boom',
  );
  expect(event.completed).toHaveBeenCalledTimes(1);
});
