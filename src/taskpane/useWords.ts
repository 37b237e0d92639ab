/**
 * The workbook's own words (SPEC §2) as pane actions: teach, forget, import. A list is checked
 * by the core before it is saved; a bad one is one sentence and changes nothing.
 */

import { useCallback, useMemo } from 'react';
import type { MutableRefObject } from 'react';
import type { RoleMapSettings } from '../core/service';
import type { WordEntry } from '../core/words';
import { canonicalWords, mergeWords, parseWordList, removeWord } from '../core/words';
import type { PaneStatus } from './usePaneStatus';
import type { StaleReason } from './useRefresh';
import { PANE_WORDS } from '../core/messages';

export interface WordActions {
  /** Teaches the workbook what a value means for a field (replaces an earlier meaning). */
  teachWord: (word: WordEntry) => void;
  /** Forgets a word: the value is unknown again. */
  forgetWord: (word: WordEntry) => void;
  /** Adds a shared list (the pane's JSON export, or CSV); a bad list changes nothing. */
  importWords: (text: string) => void;
}

interface Inputs {
  settingsRef: MutableRefObject<RoleMapSettings>;
  save: (next: RoleMapSettings) => void;
  /** The outcome on screen no longer reads the values as the words now say. */
  markStale: (reason: StaleReason) => void;
}

/** Word actions over the saved settings. */
export function useWords(
  { setError, setAnnouncement, fail }: Pick<PaneStatus, 'setError' | 'setAnnouncement' | 'fail'>,
  { settingsRef, save, markStale }: Inputs,
): WordActions {
  const saveWords = useCallback(
    (list: WordEntry[], said: string): void => {
      let words: WordEntry[];
      try {
        words = canonicalWords(list);
      } catch (err) {
        fail(err);
        return;
      }
      const next: RoleMapSettings = { ...settingsRef.current, words };
      if (words.length === 0) delete next.words;
      setError(null);
      save(next);
      markStale({ kind: 'words' });
      setAnnouncement(said);
    },
    [settingsRef, save, markStale, setError, setAnnouncement, fail],
  );

  return useMemo(
    () => ({
      teachWord(word) {
        saveWords(
          mergeWords(settingsRef.current.words ?? [], [word]),
          PANE_WORDS.announce.wordTaught(word.value, word.meaning),
        );
      },
      forgetWord(word) {
        saveWords(
          removeWord(settingsRef.current.words ?? [], word),
          PANE_WORDS.announce.wordForgotten(word.value),
        );
      },
      importWords(text) {
        let list: WordEntry[];
        try {
          list = parseWordList(text, 'the pasted list');
        } catch (err) {
          fail(err);
          return;
        }
        saveWords(
          mergeWords(settingsRef.current.words ?? [], list),
          PANE_WORDS.announce.wordsImported(list.length),
        );
      },
    }),
    [saveWords, settingsRef, fail],
  );
}
