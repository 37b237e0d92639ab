/**
 * What the add-in keeps in the workbook between clicks, apart from the user's settings: the
 * refreshes that failed after they began writing (so the next refresh, from the ribbon or the
 * pane, is recognised as their retry and does not add a second history row), and a sentence
 * left for the pane when the ribbon could not show it (no dialog API on the host). A ribbon
 * click runs in a fresh page each time, so nothing held in memory survives it.
 *
 * A saved shape (STYLE habit 12): versioned, read leniently (anything unreadable is the empty
 * state: losing it costs at most a second history row, never the user's data).
 */

/** The workbook setting that holds the run state (beside SETTINGS_KEY, never inside it). */
export const RUN_STATE_KEY = 'iotRoleMap.runState';

export interface RunState {
  version: 1;
  /** When each refresh that failed after it began writing started (epoch ms), oldest first. */
  failedWhileWriting: number[];
  /** A sentence for the pane to show once, when the ribbon could not show it itself. */
  notice?: string;
}

export const EMPTY_RUN_STATE: RunState = { version: 1, failedWhileWriting: [] };

/** Kept failures at most: a user retrying more often than this has a problem a row won't fix. */
const MAX_FAILURES = 20;

/** The run state from the stored value (a JSON string, as Excel.Setting holds it), leniently. */
export function parseRunState(raw: unknown): RunState {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      return { ...EMPTY_RUN_STATE };
    }
  }
  if (typeof value !== 'object' || value === null) return { ...EMPTY_RUN_STATE };
  const v = value as Record<string, unknown>;
  if (v.version !== 1) return { ...EMPTY_RUN_STATE };
  const failed = Array.isArray(v.failedWhileWriting)
    ? v.failedWhileWriting.filter((t): t is number => typeof t === 'number' && Number.isFinite(t))
    : [];
  return {
    version: 1,
    failedWhileWriting: failed.slice(-MAX_FAILURES),
    ...(typeof v.notice === 'string' && v.notice !== '' ? { notice: v.notice } : {}),
  };
}

/** The state after a refresh that started at `at` failed once it had begun writing. */
export function withFailure(state: RunState, at: Date): RunState {
  return {
    ...state,
    failedWhileWriting: [...state.failedWhileWriting, at.getTime()].slice(-MAX_FAILURES),
  };
}

/** The state after a refresh succeeded: its failures are repaired. */
export function afterSuccess(state: RunState): RunState {
  return { ...state, failedWhileWriting: [] };
}

/** The state once the pane has shown its notice. */
export function withoutNotice(state: RunState): RunState {
  return { version: 1, failedWhileWriting: state.failedWhileWriting };
}

/** The stored form (the JSON string Excel.Setting and the file's settings part hold). */
export function serialiseRunState(state: RunState): string {
  return JSON.stringify(state);
}
