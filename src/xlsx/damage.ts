/**
 * The one error shape for a workbook file that is damaged: a broken ZIP entry, a part that is
 * not well-formed XML or not in the encoding it declares, a cell beyond Excel's grid. Damage
 * is the user's file, never our defect, so `toFileProblem` turns it into the catalogue's
 * sentence (exit 3 on the command line) naming the part; anything else that escapes a phase
 * is ours and stays "unexpected" (exit 1).
 */

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
  if (err instanceof DamagedPartError) {
    return problem('damaged', { path, part: err.part, reason: err.reason });
  }
  return err;
}
