/**
 * The workbook part as a refresh changes it: the sheets it adds (summary, history) and the
 * auto-filter's _xlnm._FilterDatabase names, collected while the sheets are written and
 * applied once; and finding a worksheet of the file by name.
 */

import type { WorkbookFile } from './file';
import { REL_NS, type SheetEntry } from './package';
import {
  children,
  escapeAttr,
  escapeText,
  insertionPoint,
  parseAttrs,
  prefixOf,
  rootElement,
  splice,
  type Edit,
} from './xml';

/** CT_Workbook child order. */
export const WORKBOOK_ORDER = [
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
export interface WorkbookChanges {
  newSheets: { name: string; rId: string }[];
  /** localSheetId → _xlnm._FilterDatabase formula. */
  filterDatabase: { sheetIndex: number; formula: string }[];
}

/** The worksheet of the file with this name (case-insensitive, as Excel compares names). */
export function findSheet(file: WorkbookFile, name: string): SheetEntry | undefined {
  const lower = name.toLowerCase();
  return file.sheets.find((s) => s.name.toLowerCase() === lower && s.kind === 'worksheet');
}

/**
 * Adds our sheets and the filter database name to workbook.xml. docProps/app.xml is left as
 * it was on purpose: its TitlesOfParts/HeadingPairs stay internally consistent (only stale,
 * which Excel tolerates and rebuilds on its next save), and untouched it stays byte-identical.
 */
export function patchWorkbook(file: WorkbookFile, changes: WorkbookChanges): void {
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
