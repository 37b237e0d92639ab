/**
 * A minimal ZIP container reader/writer for OPC packages. Unlike a "decompress everything,
 * recompress everything" round trip, it keeps each entry's original compressed bytes, so a
 * part the refresh does not touch is copied into the output as-is (byte-identical, and no
 * time spent inflating or deflating it). Inflate/deflate of the parts we read or write is
 * done by fflate.
 */

import { Deflate, deflateSync, inflateSync } from 'fflate';

/** One entry of a ZIP archive, with its data still compressed. */
export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** The compressed bytes (a view into the archive). */
  raw: Uint8Array;
  /** DOS time and date of the entry, kept when copying. */
  time: number;
  date: number;
}

/** Thrown for archives this reader cannot handle; the caller turns it into a user message. */
export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;

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
  if (eocd < 0) throw new ZipFormatError('the ZIP directory is missing or the file is truncated');
  const count = view.getUint16(eocd + 10, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) {
    throw new ZipFormatError('ZIP64 archives are not supported');
  }
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== SIG_CENTRAL) {
      throw new ZipFormatError('the ZIP directory is damaged');
    }
    const method = view.getUint16(p + 10, true);
    const time = view.getUint16(p + 12, true);
    const date = view.getUint16(p + 14, true);
    const crc = view.getUint32(p + 16, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (view.getUint32(localOffset, true) !== SIG_LOCAL) {
      throw new ZipFormatError(`the ZIP entry "${name}" is damaged`);
    }
    const localNameLen = view.getUint16(localOffset + 26, true);
    const localExtraLen = view.getUint16(localOffset + 28, true);
    const dataStart = localOffset + 30 + localNameLen + localExtraLen;
    if (dataStart + compressedSize > bytes.length) {
      throw new ZipFormatError(`the ZIP entry "${name}" is truncated`);
    }
    if (name.endsWith('/')) continue; // directory entries carry no part
    entries.push({
      name,
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

/** Decompresses one entry and checks its size. */
export function inflateEntry(entry: ZipEntry): Uint8Array {
  let out: Uint8Array;
  if (entry.method === 0) out = entry.raw;
  else if (entry.method === 8) out = inflateSync(entry.raw, { out: new Uint8Array(entry.size) });
  else throw new ZipFormatError(`the ZIP entry "${entry.name}" uses an unsupported compression`);
  if (out.length !== entry.size) {
    throw new ZipFormatError(`the ZIP entry "${entry.name}" is damaged`);
  }
  return out;
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

type Level = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/**
 * Builds a deflated entry from text produced piece by piece: pieces are UTF-8 encoded and
 * deflated in batches of about a megabyte, so a big sheet never exists as one string.
 */
export function makeStreamedEntry(name: string, pieces: Iterable<string>, level = 6): ZipEntry {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let compressedSize = 0;
  const deflate = new Deflate({ level: level as Level }, (chunk) => {
    chunks.push(chunk);
    compressedSize += chunk.length;
  });
  let crc = 0;
  let size = 0;
  let batch: string[] = [];
  let batchLength = 0;
  const flush = (final: boolean): void => {
    const bytes = encoder.encode(batch.join(''));
    crc = crc32(bytes, crc);
    size += bytes.length;
    deflate.push(bytes, final);
    batch = [];
    batchLength = 0;
  };
  for (const piece of pieces) {
    batch.push(piece);
    batchLength += piece.length;
    if (batchLength >= 1 << 20) flush(false);
  }
  flush(true);
  const raw = new Uint8Array(compressedSize);
  let at = 0;
  for (const c of chunks) {
    raw.set(c, at);
    at += c.length;
  }
  return { name, method: 8, crc, compressedSize, size, raw, ...dosTime() };
}

/** Builds a deflated entry from new content. */
export function makeEntry(name: string, data: Uint8Array, level = 6): ZipEntry {
  const { time, date } = dosTime();
  const compressed = deflateSync(data, { level: level as Level });
  return {
    name,
    method: 8,
    crc: crc32(data),
    compressedSize: compressed.length,
    size: data.length,
    raw: compressed,
    time,
    date,
  };
}

/** Writes entries (already compressed) into a new ZIP archive. */
export function writeZip(entries: ZipEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = entries.map((e) => encoder.encode(e.name));
  let total = 22;
  entries.forEach((e, i) => {
    total += 30 + names[i]!.length + e.raw.length + 46 + names[i]!.length;
  });
  if (total > 0xffffffff || entries.length > 0xfffe) {
    throw new ZipFormatError('the workbook is too large for a ZIP archive without ZIP64');
  }
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let p = 0;
  // UTF-8 flag (bit 11) so non-ASCII part names survive.
  const flags = 0x0800;
  entries.forEach((e, i) => {
    const name = names[i]!;
    offsets.push(p);
    view.setUint32(p, SIG_LOCAL, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, flags, true);
    view.setUint16(p + 8, e.method, true);
    view.setUint16(p + 10, e.time, true);
    view.setUint16(p + 12, e.date, true);
    view.setUint32(p + 14, e.crc, true);
    view.setUint32(p + 18, e.raw.length, true);
    view.setUint32(p + 22, e.size, true);
    view.setUint16(p + 26, name.length, true);
    view.setUint16(p + 28, 0, true);
    out.set(name, p + 30);
    out.set(e.raw, p + 30 + name.length);
    p += 30 + name.length + e.raw.length;
  });
  const dirStart = p;
  entries.forEach((e, i) => {
    const name = names[i]!;
    view.setUint32(p, SIG_CENTRAL, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 20, true);
    view.setUint16(p + 8, flags, true);
    view.setUint16(p + 10, e.method, true);
    view.setUint16(p + 12, e.time, true);
    view.setUint16(p + 14, e.date, true);
    view.setUint32(p + 16, e.crc, true);
    view.setUint32(p + 20, e.raw.length, true);
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
