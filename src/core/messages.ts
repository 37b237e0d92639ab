/**
 * The one catalogue of user-facing problems, shared by the task pane, the ribbon command and
 * the command line (STYLE habit 7). Each message is one sentence that says what is wrong,
 * names the sheet/column/cell, and says what to do. Row-level data issues are not here:
 * they are values (`DataIssue`), not failures.
 */

import { FIELDS } from './fields';
import { RATIO_LIMIT } from './limits';

interface ProblemParams {
  'no-inventory': { sheets: string[] };
  'sheet-not-found': { sheet: string };
  'saved-sheet-missing': { sheet: string; saved: readonly string[]; surface: Surface };
  'no-name-column': { sheet: string };
  'inventory-empty': { sheet: string };
  'nothing-to-classify': { sheet: string };
  'copy-failed': { sheet: string };
  'no-role-column': { sheet: string };
  'filter-protected': { sheet: string };
  'filter-not-restorable': { sheet: string };
  'mapping-header-not-found': { field: string; header: string; sheet: string };
  'mapping-field-unknown': { field: string };
  'protected-sheet': { sheet: string };
  'output-blocked': { sheet: string; column: string; address: string };
  /** `range`: the merged cells; `area`: the cells the refresh writes on the sheet. */
  'output-merged': { sheet: string; range: string; area: string };
  'file-not-found': { path: string };
  'input-is-folder': { path: string; what: 'workbook' | 'words file' };
  'hard-linked': { path: string; links: number };
  'not-xlsx': { path: string };
  encrypted: { path: string };
  unreadable: { path: string; reason: string };
  damaged: { path: string; part: string | null; reason: string };
  'data-beyond-grid': { path: string; sheet: string; cell: string };
  'output-beyond-grid': { sheet: string; cell: string; what: 'inventory' | 'history' | 'summary' };
  'output-exists-as-input': { path: string };
  'host-unsupported': { requirement: string };
  'payload-too-large': { rows: number };
  'part-too-large': { path: string; part: string; megabytes: number };
  'package-too-big': { path: string; what: 'parts' | 'bytes'; count: number };
  'unsupported-format': { path: string; format: 'strict' | 'prerelease' };
  /** `ratio`: inflated ÷ compressed when that is what gave it away, else null. */
  'part-inflates-too-far': { path: string; part: string; megabytes: number; ratio: number | null };
  /** `surface` fits the advice: a file refresh never changed its input. */
  unexpected: { reason: string; surface?: Surface };
  usage: { detail: string };
  'output-exists': { path: string };
  'output-unwritable': { path: string; reason: string };
  'word-field-unknown': { field: string; value: string; fields: readonly string[] };
  'word-value-empty': { field: string };
  'word-meaning-unknown': {
    field: string;
    value: string;
    meaning: string;
    meanings: readonly string[];
  };
  'word-conflict': {
    field: string;
    value: string;
    first: string;
    firstValue: string;
    second: string;
  };
  'words-unreadable': { source: string; reason: string };
  'settings-unreadable': { path: string; part: string; reason: string };
  'consolidate-input': { path: string; reason: string };
  'not-a-portfolio': { path: string };
  'portfolio-beyond-grid': { initiatives: number; sources: number; limit: number };
  'ribbon-too-large': { rows: number; sheets: number };
  /** The command line's output file exists; `rolesCopy` when it is the default X.roles.xlsx. */
  'refresh-output-exists': { path: string; input: string; rolesCopy: boolean };
  /** `--map Sheet:field=Header` names a sheet the refresh does not include. */
  'map-sheet-not-refreshed': { sheet: string; refreshed: readonly string[] };
  /** The command line's own words for 'sheet-not-found': the sheets the file has. */
  'sheet-not-in-file': { sheet: string; path: string; sheets: readonly string[] };
  /** The command line's own words for 'no-name-column': the headers the row has. */
  'no-name-column-in-file': { sheet: string; row: number; headers: readonly string[] };
  /** The command line's own words for 'mapping-header-not-found': the headers the row has. */
  'mapping-header-not-in-file': {
    field: string;
    key: string;
    header: string;
    sheet: string;
    row: number;
    headers: readonly string[];
  };
}

export type ProblemCode = keyof ProblemParams;

/** Where a message is shown: in Excel (pane, ribbon) or for a file (command line). */
export type Surface = 'excel' | 'file';

const CATALOGUE: { [C in ProblemCode]: (p: ProblemParams[C]) => string } = {
  'no-inventory': (p) =>
    p.sheets.length === 0
      ? 'The workbook has no worksheet with an IoT inventory; add a sheet with a header row such as "Initiative", "Led By", "Stage" and the I&O involvement columns, or create one from the task pane.'
      : `No sheet looks like an IoT inventory (looked at ${quoteList(p.sheets)}); add a header row with at least two recognised headers such as "Initiative" and "Led By", or choose the sheet and map the columns by hand.`,
  'sheet-not-found': (p) =>
    `The sheet "${p.sheet}" does not exist (it may have been renamed or deleted); choose the inventory sheet again.`,
  'saved-sheet-missing': (p) =>
    `The inventory sheet "${p.sheet}" saved in this workbook's settings (with ${quoteList(p.saved.filter((x) => x !== p.sheet))}) is not in the workbook any more (it may have been renamed or deleted), so ${
      p.surface === 'file'
        ? 'nothing was written; name the inventory sheets with --sheet (once per sheet), or choose them again in the task pane and save the workbook.'
        : 'nothing was refreshed; choose the inventory sheets again in the task pane (Inventory sheets), then refresh.'
    }`,
  'no-name-column': (p) =>
    `The sheet "${p.sheet}" has no column for the initiative name; add a header such as "Initiative" or "Project", or map the name field to a column by hand.`,
  'inventory-empty': (p) =>
    `The inventory on "${p.sheet}" has a header row but no initiatives below it; add at least one initiative and refresh again.`,
  'nothing-to-classify': (p) =>
    `No column on "${p.sheet}" says how I&O is involved (I&O in pilot, implementation or operations, or one I&O involvement column), so every initiative not led by I&O would come out Unclassified; map those columns before you refresh.`,
  'copy-failed': (p) =>
    `The summary could not be put on the clipboard (this Office host does not allow it); open the "${p.sheet}" sheet and copy from there.`,
  'no-role-column': (p) =>
    `The sheet "${p.sheet}" has no "I&O Role" column to filter (it may have been moved or deleted); refresh the portfolio to write it again.`,
  'filter-protected': (p) =>
    `The sheet "${p.sheet}" is protected, so its rows cannot be filtered by role; unprotect it (Review > Unprotect Sheet) and try again.`,
  'filter-not-restorable': (p) =>
    `The sheet "${p.sheet}" is filtered by a condition, date, colour or icon, which the refresh could not put back after writing the role columns; clear that filter (Data > Clear) and refresh again.`,
  'mapping-header-not-found': (p) =>
    `The column "${p.header}" chosen for ${p.field} is not in the header row of "${p.sheet}"; pick an existing column or clear the mapping.`,
  'mapping-field-unknown': (p) =>
    `"${p.field}" is not a field IoT Role Map knows; use one of ${FIELDS.join(', ')}.`,
  'protected-sheet': (p) =>
    `The sheet "${p.sheet}" is protected, so the role columns cannot be written; unprotect it (Review > Unprotect Sheet) and refresh again.`,
  'output-blocked': (p) =>
    `Column ${p.column} on "${p.sheet}" holds your data (cell ${p.address}) where the role columns would go; move that data or insert empty columns there, then refresh again.`,
  'output-merged': (p) =>
    `Cells ${p.range} on "${p.sheet}" are merged where the role columns would go (${p.area}), so the roles written there would be hidden; unmerge those cells or move them out of the way, then refresh again.`,
  'input-is-folder': (p) =>
    `"${p.path}" is a folder, not a ${p.what}; give the path of the ${p.what === 'workbook' ? '.xlsx or .xlsm file' : 'CSV or JSON file'} itself.`,
  'hard-linked': (p) =>
    `"${p.path}" has ${p.links} hard links, so replacing it would leave the other links on the old workbook; write the refresh to a new file with --out, or remove the other links first.`,
  'file-not-found': (p) => `The file "${p.path}" does not exist; check the path and try again.`,
  'not-xlsx': (p) =>
    `"${p.path}" is not an Excel workbook (.xlsx or .xlsm); open it in Excel and save it as an Excel Workbook, then try again.`,
  encrypted: (p) =>
    `"${p.path}" is password-protected; open it in Excel, remove the password (File > Info > Protect Workbook), save, and try again.`,
  unreadable: (p) =>
    `"${p.path}" could not be read as a workbook (${p.reason}); open and save it again in Excel, then try again.`,
  damaged: (p) =>
    `"${p.path}" is damaged: ${p.part === null ? '' : `its part ${p.part} `}${p.reason}; open it in Excel and save it again (Excel repairs what it can), then try again with the saved copy.`,
  'data-beyond-grid': (p) =>
    `The sheet "${p.sheet}" in "${p.path}" refers to ${p.cell}, beyond Excel's grid (columns A to XFD, rows 1 to 1,048,576), so the file is damaged; open it in Excel and save it again, then try again with the saved copy.`,
  'output-beyond-grid': (p) =>
    p.what === 'inventory'
      ? `The role columns on "${p.sheet}" would reach cell ${p.cell}, beyond Excel's grid (columns A to XFD, rows 1 to 1,048,576); delete unused columns to the right of the inventory or move it further left, then refresh again.`
      : `The sheet "${p.sheet}" would need cell ${p.cell}, beyond Excel's grid (columns A to XFD, rows 1 to 1,048,576); delete its oldest rows or rename the sheet to start a new one, then refresh again.`,
  'output-exists-as-input': (p) =>
    `The output file "${p.path}" is the input file; use --in-place to overwrite the input, or choose another --out path.`,
  'host-unsupported': (p) =>
    `This version of Excel does not support ${p.requirement}; update Office or use Excel on the web, then try again.`,
  'payload-too-large': (p) =>
    `The inventory (${p.rows} rows) is too large to refresh in one go even after splitting; split it across sheets and refresh each.`,
  'part-inflates-too-far': (p) =>
    `"${p.path}" cannot be refreshed: its part ${p.part} would inflate past ${p.megabytes.toLocaleString('en-US')} MB${p.ratio === null ? '' : ` (${p.ratio.toLocaleString('en-US')} times its compressed size; Excel's own parts stay under ${RATIO_LIMIT} times)`}, more than any workbook Excel can save; if Excel opens the file, save it there again and try the saved copy.`,
  'unsupported-format': (p) =>
    p.format === 'strict'
      ? `"${p.path}" is saved as "Strict Open XML Spreadsheet", which the refresh cannot write back without mixing in the usual format; open it in Excel, save it as "Excel Workbook (*.xlsx)", and try the saved copy.`
      : `"${p.path}" is in the format of a pre-release of Excel 2007, which the refresh cannot read as a current workbook; open it in a current Excel, save it as "Excel Workbook (*.xlsx)", and try the saved copy.`,
  'package-too-big': (p) =>
    `"${p.path}" could not be refreshed: its refreshed copy would ${p.what === 'parts' ? `hold ${p.count.toLocaleString('en-US')} parts, more than the 65,534 a ZIP archive can list` : `be ${Math.ceil(p.count / 1e6).toLocaleString('en-US')} MB, more than the 4 GB a ZIP archive can hold`} without ZIP64 records, which Excel does not write; open it in Excel, save it again (Excel drops what it does not use), and try the saved copy.`,
  'part-too-large': (p) =>
    `"${p.path}" holds ${p.part} as ${p.megabytes.toLocaleString('en-US')} MB of XML, more than the 512 MB the command line can read as one part (a sheet filled to Excel's last row with the role columns beside it reaches that); refresh this workbook in Excel, or split the inventory across sheets, then try again.`,
  usage: (p) => `${p.detail}; run "iot-role-map --help" to see the commands and options.`,
  'output-exists': (p) =>
    `The file "${p.path}" already exists; choose another file name or delete it first.`,
  'output-unwritable': (p) =>
    `The output file "${p.path}" could not be written (${p.reason}); check that its folder exists and is writable, or choose another --out path.`,
  'word-field-unknown': (p) =>
    `The word "${p.value}" is taught for "${p.field}", which is not a field that takes words; use one of ${p.fields.join(', ')}.`,
  'word-value-empty': (p) =>
    `A word for ${p.field} has no value; write the value as it appears in the sheet, or remove the word.`,
  'word-meaning-unknown': (p) =>
    `The word "${p.value}" for ${p.field} is taught to mean "${p.meaning}", which is not one of ${p.meanings.join(', ')}; choose one of those meanings.`,
  'word-conflict': (p) =>
    `The word "${p.value}" for ${p.field} is taught twice with different meanings ("${p.firstValue}" as ${p.first} and as ${p.second}); keep one of them.`,
  'words-unreadable': (p) =>
    `The words in ${p.source} could not be read (${p.reason}); write one word per line as field,value,meaning or use the JSON the task pane exports.`,
  'settings-unreadable': (p) =>
    `The add-in's saved settings in "${p.path}" (part ${p.part}) could not be read (${p.reason}), so they were ignored; open the workbook in Excel and refresh from the task pane to save them again.`,
  'consolidate-input': (p) =>
    `Nothing was written because "${p.path}" could not be consolidated: ${p.reason.replace(/\.$/, '')}; fix that workbook or leave it out (or add --skip-unreadable to consolidate the others).`,
  'portfolio-beyond-grid': (p) =>
    `Nothing was written because the ${p.sources.toLocaleString('en-US')} inventory sheets hold ${p.initiatives.toLocaleString('en-US')} initiatives together, more than the ${p.limit.toLocaleString('en-US')} rows one Portfolio sheet has below its header (Excel's grid ends at row 1,048,576); consolidate them into two or more portfolios, each with its own --out, then try again.`,
  'not-a-portfolio': (p) =>
    `The file "${p.path}" exists and was not made by consolidate (it has no "Portfolio" sheet starting with "Source file" and "Source sheet"); choose another --out path or delete it first.`,
  'ribbon-too-large': (p) =>
    `This portfolio has ${p.rows.toLocaleString('en-US')} initiatives on ${p.sheets === 1 ? 'one sheet' : `${p.sheets} sheets`}, more than the Refresh roles button can finish within the five minutes Excel gives a ribbon button; open IoT Role Map from the Home tab and choose Refresh portfolio there, which shows its progress and has no time limit.`,
  'refresh-output-exists': (p) =>
    p.rolesCopy
      ? `"${p.path}" already exists (an earlier refresh of "${p.input}"?), so nothing was written; to continue its history refresh that file instead (iot-role-map refresh "${p.path}"), or add --force to replace it with a first refresh of "${p.input}", or choose another --out.`
      : `"${p.path}" already exists, so nothing was written; add --force to replace it, or choose another --out.`,
  'map-sheet-not-refreshed': (p) =>
    p.refreshed.length === 0
      ? `--map ${p.sheet}:… names the sheet "${p.sheet}", but this refresh finds its sheet by itself; add --sheet "${p.sheet}" to refresh it.`
      : `--map ${p.sheet}:… names the sheet "${p.sheet}", which this refresh does not include (it refreshes ${quoteList(p.refreshed)}); add --sheet "${p.sheet}" or correct the name.`,
  'sheet-not-in-file': (p) =>
    `"${p.path}" has no sheet named "${p.sheet}"; its sheets are ${quoteList(p.sheets, 20)}: name one with --sheet.`,
  'no-name-column-in-file': (p) =>
    p.headers.length === 0
      ? `The sheet "${p.sheet}" has no column for the initiative name and its header row (row ${p.row}) is empty; add a header such as "Initiative", or name the sheet with --sheet.`
      : `The sheet "${p.sheet}" has no column for the initiative name; its header row (row ${p.row}) has ${quoteList(p.headers, 20)}: name the one that holds the names with --map name="Header", or add a header such as "Initiative".`,
  'mapping-header-not-in-file': (p) =>
    p.headers.length === 0
      ? `--map ${p.key}="${p.header}" names a column that is not in "${p.sheet}": its header row (row ${p.row}) is empty; check --map and --sheet.`
      : `--map ${p.key}="${p.header}" names a column that is not in the header row (row ${p.row}) of "${p.sheet}", which has ${quoteList(p.headers, 20)}; name one of them for ${p.field}.`,
  unexpected: (p) =>
    p.surface === 'file'
      ? `Something unexpected went wrong (${p.reason}); the input file was not changed and no output was written, so please report it with the command you ran.`
      : `Something unexpected went wrong (${p.reason}); your own cells were not changed, so refresh again to repair the role columns, and report it if it happens again.`,
};

/** A failure the user can cause or fix; the only error shape the surfaces show. */
export class RoleMapError extends Error {
  readonly code: ProblemCode;
  /** The problem's parameters, so a surface can say it in its own words (see `paramsOf`). */
  readonly params: unknown;
  constructor(code: ProblemCode, message: string, params: unknown = null) {
    super(message);
    this.name = 'RoleMapError';
    this.code = code;
    this.params = params;
  }
}

/** Builds the user-facing error for a problem code with its parameters. */
export function problem<C extends ProblemCode>(code: C, params: ProblemParams[C]): RoleMapError {
  return new RoleMapError(code, oneLine(CATALOGUE[code](params)), params);
}

/** The parameters of a problem of code `code`, or null for any other error. */
export function paramsOf<C extends ProblemCode>(err: unknown, code: C): ProblemParams[C] | null {
  return err instanceof RoleMapError && err.code === code && err.params !== null
    ? (err.params as ProblemParams[C])
    : null;
}

/** Turns anything thrown into the one sentence a user sees (no stack traces). */
export function userMessage(err: unknown, surface: Surface = 'excel'): string {
  if (err instanceof RoleMapError) return err.message;
  const reason = err instanceof Error ? err.message : String(err);
  return oneLine(
    CATALOGUE.unexpected({ reason: reason.split('\n')[0] ?? 'unknown error', surface }),
  );
}

/** Names shown in one message before the rest are counted ("…and 31 more"). */
const LIST_CAP = 8;

/** Quoted names, at most LIST_CAP of them, so a sentence stays readable. */
export function quoteList(items: readonly string[], cap = LIST_CAP): string {
  const shown = items.slice(0, cap).map((s) => `"${s}"`);
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} …and ${rest} more` : shown.join(', ');
}

/**
 * One line, whatever the file holds: names and reasons taken from a workbook (a sheet name
 * with a line break, a part name with a control character) must not split the sentence.
 */
function oneLine(message: string): string {
  // eslint-disable-next-line no-control-regex
  return message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

/**
 * The sentences the summary sheet shows around its tables (SPEC §4), in this one catalogue
 * with the problems above; summary-sheet.ts lays them out.
 */
export const SUMMARY_TEXT = {
  title: 'IoT Role Map: the roles I&O plays in the IoT portfolio',
  subtitle:
    'Roles after Gartner, "4 New Roles That I&O Plays in IoT" (2019): Driver, Implementer, Operator, Bystander.',
  activeRoleNote:
    'Active role = Driver, Implementer or Operator. Taking an opportunity counts the initiative at its Next Role. The article counts I&O teams; this sheet counts initiatives, so compare the direction, not the exact figures.',
  /** The article's context figure, a share (0.59 → "59%"). */
  plannedWithoutIT: (share: number) =>
    `Context: ${Math.round(share * 100)}% of IoT initiatives were planned without IT's direct involvement, or with IT involved only after crucial decisions were made (Gartner).`,
  /** `log`: the change log sheet, which keeps every change of every refresh. */
  moreChanges: (more: number, log: string) =>
    `…and ${more} more on the "${log}" sheet, which keeps the changes of every refresh.`,
  noOpportunities: 'No opportunities: every initiative is retired or unclassified.',
  /** The line under the title: what the figures are of, and when. */
  asOf: (sheet: string, at: string, total: number, classified: number, review: number) =>
    `"${sheet}" as of ${at}: ${total} initiative${total === 1 ? '' : 's'}, ${classified} classified, ${review} needing review (listed in the details after the brief).`,
  briefHeading: 'The brief',
  definitionsHeading: 'What the words mean',
  noName: '(no name)',
  activeShareRow: 'Active share today',
  deepShareRow: 'Implementer or Driver today',
  highRow: (n: number) => `If I&O takes the ${n} High opportunit${n === 1 ? 'y' : 'ies'}`,
  mediumRow: (n: number) => `…and the ${n} Medium one${n === 1 ? '' : 's'} too`,
  mediumSame: 'The Medium ones move I&O between active roles: deeper ownership, same share.',
  articleFigures: (y2018: number, y2020: number) =>
    `Gartner (I&O teams, not initiatives): ${Math.round(y2018 * 100)}% active in 2018, ${Math.round(y2020 * 100)}% expected by 2020.`,
  otherCurrencies: (totals: string, main: string) =>
    `Budgets in other currencies, not added to the ${main} column: ${totals}.`,
  chartAltText: (counts: string) =>
    `Bar chart of the initiatives by the role I&O plays in them: ${counts}.`,
  historyAltText: (points: number) =>
    `Line chart of the I&O active-role share at each of the ${points} refreshes so far, over time, beside Gartner's 40% expected by 2020.`,
  detailsHeading: 'Details (not part of the brief)',
  detailsNote:
    'The rows below need a look before the next refresh; they print after the brief and do not change its figures.',
  footerTitle: 'IoT Role Map: the roles I&O plays in the IoT portfolio',
  footerAsOf: (at: string) => `As of ${at}`,
  noReview: 'None: every row is complete and consistent.',
  moreReview: (more: number, sheet: string) =>
    `…and ${more} more: filter the Data Issues column on "${sheet}" to see them all.`,
} as const;

/** The change log's words (core/change-log.ts): a refresh of a sheet with no change to list. */
export const CHANGE_LOG_TEXT = {
  firstRefresh: 'First refresh',
  noChanges: 'No changes',
} as const;

/**
 * The brief's words (SPEC §4): the sentences the report module (report.ts) composes for the
 * summary sheet, the pane, the command line and Copy summary. Figures arrive formatted.
 */
export const BRIEF_TEXT = {
  /** Terms spelled out once, where the summary and the copied brief first use them. */
  terms:
    'I&O: infrastructure and operations. LOB: line of business. OT: operational technology (plant, facilities, product).',
  roles: {
    Driver: 'Driver: I&O initiates and leads the initiative with the business.',
    Implementer: 'Implementer: a LOB or OT team owns it; I&O builds edge, platform, integration.',
    Operator: 'Operator: I&O did not lead or build it, but runs it after the pilot.',
    Bystander: 'Bystander: I&O is not involved; the LOB or OT team runs it all.',
  },
  activeShare: (share: string, deep: string) =>
    `Active share: classified initiatives where I&O is Driver, Implementer or Operator (${share}); Implementer or Driver alone: ${deep}.`,
  noShare:
    'No initiative could be classified yet, so there is no active share; map the columns that say how I&O is involved, then refresh.',
  standing: (active: number, classified: number, share: string) =>
    `I&O plays an active role in ${active} of ${classified} classified initiative${classified === 1 ? '' : 's'} (${share})`,
  firstTime: 'this is the first refresh, so the next one shows the trend',
  up: (share: string) => `up from ${share} at the last refresh`,
  down: (share: string) => `down from ${share} at the last refresh`,
  same: 'unchanged since the last refresh',
  sinceFirst: (share: string, date: string) => `and ${share} at the first refresh (${date})`,
  sameSinceFirst: (date: string) => `and since the first refresh (${date})`,
  gapEarly: (n: number) =>
    `The biggest gap: ${n} initiative${n === 1 ? '' : 's'} at Idea or Planned stage ${n === 1 ? 'runs' : 'run'} without I&O, before crucial decisions are made.`,
  gapBystanders: (n: number) =>
    `The biggest gap: ${n} initiative${n === 1 ? '' : 's'} ${n === 1 ? 'runs' : 'run'} without I&O (Bystander).`,
  gapOperators: (n: number) =>
    `Every classified initiative has I&O in an active role; the gap is ownership: ${n} ${n === 1 ? 'has' : 'have'} I&O as Operator only.`,
  gapNone:
    'Every classified initiative has I&O as Driver or Implementer: there is no gap to close.',
  allDriver: (n: number) =>
    `I&O drives ${n === 1 ? 'the one classified initiative' : `all ${n} classified initiatives`}: there is no gap to close.`,
  asksLead: (count: number) =>
    count === 1 ? 'The ask:' : count === 2 ? 'The two asks:' : 'The three asks:',
  ask: (verb: string, name: string, owner: string) => `${verb} ${name} (${owner})`,
  askVerbs: { Driver: 'lead', Implementer: 'implement', Operator: 'operate', Bystander: 'watch' },
  noOwner: 'owner not recorded',
  noAsks:
    'No opportunity is open: every initiative is retired, unclassified or already led by I&O.',
  projectionHigh: (count: number, from: string, to: string) =>
    `If I&O takes the ${count} High-priority opportunit${count === 1 ? 'y' : 'ies'}, the active share goes from ${from} to ${to} (each initiative counted at its Next Role).`,
  projectionNoHigh: (share: string) =>
    `No High-priority opportunity is open, so the active share stays at ${share} until the Medium ones are taken.`,
  projectionMedium: (count: number, to: string) =>
    `With the ${count} Medium one${count === 1 ? '' : 's'} too: ${to}.`,
  projectionMediumSame: (count: number, to: string) =>
    `The ${count} Medium one${count === 1 ? '' : 's'} keep${count === 1 ? 's' : ''} it at ${to}: they move I&O between active roles (for example Operator to Implementer), deeper ownership that the share does not count.`,
  opportunitiesHeading: (shown: number, of: number) =>
    of === 0
      ? 'No opportunities'
      : shown === of
        ? `The ${of === 1 ? 'one opportunity' : `${of} opportunities`}, by impact`
        : `Top ${shown} of ${of} opportunities, by impact`,
  opportunityFacts: (owner: string, budget: string | null, endpoints: string | null) =>
    [
      owner,
      budget === null ? null : `budget ${budget}`,
      endpoints === null ? null : `${endpoints} endpoints`,
    ]
      .filter((p) => p !== null)
      .join('; '),
  shortAction: {
    Driver: (owner: string) => `Propose that I&O leads it with ${owner} before crucial decisions.`,
    Implementer: () => 'Offer I&O to implement it: edge, platform, enterprise integration.',
    Operator: () => 'Offer I&O to operate it after the pilot: endpoints, edge, platform.',
    Bystander: () => 'Keep it in view: I&O has no part in it yet.',
  },
  firstRefresh: (sheet: string) =>
    `First refresh of "${sheet}": nothing to compare with yet; the next refresh lists role changes, stage moves, additions and removals.`,
  noChanges:
    'No changes since the last refresh: no role changed, no stage moved, nothing was added or removed.',
  changesCount: (parts: readonly string[]) => `Since the last refresh: ${parts.join(', ')}.`,
  /** A refresh read back from the history, which keeps how many changes, not which. */
  changesKept: (n: number, sheet: string) =>
    `${n} change${n === 1 ? '' : 's'} since the refresh before it (roles, stages, additions and removals), listed on the "${sheet}" sheet.`,
  /** What a refresh read back from the history cannot say: it keeps counts, not rows. */
  notKept: (sheet: string) =>
    `The biggest gap, the asks, where ownership is heading and the top opportunities are on the "${sheet}" sheet; Refresh portfolio lists them here too.`,
  changeKinds: {
    role: (n: number) => `${n} role change${n === 1 ? '' : 's'}`,
    stage: (n: number) => `${n} stage move${n === 1 ? '' : 's'}`,
    added: (n: number) => `${n} added`,
    removed: (n: number) => `${n} removed`,
  },
  change: {
    role: (name: string, from: string, to: string) => `${name}: ${from} → ${to}`,
    stage: (name: string, from: string, to: string) => `${name}: stage ${from} → ${to}`,
    added: (name: string, _from: string, to: string) => `${name}: added as ${to}`,
    removed: (name: string, from: string) =>
      `${name}: removed (was ${from === '' ? 'not classified' : from})`,
  },
  changeLabel: { role: 'Role changed', stage: 'Stage moved', added: 'Added', removed: 'Removed' },
  moreItems: (more: number, sheet: string) => `…and ${more} more on the "${sheet}" sheet.`,
  noName: '(no name)',
  otherCurrency: (cell: string | null, own: string, main: string) =>
    `${cell === null ? 'The budget' : `The budget in ${cell}`} is in ${own}, not in ${main} like most of the portfolio, so it is totalled on its own; write it in ${main} if it should count with the others.`,
} as const;

/**
 * The task pane's own sentences (SPEC §5): why results are out of date, how each chosen sheet
 * stands before a refresh, and what a change to the column mapping did.
 */
export const PANE_TEXT = {
  /** Why the results on screen no longer describe the workbook. */
  stale: {
    edited: (sheets: readonly string[]) =>
      `Out of date: ${quoteList(sheets)} ${sheets.length === 1 ? 'was' : 'were'} edited after this refresh. Refresh to update these results.`,
    sheets:
      'Out of date: the inventory sheets to refresh changed after this refresh. Refresh to update these results.',
    mapping:
      'Out of date: the column mapping or the header row changed after this refresh. Refresh to update these results.',
    words:
      "Out of date: this workbook's own words changed after this refresh. Refresh to read the values with them.",
  },
  /** How a chosen sheet stands before a refresh. */
  ready: (sheet: string) => `"${sheet}" is ready to refresh.`,
  needsMapping: (sheet: string) =>
    `"${sheet}" needs its columns mapped before it can be refreshed.`,
  /** More sheets wait behind the message on screen. */
  moreToFix: (n: number) =>
    `${n} more ${n === 1 ? 'thing stops' : 'things stop'} the refresh after this one.`,
  /** A column mapped to one field was taken from others. */
  columnMoved: (column: string, header: string, to: string, from: readonly string[]) =>
    `Column ${column} ("${header}") is now read as ${to}, so ${from.join(' and ')} ${from.length === 1 ? 'has' : 'have'} no column; map ${from.length === 1 ? 'it' : 'them'} again if needed.`,
  /** A field needed to classify set to "Not used". */
  fieldOff: (field: string) =>
    `With ${field} not used, initiatives that only ${field} describes will be Unclassified; pick its column to classify them.`,
  wordsCopied: 'Copied: paste the words into another workbook with Import….',
  wordsCopyFailed:
    'This Office host does not allow copying from the pane; the words are selected, so press Ctrl+C (Cmd+C on a Mac).',
  /** No inventory yet: the pane offers the template instead of talking about other sheets. */
  noInventory:
    'No sheet looks like an IoT inventory yet. Create one from the template, or pick a sheet and map its columns by hand.',
} as const;

/** Copy summary: the heading over the report's blocks and what the pane says once copied. */
export const SUMMARY_COPY_TEXT = {
  heading: (sheet: string, at: string) => `IoT Role Map: ${sheet}, refreshed ${at}`,
  copiedHtml: 'Summary copied: paste it into an e-mail or a document.',
  copiedText: 'Summary copied as plain text.',
} as const;

/**
 * The task pane's labels and the sentences it announces (SPEC §5), in one place with the rest
 * of the catalogue: the pane's components and hooks render these and hold no words of their
 * own (names of sheets, fields and roles are filled in).
 */
export const PANE_WORDS = {
  title: 'IoT Role Map',
  loading: 'Reading the workbook…',
  form: 'Refresh the role map',
  tabs: { inventory: 'Inventory', results: 'Results', resultsStale: 'Results (out of date)' },
  refresh: 'Refresh portfolio',
  progress: 'Refresh progress',
  dismiss: 'Dismiss message',
  createInventory: 'Create inventory sheet',
  resetMapping: 'Reset mapping',
  mapColumns: 'Map columns',
  mapColumnsOf: (sheet: string) => `Map columns of “${sheet}”`,
  /** What a refresh will do, in the status line while nothing runs. */
  willWrite: (sheets: string, summary: string) =>
    `Writes the role columns on ${sheets} and rebuilds the ${summary} sheet.`,
  /** Announced politely (the status line) when an action is done. */
  announce: {
    refreshed: (sheet: string, summary: string) =>
      `Refresh complete: roles written on “${sheet}”, ${summary} rebuilt.`,
    together: (n: number) => `${n} inventory sheets will be refreshed together.`,
    alone: (sheet: string) => `Only “${sheet}” will be refreshed.`,
    created: (sheet: string) => `Created the inventory sheet "${sheet}".`,
    allRoles: (where: string) => `Every role is shown again on ${where}.`,
    oneRole: (where: string, sheets: number, role: string) =>
      `${where} now ${sheets === 1 ? 'shows' : 'show'} only the ${role} rows.`,
    wordTaught: (value: string, meaning: string) =>
      `“${value}” will count as ${meaning} from the next refresh.`,
    wordForgotten: (value: string) => `“${value}” is no longer one of this workbook’s words.`,
    wordsImported: (n: number) => `Imported ${n} ${n === 1 ? 'word' : 'words'}.`,
  },
  /** The refresh's steps in the status line. */
  step: (n: number) => `Step ${n} of 3`,
  phase: {
    reading: 'reading the workbook…',
    classifyingSome: 'classifying the initiatives…',
    classifying: (n: string, one: boolean) =>
      `classifying ${n} ${one ? 'initiative' : 'initiatives'}…`,
    classified: (done: string, total: string) => `classified ${done} of ${total} initiatives…`,
    writing: (part: string) => `writing roles and summary${part}…`,
    writingPart: (done: string, total: string) => ` (part ${done} of ${total})`,
    done: 'Refresh complete.',
  },
  results: {
    none: (summary: string) =>
      `No results yet in this session. Refresh portfolio writes the roles on the inventory sheet, rebuilds the ${summary} sheet and shows the answer here.`,
    kept: (at: string, sheet: string, changes: number | null) =>
      `From the last refresh at ${at}, on “${sheet}”${changes !== null && changes > 0 ? ` (${changes.toLocaleString('en-US')} ${changes === 1 ? 'change' : 'changes'} then)` : ''}. Refresh portfolio to see the opportunities and the rows to review.`,
    heading: 'I&O active-role share',
    noShare: 'No initiative could be classified yet, so there is no share to show.',
    shareMeaning: 'of classified initiatives have I&O as driver, implementer or operator.',
    scale: (share: string, low: string, high: string) =>
      `Active-role share ${share}; Gartner's reference figures: ${low} of I&O teams in 2018, ${high} expected by 2020.`,
    classified: (
      classified: string,
      total: string,
      sheet: string,
      unclassified: string | null,
      at: string,
    ) =>
      `${classified} of ${total} initiatives classified on “${sheet}”${unclassified === null ? '' : `, ${unclassified} unclassified`}; refreshed ${at}. Gartner counts I&O teams; this counts initiatives.`,
    openSummary: 'Open summary sheet',
    copySummary: 'Copy summary',
    roles: 'Roles in your portfolio',
    rolesCaption: 'Initiatives per I&O role',
    roleFilterHint: (sheet: string) => `Select a role to show only its rows on “${sheet}”.`,
    roleFiltered: (sheet: string, role: string) => `“${sheet}” shows only the ${role} rows.`,
    showAll: 'Show all roles on the sheet',
    role: 'Role',
    count: 'Count',
    bar: 'Bar',
    heading2: 'Where ownership is heading',
    noOpportunity: 'No initiative has a next role for I&O.',
    showLess: 'Show less',
    showAction: 'Show the whole action',
    since: 'Since last refresh',
    shareMove: (share: string, move: string) => `Active-role share ${share}, ${move}.`,
    noIssues: 'No data issues: every row could be read as written.',
    selectCell: 'Select a cell to go to it.',
    unknownValue: (field: string | null, value: string) =>
      `${field ?? 'Value'}: “${value}” not recognised`,
    issueCell: (address: string, message: string, where: string) =>
      `${address}: ${message} Select cell ${where}.`,
    row: (n: number) => `Row ${n}`,
    review: (n: string) => `Rows to review (${n})`,
    issuesFrom: (issues: number, causes: number) =>
      `${issues.toLocaleString('en-US')} ${issues === 1 ? 'issue' : 'issues'} from ${causes.toLocaleString('en-US')} ${causes === 1 ? 'cause' : 'causes'}, largest first. Select a cell to go to it.`,
    noName: '(no name)',
  },
  inventory: {
    sheet: 'Inventory sheet',
    sheetOnScreen: 'Inventory sheet on screen',
    chooseSheet: 'Choose a sheet',
    sheetHint: 'The sheet that lists your IoT initiatives.',
    severalHint: (n: number) =>
      `${n} sheets are refreshed together; the mapping below is this sheet’s.`,
    together: 'Inventory sheets to refresh together',
    gone: (sheet: string) => `${sheet} — not in this workbook any more (renamed or deleted)`,
    checking: (sheet: string) => `Checking “${sheet}”…`,
    headerRow: 'Header row',
    headerRowNone:
      'No row has headers IoT Role Map knows: pick the row that names the columns, then map them.',
    headerRowFound: 'Found by its headers. Pick another row if the columns are named elsewhere.',
    headerRowPicked: (detected: number) =>
      `You picked this row (row ${detected} has the known headers); it is saved in the workbook.`,
    mapping: 'Column mapping',
    editMapping: 'Edit the column mapping',
    edit: 'Edit',
    detectAgain: 'Detect all columns again',
    detectAuto: 'Detect automatically',
    notUsed: 'Not used',
    notMapped: 'Not mapped',
    options: 'Options',
    historyOption: (sheet: string) => `Add a row to the "${sheet}" sheet on each refresh`,
    words: (n: number) => `This workbook’s own words (${n})`,
    togetherNote:
      "Each sheet keeps its own columns and mapping; the summary covers them all. Saved in this workbook, so the ribbon's Refresh roles covers them too.",
    settingsNote:
      "Settings and the column mapping are saved in this workbook, so the ribbon's Refresh roles button uses them too.",
    recognised: (n: number) => `${n} column${n === 1 ? '' : 's'} recognised`,
    byHand: (sheet: string) => `Map “${sheet}” by hand`,
    /** A sheet in the drop-down: "40 initiatives, 9 recognised headers" (rows where not counted). */
    describe: (recognised: number, count: string | null, n: number, unit: 'initiative' | 'row') => {
      const headers = `${recognised} recognised header${recognised === 1 ? '' : 's'}`;
      return count === null ? headers : `${count} ${unit}${n === 1 ? '' : 's'}, ${headers}`;
    },
  },
  /** The page shown when the pane is opened outside Excel. */
  outside: {
    heading: 'IoT Role Map runs inside Excel',
    intro:
      "This page is the add-in's task pane. It classifies your IoT initiatives by the role I&O plays in each, inside the workbook that lists them.",
    howTo: 'To use it',
    open: 'Open your IoT inventory workbook in Excel (desktop or on the web).',
    /** The buttons' names are shown in bold between these parts. */
    buttons: [
      'On the Home tab, choose ',
      'IoT Role Map',
      ' to open the pane, or ',
      'Refresh roles',
      ' to refresh with the columns saved in the workbook.',
    ],
    missing:
      'No such buttons? Look under Home > Add-ins (or Insert > My Add-ins > My Organization). If it is not there either, ask your IT administrator to deploy IoT Role Map to you.',
  },
  /** The hint under a field's drop-down: how much it matters, and what was found. */
  field: {
    covered: (fields: readonly string[]) =>
      `Not needed: ${fields.join(', ')} ${fields.length === 1 ? 'is' : 'are'} mapped.`,
    off: 'Not used: no column is read for it.',
    need: { required: 'Required', classification: 'Needed to classify', optional: 'Optional' },
    state: {
      found: 'found',
      mapped: 'mapped by hand',
      ambiguous: 'several columns match, the first is used',
      missing: 'no column',
    },
  },
  /** Headings of the groups of data issues with one cause. */
  issueGroups: {
    'unknown-value': 'Value not recognised',
    'invalid-override': 'Role override not a role',
    'missing-name': 'No initiative name',
    conflict: 'Facts that disagree',
    'no-involvement': 'Nothing about I&O involvement',
    'cell-error': 'Error value in a cell',
    'other-currency': 'Budget in another currency',
    unclassified: 'Could not be classified',
  },
  /** The workbook's own words: "Treat as" under Results, the list under Inventory. */
  words: {
    treatAs: (value: string, field: string) => `Treat “${value}” (${field}) as`,
    counted: (meaning: string) => `Counted as ${meaning} from the next refresh.`,
    leave: 'Leave as unknown',
    yes: 'Yes',
    no: 'No',
    none: 'None yet. Under Results, “Treat as” beside a value that was not recognised teaches this workbook what it means.',
    entry: (value: string, field: string, meaning: string) => `“${value}” (${field}) → ${meaning}`,
    remove: 'Remove',
    removeOne: (value: string, field: string) => `Remove “${value}” (${field})`,
    export: 'Export as JSON',
    import: 'Import…',
    exported: 'The words as JSON, to share with another workbook',
    copy: 'Copy',
    paste: 'Paste a list exported from another workbook (JSON, or CSV field,value,meaning)',
    importWords: 'Import words',
  },
} as const;

/**
 * The command line's own lines around the report (issue 29): what it used, what it left out
 * with the flag that takes each, and the file it wrote. The summary's sentences themselves
 * come from the report module.
 */
export const CLI_TEXT = {
  /** The columns used on one sheet, e.g. `name = "Initiative" (B)`. */
  mapping: (sheet: string, headerRow: number, columns: readonly string[]) =>
    columns.length === 0
      ? `Read "${sheet}" (header on row ${headerRow}): no column of a known field.`
      : `Read "${sheet}" (header on row ${headerRow}) with the columns ${columns.join(', ')}.`,
  leftOutSheet: (sheet: string, recognised: number, refreshed: readonly string[]) =>
    `Left out: the sheet "${sheet}" also looks like an inventory (${recognised} recognised headers); refresh it with --sheet "${sheet}", or with the others as one portfolio: ${[...refreshed, sheet].map((n) => `--sheet "${n}"`).join(' ')}.`,
  leftOutColumn: (
    column: string,
    header: string,
    sheet: string,
    field: string,
    used: string,
    flag: string,
  ) =>
    `Left out: column ${column} ("${header}") on "${sheet}" also looks like ${field}, which ${used} fills; ${flag} uses it instead.`,
  notFound: (sheet: string, fields: readonly string[], unused: readonly string[], flag: string) =>
    unused.length === 0
      ? `Not found on "${sheet}": ${fields.join(', ')}, which decide the role; add such a column, or name one with ${flag}.`
      : `Not found on "${sheet}": ${fields.join(', ')}, which decide the role; the columns no field uses are ${unused.join(', ')}: ${flag} takes one.`,
  wrote: (path: string) => `Wrote ${path}.`,
  replaced: (path: string) => `Replaced ${path} (--force).`,
  inPlace: (path: string) => `Refreshed ${path} in place.`,
  rolesCopy: (path: string) =>
    `Refreshed ${path} in place: it is a refreshed copy, so its history continues there.`,
} as const;

/** The self-test's titles, report and page (src/excel/selftest.ts, taskpane/SelfTest.tsx). */
export const SELF_TEST_TEXT = {
  heading: 'Check this Excel',
  intro:
    'Runs a few checks of what IoT Role Map relies on, on a scratch sheet that is added and removed again; your own sheets are not touched.',
  undoWarning:
    "Excel's undo history is cleared by the checks (adding, protecting and removing the scratch sheet cannot be undone), so save any work you may want to undo first.",
  run: 'Run the checks',
  running: 'Checking…',
  copy: 'Copy report',
  copied: 'Report copied: paste it into your bug report.',
  copyFailed: 'The report could not be copied: select its text and copy it yourself.',
  failed: (reason: string) =>
    `The checks could not run (${reason}); close the pane, open it again and retry.`,
  status: { pass: 'Passed', fail: 'Failed', info: 'Noted', skipped: 'Skipped' },
  /** The one sentence a screen reader announces when the checks end. */
  summary: (passed: number, failed: number, total: number) =>
    `${passed} of ${total} checks passed${failed > 0 ? `, ${failed} failed` : ''}.`,
  header: (sets: string) => `IoT Role Map self-test on an Excel with ExcelApi ${sets}.`,
  titles: {
    text: 'Text stays exactly as written, even when it looks like a formula, number, date or error',
    partial: 'A batch that fails keeps what ran before the failure',
    'table-name': 'Excel renames a table column that repeats a name ("Priority2")',
    'undo-group': 'A refresh can be one undo step (undo groups)',
    rules: 'Colour rules read back with their formulas',
    payload: 'A request over 5 MB is refused whole, runs nothing, and goes through split in two',
    'sync-cost': 'How long Excel takes to answer (used to size ribbon refreshes)',
    autofilter: 'Your filters can be read, set aside and put back exactly',
    'sort-state': 'Clearing one column of a filter keeps the sort; clearing all of it does not',
    'page-layout': 'The summary’s print settings read back as set',
    'chart-missing': 'Removing a chart that is not there does nothing',
    'chart-alt-text': 'A chart is a shape that takes alt text',
    'code-protected': 'Writing to a protected sheet fails with AccessDenied',
    'code-undo': 'An action that cannot be undone fails inside an undo group with UndoNotSupported',
    'code-cell-edit': 'A change while you type in a cell fails with InvalidOperationInCellEditMode',
    countifs: 'COUNTIFS counts blank rows as IoT Role Map expects',
    settings: 'Settings saved in the workbook read back exactly',
    'sheet-rules': 'Excel refuses a sheet name over 31 characters and activating a hidden sheet',
    ranges:
      'The used range counts values only, a new table is named TableN, and a list over 255 characters is refused',
  },
} as const;

/** What the pane says about a user's filters before a refresh clears them (filter.ts). */
export const FILTER_TEXT = {
  /** Below ExcelApi 1.14: the refresh and "Show all roles" clear a sort no API can read back. */
  sortState: (sheet: string) =>
    `Refreshing "${sheet}" keeps your filters but clears the sort you chose with its filter buttons, because this version of Excel cannot read a sort back to restore it; sort again after the refresh if you need it.`,
} as const;
