/**
 * The shared-string table as the refresh writes through it (src/xlsx/sst.ts): the snapshot's
 * copies of the user's own texts refer to the user's plain items, found next to the column's
 * last one (SharedStringTable.copies) or through the map of texts, and never to a rich item.
 */

import ExcelJS from 'exceljs';
import { SNAPSHOT_SHEET } from '../../src/core/domain';
import { readWorkbook, refreshFile } from '../../src/xlsx/index';
import { parseSharedStrings } from '../../src/xlsx/package';

const NOW = new Date('2026-03-02T09:30:00Z');
const HEADER = ['ID', 'Initiative', 'Led By', 'Stage', 'I&O Pilot', 'I&O Implementation'];

/** An ExcelJS workbook (shared strings, in the order its rows hold them). */
async function book(rows: ExcelJS.CellValue[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Inventory');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Shared-string indexes of one column's cells, by row number. */
function sharedColumn(xml: string, col: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const m of xml.matchAll(
    new RegExp(`<c r="${col}(\\d+)"[^>]*t="s"[^>]*><v>(\\d+)</v>`, 'g'),
  )) {
    out.set(Number(m[1]), Number(m[2]));
  }
  return out;
}

function row(i: number, name: ExcelJS.CellValue): ExcelJS.CellValue[] {
  return [`IOT-${i}`, name, i % 2 ? 'IT' : 'Facilities', 'Pilot', 'Leads', null];
}

const RICH: ExcelJS.CellValue = {
  richText: [{ text: 'Rich ' }, { text: 'name', font: { bold: true } }],
};

describe("the snapshot's texts in the shared-string table", () => {
  it.each([
    ['names in the order the table holds them', (i: number) => `Yard sensors (site ${i})`],
    [
      'a name repeated far from its item',
      (i: number) => (i % 50 === 0 ? 'Site zero' : `Dock ${i}`),
    ],
    [
      'a rich name, which no plain cell may share',
      (i: number) => (i === 7 ? RICH : `Gateway ${i}`),
    ],
  ])('%s: each ID and name refers to a plain item holding it', async (_what, name) => {
    const rows = Array.from({ length: 600 }, (_v, i) => row(i, name(i)));
    const input = await book(rows);
    const before = readWorkbook(input, 'w.xlsx').sharedStrings.length;
    const out = await refreshFile(input, 'w.xlsx', { history: true }, NOW);
    const file = readWorkbook(out.bytes, 'w.xlsx');
    const plain: boolean[] = [];
    const items = parseSharedStrings(file.pkg.requireText('xl/sharedStrings.xml'), plain);
    const part = (sheet: string) => file.sheets.find((s) => s.name === sheet)!.part;
    const user = file.pkg.requireText(part('Inventory'));
    const snap = file.pkg.requireText(part(SNAPSHOT_SHEET));
    // Snapshot columns B and C (ID, Initiative) copy the user's columns A and B.
    for (const [snapCol, userCol, k] of [
      ['B', 'A', 0],
      ['C', 'B', 1],
    ] as const) {
      const copies = sharedColumn(snap, snapCol);
      const theirs = sharedColumn(user, userCol);
      expect(copies.size).toBeGreaterThanOrEqual(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const id = copies.get(i + 2)!;
        const text = rows[i]![k];
        expect(items[id]).toBe(typeof text === 'string' ? text : 'Rich name');
        expect(plain[id]).toBe(true);
        // A plain user cell is shared: the copy refers to the item the user's cell refers to.
        if (typeof text === 'string') expect(id).toBe(theirs.get(i + 2));
      }
    }
    // Only the rich name became a new item among the user's texts.
    const added = items.slice(before);
    expect(added.length).toBeGreaterThan(0);
    expect(added.filter((t) => rows.some((r) => r[1] === t || r[0] === t))).toEqual([]);
    const rich = name(7) === RICH;
    expect(added.filter((t) => t === 'Rich name')).toHaveLength(rich ? 1 : 0);
  });
});
