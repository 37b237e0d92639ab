/**
 * How wide a text prints in Calibri, Excel's default font, so the summary's row heights fit
 * their wrapped text: the advance widths of Carlito (metrically compatible with Calibri, the
 * font the print tests measure with: fonts-crosextra-carlito), read from its hmtx table, in
 * font units of 2048 to the em. Printable ASCII is listed; any other character counts as the
 * widest of these, so an estimate only ever errs towards a line too many.
 */

/** Advance widths of U+0020…U+007E in Carlito Regular (units per em: 2048). */
const REGULAR: readonly number[] = [
  463, 667, 821, 1020, 1038, 1464, 1397, 452, 621, 621, 1020, 1020, 511, 627, 517, 791, 1038, 1038,
  1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 548, 548, 1020, 1020, 1020, 949, 1831, 1185, 1114,
  1092, 1260, 1000, 941, 1292, 1276, 516, 653, 1064, 861, 1751, 1322, 1356, 1058, 1378, 1112, 941,
  998, 1314, 1162, 1822, 1063, 998, 959, 628, 791, 628, 1020, 1020, 596, 981, 1076, 866, 1076, 1019,
  625, 964, 1076, 470, 490, 931, 470, 1636, 1076, 1080, 1076, 1076, 714, 801, 686, 1076, 925, 1464,
  887, 927, 809, 644, 943, 644, 1020,
];

const UNITS_PER_EM = 2048;
/** The widest advance above ("@"), for characters outside the table. */
const WIDEST = Math.max(...REGULAR);

/** Width in points of `text` in regular Calibri at `size` points. */
export function textWidth(text: string, size: number): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 0x20 && code <= 0x7e ? REGULAR[code - 0x20]! : WIDEST;
  }
  return (units / UNITS_PER_EM) * size;
}

/**
 * Points of text that fit on one line of a wrapped cell in a column `width` characters wide.
 * Excel's column is `width` × 7 + 5 pixels (7 px: the widest digit of 11 pt Calibri; 5 px of
 * padding, learn.microsoft.com, "Change the column width and row height"), of which the text
 * gets all but a few pixels of cell margin; 3% is left over for screen rendering, whose hinted
 * glyphs run a little wider than the font's advances.
 */
export function lineWidth(width: number): number {
  const pixels = width * 7 + 5 - 6;
  return pixels * 0.75 * 0.97;
}

/**
 * Lines a wrapped cell takes: words are laid out greedily on lines `lineWidth(width)` points
 * long, as Excel and LibreOffice wrap; a word longer than a line is broken across as many
 * lines as it needs.
 */
export function wrappedLines(text: string, width: number, size: number): string[] {
  const room = lineWidth(width);
  const space = textWidth(' ', size);
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const w = textWidth(word, size);
    if (line !== '' && used + space + w <= room) {
      line += ` ${word}`;
      used += space + w;
      continue;
    }
    if (line !== '') lines.push(line);
    // A word wider than the line fills whole lines; its rest starts the next one.
    const whole = Math.max(0, Math.ceil(w / room) - 1);
    for (let i = 0; i < whole; i++) lines.push(word);
    line = word;
    used = w - whole * room;
  }
  if (line !== '') lines.push(line);
  return lines;
}
