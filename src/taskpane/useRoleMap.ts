/**
 * The pane's state and actions over a RoleMapService: what is loaded, chosen, running and
 * failed. Components render this model and call its actions; nothing here touches Excel.
 * Every failure ends as a sentence in `error` (or `previewError`), never only in a log.
 */

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { RoleMapError, problem, userMessage } from '../core/messages';
import type { ProblemCode } from '../core/messages';
import { SUMMARY_SHEET } from '../core/model';
import { hasInventory, preferredSheet } from '../core/preview';
import type { Field, RefreshOutcome, RoleOrUnclassified, SavedMapping } from '../core/model';
import type { LastRefresh } from '../core/last-refresh';
import { DEFAULT_SETTINGS } from '../core/service';
import type { WordEntry } from '../core/words';
import { canonicalWords, mergeWords, parseWordList, removeWord } from '../core/words';
import { copySummary } from './copySummary';
import {
  mappingOf,
  portfolioOf,
  recordedSheets,
  sheetListText,
  withMapping,
  withSheetIncluded,
  withSheetOnly,
} from './sheets';
import type { ClipboardLike } from './copySummary';
import type {
  InventoryPreview,
  RefreshProgress,
  RoleMapService,
  RoleMapSettings,
  SheetChoice,
} from '../core/service';

/** A failure shown to the user: the one sentence, and its catalogue code when it has one. */
export interface ShownError {
  code: ProblemCode | null;
  message: string;
}

export interface PaneModel {
  loading: boolean;
  sheets: SheetChoice[];
  settings: RoleMapSettings;
  /** The inventory sheet the pane works on (undefined only when the workbook has no sheet). */
  sheet: string | undefined;
  preview: InventoryPreview | null;
  /** Why the chosen sheet cannot be previewed (no inventory, no name column, …). */
  previewError: ShownError | null;
  /** Non-null while a refresh runs. */
  progress: RefreshProgress | null;
  outcome: RefreshOutcome | null;
  /** When the outcome on screen was computed. */
  refreshedAt: Date | null;
  /** The sheet or mapping changed since the outcome on screen: it no longer describes them. */
  stale: boolean;
  /** The header row the user picked on this sheet (saved per sheet), if any. */
  headerRow: number | undefined;
  /** The last failed action, shown in a MessageBar until dismissed or superseded. */
  error: ShownError | null;
  /** True when no sheet has enough recognised headers to be an inventory. */
  noInventory: boolean;
  /** A polite announcement for screen readers (refresh finished, sheet created, …). */
  announcement: string;
  /** The last refresh recorded in the workbook, read when the pane opened (null: none). */
  lastRefresh: { last: LastRefresh; summaryExists: boolean } | null;
  /** The role the pane shows alone on the inventory sheets, or null. */
  roleFilter: { sheets: readonly string[]; role: RoleOrUnclassified } | null;
  /**
   * The sheets the role row filters (every inventory sheet of the portfolio), when the host can
   * filter them all; empty: the role row is plain text.
   */
  filterSheets: readonly string[];
  /** A role filter is being applied or cleared. */
  filtering: boolean;
}

export interface PaneActions {
  selectSheet: (name: string) => void;
  /** Adds an inventory sheet to the ones refreshed together, or takes it out (SPEC §2). */
  includeSheet: (name: string, include: boolean) => void;
  /** Maps a field to a header; null returns the field to automatic detection. */
  setMapping: (field: Field, header: string | null) => void;
  resetMapping: () => void;
  setHistory: (on: boolean) => void;
  refresh: () => void;
  selectCell: (sheet: string, row: number, col: number) => void;
  createInventory: () => void;
  dismissError: () => void;
  /** Lists the sheets again (they may have been added or renamed while the pane was open). */
  reloadSheets: () => void;
  /** Picks the sheet's header row, saved per sheet (clears its mapping; the detected row unpins). */
  setHeaderRow: (row: number) => void;
  /** Activates the summary sheet. */
  openSummary: () => void;
  /** Puts a short summary of the outcome on screen on the clipboard. */
  copySummary: () => void;
  /** Shows only one role's rows on the inventory sheet (null: every role again). */
  filterRole: (role: RoleOrUnclassified | null) => void;
  /** Teaches the workbook what a value means for a field (replaces an earlier meaning). */
  teachWord: (word: WordEntry) => void;
  /** Forgets a word: the value is unknown again. */
  forgetWord: (word: WordEntry) => void;
  /** Adds a shared list (the pane's JSON export, or CSV); a bad list changes nothing. */
  importWords: (text: string) => void;
}

function shown(err: unknown): ShownError {
  return { code: err instanceof RoleMapError ? err.code : null, message: userMessage(err) };
}

/** State and actions of the task pane over a RoleMapService. */
export function useRoleMap(
  service: RoleMapService,
  clipboard?: ClipboardLike,
): [PaneModel, PaneActions] {
  const [loading, setLoading] = useState(true);
  const [sheets, setSheets] = useState<SheetChoice[]>([]);
  const [settings, setSettings] = useState<RoleMapSettings>(DEFAULT_SETTINGS);
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [preview, setPreview] = useState<InventoryPreview | null>(null);
  const [previewError, setPreviewError] = useState<ShownError | null>(null);
  const [progress, setProgress] = useState<RefreshProgress | null>(null);
  const [outcome, setOutcome] = useState<RefreshOutcome | null>(null);
  const [refreshedAt, setRefreshedAt] = useState<Date | null>(null);
  const [stale, setStale] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // The header row picked for the sheet on screen: saved in the workbook, so every surface uses it.
  const headerRow = sheet !== undefined ? settings.headerRows?.[sheet] : undefined;
  const [lastRefresh, setLastRefresh] = useState<PaneModel['lastRefresh']>(null);
  const [roleFilter, setRoleFilter] = useState<PaneModel['roleFilter']>(null);
  const [filtering, setFiltering] = useState(false);
  const roleFilterRef = useRef(roleFilter);
  roleFilterRef.current = roleFilter;

  // Only the latest preview request may update the state (drop-downs can change quickly).
  const previewSeq = useRef(0);
  const mounted = useRef(true);
  // The refresh reads the settings of the moment it starts, not of the render it came from.
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const busy = useRef(false);

  const loadPreview = useCallback(
    async (
      name: string | undefined,
      mapping: SavedMapping | undefined,
      row?: number,
    ): Promise<void> => {
      const seq = ++previewSeq.current;
      try {
        const p = await service.preview(name, mapping, row);
        if (!mounted.current || seq !== previewSeq.current) return;
        setPreview(p);
        setPreviewError(null);
      } catch (err) {
        if (!mounted.current || seq !== previewSeq.current) return;
        setPreview(null);
        setPreviewError(shown(err));
      }
    },
    [service],
  );

  const save = useCallback(
    (next: RoleMapSettings): void => {
      setSettings(next);
      settingsRef.current = next;
      service.saveSettings(next).catch((err: unknown) => {
        if (mounted.current) setError(shown(err));
      });
    },
    [service],
  );

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
        const [list, { saved, preview }, lastRead] = await Promise.all([
          service.listSheets(),
          first,
          last,
        ]);
        if (!live()) return;
        setLastRefresh(lastRead);
        const chosen = preferredSheet(list, saved.sheet);
        setSheets(list);
        setSettings(saved);
        settingsRef.current = saved;
        setSheet(chosen);
        if (preview !== null && preview.detection.sheet === chosen) {
          previewSeq.current++;
          setPreview(preview);
          setPreviewError(null);
        } else {
          await loadPreview(
            chosen,
            mappingOf(saved, chosen),
            chosen !== undefined ? saved.headerRows?.[chosen] : undefined,
          );
        }
      } catch (err) {
        if (live()) setError(shown(err));
      } finally {
        if (live()) setLoading(false);
      }
    },
    [service, loadPreview],
  );

  useEffect(() => {
    // A load started by an effect that was cleaned up (a new service, or React's StrictMode
    // double run) must not finish the current one's work half-way.
    let live = true;
    mounted.current = true;
    void loadAll(() => live);
    return () => {
      live = false;
      mounted.current = false;
    };
  }, [loadAll]);

  /** Saves a new word list, checked first: a bad list is one sentence and changes nothing. */
  const saveWords = useCallback(
    (list: WordEntry[], said: string): void => {
      let words: WordEntry[];
      try {
        words = canonicalWords(list);
      } catch (err) {
        setError(shown(err));
        return;
      }
      const next: RoleMapSettings = { ...settingsRef.current, words };
      if (words.length === 0) delete next.words;
      setError(null);
      save(next);
      setStale(outcome !== null);
      setAnnouncement(said);
    },
    [save, outcome],
  );

  // The sheets the role row filters: this session's inventories (several sheets: all of them),
  // else the ones the last refresh recorded (only while they are all still in the workbook);
  // none where the host cannot filter every one of them.
  const filterSheets = useMemo((): readonly string[] => {
    const can = service.canFilterRoles?.bind(service);
    if (!service.filterByRole || !can) return [];
    if (outcome !== null) {
      const invs = [outcome.plan.inventory, ...(outcome.plan.moreInventories ?? [])];
      return invs.every((inv) => can(inv.table !== null)) ? invs.map((inv) => inv.sheet) : [];
    }
    const recorded = lastRefresh === null ? [] : recordedSheets(lastRefresh.last.sheet, sheets);
    return recorded.length > 0 && can() ? recorded : [];
  }, [service, outcome, lastRefresh, sheets]);

  const actions = useMemo<PaneActions>(
    () => ({
      selectSheet(name) {
        setSheet(name);
        const current = settingsRef.current;
        if (portfolioOf(current, sheet).length > 1 && portfolioOf(current, sheet).includes(name)) {
          // Several sheets: the drop-down shows another one's mapping; the portfolio stays.
          save({ ...current, sheet: name });
          void loadPreview(name, mappingOf(current, name), current.headerRows?.[name]);
          return;
        }
        setStale(outcome !== null);
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
        setStale(outcome !== null);
        if (next.sheet !== undefined && next.sheet !== sheet) {
          setSheet(next.sheet);
          void loadPreview(next.sheet, mappingOf(next, next.sheet), next.headerRows?.[next.sheet]);
        }
        const n = portfolioOf(next, next.sheet).length;
        setAnnouncement(
          n > 1
            ? `${n} inventory sheets will be refreshed together.`
            : `Only “${next.sheet ?? name}” will be refreshed.`,
        );
      },
      setMapping(field, header) {
        const mapping: SavedMapping = { ...mappingOf(settingsRef.current, sheet) };
        if (header === null) delete mapping[field];
        else mapping[field] = header;
        // A hand mapping belongs to the sheet on screen, so that choice is saved with it.
        const next = withMapping(settingsRef.current, sheet, mapping);
        save(next);
        setStale(outcome !== null);
        void loadPreview(sheet, mappingOf(next, sheet), headerRow);
      },
      resetMapping() {
        save(withMapping(settingsRef.current, sheet, undefined));
        setStale(outcome !== null);
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
        setStale(outcome !== null);
        void loadPreview(sheet, undefined, row);
      },
      setHistory(on) {
        save({ ...settingsRef.current, history: on });
      },
      refresh() {
        if (busy.current) return;
        busy.current = true;
        setError(null);
        setAnnouncement('');
        setProgress({ phase: 'reading', done: 0, total: 0 });
        const run: RoleMapSettings = { ...settingsRef.current };
        if (sheet !== undefined) run.sheet = sheet;
        // Rows hidden by our role filter would be written around (office-js #224: values set
        // over a filtered range land in the wrong rows), and the roles change: show all first.
        const filtered = roleFilterRef.current;
        const shownAll =
          filtered !== null && service.filterByRole
            ? eachSheet(filtered.sheets, (name) => service.filterByRole!(name, null)).then(() => {
                if (mounted.current) setRoleFilter(null);
              })
            : Promise.resolve();
        shownAll
          .then(() =>
            service.refresh(run, (p) => {
              if (mounted.current) setProgress(p);
            }),
          )
          .then((result) => {
            if (!mounted.current) return;
            setOutcome(result);
            setRefreshedAt(new Date());
            setStale(false);
            const s = result.summary;
            // The counts follow just below; the status line says what changed in the workbook.
            setAnnouncement(
              `Refresh complete: roles written on “${s.sheet}”, ${SUMMARY_SHEET} rebuilt.`,
            );
          })
          .catch((err: unknown) => {
            if (mounted.current) setError(shown(err));
          })
          .finally(() => {
            busy.current = false;
            if (mounted.current) setProgress(null);
          });
      },
      selectCell(target, row, col) {
        service.selectCell(target, row, col).catch((err: unknown) => {
          if (mounted.current) setError(shown(err));
        });
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
            setStale(outcome !== null);
            // The new sheet alone, from detection: a saved portfolio would leave it out.
            save(withSheetOnly(settingsRef.current, name));
            setAnnouncement(`Created the inventory sheet "${name}".`);
            await loadPreview(name, undefined);
          })
          .catch((err: unknown) => {
            if (mounted.current) setError(shown(err));
          });
      },
      teachWord(word) {
        saveWords(
          mergeWords(settingsRef.current.words ?? [], [word]),
          `“${word.value}” will count as ${word.meaning} from the next refresh.`,
        );
      },
      forgetWord(word) {
        saveWords(
          removeWord(settingsRef.current.words ?? [], word),
          `“${word.value}” is no longer one of this workbook’s words.`,
        );
      },
      importWords(text) {
        let list: WordEntry[];
        try {
          list = parseWordList(text, 'the pasted list');
        } catch (err) {
          setError(shown(err));
          return;
        }
        saveWords(
          mergeWords(settingsRef.current.words ?? [], list),
          `Imported ${list.length} ${list.length === 1 ? 'word' : 'words'}.`,
        );
      },
      dismissError() {
        setError(null);
      },
      reloadSheets() {
        service
          .listSheets()
          .then((list) => {
            if (mounted.current) setSheets(list);
          })
          .catch((err: unknown) => {
            if (mounted.current) setError(shown(err));
          });
      },
      openSummary() {
        service.selectCell(SUMMARY_SHEET, 0, 0).catch((err: unknown) => {
          if (mounted.current) setError(shown(err));
        });
      },
      filterRole(role) {
        const targets = filterSheets;
        const filter = service.filterByRole?.bind(service);
        if (targets.length === 0 || !filter || busy.current) return;
        setError(null);
        setFiltering(true);
        const where = sheetListText(targets);
        eachSheet(targets, (name) => filter(name, role))
          .then(() => {
            if (!mounted.current) return;
            setRoleFilter(role === null ? null : { sheets: targets, role });
            setAnnouncement(
              role === null
                ? `Every role is shown again on ${where}.`
                : `${where} now ${targets.length === 1 ? 'shows' : 'show'} only the ${role} rows.`,
            );
          })
          .catch((err: unknown) => {
            if (mounted.current) setError(shown(err));
          })
          .finally(() => {
            if (mounted.current) setFiltering(false);
          });
      },
      copySummary() {
        if (outcome === null || refreshedAt === null) return;
        setError(null);
        copySummary(outcome, refreshedAt, clipboard)
          .then((kind) => {
            if (!mounted.current) return;
            setAnnouncement(
              kind === 'html'
                ? 'Summary copied: paste it into an e-mail or a document.'
                : 'Summary copied as plain text.',
            );
          })
          .catch(() => {
            if (mounted.current) {
              setError(shown(problem('copy-failed', { sheet: SUMMARY_SHEET })));
            }
          });
      },
    }),
    [
      service,
      save,
      saveWords,
      loadPreview,
      sheet,
      sheets,
      headerRow,
      outcome,
      refreshedAt,
      clipboard,
      filterSheets,
      preview,
    ],
  );

  const noInventory = !loading && !hasInventory(sheets);

  return [
    {
      loading,
      sheets,
      settings,
      sheet,
      preview,
      previewError,
      progress,
      outcome,
      refreshedAt,
      stale,
      headerRow,
      error,
      noInventory,
      announcement,
      lastRefresh,
      roleFilter,
      filterSheets,
      filtering,
    },
    actions,
  ];
}

/** Runs one host call per sheet, one after the other (each is its own Excel.run). */
async function eachSheet(
  names: readonly string[],
  call: (name: string) => Promise<void>,
): Promise<void> {
  for (const name of names) await call(name);
}
