/**
 * Since last refresh: the initiatives whose role changed and those added, each a link to its
 * cell.
 */

import { Link, Text } from '@fluentui/react-components';
import type { RoleChange } from '../core/model';
import { formatCount } from './labels';
import { useResultStyles } from './resultStyles';

const CHANGES_SHOWN = 5;

/** What changed since the last refresh. */
export function Changes({
  changes,
  onSelect,
}: {
  changes: RoleChange[] | null;
  onSelect: (c: RoleChange) => void;
}): JSX.Element {
  const styles = useResultStyles();
  const shown = changes?.slice(0, CHANGES_SHOWN) ?? [];
  return (
    <section className={styles.section} aria-labelledby="changes-heading" data-testid="changes">
      <Text as="h2" id="changes-heading" size={400} weight="semibold" className={styles.heading}>
        Since last refresh
      </Text>
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
