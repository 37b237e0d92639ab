/**
 * Character encodings of XML parts, as XML 1.0 (§4.3.3 and Appendix F) detects them: a byte
 * order mark, else the first bytes, else the encoding named in the XML declaration, else
 * UTF-8. A part is decoded in the encoding it declares and written back in that same encoding,
 * so "Zürich" in an ISO-8859-1 sheet stays "Zürich" and the bytes always match the
 * declaration. Bytes that are not legal in the declared encoding, a declaration that
 * contradicts the byte order mark, or an encoding no one can read are damage (a conformant
 * parser must stop there), never guessed around.
 *
 * OPC (ECMA-376 Part 2, M1.17) only allows UTF-8 and UTF-16, but some producers write
 * ISO-8859-1 or windows-1252 and Excel reads them, so they are honoured. Characters that a
 * single-byte encoding cannot hold are written as character references (&#x2192;), which is
 * legal wherever we write text (element content and attribute values). The multi-byte legacy
 * encodings (Shift_JIS, GBK, Big5, EUC-*) are read, and a part in one of them that the
 * refresh rewrites is written as UTF-8 with its declaration changed to say so.
 */

import { isAscii } from 'node:buffer';
import { DamagedPartError } from './damage';

/** How a part's text is turned back into bytes. */
export interface PartEncoding {
  /** Name for messages and tests ("UTF-8", "ISO-8859-1", "windows-1252", "UTF-16LE"). */
  readonly name: string;
  /** Encodes text (including the BOM the original had). */
  encode(text: string): Uint8Array;
  /** Encodes one piece of a streamed part (no BOM). */
  encodePiece(text: string): Uint8Array;
  /** The byte order mark written before the first piece (empty for none). */
  readonly bom: Uint8Array;
}

const utf8Encoder = new TextEncoder();
const NO_BOM = new Uint8Array(0);
const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

function withBom(bom: Uint8Array, body: Uint8Array): Uint8Array {
  if (bom.length === 0) return body;
  const out = new Uint8Array(bom.length + body.length);
  out.set(bom, 0);
  out.set(body, bom.length);
  return out;
}

/** UTF-8, with or without the byte order mark the part started with. */
export function utf8(bom: boolean): PartEncoding {
  const b = bom ? UTF8_BOM : NO_BOM;
  return {
    name: 'UTF-8',
    bom: b,
    encodePiece: (t) => utf8Encoder.encode(t),
    encode: (t) => withBom(b, utf8Encoder.encode(t)),
  };
}

/** UTF-8 without a byte order mark: what every part we create is written in. */
export const UTF8: PartEncoding = utf8(false);

function utf16(bigEndian: boolean, bom: boolean): PartEncoding {
  const b = bom ? new Uint8Array(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]) : NO_BOM;
  const encodePiece = (t: string): Uint8Array => {
    const le = Buffer.from(t, 'utf16le');
    if (bigEndian) le.swap16();
    return new Uint8Array(le.buffer, le.byteOffset, le.length);
  };
  return {
    name: bigEndian ? 'UTF-16BE' : 'UTF-16LE',
    bom: b,
    encodePiece,
    encode: (t) => withBom(b, encodePiece(t)),
  };
}

/**
 * A single-byte encoding given by its 256 characters (`table[byte]`; undefined where the
 * byte is not used). Characters outside it are written as character references.
 */
function singleByte(name: string, table: readonly (string | undefined)[]): PartEncoding {
  const reverse = new Map<number, number>();
  table.forEach((ch, byte) => {
    if (ch !== undefined && !reverse.has(ch.charCodeAt(0))) reverse.set(ch.charCodeAt(0), byte);
  });
  const encodePiece = (t: string): Uint8Array => {
    // Fast path: ASCII is the same in every encoding we accept here.
    // eslint-disable-next-line no-control-regex
    if (/^[\x00-\x7f]*$/.test(t)) return new Uint8Array(Buffer.from(t, 'latin1'));
    const out: number[] = [];
    for (const ch of t) {
      const cp = ch.codePointAt(0)!;
      const byte = cp < 0x80 ? cp : reverse.get(cp);
      if (byte !== undefined && ch.length === 1) out.push(byte);
      else for (const c of `&#x${cp.toString(16).toUpperCase()};`) out.push(c.charCodeAt(0));
    }
    return new Uint8Array(out);
  };
  return { name, bom: NO_BOM, encodePiece, encode: encodePiece };
}

const LATIN1_TABLE = Array.from({ length: 256 }, (_v, i) => String.fromCharCode(i));

/**
 * windows-1252 as the WHATWG Encoding Standard maps it: ISO-8859-1 except 0x80–0x9F. Spelled
 * out because Node 20's TextDecoder("windows-1252") returns an empty string (its Latin-1 fast
 * path), so the bytes would be lost.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const CP1252_TABLE = LATIN1_TABLE.map((ch, i) =>
  i >= 0x80 && i < 0xa0 ? String.fromCharCode(CP1252_HIGH[i - 0x80]!) : ch,
);

function decodeCp1252(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) => CP1252_TABLE[c.charCodeAt(0)]!);
}

/** The WHATWG single-byte encodings (every byte is one character), by canonical name. */
const SINGLE_BYTE = new Set([
  'ibm866',
  'iso-8859-2',
  'iso-8859-3',
  'iso-8859-4',
  'iso-8859-5',
  'iso-8859-6',
  'iso-8859-7',
  'iso-8859-8',
  'iso-8859-8-i',
  'iso-8859-10',
  'iso-8859-13',
  'iso-8859-14',
  'iso-8859-15',
  'iso-8859-16',
  'koi8-r',
  'koi8-u',
  'macintosh',
  'windows-874',
  'windows-1250',
  'windows-1251',
  'windows-1252',
  'windows-1253',
  'windows-1254',
  'windows-1255',
  'windows-1256',
  'windows-1257',
  'windows-1258',
  'x-mac-cyrillic',
]);

/**
 * Labels that mean true ISO-8859-1 (byte = code point). The WHATWG decoder treats them as
 * windows-1252, which maps 0x80–0x9F to other characters than the XML declaration means.
 */
const LATIN1_LABELS = new Set([
  'iso-8859-1',
  'iso8859-1',
  'iso_8859-1',
  'iso_8859-1:1987',
  'latin1',
  'l1',
  'iso-ir-100',
  'ibm819',
  'cp819',
  'csisolatin1',
]);
const ASCII_LABELS = new Set(['us-ascii', 'ascii', 'iso646-us', 'ansi_x3.4-1968', 'csascii']);

/** The text of a decoded part and how to write it back. */
export interface DecodedPart {
  text: string;
  encoding: PartEncoding;
}

/** The encoding named in an XML declaration at the start of `head`, or undefined. */
export function declaredEncoding(head: string): string | undefined {
  const m = /^<\?xml\s[^?>]*?\bencoding\s*=\s*(["'])([^"']*)\1/.exec(head);
  return m ? m[2] : undefined;
}

/** `head` with the declared encoding replaced (used when a part is rewritten as UTF-8). */
function redeclare(text: string, name: string): string {
  return text.replace(/^(<\?xml\s[^?>]*?\bencoding\s*=\s*["'])[^"']*/, `$1${name}`);
}

function decodeStrict(label: string, bytes: Uint8Array, encodingName: string): string {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new DamagedPartError(
      null,
      `holds bytes that are not valid ${encodingName}, the encoding it is written in`,
    );
  }
}

/**
 * Decodes an XML part. Throws DamagedPartError (without the part's name: the caller adds it)
 * when the bytes cannot be read as the encoding they declare.
 */
export function decodePart(bytes: Uint8Array): DecodedPart {
  const b0 = bytes[0];
  const b1 = bytes[1];
  const b2 = bytes[2];
  const b3 = bytes[3];
  // UTF-32 (and UCS-4) byte order marks and signatures: no one writes OOXML in them.
  if (
    (b0 === 0 && b1 === 0 && (b2 === 0xfe || b2 === 0 || b3 === 0x3c)) ||
    (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) ||
    (b0 === 0x3c && b1 === 0 && b2 === 0 && b3 === 0)
  ) {
    throw new DamagedPartError(null, 'is written in UTF-32, an encoding Excel does not read');
  }
  let sixteen: { bigEndian: boolean; bom: boolean } | null = null;
  if (b0 === 0xff && b1 === 0xfe) sixteen = { bigEndian: false, bom: true };
  else if (b0 === 0xfe && b1 === 0xff) sixteen = { bigEndian: true, bom: true };
  else if (b0 === 0x3c && b1 === 0 && b2 === 0x3f && b3 === 0) {
    sixteen = { bigEndian: false, bom: false };
  } else if (b0 === 0 && b1 === 0x3c && b2 === 0 && b3 === 0x3f) {
    sixteen = { bigEndian: true, bom: false };
  }
  if (sixteen) {
    const name = sixteen.bigEndian ? 'UTF-16BE' : 'UTF-16LE';
    const body = sixteen.bom ? bytes.subarray(2) : bytes;
    if (body.length % 2 !== 0) {
      throw new DamagedPartError(null, `is cut off in the middle of a ${name} character`);
    }
    const text = decodeStrict(sixteen.bigEndian ? 'utf-16be' : 'utf-16le', body, name);
    const declared = declaredEncoding(text);
    if (declared !== undefined && !/^utf-?16(le|be)?$/i.test(declared)) {
      throw new DamagedPartError(
        null,
        `is written in ${name} but its XML declaration says "${declared}"`,
      );
    }
    return { text, encoding: utf16(sixteen.bigEndian, sixteen.bom) };
  }
  const bom = b0 === 0xef && b1 === 0xbb && b2 === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  // The declaration is ASCII in every 8-bit encoding XML allows.
  const head = Buffer.from(body.subarray(0, 256)).toString('latin1');
  const declared = declaredEncoding(head);
  const label = (declared ?? 'utf-8').trim().toLowerCase();
  if (label === 'utf-8' || label === 'utf8') {
    // ASCII (a sheet of numbers and shared-string indices) is valid UTF-8 as it is; Latin-1
    // decoding makes V8's compact one-byte string without the UTF-8 validator's pass.
    const text = isAscii(body)
      ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1')
      : decodeStrict('utf-8', body, 'UTF-8');
    return { text, encoding: utf8(bom) };
  }
  if (bom) {
    throw new DamagedPartError(
      null,
      `starts with a UTF-8 byte order mark but its XML declaration says "${declared}"`,
    );
  }
  if (/^utf-?16(le|be)?$/.test(label) || label === 'unicode' || label === 'ucs-2') {
    throw new DamagedPartError(
      null,
      `declares the encoding "${declared}" but is not written in it (no UTF-16 byte order mark)`,
    );
  }
  if (LATIN1_LABELS.has(label)) {
    return {
      text: Buffer.from(body).toString('latin1'),
      encoding: singleByte('ISO-8859-1', LATIN1_TABLE),
    };
  }
  if (ASCII_LABELS.has(label)) {
    const i = body.findIndex((x) => x > 0x7f);
    if (i >= 0) {
      throw new DamagedPartError(
        null,
        `holds bytes that are not valid US-ASCII, the encoding it declares`,
      );
    }
    return {
      text: Buffer.from(body).toString('latin1'),
      encoding: singleByte('US-ASCII', LATIN1_TABLE.slice(0, 128)),
    };
  }
  let canonical: string;
  try {
    canonical = new TextDecoder(label).encoding;
  } catch {
    throw new DamagedPartError(
      null,
      `declares the encoding "${declared}", which is not a character encoding Excel can read`,
    );
  }
  if (canonical === 'windows-1252') {
    return { text: decodeCp1252(body), encoding: singleByte(declared!, CP1252_TABLE) };
  }
  const text = decodeStrict(label, body, declared!);
  if (SINGLE_BYTE.has(canonical)) {
    const decoder = new TextDecoder(canonical);
    const table = Array.from({ length: 256 }, (_v, i) => {
      const ch = decoder.decode(new Uint8Array([i]));
      return ch === '\uFFFD' ? undefined : ch;
    });
    return { text, encoding: singleByte(declared!, table) };
  }
  // A multi-byte legacy encoding: kept as text, written back as declared UTF-8.
  return { text: redeclare(text, 'UTF-8'), encoding: UTF8 };
}
