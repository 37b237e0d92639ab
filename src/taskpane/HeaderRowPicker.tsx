/**
 * The header row of the sheet on screen: the row found by its headers, or the one the user
 * picked (saved per sheet), chosen from the first rows that hold text.
 */

import { Field, makeStyles } from '@fluentui/react-components';
import { Dropdown, Option } from './dropdown';
import type { InventoryPreview } from '../core/service';
import { PANE_WORDS } from '../core/messages';

const useStyles = makeStyles({ full: { minWidth: 0, width: '100%' } });

export interface HeaderRowPickerProps {
  preview: InventoryPreview;
  onSelect: (row: number) => void;
  disabled: boolean;
}

/** The header-row drop-down with a hint saying where the row came from. */
export function HeaderRowPicker({
  preview,
  onSelect,
  disabled,
}: HeaderRowPickerProps): JSX.Element {
  const styles = useStyles();
  const row = preview.detection.headerRow;
  const current = preview.headerRow.options.find((o) => o.row === row);
  const detected = preview.headerRow.detected;
  const hint =
    detected === null
      ? PANE_WORDS.inventory.headerRowNone
      : detected === row
        ? PANE_WORDS.inventory.headerRowFound
        : PANE_WORDS.inventory.headerRowPicked(detected + 1);
  return (
    <Field label={PANE_WORDS.inventory.headerRow} hint={hint}>
      <Dropdown
        className={styles.full}
        value={current?.label ?? PANE_WORDS.results.row(row + 1)}
        selectedOptions={[String(row)]}
        disabled={disabled}
        onOptionSelect={(_e, data) => {
          const next = Number(data.optionValue);
          if (data.optionValue !== undefined && next !== row) onSelect(next);
        }}
      >
        {preview.headerRow.options.map((o) => (
          <Option key={o.row} value={String(o.row)} text={o.label}>
            {o.label}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
