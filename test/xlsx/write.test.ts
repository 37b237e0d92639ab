/**
 * The patcher's promises on the inventory sheet: the user's own conditional formats stay
 * (also over our columns), a re-run with fewer rows clears our stale output, text that looks
 * like a formula or holds control characters round-trips as text, and nothing else moves.
 */

import ExcelJS from 'exceljs';
import { encodeCellText } from '../../src/xlsx/xml';
import { createWorkbook, readWorkbook, refreshFile, snapshots } from '../../src/xlsx/index';
import { Package } from '../../src/xlsx/package';
import { partText, validate } from './helpers';
import { OUTPUT_HEADER_CELLS } from '../core/helpers';
import { columnLetter } from '../../src/core/address';
import { outputRules } from '../../src/core/output';

const NOW = new Date('2026-03-02T09:30:00Z');
const HEADER = ['Initiative', 'Led By', 'Stage', 'I&O Pilot', 'I&O Implementation'];

function book(rows: (string | null)[][]): Uint8Array {
  return createWorkbook([{ name: 'Inventory', values: [HEADER, ...rows], headerRow: 0 }]);
}

/** Adds a user's conditional format (over the future I&O Role column F) to the sheet. */
function withUserRule(bytes: Uint8Array): Uint8Array {
  const pkg = new Package(bytes);
  const xml = pkg.requireText('xl/worksheets/sheet1.xml');
  const rule =
    '<conditionalFormatting sqref="F2:F20"><cfRule type="containsText" priority="1" operator="containsText" text="Driver"><formula>NOT(ISERROR(SEARCH("Driver",F2)))</formula></cfRule></conditionalFormatting>' +
    '<conditionalFormatting sqref="F2:F20"><cfRule type="expression" priority="2"><formula>$B2="IT"</formula></cfRule></conditionalFormatting>';
  pkg.write('xl/worksheets/sheet1.xml', xml.replace('<pageMargins', `${rule}<pageMargins`));
  return pkg.toBytes();
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

describe('patching the inventory sheet', () => {
  const rows = [
    ['=1+1 smart meters', 'IT', 'Pilot', 'Leads', null],
    ['+Edge gateways', 'Facilities', 'Production', 'None', 'R'],
    ['-Badge readers', 'Facilities', 'Idea', 'None', null],
    ['@Cold chain\u0007 _x000D_ sensors', 'Plant', 'Pilot', 'Consulted', 'Responsible'],
  ];

  it('keeps the user conditional formats, even over our columns, after two refreshes', async () => {
    const input = withUserRule(book(rows));
    const first = await refreshFile(input, 'w.xlsx', { history: true }, NOW);
    const second = await refreshFile(first.bytes, 'w.xlsx', { history: true }, NOW);
    for (const bytes of [first.bytes, second.bytes]) {
      const xml = partText(bytes, 'xl/worksheets/sheet1.xml');
      expect(xml).toContain('<formula>NOT(ISERROR(SEARCH("Driver",F2)))</formula>');
      expect(xml).toContain('<formula>$B2="IT"</formula>');
      // The user's two elements, and ours: one per range of our rules.
      const ours = outputRules(5, 1, rows.length);
      const ranges = new Set(ours.map((r) => JSON.stringify(r.range)));
      expect(xml.match(/<conditionalFormatting /g)).toHaveLength(2 + ranges.size);
      // Our rules come after the user's in priority, so the user's still win where they overlap.
      const priorities = [...xml.matchAll(/priority="(\d+)"/g)].map((m) => Number(m[1]));
      expect(priorities.slice(0, 2)).toEqual([1, 2]);
      expect(priorities.slice(2).sort((a, b) => a - b)).toEqual(ours.map((_r, i) => 3 + i));
      const v = validate(bytes);
      if (v) expect(v.output).toMatch(/ 0 invalid/);
    }
  });

  it('writes text that looks like a formula, or holds control characters, as text', async () => {
    const out = await refreshFile(book(rows), 'w.xlsx', { history: false }, NOW);
    const xml = partText(out.bytes, 'xl/worksheets/sheet1.xml');
    expect(xml).not.toMatch(/<f[\s>]/);
    const inventory = (await load(out.bytes)).getWorksheet('Inventory')!;
    expect(inventory.getCell('A2').value).toBe('=1+1 smart meters');
    expect(inventory.getCell('A3').value).toBe('+Edge gateways');
    const ours = snapshots(readWorkbook(out.bytes, 'w.xlsx'))[0]!;
    expect(ours.values[4]![0]).toBe('@Cold chain\u0007 _x000D_ sensors');
    expect(encodeCellText('a\u0007_x000D_<b>')).toBe('a_x0007__x005F_x000D_&lt;b&gt;');
    const summary = snapshots(readWorkbook(out.bytes, 'w.xlsx')).find(
      (s) => s.name === 'IoT Role Summary',
    )!;
    const texts = summary.values.flat().filter((v): v is string => typeof v === 'string');
    expect(texts.some((t) => t.startsWith('=1+1'))).toBe(true);
    expect(partText(out.bytes, 'xl/worksheets/sheet2.xml')).not.toMatch(/<f[\s>]/);
  });

  it('a re-run with fewer rows clears our stale output and nothing else', async () => {
    const first = await refreshFile(book(rows), 'w.xlsx', { history: true }, NOW);
    // The user deletes the last two initiatives' input cells (our columns still hold output).
    const pkg = new Package(first.bytes);
    const xml = pkg.requireText('xl/worksheets/sheet1.xml');
    const trimmed = xml.replace(/<c r="[A-E][45]"[^>]*>.*?<\/c>/g, '');
    pkg.write('xl/worksheets/sheet1.xml', trimmed);
    const second = await refreshFile(pkg.toBytes(), 'w.xlsx', { history: true }, NOW);
    const values = snapshots(readWorkbook(second.bytes, 'w.xlsx'))[0]!.values;
    expect(values.map((r) => r[0])).toEqual(['Initiative', '=1+1 smart meters', '+Edge gateways']);
    expect(values[0]!.slice(5)).toEqual(OUTPUT_HEADER_CELLS);
    const after = partText(second.bytes, 'xl/worksheets/sheet1.xml');
    const ours = OUTPUT_HEADER_CELLS.map((_h, k) => columnLetter(5 + k)).join('|');
    expect(after).not.toMatch(new RegExp(`<c r="(${ours})[45]"`));
    expect(second.outcome.summary.total).toBe(2);
  });
});
