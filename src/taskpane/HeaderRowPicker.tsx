/**
 * The header row of the sheet on screen: the row found by its headers, or the one the user
 * picked (saved per sheet), chosen from the first rows that hold text.
 */

import { Field, makeStyles } from '@fluentui/react-components';
import { Dropdown, Option } from './dropdown';
import type { InventoryPreview } from '../core/service';

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
      ? 'No row has headers IoT Role Map knows: pick the row that names the columns, then map them.'
      : detected === row
        ? 'Found by its headers. Pick another row if the columns are named elsewhere.'
        : `You picked this row (row ${detected + 1} has the known headers); it is saved in the workbook.`;
  return (
    <Field label="Header row" hint={hint}>
      <Dropdown
        className={styles.full}
        value={current?.label ?? `Row ${row + 1}`}
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
