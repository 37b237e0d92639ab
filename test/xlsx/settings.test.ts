import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkbook, refreshFile } from '../../src/xlsx/index';
import { Package } from '../../src/xlsx/package';
import { ADDIN_ID, readSavedSettings } from '../../src/xlsx/settings';
import { parts } from './helpers';
import { settingValue, webExtensionXml, withWebExtension } from './webext';

const NOW = new Date('2026-03-02T09:30:00Z');
const SAVED = {
  version: 1,
  sheet: 'Portfolio',
  mapping: { name: 'Use case' },
  words: [{ field: 'ledBy', value: 'Digital Factory', meaning: 'Operations' }],
  history: true,
};

function book(partXml: string | null): Uint8Array {
  const base = createWorkbook(
    [
      {
        name: 'Notes',
        values: [
          ['Initiative', 'Led By'],
          ['Decoy', 'IT'],
        ],
        headerRow: 0,
      },
      {
        name: 'Portfolio',
        values: [
          ['Use case', 'Led By', 'Stage', 'I&O Pilot', 'I&O Implementation', 'I&O Operations'],
          ['Twin', 'Digital Factory', 'Pilot', 'None', 'Responsible', 'Responsible'],
          ['Meters', 'IT', 'Pilot', 'Leading', 'Responsible', 'Responsible'],
        ],
        headerRow: 0,
      },
    ],
    NOW,
  );
  return partXml === null ? base : withWebExtension(base, partXml);
}

const read = (bytes: Uint8Array) => readSavedSettings(new Package(bytes), 'book.xlsx');

describe('the add-in saved settings in the web-extension part', () => {
  it('the Id is the manifest Id', () => {
    const manifest = readFileSync(join(__dirname, '..', '..', 'manifest.xml'), 'utf8');
    expect(/<Id>([^<]+)<\/Id>/.exec(manifest)?.[1]).toBe(ADDIN_ID);
  });

  it('reads sheet, mapping and words', () => {
    const r = read(book(webExtensionXml(settingValue(SAVED))));
    expect(r.warning).toBeNull();
    expect(r.part).toBe('xl/webextensions/webextension1.xml');
    expect(r.settings).toEqual(SAVED);
  });

  it.each([
    ['an object value', JSON.stringify(SAVED)],
    ['a braced, upper-case Id', settingValue(SAVED)],
  ])('reads %s', (_label, value) => {
    const r = read(book(webExtensionXml(value, `{${ADDIN_ID.toUpperCase()}}`)));
    expect(r.settings?.words).toEqual(SAVED.words);
  });

  it('ignores another add-in and a workbook without the part', () => {
    expect(read(book(webExtensionXml(settingValue(SAVED), 'wa104380862')))).toEqual({
      settings: null,
      part: null,
      warning: null,
    });
    expect(read(book(null)).settings).toBeNull();
  });

  it.each([
    ['not well-formed', webExtensionXml(settingValue(SAVED)).replace('</we:properties>', '')],
    ['a value that is not JSON', webExtensionXml('{version:1')],
    ['a value of another shape', webExtensionXml(settingValue({ version: 7 }))],
  ])('a damaged part (%s) gives a warning and no settings', (_label, xml) => {
    const r = read(book(xml));
    expect(r.settings).toBeNull();
    expect(r.warning).toMatch(
      /^The add-in's saved settings in "book\.xlsx" \(part xl\/webextensions\/webextension1\.xml\) could not be read \(.+\), so they were ignored; /,
    );
  });

  it('the part comes back byte for byte after a refresh, damaged or not', async () => {
    for (const xml of [
      webExtensionXml(settingValue(SAVED)),
      webExtensionXml(settingValue(SAVED)).replace('</we:properties>', ''),
    ]) {
      const input = book(xml);
      const pkg = new Package(input);
      readSavedSettings(pkg, 'book.xlsx');
      const out = await refreshFile(
        input,
        'book.xlsx',
        { history: true, sheet: 'Portfolio', mapping: { name: 'Use case' } },
        NOW,
      );
      const before = parts(input);
      const after = parts(out.bytes);
      for (const name of [
        'xl/webextensions/webextension1.xml',
        'xl/webextensions/taskpanes.xml',
        'xl/webextensions/_rels/taskpanes.xml.rels',
      ]) {
        expect(Buffer.from(after.get(name)!).equals(Buffer.from(before.get(name)!))).toBe(true);
      }
    }
  });
});
