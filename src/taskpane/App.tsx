/**
 * The task pane: two tabs over one always-visible footer. "Inventory" picks the sheet and
 * checks the column mapping; "Results" leads with the answer. The footer holds the one primary
 * action, what stops it and the progress. This component only lays the parts out and moves
 * between them (tabs, "Map columns", focus); the state lives in useRoleMap.
 * It gets every action through the RoleMapService prop and never calls Excel itself.
 */

import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { InventoryPreview, RoleMapService } from '../core/service';
import type { ClipboardLike } from './copySummary';
import { Footer } from './Footer';
import { InventoryPanel } from './InventoryPanel';
import { markInteractive } from './perf';
import { ResultsPanel } from './ResultsPanel';
import { Tabs } from './Tabs';
import type { TabName } from './Tabs';
import { useRoleMap } from './useRoleMap';
import { PANE_WORDS } from '../core/messages';

const useStyles = makeStyles({
  root: {
    boxSizing: 'border-box',
    width: '100%',
    maxWidth: '640px',
    minWidth: 0,
    minHeight: '100vh',
    display: 'flex',
    flexDirection: 'column',
    overflowWrap: 'anywhere',
  },
  form: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 },
  panel: {
    flexGrow: 1,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    minWidth: 0,
  },
  srOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    margin: 0,
  },
});

export interface AppProps {
  service: RoleMapService;
  /** The clipboard "Copy summary" writes to (the browser's by default). */
  clipboard?: ClipboardLike;
}

/** The whole task pane over a RoleMapService. */
export function App({ service, clipboard }: AppProps): JSX.Element {
  const styles = useStyles();
  const [model, actions] = useRoleMap(service, clipboard);
  const [tab, setTab] = useState<TabName>('inventory');
  const [editing, setEditing] = useState(false);
  const busy = model.progress !== null;
  const canRefresh =
    !model.loading && !busy && model.preview !== null && model.preview.canRefresh && model.allReady;
  const mappingRef = useRef<HTMLDivElement>(null);
  // Focus to move into the mapping: now, once the preview on screen is replaced (Detect
  // again), or once a given sheet's preview is on screen ("Map columns" of another sheet).
  const [focusMapping, setFocusMapping] = useState<{
    after: InventoryPreview | null;
    sheet: string | null;
  } | null>(null);
  const footerRef = useRef<HTMLElement>(null);

  // Whatever gets focus scrolls clear of the sticky footer (WCAG 2.4.11: focus not obscured).
  useEffect(() => {
    const footer = footerRef.current;
    if (!footer || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const fit = (): void => {
      root.style.scrollPaddingBottom = `${footer.offsetHeight + 8}px`;
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(footer);
    return () => {
      observer.disconnect();
      root.style.scrollPaddingBottom = '';
    };
  }, [model.loading]);

  useEffect(() => {
    if (canRefresh) markInteractive();
  }, [canRefresh]);

  // A finished refresh shows its results and lands on the answer: the top of the tab, focus on
  // the share's heading (not wherever the Inventory tab was scrolled to).
  const outcome = model.outcome;
  const [landing, setLanding] = useState(false);
  useEffect(() => {
    if (outcome === null) return;
    setTab('results');
    setLanding(true);
  }, [outcome]);
  useEffect(() => {
    if (!landing || tab !== 'results') return;
    setLanding(false);
    (document.scrollingElement ?? document.documentElement).scrollTop = 0;
    document.getElementById('answer-heading')?.focus({ preventScroll: true });
  }, [landing, tab]);

  // A workbook refreshed before opens on its answer: the last refresh, read back.
  const hasLast = model.lastRefresh !== null;
  useEffect(() => {
    if (hasLast) setTab('results');
  }, [hasLast]);

  // "Map columns", Edit, Detect again: once the mapping is on screen, focus the first field that
  // needs attention (else the first field, else Edit): never the page body.
  useEffect(() => {
    if (focusMapping === null || tab !== 'inventory') return;
    if (focusMapping.after !== null && model.preview === focusMapping.after) return;
    if (focusMapping.sheet !== null && model.preview?.detection.sheet !== focusMapping.sheet)
      return;
    setFocusMapping(null);
    const list = mappingRef.current;
    const target =
      list?.querySelector<HTMLElement>('[data-attention] [role="combobox"]') ??
      list?.querySelector<HTMLElement>('[role="combobox"]') ??
      list?.querySelector<HTMLElement>('button');
    target?.focus();
  }, [focusMapping, tab, model.preview]);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (canRefresh) actions.refresh();
  };
  const mapColumns = (sheet?: string): void => {
    const other = sheet !== undefined && sheet !== model.sheet;
    if (other) actions.selectSheet(sheet);
    setTab('inventory');
    setEditing(true);
    // Another sheet: focus its mapping once its preview replaces the one on screen.
    setFocusMapping({ after: null, sheet: other ? sheet : null });
  };

  return (
    <main className={styles.root}>
      <h1 className={styles.srOnly}>{PANE_WORDS.title}</h1>
      {model.loading ? (
        <div className={styles.panel}>
          <Spinner size="small" label={PANE_WORDS.loading} />
        </div>
      ) : (
        <form className={styles.form} onSubmit={submit} aria-label={PANE_WORDS.form}>
          <Tabs
            tab={tab}
            onSelect={setTab}
            labels={{
              inventory: PANE_WORDS.tabs.inventory,
              results: model.stale ? PANE_WORDS.tabs.resultsStale : PANE_WORDS.tabs.results,
            }}
          />
          <div
            id="panel-inventory"
            role="tabpanel"
            aria-labelledby="tab-inventory"
            // The panel's flex display would override the hidden attribute: only the shown one has it.
            className={tab === 'inventory' ? styles.panel : undefined}
            hidden={tab !== 'inventory'}
          >
            <InventoryPanel
              ref={mappingRef}
              model={model}
              actions={actions}
              editing={editing}
              onEdit={() => mapColumns()}
              onMapColumns={mapColumns}
              onSelectSheet={(name) => {
                actions.selectSheet(name);
                // No inventory yet: a sheet the planner picks is one to map by hand.
                if (model.noInventory) setEditing(true);
              }}
              copyText={async (text) => {
                // Inside async: a host without a clipboard rejects instead of throwing.
                await (clipboard ?? navigator.clipboard).writeText(text);
              }}
              onDetectAgain={() => {
                actions.resetMapping();
                // The button goes with the hand mapping: focus stays in the list.
                setFocusMapping({ after: model.preview, sheet: null });
              }}
            />
          </div>
          <div
            id="panel-results"
            role="tabpanel"
            aria-labelledby="tab-results"
            className={tab === 'results' ? styles.panel : undefined}
            hidden={tab !== 'results'}
            data-testid={model.outcome ? 'results' : undefined}
          >
            <ResultsPanel model={model} actions={actions} />
          </div>
          <Footer
            ref={footerRef}
            model={model}
            actions={actions}
            canRefresh={canRefresh}
            byHand={editing}
            onMapColumns={mapColumns}
          />
        </form>
      )}
    </main>
  );
}
