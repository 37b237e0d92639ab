/**
 * Golden workbook made by LibreOffice (test/fixtures/make-fixtures.py): the refresh result
 * matches the reviewed JSON, and ExcelJS — a reader that is not ours — sees the inputs
 * unchanged, the outputs, our conditional formats once (also after a second refresh), the
 * summary with its chart and the history.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { columnLetter } from '../../src/core/address';
import type { OutputKey } from '../../src/core/output';
import { OUTPUT_COLUMNS, OUTPUT_HEADERS, OUTPUT_WIDTH } from '../../src/core/output';
import type { JsonReport } from '../../src/core/refresh';
import { toJsonReport } from '../../src/core/refresh';
import { refreshFile, type FileRefresh } from '../../src/xlsx/index';
import { FIXTURES, hasSoffice, libreOfficePdfSize, partText, parts, validate } from './helpers';

/** Letters of our block on lo-planning.xlsx (right of its 14 inputs), from OUTPUT_COLUMNS. */
const OUT_COL = 14;
const letterOf = (key: OutputKey): string =>
  columnLetter(OUT_COL + OUTPUT_COLUMNS.findIndex((c) => c.key === key));
const OUT = {
  first: columnLetter(OUT_COL),
  last: columnLetter(OUT_COL + OUTPUT_WIDTH - 1),
  role: letterOf('role'),
  priority: letterOf('priority'),
  issues: letterOf('issues'),
};

const input = new Uint8Array(readFileSync(join(FIXTURES, 'lo-planning.xlsx')));
const expected = JSON.parse(
  readFileSync(join(FIXTURES, 'lo-planning.expected.json'), 'utf8'),
) as JsonReport;
const NOW = new Date('2026-03-02T09:30:00Z');
let first: FileRefresh;
let second: FileRefresh;
beforeAll(async () => {
  first = await refreshFile(input, 'lo-planning.xlsx', { history: true }, NOW);
  second = await refreshFile(first.bytes, 'lo-planning.roles.xlsx', { history: true }, NOW);
});

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

type CfList = { ref: string; rules: { type: string; formulae?: string[] }[] }[];
const cfOf = (ws: ExcelJS.Worksheet): CfList =>
  (ws as unknown as { conditionalFormattings: CfList }).conditionalFormattings;

describe('golden: lo-planning.xlsx (saved by LibreOffice)', () => {
  it('classifies every initiative as the reviewed JSON says', () => {
    expect(toJsonReport(first.outcome)).toEqual(expected);
  });

  it('a second refresh gives the identical result; its brief says nothing moved', () => {
    const again = toJsonReport(second.outcome);
    expect(again.summary.headline[0]).toContain('unchanged since the last refresh');
    expect({
      ...again,
      summary: { ...again.summary, headline: expected.summary.headline },
    }).toEqual(expected);
  });

  it('a second refresh rewrites the inventory sheet and styles byte for byte the same', () => {
    // The summary's print area follows its length, which differs between a first refresh
    // ("first refresh" note) and the next: workbook.xml is compared without those names.
    const printNames = /<definedName name="_xlnm\.Print_[^>]*>[^<]*<\/definedName>/g;
    const text = (bytes: Uint8Array, part: string) =>
      part === 'xl/workbook.xml'
        ? partText(bytes, part).replace(printNames, '')
        : partText(bytes, part);
    for (const part of ['xl/worksheets/sheet1.xml', 'xl/styles.xml', 'xl/workbook.xml']) {
      expect({ part, same: text(second.bytes, part) === text(first.bytes, part) }).toEqual({
        part,
        same: true,
      });
    }
  });

  it('keeps every input cell (value, formula, style) and writes the outputs as text', async () => {
    const before = (await load(input)).getWorksheet('Portfolio')!;
    const after = (await load(first.bytes)).getWorksheet('Portfolio')!;
    const firstOut = 15; // column O, 1-based, right of the 14 inputs
    for (let r = 1; r <= before.rowCount; r++) {
      for (let c = 1; c < firstOut; c++) {
        const a = before.getCell(r, c);
        const b = after.getCell(r, c);
        expect({ at: a.address, value: b.value, style: b.style }).toEqual({
          at: a.address,
          value: a.value,
          style: a.style,
        });
      }
    }
    OUTPUT_HEADERS.forEach((h, i) => expect(after.getCell(3, firstOut + i).value).toBe(h));
    for (const row of expected.rows) {
      // Each output column the expected JSON holds, wherever the layout puts it.
      const want: Partial<Record<OutputKey, string>> = {
        role: row.role,
        rationale: row.rationale,
        nextRole: row.nextRole,
        priority: row.priority,
        action: row.action,
        issues: row.issues.join(' '),
      };
      OUTPUT_COLUMNS.forEach((c, i) => {
        if (!(c.key in want)) return;
        expect(after.getCell(row.row, firstOut + i).value ?? '').toBe(want[c.key]);
      });
    }
    // The initiative named like a formula stays text.
    expect(after.getCell('B10').value).toBe('=HYPERLINK("http://example.com")');
  });

  it('writes no formula into any output cell (checked in the sheet XML)', () => {
    const xml = partText(first.bytes, 'xl/worksheets/sheet1.xml');
    const outputCells = [
      ...xml.matchAll(new RegExp(`<c r="([${OUT.first}-${OUT.last}])(\\d+)"[^>]*>(.*?)</c>`, 'g')),
    ];
    expect(outputCells.length).toBeGreaterThan(60);
    for (const m of outputCells) {
      expect(m[3]).not.toMatch(/<f[\s>]/);
      // Text: a shared-string reference (or an inline string), never a formula.
      expect(m[0]).toMatch(/t="(?:s|inlineStr)"/);
    }
  });

  it('has our conditional formats exactly once, also after a second refresh, and keeps the user rule', async () => {
    for (const bytes of [first.bytes, second.bytes]) {
      const cf = cfOf((await load(bytes)).getWorksheet('Portfolio')!);
      const ours = cf.filter((c) => new RegExp(`^[${OUT.first}-${OUT.last}]\\d`).test(c.ref));
      const { role, priority, issues } = OUT;
      const [rationale, nextRole, action, last] = [
        letterOf('rationale'),
        letterOf('nextRole'),
        letterOf('action'),
        OUT.last,
      ];
      const tint = `LEN(TRIM($${issues}4))>0`;
      // One element per range, none overlapping another: each column's fills and the tint.
      expect(
        ours.map((c) => `${c.ref} ${c.rules.map((r) => r.formulae?.[0]).join(' | ')}`),
      ).toEqual([
        `${role}4:${role}16 $${role}4="Bystander" | $${role}4="Operator" | $${role}4="Implementer" | $${role}4="Driver" | ${tint}`,
        `${rationale}4:${nextRole}16 ${tint}`,
        `${priority}4:${priority}16 $${priority}4="High" | $${priority}4="Medium" | ${tint}`,
        `${action}4:${last}16 ${tint}`,
      ]);
      const user = cf.filter((c) => c.ref === 'L4:L16');
      expect(user).toHaveLength(1);
      expect(user[0]!.rules[0]!.formulae).toEqual(['200000']);
    }
  });

  it('freezes the header, turns filters on and defines the filter database', async () => {
    const ws = (await load(first.bytes)).getWorksheet('Portfolio')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.autoFilter).toBe(`A3:${OUT.last}16`);
    expect(partText(first.bytes, 'xl/workbook.xml')).toContain(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Portfolio!$A$3:$${OUT.last}$16</definedName>`,
    );
  });

  it('builds the summary sheet with a native chart, data bars and links back to rows', async () => {
    const wb = await load(second.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Portfolio',
      'Budget view',
      'Pivot',
      'IoT Role Summary',
      'IoT Role History',
      'IoT Role Changes',
      'IoT Role Snapshot',
    ]);
    const summary = wb.getWorksheet('IoT Role Summary')!;
    expect(summary.getCell('A1').value).toMatch(/^IoT Role Map/);
    const cf = cfOf(summary);
    expect(cf.some((c) => c.rules[0]!.type === 'dataBar')).toBe(true);
    // Internal links (location only, no relationship): ExcelJS does not surface those, so
    // they are checked in the sheet XML; each link cell shows the ID of the row it jumps to
    // (an opportunity) or its address.
    const sheetXml = partText(second.bytes, 'xl/worksheets/sheet4.xml');
    const links = [
      ...sheetXml.matchAll(/<hyperlink ref="([A-Z]+\d+)" location="Portfolio!B(\d+)"/g),
    ];
    expect(links.length).toBeGreaterThan(0);
    const portfolio = wb.getWorksheet('Portfolio')!;
    for (const [, ref, row] of links) {
      expect([`B${row}`, portfolio.getCell(`A${row}`).value]).toContain(
        summary.getCell(ref!).value,
      );
    }
    // Exactly one summary chart part and one history chart part after two refreshes (rebuilt,
    // not duplicated): LibreOffice's, the summary's and the history's.
    const names = [...parts(second.bytes).keys()];
    const charts = names.filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(charts).toEqual([
      'xl/charts/chart1.xml',
      'xl/charts/chart2.xml',
      'xl/charts/chart3.xml',
    ]);
    const ours = partText(second.bytes, 'xl/charts/chart2.xml');
    expect(ours).toContain('<c:barChart>');
    expect(ours).toContain("<c:f>'IoT Role Summary'!");
    expect(ours).toMatch(/<c:strCache><c:ptCount val="4"\/>/);
    expect(ours).toContain('<a:srgbClr val="0072B2"/>');
  });

  it('appends one history row per refresh', async () => {
    const history = (await load(second.bytes)).getWorksheet('IoT Role History')!;
    expect(history.getRow(1).getCell(1).value).toBe('Refreshed');
    expect(history.getRow(2).getCell(2).value).toBe('Portfolio');
    expect(history.getRow(3).getCell(3).value).toBe(12);
    expect(history.getRow(4).hasValues).toBe(false);
  });

  it('is schema-valid', () => {
    for (const bytes of [first.bytes, second.bytes]) {
      const r = validate(bytes);
      if (r) expect(r.output).toMatch(/0 invalid/);
    }
  });

  it('opens in LibreOffice', () => {
    if (!hasSoffice()) {
      console.warn('skipped: soffice is not installed');
      return;
    }
    expect(libreOfficePdfSize(second.bytes)).toBeGreaterThan(10000);
  }, 120000);
});
