import { describe, expect, it } from 'vitest';
import { bridgeShortGaps } from './gaps.ts';

const T0 = Date.UTC(2026, 7, 12);
const STEP = 5_000;
const at = (i: number, v: number | null) => ({ t: T0 + i * STEP, v });

describe('bridgeShortGaps', () => {
  it('drops the empty buckets between reports of a device that reports less often than the buckets', () => {
    // One report a minute in 5-second buckets, as the emulator's lastHour answers.
    const input = Array.from({ length: 109 }, (_, i) => at(i, i % 12 === 0 ? i : null));
    const out = bridgeShortGaps(input);
    expect(out.map((p) => p.v)).toEqual([0, 12, 24, 36, 48, 60, 72, 84, 96, 108]);
    expect(out[1]).toBe(input[12]);
  });

  it('keeps a run of nulls much longer than the device’s rhythm: the device was away', () => {
    const input = [...Array.from({ length: 50 }, (_, i) => at(i, 20)), ...Array.from({ length: 30 }, (_, i) => at(50 + i, null)), ...Array.from({ length: 20 }, (_, i) => at(80 + i, 21))];
    const out = bridgeShortGaps(input);
    expect(out).toHaveLength(100);
    expect(out.filter((p) => p.v === null)).toHaveLength(30);
  });

  it('keeps nulls before the first and after the last value (no data yet, the bucket still filling)', () => {
    const input = [at(0, null), at(1, 3), at(2, null), at(3, 4), at(4, null)];
    expect(bridgeShortGaps(input).map((p) => p.v)).toEqual([null, 3, 4, null]);
  });

  it('with factor 1 keeps every null that is longer than the usual report interval', () => {
    const input = [at(0, 1), at(1, 2), at(2, 3), at(3, null), at(4, 5), at(5, 6)];
    expect(bridgeShortGaps(input, { factor: 1 }).map((p) => p.v)).toEqual([1, 2, 3, null, 5, 6]);
    expect(bridgeShortGaps(input, { factor: 2 }).map((p) => p.v)).toEqual([1, 2, 3, 5, 6]);
  });

  it('returns a copy of a series with nothing to bridge', () => {
    const full = [at(0, 1), at(1, 2)];
    expect(bridgeShortGaps(full)).toEqual(full);
    expect(bridgeShortGaps(full)).not.toBe(full);
    expect(bridgeShortGaps([at(0, null), at(1, 3), at(2, null)])).toHaveLength(3);
    expect(bridgeShortGaps([])).toEqual([]);
  });
});
