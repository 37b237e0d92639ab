/**
 * An end tag spaced before its ">" (`</c >`, `</row\n>`) is well-formed XML that Excel never
 * writes and the file adapter's offset scanners do not read: before this check such a sheet
 * lost cells silently ("no inventory found"), or failed as our defect ("Unclosed row
 * element", exit 1). Now it is refused with one sentence naming the part, in line and from a
 * worker alike (src/xlsx/wellformed.ts endTagWatch), and a part that is not well-formed keeps
 * saxes's sentence. The watch is held to a regular expression over the whole text, fed in
 * pieces cut everywhere.
 */

import { strToU8, unzipSync } from 'fflate';
import { createWorkbook } from '../../src/xlsx/index';
import { DamagedPartError } from '../../src/xlsx/damage';
import { checkWellFormed, endTagWatch } from '../../src/xlsx/wellformed';
import { refreshOutcome } from './helpers';

const SHEET = 'xl/worksheets/sheet1.xml';
const INVENTORY = [
  ['Initiative', 'Led By', 'Stage', 'I&O Pilot', 'I&O Implementation', 'I&O Operations'],
  ['Smart meters', 'IT', 'Production', 'Leading', 'Responsible', 'Responsible'],
  ['Zürich façade sensors', 'Facilities', 'Pilot', 'None', 'None', 'None'],
];
const REASON = 'writes an end tag with a space before its ">"';

/**
 * The reference: an end tag (outside markup) with XML white space before its ">", other than
 * sheetData's (read spaced, test/xlsx/read.test.ts).
 */
const spacedReference = (text: string): boolean =>
  [...text.matchAll(/<\/([^ \t\r\n<>]+)[ \t\r\n]+>/g)].some(
    ([, name]) => name !== 'sheetData' && !name!.endsWith(':sheetData'),
  );

/** The watch's verdict on `text` cut into pieces at `cuts` (ascending offsets). */
function watched(text: string, cuts: readonly number[]): boolean {
  const watch = endTagWatch();
  let from = 0;
  let seen = false;
  for (const cut of [...cuts, text.length]) {
    seen = watch(text.slice(from, cut)) || seen;
    from = cut;
  }
  return watch('') || seen;
}

const TABLE: [string, boolean][] = [
  ['<a><b></b></a>', false],
  ['<a><b></b ></a>', true],
  ['<a><b></b\t></a>', true],
  ['<a><b></b\r\n\r\n></a>', true],
  ['<x:a xmlns:x="u"><x:b></x:b  ></x:a>', true],
  ['<a><b/><c x="1" /></a >', true],
  ['<a b = "1" ><c></c></a>', false], // spaces in a start tag are common and read
  ['<a>text &lt;/b &gt;</a>', false], // an escaped "</b >" is text
  ['<a>\u1680</a>', false],
  ['<a\u1680b></a\u1680b>', false], // U+1680 is a name character, not XML white space
  ['<a><!-- </b > --></a>', true], // taken for an end tag: refused, never misread
  ['<a></ab></a>', false],
  ['<w><sheetData></sheetData ></w>', false], // read spaced (xml.ts children)
  ['<x:w xmlns:x="u"><x:sheetData></x:sheetData\n></x:w>', false],
  ['<w><sheetData></sheetData ><b></b ></w>', true],
  ['<w><sheetDataX></sheetDataX ></w>', true],
  ['<w><mySheetData></mySheetData ></w>', true],
];

describe('the end-tag watch', () => {
  it.each(TABLE)('%j → %s, whole and cut at every offset', (text, spaced) => {
    expect(spacedReference(text)).toBe(spaced);
    expect(watched(text, [])).toBe(spaced);
    for (let cut = 0; cut <= text.length; cut++) expect(watched(text, [cut])).toBe(spaced);
    // One character a piece.
    expect(
      watched(
        text,
        Array.from({ length: text.length }, (_, i) => i),
      ),
    ).toBe(spaced);
  });

  it('agrees with the reference over 3,000 random documents cut at random', () => {
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const spaces = [' ', '\t', '\n', '\r', '  '];
    const names = ['c', 'row', 'x:t', 'sheetData', 'x:sheetData', 'sheetDatax', 'a'.repeat(300)];
    let spacedSeen = 0;
    for (let d = 0; d < 3000; d++) {
      let text = '<root>';
      for (let e = 0; e < 1 + rand(6); e++) {
        const name = names[rand(names.length)]!;
        const gap = rand(12) === 0 ? spaces[rand(spaces.length)]! : '';
        text += `<${name} v="1">x y</${name}${gap}>`;
      }
      text += '</root>';
      const cuts = Array.from({ length: rand(5) }, () => rand(text.length + 1)).sort(
        (a, b) => a - b,
      );
      const spaced = spacedReference(text);
      if (spaced) spacedSeen++;
      expect(watched(text, cuts)).toBe(spaced);
    }
    expect(spacedSeen).toBeGreaterThan(400);
  });
});

describe('checked in line', () => {
  it('a well-formed part with a spaced end tag is refused with the sentence', () => {
    expect(() => checkWellFormed('<a><b></b ></a>')).toThrow(DamagedPartError);
    expect(() => checkWellFormed('<a><b></b ></a>')).toThrow(REASON);
    expect(() => checkWellFormed('<a><b></b></a>')).not.toThrow();
  });

  it("a part that is not well-formed keeps saxes's sentence", () => {
    expect(() => checkWellFormed('<a><b></b ></a><c/>')).toThrow(/not well-formed XML/);
  });
});

describe('a workbook with spaced end tags is refused, naming the part, in line and in a worker', () => {
  const spaced = (tag: string) => (s: string) => s.split(`</${tag}>`).join(`</${tag} >`);
  it.each([
    ['c', SHEET, spaced('c')], // read before as a sheet with no inventory
    ['t', SHEET, spaced('t')],
    ['row', SHEET, spaced('row')], // failed before as our defect (exit 1)
    ['worksheet', SHEET, spaced('worksheet')],
    ['sheets', 'xl/workbook.xml', spaced('sheets')],
  ])('</%s >', async (_tag, part, mutate) => {
    const entries = unzipSync(
      createWorkbook([{ name: 'Inventory', values: INVENTORY, headerRow: 0 }]),
    );
    const before = new TextDecoder().decode(entries[part]);
    const after = mutate(before);
    expect(after).not.toBe(before);
    entries[part] = strToU8(after);
    const inLine = await refreshOutcome(entries, Infinity);
    expect(inLine).toMatch(/^damaged: /);
    expect(inLine).toContain(`its part ${part} ${REASON}`);
    expect(await refreshOutcome(entries, 0)).toBe(inLine);
  });

  it('the same workbook as written is refreshed, and with </sheetData > (read spaced)', async () => {
    const entries = unzipSync(
      createWorkbook([{ name: 'Inventory', values: INVENTORY, headerRow: 0 }]),
    );
    const written = await refreshOutcome(entries, 0);
    expect(written).toMatch(/^ok Smart meters=Driver/);
    entries[SHEET] = strToU8(spaced('sheetData')(new TextDecoder().decode(entries[SHEET])));
    expect(await refreshOutcome(entries, Infinity)).toBe(written);
    expect(await refreshOutcome(entries, 0)).toBe(written);
  });
});
