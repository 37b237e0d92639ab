/**
 * An entry's bytes inflated by Node's zlib in a worker thread, for the front-to-back readings
 * of a big sheet: the first, which reads its cells (Package.readingBytes), and the one that
 * writes the patched sheet out (Package.sourceStream). The main thread would otherwise hold
 * the sheet's inflated bytes whole (43-64 MB at 100,000 rows, the largest single objects of
 * the refresh, and not collected before the write needs the memory) or inflate them itself
 * (fflate's streaming inflate: ~0.2-0.5 s of the main thread at 100,000 rows, seconds at
 * Excel's full grid). Here the worker inflates into a small ring of shared slots ahead of
 * the reader, which waits (Atomics.wait) only when it has caught up; what the reader has read
 * past is let go, as in InflatingSource.
 *
 * The first reading (`checkCrc`) checks the bytes' size and CRC-32 in the worker, and a
 * failure is the file's damage (ZipFormatError, in InflatingSource's words); a later reading
 * checks their size only, and a failure there is ours (an Error).
 */

import { Worker } from 'node:worker_threads';
import { ZipFormatError, type ByteSource, type ZipEntry } from './zip';

/** Bytes per slot (zlib's output chunk) and slots in the ring. */
const SLOT = 1 << 20;
const SLOTS = 4;

/**
 * Control words: slots produced, slots consumed, state (0 while running), a counter the worker
 * bumps on every change the reader waits for (so no change can slip between its look and its
 * wait), why it failed, then the bytes in each slot.
 */
const PRODUCED = 0;
const CONSUMED = 1;
const STATE = 2;
const SIGNAL = 3;
const REASON = 4;
const LENGTHS = 5;
const DONE = 1;
const FAILED = 2;

/** Why the worker failed (REASON). */
const CANNOT_INFLATE = 1;
const PAST_SIZE = 2;
const SHORT = 3;
const CHECKSUM = 4;
/** The worker itself failed (ours, whatever the reading). */
const WORKER_FAILED = 5;

/** How long the reader waits for one slot before it gives up (the worker died unheard). */
const WAIT_MS = 120_000;

/**
 * The worker: zlib's stream inflater (in its own event loop, so it runs on without the main
 * thread), each output chunk copied into the next free slot; when every slot is full it waits
 * for the reader. It stops at the declared size: more is a failure, not memory to spend.
 */
const WORKER_SCRIPT = `
const { workerData } = require('node:worker_threads');
const zlib = require('node:zlib');
const { raw, control, ring, slot, slots, size, crc } = workerData;
const c = new Int32Array(control);
const bytes = new Uint8Array(ring);
let produced = 0;
let total = 0;
// zlib.crc32 is Node >= 20.15 (as zip.ts crc32); the table is for older Node 20.
let table = null;
const crc32 = zlib.crc32 ? (data, previous) => zlib.crc32(data, previous) >>> 0 : (data, previous) => {
  if (table === null) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) { let k = n; for (let j = 0; j < 8; j++) k = k & 1 ? 0xedb88320 ^ (k >>> 1) : k >>> 1; table[n] = k; }
  }
  let k = previous ^ -1;
  for (let i = 0; i < data.length; i++) k = table[(k ^ data[i]) & 0xff] ^ (k >>> 8);
  return (k ^ -1) >>> 0;
};
let sum = 0;
const signal = () => { Atomics.add(c, ${SIGNAL}, 1); Atomics.notify(c, ${SIGNAL}); };
const fail = (reason) => { Atomics.store(c, ${REASON}, reason); Atomics.store(c, ${STATE}, ${FAILED}); signal(); };
const inflate = zlib.createInflateRaw({ chunkSize: slot });
inflate.on('data', (chunk) => {
  total += chunk.length;
  if (total > size) { fail(${PAST_SIZE}); inflate.destroy(); return; }
  if (crc !== null) sum = crc32(chunk, sum);
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
  if (total !== size) { fail(${SHORT}); return; }
  if (crc !== null && sum !== crc) { fail(${CHECKSUM}); return; }
  Atomics.store(c, ${STATE}, ${DONE});
  signal();
});
inflate.on('error', () => fail(${CANNOT_INFLATE}));
inflate.end(new Uint8Array(raw));
`;

/**
 * A deflated entry's bytes (from `skip` on) inflated in a worker ahead of the reader; read
 * front to back like InflatingSource (each subarray starts at or after the previous start).
 * `checkCrc`: this is the bytes' first reading (see the file's header). close() ends the
 * worker of a reading that stops early (else it would wait for its reader forever).
 */
export class WorkerInflatingSource implements ByteSource {
  readonly length: number;
  private readonly control: Int32Array;
  private ring: Uint8Array;
  private held: Uint8Array = new Uint8Array(0);
  /** Offset (in the entry's bytes) of held[0]. */
  private at = 0;
  private consumed = 0;
  /** Bytes taken from the ring so far. */
  private taken = 0;
  private worker: Worker | null = null;
  private started = false;
  private closed = false;
  /** The worker said DONE (with `checkCrc`: the size and CRC-32 are right). */
  private ended = false;

  constructor(
    private readonly entry: ZipEntry,
    private readonly skip = 0,
    private readonly checkCrc = false,
  ) {
    if (entry.method !== 8) throw new Error('WorkerInflatingSource reads deflated entries');
    this.length = entry.size - skip;
    this.control = new Int32Array(new SharedArrayBuffer(4 * (LENGTHS + SLOTS)));
    this.ring = new Uint8Array(new SharedArrayBuffer(SLOT * SLOTS));
  }

  /** Starts the worker, at the first reading. */
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
        crc: this.checkCrc ? this.entry.crc >>> 0 : null,
      },
      transferList: [raw.buffer],
    });
    this.started = true;
    // A reader that stops early without close() must not keep the process alive.
    worker.unref();
    worker.on('error', () => {
      Atomics.store(this.control, REASON, WORKER_FAILED);
      Atomics.store(this.control, STATE, FAILED);
      Atomics.add(this.control, SIGNAL, 1);
    });
    worker.on('exit', () => {
      this.worker = null;
    });
    this.worker = worker;
  }

  /**
   * Ends the worker if it is still running and lets go of the bytes held and the ring: for a
   * reading that stops before the end (an error elsewhere). Reading after it is our defect.
   */
  close(): void {
    this.closed = true;
    this.held = new Uint8Array(0);
    this.ring = new Uint8Array(0);
    if (this.worker !== null) void this.worker.terminate();
    this.worker = null;
  }

  subarray(a: number, b: number): Uint8Array {
    if (this.closed) throw new Error('WorkerInflatingSource was read after close()');
    const from = a + this.skip;
    const to = Math.min(b, this.length) + this.skip;
    if (from < this.at) throw new Error('WorkerInflatingSource was read backwards');
    if (this.at + this.held.length < to) this.fill(from, to);
    // The first reading's last bytes are given only once the worker has checked them all.
    if (this.checkCrc && to === this.entry.size && !this.ended) this.end();
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
      // The worker ended without the bytes wanted: what it said (slots it produced first are
      // taken first, so a failure's sentence counts them).
      if (ready === 0) throw this.failure();
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
      this.taken += bytes;
      Atomics.store(this.control, CONSUMED, this.consumed);
      Atomics.notify(this.control, CONSUMED);
      this.held = held;
      this.at = Math.min(from, base + bytes);
    }
  }

  /** Waits for the worker's verdict on the whole entry (every byte taken); throws a failure. */
  private end(): void {
    // One more slot would be past the declared size, which the worker refuses before
    // producing it; so the next slot never comes, and the worker's state is its verdict.
    if (this.wait(0) || Atomics.load(this.control, STATE) !== DONE) throw this.failure();
    this.ended = true;
  }

  /**
   * Waits until slot `consumed + k` is produced: true, or false when the worker has ended
   * (done or failed) without it.
   */
  private wait(k: number): boolean {
    const c = this.control;
    for (;;) {
      const signal = Atomics.load(c, SIGNAL);
      // The state before the slots: the worker produces its last slot before it ends, so a
      // slot produced between the two looks is still seen.
      const state = Atomics.load(c, STATE);
      if (Atomics.load(c, PRODUCED) > this.consumed + k) return true;
      if (state !== 0) return false;
      if (Atomics.wait(c, SIGNAL, signal, WAIT_MS) === 'timed-out') {
        throw new Error(`the refresh timed out inflating ${this.entry.name}`);
      }
    }
  }

  /**
   * Why the worker ended early (or past the size): on the first reading, the file's damage
   * in InflatingSource's words; on a later one (the bytes were checked then), our defect.
   */
  private failure(): Error {
    const e = this.entry;
    const state = Atomics.load(this.control, STATE);
    // Done, yet short of what was asked for: the part ends before its declared size.
    const reason = state === DONE ? SHORT : Atomics.load(this.control, REASON);
    if (reason === WORKER_FAILED) return new Error(`the refresh could not inflate ${e.name}`);
    if (!this.checkCrc) {
      const early = reason === SHORT ? ' (it ends early)' : '';
      return new Error(`the refresh could not inflate ${e.name} again${early}`);
    }
    switch (reason) {
      case PAST_SIZE:
        return new ZipFormatError(
          `is damaged (it inflates past the ${e.size} bytes the ZIP directory says)`,
          e.name,
        );
      case SHORT:
        return new ZipFormatError(
          `is damaged (it holds ${this.taken} bytes where the ZIP directory says ${e.size})`,
          e.name,
        );
      case CHECKSUM:
        return new ZipFormatError('is damaged (its bytes fail the ZIP checksum)', e.name);
      default:
        return new ZipFormatError('is damaged (its compressed data cannot be read)', e.name);
    }
  }
}
