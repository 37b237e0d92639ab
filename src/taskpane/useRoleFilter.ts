/**
 * The role row as a filter of the inventory sheets: which sheets it filters (this session's
 * inventories, else the ones the last refresh recorded, and only where the host can filter
 * every one) and the role shown alone. A refresh leaves the filter on: it sets it aside around
 * its writes and puts it back on the roles it wrote (core/user-filter.ts, office-js #224).
 */

import { useCallback, useMemo, useState } from 'react';
import type { MutableRefObject } from 'react';
import type { LastRefresh } from '../core/last-refresh';
import type { RoleOrUnclassified } from '../core/domain';
import type { RefreshOutcome } from '../core/results';
import type { RoleMapService, SheetChoice } from '../core/service';
import { refreshedSheets } from '../core/last-refresh';
import { sheetListText } from './sheets';
import type { PaneStatus } from './usePaneStatus';
import { PANE_WORDS } from '../core/messages';

export interface RoleFilterState {
  /** The role the pane shows alone on the inventory sheets, or null. */
  roleFilter: { sheets: readonly string[]; role: RoleOrUnclassified } | null;
  /** The sheets the role row filters; empty: the role row is plain text. */
  filterSheets: readonly string[];
  /** A role filter is being applied or cleared. */
  filtering: boolean;
  filterRole: (role: RoleOrUnclassified | null) => void;
}

interface Inputs {
  outcome: RefreshOutcome | null;
  lastRefresh: { last: LastRefresh } | null;
  sheets: readonly SheetChoice[];
  busy: MutableRefObject<boolean>;
}

type Status = Pick<PaneStatus, 'setError' | 'setAnnouncement' | 'mounted' | 'fail'>;

/** The role filter over a service. */
export function useRoleFilter(
  service: RoleMapService,
  { setError, setAnnouncement, mounted, fail }: Status,
  { outcome, lastRefresh, sheets, busy }: Inputs,
): RoleFilterState {
  const [roleFilter, setRoleFilter] = useState<RoleFilterState['roleFilter']>(null);
  const [filtering, setFiltering] = useState(false);

  const filterSheets = useMemo((): readonly string[] => {
    const can = service.canFilterRoles?.bind(service);
    if (!service.filterByRole || !can) return [];
    if (outcome !== null) {
      const invs = [outcome.plan.inventory, ...(outcome.plan.moreInventories ?? [])];
      return invs.every((inv) => can(inv.table !== null)) ? invs.map((inv) => inv.sheet) : [];
    }
    const recorded = lastRefresh === null ? [] : refreshedSheets(lastRefresh.last, sheets);
    return recorded.length > 0 && can() ? recorded : [];
  }, [service, outcome, lastRefresh, sheets]);

  const filterRole = useCallback(
    (role: RoleOrUnclassified | null): void => {
      const targets = filterSheets;
      const filter = service.filterByRole?.bind(service);
      if (targets.length === 0 || !filter || busy.current) return;
      setError(null);
      setFiltering(true);
      const where = sheetListText(targets);
      eachSheet(targets, (name) => filter(name, role))
        .then(() => {
          if (!mounted.current) return;
          setRoleFilter(role === null ? null : { sheets: targets, role });
          setAnnouncement(
            role === null
              ? PANE_WORDS.announce.allRoles(where)
              : PANE_WORDS.announce.oneRole(where, targets.length, role),
          );
        })
        .catch(fail)
        .finally(() => {
          if (mounted.current) setFiltering(false);
        });
    },
    [service, filterSheets, busy, setError, setAnnouncement, mounted, fail],
  );

  return { roleFilter, filterSheets, filtering, filterRole };
}

/** Runs one host call per sheet, one after the other (each is its own Excel.run). */
async function eachSheet(
  names: readonly string[],
  call: (name: string) => Promise<void>,
): Promise<void> {
  for (const name of names) await call(name);
}
