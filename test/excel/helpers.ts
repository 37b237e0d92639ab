/** Shared set-up for the Excel adapter tests: the sample inventory in a strict fake Excel. */

import { planRefresh } from '../../src/core/refresh';
import type { CellValue, SheetSnapshot } from '../../src/core/input';
import type { RefreshOutcome } from '../../src/core/results';
import type { RefreshProgress } from '../../src/core/service';
import { generateSampleInventory } from '../../src/cli/sample';
import type { ExcelHost } from '../../src/excel/host';
import { FakeExcel } from '../fakes/fake-excel';
import type { FakeExcelOptions, FakeSheetConfig, Scalar } from '../fakes/fake-excel';

export const NOW = new Date(Date.UTC(2026, 10, 25, 9, 30));

export function toScalars(values: CellValue[][]): (Scalar | null)[][] {
  return values.map((row) => row.map((v) => (v !== null && typeof v === 'object' ? v.code : v)));
}

/** A fake workbook holding the sample inventory (plus an unrelated sheet). */
export function sampleWorkbook(
  rows: number,
  extra: Partial<FakeSheetConfig> = {},
  options: Partial<FakeExcelOptions> = {},
): { fake: FakeExcel; sheet: string; values: CellValue[][] } {
  const sample = generateSampleInventory({ rows, seed: 7 });
  const fake = new FakeExcel({
    sheets: [
      { name: 'Notes', values: [['Planning notes'], ['Owner', 'PMO']] },
      { name: sample.sheetName, values: toScalars(sample.values), ...extra },
    ],
    active: sample.sheetName,
    ...options,
  });
  return { fake, sheet: sample.sheetName, values: sample.values };
}

/** The host the adapter gets: the fake's run and requirement check, a fixed clock. */
export function hostFor(fake: FakeExcel): ExcelHost {
  return {
    run: (o, b) => fake.run(o, b),
    runIn: (c, b) => fake.run(c, b),
    isSetSupported: (n, v) => fake.isSetSupported(n, v),
    now: () => NOW,
  };
}

/** What the core alone says for the same rows (the reference for the adapter's result). */
export function coreOutcome(sheet: string, values: CellValue[][]): RefreshOutcome {
  const snapshot: SheetSnapshot = {
    name: sheet,
    origin: { row: 0, col: 0 },
    values,
    tables: [],
    hasFrozenPanes: false,
    hasAutoFilter: false,
    isProtected: false,
  };
  return planRefresh({
    sheets: [snapshot],
    options: { history: true },
    now: NOW,
    historyRowCount: 0,
  });
}

/** Every input cell's value, formula, number format and style, as a comparable string. */
export function inputDump(fake: FakeExcel, sheet: string, inputCols: number): string {
  const s = fake.sheet(sheet);
  const out: unknown[] = [];
  const rows = Math.max(s.values.length, s.numberFormats.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < inputCols; c++) {
      out.push([
        s.getValue(r, c) ?? null,
        s.getFormula(r, c) ?? null,
        s.getNumberFormat(r, c),
        s.getStyle(r, c),
      ]);
    }
  }
  return JSON.stringify(out);
}

/** The whole workbook as a comparable string (to prove "nothing written"). */
export function workbookDump(fake: FakeExcel): string {
  return JSON.stringify({
    sheets: fake.sheetNames(),
    content: fake.sheetNames().map((n) => ({
      dump: fake.dump(n),
      cfs: fake.conditionalFormats(n),
      charts: fake.charts(n),
      tables: fake.tables(n),
      frozen: fake.sheet(n).frozenRows,
      filter: fake.sheet(n).autoFilter,
    })),
    settings: [...fake.settings.entries()],
  });
}

/** Progress totals of a refresh: read chunks and write batches. */
export interface Progress {
  readChunks: number;
  writeBatches: number;
}

export function progressRecorder(): {
  progress: Progress;
  onProgress: (p: RefreshProgress) => void;
} {
  const progress: Progress = { readChunks: 0, writeBatches: 0 };
  return {
    progress,
    onProgress: (p) => {
      if (p.phase === 'reading')
        progress.readChunks = Math.max(
          progress.readChunks,
          p.total > 1 || p.done > 0 ? p.total : 0,
        );
      if (p.phase === 'writing') progress.writeBatches = p.total;
    },
  };
}
