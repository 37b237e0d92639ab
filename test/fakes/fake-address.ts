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
