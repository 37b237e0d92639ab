/**
 * The pane follows the workbook: it checks the chosen sheets again when Excel reports a change
 * (worksheet edited, protected or unprotected, activated, renamed, added, deleted), when the
 * pane regains focus (hosts without those events, or changes made while it was away), and
 * after a failed refresh. Each check lists the sheets, previews the sheet on screen and every
 * other chosen sheet, clears a failure whose cause is gone, and marks the results out of date
 * when an inventory sheet changed after they were computed.
 */

import { useCallback, useEffect, useRef, useState } from 'react';
import type { MutableRefObject } from 'react';
import type { ProblemCode } from '../core/messages';
import { readinessOf } from '../core/readiness';
import type { Readiness } from '../core/readiness';
import type { RefreshOutcome } from '../core/results';
import type {
  InventoryPreview,
  RoleMapService,
  RoleMapSettings,
  SheetChoice,
  WorkbookChange,
} from '../core/service';
import { mappingOf, portfolioOf } from './sheets';
import { shown } from './usePaneStatus';
import type { PaneStatus } from './usePaneStatus';
import type { PreviewResult } from './usePreview';
import type { StaleReason } from './useRefresh';

/**
 * Failures that describe the workbook, not the run: once a check no longer finds them, the
 * planner has fixed them and the message goes.
 */
const CONDITIONS: readonly ProblemCode[] = [
  'protected-sheet',
  'no-name-column',
  'inventory-empty',
  'output-blocked',
  'sheet-not-found',
  'saved-sheet-missing',
  'mapping-header-not-found',
  'no-inventory',
];

/** Changes arriving this soon after a refresh are its own writes, on hosts that cannot say so. */
const OWN_WRITES_MS = 1500;
/** Several events in a row (typing, pasting) make one check. */
const SETTLE_MS = 200;

export interface FollowState {
  /** Readiness of every chosen sheet that is not on screen (the one on screen has its preview). */
  others: Readonly<Record<string, Readiness>>;
  /** Checks the chosen sheets again now. */
  recheck: () => void;
  /** A refresh finished: its own writes are not the planner's edits. */
  refreshed: (ok: boolean) => void;
}

interface Inputs {
  sheet: string | undefined;
  settings: RoleMapSettings;
  settingsRef: MutableRefObject<RoleMapSettings>;
  setSheets: (list: SheetChoice[]) => void;
  loadPreview: (
    name: string | undefined,
    mapping: RoleMapSettings['mapping'],
    row?: number,
  ) => Promise<PreviewResult | null>;
  busy: MutableRefObject<boolean>;
  outcome: RefreshOutcome | null;
  markStale: (reason: StaleReason) => void;
}

/** What the inventory looks like to a preview: its headers, rows and first values. */
function signature(p: InventoryPreview): string {
  return JSON.stringify([p.detection.headerRow, p.headers, p.rows, p.samples]);
}

/** The sheets an outcome covers. */
function outcomeSheets(outcome: RefreshOutcome): string[] {
  return [outcome.plan.inventory, ...(outcome.plan.moreInventories ?? [])].map((i) => i.sheet);
}

/** Follows the workbook over a service. */
export function useFollowWorkbook(
  service: RoleMapService,
  { error, setError, mounted }: Pick<PaneStatus, 'error' | 'setError' | 'mounted'>,
  inputs: Inputs,
): FollowState {
  const [others, setOthers] = useState<Record<string, Readiness>>({});
  const latest = useRef(inputs);
  latest.current = inputs;
  const errorRef = useRef(error);
  errorRef.current = error;
  const seq = useRef(0);
  const quietUntil = useRef(0);
  // The on-screen sheet as the last refresh left it; null: take it at the next check.
  const baseline = useRef<{ sheet: string; signature: string } | null>(null);
  const takeBaseline = useRef(false);

  const check = useCallback(async (): Promise<void> => {
    const mine = ++seq.current;
    const { sheet, settingsRef, setSheets, loadPreview } = latest.current;
    const settings = settingsRef.current;
    const names = portfolioOf(settings, sheet).filter((n) => n !== sheet);
    const [list, onScreen, rest] = await Promise.all([
      service.listSheets().catch(() => null),
      loadPreview(
        sheet,
        mappingOf(settings, sheet),
        sheet ? settings.headerRows?.[sheet] : undefined,
      ),
      Promise.all(names.map((name) => previewOf(service, settings, name))),
    ]);
    if (!mounted.current || mine !== seq.current) return;
    if (list !== null) setSheets(list);
    setOthers(Object.fromEntries(rest));

    // The codes the workbook still shows; a failure whose cause is gone goes with it.
    const present = new Set<ProblemCode>();
    if (onScreen?.preview) onScreen.preview.blockers.forEach((b) => present.add(b.code));
    if (onScreen?.error?.code) present.add(onScreen.error.code);
    for (const [, r] of rest) if (r.kind !== 'ready' && r.code !== null) present.add(r.code);
    const failed = errorRef.current;
    if (failed?.code && CONDITIONS.includes(failed.code) && !present.has(failed.code)) {
      setError(null);
    }

    // The results describe the sheet as the refresh left it; a different sheet is out of date.
    const p = onScreen?.preview;
    if (!p) return;
    const sig = { sheet: p.detection.sheet, signature: signature(p) };
    if (takeBaseline.current) {
      takeBaseline.current = false;
      baseline.current = sig;
      return;
    }
    const base = baseline.current;
    const { outcome, markStale } = latest.current;
    if (
      outcome !== null &&
      base !== null &&
      base.sheet === sig.sheet &&
      base.signature !== sig.signature
    ) {
      markStale({ kind: 'edited', sheets: [sig.sheet] });
      baseline.current = sig;
    }
  }, [service, mounted, setError]);

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const recheck = useCallback((): void => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      // A running refresh reads the workbook itself; the check follows it.
      if (latest.current.busy.current) return;
      void check();
    }, SETTLE_MS);
  }, [check]);

  const refreshed = useCallback(
    (ok: boolean): void => {
      if (ok) {
        quietUntil.current = Date.now() + OWN_WRITES_MS;
        takeBaseline.current = true;
      }
      recheck();
    },
    [recheck],
  );

  // Excel's worksheet events, where the host has them.
  useEffect(() => {
    if (!service.watchWorkbook) return;
    let stop: (() => Promise<void>) | null = null;
    let live = true;
    // Removing the host's handlers is tidying up: a failure there changes nothing on screen.
    const end = (s: () => Promise<void>): void => void s().catch(() => undefined);
    const onChange = (change: WorkbookChange): void => {
      const { busy, outcome, markStale } = latest.current;
      // Our own writes: said so by the host, or (where it cannot say) made while a refresh ran
      // or just after it.
      const ours =
        change.byThisAddin === true ||
        busy.current ||
        (change.byThisAddin === null && Date.now() < quietUntil.current);
      if (outcome !== null && !ours) {
        const covered = outcomeSheets(outcome);
        if (change.kind === 'edited' && (change.sheet === null || covered.includes(change.sheet))) {
          markStale({ kind: 'edited', sheets: change.sheet === null ? covered : [change.sheet] });
        } else if (
          (change.kind === 'renamed' || change.kind === 'deleted') &&
          (change.sheet === null || covered.includes(change.sheet))
        ) {
          markStale({ kind: 'sheets' });
        }
      }
      recheck();
    };
    service
      .watchWorkbook(onChange)
      .then((s) => {
        if (live) stop = s;
        else end(s);
      })
      // Events are extra: without them the pane still checks again when it regains focus.
      .catch(() => undefined);
    // The pane closes or the service changes: the host's handlers go with it.
    return () => {
      live = false;
      if (stop !== null) end(stop);
    };
  }, [service, recheck]);

  // Back in the pane (the planner fixed something in the sheet, or the host has no events).
  useEffect(() => {
    const onFocus = (): void => recheck();
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') recheck();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
      if (timer.current !== null) clearTimeout(timer.current);
    };
  }, [recheck]);

  // The chosen sheets not on screen, whenever the choice or their mappings change.
  const { sheet, settings } = inputs;
  const key = JSON.stringify([
    portfolioOf(settings, sheet),
    settings.mappings ?? null,
    settings.headerRows ?? null,
  ]);
  useEffect(() => {
    const names = portfolioOf(latest.current.settingsRef.current, latest.current.sheet).filter(
      (n) => n !== latest.current.sheet,
    );
    if (names.length === 0) {
      setOthers({});
      return;
    }
    let live = true;
    const now = latest.current.settingsRef.current;
    void Promise.all(names.map((name) => previewOf(service, now, name))).then((rest) => {
      if (live && mounted.current) setOthers(Object.fromEntries(rest));
    });
    return () => {
      live = false;
    };
  }, [key, service, mounted]);

  return { others, recheck, refreshed };
}

/** A chosen sheet's readiness, from its preview or the failure to preview it. */
async function previewOf(
  service: RoleMapService,
  settings: RoleMapSettings,
  name: string,
): Promise<[string, Readiness]> {
  try {
    const p = await service.preview(name, mappingOf(settings, name), settings.headerRows?.[name]);
    return [name, readinessOf(p, null)];
  } catch (err) {
    return [name, readinessOf(null, shown(err))];
  }
}
