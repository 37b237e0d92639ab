/**
 * The pane's two tabs, as the ARIA tabs pattern: one tab stop, arrow keys (and Home/End) move
 * between them and select. Plain buttons: Fluent's TabList adds focus-trap elements (aria-hidden
 * yet focusable) that axe rejects.
 */

import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useRef } from 'react';
import { PANE_WORDS } from '../core/messages';

export type TabName = 'inventory' | 'results';

const TAB_ORDER: readonly TabName[] = ['inventory', 'results'];

const useStyles = makeStyles({
  // Stays in view at the top of the pane, however far a tab is scrolled.
  tabs: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    backgroundColor: tokens.colorNeutralBackground1,
    display: 'flex',
    columnGap: tokens.spacingHorizontalXS,
    paddingInline: tokens.spacingHorizontalS,
    paddingTop: tokens.spacingVerticalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  tab: {
    borderRadius: 0,
    borderBottom: '3px solid transparent',
    fontWeight: tokens.fontWeightRegular,
  },
  tabSelected: {
    borderBottom: `3px solid ${tokens.colorCompoundBrandStroke}`,
    fontWeight: tokens.fontWeightSemibold,
  },
});

export interface TabsProps {
  tab: TabName;
  onSelect: (t: TabName) => void;
  labels: Record<TabName, string>;
}

/** The tab list; each tab controls the panel `panel-<name>`. */
export function Tabs({ tab, onSelect, labels }: TabsProps): JSX.Element {
  const styles = useStyles();
  const refs = useRef<Partial<Record<TabName, HTMLElement | null>>>({});
  const move = (to: TabName): void => {
    onSelect(to);
    refs.current[to]?.focus();
  };
  return (
    <div
      role="tablist"
      aria-label={PANE_WORDS.title}
      className={styles.tabs}
      onKeyDown={(e) => {
        const i = TAB_ORDER.indexOf(tab);
        const n = TAB_ORDER.length;
        const to =
          e.key === 'ArrowRight'
            ? TAB_ORDER[(i + 1) % n]
            : e.key === 'ArrowLeft'
              ? TAB_ORDER[(i + n - 1) % n]
              : e.key === 'Home'
                ? TAB_ORDER[0]
                : e.key === 'End'
                  ? TAB_ORDER[n - 1]
                  : undefined;
        if (to === undefined) return;
        e.preventDefault();
        move(to);
      }}
    >
      {TAB_ORDER.map((t) => (
        <Button
          key={t}
          ref={(el) => {
            refs.current[t] = el;
          }}
          role="tab"
          id={`tab-${t}`}
          aria-selected={tab === t}
          aria-controls={`panel-${t}`}
          tabIndex={tab === t ? 0 : -1}
          appearance="subtle"
          className={mergeClasses(styles.tab, tab === t && styles.tabSelected)}
          onClick={() => onSelect(t)}
        >
          {labels[t]}
        </Button>
      ))}
    </div>
  );
}
