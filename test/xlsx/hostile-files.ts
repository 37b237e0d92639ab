/**
 * Hostile workbooks, made on the fly for the hostile-input suite and bench/hostile.ts: small,
 * deterministic, and built in seconds. A bomb is a part whose deflated data is one compressed
 * piece repeated (each piece a fresh raw-deflate stream ended with a full flush, so pieces
 * concatenate into one valid stream, as zip.ts's batches do): gigabytes of XML from a few MB
 * of file without ever holding or compressing the gigabytes.
 */

import { constants, deflateRawSync } from 'node:zlib';
import { generateSampleInventory } from '../../src/cli/sample';
import { createWorkbook } from '../../src/xlsx/create';
import {
  crc32,
  inflateEntry,
  makeEntry,
  readZip,
  writeZip,
  type ZipEntry,
} from '../../src/xlsx/zip';

const utf8 = new TextEncoder();

/** A small inventory that refreshes cleanly (the command line's sample, 12 rows). */
export function inventory(rows = 12): Uint8Array {
  const sample = generateSampleInventory({ rows, seed: 7 });
  return createWorkbook(
    [{ name: sample.sheetName, values: sample.values, titleRow: 0, headerRow: sample.headerRow }],
    new Date(Date.UTC(2026, 0, 5)),
  );
}

/** The parts of a package by name, inflated. */
export function textsOf(bytes: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readZip(bytes)) out.set(e.name, new TextDecoder().decode(inflateEntry(e)));
  return out;
}

/**
 * A deflated entry whose bytes are `head`, then `chunk` `times` over, then `tail`; only the
 * three are compressed, and the CRC-32 is computed over the repeated chunk without joining it.
 */
export function repeatedEntry(
  name: string,
  head: string,
  chunk: string,
  times: number,
  tail: string,
): ZipEntry {
  const piece = (text: string, final: boolean): Buffer =>
    deflateRawSync(utf8.encode(text), {
      level: 9,
      finishFlush: final ? constants.Z_FINISH : constants.Z_FULL_FLUSH,
    });
  const h = utf8.encode(head);
  const c = utf8.encode(chunk);
  const t = utf8.encode(tail);
  let crc = crc32(h);
  for (let i = 0; i < times; i++) crc = crc32(c, crc);
  crc = crc32(t, crc);
  const hz = piece(head, false);
  const cz = piece(chunk, false);
  const tz = piece(tail, true);
  const raw = new Uint8Array(hz.length + cz.length * times + tz.length);
  raw.set(hz, 0);
  for (let i = 0; i < times; i++) raw.set(cz, hz.length + i * cz.length);
  raw.set(tz, hz.length + cz.length * times);
  return {
    ...makeEntry(name, new Uint8Array(0)),
    crc,
    size: h.length + c.length * times + t.length,
    compressedSize: raw.length,
    raw,
  };
}

/** What changes in a package: a part's new text, a ready entry, or null to remove it. */
export type Change = string | ZipEntry | null;

/** The package with parts replaced, added (at the end, in order) or removed. */
export function withParts(bytes: Uint8Array, changes: Record<string, Change>): Uint8Array {
  const entries = readZip(bytes);
  const entryOf = (name: string, c: string | ZipEntry): ZipEntry =>
    typeof c === 'string'
      ? makeEntry(name, utf8.encode(c))
      : { ...c, name, nameBytes: utf8.encode(name) };
  const out: ZipEntry[] = [];
  for (const e of entries) {
    if (!(e.name in changes)) out.push(e);
    else if (changes[e.name] !== null) out.push(entryOf(e.name, changes[e.name]!));
  }
  for (const [name, c] of Object.entries(changes)) {
    if (c !== null && !entries.some((e) => e.name === name)) out.push(entryOf(name, c));
  }
  return writeZip(out);
}

const SST_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml';
const SST_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** The inventory with a shared-string part (related and declared) holding `entry`. */
export function withSharedStrings(entry: ZipEntry | string, base = inventory()): Uint8Array {
  const texts = textsOf(base);
  const types = texts.get('[Content_Types].xml')!;
  const rels = texts.get('xl/_rels/workbook.xml.rels')!;
  return withParts(base, {
    '[Content_Types].xml': types.replace(
      '</Types>',
      `<Override PartName="/xl/sharedStrings.xml" ContentType="${SST_CT}"/></Types>`,
    ),
    'xl/_rels/workbook.xml.rels': rels.replace(
      '</Relationships>',
      `<Relationship Id="rIdSst" Type="${SST_REL}" Target="sharedStrings.xml"/></Relationships>`,
    ),
    'xl/sharedStrings.xml': entry,
  });
}

/** Shared strings of `megabytes` MB: distinct-looking 1 KB items, one compressed piece repeated. */
export function sharedStringsBomb(megabytes: number): Uint8Array {
  const item = `<si><t>${'IoT pump telemetry '.repeat(53)}</t></si>`; // 1,024 bytes
  const perChunk = 1024;
  const chunk = item.repeat(perChunk);
  const times = Math.ceil((megabytes * 1e6) / chunk.length);
  return withSharedStrings(
    repeatedEntry('xl/sharedStrings.xml', `<sst xmlns="${MAIN}">`, chunk, times, '</sst>'),
  );
}

/** `count` one-letter shared strings (the 27.5 million case: 467 MB from ~1 MB). */
export function oneLetterStrings(count: number): Uint8Array {
  const perChunk = 1 << 16;
  const times = Math.ceil(count / perChunk);
  return withSharedStrings(
    repeatedEntry(
      'xl/sharedStrings.xml',
      `<sst xmlns="${MAIN}" count="${times * perChunk}" uniqueCount="${times * perChunk}">`,
      '<si><t>a</t></si>'.repeat(perChunk),
      times,
      '</sst>',
    ),
  );
}

/**
 * The inventory's sheet with `rows` more rows of `cells` numbers each, inside Excel's grid:
 * rows and cells without references (allowed: they follow the previous one), so every row is
 * the same bytes.
 */
export function sheetRowsBomb(rows: number, cells: number): Uint8Array {
  const base = inventory();
  const sheet = textsOf(base).get('xl/worksheets/sheet1.xml')!;
  const at = sheet.indexOf('</sheetData>');
  const row = `<row>${'<c><v>1</v></c>'.repeat(cells)}</row>`;
  const perChunk = 256;
  return withParts(base, {
    'xl/worksheets/sheet1.xml': repeatedEntry(
      'xl/worksheets/sheet1.xml',
      sheet.slice(0, at),
      row.repeat(perChunk),
      Math.ceil(rows / perChunk),
      sheet.slice(at),
    ),
  });
}

const WE_NS = 'http://schemas.microsoft.com/office/webextensions/webextension/2010/11';
const WE_CT = 'application/vnd.ms-office.webextension+xml';

/** A web-extension (saved settings) part of `megabytes` MB of properties. */
export function settingsBomb(megabytes: number): Uint8Array {
  const base = inventory();
  const types = textsOf(base).get('[Content_Types].xml')!;
  const prop = `<we:property name="filler" value="&quot;${'x'.repeat(990)}&quot;"/>`;
  const chunk = prop.repeat(1024);
  return withParts(base, {
    '[Content_Types].xml': types.replace(
      '</Types>',
      `<Override PartName="/xl/webextensions/webextension1.xml" ContentType="${WE_CT}"/></Types>`,
    ),
    'xl/webextensions/webextension1.xml': repeatedEntry(
      'xl/webextensions/webextension1.xml',
      `<we:webextension xmlns:we="${WE_NS}" id="{00000000-0000-0000-0000-000000000001}"><we:reference id="49221433-3581-4a7a-bee5-4fab8a2002b3" version="1.0.0.0" store="developer" storeType="Registry"/><we:properties>`,
      chunk,
      Math.ceil((megabytes * 1e6) / chunk.length),
      '</we:properties></we:webextension>',
    ),
  });
}

/** The inventory's sheet with `depth` nested elements in an extLst (8 KB of file at 100,000). */
export function deepNesting(depth: number): Uint8Array {
  const base = inventory();
  const sheet = textsOf(base).get('xl/worksheets/sheet1.xml')!;
  const close = sheet.lastIndexOf('</');
  const ext = `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}">${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</ext></extLst>`;
  return withParts(base, {
    'xl/worksheets/sheet1.xml': sheet.slice(0, close) + ext + sheet.slice(close),
  });
}

/** The package's entries edited as a list (duplicates and odd names allowed), zipped again. */
export function rezip(bytes: Uint8Array, edit: (entries: ZipEntry[]) => ZipEntry[]): Uint8Array {
  return writeZip(edit(readZip(bytes)));
}

/** An entry under another name, its bytes as they are. */
export function renamed(entry: ZipEntry, name: string): ZipEntry {
  return { ...entry, name, nameBytes: utf8.encode(name) };
}

/** Offset of the local header of the entry named `name` (as written by writeZip). */
export function localHeaderOf(bytes: Uint8Array, name: string): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const wanted = utf8.encode(name);
  for (let p = 0; p + 30 < bytes.length;) {
    if (view.getUint32(p, true) !== 0x04034b50) break;
    const nameLen = view.getUint16(p + 26, true);
    const here = bytes.subarray(p + 30, p + 30 + nameLen);
    if (here.length === wanted.length && here.every((b, i) => b === wanted[i])) return p;
    p += 30 + nameLen + view.getUint16(p + 28, true) + view.getUint32(p + 18, true);
  }
  throw new Error(`no local header for ${name}`);
}
