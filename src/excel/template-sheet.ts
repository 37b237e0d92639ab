/** Writes the core's inventory template (src/core/template.ts) as a new worksheet. */

import { columnLetter } from '../core/address';
import { CELL_STYLES } from '../core/styles';
import {
  INVENTORY_TEMPLATE,
  TEMPLATE_SHEET_NAME,
  TEMPLATE_VALIDATION_ROWS,
  uniqueSheetName,
} from '../core/template';
import type { ExcelHost } from './host';
import { DATA_VALIDATION_API } from './host';
import { charsToPoints, excelText } from './write';

/** Adds the template sheet (unique name), activates it and returns its name; one sync. */
export async function writeInventoryTemplate(
  context: Excel.RequestContext,
  host: ExcelHost,
  existingNames: readonly string[],
): Promise<string> {
  const name = uniqueSheetName(TEMPLATE_SHEET_NAME, existingNames);
  const ws = context.workbook.worksheets.add(name);
  const cols = INVENTORY_TEMPLATE.length;
  const last = columnLetter(cols - 1);

  const header = ws.getRange(`A1:${last}1`);
  header.values = [INVENTORY_TEMPLATE.map((c) => excelText(c.header, false))];
  const style = CELL_STYLES.tableHeader;
  header.format.font.bold = style.bold ?? true;
  if (style.fill) header.format.fill.color = style.fill;
  if (style.fontColor) header.format.font.color = style.fontColor;

  ws.getRange(`A2:${last}2`).values = [
    INVENTORY_TEMPLATE.map((c) =>
      typeof c.example === 'number' ? c.example : excelText(c.example, false),
    ),
  ];

  INVENTORY_TEMPLATE.forEach((c, i) => {
    const letter = columnLetter(i);
    ws.getRange(`${letter}:${letter}`).format.columnWidth = charsToPoints(c.width);
  });

  if (host.isSetSupported('ExcelApi', DATA_VALIDATION_API)) {
    INVENTORY_TEMPLATE.forEach((c, i) => {
      if (!c.list) return;
      const letter = columnLetter(i);
      const range = ws.getRange(`${letter}2:${letter}${TEMPLATE_VALIDATION_ROWS + 1}`);
      range.dataValidation.rule = { list: { inCellDropDown: true, source: c.list.join(',') } };
      // Synonyms ("IT Ops", "PoC", "R") are valid input too: suggest, do not refuse.
      range.dataValidation.errorAlert = {
        showAlert: false,
        style: 'Information',
        title: '',
        message: '',
      };
    });
  }

  ws.freezePanes.freezeRows(1);
  ws.activate();
  ws.getRange('B2').select();
  await context.sync();
  return name;
}
