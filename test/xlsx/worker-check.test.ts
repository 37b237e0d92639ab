/**
 * Big parts are checked for well-formedness in a worker thread while the refresh reads them
 * (src/xlsx/wellformed.ts WorkerChecks). The promise is the in-line check's, unchanged: the
 * same file gives the same sentence or the same result whichever way it is checked, and
 * nothing leaves a refresh before its checks pass. Each case runs twice: every part checked in
 * line (`Infinity`) and every UTF-8 part checked in a worker (`0`).
 */

import { strToU8, unzipSync, zipSync } from 'fflate';
import { createWorkbook, refreshFile } from '../../src/xlsx/index';
import { Package } from '../../src/xlsx/package';
import { WorkerChecks } from '../../src/xlsx/wellformed';
import { refreshOutcome } from './helpers';

const NOW = new Date('2026-03-02T09:30:00Z');
const SHEET = 'xl/worksheets/sheet1.xml';
const INVENTORY = [
  ['Initiative', 'Led By', 'Stage', 'I&O Pilot', 'I&O Implementation', 'I&O Operations'],
  ['Smart meters', 'IT', 'Production', 'Leading', 'Responsible', 'Responsible'],
  ['Zürich façade sensors', 'Facilities', 'Pilot', 'None', 'None', 'None'],
  ['Cold chain', 'Logistics', 'Implementation', 'Consulted', 'Responsible', 'Supporting'],
];

const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

function book(): Record<string, Uint8Array> {
  return unzipSync(createWorkbook([{ name: 'Inventory', values: INVENTORY, headerRow: 0 }]));
}

const mutations: [string, string, (s: string) => string][] = [
  ['a sheet missing a </row>', SHEET, (s) => s.replace('</row>', '')],
  ['a stray "<" in a cell', SHEET, (s) => s.replace('Smart meters', 'Smart < meters')],
  ['a bare "&"', SHEET, (s) => s.replace('Smart meters', 'Smart & meters')],
  ['an unbound prefix', SHEET, (s) => s.replace('<sheetData>', '<sheetData><x:y/>')],
  ['a DTD', SHEET, (s) => s.replace('?>', '?><!DOCTYPE worksheet [<!ENTITY e "x">]>')],
  ['a second root element', SHEET, (s) => `${s}<worksheet/>`],
  ['a control character', SHEET, (s) => s.replace('Smart meters', 'Smart\u0001meters')],
  ['an unclosed root', SHEET, (s) => s.replace('</worksheet>', '')],
  // Malformed and beyond the grid: the in-line check refuses the XML before the scanner
  // meets the reference; in a worker the scanner meets it first and the check's sentence wins.
  [
    'a reference past XFD in a sheet missing a </row>',
    SHEET,
    (s) => s.replace('r="A2"', 'r="ZZZZ2"').replace('</row>', ''),
  ],
  ['the styles part missing its end tag', 'xl/styles.xml', (s) => s.replace('</styleSheet>', '')],
  ['the workbook with a stray "<"', 'xl/workbook.xml', (s) => s.replace('<sheets>', '<<sheets>')],
  ['a valid workbook', SHEET, (s) => s],
  ['a valid sheet with a BOM', SHEET, (s) => `\uFEFF${s}`],
];

describe('a part checked in a worker gives the in-line answer', () => {
  it.each(mutations)('%s', async (_what, part, mutate) => {
    const entries = book();
    entries[part] = strToU8(mutate(text(entries[part])));
    const inLine = await refreshOutcome(entries, Infinity);
    const inWorker = await refreshOutcome(entries, 0);
    expect(inWorker).toBe(inLine);
    if (_what.startsWith('a valid')) expect(inLine).toMatch(/^ok Smart meters=Driver/);
    else
      expect(inLine).toMatch(
        new RegExp(`^damaged: .*its part ${part.replace(/[[\]().]/g, '\\$&')} `),
      );
  });

  it('a stored (uncompressed) damaged sheet is refused from a worker too', async () => {
    const entries = book();
    entries[SHEET] = strToU8(text(entries[SHEET]).replace('</row>', ''));
    const bytes = zipSync(entries, { level: 0 });
    const run = (from: number): Promise<string> =>
      refreshFile(bytes, 'book.xlsx', { history: true }, NOW, undefined, from).then(
        () => 'ok',
        (err: Error) => err.message,
      );
    const inLine = await run(Infinity);
    expect(inLine).toContain(`its part ${SHEET} is not well-formed XML`);
    expect(await run(0)).toBe(inLine);
  });

  it('a refresh checked in workers writes the same parts as one checked in line', async () => {
    const entries = book();
    const a = await refreshFile(
      zipSync(entries),
      'a.xlsx',
      { history: true },
      NOW,
      undefined,
      Infinity,
    );
    const b = await refreshFile(zipSync(entries), 'a.xlsx', { history: true }, NOW, undefined, 0);
    const pa = unzipSync(a.bytes);
    const pb = unzipSync(b.bytes);
    expect(Object.keys(pb)).toEqual(Object.keys(pa));
    for (const name of Object.keys(pa))
      expect([name, text(pb[name])]).toEqual([name, text(pa[name])]);
  });

  // A part the refresh writes as a whole string is checked before the package is handed out:
  // in line (toBytes, or a small part), or, when big, in a worker from the moment it is
  // written (toBytesAsync). A failure is our defect either way, with the same sentence.
  it.each(mutations.filter(([what, part]) => part === SHEET && !what.startsWith('a valid')))(
    'a written part with %s is refused as our defect, in line and from a worker alike',
    async (_what, part, mutate) => {
      const zip = zipSync(book());
      const written = (pkg: Package): void => pkg.write(part, mutate(text(unzipSync(zip)[part])));
      const inLine = new Package(zip);
      written(inLine);
      const inWorker = new Package(zip, { workerChecks: new WorkerChecks(), checkInWorkerFrom: 0 });
      written(inWorker);
      let sentence = '';
      try {
        inLine.toBytes();
      } catch (err) {
        sentence = (err as Error).message;
      }
      expect(sentence).toMatch(
        new RegExp(`^the refresh produced ${part.replace(/\./g, '\\.')}, which `),
      );
      await expect(inWorker.toBytesAsync()).rejects.toThrow(sentence);
    },
  );

  it('a well-formed written part checked in a worker is zipped as one checked in line', async () => {
    const zip = zipSync(book());
    const again = text(unzipSync(zip)[SHEET]).replace('Smart meters', 'Smart meters (phase 2)');
    const a = new Package(zip);
    a.write(SHEET, again);
    const b = new Package(zip, { workerChecks: new WorkerChecks(), checkInWorkerFrom: 0 });
    b.write(SHEET, again);
    expect(text(unzipSync(await b.toBytesAsync())[SHEET])).toBe(
      text(unzipSync(a.toBytes())[SHEET]),
    );
  });
});
