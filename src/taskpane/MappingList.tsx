/** The detected column mapping: each field, its column, a status badge and a drop-down to change it. */

import { Badge, Dropdown, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { columnLetter } from '../core/address';
import { FIELDS } from '../core/model';
import type { ColumnMatch, Field, SavedMapping } from '../core/model';
import type { InventoryPreview } from '../core/service';
import { FIELD_LABELS, OFF_BADGE, STATUS_BADGES } from './labels';

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
    rowGap: tokens.spacingVerticalS,
  },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    gridTemplateAreas: '"label badge" "pick pick"',
    alignItems: 'center',
    rowGap: tokens.spacingVerticalXXS,
    columnGap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  label: { gridArea: 'label', minWidth: 0, overflowWrap: 'anywhere' },
  badge: { gridArea: 'badge' },
  pick: { gridArea: 'pick', minWidth: 0, width: '100%' },
  required: { color: tokens.colorPaletteRedForeground1 },
});

export interface MappingListProps {
  preview: InventoryPreview;
  disabled: boolean;
  /** The user's saved mapping, to tell a field switched off ("") from one not found. */
  mapping?: SavedMapping;
  /** header null = detect automatically; "" = not used. */
  onChange: (field: Field, header: string | null) => void;
}

/** The compact mapping list of the chosen inventory sheet. */
export function MappingList({
  preview,
  disabled,
  mapping,
  onChange,
}: MappingListProps): JSX.Element {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label="Column mapping">
      {FIELDS.map((field) => (
        <MappingRow
          key={field}
          field={field}
          match={preview.detection.columns[field]}
          headers={preview.headers}
          off={mapping?.[field] === ''}
          disabled={disabled}
          onChange={onChange}
          styles={styles}
        />
      ))}
    </ul>
  );
}

interface RowProps {
  field: Field;
  match: ColumnMatch;
  headers: InventoryPreview['headers'];
  off: boolean;
  disabled: boolean;
  onChange: (field: Field, header: string | null) => void;
  styles: ReturnType<typeof useStyles>;
}

function columnText(col: number, header: string): string {
  return `${columnLetter(col)}: ${header}`;
}

function MappingRow({
  field,
  match,
  headers,
  off,
  disabled,
  onChange,
  styles,
}: RowProps): JSX.Element {
  const labelId = useId();
  const badgeId = useId();
  const badge = off ? OFF_BADGE : STATUS_BADGES[match.status];
  const current = off
    ? 'Not used'
    : match.col !== null && match.header !== null
      ? columnText(match.col, match.header)
      : 'Not mapped';
  const selected = off ? OFF : match.col !== null ? String(match.col) : AUTO;
  return (
    <li className={styles.row}>
      <Text id={labelId} size={200} weight="semibold" className={styles.label}>
        {FIELD_LABELS[field]}
        {field === 'name' ? (
          <span className={styles.required} aria-label="required">
            {' '}
            *
          </span>
        ) : null}
      </Text>
      <Badge
        id={badgeId}
        className={styles.badge}
        appearance="tint"
        color={badge.color}
        size="small"
      >
        {badge.label}
      </Badge>
      <Dropdown
        className={styles.pick}
        size="small"
        aria-labelledby={`${labelId} ${badgeId}`}
        value={current}
        selectedOptions={[selected]}
        disabled={disabled}
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
          const header = headers.find((h) => String(h.col) === value);
          if (header) onChange(field, header.text);
        }}
      >
        <Option value={AUTO} text="Detect automatically">
          Detect automatically
        </Option>
        {field === 'name' ? null : (
          <Option value={OFF} text="Not used">
            Not used
          </Option>
        )}
        {headers.map((h) => (
          <Option key={h.col} value={String(h.col)} text={columnText(h.col, h.text)}>
            {columnText(h.col, h.text)}
          </Option>
        ))}
      </Dropdown>
    </li>
  );
}
