/** What the refresh reports while it classifies: initiatives (non-blank rows), not sheet rows. */

import type { RefreshProgress } from '../../src/core/service';
import { countInitiatives } from '../../src/core/preview';
import { createExcelService } from '../../src/excel/service';
import { hostFor, sampleWorkbook } from './helpers';

describe('progress while classifying', () => {
  it('counts the initiatives the classifier will see, from start to end', async () => {
    const { fake, sheet } = sampleWorkbook(200);
    // Blank rows in the middle of the inventory are sheet rows, not initiatives.
    fake.setCellValue(sheet, 'A40', null);
    const s = fake.sheet(sheet);
    for (let c = 0; c < 20; c++) s.values[9]![c] = undefined;
    const events: RefreshProgress[] = [];
    const service = createExcelService(hostFor(fake));
    const outcome = await service.refresh({ version: 1, sheet, history: true }, (p) =>
      events.push(p),
    );
    const classifying = events.filter((e) => e.phase === 'classifying');
    expect(classifying[0]).toEqual({ phase: 'classifying', done: 0, total: outcome.summary.total });
    expect(classifying[classifying.length - 1]).toEqual({
      phase: 'classifying',
      done: outcome.summary.total,
      total: outcome.summary.total,
    });
    const usedRows = fake.sheet(sheet).usedBox()!.rowCount;
    expect(outcome.summary.total).toBeLessThan(usedRows - 3);
  });

  it('has no count for a sheet whose header row only a mapping finds', () => {
    const sheet = {
      name: 'S',
      origin: { row: 0, col: 0 },
      values: [
        ['Programme', 'Sponsor'],
        ['Fleet', 'IT'],
      ],
      tables: [],
      hasFrozenPanes: false,
      hasAutoFilter: false,
      isProtected: false,
    };
    expect(countInitiatives(sheet)).toBeNull();
    expect(countInitiatives(sheet, { name: 'Programme', ledBy: 'Sponsor' })).toBe(1);
  });
});
