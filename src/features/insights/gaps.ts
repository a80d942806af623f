// Which `null` buckets are gaps. A Homey answers `null` for every bucket in which the device sent
// nothing, and its buckets can be much finer than the device reports: `lastHour` has 5-second
// buckets, a thermometer reports every minute or only on change. Drawn as they come, such a series
// is a row of isolated dots with no line at all (seen on the emulator's `lastHour`: 11 of every 12
// buckets are null). A gap that matters is one clearly longer than the device's own rhythm: then it
// was off, out of range or out of battery, and that stays a gap.
import type { SeriesPoint } from './downsample.ts';

export interface GapOptions {
  /** A run of nulls is a gap when it spans more than this many typical report intervals. Default 3. */
  factor?: number;
}

function median(values: number[]): number {
  const sorted = values.sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const isValue = (p: SeriesPoint) => p.v !== null && Number.isFinite(p.v);

/**
 * The series without the nulls that only mean "no report in this bucket": a run of nulls between
 * two values closer together than `factor` times the median interval between reported values is
 * dropped, so the line goes on. Longer runs stay, as do nulls before the first value and after the
 * last (the newest bucket still filling). Returns the input's own point objects, in order.
 */
export function bridgeShortGaps<P extends SeriesPoint>(points: readonly P[], options: GapOptions = {}): P[] {
  const factor = options.factor ?? 3;
  const valueIndices: number[] = [];
  points.forEach((p, i) => {
    if (isValue(p)) valueIndices.push(i);
  });
  if (valueIndices.length < 2 || valueIndices.length === points.length) return points.slice();
  const intervals: number[] = [];
  for (let k = 1; k < valueIndices.length; k++) {
    intervals.push((points[valueIndices[k] as number] as P).t - (points[valueIndices[k - 1] as number] as P).t);
  }
  const longest = factor * median(intervals);
  const out: P[] = [];
  let previousValue = -1;
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as P;
    if (isValue(p)) {
      out.push(p);
      previousValue = i;
      continue;
    }
    // Inside a run of nulls: find where it ends, then keep or drop the whole run at once.
    let end = i;
    while (end < points.length && !isValue(points[end] as P)) end++;
    const bounded = previousValue >= 0 && end < points.length;
    const span = bounded ? (points[end] as P).t - (points[previousValue] as P).t : Infinity;
    if (span > longest) for (let k = i; k < end; k++) out.push(points[k] as P);
    i = end - 1;
  }
  return out;
}
