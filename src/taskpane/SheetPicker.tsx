/**
 * The inventory sheets: the drop-down picks the sheet whose mapping is on screen, and, when the
 * workbook has more than one sheet that looks like an inventory, a list of check boxes chooses
 * the sheets refreshed together as one portfolio (SPEC §2), each with its initiatives counted.
 * Keyboard: Tab reaches the drop-down and each check box, Space toggles. Fits 320 px: labels
 * wrap, nothing is laid side by side.
 */

import { Checkbox, Field, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Dropdown, Option } from './dropdown';
import type { PaneModel } from './useRoleMap';
import { describeSheet, offeredSheets, portfolioOf } from './sheets';
import { PANE_WORDS } from '../core/messages';

const useStyles = makeStyles({
  full: { minWidth: 0, width: '100%' },
  group: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    minWidth: 0,
    margin: 0,
    padding: 0,
    border: 'none',
  },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground2 },
});

export interface SheetPickerProps {
  model: PaneModel;
  onSelect: (name: string) => void;
  onOpen: () => void;
  /** Adds a sheet to the portfolio or takes it out. */
  onInclude: (name: string, include: boolean) => void;
  disabled: boolean;
}

/** The drop-down of the sheet on screen, and the sheets refreshed together. */
export function SheetPicker({
  model,
  onSelect,
  onOpen,
  onInclude,
  disabled,
}: SheetPickerProps): JSX.Element {
  const styles = useStyles();
  const rows = new Map((model.preview?.candidates ?? []).map((c) => [c.name, c.rows]));
  const portfolio = portfolioOf(model.settings, model.sheet);
  const several = portfolio.length > 1;
  // With several sheets, the drop-down switches between them (each has its own mapping).
  const listed = several ? model.sheets.filter((s) => portfolio.includes(s.name)) : model.sheets;
  const chosen = model.sheets.find((s) => s.name === model.sheet);
  const offered = offeredSheets(model.sheets, portfolio);
  // Chosen sheets renamed or deleted since: listed so they can be taken out.
  const missing = portfolio.filter((n) => !model.sheets.some((s) => s.name === n));
  const describe = (name: string): string => {
    const choice = model.sheets.find((s) => s.name === name);
    return choice ? describeSheet(choice, rows.get(name)) : '';
  };
  const hint = several
    ? PANE_WORDS.inventory.severalHint(portfolio.length)
    : chosen && model.preview?.detection.sheet === chosen.name
      ? // The same count as the sheet's entry in the list (the rows below its header row).
        describeSheet(
          { ...chosen, recognised: model.preview.detection.recognised },
          rows.get(chosen.name) ?? model.preview.rows,
        )
      : PANE_WORDS.inventory.sheetHint;
  return (
    <>
      <Field
        label={several ? PANE_WORDS.inventory.sheetOnScreen : PANE_WORDS.inventory.sheet}
        hint={hint}
      >
        <Dropdown
          className={styles.full}
          value={model.sheet ?? ''}
          placeholder={PANE_WORDS.inventory.chooseSheet}
          selectedOptions={model.sheet !== undefined ? [model.sheet] : []}
          disabled={disabled || model.sheets.length === 0}
          onOpenChange={(_e, data) => {
            if (data.open) onOpen();
          }}
          onOptionSelect={(_e, data) => {
            if (data.optionValue !== undefined && data.optionValue !== model.sheet) {
              onSelect(data.optionValue);
            }
          }}
        >
          {listed.map((s) => (
            <Option key={s.name} value={s.name} text={s.name}>
              {`${s.name} (${describe(s.name)})`}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {offered.length + missing.length > 1 ? (
        <fieldset className={styles.group} data-testid="sheet-list">
          <legend className={styles.legend}>
            <Text weight="semibold" size={300}>
              {PANE_WORDS.inventory.together}
            </Text>
          </legend>
          {offered.map((s) => {
            const on = portfolio.includes(s.name);
            return (
              <Checkbox
                key={s.name}
                checked={on}
                // The last sheet stays: a refresh needs one.
                disabled={disabled || (on && portfolio.length === 1)}
                label={`${s.name} — ${describe(s.name)}`}
                onChange={(_e, data) => onInclude(s.name, data.checked === true)}
              />
            );
          })}
          {missing.map((name) => (
            <Checkbox
              key={name}
              checked
              disabled={disabled}
              label={PANE_WORDS.inventory.gone(name)}
              onChange={(_e, data) => onInclude(name, data.checked === true)}
            />
          ))}
          <Text size={200} className={styles.muted}>
            {PANE_WORDS.inventory.togetherNote}
          </Text>
        </fieldset>
      ) : null}
    </>
  );
}
