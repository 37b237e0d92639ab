/**
 * An entry's bytes inflated by Node's zlib in a worker thread, for the one front-to-back
 * reading that writes a patched sheet out (Package.sourceStream). The main thread would
 * otherwise hold the sheet's inflated bytes from its reading to its write (43-64 MB at
 * 100,000 rows, the largest single object of the refresh) or inflate them again itself
 * (fflate's streaming inflate: ~0.2-0.5 s of the main thread at 100,000 rows, seconds at
 * Excel's full grid). Here the worker inflates into a small ring of shared slots ahead of
 * the reader, which waits (Atomics.wait) only when it has caught up; what the reader has read
 * past is let go, as in InflatingSource.
 *
 * The bytes were CRC-checked by their first reading, so this one checks their size only
 * (a failure here is ours, not the file's: it is reported as an Error, not as damage).
 */

import { Worker } from 'node:worker_threads';
import type { ByteSource, ZipEntry } from './zip';

/** Bytes per slot (zlib's output chunk) and slots in the ring. */
const SLOT = 1 << 20;
const SLOTS = 4;

/**
 * Control words: slots produced, slots consumed, state (0 while running), a counter the worker bumps on every
 * change the reader waits for (so no change can slip between its look and its wait), then
 * the bytes in each slot.
 */
const PRODUCED = 0;
const CONSUMED = 1;
const STATE = 2;
const SIGNAL = 3;
const LENGTHS = 4;
const DONE = 1;
const FAILED = 2;

/** How long the reader waits for one slot before it gives up (the worker died unheard). */
const WAIT_MS = 120_000;

/**
 * The worker: zlib's stream inflater (in its own event loop, so it runs on without the main
 * thread), each output chunk copied into the next free slot; when every slot is full it waits
 * for the reader. It stops at the declared size: more is a failure, not memory to spend.
 */
const WORKER_SCRIPT = `
const { workerData } = require('node:worker_threads');
const { createInflateRaw } = require('node:zlib');
const { raw, control, ring, slot, slots, size } = workerData;
const c = new Int32Array(control);
const bytes = new Uint8Array(ring);
let produced = 0;
let total = 0;
const signal = () => { Atomics.add(c, ${SIGNAL}, 1); Atomics.notify(c, ${SIGNAL}); };
const fail = () => { Atomics.store(c, ${STATE}, ${FAILED}); signal(); };
const inflate = createInflateRaw({ chunkSize: slot });
inflate.on('data', (chunk) => {
  total += chunk.length;
  if (total > size) { fail(); inflate.destroy(); return; }
  for (let at = 0; at < chunk.length; ) {
    for (let taken = Atomics.load(c, ${CONSUMED}); produced - taken >= slots; taken = Atomics.load(c, ${CONSUMED})) {
      Atomics.wait(c, ${CONSUMED}, taken);
    }
    const n = Math.min(slot, chunk.length - at);
    bytes.set(chunk.subarray(at, at + n), (produced % slots) * slot);
    c[${LENGTHS} + (produced % slots)] = n;
    at += n;
    produced++;
    Atomics.store(c, ${PRODUCED}, produced);
    signal();
  }
});
inflate.on('end', () => {
  if (total !== size) { fail(); return; }
  Atomics.store(c, ${STATE}, ${DONE});
  signal();
});
inflate.on('error', fail);
inflate.end(new Uint8Array(raw));
`;

/**
 * A deflated entry's bytes (from `skip` on) inflated in a worker ahead of the reader; read
 * front to back like InflatingSource (each subarray starts at or after the previous start).
 */
export class WorkerInflatingSource implements ByteSource {
  readonly length: number;
  private readonly control: Int32Array;
  private readonly ring: Uint8Array;
  private held: Uint8Array = new Uint8Array(0);
  /** Offset (in the entry's bytes) of held[0]. */
  private at = 0;
  private consumed = 0;
  private started = false;

  constructor(
    private readonly entry: ZipEntry,
    private readonly skip = 0,
  ) {
    if (entry.method !== 8) throw new Error('WorkerInflatingSource reads deflated entries');
    this.length = entry.size - skip;
    this.control = new Int32Array(new SharedArrayBuffer(4 * (LENGTHS + SLOTS)));
    this.ring = new Uint8Array(new SharedArrayBuffer(SLOT * SLOTS));
  }

  /**
   * Starts the worker, at the first reading: the part's held bytes, let go when this source
   * was made, are then more likely collected than while the write plans its pieces.
   */
  private start(): void {
    // The compressed bytes are a view into the whole input file: the worker gets a copy.
    const raw = new Uint8Array(this.entry.raw);
    const worker = new Worker(WORKER_SCRIPT, {
      eval: true,
      workerData: {
        raw: raw.buffer,
        control: this.control.buffer,
        ring: this.ring.buffer,
        slot: SLOT,
        slots: SLOTS,
        size: this.entry.size,
      },
      transferList: [raw.buffer],
    });
    // A reader that stops early (an error elsewhere) must not keep the process alive.
    worker.unref();
    worker.on('error', () => {
      Atomics.store(this.control, STATE, FAILED);
      Atomics.add(this.control, SIGNAL, 1);
    });
    this.started = true;
  }

  subarray(a: number, b: number): Uint8Array {
    const from = a + this.skip;
    const to = Math.min(b, this.length) + this.skip;
    if (from < this.at) throw new Error('WorkerInflatingSource was read backwards');
    if (this.at + this.held.length < to) this.fill(from, to);
    return this.held.subarray(from - this.at, Math.max(from, to) - this.at);
  }

  /**
   * Takes slots until the bytes up to `to` are held, letting go of those before `keep`: the
   * slots ready (up to the whole ring) are copied straight into a new held buffer, then
   * handed back. Earlier views stay valid (the caller may still hold one).
   */
  private fill(keep: number, to: number): void {
    if (!this.started) this.start();
    while (this.at + this.held.length < to) {
      let ready = 0;
      let bytes = 0;
      while (ready < SLOTS && this.at + this.held.length + bytes < to && this.wait(ready)) {
        bytes += this.control[LENGTHS + ((this.consumed + ready) % SLOTS)]!;
        ready++;
      }
      if (ready === 0) {
        throw new Error(`the refresh could not inflate ${this.entry.name} again (it ends early)`);
      }
      // Bytes before `keep` are let go, whether held already or only now inflated.
      const base = this.at + this.held.length;
      const from = Math.max(keep, this.at);
      const kept = from < base ? this.held.subarray(from - this.at) : this.held.subarray(0, 0);
      let skip = Math.max(0, from - base);
      // Not zero-filled first: every byte is copied in just below.
      const held = Buffer.allocUnsafe(kept.length + Math.max(0, bytes - skip));
      held.set(kept, 0);
      let at = kept.length;
      for (let k = 0; k < ready; k++) {
        const i = (this.consumed + k) % SLOTS;
        const n = this.control[LENGTHS + i]!;
        const part = this.ring.subarray(i * SLOT + Math.min(skip, n), i * SLOT + n);
        skip = Math.max(0, skip - n);
        held.set(part, at);
        at += part.length;
      }
      this.consumed += ready;
      Atomics.store(this.control, CONSUMED, this.consumed);
      Atomics.notify(this.control, CONSUMED);
      this.held = held;
      this.at = Math.min(from, base + bytes);
    }
  }

  /**
   * Waits until slot `consumed + k` is produced: true, or false when the worker has ended
   * without it.
   */
  private wait(k: number): boolean {
    const c = this.control;
    for (;;) {
      const signal = Atomics.load(c, SIGNAL);
      if (Atomics.load(c, PRODUCED) > this.consumed + k) return true;
      const state = Atomics.load(c, STATE);
      if (state === DONE) return false;
      if (state === FAILED) {
        throw new Error(`the refresh could not inflate ${this.entry.name} again`);
      }
      if (Atomics.wait(c, SIGNAL, signal, WAIT_MS) === 'timed-out') {
        throw new Error(`the refresh timed out inflating ${this.entry.name} again`);
      }
    }
  }
}
