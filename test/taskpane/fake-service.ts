/**
 * A hand-written RoleMapService for the pane's component tests: it holds sheet snapshots,
 * answers previews and refreshes with the real core (previewInventory, planRefresh), records
 * every call, and fails exactly where it is told to (so a test can prove the pane shows
 * each failure). It applies nothing: what is written is the Excel adapter's concern.
 */

import { rankSheets } from '../../src/core/headers';
import { FILTER_TEXT } from '../../src/core/messages';
import { planRefresh } from '../../src/core/refresh';
import { savedSheetList, savedSheetMappings } from '../../src/core/settings';
import { initiativeBlock, initiativesIn } from '../../src/core/sheet-count';
import { previewInventory } from '../../src/core/preview';
import type { PreviewOptions } from '../../src/core/preview';
import type { RoleOrUnclassified } from '../../src/core/domain';
import type { RefreshOptions, SavedMapping, SheetSnapshot } from '../../src/core/input';
import type { RefreshOutcome } from '../../src/core/results';
import type { LastRefresh } from '../../src/core/last-refresh';
import type { KeptRefresh } from '../../src/core/report';
import { DEFAULT_SETTINGS } from '../../src/core/service';
import type {
  InventoryPreview,
  RefreshProgress,
  RoleMapService,
  RoleMapSettings,
  SheetChoice,
  WorkbookChange,
} from '../../src/core/service';

/** A fixed clock: the outcome of a refresh is then the same on every run. */
const NOW = new Date(Date.UTC(2026, 0, 15, 9, 30));

export type Call =
  | { kind: 'listSheets' }
  | { kind: 'loadSettings' }
  | { kind: 'saveSettings'; settings: RoleMapSettings }
  | {
      kind: 'preview';
      sheet: string | undefined;
      mapping: SavedMapping | undefined;
      headerRow?: number;
    }
  | { kind: 'refresh'; settings: RoleMapSettings }
  | { kind: 'selectCell'; sheet: string; row: number; col: number }
  | { kind: 'createInventorySheet' }
  | { kind: 'filterByRole'; sheet: string; role: RoleOrUnclassified | null }
  | { kind: 'lastRefresh' }
  | { kind: 'watchWorkbook' }
  | { kind: 'takeNotice' }
  | { kind: 'sortStateNotice'; sheet: string };

export interface FakeServiceOptions {
  sheets: SheetSnapshot[];
  active?: string;
  settings?: RoleMapSettings;
  /** Progress events emitted, in order, before the refresh resolves. */
  progress?: RefreshProgress[];
  /** Makes the next refresh fail with this error. */
  refreshError?: Error;
  /** Template created by createInventorySheet. */
  template?: SheetSnapshot;
  /** What lastRefresh() answers (default: none recorded). */
  lastRefresh?: { last: LastRefresh; summaryExists: boolean; kept?: KeptRefresh | null } | null;
  /** Whether the host can filter by role (default true). */
  canFilter?: boolean;
  /** Makes filterByRole fail with this error. */
  filterError?: Error;
  /** Whether the host reports workbook events (default true). */
  events?: boolean;
  /** The sentence the ribbon left for the pane (takeNotice answers it once). */
  notice?: string;
  /**
   * The host clears a sort it cannot put back (below ExcelApi 1.14): sortStateNotice gives each
   * sheet's sentence once, as the Excel service does (default false).
   */
  losesSort?: boolean;
}

/** Snapshot of a sheet from rows of values, starting at A1. */
export function snapshot(
  name: string,
  values: SheetSnapshot['values'],
  extra: Partial<SheetSnapshot> = {},
): SheetSnapshot {
  const width = Math.max(0, ...values.map((r) => r.length));
  return {
    name,
    origin: { row: 0, col: 0 },
    values: values.map((r) => [...r, ...Array<null>(width - r.length).fill(null)]),
    tables: [],
    hasFrozenPanes: false,
    hasAutoFilter: false,
    isProtected: false,
    ...extra,
  };
}

/** The fake service; `calls` lists what the pane asked for, in order. */
export class FakeService implements RoleMapService {
  readonly calls: Call[] = [];
  sheets: SheetSnapshot[];
  active: string | undefined;
  settings: RoleMapSettings;
  refreshError: Error | undefined;
  private readonly options: FakeServiceOptions;
  /** Resolves the pending refresh, when a test holds it open (see `holdRefresh`). */
  private hold: Promise<void> | null = null;
  private release: (() => void) | null = null;
  private readonly listeners = new Set<(change: WorkbookChange) => void>();
  private noticeLeft: string | undefined;
  private readonly sortNoticed = new Set<string>();

  constructor(options: FakeServiceOptions) {
    this.options = options;
    this.sheets = options.sheets;
    this.active = options.active ?? options.sheets[0]?.name;
    this.settings = options.settings ?? DEFAULT_SETTINGS;
    this.refreshError = options.refreshError;
    this.noticeLeft = options.notice;
  }

  takeNotice(): Promise<string | null> {
    this.calls.push({ kind: 'takeNotice' });
    const text = this.noticeLeft ?? null;
    this.noticeLeft = undefined;
    return Promise.resolve(text);
  }

  sortStateNotice(sheet: string): Promise<string | null> {
    this.calls.push({ kind: 'sortStateNotice', sheet });
    if (this.options.losesSort !== true || this.sortNoticed.has(sheet))
      return Promise.resolve(null);
    this.sortNoticed.add(sheet);
    return Promise.resolve(FILTER_TEXT.sortState(sheet));
  }

  /** Keeps the next refresh pending until `releaseRefresh()` (to observe progress). */
  holdRefresh(): void {
    this.hold = new Promise((resolve) => {
      this.release = resolve;
    });
  }

  releaseRefresh(): void {
    this.release?.();
    this.hold = null;
  }

  listSheets(): Promise<SheetChoice[]> {
    this.calls.push({ kind: 'listSheets' });
    return Promise.resolve(
      rankSheets(this.sheets).map((r) => {
        const initiatives = r.recognised >= 2 ? countInitiatives(this.sheets, r.name) : null;
        return {
          ...r,
          isActive: r.name === this.active,
          ...(initiatives !== null ? { initiatives } : {}),
        };
      }),
    );
  }

  loadSettings(): Promise<RoleMapSettings> {
    this.calls.push({ kind: 'loadSettings' });
    return Promise.resolve(this.settings);
  }

  saveSettings(settings: RoleMapSettings): Promise<void> {
    this.calls.push({ kind: 'saveSettings', settings });
    this.settings = settings;
    return Promise.resolve();
  }

  preview(
    sheet: string | undefined,
    mapping: SavedMapping | undefined,
    headerRow?: number,
  ): Promise<InventoryPreview> {
    this.calls.push({
      kind: 'preview',
      sheet,
      mapping,
      ...(headerRow !== undefined ? { headerRow } : {}),
    });
    try {
      const options: PreviewOptions = {};
      if (sheet !== undefined) options.sheet = sheet;
      if (mapping !== undefined) options.mapping = mapping;
      if (headerRow !== undefined) options.headerRow = headerRow;
      return Promise.resolve(previewInventory(this.sheets, options));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  async refresh(
    settings: RoleMapSettings,
    onProgress?: (p: RefreshProgress) => void,
  ): Promise<RefreshOutcome> {
    this.calls.push({ kind: 'refresh', settings });
    for (const p of this.options.progress ?? []) onProgress?.(p);
    if (this.hold) await this.hold;
    if (this.refreshError) throw this.refreshError;
    const several = savedSheetList(settings);
    if (several.length > 1) {
      const mappings = savedSheetMappings(settings, several);
      return planRefresh({
        sheets: this.sheets,
        options: {
          history: settings.history,
          sheets: several,
          ...(Object.keys(mappings).length > 0 ? { mappings } : {}),
          ...(settings.words !== undefined ? { words: settings.words } : {}),
        },
        now: NOW,
        historyRowCount: 0,
      });
    }
    const options: RefreshOptions = { history: settings.history };
    if (settings.sheet !== undefined) options.sheet = settings.sheet;
    if (settings.mapping !== undefined) options.mapping = settings.mapping;
    if (settings.words !== undefined) options.words = settings.words;
    if (settings.headerRows !== undefined) options.headerRows = settings.headerRows;
    return planRefresh({ sheets: this.sheets, options, now: NOW, historyRowCount: 0 });
  }

  selectCell(sheet: string, row: number, col: number): Promise<void> {
    this.calls.push({ kind: 'selectCell', sheet, row, col });
    return Promise.resolve();
  }

  canFilterRoles(): boolean {
    return this.options.canFilter ?? true;
  }

  filterByRole(sheet: string, role: RoleOrUnclassified | null): Promise<void> {
    this.calls.push({ kind: 'filterByRole', sheet, role });
    return this.options.filterError ? Promise.reject(this.options.filterError) : Promise.resolve();
  }

  lastRefresh(): Promise<{
    last: LastRefresh;
    summaryExists: boolean;
    kept?: KeptRefresh | null;
  } | null> {
    this.calls.push({ kind: 'lastRefresh' });
    return Promise.resolve(this.options.lastRefresh ?? null);
  }

  /** Present only when the host reports events (options.events, default true). */
  get watchWorkbook():
    ((listener: (change: WorkbookChange) => void) => Promise<() => Promise<void>>) | undefined {
    if (this.options.events === false) return undefined;
    return (listener) => {
      this.calls.push({ kind: 'watchWorkbook' });
      this.listeners.add(listener);
      return Promise.resolve(() => {
        this.listeners.delete(listener);
        return Promise.resolve();
      });
    };
  }

  /** How many listeners the pane has registered and not yet removed. */
  get listening(): number {
    return this.listeners.size;
  }

  /** Raises a workbook change as the host would (after the test changed `sheets`). */
  emit(change: WorkbookChange): void {
    for (const l of [...this.listeners]) l(change);
  }

  /** Replaces a sheet's snapshot (an edit the planner made in Excel). */
  replaceSheet(sheet: SheetSnapshot): void {
    this.sheets = this.sheets.map((s) => (s.name === sheet.name ? sheet : s));
  }

  createInventorySheet(): Promise<string> {
    this.calls.push({ kind: 'createInventorySheet' });
    const template = this.options.template;
    if (!template) return Promise.reject(new Error('FakeService: no template given'));
    this.sheets = [...this.sheets, template];
    this.active = template.name;
    return Promise.resolve(template.name);
  }
}

/** What Excel's COUNTIFS count gives the pane: the block's rows less its blank ones. */
function countInitiatives(sheets: readonly SheetSnapshot[], name: string): number | null {
  const sheet = sheets.find((s) => s.name === name);
  if (!sheet) return null;
  const block = initiativeBlock(sheet, sheet.origin.row + sheet.values.length - 1);
  if (block === null) return null;
  const blank = sheet.values
    .slice(block.row - sheet.origin.row, block.row - sheet.origin.row + block.rowCount)
    .filter((r) => r.every((v) => v === null || v === '')).length;
  return initiativesIn(block, blank);
}
