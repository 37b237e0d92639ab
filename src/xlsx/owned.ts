/**
 * The sheets a refresh owns: the summary (with its drawing and chart, reused run after run)
 * and the history (a row appended per refresh). They are generated, not patched, except
 * that the history keeps the rows of earlier runs.
 */

import { quoteSheet, toA1 } from '../core/address';
import type { RangeRef } from '../core/input';
import type { HistoryWrite, PlanCell, SheetWrite } from '../core/write-plan';
import { chartXml, drawingXml } from './chart';
import { DamagedPartError } from './damage';
import type { WorkbookFile } from './file';
import { CT, REL, relationshipsXml, relsPartOf } from './package';
import {
  anyCell,
  ownedSheetXml,
  patchSheetText,
  sheetDataEdit,
  textCell,
  writesFromMap,
} from './sheetxml';
import type { StyleBook } from './styles';
import { findSheet, type WorkbookChanges } from './workbook';
import { children, prefixOf, rootElement, setAttr, splice, type Edit } from './xml';

/** Part names of an owned sheet and its drawing/chart, reusing the previous run's. */
export function ownedParts(
  file: WorkbookFile,
  name: string,
  changes: WorkbookChanges,
): { part: string; isNew: boolean } {
  const existing = findSheet(file, name);
  if (existing && existing.part) return { part: existing.part, isNew: false };
  const part = file.pkg.freePartName('xl/worksheets', 'sheet');
  const rId = file.pkg.addRel(file.workbookPart, REL.worksheet, part);
  file.pkg.setContentType(part, CT.worksheet);
  changes.newSheets.push({ name, rId });
  return { part, isNew: true };
}

function cellXml(cell: PlanCell, row: number, styles: StyleBook): string {
  return anyCell('', row, cell.col, cell.value, styles.xf(cell.style, cell.format, cell.currency));
}

export function writeSummary(
  file: WorkbookFile,
  sw: SheetWrite,
  styles: StyleBook,
  changes: WorkbookChanges,
): void {
  const { part } = ownedParts(file, sw.name, changes);
  const pkg = file.pkg;
  // Previous drawing/chart parts of our summary are reused so re-runs do not pile up parts.
  const oldDrawing = pkg.relsOfKind(part, REL.drawing).find((r) => !r.external)?.part;
  const oldChart = oldDrawing
    ? pkg.relsOfKind(oldDrawing, REL.chart).find((r) => !r.external)?.part
    : undefined;
  let relsXml = '';
  let drawingRId: string | null = null;
  if (sw.chart) {
    const drawing = oldDrawing ?? pkg.freePartName('xl/drawings', 'drawing');
    const chart = oldChart ?? pkg.freePartName('xl/charts', 'chart');
    const categories = columnValues(sw.cells, sw.chart.categories).map((v) =>
      v === null ? '' : String(v),
    );
    const values = columnValues(sw.cells, sw.chart.values).map((v) =>
      typeof v === 'number' ? v : Number(v) || 0,
    );
    pkg.write(chart, chartXml(sw.chart, sw.name, categories, values));
    pkg.write(drawing, drawingXml(sw.chart, 'rId1'));
    pkg.write(
      relsPartOf(drawing),
      relationshipsXml([{ id: 'rId1', kind: REL.chart, from: drawing, to: chart }]),
    );
    pkg.setContentType(drawing, CT.drawing);
    pkg.setContentType(chart, CT.chart);
    relsXml = relationshipsXml([{ id: 'rId1', kind: REL.drawing, from: part, to: drawing }]);
    drawingRId = 'rId1';
  } else {
    relsXml = relationshipsXml([]);
  }
  if (drawingRId || pkg.has(relsPartOf(part))) pkg.write(relsPartOf(part), relsXml);
  const xml = ownedSheetXml({
    cells: sw.cells.map((c) => ({ row: c.row, col: c.col, xml: cellXml(c, c.row, styles) })),
    widths: sw.columnWidths,
    dataBars: sw.dataBars,
    hyperlinks: sw.cells
      .filter((c) => c.link)
      .map((c) => ({
        row: c.row,
        col: c.col,
        location: `${quoteSheet(c.link!.sheet)}!${toA1(c.link!.row, c.link!.col)}`,
        display: c.value === null ? '' : String(c.value),
      })),
    drawingRId,
    showGridLines: false,
    frozenRows: 0,
    fitToPageWidth: true,
    ...(sw.print ? { print: sw.print } : {}),
    ...(sw.rowHeights ? { rowHeights: sw.rowHeights } : {}),
  });
  pkg.write(part, xml);
}

/** Values of a one-column range taken from plan cells. */
function columnValues(cells: PlanCell[], range: RangeRef): (string | number | null)[] {
  const out: (string | number | null)[] = [];
  for (let r = range.row; r < range.row + range.rowCount; r++) {
    out.push(cells.find((c) => c.row === r && c.col === range.col)?.value ?? null);
  }
  return out;
}

export function writeHistory(
  file: WorkbookFile,
  hw: HistoryWrite,
  styles: StyleBook,
  changes: WorkbookChanges,
): string {
  const { part, isNew } = ownedParts(file, hw.name, changes);
  const pkg = file.pkg;
  const headerStyle = styles.xf('tableHeader', 'text');
  if (isNew || !pkg.has(part)) {
    const cells = [
      ...hw.headers.map((h, col) => ({ row: 0, col, xml: textCell('', 0, col, h, headerStyle) })),
      ...hw.row.map((c) => ({ row: c.row, col: c.col, xml: cellXml(c, c.row, styles) })),
    ];
    pkg.write(
      part,
      ownedSheetXml({
        cells,
        widths: hw.columnWidths,
        dataBars: [],
        hyperlinks: [],
        drawingRId: null,
        showGridLines: true,
        frozenRows: 1,
      }),
    );
    return part;
  }
  const xml = pkg.requireText(part);
  const root = rootElement(xml);
  const p = prefixOf(root.name);
  const kids = children(xml, root, ['sheetData']);
  const sd = kids.find((k) => k.local === 'sheetData');
  if (!sd) throw new DamagedPartError(part, 'has no <sheetData> element');
  // The core decided where the row goes (after the last used row it was told about).
  const row = hw.row[0]?.row ?? 1;
  const map = new Map<number, Map<number, string | null>>();
  if (hw.writeHeader) {
    map.set(0, new Map(hw.headers.map((h, col) => [col, textCell(p, 0, col, h, headerStyle)])));
  }
  // Earlier rows' cells of a column the rewritten header adds (the core chose them).
  for (const c of hw.earlierCells) {
    const cells = map.get(c.row) ?? new Map<number, string | null>();
    cells.set(c.col, anyCell(p, c.row, c.col, c.value, styles.xf(c.style, c.format)));
    map.set(c.row, cells);
  }
  map.set(
    row,
    new Map(
      hw.row.map((c) => [c.col, anyCell(p, row, c.col, c.value, styles.xf(c.style, c.format))]),
    ),
  );
  const inner = patchSheetText(xml, sd, writesFromMap(map), p);
  const edits: Edit[] = [];
  edits.push(sheetDataEdit(sd, p, inner));
  const dim = kids.find((k) => k.local === 'dimension');
  if (dim) {
    const tag = xml.slice(dim.start, dim.end);
    const width = Math.max(hw.headers.length, ...hw.row.map((c) => c.col + 1));
    edits.push({
      start: dim.start,
      end: dim.end,
      text: setAttr(tag, 'ref', `A1:${toA1(row, width - 1)}`),
    });
  }
  pkg.write(part, splice(xml, edits));
  return part;
}
