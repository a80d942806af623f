import { describe, expect, it } from 'vitest';
import { seriesStats } from './stats.ts';

const MIN = 60_000;
const at = (minutes: number, v: number | null) => ({ t: minutes * MIN, v });

describe('seriesStats', () => {
  it('gives min, max and the newest value, ignoring gaps', () => {
    expect(seriesStats([at(0, 18.2), at(5, null), at(10, 23.9), at(15, 19), at(20, null)])).toMatchObject({
      min: 18.2,
      max: 23.9,
      last: 19,
      count: 3,
    });
  });

  it('has nothing to say about an empty or all-gap series', () => {
    expect(seriesStats([])).toEqual({ min: null, max: null, last: null, trend: 'steady', count: 0 });
    expect(seriesStats([at(0, null), at(5, null)])).toEqual({ min: null, max: null, last: null, trend: 'steady', count: 0 });
  });

  it('rises and falls against the oldest value in the last hour', () => {
    const day = Array.from({ length: 24 * 12 }, (_, i) => at(i * 5, 20));
    const rising = [...day, at(24 * 60, 20.5), at(24 * 60 + 30, 21), at(24 * 60 + 55, 22)];
    expect(seriesStats(rising, { decimals: 1 }).trend).toBe('rising');
    const falling = [...day, at(24 * 60, 20), at(24 * 60 + 55, 18)];
    expect(seriesStats(falling, { decimals: 1 }).trend).toBe('falling');
  });

  it('is steady when the change is below one shown digit', () => {
    const points = [at(0, 21.0), at(30, 21.04), at(60, 21.04)];
    expect(seriesStats(points, { decimals: 1 }).trend).toBe('steady');
    expect(seriesStats([at(0, 21.4), at(60, 21.5)], { decimals: 1, relativeThreshold: 0 }).trend).toBe('rising');
  });

  it('is steady when the change is noise against the day’s range', () => {
    const points = [at(0, 10), at(600, 25), at(1380, 20.0), at(1440, 20.3)];
    // 0.3 on a 15° range is 2 %: below the default 5 %.
    expect(seriesStats(points, { decimals: 2 }).trend).toBe('steady');
    expect(seriesStats(points, { decimals: 2, relativeThreshold: 0.01 }).trend).toBe('rising');
  });

  it('looks back only as far as the window', () => {
    const points = [at(0, 10), at(120, 20), at(150, 20), at(180, 20)];
    expect(seriesStats(points, { decimals: 0 }).trend).toBe('steady');
    expect(seriesStats(points, { decimals: 0, windowMs: 4 * 60 * MIN }).trend).toBe('rising');
  });
});
