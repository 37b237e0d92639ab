/**
 * What every pane hook shares: the last failure shown in the footer, the polite announcement,
 * and whether the pane is still mounted (work that finishes after it closed changes nothing).
 * Every failure ends here as one sentence, never only in a log.
 */

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MutableRefObject } from 'react';
import { RoleMapError, userMessage } from '../core/messages';
import type { ProblemCode } from '../core/messages';

/** A failure shown to the user: the one sentence, and its catalogue code when it has one. */
export interface ShownError {
  code: ProblemCode | null;
  message: string;
}

/** The sentence and code of anything thrown. */
export function shown(err: unknown): ShownError {
  return { code: err instanceof RoleMapError ? err.code : null, message: userMessage(err) };
}

export interface PaneStatus {
  error: ShownError | null;
  setError: (error: ShownError | null) => void;
  announcement: string;
  setAnnouncement: (text: string) => void;
  /** False once the pane is gone. */
  mounted: MutableRefObject<boolean>;
  /** Shows a failure, if the pane is still there. */
  fail: (err: unknown) => void;
}

/** The failure, the announcement and the mounted flag every other hook reports through. */
export function usePaneStatus(): PaneStatus {
  const [error, setError] = useState<ShownError | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const fail = useCallback((err: unknown): void => {
    if (mounted.current) setError(shown(err));
  }, []);
  return useMemo(
    () => ({ error, setError, announcement, setAnnouncement, mounted, fail }),
    [error, announcement, fail],
  );
}
