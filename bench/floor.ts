/**
 * The I/O floor of a file refresh (bench/xlsx.ts runs it on the same input, in the same run):
 * what any refresh must at least do with Node's own native zlib — read the file, inflate
 * every entry, deflate 1.5× the largest entry (the inventory sheet plus the output columns)
 * at level 6, and write the result. No XML is read or written; it is the cost of the bytes.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { readZip } from '../src/xlsx/zip';

/** Runs the floor on `file`, writing to `out`; returns the bytes written. */
export function ioFloor(file: string, out: string): number {
  const bytes = new Uint8Array(readFileSync(file));
  let largest: Uint8Array = new Uint8Array(0);
  let largestRaw: Uint8Array = new Uint8Array(0);
  const copied: Uint8Array[] = [];
  for (const e of readZip(bytes)) {
    const data = e.method === 8 ? inflateRawSync(e.raw) : e.raw;
    copied.push(e.raw);
    if (data.length > largest.length) {
      largest = data;
      largestRaw = e.raw;
    }
  }
  const grown = new Uint8Array(Math.floor(largest.length * 1.5));
  for (let at = 0; at < grown.length; at += largest.length) {
    grown.set(largest.subarray(0, Math.min(largest.length, grown.length - at)), at);
  }
  const deflated = deflateRawSync(grown, { level: 6 });
  const written = Buffer.concat([...copied.filter((c) => c !== largestRaw), deflated]);
  writeFileSync(out, written);
  return written.length;
}
