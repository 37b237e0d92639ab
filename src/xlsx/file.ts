/**
 * The shape of an opened workbook file, shared by the modules that read and patch it: kept
 * apart from index.ts (which opens and refreshes files) so that those modules do not import
 * the module that imports them.
 */

import type { Package, SheetEntry } from './package';

/**
 * A worksheet's text without the inside of its sheetData: everything a patch reads outside
 * the cells (root, sheetViews, cols, conditional formats …) at a few kilobytes, where the
 * whole text of a 100,000-row sheet is 43 MB. The text is decoded (a German header/footer
 * reads as itself); the patch works in the part's bytes, so its offsets are mapped by atPart:
 * in an ASCII skeleton, offsets before `hole` are the part's own and from `hole` on they are
 * `holeLength` less; otherwise each is the UTF-8 length of the text before it, plus
 * `holeLength` from `hole` on.
 */
export interface SheetSkeleton {
  text: string;
  /** Where sheetData's inside was, in the text. */
  hole: number;
  /** Where sheetData's inside starts, in the part's bytes (after a byte order mark). */
  holeByte: number;
  /** How many bytes sheetData's inside is. */
  holeLength: number;
  /** Every character of the text is one byte (ASCII): offsets map without counting. */
  ascii: boolean;
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
