/**
 * The workbook's shared-string table, as the refresh writes through it. Excel stores text
 * once in xl/sharedStrings.xml and a cell refers to it by index (ECMA-376 Part 1, 18.4.9
 * sst); the refresh's six output columns repeat a few hundred sentences over every row, so
 * writing them as inline strings made a 100,000-row file 2.2× its input. Here each distinct
 * text is stored once: an existing plain item with the same text is reused, anything new is
 * appended after the existing items, which keep their bytes and order (so every index other
 * parts hold stays valid). A workbook without a table gains one, declared in the package's
 * style (a workbook relationship and a content type), unless it holds one unrelated (see
 * `orphan`).
 */

import { inPart } from './damage';
import type { WorkbookFile } from './file';
import { CT, MAIN_NS, REL, folderOf, normalizePart, type SharedStringFrame } from './package';
import type { Piece } from './zip';
import { encodeCellText, expectRoot, getAttr, nextTag, prefixOf, removeAttr, setAttr } from './xml';
import { fitCell } from '../core/limits';

/** A part declared (by an Override) as a shared-string table that the package holds. */
function unrelatedTable(file: WorkbookFile): string | undefined {
  const types = file.pkg.text('[Content_Types].xml') ?? '';
  for (let t = nextTag(types, 0); t; t = nextTag(types, t.end)) {
    if (t.kind === 'close' || t.local !== 'Override') continue;
    const tag = types.slice(t.start, t.end);
    if (getAttr(tag, 'ContentType') !== CT.sharedStrings) continue;
    const part = normalizePart(getAttr(tag, 'PartName') ?? '');
    if (file.pkg.has(part)) return part;
  }
  return undefined;
}

/**
 * Items after a column's last one that copies() looks at (after a miss: COPY_SEEK), and its
 * tries before it may stop.
 */
const COPY_WINDOW = 8;
const COPY_SEEK = 256;
const COPY_TRIAL = 256;

/**
 * A text's length below KEY_SPACE (see assign): its characters are not read, as reading one of
 * a text the core concatenated would flatten it there.
 */
const KEY_SPACE = 1 << 15;
function textKey(t: string): number {
  return t.length & (KEY_SPACE - 1);
}

/**
 * The text of a shared-string part around its items, and its items as text (see
 * Package.sharedStringFrame, the same for a part read from its bytes).
 */
function textFrame(xml: string, part: string): SharedStringFrame {
  const root = expectRoot(xml, part, 'sst');
  const closed = root.openEnd === root.end;
  return {
    prolog: xml.slice(0, root.start),
    open: xml.slice(root.start, root.openEnd),
    rootName: root.name,
    close: xml.slice(closed ? root.end : root.closeStart),
    items: closed ? null : [xml.slice(root.openEnd, root.closeStart)],
  };
}

/** New items joined into one piece of the written part (see SharedStringTable.pieces). */
const ITEMS_PER_PIECE = 1024;

export class SharedStringTable {
  /** Every text the refresh writes → its ordinal (the order it was first registered in). */
  private readonly ordinals = new Map<string, number>();
  private readonly texts: string[] = [];
  /** Ordinal → index in the table (filled by assign()). */
  private ids = new Int32Array(0);
  private readonly added: string[] = [];
  /** Ordinals registered with their index known (see copies()), and those indexes. */
  private readonly presetOrdinals: number[] = [];
  private readonly presetIds: number[] = [];
  /** The existing table part (null when the workbook has none yet). */
  private readonly part: string | null;
  /** The part named by the workbook's relationship when that part is missing. */
  private readonly declaredPart: string | null;
  private base = 0;
  private assigned = false;
  /** Cell references handed out (the count of a table the refresh creates). */
  private refs = 0;

  /**
   * A shared-string part the package holds (with its content type) but the workbook does
   * not relate: Excel, which follows relationships, ignores it, while readers that find parts
   * by content type (openpyxl) take it. It is adopted, related and appended to, rather than
   * a second table written beside it.
   */
  private readonly orphan: boolean;

  constructor(private readonly file: WorkbookFile) {
    const pkg = file.pkg;
    const rel = pkg.relsOfKind(file.workbookPart, REL.sharedStrings)[0];
    this.declaredPart = rel && !rel.external ? rel.part : null;
    const orphan = rel === undefined ? unrelatedTable(file) : undefined;
    this.orphan = orphan !== undefined;
    this.part =
      orphan ?? (this.declaredPart !== null && pkg.has(this.declaredPart) ? rel!.part : null);
  }

  /**
   * Registers a text a cell will refer to (once per reference, before assign()) and returns
   * its ordinal, which idAt() turns into the table index once assigned (so a text is hashed
   * once, not once more per cell when the sheet streams out).
   */
  add(text: string): number {
    if (this.assigned) throw new Error('SharedStringTable.add after assign');
    this.refs++;
    let ordinal = this.ordinals.get(text);
    if (ordinal === undefined) {
      ordinal = this.texts.length;
      this.ordinals.set(text, ordinal);
      this.texts.push(text);
    }
    return ordinal;
  }

  /**
   * Gives every registered text its index: the first plain item that already holds it (a
   * rich one would lend the cell its runs), else a new item appended after the existing ones,
   * in the order the texts were first registered. The existing items are only looked up in
   * the map of our texts, never put in a map of their own (216,709 of them at 100,000 rows).
   */
  assign(): void {
    if (this.assigned) return;
    this.assigned = true;
    this.ids = new Int32Array(this.texts.length).fill(-1);
    for (let i = 0; i < this.presetOrdinals.length; i++) {
      this.ids[this.presetOrdinals[i]!] = this.presetIds[i]!;
    }
    const items = this.existing();
    if (items !== null) {
      const { texts, plain } = items;
      this.base = texts.length;
      // An item of a length no text of ours has is not hashed at all (many of the user's names
      // and IDs, which copies() found already).
      const keys = new Uint8Array(KEY_SPACE);
      for (const t of this.ordinals.keys()) keys[textKey(t)] = 1;
      for (let i = 0; i < texts.length; i++) {
        if (!plain[i] || keys[textKey(texts[i]!)] === 0) continue;
        const ordinal = this.ordinals.get(texts[i]!);
        if (ordinal !== undefined && this.ids[ordinal] === -1) this.ids[ordinal] = i;
      }
    }
    for (let ordinal = 0; ordinal < this.texts.length; ordinal++) {
      if (this.ids[ordinal] !== -1) continue;
      const id = this.base + this.added.length;
      const text = this.texts[ordinal]!;
      this.ids[ordinal] = id;
      this.added.push(text);
      // Readers in this session see the table as it will be written.
      this.file.sharedStrings[id] = text;
    }
  }

  /**
   * An add() for a column of texts the refresh copies from the workbook's own cells (the
   * snapshot's IDs and names, 200,000 at 100,000 rows). The reader hands over the table's own
   * text object for a shared cell, and the table lists a sheet's texts in about the order its
   * rows hold them, so the item is looked for just after the column's last one, compared by
   * identity first; a text found there refers to that plain item without entering the map of
   * texts (each new entry there costs a rehash share and, with the lookups, ~1 µs). A column
   * whose texts are mostly not found there stops looking.
   */
  copies(): (text: string) => number {
    const items = this.existing();
    if (items === null) return (text) => this.add(text);
    const { texts, plain } = items;
    let at = -1;
    // Looking further after a miss finds the column's place again (and its first item).
    let far = true;
    let tries = 0;
    let found = 0;
    return (text) => {
      if (tries < COPY_TRIAL || found * 2 >= tries) {
        tries++;
        const end = Math.min(texts.length, at + 1 + (far ? COPY_SEEK : COPY_WINDOW));
        for (let k = at + 1; k < end; k++) {
          if (texts[k] === text && plain[k]) {
            found++;
            at = k;
            far = false;
            return this.preset(text, k);
          }
        }
        far = true;
      }
      return this.add(text);
    };
  }

  /** A text registered with its index already known (an existing plain item's). */
  private preset(text: string, id: number): number {
    if (this.assigned) throw new Error('SharedStringTable.add after assign');
    this.refs++;
    const ordinal = this.texts.length;
    this.texts.push(text);
    this.presetOrdinals.push(ordinal);
    this.presetIds.push(id);
    return ordinal;
  }

  /** The existing table's items (null when the workbook has none yet). */
  private existing(): { texts: readonly string[]; plain: readonly boolean[] } | null {
    const part = this.part;
    if (part === null) return null;
    return inPart(part, null, () => this.file.pkg.sharedStringItems(part));
  }

  /** The table index of the text registered under `ordinal` (after assign()). */
  idAt(ordinal: number): number {
    if (!this.assigned) throw new Error('SharedStringTable.idAt before assign');
    return this.ids[ordinal]!;
  }

  /** Writes the table when texts were appended (an unchanged table is left untouched). */
  save(): void {
    this.assign();
    if (this.added.length === 0) return;
    const pkg = this.file.pkg;
    if (this.part === null) {
      const folder = folderOf(this.file.workbookPart);
      const standard = folder ? `${folder}/sharedStrings.xml` : 'sharedStrings.xml';
      const part =
        this.declaredPart ??
        (pkg.has(standard) ? pkg.freePartName(folder || 'xl', 'sharedStrings') : standard);
      const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}" count="${this.refs}" uniqueCount="${this.added.length}">`;
      // Checked for well-formedness from its deflated bytes, in a worker (Package.write).
      pkg.write(part, this.pieces(head, '', '</sst>'), { checkWritten: true });
      if (this.declaredPart === null) pkg.addRel(this.file.workbookPart, REL.sharedStrings, part);
      pkg.declareContentType(part, CT.sharedStrings);
      return;
    }
    if (this.orphan) pkg.addRel(this.file.workbookPart, REL.sharedStrings, this.part);
    // A big table read from its bytes is written around its items' bytes (no text of it made).
    const frame =
      pkg.sharedStringFrame(this.part) ?? textFrame(pkg.requireText(this.part), this.part);
    const p = prefixOf(frame.rootName);
    let open = frame.open;
    // count is the number of cell references in the whole workbook (optional): the refresh
    // changes it without reading every sheet, so it is dropped rather than left wrong.
    // uniqueCount (optional too) stays exact when the table had one.
    open = removeAttr(open, 'count');
    const total = this.base + this.added.length;
    if (getAttr(open, 'uniqueCount') !== undefined) open = setAttr(open, 'uniqueCount', `${total}`);
    // Pieces, not one joined string: the existing items are copied as they are.
    pkg.write(
      this.part,
      frame.items === null
        ? this.pieces(
            frame.prolog + open.replace(/\s*\/>$/, '>'),
            p,
            `</${frame.rootName}>${frame.close}`,
          )
        : this.pieces(frame.prolog + open, p, frame.close, frame.items),
    );
  }

  /**
   * The part as pieces: `head`, the existing items (`kept`), the new items ITEMS_PER_PIECE at
   * a time, `tail`. At 100,000 rows the 50,604 new items joined were one string of 20 MB
   * (two-byte when one of them is not Latin-1), held from the save to the write. Iterable
   * more than once (a check and a write may both read it).
   */
  private pieces(
    head: string,
    p: string,
    tail: string,
    kept: Iterable<Piece> = [],
  ): Iterable<Piece> {
    const added = this.added;
    return {
      *[Symbol.iterator]() {
        yield head;
        yield* kept;
        const si = `<${p}si><${p}t`;
        const close = `</${p}t></${p}si>`;
        for (let from = 0; from < added.length; from += ITEMS_PER_PIECE) {
          let piece = '';
          for (let i = from; i < Math.min(added.length, from + ITEMS_PER_PIECE); i++) {
            // The backstop of the core's caps, as for inline text (sheetxml.ts textCell).
            const t = fitCell(added[i]!);
            const space = /^\s|\s$|\n/.test(t) ? ' xml:space="preserve">' : '>';
            piece += si + space + encodeCellText(t) + close;
          }
          yield piece;
        }
        yield tail;
      },
    };
  }
}
