/**
 * Print layout of the sheets the refresh owns (SPEC §4): the worksheet's page setup elements
 * (fit to pages wide in <sheetPr><pageSetUpPr>, <printOptions>, <pageMargins>, <pageSetup>)
 * and the workbook's print area and print titles, which SpreadsheetML keeps as the defined
 * names _xlnm.Print_Area and _xlnm.Print_Titles scoped to the sheet (ECMA-376 Part 1,
 * 18.2.6 definedName: localSheetId is the sheet's 0-based position in <sheets>).
 */

import { quoteSheet } from '../core/address';
import type { ChangeLogWrite, PrintSetup, WritePlan } from '../core/write-plan';
import type { WorkbookFile } from './file';
import { findSheet } from './workbook';
import type { WorkbookChanges } from './workbook';
import { WORKSHEET_ORDER, absoluteRange, printElements } from './sheetxml';
import {
  children,
  decodeEntities,
  escapeText,
  getAttr,
  insertionPoint,
  parseAttrs,
  prefixOf,
  rootElement,
  setAttr,
  splice,
  type Edit,
  type ElementRange,
} from './xml';

/**
 * Applies a print setup to an existing worksheet part's XML (the history sheet, which is
 * appended to rather than rebuilt): the page setup elements are replaced or inserted in
 * schema order; everything else is kept.
 */
export function patchWorksheetPrint(xml: string, print: PrintSetup): string {
  const root = rootElement(xml);
  const p = prefixOf(root.name);
  const kids = children(xml, root, ['sheetData']);
  const els = printElements(print, p);
  const edits: Edit[] = [];

  const sheetPr = kids.find((k) => k.local === 'sheetPr');
  if (!sheetPr) {
    const at = insertionPoint(kids, root, WORKSHEET_ORDER, 'sheetPr');
    edits.push({ start: at, end: at, text: `<${p}sheetPr>${els.pageSetUpPr}</${p}sheetPr>` });
  } else {
    const inner = sheetPr.openEnd === sheetPr.end ? [] : children(xml, sheetPr);
    const setUp = inner.find((c) => c.local === 'pageSetUpPr');
    if (setUp) {
      const tag = xml.slice(setUp.start, setUp.openEnd);
      edits.push({ start: setUp.start, end: setUp.openEnd, text: setAttr(tag, 'fitToPage', '1') });
    } else if (sheetPr.openEnd === sheetPr.end) {
      const open = xml.slice(sheetPr.start, sheetPr.openEnd).replace(/\s*\/>$/, '>');
      edits.push({
        start: sheetPr.start,
        end: sheetPr.end,
        text: `${open}${els.pageSetUpPr}</${sheetPr.name}>`,
      });
    } else {
      // pageSetUpPr is the last child of CT_SheetPr (after tabColor and outlinePr).
      edits.push({ start: sheetPr.closeStart, end: sheetPr.closeStart, text: els.pageSetUpPr });
    }
  }

  // printOptions, pageMargins and pageSetup are adjacent in CT_Worksheet: replace the three
  // at once where the first of them is, or insert them where printOptions belongs.
  const group = ['printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks'];
  const existing = kids.filter((k) => group.includes(k.local));
  const text = `${els.printOptions}${els.pageMargins}${els.pageSetup}${els.headerFooter}${els.rowBreaks}`;
  if (existing.length === 0) {
    const at = insertionPoint(kids, root, WORKSHEET_ORDER, 'printOptions');
    edits.push({ start: at, end: at, text });
  } else {
    existing.forEach((k, i) =>
      edits.push({ start: k.start, end: k.end, text: i === 0 ? text : '' }),
    );
  }
  return splice(xml, edits);
}

/** "'Sheet'!$1:$1" — rows repeated on every printed page. */
function titleRowsRef(sheet: string, rows: { first: number; last: number }): string {
  return `${quoteSheet(sheet)}!$${rows.first + 1}:$${rows.last + 1}`;
}

/** The plan's sheets that carry a print layout. */
export function printedSheets(plan: WritePlan): { name: string; print: PrintSetup }[] {
  const out: { name: string; print: PrintSetup }[] = [];
  if (plan.summary.print) out.push({ name: plan.summary.name, print: plan.summary.print });
  if (plan.history?.print) out.push({ name: plan.history.name, print: plan.history.print });
  const log = plan.changeLog?.log;
  if (log?.print) out.push({ name: log.name, print: log.print });
  return out;
}

const PRINT_NAMES = ['_xlnm.Print_Area', '_xlnm.Print_Titles'] as const;

/**
 * Sets the print area and print titles of the given sheets in workbook.xml, replacing any
 * earlier ones of those sheets (a re-run does not pile up names); a sheet without an area or
 * titles loses its old one. Other defined names are kept as they are.
 */
export function setPrintNames(
  file: WorkbookFile,
  sheets: readonly { name: string; print: PrintSetup }[],
  workbookOrder: readonly string[],
): void {
  if (sheets.length === 0) return;
  const pkg = file.pkg;
  const xml = pkg.requireText(file.workbookPart);
  const order = pkg.sheets(file.workbookPart).map((s) => s.name.toLowerCase());
  const root = rootElement(xml);
  const p = prefixOf(root.name);
  const kids = children(xml, root);
  const names = kids.find((k) => k.local === 'definedNames');
  const edits: Edit[] = [];
  const targets = new Map<number, { name: string; print: PrintSetup }>();
  for (const s of sheets) {
    const index = order.indexOf(s.name.toLowerCase());
    if (index >= 0) targets.set(index, s);
  }
  const entries: string[] = [];
  for (const [index, s] of targets) {
    const add = (name: string, formula: string) =>
      entries.push(
        `<${p}definedName name="${name}" localSheetId="${index}">${escapeText(formula)}</${p}definedName>`,
      );
    if (s.print.area) add(PRINT_NAMES[0], `${quoteSheet(s.name)}!${absoluteRange(s.print.area)}`);
    if (s.print.titleRows) add(PRINT_NAMES[1], titleRowsRef(s.name, s.print.titleRows));
  }
  const isOurs = (el: ElementRange): boolean => {
    const a = parseAttrs(xml.slice(el.start, el.openEnd));
    const name = decodeEntities(a.get('name') ?? '');
    const scope = Number(a.get('localSheetId') ?? NaN);
    return (PRINT_NAMES as readonly string[]).includes(name) && targets.has(scope);
  };
  if (!names) {
    if (entries.length === 0) return;
    const at = insertionPoint(kids, root, workbookOrder, 'definedNames');
    edits.push({
      start: at,
      end: at,
      text: `<${p}definedNames>${entries.join('')}</${p}definedNames>`,
    });
  } else if (names.openEnd === names.end) {
    if (entries.length === 0) return;
    edits.push({
      start: names.start,
      end: names.end,
      text: `<${p}definedNames>${entries.join('')}</${p}definedNames>`,
    });
  } else {
    const list = children(xml, names).filter((c) => c.local === 'definedName');
    for (const el of list) if (isOurs(el)) edits.push({ start: el.start, end: el.end, text: '' });
    // _xlnm names first, as Excel writes them.
    edits.push({ start: names.openEnd, end: names.openEnd, text: entries.join('') });
  }
  pkg.write(file.workbookPart, splice(xml, edits));
}

/** A sheet-scoped defined name's formula read back from workbook.xml, or undefined (tests and tools). */
export function definedNameOf(xml: string, name: string, localSheetId: number): string | undefined {
  const root = rootElement(xml);
  const names = children(xml, root).find((k) => k.local === 'definedNames');
  if (!names || names.openEnd === names.end) return undefined;
  for (const el of children(xml, names)) {
    const tag = xml.slice(el.start, el.openEnd);
    if (getAttr(tag, 'name') === name && getAttr(tag, 'localSheetId') === String(localSheetId)) {
      return decodeEntities(xml.slice(el.openEnd, el.closeStart));
    }
  }
  return undefined;
}

/**
 * Applies the change log's print layout to its part, once its rows are written (a new sheet's
 * part is found by the relationship that was added for it, workbook.xml not yet listing it).
 */
export function finishChangeLogSheet(
  file: WorkbookFile,
  log: ChangeLogWrite['log'],
  changes: WorkbookChanges,
): void {
  if (!log.print) return;
  const part =
    findSheet(file, log.name)?.part ??
    file.pkg
      .rels(file.workbookPart)
      .find((r) => r.id === changes.newSheets.find((s) => s.name === log.name)?.rId)?.part;
  if (!part || !file.pkg.has(part)) return;
  file.pkg.write(part, patchWorksheetPrint(file.pkg.requireText(part), log.print));
}
