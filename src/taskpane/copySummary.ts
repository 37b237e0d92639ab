/**
 * "Copy summary": a short summary of the last refresh (active share and where it is heading,
 * counts per role, top opportunities, changes since the last refresh) put on the clipboard as
 * HTML, for an e-mail or a slide, with a plain-text twin for places that take only text.
 */

import { ROLES_AND_UNCLASSIFIED } from '../core/model';
import type { RefreshOutcome } from '../core/model';
import { ARTICLE_FIGURES } from '../core/summary-sheet';
import { formatCount, percent, refreshedAt } from './labels';

/** How many opportunities and changes the copied summary lists. */
const COPY_LIMITS = { opportunities: 5, changes: 5 } as const;

interface Block {
  heading: string;
  lines: string[];
}

function share(s: number | null): string {
  return s === null ? 'no share yet (nothing classified)' : percent(s);
}

/** The summary as headed blocks of sentences: the one source of both clipboard formats. */
export function summaryBlocks(outcome: RefreshOutcome, at: Date): Block[] {
  const s = outcome.summary;
  const { high, highAndMedium } = s.projection;
  const blocks: Block[] = [
    {
      heading: `IoT Role Map: ${s.sheet}, refreshed ${refreshedAt(at)}`,
      lines: [
        `I&O active-role share: ${share(s.activeShare)} of ${formatCount(s.classified)} classified initiatives (Gartner: ${percent(ARTICLE_FIGURES.activeShare2018)} of I&O teams in 2018, ${percent(ARTICLE_FIGURES.activeShare2020)} expected by 2020).`,
        `Where ownership is heading: ${share(high.activeShare)} if I&O takes the ${formatCount(high.count)} High-priority opportunities; ${share(highAndMedium.activeShare)} with the Medium ones too (${formatCount(highAndMedium.count)}).`,
      ],
    },
    {
      heading: 'Initiatives per role',
      lines: ROLES_AND_UNCLASSIFIED.filter(
        (r) => r !== 'Unclassified' || s.counts.Unclassified > 0,
      ).map((r) => `${r}: ${formatCount(s.counts[r])}`),
    },
  ];
  const top = s.topOpportunities.slice(0, COPY_LIMITS.opportunities);
  if (top.length > 0) {
    blocks.push({
      heading: 'Top opportunities',
      lines: top.map(
        (r) =>
          `${r.initiative.name ?? `Row ${r.row + 1}`} (${r.priority}): ${r.role} → ${r.nextRole}. ${r.action}`,
      ),
    });
  }
  const changes = outcome.changes;
  blocks.push({
    heading: 'Since the last refresh',
    lines:
      changes === null
        ? ['First refresh of this sheet: nothing to compare yet.']
        : changes.length === 0
          ? ['No initiative changed role.']
          : [
              ...changes
                .slice(0, COPY_LIMITS.changes)
                .map(
                  (c) =>
                    `${c.name ?? `Row ${c.row + 1}`}: ${c.from === '' ? `added as ${c.to}` : `${c.from} → ${c.to}`}`,
                ),
              ...(changes.length > COPY_LIMITS.changes
                ? [
                    `…and ${formatCount(changes.length - COPY_LIMITS.changes)} more on the summary sheet.`,
                  ]
                : []),
            ],
  });
  return blocks;
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
