// A log's samples in memory, and the search every window of them starts with.
import type { Sample } from '../types.ts';

/** Samples sorted by time. Booleans hold change points as 0/1. Typed arrays keep 2 years of history small. */
export interface Series {
  t: Float64Array;
  v: Float64Array;
}

export const EMPTY: Series = { t: new Float64Array(0), v: new Float64Array(0) };

/** A fixture's samples as a series: sorted, of the log's type, booleans reduced to their changes. */
export function fromSamples(samples: Sample[], type: 'number' | 'boolean'): Series {
  const sorted = samples.filter((s) => (type === 'boolean' ? typeof s.v === 'boolean' : typeof s.v === 'number')).sort((a, b) => a.t - b.t);
  const t: number[] = [];
  const v: number[] = [];
  for (const s of sorted) {
    const x = Number(s.v);
    if (type === 'boolean' && v.length > 0 && v[v.length - 1] === x) continue;
    t.push(s.t);
    v.push(x);
  }
  return { t: Float64Array.from(t), v: Float64Array.from(v) };
}

/** The first index whose time is at or after `x`. */
export function lowerBound(t: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
