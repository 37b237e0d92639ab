/**
 * Address parsing for the fake Excel: "A1", "B2:D9", "G:L", "3:20", with or without a
 * "Sheet!" / "'My sheet'!" prefix, the way Excel's own API accepts and returns them.
 */

import { columnIndex, quoteSheet, rangeToA1 } from '../../src/core/address';
import type { Box } from './fake-state';
import { FakeOfficeError } from './fake-state';

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** Splits "'My sheet'!A1:B2" into sheet name (unquoted) and the local address. */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { sheet: null, local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

function parsePart(part: string): { row: number | null; col: number | null } {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(part.trim());
  if (!m || (m[1] === '' && m[2] === '')) {
    throw new FakeOfficeError(
      'InvalidArgument',
      `The argument is invalid or missing or has an incorrect format. (address "${part}")`,
    );
  }
  return {
    col: m[1] ? columnIndex(m[1]) : null,
    row: m[2] ? Number(m[2]) - 1 : null,
  };
}

/** Parses a local address (no sheet prefix) into a box; whole rows/columns supported. */
export function parseLocal(local: string): Box {
  const [a, b] = local.split(':');
  const p = parsePart(a!);
  const q = b === undefined ? p : parsePart(b);
  const r0 = p.row ?? 0;
  const r1 = q.row ?? MAX_ROWS - 1;
  const c0 = p.col ?? 0;
  const c1 = q.col ?? MAX_COLS - 1;
  if ((p.row === null) !== (q.row === null) || (p.col === null) !== (q.col === null)) {
    throw new FakeOfficeError(
      'InvalidArgument',
      `The argument is invalid or missing or has an incorrect format. (address "${local}")`,
    );
  }
  const row = Math.min(r0, r1);
  const col = Math.min(c0, c1);
  const box = { row, col, rowCount: Math.abs(r1 - r0) + 1, colCount: Math.abs(c1 - c0) + 1 };
  if (box.row + box.rowCount > MAX_ROWS || box.col + box.colCount > MAX_COLS) {
    throw new FakeOfficeError('InvalidArgument', `The address "${local}" is outside the grid.`);
  }
  return box;
}

/** The address Excel reports for a range: "Sheet1!A1:C3", "'My sheet'!B2". */
export function formatAddress(sheet: string, box: Box): string {
  return `${quoteSheet(sheet)}!${rangeToA1(box)}`;
}

/**
 * A1 references in a formula, outside string literals and not function names ("LOG10(").
 * Calls `fn` with the parts of each reference; returns the rewritten formula.
 */
function mapRefs(
  formula: string,
  fn: (ref: { colAbs: boolean; col: number; rowAbs: boolean; row: number }) => string,
): string {
  let out = '';
  let i = 0;
  const re = /(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_])/y;
  while (i < formula.length) {
    const ch = formula[i]!;
    if (ch === '"') {
      const end = formula.indexOf('"', i + 1);
      // "" inside a literal is an escaped quote: the scan resumes after the pair.
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    const prev = i > 0 ? formula[i - 1]! : '';
    re.lastIndex = i;
    const m = /[A-Za-z0-9_.]/.test(prev) ? null : re.exec(formula);
    if (m) {
      out += fn({
        colAbs: m[1] === '$',
        col: columnIndex(m[2]!.toUpperCase()),
        rowAbs: m[3] === '$',
        row: Number(m[4]) - 1,
      });
      i = re.lastIndex;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function colName(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Moves the relative parts of a formula's references by (dRow, dCol), as Excel does when the
 * cell a relative formula belongs to moves (fill, copy, a conditional format's top-left).
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  return mapRefs(formula, (r) => {
    const col = r.colAbs ? r.col : r.col + dCol;
    const row = r.rowAbs ? r.row : r.row + dRow;
    if (col < 0 || row < 0 || col >= MAX_COLS || row >= MAX_ROWS) return '#REF!';
    return `${r.colAbs ? '$' : ''}${colName(col)}${r.rowAbs ? '$' : ''}${row + 1}`;
  });
}

/** The R1C1 form of a formula relative to an origin cell (ConditionalFormatRule.formulaR1C1). */
export function toR1C1(formula: string, originRow: number, originCol: number): string {
  return mapRefs(formula, (r) => {
    const row = r.rowAbs ? `R${r.row + 1}` : r.row === originRow ? 'R' : `R[${r.row - originRow}]`;
    const col = r.colAbs ? `C${r.col + 1}` : r.col === originCol ? 'C' : `C[${r.col - originCol}]`;
    return row + col;
  });
}
