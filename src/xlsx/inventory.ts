/**
 * The inventory sheet as a refresh patches it: the output cells (through the shared-string
 * table), dimension, frozen header, column widths for the output columns, auto-filter and
 * our conditional formats, and its table grown over the output columns. Everything else in
 * the sheet and the table stays as it was; the sheet streams into the package from its
 * original bytes where it can (sheetxml.ts SheetSource).
 */

import { parseRangeA1, quoteSheet, rangeToA1 } from '../core/address';
import type { RangeRef } from '../core/input';
import type { InventoryWrite } from '../core/write-plan';
import { OUTPUT_HEADERS } from '../core/output';
import { conditionalFormatEdits } from './cf';
import { DamagedPartError } from './damage';
import type { WorkbookFile } from './file';
import { REL, type SheetEntry } from './package';
import {
  absoluteRange,
  atPart,
  markupInSheetData,
  patchSheetData,
  sharedTextCell,
  sheetDataEdit,
  SheetSource,
  unionRange,
  WORKSHEET_ORDER,
  type CellWrites,
  type SharedCellWrites,
} from './sheetxml';
import { patchSheetBytes } from './sheetbytes';
import type { SharedStringTable } from './sst';
import type { StyleBook } from './styles';
import { findSheet, selectTab, tabSelectedEdits, type WorkbookChanges } from './workbook';
import {
  children,
  escapeAttr,
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
import type { Piece } from './zip';

export function patchInventory(
  file: WorkbookFile,
  inv: InventoryWrite,
  styles: StyleBook,
  sst: SharedStringTable,
  changes: WorkbookChanges,
  removeRules: readonly number[],
): void {
  const sheet = findSheet(file, inv.sheet);
  if (!sheet) throw new Error(`The plan names a sheet that is not in the file: ${inv.sheet}`);
  // A sheet read for this refresh left its skeleton (read in the skeleton, copy the bytes);
  // any other is patched from its text. Edits are made in the skeleton's offsets.
  const skeleton = file.skeletons.get(sheet.part);
  // From a skeleton the bytes are inflated as they are written; else they are read whole.
  const bytes = skeleton ? file.pkg.sourceStream(sheet.part) : file.pkg.sourceBytes(sheet.part);
  const sk = skeleton && bytes ? skeleton : null;
  const xml = sk ? sk.text : file.pkg.requireText(sheet.part);
  const root = rootElement(xml);
  const p = prefixOf(root.name);
  const kids = children(xml, root, ['sheetData']);
  const skd = kids.find((k) => k.local === 'sheetData');
  if (!skd) throw new DamagedPartError(sheet.part, 'has no <sheetData> element');
  // In the part's bytes (sheetData's start tag ends where the hole starts).
  const sd = sk
    ? {
        ...skd,
        start: atPart(sk, skd.start),
        openEnd: sk.holeByte,
        closeStart: atPart(sk, skd.closeStart),
        end: atPart(sk, skd.end),
      }
    : skd;
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
  // One row's table indexes at a time (the byte path writes them out before asking again).
  const ids = new Int32Array(ncols);
  const writes: CellWrites & { shared: SharedCellWrites } = {
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
    shared: {
      firstCol: inv.firstCol,
      width: ncols,
      cells: (row) => {
        if (row === inv.headerRow) {
          for (let j = 0; j < ncols; j++) ids[j] = sst.idAt(headerIds[j]!);
          return { style: headerStyle, ids };
        }
        const i = row - inv.firstRow;
        const vals = inv.values[i];
        if (!vals) return undefined;
        if (vals.length !== ncols) return null;
        for (let j = 0; j < ncols; j++) {
          const o = ords[i * ncols + j]!;
          ids[j] = o < 0 ? -1 : sst.idAt(o);
        }
        return { style: bodyStyle, ids };
      },
    },
  };
  let lastRow = inv.headerRow;
  inv.values.forEach((vals, i) => {
    if (vals.some((v) => v !== '')) lastRow = inv.firstRow + i;
  });
  // Unchanged spans of the sheet are copied as its original bytes when offsets allow it.
  const markup = sk ? sk.markup : bytes instanceof Uint8Array && markupInSheetData(bytes, sd);
  const source = SheetSource.best(() => file.pkg.requireText(sheet.part), bytes, markup);
  const inner = source.streamed
    ? patchSheetBytes(source, sd, writes, p)
    : patchSheetData(source, sd, writes, p);
  const cells = sheetDataEdit(sd, p, inner);
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

  // 3. Frozen header (edits at one offset go in schema order: sheetViews before cols), and
  // the tab selected only if the workbook opens on this sheet (workbook.ts openOnSheet).
  const selected = inv.sheet.toLowerCase() === changes.openOn?.toLowerCase();
  // Where the workbook keeps its tab (no sheet to open on), the tab is left as it is.
  const keep = changes.openOn === null;
  const freeze =
    inv.freezeHeaderRow === null
      ? null
      : freezeEdit(xml, kids, root, p, inv.freezeHeaderRow + 1, (tag) =>
          keep ? tag : selectTab(tag, selected),
        );
  if (freeze) edits.push(freeze);
  for (const t of keep ? [] : tabSelectedEdits(xml, kids, selected)) {
    if (!freeze || t.end <= freeze.start || t.start >= freeze.end) edits.push(t);
  }
  changes.tabsDone.add(inv.sheet.toLowerCase());

  // 4. Column widths the core decided (output columns new to the block).
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
  const inPart = sk
    ? edits.map((e) => ({ ...e, start: atPart(sk, e.start), end: atPart(sk, e.end) }))
    : edits;
  file.pkg.write(sheet.part, spliceLazy(bytes ?? xml, [cells, ...inPart]));

  // 7. The table grows to include the output columns, and its columns in our block take the
  // names the plan gives them (a block of an earlier layout moves forward).
  if (inv.table) patchTable(file, sheet, inv);
}

/**
 * The <cols> edit that gives each output column in `widths` its width, as Excel's
 * `format.columnWidth` does on the other surface: a <col> covering the column keeps its other
 * attributes (style, hidden) and is split around it, so no range overlaps another.
 */
function outputColumnWidths(
  xml: string,
  kids: ElementRange[],
  root: ElementRange,
  p: string,
  widths: readonly { col: number; width: number }[],
): Edit | null {
  if (widths.length === 0) return null;
  const cols = kids.find((k) => k.local === 'cols');
  // Each <col> as [min, max, its attributes]; anything else inside <cols> is kept as it is.
  // `raw`: the element's text while it is untouched (kept byte for byte).
  type ColEl = { min: number; max: number; attrs: Map<string, string>; raw?: string };
  const els: ColEl[] = [];
  const others: string[] = [];
  if (cols) {
    for (const c of children(xml, cols)) {
      if (c.local !== 'col') {
        others.push(xml.slice(c.start, c.end));
        continue;
      }
      const attrs = parseAttrs(xml.slice(c.start, c.openEnd));
      const [min, max] = [Number(attrs.get('min')), Number(attrs.get('max'))];
      els.push({ min, max, attrs, raw: xml.slice(c.start, c.end) });
    }
  }
  let out = els;
  for (const w of widths) {
    const n = w.col + 1;
    const next: ColEl[] = [];
    let covered = false;
    for (const e of out) {
      if (n < e.min || n > e.max) {
        next.push(e);
        continue;
      }
      covered = true;
      if (e.min < n) next.push({ min: e.min, max: n - 1, attrs: e.attrs });
      const attrs = new Map(e.attrs);
      attrs.set('width', String(w.width));
      attrs.set('customWidth', '1');
      next.push({ min: n, max: n, attrs });
      if (n < e.max) next.push({ min: n + 1, max: e.max, attrs: e.attrs });
    }
    if (!covered) {
      const attrs = new Map([
        ['width', String(w.width)],
        ['customWidth', '1'],
      ]);
      next.push({ min: n, max: n, attrs });
    }
    out = next;
  }
  out.sort((x, y) => x.min - y.min);
  const colXml = (e: ColEl): string => {
    if (e.raw !== undefined) return e.raw;
    const rest = [...e.attrs].filter(([k]) => k !== 'min' && k !== 'max');
    const attrs = rest.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
    return `<${p}col min="${e.min}" max="${e.max}"${attrs}/>`;
  };
  const body = out.map(colXml).join('') + others.join('');
  if (!cols) {
    const at = insertionPoint(kids, root, WORKSHEET_ORDER, 'cols');
    return { start: at, end: at, text: `<${p}cols>${body}</${p}cols>` };
  }
  const open = xml.slice(cols.start, cols.openEnd).replace(/\s*\/>$/, '>');
  return { start: cols.start, end: cols.end, text: `${open}${body}</${cols.name}>` };
}

function freezeEdit(
  xml: string,
  kids: ElementRange[],
  root: ElementRange,
  p: string,
  ySplit: number,
  /** Rewrites the view's start tag where this edit replaces the whole element. */
  viewTag: (tag: string) => string,
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
  const open = viewTag(xml.slice(view.start, view.openEnd));
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
  // A table column's name is its header cell's text: ours are renamed with the cells.
  const renames: Edit[] = [];
  colEls.forEach((c, i) => {
    const k = ref.col + i - inv.firstCol;
    const header = k >= 0 ? inv.headers[k] : undefined;
    const open = xml.slice(c.start, c.openEnd);
    if (header !== undefined && getAttr(open, 'name') !== header) {
      renames.push({ start: c.start, end: c.openEnd, text: setAttr(open, 'name', header) });
    }
  });
  if (add === 0 && renames.length === 0) return;
  edits.push(...renames);
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
