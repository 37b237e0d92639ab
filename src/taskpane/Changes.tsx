/**
 * Since last refresh: the initiatives whose role changed and those added, each a link to its
 * cell.
 */

import { Link, Text } from '@fluentui/react-components';
import type { RoleChange, Summary } from '../core/results';
import { BRIEF_TEXT, PANE_WORDS } from '../core/messages';
import { changesReport, formatShare } from '../core/report';
import { useResultStyles } from './resultStyles';

/**
 * The active-role share against the refresh before (the history's record), in the report's
 * words: "Active-role share 45%, up from 42% at the last refresh."; null when there is none.
 */
function shareMove(summary: Pick<Summary, 'activeShare' | 'trend'>): string | null {
  const prev = summary.trend?.previous ?? null;
  if (summary.activeShare === null || prev === null || prev.activeShare === null) return null;
  // Compared as shown, as the report does: two shares that read the same are unchanged.
  const now = formatShare(summary.activeShare);
  const before = formatShare(prev.activeShare);
  const move =
    now === before
      ? BRIEF_TEXT.same
      : summary.activeShare > prev.activeShare
        ? BRIEF_TEXT.up(before)
        : BRIEF_TEXT.down(before);
  return PANE_WORDS.results.shareMove(now, move);
}

/** What changed since the last refresh. */
export function Changes({
  changes,
  summary,
  sheet,
  onSelect,
}: {
  changes: RoleChange[] | null;
  summary: Pick<Summary, 'activeShare' | 'trend'>;
  sheet: string;
  onSelect: (c: RoleChange) => void;
}): JSX.Element {
  const styles = useResultStyles();
  const move = shareMove(summary);
  const report = changesReport(changes, sheet);
  return (
    <section className={styles.section} aria-labelledby="changes-heading" data-testid="changes">
      <Text as="h2" id="changes-heading" size={400} weight="semibold" className={styles.heading}>
        {PANE_WORDS.results.since}
      </Text>
      {move !== null ? <Text data-testid="share-change">{move}</Text> : null}
      <Text>{report.headline}</Text>
      {report.items.length > 0 ? (
        <ul className={styles.list}>
          {report.items.map(({ change: c, text }) => (
            <li
              key={`${c.kind}:${c.sheet}:${c.row}:${c.id ?? c.name ?? ''}`}
              className={styles.itemHead}
            >
              {/* A removed initiative has no row to go to any more. */}
              {c.kind === 'removed' ? (
                <Text>{text}</Text>
              ) : (
                <Link as="button" className={styles.link} onClick={() => onSelect(c)}>
                  {text}
                </Link>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {report.more !== null ? (
        <Text size={200} className={styles.muted}>
          {report.more}
        </Text>
      ) : null}
    </section>
  );
}
