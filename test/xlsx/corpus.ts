/**
 * Shared by the corpus and mutation tests: real producers' workbooks (../shared's whole corpus
 * when it is there, else the slice the repository carries in vendor/xlsx-corpus), an
 * inventory sheet added the way a user's Excel would register one (editing only the workbook,
 * its relationships and the content types, plus the new worksheet part; written with fflate,
 * not with the code under test), the command line run in-process, and the independent Python
 * checks of what it wrote (test/xlsx/check_packages.py).
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { main, type Io } from '../../src/cli/main';
import type { JsonReport } from '../../src/core/refresh';
import { VALIDATOR } from './helpers';
import { dataFolder } from '../../scripts/test-data';

export const CORPUS = dataFolder('xlsx-corpus').dir;
const CHECKER = join(__dirname, 'check_packages.py');
export const NOW = new Date('2026-03-02T09:30:00Z');

/** Every workbook of the corpus (sorted, so samples are stable), or [] when it is absent. */
export function corpusFiles(): string[] {
  if (!existsSync(CORPUS)) return [];
  const out: string[] = [];
  // One folder per producer; the licence notices beside them are files.
  const folders = readdirSync(CORPUS, { withFileTypes: true }).filter((e) => e.isDirectory());
  for (const sub of folders.map((e) => e.name).sort()) {
    const folder = join(CORPUS, sub);
    for (const f of readdirSync(folder).sort()) out.push(join(folder, f));
  }
  return out;
}

/** True when Debian's python3 with lxml is there to check outputs independently. */
export function hasPythonLxml(): boolean {
  return (
    existsSync('/usr/bin/python3') &&
    spawnSync('/usr/bin/python3', ['-c', 'import lxml'], { stdio: 'ignore' }).status === 0
  );
}

export const INVENTORY_SHEET = 'IoT Inventory';
export const INVENTORY_PART = 'xl/worksheets/iotInventory.xml';

/** The added inventory: one initiative per role, with the role the article's rules give. */
export const INVENTORY: readonly (readonly string[])[] = [
  ['Initiative', 'Led By', 'Stage', 'I&O Pilot', 'I&O Implementation', 'I&O Operations'],
  ['Smart meters', 'IT', 'Production', 'Leading', 'Responsible', 'Responsible'],
  ['Fleet telematics', 'Operations', 'Implementation', 'None', 'Responsible', 'Supporting'],
  ['Cold chain sensors', 'LOB', 'Production', 'None', 'None', 'Responsible'],
  ['Badge readers', 'Facilities', 'Pilot', 'None', 'None', 'None'],
];
export const EXPECTED_ROLES: Record<string, string> = {
  'Smart meters': 'Driver',
  'Fleet telematics': 'Implementer',
  'Cold chain sensors': 'Operator',
  'Badge readers': 'Bystander',
};

const TRANSITIONAL = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
};
const STRICT = {
  main: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  rel: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
};
const WORKSHEET_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function columnLetter(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The worksheet XML of the inventory (inline strings, as many producers write). */
export function inventorySheetXml(mainNs: string, rows = INVENTORY): string {
  const body = rows
    .map(
      (row, r) =>
        `<row r="${r + 1}">${row
          .map(
            (v, c) =>
              `<c r="${columnLetter(c)}${r + 1}" t="inlineStr"><is><t>${xmlText(v)}</t></is></c>`,
          )
          .join('')}</row>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${mainNs}"><sheetData>${body}</sheetData></worksheet>`;
}

interface Text {
  text: string;
  encode: (s: string) => Uint8Array;
}

/** Decodes a UTF-8 or UTF-16LE (BOM) part; null for anything else (the case is skipped). */
function decode(bytes: Uint8Array): Text | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: Buffer.from(bytes.subarray(2)).toString('utf16le'),
      encode: (s) =>
        new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])),
    };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    return null;
  }
  const declared = /^<\?xml[^>]*encoding\s*=\s*["']([^"']+)/.exec(text)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) return null;
  const enc = new TextEncoder();
  return {
    text,
    encode: (s) => {
      const body = enc.encode(s);
      return bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
    },
  };
}

function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/');
  return i < 0 ? `_rels/${part}.rels` : `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

/** Inserts `entry` before the closing tag of the first element with local name `local`. */
function insertBeforeClose(xml: string, local: string, entry: string): string | null {
  const m = new RegExp(`</((?:[\\w.-]+:)?${local})\\s*>`).exec(xml);
  if (!m) return null;
  return xml.slice(0, m.index) + entry + xml.slice(m.index);
}

function prefixOf(xml: string, local: string): string {
  const m = new RegExp(`<([\\w.-]+:)?${local}[\\s>/]`).exec(xml);
  return m?.[1] ?? '';
}

/**
 * The workbook with the inventory sheet registered, or the reason it cannot be added (the
 * input is not a readable package, its workbook is not UTF-8/16, …).
 */
export function addInventory(bytes: Uint8Array): { bytes: Uint8Array } | { skip: string } {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (err) {
    return { skip: `not a readable ZIP (${(err as Error).message})` };
  }
  const names = Object.keys(entries).filter((n) => !n.endsWith('/'));
  const find = (name: string): string | undefined =>
    names.find((n) => n.toLowerCase() === name.toLowerCase());
  const rootRels = find('_rels/.rels');
  const ctName = find('[Content_Types].xml');
  if (!rootRels || !ctName) return { skip: 'no package relationships or content types' };
  const rootRelsText = decode(entries[rootRels]!);
  const officeDoc = rootRelsText
    ? /<(?:\w+:)?Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/.exec(rootRelsText.text)
    : null;
  const target = officeDoc ? /\bTarget="([^"]*)"/.exec(officeDoc[0])?.[1] : undefined;
  const wbName = find((target ?? 'xl/workbook.xml').replace(/^\//, ''));
  if (!wbName) return { skip: 'no workbook part' };
  const wbRelsName = find(relsPartOf(wbName));
  if (!wbRelsName) return { skip: 'no workbook relationships' };
  if (find(INVENTORY_PART)) return { skip: 'the inventory part name is taken' };
  const wb = decode(entries[wbName]!);
  const wbRels = decode(entries[wbRelsName]!);
  const ct = decode(entries[ctName]!);
  if (!wb || !wbRels || !ct) return { skip: 'a part to edit is not UTF-8 or UTF-16' };
  const ns = wb.text.includes(STRICT.main) ? STRICT : TRANSITIONAL;
  const relPrefix = new RegExp(`xmlns:([\\w.-]+)="${ns.rel.replace(/[./]/g, '\\$&')}"`).exec(
    wb.text.slice(0, wb.text.indexOf('>', wb.text.indexOf('workbook')) + 1),
  )?.[1];
  const ids = [...wb.text.matchAll(/\bsheetId="(\d+)"/g)].map((m) => Number(m[1]));
  const sheetId = Math.max(0, ...ids) + 1;
  const idAttr = relPrefix ? `${relPrefix}:id="rIdIoT"` : `xmlns:r="${ns.rel}" r:id="rIdIoT"`;
  const p = prefixOf(wb.text, 'sheets');
  const newWb = insertBeforeClose(
    wb.text,
    'sheets',
    `<${p}sheet name="${INVENTORY_SHEET}" sheetId="${sheetId}" ${idAttr}/>`,
  );
  const rp = prefixOf(wbRels.text, 'Relationships');
  const newRels = insertBeforeClose(
    wbRels.text,
    'Relationships',
    `<${rp}Relationship Id="rIdIoT" Type="${ns.rel}/worksheet" Target="/${INVENTORY_PART}"/>`,
  );
  const cp = prefixOf(ct.text, 'Types');
  const newCt = insertBeforeClose(
    ct.text,
    'Types',
    `<${cp}Override PartName="/${INVENTORY_PART}" ContentType="${WORKSHEET_CT}"/>`,
  );
  if (!newWb || !newRels || !newCt)
    return { skip: 'a part to edit has no closing tag to insert before' };
  const out: Record<string, Uint8Array> = {};
  for (const n of names) out[n] = entries[n]!;
  out[wbName] = wb.encode(newWb);
  out[wbRelsName] = wbRels.encode(newRels);
  out[ctName] = ct.encode(newCt);
  out[INVENTORY_PART] = new TextEncoder().encode(inventorySheetXml(ns.main));
  return { bytes: zipSync(out) };
}

/** One run of the command line, in-process. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The output file's bytes, when one was written. */
  out: Uint8Array | null;
  outPath: string;
  inputUnchanged: boolean;
  ms: number;
}

/** `iot-role-map refresh input --out …` on bytes written to `dir/name`. */
export async function refreshCli(
  bytes: Uint8Array,
  dir: string,
  name: string,
  extra: string[] = [],
): Promise<CliRun> {
  const input = join(dir, name);
  writeFileSync(input, bytes);
  const ext = /\.xlsm$/i.test(name) ? '.xlsm' : '.xlsx';
  const outPath = join(dir, `${name}.out${ext}`);
  // A name used again (the mutation test's "base.xlsx") starts afresh: the command line keeps
  // an existing output unless --force, and this harness means a new run each time.
  rmSync(outPath, { force: true });
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stderrIsTTY: false,
    now: () => NOW,
  };
  const started = performance.now();
  const code = await main(['refresh', input, '--out', outPath, ...extra], io);
  const ms = performance.now() - started;
  const after = readFileSync(input);
  return {
    code,
    stdout,
    stderr,
    out: existsSync(outPath) ? new Uint8Array(readFileSync(outPath)) : null,
    outPath,
    inputUnchanged: Buffer.compare(after, Buffer.from(bytes)) === 0,
    ms,
  };
}

/** Roles by initiative name from a --json report. */
export function rolesOf(stdout: string): Record<string, string> {
  const report = JSON.parse(stdout) as JsonReport;
  const out: Record<string, string> = {};
  for (const r of report.rows) if (r.name !== null) out[r.name] = r.role;
  return out;
}

/** Parts of `after` that differ from `before` (decompressed) or are gone, except `mayChange`. */
export function changedParts(
  before: Uint8Array,
  after: Uint8Array,
  mayChange: (name: string) => boolean,
): string[] {
  const a = unzipSync(before);
  const b = unzipSync(after);
  const lower = new Map(Object.keys(b).map((k) => [k.toLowerCase(), k]));
  const out: string[] = [];
  for (const [name, data] of Object.entries(a)) {
    if (name.endsWith('/') || mayChange(name)) continue;
    const other = b[name] ?? b[lower.get(name.toLowerCase()) ?? ''];
    if (!other || Buffer.compare(Buffer.from(data), Buffer.from(other)) !== 0) {
      if (!other || !onlyDeselected(data, other)) out.push(name);
    }
  }
  return out;
}

/**
 * True when a sheet part differs only by losing its tab selection: the refreshed file opens on
 * the summary (SPEC §4), and a sheet left selected beside it would open grouped with it
 * (ECMA-376 Part 1, 18.3.1.87, tabSelected). Nothing else in the part may differ.
 */
function onlyDeselected(before: Uint8Array, after: Uint8Array): boolean {
  const text = (d: Uint8Array): string => Buffer.from(d).toString('utf8');
  const was = text(before);
  const now = was.replace(/(<(?:\w+:)?sheetView\b[^>]*?)\s+tabSelected="(?:1|true)"/, '$1');
  return now !== was && now === text(after);
}

/** What check_packages.py reports for one file. */
export interface PackageCheck {
  file: string;
  parts?: number;
  noContentType?: string[];
  malformed?: string[];
  schemaOk?: boolean | null;
  schema?: string;
  error?: string;
}

/** Runs check_packages.py once over many files. */
export function checkPackages(
  items: { file: string; schema: boolean }[],
  listFile: string,
): Map<string, PackageCheck> {
  writeFileSync(listFile, JSON.stringify(items));
  const r = spawnSync('/usr/bin/python3', [CHECKER, listFile, VALIDATOR], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`check_packages.py failed: ${r.stderr}`);
  const out = new Map<string, PackageCheck>();
  for (const line of r.stdout.split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line) as PackageCheck;
    out.set(c.file, c);
  }
  return out;
}

/** True when stderr is exactly one line (one sentence, no stack trace). */
export function oneSentence(stderr: string): boolean {
  return /^[^\n]+\n$/.test(stderr) && !/\n\s+at /.test(stderr);
}

/**
 * The shared-string table a refresh writes through keeps its prolog and every existing item
 * byte for byte and in order (ours are appended after them). Returns what broke, or null.
 */
export function sharedStringsKept(before: Uint8Array, after: Uint8Array): string | null {
  const a = unzipSync(before);
  const b = unzipSync(after);
  const lower = new Map(Object.keys(b).map((k) => [k.toLowerCase(), k]));
  for (const [name, data] of Object.entries(a)) {
    if (!/(^|\/)sharedStrings\.xml$/i.test(name)) continue;
    const other = b[name] ?? b[lower.get(name.toLowerCase()) ?? ''];
    if (!other) return `${name} is gone`;
    const split = (bytes: Uint8Array): [string, string] => {
      const s = Buffer.from(bytes).toString('latin1');
      const open = s.search(/<([\w.-]+:)?sst[\s/>]/);
      const end = s.indexOf('>', open) + 1;
      if (open < 0 || end <= 0) return [s, ''];
      if (s[end - 2] === '/') return [s.slice(0, open), ''];
      return [s.slice(0, open), s.slice(end, s.lastIndexOf('</'))];
    };
    const [prologA, itemsA] = split(data);
    const [prologB, itemsB] = split(other);
    if (prologA !== prologB || !itemsB.startsWith(itemsA)) {
      return `${name} lost or changed existing items`;
    }
  }
  return null;
}
