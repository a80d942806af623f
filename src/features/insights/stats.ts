// What a sparkline tile says beside the curve: lowest, highest, and which way it is going.

export type Trend = 'rising' | 'falling' | 'steady';

export interface SeriesStats {
  min: number | null;
  max: number | null;
  /** The newest value that is not a gap. */
  last: number | null;
  trend: Trend;
  /** Values that are not gaps. */
  count: number;
}

export interface StatsOptions {
  /** The capability's decimals: a change smaller than one shown digit is no change. */
  decimals?: number | null;
  /** How far back the trend looks from the newest value. Default 1 h. */
  windowMs?: number;
  /** Share of the series' range a change must reach to count, so noise is steady. Default 0.05. */
  relativeThreshold?: number;
}

const HOUR = 3_600_000;

/**
 * min/max/last over the values that are not `null`, and the trend: the newest value against the
 * oldest one within `windowMs` before it. It counts as rising or falling only when the change is at
 * least one displayed step (10^-decimals) and at least `relativeThreshold` of the day's range, so a
 * sensor reporting 2 decimals does not flip arrows on every hundredth of a degree.
 */
export function seriesStats(points: readonly { t: number; v: number | null }[], options: StatsOptions = {}): SeriesStats {
  let min: number | null = null;
  let max: number | null = null;
  let count = 0;
  let lastIndex = -1;
  for (let i = 0; i < points.length; i++) {
    const v = points[i]?.v;
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    count++;
    min = min === null || v < min ? v : min;
    max = max === null || v > max ? v : max;
    lastIndex = i;
  }
  const lastPoint = points[lastIndex];
  if (!lastPoint || lastPoint.v === null || min === null || max === null) {
    return { min, max, last: null, trend: 'steady', count };
  }
  const last = lastPoint.v;
  const windowStart = lastPoint.t - (options.windowMs ?? HOUR);
  const reference = points.find((p) => p.v !== null && Number.isFinite(p.v) && p.t >= windowStart);
  const delta = reference && reference.v !== null ? last - reference.v : 0;
  const decimals = options.decimals;
  const shownStep = typeof decimals === 'number' && decimals >= 0 ? 10 ** -decimals : 0;
  const threshold = Math.max(shownStep, (options.relativeThreshold ?? 0.05) * (max - min));
  // Float subtraction leaves 0.1 as 0.0999…; a hair of tolerance keeps one shown step a change.
  const moved = delta !== 0 && Math.abs(delta) >= threshold - 1e-9 * Math.max(1, Math.abs(last));
  return { min, max, last, trend: moved ? (delta > 0 ? 'rising' : 'falling') : 'steady', count };
}

/** The lowest and highest reported value, skipping gaps; undefined when there is none. */
export function valueExtent(points: readonly { v: number | null }[]): [lo: number, hi: number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    if (p.v === null || !Number.isFinite(p.v)) continue;
    lo = Math.min(lo, p.v);
    hi = Math.max(hi, p.v);
  }
  return lo > hi ? undefined : [lo, hi];
}
