/** @jest-environment jsdom */

import axe from 'axe-core';
import { planRefresh } from '../../src/core/refresh';
import type { RefreshOutcome } from '../../src/core/results';
import { headline, opportunities, projectionLines } from '../../src/core/report';
import { HISTORY_HEADERS } from '../../src/core/summary-sheet';
import { keptRefresh } from '../../src/core/kept-refresh';
import { BRIEF_TEXT } from '../../src/core/messages';
import {
  copySummary,
  keptSummaryBlocks,
  summaryBlocks,
  summaryHtml,
  summaryText,
} from '../../src/taskpane/copySummary';
import { snapshot } from './fake-service';

const inventory = snapshot('Inventory', [
  ['Initiative', 'Led By', 'Stage', 'I&O Pilot', 'I&O Implementation', 'Notes <b>'],
  ['Fleet <telematics> & co', 'Logistics', 'Pilot', 'None', 'Responsible', ''],
  ['Smart HVAC', 'Facilities', 'Idea', 'None', 'None', ''],
  ['Edge platform', 'IT', 'Production', 'Leading', 'Leading', ''],
]);
const AT = new Date(Date.UTC(2026, 0, 15, 9, 30));

function outcome(changes: RefreshOutcome['changes'] = null): RefreshOutcome {
  const o = planRefresh({
    sheets: [inventory],
    options: { sheet: 'Inventory', history: false },
    now: AT,
    historyRowCount: 0,
  });
  return { ...o, changes };
}

describe('the copied summary', () => {
  it('opens with the brief, then the counts, where it is heading, the opportunities and the changes', () => {
    const o = outcome([
      {
        kind: 'role',
        row: 1,
        sheet: 'Inventory',
        id: null,
        name: 'Smart HVAC',
        from: 'Operator',
        to: 'Bystander',
      },
    ]);
    const text = summaryText(summaryBlocks(o, AT));
    // The report module's words (core/report.ts): the brief opens, under the sheet and time.
    expect(text.split('\n').slice(0, 2)).toEqual([
      'IoT Role Map: Inventory, refreshed ' + text.split('\n')[0]!.split('refreshed ')[1],
      headline(o)[0],
    ]);
    expect(text).toContain('\n- Driver: 1 (33.3%)');
    expect(text).toContain(`Where ownership is heading\n- ${projectionLines(o.summary)[0]}`);
    const top = opportunities(o.summary).items[0]!;
    expect(text).toContain(`opportunities, by impact\n- ${top.label} (${top.facts}): ${top.move}.`);
    expect(text).toContain(
      'Since the last refresh\n- Since the last refresh: 1 role change.\n- Smart HVAC: Operator → Bystander',
    );
    expect(summaryText(summaryBlocks(outcome(null), AT))).toContain('First refresh of "Inventory"');
  });

  it('escapes what the workbook says and passes axe as HTML', async () => {
    const html = summaryHtml(summaryBlocks(outcome(), AT));
    expect(html).toContain('Fleet &lt;telematics&gt; &amp; co');
    expect(html).not.toContain('<telematics>');
    document.body.innerHTML = `<main lang="en"><h1>Summary</h1>${html}</main>`;
    document.documentElement.lang = 'en';
    const result = await axe.run(document.body, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] },
      // jsdom lays nothing out, so colours and regions cannot be judged here; the browser test
      // renders the copied HTML at 320 px and runs axe there in full.
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it('writes HTML with a plain-text twin, and falls back to text where HTML is refused', async () => {
    const items: Record<string, Blob>[] = [];
    const texts: string[] = [];
    class FakeItem {
      constructor(readonly data: Record<string, Blob>) {
        items.push(data);
      }
    }
    Object.assign(globalThis, { ClipboardItem: FakeItem });
    try {
      const ok = {
        write: () => Promise.resolve(),
        writeText: (t: string) => (texts.push(t), Promise.resolve()),
      };
      await expect(copySummary(summaryBlocks(outcome(), AT), ok)).resolves.toBe('html');
      expect(Object.keys(items[0]!)).toEqual(['text/html', 'text/plain']);
      const refused = {
        write: () => Promise.reject(new Error('NotAllowedError')),
        writeText: ok.writeText,
      };
      await expect(copySummary(summaryBlocks(outcome(), AT), refused)).resolves.toBe('text');
      expect(texts[0]).toBe(summaryText(summaryBlocks(outcome(), AT)));
    } finally {
      delete (globalThis as { ClipboardItem?: unknown }).ClipboardItem;
    }
    await expect(
      copySummary(summaryBlocks(outcome(), AT), {
        writeText: () => Promise.reject(new Error('denied')),
      }),
    ).rejects.toThrow('denied');
  });

  it('copies a refresh read back from the history in the words the pane copied then', () => {
    const o = planRefresh({
      sheets: [inventory],
      options: { sheet: 'Inventory', history: true },
      now: AT,
      historyRowCount: 0,
    });
    const history = [[...HISTORY_HEADERS], o.plan.history!.row.map((c) => c.value)];
    const then = summaryText(summaryBlocks(o, AT)).split('\n');
    const later = summaryText(keptSummaryBlocks(keptRefresh(history)!, AT)).split('\n');
    // Same heading, same brief's first sentence, same counts per role and definitions.
    expect(later.slice(0, 2)).toEqual(then.slice(0, 2));
    const roles = (lines: string[]): string[] =>
      lines.slice(lines.indexOf('Initiatives per role'), lines.indexOf('Initiatives per role') + 5);
    expect(roles(later)).toEqual(roles(then));
    expect(later.slice(-6)).toEqual(then.slice(-6));
    // What the history does not keep is said, not invented.
    expect(later[2]).toBe(BRIEF_TEXT.notKept('IoT Role Summary'));
  });
});
