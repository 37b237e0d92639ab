/**
 * The pane's state and actions over a RoleMapService, put together from focused hooks: the
 * status (failure, announcement), the saved settings, the preview of the sheet on screen, the
 * sheets and choices (useInventory), the refresh and its outcome, the role filter and the
 * workbook's words. Components render this model and call its actions; nothing here touches
 * Excel. Every failure ends as a sentence in `error` (or `previewError`), never only in a log.
 */

import { useMemo } from 'react';
import { hasInventory } from '../core/preview';
import { SUMMARY_SHEET } from '../core/domain';
import type { RoleOrUnclassified } from '../core/domain';
import type { RefreshOutcome } from '../core/results';
import type {
  InventoryPreview,
  RefreshProgress,
  RoleMapService,
  RoleMapSettings,
} from '../core/service';
import type { SheetChoice } from '../core/service';
import type { ClipboardLike } from './copySummary';
import { useInventory } from './useInventory';
import type { InventoryActions, InventoryState } from './useInventory';
import { usePaneStatus } from './usePaneStatus';
import type { ShownError } from './usePaneStatus';
import { usePreview } from './usePreview';
import { useRefresh } from './useRefresh';
import { useRoleFilter } from './useRoleFilter';
import type { RoleFilterState } from './useRoleFilter';
import { useSettings } from './useSettings';
import { useWords } from './useWords';
import { useFollowWorkbook } from './useFollowWorkbook';
import { useNotices } from './useNotices';
import type { StaleReason } from './useRefresh';
import { readinessOf } from '../core/readiness';
import type { Readiness } from '../core/readiness';
import { portfolioOf } from './sheets';
import type { WordActions } from './useWords';

export type { ShownError } from './usePaneStatus';

export interface PaneModel {
  loading: boolean;
  sheets: SheetChoice[];
  settings: RoleMapSettings;
  /** The inventory sheet the pane works on (undefined only when the workbook has no sheet). */
  sheet: string | undefined;
  preview: InventoryPreview | null;
  /** Why the chosen sheet cannot be previewed (no inventory, no name column, …). */
  previewError: ShownError | null;
  /** Non-null while a refresh runs. */
  progress: RefreshProgress | null;
  outcome: RefreshOutcome | null;
  /** When the outcome on screen was computed. */
  refreshedAt: Date | null;
  /** The workbook or the choices changed since the outcome on screen: it no longer describes them. */
  stale: boolean;
  /** Why the outcome on screen is out of date (null: it is not). */
  staleReason: StaleReason | null;
  /**
   * Every chosen sheet (the one on screen first when it is chosen) and how it stands: ready,
   * needs mapping, blocked; null while it is being checked.
   */
  chosen: { sheet: string; readiness: Readiness | null }[];
  /** Every chosen sheet is ready: Refresh may run. */
  allReady: boolean;
  /** What the last mapping change did beyond the field it set. */
  mappingNote: string | null;
  /** The header row the user picked on this sheet (saved per sheet), if any. */
  headerRow: number | undefined;
  /** The last failed action, shown in a MessageBar until dismissed or superseded. */
  error: ShownError | null;
  /** True when no sheet has enough recognised headers to be an inventory. */
  noInventory: boolean;
  /** A polite announcement for screen readers (refresh finished, sheet created, …). */
  announcement: string;
  lastRefresh: InventoryState['lastRefresh'];
  roleFilter: RoleFilterState['roleFilter'];
  /**
   * The sheets the role row filters (every inventory sheet of the portfolio), when the host can
   * filter them all; empty: the role row is plain text.
   */
  filterSheets: readonly string[];
  /** A role filter is being applied or cleared. */
  filtering: boolean;
  /**
   * A sentence the planner is owed before anything else: the ribbon's notice, or that the
   * action just asked for will clear a sort Excel cannot put back (it runs on the next click).
   */
  notice: string | null;
}

export interface PaneActions extends InventoryActions, WordActions {
  refresh: () => void;
  selectCell: (sheet: string, row: number, col: number) => void;
  dismissError: () => void;
  dismissNotice: () => void;
  /** Activates the summary sheet. */
  openSummary: () => void;
  /** Puts a short summary of the outcome on screen on the clipboard. */
  copySummary: () => void;
  /** Shows only one role's rows on the inventory sheet (null: every role again). */
  filterRole: (role: RoleOrUnclassified | null) => void;
}

/** State and actions of the task pane over a RoleMapService. */
export function useRoleMap(
  service: RoleMapService,
  clipboard?: ClipboardLike,
): [PaneModel, PaneActions] {
  const status = usePaneStatus();
  const { setError, mounted, fail } = status;
  const settings = useSettings(service, fail);
  const preview = usePreview(service, mounted);
  const run = useRefresh(service, status, clipboard);
  const [inventory, inventoryActions] = useInventory(service, status, {
    settings,
    preview,
    markStale: run.markStale,
  });
  const filter = useRoleFilter(service, status, {
    outcome: run.outcome,
    lastRefresh: inventory.lastRefresh,
    sheets: inventory.sheets,
    busy: run.busy,
  });
  const follow = useFollowWorkbook(service, status, {
    sheet: inventory.sheet,
    settings: settings.settings,
    settingsRef: settings.settingsRef,
    setSheets: inventory.setSheets,
    loadPreview: preview.loadPreview,
    busy: run.busy,
    outcome: run.outcome,
    markStale: run.markStale,
  });
  const notices = useNotices(service, status);
  const words = useWords(status, {
    settingsRef: settings.settingsRef,
    save: settings.save,
    markStale: run.markStale,
  });

  const { sheet } = inventory;
  const { settingsRef } = settings;
  const { refresh, copySummary } = run;
  const { filterRole } = filter;
  const { refreshed } = follow;
  const { sayFirst, dismissNotice } = notices;
  const { filterSheets } = filter;
  const { lastRefresh } = inventory;
  const actions = useMemo<PaneActions>(
    () => ({
      ...inventoryActions,
      ...words,
      refresh() {
        const settingsNow: RoleMapSettings = { ...settingsRef.current };
        if (sheet !== undefined) settingsNow.sheet = sheet;
        // Where the host cannot put a sort back, the planner hears it before it is cleared.
        void sayFirst(portfolioOf(settingsNow, sheet)).then((said) => {
          if (!said) refresh(settingsNow, refreshed);
        });
      },
      selectCell(target, row, col) {
        service.selectCell(target, row, col).catch(fail);
      },
      openSummary() {
        service.selectCell(SUMMARY_SHEET, 0, 0).catch(fail);
      },
      dismissError() {
        setError(null);
      },
      dismissNotice,
      copySummary() {
        // The outcome on screen, else the refresh read back from the workbook.
        const kept = lastRefresh?.kept ?? null;
        copySummary(kept === null || !lastRefresh ? null : { kept, at: lastRefresh.last.at });
      },
      filterRole(role) {
        // Showing every role again clears the filter, and with it a sort on an older host.
        if (role !== null) filterRole(role);
        else
          void sayFirst(filterSheets).then((said) => {
            if (!said) filterRole(null);
          });
      },
    }),
    [
      inventoryActions,
      words,
      settingsRef,
      sheet,
      refresh,
      refreshed,
      service,
      fail,
      setError,
      copySummary,
      filterRole,
      sayFirst,
      dismissNotice,
      filterSheets,
      lastRefresh,
    ],
  );

  const noInventory = !inventory.loading && !hasInventory(inventory.sheets);
  const onScreen: Readiness | null =
    preview.preview !== null || preview.previewError !== null
      ? readinessOf(preview.preview, preview.previewError)
      : null;
  const chosen = portfolioOf(settings.settings, sheet).map((name) => ({
    sheet: name,
    readiness: name === sheet ? onScreen : (follow.others[name] ?? null),
  }));
  const allReady = chosen.length > 0 && chosen.every((c) => c.readiness?.kind === 'ready');

  return [
    {
      loading: inventory.loading,
      sheets: inventory.sheets,
      settings: settings.settings,
      sheet,
      preview: preview.preview,
      previewError: preview.previewError,
      progress: run.progress,
      outcome: run.outcome,
      refreshedAt: run.refreshedAt,
      stale: run.stale !== null,
      staleReason: run.stale,
      chosen,
      allReady,
      mappingNote: inventory.mappingNote,
      headerRow: inventory.headerRow,
      error: status.error,
      noInventory,
      announcement: status.announcement,
      lastRefresh: inventory.lastRefresh,
      roleFilter: filter.roleFilter,
      filterSheets: filter.filterSheets,
      filtering: filter.filtering,
      notice: notices.notice,
    },
    actions,
  ];
}
