import { describe, expect, it } from 'vitest';
import { withLiveReading } from './live-point.ts';
import type { InsightsSeries } from './insight-queries.ts';

const T0 = Date.parse('2026-12-04T10:00:00Z');
const MIN = 60_000;
const series: InsightsSeries = {
  values: [
    { t: T0, v: 20 },
    { t: T0 + 5 * MIN, v: 20.5 },
  ],
  start: T0,
  end: T0 + 5 * MIN,
  step: 5 * MIN,
  lastValue: 20.5,
};
const last = (s: InsightsSeries) => s.values[s.values.length - 1];
const at = (ms: number) => new Date(ms).toISOString();

describe('the newest reading as the newest point', () => {
  it('appends a reading newer than the last bucket and stretches the end to it', () => {
    const next = withLiveReading(series, { value: 22.25, time: at(T0 + 8 * MIN) });
    expect(last(next)).toEqual({ t: T0 + 8 * MIN, v: 22.25 });
    expect(next.values).toHaveLength(3);
    expect(next.end).toBe(T0 + 8 * MIN);
    expect(series.values).toHaveLength(2);
  });

  it('keeps the same series for a reading the buckets already hold, or none at all', () => {
    expect(withLiveReading(series, { value: 19, time: at(T0 + 5 * MIN) })).toBe(series);
    expect(withLiveReading(series, { value: 19, time: at(T0 + 1 * MIN) })).toBe(series);
    expect(withLiveReading(series, { value: 19, time: null })).toBe(series);
    expect(withLiveReading(series, undefined)).toBe(series);
  });

  it('draws no point for a value that is no number, or a time that is none', () => {
    for (const value of [null, 'warm', Number.NaN, Infinity, { v: 1 }]) expect(withLiveReading(series, { value, time: at(T0 + 8 * MIN) })).toBe(series);
    expect(withLiveReading(series, { value: 30, time: 'yesterday' })).toBe(series);
  });

  it('draws a boolean as 1 or 0, as its log does', () => {
    expect(last(withLiveReading(series, { value: true, time: at(T0 + 7 * MIN) }))).toEqual({ t: T0 + 7 * MIN, v: 1 });
    expect(last(withLiveReading(series, { value: false, time: at(T0 + 7 * MIN) }))).toEqual({ t: T0 + 7 * MIN, v: 0 });
  });

  it('starts an empty series at the reading', () => {
    const empty: InsightsSeries = { values: [], start: null, end: null, step: null, lastValue: null };
    expect(withLiveReading(empty, { value: 4, time: at(T0) })).toEqual({ ...empty, values: [{ t: T0, v: 4 }], end: T0 });
  });
});
