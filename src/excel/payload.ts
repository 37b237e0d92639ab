/**
 * Request-size estimation. Excel on the web rejects a request or a response over 5 MB
 * (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded; learn.microsoft.com,
 * "Resource limits and performance optimization for Office Add-ins", Excel add-ins section).
 * Writes are packed into batches whose estimated JSON size stays under WRITE_BUDGET_BYTES.
 */

/** Excel on the web's limit on one request or response. */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;
/**
 * What one write batch may carry by our estimate: output rows (chunks of CHUNK_BUDGET_BYTES in
 * write.ts, cut at a row to fill a batch) and the small steps packed beside them. The estimate
 * is the JSON sent plus ACTION_OVERHEAD_BYTES per action, a little above what the fake
 * measures (100,000 and 1,048,575 rows: largest request 4.84 MB), so 4.85 MB leaves 3% to
 * 5 MB; a batch the host still refuses is sent again in halves.
 */
export const WRITE_BUDGET_BYTES = 4_850_000;
/** Envelope Office.js adds per queued action (object path, ids, property name). */
export const ACTION_OVERHEAD_BYTES = 200;

/** UTF-8 byte length of a string, without allocating a buffer. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * UTF-8 bytes of `JSON.stringify(s)` for a string, without building it: the quotes, two bytes
 * for an escaped quote, backslash or short control escape, six for any other control character
 * or a lone surrogate (both written as \uXXXX).
 */
export function jsonStringBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x80) n += c === 0x22 || c === 0x5c ? 2 : 1;
    else if (c < 0x20) n += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n += 4;
        i++;
      } else n += 6;
    } else if (c >= 0xdc00 && c <= 0xdfff) n += 6;
    else n += 3;
  }
  return n;
}

/** Estimated request bytes for sending `value` as JSON in one action. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value)) + ACTION_OVERHEAD_BYTES;
}

/** A unit of write work: queued on a context, with its estimated request size. */
export interface WriteStep {
  bytes: number;
  queue(context: Excel.RequestContext): void;
  /** The same work as smaller steps, for a host that still refuses the request as too large. */
  split?(): WriteStep[];
  /**
   * The same work as two steps, the first estimated at most `bytes` (a chunk of rows cut at a
   * row), or null when no such first part exists.
   */
  splitAt?(bytes: number): [WriteStep, WriteStep] | null;
}

/**
 * A step may be cut to fill a batch when at least this much room is left in it: less would
 * add a range write for a few rows.
 */
export const MIN_FILL_BYTES = 64_000;

/**
 * Packs steps, in order, into batches of at most `budget` estimated bytes each. A step that does
 * not fit the room left in a batch but can be cut (`splitAt`) fills it with its first part and
 * carries the rest into the next batch, so every batch but the last goes out near the budget.
 */
export function packSteps(steps: readonly WriteStep[], budget = WRITE_BUDGET_BYTES): WriteStep[][] {
  const batches: WriteStep[][] = [];
  let current: WriteStep[] = [];
  let size = 0;
  const close = (): void => {
    batches.push(current);
    current = [];
    size = 0;
  };
  for (const whole of steps) {
    let step = whole;
    if (current.length > 0 && size + step.bytes > budget) {
      const room = budget - size;
      const parts = room >= MIN_FILL_BYTES && step.splitAt ? step.splitAt(room) : null;
      if (parts) {
        current.push(parts[0]);
        step = parts[1];
      }
      close();
    }
    current.push(step);
    size += step.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
