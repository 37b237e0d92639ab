/**
 * What the Excel adapter needs from the host, passed in (never read from globals deep in the
 * code) so the strict fake in test/fakes can stand in for Excel.
 */

/** A batch of Office.js work run inside one Excel.run. */
export type ExcelBatch<T> = (context: Excel.RequestContext) => Promise<T>;

export interface ExcelHost {
  /** Excel.run(options, batch): the real entry points pass `(o, b) => Excel.run(o, b)`. */
  run<T>(options: Excel.RunOptions, batch: ExcelBatch<T>): Promise<T>;
  /**
   * Excel.run(context, batch): a batch in the request context of an earlier run. Removing an
   * event handler needs the context that added it (OfficeExtension.EventHandlerResult). Absent:
   * handlers this code added cannot be removed, only silenced.
   */
  runIn?<T>(context: Excel.RequestContext, batch: ExcelBatch<T>): Promise<T>;
  /** Office.context.requirements.isSetSupported. */
  isSetSupported(name: string, minVersion: string): boolean;
  /** The clock (tests pass a fixed instant so results are reproducible). */
  now?: () => Date;
}

/**
 * The lowest ExcelApi set the adapter needs (manifest.xml <Requirements>): 1.7 brings
 * freezePanes, hyperlinks, chart series X values and chart point fills; everything else it
 * uses unguarded is older (getUsedRangeOrNullObject and settings 1.4, conditional formats
 * and suspendApiCalculationUntilNextSync 1.6). Newer APIs are guarded with isSetSupported.
 */
export const REQUIRED_EXCEL_API = '1.7';
/** Data-validation drop-downs in the new inventory template (skipped below it). */
export const DATA_VALIDATION_API = '1.8';
/** Worksheet auto-filter (skipped below it: the header is still frozen and styled). */
export const AUTOFILTER_API = '1.9';
/** Excel.run({ mergeUndoGroup }) — one refresh is one undo step. */
export const UNDO_GROUP_API = '1.20';

/** An error raised by Office.js (OfficeExtension.Error carries a string `code`). */
export function officeErrorCode(err: unknown): string | null {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    return typeof err.code === 'string' ? err.code : null;
  }
  return null;
}
