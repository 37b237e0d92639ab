/**
 * The change log and the snapshot in a file (core/change-log.ts decides their rows). The log
 * is appended to like the history: a new sheet is generated whole; an existing one keeps its
 * rows, widths, pane and styles, gains this refresh's rows after the last used one, and its
 * links go into its <hyperlinks> (internal links need no relationship). The snapshot is
 * replaced whole on every refresh, so it is generated, always with its header frozen.
 */

import { quoteSheet, toA1 } from '../core/address';
import { fitCell } from '../core/limits';
import type { ChangeLogWrite, PlanCell } from '../core/write-plan';
import { DamagedPartError } from './damage';
import type { WorkbookFile } from './file';
import { ownedParts } from './owned';
import { snapshotFrame, snapshotPieces } from './snapshot-sheet';
import type { SharedStringTable } from './sst';
import {
  WORKSHEET_ORDER,
  anyCell,
  ownedSheetXml,
  patchSheetText,
  sheetDataEdit,
  textCell,
  writesFromMap,
} from './sheetxml';
import type { StyleBook } from './styles';
import type { WorkbookChanges } from './workbook';
import {
  children,
  escapeAttr,
  insertionPoint,
  prefixOf,
  rootElement,
  setAttr,
  splice,
  type Edit,
} from './xml';

function hyperlinkXml(p: string, c: PlanCell): string {
  const link = c.link!;
  const location = `${quoteSheet(link.sheet)}!${toA1(link.row, link.col)}`;
  const display = c.value === null ? '' : String(c.value);
  return `<${p}hyperlink ref="${toA1(c.row, c.col)}" location="${escapeAttr(location)}" display="${escapeAttr(display)}"/>`;
}

/**
 * The snapshot's texts registered in the shared-string table, before it is saved: the
 * snapshot repeats its sheet, stage and role words on every row (600,000 cells at 100,000
 * initiatives), and the names are mostly in the table already, as the inventory's own cells.
 * Returns each cell's ordinal (-1 where the cell is not text).
 */
export function registerSnapshot(sst: SharedStringTable, write: ChangeLogWrite): Int32Array {
  const { rows, headers } = write.snapshot;
  const width = headers.length;
  const ords = new Int32Array(rows.length * width).fill(-1);
  const columns = headers.map(() => sst.copies());
  rows.forEach((values, i) => {
    for (let j = 0; j < width; j++) {
      const v = values[j];
      if (typeof v === 'string' && v !== '') ords[i * width + j] = columns[j]!(fitCell(v));
    }
  });
  return ords;
}

/** The table indexes of registerSnapshot's ordinals, in place (six million at the full grid). */
function sharedIds(sst: SharedStringTable, ords: Int32Array): Int32Array {
  for (let i = 0; i < ords.length; i++) {
    const o = ords[i]!;
    if (o >= 0) ords[i] = sst.idAt(o);
  }
  return ords;
}

/** Writes the change log's rows and the snapshot (its texts registered by registerSnapshot). */
export function writeChangeLog(
  file: WorkbookFile,
  write: ChangeLogWrite,
  styles: StyleBook,
  changes: WorkbookChanges,
  sst: SharedStringTable,
  ords: Int32Array,
): void {
  appendLog(file, write.log, styles, changes);
  writeSnapshot(file, write.snapshot, styles, changes, sst, ords);
}

function appendLog(
  file: WorkbookFile,
  log: ChangeLogWrite['log'],
  styles: StyleBook,
  changes: WorkbookChanges,
): void {
  const { part, isNew } = ownedParts(file, log.name, changes);
  const pkg = file.pkg;
  const headerStyle = styles.xf('tableHeader', 'text');
  const xfOf = (c: PlanCell) => styles.xf(c.style, c.format, c.currency);
  if (isNew || !pkg.has(part)) {
    pkg.write(
      part,
      ownedSheetXml({
        cells: [
          ...log.headers.map((h, col) => ({
            row: 0,
            col,
            xml: textCell('', 0, col, h, headerStyle),
          })),
          ...log.cells.map((c) => ({
            row: c.row,
            col: c.col,
            xml: anyCell('', c.row, c.col, c.value, xfOf(c)),
          })),
        ],
        widths: log.columnWidths,
        dataBars: [],
        hyperlinks: log.cells
          .filter((c) => c.link)
          .map((c) => ({
            row: c.row,
            col: c.col,
            location: `${quoteSheet(c.link!.sheet)}!${toA1(c.link!.row, c.link!.col)}`,
            display: c.value === null ? '' : String(c.value),
          })),
        drawingRId: null,
        showGridLines: true,
        frozenRows: 1,
      }),
    );
    return;
  }
  const xml = pkg.requireText(part);
  const root = rootElement(xml);
  const p = prefixOf(root.name);
  const kids = children(xml, root, ['sheetData']);
  const sd = kids.find((k) => k.local === 'sheetData');
  if (!sd) throw new DamagedPartError(part, 'has no <sheetData> element');
  const map = new Map<number, Map<number, string | null>>();
  if (log.writeHeader) {
    map.set(0, new Map(log.headers.map((h, col) => [col, textCell(p, 0, col, h, headerStyle)])));
  }
  for (const c of log.cells) {
    let row = map.get(c.row);
    if (!row) map.set(c.row, (row = new Map<number, string | null>()));
    row.set(c.col, anyCell(p, c.row, c.col, c.value, xfOf(c)));
  }
  const edits: Edit[] = [sheetDataEdit(sd, p, patchSheetText(xml, sd, writesFromMap(map), p))];
  const last = Math.max(0, ...log.cells.map((c) => c.row));
  const dim = kids.find((k) => k.local === 'dimension');
  if (dim) {
    const tag = xml.slice(dim.start, dim.end);
    edits.push({
      start: dim.start,
      end: dim.end,
      text: setAttr(tag, 'ref', `A1:${toA1(last, log.headers.length - 1)}`),
    });
  }
  const links = log.cells.filter((c) => c.link).map((c) => hyperlinkXml(p, c));
  if (links.length > 0) {
    const existing = kids.find((k) => k.local === 'hyperlinks');
    if (existing && existing.openEnd !== existing.end) {
      edits.push({ start: existing.closeStart, end: existing.closeStart, text: links.join('') });
    } else if (existing) {
      edits.push({
        start: existing.start,
        end: existing.end,
        text: `<${p}hyperlinks>${links.join('')}</${p}hyperlinks>`,
      });
    } else {
      const at = insertionPoint(kids, root, WORKSHEET_ORDER, 'hyperlinks');
      edits.push({
        start: at,
        end: at,
        text: `<${p}hyperlinks>${links.join('')}</${p}hyperlinks>`,
      });
    }
  }
  pkg.write(part, splice(xml, edits));
}

function writeSnapshot(
  file: WorkbookFile,
  snapshot: ChangeLogWrite['snapshot'],
  styles: StyleBook,
  changes: WorkbookChanges,
  sst: SharedStringTable,
  ords: Int32Array,
): void {
  const { part, isNew } = ownedParts(file, snapshot.name, changes);
  if (snapshot.hidden) {
    const entry = isNew ? changes.newSheets.find((s) => s.name === snapshot.name) : undefined;
    if (entry) entry.hidden = true;
    else changes.hide.push(snapshot.name);
  }
  const headerStyle = styles.xf('tableHeader', 'text');
  const width = snapshot.headers.length;
  // The sheet around the header row, generated; the rows stream into its sheetData.
  const xml = ownedSheetXml({
    cells: snapshot.headers.map((h, col) => ({
      row: 0,
      col,
      xml: textCell('', 0, col, h, headerStyle),
    })),
    widths: snapshot.columnWidths,
    dataBars: [],
    hyperlinks: [],
    drawingRId: null,
    showGridLines: true,
    frozenRows: 1,
  });
  // Replaced whole: relationships of an earlier part (none are written) are dropped with it.
  file.pkg.write(
    part,
    snapshotPieces(snapshotFrame(xml, snapshot.rows.length, width), {
      rows: snapshot.rows,
      width,
      sharedIds: sharedIds(sst, ords),
      styles: snapshot.formats.map((f) => styles.xf('body', f)),
    }),
  );
  // Its tab is never the one the file opens on, and is not selected (the frame has no
  // tabSelected): openOnSheet need not read it back.
  changes.tabsDone.add(snapshot.name.toLowerCase());
}
