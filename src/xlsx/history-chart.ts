/**
 * The history sheet's line chart and print layout in a file. The history sheet is appended
 * to, not rebuilt, so after the new row is written its part is patched: the page setup is
 * replaced, and the chart part (reused across refreshes, so parts do not pile up) is written
 * again over every row so far, its caches read from the sheet's own cells.
 */

import type { HistoryWrite, LineChartSpec } from '../core/write-plan';
import { drawingXml, lineChartXml } from './chart';
import type { WorkbookFile } from './file';
import { CT, REL, REL_NS, relationshipsXml, relsPartOf } from './package';
import { patchWorksheetPrint } from './print';
import { scanCells } from './read';
import { WORKSHEET_ORDER } from './sheetxml';
import { children, insertionPoint, parseAttrs, prefixOf, rootElement, splice } from './xml';

/** Numbers of one column of a range on a sheet part (null where a cell is empty or text). */
function columnNumbers(
  xml: string,
  file: WorkbookFile,
  range: LineChartSpec['values'],
): (number | null)[] {
  const out: (number | null)[] = new Array<number | null>(range.rowCount).fill(null);
  scanCells(xml, file.sharedStrings, (row, col, value) => {
    if (col !== range.col || row < range.row || row >= range.row + range.rowCount) return;
    if (typeof value === 'number') out[row - range.row] = value;
  });
  return out;
}

/** The relationships prefix declared on the worksheet root, or null. */
function relPrefix(xml: string): string | null {
  const root = rootElement(xml);
  for (const [k, v] of parseAttrs(xml.slice(root.start, root.openEnd))) {
    if (k.startsWith('xmlns:') && v === REL_NS) return k.slice(6);
  }
  return null;
}

/** Writes the history's chart and print layout onto its (already written) sheet part. */
export function finishHistorySheet(file: WorkbookFile, part: string, hw: HistoryWrite): void {
  const pkg = file.pkg;
  let xml = pkg.requireText(part);
  if (hw.print) xml = patchWorksheetPrint(xml, hw.print);
  const spec = hw.chart;
  if (spec) {
    const oldDrawing = pkg.relsOfKind(part, REL.drawing).find((r) => !r.external)?.part;
    const oldChart = oldDrawing
      ? pkg.relsOfKind(oldDrawing, REL.chart).find((r) => !r.external)?.part
      : undefined;
    const drawing = oldDrawing ?? pkg.freePartName('xl/drawings', 'drawing');
    const chart = oldChart ?? pkg.freePartName('xl/charts', 'chart');
    pkg.write(
      chart,
      lineChartXml(
        spec,
        hw.name,
        columnNumbers(xml, file, spec.categories),
        columnNumbers(xml, file, spec.values),
        spec.reference ? columnNumbers(xml, file, spec.reference.values) : [],
      ),
    );
    pkg.write(drawing, drawingXml(spec, 'rId1'));
    pkg.write(
      relsPartOf(drawing),
      relationshipsXml([{ id: 'rId1', kind: REL.chart, from: drawing, to: chart }]),
    );
    pkg.setContentType(drawing, CT.drawing);
    pkg.setContentType(chart, CT.chart);
    if (!oldDrawing) {
      const rId = pkg.addRel(part, REL.drawing, drawing);
      const root = rootElement(xml);
      const p = prefixOf(root.name);
      const kids = children(xml, root, ['sheetData']);
      const rp = relPrefix(xml);
      const attr = rp ? `${rp}:id="${rId}"` : `xmlns:r="${REL_NS}" r:id="${rId}"`;
      // A <drawing> without our relationship (a part the package lost) is replaced.
      const stale = kids.find((k) => k.local === 'drawing');
      const at = stale ? stale.start : insertionPoint(kids, root, WORKSHEET_ORDER, 'drawing');
      xml = splice(xml, [
        { start: at, end: stale ? stale.end : at, text: `<${p}drawing ${attr}/>` },
      ]);
    }
  }
  pkg.write(part, xml);
}
