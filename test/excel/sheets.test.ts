/**
 * Several inventory sheets in Excel (SPEC §2): the saved list of sheets refreshed as one
 * portfolio by the Office.js adapter over the strict fake — each sheet with its own layout,
 * mapping and output columns, each row as its sheet alone gives it, one summary with roles by
 * sheet, links to each row's own sheet — in a number of syncs that grows by one per sheet
 * read (plus chunks), never with the rows. The ribbon's one click covers them all.
 */

import { CHANGES_SHEET, HISTORY_SHEET, SNAPSHOT_SHEET, SUMMARY_SHEET } from '../../src/core/domain';
import { OUTPUT_HEADERS } from '../../src/core/output';
import { problem } from '../../src/core/messages';
import { toJsonReport } from '../../src/core/refresh';
import type { RefreshOutcome } from '../../src/core/results';
import type { RoleMapSettings } from '../../src/core/service';
import { runRibbonRefresh } from '../../src/commands/ribbon';
import { SETTINGS_KEY } from '../../src/core/settings';
import { ALT_TEXT_SYNCS } from '../../src/excel/chart-alt';
import { createExcelService } from '../../src/excel/service';
import { FakeExcel, PAYLOAD_LIMIT_BYTES } from '../fakes/fake-excel';
import { layoutSettings, layoutSheets } from '../fixtures/sheet-layouts';
import type { LayoutSheet } from '../fixtures/sheet-layouts';
import { hostFor, progressRecorder, toScalars, workbookDump } from './helpers';

function workbook(sheets: readonly LayoutSheet[]): FakeExcel {
  return new FakeExcel({
    sheets: [
      { name: 'Notes', values: [['Planning notes']] },
      ...sheets.map((s) => ({ name: s.name, values: toScalars(s.values) })),
    ],
    active: 'Notes',
  });
}

interface Run {
  outcome: RefreshOutcome;
  syncs: number;
  readChunks: number;
  writeBatches: number;
  maxRequest: number;
  maxResponse: number;
}

async function refresh(fake: FakeExcel, settings: RoleMapSettings): Promise<Run> {
  fake.resetCounters();
  const { progress, onProgress } = progressRecorder();
  const outcome = await createExcelService(hostFor(fake)).refresh(settings, onProgress);
  return {
    outcome,
    syncs: fake.syncCount,
    readChunks: progress.readChunks,
    writeBatches: progress.writeBatches,
    maxRequest: Math.max(...fake.requestSizes),
    maxResponse: Math.max(...fake.responseSizes),
  };
}

/** A row of the report as it must be whichever way the sheet was refreshed. */
function rowsOf(outcome: RefreshOutcome) {
  return toJsonReport(outcome).rows.map((r) => [r.row, r.name, r.role, r.rationale, r.action]);
}

/** The output block under a sheet's header: header and the six columns. */
function outputOf(fake: FakeExcel, sheet: LayoutSheet): (string | number | boolean | null)[][] {
  const s = fake.sheet(sheet.name);
  return Array.from({ length: sheet.values.length - sheet.headerRow }, (_r, i) =>
    OUTPUT_HEADERS.map((_h, j) => s.getValue(sheet.headerRow + i, sheet.width + j) ?? null),
  );
}

describe.each([2, 3])('%i inventory sheets saved in the workbook', (count) => {
  const sheets = layoutSheets({ east: 40, west: 25, north: 30 }).slice(0, count);
  const settings: RoleMapSettings = layoutSettings(sheets);
  const fake = workbook(sheets);
  let first: Run;
  let second: Run;

  beforeAll(async () => {
    first = await refresh(fake, settings);
    second = await refresh(fake, settings);
  });

  it('classifies every row of each sheet as that sheet alone (its own mapping and words)', async () => {
    const alone: unknown[] = [];
    for (const s of sheets) {
      const single = workbook([s]);
      const outcome = await createExcelService(hostFor(single)).refresh({
        version: 1,
        history: true,
        sheet: s.name,
        ...(s.mapping ? { mapping: s.mapping } : {}),
        ...(settings.words ? { words: settings.words } : {}),
      });
      alone.push(...rowsOf(outcome));
    }
    expect(rowsOf(first.outcome)).toEqual(alone);
    expect(first.outcome.rows.map((r) => r.sheet)).toEqual(
      sheets.flatMap((s) => first.outcome.rows.filter((r) => r.sheet === s.name).map(() => s.name)),
    );
    if (count === 3) expect(first.outcome.summary.wordsUsed).not.toEqual([]);
  });

  it('writes each sheet its own output block after its own last column', () => {
    for (const s of sheets) {
      const block = outputOf(fake, s);
      expect(block[0]).toEqual([...OUTPUT_HEADERS]);
      const mine = first.outcome.rows.filter((r) => r.sheet === s.name);
      for (const r of mine) {
        expect(block[r.row - s.headerRow]![0]).toBe(r.role);
      }
    }
  });

  it('one summary with roles by sheet, one chart, one history row per refresh', () => {
    const summary = fake.values(SUMMARY_SHEET).map((r) => r.map((v) => v ?? '').join('|'));
    const at = summary.findIndex((l) => l.startsWith('Roles by sheet'));
    expect(at).toBeGreaterThan(0);
    const listed = summary.slice(at + 2, at + 2 + count).map((l) => l.split('|')[0]);
    expect(listed.sort()).toEqual(sheets.map((s) => s.name).sort());
    expect(fake.charts(SUMMARY_SHEET)).toHaveLength(1);
    expect(fake.values(HISTORY_SHEET)).toHaveLength(3);
    expect(fake.values(HISTORY_SHEET)[1]![1]).toBe(sheets.map((s) => s.name).join(', '));
  });

  it('links each opportunity and review row to its own sheet', () => {
    const s = fake.sheet(SUMMARY_SHEET);
    const targets = new Set<string>();
    s.values.forEach((row, r) =>
      row.forEach((_v, c) => {
        const link = s.getHyperlink(r, c);
        if (!link?.documentReference) return;
        const [target, cell] = link.documentReference.split('!');
        targets.add(target!);
        // The link goes to a cell of that sheet; the cell shows the initiative (its ID, as the
        // report module lays the summary out).
        expect(cell).toMatch(/^[A-Z]+\d+$/);
        expect(String(s.getValue(r, c) ?? '')).not.toBe('');
      }),
    );
    const linked = [...targets].map((t) => t.replace(/^'|'$/g, ''));
    for (const name of linked) expect(sheets.map((x) => x.name)).toContain(name);
    expect(linked.length).toBeGreaterThan(1);
  });

  it('a second refresh is identical: no duplicate rules or columns on any sheet', () => {
    expect(toJsonReport(second.outcome).rows).toEqual(toJsonReport(first.outcome).rows);
    expect(second.outcome.changes).toEqual([]);
    const writes = [first.outcome.plan.inventory, ...(first.outcome.plan.moreInventories ?? [])];
    expect(writes.map((w) => w.sheet)).toEqual(sheets.map((s) => s.name));
    for (const w of writes) {
      expect(fake.conditionalFormats(w.sheet)).toHaveLength(w.conditionalFormats.length);
    }
    expect(fake.sheetNames()).toEqual([
      'Notes',
      ...sheets.map((s) => s.name),
      SUMMARY_SHEET,
      HISTORY_SHEET,
      CHANGES_SHEET,
      SNAPSHOT_SHEET,
    ]);
    expect(fake.charts(SUMMARY_SHEET)).toHaveLength(1);
  });

  it('takes three syncs, one read per sheet, and the write batches', () => {
    for (const run of [first, second]) {
      expect(run.readChunks).toBe(count);
      expect(run.syncs).toBe(3 + count + run.writeBatches + ALT_TEXT_SYNCS);
      expect(run.maxRequest).toBeLessThan(PAYLOAD_LIMIT_BYTES);
      expect(run.maxResponse).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    }
  });
});

describe('large sheets', () => {
  it('read in chunks: three syncs plus one per chunk of any sheet and per write batch', async () => {
    const sheets = layoutSheets({ east: 20_000, west: 12_000, north: 8_000 });
    const fake = workbook(sheets);
    const run = await refresh(fake, layoutSettings(sheets));
    expect(run.outcome.rows).toHaveLength(40_000);
    expect(run.readChunks).toBeGreaterThan(3);
    expect(run.syncs).toBe(3 + run.readChunks + run.writeBatches + ALT_TEXT_SYNCS);
    expect(run.maxRequest).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(run.maxResponse).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  }, 120_000);
});

describe('a saved sheet renamed since it was chosen', () => {
  it('stops with the catalogue sentence before anything is written', async () => {
    const sheets = layoutSheets({ east: 20, west: 15, north: 15 });
    const settings = layoutSettings(sheets);
    const fake = workbook(sheets.map((s) => (s.name === 'West' ? { ...s, name: 'West 2026' } : s)));
    const before = workbookDump(fake);
    await expect(createExcelService(hostFor(fake)).refresh(settings)).rejects.toThrow(
      problem('saved-sheet-missing', { sheet: 'West', saved: settings.sheets, surface: 'excel' })
        .message,
    );
    expect(workbookDump(fake)).toBe(before);
  });
});

describe('the ribbon', () => {
  it('refreshes every saved sheet with one click', async () => {
    const sheets = layoutSheets({ east: 20, west: 15, north: 15 });
    const fake = workbook(sheets);
    fake.state.settings.set(SETTINGS_KEY, JSON.stringify(layoutSettings(sheets)));
    const shown: string[] = [];
    const result = await runRibbonRefresh(
      createExcelService(hostFor(fake)),
      { showError: (m) => Promise.resolve(void shown.push(m)) },
      { ok: true, requirement: 'ExcelApi 1.7' },
    );
    expect(shown).toEqual([]);
    expect(result.ok).toBe(true);
    for (const s of sheets) expect(outputOf(fake, s)[0]).toEqual([...OUTPUT_HEADERS]);
    expect(fake.activeSheetName).toBe(SUMMARY_SHEET);
  });
});

describe('the sheet list', () => {
  it('counts initiatives, not blank rows, in one more round trip', async () => {
    const sheets = layoutSheets({ east: 40, west: 25, north: 30 });
    const fake = workbook(sheets);
    const outcome = await createExcelService(hostFor(workbook(sheets))).refresh(
      layoutSettings(sheets),
    );
    fake.resetCounters();
    const list = await createExcelService(hostFor(fake)).listSheets();
    expect(fake.syncCount).toBe(4);
    const blanks = sheets.map(
      (s) => s.values.slice(s.headerRow + 1).filter((r) => r.every((v) => v == null)).length,
    );
    expect(blanks.some((n) => n > 0)).toBe(true);
    for (const s of sheets) {
      const shown = list.find((c) => c.name === s.name)!;
      expect(shown.initiatives).toBe(outcome.rows.filter((r) => r.sheet === s.name).length);
    }
    expect(list.find((c) => c.name === 'Notes')!.initiatives).toBeUndefined();
  });
});
