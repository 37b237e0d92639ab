/**
 * The OPC package of a workbook: parts by name, content types, relationships (relative and
 * absolute targets), the workbook's sheet list and shared strings. Parts are decompressed
 * lazily; a part that is never written keeps its original compressed bytes in the output.
 */

import { isUtf8 } from 'node:buffer';
import { inflateVerdict, type PartRole } from '../core/limits';
import {
  DamagedPartError,
  InflateLimitError,
  inPart,
  isStringTooLong,
  PartTooLargeError,
  UnsupportedFormatError,
  type UnsupportedFormat,
} from './damage';
import { decodePart, declaredEncoding, UTF8, utf8, type PartEncoding } from './encoding';
import { WorkerInflatingSource } from './inflate-worker';
import { checkWellFormed, WorkerChecks } from './wellformed';
import {
  inflateEntry,
  InflatingSource,
  keepingBatches,
  makeEntry,
  makeStreamedEntry,
  makeStreamedEntryAsync,
  readZip,
  SHEET_WINDOW,
  writeZip,
  type ByteSource,
  type Piece,
  type ZipEntry,
} from './zip';
import {
  children,
  decodeEntities,
  decodeOoxmlEscapes,
  escapeAttr,
  expectRoot,
  getAttr,
  insertChild,
  nextTag,
  parseAttrs,
  prefixOf,
  runText,
} from './xml';

export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** Relationship types by their last path segment (works for transitional and strict URIs). */
export const REL = {
  officeDocument: 'officeDocument',
  worksheet: 'worksheet',
  chartsheet: 'chartsheet',
  sharedStrings: 'sharedStrings',
  styles: 'styles',
  table: 'table',
  drawing: 'drawing',
  chart: 'chart',
} as const;

export const CT = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  relationships: 'application/vnd.openxmlformats-package.relationships+xml',
  sharedStrings: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
} as const;

const TRANSITIONAL_REL = `${REL_NS}/`;

/**
 * Big parts up to this size are inflated whole (zlib, native) and held from their reading to
 * their write (readingBytes): the 43 MB sheet of a 100,000-row inventory, or the 64 MB it
 * grows to once refreshed. Larger ones (a sheet at Excel's full grid: 450-670 MB) are
 * inflated as they are read, so they are never held whole.
 */
const HOLD_BYTES = 128 << 20;

/**
 * Parts at least this big are inflated again in a worker when they are written from their
 * original bytes (sourceStream, WorkerInflatingSource); smaller ones at once, in line.
 */
const INFLATE_IN_WORKER_FROM = 8 << 20;

/** One relationship with its target resolved to a part name (no leading slash). */
export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** Part name the target points at (for internal targets). */
  part: string;
}

/** A worksheet (or other sheet) listed in workbook.xml. */
export interface SheetEntry {
  name: string;
  sheetId: number;
  rId: string;
  /** 'worksheet' | 'chartsheet' | 'dialogsheet' | … (the relationship type's last segment). */
  kind: string;
  /** Part name of the sheet (no leading slash). */
  part: string;
  state: 'visible' | 'hidden' | 'veryHidden';
}

/** Removes a leading slash and resolves "." and ".." segments. */
export function normalizePart(name: string): string {
  const out: string[] = [];
  for (const seg of name.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/** The folder of a part ("xl/worksheets/sheet1.xml" → "xl/worksheets"). */
export function folderOf(part: string): string {
  const i = part.lastIndexOf('/');
  return i < 0 ? '' : part.slice(0, i);
}

/** The relationships part of a part ("xl/workbook.xml" → "xl/_rels/workbook.xml.rels"). */
export function relsPartOf(part: string): string {
  const folder = folderOf(part);
  const base = part.slice(folder.length === 0 ? 0 : folder.length + 1);
  return folder ? `${folder}/_rels/${base}.rels` : `_rels/${base}.rels`;
}

/** A relative target from one part to another (as Excel writes them). */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = folderOf(fromPart).split('/').filter(Boolean);
  const to = toPart.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

/**
 * A whole relationships part we generate: each relationship from part `from` to part `to`
 * of the given kind, its target relative (relativeTarget).
 */
export function relationshipsXml(
  rels: readonly { id: string; kind: string; from: string; to: string }[],
): string {
  const body = rels
    .map(
      (r) =>
        `<Relationship Id="${r.id}" Type="${TRANSITIONAL_REL}${r.kind}" Target="${escapeAttr(relativeTarget(r.from, r.to))}"/>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">${body}</Relationships>`;
}

/** How a Package checks the parts it reads. */
export interface PackageOptions {
  /**
   * Where original UTF-8 parts of at least `checkInWorkerFrom` bytes (default 0) are checked
   * for well-formedness, in worker threads, while the caller goes on; the caller must await
   * `workerChecks.settled()` before anything read leaves it. Without it every part is
   * checked in line, before its text is returned.
   */
  workerChecks?: WorkerChecks;
  checkInWorkerFrom?: number;
  /** Big parts up to this many bytes are inflated whole and held (default HOLD_BYTES). */
  holdBytes?: number;
  /** See INFLATE_IN_WORKER_FROM (the default). */
  inflateInWorkerFrom?: number;
}

/**
 * True when a part's bytes are UTF-8 as its declaration says (or as XML assumes without
 * one): the text the worker decodes is then the text decodePart made. A part in another
 * encoding (re-declared as UTF-8 by decodePart) is checked in line.
 */
function isDeclaredUtf8(bytes: Uint8Array): boolean {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset + bom, Math.min(256, bytes.length - bom));
  const label = declaredEncoding(head.toString('latin1'))?.trim().toLowerCase();
  return label === undefined || label === 'utf-8' || label === 'utf8';
}

/**
 * Workbook namespaces of formats the refresh does not write: Strict Open XML (ECMA-376
 * Part 1, §A.1 Strict: every part and relationship in purl.oclc.org namespaces; the
 * refresh's new parts would be Transitional, a package of neither class), and the
 * pre-release Excel 2007 format (its own namespace, with <sstItem> where <si> is now).
 */
const UNSUPPORTED_NAMESPACES: Readonly<Record<string, UnsupportedFormat>> = {
  'http://purl.oclc.org/ooxml/spreadsheetml/main': 'strict',
  'http://schemas.microsoft.com/office/excel/2006/2': 'prerelease',
};

/** Last path segment of a relationship type URI. */
function relKind(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1);
}

/** Half of a surrogate pair without its other half (with the u flag, pairs are one code point). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** An opened workbook package. */
export class Package {
  private readonly entries: ZipEntry[];
  /** Original entries by exact (normalised) name, then by lower-case name: OPC compares part
   * names case-insensitively (a package with "Sheet1.xml" beside "sheet1.xml" is refused). */
  private readonly byName = new Map<string, ZipEntry>();
  private readonly byLower = new Map<string, ZipEntry>();
  /** Parts written in this session, by resolved name. */
  private readonly written = new Map<string, { text: string | Iterable<Piece> }>();
  /**
   * Big parts written as a whole string (a sheet the refresh owns, such as a 100,000-row
   * snapshot: 40 MB), checked for well-formedness in a worker from the moment they are
   * written, so saxes does not run on the main thread while it patches and zips (see write
   * and toBytesAsync). By name, with the text that is being checked.
   */
  private readonly writtenChecks = new Map<
    string,
    { text: string; checks: WorkerChecks; utf8: Uint8Array }
  >();
  /**
   * Parts written piece by piece that are wholly ours (a new shared-string table), so they
   * are checked for well-formedness as a part written as one string is: from their deflated
   * bytes, in a worker, never joined (see toBytesAsync).
   */
  private readonly checkStreamed = new Set<string>();
  private readonly writtenLower = new Map<string, string>();
  private readonly textCache = new Map<string, string>();
  /** Original parts whose text was checked (in line or in a worker) when first read. */
  private readonly checkedParts = new Set<string>();
  /** How each original part that was read is encoded, so it is written back the same way. */
  private readonly encodings = new Map<string, PartEncoding>();
  /** The encoding label each original part's XML declaration names (lower case), if any. */
  private readonly declared = new Map<string, string | undefined>();
  /**
   * Original UTF-8 parts whose every character is one byte (→ the length of the byte order
   * mark they start with), so text offsets are byte offsets: a patch copies their unchanged
   * spans as bytes instead of encoding the text again (see sourceBytes).
   */
  private readonly asciiParts = new Map<string, number>();
  /**
   * Original UTF-8 parts read through readingBytes that are not all ASCII (→ the length of
   * their byte order mark): a patch maps its offsets to bytes through the sheet's skeleton
   * (sheetxml.ts atPart) and copies their unchanged spans as bytes (sourceStream).
   */
  private readonly utf8Parts = new Map<string, number>();
  /** The byte-order-mark length of parts read through readingBytes. */
  private readonly bomOf = new Map<string, number>();
  /**
   * Bytes of original parts read front to back rather than as text (readingBytes), kept for
   * the one write that copies them (sourceStream), by name.
   */
  private readonly held = new Map<string, Uint8Array>();
  /** The last shared-string part parsed from its text (sharedStringItems). */
  private sst: { xml: string; texts: string[]; plain: boolean[] } | undefined;
  /** A big shared-string part parsed from its bytes (see sharedStringBytes). */
  private sstBytes: SharedStringBytes | undefined;
  /** Well-formedness checks running in worker threads (see PackageOptions). */
  private readonly workerChecks: WorkerChecks | undefined;
  private readonly checkInWorkerFrom: number;
  private readonly holdBytes: number;
  private readonly inflateInWorkerFrom: number;
  /** Readings inflated in workers (see closeSources). */
  private readonly workerSources = new Set<WorkerInflatingSource>();
  /** Parts admitted for inflating (limits.ts), and their sizes together. */
  private readonly admitted = new Set<string>();
  private readonly inflatedSoFar = { inflated: 0, compressed: 0 };

  /** `bytes`: the archive, or its entries when the caller has just made them (consolidate). */
  constructor(bytes: Uint8Array | readonly ZipEntry[], options: PackageOptions = {}) {
    this.workerChecks = options.workerChecks;
    this.checkInWorkerFrom = options.workerChecks ? (options.checkInWorkerFrom ?? 0) : Infinity;
    this.holdBytes = options.holdBytes ?? HOLD_BYTES;
    this.inflateInWorkerFrom = options.inflateInWorkerFrom ?? INFLATE_IN_WORKER_FROM;
    this.entries = bytes instanceof Uint8Array ? readZip(bytes) : [...bytes];
    for (const e of this.entries) {
      const name = normalizePart(e.name);
      const twin = this.byLower.get(name.toLowerCase());
      if (twin !== undefined) {
        // OPC (ECMA-376 Part 2, M1.12): no two part names may be equivalent (ASCII case
        // folded), and a ZIP name's "\" is a "/" to most readers. Two entries with one name
        // are read one way by us and the other by Excel or LibreOffice: neither is chosen.
        const spelled = twin.name === e.name ? '' : ` (as "${twin.name}" and "${e.name}")`;
        throw new DamagedPartError(
          name,
          `is in the ZIP archive twice${spelled}, so it can be read two ways`,
        );
      }
      this.byName.set(name, e);
      this.byLower.set(name.toLowerCase(), e);
    }
  }

  private entry(part: string): ZipEntry | undefined {
    const name = normalizePart(part);
    return this.byName.get(name) ?? this.byLower.get(name.toLowerCase());
  }

  /**
   * Asks the core whether an original part may be inflated, before any of it is (a bomb is
   * refused by what the ZIP directory declares; zip.ts never inflates past that). Each part
   * is admitted once and counts once towards the package's total.
   */
  private admit(name: string, e: ZipEntry): void {
    if (this.admitted.has(name)) return;
    const verdict = inflateVerdict(this.roleOf(name), e.size, e.compressedSize, this.inflatedSoFar);
    if (verdict !== null) throw new InflateLimitError(name, e.size, verdict);
    this.admitted.add(name);
    this.inflatedSoFar.inflated += e.size;
    this.inflatedSoFar.compressed += e.compressedSize;
  }

  /** What a part is to the refresh (limits.ts), by its content type. */
  private roleOf(name: string): PartRole {
    if (name === '[Content_Types].xml') return 'other';
    const ct = this.contentType(name) ?? '';
    if (ct === CT.sharedStrings) return 'sharedStrings';
    if (/spreadsheetml\.(worksheet|chartsheet|dialogsheet)\+xml$/.test(ct)) return 'worksheet';
    if (/webextension\+xml$/.test(ct) || /^xl\/webextensions\/webextension\d*\.xml$/i.test(name)) {
      return 'settings';
    }
    return 'other';
  }

  /** The name a part is stored under: the original entry's, an earlier write's, or its own. */
  private resolve(part: string): string {
    const e = this.entry(part);
    if (e) return normalizePart(e.name);
    const name = normalizePart(part);
    return this.writtenLower.get(name.toLowerCase()) ?? name;
  }

  /** True when the part exists (written or original). */
  has(part: string): boolean {
    return this.entry(part) !== undefined || this.written.has(this.resolve(part));
  }

  /** Names of all parts (original order, then new parts). */
  partNames(): string[] {
    const names = this.entries.map((e) => normalizePart(e.name));
    for (const name of this.written.keys()) if (!this.byName.has(name)) names.push(name);
    return names;
  }

  /** Names of the parts this session created (not in the original package). */
  newParts(): string[] {
    return [...this.written.keys()].filter((name) => !this.byName.has(name));
  }

  /** The original bytes of a part (decompressed, CRC-checked), or undefined. */
  originalBytes(part: string): Uint8Array | undefined {
    const e = this.entry(part);
    if (!e) return undefined;
    const name = normalizePart(e.name);
    this.admit(name, e);
    return inPart(name, null, () => inflateEntry(e));
  }

  /**
   * The current text of a part, or undefined when absent. An original part is inflated
   * (CRC-checked), decoded in the encoding it declares and checked for well-formedness the
   * first time it is read; damage throws DamagedPartError naming the part.
   */
  text(part: string): string | undefined {
    const name = this.resolve(part);
    const w = this.written.get(name);
    if (w) {
      // A streamed part is materialised only if someone reads it back.
      const text = typeof w.text === 'string' ? w.text : this.joinPieces(name, w.text);
      w.text = text;
      return text;
    }
    const cached = this.textCache.get(name);
    if (cached !== undefined) return cached;
    const e = this.entry(name);
    if (!e) return undefined;
    this.admit(name, e);
    const decoded = inPart(name, null, () => {
      // Bytes held for reading front to back are taken, not inflated again.
      const bytes = this.held.get(name) ?? inflateEntry(e);
      this.held.delete(name);
      let d: ReturnType<typeof decodePart>;
      try {
        d = decodePart(bytes);
      } catch (err) {
        if (isStringTooLong(err)) throw new PartTooLargeError(name, bytes.length);
        throw err;
      }
      if (this.checkedParts.has(name)) {
        // Read again after release(): checked the first time.
      } else if (
        bytes.length >= this.checkInWorkerFrom &&
        d.encoding.name === 'UTF-8' &&
        isDeclaredUtf8(bytes)
      ) {
        this.workerChecks!.start(name, e.raw, e.method === 0, true, e.size);
      } else checkWellFormed(d.text);
      this.checkedParts.add(name);
      const bom = d.encoding.bom.length;
      if (d.encoding.name === 'UTF-8' && bytes.length - bom === d.text.length) {
        this.asciiParts.set(name, bom);
      }
      return d;
    });
    this.encodings.set(name, decoded.encoding);
    this.declared.set(name, declaredEncoding(decoded.text.slice(0, 256))?.toLowerCase());
    this.textCache.set(name, decoded.text);
    return decoded.text;
  }

  /**
   * Lets go of an original part's cached text (a 100,000-row sheet is 43 MB of it, Excel's
   * full grid 450 MB): what it says is kept (encoding, checked), and a later text() reads it
   * again. sourceBytes() still works.
   */
  release(part: string): void {
    const name = this.resolve(part);
    this.textCache.delete(name);
    this.held.delete(name);
  }

  /**
   * The bytes of a big original UTF-8 part, to read front to back without ever making its
   * text (a sheet at Excel's full grid is 450 MB of XML, 670 MB once refreshed: longer than
   * JavaScript's longest string), and starts its well-formedness check in a worker as text()
   * would. Up to HOLD_BYTES they are inflated at once by zlib (CRC-checked) and held for the
   * write that copies them (sourceStream; release() lets go); beyond, they are inflated as
   * they are read (InflatingSource, CRC-checked at the end), once per reading. Undefined
   * when the part is to be read as text: small (checked in line), already read or written,
   * or not declared UTF-8. The reader calls markAscii when every byte was ASCII. `ours`: the
   * caller made the part itself just before (index.ts HandedSheet), so it is not checked.
   */
  readingBytes(part: string, ours = false): ByteSource | undefined {
    const name = this.resolve(part);
    const e = this.entry(name);
    if (
      !e ||
      !this.workerChecks ||
      e.size < this.checkInWorkerFrom ||
      this.written.has(name) ||
      this.textCache.has(name)
    ) {
      return undefined;
    }
    this.admit(name, e);
    return inPart(name, null, () => {
      // A big deflated part is inflated in a worker as it is read, as for its write.
      const inWorker = e.method === 8 && e.size >= this.inflateInWorkerFrom;
      const whole =
        this.held.get(name) ??
        (!inWorker && e.size <= this.holdBytes ? inflateEntry(e) : undefined);
      const head = whole ?? new InflatingSource(e, 0, true).subarray(0, 256);
      const b = head.subarray(0, 4);
      // UTF-16 and UTF-32 start with a byte order mark or "<\0": read as text (decodePart).
      if (
        b[0] === 0 ||
        b[1] === 0 ||
        (b[0] === 0xff && b[1] === 0xfe) ||
        (b[0] === 0xfe && b[1] === 0xff)
      ) {
        return undefined;
      }
      if (!isDeclaredUtf8(head)) return undefined;
      const bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
      if (!this.checkedParts.has(name) && !ours) {
        this.workerChecks!.start(name, e.raw, e.method === 0, whole !== undefined, e.size);
      }
      this.checkedParts.add(name);
      this.encodings.set(name, utf8(bom > 0));
      const label = declaredEncoding(Buffer.from(head.subarray(bom, 256)).toString('latin1'));
      this.declared.set(name, label?.toLowerCase());
      this.bomOf.set(name, bom);
      if (whole) {
        this.held.set(name, whole);
        return whole.subarray(bom);
      }
      return inWorker ? this.inWorker(e, bom, true) : new InflatingSource(e, bom, true);
    });
  }

  /** A WorkerInflatingSource, remembered until closeSources(). */
  private inWorker(e: ZipEntry, bom: number, checkCrc: boolean): WorkerInflatingSource {
    const source = new WorkerInflatingSource(e, bom, checkCrc);
    this.workerSources.add(source);
    return source;
  }

  /**
   * Ends the workers of readings that stopped early (a refresh that failed part-way): each
   * would otherwise wait for its reader forever.
   */
  closeSources(): void {
    for (const source of this.workerSources) source.close();
    this.workerSources.clear();
  }

  /** Records that every byte of a part read through readingBytes was ASCII (see asciiParts). */
  markAscii(part: string): void {
    const name = this.resolve(part);
    const bom = this.bomOf.get(name);
    if (bom !== undefined) this.asciiParts.set(name, bom);
  }

  /**
   * Records that a part read through readingBytes is UTF-8 with characters of more than one
   * byte: its bytes stay held for the write (sourceStream), which maps offsets itself.
   */
  markUtf8(part: string): void {
    const name = this.resolve(part);
    const bom = this.bomOf.get(name);
    if (bom !== undefined) this.utf8Parts.set(name, bom);
  }

  /** True when sourceBytes(part) would give the part's bytes (see there). */
  hasSourceBytes(part: string): boolean {
    return this.sourceEntry(part) !== undefined;
  }

  /**
   * The entry and byte-order-mark length behind sourceBytes/sourceStream, when they apply
   * (`utf8`: also for a UTF-8 part that is not all ASCII, see markUtf8).
   */
  private sourceEntry(part: string, utf8 = false): { entry: ZipEntry; bom: number } | undefined {
    const name = this.resolve(part);
    const bom = this.asciiParts.get(name) ?? (utf8 ? this.utf8Parts.get(name) : undefined);
    const entry = this.entry(name);
    if (this.written.has(name) || bom === undefined || !entry) return undefined;
    return { entry, bom };
  }

  /**
   * The bytes of an original part's text, offset for offset (`text(part).slice(a, b)` is
   * `sourceBytes(part).subarray(a, b)` in the part's encoding), when its text was read, is
   * not rewritten yet and every character is one byte; else undefined.
   */
  sourceBytes(part: string): Uint8Array | undefined {
    const source = this.sourceEntry(part);
    if (!source) return undefined;
    const held = this.held.get(this.resolve(part));
    // Else inflated again (CRC-checked) rather than kept since the read: the 43 MB of a
    // 100,000-row sheet are held only while it is written.
    return (held ?? inflateEntry(source.entry)).subarray(source.bom);
  }

  /**
   * sourceBytes(part) as a ByteSource read once, front to back, for the write that copies its
   * unchanged spans; undefined as for sourceBytes, except that a UTF-8 part read from its bytes
   * need not be ASCII (markUtf8: the caller maps text offsets to bytes through the sheet's
   * skeleton). A big deflated part is inflated again in a worker ahead of the reader
   * (WorkerInflatingSource) and its held bytes are let go: at 100,000 rows the sheet's 43-64 MB
   * were the largest object of the write, and a sheet beyond the hold size is never whole.
   */
  sourceStream(part: string): ByteSource | undefined {
    const source = this.sourceEntry(part, true);
    if (!source) return undefined;
    const name = this.resolve(part);
    const { entry, bom } = source;
    if (entry.method === 8 && entry.size >= this.inflateInWorkerFrom) {
      this.held.delete(name);
      return this.inWorker(entry, bom, false);
    }
    return (this.held.get(name) ?? inflateEntry(entry)).subarray(bom);
  }

  /** A streamed part's pieces as one text (byte pieces are in the part's encoding). */
  private joinPieces(name: string, pieces: Iterable<Piece>): string {
    const enc = this.encodings.get(name) ?? UTF8;
    const decoder = new TextDecoder(enc.name === 'UTF-8' ? 'utf-8' : 'latin1');
    // Each piece is decoded as it comes (a byte piece may be a window of a reading that the
    // next one replaces), a character split between two byte pieces as one.
    const text: string[] = [];
    for (const p of pieces) {
      if (typeof p !== 'string') text.push(decoder.decode(p, { stream: true }));
      else text.push(decoder.decode(), p);
    }
    text.push(decoder.decode());
    return text.join('');
  }

  /** The encoding an original part was read in (UTF-8 for a part not read or not there). */
  encodingOf(part: string): PartEncoding {
    return this.encodings.get(this.resolve(part)) ?? UTF8;
  }

  /**
   * The encoding to write a part's new text in: what the original was stored in, as long as
   * the text still declares what the original declared (a patched part keeps its declaration;
   * a streamed part is always a patch); else the text is one we generated, declared UTF-8.
   */
  private encodingFor(name: string, text: string | Iterable<Piece>): PartEncoding {
    const original = this.encodings.get(name);
    if (typeof text !== 'string') return original ?? UTF8;
    const declared = declaredEncoding(text.slice(0, 256))?.toLowerCase();
    if (original && declared === this.declared.get(name)) return original;
    if (declared === undefined || declared === 'utf-8') return UTF8;
    throw new Error(`the refresh wrote ${name} declared as ${declared}, which it cannot encode`);
  }

  /** The text of a part that must exist (a missing one is a damaged package). */
  requireText(part: string): string {
    const s = this.text(part);
    if (s === undefined) {
      throw new DamagedPartError(
        normalizePart(part),
        'is missing although the package refers to it',
      );
    }
    return s;
  }

  /**
   * Replaces (or creates) a part's text; pieces produced lazily are streamed into the ZIP.
   * Byte pieces must be spans of sourceBytes(part), taken before this call.
   */
  write(
    part: string,
    text: string | Iterable<Piece>,
    options: { checkWritten?: boolean } = {},
  ): void {
    const name = this.resolve(part);
    if (!this.entry(name) && !this.written.has(name))
      this.writtenLower.set(name.toLowerCase(), name);
    // A part rewritten before it was read keeps the encoding it is stored in.
    if (this.entry(name) && !this.encodings.has(name)) this.text(name);
    this.written.set(name, { text });
    this.writtenChecks.delete(name);
    if (options.checkWritten && typeof text !== 'string') this.checkStreamed.add(name);
    else this.checkStreamed.delete(name);
    // Only text every code point of which UTF-8 carries (no half of a surrogate pair) is
    // checked from its UTF-8 bytes.
    if (
      typeof text === 'string' &&
      text.length >= this.checkInWorkerFrom &&
      !LONE_SURROGATE.test(text)
    ) {
      // Encoded once, into memory the worker shares: the zip deflates the same bytes.
      const utf8 = Buffer.from(new SharedArrayBuffer(Buffer.byteLength(text, 'utf8')));
      utf8.write(text, 'utf8');
      const checks = new WorkerChecks();
      checks.start(name, utf8, true, true, utf8.length, true);
      this.writtenChecks.set(name, { text, checks, utf8 });
    }
    // The old text stays only as long as the new pieces refer to it.
    this.textCache.delete(name);
    this.asciiParts.delete(name);
    this.utf8Parts.delete(name);
    this.held.delete(name);
  }

  /** Part names that were written in this session. */
  writtenParts(): string[] {
    return [...this.written.keys()];
  }

  /**
   * Serialises the package: untouched parts keep their original compressed bytes. Before
   * that, every new part gets a content type (in the style the package uses) and every part
   * written as a whole string is checked for well-formedness: a package is never written
   * less valid than it was read (a failure here is our defect, so it is not DamagedPartError).
   * Every part at level 6 (zlib's default, and the I/O floor's). Level 7 for the parts written
   * piece by piece was tried: at 100,000 rows it made the file 2.4% smaller (0.29 MB of 11.7)
   * for 0.69 s more deflating (sheet 7.68 -> 7.51 MB for 1.00 -> 1.47 s, snapshot and shared
   * strings 0.38 -> 0.59 s), on a machine whose two cores are the refresh's wall time.
   */
  toBytes(level = 6): Uint8Array {
    return writeZip(
      this.entriesOut(
        (entryName, name, text) => this.streamedEntry(entryName, name, text, level),
        level,
      ),
    );
  }

  /**
   * toBytes with the parts written piece by piece deflated in zlib's thread pool while their
   * pieces are produced (see makeStreamedEntryAsync): the same bytes, less wall time.
   */
  async toBytesAsync(level = 6): Promise<Uint8Array> {
    const streamed = new Map<string, ZipEntry>();
    // Streamed parts of ours checked from their deflated bytes (see checkStreamed).
    const outputChecks = new Map<string, WorkerChecks>();
    await keepingBatches(async () => {
      for (const [name, w] of this.written) {
        if (typeof w.text === 'string') continue;
        const enc = this.encodingFor(name, w.text);
        const entry = await makeStreamedEntryAsync(
          this.byName.get(name)?.name ?? name,
          w.text,
          level,
          enc.name === 'UTF-8' ? null : (t) => enc.encodePiece(t),
          enc.bom,
        );
        streamed.set(name, entry);
        if (this.checkStreamed.has(name) && enc.name === 'UTF-8') {
          const checks = new WorkerChecks();
          checks.start(name, entry.raw, false, true, entry.size);
          outputChecks.set(name, checks);
        }
      }
    });
    // Content types first: declaring a new relationship part rewrites [Content_Types].xml, and
    // a part rewritten after its worker check started must not be written from the checked bytes.
    this.declareNewParts();
    // Parts whose check runs in a worker (started when they were written) are not checked
    // again in line; they are waited for before the package is handed out.
    const inWorker = new Map<string, { checks: WorkerChecks; utf8: Uint8Array }>();
    for (const [name, c] of this.writtenChecks) {
      if (this.written.get(name)?.text === c.text) inWorker.set(name, c);
    }
    const zip = writeZip(
      this.entriesOut(
        (entryName, name) => streamed.get(name)!,
        level,
        inWorker,
        new Set(outputChecks.keys()),
      ),
    );
    const checking = [...inWorker].map(([name, { checks }]) => [name, checks] as const);
    for (const [name, checks] of [...checking, ...outputChecks]) {
      try {
        await checks.settled();
      } catch (err) {
        const why = err instanceof DamagedPartError ? err.reason : (err as Error).message;
        throw new Error(`the refresh produced ${name}, which ${why}`);
      }
    }
    return zip;
  }

  /** The output's entries: originals as they were, written ones made anew. */
  private entriesOut(
    streamed: (entryName: string, name: string, text: Iterable<Piece>) => ZipEntry,
    level: number,
    checkedElsewhere: ReadonlyMap<string, { utf8: Uint8Array }> = new Map(),
    streamedCheckedElsewhere: ReadonlySet<string> = new Set(),
  ): ZipEntry[] {
    this.declareNewParts();
    for (const [name, w] of this.written) {
      if (checkedElsewhere.has(name) || streamedCheckedElsewhere.has(name)) continue;
      if (typeof w.text !== 'string' && !this.checkStreamed.has(name)) continue;
      try {
        checkWellFormed(typeof w.text === 'string' ? w.text : this.joinPieces(name, w.text));
      } catch (err) {
        throw new Error(`the refresh produced ${name}, which ${(err as Error).message}`);
      }
    }
    const entryOf = (entryName: string, name: string, text: string | Iterable<Piece>): ZipEntry => {
      if (typeof text !== 'string') return streamed(entryName, name, text);
      const enc = this.encodingFor(name, text);
      // UTF-8 without a byte order mark: the bytes the worker checks are the part's.
      const ready = enc.name === 'UTF-8' && enc.bom.length === 0;
      const bytes = (ready ? checkedElsewhere.get(name)?.utf8 : undefined) ?? enc.encode(text);
      return makeEntry(entryName, bytes, level);
    };
    const out: ZipEntry[] = [];
    for (const e of this.entries) {
      const name = normalizePart(e.name);
      const w = this.written.get(name);
      out.push(w ? entryOf(e.name, name, w.text) : e);
    }
    for (const name of this.newParts()) out.push(entryOf(name, name, this.written.get(name)!.text));
    return out;
  }

  private streamedEntry(
    entryName: string,
    name: string,
    text: Iterable<Piece>,
    level: number,
  ): ZipEntry {
    const enc = this.encodingFor(name, text);
    return makeStreamedEntry(
      entryName,
      text,
      level,
      enc.name === 'UTF-8' ? null : (t) => enc.encodePiece(t),
      enc.bom,
    );
  }

  /** Gives every new part without a content type one (only relationship parts can lack it). */
  private declareNewParts(): void {
    for (const name of this.newParts()) {
      if (this.contentType(name) !== undefined) continue;
      if (!name.toLowerCase().endsWith('.rels')) {
        throw new Error(`the refresh created ${name} without declaring its content type`);
      }
      this.declareContentType(name, CT.relationships);
    }
  }

  // -------------------------------------------------------------------------------------
  // Content types
  // -------------------------------------------------------------------------------------

  /** Content type of a part from [Content_Types].xml (Override, then Default by extension). */
  contentType(part: string): string | undefined {
    const xml = this.text('[Content_Types].xml');
    if (xml === undefined) return undefined;
    const name = `/${normalizePart(part)}`.toLowerCase();
    const ext = name.slice(name.lastIndexOf('.') + 1);
    let byDefault: string | undefined;
    for (let t = nextTag(xml, 0); t; t = nextTag(xml, t.end)) {
      if (t.kind === 'close') continue;
      const tag = xml.slice(t.start, t.end);
      if (t.local === 'Override') {
        if ((getAttr(tag, 'PartName') ?? '').toLowerCase() === name) {
          return getAttr(tag, 'ContentType');
        }
      } else if (t.local === 'Default') {
        if ((getAttr(tag, 'Extension') ?? '').toLowerCase() === ext) {
          byDefault = getAttr(tag, 'ContentType');
        }
      }
    }
    return byDefault;
  }

  /** Declares a part's content type with an Override (replacing an existing one). */
  setContentType(part: string, contentType: string): void {
    const xml = this.requireText('[Content_Types].xml');
    const name = `/${normalizePart(part)}`;
    const root = expectRoot(xml, '[Content_Types].xml', 'Types');
    const prefix = prefixOf(root.name);
    const entry = `<${prefix}Override PartName="${escapeAttr(name)}" ContentType="${escapeAttr(contentType)}"/>`;
    for (const c of children(xml, root)) {
      if (c.local !== 'Override') continue;
      const tag = xml.slice(c.start, c.openEnd);
      if ((getAttr(tag, 'PartName') ?? '').toLowerCase() === name.toLowerCase()) {
        if (getAttr(tag, 'ContentType') === contentType) return;
        this.write('[Content_Types].xml', xml.slice(0, c.start) + entry + xml.slice(c.end));
        return;
      }
    }
    this.write('[Content_Types].xml', insertChild(xml, root, root.closeStart, entry));
  }

  // -------------------------------------------------------------------------------------
  // Relationships
  // -------------------------------------------------------------------------------------

  /** Relationships of a part (empty when it has none). */
  rels(part: string): Relationship[] {
    const xml = this.text(relsPartOf(part));
    if (xml === undefined) return [];
    const out: Relationship[] = [];
    const base = folderOf(normalizePart(part));
    expectRoot(xml, relsPartOf(normalizePart(part)), 'Relationships');
    for (let t = nextTag(xml, 0); t; t = nextTag(xml, t.end)) {
      if (t.local !== 'Relationship' || t.kind === 'close') continue;
      const a = parseAttrs(xml.slice(t.start, t.end));
      const target = a.get('Target') ?? '';
      const external = a.get('TargetMode') === 'External';
      let resolved = '';
      if (!external) {
        const path = decodeURIComponentSafe(target.split('#')[0] ?? '');
        resolved = path.startsWith('/') ? normalizePart(path) : normalizePart(`${base}/${path}`);
      }
      out.push({
        id: a.get('Id') ?? '',
        type: a.get('Type') ?? '',
        target,
        external,
        part: resolved,
      });
    }
    return out;
  }

  /** Relationships of a part with a given type (by the type's last segment). */
  relsOfKind(part: string, kind: string): Relationship[] {
    return this.rels(part).filter((r) => relKind(r.type) === kind);
  }

  /** Adds a relationship from `part` to `targetPart` and returns its new id. */
  addRel(part: string, kind: string, targetPart: string): string {
    const relsPart = relsPartOf(part);
    let xml = this.text(relsPart);
    if (xml === undefined) {
      xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"></Relationships>`;
      this.write(relsPart, xml);
      this.declareContentType(relsPart, CT.relationships);
    }
    const ids = new Set(this.rels(part).map((r) => r.id));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const root = expectRoot(xml, relsPart, 'Relationships');
    const prefix = prefixOf(root.name);
    const rel = `<${prefix}Relationship Id="${id}" Type="${TRANSITIONAL_REL}${kind}" Target="${escapeAttr(relativeTarget(normalizePart(part), normalizePart(targetPart)))}"/>`;
    this.write(relsPart, insertChild(xml, root, root.closeStart, rel));
    return id;
  }

  /**
   * Declares a part's content type in the style the package already uses: a part covered by
   * a Default for its extension needs nothing; a relationship part gets an Override when the
   * package lists its .rels parts one by one (some producers write no Default for "rels"),
   * else a Default; any other part gets an Override.
   */
  declareContentType(part: string, contentType: string): void {
    if (this.contentType(part) === contentType) return;
    const name = normalizePart(part).toLowerCase();
    if (name.endsWith('.rels')) {
      const xml = this.requireText('[Content_Types].xml');
      const root = expectRoot(xml, '[Content_Types].xml', 'Types');
      let hasDefault = false;
      let overridesRels = false;
      for (const c of children(xml, root)) {
        const tag = xml.slice(c.start, c.openEnd);
        if (c.local === 'Default') {
          if ((getAttr(tag, 'Extension') ?? '').toLowerCase() === 'rels') hasDefault = true;
        } else if (c.local === 'Override') {
          if ((getAttr(tag, 'PartName') ?? '').toLowerCase().endsWith('.rels'))
            overridesRels = true;
        }
      }
      if (!hasDefault && !overridesRels) {
        this.addContentTypeEntry(`Default Extension="rels" ContentType="${contentType}"`);
        return;
      }
    }
    this.setContentType(part, contentType);
  }

  private addContentTypeEntry(attrs: string): void {
    const xml = this.requireText('[Content_Types].xml');
    const root = expectRoot(xml, '[Content_Types].xml', 'Types');
    const prefix = prefixOf(root.name);
    this.write('[Content_Types].xml', insertChild(xml, root, root.openEnd, `<${prefix}${attrs}/>`));
  }

  /** A part name not used yet: `${folder}/${stem}${n}.xml` with the smallest free n ≥ 1. */
  freePartName(folder: string, stem: string, ext = 'xml'): string {
    for (let n = 1; ; n++) {
      const name = `${folder}/${stem}${n}.${ext}`;
      if (!this.has(name)) return name;
    }
  }

  // -------------------------------------------------------------------------------------
  // Workbook
  // -------------------------------------------------------------------------------------

  /** Part name of the workbook (from the package relationships). */
  workbookPart(): string | undefined {
    const rel = this.relsOfKind('', REL.officeDocument).find((r) => !r.external);
    if (rel && this.has(rel.part)) return rel.part;
    return this.has('xl/workbook.xml') ? 'xl/workbook.xml' : undefined;
  }

  /** The sheets listed in the workbook, in tab order. */
  sheets(workbookPart: string): SheetEntry[] {
    const xml = this.requireText(workbookPart);
    const rels = new Map(this.rels(workbookPart).map((r) => [r.id, r]));
    const out: SheetEntry[] = [];
    const root = expectRoot(xml, workbookPart, 'workbook');
    const prefix = prefixOf(root.name).slice(0, -1);
    const ns = getAttr(xml.slice(root.start, root.openEnd), prefix ? `xmlns:${prefix}` : 'xmlns');
    const format = ns === undefined ? undefined : UNSUPPORTED_NAMESPACES[ns];
    if (format !== undefined) throw new UnsupportedFormatError(format);
    const sheets = children(xml, root).find((c) => c.local === 'sheets');
    if (!sheets) return out;
    for (const s of children(xml, sheets)) {
      if (s.local !== 'sheet') continue;
      const a = parseAttrs(xml.slice(s.start, s.openEnd));
      let rId = '';
      for (const [k, v] of a) if (k.endsWith(':id') || k === 'id') rId = v;
      const rel = rels.get(rId);
      const state = a.get('state');
      out.push({
        name: a.get('name') ?? '',
        sheetId: Number(a.get('sheetId') ?? 0),
        rId,
        kind: rel ? relKind(rel.type) : 'missing',
        part: rel?.part ?? '',
        state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
      });
    }
    return out;
  }

  /** The shared strings table (plain and rich text; phonetic runs ignored). */
  sharedStrings(workbookPart: string): string[] {
    const rel = this.relsOfKind(workbookPart, REL.sharedStrings)[0];
    if (!rel || !this.has(rel.part)) return [];
    return [...inPart(rel.part, null, () => this.sharedStringItems(rel.part)).texts];
  }

  /**
   * The items of a shared-string part and, per item, whether it is plain (see
   * parseSharedStrings). Parsed once per text of the part: a 100,000-row inventory's table
   * holds 216,709 items. A big one is parsed from its bytes (sharedStringBytes).
   */
  sharedStringItems(part: string): { texts: readonly string[]; plain: readonly boolean[] } {
    const name = this.resolve(part);
    if (!this.written.has(name)) {
      if (this.sstBytes?.name === name) return this.sstBytes;
      const fromBytes = this.sharedStringBytes(name);
      if (fromBytes) return (this.sstBytes = fromBytes);
    }
    const xml = this.requireText(part);
    if (this.sst?.xml !== xml) {
      const plain: boolean[] = [];
      this.sst = { xml, texts: parseSharedStrings(xml, plain), plain };
    }
    return this.sst;
  }

  /**
   * A big original UTF-8 shared-string part parsed from its bytes, never made one text: each
   * item is decoded from its own bytes, so no item is a slice of the part's text that keeps
   * all of it (at 100,000 rows, a second refresh read 19 MB of XML with a few arrows and
   * ticks in it, a two-byte string of 38 MB, held by the items through the write). Checked
   * for well-formedness in a worker as text() checks a part of its size. Undefined when the
   * part is read as text: small (checked in line), read already, or not declared UTF-8.
   */
  private sharedStringBytes(name: string): SharedStringBytes | undefined {
    const e = this.entry(name);
    if (
      !e ||
      !this.workerChecks ||
      e.size < this.checkInWorkerFrom ||
      e.size > this.holdBytes ||
      this.textCache.has(name)
    ) {
      return undefined;
    }
    this.admit(name, e);
    return inPart(name, null, () => {
      const bytes = this.held.get(name) ?? inflateEntry(e);
      const b = bytes.subarray(0, 4);
      // UTF-16 and UTF-32 (a byte order mark or "<\0"), or another declared encoding: as text.
      if (b[0] === 0 || b[1] === 0 || b[0] === 0xff || b[0] === 0xfe || !isDeclaredUtf8(bytes)) {
        return undefined;
      }
      const bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
      const body = Buffer.from(bytes.buffer, bytes.byteOffset + bom, bytes.length - bom);
      // Bytes that are not UTF-8 are refused with decodePart's sentence.
      if (!isUtf8(body)) decodePart(bytes);
      // Started before the parse, as text() starts it: damage the parse trips over is then
      // reported as the check's sentence (refreshFile).
      if (!this.checkedParts.has(name)) {
        this.workerChecks!.start(name, e.raw, e.method === 0, true, e.size);
      }
      this.checkedParts.add(name);
      // Markup is ASCII, so in the Latin-1 view of the bytes every tag is where it is in the
      // text and its offsets are byte offsets; the view is let go once the items are read.
      const view = body.toString('latin1');
      const root = expectRoot(view, null, 'sst');
      // A root named in other characters than ASCII (never seen) is read as text.
      if (!/^[\x21-\x7e]+$/.test(root.name)) return undefined;
      const plain: boolean[] = [];
      const texts = parseSharedStrings(view, plain, (a, z) => body.toString('utf8', a, z));
      this.encodings.set(name, utf8(bom > 0));
      this.declared.set(name, declaredEncoding(view.slice(0, 256))?.toLowerCase());
      const decode = (a: number, z: number): string => body.toString('utf8', a, z);
      const closed = root.openEnd === root.end;
      return {
        name,
        texts,
        plain,
        frame: {
          prolog: decode(0, root.start),
          open: decode(root.start, root.openEnd),
          rootName: root.name,
          close: decode(closed ? root.end : root.closeStart, body.length),
          items: closed ? null : this.itemBytes(e, bom, root.openEnd, root.closeStart),
        },
      };
    });
  }

  /**
   * The bytes from `from` to `to` of an original part (after its byte order mark), inflated
   * again each time they are iterated, as sourceStream does (a big part in a worker).
   */
  private itemBytes(e: ZipEntry, bom: number, from: number, to: number): Iterable<Uint8Array> {
    const open = (): ByteSource =>
      e.method === 8 && e.size >= this.inflateInWorkerFrom
        ? this.inWorker(e, bom, false)
        : inflateEntry(e).subarray(bom);
    return {
      *[Symbol.iterator]() {
        const source = open();
        try {
          for (let a = from; a < to; a += SHEET_WINDOW) {
            yield source.subarray(a, Math.min(to, a + SHEET_WINDOW));
          }
        } finally {
          if (source instanceof WorkerInflatingSource) source.close();
        }
      },
    };
  }

  /**
   * The text around the items of a shared-string part read from its bytes (sharedStringBytes),
   * and its items' bytes, to write it back with new items appended and no text of the old ones
   * made; undefined when it was read as text or has been written since.
   */
  sharedStringFrame(part: string): SharedStringFrame | undefined {
    const name = this.resolve(part);
    if (this.written.has(name) || this.sstBytes?.name !== name) return undefined;
    return this.sstBytes.frame;
  }
}

/** A shared-string part parsed from its bytes (Package.sharedStringBytes). */
interface SharedStringBytes {
  name: string;
  texts: string[];
  plain: boolean[];
  frame: SharedStringFrame;
}

/** A shared-string part around its items (Package.sharedStringFrame). */
export interface SharedStringFrame {
  /** Everything before the root element. */
  prolog: string;
  /** The root's start tag. */
  open: string;
  /** The root's qualified name. */
  rootName: string;
  /** From the root's end tag to the end (from the end of a self-closing root). */
  close: string;
  /** What is between the start and end tags (null for a self-closing root). */
  items: Iterable<Piece> | null;
}

/**
 * Parses sharedStrings.xml: the text of each <si>, runs concatenated, <rPh> skipped. When
 * `plain` is given, it receives, per item, whether the item is one plain <t> and nothing else
 * (an item a cell of plain text can share; a rich or phonetic item cannot). `slice` gives
 * the text between two offsets of `xml` (Package.sharedStringBytes: decoded from the part's
 * bytes, of which `xml` is the Latin-1 view).
 */
export function parseSharedStrings(
  xml: string,
  plain?: boolean[],
  slice: (start: number, end: number) => string = (a, z) => xml.slice(a, z),
): string[] {
  const out: string[] = [];
  const root = expectRoot(xml, null, 'sst');
  const p = root.name.includes(':') ? root.name.slice(0, root.name.indexOf(':') + 1) : '';
  const siOpen = `<${p}si`;
  const siClose = `</${p}si>`;
  const tOpen = `<${p}t`;
  const tClose = `</${p}t>`;
  let pos = root.openEnd;
  for (;;) {
    const start = xml.indexOf(siOpen, pos);
    if (start < 0 || start >= root.closeStart) break;
    const openEnd = xml.indexOf('>', start) + 1;
    if (xml.charCodeAt(openEnd - 2) === 47 /* / */) {
      out.push('');
      plain?.push(false);
      pos = openEnd;
      continue;
    }
    const end = xml.indexOf(siClose, openEnd);
    if (end < 0) break;
    pos = end + siClose.length;
    // Fast path: one plain <t> and nothing else (most strings), read in place; rich runs and
    // phonetics take the full path over the item's inner text.
    if (xml.startsWith(tOpen, openEnd)) {
      const textStart = xml.indexOf('>', openEnd) + 1;
      const te = end - tClose.length;
      if (
        textStart <= te &&
        xml.charCodeAt(textStart - 2) !== 47 /* / */ &&
        xml.indexOf('<', textStart) === te &&
        xml.startsWith(tClose, te)
      ) {
        out.push(decodeOoxmlEscapes(decodeEntities(slice(textStart, te))));
        plain?.push(true);
        continue;
      }
    }
    out.push(runText(slice(openEnd, end)));
    plain?.push(false);
  }
  return out;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
