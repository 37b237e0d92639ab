/**
 * The rest of RoleMapService over Office.js: settings, sheet list, preview, selecting a cell,
 * the new-inventory template, and an inventory that is an Excel table.
 */

import { detectHeaders } from '../../src/core/headers';
import { CHANGES_SHEET, HISTORY_SHEET, SNAPSHOT_SHEET, SUMMARY_SHEET } from '../../src/core/domain';
import { OUTPUT_HEADERS } from '../../src/core/output';
import { normaliseRow, makeRowReader } from '../../src/core/normalise';
import { DEFAULT_SETTINGS } from '../../src/core/service';
import { VOCABULARY_LISTS } from '../../src/core/vocab';
import type { SheetSnapshot } from '../../src/core/input';
import type { RoleMapSettings } from '../../src/core/service';
import { INVENTORY_TEMPLATE, TEMPLATE_SHEET_NAME, uniqueSheetName } from '../../src/core/template';
import { SETTINGS_KEY } from '../../src/core/settings';
import { createExcelService, parseSettings } from '../../src/excel/service';
import { FakeExcel } from '../fakes/fake-excel';
import { hostFor, sampleWorkbook } from './helpers';

describe('settings', () => {
  it('round-trips through the workbook settings as versioned JSON', async () => {
    const { fake } = sampleWorkbook(10);
    const service = createExcelService(hostFor(fake));
    expect(await service.loadSettings()).toEqual(DEFAULT_SETTINGS);
    const saved: RoleMapSettings = {
      version: 1,
      sheet: 'IoT Inventory',
      // "" switches a field off and must survive the round trip.
      mapping: { ledBy: 'Led By', name: 'Initiative', stage: '' },
      history: false,
    };
    await service.saveSettings(saved);
    expect(JSON.parse(String(fake.settings.get(SETTINGS_KEY)))).toEqual(saved);
    expect(await service.loadSettings()).toEqual(saved);
  });

  it.each([
    ['not JSON', '{oops'],
    ['another version', JSON.stringify({ version: 2, history: true })],
    ['a number', 42],
  ])('falls back to the defaults for %s', (_label, value) => {
    expect(parseSettings(value)).toEqual(DEFAULT_SETTINGS);
  });

  it('drops unknown fields and non-text values from a saved mapping, and keeps "" (field off)', () => {
    expect(
      parseSettings(
        JSON.stringify({
          version: 1,
          history: true,
          sheet: '',
          mapping: { name: 'Project', bogus: 'X', id: '', ledBy: 7 },
        }),
      ),
    ).toEqual({ version: 1, history: true, mapping: { name: 'Project', id: '' } });
  });

  it('refreshes the saved sheet with the saved mapping', async () => {
    const { fake, sheet } = sampleWorkbook(10);
    const service = createExcelService(hostFor(fake));
    const outcome = await service.refresh({
      version: 1,
      sheet,
      mapping: { name: 'Initiative' },
      history: false,
    });
    expect(outcome.detection.sheet).toBe(sheet);
    expect(outcome.detection.columns.name.status).toBe('mapped');
    expect(fake.hasSheet(HISTORY_SHEET)).toBe(false);
  });
});

describe('listSheets and preview', () => {
  it('lists the candidate sheets with their recognised headers, never the output sheets', async () => {
    const { fake, sheet } = sampleWorkbook(10);
    const service = createExcelService(hostFor(fake));
    expect(fake.activeSheetName).toBe(sheet);
    await service.refresh(DEFAULT_SETTINGS);
    // The refresh ends on the summary (SPEC §4), which is never a candidate.
    expect(fake.activeSheetName).toBe(SUMMARY_SHEET);
    const list = await service.listSheets();
    expect(list.map((s) => s.name)).toEqual(['Notes', sheet]);
    expect(list.find((s) => s.name === sheet)).toMatchObject({ isActive: false });
    expect(list.find((s) => s.name === sheet)!.recognised).toBeGreaterThan(5);
    expect(list.find((s) => s.name === 'Notes')!.recognised).toBe(0);
  });

  it('previews the detected header row and every header on it', async () => {
    const { fake, sheet } = sampleWorkbook(10);
    const preview = await createExcelService(hostFor(fake)).preview(undefined, undefined);
    expect(preview.detection.sheet).toBe(sheet);
    expect(preview.detection.headerRow).toBe(2);
    expect(preview.headers[0]).toEqual({ col: 0, text: 'ID' });
  });

  it('finds a header row on a sheet whose data starts far down', async () => {
    const values: (string | null)[][] = Array.from({ length: 150 }, () => [null, null]);
    values.push(['Initiative', 'Led By', 'Stage'], ['Sensors', 'IT', 'Pilot']);
    const fake = new FakeExcel({ sheets: [{ name: 'Low', values }] });
    const preview = await createExcelService(hostFor(fake)).preview(undefined, undefined);
    expect(preview.detection.headerRow).toBe(150);
  });

  it('names a missing sheet in one sentence', async () => {
    const { fake } = sampleWorkbook(10);
    await expect(
      createExcelService(hostFor(fake)).preview('Gone', undefined),
    ).rejects.toMatchObject({
      code: 'sheet-not-found',
    });
  });
});

describe('selectCell', () => {
  it('activates the sheet and selects the cell', async () => {
    const { fake, sheet } = sampleWorkbook(10);
    fake.state.activeSheet = fake.sheet('Notes');
    await createExcelService(hostFor(fake)).selectCell(sheet, 6, 4);
    expect(fake.activeSheetName).toBe(sheet);
    expect(fake.selectedAddress).toBe("'IoT Inventory'!E7");
  });

  it('reports a sheet that is gone', async () => {
    const { fake } = sampleWorkbook(10);
    await expect(createExcelService(hostFor(fake)).selectCell('Gone', 0, 0)).rejects.toMatchObject({
      code: 'sheet-not-found',
    });
  });
});

describe('createInventorySheet', () => {
  it('adds a template sheet that the refresh recognises, with drop-downs from the vocabularies', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Sheet1' }] });
    const service = createExcelService(hostFor(fake));
    const name = await service.createInventorySheet();
    expect(name).toBe(TEMPLATE_SHEET_NAME);
    expect(fake.activeSheetName).toBe(name);
    const s = fake.sheet(name);
    expect(fake.values(name)[0]).toEqual(INVENTORY_TEMPLATE.map((c) => c.header));
    expect(s.frozenRows).toBe(1);
    const ledBy = s.validations.find((v) => v.box.col === 3)!;
    expect(ledBy.source).toBe(VOCABULARY_LISTS.ledBy.join(','));
    expect(ledBy.showAlert).toBe(false);

    const outcome = await service.refresh(DEFAULT_SETTINGS);
    expect(outcome.rows).toHaveLength(1);
    expect(outcome.rows[0]!.issues).toEqual([]);
    expect(outcome.rows[0]!.role).toBe('Implementer');
  });

  it('maps every template header to its field and accepts every drop-down value', () => {
    const values = [INVENTORY_TEMPLATE.map((c) => c.header)];
    const snapshot: SheetSnapshot = {
      name: 'T',
      origin: { row: 0, col: 0 },
      values,
      tables: [],
      hasFrozenPanes: false,
      hasAutoFilter: false,
      isProtected: false,
    };
    const detection = detectHeaders(snapshot)!;
    INVENTORY_TEMPLATE.forEach((c, i) => expect(detection.columns[c.field].col).toBe(i));
    const reader = makeRowReader(snapshot, detection);
    for (const [i, c] of INVENTORY_TEMPLATE.entries()) {
      for (const option of c.list ?? []) {
        const row = INVENTORY_TEMPLATE.map((_, j) => (j === 1 ? 'X' : j === i ? option : null));
        const norm = normaliseRow(reader, row, 1);
        expect([c.header, option, norm?.issues ?? []]).toEqual([c.header, option, []]);
      }
    }
  });

  it('picks a free name', async () => {
    expect(uniqueSheetName('IoT Inventory', ['iot inventory', 'IoT Inventory (2)'])).toBe(
      'IoT Inventory (3)',
    );
    const fake = new FakeExcel({ sheets: [{ name: TEMPLATE_SHEET_NAME }] });
    expect(await createExcelService(hostFor(fake)).createInventorySheet()).toBe(
      `${TEMPLATE_SHEET_NAME} (2)`,
    );
  });

  it('still creates the sheet, without drop-downs, below ExcelApi 1.8', async () => {
    const fake = new FakeExcel({
      sheets: [{ name: 'Sheet1' }],
      supportedSets: { ExcelApi: '1.7' },
    });
    const name = await createExcelService(hostFor(fake)).createInventorySheet();
    expect(fake.sheet(name).validations).toEqual([]);
  });
});

describe('an inventory that is an Excel table', () => {
  it('adds the output columns as table columns once, and filters through the table', async () => {
    const { fake, sheet } = sampleWorkbook(30);
    const used = fake.sheet(sheet).usedBox()!;
    fake.sheet(sheet).tables = [
      {
        name: 'Initiatives',
        box: { row: 2, col: 0, rowCount: used.rowCount - 2, colCount: 14 },
        showTotals: false,
      },
    ];
    const service = createExcelService(hostFor(fake));
    await service.refresh(DEFAULT_SETTINGS);
    const table = fake.tables(sheet)[0]!;
    expect(table.box.colCount).toBe(20);
    expect(fake.values(sheet)[2]!.slice(14)).toEqual([...OUTPUT_HEADERS]);
    expect(fake.sheet(sheet).autoFilter).toBeNull();

    await service.refresh(DEFAULT_SETTINGS);
    expect(fake.tables(sheet)[0]!.box.colCount).toBe(20);
    expect(fake.values(sheet)[2]).toHaveLength(20);
    expect(fake.sheetNames()).toEqual([
      'Notes',
      sheet,
      SUMMARY_SHEET,
      HISTORY_SHEET,
      CHANGES_SHEET,
      SNAPSHOT_SHEET,
    ]);
  });
});
