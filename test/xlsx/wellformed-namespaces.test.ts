/**
 * The worker's first reading of a part (src/xlsx/wellformed.ts) runs saxes without its
 * namespace processing and checks the namespace constraints itself (NAMESPACE_SCRIPT); only
 * what that reading refuses is read again by saxes in `xmlns` mode, whose answer is given.
 * So the check is as strict as before exactly when that first reading never accepts what
 * saxes in `xmlns` mode (the reference, as checkWellFormed runs it in line) refuses. Proven
 * here three ways: a table of the constraints of Namespaces in XML 1.0 (each one's breach
 * and its lawful neighbours), thousands of generated documents on which both must agree,
 * and the worker itself giving the in-line sentence, deflated and stored alike.
 */

import { deflateRawSync } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { MAX_DEPTH } from '../../src/core/limits';
import { DamagedPartError } from '../../src/xlsx/damage';
import { checkWellFormed, NAMESPACE_SCRIPT, WorkerChecks } from '../../src/xlsx/wellformed';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

type Watch = (parser: SaxesParser, maxDepth: number) => void;
// The script as the worker evaluates it (it defines watchNamespaces and its constants).
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const script = new Function(`${NAMESPACE_SCRIPT}\nreturn watchNamespaces;`) as () => Watch;
const watchNamespaces = script();

/** The worker's first reading: true when it accepts the document. */
function firstReading(xml: string): boolean {
  const parser = new SaxesParser({ position: false });
  parser.on('doctype', () => {
    throw new Error('a DTD');
  });
  watchNamespaces(parser, MAX_DEPTH);
  try {
    parser.write(xml);
    parser.close();
    return true;
  } catch {
    return false;
  }
}

/** The reference (saxes with `xmlns`, in line): null when it accepts, else its sentence. */
function reference(xml: string): string | null {
  try {
    checkWellFormed(xml);
    return null;
  } catch (err) {
    if (err instanceof DamagedPartError) return err.reason;
    throw err;
  }
}

const doc = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;

// [what, document, accepted by the reference]
const constraints: [string, string, boolean][] = [
  ['a default namespace', '<r xmlns="urn:a"><c/></r>', true],
  ['no namespace at all', '<r><c a="1"/></r>', true],
  ['a prefix bound on its element', '<p:r xmlns:p="urn:a"/>', true],
  ['a prefix bound on an ancestor', '<r xmlns:p="urn:a"><c><p:d p:x="1"/></c></r>', true],
  ['a prefix bound after the attribute that uses it', '<r p:x="1" xmlns:p="urn:a"/>', true],
  ['a prefix used after its scope ended', '<r><c xmlns:p="urn:a"/><p:d/></r>', false],
  ['an attribute prefix used after its scope', '<r><c xmlns:p="urn:a"/><d p:x="1"/></r>', false],
  ['a prefix rebound in a child', '<r xmlns:p="urn:a"><p:c xmlns:p="urn:b"/><p:d/></r>', true],
  [
    'a prefix rebound in a child, its binding back after it',
    '<r xmlns:a="urn:x" xmlns:b="urn:y"><c xmlns:a="urn:y"/><d a:y="1" b:y="2"/></r>',
    true,
  ],
  [
    'a prefix rebound in a child, two of one name after it',
    '<r xmlns:a="urn:x" xmlns:b="urn:x"><c xmlns:a="urn:y"/><d a:y="1" b:y="2"/></r>',
    false,
  ],
  [
    'a prefix rebound in a child, two of one name in it',
    '<r xmlns:a="urn:x" xmlns:b="urn:y"><c xmlns:a="urn:y" a:y="1" b:y="2"/></r>',
    false,
  ],
  ['an unbound element prefix', '<r><p:c/></r>', false],
  ['an unbound attribute prefix', '<r><c p:x="1"/></r>', false],
  ['an unbound prefix on the root', '<p:r/>', false],
  ['xml: attributes (always bound)', '<r xml:lang="de" xml:space="preserve"/>', true],
  ['an xml: element', '<xml:r/>', true],
  ['xml bound to its own name', `<r xmlns:xml="${XML_NS}"/>`, true],
  ['xml bound to another name', '<r xmlns:xml="urn:a"/>', false],
  ["xml's name bound to another prefix", `<r xmlns:p="${XML_NS}"/>`, false],
  ["xml's name as the default namespace", `<r xmlns="${XML_NS}"/>`, false],
  ['xmlns declared', `<r xmlns:xmlns="${XMLNS_NS}"/>`, false],
  ['xmlns declared to another name', '<r xmlns:xmlns="urn:a"/>', false],
  ["xmlns's name bound to a prefix", `<r xmlns:p="${XMLNS_NS}"/>`, false],
  ["xmlns's name as the default namespace", `<r xmlns="${XMLNS_NS}"/>`, false],
  ['an element prefixed xmlns', '<xmlns:r/>', false],
  ['a prefix undeclared (XML 1.0)', '<r xmlns:p="urn:a"><c xmlns:p=""/></r>', false],
  ['a prefix undeclared with spaces', '<r xmlns:p="  "/>', false],
  ['the default namespace undeclared', '<r xmlns="urn:a"><c xmlns=""/></r>', true],
  ['a namespace name with spaces around it', '<p:r xmlns:p=" urn:a "/>', true],
  [
    'two prefixes, one name, one local name',
    '<r xmlns:a="urn:x" xmlns:b="urn:x" a:y="1" b:y="2"/>',
    false,
  ],
  [
    'two prefixes, one name, two local names',
    '<r xmlns:a="urn:x" xmlns:b="urn:x" a:y="1" b:z="2"/>',
    true,
  ],
  [
    'two prefixes, two names, one local name',
    '<r xmlns:a="urn:x" xmlns:b="urn:y" a:y="1" b:y="2"/>',
    true,
  ],
  ['a prefixed and an unprefixed attribute', '<r xmlns:a="urn:x" a:y="1" y="2"/>', true],
  ['the same prefixed attribute twice', '<r xmlns:a="urn:x" a:y="1" a:y="2"/>', false],
  [
    'three prefixed attributes, the third a repeat',
    '<r xmlns:a="urn:x" xmlns:b="urn:y" xmlns:c="urn:x" a:y="1" b:y="2" c:y="3"/>',
    false,
  ],
  ['a name with two colons', '<r xmlns:a="urn:x"><a:b:c/></r>', false],
  ['an attribute name with two colons', '<r xmlns:a="urn:x" a:b:c="1"/>', false],
  ['an element name ending in a colon', '<r><a:/></r>', false],
  ['an element name starting with a colon', '<r><:a/></r>', false],
  ['an attribute name starting with a colon', '<r :a="1"/>', false],
  ['an attribute name ending in a colon', '<r a:="1"/>', false],
  ['a declaration with an empty prefix', '<r xmlns:="urn:a"/>', false],
  ['a declaration with two colons', '<r xmlns:a:b="urn:a"/>', false],
  ['a processing instruction', '<?pi data?><r/>', true],
  ['a processing instruction with a colon', '<?p:i data?><r/>', false],
  ['a processing instruction with a colon inside', '<r><?p:i data?></r>', false],
  ['an entity name with a colon', '<r>&a:b;</r>', false],
  [
    'Office prefixes',
    '<w xmlns="urn:m" xmlns:mc="urn:mc" xmlns:x14ac="urn:ac" mc:Ignorable="x14ac"><row x14ac:dyDescent="0.25"/></w>',
    true,
  ],
  ['an element closed by another name', '<p:r xmlns:p="urn:a" xmlns:q="urn:a"></q:r>', false],
  ['a DTD', '<!DOCTYPE r><r/>', false],
];

describe('the namespace constraints: the first reading agrees with saxes in xmlns mode', () => {
  it.each(constraints)('%s', (_what, body, accepted) => {
    for (const xml of [body, doc(body)]) {
      expect(reference(xml) === null).toBe(accepted);
      expect(firstReading(xml)).toBe(accepted);
    }
  });

  it('an XML 1.1 document goes to the reference, which decides (undeclaring is lawful there)', () => {
    const xml = '<?xml version="1.1"?><r xmlns:p="urn:a"><c xmlns:p=""/></r>';
    expect(firstReading(xml)).toBe(false);
    expect(reference(xml)).toBeNull();
  });

  it('sets few handlers: with eight, V8 makes the parser a dictionary (3-5x slower)', () => {
    const names: string[] = [];
    watchNamespaces({ on: (name: string) => names.push(name) } as unknown as SaxesParser, 1);
    // The worker adds its doctype handler; seven is the most that keeps the parser fast.
    expect(new Set([...names, 'doctype']).size).toBeLessThanOrEqual(6);
  });

  it('nesting past MAX_DEPTH is refused by both', () => {
    const deep = `${'<a>'.repeat(MAX_DEPTH + 1)}${'</a>'.repeat(MAX_DEPTH + 1)}`;
    const fits = `${'<a>'.repeat(MAX_DEPTH)}${'</a>'.repeat(MAX_DEPTH)}`;
    expect(firstReading(deep)).toBe(false);
    expect(reference(deep)).toMatch(/nests elements more than/);
    expect(firstReading(fits)).toBe(true);
    expect(reference(fits)).toBeNull();
  });
});

/** A small deterministic generator (xorshift), so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

/**
 * A random document built from the pieces namespace processing looks at: prefixes that are
 * bound, unbound, reserved or malformed, declarations of every kind (lawful, undeclaring,
 * reserved names), repeated local names under prefixes sharing a name, and nesting that ends
 * a declaration's scope before its prefix is used again.
 */
function randomDocument(next: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const odd = (p: number): boolean => next() < p;
  const uri = (): string =>
    odd(0.15) ? pick(['', ' ', XML_NS, XMLNS_NS]) : pick(['urn:x', 'urn:x', 'urn:y', ' urn:x ']);
  const prefix = (): string =>
    odd(0.1) ? pick(['xml', 'xmlns', 'a:b', '']) : pick(['a', 'b', 'c']);
  const name = (): string => {
    const local = odd(0.03) ? '' : pick(['y', 'z', 'lang']);
    return odd(0.5) ? local || 'e' : `${prefix()}:${local}`;
  };
  const element = (depth: number): string => {
    const tag = name();
    const attrs: string[] = [];
    for (let n = Math.floor(next() * 6); n > 0; n--) {
      const r = next();
      if (r < 0.4) attrs.push(`xmlns:${prefix()}="${uri()}"`);
      else if (r < 0.5) attrs.push(`xmlns="${uri()}"`);
      // Prefixed attributes of few local names, so two of one expanded name are common.
      else attrs.push(`${odd(0.3) ? name() : `${prefix()}:${pick(['y', 'z'])}`}="1"`);
    }
    const open = [tag, ...attrs].join(' ');
    if (depth > 3 || next() < 0.3) return `<${open}/>`;
    let inner = '';
    for (let n = Math.floor(next() * 4); n > 0; n--) {
      inner += odd(0.1) ? `<?${pick(['pi', 'p:i'])} x?>` : element(depth + 1);
    }
    return `<${open}>${inner}</${tag}>`;
  };
  return element(0);
}

describe('generated documents: the first reading accepts exactly what the reference accepts', () => {
  it('20,000 documents', () => {
    const next = random(27);
    let accepted = 0;
    const disagreements: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const xml = randomDocument(next);
      const ref = reference(xml) === null;
      if (ref) accepted++;
      if (firstReading(xml) !== ref) disagreements.push(xml);
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
    // Both verdicts are well represented, so the agreement means something.
    expect(accepted).toBeGreaterThan(1_000);
    expect(accepted).toBeLessThan(19_000);
  });
});

describe('the worker gives the in-line sentence', () => {
  /** The worker's answer for a part: null when accepted, else its reason. */
  async function inWorker(xml: string, stored: boolean): Promise<string | null> {
    const bytes = new TextEncoder().encode(xml);
    const checks = new WorkerChecks();
    checks.start('x.xml', stored ? bytes : deflateRawSync(bytes), stored, true, bytes.length);
    try {
      await checks.settled();
      return null;
    } catch (err) {
      if (err instanceof DamagedPartError) return err.reason;
      throw err;
    }
  }

  const cases: [string, string][] = [
    ...constraints.map(([what, body]): [string, string] => [what, doc(body)]),
    ['XML 1.1 undeclaring a prefix', '<?xml version="1.1"?><r xmlns:p="urn:a"><c xmlns:p=""/></r>'],
    ['a missing end tag', doc('<r xmlns:p="urn:a"><p:c></r>')],
    ['a control character', doc('<r>\u0001</r>')],
    ['too deep', `${'<a>'.repeat(MAX_DEPTH + 1)}${'</a>'.repeat(MAX_DEPTH + 1)}`],
    ['a DTD after a comment', doc('<!-- c --><!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>')],
  ];

  it.each(cases)('%s', async (_what, xml) => {
    const inLine = reference(xml);
    expect(await inWorker(xml, false)).toBe(inLine);
    expect(await inWorker(xml, true)).toBe(inLine);
  });

  /**
   * A document whose characters of two and three bytes straddle the worker's 64 KiB pieces,
   * with pieces of ASCII only between them (read as Latin-1, not decoded), and `tail` at the
   * end: a column counted wrong anywhere would show in the sentence.
   */
  function straddling(tail: string): string {
    const head = '<?xml version="1.0" encoding="UTF-8"?>\n<r>';
    const bytes = (t: string): number => Buffer.byteLength(t, 'utf8');
    let xml = head + 'a'.repeat(65_536 - bytes(head) - 1) + 'ü';
    xml += 'b'.repeat(3 * 65_536 - bytes(xml) - 2) + '€ Zürich ';
    xml += '<c>x</c>'.repeat(20_000);
    return xml + tail;
  }

  it.each([
    ['well-formed', '</r>'],
    ['a control character after them', 'é\u0001</r>'],
    ['an unbound prefix after them', 'é<p:x/></r>'],
    ['an unclosed root after them', 'é'],
  ])('characters across pieces, %s', async (_what, tail) => {
    const xml = straddling(tail);
    const inLine = reference(xml);
    expect(inLine === null).toBe(_what === 'well-formed');
    expect(await inWorker(xml, false)).toBe(inLine);
    expect(await inWorker(xml, true)).toBe(inLine);
  });

  it('a part whose compressed data fails is still damage, after the parse that passed', async () => {
    const bytes = new TextEncoder().encode(doc('<r>' + 'x'.repeat(100_000) + '</r>'));
    const deflated = deflateRawSync(bytes);
    const broken = deflated.subarray(0, deflated.length >> 1);
    const checks = new WorkerChecks();
    checks.start('x.xml', broken, false, false, bytes.length);
    await expect(checks.settled()).rejects.toThrow(/compressed data cannot be read/);
  });
});
