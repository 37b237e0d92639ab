/**
 * `consolidate` reads its inputs as a refresh reads a file (src/xlsx/consolidate.ts): a big
 * sheet from its bytes in windows, checked in a worker, never as one string, whatever script
 * its text is in. The promise is that it makes no difference: the same portfolio, outcome
 * and parts as when every input is read as text, and a damaged input refused with the same
 * sentence naming it.
 */

import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { RoleMapError } from '../../src/core/messages';
import { consolidateFiles, type ConsolidateInput } from '../../src/xlsx/consolidate';
import { createWorkbook } from '../../src/xlsx/index';
import { Package } from '../../src/xlsx/package';
import { INVENTORY, NOW } from './corpus';
import { parts } from './helpers';

/** Reading as text (nothing is read from bytes) and from bytes (every part). */
const TEXT = Infinity;
const BYTES = 0;

/** A business unit's inventory: `rows` initiatives, names accented in unit 2. */
function unit(k: number, rows: number): ConsolidateInput {
  const values = [
    [...INVENTORY[0]!],
    ...Array.from({ length: rows }, (_v, i) => {
      const base = INVENTORY[1 + (i % 4)]!;
      const name = k === 2 ? `Überwachung ${i} – Zürich café` : `Initiative ${k}-${i}`;
      return [name, ...base.slice(1)];
    }),
  ];
  return { path: `unit-${k}.xlsx`, bytes: createWorkbook([{ name: 'Inventory', values }], NOW) };
}

async function consolidate(
  inputs: ConsolidateInput[],
  checkInWorkerFrom: number,
): Promise<Record<string, string>> {
  try {
    const r = await consolidateFiles(
      inputs,
      { path: 'Portfolio.xlsx', bytes: null },
      { history: true, skipUnreadable: false, checkInWorkerFrom },
      NOW,
    );
    const out: Record<string, string> = {
      rows: r.outcome.rows.map((x) => `${x.initiative.name}=${x.role}`).join('; '),
    };
    for (const [name, data] of parts(r.bytes)) out[name] = Buffer.from(data).toString('latin1');
    return out;
  } catch (err) {
    if (err instanceof RoleMapError) return { sentence: `${err.code}: ${err.message}` };
    throw err;
  }
}

describe('consolidate reads its inputs from their bytes', () => {
  it('two inputs, one in other scripts: the same portfolio as read as text, no sheet made into one string', async () => {
    const inputs = [unit(1, 1500), unit(2, 1500)];
    const fromText = await consolidate(inputs, TEXT);
    const text = jest.spyOn(Package.prototype, 'text');
    try {
      const fromBytes = await consolidate(inputs, BYTES);
      expect(text.mock.calls.map((c) => c[0])).not.toContain('xl/worksheets/sheet1.xml');
      expect(Object.keys(fromBytes).sort()).toEqual(Object.keys(fromText).sort());
      const differing = Object.keys(fromText).filter((k) => fromText[k] !== fromBytes[k]);
      expect(differing).toEqual([]);
    } finally {
      text.mockRestore();
    }
    expect(fromText.rows).toContain('Überwachung 7 – Zürich café=');
    expect(fromText.rows?.split('; ')).toHaveLength(3000);
  }, 180_000);

  it.each([
    ['a row that is never closed', (x: string) => x.replace('</row>', '')],
    ['bytes that are not UTF-8', (x: string) => x.replace('Zürich', 'Z\udcfcrich')],
  ])(
    'an input with %s is refused naming it, however it is read',
    async (_what, damage) => {
      const bad = unit(2, 300);
      const entries = unzipSync(bad.bytes);
      const xml = damage(strFromU8(entries['xl/worksheets/sheet1.xml']!));
      // A lone surrogate stands for one byte that is not UTF-8 (0xFC, "ü" in Latin-1).
      const [a, b] = xml.split('\udcfc');
      entries['xl/worksheets/sheet1.xml'] =
        b === undefined
          ? strToU8(xml)
          : new Uint8Array(
              Buffer.concat([Buffer.from(a!, 'utf8'), Buffer.from([0xfc]), Buffer.from(b, 'utf8')]),
            );
      const inputs = [unit(1, 50), { path: bad.path, bytes: zipSync(entries) }];
      const fromText = await consolidate(inputs, TEXT);
      const fromBytes = await consolidate(inputs, BYTES);
      expect(fromText.sentence).toMatch(/unit-2\.xlsx/);
      expect(fromText.sentence).toMatch(/xl\/worksheets\/sheet1\.xml/);
      expect(fromBytes).toEqual(fromText);
    },
    60_000,
  );
});
