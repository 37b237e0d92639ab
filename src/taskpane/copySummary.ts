/**
 * "Copy summary": the report of the last refresh (the brief, counts per role, where ownership
 * is heading, top opportunities, changes since the last refresh) put on the clipboard as HTML,
 * for an e-mail or a slide, with a plain-text twin for places that take only text. The words
 * are the report module's (core/report.ts); this file only lays them out. A pane reopened on a
 * workbook refreshed earlier copies that refresh as the history keeps it (keptSummaryBlocks).
 */

import type { RefreshOutcome } from '../core/results';
import { SUMMARY_COPY_TEXT } from '../core/messages';
import type { KeptRefresh, ReportBlock } from '../core/report';
import { keptRefreshBlocks, reportBlocks } from '../core/report';
import { refreshedAt } from './labels';

/**
 * The summary as headed blocks of sentences, the one source of both clipboard formats: the
 * report module's blocks (the brief first, the same words and limits as every surface) under
 * a heading that names the sheet and the time.
 */
export function summaryBlocks(outcome: RefreshOutcome, at: Date): ReportBlock[] {
  return headed(reportBlocks(outcome), outcome.summary.sheet, at);
}

/**
 * The summary of a refresh the pane did not run, read back from the workbook's history: the
 * report module's words for what the history keeps (keptRefreshBlocks), under the same heading.
 */
export function keptSummaryBlocks(kept: KeptRefresh, at: Date): ReportBlock[] {
  return headed(keptRefreshBlocks(kept), kept.sheet, at);
}

/** The brief's lines under a heading naming the sheet and the time; empty blocks left out. */
function headed(blocks: readonly ReportBlock[], sheet: string, at: Date): ReportBlock[] {
  const [brief, ...rest] = blocks;
  return [
    { heading: SUMMARY_COPY_TEXT.heading(sheet, refreshedAt(at)), lines: brief!.lines },
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
export function summaryHtml(blocks: readonly ReportBlock[]): string {
  const [first, ...rest] = blocks;
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
export function summaryText(blocks: readonly ReportBlock[]): string {
  return blocks
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
  blocks: readonly ReportBlock[],
  clipboard: ClipboardLike = navigator.clipboard,
): Promise<'html' | 'text'> {
  const text = summaryText(blocks);
  if (clipboard.write && typeof ClipboardItem !== 'undefined') {
    try {
      await clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([summaryHtml(blocks)], { type: 'text/html' }),
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
