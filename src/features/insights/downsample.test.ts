import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from './downsample.ts';
import { downsampleLttb } from './downsample.ts';

const STEP = 300_000;
const T0 = Date.UTC(2024, 0, 1);

/** A deterministic wobbly day-curve with a few sharp spikes, like a radiator's temperature. */
function series(n: number, value: (i: number) => number | null = (i) => 20 + 3 * Math.sin(i / 150) + Math.sin(i * 1.7) * 0.3): SeriesPoint[] {
  return Array.from({ length: n }, (_, i) => ({ t: T0 + i * STEP, v: value(i) }));
}

function isSubsequence(sample: readonly SeriesPoint[], of: readonly SeriesPoint[]): boolean {
  let j = 0;
  for (const p of sample) {
    while (j < of.length && of[j] !== p) j++;
    if (j === of.length) return false;
    j++;
  }
  return true;
}

const values = (ps: readonly SeriesPoint[]) => ps.map((p) => p.v).filter((v): v is number => v !== null);

describe('downsampleLttb', () => {
  it('thins 10,000 points to at most the target, in order, from the input', () => {
    const input = series(10_000);
    for (const target of [3, 4, 10, 300, 800, 1_000]) {
      const out = downsampleLttb(input, target);
      expect(out.length, `target ${target}`).toBeLessThanOrEqual(target);
      expect(out.length).toBeGreaterThanOrEqual(Math.min(target, 3) - 1);
      expect(isSubsequence(out, input)).toBe(true);
    }
    expect(downsampleLttb(input, 800).length).toBeGreaterThanOrEqual(790);
  });

  it('keeps the first and last points and the extremes', () => {
    const input = series(10_000, (i) => (i === 4321 ? 35 : i === 7777 ? -12 : 20 + Math.sin(i / 40)));
    const out = downsampleLttb(input, 200);
    expect(out[0]).toBe(input[0]);
    expect(out.at(-1)).toBe(input.at(-1));
    expect(Math.max(...values(out))).toBe(35);
    expect(Math.min(...values(out))).toBe(-12);
  });

  it('keeps both extremes when they fall into the same bucket', () => {
    const input = series(1_000, (i) => (i === 500 ? 99 : i === 501 ? -99 : 0));
    const out = downsampleLttb(input, 10);
    expect(out.length).toBeLessThanOrEqual(10);
    expect(values(out)).toContain(99);
    expect(values(out)).toContain(-99);
  });

  it('keeps gaps as gaps: never bridges them, never turns them into zeros', () => {
    // Off from 3,000 to 3,999 and from 8,000 to 8,009; the newest bucket is still filling.
    const input = series(10_000, (i) => ((i >= 3_000 && i < 4_000) || (i >= 8_000 && i < 8_010) || i === 9_999 ? null : 10 + Math.sin(i / 100)));
    const out = downsampleLttb(input, 300);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(values(out)).not.toContain(0);
    const nulls = out.filter((p) => p.v === null);
    expect(nulls.map((p) => (p.t - T0) / STEP)).toEqual([3_000, 8_000, 9_999]);
    // Every value kept on either side of a gap is from that side.
    for (let k = 1; k < out.length; k++) {
      const a = (out[k - 1]!.t - T0) / STEP;
      const b = (out[k]!.t - T0) / STEP;
      const crossesGap = (a < 3_000 && b >= 4_000) || (a < 8_000 && b >= 8_010);
      expect(crossesGap && out[k - 1]!.v !== null && out[k]!.v !== null, `${a} → ${b}`).toBe(false);
    }
    expect(out[0]).toBe(input[0]);
    expect(out.at(-1)).toBe(input.at(-1));
  });

  it('keeps the edges of every stretch so a line starts and ends where the data does', () => {
    const input = series(2_000, (i) => (i % 500 < 10 && i > 0 ? null : i));
    const out = downsampleLttb(input, 100);
    for (const edge of [10, 499, 510, 999, 1_010, 1_499, 1_510, 1_999]) {
      expect(out.some((p) => p === input[edge]), `edge ${edge}`).toBe(true);
    }
  });

  it('returns a copy when there is nothing to thin', () => {
    const input = series(50);
    const out = downsampleLttb(input, 100);
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
    expect(downsampleLttb([], 100)).toEqual([]);
  });

  it('stays within the target for a series that flaps between values and gaps', () => {
    const input = series(5_000, (i) => (i % 2 === 0 ? i : null));
    const out = downsampleLttb(input, 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out[0]).toBe(input[0]);
    expect(out.at(-1)).toBe(input.at(-1));
    expect(out.some((p) => p.v === null)).toBe(true);
  });

  it('treats a target below 2 as 2 and a nonsense target as 2', () => {
    const input = series(100);
    expect(downsampleLttb(input, 0)).toEqual([input[0], input[99]]);
    expect(downsampleLttb(input, Number.NaN)).toEqual([input[0], input[99]]);
  });

  it('follows the shape: a straight ramp is kept as its ends, a peak is kept', () => {
    const input = series(1_000, (i) => (i < 500 ? i : 1_000 - i));
    const out = downsampleLttb(input, 5);
    expect(values(out)).toContain(500);
  });

  it('is fast enough for a year of 5-minute buckets', () => {
    const input = series(105_120);
    const started = performance.now();
    downsampleLttb(input, 1_000);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
