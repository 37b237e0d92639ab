/**
 * The IoT Role Changes log prints as the summary does (issue 23): landscape, one page wide, its
 * header row on every page, and the summary's footer (title, as of, page N of M); the same
 * layout from the core's one PrintSetup on both surfaces.
 */

import { CHANGES_SHEET } from '../../src/core/domain';
import { footerSections } from '../../src/core/summary-sheet';
import { createExcelService } from '../../src/excel/service';
import { generateSampleInventory } from '../../src/cli/sample';
import { createWorkbook, readWorkbook, refreshFile } from '../../src/xlsx/index';
import { definedNameOf } from '../../src/xlsx/print';
import { hostFor, NOW } from '../excel/helpers';
import { partText } from '../xlsx/helpers';
import { fakeFromFile } from './bridge';

const sample = generateSampleInventory({ rows: 20, seed: 3 });

describe('the change log’s print layout on both surfaces', () => {
  it('landscape, one page wide, header row repeated, the summary’s footer', async () => {
    const input = createWorkbook(
      [{ name: sample.sheetName, values: sample.values, headerRow: sample.headerRow }],
      NOW,
    );
    const first = await refreshFile(input, 'p.xlsx', { history: true }, NOW);
    // Twice: the second refresh patches the existing sheet's layout, no second set of names.
    const second = await refreshFile(first.bytes, 'p.xlsx', { history: true }, NOW);
    const print = second.outcome.plan.changeLog!.log.print!;
    expect(print).toMatchObject({
      orientation: 'landscape',
      fitToPagesWide: 1,
      titleRows: { first: 0, last: 0 },
      footer: { pageNumbers: true },
    });
    const sections = footerSections(print.footer!);

    for (const bytes of [first.bytes, second.bytes]) {
      const file = readWorkbook(bytes, 'p.xlsx');
      const index = file.sheets.findIndex((s) => s.name === CHANGES_SHEET);
      const wb = partText(bytes, 'xl/workbook.xml');
      expect(definedNameOf(wb, '_xlnm.Print_Titles', index)).toBe(`'${CHANGES_SHEET}'!$1:$1`);
      expect(wb.match(/_xlnm\.Print_Titles/g)).toHaveLength(3);
      const xml = partText(bytes, file.sheets[index]!.part);
      expect(xml).toContain('<pageSetUpPr fitToPage="1"/>');
      expect(xml).toContain('<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
      expect(xml.match(/<oddFooter>/g)).toHaveLength(1);
      expect(xml).toContain('Page &amp;P of &amp;N');
    }

    const fake = fakeFromFile(input);
    await createExcelService(hostFor(fake)).refresh({ version: 1, history: true });
    expect(fake.sheet(CHANGES_SHEET).pageLayout).toMatchObject({
      orientation: 'Landscape',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: '$1:$1',
      printArea: null,
      footer: sections,
    });
  });
});
