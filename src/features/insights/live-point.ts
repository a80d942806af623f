import type { InsightsSeries } from './insight-queries.ts';

// Insights land in buckets (every five minutes for a day's range), the Homey's value moves in between:
// its newest reading, the one the tile shows, is drawn as the newest point, so a chart never
// disagrees with the number beside it. The next Insights read replaces it with the bucket.

/** A capability's value as the device list (polled or live) holds it. */
export interface LiveReading {
  value: unknown;
  /** ISO time of the reading (`lastUpdated`), `null` when the Homey never said. */
  time: string | null;
}

/** The series with `reading` as its newest point, or the same series when the reading is not newer. */
export function withLiveReading(series: InsightsSeries, reading: LiveReading | undefined): InsightsSeries {
  if (!reading || reading.time === null) return series;
  const v = typeof reading.value === 'number' && Number.isFinite(reading.value) ? reading.value : typeof reading.value === 'boolean' ? Number(reading.value) : null;
  const t = Date.parse(reading.time);
  // Compared with the buckets, never with this browser's clock: both times are the Homey's.
  if (v === null || !Number.isFinite(t)) return series;
  const newest = series.values.length > 0 ? series.values[series.values.length - 1]!.t : null;
  if (newest !== null && t <= newest) return series;
  if (series.start !== null && t < series.start) return series;
  return { ...series, values: [...series.values, { t, v }], end: series.end === null ? t : Math.max(series.end, t) };
}
