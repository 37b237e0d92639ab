/**
 * The workbook part as a refresh changes it: the sheets it adds (summary, history) and the
 * auto-filter's _xlnm._FilterDatabase names, collected while the sheets are written and
 * applied once; the sheet the workbook opens on (the active tab, and which tab is selected);
 * and finding a worksheet of the file by name.
 */

import type { WorkbookFile } from './file';
import { REL_NS, type SheetEntry } from './package';
import {
  children,
  escapeAttr,
  escapeText,
  insertionPoint,
  getAttr,
  parseAttrs,
  prefixOf,
  removeAttr,
  setAttr,
  rootElement,
  splice,
  type Edit,
  type ElementRange,
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
  /** Sheets to list in workbook.xml; `hidden`: listed with state="hidden". */
  newSheets: { name: string; rId: string; hidden?: boolean }[];
  /** Existing sheets to hide (state="hidden"), by name. */
  hide: string[];
  /** localSheetId → _xlnm._FilterDatabase formula. */
  filterDatabase: { sheetIndex: number; formula: string }[];
  /**
   * The sheet the workbook opens on (the plan's): a sheet patched while it streams out sets or
   * clears its own tab selection (tabSelectedEdits) and is listed in `tabsDone`; openOnSheet
   * does the others at the end.
   */
  openOn: string | null;
  tabsDone: Set<string>;
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
  if (
    changes.newSheets.length === 0 &&
    changes.filterDatabase.length === 0 &&
    changes.hide.length === 0
  ) {
    return;
  }
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
      const state = s.hidden ? ' state="hidden"' : '';
      return `<${p}sheet name="${escapeAttr(s.name)}" sheetId="${maxId + i + 1}"${state} ${idAttr}/>`;
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
  if (changes.hide.length > 0) {
    const hide = new Set(changes.hide.map((n) => n.toLowerCase()));
    const sheets = kids.find((k) => k.local === 'sheets');
    for (const s of sheets ? children(xml, sheets) : []) {
      if (s.local !== 'sheet') continue;
      const tag = xml.slice(s.start, s.openEnd);
      if (!hide.has((getAttr(tag, 'name') ?? '').toLowerCase())) continue;
      if (getAttr(tag, 'state') === 'hidden') continue;
      edits.push({ start: s.start, end: s.openEnd, text: setAttr(tag, 'state', 'hidden') });
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

/**
 * Edits of a worksheet's or chartsheet's <sheetView> start tags so its tab is selected or not
 * (CT_SheetView tabSelected, ECMA-376 Part 1, 18.3.1.87): selected, the view of the first
 * workbook view gets tabSelected="1"; not selected, the attribute goes from every view that has
 * it. Only those start tags change (`tag` may rewrite one first, where another edit replaces
 * the whole element: see inventory.ts). Empty when nothing needs to change.
 */
export function tabSelectedEdits(
  xml: string,
  kids: readonly ElementRange[],
  selected: boolean,
): Edit[] {
  const views = kids.find((k) => k.local === 'sheetViews');
  if (!views || views.openEnd === views.end) return [];
  const edits: Edit[] = [];
  const list = children(xml, views).filter((c) => c.local === 'sheetView');
  list.forEach((v) => {
    const tag = xml.slice(v.start, v.openEnd);
    const next = selectTab(tag, selected && v === firstView(xml, list));
    if (next !== tag) edits.push({ start: v.start, end: v.openEnd, text: next });
  });
  return edits;
}

/** A <sheetView> start tag with its tab selected or not; other attributes kept as they are. */
export function selectTab(tag: string, selected: boolean): string {
  const now = getAttr(tag, 'tabSelected');
  const on = now === '1' || now === 'true';
  if (selected) return on ? tag : setAttr(tag, 'tabSelected', '1');
  // Already not selected ("0"/"false" or absent): the tag stays byte for byte.
  return on ? removeAttr(tag, 'tabSelected') : tag;
}

/** The view of workbook view 0 (the one Excel shows), else the first view. */
function firstView(xml: string, list: readonly ElementRange[]): ElementRange | undefined {
  return (
    list.find((v) => (getAttr(xml.slice(v.start, v.openEnd), 'workbookViewId') ?? '0') === '0') ??
    list[0]
  );
}

/**
 * Makes the workbook open on `name` (SPEC §4: a refreshed file opens on the summary): the
 * first <workbookView> gets its index as activeTab (and firstSheet no later than it, so its
 * tab is in sight), that sheet's tab is selected and every other sheet's is not (two selected
 * tabs open as a group, where typing changes both). Only those attributes change; a sheet
 * already patched this refresh (`done`) has set its own. A hidden sheet is never made active:
 * the workbook is then left as it was.
 */
export function openOnSheet(
  file: WorkbookFile,
  name: string | null,
  done: ReadonlySet<string>,
): void {
  if (name === null) return;
  const pkg = file.pkg;
  const sheets = pkg.sheets(file.workbookPart);
  const lower = name.toLowerCase();
  const index = sheets.findIndex((s) => s.name.toLowerCase() === lower);
  if (index < 0 || sheets[index]!.state !== 'visible') return;
  const xml = pkg.requireText(file.workbookPart);
  const root = rootElement(xml);
  const p = prefixOf(root.name);
  const kids = children(xml, root);
  const views = kids.find((k) => k.local === 'bookViews');
  const edits: Edit[] = [];
  const view =
    views && views.openEnd !== views.end
      ? children(xml, views).find((c) => c.local === 'workbookView')
      : undefined;
  if (view) {
    const tag = xml.slice(view.start, view.openEnd);
    let next = setAttr(tag, 'activeTab', String(index));
    if (Number(getAttr(tag, 'firstSheet') ?? 0) > index) {
      next = setAttr(next, 'firstSheet', String(index));
    }
    if (next !== tag) edits.push({ start: view.start, end: view.openEnd, text: next });
  } else {
    const text = `<${p}bookViews><${p}workbookView activeTab="${index}"/></${p}bookViews>`;
    if (views) edits.push({ start: views.start, end: views.end, text });
    else {
      const at = insertionPoint(kids, root, WORKBOOK_ORDER, 'bookViews');
      edits.push({ start: at, end: at, text });
    }
  }
  if (edits.length > 0) pkg.write(file.workbookPart, splice(xml, edits));

  sheets.forEach((s, i) => {
    if (done.has(s.name.toLowerCase()) || s.part === '' || !pkg.has(s.part)) return;
    if (s.kind !== 'worksheet' && s.kind !== 'chartsheet') return;
    const text = pkg.requireText(s.part);
    const sheetRoot = rootElement(text);
    const tabs = tabSelectedEdits(text, children(text, sheetRoot, ['sheetData']), i === index);
    if (tabs.length > 0) pkg.write(s.part, splice(text, tabs));
  });
}
