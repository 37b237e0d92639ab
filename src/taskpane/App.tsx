/**
 * The task pane: pick the inventory sheet, check the column mapping, refresh, read the result.
 * It gets every action through the RoleMapService prop and never calls Excel itself.
 */

import {
  Button,
  Dropdown,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Option,
  ProgressBar,
  Spinner,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowSyncRegular, DismissRegular, TableAddRegular } from '@fluentui/react-icons';
import { useEffect } from 'react';
import type { FormEvent } from 'react';
import { problem } from '../core/messages';
import { FIELDS, HISTORY_SHEET, SUMMARY_SHEET } from '../core/model';
import type { RoleMapService } from '../core/service';
import { phaseText } from './labels';
import { markInteractive } from './perf';
import { Disclosure } from './Disclosure';
import { MappingList } from './MappingList';
import { Results } from './Results';
import { useRoleMap } from './useRoleMap';
import type { PaneModel } from './useRoleMap';

const useStyles = makeStyles({
  root: {
    boxSizing: 'border-box',
    width: '100%',
    maxWidth: '640px',
    minWidth: 0,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    overflowWrap: 'anywhere',
  },
  header: { display: 'flex', flexDirection: 'column', rowGap: '2px' },
  title: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  full: { minWidth: 0, width: '100%' },
  refresh: { width: '100%' },
  // Fixed height, always present: progress appears and disappears without moving anything.
  progress: {
    minHeight: '40px',
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    rowGap: tokens.spacingVerticalXS,
  },
  hiddenBar: { visibility: 'hidden' },
  results: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    minWidth: 0,
  },
});

export interface AppProps {
  service: RoleMapService;
}

/** The whole task pane over a RoleMapService. */
export function App({ service }: AppProps): JSX.Element {
  const styles = useStyles();
  const [model, actions] = useRoleMap(service);
  const busy = model.progress !== null;
  const nameMissing =
    model.preview?.detection.columns.name.status === 'missing' ||
    model.previewError?.code === 'no-name-column';
  const canRefresh = !model.loading && !busy && model.preview !== null && !nameMissing;

  useEffect(() => {
    if (canRefresh) markInteractive();
  }, [canRefresh]);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (canRefresh) actions.refresh();
  };

  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Text as="h1" size={500} weight="semibold" className={styles.title}>
          IoT Role Map
        </Text>
        <Text size={200} className={styles.muted}>
          The role I&amp;O plays in each IoT initiative, and where to take more ownership.
        </Text>
      </header>

      {model.error ? (
        <MessageBar intent="error" layout="multiline" data-testid="error">
          <MessageBarBody>
            <MessageBarTitle>Could not complete that</MessageBarTitle>
            {model.error.message}
          </MessageBarBody>
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

      {model.loading ? (
        <Spinner size="small" label="Reading the workbook…" />
      ) : (
        <form className={styles.form} onSubmit={submit} aria-label="Refresh the role map">
          <SheetPicker
            model={model}
            onSelect={actions.selectSheet}
            onOpen={actions.reloadSheets}
            disabled={busy}
          />

          {model.noInventory ? (
            <MessageBar intent="info" layout="multiline" data-testid="no-inventory">
              <MessageBarBody>
                No sheet looks like an IoT inventory yet. Create one from the template, or pick a
                sheet and map its columns by hand.
              </MessageBarBody>
              <MessageBarActions>
                <Button icon={<TableAddRegular />} onClick={actions.createInventory}>
                  Create inventory sheet
                </Button>
              </MessageBarActions>
            </MessageBar>
          ) : null}

          {model.previewError &&
          model.previewError.code !== 'no-name-column' &&
          !(model.noInventory && model.previewError.code === 'no-inventory') ? (
            <MessageBar intent="warning" layout="multiline" data-testid="preview-error">
              <MessageBarBody>{model.previewError.message}</MessageBarBody>
              {model.previewError.code === 'mapping-header-not-found' ? (
                <MessageBarActions>
                  <Button onClick={actions.resetMapping}>Reset mapping</Button>
                </MessageBarActions>
              ) : null}
            </MessageBar>
          ) : null}

          {nameMissing && model.sheet !== undefined ? (
            <MessageBar intent="warning" layout="multiline" data-testid="name-missing">
              <MessageBarBody>
                {problem('no-name-column', { sheet: model.sheet }).message} The initiative name is
                the one field a refresh needs.
              </MessageBarBody>
            </MessageBar>
          ) : null}

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

          {model.outcome ? (
            <div className={styles.results} data-testid="results">
              <Results outcome={model.outcome} onSelectCell={actions.selectCell} />
            </div>
          ) : null}

          {model.preview ? (
            <Disclosure
              title={`Column mapping (${mappedCount(model)} of ${FIELDS.length} fields)`}
              defaultOpen
            >
              {model.preview.detection.warnings.map((w) => (
                <Text key={w} size={200}>
                  {w}
                </Text>
              ))}
              <MappingList
                preview={model.preview}
                disabled={busy}
                mapping={model.settings.mapping}
                onChange={actions.setMapping}
              />
              {model.settings.mapping ? (
                <Button appearance="subtle" size="small" onClick={actions.resetMapping}>
                  Detect all columns again
                </Button>
              ) : null}
            </Disclosure>
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
        </form>
      )}
    </main>
  );
}

/** What a refresh will do, shown in the status line before the first one. */
function idleText(model: PaneModel): string {
  if (!model.preview) return '';
  return `Refresh writes the role columns on “${model.preview.detection.sheet}” and rebuilds the ${SUMMARY_SHEET} sheet.`;
}

function mappedCount(model: PaneModel): number {
  const cols = model.preview?.detection.columns;
  return cols ? FIELDS.filter((f) => cols[f].col !== null).length : 0;
}

function SheetPicker({
  model,
  onSelect,
  onOpen,
  disabled,
}: {
  model: PaneModel;
  onSelect: (name: string) => void;
  onOpen: () => void;
  disabled: boolean;
}): JSX.Element {
  const styles = useStyles();
  const describe = (recognised: number): string =>
    recognised === 0
      ? 'no recognised headers'
      : `${recognised} recognised header${recognised === 1 ? '' : 's'}`;
  return (
    <Field label="Inventory sheet" hint="The sheet that lists your IoT initiatives.">
      <Dropdown
        className={styles.full}
        value={model.sheet ?? ''}
        placeholder="Choose a sheet"
        selectedOptions={model.sheet !== undefined ? [model.sheet] : []}
        disabled={disabled || model.sheets.length === 0}
        onOpenChange={(_e, data) => {
          if (data.open) onOpen();
        }}
        onOptionSelect={(_e, data) => {
          if (data.optionValue !== undefined && data.optionValue !== model.sheet) {
            onSelect(data.optionValue);
          }
        }}
      >
        {model.sheets.map((s) => (
          <Option key={s.name} value={s.name} text={s.name}>
            {`${s.name} (${describe(s.recognised)})`}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

function Progress({ model }: { model: PaneModel }): JSX.Element {
  const styles = useStyles();
  const p = model.progress;
  const value = p && p.total > 0 ? Math.min(1, p.done / p.total) : undefined;
  return (
    <div className={styles.progress}>
      <ProgressBar
        className={p ? undefined : styles.hiddenBar}
        thickness="large"
        // Idle: a still, hidden bar (an indeterminate one would animate unseen).
        value={p ? value : 0}
        max={1}
        aria-label="Refresh progress"
      />
      <Text size={200} role="status" aria-live="polite" data-testid="status">
        {p ? phaseText(p) : model.announcement || idleText(model)}
      </Text>
    </div>
  );
}
