/**
 * The result of a refresh, answer first: the active-role share against the article's figures
 * (with what is unclassified and when it was refreshed), where ownership is heading, the counts
 * per role (a real table, so screen readers get the numbers), the top opportunities, what
 * changed since the last refresh, and the data issues grouped by cause. Each part is its own
 * component; this one puts them in order, and does the same for the last refresh read back.
 */

import { MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { LastRefresh } from '../core/last-refresh';
import type { RefreshOutcome } from '../core/results';
import { headline } from '../core/report';
import { Answer } from './Answer';
import { Changes } from './Changes';
import { Issues } from './IssueGroups';
import type { IssueGroup } from './issues';
import { refreshedAt } from './labels';
import { Opportunities } from './Opportunities';
import { Projection } from './Projection';
import { RoleTable } from './RoleTable';
import type { RoleFilterProps } from './RoleTable';
import { PANE_TEXT, PANE_WORDS } from '../core/messages';
import type { StaleReason } from './useRefresh';
import { useResultStyles } from './resultStyles';

export type { Glance } from './Answer';
export type { RoleFilterProps } from './RoleTable';

export interface ResultsProps {
  outcome: RefreshOutcome;
  refreshedAt: Date;
  /** Why the numbers describe an earlier state of the workbook (null: they are current). */
  stale: StaleReason | null;
  onSelectCell: (sheet: string, row: number, col: number) => void;
  onOpenSummary: () => void;
  onCopySummary: () => void;
  /** The role row filters the inventory when given. */
  roleFilter?: RoleFilterProps;
  /**
   * An action beside a group of data issues (the place where "Treat as" lets the user say what
   * an unrecognised value means); nothing when absent.
   */
  renderGroupAction?: (group: IssueGroup) => ReactNode;
}

/** Why the results are out of date, as the banner says it. */
export function staleText(reason: StaleReason): string {
  switch (reason.kind) {
    case 'edited':
      return PANE_TEXT.stale.edited(reason.sheets);
    case 'sheets':
      return PANE_TEXT.stale.sheets;
    case 'mapping':
      return PANE_TEXT.stale.mapping;
    case 'words':
      return PANE_TEXT.stale.words;
  }
}

/** Everything shown after a refresh. */
export function Results(props: ResultsProps): JSX.Element {
  const { outcome, onSelectCell } = props;
  const styles = useResultStyles();
  const sheet = outcome.detection.sheet;
  // Opportunities and rows without a cell of their own select the initiative's name.
  const nameCol = outcome.detection.columns.name.col ?? outcome.plan.inventory.firstCol;
  return (
    <>
      {props.stale ? (
        <MessageBar intent="warning" layout="multiline" data-testid="stale">
          <MessageBarBody>{staleText(props.stale)}</MessageBarBody>
        </MessageBar>
      ) : null}
      <section className={styles.section} aria-label="The brief" data-testid="brief">
        {headline(outcome).map((sentence) => (
          <Text as="p" key={sentence}>
            {sentence}
          </Text>
        ))}
      </section>
      <Answer
        glance={outcome.summary}
        at={props.refreshedAt}
        onOpenSummary={props.onOpenSummary}
        onCopySummary={props.onCopySummary}
      />
      <Projection outcome={outcome} />
      <RoleTable glance={outcome.summary} filter={props.roleFilter} />
      <Opportunities
        summary={outcome.summary}
        onSelect={(r) => onSelectCell(r.sheet ?? sheet, r.row, r.nameCol ?? nameCol)}
      />
      <Changes
        changes={outcome.changes}
        summary={outcome.summary}
        sheet={sheet}
        onSelect={(c) => onSelectCell(c.sheet, c.row, c.nameCol ?? nameCol)}
      />
      <Issues
        rows={outcome.summary.review}
        onSelect={(row, col, on) => onSelectCell(on ?? sheet, row, col ?? nameCol)}
        renderGroupAction={props.renderGroupAction}
      />
    </>
  );
}

export interface LastRefreshProps {
  last: LastRefresh;
  /** Offered only while the summary sheet is still there. */
  onOpenSummary?: () => void;
  /** Offered when the workbook keeps enough of that refresh to render its summary again. */
  onCopySummary?: () => void;
  roleFilter?: RoleFilterProps;
}

/**
 * The last refresh recorded in the workbook, shown when the pane opens and before any refresh
 * of this session: the answer and the counts per role, marked as from that refresh.
 */
export function LastRefreshResults({
  last,
  onOpenSummary,
  onCopySummary,
  roleFilter,
}: LastRefreshProps): JSX.Element {
  return (
    <>
      <MessageBar intent="info" layout="multiline" data-testid="last-refresh">
        <MessageBarBody>
          {PANE_WORDS.results.kept(refreshedAt(last.at), last.sheet, last.changes)}
        </MessageBarBody>
      </MessageBar>
      <Answer
        glance={last}
        at={last.at}
        onOpenSummary={onOpenSummary}
        onCopySummary={onCopySummary}
      />
      <RoleTable glance={last} filter={roleFilter} />
    </>
  );
}
