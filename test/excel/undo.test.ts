/**
 * The undo group's fallbacks (src/excel/undo.ts) against the fake's web faults: a grouped run
 * that fails before its first write is run again without the group, whatever the error
 * (office-js #6711: an unspecified RichApi.Error from mergeUndoGroup alone; office-js #6255: an
 * internal error from the third grouped run on); once writing has begun, the service's retry
 * path takes over.
 */

import { toJsonReport } from '../../src/core/refresh';
import { RoleMapError } from '../../src/core/messages';
import { RUN_STATE_KEY, parseRunState } from '../../src/core/run-state';
import { createExcelService } from '../../src/excel/service';
import { fallsBack, runUndoable } from '../../src/excel/undo';
import { FakeOfficeError } from '../fakes/fake-excel';
import { NOW, coreOutcome, hostFor, inputDump, sampleWorkbook } from './helpers';

const SETTINGS = { version: 1 as const, history: true };

describe('a grouped refresh on a web build whose mergeUndoGroup fails (office-js #6711)', () => {
  it.each([['GeneralException'], ['InternalFailure'], [null]])(
    'falls back to an ungrouped run when the error carries code %p',
    async (code) => {
      const { fake, sheet, values } = sampleWorkbook(
        100,
        {},
        {
          undoGroupFault: 'always',
          undoGroupFaultCode: code,
        },
      );
      const outcome = await createExcelService(hostFor(fake)).refresh(SETTINGS);
      expect(toJsonReport(outcome)).toEqual(toJsonReport(coreOutcome(sheet, values)));
      expect(fake.runs).toEqual([
        { mergeUndoGroup: true, delayForCellEdit: false },
        { mergeUndoGroup: false, delayForCellEdit: true },
      ]);
    },
  );

  it('says which error it fell back on', async () => {
    const { fake } = sampleWorkbook(10, {}, { undoGroupFault: 'always' });
    const read = async (context: Excel.RequestContext): Promise<string> => {
      context.workbook.worksheets.getItem('Notes').getRange('A1').load('values');
      await context.sync();
      return 'read';
    };
    const run = await runUndoable(hostFor(fake), read, () => false);
    expect(run).toEqual({ result: 'read', grouped: false, fellBackOn: 'GeneralException' });
  });
});

describe('repeated grouped runs on the web (office-js #6255)', () => {
  it('the third refresh falls back and gives the same workbook as the second', async () => {
    const { fake, sheet } = sampleWorkbook(50, {}, { undoGroupFault: 'repeated' });
    const service = createExcelService(hostFor(fake));
    await service.refresh(SETTINGS);
    await service.refresh(SETTINGS);
    const afterTwo = fake.values(sheet);
    fake.resetCounters();
    await service.refresh(SETTINGS);
    expect(fake.runs.map((r) => r.mergeUndoGroup)).toEqual([true, false]);
    expect(fake.values(sheet)).toEqual(afterTwo);
  });
});

describe('once writing has begun', () => {
  it('an unlisted error is not retried here: it reaches the user, and the next refresh is its retry', async () => {
    const { fake, sheet } = sampleWorkbook(20);
    const input = inputDump(fake, sheet, 14);
    // Syncs of a 20-row refresh: sheet list, used ranges, probes, one read; the 5th writes.
    fake.failSync(5, 'GeneralException', 1);
    const service = createExcelService(hostFor(fake));
    await expect(service.refresh(SETTINGS)).rejects.toBeInstanceOf(RoleMapError);
    // The grouped run, then one plain run that records the failure in the workbook.
    expect(fake.runs.map((r) => r.mergeUndoGroup)).toEqual([true, false]);
    expect(parseRunState(fake.settings.get(RUN_STATE_KEY)).failedWhileWriting).toEqual([
      NOW.getTime(),
    ]);
    expect(inputDump(fake, sheet, 14)).toBe(input);
    await service.refresh(SETTINGS);
    expect(inputDump(fake, sheet, 14)).toBe(input);
    expect(parseRunState(fake.settings.get(RUN_STATE_KEY)).failedWhileWriting).toEqual([]);
  });

  it.each([
    // Before the first write: any Office error, coded or not.
    [new FakeOfficeError('GeneralException', 'x'), false, true],
    [new Error('RichApi.Error'), false, true],
    // The core's own refusal would only be reached again.
    [new RoleMapError('no-inventory', 'No inventory.'), false, false],
    // After: only what the group itself causes.
    [new FakeOfficeError('UndoNotSupported', 'x'), true, true],
    [new FakeOfficeError('InvalidOperationInCellEditMode', 'x'), true, true],
    [new FakeOfficeError('GeneralException', 'x'), true, false],
    [new Error('RichApi.Error'), true, false],
  ])('fallsBack(%s, wrote %p) is %p', (err, wrote, expected) => {
    expect(fallsBack(err, wrote)).toBe(expected);
  });
});
