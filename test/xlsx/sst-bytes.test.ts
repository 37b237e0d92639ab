/**
 * A big shared-string table read from its bytes (Package.sharedStringBytes) gives what the
 * same table read as text gives: the same items, the same plain flags, the same sentence for
 * damage, and, written back around its items' bytes (sharedStringFrame), the same part. Each
 * case is read both ways: as text (a package without worker checks) and from its bytes (worker
 * checks from 0 bytes, so every part is big).
 */

import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { inPart } from '../../src/xlsx/damage';
import { refreshFile } from '../../src/xlsx/index';
import { MAIN_NS, Package } from '../../src/xlsx/package';
import { WorkerChecks } from '../../src/xlsx/wellformed';

const NOW = new Date('2026-03-02T09:30:00Z');
const PART = 'xl/sharedStrings.xml';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const sst = (items: string, attrs = ''): string =>
  `${DECL}<sst xmlns="${MAIN_NS}"${attrs}>${items}</sst>`;

/** Many items whose multi-byte characters fall across every 64 KB window of the part. */
const manyArrows = Array.from(
  { length: 6000 },
  (_v, i) => `<si><t>${'→'.repeat(i % 7)}Zürich ${i} ✓ €${'😀'.repeat(i % 3)}</t></si>`,
).join('');

const cases: [string, string | Uint8Array][] = [
  ['plain ASCII items', sst('<si><t>Alpha</t></si><si><t>Beta gamma delta epsilon</t></si>')],
  ['items in other scripts', sst('<si><t>Zürich façade → ✓ € 😀 日本語の名前</t></si>')],
  [
    'entities, character references and _xHHHH_ escapes',
    sst('<si><t>I&amp;O &lt;b&gt; &#x2192; &#8364; line_x000D_break</t></si>'),
  ],
  [
    'rich runs and phonetic runs',
    sst(
      '<si><r><t>Rich </t></r><r><rPr><b/></rPr><t>name</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si><si><t>after</t></si>',
    ),
  ],
  ['empty items', sst('<si/><si><t/></si><si><t></t></si><si><t>x</t></si>')],
  ['space kept', sst('<si><t xml:space="preserve">  two spaces  </t></si>')],
  ['a line break in an item', sst('<si><t>first\r\nsecond</t></si>')],
  ['comments between items', sst('<si><t>a</t></si><!-- note → --><si><t>b</t></si>')],
  ['a self-closing table', `${DECL}<sst xmlns="${MAIN_NS}" count="0" uniqueCount="0"/>`],
  [
    'a prefixed table',
    `${DECL}<x:sst xmlns:x="${MAIN_NS}" uniqueCount="2"><x:si><x:t>Zürich</x:t></x:si><x:si><x:t>b</x:t></x:si></x:sst>`,
  ],
  ['a byte order mark', `\uFEFF${sst('<si><t>Zürich</t></si>')}`],
  ['no XML declaration', `<sst xmlns="${MAIN_NS}"><si><t>Zürich</t></si></sst>\n`],
  ['more than a 64 KB window of multi-byte items', sst(manyArrows, ' uniqueCount="6000"')],
  [
    'UTF-16 (read as text either way)',
    new Uint8Array([
      0xff,
      0xfe,
      ...Array.from(sst('<si><t>Zürich</t></si>').replace('UTF-8', 'UTF-16'), (c) => [
        c.charCodeAt(0) & 0xff,
        c.charCodeAt(0) >> 8,
      ]).flat(),
    ]),
  ],
];

function archive(part: string | Uint8Array): Uint8Array {
  return zipSync({ [PART]: typeof part === 'string' ? strToU8(part) : part });
}

/**
 * The package read as text, and read from its bytes with its check in a worker (and, with
 * `inflateInWorkerFrom` 0, its items inflated again in a worker when they are written).
 */
function both(
  zip: Uint8Array,
  inflateInWorkerFrom = Infinity,
): { asText: Package; fromBytes: Package; checks: WorkerChecks } {
  const checks = new WorkerChecks();
  return {
    asText: new Package(zip),
    fromBytes: new Package(zip, {
      workerChecks: checks,
      checkInWorkerFrom: 0,
      inflateInWorkerFrom,
    }),
    checks,
  };
}

describe('a shared-string table read from its bytes', () => {
  it.each(cases)('%s: the same items and plain flags as read as text', async (_what, part) => {
    const { asText, fromBytes, checks } = both(archive(part));
    const a = asText.sharedStringItems(PART);
    const b = fromBytes.sharedStringItems(PART);
    expect([...b.texts]).toEqual([...a.texts]);
    expect([...b.plain]).toEqual([...a.plain]);
    await checks.settled();
    // Read from its bytes unless it is UTF-16.
    expect(fromBytes.sharedStringFrame(PART) === undefined).toBe(typeof part !== 'string');
  });

  it.each(
    cases.flatMap(([what, part]) => [
      [what, 'inflated in line', part, Infinity] as const,
      [what, 'inflated in a worker', part, 0] as const,
    ]),
  )('%s: written back around its items (%s), the same part', async (_what, _how, part, from) => {
    const { fromBytes, checks } = both(archive(part), from);
    fromBytes.sharedStringItems(PART);
    const original = unzipSync(archive(part))[PART]!;
    const frame = fromBytes.sharedStringFrame(PART);
    if (!frame) return;
    const close = frame.items === null ? '' : frame.close;
    fromBytes.write(PART, [frame.prolog, frame.open, ...(frame.items ?? []), close]);
    // Read back as text (each window decoded as it comes), and zipped.
    const bom = original[0] === 0xef ? 3 : 0;
    expect(fromBytes.text(PART)).toBe(new TextDecoder().decode(original.subarray(bom)));
    expect(unzipSync(await fromBytes.toBytesAsync())[PART]).toEqual(original);
    await checks.settled();
  });

  it.each([
    [
      'a byte that is not UTF-8',
      (b: Uint8Array) => b.map((x, i) => (i === b.length - 20 ? 0xff : x)),
    ],
    [
      'a stray "<" in an item',
      (b: Uint8Array) => strToU8(new TextDecoder().decode(b).replace('Zürich', 'Zü<rich')),
    ],
    [
      'an item missing its </si>',
      (b: Uint8Array) => strToU8(new TextDecoder().decode(b).replace('</si>', '')),
    ],
    [
      'a DTD',
      (b: Uint8Array) => strToU8(new TextDecoder().decode(b).replace('?>', '?><!DOCTYPE sst>')),
    ],
    // The parse itself trips over these; the check's sentence is the one given (refreshFile
    // waits for the checks before it reports anything else).
    [
      'an unclosed root',
      (b: Uint8Array) => strToU8(new TextDecoder().decode(b).replace('</sst>', '')),
    ],
    [
      'another root element',
      (b: Uint8Array) =>
        strToU8(
          new TextDecoder().decode(b).replace(/<sst /g, '<sheet ').replace('</sst>', '</sheet>'),
        ),
    ],
  ])('with %s is refused with the sentence read as text gives', async (_what, damage) => {
    const zip = archive(
      damage(strToU8(sst('<si><t>Zürich → ✓</t></si><si><t>tail item</t></si>'))),
    );
    const { asText, fromBytes, checks } = both(zip);
    const sentence = (f: () => unknown): string => {
      try {
        f();
        return 'ok';
      } catch (err) {
        return (err as Error).message;
      }
    };
    // Read as its callers read it (sst.ts, Package.sharedStrings): damage names the part.
    const inLine = sentence(() => inPart(PART, null, () => asText.sharedStringItems(PART)));
    expect(inLine).not.toBe('ok');
    // As refreshFile reports: the worker's damage first, else what the read threw.
    const thrown = sentence(() => inPart(PART, null, () => fromBytes.sharedStringItems(PART)));
    const checked = await checks.settled().then(
      () => 'ok',
      (e: Error) => e.message,
    );
    expect(checked === 'ok' ? thrown : checked).toBe(inLine);
  });

  it('two refreshes of a workbook with shared strings in other scripts write the same parts either way', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Inventory');
    ws.addRow([
      'Initiative',
      'Led By',
      'Stage',
      'I&O Pilot',
      'I&O Implementation',
      'I&O Operations',
    ]);
    for (let i = 0; i < 300; i++) {
      ws.addRow([`Zürich → façade ${i} ✓`, 'IT', 'Production', 'Leading', 'Responsible', 'None']);
    }
    let a: Uint8Array = new Uint8Array(await wb.xlsx.writeBuffer());
    let b = a;
    // The second pass rewrites a table that holds the first pass's sentences.
    for (let pass = 0; pass < 2; pass++) {
      a = (await refreshFile(a, 'a.xlsx', { history: true }, NOW, undefined, Infinity)).bytes;
      b = (await refreshFile(b, 'a.xlsx', { history: true }, NOW, undefined, 0)).bytes;
      const pa = unzipSync(a);
      const pb = unzipSync(b);
      expect(Object.keys(pb)).toEqual(Object.keys(pa));
      for (const name of Object.keys(pa)) expect([name, pb[name]]).toEqual([name, pa[name]]);
    }
  });
});
