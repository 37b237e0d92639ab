/** The last refresh read back when the pane opens (src/excel/last-refresh.ts), on the strict fake. */

import { HISTORY_SHEET, SUMMARY_SHEET } from '../../src/core/domain';
import { createExcelService } from '../../src/excel/service';
import { NOW, hostFor, sampleWorkbook } from './helpers';

describe('the last refresh', () => {
  it('is what the last refresh recorded, read in two syncs', async () => {
    const { fake, sheet } = sampleWorkbook(60);
    const service = createExcelService(hostFor(fake));
    await service.refresh({ version: 1, sheet, history: true });
    const second = await service.refresh({ version: 1, sheet, history: true });
    fake.resetCounters();
    const read = await service.lastRefresh!();
    expect(fake.syncCount).toBe(2);
    const s = second.summary;
    expect(read).not.toBeNull();
    expect(read!.summaryExists).toBe(true);
    expect(read!.last).toMatchObject({
      sheet: s.sheet,
      total: s.total,
      classified: s.classified,
      counts: s.counts,
      activeShare: s.activeShare,
      changes: 0,
    });
    expect(read!.last.at.getTime()).toBe(NOW.getTime());
  });

  it('is null without a history sheet, or with an empty one; says when the summary is gone', async () => {
    const { fake, sheet } = sampleWorkbook(10);
    const service = createExcelService(hostFor(fake));
    expect(await service.lastRefresh!()).toBeNull();
    await service.refresh({ version: 1, sheet, history: true });
    fake.deleteSheet(SUMMARY_SHEET);
    expect((await service.lastRefresh!())?.summaryExists).toBe(false);
    const h = fake.sheet(HISTORY_SHEET);
    h.values.length = 0;
    expect(await service.lastRefresh!()).toBeNull();
  });

  it('is null when refreshes keep no history', async () => {
    const { fake, sheet } = sampleWorkbook(10);
    const service = createExcelService(hostFor(fake));
    await service.refresh({ version: 1, sheet, history: false });
    expect(fake.hasSheet(SUMMARY_SHEET)).toBe(true);
    expect(await service.lastRefresh!()).toBeNull();
  });
});
