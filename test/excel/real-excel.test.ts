/**
 * Excel as the documentation describes it (issue 9), through the adapter against the strict
 * fake: second refreshes on every platform and requirement level, the fallback without the
 * undo group, tables that grow without moving a user's cell, Excel's own column names,
 * half-applied batches repaired by the next refresh, wide sheets, and payload splitting.
 */

import { HISTORY_SHEET, SUMMARY_SHEET } from '../../src/core/domain';
import { toJsonReport } from '../../src/core/refresh';
import type { RoleMapSettings } from '../../src/core/service';
import { createExcelService } from '../../src/excel/service';
import { applySteps } from '../../src/excel/write';
import type { WriteStep } from '../../src/excel/payload';
import { FakeExcel, PAYLOAD_LIMIT_BYTES } from '../fakes/fake-excel';
import type { FakeExcelOptions, FakePlatform } from '../fakes/fake-excel';
import { coreOutcome, hostFor, inputDump, sampleWorkbook } from './helpers';

const SETTINGS: RoleMapSettings = { version: 1, history: true };

/** Everything a refresh owns, to compare a repaired workbook with a clean one. */
function owned(fake: FakeExcel, sheet: string, withChanges = true): unknown {
  return {
    inventory: fake.values(sheet),
    rules: fake.conditionalFormats(sheet).map((c) => [c.type, c.formula, c.box, c.fill]),
    summary: withChanges ? fake.values(SUMMARY_SHEET) : withoutChanges(fake.values(SUMMARY_SHEET)),
    summaryRules: fake.conditionalFormats(SUMMARY_SHEET).length,
    charts: fake.charts(SUMMARY_SHEET).length,
    sheets: fake.sheetNames(),
  };
}

/**
 * The summary without its "Changes since the last refresh" section: a refresh after a failed
 * one compares with the output the failed one left, so that section differs by design.
 */
function withoutChanges(rows: unknown[][]): unknown[][] {
  const start = rows.findIndex((r) => r[0] === 'Changes since the last refresh');
  if (start === -1) return rows;
  let end = start + 1;
  while (end < rows.length && rows[end]!.some((v) => v !== null && v !== '')) end++;
  return [...rows.slice(0, start), ...rows.slice(end)];
}

describe('two refreshes in a row', () => {
  const hosts: [FakePlatform, string][] = [
    ['web', '1.20'],
    ['windows', '1.20'],
    ['mac', '1.20'],
    ['web', '1.16'],
    ['windows', '1.13'],
    ['web', '1.9'],
  ];
  it.each(hosts)(
    'on %s with ExcelApi %s: never a failure, one undo step each where supported',
    async (platform, api) => {
      const { fake, sheet } = sampleWorkbook(
        50,
        {},
        { platform, supportedSets: { ExcelApi: api } },
      );
      const service = createExcelService(hostFor(fake));
      const order = (): string[] => fake.sheetNames();
      await service.refresh(SETTINGS);
      // The second refresh lists no changes (the first said "first refresh"): compare the
      // third with the second, a steady state.
      await service.refresh(SETTINGS);
      const tabs = order();
      const first = owned(fake, sheet);
      fake.resetCounters();
      await service.refresh(SETTINGS);
      expect(order()).toEqual(tabs); // rebuilt in place: no tab moved, none deleted
      const grouped = api === '1.20';
      expect(fake.runs).toEqual([{ mergeUndoGroup: grouped, delayForCellEdit: !grouped }]);
      if (grouped) expect(fake.undoSteps).toBe(1);
      expect(fake.undoStackCleared).toBe(false);
      expect(owned(fake, sheet)).toEqual(first);
      expect(fake.charts(SUMMARY_SHEET)).toHaveLength(1);
      expect(fake.values(HISTORY_SHEET)).toHaveLength(4);
    },
  );
});

describe('when the undo group gives way', () => {
  it('a forced UndoNotSupported completes the refresh without the group', async () => {
    const reference = sampleWorkbook(200);
    await createExcelService(hostFor(reference.fake)).refresh(SETTINGS);

    const { fake, sheet, values } = sampleWorkbook(200);
    const input = inputDump(fake, sheet, 14);
    // Syncs: sheet list, used ranges, probes, one read chunk; the 5th writes, half of it runs.
    fake.failSync(5, 'UndoNotSupported');
    const outcome = await createExcelService(hostFor(fake)).refresh(SETTINGS);
    expect(fake.runs).toEqual([
      { mergeUndoGroup: true, delayForCellEdit: false },
      { mergeUndoGroup: false, delayForCellEdit: true },
    ]);
    expect(toJsonReport(outcome)).toEqual(toJsonReport(coreOutcome(sheet, values)));
    expect(inputDump(fake, sheet, 14)).toBe(input);
    expect(owned(fake, sheet)).toEqual(owned(reference.fake, reference.sheet));
  });

  it('a user typing in a cell gets the refresh without the group, after the edit', async () => {
    const { fake } = sampleWorkbook(20);
    fake.cellEditMode = true;
    await createExcelService(hostFor(fake)).refresh(SETTINGS);
    expect(fake.runs.map((r) => r.mergeUndoGroup)).toEqual([true, false]);
    expect(fake.hasSheet(SUMMARY_SHEET)).toBe(true);
  });

  it('other failures once writing began are not retried', async () => {
    const { fake } = sampleWorkbook(20);
    fake.failSync(5, 'GeneralException'); // the first write batch
    await expect(createExcelService(hostFor(fake)).refresh(SETTINGS)).rejects.toMatchObject({
      code: 'unexpected',
    });
    // The grouped run, then only the plain run that records the failure (run-state.ts).
    expect(fake.runs.map((r) => r.mergeUndoGroup)).toEqual([true, false]);
  });
});

describe('every k-th sync failing mid-write', () => {
  it('leaves a half-state that the next refresh repairs', async () => {
    const rows = 3_000;
    const reference = sampleWorkbook(rows);
    await createExcelService(hostFor(reference.fake)).refresh(SETTINGS);
    const syncs = reference.fake.syncCount;
    const expected = owned(reference.fake, reference.sheet, false);
    // The write syncs come after sheet list, used ranges, probes and the read chunk(s).
    for (let k = 5; k <= syncs; k++) {
      const { fake, sheet } = sampleWorkbook(rows);
      const input = inputDump(fake, sheet, 14);
      fake.failSync(k, 'GeneralException', 'half');
      await expect(createExcelService(hostFor(fake)).refresh(SETTINGS)).rejects.toMatchObject({
        code: 'unexpected',
      });
      expect(inputDump(fake, sheet, 14)).toBe(input);
      await createExcelService(hostFor(fake)).refresh(SETTINGS);
      expect([k, owned(fake, sheet, false)]).toEqual([k, expected]);
      expect(inputDump(fake, sheet, 14)).toBe(input);
    }
  }, 120_000);
});

describe('an inventory that is an Excel table', () => {
  const header = ['Initiative', 'Led By', 'Stage', 'I&O Pilot'];
  const rows = [
    ['Sensors', 'IT', 'Pilot', 'Leading'],
    ['Kiosks', 'Marketing', 'Idea', 'None'],
  ];
  function tableWorkbook(api: string, extra: (string | null)[][] = []): FakeExcel {
    const options: FakeExcelOptions = {
      sheets: [
        {
          name: 'Inv',
          values: [header, ...rows].map((r, i) => [...r, ...(extra[i] ?? [])]),
          tables: [{ name: 'Initiatives', range: 'A1:D3' }],
        },
      ],
      supportedSets: { ExcelApi: api },
    };
    return new FakeExcel(options);
  }

  it.each(['1.20', '1.13'])(
    'grows by Table.resize on ExcelApi %s: user data right of the table stays put',
    async (api) => {
      // A user's note in column M, inside the table's rows.
      const extra = [[...new Array<null>(8).fill(null), 'my note']];
      const fake = tableWorkbook(api, extra);
      const service = createExcelService(hostFor(fake));
      await service.refresh(SETTINGS);
      await service.refresh(SETTINGS);
      expect(fake.cell('Inv', 'M1').value).toBe('my note');
      expect(fake.tables('Inv')[0]!.box.colCount).toBe(10);
      expect(fake.values('Inv', 'E1:J1')[0]).toEqual([
        'I&O Role',
        'Role Rationale',
        'Next Role',
        'Priority',
        'Recommended Action',
        'Data Issues',
      ]);
    },
  );

  it('on older hosts adds table columns only where nothing moves, else writes beside the table', async () => {
    const clean = tableWorkbook('1.9');
    await createExcelService(hostFor(clean)).refresh(SETTINGS);
    expect(clean.tables('Inv')[0]!.box.colCount).toBe(10); // add shifted empty cells only

    const extra = [[...new Array<null>(8).fill(null), 'my note']];
    const busy = tableWorkbook('1.9', extra);
    const service = createExcelService(hostFor(busy));
    await service.refresh(SETTINGS);
    await service.refresh(SETTINGS);
    expect(busy.cell('Inv', 'M1').value).toBe('my note');
    expect(busy.tables('Inv')[0]!.box.colCount).toBe(4); // plain columns beside it
    expect(busy.cell('Inv', 'E2').value).toBe('Driver');
  });

  it('takes the name Excel gives a column the table already has ("Priority2")', async () => {
    const fake = new FakeExcel({
      sheets: [
        {
          name: 'Inv',
          values: [
            [...header, 'Priority'],
            [...rows[0]!, 'P1'],
            [...rows[1]!, 'P2'],
          ],
          tables: [{ name: 'Initiatives', range: 'A1:E3' }],
        },
      ],
    });
    await createExcelService(hostFor(fake)).refresh(SETTINGS);
    expect(fake.values('Inv', 'E1:K1')[0]).toEqual([
      'Priority',
      'I&O Role',
      'Role Rationale',
      'Next Role',
      'Priority2',
      'Recommended Action',
      'Data Issues',
    ]);
    expect(fake.values('Inv', 'E2:E3')).toEqual([['P1'], ['P2']]);
  });

  // SPEC §4: our column takes Excel's name ("Priority2") and the core recognises it on re-runs.
  it('refreshes a table with the user\'s own "Priority" twice', async () => {
    const fake = new FakeExcel({
      sheets: [
        {
          name: 'Inv',
          values: [
            [...header, 'Priority'],
            [...rows[0]!, 'P1'],
            [...rows[1]!, 'P2'],
          ],
          tables: [{ name: 'Initiatives', range: 'A1:E3' }],
        },
      ],
    });
    const service = createExcelService(hostFor(fake));
    await service.refresh(SETTINGS);
    await service.refresh(SETTINGS);
    expect(fake.tables('Inv')[0]!.box.colCount).toBe(11);
  });
});

describe('wide sheets', () => {
  it('probe within the limits with a stray value in column XFD', async () => {
    const { fake, sheet, values } = sampleWorkbook(100);
    fake.setCellValue(sheet, 'XFD1', 'stray');
    fake.setCellValue('Notes', 'XFD5', 'stray too');
    const outcome = await createExcelService(hostFor(fake)).refresh(SETTINGS);
    expect(Math.max(...fake.responseSizes)).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(Math.max(...fake.requestSizes)).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(outcome.summary.total).toBe(coreOutcome(sheet, values).summary.total);
  }, 60_000);

  it('split a probe whose response is still too large', async () => {
    // Header rows full of long text: the estimate is far too low.
    const header = ['Initiative', 'Led By', 'Stage', 'I&O Pilot'];
    const first = ['Sensors', 'IT', 'Pilot', 'Leading'];
    const wide = Array.from({ length: 20 }, (_, r) =>
      Array.from({ length: 300 }, (_, c) => (r === 0 && c < 4 ? header[c]! : 'y'.repeat(1_000))),
    );
    wide[1]!.splice(0, 4, ...first);
    const fake = new FakeExcel({ sheets: [{ name: 'Inv', values: wide }] });
    const preview = await createExcelService(hostFor(fake)).preview(undefined, undefined);
    expect(preview.detection.sheet).toBe('Inv');
    expect(fake.responseSizes.some((b) => b > PAYLOAD_LIMIT_BYTES)).toBe(true); // it did split
  }, 60_000);
});

describe('write batches the host refuses as too large', () => {
  it('are sent again in halves, down to the steps’ own halves', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'S' }] });
    const text = 'z'.repeat(100);
    // Four steps of ~1.6 MB each that claim to be tiny: one batch, refused, then split.
    const step = (col: string, count: number, from = 1): WriteStep => ({
      bytes: 10,
      queue: (context) => {
        context.workbook.worksheets
          .getItem('S')
          .getRange(`${col}${from}:${col}${from + count - 1}`).values = Array.from(
          { length: count },
          () => [text],
        );
      },
      split: () => [
        step(col, Math.ceil(count / 2), from),
        step(col, Math.floor(count / 2), from + Math.ceil(count / 2)),
      ],
    });
    const steps = ['A', 'B', 'C', 'D'].map((c) => step(c, 15_000));
    await fake.run(async (context) => {
      await applySteps(context, steps, () => undefined);
    });
    expect(fake.requestSizes[0]).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    expect(fake.values('S', 'A15000:D15000')).toEqual([[text, text, text, text]]);
  });
});
