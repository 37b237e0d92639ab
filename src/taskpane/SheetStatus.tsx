/**
 * How each chosen sheet stands before a refresh: ready, needs its columns mapped (with "Map
 * columns", which takes the planner there), or blocked (with the core's sentence). Refresh
 * runs only when every one is ready. A list, so screen readers count the sheets.
 */

import { Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { CheckmarkCircleRegular, ErrorCircleRegular, WarningRegular } from '@fluentui/react-icons';
import { readinessText } from '../core/readiness';
import type { Readiness } from '../core/readiness';
import { PANE_WORDS } from '../core/messages';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  item: {
    display: 'flex',
    alignItems: 'flex-start',
    columnGap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  icon: { flexShrink: 0, fontSize: '16px', marginTop: '2px' },
  ready: { color: tokens.colorPaletteGreenForeground1 },
  mapping: { color: tokens.colorPaletteDarkOrangeForeground1 },
  blocked: { color: tokens.colorPaletteRedForeground1 },
  body: { display: 'flex', flexDirection: 'column', rowGap: '2px', minWidth: 0 },
});

export interface SheetStatusProps {
  chosen: { sheet: string; readiness: Readiness | null }[];
  /** Opens a sheet's column mapping. */
  onMapColumns: (sheet: string) => void;
  disabled: boolean;
}

/** One line per chosen sheet. */
export function SheetStatus({ chosen, onMapColumns, disabled }: SheetStatusProps): JSX.Element {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label="Before refresh" data-testid="sheet-status">
      {chosen.map(({ sheet, readiness }) => (
        <li
          key={sheet}
          className={styles.item}
          data-sheet={sheet}
          data-state={readiness?.kind ?? 'checking'}
        >
          {readiness === null ? null : readiness.kind === 'ready' ? (
            <CheckmarkCircleRegular
              className={mergeClasses(styles.icon, styles.ready)}
              aria-hidden
            />
          ) : readiness.kind === 'needs-mapping' ? (
            <WarningRegular className={mergeClasses(styles.icon, styles.mapping)} aria-hidden />
          ) : (
            <ErrorCircleRegular className={mergeClasses(styles.icon, styles.blocked)} aria-hidden />
          )}
          <span className={styles.body}>
            <Text size={200}>
              {readiness === null
                ? PANE_WORDS.inventory.checking(sheet)
                : readinessText(sheet, readiness)}
            </Text>
            {readiness?.kind === 'needs-mapping' ? (
              <span>
                <Button size="small" disabled={disabled} onClick={() => onMapColumns(sheet)}>
                  {PANE_WORDS.mapColumns}
                </Button>
              </span>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
