// Samples into the buckets of one window, the way a Homey answers `GET insights/log/:uri/:id/entry`.
import type { LogEntries } from '../types.ts';
import { lowerBound } from './series.ts';

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Averages per bucket (meters: the last reading, since a sum of counter readings means nothing).
 * Empty buckets are null, and so is the one still filling: the captured answer ends in a null at
 * the current bucket, which lands `updatesIn` ms later.
 */
export function numberBuckets(
  sources: { t: ArrayLike<number>; v: ArrayLike<number> }[],
  start: number,
  count: number,
  step: number,
  now: number,
  meter: boolean,
  decimals: number | null,
): LogEntries['values'] {
  const end = start + count * step;
  const sum = new Float64Array(count);
  const n = new Uint32Array(count);
  const last = new Float64Array(count);
  const lastT = new Float64Array(count).fill(-Infinity);
  for (const src of sources) {
    for (let i = lowerBound(src.t, start); i < src.t.length; i++) {
      const t = src.t[i] as number;
      if (t >= end) break;
      const b = Math.floor((t - start) / step);
      const v = src.v[i] as number;
      sum[b] = (sum[b] as number) + v;
      n[b] = (n[b] as number) + 1;
      if (t >= (lastT[b] as number)) {
        lastT[b] = t;
        last[b] = v;
      }
    }
  }
  const f = 10 ** (decimals ?? 2);
  const values: LogEntries['values'] = [];
  for (let b = 0; b < count; b++) {
    const t = start + b * step;
    const filling = now >= t && now < t + step;
    const cnt = n[b] as number;
    let v: number | null = null;
    if (!filling && cnt > 0) v = Math.round((meter ? (last[b] as number) : (sum[b] as number) / cnt) * f) / f;
    values.push({ t: iso(t), v });
  }
  return values;
}

/** Boolean logs: each change inside the window, at the moment it happened. */
export function changePoints(sources: { t: ArrayLike<number>; v: ArrayLike<number> }[], start: number, end: number): LogEntries['values'] {
  const points: { t: number; v: boolean }[] = [];
  for (const src of sources) {
    for (let i = lowerBound(src.t, start); i < src.t.length && (src.t[i] as number) < end; i++) {
      points.push({ t: src.t[i] as number, v: src.v[i] === 1 });
    }
  }
  points.sort((a, b) => a.t - b.t);
  const out: LogEntries['values'] = [];
  let previous: boolean | undefined;
  for (const p of points) {
    if (p.v === previous) continue;
    out.push({ t: iso(p.t), v: p.v });
    previous = p.v;
  }
  return out;
}
