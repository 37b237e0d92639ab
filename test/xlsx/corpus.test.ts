/**
 * Every workbook of the real-world corpus (../shared/xlsx-corpus's 436 files when it is
 * there, else the 43 the repository carries in vendor/xlsx-corpus; from the ClosedXML and
 * calamine test suites, written by Excel, LibreOffice, the Open XML SDK, ClosedXML, Google Sheets, Rust and
 * Python writers; some deliberately broken), through the command line:
 *  - as they are: exit 0, or exit 3 with one sentence; never exit 1, never a slow file, never
 *    an output after a failure, never a changed input;
 *  - with an inventory sheet added part-wise (see corpus.ts): the expected roles, every part
 *    that is not ours byte for byte, every part with a content type and well-formed (checked
 *    by lxml, not by our reader), and schema-valid (validate_xlsx.py from ../shared, when it
 *    is there) whenever the input was.
 * Skipped with a message when python3-lxml is absent.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  addInventory,
  changedParts,
  sharedStringsKept,
  checkPackages,
  corpusFiles,
  EXPECTED_ROLES,
  hasPythonLxml,
  INVENTORY_PART,
  INVENTORY_SHEET,
  oneSentence,
  refreshCli,
  rolesOf,
  type CliRun,
  type PackageCheck,
} from './corpus';

const files = corpusFiles();
const ready = files.length > 0 && hasPythonLxml();
if (!ready) {
  console.warn(
    'skipped the corpus test: /usr/bin/python3 with lxml is missing (apt-get install python3-lxml)',
  );
}

/** Parts a refresh may rewrite in a workbook whose inventory has no table. */
function mayChange(name: string): boolean {
  return (
    name === '[Content_Types].xml' ||
    name === INVENTORY_PART ||
    /(^|\/)workbook\.xml(\.rels)?$/i.test(name) ||
    /(^|\/)_rels\/workbook\.xml\.rels$/i.test(name) ||
    /(^|\/)styles\.xml$/i.test(name) ||
    // The shared-string table gains our text after its items (sharedStringsKept).
    /(^|\/)sharedStrings\.xml$/i.test(name)
  );
}

interface Case {
  name: string;
  asIs: CliRun;
  added: { input: Uint8Array; inputPath: string; run: CliRun } | { skip: string };
}

(ready ? describe : describe.skip)(`the real-world corpus (${files.length} workbooks)`, () => {
  let dir: string;
  const cases: Case[] = [];
  const checks = new Map<string, PackageCheck>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'iot-corpus-'));
    for (const [i, path] of files.entries()) {
      const bytes = new Uint8Array(readFileSync(path));
      const ext = /\.xlsm$/i.test(path) ? 'xlsm' : 'xlsx';
      const name = `${i}.${ext}`;
      const asIs = await refreshCli(bytes, dir, name);
      const built = addInventory(bytes);
      let added: Case['added'];
      if ('skip' in built) added = built;
      else {
        const inputPath = join(dir, `inv-${i}-input.${ext}`);
        writeFileSync(inputPath, built.bytes);
        const run = await refreshCli(built.bytes, dir, `inv-${i}.${ext}`, [
          '--sheet',
          INVENTORY_SHEET,
          '--json',
        ]);
        added = { input: built.bytes, inputPath, run };
      }
      cases.push({ name: `${basename(join(path, '..'))}/${basename(path)}`, asIs, added });
    }
    const items: { file: string; schema: boolean }[] = [];
    for (const c of cases) {
      if ('skip' in c.added || !c.added.run.out) continue;
      items.push({ file: c.added.inputPath, schema: true });
      items.push({ file: c.added.run.outPath, schema: true });
    }
    for (const [k, v] of checkPackages(items, join(dir, 'list.json'))) checks.set(k, v);
    const skipped = cases.filter((c) => 'skip' in c.added).length;
    const refreshed = cases.filter((c) => !('skip' in c.added) && c.added.run.code === 0).length;
    const valid = [...checks.entries()].filter(([f, c]) =>
      f.endsWith('-input.xlsx') || f.endsWith('-input.xlsm') ? c.schemaOk : false,
    ).length;
    console.info(
      `corpus: ${cases.length} files; as they are: ${cases.filter((c) => c.asIs.code === 0).length} refreshed, ${cases.filter((c) => c.asIs.code === 3).length} exit 3; with an inventory: ${refreshed} refreshed, ${skipped} not built (${[...new Set(cases.flatMap((c) => ('skip' in c.added ? [c.added.skip] : [])))].join('; ')}), ${valid} schema-valid inputs`,
    );
  }, 600000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('as they are: exit 0 or exit 3 with one sentence, never exit 1; no output after a failure; the input unchanged; no file takes long', () => {
    const bad = cases
      .filter(
        (c) =>
          !(c.asIs.code === 0 || c.asIs.code === 3) ||
          (c.asIs.code !== 0 && (!oneSentence(c.asIs.stderr) || c.asIs.out !== null)) ||
          !c.asIs.inputUnchanged ||
          c.asIs.ms > 10000,
      )
      .map(
        (c) => `${c.name}: exit ${c.asIs.code} in ${Math.round(c.asIs.ms)} ms: ${c.asIs.stderr}`,
      );
    expect(bad).toEqual([]);
    expect(cases.length).toBe(files.length);
  });

  it('with an inventory added: exit 0 and the expected roles, unless the file is damaged (exit 3, one sentence naming the damage)', () => {
    const bad: string[] = [];
    let refreshed = 0;
    for (const c of cases) {
      if ('skip' in c.added) continue;
      const r = c.added.run;
      if (r.code === 0) {
        refreshed++;
        const roles = rolesOf(r.stdout);
        for (const [name, role] of Object.entries(EXPECTED_ROLES)) {
          if (roles[name] !== role) bad.push(`${c.name}: ${name} is ${roles[name]}, not ${role}`);
        }
      } else if (!(
        r.code === 3 && / is damaged|beyond Excel's grid|password|Strict Open XML/.test(r.stderr)
      )) {
        bad.push(`${c.name}: exit ${r.code}: ${r.stderr}`);
      } else if (!oneSentence(r.stderr) || r.out !== null) {
        bad.push(`${c.name}: not one sentence, or an output after a failure: ${r.stderr}`);
      }
      if (!r.inputUnchanged) bad.push(`${c.name}: the input changed`);
    }
    expect(bad).toEqual([]);
    // The corpus is real workbooks, nearly all undamaged: most must refresh.
    expect(refreshed).toBeGreaterThan(files.length * 0.9);
  });

  it('with an inventory added: every part that is not ours comes back byte for byte', () => {
    const bad: string[] = [];
    for (const c of cases) {
      if ('skip' in c.added || !c.added.run.out) continue;
      const changed = changedParts(c.added.input, c.added.run.out, mayChange);
      if (changed.length > 0) bad.push(`${c.name}: ${changed.join(', ')}`);
      const sst = sharedStringsKept(c.added.input, c.added.run.out);
      if (sst) bad.push(`${c.name}: ${sst}`);
    }
    expect(bad).toEqual([]);
  });

  it('with an inventory added: every part written has a content type and is well-formed (lxml)', () => {
    const bad: string[] = [];
    for (const c of cases) {
      if ('skip' in c.added || !c.added.run.out) continue;
      const input = checks.get(c.added.inputPath);
      const out = checks.get(c.added.run.outPath);
      if (!out || out.error) {
        bad.push(`${c.name}: ${out?.error ?? 'not checked'}`);
        continue;
      }
      // A part the input already lacked a content type for is the producer's, not ours.
      const before = new Set(input?.noContentType ?? []);
      const missing = (out.noContentType ?? []).filter((n) => !before.has(n));
      if (missing.length > 0) bad.push(`${c.name}: no content type for ${missing.join(', ')}`);
      const wasMalformed = new Set((input?.malformed ?? []).map((m) => m.split(':')[0]));
      const malformed = (out.malformed ?? []).filter((m) => !wasMalformed.has(m.split(':')[0]));
      if (malformed.length > 0) bad.push(`${c.name}: ${malformed.join('; ')}`);
    }
    expect(bad).toEqual([]);
  });

  it('with an inventory added: schema-valid wherever the input was', () => {
    const bad: string[] = [];
    let valid = 0;
    for (const c of cases) {
      if ('skip' in c.added || !c.added.run.out) continue;
      const input = checks.get(c.added.inputPath);
      const out = checks.get(c.added.run.outPath);
      if (input?.schemaOk !== true) continue;
      valid++;
      if (out?.schemaOk !== true) bad.push(`${c.name}: ${out?.schema ?? out?.error}`);
    }
    expect(bad).toEqual([]);
    // Over 100 of ../shared's 436; the vendored slice was chosen with half of it valid.
    expect(valid).toBeGreaterThan(Math.min(100, files.length / 2));
  });
});
