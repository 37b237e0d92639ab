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
      ]);
      expect(fake.sheetNames()).toEqual(['Mine']);
      expect(fake.dump('Mine')).toBe(before);
      expect(report.text.split('\n')).toHaveLength(7);
      expect(report.text).toContain('[pass] rules: ');
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
