/**
 * Where ownership is heading: the share if I&O takes the High-priority opportunities, and
 * with the Medium ones too.
 */

import { Text } from '@fluentui/react-components';
import type { RefreshOutcome } from '../core/results';
import { projectionLines } from '../core/report';
import { useResultStyles } from './resultStyles';
import { PANE_WORDS } from '../core/messages';

/** The projection of the share. */
export function Projection({ outcome }: { outcome: RefreshOutcome }): JSX.Element {
  const styles = useResultStyles();
  return (
    <section className={styles.section} aria-labelledby="heading-heading">
      <Text as="h2" id="heading-heading" size={400} weight="semibold" className={styles.heading}>
        {PANE_WORDS.results.heading2}
      </Text>
      <ul className={styles.list} data-testid="projection">
        {projectionLines(outcome.summary).map((line) => (
          <li key={line}>
            <Text>{line}</Text>
          </li>
        ))}
      </ul>
    </section>
  );
}
