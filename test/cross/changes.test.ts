/**
 * Changes a quarter can read, one answer from every surface (SPEC §4, §5): a workbook refreshed
 * once, then edited as a planner does between two refreshes (an initiative deleted with its
 * row, one moved to another stage), is refreshed again by the command line (the file adapter)
 * and in Excel (the Office.js adapter over the strict fake). Both report the same changes and
 * leave the same change log (rows and links) and the same snapshot; the summary lists them alike.
 */

import { toA1 } from '../../src/core/address';
import { CHANGES_SHEET, SNAPSHOT_SHEET, SUMMARY_SHEET } from '../../src/core/domain';
import type { CellValue } from '../../src/core/input';
import { toJsonReport } from '../../src/core/refresh';
import { generateSampleInventory } from '../../src/cli/sample';
import { createExcelService } from '../../src/excel/service';
import { createWorkbook, readWorkbook, refreshFile, snapshots } from '../../src/xlsx/index';
import type { FakeExcel } from '../fakes/fake-excel';
import { hostFor, NOW, sampleWorkbook } from '../excel/helpers';
import { fakeFromFile, fileSheet } from './bridge';

const sample = generateSampleInventory({ rows: 40, seed: 11 });
const LATER = new Date(NOW.getTime() + 90 * 86_400_000);

/** Every sheet of a file as values from A1 (what a save keeps of our own sheets' cells). */
function sheetsFromA1(bytes: Uint8Array): { name: string; values: CellValue[][] }[] {
  return snapshots(readWorkbook(bytes, 'x.xlsx')).map((s) => ({
    name: s.name,
    values: [
      ...Array.from({ length: s.origin.row }, () => [] as CellValue[]),
      ...s.values.map((r) => [...Array<CellValue>(s.origin.col).fill(null), ...r]),
    ],
  }));
}

/** The internal links of one sheet of a file: cell → location. */
function fileLinks(bytes: Uint8Array, sheet: string): Map<string, string> {
  const file = readWorkbook(bytes, 'x.xlsx');
  const xml = file.pkg.requireText(file.sheets.find((s) => s.name === sheet)!.part);
  return new Map(
    [...xml.matchAll(/<hyperlink ref="([A-Z]+\d+)" location="([^"]+)"/g)].map((m) => [
      m[1]!,
      m[2]!.replace(/&apos;/g, "'"),
    ]),
  );
}

/** The links the fake holds on the given cells. */
function fakeLinks(fake: FakeExcel, sheet: string, cells: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of cells) {
    const ref = fake.cell(sheet, a).hyperlink?.documentReference;
    if (ref !== undefined) out.set(a, ref);
  }
  return out;
}

describe('a removal and a stage move, refreshed by the command line and in Excel', () => {
  const header = sample.values.findIndex((r) => r.includes('Initiative'));
  const cols = sample.values[header]!.map((v) => (typeof v === 'string' ? v : ''));
  const stageCol = cols.indexOf('Stage');
  const idCol = cols.indexOf('ID');
  const rows = sample.values.map((r) => [...r]);
  // IOT-0003 ("Approved": Planned) goes to its pilot; IOT-0005 is deleted with its row.
  const movedId = 'IOT-0003';
  const goneId = 'IOT-0005';
  const moved = rows.findIndex((r) => r[idCol] === movedId);
  const gone = rows.findIndex((r) => r[idCol] === goneId);

  let edited: Uint8Array;
  beforeAll(async () => {
    const first = await refreshFile(
      createWorkbook([{ name: sample.sheetName, values: sample.values }], NOW),
      'q1.xlsx',
      { history: true },
      NOW,
    );
    expect(first.outcome.changes).toBeNull();
    // The quarter's edits, saved: every cell as it was but the stage, and the row deleted
    // (the rows below move up with their output cells).
    const sheets = sheetsFromA1(first.bytes).map((s) => {
      if (s.name !== sample.sheetName) return s;
      const values = s.values.map((r) => [...r]);
      values[moved]![stageCol] = 'Pilot';
      values.splice(gone, 1);
      return { ...s, values };
    });
    edited = createWorkbook(sheets, NOW);
  });

  it('both report the same changes: the stage move and the removal, with kind and row', async () => {
    const viaFile = await refreshFile(edited, 'q2.xlsx', { history: true }, LATER);
    const fake = fakeFromFile(edited);
    const viaExcel = await createExcelService({ ...hostFor(fake), now: () => LATER }).refresh({
      version: 1,
      history: true,
    });
    const changes = toJsonReport(viaFile.outcome).changes;
    expect(toJsonReport(viaExcel).changes).toEqual(changes);
    expect(changes.filter((c) => c.kind === 'removed')).toEqual([
      expect.objectContaining({ kind: 'removed', id: goneId, to: '', row: gone + 1 }),
    ]);
    expect(changes).toContainEqual(
      expect.objectContaining({
        kind: 'stage',
        id: movedId,
        from: 'Planned',
        to: 'Pilot',
        row: moved + 1,
      }),
    );

    // The same change log and snapshot, cell for cell, and the same links back to the rows.
    for (const sheet of [CHANGES_SHEET, SNAPSHOT_SHEET]) {
      expect(fake.values(sheet)).toEqual(fileSheet(viaFile.bytes, sheet));
    }
    const log = fileSheet(viaFile.bytes, CHANGES_SHEET);
    expect(log.map((r) => r[4])).toEqual([
      'Change',
      'First refresh',
      ...changes.map(
        (c) =>
          ({ role: 'Role changed', stage: 'Stage moved', added: 'Added', removed: 'Removed' })[
            c.kind
          ],
      ),
    ]);
    const links = fileLinks(viaFile.bytes, CHANGES_SHEET);
    const rowCells = log.map((_r, i) => toA1(i, 7));
    expect(fakeLinks(fake, CHANGES_SHEET, rowCells)).toEqual(links);
    // Every change but the removal links back to its row.
    expect(links.size).toBe(changes.length - 1);

    // The summary's changes section lists them alike on both surfaces.
    const section = (values: (string | number | boolean | null)[][]) => {
      const at = values.findIndex((r) => r[0] === 'Changes since the last refresh');
      const end = values.findIndex(
        (r, i) =>
          i > at && (r[0] === null || r[0] === '') && r.every((v) => v === null || v === ''),
      );
      return values.slice(at, end);
    };
    const fromFile = section(fileSheet(viaFile.bytes, SUMMARY_SHEET));
    expect(section(fake.values(SUMMARY_SHEET))).toEqual(fromFile);
    expect(fromFile.flat()).toContain('Removed');
    expect(fromFile.flat()).toContain('Stage moved');
  });
});

describe('the snapshot sheet is bookkeeping: created hidden, alike on every surface', () => {
  /** Each sheet's visibility in a file, as Excel would show it. */
  function fileVisibility(bytes: Uint8Array): Record<string, string> {
    return Object.fromEntries(
      readWorkbook(bytes, 'x.xlsx').sheets.map((s) => [
        s.name,
        s.state === 'visible' ? 'Visible' : 'Hidden',
      ]),
    );
  }
  function fakeVisibility(fake: FakeExcel): Record<string, string> {
    return Object.fromEntries(fake.sheetNames().map((n) => [n, fake.sheet(n).visibility]));
  }
  const blank = () => createWorkbook([{ name: sample.sheetName, values: sample.values }], NOW);

  it('a first refresh by the command line and in Excel hides the snapshot only, and a second keeps it so', async () => {
    const viaFile = await refreshFile(blank(), 'a.xlsx', { history: true }, NOW);
    const fake = fakeFromFile(blank());
    const service = createExcelService({ ...hostFor(fake), now: () => NOW });
    await service.refresh({ version: 1, history: true });
    const seen = fileVisibility(viaFile.bytes);
    expect(fakeVisibility(fake)).toEqual(seen);
    expect(seen[SNAPSHOT_SHEET]).toBe('Hidden');
    // The change log, which the summary points to, and every other sheet stay in sight.
    expect(Object.entries(seen).filter(([, v]) => v === 'Hidden')).toEqual([
      [SNAPSHOT_SHEET, 'Hidden'],
    ]);
    // Hidden, not very hidden: Excel's Unhide lists it.
    const workbookXml = readWorkbook(viaFile.bytes, 'a.xlsx').pkg.requireText('xl/workbook.xml');
    expect(workbookXml).toMatch(/<sheet name="IoT Role Snapshot" sheetId="\d+" state="hidden" /);

    const again = await refreshFile(viaFile.bytes, 'a.xlsx', { history: true }, LATER);
    await createExcelService({ ...hostFor(fake), now: () => LATER }).refresh({
      version: 1,
      history: true,
    });
    expect(fileVisibility(again.bytes)).toEqual(seen);
    expect(fakeVisibility(fake)).toEqual(seen);
    // Still the snapshot the next refresh compares with.
    expect(again.outcome.changes).toEqual([]);
  });

  it('a snapshot its user unhid stays in sight on both surfaces', async () => {
    const first = await refreshFile(blank(), 'a.xlsx', { history: true }, NOW);
    const file = readWorkbook(first.bytes, 'a.xlsx');
    const xml = file.pkg.requireText(file.workbookPart);
    file.pkg.write(file.workbookPart, xml.replace(' state="hidden"', ''));
    const unhid = file.pkg.toBytes();
    expect(fileVisibility(unhid)[SNAPSHOT_SHEET]).toBe('Visible');

    const viaFile = await refreshFile(unhid, 'a.xlsx', { history: true }, LATER);
    const fake = fakeFromFile(unhid);
    await createExcelService({ ...hostFor(fake), now: () => LATER }).refresh({
      version: 1,
      history: true,
    });
    expect(fileVisibility(viaFile.bytes)[SNAPSHOT_SHEET]).toBe('Visible');
    expect(fakeVisibility(fake)).toEqual(fileVisibility(viaFile.bytes));
  });

  it('on Windows, where hiding a sheet has no undo support, only the refresh that creates it is not one undo step', async () => {
    const { fake } = sampleWorkbook(
      30,
      {},
      { platform: 'windows', supportedSets: { ExcelApi: '1.20' } },
    );
    const service = createExcelService(hostFor(fake));
    await service.refresh({ version: 1, history: true });
    expect(fake.sheet(SNAPSHOT_SHEET).visibility).toBe('Hidden');
    // The grouped run gave way (UndoNotSupported) and ran again without the group.
    expect(fake.runs.map((r) => r.mergeUndoGroup)).toEqual([true, false]);
    fake.resetCounters();
    await service.refresh({ version: 1, history: true });
    expect(fake.runs.map((r) => r.mergeUndoGroup)).toEqual([true]);
    expect(fake.undoSteps).toBe(1);
    expect(fake.undoStackCleared).toBe(false);
  });
});
