/**
 * A minimal ZIP container reader/writer for OPC packages. Unlike a "decompress everything,
 * recompress everything" round trip, it keeps each entry's original compressed bytes, so a
 * part the refresh does not touch is copied into the output as-is (byte-identical, and no
 * time spent inflating or deflating it). It reads what producers write: stored and deflated
 * entries, data descriptors (sizes are taken from the central directory), ZIP64 records
 * (streaming writers emit them even for small files) and names in any case. A part that is
 * read is inflated by Node's zlib and checked against its CRC-32, so a flipped byte in deflated
 * data is damage, not a silently different text. New parts are deflated by Node's zlib.
 */

import {
  constants as zlibConstants,
  crc32 as nativeCrc32,
  deflateRaw,
  deflateRawSync,
  inflateRawSync,
  type ZlibOptions,
} from 'node:zlib';
import { Inflate } from 'fflate';
import { DamagedPartError, ZipLimitError } from './damage';

/** One entry of a ZIP archive, with its data still compressed. */
export interface ZipEntry {
  name: string;
  /** The name as stored (copied entries keep it byte for byte). */
  nameBytes: Uint8Array;
  /** General-purpose flags kept when copying (bit 11: the name is UTF-8). */
  flags: number;
  /** 0 = stored, 8 = deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** The compressed bytes (a view into the archive). */
  raw: Uint8Array;
  /**
   * The compressed bytes in the pieces they were deflated in (an entry written piece by
   * piece): writeZip copies them from there, and `raw` joins them only if it is read.
   */
  rawPieces?: readonly Uint8Array[];
  /** DOS time and date of the entry, kept when copying. */
  time: number;
  date: number;
}

/** A damaged ZIP container or entry; the caller turns it into the catalogue's sentence. */
export class ZipFormatError extends DamagedPartError {
  constructor(reason: string, part: string | null = null) {
    super(part, reason);
    this.name = 'ZipFormatError';
  }
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_END64_LOCATOR = 0x07064b50;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;

const TRUNCATED = 'the file is cut off or is not a workbook (its ZIP directory is missing)';

/** CP437, the ZIP default for names without the UTF-8 flag (upper half only). */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

function decodeName(bytes: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag || bytes.every((b) => b < 0x80)) return new TextDecoder('utf-8').decode(bytes);
  let out = '';
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80]!;
  return out;
}

/** The ZIP64 extended-information extra field's values for the fields saturated at 0xFFFFFFFF. */
function zip64Values(
  view: DataView,
  extraStart: number,
  extraLen: number,
  wanted: readonly boolean[],
): number[] {
  const out: number[] = [];
  let p = extraStart;
  const end = extraStart + extraLen;
  while (p + 4 <= end) {
    const id = view.getUint16(p, true);
    const len = view.getUint16(p + 2, true);
    if (id === 0x0001) {
      let q = p + 4;
      for (const w of wanted) {
        if (!w) continue;
        if (q + 8 > p + 4 + len) break;
        out.push(Number(view.getBigUint64(q, true)));
        q += 8;
      }
      return out;
    }
    p += 4 + len;
  }
  return out;
}

/**
 * What an entry's local header says differently from its central directory record, or null.
 * Readers differ in which of the two they believe (LibreOffice and Excel walk local headers;
 * this reader, like most, the directory), so a package where they differ can be read as two
 * different workbooks. With a data descriptor (flag bit 3) the local CRC and sizes may be zero
 * (APPNOTE 4.4.4); ZIP64 sizes saturated at 0xFFFFFFFF are in the local extra field.
 */
function localDisagreement(
  view: DataView,
  bytes: Uint8Array,
  at: number,
  central: Pick<ZipEntry, 'nameBytes' | 'flags' | 'method' | 'crc' | 'compressedSize' | 'size'>,
): string | null {
  const flags = view.getUint16(at + 6, true);
  const nameLen = view.getUint16(at + 26, true);
  const extraLen = view.getUint16(at + 28, true);
  const name = bytes.subarray(at + 30, at + 30 + nameLen);
  if (name.length !== central.nameBytes.length || name.some((b, i) => b !== central.nameBytes[i])) {
    return 'its name';
  }
  const kept = FLAG_ENCRYPTED | FLAG_DATA_DESCRIPTOR;
  if ((flags & kept) !== (central.flags & kept)) return 'its flags';
  if (view.getUint16(at + 8, true) !== central.method) return 'its compression method';
  const crc = view.getUint32(at + 14, true);
  let compressedSize = view.getUint32(at + 18, true);
  let size = view.getUint32(at + 22, true);
  if (size === 0xffffffff || compressedSize === 0xffffffff) {
    const wide = [size === 0xffffffff, compressedSize === 0xffffffff];
    const values = zip64Values(view, at + 30 + nameLen, extraLen, wide);
    if (wide[0]) size = values.shift() ?? -1;
    if (wide[1]) compressedSize = values.shift() ?? -1;
  }
  const described = (flags & FLAG_DATA_DESCRIPTOR) !== 0;
  if (described && crc === 0 && compressedSize === 0 && size === 0) return null;
  if (crc !== central.crc) return 'its checksum';
  if (compressedSize !== central.compressedSize || size !== central.size) return 'its sizes';
  return null;
}

/** Reads the central directory of a ZIP archive (entries in archive order). */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === SIG_END) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError(TRUNCATED);
  let count = view.getUint16(eocd + 10, true);
  let dirOffset = view.getUint32(eocd + 16, true);
  // ZIP64: a locator just before the record points at the ZIP64 end record.
  const loc = eocd - 20;
  if (loc >= 0 && view.getUint32(loc, true) === SIG_END64_LOCATOR) {
    const end64 = Number(view.getBigUint64(loc + 8, true));
    if (end64 + 56 > bytes.length || view.getUint32(end64, true) !== SIG_END64) {
      throw new ZipFormatError('its ZIP64 directory record is damaged');
    }
    count = Number(view.getBigUint64(end64 + 32, true));
    dirOffset = Number(view.getBigUint64(end64 + 48, true));
  } else if (count === 0xffff || dirOffset === 0xffffffff) {
    throw new ZipFormatError('its ZIP64 directory record is missing');
  }
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== SIG_CENTRAL) {
      throw new ZipFormatError('its ZIP directory is damaged');
    }
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const time = view.getUint16(p + 12, true);
    const date = view.getUint16(p + 14, true);
    const crc = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLen + extraLen > bytes.length) {
      throw new ZipFormatError('its ZIP directory is damaged');
    }
    const nameBytes = bytes.slice(p + 46, p + 46 + nameLen);
    const name = decodeName(nameBytes, (flags & FLAG_UTF8) !== 0);
    const wide = [size === 0xffffffff, compressedSize === 0xffffffff, localOffset === 0xffffffff];
    if (wide.some(Boolean)) {
      const values = zip64Values(view, p + 46 + nameLen, extraLen, wide);
      if (values.length !== wide.filter(Boolean).length) {
        throw new ZipFormatError('its ZIP64 sizes are missing', name);
      }
      if (wide[0]) size = values.shift()!;
      if (wide[1]) compressedSize = values.shift()!;
      if (wide[2]) localOffset = values.shift()!;
    }
    p += 46 + nameLen + extraLen + commentLen;
    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== SIG_LOCAL) {
      throw new ZipFormatError('is damaged in the ZIP archive (its entry header is missing)', name);
    }
    const localNameLen = view.getUint16(localOffset + 26, true);
    const localExtraLen = view.getUint16(localOffset + 28, true);
    const dataStart = localOffset + 30 + localNameLen + localExtraLen;
    if (dataStart + compressedSize > bytes.length) {
      throw new ZipFormatError('is cut off (the file is truncated)', name);
    }
    const disagreement = localDisagreement(view, bytes, localOffset, {
      nameBytes,
      flags,
      method,
      crc,
      compressedSize,
      size,
    });
    if (disagreement !== null) {
      throw new ZipFormatError(
        `has a ZIP entry header that disagrees with the ZIP directory (${disagreement}), so it can be read two ways`,
        name,
      );
    }
    if (flags & FLAG_ENCRYPTED) {
      // Refused whether the refresh reads it or copies it: a copy would carry a part no one
      // can open into the output.
      throw new ZipFormatError('is encrypted inside the ZIP archive', name);
    }
    if (name.endsWith('/')) continue; // directory entries carry no part
    entries.push({
      name,
      nameBytes,
      flags: flags & ~FLAG_DATA_DESCRIPTOR,
      method,
      crc,
      compressedSize,
      size,
      raw: bytes.subarray(dataStart, dataStart + compressedSize),
      time,
      date,
    });
  }
  return entries;
}

/** Refuses an entry that is encrypted or compressed in a way Excel does not write. */
function readable(entry: ZipEntry): void {
  if (entry.flags & FLAG_ENCRYPTED) {
    throw new ZipFormatError('is encrypted inside the ZIP archive', entry.name);
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ZipFormatError(
      `uses ZIP compression method ${entry.method}, which Excel does not write`,
      entry.name,
    );
  }
}

/** Decompresses one entry and checks its size and CRC-32. */
export function inflateEntry(entry: ZipEntry): Uint8Array {
  readable(entry);
  let out: Uint8Array;
  if (entry.method === 0) out = entry.raw;
  else if (entry.method === 8) {
    try {
      // Node's native inflate (0.24 s CPU vs fflate's 0.33-0.47 s on the 43 MB sheet) into
      // one buffer of the declared size (no chunks joined: 20 MiB less peak at 100k rows);
      // output past the declared size is damage, not memory to spend.
      const b = inflateRawSync(entry.raw, {
        maxOutputLength: Math.max(1, entry.size + 1),
        chunkSize: Math.max(64, entry.size + 1),
      });
      out = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch {
      throw new ZipFormatError('is damaged (its compressed data cannot be read)', entry.name);
    }
  } else throw new Error('unreachable: readable() admits methods 0 and 8');
  if (out.length !== entry.size) {
    throw new ZipFormatError(
      `is damaged (it holds ${out.length} bytes where the ZIP directory says ${entry.size})`,
      entry.name,
    );
  }
  if (crc32(out) !== entry.crc) {
    throw new ZipFormatError('is damaged (its bytes fail the ZIP checksum)', entry.name);
  }
  return out;
}

/**
 * Bytes of a big sheet's XML decoded and scanned at a time (read.ts, sheetxml.ts). Small
 * enough that each window's string is an ordinary young object: decoding the 43 MB of a
 * 100,000-row sheet in 64 KB windows took 4-9 ms, in 1 MB windows 115-310 ms (each a large
 * object, kept until a full garbage collection).
 */
export const SHEET_WINDOW = 64 << 10;

/** A Uint8Array's bytes as a Buffer (no copy), for Buffer's searches and decoders. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Bytes a reader takes front to back: each `subarray(a, b)` starts at or after the previous
 * one's start. A whole Uint8Array is one; InflatingSource is one that never holds them all.
 */
export interface ByteSource {
  readonly length: number;
  subarray(a: number, b: number): Uint8Array;
}

/** Compressed bytes pushed into the inflater at a time (about 0.5-1 MB of sheet XML). */
const RAW_PIECE = 64 << 10;

/**
 * An entry's bytes (from `skip` on), inflated as they are asked for and forgotten once read
 * past: the inventory sheet is written from its original bytes, front to back, so only the
 * stretch between the last span taken and the next is held — not the 450 MB of a sheet at
 * Excel's full grid beside the rest of the refresh. fflate's streaming Inflate is used
 * because it is synchronous (the reader and the patch take windows as they go) and Node's
 * zlib has no synchronous stream; it is slower than zlib's one-shot inflate, which parts up
 * to Package's hold size use instead. The first reading checks size and CRC-32 (`checkCrc`);
 * a later one, of bytes already checked, only their size.
 */
export class InflatingSource implements ByteSource {
  readonly length: number;
  /** Inflated bytes held, starting at offset `start` of the entry's bytes. */
  private held: Uint8Array = new Uint8Array(0);
  private start = 0;
  private rawAt = 0;
  private readonly out: Uint8Array[] = [];
  private readonly inflater: Inflate | null;

  /** CRC-32 of the bytes inflated so far, when they are checked (`checkCrc`). */
  private crc = 0;

  /**
   * `checkCrc`: this is the first reading of the bytes (no one-shot inflate checked them), so
   * their CRC-32 is checked when the last of them is inflated.
   */
  constructor(
    private readonly entry: ZipEntry,
    private readonly skip = 0,
    private readonly checkCrc = false,
  ) {
    readable(entry);
    this.length = entry.size - skip;
    this.inflater =
      entry.method === 0
        ? null
        : new Inflate((chunk) => {
            this.out.push(chunk);
          });
    // Stored bytes are all there already: checked now.
    if (entry.method === 0 && checkCrc) {
      if (entry.raw.length !== entry.size) {
        throw new ZipFormatError(
          `is damaged (it holds ${entry.raw.length} bytes where the ZIP directory says ${entry.size})`,
          entry.name,
        );
      }
      if (crc32(entry.raw) !== entry.crc) {
        throw new ZipFormatError('is damaged (its bytes fail the ZIP checksum)', entry.name);
      }
    }
  }

  subarray(a: number, b: number): Uint8Array {
    const from = a + this.skip;
    const to = Math.min(b, this.length) + this.skip;
    if (this.inflater === null) return this.entry.raw.subarray(from, Math.max(from, to));
    if (from < this.start) throw new Error('InflatingSource was read backwards');
    const raw = this.entry.raw;
    while (this.start + this.held.length < to && this.rawAt < raw.length) this.pull(from);
    // A reading that reaches the end takes the rest of the compressed data too (end-of-stream
    // blocks that yield no bytes, or bytes after the stream), so its size and CRC are checked.
    if (this.checkCrc && to === this.length + this.skip) {
      while (this.rawAt < raw.length) this.pull(from);
    }
    if (this.start + this.held.length < to) {
      throw new ZipFormatError('is damaged (its compressed data ends early)', this.entry.name);
    }
    return this.held.subarray(from - this.start, Math.max(from, to) - this.start);
  }

  /** Inflates the next piece, keeping what is held from offset `keep` on. */
  private pull(keep: number): void {
    const raw = this.entry.raw;
    const end = Math.min(raw.length, this.rawAt + RAW_PIECE);
    try {
      this.inflater!.push(raw.subarray(this.rawAt, end), end === raw.length);
    } catch {
      throw new ZipFormatError('is damaged (its compressed data cannot be read)', this.entry.name);
    }
    this.rawAt = end;
    if (this.checkCrc) for (const c of this.out) this.crc = crc32(c, this.crc);
    // Held bytes and the new output, less everything before `keep`.
    const pieces = [this.held, ...this.out.splice(0)];
    let total = 0;
    for (const c of pieces) total += c.length;
    // Past the declared size is damage at once (the size was what the limits admitted),
    // not memory to spend until the data ends.
    if (this.start + total > this.entry.size) {
      throw new ZipFormatError(
        `is damaged (it inflates past the ${this.entry.size} bytes the ZIP directory says)`,
        this.entry.name,
      );
    }
    let drop = Math.min(Math.max(0, keep - this.start), total);
    const held = new Uint8Array(total - drop);
    this.start += drop;
    let at = 0;
    for (const c of pieces) {
      const part = drop >= c.length ? c.subarray(c.length) : c.subarray(drop);
      drop = Math.max(0, drop - c.length);
      held.set(part, at);
      at += part.length;
    }
    this.held = held;
    if (end === raw.length && this.start + held.length !== this.entry.size) {
      throw new ZipFormatError(
        `is damaged (it holds ${this.start + held.length} bytes where the ZIP directory says ${this.entry.size})`,
        this.entry.name,
      );
    }
    if (end === raw.length && this.checkCrc && this.crc !== this.entry.crc) {
      throw new ZipFormatError('is damaged (its bytes fail the ZIP checksum)', this.entry.name);
    }
  }
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 of a byte array (the ZIP checksum); pass the previous result to continue one. */
export function crc32(data: Uint8Array, previous = 0): number {
  // zlib.crc32 (Node >= 20.15) is native and ~20x faster; the table is for older Node 20.
  if (typeof nativeCrc32 === 'function') return nativeCrc32(data, previous) >>> 0;
  let c = previous ^ -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

function dosTime(): { time: number; date: number } {
  const now = new Date();
  return {
    time: (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1),
    date: ((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate(),
  };
}

const utf8 = new TextEncoder();

function newEntry(name: string, crc: number, size: number, raw: Uint8Array): ZipEntry {
  return {
    name,
    nameBytes: utf8.encode(name),
    flags: FLAG_UTF8,
    method: 8,
    crc,
    compressedSize: raw.length,
    size,
    raw,
    ...dosTime(),
  };
}

/**
 * One piece of a part written piece by piece: text (encoded as the part's encoding says) or
 * bytes already in that encoding (a span of the original part copied as it was read).
 */
export type Piece = string | Uint8Array;

/**
 * Bytes per deflate batch. Pieces are written into batches of this size (text encoded in
 * place, byte spans copied), so no joined string nor per-piece array exists. Each batch is an
 * independent raw-deflate stream ended with a sync flush (byte-aligned, not final) and only
 * the last one is finished, so the batches concatenate into one valid deflate stream. A batch
 * loses the previous one's 32 KB dictionary: at 100,000 rows 1 MB batches were ~0.2% larger
 * than 4 MB ones, which then cost 55 MiB of peak as joined strings; as plain buffers 4 MB
 * costs only the batches in flight, once they are reused (batchPool).
 */
const BATCH_BYTES = 4 << 20;

/**
 * Batch buffers handed back once deflated, so one entry uses a handful of them however long
 * it is. A fresh buffer per batch lives until a full garbage collection (it is held across
 * the deflate, so it is no longer young when it dies): at 100,000 rows the 64 MB sheet's
 * batches were all still allocated when it had been written.
 *
 * A producer of pieces takes its buffers here too (pieceBuffer): a piece that is the start of
 * one is deflated as a batch of its own, not copied into one, and comes back here once
 * deflated. Only the entry writers hand buffers back, and only after zlib has read them, so
 * a consumer that keeps its pieces (a part read back as text) keeps valid bytes. Free buffers
 * are dropped when no entry is being written, so nothing is held between refreshes.
 */
const batchPool = {
  /** Every buffer this pool made (by its memory), so a piece can be known as one. */
  made: new WeakSet<ArrayBufferLike>(),
  free: [] as Buffer[],
  /** Entries being written now. */
  writers: 0,

  take(): Buffer {
    const free = this.free.pop();
    if (free !== undefined) return free;
    const b = Buffer.allocUnsafeSlow(BATCH_BYTES);
    this.made.add(b.buffer);
    return b;
  },

  /** True when bytes are the start of one of the pool's buffers. */
  owns(bytes: Uint8Array): boolean {
    return bytes.byteOffset === 0 && this.made.has(bytes.buffer);
  },

  /** Hands back a batch (or the start of one) that nothing reads any more. */
  give(batch: Uint8Array): void {
    if (this.writers > 0 && this.owns(batch)) {
      this.free.push(Buffer.from(batch.buffer, 0, BATCH_BYTES));
    }
  },

  /** Brackets the writing of one entry (free buffers go when the last one ends). */
  open(): void {
    this.writers++;
  },
  close(): void {
    if (--this.writers === 0) this.free.length = 0;
  },
};

/**
 * Runs `work`, which writes several streamed entries one after another, with the batch buffers
 * kept from one entry to the next (else each entry makes its own and the last one's wait for a
 * full garbage collection: at 100,000 rows 16 buffers of 4 MB for three parts, against 6).
 */
export async function keepingBatches<T>(work: () => Promise<T>): Promise<T> {
  batchPool.open();
  try {
    return await work();
  } finally {
    batchPool.close();
  }
}

/**
 * A buffer for a producer of pieces to fill from its start and yield (the whole or its
 * start, `subarray(0, n)`), then leave alone: an entry deflates it as one batch with no copy
 * (see batchPool). Its length is the most one such piece holds.
 */
export function pieceBuffer(): Buffer {
  return batchPool.take();
}

/**
 * Turns pieces into full batches of bytes. `encode` is null for UTF-8 (text is written into
 * the batch directly), else the part's encoder.
 */
function* batchesOf(
  pieces: Iterable<Piece>,
  encode: ((text: string) => Uint8Array) | null,
  bom: Uint8Array,
): Generator<Uint8Array> {
  const pool = batchPool;
  let buf = pool.take();
  let at = 0;
  const full: Uint8Array[] = [];
  // Copies bytes in (no generator per piece: there are several per row of a big sheet).
  const copy = (bytes: Uint8Array): void => {
    if (bytes.length <= BATCH_BYTES - at) {
      buf.set(bytes, at);
      at += bytes.length;
      return;
    }
    let from = 0;
    while (from < bytes.length) {
      const n = Math.min(bytes.length - from, BATCH_BYTES - at);
      buf.set(bytes.subarray(from, from + n), at);
      at += n;
      from += n;
      if (at === BATCH_BYTES) {
        full.push(buf);
        buf = pool.take();
        at = 0;
      }
    }
  };
  // A long text (the kept items of a shared-string table: 15-36 MB at 100,000 rows) is
  // encoded into the batches as far as they hold, not into a buffer of its own first. A
  // character that would straddle two batches is split as copy() splits bytes, so the
  // batches are the same as from the whole text's bytes.
  const text = (t: string): void => {
    let from = 0;
    while (from < t.length) {
      const done = utf8.encodeInto(from === 0 ? t : t.slice(from), buf.subarray(at));
      at += done.written;
      from += done.read;
      if (from < t.length && at > BATCH_BYTES - 4) {
        const code = t.codePointAt(from)!;
        const char = String.fromCodePoint(code);
        copy(utf8.encode(char));
        from += char.length;
      }
      if (at === BATCH_BYTES) {
        full.push(buf);
        buf = pool.take();
        at = 0;
      }
    }
  };
  copy(bom);
  for (const piece of pieces) {
    if (typeof piece !== 'string' && pool.owns(piece)) {
      // A producer's pool buffer is a batch already: what is gathered so far goes first.
      if (at > 0) {
        full.push(buf.subarray(0, at));
        buf = pool.take();
        at = 0;
      }
      full.push(piece);
    } else if (typeof piece !== 'string') copy(piece);
    else if (encode !== null) copy(encode(piece));
    else if (piece.length * 3 <= BATCH_BYTES - at) at += buf.write(piece, at, 'utf8');
    else text(piece);
    if (full.length > 0) yield* full.splice(0);
  }
  yield buf.subarray(0, at);
}

/** Running size, CRC-32 and deflated chunks of a streamed entry. */
class StreamedEntry {
  private readonly chunks: Uint8Array[] = [];
  private crc = 0;
  private size = 0;

  /** Accounts for one batch (in order) before it is deflated. */
  take(batch: Uint8Array): void {
    this.crc = crc32(batch, this.crc);
    this.size += batch.length;
  }

  /** Sets the deflated bytes of batch `i`. */
  put(i: number, deflated: Uint8Array): void {
    this.chunks[i] = deflated;
  }

  /**
   * The entry, its compressed bytes kept in their pieces (rawPieces): the archive copies them
   * once, into itself, rather than once into a joined buffer and again from there.
   */
  entry(name: string): ZipEntry {
    const chunks = this.chunks;
    let total = 0;
    for (const c of chunks) total += c.length;
    const entry = newEntry(name, this.crc, this.size, new Uint8Array(0));
    let joined: Uint8Array | null = null;
    Object.defineProperty(entry, 'raw', {
      enumerable: true,
      get: (): Uint8Array => {
        if (joined === null) {
          joined = new Uint8Array(total);
          let at = 0;
          for (const c of chunks) {
            joined.set(c, at);
            at += c.length;
          }
        }
        return joined;
      },
    });
    entry.compressedSize = total;
    entry.rawPieces = chunks;
    return entry;
  }
}

function deflateOptions(level: number, final: boolean): ZlibOptions {
  return {
    level,
    memLevel: 9,
    finishFlush: final ? zlibConstants.Z_FINISH : zlibConstants.Z_SYNC_FLUSH,
  };
}

/** Ahead-of-time batches: the last one is known only when the next one is asked for. */
function* withLast<T>(items: Iterable<T>): Generator<[T, boolean]> {
  let prev: T | undefined;
  let has = false;
  for (const item of items) {
    if (has) yield [prev as T, false];
    prev = item;
    has = true;
  }
  if (has) yield [prev as T, true];
}

/**
 * Builds a deflated entry from pieces (see Piece and BATCH_BYTES), so a big sheet never
 * exists as one string or one buffer.
 */
export function makeStreamedEntry(
  name: string,
  pieces: Iterable<Piece>,
  level = 6,
  encode: ((text: string) => Uint8Array) | null = null,
  bom: Uint8Array = new Uint8Array(0),
): ZipEntry {
  const out = new StreamedEntry();
  let i = 0;
  batchPool.open();
  try {
    for (const [batch, final] of withLast(batchesOf(pieces, encode, bom))) {
      out.take(batch);
      out.put(i++, deflateRawSync(batch, deflateOptions(level, final)));
      batchPool.give(batch);
    }
  } finally {
    batchPool.close();
  }
  return out.entry(name);
}

/** Batches deflated at once in zlib's thread pool while the next ones are produced. */
const IN_FLIGHT = 3;

/**
 * makeStreamedEntry with the deflating done in Node's thread pool: while zlib deflates one
 * batch on another core, this thread produces the next (the sheet's pieces), so on two
 * cores the wall time is about the larger of the two instead of their sum. At most
 * IN_FLIGHT batches wait at once, so memory stays bounded.
 */
export async function makeStreamedEntryAsync(
  name: string,
  pieces: Iterable<Piece>,
  level = 6,
  encode: ((text: string) => Uint8Array) | null = null,
  bom: Uint8Array = new Uint8Array(0),
): Promise<ZipEntry> {
  const out = new StreamedEntry();
  const pending: Promise<void>[] = [];
  let i = 0;
  batchPool.open();
  try {
    for (const [batch, final] of withLast(batchesOf(pieces, encode, bom))) {
      out.take(batch);
      const index = i++;
      pending.push(
        new Promise<void>((resolve, reject) => {
          deflateRaw(batch, deflateOptions(level, final), (err, result) => {
            if (err) reject(err);
            else {
              // zlib has read the batch: its buffer takes a later one.
              batchPool.give(batch);
              out.put(index, result);
              resolve();
            }
          });
        }),
      );
      if (pending.length >= IN_FLIGHT) await pending.shift();
    }
    await Promise.all(pending);
  } finally {
    batchPool.close();
  }
  return out.entry(name);
}

/** Builds a deflated entry from new content. */
export function makeEntry(name: string, data: Uint8Array, level = 6): ZipEntry {
  return newEntry(name, crc32(data), data.length, new Uint8Array(deflateRawSync(data, { level })));
}

/** Writes entries (already compressed) into a new ZIP archive. */
export function writeZip(entries: ZipEntry[]): Uint8Array {
  let total = 22;
  // An entry's compressed size is the length of its raw bytes (or of their pieces together).
  const rawLength = (e: ZipEntry): number => (e.rawPieces ? e.compressedSize : e.raw.length);
  for (const e of entries)
    total += 30 + e.nameBytes.length + rawLength(e) + 46 + e.nameBytes.length;
  // Past either, the archive needs ZIP64 records, which Excel does not write (and this
  // writer does not either): the 65,535th entry count means "see ZIP64", hence 65,534.
  if (entries.length > 0xfffe) throw new ZipLimitError('parts', entries.length);
  if (total > 0xffffffff) throw new ZipLimitError('bytes', total);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let p = 0;
  for (const e of entries) {
    const name = e.nameBytes;
    offsets.push(p);
    view.setUint32(p, SIG_LOCAL, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, e.flags, true);
    view.setUint16(p + 8, e.method, true);
    view.setUint16(p + 10, e.time, true);
    view.setUint16(p + 12, e.date, true);
    view.setUint32(p + 14, e.crc, true);
    view.setUint32(p + 18, rawLength(e), true);
    view.setUint32(p + 22, e.size, true);
    view.setUint16(p + 26, name.length, true);
    view.setUint16(p + 28, 0, true);
    out.set(name, p + 30);
    let at = p + 30 + name.length;
    for (const piece of e.rawPieces ?? [e.raw]) {
      out.set(piece, at);
      at += piece.length;
    }
    p = at;
  }
  const dirStart = p;
  entries.forEach((e, i) => {
    const name = e.nameBytes;
    view.setUint32(p, SIG_CENTRAL, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 20, true);
    view.setUint16(p + 8, e.flags, true);
    view.setUint16(p + 10, e.method, true);
    view.setUint16(p + 12, e.time, true);
    view.setUint16(p + 14, e.date, true);
    view.setUint32(p + 16, e.crc, true);
    view.setUint32(p + 20, rawLength(e), true);
    view.setUint32(p + 24, e.size, true);
    view.setUint16(p + 28, name.length, true);
    view.setUint32(p + 42, offsets[i]!, true);
    out.set(name, p + 46);
    p += 46 + name.length;
  });
  view.setUint32(p, SIG_END, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - dirStart, true);
  view.setUint32(p + 16, dirStart, true);
  return out;
}
