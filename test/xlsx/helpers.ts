/**
 * Test helpers for the file adapter: build inputs from real producers' files, read packages
 * with an independent unzipper, and run the OOXML schema validator and LibreOffice. The
 * samples and the validator come with the repository (vendor/) or from ../shared when it is
 * there (scripts/test-data.js).
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { dataFolder } from '../../scripts/test-data';
import type { CellValue } from '../../src/core/input';
import { RoleMapError } from '../../src/core/messages';
import { refreshFile } from '../../src/xlsx/index';
import { CT, Package, REL } from '../../src/xlsx/package';
import { ownedSheetXml, textCell, numberCell } from '../../src/xlsx/sheetxml';
import { children, escapeAttr, rootElement } from '../../src/xlsx/xml';

export const EXCEL_SAMPLES = dataFolder('excel-samples').dir;
export const VALIDATOR = join(dataFolder('ooxml').dir, 'validate_xlsx.py');
export const FIXTURES = join(__dirname, '..', 'fixtures');

/** Every part of a package, decompressed, by name (read with fflate, not our reader). */
export function parts(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(bytes)).filter(([k]) => !k.endsWith('/')));
}

/** Text of one part. */
export function partText(bytes: Uint8Array, name: string): string {
  const p = parts(bytes).get(name);
  if (!p) throw new Error(`no part ${name}`);
  return new TextDecoder().decode(p);
}

/**
 * What a refresh of the package `entries` (checks in a worker from `checkInWorkerFrom` bytes:
 * 0 every UTF-8 part, Infinity none) comes to: "ok" and the role of each initiative by name, or
 * the sentence it fails with (code: message), so an in-line and a worker check can be compared.
 */
export async function refreshOutcome(
  entries: Record<string, Uint8Array>,
  checkInWorkerFrom: number,
  now = new Date('2026-03-02T09:30:00Z'),
): Promise<string> {
  try {
    const r = await refreshFile(
      zipSync(entries),
      'book.xlsx',
      { history: true },
      now,
      undefined,
      checkInWorkerFrom,
    );
    return `ok ${r.outcome.rows.map((x) => `${x.initiative.name}=${x.role}`).join('; ')}`;
  } catch (err) {
    if (err instanceof RoleMapError) return `${err.code}: ${err.message}`;
    throw err;
  }
}

/** Adds a worksheet holding `values` to an existing package (as a user would add a sheet). */
export function addSheet(bytes: Uint8Array, name: string, values: CellValue[][]): Uint8Array {
  const pkg = new Package(bytes);
  const wb = pkg.workbookPart()!;
  const part = pkg.freePartName('xl/worksheets', 'sheet');
  const cells: { row: number; col: number; xml: string }[] = [];
  values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (typeof v === 'string' && v !== '')
        cells.push({ row: r, col: c, xml: textCell('', r, c, v, 0) });
      else if (typeof v === 'number')
        cells.push({ row: r, col: c, xml: numberCell('', r, c, v, 0) });
    }),
  );
  pkg.write(
    part,
    ownedSheetXml({
      cells,
      widths: [],
      dataBars: [],
      hyperlinks: [],
      drawingRId: null,
      showGridLines: true,
      frozenRows: 0,
    }),
  );
  const rId = pkg.addRel(wb, REL.worksheet, part);
  pkg.setContentType(part, CT.worksheet);
  const xml = pkg.requireText(wb);
  const sheets = children(xml, rootElement(xml)).find((c) => c.local === 'sheets')!;
  const maxId = Math.max(...pkg.sheets(wb).map((s) => s.sheetId));
  const entry = `<sheet name="${escapeAttr(name)}" sheetId="${maxId + 1}" r:id="${rId}"/>`;
  pkg.write(wb, xml.slice(0, sheets.closeStart) + entry + xml.slice(sheets.closeStart));
  return pkg.toBytes();
}

/** Runs the OOXML schema validator; null (with a console note) when python3 is absent. */
export function validate(bytes: Uint8Array): { ok: boolean; output: string } | null {
  if (!existsSync(VALIDATOR) || !existsSync('/usr/bin/python3')) {
    console.warn(`skipped schema validation: ${VALIDATOR} or /usr/bin/python3 is missing`);
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'iot-validate-'));
  try {
    const file = join(dir, 'out.xlsx');
    writeFileSync(file, bytes);
    const r = spawnSync('/usr/bin/python3', [VALIDATOR, file, '--all-errors'], {
      encoding: 'utf8',
    });
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** True when a soffice binary is on the PATH. */
export function hasSoffice(): boolean {
  return spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).status === 0;
}

/**
 * Converts a workbook to PDF with LibreOffice in a fresh folder (a private profile: several
 * conversions may run at once on one machine) and hands the PDF's path to `use`; the folder
 * is removed afterwards. `pdf` is null when LibreOffice wrote none.
 */
export function withLibreOfficePdf<T>(
  bytes: Uint8Array,
  use: (pdf: string | null, dir: string) => T,
  ext = 'xlsx',
): T {
  const dir = mkdtempSync(join(tmpdir(), 'iot-lo-'));
  try {
    const file = join(dir, `book.${ext}`);
    writeFileSync(file, bytes);
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        file,
      ],
      { stdio: 'ignore', timeout: 180_000 },
    );
    const pdf = readdirSync(dir).find((f) => f.endsWith('.pdf'));
    return use(pdf ? join(dir, pdf) : null, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Converts a workbook to PDF with LibreOffice; returns the PDF size (0 when it failed). */
export function libreOfficePdfSize(bytes: Uint8Array, ext = 'xlsx'): number {
  return withLibreOfficePdf(bytes, (pdf) => (pdf ? statSync(pdf).size : 0), ext);
}
