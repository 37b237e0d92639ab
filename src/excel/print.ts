/**
 * The print layout and row heights of the sheets the refresh owns, through Office.js (SPEC §4).
 * Page layout is Worksheet.pageLayout (ExcelApi 1.9): orientation, margins, centring, the zoom
 * "fit all columns on one page" ({ horizontalFitToPages: 1, verticalFitToPages: 0 }, 0 tall
 * meaning as many pages as needed, as the file format's fitToHeight="0"), the print area and
 * the title rows (which must span whole rows: "$n:$m"), the page breaks
 * (Worksheet.horizontalPageBreaks) and the footer (PageLayout.headersFooters), all ExcelApi 1.9.
 * Where ExcelApi 1.9 is missing the sheet keeps Excel's default print settings; the cells are
 * the same either way.
 */

import { rangeToA1 } from '../core/address';
import type { PrintSetup, WritePlan } from '../core/write-plan';
import { footerSections } from '../core/summary-sheet';
import type { ExcelHost } from './host';
import { ACTION_OVERHEAD_BYTES } from './payload';
import type { WriteStep } from './payload';

/** Worksheet.pageLayout and PageLayout.setPrintArea/setPrintTitleRows (ExcelApi 1.9). */
export const PAGE_LAYOUT_API = '1.9';

/** Runs of consecutive rows of one height, so a run is set with one range ("5:20"). */
export function heightRuns(
  heights: readonly { row: number; height: number }[],
): { first: number; last: number; height: number }[] {
  const runs: { first: number; last: number; height: number }[] = [];
  for (const h of [...heights].sort((a, b) => a.row - b.row)) {
    const run = runs[runs.length - 1];
    if (run && run.last === h.row - 1 && run.height === h.height) run.last = h.row;
    else runs.push({ first: h.row, last: h.row, height: h.height });
  }
  return runs;
}

/** Row heights (points) the plan sets: every row of the summary, so its pages hold what the core measured. */
export function rowHeightSteps(
  sheetName: string,
  heights: readonly { row: number; height: number }[] | undefined,
): WriteStep[] {
  if (!heights || heights.length === 0) return [];
  const runs = heightRuns(heights);
  return [
    {
      bytes: runs.length * 2 * ACTION_OVERHEAD_BYTES,
      queue: (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheetName);
        for (const h of runs) {
          ws.getRange(`${h.first + 1}:${h.last + 1}`).format.rowHeight = h.height;
        }
      },
    },
  ];
}

/** The page layout of one sheet, when the host has the page layout API. */
export function printSteps(
  host: ExcelHost,
  sheetName: string,
  print: PrintSetup | undefined,
): WriteStep[] {
  if (!print || !host.isSetSupported('ExcelApi', PAGE_LAYOUT_API)) return [];
  return [
    {
      bytes: (14 + (print.rowBreaks?.length ?? 0)) * ACTION_OVERHEAD_BYTES,
      queue: (ctx) => {
        const layout = ctx.workbook.worksheets.getItem(sheetName).pageLayout;
        layout.orientation = print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
        // Set as one object (PageLayout.zoom docs: `x.zoom = {...}`, not `x.zoom.scale = ...`).
        layout.zoom = { horizontalFitToPages: print.fitToPagesWide, verticalFitToPages: 0 };
        layout.centerHorizontally = print.centerHorizontally;
        layout.setPrintMargins('Inches', { ...print.margins });
        if (print.area) layout.setPrintArea(rangeToA1(print.area));
        if (print.titleRows) {
          layout.setPrintTitleRows(`$${print.titleRows.first + 1}:$${print.titleRows.last + 1}`);
        }
        // Worksheet.horizontalPageBreaks (ExcelApi 1.9): a break before each row the plan
        // starts a page with (page 2, the details); the sheet's earlier breaks go first.
        const breaks = ctx.workbook.worksheets.getItem(sheetName).horizontalPageBreaks;
        breaks.removePageBreaks();
        for (const row of print.rowBreaks ?? []) breaks.add(`A${row + 1}`);
        // PageLayout.headersFooters (ExcelApi 1.9): one footer on every page.
        if (print.footer) {
          const sections = footerSections(print.footer);
          layout.headersFooters.state = 'Default';
          const footer = layout.headersFooters.defaultForAllPages;
          footer.leftFooter = sections.left;
          footer.centerFooter = sections.center;
          footer.rightFooter = sections.right;
        }
      },
    },
  ];
}

/** Row heights of the summary, then the print layout of the summary and the history sheet. */
export function ownSheetExtras(host: ExcelHost, plan: WritePlan): WriteStep[] {
  const steps = rowHeightSteps(plan.summary.name, plan.summary.rowHeights);
  steps.push(...printSteps(host, plan.summary.name, plan.summary.print));
  return steps;
}

/** The change log's print layout, once its sheet exists (after the log's own steps). */
export function changeLogExtras(host: ExcelHost, plan: WritePlan): WriteStep[] {
  const log = plan.changeLog?.log;
  return log ? printSteps(host, log.name, log.print) : [];
}

/**
 * Shows the sheet the plan opens on once everything is written (SPEC §4: the refreshed
 * workbook opens on the summary, so Print prints the brief): Worksheet.activate, ExcelApi 1.1
 * (learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-activate-member(1)).
 * Nothing where the plan keeps the workbook where it was (a summary the user hid).
 */
export function openOnSteps(plan: WritePlan): WriteStep[] {
  const name = plan.openOn;
  if (name === null) return [];
  return [
    {
      bytes: ACTION_OVERHEAD_BYTES,
      queue: (ctx) => ctx.workbook.worksheets.getItem(name).activate(),
    },
  ];
}
