/**
 * The workbook's own words in the pane (SPEC §2): a "Treat as" choice beside each group of
 * unrecognised values ("Led By: 'Digital Factory' · 3"), and the list of the words this
 * workbook has been taught, with remove, export and import as JSON. The choices are saved
 * with the add-in's settings (useRoleMap); checking them is the core's (compileWords).
 * Native <select> via Fluent's Select and plain buttons: keyboard and screen-reader paths are
 * the browser's own.
 */

import {
  Button,
  Field,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { CopyRegular } from '@fluentui/react-icons';
import { PANE_TEXT, PANE_WORDS } from '../core/messages';
import type { WordEntry } from '../core/words';
import { exportWords, isWordField, meaningsOf } from '../core/words';
import { normaliseValue } from '../core/vocab';
import type { IssueGroup } from './issues';
import { FIELD_LABELS } from './labels';

const LEAVE = '__leave__';
/** Keys that step through a closed <select>'s values. */
const STEP_KEYS: readonly string[] = [
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
];

const useStyles = makeStyles({
  treat: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  word: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    paddingBlock: tokens.spacingVerticalXXS,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** The word taught for a field and value, if any (matched as the core matches it). */
export function wordFor(
  words: readonly WordEntry[],
  field: string,
  value: string,
): WordEntry | undefined {
  const key = normaliseValue(value);
  return words.find((w) => w.field === field && normaliseValue(w.value) === key);
}

/** "Treat as" for one group of unrecognised values; null for groups words cannot answer. */
export function TreatAs({
  group,
  words,
  onTeach,
  onForget,
  disabled,
}: {
  group: IssueGroup;
  words: readonly WordEntry[];
  onTeach: (word: WordEntry) => void;
  onForget: (word: WordEntry) => void;
  disabled?: boolean;
}): JSX.Element | null {
  const styles = useStyles();
  const { field, value } = group;
  if (group.code !== 'unknown-value' || field === null || value === null || !isWordField(field)) {
    return null;
  }
  const taught = wordFor(words, field, value);
  return (
    <Field
      className={styles.treat}
      label={PANE_WORDS.words.treatAs(value, FIELD_LABELS[field])}
      hint={taught ? PANE_WORDS.words.counted(taught.meaning) : undefined}
      size="small"
    >
      <Select
        size="small"
        value={taught?.meaning ?? LEAVE}
        disabled={disabled}
        data-testid={`treat-${field}-${value}`}
        // Arrow keys over the closed list would change the value, and save a word, at every
        // press (Chromium on Windows, WebKit): the list changes only once it is opened
        // (Alt+Down, Space or a click) and a value is picked.
        onKeyDown={(e) => {
          if (STEP_KEYS.includes(e.key) && !e.altKey) e.preventDefault();
        }}
        onChange={(_e, data) => {
          if (data.value === LEAVE) {
            if (taught) onForget(taught);
          } else onTeach({ field, value, meaning: data.value });
        }}
      >
        <option value={LEAVE}>{PANE_WORDS.words.leave}</option>
        {meaningsOf(field).map((m) => (
          <option key={m} value={m}>
            {m === 'yes' ? PANE_WORDS.words.yes : m === 'no' ? PANE_WORDS.words.no : m}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** A word's field as the pane names it (a field the words file names but this version lacks: as written). */
function fieldName(field: string): string {
  return isWordField(field) ? FIELD_LABELS[field] : field;
}

/** The workbook's own words: remove one, export all as JSON, import a shared list. */
export function WordList({
  words,
  onForget,
  onImport,
  onCopy,
}: {
  words: readonly WordEntry[];
  onForget: (word: WordEntry) => void;
  /** Imports the text of a list (the pane's JSON or CSV); the hook reports a bad list. */
  onImport: (text: string) => void;
  /** Puts text on the clipboard; rejects where the host does not allow it. */
  onCopy: (text: string) => Promise<void>;
}): JSX.Element {
  const styles = useStyles();
  const [exported, setExported] = useState<string | null>(null);
  const [copied, setCopied] = useState<string>('');
  const exportRef = useRef<HTMLTextAreaElement>(null);
  const copy = (text: string): void => {
    onCopy(text)
      .then(() => setCopied(PANE_TEXT.wordsCopied))
      .catch(() => {
        // The text is on screen: selected, one key press copies it.
        exportRef.current?.focus();
        exportRef.current?.select();
        setCopied(PANE_TEXT.wordsCopyFailed);
      });
  };
  const [importing, setImporting] = useState(false);
  const [text, setText] = useState('');
  // The disclosure around the list carries its heading.
  return (
    <div className={styles.section} data-testid="words">
      {words.length === 0 ? (
        <Text size={200}>{PANE_WORDS.words.none}</Text>
      ) : (
        <ul className={styles.list}>
          {words.map((w) => (
            <li key={`${w.field}|${w.value}`} className={styles.word}>
              <Text>{PANE_WORDS.words.entry(w.value, fieldName(w.field), w.meaning)}</Text>
              <Button
                size="small"
                appearance="subtle"
                aria-label={PANE_WORDS.words.removeOne(w.value, fieldName(w.field))}
                onClick={() => onForget(w)}
              >
                {PANE_WORDS.words.remove}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className={styles.actions}>
        <Button
          size="small"
          disabled={words.length === 0}
          onClick={() => {
            setExported(exportWords(words));
            setCopied('');
          }}
        >
          {PANE_WORDS.words.export}
        </Button>
        <Button size="small" onClick={() => setImporting(!importing)} aria-expanded={importing}>
          {PANE_WORDS.words.import}
        </Button>
      </div>
      {exported !== null ? (
        <>
          <Field label={PANE_WORDS.words.exported}>
            <Textarea
              ref={exportRef}
              readOnly
              value={exported}
              resize="vertical"
              rows={6}
              data-testid="words-export"
            />
          </Field>
          <div className={styles.actions}>
            <Button
              size="small"
              icon={<CopyRegular />}
              onClick={() => copy(exported)}
              data-testid="words-copy"
            >
              {PANE_WORDS.words.copy}
            </Button>
          </div>
        </>
      ) : null}
      <Text size={200} role="status" aria-live="polite" data-testid="words-copied">
        {copied}
      </Text>
      {importing ? (
        <>
          <Field label={PANE_WORDS.words.paste}>
            <Textarea
              value={text}
              resize="vertical"
              data-testid="words-import"
              onChange={(_e, d) => setText(d.value)}
            />
          </Field>
          <div className={styles.actions}>
            <Button
              size="small"
              appearance="primary"
              disabled={text.trim() === ''}
              onClick={() => {
                onImport(text);
                setText('');
                setImporting(false);
              }}
            >
              {PANE_WORDS.words.importWords}
            </Button>
          </div>
        </>
      ) : null}
    </div>
  );
}
