import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline-path.ts';

const at = (t: number, v: number | null) => ({ t, v });
const moves = (d: string) => d.match(/M/g)?.length ?? 0;

describe('sparklinePath', () => {
  it('runs oldest to newest, left to right, lowest at the bottom', () => {
    expect(sparklinePath([at(0, 10), at(50, 20), at(100, 15)], { width: 102, height: 22, inset: 1 })).toBe('M1 21L51 1L101 11');
  });

  it('starts again after a gap instead of bridging it', () => {
    const d = sparklinePath([at(0, 1), at(1, 2), at(2, null), at(3, null), at(4, 3), at(5, 1)], { width: 100, height: 20 });
    expect(moves(d)).toBe(2);
    expect(d).not.toMatch(/NaN/);
  });

  it('draws a value alone beside a gap as a dot', () => {
    expect(sparklinePath([at(0, 1), at(1, null), at(2, 2), at(3, null), at(4, 1)], { width: 5, height: 4, inset: 0 })).toBe('M0 4h0M2.5 0h0M5 4h0');
  });

  it('puts a flat day in the middle and spans a given time domain', () => {
    expect(sparklinePath([at(10, 5), at(20, 5)], { width: 40, height: 10, inset: 0, domain: [0, 40] })).toBe('M10 5L20 5');
  });

  it('is empty without any value', () => {
    expect(sparklinePath([], { width: 10, height: 10 })).toBe('');
    expect(sparklinePath([at(0, null)], { width: 10, height: 10 })).toBe('');
  });
});
