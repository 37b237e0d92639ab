/**
 * The answer first: the active-role share against the article's figures, what is
 * unclassified, when it was refreshed, and the summary sheet's actions.
 */

import { Button, Text, mergeClasses } from '@fluentui/react-components';
import { CopyRegular, OpenRegular } from '@fluentui/react-icons';
import type { Summary } from '../core/results';
import { PANE_WORDS } from '../core/messages';
import { ARTICLE_FIGURES } from '../core/summary-sheet';
import { formatCount, percent, refreshedAt } from './labels';
import { useResultStyles } from './resultStyles';

/** The figures both a fresh outcome and the last refresh read back can show. */
export type Glance = Pick<
  Summary,
  'sheet' | 'total' | 'classified' | 'counts' | 'shares' | 'activeShare'
>;

/** The share, its scale and the summary's actions. */
export function Answer({
  glance: summary,
  at,
  onOpenSummary,
  onCopySummary,
}: {
  glance: Glance;
  at: Date;
  onOpenSummary: (() => void) | undefined;
  onCopySummary: (() => void) | undefined;
}): JSX.Element {
  const styles = useResultStyles();
  const share = summary.activeShare;
  const low = ARTICLE_FIGURES.activeShare2018;
  const high = ARTICLE_FIGURES.activeShare2020;
  return (
    <section className={styles.section} aria-labelledby="answer-heading" data-testid="answer">
      {/* Focused when results arrive (tabIndex -1: reachable by script, not a tab stop). */}
      <Text
        as="h2"
        id="answer-heading"
        tabIndex={-1}
        size={400}
        weight="semibold"
        className={mergeClasses(styles.heading, styles.landing)}
      >
        {PANE_WORDS.results.heading}
      </Text>
      {share === null ? (
        <Text>{PANE_WORDS.results.noShare}</Text>
      ) : (
        <>
          <div className={styles.answer}>
            <Text className={styles.share} data-testid="active-share">
              {percent(share)}
            </Text>
            <Text>{PANE_WORDS.results.shareMeaning}</Text>
          </div>
          <div
            className={styles.scale}
            role="img"
            aria-label={PANE_WORDS.results.scale(percent(share), percent(low), percent(high))}
          >
            <div className={styles.scaleTrack} />
            <div className={styles.scaleFill} style={{ width: `${Math.min(share, 1) * 100}%` }} />
            {[
              { at: low, label: `${percent(low)} (2018)` },
              { at: high, label: `${percent(high)} (2020)` },
            ].map((t) => (
              <div key={t.at}>
                <div className={styles.tick} style={{ left: `calc(${t.at * 100}% - 1px)` }} />
                <span
                  className={styles.tickLabel}
                  style={
                    t.at < 0.2
                      ? { left: 0 }
                      : { left: `${t.at * 100}%`, transform: 'translateX(-50%)' }
                  }
                >
                  {t.label}
                </span>
              </div>
            ))}
          </div>
        </>
      )}
      <Text size={200} className={styles.muted} data-testid="classified">
        {PANE_WORDS.results.classified(
          formatCount(summary.classified),
          formatCount(summary.total),
          summary.sheet,
          summary.counts.Unclassified > 0 ? formatCount(summary.counts.Unclassified) : null,
          refreshedAt(at),
        )}
      </Text>
      {onOpenSummary || onCopySummary ? (
        <div className={styles.actions}>
          {onOpenSummary ? (
            <Button icon={<OpenRegular />} onClick={onOpenSummary}>
              {PANE_WORDS.results.openSummary}
            </Button>
          ) : null}
          {onCopySummary ? (
            <Button icon={<CopyRegular />} onClick={onCopySummary}>
              {PANE_WORDS.results.copySummary}
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
