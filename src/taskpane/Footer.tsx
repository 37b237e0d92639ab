/**
 * The pane's footer, always in view: what stops or failed the refresh, the one primary action,
 * and the progress (or what a refresh will do) in a polite status line. Refresh is never out of
 * reach and results never push it away.
 */

import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowSyncRegular, DismissRegular, TableAddRegular } from '@fluentui/react-icons';
import { forwardRef } from 'react';
import { SUMMARY_SHEET } from '../core/model';
import type { PreviewBlocker } from '../core/preview';
import { phaseText, progressValue } from './labels';
import { portfolioOf, sheetListText } from './sheets';
import type { PaneActions, PaneModel } from './useRoleMap';

const useStyles = makeStyles({
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
});

export interface FooterProps {
  model: PaneModel;
  actions: PaneActions;
  canRefresh: boolean;
  onMapColumns: () => void;
}

/** Messages, the Refresh button (the form's submit) and the progress. */
export const Footer = forwardRef<HTMLElement, FooterProps>(function Footer(
  { model, actions, canRefresh, onMapColumns },
  ref,
): JSX.Element {
  const styles = useStyles();
  const busy = model.progress !== null;
  return (
    <footer ref={ref} className={styles.footer} data-testid="footer">
      <Messages model={model} actions={actions} onMapColumns={onMapColumns} />
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
  );
});

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
