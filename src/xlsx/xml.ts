/**
 * A small, fast XML scanner for OOXML parts. It never builds a tree: it finds tags and
 * element ranges by offset, so a patch can splice new text in while every byte it does not
 * own stays where it was. It understands comments, CDATA, processing instructions,
 * namespace prefixes and quoted attribute values containing ">".
 */

import type { ByteSource } from './zip';
import { DamagedPartError } from './damage';

/** A tag found in the text. */
export interface Tag {
  /** Offset of "<". */
  start: number;
  /** Offset just after ">". */
  end: number;
  /** Qualified name as written (e.g. "x:row"). */
  name: string;
  /** Name without prefix. */
  local: string;
  kind: 'open' | 'close' | 'empty';
}

/** Escapes text content. */
export function escapeText(s: string): string {
  if (!MARKUP.test(s)) return s;
  // A pass per character with a literal replacement: V8 makes no call per match, as it does
  // for a replacer function (the "I&O" in most of the refresh's sentences).
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
const MARKUP = /[&<>]/;

/** Escapes an attribute value (double-quoted). */
export function escapeAttr(s: string): string {
  return s.replace(/[&<>"\n\r\t]/g, (c) => ATTR_ESCAPES[c] ?? c);
}
const ATTR_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

/**
 * A character encodeCellText's loop may change: one XML 1.0 cannot carry, "_" (a literal
 * "_xHHHH_" is escaped) and any surrogate (a lone one is escaped).
 */
// The control characters are what it looks for.
// eslint-disable-next-line no-control-regex
const CELL_ESCAPED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f_\ud800-\udfff\ufffe\uffff]/;

/**
 * Encodes a cell string for SpreadsheetML: characters XML 1.0 cannot carry become _xHHHH_
 * (and a literal "_xHHHH_" gets its underscore escaped so it reads back unchanged), then
 * XML escapes.
 */
export function encodeCellText(s: string): string {
  // Most texts hold none of the characters the loop looks for.
  if (!CELL_ESCAPED.test(s)) return escapeText(s);
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const invalid =
      (c < 32 && c !== 9 && c !== 10 && c !== 13) ||
      c === 0xfffe ||
      c === 0xffff ||
      (c >= 0xd800 && c <= 0xdfff && isLoneSurrogate(s, i, c));
    const literal = c === 95 && /^x[0-9A-Fa-f]{4}_/.test(s.slice(i + 1, i + 7));
    if (invalid || literal) {
      out += s.slice(from, i) + `_x${c.toString(16).toUpperCase().padStart(4, '0')}_`;
      from = i + 1;
    }
  }
  return escapeText(from === 0 ? s : out + s.slice(from));
}

/**
 * True when the UTF-16 unit at `i` is half of a pair without its other half: no XML text can
 * hold it, so it is written as the `_xD800_` escape it came from (Excel writes half an emoji
 * that way when it cuts a text), which reads back as the same text.
 */
function isLoneSurrogate(s: string, i: number, c: number): boolean {
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = s.charCodeAt(i + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const prev = i > 0 ? s.charCodeAt(i - 1) : 0;
    return !(prev >= 0xd800 && prev <= 0xdbff);
  }
  return false;
}

/** Decodes XML entities and character references. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    switch (e) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(
          e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
        );
    }
  });
}

/** Decodes SpreadsheetML's _xHHHH_ escapes in cell text (after entity decoding). */
export function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Finds the next tag at or after `pos` (skipping comments, PIs, CDATA), or null. */
export function nextTag(xml: string, pos: number): Tag | null {
  let i = xml.indexOf('<', pos);
  while (i >= 0) {
    const c = xml.charCodeAt(i + 1);
    if (c === 33 /* ! */) {
      if (xml.startsWith('<!--', i)) {
        const e = xml.indexOf('-->', i + 4);
        if (e < 0) return null;
        i = xml.indexOf('<', e + 3);
      } else if (xml.startsWith('<![CDATA[', i)) {
        const e = xml.indexOf(']]>', i + 9);
        if (e < 0) return null;
        i = xml.indexOf('<', e + 3);
      } else {
        const e = xml.indexOf('>', i);
        if (e < 0) return null;
        i = xml.indexOf('<', e + 1);
      }
      continue;
    }
    if (c === 63 /* ? */) {
      const e = xml.indexOf('?>', i);
      if (e < 0) return null;
      i = xml.indexOf('<', e + 2);
      continue;
    }
    const close = c === 47; /* / */
    let j = close ? i + 2 : i + 1;
    const nameStart = j;
    for (; j < xml.length; j++) {
      const ch = xml.charCodeAt(j);
      if (ch === 32 || ch === 62 || ch === 47 || ch === 9 || ch === 10 || ch === 13) break;
    }
    const name = xml.slice(nameStart, j);
    const end = tagEnd(xml, j);
    if (end < 0) return null;
    const colon = name.indexOf(':');
    const local = colon < 0 ? name : name.slice(colon + 1);
    const kind = close ? 'close' : xml.charCodeAt(end - 2) === 47 ? 'empty' : 'open';
    return { start: i, end, name, local, kind };
  }
  return null;
}

/** Offset just after the ">" closing a tag whose attributes start at `pos` (quotes may hold ">"). */
export function tagEnd(xml: string, pos: number): number {
  let i = pos;
  for (;;) {
    const gt = xml.indexOf('>', i);
    if (gt < 0) return -1;
    // Look for a quote only up to the ">" found, so the scan stays linear.
    let q = -1;
    for (let j = i; j < gt; j++) {
      const c = xml.charCodeAt(j);
      if (c === 34 || c === 39) {
        q = j;
        break;
      }
    }
    if (q < 0) return gt + 1;
    const qe = xml.indexOf(xml[q]!, q + 1);
    if (qe < 0) return -1;
    i = qe + 1;
  }
}

/** Attributes of a start tag's text ("<c r="A1" t="s">"). Values are entity-decoded. */
export function parseAttrs(tagText: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([^\s=<>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tagText)) !== null) {
    out.set(m[1]!, decodeEntities(m[2] ?? m[3] ?? ''));
  }
  return out;
}

/** Where attrSpan last found an attribute: its name's start, its value's bounds. */
const SPAN = { nameFrom: 0, from: 0, to: 0 };

/**
 * Finds attribute `name` in the start tag at xml[start, end) (`start` at its "<", or just after
 * its name) and sets SPAN. The attributes are walked in order, each name read up to its "=" and
 * each value skipped whole, because a value may hold text that looks like another attribute
 * (`a="see r='B9'"` before `r="A1"`): a search for the name would find it there.
 */
function attrSpan(xml: string, start: number, end: number, name: string): boolean {
  let i = start;
  if (xml.charCodeAt(i) === 60 /* < */) {
    i++;
    for (let c = xml.charCodeAt(i); i < end && !isSpace(c) && c !== 62 && c !== 47;) {
      c = xml.charCodeAt(++i);
    }
  }
  while (i < end) {
    let c = xml.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 62 /* > */ || c === 47 /* / */) return false;
    const nameFrom = i;
    while (i < end && (c = xml.charCodeAt(i)) !== 61 /* = */ && !isSpace(c)) i++;
    const nameTo = i;
    while (i < end && isSpace(xml.charCodeAt(i))) i++;
    if (xml.charCodeAt(i) !== 61) return false;
    i++;
    while (i < end && isSpace(xml.charCodeAt(i))) i++;
    const q = xml.charCodeAt(i);
    if (q !== 34 /* " */ && q !== 39 /* ' */) return false;
    const e = xml.indexOf(q === 34 ? '"' : "'", i + 1);
    if (e < 0 || e >= end) return false;
    if (nameTo - nameFrom === name.length && xml.startsWith(name, nameFrom)) {
      SPAN.nameFrom = nameFrom;
      SPAN.from = i + 1;
      SPAN.to = e;
      return true;
    }
    i = e + 1;
  }
  return false;
}

/**
 * The raw (undecoded) value of attribute `name` in the start tag at xml[start, end) (`start`
 * at its "<"), or undefined, allocating nothing but the value: the one attribute reader under
 * getAttr, and what the scanners use per row and per cell.
 */
export function attrIn(xml: string, start: number, end: number, name: string): string | undefined {
  return attrSpan(xml, start, end, name) ? xml.slice(SPAN.from, SPAN.to) : undefined;
}

/** One attribute of a start tag's text, entity-decoded, or undefined. */
export function getAttr(tagText: string, name: string): string | undefined {
  const v = attrIn(tagText, 0, tagText.length, name);
  return v === undefined ? undefined : decodeEntities(v);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Returns the tag text with an attribute set (replaced when present, appended otherwise). */
export function setAttr(tagText: string, name: string, value: string): string {
  const v = `${name}="${escapeAttr(value)}"`;
  if (attrSpan(tagText, 0, tagText.length, name)) {
    return `${tagText.slice(0, SPAN.nameFrom)}${v}${tagText.slice(SPAN.to + 1)}`;
  }
  const close = tagText.endsWith('/>') ? tagText.length - 2 : tagText.length - 1;
  return `${tagText.slice(0, close)} ${v}${tagText.slice(close)}`;
}

/** Returns the tag text without an attribute. */
export function removeAttr(tagText: string, name: string): string {
  // The one space before the name goes with it (an attribute is always preceded by one).
  return attrSpan(tagText, 0, tagText.length, name)
    ? `${tagText.slice(0, SPAN.nameFrom - 1)}${tagText.slice(SPAN.to + 1)}`
    : tagText;
}

/** An element located in the text. */
export interface ElementRange {
  /** Start of the start tag. */
  start: number;
  /** End of the start tag. */
  openEnd: number;
  /** Start of the end tag (= openEnd for an empty element). */
  closeStart: number;
  /** End of the element. */
  end: number;
  name: string;
  local: string;
}

/** Finds the end of the element whose start tag is `open`. */
export function elementAt(xml: string, open: Tag): ElementRange {
  if (open.kind === 'empty') {
    return {
      start: open.start,
      openEnd: open.end,
      closeStart: open.end,
      end: open.end,
      name: open.name,
      local: open.local,
    };
  }
  let depth = 1;
  let pos = open.end;
  for (;;) {
    const t = nextTag(xml, pos);
    if (!t) throw new Error(`Unclosed element <${open.name}>`);
    if (t.name === open.name) {
      if (t.kind === 'open') depth++;
      else if (t.kind === 'close') {
        depth--;
        if (depth === 0) {
          return {
            start: open.start,
            openEnd: open.end,
            closeStart: t.start,
            end: t.end,
            name: open.name,
            local: open.local,
          };
        }
      }
    }
    pos = t.end;
  }
}

/** The root element of a part. */
export function rootElement(xml: string): ElementRange {
  const t = nextTag(xml, 0);
  if (!t || t.kind === 'close') throw new Error('The part has no root element');
  if (t.kind === 'empty') return elementAt(xml, t);
  const closeTag = `</${t.name}>`;
  const closeStart = xml.lastIndexOf(closeTag);
  if (closeStart < t.end) throw new Error(`Unclosed root element <${t.name}>`);
  return {
    start: t.start,
    openEnd: t.end,
    closeStart,
    end: closeStart + closeTag.length,
    name: t.name,
    local: t.local,
  };
}

/** The root element of a part, which must have the local name `local` (else it is damaged). */
export function expectRoot(xml: string, part: string | null, local: string): ElementRange {
  const root = rootElement(xml);
  if (root.local !== local) {
    throw new DamagedPartError(
      part,
      `has the root element <${root.name}> where <${local}> belongs`,
    );
  }
  return root;
}

/**
 * `xml` with `text` inserted at offset `at` inside element `el`; a self-closing element
 * (<styleSheet/>, <Types/>) is opened first, so nothing is ever written after its end.
 */
export function insertChild(xml: string, el: ElementRange, at: number, text: string): string {
  if (el.openEnd !== el.end) return xml.slice(0, at) + text + xml.slice(at);
  const open = xml.slice(el.start, el.end).replace(/\s*\/>$/, '>');
  return `${xml.slice(0, el.start)}${open}${text}</${el.name}>${xml.slice(el.end)}`;
}

/** Namespace prefix of a qualified name ("x:row" → "x:", "row" → ""). */
export function prefixOf(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? '' : name.slice(0, i + 1);
}

/**
 * Direct children of an element. Children whose local name is in `opaque` are located with
 * indexOf of their end tag instead of scanning inside (for huge ones such as sheetData).
 */
export function children(
  xml: string,
  parent: ElementRange,
  opaque: readonly string[] = [],
): ElementRange[] {
  const out: ElementRange[] = [];
  let pos = parent.openEnd;
  while (pos < parent.closeStart) {
    const t = nextTag(xml, pos);
    if (!t || t.start >= parent.closeStart) break;
    if (t.kind === 'close') break;
    let el: ElementRange;
    if (t.kind === 'open' && opaque.includes(t.local)) {
      // XML allows white space before the ">" of an end tag ("</sheetData >").
      const closeTag = `</${t.name}`;
      let cs = xml.indexOf(closeTag, t.end);
      let end = -1;
      while (cs >= 0) {
        end = cs + closeTag.length;
        while (/\s/.test(xml[end] ?? '')) end++;
        if (xml[end] === '>') break;
        cs = xml.indexOf(closeTag, cs + 1);
      }
      if (cs < 0) throw new Error(`Unclosed element <${t.name}>`);
      el = {
        start: t.start,
        openEnd: t.end,
        closeStart: cs,
        end: end + 1,
        name: t.name,
        local: t.local,
      };
    } else {
      el = elementAt(xml, t);
    }
    out.push(el);
    pos = el.end;
  }
  return out;
}

/** First direct child with a local name, or undefined. */
export function child(
  xml: string,
  parent: ElementRange,
  local: string,
  opaque: readonly string[] = [],
): ElementRange | undefined {
  return children(xml, parent, opaque).find((c) => c.local === local);
}

/**
 * Offset where a new child with local name `local` goes so the children keep the schema's
 * sequence `order` (names not in `order` are treated as coming before the new one only
 * when they precede a known later element).
 */
export function insertionPoint(
  kids: ElementRange[],
  parent: ElementRange,
  order: readonly string[],
  local: string,
): number {
  const target = order.indexOf(local);
  if (target < 0) throw new Error(`Unknown element ${local}`);
  for (const k of kids) {
    const idx = order.indexOf(k.local);
    if (idx > target) return k.start;
  }
  return parent.closeStart;
}

/**
 * A replacement: text, or pieces produced on demand (a big sheet streams out). Byte pieces
 * are spans of the part's original bytes (see Package.sourceBytes).
 */
export interface Edit<P extends string | Uint8Array = string> {
  start: number;
  end: number;
  text: string | Iterable<P>;
}

/** Splices replacements (non-overlapping, any order) into a text. */
export function splice(xml: string, edits: Edit<string>[]): string {
  return [...spliceLazy(xml, edits)].join('');
}

/**
 * The pieces of a spliced text, produced lazily (joined or encoded by the consumer). From a
 * part's bytes (offset for offset with its text: Package.sourceBytes), the unchanged spans
 * are views of them, and the text need not be kept.
 */
export function spliceLazy(xml: string, edits: Edit<string>[]): Generator<string>;
export function spliceLazy(
  source: string | ByteSource,
  edits: Edit<string | Uint8Array>[],
): Generator<string | Uint8Array>;
export function* spliceLazy(
  source: string | ByteSource,
  edits: Edit<string | Uint8Array>[],
): Generator<string | Uint8Array> {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const span = (a: number, b: number): string | Uint8Array =>
    typeof source === 'string' ? source.slice(a, b) : source.subarray(a, b);
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error('Overlapping XML edits');
    yield span(pos, e.start);
    if (typeof e.text === 'string') yield e.text;
    else yield* e.text;
    pos = e.end;
  }
  yield span(pos, source.length);
}

/**
 * Text of a string item (<si> in sharedStrings, <is> in a cell): its <t> runs concatenated,
 * phonetic runs (<rPh>) skipped.
 */
export function runText(inner: string): string {
  const parts: string[] = [];
  let phonetic = 0;
  let pos = 0;
  for (;;) {
    const t = nextTag(inner, pos);
    if (!t) break;
    pos = t.end;
    if (t.local === 'rPh') {
      if (t.kind === 'open') phonetic++;
      else if (t.kind === 'close') phonetic--;
    } else if (t.local === 't' && t.kind === 'open') {
      const close = inner.indexOf(`</${t.name}>`, t.end);
      if (close < 0) break;
      if (phonetic === 0) parts.push(decodeOoxmlEscapes(decodeEntities(inner.slice(t.end, close))));
      pos = close;
    }
  }
  return parts.join('');
}
