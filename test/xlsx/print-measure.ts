/**
 * Prints one sheet of a workbook the way a person would check it: LibreOffice renders the
 * sheet to PDF (`soffice --headless --convert-to pdf`) and poppler's `pdftotext -bbox` reports
 * every word's box, so a test can measure the page count and how tall the printed text is.
 * Needs LibreOffice and poppler-utils (`apt-get install -y poppler-utils`).
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Package } from '../../src/xlsx/package';
import {
  children,
  decodeEntities,
  getAttr,
  rootElement,
  setAttr,
  splice,
} from '../../src/xlsx/xml';
import type { Edit } from '../../src/xlsx/xml';
import { withLibreOfficePdf } from './helpers';

/** One word on a printed page, in points from the page's top-left corner. */
export interface PrintedWord {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PrintedSheet {
  /** Fonts the PDF embeds (`pdffonts`): Carlito where Calibri's metrics were used. */
  fonts: string[];
  pages: number;
  pageWidth: number;
  pageHeight: number;
  words: PrintedWord[];
}

/** True when both LibreOffice and pdftotext are on the PATH. */
export function canMeasurePrint(): boolean {
  const has = (bin: string) =>
    spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).status === 0;
  return has('soffice') && has('pdftotext');
}

/** The package with every sheet but `sheet` hidden and `sheet` active (LibreOffice prints visible sheets only). */
export function onlySheetVisible(bytes: Uint8Array, sheet: string): Uint8Array {
  const pkg = new Package(bytes);
  const wb = pkg.workbookPart()!;
  const xml = pkg.requireText(wb);
  const root = rootElement(xml);
  const kids = children(xml, root);
  const edits: Edit[] = [];
  const sheetsEl = kids.find((k) => k.local === 'sheets')!;
  let index = -1;
  children(xml, sheetsEl)
    .filter((c) => c.local === 'sheet')
    .forEach((c, i) => {
      const tag = xml.slice(c.start, c.openEnd);
      const name = decodeEntities(getAttr(tag, 'name') ?? '');
      if (name === sheet) {
        index = i;
        edits.push({ start: c.start, end: c.openEnd, text: setAttr(tag, 'state', 'visible') });
      } else {
        edits.push({ start: c.start, end: c.openEnd, text: setAttr(tag, 'state', 'hidden') });
      }
    });
  if (index < 0) throw new Error(`no sheet ${sheet}`);
  const views = kids.find((k) => k.local === 'bookViews');
  const view = views ? children(xml, views).find((c) => c.local === 'workbookView') : undefined;
  if (view) {
    const tag = xml.slice(view.start, view.openEnd);
    edits.push({
      start: view.start,
      end: view.openEnd,
      text: setAttr(setAttr(tag, 'activeTab', String(index)), 'firstSheet', String(index)),
    });
  }
  // LibreOffice prints a hidden sheet's print area all the same: drop the other sheets' ones.
  const names = kids.find((k) => k.local === 'definedNames');
  if (names && names.openEnd !== names.end) {
    for (const c of children(xml, names)) {
      const tag = xml.slice(c.start, c.openEnd);
      const scope = getAttr(tag, 'localSheetId');
      if (/^_xlnm\.Print_/.test(getAttr(tag, 'name') ?? '') && scope !== String(index)) {
        edits.push({ start: c.start, end: c.end, text: '' });
      }
    }
  }
  pkg.write(wb, splice(xml, edits));
  return pkg.toBytes();
}

/** Parses `pdftotext -bbox` output (XHTML with <page> and <word> elements). */
export function parseBbox(html: string): PrintedSheet {
  const words: PrintedWord[] = [];
  let pages = 0;
  let pageWidth = 0;
  let pageHeight = 0;
  const re =
    /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (let m = re.exec(html); m !== null; m = re.exec(html)) {
    if (m[1] !== undefined) {
      pages++;
      pageWidth = Number(m[1]);
      pageHeight = Number(m[2]);
      continue;
    }
    words.push({
      page: pages,
      text: decodeEntities(m[7]!),
      xMin: Number(m[3]),
      yMin: Number(m[4]),
      xMax: Number(m[5]),
      yMax: Number(m[6]),
    });
  }
  return { fonts: [], pages, pageWidth, pageHeight, words };
}

/**
 * True when the Carlito font is installed (Debian's fonts-crosextra-carlito): Calibri's metrics,
 * so LibreOffice lays out and paginates the sheet as Excel does with its default font.
 */
export function hasCarlito(): boolean {
  const r = spawnSync('fc-list', [':family=Carlito'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '';
}

/**
 * Prints one sheet through LibreOffice and reads the words back from the PDF. With `images`
 * (a folder and a file prefix), the pages are also saved there as PNG (`pdftoppm`) to look at.
 */
export function printSheet(
  bytes: Uint8Array,
  sheet: string,
  images?: { dir: string; prefix: string },
): PrintedSheet {
  return withLibreOfficePdf(onlySheetVisible(bytes, sheet), (pdf, dir) => {
    if (!pdf) throw new Error('LibreOffice wrote no PDF');
    const out = join(dir, 'words.html');
    execFileSync('pdftotext', ['-bbox', pdf, out], { stdio: 'ignore' });
    const printed = parseBbox(readFileSync(out, 'utf8'));
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    // "name type encoding …" after two header lines; the subset prefix "ABCDEF+" dropped.
    printed.fonts = fonts
      .split('\n')
      .slice(2)
      .map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''))
      .filter((n) => n !== '');
    if (images) {
      mkdirSync(images.dir, { recursive: true });
      execFileSync('pdftoppm', ['-png', '-r', '70', pdf, join(images.dir, images.prefix)]);
    }
    return printed;
  });
}

/** Word heights in points, sorted ascending (the smallest printed text first). */
export function wordHeights(printed: PrintedSheet): number[] {
  return printed.words.map((w) => w.yMax - w.yMin).sort((a, b) => a - b);
}

/** The q-quantile (0..1) of sorted numbers. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** One printed line: the words of a page that share a baseline, left to right. */
export interface PrintedLine {
  page: number;
  /** Bottom of the line's words, in points from the page's top. */
  y: number;
  text: string;
}

/** The printed words grouped into lines (words whose bottoms lie within 3 points), top to bottom. */
export function printedLines(printed: PrintedSheet): PrintedLine[] {
  const words = [...printed.words].sort((a, b) => a.page - b.page || a.yMax - b.yMax);
  const lines: { page: number; y: number; words: PrintedWord[] }[] = [];
  for (const w of words) {
    const line = lines.find((l) => l.page === w.page && Math.abs(l.y - w.yMax) < 3);
    if (line) line.words.push(w);
    else lines.push({ page: w.page, y: w.yMax, words: [w] });
  }
  return lines
    .sort((a, b) => a.page - b.page || a.y - b.y)
    .map((l) => ({
      page: l.page,
      y: l.y,
      text: l.words
        .sort((a, b) => a.xMin - b.xMin)
        .map((w) => w.text)
        .join(' '),
    }));
}

/**
 * The package with one sheet's page setup on another paper size (ECMA-376 Part 1, 18.3.1.63
 * pageSetup paperSize: 1 Letter, 9 A4), to print it as a user whose default paper that is.
 */
export function onPaper(bytes: Uint8Array, part: string, paperSize: number): Uint8Array {
  const pkg = new Package(bytes);
  const xml = pkg.requireText(part);
  const at = xml.indexOf('<pageSetup ');
  if (at < 0) throw new Error(`${part} has no <pageSetup>`);
  const end = xml.indexOf('>', at);
  const tag = setAttr(xml.slice(at, end + 1), 'paperSize', String(paperSize));
  pkg.write(part, xml.slice(0, at) + tag + xml.slice(end + 1));
  return pkg.toBytes();
}
