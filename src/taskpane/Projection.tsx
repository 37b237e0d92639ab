/**
 * Where ownership is heading: the share if I&O takes the High-priority opportunities, and
 * with the Medium ones too.
 */

import { Text } from '@fluentui/react-components';
import type { RefreshOutcome } from '../core/model';
import { formatCount, percent } from './labels';
import { useResultStyles } from './resultStyles';

/** The projection of the share. */
export function Projection({ outcome }: { outcome: RefreshOutcome }): JSX.Element {
  const styles = useResultStyles();
  const { high, highAndMedium } = outcome.summary.projection;
  const share = (s: number | null): string => (s === null ? '–' : percent(s));
  return (
    <section className={styles.section} aria-labelledby="heading-heading">
      <Text as="h2" id="heading-heading" size={400} weight="semibold" className={styles.heading}>
        Where ownership is heading
      </Text>
      <ul className={styles.list} data-testid="projection">
        <li>
          <Text>
            <Text weight="semibold">{share(high.activeShare)}</Text> if I&amp;O takes the{' '}
            {formatCount(high.count)} High-priority{' '}
            {high.count === 1 ? 'opportunity' : 'opportunities'}
          </Text>
        </li>
        <li>
          <Text>
            <Text weight="semibold">{share(highAndMedium.activeShare)}</Text> with the Medium ones
            too ({formatCount(highAndMedium.count)} in all)
          </Text>
        </li>
      </ul>
    </section>
  );
}
