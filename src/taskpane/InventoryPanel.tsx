/**
 * The Inventory tab: the sheet (or sheets) to refresh, the header row, the column mapping of
 * the sheet on screen, the options and the workbook's own words.
 */

import {
  Button,
  MessageBar,
  MessageBarBody,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { forwardRef } from 'react';
import { HISTORY_SHEET } from '../core/domain';
import { Disclosure } from './Disclosure';
import { HeaderRowPicker } from './HeaderRowPicker';
import { MappingList } from './MappingList';
import { SheetPicker } from './SheetPicker';
import { SheetStatus } from './SheetStatus';
import { mappingOf } from './sheets';
import { WordList } from './Words';
import type { PaneActions, PaneModel } from './useRoleMap';
import { PANE_WORDS } from '../core/messages';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground2 },
  heading: { margin: 0 },
  mapping: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
});

export interface InventoryPanelProps {
  model: PaneModel;
  actions: PaneActions;
  /** Every field of the mapping is listed (the user pressed Edit or Map columns). */
  editing: boolean;
  /** Lists every field and moves focus into the list (Edit, Map columns). */
  onEdit: () => void;
  /** Opens a chosen sheet's column mapping. */
  onMapColumns: (sheet: string) => void;
  /** Returns every field to detection and keeps focus in the mapping. */
  onDetectAgain: () => void;
  /** The planner picked a sheet in the drop-down. */
  onSelectSheet: (name: string) => void;
  /** Puts text on the clipboard. */
  copyText: (text: string) => Promise<void>;
}

/** The Inventory tab's content; the ref is the mapping's container (for focus). */
export const InventoryPanel = forwardRef<HTMLDivElement, InventoryPanelProps>(
  function InventoryPanel(
    { model, actions, editing, onEdit, onMapColumns, onDetectAgain, onSelectSheet, copyText },
    mappingRef,
  ): JSX.Element {
    const styles = useStyles();
    const busy = model.progress !== null;
    const preview = model.preview;
    const mapping = mappingOf(model.settings, model.sheet);
    return (
      <>
        <SheetPicker
          model={model}
          onSelect={onSelectSheet}
          onOpen={actions.reloadSheets}
          onInclude={actions.includeSheet}
          disabled={busy}
        />
        {model.chosen.length > 1 ? (
          <SheetStatus chosen={model.chosen} onMapColumns={onMapColumns} disabled={busy} />
        ) : null}
        {preview?.headerRow.choosable && (!model.noInventory || editing) ? (
          <HeaderRowPicker preview={preview} onSelect={actions.setHeaderRow} disabled={busy} />
        ) : null}
        {preview && model.noInventory && !editing ? (
          // No inventory yet: the template is offered below; mapping this sheet is a choice.
          <div>
            <Button appearance="secondary" onClick={onEdit} data-testid="map-by-hand">
              {PANE_WORDS.inventory.byHand(preview.detection.sheet)}
            </Button>
          </div>
        ) : preview ? (
          <section aria-labelledby="mapping-heading">
            <Text
              as="h2"
              id="mapping-heading"
              size={400}
              weight="semibold"
              className={styles.heading}
            >
              {PANE_WORDS.inventory.mapping}
            </Text>
            <div ref={mappingRef} className={styles.mapping}>
              {preview.detection.warnings.map((w) => (
                <Text key={w} size={200}>
                  {w}
                </Text>
              ))}
              {!preview.headerRow.choosable &&
              (editing || !preview.detectionGood || model.headerRow !== undefined) ? (
                <HeaderRowPicker
                  preview={preview}
                  onSelect={actions.setHeaderRow}
                  disabled={busy}
                />
              ) : null}
              <MappingList
                preview={preview}
                disabled={busy}
                mapping={mapping}
                expanded={editing || !preview.detectionGood}
                onExpand={onEdit}
                onChange={actions.setMapping}
              />
              {model.mappingNote !== null ? (
                <MessageBar intent="info" layout="multiline" data-testid="mapping-note">
                  <MessageBarBody>{model.mappingNote}</MessageBarBody>
                </MessageBar>
              ) : null}
              {mapping ? (
                <Button appearance="subtle" size="small" onClick={onDetectAgain}>
                  {PANE_WORDS.inventory.detectAgain}
                </Button>
              ) : null}
            </div>
          </section>
        ) : null}
        <Disclosure title={PANE_WORDS.inventory.options}>
          <Switch
            checked={model.settings.history}
            disabled={busy}
            label={PANE_WORDS.inventory.historyOption(HISTORY_SHEET)}
            onChange={(_e, data) => actions.setHistory(data.checked)}
          />
          <Text size={200} className={styles.muted}>
            {PANE_WORDS.inventory.settingsNote}
          </Text>
        </Disclosure>
        <Disclosure title={PANE_WORDS.inventory.words((model.settings.words ?? []).length)}>
          <WordList
            words={model.settings.words ?? []}
            onForget={actions.forgetWord}
            onImport={actions.importWords}
            onCopy={copyText}
          />
        </Disclosure>
      </>
    );
  },
);
