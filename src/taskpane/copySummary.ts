/**
 * "Copy summary": the report of the last refresh (the brief, counts per role, where ownership
 * is heading, top opportunities, changes since the last refresh) put on the clipboard as HTML,
 * for an e-mail or a slide, with a plain-text twin for places that take only text. The words
 * are the report module's (core/report.ts); this file only lays them out.
 */

import type { RefreshOutcome } from '../core/results';
import type { ReportBlock } from '../core/report';
import { reportBlocks } from '../core/report';
import { refreshedAt } from './labels';

/**
 * The summary as headed blocks of sentences, the one source of both clipboard formats: the
 * report module's blocks (the brief first, the same words and limits as every surface) under
 * a heading that names the sheet and the time.
 */
export function summaryBlocks(outcome: RefreshOutcome, at: Date): ReportBlock[] {
  const [brief, ...rest] = reportBlocks(outcome);
  return [
    {
      heading: `IoT Role Map: ${outcome.summary.sheet}, refreshed ${refreshedAt(at)}`,
      lines: brief!.lines,
    },
    ...rest.filter((b) => b.lines.length > 0),
  ];
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The summary as a small, self-contained HTML fragment (headings and lists, no styles needed). */
export function summaryHtml(outcome: RefreshOutcome, at: Date): string {
  const [first, ...rest] = summaryBlocks(outcome, at);
  const parts = [
    `<h2>${escapeHtml(first!.heading)}</h2>`,
    ...first!.lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    ...rest.flatMap((b) => [
      `<h3>${escapeHtml(b.heading)}</h3>`,
      `<ul>${b.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
    ]),
  ];
  return `<div>${parts.join('')}</div>`;
}

/** The same summary as plain text. */
export function summaryText(outcome: RefreshOutcome, at: Date): string {
  return summaryBlocks(outcome, at)
    .map((b, i) => [b.heading, ...b.lines.map((l) => (i === 0 ? l : `- ${l}`))].join('\n'))
    .join('\n\n');
}

/** The part of the Clipboard API the pane uses (so tests can pass a stand-in). */
export interface ClipboardLike {
  write?: (items: ClipboardItem[]) => Promise<void>;
  writeText: (text: string) => Promise<void>;
}

/**
 * Puts the summary on the clipboard: HTML with a plain-text fallback in one item where the
 * browser supports ClipboardItem, else plain text only. Rejects when the host refuses both.
 */
export async function copySummary(
  outcome: RefreshOutcome,
  at: Date,
  clipboard: ClipboardLike = navigator.clipboard,
): Promise<'html' | 'text'> {
  const text = summaryText(outcome, at);
  if (clipboard.write && typeof ClipboardItem !== 'undefined') {
    try {
      await clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([summaryHtml(outcome, at)], { type: 'text/html' }),
          'text/plain': new Blob([text], { type: 'text/plain' }),
        }),
      ]);
      return 'html';
    } catch {
      // Some hosts allow only text (no rich clipboard in the add-in's frame): fall through.
    }
  }
  await clipboard.writeText(text);
  return 'text';
}
