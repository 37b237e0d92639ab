/**
 * The seven defect classes of issue 10, each on a small workbook built here (no ../shared
 * needed): damage is refused with one sentence naming the part, new parts get content types
 * in the package's style, an empty <styleSheet/> is filled inside, Excel's grid is enforced,
 * declared encodings are honoured both ways, malformed parts are never passed on, and long
 * sheet lists are capped.
 */

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { problem, quoteList, RoleMapError } from '../../src/core/messages';
import { isStringTooLong, PartTooLargeError, toFileProblem } from '../../src/xlsx/damage';
import { createWorkbook, refreshFile } from '../../src/xlsx/index';

const NOW = new Date('2026-03-02T09:30:00Z');
const INVENTORY = [
  ['Initiative', 'Led By', 'Stage', 'I&O Pilot', 'I&O Implementation', 'I&O Operations'],
  ['Smart meters', 'IT', 'Production', 'Leading', 'Responsible', 'Responsible'],
  ['Zürich façade sensors', 'Facilities', 'Pilot', 'None', 'None', 'None'],
];
const SHEET = 'xl/worksheets/sheet1.xml';

function book(): Record<string, Uint8Array> {
  return unzipSync(createWorkbook([{ name: 'Inventory', values: INVENTORY, headerRow: 0 }]));
}

async function refresh(entries: Record<string, Uint8Array>): Promise<{
  parts: Record<string, Uint8Array>;
  roles: Record<string, string>;
}> {
  const r = await refreshFile(zipSync(entries), 'book.xlsx', { history: true }, NOW);
  const roles: Record<string, string> = {};
  for (const row of r.outcome.rows) roles[row.initiative.name ?? ''] = row.role;
  return { parts: unzipSync(r.bytes), roles };
}

async function failure(entries: Record<string, Uint8Array>): Promise<RoleMapError> {
  try {
    await refreshFile(zipSync(entries), 'book.xlsx', { history: true }, NOW);
  } catch (err) {
    if (err instanceof RoleMapError) return err;
    throw err;
  }
  throw new Error('the refresh succeeded');
}

const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

describe('1. damage found while writing is the file, not a defect', () => {
  it.each([
    ['a styles part without its end tag', (x: string) => x.replace('</styleSheet>', '')],
    ['a styles part with a stray "<"', (x: string) => x.replace('<fonts', '<<fonts')],
  ])(
    '%s: damaged, naming xl/styles.xml, with the advice to re-save in Excel',
    async (_what, mutate) => {
      const entries = book();
      entries['xl/styles.xml'] = strToU8(mutate(text(entries['xl/styles.xml'])));
      const err = await failure(entries);
      expect(err.code).toBe('damaged');
      expect(err.message).toContain('its part xl/styles.xml is not well-formed XML');
      expect(err.message).toContain('save it again');
      expect(err.message.split('\n')).toHaveLength(1);
    },
  );
});

describe('2. every new part has a content type, in the style the package uses', () => {
  it('a package that lists each .rels part with an Override gets Overrides for ours', async () => {
    const entries = book();
    const ct = text(entries['[Content_Types].xml'])
      .replace(/<Default Extension="rels"[^>]*\/>/, '')
      .replace(
        '</Types>',
        '<Override PartName="/_rels/.rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/_rels/workbook.xml.rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>',
      );
    entries['[Content_Types].xml'] = strToU8(ct);
    const { parts } = await refresh(entries);
    const out = text(parts['[Content_Types].xml']);
    expect(out).not.toMatch(/Extension="rels"/);
    const rels = Object.keys(parts).filter((n) => n.endsWith('.rels'));
    expect(rels).toEqual(expect.arrayContaining(['xl/drawings/_rels/drawing1.xml.rels']));
    for (const n of rels) expect(out).toContain(`PartName="/${n}"`);
  });
});

describe('3. an empty <styleSheet/> is filled inside its root', () => {
  it('writes the defaults and our formats inside the root element', async () => {
    const entries = book();
    entries['xl/styles.xml'] = strToU8(
      '<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
    );
    const styles = text((await refresh(entries)).parts['xl/styles.xml']);
    expect(styles.trimEnd().endsWith('</styleSheet>')).toBe(true);
    expect(styles.match(/<styleSheet\b/g)).toHaveLength(1);
    expect(styles).toMatch(
      /<cellXfs count="\d+"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"\/>/,
    );
  });
});

describe("4. Excel's grid", () => {
  const shifted = (sheet: string, from: string): string => {
    const letters = ['XEY', 'XEZ', 'XFA', 'XFB', 'XFC', 'XFD'];
    return sheet.replace(
      /r="([A-F])(\d+)"/g,
      (_m, c: string, r: string) => `r="${from === 'XFD' ? letters['ABCDEF'.indexOf(c)] : c}${r}"`,
    );
  };
  it('a header ending in XFD: no room for the role columns, one sentence', async () => {
    const entries = book();
    entries[SHEET] = strToU8(shifted(text(entries[SHEET]), 'XFD'));
    const err = await failure(entries);
    expect(err).toEqual(
      problem('output-beyond-grid', { sheet: 'Inventory', cell: 'XFJ1', what: 'inventory' }),
    );
  });
  it.each([
    ['a cell reference ZZZZ1', (s: string) => s.replace('r="A1"', 'r="ZZZZ1"'), 'ZZZZ1'],
    [
      'a row past 1,048,576',
      (s: string) =>
        s.replace(
          '</sheetData>',
          '<row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData>',
        ),
      'row 1048577',
    ],
  ])('%s: the file is damaged, naming the sheet and the reference', async (_what, mutate, ref) => {
    const entries = book();
    entries[SHEET] = strToU8(mutate(text(entries[SHEET])));
    expect(await failure(entries)).toEqual(
      problem('data-beyond-grid', { path: 'book.xlsx', sheet: 'Inventory', cell: ref }),
    );
  });
});

describe('5. declared encodings are honoured on read and kept on write', () => {
  it.each([
    ['ISO-8859-1', (s: string) => new Uint8Array(Buffer.from(s, 'latin1'))],
    ['windows-1252', (s: string) => new Uint8Array(Buffer.from(s, 'latin1'))],
  ])('a sheet in %s keeps "Zürich" and is written back in it', async (label, encode) => {
    const entries = book();
    entries[SHEET] = encode(
      text(entries[SHEET]).replace('encoding="UTF-8"', `encoding="${label}"`),
    );
    const { parts, roles } = await refresh(entries);
    expect(roles['Zürich façade sensors']).toBe('Bystander');
    const out = Buffer.from(parts[SHEET]!).toString('latin1');
    expect(out).toContain(`encoding="${label}"`);
    expect(out).toContain('Zürich façade sensors');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(parts[SHEET])).toThrow();
    // Our text goes to the shared-string table the refresh adds (UTF-8, like Excel's).
    expect(text(parts['xl/sharedStrings.xml'])).toContain('→');
  });
  it.each(['ISO-8859-1', 'windows-1252'])(
    'a shared-string table in %s keeps its items and encoding; ours are appended in it',
    async (label) => {
      const entries = book();
      const sst = `<?xml version="1.0" encoding="${label}"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>Zürich</t></si></sst>`;
      entries['xl/sharedStrings.xml'] = new Uint8Array(Buffer.from(sst, 'latin1'));
      entries['[Content_Types].xml'] = strToU8(
        text(entries['[Content_Types].xml']).replace(
          '</Types>',
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        ),
      );
      const rels = 'xl/_rels/workbook.xml.rels';
      entries[rels] = strToU8(
        text(entries[rels]).replace(
          '</Relationships>',
          '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        ),
      );
      const { parts, roles } = await refresh(entries);
      expect(roles['Zürich façade sensors']).toBe('Bystander');
      const out = Buffer.from(parts['xl/sharedStrings.xml']!).toString('latin1');
      expect(out).toContain(`encoding="${label}"`);
      // The existing item first, unchanged; count dropped (the refresh does not count every
      // sheet's references), uniqueCount exact.
      expect(out).toMatch(/^<\?xml[^>]*\?><sst [^>]*><si><t>Zürich<\/t><\/si><si>/);
      expect(out).not.toMatch(/ count=/);
      expect(out).toMatch(new RegExp(`uniqueCount="${(out.match(/<si>/g) ?? []).length}"`));
      // Characters the encoding cannot hold (the rationale's arrow) are character references.
      expect(out).toMatch(/&#x2192;/);
      expect(() =>
        new TextDecoder('utf-8', { fatal: true }).decode(parts['xl/sharedStrings.xml']),
      ).toThrow();
    },
  );
  it('Latin-1 bytes under a UTF-8 declaration are damage, not "Z\uFFFDrich"', async () => {
    const entries = book();
    entries[SHEET] = new Uint8Array(Buffer.from(text(entries[SHEET]), 'latin1'));
    const err = await failure(entries);
    expect(err.code).toBe('damaged');
    expect(err.message).toContain(`its part ${SHEET} holds bytes that are not valid UTF-8`);
  });
  it('an unknown encoding is damage', async () => {
    const entries = book();
    entries[SHEET] = strToU8(
      text(entries[SHEET]).replace('encoding="UTF-8"', 'encoding="x-klingon"'),
    );
    expect((await failure(entries)).message).toContain('declares the encoding "x-klingon"');
  });
});

describe('6. a malformed part is never patched and passed on', () => {
  it.each([
    ['a sheet missing a </row>', SHEET, (s: string) => s.replace('</row>', '')],
    ['an inline string missing its </is>', SHEET, (s: string) => s.replace('</is>', '')],
    [
      'content types with a flipped byte',
      '[Content_Types].xml',
      (s: string) => s.replace('<Override', '<Ov"rride'),
    ],
  ])('%s: damaged, naming the part', async (_what, part, mutate) => {
    const entries = book();
    entries[part] = strToU8(mutate(text(entries[part])));
    const err = await failure(entries);
    expect(err.code).toBe('damaged');
    expect(err.message).toContain(`its part ${part} `);
  });
  it('a flipped bit in deflated data fails the CRC-32 of that part', async () => {
    const bytes = zipSync(book(), { level: 0 });
    const at = Buffer.from(bytes).indexOf('Smart meters');
    bytes[at] = bytes[at]! ^ 0x20;
    await expect(refreshFile(bytes, 'book.xlsx', { history: true }, NOW)).rejects.toThrow(
      `its part ${SHEET} is damaged (its bytes fail the ZIP checksum)`,
    );
  });
});

describe('7. long lists are capped', () => {
  it('names at most eight sheets and counts the rest', () => {
    const names = Array.from({ length: 40 }, (_v, i) => `Sheet ${i + 1}`);
    expect(quoteList(names)).toBe(
      `${names
        .slice(0, 8)
        .map((n) => `"${n}"`)
        .join(', ')} …and 32 more`,
    );
    const msg = problem('no-inventory', { sheets: names }).message;
    expect(msg).toContain('…and 32 more');
    expect(msg.length).toBeLessThan(400);
  });
  it('a sheet name with a line break does not split the sentence', () => {
    expect(problem('sheet-not-found', { sheet: 'a\nb' }).message).not.toContain('\n');
  });
});

describe('ZIP entries as producers write them', () => {
  const python = (code: string, input: Uint8Array): Uint8Array | null => {
    const r = spawnSync('/usr/bin/python3', ['-c', code], { input, maxBuffer: 64 << 20 });
    return r.status === 0 ? new Uint8Array(r.stdout) : null;
  };
  // A streaming writer: data descriptors (sizes after the data) and ZIP64 records, as
  // Python's zipfile writes them to a pipe with force_zip64.
  const STREAMED = `
import io, sys, zipfile
src = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
class Pipe(io.RawIOBase):
    def __init__(self): self.buf = bytearray()
    def writable(self): return True
    def write(self, b): self.buf += b; return len(b)
    def seekable(self): return False
out = Pipe()
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for i, info in enumerate(src.infolist()):
        with z.open(zipfile.ZipInfo(info.filename), 'w', force_zip64=True) as w:
            w.write(src.read(info.filename))
data = bytes(out.buf)
# Move the directory's end into ZIP64 records (as streaming writers of big files do): a ZIP64
# end record and its locator, with the classic record's fields saturated.
import struct
e = data.rfind(b'PK\\x05\\x06')
count, size, offset = struct.unpack('<HII', data[e + 10:e + 20])
z64 = struct.pack('<IQHHIIQQQQ', 0x06064b50, 44, 45, 45, 0, 0, count, count, size, offset)
loc = struct.pack('<IIQI', 0x07064b50, 0, e, 1)
end = struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, 0xffff, 0xffff, 0xffffffff, 0xffffffff, 0)
sys.stdout.buffer.write(data[:e] + z64 + loc + end)
`;
  it('reads data descriptors and ZIP64 records from a streaming writer', async () => {
    if (!existsSync('/usr/bin/python3')) {
      console.warn('skipped the ZIP64 test: /usr/bin/python3 is missing');
      return;
    }
    const streamed = python(STREAMED, zipSync(book()));
    expect(streamed).not.toBeNull();
    const r = await refreshFile(streamed!, 'book.xlsx', { history: true }, NOW);
    expect(r.outcome.rows.map((x) => [x.initiative.name, x.role])).toContainEqual([
      'Smart meters',
      'Driver',
    ]);
  });

  it('stored and deflated entries, and a name whose case differs from its reference', async () => {
    const entries = book();
    const sheet = entries[SHEET]!;
    delete entries[SHEET];
    entries['xl/worksheets/Sheet1.xml'] = sheet;
    const bytes = zipSync(
      Object.fromEntries(
        Object.entries(entries).map(([k, v], i) => [k, [v, { level: i % 2 === 0 ? 0 : 6 }]]),
      ) as never,
    );
    const out = unzipSync((await refreshFile(bytes, 'book.xlsx', { history: true }, NOW)).bytes);
    expect(Object.keys(out)).toContain('xl/worksheets/Sheet1.xml');
    expect(Object.keys(out)).not.toContain(SHEET);
    expect(text(out['xl/worksheets/Sheet1.xml'])).toMatch(/ t="s"><v>\d+<\/v>/);
    expect(text(out['xl/sharedStrings.xml'])).toContain('I&amp;O Role');
  });

  it('"Sheet1.xml" beside "sheet1.xml" is refused: OPC forbids two names equal but for case', async () => {
    const entries = book();
    entries['xl/worksheets/Sheet1.xml'] = strToU8(
      '<?xml version="1.0"?><worksheet xmlns="urn:x"><sheetData/></worksheet>',
    );
    await expect(
      refreshFile(zipSync(entries), 'book.xlsx', { history: true }, NOW),
    ).rejects.toThrow(
      'its part xl/worksheets/Sheet1.xml is in the ZIP archive twice (as "xl/worksheets/sheet1.xml" and "xl/worksheets/Sheet1.xml"), so it can be read two ways',
    );
  });
});

describe('a part longer than the longest string', () => {
  it('is one sentence naming the part and its size, not an unexpected error', () => {
    // V8 refuses such a string before allocating it, so the real error is cheap to make.
    let tooLong: unknown;
    try {
      'x'.repeat(2 ** 30);
    } catch (err) {
      tooLong = err;
    }
    expect(isStringTooLong(tooLong)).toBe(true);
    expect(isStringTooLong(new Error('Invalid string'))).toBe(false);
    const err = toFileProblem(
      new PartTooLargeError('xl/worksheets/sheet1.xml', 670_000_000),
      'big.xlsx',
    );
    expect(err).toBeInstanceOf(RoleMapError);
    expect((err as RoleMapError).code).toBe('part-too-large');
    expect((err as RoleMapError).message).toContain(
      '"big.xlsx" holds xl/worksheets/sheet1.xml as 670 MB of XML',
    );
    expect((err as RoleMapError).message.split('\n')).toHaveLength(1);
  });
});
