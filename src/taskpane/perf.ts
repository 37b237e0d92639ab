/** The pane's one User Timing mark, read by bench/pane.ts. */

/** Marked once, when the Refresh button first becomes enabled (the pane is usable). */
export const INTERACTIVE_MARK = 'iot-role-map:interactive';

let marked = false;

/** Records INTERACTIVE_MARK the first time it is called. */
export function markInteractive(): void {
  // Not every environment has User Timing (jsdom has no performance.mark).
  if (marked || typeof performance === 'undefined' || !('mark' in performance)) return;
  marked = true;
  performance.mark(INTERACTIVE_MARK);
}
