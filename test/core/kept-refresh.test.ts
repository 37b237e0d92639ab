/**
 * A refresh read back from the history (kept-refresh.ts) is reported in the words the report
 * module used when it ran (keptRefreshBlocks vs reportBlocks/headline), as far as the history
 * keeps what they are made of, and says where the rest is.
 */

import { keptRefresh } from '../../src/core/kept-refresh';
import { BRIEF_TEXT } from '../../src/core/messages';
import { CHANGES_SHEET, SUMMARY_SHEET } from '../../src/core/domain';
import type { CellValue, SheetSnapshot } from '../../src/core/input';
import type { RefreshOutcome } from '../../src/core/results';
import { planRefresh } from '../../src/core/refresh';
import { headline, keptRefreshBlocks, reportBlocks } from '../../src/core/report';
import { HISTORY_HEADERS } from '../../src/core/summary-sheet';
import { applied, portfolio } from './helpers';

const DAYS = [1, 8, 15].map((d) => new Date(Date.UTC(2026, 0, d, 9, 30)));

/** Refreshes the sheet on each day as the surfaces do, keeping the history's cells. */
function refreshes(sheet: SheetSnapshot, days: readonly Date[]) {
  let now = sheet;
  const history: CellValue[][] = [[...HISTORY_HEADERS]];
  const outcomes: RefreshOutcome[] = [];
  for (const day of days) {
    const outcome = planRefresh({
      sheets: [now],
      options: { history: true },
      now: day,
      historyRowCount: history.length - 1,
      history: history.length > 1 ? history.map((r) => [...r]) : null,
    });
    history.push(outcome.plan.history!.row.map((c) => c.value));
    now = applied(now, outcome.plan.inventory);
    outcomes.push(outcome);
  }
  return { history, outcomes };
}

describe('the last refresh read back from the history', () => {
  it.each([
    ['a first refresh', 1],
    ['a second refresh (changes counted, trend to the first)', 2],
    ['a third refresh (trend to the previous and the first)', 3],
  ])('%s: the brief’s first sentence, the roles and the definitions as rendered then', (_n, k) => {
    const { history, outcomes } = refreshes(portfolio(), DAYS.slice(0, k));
    const then = outcomes[k - 1]!;
    const kept = keptRefresh(history)!;
    const blocks = keptRefreshBlocks(kept);
    const rendered = reportBlocks(then);
    expect(blocks[0]!.lines[0]).toBe(headline(then)[0]);
    expect(blocks[1]).toEqual(rendered[1]);
    expect(blocks[3]).toEqual(rendered[rendered.length - 1]);
    // What the history does not keep is named, not made up.
    expect(blocks[0]!.lines[1]).toBe(BRIEF_TEXT.notKept(SUMMARY_SHEET));
    // How many changes; which ones are in the change log. None: the words rendered then.
    expect(blocks[2]!.lines).toEqual(
      then.changes === null
        ? []
        : then.changes.length === 0
          ? rendered[4]!.lines
          : [BRIEF_TEXT.changesKept(then.changes.length, CHANGES_SHEET)],
    );
  });

  it('takes the trend from the rows above the last refresh’s own, not below a hand-added row', () => {
    const { history, outcomes } = refreshes(portfolio(), DAYS);
    const junk = [...history[1]!];
    junk[HISTORY_HEADERS.indexOf('Driver')] = 'many';
    const kept = keptRefresh([...history, junk])!;
    expect(keptRefreshBlocks(kept)[0]!.lines[0]).toBe(headline(outcomes[2]!)[0]);
  });

  it('is null for a history without a complete row', () => {
    expect(keptRefresh([[...HISTORY_HEADERS]])).toBeNull();
    expect(keptRefresh([])).toBeNull();
  });
});
