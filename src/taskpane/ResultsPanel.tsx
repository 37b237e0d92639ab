/**
 * The Results tab: this session's outcome, else the last refresh recorded in the workbook, else
 * a sentence saying what a refresh will show here.
 */

import { Text } from '@fluentui/react-components';
import { SUMMARY_SHEET } from '../core/domain';
import { PANE_WORDS } from '../core/messages';
import { LastRefreshResults, Results } from './Results';
import type { RoleFilterProps } from './Results';
import { sameSheets } from './sheets';
import { TreatAs } from './Words';
import type { PaneActions, PaneModel } from './useRoleMap';

export interface ResultsPanelProps {
  model: PaneModel;
  actions: PaneActions;
}

/** What the Results tab shows. */
export function ResultsPanel({ model, actions }: ResultsPanelProps): JSX.Element {
  const busy = model.progress !== null;
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
  if (model.outcome && model.refreshedAt) {
    return (
      <Results
        outcome={model.outcome}
        refreshedAt={model.refreshedAt}
        stale={model.staleReason}
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
    );
  }
  if (model.lastRefresh) {
    return (
      <LastRefreshResults
        last={model.lastRefresh.last}
        {...(model.lastRefresh.summaryExists ? { onOpenSummary: actions.openSummary } : {})}
        {...(model.lastRefresh.kept ? { onCopySummary: actions.copySummary } : {})}
        {...(roleFilter ? { roleFilter } : {})}
      />
    );
  }
  return <Text>{PANE_WORDS.results.none(SUMMARY_SHEET)}</Text>;
}
