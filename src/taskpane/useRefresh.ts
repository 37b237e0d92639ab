/**
 * One refresh at a time and what it produced: the progress while it runs, the outcome on
 * screen with when it was computed, whether the workbook or the choices moved on since
 * (stale), and Copy summary of that outcome.
 */

import { useCallback, useRef, useState } from 'react';
import type { MutableRefObject } from 'react';
import { PANE_WORDS, SUMMARY_COPY_TEXT, problem } from '../core/messages';
import { SUMMARY_SHEET } from '../core/domain';
import type { RefreshOutcome } from '../core/results';
import type { RefreshProgress, RoleMapService, RoleMapSettings } from '../core/service';
import type { KeptRefresh } from '../core/report';
import { copySummary, keptSummaryBlocks, summaryBlocks } from './copySummary';
import type { ClipboardLike } from './copySummary';
import type { PaneStatus } from './usePaneStatus';

/** Why results are out of date: sheets edited, or the pane's choices or words changed. */
export type StaleReason =
  | { kind: 'edited'; sheets: readonly string[] }
  | { kind: 'sheets' }
  | { kind: 'mapping' }
  | { kind: 'words' };

export interface RefreshState {
  /** Non-null while a refresh runs. */
  progress: RefreshProgress | null;
  outcome: RefreshOutcome | null;
  /** When the outcome on screen was computed. */
  refreshedAt: Date | null;
  /** Why the outcome on screen no longer describes the workbook (null: it does). */
  stale: StaleReason | null;
  /** True while a refresh runs (for actions that must wait for it). */
  busy: MutableRefObject<boolean>;
  /** Marks the outcome on screen out of date (nothing happens when there is none). */
  markStale: (reason: StaleReason) => void;
  /** Refreshes with these settings; `done(ok)` follows either way. */
  refresh: (run: RoleMapSettings, done?: (ok: boolean) => void) => void;
  /**
   * Copies the summary of the outcome on screen, else of `kept` (a refresh read back from the
   * workbook when the pane opened, at `at`); nothing when there is neither.
   */
  copySummary: (kept?: { kept: KeptRefresh; at: Date } | null) => void;
}

type Status = Pick<PaneStatus, 'setError' | 'setAnnouncement' | 'mounted' | 'fail'>;

/** The refresh and its outcome over a service. */
export function useRefresh(
  service: RoleMapService,
  { setError, setAnnouncement, mounted, fail }: Status,
  clipboard?: ClipboardLike,
): RefreshState {
  const [progress, setProgress] = useState<RefreshProgress | null>(null);
  const [outcome, setOutcome] = useState<RefreshOutcome | null>(null);
  const [refreshedAt, setRefreshedAt] = useState<Date | null>(null);
  const [stale, setStale] = useState<StaleReason | null>(null);
  const busy = useRef(false);
  const outcomeRef = useRef(outcome);
  outcomeRef.current = outcome;

  const markStale = useCallback((reason: StaleReason): void => {
    if (outcomeRef.current === null) return;
    setStale((before) =>
      // Edits add up: the banner names every sheet edited since the refresh.
      reason.kind === 'edited' && before?.kind === 'edited'
        ? { kind: 'edited', sheets: [...new Set([...before.sheets, ...reason.sheets])] }
        : before !== null && before.kind !== 'edited' && reason.kind === 'edited'
          ? before
          : reason,
    );
  }, []);

  const refresh = useCallback(
    (run: RoleMapSettings, done?: (ok: boolean) => void): void => {
      if (busy.current) return;
      busy.current = true;
      setError(null);
      setAnnouncement('');
      setProgress({ phase: 'reading', done: 0, total: 0 });
      let ok = false;
      Promise.resolve()
        .then(() =>
          service.refresh(run, (p) => {
            if (mounted.current) setProgress(p);
          }),
        )
        .then((result) => {
          if (!mounted.current) return;
          ok = true;
          setOutcome(result);
          setRefreshedAt(new Date());
          setStale(null);
          // The counts follow just below; the status line says what changed in the workbook.
          setAnnouncement(PANE_WORDS.announce.refreshed(result.summary.sheet, SUMMARY_SHEET));
        })
        .catch(fail)
        .finally(() => {
          busy.current = false;
          if (!mounted.current) return;
          setProgress(null);
          done?.(ok);
        });
    },
    [service, setError, setAnnouncement, mounted, fail],
  );

  const copy = useCallback(
    (kept?: { kept: KeptRefresh; at: Date } | null): void => {
      const blocks =
        outcome !== null && refreshedAt !== null
          ? summaryBlocks(outcome, refreshedAt)
          : kept
            ? keptSummaryBlocks(kept.kept, kept.at)
            : null;
      if (blocks === null) return;
      setError(null);
      copySummary(blocks, clipboard)
        .then((kind) => {
          if (!mounted.current) return;
          setAnnouncement(
            kind === 'html' ? SUMMARY_COPY_TEXT.copiedHtml : SUMMARY_COPY_TEXT.copiedText,
          );
        })
        .catch(() => fail(problem('copy-failed', { sheet: SUMMARY_SHEET })));
    },
    [outcome, refreshedAt, clipboard, setError, setAnnouncement, mounted, fail],
  );

  return {
    progress,
    outcome,
    refreshedAt,
    stale,
    busy,
    markStale,
    refresh,
    copySummary: copy,
  };
}
