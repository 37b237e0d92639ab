/**
 * Since last refresh: the initiatives whose role changed and those added, each a link to its
 * cell.
 */

import { Link, Text } from '@fluentui/react-components';
import { BRIEF_TEXT } from '../core/messages';
import type { RoleChange, Summary } from '../core/model';
import { formatShare } from '../core/report';
import { formatCount } from './labels';
import { useResultStyles } from './resultStyles';

const CHANGES_SHOWN = 5;

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
  return `Active-role share ${now}, ${move}.`;
}

/** What changed since the last refresh. */
export function Changes({
  changes,
  summary,
  onSelect,
}: {
  changes: RoleChange[] | null;
  summary: Pick<Summary, 'activeShare' | 'trend'>;
  onSelect: (c: RoleChange) => void;
}): JSX.Element {
  const styles = useResultStyles();
  const move = shareMove(summary);
  const shown = changes?.slice(0, CHANGES_SHOWN) ?? [];
  return (
    <section className={styles.section} aria-labelledby="changes-heading" data-testid="changes">
      <Text as="h2" id="changes-heading" size={400} weight="semibold" className={styles.heading}>
        Since last refresh
      </Text>
      {move !== null ? <Text data-testid="share-change">{move}</Text> : null}
      {changes === null ? (
        <Text>First refresh of this sheet: there is nothing to compare with yet.</Text>
      ) : changes.length === 0 ? (
        <Text>No initiative changed role and none was added.</Text>
      ) : (
        <>
          <ul className={styles.list}>
            {shown.map((c) => (
              <li key={`${c.sheet}:${c.row}`} className={styles.itemHead}>
                <Link as="button" className={styles.link} onClick={() => onSelect(c)}>
                  {c.name ?? `Row ${c.row + 1}`}
                </Link>
                <Text>{c.from === '' ? `added: ${c.to}` : `${c.from} → ${c.to}`}</Text>
              </li>
            ))}
          </ul>
          {changes.length > CHANGES_SHOWN ? (
            <Text size={200} className={styles.muted}>
              {formatCount(changes.length - CHANGES_SHOWN)} more on the summary sheet.
            </Text>
          ) : null}
        </>
      )}
    </section>
  );
}
