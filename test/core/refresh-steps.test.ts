/** planRefreshInSteps: the same plan as planRefresh, with the classification reported in steps. */

import { CLASSIFY_STEP_ROWS, planRefresh, planRefreshInSteps } from '../../src/core/refresh';
import type { RefreshInput } from '../../src/core/model';
import { generateSampleInventory } from '../../src/cli/sample';

function input(rows: number): RefreshInput {
  const sample = generateSampleInventory({ rows, seed: 11 });
  const values = sample.values.map((r) => [...r]);
  // Blank rows are skipped and not counted as initiatives.
  values[sample.headerRow + 5] = values[sample.headerRow + 5]!.map(() => null);
  return {
    sheets: [
      {
        name: sample.sheetName,
        origin: { row: 0, col: 0 },
        values,
        tables: [],
        hasFrozenPanes: false,
        hasAutoFilter: false,
        isProtected: false,
      },
    ],
    options: {
      history: true,
      words: [{ field: 'ledBy', value: 'Digital Factory', meaning: 'Operations' }],
    },
    now: new Date(Date.UTC(2026, 0, 15)),
    historyRowCount: 2,
  };
}

describe('planRefreshInSteps', () => {
  it('plans exactly what planRefresh plans, reporting initiatives classified step by step', async () => {
    const steps: [number, number][] = [];
    const stepped = await planRefreshInSteps(input(2_500), (done, total) => {
      steps.push([done, total]);
      return Promise.resolve();
    });
    const whole = planRefresh(input(2_500));
    expect(stepped).toEqual(whole);
    const total = whole.summary.total;
    expect(steps.length).toBe(Math.ceil((2_500 + 1) / CLASSIFY_STEP_ROWS));
    expect(steps.every(([, t]) => t === total)).toBe(true);
    expect(steps[steps.length - 1]).toEqual([total, total]);
    for (let i = 1; i < steps.length; i++) expect(steps[i]![0]).toBeGreaterThan(steps[i - 1]![0]);
  });

  it('stops with the same sentence as planRefresh', async () => {
    const bad = input(10);
    bad.sheets[0]!.isProtected = true;
    expect(() => planRefresh(bad)).toThrow(/protected/);
    await expect(planRefreshInSteps(bad, () => Promise.resolve())).rejects.toThrow(/protected/);
  });
});
