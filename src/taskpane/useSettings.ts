/**
 * The settings saved in the workbook, as the pane holds them: the state a render shows and a
 * ref that actions read (an action reads the settings of the moment it runs, not of the render
 * it came from). A failed save is shown; the pane keeps what the user chose.
 */

import { useCallback, useRef, useState } from 'react';
import type { MutableRefObject } from 'react';
import { DEFAULT_SETTINGS } from '../core/service';
import type { RoleMapService, RoleMapSettings } from '../core/service';

export interface SettingsState {
  settings: RoleMapSettings;
  /** The latest settings, for actions. */
  settingsRef: MutableRefObject<RoleMapSettings>;
  /** Shows and saves new settings. */
  save: (next: RoleMapSettings) => void;
  /** Takes the settings read from the workbook (nothing to save). */
  adopt: (saved: RoleMapSettings) => void;
}

/** The saved settings over a service; `fail` shows a save that failed. */
export function useSettings(service: RoleMapService, fail: (err: unknown) => void): SettingsState {
  const [settings, setSettings] = useState<RoleMapSettings>(DEFAULT_SETTINGS);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const save = useCallback(
    (next: RoleMapSettings): void => {
      setSettings(next);
      settingsRef.current = next;
      service.saveSettings(next).catch(fail);
    },
    [service, fail],
  );
  const adopt = useCallback((saved: RoleMapSettings): void => {
    setSettings(saved);
    settingsRef.current = saved;
  }, []);
  return { settings, settingsRef, save, adopt };
}
