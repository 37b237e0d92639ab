/**
 * Hostile files (SPEC §6): each is refused with one catalogue sentence naming the part, exit 3
 * on the command line, within bounded memory, and the input is left as it was. The files are
 * made on the fly (hostile-files.ts): bombs of gigabytes from a few MB of repeated deflate.
 * Memory is measured (the child's peak resident size as the kernel counts it), never timed;
 * the only clock is a hang guard.
 */

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { RATIO_FLOOR } from '../../src/core/limits';
import { RoleMapError } from '../../src/core/messages';
import { refreshFile } from '../../src/xlsx/index';
import { Package } from '../../src/xlsx/package';
import { savedSettingsOf } from '../../src/xlsx/settings';
import { crc32, inflateEntry, makeEntry, type ZipEntry } from '../../src/xlsx/zip';
import {
  deepNesting,
  inventory,
  localHeaderOf,
  oneLetterStrings,
  renamed,
  repeatedEntry,
  rezip,
  settingsBomb,
  sharedStringsBomb,
  sheetRowsBomb,
  textsOf,
  withParts,
  withSharedStrings,
} from './hostile-files';

// Bombs of gigabytes are made (not inflated) in seconds; a loaded machine gets time, not a flake.
jest.setTimeout(120_000);

const NOW = new Date('2026-03-02T09:30:00Z');
const ROOT = join(__dirname, '..', '..');

/** What refreshing `bytes` in process throws (a RoleMapError is expected). */
async function refusal(bytes: Uint8Array, path = 'hostile.xlsx'): Promise<RoleMapError> {
  try {
    savedSettingsOf(bytes, path);
    await refreshFile(bytes, path, { history: true }, NOW);
  } catch (err) {
    if (err instanceof RoleMapError) return err;
    throw err;
  }
  throw new Error('the file was refreshed');
}

/** The hostile files, each with the part its sentence names and how it is refused. */
const BOMBS: [string, () => Uint8Array, string, RegExp][] = [
  [
    'shared strings of 3.1 GB (the issue: 7.7 MB, 6.1 GB and 55 s before exit 3)',
    () => sharedStringsBomb(3100),
    'xl/sharedStrings.xml',
    /would inflate past 536 MB, more than any workbook Excel can save/,
  ],
  [
    '27.5 million one-letter shared strings (the issue: 1.2 MB, 2.3 GB and exit 0)',
    () => oneLetterStrings(27_500_000),
    'xl/sharedStrings.xml',
    /would inflate past 467 MB \(\d{3} times its compressed size; Excel's own parts stay under 100 times\)/,
  ],
  [
    '2.6 GB of rows inside the grid (the issue: out of memory after 4 minutes, exit 134)',
    () => sheetRowsBomb(1_000_000, 175),
    'xl/worksheets/sheet1.xml',
    /would inflate past 2,636 MB \(\d{3} times its compressed size/,
  ],
  [
    'saved settings of 3.1 GB (the issue: 6.2 GB, then dropped with a warning)',
    () => settingsBomb(3100),
    'xl/webextensions/webextension1.xml',
    /would inflate past 8 MB, more than any workbook Excel can save/,
  ],
];

describe('decompression bombs are refused before they are inflated', () => {
  it.each(BOMBS)(
    '%s',
    async (_what, make, part, sentence) => {
      const err = await refusal(make());
      expect(err.code).toBe('part-inflates-too-far');
      expect(err.message).toContain(`"hostile.xlsx" cannot be refreshed: its part ${part} `);
      expect(err.message).toMatch(sentence);
    },
    120_000,
  );

  it('parts each under the ratio floor are one bomb together', async () => {
    // Two relationship parts of 10 MB each (both read first): neither is big enough for its
    // own ratio to count, the two together are.
    const base = inventory();
    const texts = textsOf(base);
    const chunk = `<Relationship Id="x" Type="t" Target="u"/>`.repeat(2000);
    const times = Math.ceil((RATIO_FLOOR * 0.6) / chunk.length);
    const bloated = (name: string) =>
      repeatedEntry(
        name,
        texts.get(name)!.replace('</Relationships>', ''),
        chunk,
        times,
        '</Relationships>',
      );
    const err = await refusal(
      withParts(base, {
        '_rels/.rels': bloated('_rels/.rels'),
        'xl/_rels/workbook.xml.rels': bloated('xl/_rels/workbook.xml.rels'),
      }),
    );
    expect(err.code).toBe('part-inflates-too-far');
    expect(err.message).toMatch(
      /its part xl\/_rels\/workbook\.xml\.rels would inflate past 10 MB \(\d+ times/,
    );
  });

  it('a part that inflates past the size its ZIP directory declares is damage', async () => {
    const base = inventory();
    const sheet = textsOf(base).get('xl/worksheets/sheet1.xml')!;
    const bytes = new TextEncoder().encode(sheet);
    const entry = {
      ...makeEntry('xl/worksheets/sheet1.xml', bytes),
      crc: crc32(bytes.subarray(0, 100)),
      size: 100,
    };
    const err = await refusal(withParts(base, { 'xl/worksheets/sheet1.xml': entry }));
    expect(err.code).toBe('damaged');
    expect(err.message).toContain('its part xl/worksheets/sheet1.xml is damaged');
  });

  it('a big part as repetitive as Excel writes them is read (ratio well under the limit)', () => {
    // Excel writes every row's and cell's reference: a sheet of identical rows still deflates
    // about 15 to 1. 24 MB, over the ratio floor.
    const base = inventory();
    const sheet = textsOf(base).get('xl/worksheets/sheet1.xml')!;
    const at = sheet.indexOf('</sheetData>');
    const rows: string[] = [];
    for (let r = 20; rows.length < 250_000; r++) {
      rows.push(
        `<row r="${r}" spans="1:2"><c r="A${r}" s="1"><v>0</v></c><c r="B${r}" t="s"><v>1</v></c></row>`,
      );
    }
    const text = sheet.slice(0, at) + rows.join('') + sheet.slice(at);
    const data = new TextEncoder().encode(text);
    expect(data.length).toBeGreaterThan(RATIO_FLOOR);
    const entry = {
      ...makeEntry('xl/worksheets/sheet1.xml', new Uint8Array(0)),
      crc: crc32(data),
      size: data.length,
      raw: new Uint8Array(deflateRawSync(data, { level: 9 })),
    };
    entry.compressedSize = entry.raw.length;
    const pkg = new Package(withParts(base, { 'xl/worksheets/sheet1.xml': entry }));
    expect(pkg.originalBytes('xl/worksheets/sheet1.xml')?.length).toBe(data.length);
  });
});

describe('nesting far deeper than Excel writes', () => {
  it.each([
    [1_001, true],
    [100_000, true],
    [900, false],
  ])('%i nested elements in a sheet: refused %s', async (depth, refused) => {
    const bytes = deepNesting(depth);
    if (!refused) {
      await expect(refreshFile(bytes, 'deep.xlsx', { history: true }, NOW)).resolves.toBeDefined();
      return;
    }
    const err = await refusal(bytes, 'deep.xlsx');
    expect(err.code).toBe('damaged');
    expect(err.message).toBe(
      '"deep.xlsx" is damaged: its part xl/worksheets/sheet1.xml nests elements more than 1,000 deep, far deeper than Excel writes; open it in Excel and save it again (Excel repairs what it can), then try again with the saved copy.',
    );
  });
});

/** The inventory's sheet part as the suite names it. */
const SHEET = 'xl/worksheets/sheet1.xml';

/** The inventory with its sheet's entry (and only it) changed by `edit`. */
const sheetEdited = (edit: (sheet: ZipEntry, all: ZipEntry[]) => ZipEntry[]) =>
  rezip(inventory(), (entries) => {
    const at = entries.findIndex((e) => e.name === SHEET);
    return [...entries.slice(0, at), ...edit(entries[at]!, entries), ...entries.slice(at + 1)];
  });

/** A decoy: the sheet with only its first rows (what "the first one wins" would refresh). */
function decoy(sheet: ZipEntry): ZipEntry {
  const text = new TextDecoder().decode(inflateEntry(sheet));
  const cut = text.replace(/<row r="(?:[4-9]|\d\d+)".*?<\/row>/g, '');
  return makeEntry(sheet.name, new TextEncoder().encode(cut));
}

describe('a package that can be read two ways is refused, naming the entry', () => {
  it.each([
    ['the same name twice (a 3-row decoy first)', (s: ZipEntry) => [decoy(s), s], SHEET, ''],
    [
      'the second spelled with backslashes',
      (s: ZipEntry) => [decoy(s), renamed(s, 'xl\\worksheets\\sheet1.xml')],
      SHEET,
      ' (as "xl/worksheets/sheet1.xml" and "xl\\worksheets\\sheet1.xml")',
    ],
    [
      'names differing only in case',
      (s: ZipEntry) => [s, renamed(decoy(s), 'xl/worksheets/Sheet1.xml')],
      'xl/worksheets/Sheet1.xml',
      ' (as "xl/worksheets/sheet1.xml" and "xl/worksheets/Sheet1.xml")',
    ],
  ])('%s', async (_what, edit, part, spelled) => {
    const err = await refusal(sheetEdited(edit));
    expect(err.code).toBe('damaged');
    expect(err.message).toContain(
      `its part ${part} is in the ZIP archive twice${spelled}, so it can be read two ways;`,
    );
  });

  /** The inventory with bytes of its sheet's local header changed. */
  const localPatched = (offset: number, write: (view: DataView, at: number) => void) => {
    const bytes = inventory().slice();
    const at = localHeaderOf(bytes, SHEET);
    write(new DataView(bytes.buffer), at + offset);
    return bytes;
  };

  it.each([
    ['its name', localPatched(30 + SHEET.length - 5, (v, p) => v.setUint8(p, 0x32)), 'its name'],
    [
      'its compression method',
      localPatched(8, (v, p) => v.setUint16(p, 0, true)),
      'its compression method',
    ],
    ['its size', localPatched(22, (v, p) => v.setUint32(p, 7, true)), 'its sizes'],
    ['its checksum', localPatched(14, (v, p) => v.setUint32(p, 1, true)), 'its checksum'],
    [
      'its flags (encrypted only there)',
      localPatched(6, (v, p) => v.setUint16(p, 0x0801, true)),
      'its flags',
    ],
  ])('a local header that disagrees with the directory: %s', async (_what, bytes, what) => {
    const err = await refusal(bytes);
    expect(err.code).toBe('damaged');
    expect(err.message).toContain(
      `its part ${SHEET} has a ZIP entry header that disagrees with the ZIP directory (${what}), so it can be read two ways;`,
    );
  });

  it.each([
    ['a part the refresh reads', SHEET],
    ['a part it only copies', 'docProps/app.xml'],
  ])('an encrypted entry in %s', async (_what, name) => {
    const bytes = rezip(inventory(), (entries) =>
      entries.map((e) => (e.name === name ? { ...e, flags: e.flags | 1 } : e)),
    );
    const err = await refusal(bytes);
    expect(err.code).toBe('damaged');
    expect(err.message).toContain(`its part ${name} is encrypted inside the ZIP archive;`);
  });
});

describe('text within what XML and Excel can hold', () => {
  /** The inventory with `edit` applied to the text of every cell of its row 4. */
  const row4 = (edit: (t: string) => string) => {
    const base = inventory();
    const sheet = textsOf(base).get(SHEET)!;
    const a = sheet.indexOf('<row r="4"');
    const b = sheet.indexOf('</row>', a);
    const row = sheet
      .slice(a, b)
      .replace(/<t>([^<]*)<\/t>/g, (_m, t: string) => `<t>${edit(t)}</t>`);
    return withParts(base, { [SHEET]: sheet.slice(0, a) + row + sheet.slice(b) });
  };

  it('half an emoji (_xD83D_, as Excel writes a cut text) is refreshed and written back as it was', async () => {
    const r = await refreshFile(
      row4((t) => `${t}_xD83D_`),
      'half.xlsx',
      { history: true },
      NOW,
    );
    const out = textsOf(r.bytes);
    // Quoted in a data issue (a stage that is no stage) and kept in the user's own cells.
    expect([...out.values()].some((t) => /_xD83D_/.test(t))).toBe(true);
    for (const [name, text] of out)
      expect([name, /[\uD800-\uDFFF]/.test(text)]).toEqual([name, false]);
  });

  it("a 32,767-character value: every cell written fits Excel's limit, the quote is shortened", async () => {
    const r = await refreshFile(
      row4((t) => (t.length > 3 ? 'P'.repeat(32_767) : t)),
      'long.xlsx',
      { history: true },
      NOW,
    );
    for (const [name, text] of textsOf(r.bytes)) {
      for (const m of text.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)) {
        expect([name, m[1]!.length <= 32_767]).toEqual([name, true]);
      }
    }
    expect(r.outcome.rows.some((x) => x.issues.some((i) => i.message.includes('P…"')))).toBe(true);
  });
});

describe('formats and parts the refresh would otherwise write wrongly', () => {
  /** The inventory with its workbook's namespace (and so every part it names) replaced. */
  const inNamespace = (ns: string) => {
    const base = inventory();
    const wb = textsOf(base).get('xl/workbook.xml')!;
    return withParts(base, {
      'xl/workbook.xml': wb.replace(
        'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
        ns,
      ),
    });
  };

  it.each([
    [
      'Strict Open XML',
      'http://purl.oclc.org/ooxml/spreadsheetml/main',
      'is saved as "Strict Open XML Spreadsheet", which the refresh cannot write back without mixing in the usual format; open it in Excel, save it as "Excel Workbook (*.xlsx)", and try the saved copy.',
    ],
    [
      'the pre-release Excel 2007 namespace',
      'http://schemas.microsoft.com/office/excel/2006/2',
      'is in the format of a pre-release of Excel 2007, which the refresh cannot read as a current workbook; open it in a current Excel, save it as "Excel Workbook (*.xlsx)", and try the saved copy.',
    ],
  ])('%s is refused with a sentence', async (_what, ns, sentence) => {
    const err = await refusal(inNamespace(ns), 'fmt.xlsx');
    expect(err.code).toBe('unsupported-format');
    expect(err.message).toBe(`"fmt.xlsx" ${sentence}`);
  });

  it('merged cells where the role columns go are a blocker naming the merge (read from <mergeCells>)', async () => {
    const base = inventory();
    const sheet = textsOf(base).get(SHEET)!;
    const at = sheet.indexOf('</sheetData>') + '</sheetData>'.length;
    const merged = `${sheet.slice(0, at)}<mergeCells count="1"><mergeCell ref="B6:ZZ6"/></mergeCells>${sheet.slice(at)}`;
    const err = await refusal(withParts(base, { [SHEET]: merged }), 'merged.xlsx');
    expect(err.code).toBe('output-merged');
    expect(err.message).toMatch(
      /^Cells B6:ZZ6 on "[^"]+" are merged where the role columns would go \([A-Z]+\d+:[A-Z]+\d+\), so the roles written there would be hidden; /,
    );
  });

  it('a shared-string part with a content type but no relationship is adopted, not doubled', async () => {
    const base = withSharedStrings(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}" count="1" uniqueCount="1"><si><t>Orphan item</t></si></sst>`,
    );
    // The relationship taken away again: the part and its content type stay.
    const rels = textsOf(base).get('xl/_rels/workbook.xml.rels')!;
    const bytes = withParts(base, {
      'xl/_rels/workbook.xml.rels': rels.replace(/<Relationship Id="rIdSst"[^>]*\/>/, ''),
    });
    const out = textsOf((await refreshFile(bytes, 'orphan.xlsx', { history: true }, NOW)).bytes);
    const tables = [...out.keys()].filter((n) => /sharedStrings/i.test(n));
    expect(tables).toEqual(['xl/sharedStrings.xml']);
    const sst = out.get('xl/sharedStrings.xml')!;
    expect(sst.indexOf('<si><t>Orphan item</t></si>')).toBeGreaterThan(0);
    expect(sst).toContain('I&amp;O Role');
    expect(out.get('xl/_rels/workbook.xml.rels')).toMatch(
      /Type="[^"]*\/sharedStrings" Target="(\/xl\/)?sharedStrings\.xml"/,
    );
  });
});

describe('on the command line: exit 3, one sentence, bounded memory, input untouched', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'iot-hostile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the command line from src/ on `input`; its exit, stderr and what it used. */
  const run = (args: string[]) => {
    const usageFile = join(dir, 'usage.json');
    rmSync(usageFile, { force: true });
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'hostile-cli.ts'), ...args],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, HOSTILE_USAGE: usageFile },
        // A hang guard, not a timing: a refusal takes well under a second of CPU.
        timeout: 120_000,
      },
    );
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as {
      maxRssMiB: number;
      cpuSeconds: number;
    };
    return { status: r.status, stderr: r.stderr, usage };
  };

  const CASES: [string, () => Uint8Array, string][] = [
    ...BOMBS.map(([what, make, part]): [string, () => Uint8Array, string] => [what, make, part]),
    ['100,000 nested elements (the issue: past 20 s)', () => deepNesting(100_000), 'sheet1.xml'],
  ];

  it.each(CASES)(
    '%s',
    (_what, make, part) => {
      const input = join(dir, 'input.xlsx');
      const out = join(dir, 'out.xlsx');
      const bytes = make();
      writeFileSync(input, bytes);
      const before = createHash('sha256').update(bytes).digest('hex');
      const { status, stderr, usage } = run(['refresh', input, '--out', out]);
      expect(status).toBe(3);
      expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(stderr).toContain(part);
      expect(existsSync(out)).toBe(false);
      expect(createHash('sha256').update(readFileSync(input)).digest('hex')).toBe(before);
      expect(usage.maxRssMiB).toBeLessThan(512);
    },
    150_000,
  );
});
