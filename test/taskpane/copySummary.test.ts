/** @jest-environment jsdom */

import axe from 'axe-core';
import { planRefresh } from '../../src/core/refresh';
import type { RefreshOutcome } from '../../src/core/results';
import { headline, opportunities, projectionLines } from '../../src/core/report';
import { copySummary, summaryHtml, summaryText } from '../../src/taskpane/copySummary';
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
    const text = summaryText(o, AT);
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
    expect(summaryText(outcome(null), AT)).toContain('First refresh of "Inventory"');
  });

  it('escapes what the workbook says and passes axe as HTML', async () => {
    const html = summaryHtml(outcome(), AT);
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
      await expect(copySummary(outcome(), AT, ok)).resolves.toBe('html');
      expect(Object.keys(items[0]!)).toEqual(['text/html', 'text/plain']);
      const refused = {
        write: () => Promise.reject(new Error('NotAllowedError')),
        writeText: ok.writeText,
      };
      await expect(copySummary(outcome(), AT, refused)).resolves.toBe('text');
      expect(texts[0]).toBe(summaryText(outcome(), AT));
    } finally {
      delete (globalThis as { ClipboardItem?: unknown }).ClipboardItem;
    }
    await expect(
      copySummary(outcome(), AT, { writeText: () => Promise.reject(new Error('denied')) }),
    ).rejects.toThrow('denied');
  });
});
