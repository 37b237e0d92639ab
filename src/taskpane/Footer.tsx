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
import { SUMMARY_SHEET } from '../core/domain';
import { PANE_TEXT, PANE_WORDS } from '../core/messages';
import { footerMessage } from './footerMessage';
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
  more: { color: tokens.colorNeutralForeground2 },
});

export interface FooterProps {
  model: PaneModel;
  actions: PaneActions;
  canRefresh: boolean;
  /** The planner is mapping the sheet on screen by hand. */
  byHand: boolean;
  /** Opens the column mapping of a chosen sheet. */
  onMapColumns: (sheet: string) => void;
}

/** Messages, the Refresh button (the form's submit) and the progress. */
export const Footer = forwardRef<HTMLElement, FooterProps>(function Footer(
  { model, actions, canRefresh, byHand, onMapColumns },
  ref,
): JSX.Element {
  const styles = useStyles();
  const busy = model.progress !== null;
  return (
    <footer ref={ref} className={styles.footer} data-testid="footer">
      <Messages model={model} actions={actions} byHand={byHand} onMapColumns={onMapColumns} />
      <Button
        type="submit"
        appearance="primary"
        size="large"
        className={styles.refresh}
        icon={<ArrowSyncRegular />}
        disabled={!canRefresh}
        disabledFocusable={busy}
      >
        {PANE_WORDS.refresh}
      </Button>
      <Progress model={model} />
    </footer>
  );
});

/**
 * What stops or failed the refresh, beside the button: one message at a time, the most
 * important first (footerMessage.ts), with its fix. Each MessageBar is announced through
 * Fluent's AriaLiveAnnouncer (errors assertively).
 */
function Messages({
  model,
  actions,
  byHand,
  onMapColumns,
}: {
  model: PaneModel;
  actions: PaneActions;
  byHand: boolean;
  onMapColumns: (sheet: string) => void;
}): JSX.Element | null {
  const styles = useStyles();
  const { message, more } = footerMessage({ ...model, byHand });
  if (message === null) return null;
  const after =
    more > 0 ? (
      <Text size={200} className={styles.more} data-testid="more-messages">
        {PANE_TEXT.moreToFix(more)}
      </Text>
    ) : null;
  switch (message.kind) {
    case 'error':
      return (
        <>
          <Dismissible intent="error" testId="error" onDismiss={actions.dismissError}>
            {message.message}
          </Dismissible>
          {after}
        </>
      );
    case 'notice':
      return (
        <>
          <Dismissible intent="warning" testId="notice" onDismiss={actions.dismissNotice}>
            {message.message}
          </Dismissible>
          {after}
        </>
      );
    case 'no-inventory':
      return (
        <>
          <MessageBar intent="info" layout="multiline" data-testid="no-inventory">
            <MessageBarBody>{PANE_TEXT.noInventory}</MessageBarBody>
            <MessageBarActions>
              <Button icon={<TableAddRegular />} onClick={actions.createInventory}>
                {PANE_WORDS.createInventory}
              </Button>
            </MessageBarActions>
          </MessageBar>
          {after}
        </>
      );
    case 'preview-error':
      return (
        <>
          <MessageBar intent="warning" layout="multiline" data-testid="preview-error">
            <MessageBarBody>{message.message}</MessageBarBody>
            {message.code === 'mapping-header-not-found' ? (
              <MessageBarActions>
                <Button onClick={actions.resetMapping}>{PANE_WORDS.resetMapping}</Button>
              </MessageBarActions>
            ) : null}
          </MessageBar>
          {after}
        </>
      );
    case 'blocker': {
      const target = message.mapSheet;
      return (
        <>
          <MessageBar
            intent={message.intent}
            layout="multiline"
            data-testid={`blocker-${message.code ?? 'unknown'}`}
          >
            <MessageBarBody>{message.message}</MessageBarBody>
            {target !== null ? (
              <MessageBarActions>
                <Button onClick={() => onMapColumns(target)}>
                  {target === model.sheet ? PANE_WORDS.mapColumns : PANE_WORDS.mapColumnsOf(target)}
                </Button>
              </MessageBarActions>
            ) : null}
          </MessageBar>
          {after}
        </>
      );
    }
  }
}

/** What a refresh will do, shown in the status line while nothing runs. */
function idleText(model: PaneModel): string {
  if (!model.preview || model.error || !model.preview.canRefresh || !model.allReady) return '';
  // Several sheets refresh together: the sentence names every one, not only the one on screen.
  const several = portfolioOf(model.settings, model.sheet);
  const names = several.length > 1 ? several : [model.preview.detection.sheet];
  return PANE_WORDS.willWrite(sheetListText(names), SUMMARY_SHEET);
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
        aria-label={PANE_WORDS.progress}
      />
      <Text size={200} role="status" aria-live="polite" data-testid="status">
        {p ? phaseText(p) : model.announcement || idleText(model)}
      </Text>
    </div>
  );
}

/** A message the planner can dismiss: the error of the last attempt, or a notice. */
function Dismissible(props: {
  intent: 'error' | 'warning';
  testId: string;
  onDismiss: () => void;
  children: string;
}): JSX.Element {
  return (
    <MessageBar intent={props.intent} layout="multiline" data-testid={props.testId}>
      <MessageBarBody>{props.children}</MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button
            appearance="transparent"
            aria-label={PANE_WORDS.dismiss}
            icon={<DismissRegular />}
            onClick={props.onDismiss}
          />
        }
      />
    </MessageBar>
  );
}
