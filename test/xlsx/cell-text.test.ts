/**
 * encodeCellText and escapeText, whose fast paths (a text with nothing to escape, a text whose
 * only markup is `&`, `<` or `>`) must write what the character-by-character encoding writes.
 */

import { encodeCellText, escapeText } from '../../src/xlsx/xml';

/** The encoding spelled out one character at a time: the reference the fast paths match. */
function reference(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const high = c >= 0xd800 && c <= 0xdbff;
    const low = c >= 0xdc00 && c <= 0xdfff;
    const paired =
      (high && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) ||
      (low && i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff);
    const invalid =
      (c < 32 && c !== 9 && c !== 10 && c !== 13) ||
      c === 0xfffe ||
      c === 0xffff ||
      ((high || low) && !paired);
    const literal = c === 95 && /^x[0-9A-Fa-f]{4}_/.test(s.slice(i + 1, i + 7));
    if (invalid || literal) out += `_x${c.toString(16).toUpperCase().padStart(4, '0')}_`;
    else if (c === 38) out += '&amp;';
    else if (c === 60) out += '&lt;';
    else if (c === 62) out += '&gt;';
    else out += s[i];
  }
  return out;
}

describe('encodeCellText', () => {
  it.each([
    ['plain text', 'Machine vision (site 571)', 'Machine vision (site 571)'],
    ['an ampersand', 'Led by I&O → Driver', 'Led by I&amp;O → Driver'],
    ['all three markup characters', 'a<b>&c', 'a&lt;b&gt;&amp;c'],
    ['already escaped-looking text', '&amp;', '&amp;amp;'],
    ['an underscore that starts no escape', 'site_42', 'site_42'],
    ['a literal escape', '_x000D_', '_x005F_x000D_'],
    ['a control character', 'a\u0007b', 'a_x0007_b'],
    ['tab, line feed and carriage return', '\t\n\r', '\t\n\r'],
    ['a pair of surrogates', 'ok 😀', 'ok 😀'],
    ['a lone high surrogate', 'cut \ud83d', 'cut _xD83D_'],
    ['a lone low surrogate and markup', '\ude00<', '_xDE00_&lt;'],
    ['U+FFFE and U+FFFF', '\ufffe\uffff', '_xFFFE__xFFFF_'],
    ['the empty text', '', ''],
  ])('%s', (_name, text, xml) => {
    expect(encodeCellText(text)).toBe(xml);
    expect(reference(text)).toBe(xml);
  });

  it('matches the character-by-character encoding on random texts', () => {
    // A fixed linear congruential sequence: the same texts on every run.
    let seed = 27;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const alphabet = [
      'a',
      ' ',
      '&',
      '<',
      '>',
      '_',
      'x',
      '0',
      'D',
      '\u0001',
      '\n',
      '\ud83d',
      '\ude00',
      '→',
      '\uffff',
    ];
    for (let n = 0; n < 2000; n++) {
      let s = '';
      for (let k = next() % 12; k > 0; k--) s += alphabet[next() % alphabet.length];
      expect(encodeCellText(s)).toBe(reference(s));
    }
  });
});

describe('escapeText', () => {
  it.each([
    ['text without markup', 'Driver', 'Driver'],
    ['each markup character', '&<>', '&amp;&lt;&gt;'],
    ['repeated ampersands', 'I&O & OT', 'I&amp;O &amp; OT'],
    ['an underscore and a control character, left as they are', '_x0007_\u0007', '_x0007_\u0007'],
  ])('%s', (_name, text, xml) => {
    expect(escapeText(text)).toBe(xml);
  });
});
