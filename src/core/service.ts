/**
 * The capabilities a surface needs from a workbook host, as one interface (STYLE habit 3).
 * The Office.js adapter (src/excel) implements it over Excel.run; the task pane and the
 * ribbon command only ever see this interface, so a strict fake can stand in for Excel.
 */

import type { LastRefresh } from './last-refresh';
import type { RoleOrUnclassified } from './domain';
import type { SavedMapping } from './input';
import type { RefreshOutcome } from './results';
import type { InventoryPreview, SheetChoice } from './preview';
import type { KeptRefresh } from './report';

/** Settings saved in the workbook (versioned JSON), so the ribbon refreshes with one click. */
export interface RoleMapSettings {
  version: 1;
  /** The chosen inventory sheet, when the user chose one. */
  sheet?: string;
  /** The user's explicit field → header mapping (of `sheet`, or of the only inventory). */
  mapping?: SavedMapping;
  /** Several inventory sheets (SPEC §2): the portfolio is their union. */
  sheets?: string[];
  /** Per inventory sheet, the user's explicit mapping (several sheets, several layouts). */
  mappings?: Record<string, SavedMapping>;
  /**
   * Per inventory sheet, the header row (absolute 0-based) the user picked over the detected
   * one; every surface reads the sheet's headers from that row.
   */
  headerRows?: Record<string, number>;
  /**
   * The workbook's own words (SPEC §2): what a value means for a field, e.g.
   * { field: 'ledBy', value: 'Digital Factory', meaning: 'Operations' }. Checked when used.
   */
  words?: { field: string; value: string; meaning: string }[];
  /** Append a history row on refresh (default true). */
  history: boolean;
}

export const DEFAULT_SETTINGS: RoleMapSettings = { version: 1, history: true };

export type RefreshPhase = 'reading' | 'classifying' | 'writing' | 'done';

export interface RefreshProgress {
  phase: RefreshPhase;
  /**
   * Work done and total in the current phase: read chunks while reading, initiatives (non-blank
   * rows) while classifying, write batches while writing.
   */
  done: number;
  total: number;
}

export type { InventoryPreview, SheetChoice } from './preview';

/**
 * Something changed in the workbook while the pane is open, as the host reports it; the pane
 * checks the sheets on screen again (SPEC §5: it follows the workbook).
 */
export interface WorkbookChange {
  kind: 'edited' | 'protection' | 'activated' | 'renamed' | 'added' | 'deleted';
  /** The sheet it happened on (a renamed sheet's new name); null when the host cannot tell. */
  sheet: string | null;
  /** This add-in made the change (its own refresh); null when the host cannot tell. */
  byThisAddin: boolean | null;
}

export interface RoleMapService {
  /** Worksheets that could hold the inventory, with how many headers each has. */
  listSheets(): Promise<SheetChoice[]>;
  /** Saved settings, or DEFAULT_SETTINGS when the workbook has none. */
  loadSettings(): Promise<RoleMapSettings>;
  saveSettings(settings: RoleMapSettings): Promise<void>;
  /**
   * Header detection for a sheet (or the detected inventory when `sheet` is absent), with the
   * header row the user picked when none is recognised. Throws RoleMapError.
   */
  preview(
    sheet: string | undefined,
    mapping: SavedMapping | undefined,
    headerRow?: number,
  ): Promise<InventoryPreview>;
  /** One full refresh with these settings. Throws RoleMapError; leaves the workbook as it was on failure. */
  refresh(
    settings: RoleMapSettings,
    onProgress?: (p: RefreshProgress) => void,
  ): Promise<RefreshOutcome>;
  /** Selects a cell (e.g. a data issue's cell) and activates its sheet. */
  selectCell(sheet: string, row: number, col: number): Promise<void>;
  /** Creates a new inventory sheet from the template and returns its name. */
  createInventorySheet(): Promise<string>;
  /**
   * The sentence the ribbon left for the pane because it could not show it (no dialog on the
   * host, or a refresh too large for the ribbon), once: null when there is none.
   */
  takeNotice?(): Promise<string | null>;
  /**
   * The sentence to show before refreshing (or showing all roles on) `sheet` when the host
   * will clear a sort it cannot put back; null when it will not, or once it has been given.
   */
  sortStateNotice?(sheet: string): Promise<string | null>;
  /**
   * Whether the host can filter the inventory by role (`inTable`: the inventory is known to be
   * an Excel table, whose own filter needs less of the host). Absent: it cannot.
   */
  canFilterRoles?(inTable?: boolean): boolean;
  /** Shows only one role's rows on an inventory sheet; null shows them all. Throws RoleMapError. */
  filterByRole?(sheet: string, role: RoleOrUnclassified | null): Promise<void>;
  /**
   * The last refresh recorded in the workbook (its history sheet), and whether its summary
   * sheet is still there; null when there is none. Absent: the host cannot tell.
   */
  lastRefresh?(): Promise<{
    last: LastRefresh;
    summaryExists: boolean;
    /** The same refresh as its report can be rendered again (Copy summary); absent: not known. */
    kept?: KeptRefresh | null;
  } | null>;
  /**
   * Calls `listener` for each change to the workbook's sheets the host can report; resolves to
   * a function that stops listening (it removes what the host registered, resolving once that
   * is done; the listener is not called again from the moment it is called). Absent: the host
   * reports none (the pane checks again when it regains focus).
   */
  watchWorkbook?(listener: (change: WorkbookChange) => void): Promise<() => Promise<void>>;
}
