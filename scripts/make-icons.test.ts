import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ICONS, PUBLIC_DIR, drawIcon, encodePng } from './make-icons.ts';

/** Size and RGBA pixels of a PNG as encodePng writes it (8-bit RGBA, filter 0 on every row). */
function decode(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([...body.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(data));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    expect(rows[y * (width * 4 + 1)]).toBe(0);
    rgba.set(rows.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, rgba };
}

describe('app icons', () => {
  it.each(ICONS)('public/$file is what make-icons.ts draws, at $size×$size', (icon) => {
    const committed = decode(readFileSync(resolve(PUBLIC_DIR, icon.file)));
    expect([committed.width, committed.height]).toEqual([icon.size, icon.size]);
    expect(Buffer.from(committed.rgba).equals(Buffer.from(drawIcon(icon)))).toBe(true);
  });

  it('a maskable icon is opaque to its corners (launchers crop it to any shape)', () => {
    const maskable = ICONS.find((icon) => icon.file.includes('maskable'))!;
    const { rgba } = decode(encodePng(maskable.size, drawIcon(maskable)));
    expect(rgba[3]).toBe(255);
    expect(rgba[rgba.length - 1]).toBe(255);
  });

  it('an "any" icon has transparent corners around its rounded square', () => {
    const any = ICONS.find((icon) => icon.file === 'icons/icon-192.png')!;
    const { rgba } = decode(encodePng(any.size, drawIcon(any)));
    expect(rgba[3]).toBe(0);
    // The middle of the top edge is inside the square.
    expect(rgba[(any.size / 2) * 4 + 3]).toBe(255);
  });
});
