/**
 * Which sheets the pane works on and how they are read: the first load (sheet list, saved
 * settings, the preview of the chosen sheet, the last refresh recorded), the sheet on screen,
 * the sheets refreshed together, the column mapping and the header row. Every choice is saved
 * in the workbook and previewed again; the outcome on screen is then out of date.
 */

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LastRefresh } from '../core/last-refresh';
import type { KeptRefresh } from '../core/report';
import { preferredSheet } from '../core/preview';
import { FIELD_NAMES, FIELD_NEEDS, FIELDS } from '../core/fields';
import { PANE_TEXT, PANE_WORDS } from '../core/messages';
import type { Field } from '../core/fields';
import type { SavedMapping } from '../core/input';
import { columnLetter } from '../core/address';
import type { InventoryPreview, RoleMapService, SheetChoice } from '../core/service';
import { mappingOf, portfolioOf, withMapping, withSheetIncluded, withSheetOnly } from './sheets';
import type { PaneStatus } from './usePaneStatus';
import type { PreviewState } from './usePreview';
import type { SettingsState } from './useSettings';
import type { StaleReason } from './useRefresh';

export interface InventoryState {
  loading: boolean;
  sheets: SheetChoice[];
  /** The inventory sheet the pane works on (undefined only when the workbook has no sheet). */
  sheet: string | undefined;
  /** The header row the user picked on this sheet (saved per sheet), if any. */
  headerRow: number | undefined;
  /** The last refresh recorded in the workbook, read when the pane opened (null: none). */
  lastRefresh: {
    last: LastRefresh;
    summaryExists: boolean;
    /** The same refresh as its report can be rendered again (Copy summary). */
    kept?: KeptRefresh | null;
  } | null;
  /** What the last mapping change did beyond the field it set (a column taken from another). */
  mappingNote: string | null;
  /** Takes a fresh sheet list (the workbook changed). */
  setSheets: (list: SheetChoice[]) => void;
}

export interface InventoryActions {
  selectSheet: (name: string) => void;
  /** Adds an inventory sheet to the ones refreshed together, or takes it out (SPEC §2). */
  includeSheet: (name: string, include: boolean) => void;
  /** Maps a field to a header; null returns the field to automatic detection. */
  setMapping: (field: Field, header: string | null) => void;
  resetMapping: () => void;
  /** Picks the sheet's header row, saved per sheet (clears its mapping; the detected row unpins). */
  setHeaderRow: (row: number) => void;
  setHistory: (on: boolean) => void;
  createInventory: () => void;
  /** Lists the sheets again (they may have been added or renamed while the pane was open). */
  reloadSheets: () => void;
}

type Status = Pick<PaneStatus, 'setError' | 'setAnnouncement' | 'mounted' | 'fail'>;

interface Inputs {
  settings: SettingsState;
  preview: PreviewState;
  /** The outcome on screen no longer describes the choices. */
  markStale: (reason: StaleReason) => void;
}

/** The sheets, the first load and the choices of what to refresh. */
export function useInventory(
  service: RoleMapService,
  { setError, setAnnouncement, mounted, fail }: Status,
  { settings: { settings, settingsRef, save, adopt }, preview: previewState, markStale }: Inputs,
): [InventoryState, InventoryActions] {
  const { preview, loadPreview, adoptPreview } = previewState;
  const [loading, setLoading] = useState(true);
  const [sheets, setSheets] = useState<SheetChoice[]>([]);
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [lastRefresh, setLastRefresh] = useState<InventoryState['lastRefresh']>(null);
  const [mappingNote, setMappingNote] = useState<string | null>(null);
  // The header row picked for the sheet on screen: saved in the workbook, so every surface uses it.
  const headerRow = sheet !== undefined ? settings.headerRows?.[sheet] : undefined;

  /** The first load; `live()` turns false when the effect that started it is cleaned up. */
  const loadAll = useCallback(
    async (live: () => boolean): Promise<void> => {
      try {
        // The preview of the saved (or detected) inventory runs beside the sheet list: on
        // Excel for the web each call is a round trip, and this saves one on open.
        const first = service.loadSettings().then(async (saved) => {
          try {
            const pinned = saved.sheet !== undefined ? saved.headerRows?.[saved.sheet] : undefined;
            return {
              saved,
              preview: await service.preview(saved.sheet, mappingOf(saved, saved.sheet), pinned),
            };
          } catch {
            // Previewed again below for the sheet the pane settles on, which reports why.
            return { saved, preview: null };
          }
        });
        // The last refresh is extra: a workbook it cannot be read from still opens.
        const last = service.lastRefresh
          ? service.lastRefresh().catch(() => null)
          : Promise.resolve(null);
        const [list, { saved, preview: firstPreview }, lastRead] = await Promise.all([
          service.listSheets(),
          first,
          last,
        ]);
        if (!live()) return;
        setLastRefresh(lastRead);
        const chosen = preferredSheet(list, saved.sheet);
        setSheets(list);
        adopt(saved);
        setSheet(chosen);
        if (firstPreview !== null && firstPreview.detection.sheet === chosen) {
          adoptPreview(firstPreview);
        } else {
          await loadPreview(
            chosen,
            mappingOf(saved, chosen),
            chosen !== undefined ? saved.headerRows?.[chosen] : undefined,
          );
        }
      } catch (err) {
        if (live()) fail(err);
      } finally {
        if (live()) setLoading(false);
      }
    },
    [service, loadPreview, adoptPreview, adopt, fail],
  );

  useEffect(() => {
    // A load started by an effect that was cleaned up (a new service, or React's StrictMode
    // double run) must not finish the current one's work half-way.
    let live = true;
    void loadAll(() => live && mounted.current);
    return () => {
      live = false;
    };
  }, [loadAll, mounted]);

  const actions = useMemo<InventoryActions>(
    () => ({
      selectSheet(name) {
        setSheet(name);
        const current = settingsRef.current;
        const portfolio = portfolioOf(current, sheet);
        if (portfolio.length > 1 && portfolio.includes(name)) {
          // Several sheets: the drop-down shows another one's mapping; the portfolio stays.
          save({ ...current, sheet: name });
          void loadPreview(name, mappingOf(current, name), current.headerRows?.[name]);
          return;
        }
        markStale({ kind: 'sheets' });
        // A mapping names headers of one sheet, so a new sheet starts from detection (and the
        // header row picked for it, if any).
        const next = withSheetOnly(current, name);
        save(next);
        void loadPreview(name, undefined, next.headerRows?.[name]);
      },
      includeSheet(name, include) {
        const next = withSheetIncluded(settingsRef.current, sheet, name, include, sheets);
        if (next === settingsRef.current) return;
        save(next);
        markStale({ kind: 'sheets' });
        if (next.sheet !== undefined && next.sheet !== sheet) {
          setSheet(next.sheet);
          void loadPreview(next.sheet, mappingOf(next, next.sheet), next.headerRows?.[next.sheet]);
        }
        const n = portfolioOf(next, next.sheet).length;
        setAnnouncement(
          n > 1 ? PANE_WORDS.announce.together(n) : PANE_WORDS.announce.alone(next.sheet ?? name),
        );
      },
      setMapping(field, header) {
        const before = preview;
        const mapping: SavedMapping = { ...mappingOf(settingsRef.current, sheet) };
        if (header === null) delete mapping[field];
        else mapping[field] = header;
        // A hand mapping belongs to the sheet on screen, so that choice is saved with it.
        const next = withMapping(settingsRef.current, sheet, mapping);
        save(next);
        markStale({ kind: 'mapping' });
        setMappingNote(null);
        if (header === '' && FIELD_NEEDS[field] === 'classification') {
          setAnnouncement(PANE_TEXT.fieldOff(FIELD_NAMES[field]));
        }
        void loadPreview(sheet, mappingOf(next, sheet), headerRow).then((landed) => {
          const after = landed?.preview;
          if (!after || !before || !mounted.current) return;
          const note = columnMovedNote(before, after, field);
          if (note === null) return;
          setMappingNote(note);
          setAnnouncement(note);
        });
      },
      resetMapping() {
        setMappingNote(null);
        save(withMapping(settingsRef.current, sheet, undefined));
        markStale({ kind: 'mapping' });
        void loadPreview(sheet, undefined, headerRow);
      },
      setHeaderRow(row) {
        if (sheet === undefined) return;
        // The mapping names headers of the old row: it starts again on the new one. The row
        // found by its headers needs no saving: picking it again removes the choice.
        const next = withMapping(settingsRef.current, sheet, undefined);
        const rows = { ...next.headerRows };
        if (row === preview?.headerRow.detected) delete rows[sheet];
        else rows[sheet] = row;
        if (Object.keys(rows).length > 0) next.headerRows = rows;
        else delete next.headerRows;
        save(next);
        markStale({ kind: 'mapping' });
        void loadPreview(sheet, undefined, row);
      },
      setHistory(on) {
        save({ ...settingsRef.current, history: on });
      },
      createInventory() {
        setError(null);
        service
          .createInventorySheet()
          .then(async (name) => {
            const list = await service.listSheets();
            if (!mounted.current) return;
            setSheets(list);
            setSheet(name);
            markStale({ kind: 'sheets' });
            // The new sheet alone, from detection: a saved portfolio would leave it out.
            save(withSheetOnly(settingsRef.current, name));
            setAnnouncement(PANE_WORDS.announce.created(name));
            await loadPreview(name, undefined);
          })
          .catch(fail);
      },
      reloadSheets() {
        service
          .listSheets()
          .then((list) => {
            if (mounted.current) setSheets(list);
          })
          .catch(fail);
      },
    }),
    [
      service,
      settingsRef,
      save,
      loadPreview,
      markStale,
      sheet,
      sheets,
      headerRow,
      preview,
      setError,
      setAnnouncement,
      mounted,
      fail,
    ],
  );

  // A note is about the sheet it was made on.
  useEffect(() => setMappingNote(null), [sheet]);

  return [{ loading, sheets, sheet, headerRow, lastRefresh, mappingNote, setSheets }, actions];
}

/**
 * The sentence for a field set to a column other fields were read from, naming the fields that
 * lost it (the core reads a column as one field only); null when none did.
 */
export function columnMovedNote(
  before: InventoryPreview,
  after: InventoryPreview,
  field: Field,
): string | null {
  const match = after.detection.columns[field];
  if (match.col === null || match.header === null) return null;
  const col = match.col;
  const lost = FIELDS.filter(
    (f) =>
      f !== field &&
      before.detection.columns[f].col === col &&
      after.detection.columns[f].col !== col,
  );
  if (lost.length === 0) return null;
  return PANE_TEXT.columnMoved(
    columnLetter(col),
    match.header,
    FIELD_NAMES[field],
    lost.map((f) => FIELD_NAMES[f]),
  );
}
