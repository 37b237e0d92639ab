/**
 * The task pane: two tabs over one always-visible footer. "Inventory" picks the sheet and
 * checks the column mapping; "Results" leads with the answer. The footer holds the one primary
 * action, what stops it (said as soon as the sheet is chosen, announced), and the progress, so
 * Refresh is never out of reach and results never push it away.
 * It gets every action through the RoleMapService prop and never calls Excel itself.
 */

import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  Spinner,
  Switch,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { Dropdown, Option } from './dropdown';
import { ArrowSyncRegular, DismissRegular, TableAddRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { HISTORY_SHEET, SUMMARY_SHEET } from '../core/model';
import type { PreviewBlocker } from '../core/preview';
import type { RoleMapService } from '../core/service';
import type { ClipboardLike } from './copySummary';
import { phaseText, progressValue } from './labels';
import { markInteractive } from './perf';
import { Disclosure } from './Disclosure';
import { MappingList } from './MappingList';
import { SheetPicker } from './SheetPicker';
import { mappingOf, portfolioOf, sameSheets, sheetListText } from './sheets';
import { LastRefreshResults, Results } from './Results';
import type { RoleFilterProps } from './Results';
import { TreatAs, WordList } from './Words';
import { useRoleMap } from './useRoleMap';
import type { PaneActions, PaneModel } from './useRoleMap';

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
  tabs: {
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
  panel: {
    flexGrow: 1,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    minWidth: 0,
  },
  muted: { color: tokens.colorNeutralForeground2 },
  full: { minWidth: 0, width: '100%' },
  // Always in view at the bottom of the pane: the primary action and what stops it.
  footer: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow4,
  },
  refresh: { width: '100%' },
  // Fixed height, always present: progress appears and disappears without moving anything.
  progress: {
    minHeight: '36px',
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    rowGap: tokens.spacingVerticalXS,
  },
  hiddenBar: { visibility: 'hidden' },
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

type TabName = 'inventory' | 'results';

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
  const canRefresh = !model.loading && !busy && model.preview !== null && model.preview.canRefresh;
  const mappingRef = useRef<HTMLDivElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const [focusMapping, setFocusMapping] = useState(false);
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

  // A finished refresh shows its results: the answer is what the user came for.
  const outcome = model.outcome;
  useEffect(() => {
    if (outcome !== null) setTab('results');
  }, [outcome]);

  // A workbook refreshed before opens on its answer: the last refresh, read back.
  const hasLast = model.lastRefresh !== null;
  useEffect(() => {
    if (hasLast) setTab('results');
  }, [hasLast]);

  const roleFilter: RoleFilterProps | undefined =
    model.filterSheets.length === 0
      ? undefined
      : {
          active: sameSheets(model.roleFilter?.sheets, model.filterSheets)
            ? model.roleFilter!.role
            : null,
          onFilter: actions.filterRole,
          disabled: busy || model.filtering,
        };

  // "Map columns": once the mapping is on screen, focus the first field that needs attention.
  useEffect(() => {
    if (!focusMapping || tab !== 'inventory') return;
    setFocusMapping(false);
    const list = mappingRef.current;
    const target =
      list?.querySelector<HTMLElement>('[data-attention] [role="combobox"]') ??
      list?.querySelector<HTMLElement>('[role="combobox"]');
    target?.focus();
  }, [focusMapping, tab, model.preview]);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (canRefresh) actions.refresh();
  };
  const mapColumns = (): void => {
    setTab('inventory');
    setEditing(true);
    setFocusMapping(true);
  };

  return (
    <main className={styles.root}>
      <h1 className={styles.srOnly}>IoT Role Map</h1>
      {model.loading ? (
        <div className={styles.panel}>
          <Spinner size="small" label="Reading the workbook…" />
        </div>
      ) : (
        <form className={styles.form} onSubmit={submit} aria-label="Refresh the role map">
          <Tabs
            tab={tab}
            onSelect={setTab}
            labels={{
              inventory: 'Inventory',
              results: model.stale ? 'Results (out of date)' : 'Results',
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
            <SheetPicker
              model={model}
              onSelect={actions.selectSheet}
              onOpen={actions.reloadSheets}
              onInclude={actions.includeSheet}
              disabled={busy}
            />
            {model.preview?.headerRow.choosable ? (
              <HeaderRowPicker model={model} onSelect={actions.setHeaderRow} disabled={busy} />
            ) : null}
            {model.preview ? (
              <section aria-labelledby="mapping-heading">
                <Text
                  as="h2"
                  id="mapping-heading"
                  size={400}
                  weight="semibold"
                  style={{ margin: 0 }}
                >
                  Column mapping
                </Text>
                <div
                  ref={mappingRef}
                  style={{
                    display: 'flex',
                    flexDirection: 'column',
                    rowGap: tokens.spacingVerticalS,
                  }}
                >
                  {model.preview.detection.warnings.map((w) => (
                    <Text key={w} size={200}>
                      {w}
                    </Text>
                  ))}
                  {!model.preview.headerRow.choosable &&
                  (editing || !model.preview.detectionGood || model.headerRow !== undefined) ? (
                    <HeaderRowPicker
                      model={model}
                      onSelect={actions.setHeaderRow}
                      disabled={busy}
                    />
                  ) : null}
                  <MappingList
                    ref={editRef}
                    preview={model.preview}
                    disabled={busy}
                    mapping={mappingOf(model.settings, model.sheet)}
                    expanded={editing || !model.preview.detectionGood}
                    onExpand={() => setEditing(true)}
                    onChange={actions.setMapping}
                  />
                  {mappingOf(model.settings, model.sheet) ? (
                    <Button appearance="subtle" size="small" onClick={actions.resetMapping}>
                      Detect all columns again
                    </Button>
                  ) : null}
                </div>
              </section>
            ) : null}
            <Disclosure title="Options">
              <Switch
                checked={model.settings.history}
                disabled={busy}
                label={`Add a row to the "${HISTORY_SHEET}" sheet on each refresh`}
                onChange={(_e, data) => actions.setHistory(data.checked)}
              />
              <Text size={200} className={styles.muted}>
                Settings and the column mapping are saved in this workbook, so the ribbon&apos;s
                Refresh roles button uses them too.
              </Text>
            </Disclosure>
            <Disclosure
              title={`This workbook’s own words (${(model.settings.words ?? []).length})`}
            >
              <WordList
                words={model.settings.words ?? []}
                onForget={actions.forgetWord}
                onImport={actions.importWords}
              />
            </Disclosure>
          </div>

          <div
            id="panel-results"
            role="tabpanel"
            aria-labelledby="tab-results"
            // The panel's flex display would override the hidden attribute: only the shown one has it.
            className={tab === 'results' ? styles.panel : undefined}
            hidden={tab !== 'results'}
            data-testid={model.outcome ? 'results' : undefined}
          >
            {model.outcome && model.refreshedAt ? (
              <Results
                outcome={model.outcome}
                refreshedAt={model.refreshedAt}
                stale={model.stale}
                onSelectCell={actions.selectCell}
                onOpenSummary={actions.openSummary}
                onCopySummary={actions.copySummary}
                roleFilter={roleFilter}
                renderGroupAction={(g) => (
                  <TreatAs
                    group={g}
                    words={model.settings.words ?? []}
                    onTeach={actions.teachWord}
                    onForget={actions.forgetWord}
                    disabled={busy}
                  />
                )}
              />
            ) : model.lastRefresh ? (
              <LastRefreshResults
                last={model.lastRefresh.last}
                {...(model.lastRefresh.summaryExists ? { onOpenSummary: actions.openSummary } : {})}
                {...(roleFilter ? { roleFilter } : {})}
              />
            ) : (
              <Text>
                No results yet in this session. Refresh portfolio writes the roles on the inventory
                sheet, rebuilds the {SUMMARY_SHEET} sheet and shows the answer here.
              </Text>
            )}
          </div>

          <footer ref={footerRef} className={styles.footer} data-testid="footer">
            <Messages model={model} actions={actions} onMapColumns={mapColumns} />
            <Button
              type="submit"
              appearance="primary"
              size="large"
              className={styles.refresh}
              icon={<ArrowSyncRegular />}
              disabled={!canRefresh}
              disabledFocusable={busy}
            >
              Refresh portfolio
            </Button>
            <Progress model={model} />
          </footer>
        </form>
      )}
    </main>
  );
}

const TAB_ORDER: readonly TabName[] = ['inventory', 'results'];

/**
 * The two tabs, as the ARIA tabs pattern: one tab stop, arrow keys (and Home/End) move between
 * them and select. Plain buttons: Fluent's TabList adds focus-trap elements (aria-hidden yet
 * focusable) that axe rejects.
 */
function Tabs({
  tab,
  onSelect,
  labels,
}: {
  tab: TabName;
  onSelect: (t: TabName) => void;
  labels: Record<TabName, string>;
}): JSX.Element {
  const styles = useStyles();
  const refs = useRef<Partial<Record<TabName, HTMLElement | null>>>({});
  const move = (to: TabName): void => {
    onSelect(to);
    refs.current[to]?.focus();
  };
  return (
    <div
      role="tablist"
      aria-label="IoT Role Map"
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

/**
 * What stops or failed the refresh, beside the button: the last failure, the preview's
 * blockers, a saved mapping whose column is gone, or no inventory at all. Each MessageBar is
 * announced through Fluent's AriaLiveAnnouncer (errors assertively).
 */
function Messages({
  model,
  actions,
  onMapColumns,
}: {
  model: PaneModel;
  actions: PaneActions;
  onMapColumns: () => void;
}): JSX.Element {
  const blockers: PreviewBlocker[] = model.preview?.blockers ?? [];
  const previewError = model.previewError;
  return (
    <>
      {model.error ? (
        <MessageBar intent="error" layout="multiline" data-testid="error">
          <MessageBarBody>{model.error.message}</MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                aria-label="Dismiss message"
                icon={<DismissRegular />}
                onClick={actions.dismissError}
              />
            }
          />
        </MessageBar>
      ) : null}

      {model.noInventory ? (
        <MessageBar intent="info" layout="multiline" data-testid="no-inventory">
          <MessageBarBody>
            No sheet looks like an IoT inventory yet. Create one from the template, or pick a sheet
            and map its columns by hand.
          </MessageBarBody>
          <MessageBarActions>
            <Button icon={<TableAddRegular />} onClick={actions.createInventory}>
              Create inventory sheet
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}

      {previewError && !(model.noInventory && previewError.code === 'no-inventory') ? (
        <MessageBar intent="warning" layout="multiline" data-testid="preview-error">
          <MessageBarBody>{previewError.message}</MessageBarBody>
          {previewError.code === 'mapping-header-not-found' ? (
            <MessageBarActions>
              <Button onClick={actions.resetMapping}>Reset mapping</Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ) : null}

      {model.error === null
        ? blockers.map((b) => (
            <MessageBar
              key={b.code}
              intent={b.severity}
              layout="multiline"
              data-testid={`blocker-${b.code}`}
            >
              <MessageBarBody>{b.message}</MessageBarBody>
              {b.action === 'map-columns' ? (
                <MessageBarActions>
                  <Button onClick={onMapColumns}>Map columns</Button>
                </MessageBarActions>
              ) : null}
            </MessageBar>
          ))
        : null}
    </>
  );
}

function HeaderRowPicker({
  model,
  onSelect,
  disabled,
}: {
  model: PaneModel;
  onSelect: (row: number) => void;
  disabled: boolean;
}): JSX.Element | null {
  const styles = useStyles();
  const preview = model.preview;
  if (!preview) return null;
  const row = preview.detection.headerRow;
  const current = preview.headerRow.options.find((o) => o.row === row);
  const detected = preview.headerRow.detected;
  const hint =
    detected === null
      ? 'No row has headers IoT Role Map knows: pick the row that names the columns, then map them.'
      : detected === row
        ? 'Found by its headers. Pick another row if the columns are named elsewhere.'
        : `You picked this row (row ${detected + 1} has the known headers); it is saved in the workbook.`;
  return (
    <Field label="Header row" hint={hint}>
      <Dropdown
        className={styles.full}
        value={current?.label ?? `Row ${row + 1}`}
        selectedOptions={[String(row)]}
        disabled={disabled}
        onOptionSelect={(_e, data) => {
          const next = Number(data.optionValue);
          if (data.optionValue !== undefined && next !== row) onSelect(next);
        }}
      >
        {preview.headerRow.options.map((o) => (
          <Option key={o.row} value={String(o.row)} text={o.label}>
            {o.label}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/** What a refresh will do, shown in the status line while nothing runs. */
function idleText(model: PaneModel): string {
  if (!model.preview || model.error || !model.preview.canRefresh) return '';
  // Several sheets refresh together: the sentence names every one, not only the one on screen.
  const several = portfolioOf(model.settings, model.sheet);
  const names = several.length > 1 ? several : [model.preview.detection.sheet];
  return `Writes the role columns on ${sheetListText(names)} and rebuilds the ${SUMMARY_SHEET} sheet.`;
}

function Progress({ model }: { model: PaneModel }): JSX.Element {
  const styles = useStyles();
  const p = model.progress;
  return (
    <div className={styles.progress}>
      <ProgressBar
        className={p ? undefined : styles.hiddenBar}
        thickness="large"
        // Idle: a still, hidden bar (an indeterminate one would animate unseen). Running: the
        // share of write batches done, else indeterminate (no honest figure to show).
        value={p ? progressValue(p) : 0}
        max={1}
        aria-label="Refresh progress"
      />
      <Text size={200} role="status" aria-live="polite" data-testid="status">
        {p ? phaseText(p) : model.announcement || idleText(model)}
      </Text>
    </div>
  );
}
