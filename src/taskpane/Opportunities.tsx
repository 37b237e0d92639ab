/**
 * The top opportunities: each initiative (a link to its cell), its priority, the move from its
 * role to the next, and the recommended action.
 */

import { Badge, Button, Link, Text, mergeClasses } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { RowResult } from '../core/model';
import { useResultStyles } from './resultStyles';

const PRIORITY_COLORS = { High: 'danger', Medium: 'warning', Low: 'informative' } as const;
const OPPORTUNITIES_SHOWN = 5;
/** An action longer than this is cut to two lines, with a button that shows it whole. */
const ACTION_SHORT_CHARS = 90;

/** The first opportunities, highest priority first. */
export function Opportunities({
  rows,
  onSelect,
}: {
  rows: RowResult[];
  onSelect: (r: RowResult) => void;
}): JSX.Element {
  const styles = useResultStyles();
  const top = rows.slice(0, OPPORTUNITIES_SHOWN);
  return (
    <section className={styles.section} aria-labelledby="opps-heading">
      <Text as="h2" id="opps-heading" size={400} weight="semibold" className={styles.heading}>
        Top opportunities
      </Text>
      {top.length === 0 ? (
        <Text>No initiative has a next role for I&amp;O.</Text>
      ) : (
        <ol className={styles.list} data-testid="opportunities">
          {top.map((r) => (
            <li key={`${r.sheet ?? ''}:${r.row}`} className={styles.item}>
              <span className={styles.itemHead}>
                <Link as="button" className={styles.link} onClick={() => onSelect(r)}>
                  {r.initiative.name ?? `Row ${r.row + 1}`}
                </Link>
                {r.priority !== '' ? (
                  <Badge
                    appearance="tint"
                    color={PRIORITY_COLORS[r.priority]}
                    className={styles.nowrap}
                  >
                    {r.priority}
                  </Badge>
                ) : null}
              </span>
              <Text>
                {r.role} → {r.nextRole}
              </Text>
              <Action text={r.action} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * The recommended action: two lines, and a button that expands it in place (keyboard and
 * touch reach it, unlike a hover tooltip).
 */
function Action({ text }: { text: string }): JSX.Element {
  const styles = useResultStyles();
  const [open, setOpen] = useState(false);
  const id = useId();
  const long = text.length > ACTION_SHORT_CHARS;
  return (
    <span className={styles.action}>
      <Text
        id={id}
        size={200}
        className={mergeClasses(styles.muted, long && !open ? styles.clamp : undefined)}
        data-testid="action"
      >
        {text}
      </Text>
      {long ? (
        <Button
          appearance="transparent"
          size="small"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Show less' : 'Show the whole action'}
        </Button>
      ) : null}
    </span>
  );
}
