/**
 * The answer first: the active-role share against the article's figures, what is
 * unclassified, when it was refreshed, and the summary sheet's actions.
 */

import { Button, Text, mergeClasses } from '@fluentui/react-components';
import { CopyRegular, OpenRegular } from '@fluentui/react-icons';
import type { Summary } from '../core/results';
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
        I&amp;O active-role share
      </Text>
      {share === null ? (
        <Text>No initiative could be classified yet, so there is no share to show.</Text>
      ) : (
        <>
          <div className={styles.answer}>
            <Text className={styles.share} data-testid="active-share">
              {percent(share)}
            </Text>
            <Text>of classified initiatives have I&amp;O as driver, implementer or operator.</Text>
          </div>
          <div
            className={styles.scale}
            role="img"
            aria-label={`Active-role share ${percent(share)}; Gartner's reference figures: ${percent(low)} of I&O teams in 2018, ${percent(high)} expected by 2020.`}
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
        {formatCount(summary.classified)} of {formatCount(summary.total)} initiatives classified on
        “{summary.sheet}”
        {summary.counts.Unclassified > 0
          ? `, ${formatCount(summary.counts.Unclassified)} unclassified`
          : ''}
        ; refreshed {refreshedAt(at)}. Gartner counts I&amp;O teams; this counts initiatives.
      </Text>
      {onOpenSummary || onCopySummary ? (
        <div className={styles.actions}>
          {onOpenSummary ? (
            <Button icon={<OpenRegular />} onClick={onOpenSummary}>
              Open summary sheet
            </Button>
          ) : null}
          {onCopySummary ? (
            <Button icon={<CopyRegular />} onClick={onCopySummary}>
              Copy summary
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
