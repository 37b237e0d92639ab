/**
 * Well-formedness of XML parts, checked by saxes: a maintained streaming parser that follows
 * XML 1.0 (5th edition) and Namespaces in XML 1.0 and is tested against the W3C conformance
 * suite (ExcelJS reads workbooks with it). Every part the refresh reads or touches passes
 * through here once, before the offset scanner in xml.ts looks at it, so the scanner only
 * ever sees conformant XML: a missing </row>, an unbound prefix, a stray "<" or "&", a
 * control character or a second root element is refused, not patched and passed on. Parts
 * the refresh writes as a whole string are checked the same way before they are zipped.
 * Big parts are checked in a worker, first by saxes without its namespace processing (its
 * dearest part) plus the namespace constraints checked here (NAMESPACE_SCRIPT); only a part
 * that reading refuses is read again by saxes with it, whose verdict and sentence are given.
 */

import { Worker } from 'node:worker_threads';
import { SaxesParser } from 'saxes';
import { MAX_DEPTH } from '../core/limits';
import { DamagedPartError } from './damage';

/** What the DTD handler reports: the same sentence in line and in a worker. */
const DTD_REASON = 'holds a DTD (<!DOCTYPE …>), which Office files may not contain';

/** What the depth check reports, in line and in a worker. */
const DEPTH_REASON = `nests elements more than ${MAX_DEPTH.toLocaleString('en-US')} deep, far deeper than Excel writes`;

/**
 * What a well-formed part with an end tag spaced before its ">" is refused for, in line and in
 * a worker. XML allows `</c >` (XML 1.0, production [42] ETag), but Excel never writes it and
 * the file adapter's offset scanners look for `</c>` as written (read.ts, sheetxml.ts,
 * sheetbytes.ts, parseSharedStrings, xml.ts's runText and rootElement): such a part would be
 * read differently from Excel (cells merged or lost) or fail as our defect. So it is refused
 * with a sentence, as deep nesting is, until those scanners read the spaced form; sheetData's
 * end tag, which the readers take spaced (xml.ts children), is let through.
 */
const SPACED_END_TAG_REASON =
  'writes an end tag with a space before its ">" (such as "</c >"), which Excel never writes and this refresh does not read';

/**
 * A watch over a document's text, fed piece by piece (the pieces may cut a tag anywhere): a
 * script that defines `endTagWatch()`, whose function is true once an end tag spaced before
 * its ">" has gone by. It is only asked of a document saxes accepts, where "</" outside
 * comments, CDATA sections and processing instructions starts an end tag: a name, XML white
 * space, ">". The same text inside a comment is taken for one (the part is refused, never
 * misread). A script, as NAMESPACE_SCRIPT is, so the worker and the in-line check run the
 * same source (a function's own text carries the compiler's helpers, which a worker lacks).
 */
const END_TAG_SCRIPT = `
function endTagWatch() {
  // XML white space only (production [3]): \\s would take U+1680 and U+FEFF, which names may hold.
  const spaced = /<\\/([^ \\t\\r\\n<>]+)[ \\t\\r\\n]+>/g;
  const isSpace = (c) => c === 32 || c === 9 || c === 10 || c === 13;
  // The end tags the readers take spaced: sheetData's, with any prefix (xml.ts children).
  const read = (name) => name === 'sheetData' || name.endsWith(':sheetData');
  // Where the last piece ended: 0 elsewhere, 1 just after "<", 2 in an end tag's name (its
  // start in name), 3 in the white space after that name.
  let state = 0;
  let name = '';
  let seen = false;
  return (text) => {
    if (seen) return true;
    const n = text.length;
    let i = 0;
    if (state === 1 && n > 0) {
      if (text.charCodeAt(0) === 47) {
        state = 2;
        name = '';
        i = 1;
      } else state = 0;
    }
    if (state === 2) {
      const from = i;
      while (i < n && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 62) i++;
      name += text.slice(from, i);
      if (i === n) return false;
      state = isSpace(text.charCodeAt(i)) ? 3 : 0;
    }
    if (state === 3) {
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      if (i === n) return false;
      if (text.charCodeAt(i) === 62 && !read(name)) return (seen = true);
      state = 0;
    }
    spaced.lastIndex = i;
    for (let m = spaced.exec(text); m !== null; m = spaced.exec(text)) {
      if (!read(m[1])) return (seen = true);
    }
    // A tag still open at the piece's end may be an end tag the next piece spaces.
    const lt = text.lastIndexOf('<');
    if (lt >= i && text.indexOf('>', lt) < 0) {
      if (lt === n - 1) state = 1;
      else if (text.charCodeAt(lt + 1) === 47) {
        let k = lt + 2;
        while (k < n && !isSpace(text.charCodeAt(k))) k++;
        name = text.slice(lt + 2, k);
        if (k === n) state = 2;
        else {
          while (k < n && isSpace(text.charCodeAt(k))) k++;
          state = k === n ? 3 : 0;
        }
      }
    }
    return false;
  };
}
`;

/** END_TAG_SCRIPT's watch, for the checks in line (made once, from the worker's own source). */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const makeEndTagWatch = new Function(`${END_TAG_SCRIPT}\nreturn endTagWatch;`) as () => () => (
  text: string,
) => boolean;
export const endTagWatch = makeEndTagWatch();

/** The reason clause for a saxes error message ("3:17: unclosed tag: row"). */
function reasonOf(message: string): string {
  const m = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(message);
  const what = (m ? m[3]! : message).split('\n')[0]!.replace(/\.$/, '').slice(0, 120);
  return m
    ? `is not well-formed XML (line ${m[1]}, column ${m[2]}: ${what})`
    : `is not well-formed XML (${what})`;
}

/** A check fed piece by piece (for parts produced as a stream). */
export class WellFormedCheck {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private failure: DamagedPartError | null = null;
  private readonly spaced = endTagWatch();

  constructor() {
    this.parser.on('error', (err) => {
      // The first error is the one to report; stop there rather than recover.
      throw new DamagedPartError(null, reasonOf(err.message));
    });
    this.parser.on('doctype', () => {
      // OPC (ECMA-376 Part 2, M1.18): a DTD in a package part is an error, never processed.
      throw new DamagedPartError(null, DTD_REASON);
    });
    // saxes looks a prefix up through every open element, so nesting costs the square of its
    // depth (100,000 levels: over 150 s); past MAX_DEPTH it is refused before that.
    let depth = 0;
    this.parser.on('opentagstart', () => {
      if (++depth > MAX_DEPTH) throw new DamagedPartError(null, DEPTH_REASON);
    });
    this.parser.on('closetag', () => {
      depth--;
    });
  }

  /** Feeds more text; throws DamagedPartError (without a part name) at the first error. */
  write(text: string): void {
    if (this.failure) throw this.failure;
    try {
      this.parser.write(text);
    } catch (err) {
      this.failure = asDamage(err);
      throw this.failure;
    }
    this.spaced(text);
  }

  /**
   * Ends the document (an unclosed element or a missing root is reported here, then an end
   * tag spaced before its ">" in a document otherwise well-formed).
   */
  close(): void {
    if (this.failure) throw this.failure;
    try {
      this.parser.close();
    } catch (err) {
      this.failure = asDamage(err);
      throw this.failure;
    }
    if (this.spaced('')) {
      this.failure = new DamagedPartError(null, SPACED_END_TAG_REASON);
      throw this.failure;
    }
  }
}

function asDamage(err: unknown): DamagedPartError {
  if (err instanceof DamagedPartError) return err;
  return new DamagedPartError(null, reasonOf(err instanceof Error ? err.message : String(err)));
}

/** Throws DamagedPartError (without a part name) unless `text` is a well-formed document. */
export function checkWellFormed(text: string): void {
  const check = new WellFormedCheck();
  check.write(text);
  check.close();
}

/**
 * The namespace constraints saxes's `xmlns` mode adds to XML 1.0 (Namespaces in XML 1.0,
 * 3rd edition), for saxes run without it: a script that defines `watchNamespaces(parser,
 * maxDepth)`, which sets the parser's attribute, opentag, closetag and processinginstruction
 * handlers and throws at the first name that mode would refuse: a malformed qualified name
 * ("a:b:c", ":a", "a:"), an element prefixed "xmlns", a prefix no declaration in scope binds,
 * a prefix undeclared (xmlns:p="", lawful in XML 1.1 only: refused here whatever the version),
 * "xml" bound to another name or its name to another prefix, "xmlns" or its name bound at
 * all, two attributes of one expanded name, a colon in a processing instruction's target;
 * also nesting past maxDepth. It mirrors saxes 6's processAttribsNS, pushAttribNS and
 * nsPairCheck rule for rule and only ever refuses: whatever it refuses goes to saxes in
 * `xmlns` mode, which decides (see the worker's script). Saxes's namespace bookkeeping (an
 * object per element, each prefix looked up through every open element, an object per
 * attribute name) is a third of its time on a worksheet; here only declarations and prefixed
 * names cost anything. Few handlers, on purpose: saxes stores each as a property of the
 * parser, and with eight of them V8 turns the parser into a dictionary, every property read
 * of its loop a hash lookup (three to five times slower).
 */
export const NAMESPACE_SCRIPT = `
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
const REFUSED = new Error('refused by the namespace constraints');
function watchNamespaces(parser, maxDepth) {
  // The prefixes in scope (xml and xmlns are bound in every document), and what each
  // declaration replaced: [depth, prefix, earlier uri] per declaration, in order.
  const bound = new Map([['xml', XML_NAMESPACE], ['xmlns', XMLNS_NAMESPACE]]);
  const undo = [];
  let depth = 0;
  // The open tag's prefixed attributes other than declarations: the first, then the rest.
  let first = null;
  let more = null;
  const refuse = () => { throw REFUSED; };
  const qualified = (name, colon) =>
    colon > 0 && colon < name.length - 1 && name.indexOf(':', colon + 1) === -1;
  const pairCheck = (prefix, uri) => {
    if (prefix === 'xml' ? uri !== XML_NAMESPACE : uri === XML_NAMESPACE) refuse();
    if (prefix === 'xmlns' || uri === XMLNS_NAMESPACE) refuse();
  };
  parser.on('processinginstruction', (pi) => { if (pi.target.includes(':')) refuse(); });
  parser.on('attribute', (attr) => {
    const name = attr.name;
    const colon = name.indexOf(':');
    if (colon === -1) {
      // The default namespace: it may be undeclared (""), never bound to xml's or xmlns's.
      if (name === 'xmlns') pairCheck('', attr.value.trim());
      return;
    }
    if (!qualified(name, colon)) refuse();
    if (colon === 5 && name.startsWith('xmlns')) {
      const uri = attr.value.trim();
      if (uri === '') refuse();
      const prefix = name.slice(6);
      pairCheck(prefix, uri);
      // Its element is not counted yet (opentag counts it).
      undo.push(depth + 1, prefix, bound.get(prefix));
      bound.set(prefix, uri);
    } else if (first === null) first = name;
    else (more ??= []).push(name);
  });
  parser.on('opentag', (tag) => {
    if (++depth > maxDepth) refuse();
    const name = tag.name;
    const colon = name.indexOf(':');
    if (colon !== -1) {
      if (!qualified(name, colon)) refuse();
      const prefix = name.slice(0, colon);
      if (prefix === 'xmlns' || bound.get(prefix) === undefined) refuse();
    }
    if (first === null) return;
    const uri = bound.get(first.slice(0, first.indexOf(':')));
    if (uri === undefined) refuse();
    if (more !== null) {
      // Two prefixes bound to one name make two attributes of one expanded name.
      const seen = new Set([uri + ' ' + first.slice(first.indexOf(':') + 1)]);
      for (const other of more) {
        const at = other.indexOf(':');
        const its = bound.get(other.slice(0, at));
        if (its === undefined) refuse();
        const expanded = its + ' ' + other.slice(at + 1);
        if (seen.has(expanded)) refuse();
        seen.add(expanded);
      }
      more = null;
    }
    first = null;
  });
  parser.on('closetag', () => {
    while (undo.length !== 0 && undo[undo.length - 3] === depth) {
      const earlier = undo.pop();
      const prefix = undo.pop();
      undo.pop();
      if (earlier === undefined) bound.delete(prefix);
      else bound.set(prefix, earlier);
    }
    depth--;
  });
}
`;

/**
 * The worker's script. It gets the part's compressed bytes (already CRC-checked by the main
 * thread, which also validated them as UTF-8 while decoding its own copy), inflates them in
 * pieces, decodes each piece and feeds saxes. It never holds the whole part as text: at
 * Excel's full grid that is 450 MB the main thread already holds once. It reads the part
 * twice only when it is refused: first saxes without namespace processing, with
 * watchNamespaces (NAMESPACE_SCRIPT); when that pass ends in anything but success (damage,
 * a DTD, depth, or data it cannot inflate), the part is read again from the start by saxes
 * with the options of WellFormedCheck (`xmlns`, positions), whose answer is the one given,
 * so the first error has the same line, column and wording as in line.
 */
const WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const { createInflateRaw } = require('node:zlib');
const { isAscii } = require('node:buffer');
const { SaxesParser } = require(workerData.saxes);
${NAMESPACE_SCRIPT}
${END_TAG_SCRIPT}
const DOCTYPE = {};
const DEEP = {};
const raw = new Uint8Array(workerData.raw);
const PIECE = 1 << 16;
const parserFor = (fast) => {
  if (fast) {
    // Without an error handler saxes throws its error.
    const parser = new SaxesParser({ position: false });
    parser.on('doctype', () => { throw DOCTYPE; });
    watchNamespaces(parser, workerData.maxDepth);
    return parser;
  }
  const parser = new SaxesParser({ xmlns: true, position: true });
  let depth = 0;
  parser.on('error', (err) => { throw err; });
  parser.on('doctype', () => { throw DOCTYPE; });
  parser.on('opentagstart', () => { if (++depth > workerData.maxDepth) throw DEEP; });
  parser.on('closetag', () => { depth--; });
  return parser;
};
// One reading of the part by one parser; finish(message) is called once.
const read = (fast, finish) => {
  const parser = parserFor(fast);
  const spaced = endTagWatch();
  const decoder = new TextDecoder('utf-8');
  // An ASCII piece is its own Latin-1 text, made without the decoder's validation and copy
  // (a fifth of its cost); the decoder takes the others, and the piece after one of them,
  // which may end a character that one began.
  let carry = false;
  const decode = (piece) => {
    const ascii = isAscii(piece);
    if (ascii && !carry) return Buffer.from(piece.buffer, piece.byteOffset, piece.length).toString('latin1');
    carry = !ascii;
    return decoder.decode(piece, { stream: true });
  };
  let done = false;
  let inflate = null;
  const answer = (message) => {
    if (done) return;
    done = true;
    if (inflate !== null) inflate.destroy();
    finish(message);
  };
  const feed = (text) => {
    if (done) return;
    try { parser.write(text); }
    catch (err) {
      answer(err === DOCTYPE ? { doctype: true } : err === DEEP ? { deep: true } : { error: String(err && err.message) });
      return;
    }
    spaced(text);
  };
  const end = () => {
    feed(decoder.decode());
    if (done) return;
    try { parser.close(); answer(spaced('') ? { spaced: true } : { ok: true }); }
    catch (err) { answer({ error: String(err && err.message) }); }
  };
  if (workerData.stored) {
    for (let i = 0; i < raw.length && !done; i += PIECE) {
      feed(decode(raw.subarray(i, i + PIECE)));
    }
    end();
    return;
  }
  inflate = createInflateRaw({ chunkSize: PIECE });
  let inflated = 0;
  inflate.on('data', (piece) => {
    inflated += piece.length;
    // Never past the size the main thread admitted: a lying size is its damage to report.
    if (inflated > workerData.size) {
      answer({ failed: 'it inflates past its declared size' });
      return;
    }
    feed(decode(piece));
  });
  inflate.on('end', end);
  inflate.on('error', (err) => answer({ failed: String(err && err.message) }));
  inflate.end(raw);
};
read(true, (message) => {
  if (message.ok || message.spaced) parentPort.postMessage(message);
  else read(false, (answer) => parentPort.postMessage(answer));
});
`;

/**
 * Well-formedness checks of big UTF-8 parts run in worker threads beside the main thread's
 * own reading of the same part (saxes is a large share of a big refresh's CPU; the offset
 * scanner and the core then run at the same time on the other core). Nothing is written or
 * returned before `settled()`: a damaged part is refused exactly as in line, and damage the
 * scanner or the core trips over first is reported as the check's sentence (what the in-line
 * check would have said before they ran), see refreshFile.
 */
export class WorkerChecks {
  private readonly pending: { part: string; result: Promise<Error | null> }[] = [];

  /**
   * Starts checking `part` from its compressed bytes (`stored`: ZIP method 0). `inflated`:
   * the main thread has inflated them whole and checked their CRC (else it reads them as they
   * inflate, and compressed data the worker cannot inflate is the file's damage). `given`: the
   * caller lets go of `compressed`, which is then moved to the worker without a copy when it
   * is a whole buffer.
   */
  start(
    part: string,
    compressed: Uint8Array,
    stored: boolean,
    inflated = true,
    size = Number.MAX_SAFE_INTEGER,
    given = false,
  ): void {
    const buffer = compressed.buffer;
    // Shared memory the caller gives is read in place; else the worker gets its own buffer,
    // moved (not copied) to it.
    const whole =
      given && compressed.byteOffset === 0 && compressed.byteLength === buffer.byteLength;
    const shared = whole && buffer instanceof SharedArrayBuffer ? buffer : null;
    const raw =
      whole && buffer instanceof ArrayBuffer
        ? new Uint8Array(buffer)
        : shared === null
          ? new Uint8Array(compressed) // a copy (a Buffer's slice() would be a view)
          : new Uint8Array(0);
    const result = new Promise<Error | null>((resolve) => {
      const worker = new Worker(WORKER_SCRIPT, {
        eval: true,
        // None of the process's flags: under a TypeScript hook (tsx's --require, as in the
        // benchmark and in development) the worker would load it and resolve saxes through it.
        execArgv: [],
        workerData: {
          saxes: require.resolve('saxes'),
          raw: shared ?? raw.buffer,
          stored,
          size,
          maxDepth: MAX_DEPTH,
        },
        transferList: shared === null ? [raw.buffer] : [],
      });
      let answered = false;
      worker.once(
        'message',
        (m: {
          ok?: true;
          spaced?: true;
          doctype?: true;
          deep?: true;
          error?: string;
          failed?: string;
        }) => {
          answered = true;
          if (m.ok) resolve(null);
          else if (m.spaced) resolve(new DamagedPartError(part, SPACED_END_TAG_REASON));
          else if (m.doctype) resolve(new DamagedPartError(part, DTD_REASON));
          else if (m.deep) resolve(new DamagedPartError(part, DEPTH_REASON));
          else if (m.error !== undefined) resolve(new DamagedPartError(part, reasonOf(m.error)));
          // Once the main thread inflated the same bytes and checked their CRC, a failure is
          // ours, not the file's.
          else if (inflated) {
            resolve(new Error(`the check of ${part} could not inflate it: ${m.failed}`));
          } else {
            resolve(new DamagedPartError(part, 'is damaged (its compressed data cannot be read)'));
          }
          void worker.terminate();
        },
      );
      worker.once('error', (err) => {
        answered = true;
        resolve(new Error(`the check of ${part} failed: ${err.message}`));
      });
      worker.once('exit', (code) => {
        if (!answered) resolve(new Error(`the check of ${part} stopped (exit code ${code})`));
      });
    });
    this.pending.push({ part, result });
  }

  /** True while any check has been started. */
  get started(): boolean {
    return this.pending.length > 0;
  }

  /**
   * Waits for every check started so far and throws the first failure in the order the parts
   * were read (DamagedPartError naming the part for damage; any other error is our defect).
   */
  async settled(): Promise<void> {
    for (const p of this.pending) {
      const err = await p.result;
      if (err) throw err;
    }
  }
}
