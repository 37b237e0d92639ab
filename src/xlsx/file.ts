/**
 * The shape of an opened workbook file, shared by the modules that read and patch it: kept
 * apart from index.ts (which opens and refreshes files) so that those modules do not import
 * the module that imports them.
 */

import type { Package, SheetEntry } from './package';

/**
 * A worksheet's text without the inside of its sheetData: everything a patch reads outside
 * the cells (root, sheetViews, cols, conditional formats …) at a few kilobytes, where the
 * whole text of a 100,000-row sheet is 43 MB. Offsets before `hole` are the part's own; from
 * `hole` on they are `holeLength` less than the part's (see atPart).
 */
export interface SheetSkeleton {
  text: string;
  hole: number;
  holeLength: number;
  /** markupInSheetData of the whole text. */
  markup: boolean;
}

/** An opened workbook file. */
export interface WorkbookFile {
  path: string;
  pkg: Package;
  workbookPart: string;
  sheets: SheetEntry[];
  sharedStrings: string[];
  /**
   * Worksheets read for a refresh whose text was let go once read (by part; see
   * SheetSkeleton): the patch works from their skeleton and their bytes.
   */
  skeletons: Map<string, SheetSkeleton>;
}
