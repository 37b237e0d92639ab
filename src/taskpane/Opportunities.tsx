/**
 * The top opportunities: each initiative (a link to its cell), its priority, the move from its
 * role to the next, and the recommended action.
 */

import { Badge, Button, Link, Text, mergeClasses } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { RowResult, Summary } from '../core/results';
import { opportunities } from '../core/report';
import { useResultStyles } from './resultStyles';
import { PANE_WORDS } from '../core/messages';

const PRIORITY_COLORS = { High: 'danger', Medium: 'warning', Low: 'informative' } as const;
/** An action longer than this is cut to two lines, with a button that shows it whole. */
const ACTION_SHORT_CHARS = 90;

/** The first opportunities, highest priority first. */
export function Opportunities({
  summary,
  onSelect,
}: {
  summary: Summary;
  onSelect: (r: RowResult) => void;
}): JSX.Element {
  const styles = useResultStyles();
  // Words and limits ("top 10 of N", short actions) from the report module, as on every surface.
  const { heading, items } = opportunities(summary);
  return (
    <section className={styles.section} aria-labelledby="opps-heading">
      <Text as="h2" id="opps-heading" size={400} weight="semibold" className={styles.heading}>
        {heading}
      </Text>
      {items.length === 0 ? (
        <Text>{PANE_WORDS.results.noOpportunity}</Text>
      ) : (
        <ol className={styles.list} data-testid="opportunities">
          {items.map(({ row: r, label, facts, move, action }) => (
            <li key={`${r.sheet ?? ''}:${r.row}`} className={styles.item}>
              <span className={styles.itemHead}>
                <Link as="button" className={styles.link} onClick={() => onSelect(r)}>
                  {label}
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
              <Text>{move}</Text>
              <Text size={200} className={styles.muted}>
                {facts}
              </Text>
              <Action short={action} full={r.action} />
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
function Action({ short, full }: { short: string; full: string }): JSX.Element {
  const styles = useResultStyles();
  const [open, setOpen] = useState(false);
  const id = useId();
  // The report module's short form, or a long action cut to two lines: either expands.
  const more = short !== full || full.length > ACTION_SHORT_CHARS;
  return (
    <span className={styles.action}>
      <Text
        id={id}
        size={200}
        className={mergeClasses(styles.muted, more && !open ? styles.clamp : undefined)}
        data-testid="action"
      >
        {open ? full : short}
      </Text>
      {more ? (
        <Button
          appearance="transparent"
          size="small"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen(!open)}
        >
          {open ? PANE_WORDS.results.showLess : PANE_WORDS.results.showAction}
        </Button>
      ) : null}
    </span>
  );
}
