/**
 * The one error shape for a workbook file that is damaged: a broken ZIP entry, a part that is
 * not well-formed XML or not in the encoding it declares, a cell beyond Excel's grid. Damage
 * is the user's file, never our defect, so `toFileProblem` turns it into the catalogue's
 * sentence (exit 3 on the command line) naming the part; anything else that escapes a phase
 * is ours and stays "unexpected" (exit 1).
 */

import type { InflateVerdict } from '../core/limits';
import { problem, RoleMapError } from '../core/messages';

/** A damaged package or part; `part` is null when the ZIP container itself is broken. */
export class DamagedPartError extends Error {
  constructor(
    readonly part: string | null,
    /** What is wrong, as a clause that follows the part's name ("is not well-formed XML …"). */
    readonly reason: string,
  ) {
    super(part ? `${part} ${reason}` : reason);
    this.name = 'DamagedPartError';
  }
}

/** A cell reference or row number past Excel's grid (16,384 columns × 1,048,576 rows). */
export class BeyondGridError extends DamagedPartError {
  constructor(
    part: string | null,
    /** The reference as written in the file ("ZZZZ1", "row 1048577"). */
    readonly ref: string,
    /** The sheet's name, when known. */
    readonly sheet: string | null = null,
  ) {
    super(part, `refers to ${ref}, beyond Excel's grid`);
    this.name = 'BeyondGridError';
  }
}

/**
 * A part that would inflate past what the core's limits allow (limits.ts): a decompression
 * bomb, refused before its bytes are made. It is damage (the package is not one Excel wrote),
 * with a sentence of its own.
 */
export class InflateLimitError extends DamagedPartError {
  constructor(
    part: string,
    /** The bytes the part declares, inflated. */
    readonly bytes: number,
    readonly verdict: InflateVerdict,
  ) {
    super(part, `would inflate to ${bytes} bytes`);
    this.name = 'InflateLimitError';
  }
}

/** A workbook format the refresh reads but could not write back in the same format. */
export type UnsupportedFormat = 'strict' | 'prerelease';

/** A workbook saved in a format the refresh does not write (package.ts names them). */
export class UnsupportedFormatError extends Error {
  constructor(readonly format: UnsupportedFormat) {
    super(`the workbook is in the ${format} format`);
    this.name = 'UnsupportedFormatError';
  }
}

/** An archive too big to write without ZIP64 records: too many entries, or too many bytes. */
export class ZipLimitError extends Error {
  constructor(
    readonly what: 'parts' | 'bytes',
    readonly count: number,
  ) {
    super(`the archive would hold ${count} ${what}, more than ZIP without ZIP64 allows`);
    this.name = 'ZipLimitError';
  }
}

/**
 * A part whose text is longer than the longest string JavaScript can hold (V8: 2^29 − 24
 * characters, about 512 MB): not damage, but more than the file adapter can read as one text.
 */
export class PartTooLargeError extends Error {
  constructor(
    readonly part: string,
    readonly bytes: number,
  ) {
    super(`${part} is ${bytes} bytes, longer than the longest string`);
    this.name = 'PartTooLargeError';
  }
}

/** True for the error V8 or Node throws when a string would exceed the longest length. */
export function isStringTooLong(err: unknown): boolean {
  return (
    (err as { code?: unknown } | null)?.code === 'ERR_STRING_TOO_LONG' ||
    (err instanceof RangeError && /string length/i.test(err.message))
  );
}

/** Runs `fn`, attributing any damage it reports without a part to `part` (and sheet). */
export function inPart<T>(part: string, sheet: string | null, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof BeyondGridError && (err.part === null || err.sheet === null)) {
      throw new BeyondGridError(err.part ?? part, err.ref, err.sheet ?? sheet);
    }
    if (err instanceof DamagedPartError && err.part === null) {
      throw new DamagedPartError(part, err.reason);
    }
    throw err;
  }
}

/**
 * The user-facing problem for anything thrown while refreshing the file at `path`: catalogue
 * problems pass through, damage becomes `damaged` / `data-beyond-grid`, and the rest is
 * returned unchanged (an unexpected error: our defect).
 */
export function toFileProblem(err: unknown, path: string): unknown {
  if (err instanceof RoleMapError) return err;
  if (err instanceof BeyondGridError && err.sheet !== null) {
    return problem('data-beyond-grid', { path, sheet: err.sheet, cell: err.ref });
  }
  if (err instanceof UnsupportedFormatError) {
    return problem('unsupported-format', { path, format: err.format });
  }
  if (err instanceof ZipLimitError) {
    return problem('package-too-big', { path, what: err.what, count: err.count });
  }
  if (err instanceof InflateLimitError) {
    const v = err.verdict;
    return problem('part-inflates-too-far', {
      path,
      part: err.part ?? '',
      megabytes: Math.floor((v.kind === 'budget' ? v.limit : err.bytes) / 1e6),
      ratio: v.kind === 'ratio' ? v.ratio : null,
    });
  }
  if (err instanceof DamagedPartError) {
    return problem('damaged', { path, part: err.part, reason: err.reason });
  }
  if (err instanceof PartTooLargeError) {
    return problem('part-too-large', {
      path,
      part: err.part,
      megabytes: Math.round(err.bytes / 1e6),
    });
  }
  return err;
}
