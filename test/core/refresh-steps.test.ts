/**
 * The one planner with progress: the same plan as without, the classification reported in
 * steps, over one sheet or several.
 */

import type { ClassifyProgress } from '../../src/core/refresh';
import { CLASSIFY_STEP_ROWS, chooseSheets, planning, planRefresh } from '../../src/core/refresh';
import type { RefreshInput } from '../../src/core/input';
import type { RefreshOutcome } from '../../src/core/results';
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

/** Runs the planner with progress, collecting each step. */
function stepped(inp: RefreshInput): { outcome: RefreshOutcome; steps: [number, number][] } {
  const steps: [number, number][] = [];
  const run = planning(inp, chooseSheets(inp.sheets, inp.options), true);
  for (;;) {
    const next = run.next();
    if (next.done) return { outcome: next.value, steps };
    const p: ClassifyProgress = next.value;
    steps.push([p.done, p.total]);
  }
}

describe('the planner, with progress', () => {
  it('plans exactly what planRefresh plans, reporting initiatives classified step by step', () => {
    const { outcome, steps } = stepped(input(2_500));
    const whole = planRefresh(input(2_500));
    expect(outcome).toEqual(whole);
    const total = whole.summary.total;
    expect(steps.length).toBe(Math.ceil((2_500 + 1) / CLASSIFY_STEP_ROWS));
    expect(steps.every(([, t]) => t === total)).toBe(true);
    expect(steps[steps.length - 1]).toEqual([total, total]);
    for (let i = 1; i < steps.length; i++) expect(steps[i]![0]).toBeGreaterThan(steps[i - 1]![0]);
  });

  it('stops with the same sentence as planRefresh', () => {
    const bad = input(10);
    bad.sheets[0]!.isProtected = true;
    expect(() => planRefresh(bad)).toThrow(/protected/);
    expect(() => stepped(bad)).toThrow(/protected/);
  });

  it('counts the initiatives of every sheet of a portfolio of several', () => {
    const one = input(1_500);
    const sheet = one.sheets[0]!;
    const two: RefreshInput = {
      ...one,
      sheets: [sheet, { ...sheet, name: 'West' }],
      options: { ...one.options, sheets: [sheet.name, 'West'] },
    };
    const { outcome, steps } = stepped(two);
    expect(outcome).toEqual(planRefresh(two));
    expect(outcome.summary.total).toBe(2 * planRefresh(one).summary.total);
    expect(steps[steps.length - 1]).toEqual([outcome.summary.total, outcome.summary.total]);
    expect(steps.length).toBe(2 * Math.ceil((1_500 + 1) / CLASSIFY_STEP_ROWS));
  });
});
