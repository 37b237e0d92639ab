/**
 * A filter the user left on an inventory sheet, around a refresh in a host that writes cell
 * by cell (Excel). Values written over rows a filter hides land in the wrong rows and the
 * filter's view breaks (office-js #224, "Setting range data when filter is applied doesn't
 * work"; the reporter's own workaround, office-js #1226: save the criteria, clear them, write,
 * apply them again). So the refresh sets the criteria aside, writes, and puts them back: the
 * planner keeps the view they made. A criterion this add-in cannot put back exactly is
 * refused before anything is written, with one sentence, rather than lost.
 *
 * A file refresh needs none of this: it writes the cells in the package, and a filter's
 * hidden rows and criteria come back as they were.
 */

/** One column's criteria as the host reports them (Excel.FilterCriteria, ExcelApi 1.9). */
export interface ReportedColumnFilter {
  /** 0-based column within the filtered range. */
  index: number;
  /** Excel.FilterOn ("Values", "Custom", "TopItems", "CellColor", …), or null when unfiltered. */
  filterOn: string | null;
  /** The values of a values filter. */
  values: readonly unknown[] | null;
  /** Anything else set on the criteria (criterion1, color, icon, dynamicCriteria…). */
  other: boolean;
}

/** What to do about the filter on a sheet the refresh writes. */
export type FilterAroundWrite =
  | { kind: 'none' }
  /** Clear the criteria before the first write; apply these values filters after the last. */
  | { kind: 'set-aside'; columns: { index: number; values: string[] }[] }
  /** A criterion that cannot be put back exactly: stop before anything is written. */
  | { kind: 'refuse' };

/**
 * True for criteria that filter nothing: Excel reports every column of the range, filtered or
 * not, and an unfiltered one as empty criteria (office-js #1226), whatever its `filterOn`.
 */
function isEmpty(c: ReportedColumnFilter): boolean {
  return (c.values === null || c.values.length === 0) && !c.other;
}

/** Decides what the refresh does about the criteria a filter on one of its sheets holds. */
export function filterAroundWrite(columns: readonly ReportedColumnFilter[]): FilterAroundWrite {
  const set = columns.filter((c) => !isEmpty(c));
  if (set.length === 0) return { kind: 'none' };
  const out: { index: number; values: string[] }[] = [];
  for (const c of set) {
    // Values filters (the ticks in the column's filter list) are put back exactly; date
    // groups, conditions, top items, colours and icons are not (FilterCriteria round trips
    // are unreliable for them: office-js #1226).
    const values = c.values;
    if (c.filterOn !== 'Values' || c.other || values === null) return { kind: 'refuse' };
    if (!values.every((v): v is string => typeof v === 'string')) return { kind: 'refuse' };
    out.push({ index: c.index, values: [...values] });
  }
  return { kind: 'set-aside', columns: out };
}
