/**
 * The role row as a filter of the inventory sheets: which sheets it filters (this session's
 * inventories, else the ones the last refresh recorded, and only where the host can filter
 * every one), the role shown alone, and showing every role again before a refresh.
 */

import { useCallback, useMemo, useRef, useState } from 'react';
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
  /** Shows every role again (before a refresh); resolves at once when nothing is filtered. */
  showAll: () => Promise<void>;
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
  const current = useRef(roleFilter);
  current.current = roleFilter;

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

  // Rows hidden by our role filter would be written around (office-js #224: values set over a
  // filtered range land in the wrong rows), and the roles change: show all first.
  const showAll = useCallback((): Promise<void> => {
    const filtered = current.current;
    const filter = service.filterByRole?.bind(service);
    if (filtered === null || !filter) return Promise.resolve();
    return eachSheet(filtered.sheets, (name) => filter(name, null)).then(() => {
      if (mounted.current) setRoleFilter(null);
    });
  }, [service, mounted]);

  return { roleFilter, filterSheets, filtering, filterRole, showAll };
}

/** Runs one host call per sheet, one after the other (each is its own Excel.run). */
async function eachSheet(
  names: readonly string[],
  call: (name: string) => Promise<void>,
): Promise<void> {
  for (const name of names) await call(name);
}
