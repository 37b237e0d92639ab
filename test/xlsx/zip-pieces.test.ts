/**
 * An entry written piece by piece keeps its compressed bytes in the pieces they were deflated
 * in (src/xlsx/zip.ts rawPieces): the archive made from them is the archive made from the
 * same bytes joined, and `raw` still gives them joined to whoever reads it.
 */

import { unzipSync } from 'fflate';
import {
  makeStreamedEntry,
  makeStreamedEntryAsync,
  pieceBuffer,
  writeZip,
  type Piece,
  type ZipEntry,
} from '../../src/xlsx/zip';

/** Pieces of about `bytes` bytes of text: strings, byte spans and batch-pool buffers in turn. */
function pieces(bytes: number): { pieces: Piece[]; text: string } {
  const out: Piece[] = [];
  let text = '';
  for (let i = 0; text.length < bytes; i++) {
    let group = '';
    for (let j = 0; j < 2000 && text.length + group.length < bytes; j++) {
      group += `<row r="${i * 2000 + j}"><c><v>${((i * 2000 + j) * 7919) % 100_003}</v></c></row>`;
    }
    if (i % 3 === 0) out.push(group);
    else if (i % 3 === 1) out.push(new TextEncoder().encode(group));
    else {
      const b = pieceBuffer();
      out.push(b.subarray(0, b.write(group, 0, 'latin1')));
    }
    text += group;
  }
  return { pieces: out, text };
}

describe('an entry written piece by piece', () => {
  it.each([
    ['a few bytes', 100, false],
    ['several batches', 9 << 20, false],
    ['several batches, deflated in the thread pool', 9 << 20, true],
  ])('of %s is archived from its pieces as from its bytes joined', async (_what, size, async) => {
    const { pieces: p, text } = pieces(size);
    const entry = async
      ? await makeStreamedEntryAsync('part.xml', p)
      : makeStreamedEntry('part.xml', p);
    expect(entry.rawPieces).toBeDefined();
    const joined = new Uint8Array(entry.compressedSize);
    let at = 0;
    for (const c of entry.rawPieces!) {
      joined.set(c, at);
      at += c.length;
    }
    // Compared as Buffers (a deep comparison of megabytes element by element is slow).
    expect(Buffer.from(entry.raw).equals(joined)).toBe(true);
    const plain: ZipEntry = { ...entry, raw: joined, rawPieces: undefined };
    const zip = writeZip([entry]);
    expect(Buffer.from(zip).equals(writeZip([plain]))).toBe(true);
    expect(new TextDecoder().decode(unzipSync(zip)['part.xml'])).toBe(text);
  });
});
