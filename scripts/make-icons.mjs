// Draws the add-in icons (assets/icon-*.png): a 2x2 grid of the four role colours on a
// rounded dark tile, the product's visual signature. Pure Node (zlib), no image tools needed.
// Run: node scripts/make-icons.mjs  (the PNGs are committed; rerun only to change the design)
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

// Bystander, Operator / Implementer, Driver (Okabe–Ito, as src/core/styles.ts).
const QUADS = [hex('#E69F00'), hex('#56B4E9'), hex('#009E73'), hex('#0072B2')];
const TILE = hex('#1F3864');

function icon(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const radius = size * 0.18;
  const pad = Math.max(1, Math.round(size * 0.14));
  const gap = Math.max(1, Math.round(size * 0.06));
  const cell = (size - 2 * pad - gap) / 2;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const o = y * (size * 4 + 1) + 1 + x * 4;
      // Rounded-corner mask with a one-pixel soft edge.
      const cx = Math.min(Math.max(x + 0.5, radius), size - radius);
      const cy = Math.min(Math.max(y + 0.5, radius), size - radius);
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      const alpha = Math.max(0, Math.min(1, radius - d + 0.5));
      let rgb = TILE;
      const gx = x - pad;
      const gy = y - pad;
      if (gx >= 0 && gy >= 0 && gx < 2 * cell + gap && gy < 2 * cell + gap) {
        const qx = gx < cell ? 0 : gx >= cell + gap ? 1 : -1;
        const qy = gy < cell ? 0 : gy >= cell + gap ? 1 : -1;
        if (qx >= 0 && qy >= 0) rgb = QUADS[qy * 2 + qx];
      }
      raw[o] = rgb[0];
      raw[o + 1] = rgb[1];
      raw[o + 2] = rgb[2];
      raw[o + 3] = Math.round(alpha * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(new URL('../assets/', import.meta.url), { recursive: true });
for (const size of [16, 32, 64, 80, 128]) {
  writeFileSync(new URL(`../assets/icon-${size}.png`, import.meta.url), icon(size));
}
console.log('icons written to assets/');
