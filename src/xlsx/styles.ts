/**
 * Adds the refresh's cell formats (cellXfs) and conditional-format formats (dxfs) to
 * styles.xml by appending entries and updating counts; existing entries are never
 * reordered, so every style index the workbook already uses keeps its meaning. An entry
 * identical to one already present (e.g. from an earlier refresh) is reused, so repeated
 * refreshes do not grow the part.
 */

import type { NumberFormatName, StyleName } from '../core/write-plan';
import { CELL_STYLES, numberFormatCode, type CellStyle } from '../core/styles';
import { CT, REL, type Package } from './package';
import {
  children,
  escapeAttr,
  expectRoot,
  getAttr,
  insertChild,
  insertionPoint,
  prefixOf,
  rootElement,
  setAttr,
  splice,
  type ElementRange,
} from './xml';

/** CT_Stylesheet child order. */
const STYLESHEET_ORDER = [
  'numFmts',
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'cellXfs',
  'cellStyles',
  'dxfs',
  'tableStyles',
  'colors',
  'extLst',
] as const;

type Collection = 'numFmts' | 'fonts' | 'fills' | 'cellXfs' | 'dxfs';

/** Excel's built-in number formats we may need (id by format code). */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '@': 49,
};

const MINIMAL_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** The children of MINIMAL_STYLES's root (the defaults every styles part needs). */
const MINIMAL_BODY = MINIMAL_STYLES.slice(
  MINIMAL_STYLES.indexOf('<fonts'),
  MINIMAL_STYLES.lastIndexOf('</styleSheet>'),
);

/** "#RRGGBB" → "FFRRGGBB" (ARGB as SpreadsheetML writes it). */
export function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

interface CollectionState {
  /** Existing children as written. */
  existing: string[];
  added: string[];
  element: ElementRange | undefined;
}

/** The styles part of a workbook, with entries appended on demand. */
export class StyleBook {
  private readonly part: string;
  private readonly xml: string;
  private readonly prefix: string;
  private readonly state = new Map<Collection, CollectionState>();
  private readonly fontTail: string;
  private readonly xfCache = new Map<string, number>();
  private maxNumFmtId = 163;
  /** True when the part was an empty root and now holds the defaults (so it is written). */
  private readonly seeded: boolean;

  constructor(
    private readonly pkg: Package,
    workbookPart: string,
  ) {
    const rel = pkg.relsOfKind(workbookPart, REL.styles).find((r) => !r.external);
    let part = rel?.part;
    if (!part || !pkg.has(part)) {
      const folder = workbookPart.includes('/') ? workbookPart.replace(/\/[^/]*$/, '') : '';
      const plain = folder ? `${folder}/styles.xml` : 'styles.xml';
      part = pkg.has(plain) ? pkg.freePartName(folder, 'styles') : plain;
      pkg.write(part, MINIMAL_STYLES);
      if (!rel) pkg.addRel(workbookPart, REL.styles, part);
      pkg.setContentType(part, CT.styles);
    }
    this.part = part;
    const xml = pkg.requireText(part);
    const empty = expectRoot(xml, part, 'styleSheet');
    this.prefix = prefixOf(empty.name);
    // An empty <styleSheet …/> (some writers emit one) gets Excel's defaults inside it, so
    // that style 0, font 0, fill 0/1 and border 0 exist before ours are appended after them.
    this.seeded = empty.openEnd === empty.end;
    this.xml = this.seeded
      ? insertChild(
          xml,
          empty,
          empty.end,
          MINIMAL_BODY.replace(/<(\/?)(\w)/g, `<$1${this.prefix}$2`),
        )
      : xml;
    const root = rootElement(this.xml);
    const kids = children(this.xml, root);
    for (const name of ['numFmts', 'fonts', 'fills', 'cellXfs', 'dxfs'] as const) {
      const el = kids.find((k) => k.local === name);
      const existing = el ? children(this.xml, el).map((c) => this.xml.slice(c.start, c.end)) : [];
      this.state.set(name, { existing, added: [], element: el });
    }
    for (const f of this.state.get('numFmts')!.existing) {
      const id = Number(getAttr(f, 'numFmtId') ?? 0);
      if (id > this.maxNumFmtId) this.maxNumFmtId = id;
    }
    // New fonts use the workbook's default face so our cells match the user's.
    const font0 = this.state.get('fonts')!.existing[0] ?? '';
    const name = /<(?:\w+:)?name\s+val="([^"]*)"/.exec(font0)?.[1] ?? 'Calibri';
    const family = /<(?:\w+:)?family\s+val="([^"]*)"/.exec(font0)?.[1];
    this.fontTail = `<${this.prefix}name val="${name}"/>${family ? `<${this.prefix}family val="${family}"/>` : ''}`;
  }

  private index(collection: Collection, entry: string): number {
    const s = this.state.get(collection)!;
    const i = s.existing.indexOf(entry);
    if (i >= 0) return i;
    const j = s.added.indexOf(entry);
    if (j >= 0) return s.existing.length + j;
    s.added.push(entry);
    return s.existing.length + s.added.length - 1;
  }

  /** Number format id for a format code (built-in, existing custom, or a new custom one). */
  numFmtId(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    const s = this.state.get('numFmts')!;
    for (const f of [...s.existing, ...s.added]) {
      if (getAttr(f, 'formatCode') === code) return Number(getAttr(f, 'numFmtId'));
    }
    const id = ++this.maxNumFmtId;
    s.added.push(`<${this.prefix}numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  private fontId(style: CellStyle): number {
    const p = this.prefix;
    if (!style.bold && !style.italic && !style.underline && !style.fontColor && !style.size)
      return 0;
    const entry =
      `<${p}font>${style.bold ? `<${p}b/>` : ''}${style.italic ? `<${p}i/>` : ''}` +
      `${style.underline ? `<${p}u/>` : ''}<${p}sz val="${style.size ?? 11}"/>` +
      `${style.fontColor ? `<${p}color rgb="${argb(style.fontColor)}"/>` : ''}${this.fontTail}</${p}font>`;
    return this.index('fonts', entry);
  }

  private fillId(fill: string | undefined): number {
    if (!fill) return 0;
    const p = this.prefix;
    const entry = `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(fill)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`;
    return this.index('fills', entry);
  }

  /** The cellXfs index for a plan style and number format. */
  xf(style: StyleName, format: NumberFormatName, currency: string | null = null): number {
    const key = `${style}|${format}|${currency ?? ''}`;
    const cached = this.xfCache.get(key);
    if (cached !== undefined) return cached;
    const cs = CELL_STYLES[style];
    const numFmtId = this.numFmtId(numberFormatCode({ format, currency }));
    const fontId = this.fontId(cs);
    const fillId = this.fillId(cs.fill);
    const p = this.prefix;
    const alignAttrs =
      (cs.align ? ` horizontal="${cs.align}"` : '') +
      (cs.valign ? ` vertical="${cs.valign}"` : '') +
      (cs.wrap ? ' wrapText="1"' : '');
    const align = alignAttrs ? `<${p}alignment${alignAttrs}/>` : '';
    const attrs =
      `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"` +
      `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}` +
      `${fillId ? ' applyFill="1"' : ''}${align ? ' applyAlignment="1"' : ''}`;
    const entry = align ? `<${p}xf ${attrs}>${align}</${p}xf>` : `<${p}xf ${attrs}/>`;
    const id = this.index('cellXfs', entry);
    this.xfCache.set(key, id);
    return id;
  }

  /** The dxfs index for a conditional-format fill (and optional font colour). */
  dxf(fill: string, fontColor: string | null): number {
    const p = this.prefix;
    const entry =
      `<${p}dxf>${fontColor ? `<${p}font><${p}color rgb="${argb(fontColor)}"/></${p}font>` : ''}` +
      `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(fill)}"/><${p}bgColor rgb="${argb(fill)}"/></${p}patternFill></${p}fill></${p}dxf>`;
    return this.index('dxfs', entry);
  }

  /** Writes the styles part when entries were added. */
  save(): void {
    const edits: { start: number; end: number; text: string }[] = [];
    const root = rootElement(this.xml);
    const kids = children(this.xml, root);
    for (const name of STYLESHEET_ORDER) {
      if (!this.state.has(name as Collection)) continue;
      const s = this.state.get(name as Collection)!;
      if (s.added.length === 0) continue;
      const count = String(s.existing.length + s.added.length);
      const body = s.added.join('');
      if (s.element) {
        const el = s.element;
        const open = setAttr(this.xml.slice(el.start, el.openEnd), 'count', count);
        if (el.openEnd === el.end) {
          const opened = open.replace(/\s*\/>$/, '>');
          edits.push({ start: el.start, end: el.end, text: `${opened}${body}</${el.name}>` });
        } else {
          edits.push({ start: el.start, end: el.openEnd, text: open });
          edits.push({ start: el.closeStart, end: el.closeStart, text: body });
        }
      } else {
        const at = insertionPoint(kids, root, STYLESHEET_ORDER, name);
        const p = this.prefix;
        edits.push({
          start: at,
          end: at,
          text: `<${p}${name} count="${count}">${body}</${p}${name}>`,
        });
      }
    }
    if (edits.length > 0 || this.seeded) this.pkg.write(this.part, splice(this.xml, edits));
  }
}
