/**
 * Excel's grid: 16,384 columns (A to XFD) and 1,048,576 rows ("Excel specifications and
 * limits", support.microsoft.com). A plan that would write past it is refused with one
 * sentence before any host is touched: Excel would reject the request, and a file written
 * there is one Excel must repair.
 */

// toA1 is exact past the grid too: the letters simply continue (XFE, XFF, …).
import { toA1 } from './address';
import { problem } from './messages';
import type { WritePlan } from './write-plan';

/** Number of columns in an Excel worksheet. */
export const GRID_COLUMNS = 16384;
/** Number of rows in an Excel worksheet. */
export const GRID_ROWS = 1048576;

/** Throws output-beyond-grid when a cell of the plan lies outside Excel's grid. */
export function checkPlanFitsGrid(plan: WritePlan): void {
  const inv = plan.inventory;
  const lastCol = inv.firstCol + inv.headers.length - 1;
  const lastRow = inv.firstRow + inv.values.length - 1;
  if (lastCol >= GRID_COLUMNS || Math.max(inv.headerRow, lastRow) >= GRID_ROWS) {
    const row = Math.min(inv.headerRow, GRID_ROWS - 1);
    throw problem('output-beyond-grid', {
      sheet: inv.sheet,
      cell: lastCol >= GRID_COLUMNS ? toA1(row, lastCol) : toA1(lastRow, inv.firstCol),
      what: 'inventory',
    });
  }
  for (const c of plan.summary.cells) {
    if (c.row >= GRID_ROWS || c.col >= GRID_COLUMNS) {
      throw problem('output-beyond-grid', {
        sheet: plan.summary.name,
        cell: toA1(c.row, c.col),
        what: 'summary',
      });
    }
  }
}

/** Throws output-beyond-grid when the history row to append would fall past the last row. */
export function checkHistoryRowFits(sheet: string, row: number): void {
  if (row >= GRID_ROWS) {
    throw problem('output-beyond-grid', { sheet, cell: toA1(row, 0), what: 'history' });
  }
}
