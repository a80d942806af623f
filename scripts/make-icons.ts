import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

// The app icons in public/icons/, drawn from the same shapes as public/favicon.svg (a white house
// on a blue rounded square) with Node's built-ins only: no image tool in the build. Run
// `npx tsx scripts/make-icons.ts` after changing the drawing; scripts/make-icons.test.ts checks that
// the committed files are what this draws.

export interface IconSpec {
  file: string;
  size: number;
  /**
   * `maskable`: the background fills the square and the house stays inside the central 80 % circle
   * that every launcher mask keeps; `any`: the rounded square of the favicon on transparency.
   * iOS (apple-touch-icon) rounds the corners itself and shows transparency as black: full bleed.
   */
  shape: 'rounded' | 'full-bleed';
  /** The house's size relative to the favicon's. */
  houseScale: number;
}

export const ICONS: readonly IconSpec[] = [
  { file: 'icons/icon-192.png', size: 192, shape: 'rounded', houseScale: 1 },
  { file: 'icons/icon-512.png', size: 512, shape: 'rounded', houseScale: 1 },
  { file: 'icons/icon-maskable-512.png', size: 512, shape: 'full-bleed', houseScale: 0.8 },
  { file: 'icons/apple-touch-icon.png', size: 180, shape: 'full-bleed', houseScale: 0.9 },
];

// favicon.svg, in its 64-unit box.
const BLUE = [0x00, 0xa0, 0xdc] as const;
const WHITE = [0xff, 0xff, 0xff] as const;
const CORNER = 14;
const HOUSE: readonly (readonly [number, number])[] = [
  [32, 12], [10, 30], [16, 30], [16, 50], [28, 50], [28, 38], [36, 38], [36, 50], [48, 50], [48, 30], [54, 30],
];
const HOUSE_CENTRE = [32, 31] as const;

/** RGBA pixels, row by row; each pixel averages 4×4 samples so edges are smooth. */
export function drawIcon({ size, shape, houseScale }: IconSpec): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  const unit = 64 / size;
  const house = HOUSE.map(([x, y]) => [HOUSE_CENTRE[0] + (x - HOUSE_CENTRE[0]) * houseScale, HOUSE_CENTRE[1] + (y - HOUSE_CENTRE[1]) * houseScale] as const);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let background = 0;
      let white = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = (px + (sx + 0.5) / samples) * unit;
          const y = (py + (sy + 0.5) / samples) * unit;
          if (shape === 'full-bleed' || insideRoundedSquare(x, y)) {
            background += 1;
            if (insidePolygon(x, y, house)) white += 1;
          }
        }
      }
      const total = samples * samples;
      const o = (py * size + px) * 4;
      for (let c = 0; c < 3; c += 1) {
        // White over blue, by how much of the covered part is house.
        pixels[o + c] = background === 0 ? 0 : Math.round((BLUE[c]! * (background - white) + WHITE[c]! * white) / background);
      }
      pixels[o + 3] = Math.round((255 * background) / total);
    }
  }
  return pixels;
}

function insideRoundedSquare(x: number, y: number): boolean {
  const cx = Math.min(Math.max(x, CORNER), 64 - CORNER);
  const cy = Math.min(Math.max(y, CORNER), 64 - CORNER);
  return x >= 0 && x <= 64 && y >= 0 && y <= 64 && (x - cx) ** 2 + (y - cy) ** 2 <= CORNER ** 2;
}

function insidePolygon(x: number, y: number, points: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i, i += 1) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** An 8-bit RGBA PNG: signature, IHDR, one IDAT (every row with filter 0), IEND. */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    rows[y * (size * 4 + 1)] = 0;
    rows.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter set, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export const PUBLIC_DIR = resolve(fileURLToPath(import.meta.url), '../../public');

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  for (const icon of ICONS) {
    const target = resolve(PUBLIC_DIR, icon.file);
    mkdirSync(dirname(target), { recursive: true });
    const png = encodePng(icon.size, drawIcon(icon));
    writeFileSync(target, png);
    console.log(`${icon.file}: ${icon.size}×${icon.size}, ${png.length} bytes`);
  }
}
