/**
 * The self-test against the strict fake: the fake models the documented behaviours, so every
 * check passes there, the scratch sheet is gone afterwards, and hosts without the newer
 * requirement sets get the older mechanisms or a skipped check.
 */

import { SCRATCH_SHEET, runSelfTest } from '../../src/excel/selftest';
import { FakeExcel } from '../fakes/fake-excel';
import type { FakePlatform } from '../fakes/fake-excel';
import { hostFor } from './helpers';

function workbook(ExcelApi: string, platform: FakePlatform = 'web'): FakeExcel {
  return new FakeExcel({
    sheets: [{ name: 'Mine', values: [['Keep', 'me']] }],
    supportedSets: { ExcelApi },
    platform,
  });
}

describe('the self-test', () => {
  it.each(['web', 'windows', 'mac'] as const)(
    'passes every check on %s with ExcelApi 1.20, on a scratch sheet it removes',
    async (platform) => {
      const fake = workbook('1.20', platform);
      const before = fake.dump('Mine');
      const report = await runSelfTest(hostFor(fake));
      expect(report.results.map((r) => [r.id, r.status])).toEqual([
        ['text', 'pass'],
        ['partial', 'pass'],
        ['table-name', 'pass'],
        ['undo-group', 'pass'],
        ['rules', 'pass'],
        ['payload', 'pass'],
        ['sync-cost', 'info'],
        ['autofilter', 'pass'],
        ['sort-state', 'pass'],
        ['page-layout', 'pass'],
        ['chart-missing', 'pass'],
        ['chart-alt-text', 'info'],
        ['code-protected', 'pass'],
        ['code-undo', 'pass'],
        ['code-cell-edit', 'skipped'],
        ['countifs', 'pass'],
        ['settings', 'pass'],
        ['sheet-rules', 'pass'],
        ['ranges', 'pass'],
      ]);
      expect(fake.sheetNames()).toEqual(['Mine']);
      expect(fake.dump('Mine')).toBe(before);
      expect(report.summary).toBe('16 of 16 checks passed.');
      const lines = report.text.split('\n');
      expect(lines).toHaveLength(2 + report.results.length);
      expect(lines[0]).toBe(report.summary);
      expect(report.text).toContain(
        'Passed: Colour rules read back with their formulas — Custom =$A2="x"',
      );
      expect(report.text).toContain('unprotected in General, 12 of 12 were converted');
    },
    60_000,
  );

  it('records the web failure of mergeUndoGroup with delayForCellEdit (office-js #6711)', async () => {
    const report = await runSelfTest(hostFor(workbook('1.20', 'web')));
    expect(report.results.find((r) => r.id === 'undo-group')!.detail).toContain(
      'with delayForCellEdit too: GeneralException',
    );
    const desktop = await runSelfTest(hostFor(workbook('1.20', 'windows')));
    expect(desktop.results.find((r) => r.id === 'undo-group')!.detail).toContain(
      'with delayForCellEdit too: ok',
    );
  }, 60_000);

  it('uses the quote prefix and TableColumnCollection.add on an ExcelApi 1.9 host, and skips the undo group', async () => {
    const fake = workbook('1.9');
    const report = await runSelfTest(hostFor(fake));
    const byId = new Map(report.results.map((r) => [r.id, r]));
    expect(byId.get('text')).toMatchObject({ status: 'pass' });
    expect(byId.get('text')!.detail).toMatch(/^quoted:/);
    expect(byId.get('table-name')).toMatchObject({ status: 'pass' });
    expect(byId.get('table-name')!.detail).toContain('TableColumnCollection.add');
    // The fake's add shifts the cells right of the table, as Excel's insert does.
    expect(byId.get('table-name')!.detail).toContain('marker right of the table moved');
    expect(byId.get('undo-group')).toMatchObject({ status: 'skipped' });
    expect(fake.hasSheet(SCRATCH_SHEET)).toBe(false);
  }, 60_000);
});

describe('the report', () => {
  it('reports the cell-edit code when Excel is in cell-edit mode', async () => {
    const fake = workbook('1.20');
    fake.cellEditMode = true;
    const report = await runSelfTest(hostFor(fake));
    expect(report.results.find((r) => r.id === 'code-cell-edit')).toMatchObject({
      status: 'pass',
      detail: 'a change during cell edit failed with InvalidOperationInCellEditMode',
    });
  }, 60_000);

  it('leads with the failures and counts them, on a web build whose undo group fails (office-js #6711)', async () => {
    const fake = new FakeExcel({
      sheets: [{ name: 'Mine', values: [['Keep']] }],
      undoGroupFault: 'always',
    });
    const report = await runSelfTest(hostFor(fake));
    const failed = report.results.filter((r) => r.status === 'fail').map((r) => r.id);
    expect(failed).toEqual(['undo-group', 'code-undo']);
    expect(report.summary).toBe('14 of 16 checks passed, 2 failed.');
    const lines = report.text.split('\n');
    expect(lines[2]).toMatch(/^Failed: A refresh can be one undo step/);
    expect(lines[3]).toMatch(/^Failed: An action that cannot be undone/);
    expect(fake.hasSheet(SCRATCH_SHEET)).toBe(false);
  }, 60_000);

  it('skips what an ExcelApi 1.9 host lacks and says which set it needs', async () => {
    const report = await runSelfTest(hostFor(workbook('1.9')));
    const byId = new Map(report.results.map((r) => [r.id, r]));
    expect(byId.get('sort-state')).toMatchObject({
      status: 'skipped',
      detail: 'needs ExcelApi 1.14',
    });
    expect(byId.get('code-undo')).toMatchObject({
      status: 'skipped',
      detail: 'needs ExcelApi 1.20',
    });
    expect(byId.get('autofilter')).toMatchObject({ status: 'pass' });
    expect(report.text.split('\n')[1]).toBe(
      'IoT Role Map self-test on an Excel with ExcelApi 1.9.',
    );
  }, 60_000);
});
