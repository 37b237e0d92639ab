/**
 * Seeded mutants of real workbooks (the corpus, each with the inventory sheet added as in
 * corpus.test.ts): truncation, a flipped byte in the deflated data of each part the refresh
 * reads or touches, malformed XML in each of those parts, cells and output past Excel's grid,
 * and parts in other encodings. The promises are the corpus test's: exit 0 (then the output
 * is well-formed, every part has a content type, every part not ours is byte for byte, and it
 * is schema-valid where the input was) or exit 3 with one sentence naming the damage; never
 * exit 1, never an output after a failure, never a changed input. A sample of the corpus is
 * used (BASES files, chosen by the seed) to keep the suite within CI's time budget.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import {
  addInventory,
  changedParts,
  sharedStringsKept,
  checkPackages,
  corpusFiles,
  EXPECTED_ROLES,
  hasPythonLxml,
  INVENTORY,
  INVENTORY_PART,
  INVENTORY_SHEET,
  inventorySheetXml,
  oneSentence,
  refreshCli,
  rolesOf,
  type CliRun,
} from './corpus';
import { rng as prng } from '../../src/cli/sample';

const SEED = 10;
const BASES = 24;
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

const files = corpusFiles();
const ready = files.length > 0 && hasPythonLxml();
if (!ready) {
  console.warn(
    'skipped the mutation test: /usr/bin/python3 with lxml is missing (apt-get install python3-lxml)',
  );
}

type Expect = 'ok' | 'damaged' | 'grid' | 'either';

interface Mutant {
  name: string;
  bytes: Uint8Array;
  expect: Expect;
  /** A part the one sentence must name (for damage inside a part). */
  part?: string;
  /** Initiative names (beyond the standard four) that must read back exactly. */
  names?: Record<string, string>;
}

/** The parts a refresh reads or touches, as named in the package (case kept). */
function touchedParts(entries: Record<string, Uint8Array>): string[] {
  const names = Object.keys(entries);
  const pick = (re: RegExp): string[] => names.filter((n) => re.test(n));
  return [
    ...pick(/^\[Content_Types\]\.xml$/),
    ...pick(/^_rels\/\.rels$/),
    ...pick(/^xl\/workbook\.xml$/i),
    ...pick(/^xl\/_rels\/workbook\.xml\.rels$/i),
    ...pick(/^xl\/styles\.xml$/i),
    ...pick(/^xl\/sharedStrings\.xml$/i),
    INVENTORY_PART,
  ].filter((n, i, all) => all.indexOf(n) === i && entries[n] !== undefined);
}

/** [start, end) of an entry's compressed data in a ZIP written by fflate. */
function dataRange(zip: Uint8Array, name: string): [number, number] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  let p = view.getUint32(eocd + 16, true);
  const count = view.getUint16(eocd + 10, true);
  for (let i = 0; i < count; i++) {
    const size = view.getUint32(p + 20, true);
    const nameLen = view.getUint16(p + 28, true);
    const extra = view.getUint16(p + 30, true);
    const comment = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const entry = new TextDecoder().decode(zip.subarray(p + 46, p + 46 + nameLen));
    if (entry === name) {
      const start =
        local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      return [start, start + size];
    }
    p += 46 + nameLen + extra + comment;
  }
  throw new Error(`no entry ${name}`);
}

const decoder = new TextDecoder();

/** Malformed variants of an XML text: each breaks well-formedness in a different way. */
function malformations(xml: string, rnd: () => number): { how: string; text: string }[] {
  const out: { how: string; text: string }[] = [];
  const closes = [...xml.matchAll(/<\/[\w:.-]+>/g)];
  if (closes.length > 0) {
    const m = closes[Math.floor(rnd() * closes.length)]!;
    out.push({
      how: `without ${m[0]}`,
      text: xml.slice(0, m.index) + xml.slice(m.index + m[0].length),
    });
  }
  const opens = [...xml.matchAll(/<([\w:.-]+)(\s[^>]*?)?(\/?)>/g)].filter(
    (m) => !m[0].startsWith('<?'),
  );
  if (opens.length > 1) {
    const m = opens[1 + Math.floor(rnd() * (opens.length - 1))]!;
    // An attribute written twice.
    const dup = m[0].replace(/^<([\w:.-]+)/, '<$1 dup="1" dup="2"');
    out.push({
      how: 'a duplicate attribute',
      text: xml.slice(0, m.index) + dup + xml.slice(m.index + m[0].length),
    });
    // A prefix no namespace declaration binds.
    const unbound = m[0].replace(/^<([\w.-]+:)?/, '<zz9:');
    const closeRe = new RegExp(`</${m[1]!.replace(/[.]/g, '\\.')}>`);
    const after = xml.slice(m.index + m[0].length);
    const fixedAfter =
      m[3] === '/' ? after : after.replace(closeRe, `</zz9:${m[1]!.replace(/^[\w.-]+:/, '')}>`);
    out.push({ how: 'an unbound prefix', text: xml.slice(0, m.index) + unbound + fixedAfter });
  }
  const gt = xml.indexOf('>', xml.indexOf('<', xml.startsWith('<?') ? 2 : 0) + 1);
  out.push({ how: 'a stray "<"', text: `${xml.slice(0, gt + 1)}<${xml.slice(gt + 1)}` });
  out.push({
    how: 'an undefined entity',
    text: `${xml.slice(0, gt + 1)}&nbsp;${xml.slice(gt + 1)}`,
  });
  const cut = Math.floor(xml.length * (0.3 + rnd() * 0.6));
  out.push({ how: 'cut short', text: xml.slice(0, cut) });
  return out;
}

function rezip(
  entries: Record<string, Uint8Array>,
  changes: Record<string, Uint8Array>,
): Uint8Array {
  return zipSync({ ...entries, ...changes });
}

/** The standard inventory plus extra rows, as a sheet in a given encoding. */
function encodedInventory(
  extraName: string,
  declared: string | null,
  encode: (s: string) => Uint8Array,
): Uint8Array {
  const rows = [...INVENTORY, [extraName, 'IT', 'Production', 'Leading', '', '']];
  const xml = inventorySheetXml(MAIN, rows).replace(
    'encoding="UTF-8"',
    declared === null ? '' : `encoding="${declared}"`,
  );
  return encode(xml);
}

function latin1(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'));
}

function mutantsOf(base: Uint8Array, rnd: () => number): Mutant[] {
  const entries = unzipSync(base);
  const out: Mutant[] = [];
  out.push({
    name: 'truncated',
    bytes: base.slice(0, Math.floor(base.length * (0.2 + rnd() * 0.75))),
    expect: 'damaged',
  });
  for (const part of touchedParts(entries)) {
    const [start, end] = dataRange(base, part);
    if (end > start) {
      const flipped = base.slice();
      const at = start + Math.floor(rnd() * (end - start));
      flipped[at] = flipped[at]! ^ (1 << Math.floor(rnd() * 8));
      out.push({
        name: `a flipped bit in the deflated ${part}`,
        bytes: flipped,
        expect: 'damaged',
        part,
      });
    }
    const xml = decoder.decode(entries[part]);
    for (const m of malformations(xml, rnd)) {
      out.push({
        name: `${part} ${m.how}`,
        bytes: rezip(entries, { [part]: strToU8(m.text) }),
        expect: 'damaged',
        part,
      });
    }
  }
  // Past the grid: a cell reference beyond XFD, a row beyond 1,048,576, and an inventory
  // whose output columns would pass XFD; and the exact fit next to it.
  const sheet = decoder.decode(entries[INVENTORY_PART]);
  out.push({
    name: 'a cell at ZZZZ1',
    bytes: rezip(entries, { [INVENTORY_PART]: strToU8(sheet.replace('r="A1"', 'r="ZZZZ1"')) }),
    expect: 'grid',
  });
  out.push({
    name: 'a row numbered 1048577',
    bytes: rezip(entries, {
      [INVENTORY_PART]: strToU8(
        sheet.replace(
          '</sheetData>',
          '<row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData>',
        ),
      ),
    }),
    expect: 'grid',
  });
  const shifted = (firstCol: string, letters: string[]): string =>
    sheet
      .replace(
        /r="([A-F])(\d+)"/g,
        (_m, c: string, r: string) => `r="${letters['ABCDEF'.indexOf(c)]}${r}"`,
      )
      .replace('r="A', `r="${firstCol}`);
  out.push({
    name: 'an inventory ending at column XFD (no room for the role columns)',
    bytes: rezip(entries, {
      [INVENTORY_PART]: strToU8(shifted('XEY', ['XEY', 'XEZ', 'XFA', 'XFB', 'XFC', 'XFD'])),
    }),
    expect: 'grid',
  });
  out.push({
    name: 'an inventory ending at column XEX (the role columns end exactly at XFD)',
    bytes: rezip(entries, {
      [INVENTORY_PART]: strToU8(shifted('XES', ['XES', 'XET', 'XEU', 'XEV', 'XEW', 'XEX'])),
    }),
    expect: 'ok',
  });
  // Encodings: declared and honoured, or contradicted, or unknown.
  out.push({
    name: 'the inventory in ISO-8859-1',
    bytes: rezip(entries, {
      [INVENTORY_PART]: encodedInventory('Zürich façade sensors', 'ISO-8859-1', latin1),
    }),
    expect: 'ok',
    names: { 'Zürich façade sensors': 'Driver' },
  });
  out.push({
    name: 'the inventory in windows-1252',
    bytes: rezip(entries, {
      [INVENTORY_PART]: encodedInventory('€ meters – “smart”', 'windows-1252', (s) =>
        latin1(
          s.replace('€', '\x80').replace('–', '\x96').replace('“', '\x93').replace('”', '\x94'),
        ),
      ),
    }),
    expect: 'ok',
    names: { '€ meters – “smart”': 'Driver' },
  });
  out.push({
    name: 'the inventory in UTF-16',
    bytes: rezip(entries, {
      [INVENTORY_PART]: encodedInventory(
        'Tōkyō ✓ sensors',
        'UTF-16',
        (s) =>
          new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])),
      ),
    }),
    expect: 'ok',
    names: { 'Tōkyō ✓ sensors': 'Driver' },
  });
  out.push({
    name: 'the inventory in ISO-8859-1 bytes declared UTF-8',
    bytes: rezip(entries, { [INVENTORY_PART]: encodedInventory('Zürich', 'UTF-8', latin1) }),
    expect: 'damaged',
    part: INVENTORY_PART,
  });
  out.push({
    name: 'the inventory declaring an unknown encoding',
    bytes: rezip(entries, {
      [INVENTORY_PART]: encodedInventory('Zurich', 'x-no-such-encoding', latin1),
    }),
    expect: 'damaged',
    part: INVENTORY_PART,
  });
  // An empty <styleSheet/> (allowed by the schema): our formats must go inside it.
  const styles = Object.keys(entries).find((n) => /^xl\/styles\.xml$/i.test(n));
  if (styles) {
    out.push({
      name: 'an empty <styleSheet/>',
      bytes: rezip(entries, {
        [styles]: strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="${MAIN}"/>`),
      }),
      expect: 'ok',
    });
  }
  return out;
}

interface Outcome {
  base: string;
  mutant: Mutant;
  run: CliRun;
  inputPath: string;
}

(ready ? describe : describe.skip)('seeded mutants of real workbooks', () => {
  let dir: string;
  const outcomes: Outcome[] = [];
  let checks = new Map<
    string,
    ReturnType<typeof checkPackages> extends Map<string, infer V> ? V : never
  >();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'iot-mutants-'));
    const rnd = prng(SEED);
    const pool = [...files];
    const bases: { name: string; bytes: Uint8Array }[] = [];
    while (bases.length < BASES && pool.length > 0) {
      const path = pool.splice(Math.floor(rnd() * pool.length), 1)[0]!;
      const built = addInventory(new Uint8Array(readFileSync(path)));
      if ('skip' in built) continue;
      // Only bases that refresh cleanly: the mutation must be the only damage.
      const clean = await refreshCli(built.bytes, dir, 'base.xlsx', ['--sheet', INVENTORY_SHEET]);
      if (clean.code === 0) bases.push({ name: basename(path), bytes: built.bytes });
    }
    let n = 0;
    for (const base of bases) {
      for (const mutant of mutantsOf(base.bytes, rnd)) {
        const name = `m${n++}.xlsx`;
        const run = await refreshCli(mutant.bytes, dir, name, [
          '--sheet',
          INVENTORY_SHEET,
          '--json',
        ]);
        outcomes.push({ base: base.name, mutant, run, inputPath: join(dir, name) });
      }
    }
    const items: { file: string; schema: boolean }[] = [];
    for (const o of outcomes) {
      if (o.run.code !== 0) continue;
      items.push({ file: o.inputPath, schema: true }, { file: o.run.outPath, schema: true });
    }
    checks = checkPackages(items, join(dir, 'list.json'));
    console.info(`mutants: ${outcomes.length} from ${bases.length} workbooks (seed ${SEED})`);
  }, 600000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exit 0 or exit 3 with one sentence, never exit 1; no output after a failure; the input unchanged', () => {
    const bad = outcomes
      .filter(
        (o) =>
          !(o.run.code === 0 || o.run.code === 3) ||
          (o.run.code === 3 && (!oneSentence(o.run.stderr) || o.run.out !== null)) ||
          !o.run.inputUnchanged ||
          o.run.ms > 10000,
      )
      .map((o) => `${o.base}, ${o.mutant.name}: exit ${o.run.code}: ${o.run.stderr}`);
    expect(bad).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(BASES * 20);
  });

  it('damage is refused with a sentence naming the part; the grid with its own sentence; what is valid is refreshed', () => {
    const bad: string[] = [];
    for (const o of outcomes) {
      const { expect: want, part } = o.mutant;
      const label = `${o.base}, ${o.mutant.name}: exit ${o.run.code}: ${o.run.stderr.trim()}`;
      if (want === 'ok' && o.run.code !== 0) bad.push(label);
      if (want === 'damaged') {
        if (o.run.code !== 3 || !/ is damaged/.test(o.run.stderr)) bad.push(label);
        else if (
          part &&
          !o.run.stderr.includes(part) &&
          !/ZIP directory|cut off/.test(o.run.stderr)
        ) {
          bad.push(`${label} (does not name ${part})`);
        }
      }
      if (want === 'grid' && (o.run.code !== 3 || !/beyond Excel's grid/.test(o.run.stderr))) {
        bad.push(label);
      }
    }
    expect(bad).toEqual([]);
  });

  it('a refreshed mutant has the expected roles, text in its own encoding, every part not ours byte for byte', () => {
    const bad: string[] = [];
    for (const o of outcomes) {
      if (o.run.code !== 0 || !o.run.out) continue;
      const roles = rolesOf(o.run.stdout);
      for (const [name, role] of Object.entries({ ...EXPECTED_ROLES, ...o.mutant.names })) {
        if (roles[name] !== role)
          bad.push(`${o.base}, ${o.mutant.name}: ${name} is ${roles[name]}`);
      }
      const changed = changedParts(
        o.mutant.bytes,
        o.run.out,
        // Wherever the package keeps its workbook part (calamine's minimal_package.xlsx keeps
        // it at the root), as corpus.test.ts allows.
        (n) =>
          /^\[Content_Types\]\.xml$|(^|\/)workbook\.xml$|(^|\/)_rels\/workbook\.xml\.rels$|(^|\/)styles\.xml$|(^|\/)sharedStrings\.xml$/i.test(
            n,
          ) || n === INVENTORY_PART,
      );
      if (changed.length) bad.push(`${o.base}, ${o.mutant.name}: changed ${changed.join(', ')}`);
      const sst = sharedStringsKept(o.mutant.bytes, o.run.out);
      if (sst) bad.push(`${o.base}, ${o.mutant.name}: ${sst}`);
      const sheetIn = unzipSync(o.mutant.bytes)[INVENTORY_PART]!;
      const sheetOut = unzipSync(o.run.out)[INVENTORY_PART]!;
      // Written in the encoding it declares: the same byte order mark and declaration.
      const head = (b: Uint8Array): string =>
        b[0] === 0xff
          ? Buffer.from(b.subarray(2, 200)).toString('utf16le')
          : Buffer.from(b.subarray(0, 100)).toString('latin1');
      const decl = (b: Uint8Array): string => /encoding="([^"]*)"/.exec(head(b))?.[1] ?? '';
      if (sheetIn[0] !== sheetOut[0] || decl(sheetIn) !== decl(sheetOut)) {
        bad.push(`${o.base}, ${o.mutant.name}: the inventory sheet's encoding changed`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('a refreshed mutant is well-formed (lxml), every part has a content type, schema-valid where the input was', () => {
    const bad: string[] = [];
    for (const o of outcomes) {
      if (o.run.code !== 0) continue;
      const input = checks.get(o.inputPath);
      const out = checks.get(o.run.outPath);
      if (!out || out.error) {
        bad.push(`${o.base}, ${o.mutant.name}: ${out?.error ?? 'not checked'}`);
        continue;
      }
      const before = new Set(input?.noContentType ?? []);
      const missing = (out.noContentType ?? []).filter((n) => !before.has(n));
      if (missing.length)
        bad.push(`${o.base}, ${o.mutant.name}: no content type for ${missing.join(', ')}`);
      if (out.malformed?.length)
        bad.push(`${o.base}, ${o.mutant.name}: ${out.malformed.join('; ')}`);
      if (input?.schemaOk === true && out.schemaOk !== true) {
        bad.push(`${o.base}, ${o.mutant.name}: ${out.schema}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
