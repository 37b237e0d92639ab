/**
 * Sentences the pane owes the planner before anything else happens: the one the ribbon left in
 * the workbook because it could not show it (RoleMapService.takeNotice, read once when the pane
 * opens), and, where the host cannot read a sort back to restore it (below ExcelApi 1.14), that
 * a refresh or "Show all roles" will clear it (RoleMapService.sortStateNotice). The sort notice
 * comes before anything is cleared: the action that would clear it stops there, and the next
 * click goes ahead (the service gives each sheet's notice once).
 */

import { useCallback, useEffect, useState } from 'react';
import type { RoleMapService } from '../core/service';
import type { PaneStatus } from './usePaneStatus';

export interface NoticeState {
  /** The sentence on screen, until dismissed or replaced; null: none. */
  notice: string | null;
  dismissNotice: () => void;
  /**
   * Asks the host whether acting on these sheets clears something it cannot put back; shows
   * the sentence and resolves true when it does (the caller stops), false to go ahead.
   */
  sayFirst: (sheets: readonly string[]) => Promise<boolean>;
}

/** The ribbon's notice on opening, and the sort notice before the first clearing action. */
export function useNotices(
  service: RoleMapService,
  { mounted }: Pick<PaneStatus, 'mounted'>,
): NoticeState {
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (!service.takeNotice) return;
    // Taking the notice removes it from the workbook: whichever run of this effect got it shows
    // it (React runs an effect twice in development), so it is never taken and then dropped.
    service
      .takeNotice()
      .then((text) => {
        if (mounted.current && text !== null) setNotice(text);
      })
      // The notice is extra: a workbook whose run state cannot be read still opens.
      .catch(() => undefined);
  }, [service, mounted]);

  const sayFirst = useCallback(
    async (sheets: readonly string[]): Promise<boolean> => {
      const ask = service.sortStateNotice?.bind(service);
      if (!ask) return false;
      const said: string[] = [];
      for (const sheet of sheets) {
        // A host that cannot tell says nothing; the action's own failure is what counts.
        const text = await ask(sheet).catch(() => null);
        if (text !== null) said.push(text);
      }
      if (said.length === 0 || !mounted.current) return false;
      setNotice(said.join(' '));
      return true;
    },
    [service, mounted],
  );

  const dismissNotice = useCallback(() => setNotice(null), []);
  return { notice, dismissNotice, sayFirst };
}
