/**
 * The attribute reader and writers (attrIn, getAttr, setAttr, removeAttr) walk a start tag's
 * attributes in order, so text inside another attribute's value that looks like the one asked
 * for (`x:note="see r='9'"`) is never read or rewritten as it: a search for the name did both,
 * and setAttr then wrote a malformed tag.
 */

import { checkWellFormed } from '../../src/xlsx/wellformed';
import { attrIn, getAttr, removeAttr, setAttr } from '../../src/xlsx/xml';

const NS = 'xmlns:x="urn:x"';

describe('attributes are read in order, never from inside another value', () => {
  it.each([
    ['plain', '<row r="5" spans="1:3">', 'r', '5'],
    ['single quotes, spaces around "="', "<row r = '5'>", 'r', '5'],
    ['after a value that holds r=', `<row x:note="see r='9'" r="5">`, 'r', '5'],
    ['absent, only inside a value', `<row x:note="see r='9'">`, 'r', undefined],
    ['a name that ends with the one asked for', '<row x:colspans="7" spans="1:3">', 'spans', '1:3'],
    ['a quoted ">" before it', '<row x:note="a>b" r="5">', 'r', '5'],
    ['an empty element', '<c r="A1"/>', 'r', 'A1'],
    ['a prefixed element', '<x:row r="5">', 'r', '5'],
    ['a tab and a newline between attributes', '<row\tx:a="1"\nr="5">', 'r', '5'],
  ])('%s', (_what, tag, name, value) => {
    expect(attrIn(tag, 0, tag.length, name)).toBe(value);
    expect(getAttr(tag, name)).toBe(value);
  });

  it('attrIn reads a tag in a longer text between its bounds only', () => {
    const xml = '<row r="1"/><row x:note="r=\'7\'"/><row r="3"/>';
    const second = xml.indexOf('<row x:note');
    const end = xml.indexOf('/>', second) + 2;
    expect(attrIn(xml, second, end, 'r')).toBeUndefined();
    expect(attrIn(xml, end, xml.length, 'r')).toBe('3');
  });
});

describe('setAttr and removeAttr change only the attribute itself', () => {
  it.each([
    ['plain', '<row r="5" spans="1:3">', 'spans', '1:12', '<row r="5" spans="1:12">'],
    [
      'rewritten as name="…"',
      '<row spans = \'1:3\' r="5">',
      'spans',
      '1:12',
      '<row spans="1:12" r="5">',
    ],
    [
      'a value that holds the name first',
      `<row x:note="a spans='2:2'" spans="1:3">`,
      'spans',
      '1:12',
      `<row x:note="a spans='2:2'" spans="1:12">`,
    ],
    [
      'absent except inside a value: added',
      `<row x:note="a spans='2:2'">`,
      'spans',
      '1:12',
      `<row x:note="a spans='2:2'" spans="1:12">`,
    ],
    ['added to an empty element', '<c t="s"/>', 'r', 'B2', '<c t="s" r="B2"/>'],
    [
      'a value escaped',
      '<sheet name="a">',
      'name',
      'R&D "x"',
      '<sheet name="R&amp;D &quot;x&quot;">',
    ],
  ])('setAttr: %s', (_what, tag, name, value, expected) => {
    const out = setAttr(tag, name, value);
    expect(out).toBe(expected);
    // The tag made a whole element, in an element declaring the prefix: well-formed XML.
    const element = out.endsWith('/>') ? out : `${out.slice(0, -1)}/>`;
    expect(() => checkWellFormed(`<w ${NS}>${element}</w>`)).not.toThrow();
  });

  it.each([
    [
      'plain',
      '<sheetView tabSelected="1" workbookViewId="0">',
      'tabSelected',
      '<sheetView workbookViewId="0">',
    ],
    [
      'only the attribute, not text in a value',
      `<sheetView x:note="tabSelected='1'" tabSelected="1">`,
      'tabSelected',
      `<sheetView x:note="tabSelected='1'">`,
    ],
    [
      'absent: unchanged',
      `<sheetView x:note="tabSelected='1'">`,
      'tabSelected',
      `<sheetView x:note="tabSelected='1'">`,
    ],
  ])('removeAttr: %s', (_what, tag, name, expected) => {
    expect(removeAttr(tag, name)).toBe(expected);
  });
});
