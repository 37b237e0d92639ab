/**
 * The column mapping of the chosen sheet: one line when every field that matters was recognised
 * ("13 columns recognised · Edit"), else (or on Edit) every field in order of importance, each
 * a Fluent Field whose validation state says required / needed to classify / optional, with a
 * drop-down whose options show a few values of each column. What is required, covered or
 * missing comes from the core's preview; this only renders it.
 */

import { Button, Field, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Dropdown, Option } from './dropdown';
import { forwardRef } from 'react';
import type { FieldAdvice } from '../core/preview';
import { columnLabel } from '../core/preview';
import type { Field as FieldName } from '../core/fields';
import type { SavedMapping } from '../core/input';
import type { InventoryPreview } from '../core/service';
import { FIELD_LABELS, fieldHint } from './labels';
import { PANE_TEXT, PANE_WORDS } from '../core/messages';

const AUTO = '__auto__';
/** The field is not in this inventory: no column is read for it (saved as ""). */
const OFF = '__off__';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  pick: { minWidth: 0, width: '100%' },
  summary: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
  },
  option: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  sample: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export interface MappingListProps {
  preview: InventoryPreview;
  disabled: boolean;
  /** The user's saved mapping, to tell a field switched off ("") from one not found. */
  mapping?: SavedMapping;
  /** Every field listed, not the one-line summary. */
  expanded: boolean;
  onExpand: () => void;
  /** header null = detect automatically; "" = not used. */
  onChange: (field: FieldName, header: string | null) => void;
}

/** The mapping of the chosen inventory sheet. */
export const MappingList = forwardRef<HTMLButtonElement, MappingListProps>(function MappingList(
  { preview, disabled, expanded, onExpand, onChange },
  editRef,
): JSX.Element {
  const styles = useStyles();
  const found = preview.fields.filter((f) => preview.detection.columns[f.field].col !== null);
  if (!expanded) {
    return (
      <div className={styles.summary} data-testid="mapping-summary">
        <Text>{PANE_WORDS.inventory.recognised(found.length)}</Text>
        <Button
          ref={editRef}
          appearance="transparent"
          size="small"
          aria-expanded={false}
          aria-label={PANE_WORDS.inventory.editMapping}
          onClick={onExpand}
        >
          {PANE_WORDS.inventory.edit}
        </Button>
      </div>
    );
  }
  return (
    <ul className={styles.list} aria-label={PANE_WORDS.inventory.mapping}>
      {preview.fields.map((advice) => (
        <MappingRow
          key={advice.field}
          advice={advice}
          preview={preview}
          disabled={disabled}
          onChange={onChange}
          styles={styles}
        />
      ))}
    </ul>
  );
});

interface RowProps {
  advice: FieldAdvice;
  preview: InventoryPreview;
  disabled: boolean;
  onChange: (field: FieldName, header: string | null) => void;
  styles: ReturnType<typeof useStyles>;
}

function MappingRow({ advice, preview, disabled, onChange, styles }: RowProps): JSX.Element {
  const { field, need, state } = advice;
  const match = preview.detection.columns[field];
  const off = state === 'off';
  const current = off
    ? PANE_WORDS.inventory.notUsed
    : match.col !== null && match.header !== null
      ? columnLabel(match.col, match.header)
      : PANE_WORDS.inventory.notMapped;
  const selected = off ? OFF : match.col !== null ? String(match.col) : AUTO;
  // A field needed to classify that is switched off warns what will be left unclassified.
  const offNeeded = off && need === 'classification';
  const validation =
    state === 'missing' && need === 'required'
      ? 'error'
      : (state === 'missing' && need === 'classification') || state === 'ambiguous' || offNeeded
        ? 'warning'
        : 'none';
  const samples = (col: number): string => {
    const s = preview.samples[col];
    return s ? `e.g. ${s.join(', ')}` : 'no values below';
  };
  return (
    <li data-attention={validation === 'none' ? undefined : validation}>
      <Field
        label={FIELD_LABELS[field]}
        required={need === 'required'}
        validationState={validation}
        validationMessage={
          validation === 'none'
            ? undefined
            : offNeeded
              ? PANE_TEXT.fieldOff(FIELD_LABELS[field])
              : fieldHint(need, state, advice.coveredBy)
        }
        hint={
          validation === 'none'
            ? `${fieldHint(need, state, advice.coveredBy)}${match.col !== null ? ` · ${samples(match.col)}` : ''}`
            : undefined
        }
        data-field={field}
      >
        <Dropdown
          className={styles.pick}
          value={current}
          selectedOptions={[selected]}
          disabled={disabled}
          aria-required={need === 'required' ? true : undefined}
          onOptionSelect={(_e, data) => {
            const value = data.optionValue;
            if (value === undefined || value === selected) return;
            if (value === AUTO) {
              onChange(field, null);
              return;
            }
            if (value === OFF) {
              onChange(field, '');
              return;
            }
            const header = preview.headers.find((h) => String(h.col) === value);
            if (header) onChange(field, header.text);
          }}
        >
          <Option value={AUTO} text={PANE_WORDS.inventory.detectAuto}>
            {PANE_WORDS.inventory.detectAuto}
          </Option>
          {need === 'required' ? null : (
            <Option value={OFF} text={PANE_WORDS.inventory.notUsed}>
              {PANE_WORDS.inventory.notUsed}
            </Option>
          )}
          {preview.headers.map((h) => (
            <Option key={h.col} value={String(h.col)} text={columnLabel(h.col, h.text)}>
              <span className={styles.option}>
                <span>{columnLabel(h.col, h.text)}</span>
                <span className={styles.sample}>{samples(h.col)}</span>
              </span>
            </Option>
          ))}
        </Dropdown>
      </Field>
    </li>
  );
}
