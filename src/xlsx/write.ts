/**
 * Applies the engine's WritePlan to a workbook package by patching: the inventory sheet
 * (output cells, dimension, column widths, frozen header, auto-filter, our conditional
 * formats), its table, styles, workbook, content types and relationships keep everything
 * that is not ours; the summary and history sheets with their drawing and chart are ours.
 */

import { parseRangeA1, quoteSheet, rangeToA1, toA1 } from '../core/address';
import type {
  HistoryWrite,
  InventoryWrite,
  PlanCell,
  RangeRef,
  SheetWrite,
  WritePlan,
} from '../core/model';
import { OUTPUT_HEADERS } from '../core/model';
import { conditionalFormatEdits } from './cf';
import { chartXml, drawingXml } from './chart';
import { DamagedPartError } from './damage';
import { finishHistorySheet } from './history-chart';
import { printedSheets, setPrintNames } from './print';
import type { WorkbookFile } from './index';
import { CT, REL, REL_NS, relsPartOf, type SheetEntry } from './package';
import {
  absoluteRange,
  anyCell,
  ownedSheetXml,
  patchSheetData,
  patchSheetText,
  sharedTextCell,
  SheetSource,
  textCell,
  unionRange,
  WORKSHEET_ORDER,
  writesFromMap,
  type CellWrites,
} from './sheetxml';
import { SharedStringTable } from './sst';
import type { Piece } from './zip';
import { StyleBook } from './styles';
import {
  children,
  escapeAttr,
  escapeText,
  getAttr,
  insertionPoint,
  parseAttrs,
  prefixOf,
  rootElement,
  setAttr,
  splice,
  spliceLazy,
  type Edit,
  type ElementRange,
} from './xml';

/** CT_Workbook child order. */
const WORKBOOK_ORDER = [
  'fileVersion',
  'fileSharing',
  'workbookPr',
  'workbookProtection',
  'bookViews',
  'sheets',
  'functionGroups',
  'externalReferences',
  'definedNames',
  'calcPr',
  'oleSize',
  'customWorkbookViews',
  'pivotCaches',
  'smartTagPr',
  'smartTagTypes',
  'webPublishing',
  'fileRecoveryPr',
  'webPublishObjects',
  'extLst',
] as const;

/** Workbook-level changes collected during a write and applied once. */
interface WorkbookChanges {
  newSheets: { name: string; rId: string }[];
  /** localSheetId → _xlnm._FilterDatabase formula. */
  filterDatabase: { sheetIndex: number; formula: string }[];
}

/** Applies a plan to the open file (the package is modified in place). */
export function applyWritePlan(
  file: WorkbookFile,
  plan: WritePlan,
  removeRules: readonly number[] = [],
  moreRemoveRules: readonly (readonly number[])[] = [],
): void {
  const styles = new StyleBook(file.pkg, file.workbookPart);
  const changes: WorkbookChanges = { newSheets: [], filterDatabase: [] };
  const sst = new SharedStringTable(file);
  patchInventory(file, plan.inventory, styles, sst, changes, removeRules);
  // Several inventory sheets: each of the others gets its own output columns.
  (plan.moreInventories ?? []).forEach((inv, i) =>
    patchInventory(file, inv, styles, sst, changes, moreRemoveRules[i] ?? []),
  );
  // One table for every inventory, complete before any sheet streams out.
  sst.save();
  writeSummary(file, plan.summary, styles, changes);
  if (plan.history)
    finishHistorySheet(file, writeHistory(file, plan.history, styles, changes), plan.history);
  styles.save();
  patchWorkbook(file, changes);
  setPrintNames(file, printedSheets(plan), WORKBOOK_ORDER);
}

function findSheet(file: WorkbookFile, name: string): SheetEntry | undefined {
  const lower = name.toLowerCase();
  return file.sheets.find((s) => s.name.toLowerCase() === lower && s.kind === 'worksheet');
}

// ---------------------------------------------------------------------------------------
// Inventory sheet
// ---------------------------------------------------------------------------------------

function patchInventory(
  file: WorkbookFile,
  inv: InventoryWrite,
  styles: StyleBook,
  sst: SharedStringTable,
  changes: WorkbookChanges,
  removeRules: readonly number[],
): void {
  const sheet = findSheet(file, inv.sheet);
  if (!sheet) throw new Error(`The plan names a sheet that is not in the file: ${inv.sheet}`);
  const xml = file.pkg.requireText(sheet.part);
  const root = rootElement(xml);
  const p = prefixOf(root.name);
  const kids = children(xml, root, ['sheetData']);
  const sd = kids.find((k) => k.local === 'sheetData');
  if (!sd) throw new DamagedPartError(sheet.part, 'has no <sheetData> element');
  const edits: Edit<Piece>[] = [];
  const ncols = inv.headers.length;

  // 1. Cells: headers and the output values per row, through the shared-string table (sst.ts).
  // Every text is registered now; the table gives indices and is saved before the sheet
  // streams out, and each row's cells are built as it streams (see CellWrites).
  const headerStyle = styles.xf('outputHeader', 'text');
  const bodyStyle = styles.xf('body', 'text');
  const headerIds = inv.headers.map((h) => sst.add(h));
  // Ordinals of each row's texts (-1: no text), so each text is hashed once.
  const ords = new Int32Array(inv.values.length * ncols).fill(-1);
  inv.values.forEach((vals, i) => {
    for (let j = 0; j < ncols; j++) {
      const v = vals[j] ?? '';
      if (v !== '') ords[i * ncols + j] = sst.add(v);
    }
  });
  const rows = [inv.headerRow, ...inv.values.map((_v, i) => inv.firstRow + i)];
  const writes: CellWrites = {
    rows,
    get: (row) => {
      if (row === inv.headerRow) {
        return new Map(
          headerIds.map((o, i) => [
            inv.firstCol + i,
            sharedTextCell(p, row, inv.firstCol + i, sst.idAt(o), headerStyle),
          ]),
        );
      }
      const i = row - inv.firstRow;
      const vals = inv.values[i];
      if (!vals) return undefined;
      const m = new Map<number, string | null>();
      for (let j = 0; j < vals.length; j++) {
        const col = inv.firstCol + j;
        const o = j < ncols ? ords[i * ncols + j]! : -1;
        m.set(col, o < 0 ? null : sharedTextCell(p, row, col, sst.idAt(o), bodyStyle));
      }
      return m;
    },
  };
  let lastRow = inv.headerRow;
  inv.values.forEach((vals, i) => {
    if (vals.some((v) => v !== '')) lastRow = inv.firstRow + i;
  });
  // Unchanged spans of the sheet are copied as its original bytes when offsets allow it.
  const bytes = file.pkg.sourceBytes(sheet.part);
  const source = SheetSource.best(xml, bytes, sd);
  const inner = patchSheetData(source, sd, writes, p);
  if (sd.openEnd === sd.end) {
    edits.push({
      start: sd.start,
      end: sd.end,
      text: wrapPieces(`<${p}sheetData>`, inner, `</${p}sheetData>`),
    });
  } else {
    edits.push({ start: sd.openEnd, end: sd.closeStart, text: inner });
  }
  const outputArea: RangeRef = {
    row: inv.headerRow,
    col: inv.firstCol,
    rowCount: lastRow - inv.headerRow + 1,
    colCount: ncols,
  };

  // 2. Dimension.
  const dim = kids.find((k) => k.local === 'dimension');
  if (dim) {
    const tag = xml.slice(dim.start, dim.end);
    const ref = getAttr(tag, 'ref');
    let area = outputArea;
    try {
      if (ref) area = unionRange(parseRangeA1(ref), outputArea);
    } catch {
      // An unparsable dimension is replaced by ours.
    }
    edits.push({ start: dim.start, end: dim.end, text: setAttr(tag, 'ref', rangeToA1(area)) });
  }

  // 3. Frozen header (edits at one offset go in schema order: sheetViews before cols).
  if (inv.freezeHeaderRow !== null) {
    const e = freezeEdit(xml, kids, root, p, inv.freezeHeaderRow + 1);
    if (e) edits.push(e);
  }

  // 4. Column widths for output columns the sheet has no width for.
  const colsEdit = outputColumnWidths(xml, kids, root, p, inv.columnWidths);
  if (colsEdit) edits.push(colsEdit);

  // 5. Auto-filter (schema position before conditional formats, so pushed first).
  if (inv.autoFilter && !kids.some((k) => k.local === 'autoFilter')) {
    const at = insertionPoint(kids, root, WORKSHEET_ORDER, 'autoFilter');
    edits.push({
      start: at,
      end: at,
      text: `<${p}autoFilter ref="${rangeToA1(inv.autoFilter)}"/>`,
    });
    const index = file.sheets.indexOf(sheet);
    changes.filterDatabase.push({
      sheetIndex: index,
      formula: `${quoteSheet(sheet.name)}!${absoluteRange(inv.autoFilter)}`,
    });
  }

  // 6. Conditional formats: drop our earlier rules (the core chose them), add this run's.
  edits.push(
    ...conditionalFormatEdits(xml, kids, root, p, inv.conditionalFormats, removeRules, styles),
  );

  // The inventory sheet streams into the package (no giant string held in memory).
  file.pkg.write(sheet.part, spliceLazy(bytes ?? xml, edits));

  // 7. The table grows to include the output columns.
  if (inv.table && inv.table.addColumns > 0) patchTable(file, sheet, inv);
}

function* wrapPieces<P>(open: string, inner: Iterable<P>, close: string): Generator<string | P> {
  yield open;
  yield* inner;
  yield close;
}

function outputColumnWidths(
  xml: string,
  kids: ElementRange[],
  root: ElementRange,
  p: string,
  widths: readonly { col: number; width: number }[],
): Edit | null {
  const cols = kids.find((k) => k.local === 'cols');
  const existing: { min: number; max: number; start: number }[] = [];
  if (cols) {
    for (const c of children(xml, cols)) {
      if (c.local !== 'col') continue;
      const a = parseAttrs(xml.slice(c.start, c.openEnd));
      existing.push({ min: Number(a.get('min')), max: Number(a.get('max')), start: c.start });
    }
  }
  const add: { col: number; xml: string }[] = [];
  for (const w of widths) {
    const n = w.col + 1;
    // A <col> of the user's that already covers the column wins (col ranges may not overlap).
    if (existing.some((e) => e.min <= n && n <= e.max)) continue;
    add.push({
      col: n,
      xml: `<${p}col min="${n}" max="${n}" width="${w.width}" customWidth="1"/>`,
    });
  }
  if (add.length === 0) return null;
  if (!cols) {
    const at = insertionPoint(kids, root, WORKSHEET_ORDER, 'cols');
    return { start: at, end: at, text: `<${p}cols>${add.map((a) => a.xml).join('')}</${p}cols>` };
  }
  // Keep <col> elements sorted by min: rebuild the list with ours in place.
  const items = children(xml, cols).map((c) => ({
    key: c.local === 'col' ? Number(getAttr(xml.slice(c.start, c.openEnd), 'min')) : Infinity,
    xml: xml.slice(c.start, c.end),
  }));
  for (const a of add) items.push({ key: a.col, xml: a.xml });
  items.sort((a, b) => a.key - b.key);
  const open = xml.slice(cols.start, cols.openEnd).replace(/\s*\/>$/, '>');
  return {
    start: cols.start,
    end: cols.end,
    text: `${open}${items.map((i) => i.xml).join('')}</${cols.name}>`,
  };
}

function freezeEdit(
  xml: string,
  kids: ElementRange[],
  root: ElementRange,
  p: string,
  ySplit: number,
): Edit | null {
  const topLeft = `A${ySplit + 1}`;
  const pane = `<${p}pane ySplit="${ySplit}" topLeftCell="${topLeft}" activePane="bottomLeft" state="frozen"/>`;
  const views = kids.find((k) => k.local === 'sheetViews');
  if (!views) {
    const at = insertionPoint(kids, root, WORKSHEET_ORDER, 'sheetViews');
    return {
      start: at,
      end: at,
      text: `<${p}sheetViews><${p}sheetView workbookViewId="0">${pane}<${p}selection pane="bottomLeft" activeCell="${topLeft}" sqref="${topLeft}"/></${p}sheetView></${p}sheetViews>`,
    };
  }
  const view = children(xml, views).find((c) => c.local === 'sheetView');
  if (!view) return null;
  const open = xml.slice(view.start, view.openEnd);
  if (view.openEnd === view.end) {
    return {
      start: view.start,
      end: view.end,
      text: `${open.replace(/\s*\/>$/, '>')}${pane}</${view.name}>`,
    };
  }
  const viewKids = children(xml, view);
  if (viewKids.some((k) => k.local === 'pane')) return null; // a split the user made: leave it
  const body = viewKids
    .map((k) => {
      const text = xml.slice(k.start, k.end);
      if (k.local !== 'selection' || getAttr(text, 'pane') !== undefined) return text;
      const selOpen = xml.slice(k.start, k.openEnd);
      return setAttr(selOpen, 'pane', 'bottomLeft') + xml.slice(k.openEnd, k.end);
    })
    .join('');
  return { start: view.openEnd, end: view.closeStart, text: pane + body };
}

function patchTable(file: WorkbookFile, sheet: SheetEntry, inv: InventoryWrite): void {
  const rel = file.pkg.relsOfKind(sheet.part, REL.table).find((r) => {
    const t = file.pkg.text(r.part);
    if (t === undefined) return false;
    const a = parseAttrs(t.slice(0, rootElement(t).openEnd));
    return a.get('displayName') === inv.table!.name || a.get('name') === inv.table!.name;
  });
  if (!rel) throw new Error(`The table ${inv.table!.name} is not on ${sheet.name}`);
  const xml = file.pkg.requireText(rel.part);
  const root = rootElement(xml);
  const p = prefixOf(root.name);
  const rootOpen = xml.slice(root.start, root.openEnd);
  const ref = parseRangeA1(getAttr(rootOpen, 'ref') ?? 'A1');
  const add = inv.table!.addColumns;
  const edits: Edit[] = [];
  const grow = (r: RangeRef): RangeRef => ({ ...r, colCount: r.colCount + add });
  edits.push({
    start: root.start,
    end: root.openEnd,
    text: setAttr(rootOpen, 'ref', rangeToA1(grow(ref))),
  });
  const kids = children(xml, root);
  const af = kids.find((k) => k.local === 'autoFilter');
  if (af) {
    const open = xml.slice(af.start, af.openEnd);
    const afRef = getAttr(open, 'ref');
    if (afRef)
      edits.push({
        start: af.start,
        end: af.openEnd,
        text: setAttr(open, 'ref', rangeToA1(grow(parseRangeA1(afRef)))),
      });
  }
  const cols = kids.find((k) => k.local === 'tableColumns');
  if (!cols) throw new DamagedPartError(rel.part, 'has no <tableColumns> element');
  const colEls = children(xml, cols).filter((c) => c.local === 'tableColumn');
  let maxId = 0;
  for (const c of colEls)
    maxId = Math.max(maxId, Number(getAttr(xml.slice(c.start, c.openEnd), 'id') ?? 0));
  const tableEnd = ref.col + ref.colCount; // first column after the table
  const added: string[] = [];
  for (let i = 0; i < add; i++) {
    const col = tableEnd + i;
    const header = inv.headers[col - inv.firstCol] ?? OUTPUT_HEADERS[i] ?? `Column${col}`;
    added.push(`<${p}tableColumn id="${maxId + i + 1}" name="${escapeAttr(header)}"/>`);
  }
  const colsOpen = setAttr(
    xml.slice(cols.start, cols.openEnd),
    'count',
    String(colEls.length + add),
  );
  edits.push({ start: cols.start, end: cols.openEnd, text: colsOpen });
  edits.push({ start: cols.closeStart, end: cols.closeStart, text: added.join('') });
  file.pkg.write(rel.part, splice(xml, edits));
}

// ---------------------------------------------------------------------------------------
// Sheets we own: summary and history
// ---------------------------------------------------------------------------------------

/** Part names of an owned sheet and its drawing/chart, reusing the previous run's. */
function ownedParts(
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
  return anyCell('', row, cell.col, cell.value, styles.xf(cell.style, cell.format));
}

function writeSummary(
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
      relsDoc([{ id: 'rId1', kind: REL.chart, from: drawing, to: chart }]),
    );
    pkg.setContentType(drawing, CT.drawing);
    pkg.setContentType(chart, CT.chart);
    relsXml = relsDoc([{ id: 'rId1', kind: REL.drawing, from: part, to: drawing }]);
    drawingRId = 'rId1';
  } else {
    relsXml = relsDoc([]);
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

function relsDoc(rels: { id: string; kind: string; from: string; to: string }[]): string {
  const body = rels
    .map((r) => {
      const from = r.from.split('/').slice(0, -1);
      const to = r.to.split('/');
      let i = 0;
      while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
      const target = [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
      return `<Relationship Id="${r.id}" Type="${REL_NS}/${r.kind}" Target="${escapeAttr(target)}"/>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`;
}

function writeHistory(
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
  map.set(
    row,
    new Map(
      hw.row.map((c) => [c.col, anyCell(p, row, c.col, c.value, styles.xf(c.style, c.format))]),
    ),
  );
  const inner = patchSheetText(xml, sd, writesFromMap(map), p);
  const edits: Edit[] = [];
  if (sd.openEnd === sd.end) {
    edits.push({
      start: sd.start,
      end: sd.end,
      text: wrapPieces(`<${p}sheetData>`, inner, `</${p}sheetData>`),
    });
  } else {
    edits.push({ start: sd.openEnd, end: sd.closeStart, text: inner });
  }
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

// ---------------------------------------------------------------------------------------
// Workbook part
// ---------------------------------------------------------------------------------------

/**
 * Adds our sheets and the filter database name to workbook.xml. docProps/app.xml is left as
 * it was on purpose: its TitlesOfParts/HeadingPairs stay internally consistent (only stale,
 * which Excel tolerates and rebuilds on its next save), and untouched it stays byte-identical.
 */
function patchWorkbook(file: WorkbookFile, changes: WorkbookChanges): void {
  if (changes.newSheets.length === 0 && changes.filterDatabase.length === 0) return;
  const xml = file.pkg.requireText(file.workbookPart);
  const root = rootElement(xml);
  const p = prefixOf(root.name);
  const kids = children(xml, root);
  const edits: Edit[] = [];
  if (changes.newSheets.length > 0) {
    const sheets = kids.find((k) => k.local === 'sheets');
    if (!sheets) throw new Error('The workbook lists no sheets');
    const rootAttrs = parseAttrs(xml.slice(root.start, root.openEnd));
    let relPrefix: string | null = null;
    for (const [k, v] of rootAttrs) {
      if (
        k.startsWith('xmlns:') &&
        (v === REL_NS || v === 'http://purl.oclc.org/ooxml/officeDocument/relationships')
      ) {
        relPrefix = k.slice(6);
      }
    }
    let maxId = 0;
    for (const s of file.sheets) maxId = Math.max(maxId, s.sheetId);
    const entries = changes.newSheets.map((s, i) => {
      const idAttr = relPrefix
        ? `${relPrefix}:id="${s.rId}"`
        : `xmlns:r="${REL_NS}" r:id="${s.rId}"`;
      return `<${p}sheet name="${escapeAttr(s.name)}" sheetId="${maxId + i + 1}" ${idAttr}/>`;
    });
    if (sheets.openEnd === sheets.end) {
      const open = xml.slice(sheets.start, sheets.openEnd).replace(/\s*\/>$/, '>');
      edits.push({
        start: sheets.start,
        end: sheets.end,
        text: `${open}${entries.join('')}</${sheets.name}>`,
      });
    } else {
      edits.push({ start: sheets.closeStart, end: sheets.closeStart, text: entries.join('') });
    }
  }
  const fdbs = changes.filterDatabase;
  if (fdbs.length > 0) {
    const entryOf = (fdb: { sheetIndex: number; formula: string }) =>
      `<${p}definedName name="_xlnm._FilterDatabase" localSheetId="${fdb.sheetIndex}" hidden="1">${escapeText(fdb.formula)}</${p}definedName>`;
    const names = kids.find((k) => k.local === 'definedNames');
    if (!names) {
      const at = insertionPoint(kids, root, WORKBOOK_ORDER, 'definedNames');
      const all = fdbs.map(entryOf).join('');
      edits.push({ start: at, end: at, text: `<${p}definedNames>${all}</${p}definedNames>` });
    } else if (names.openEnd === names.end) {
      const all = fdbs.map(entryOf).join('');
      edits.push({
        start: names.start,
        end: names.end,
        text: `<${p}definedNames>${all}</${p}definedNames>`,
      });
    } else {
      const fresh: string[] = [];
      for (const fdb of fdbs) {
        const existing = children(xml, names).find((c) => {
          const a = parseAttrs(xml.slice(c.start, c.openEnd));
          return (
            a.get('name') === '_xlnm._FilterDatabase' &&
            a.get('localSheetId') === String(fdb.sheetIndex)
          );
        });
        if (existing) edits.push({ start: existing.start, end: existing.end, text: entryOf(fdb) });
        else fresh.push(entryOf(fdb));
      }
      // Excel keeps defined names sorted; _xlnm names sort first.
      if (fresh.length > 0)
        edits.push({ start: names.openEnd, end: names.openEnd, text: fresh.join('') });
    }
  }
  file.pkg.write(file.workbookPart, splice(xml, edits));
}
