// Largest-Triangle-Three-Buckets (Steinarsson, 2013): thins a series to about the plot's width in
// pixels while keeping its visual shape, so a year of 5-minute buckets draws as fast as an hour.
// Two additions for Homey logs: `null` buckets are gaps (the device was off or the newest bucket is
// still filling) and must stay gaps, never be bridged or become zeros; and the highest and lowest
// value of each stretch are always kept, because "how cold did it get" is what people look for.

export interface SeriesPoint {
  /** Epoch ms, ascending. */
  t: number;
  v: number | null;
}

function isGap(p: SeriesPoint): boolean {
  return p.v === null || !Number.isFinite(p.v);
}

type Segment = { kind: 'run'; start: number; end: number } | { kind: 'gap'; index: number };

/** Runs of values and the gaps between them. A gap is kept as one null point (see below). */
function segments(points: readonly SeriesPoint[]): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  const n = points.length;
  while (i < n) {
    const start = i;
    const gap = isGap(points[i] as SeriesPoint);
    while (i < n && isGap(points[i] as SeriesPoint) === gap) i++;
    // A gap keeps the null where the line breaks; a trailing gap keeps the very last point, so the
    // time axis still ends where the Homey's answer ends.
    if (gap) out.push({ kind: 'gap', index: i === n ? n - 1 : start });
    else out.push({ kind: 'run', start, end: i - 1 });
  }
  return out;
}

/**
 * At most `target` points (never fewer than 2) chosen from `points`, which must be in time order.
 * The first and last points are always kept, gaps stay gaps, and each run keeps its minimum and
 * maximum when it is given at least 4 points. Returns the input's own point objects.
 */
export function downsampleLttb<P extends SeriesPoint>(points: readonly P[], target: number): P[] {
  const limit = Math.max(2, Math.floor(Number.isFinite(target) ? target : 2));
  if (points.length <= limit) return points.slice();

  const segs = segments(points);
  const runs = segs.filter((s): s is Extract<Segment, { kind: 'run' }> => s.kind === 'run');
  const gapCount = segs.length - runs.length;
  const available = limit - gapCount;
  const minimum = runs.reduce((sum, r) => sum + Math.min(r.end - r.start + 1, 2), 0);
  if (available < minimum) return coarse(points, limit);

  const budgets = allocate(runs.map((r) => r.end - r.start + 1), available);
  const out: P[] = [];
  let r = 0;
  for (const seg of segs) {
    if (seg.kind === 'gap') out.push(points[seg.index] as P);
    else lttbRun(points, seg.start, seg.end, budgets[r++] ?? 2, out);
  }
  return out;
}

/** Splits `available` points over runs by length: each gets its ends first, the rest in proportion. */
function allocate(lengths: readonly number[], available: number): number[] {
  const base = lengths.map((len) => Math.min(len, 2));
  const spare = lengths.map((len, i) => len - (base[i] ?? 0));
  const totalSpare = spare.reduce((a, b) => a + b, 0);
  let extra = available - base.reduce((a, b) => a + b, 0);
  if (totalSpare === 0 || extra <= 0) return base;
  const exact = spare.map((s) => (s * Math.min(extra, totalSpare)) / totalSpare);
  const budgets = base.map((b, i) => b + Math.floor(exact[i] ?? 0));
  extra -= budgets.reduce((a, b) => a + b, 0) - base.reduce((a, b) => a + b, 0);
  // Largest remainders get the points rounding left over.
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (extra <= 0) break;
    if ((budgets[i] ?? 0) < (lengths[i] ?? 0)) {
      budgets[i] = (budgets[i] ?? 0) + 1;
      extra--;
    }
  }
  return budgets;
}

function lttbRun<P extends SeriesPoint>(points: readonly P[], start: number, end: number, budget: number, out: P[]): void {
  const len = end - start + 1;
  const at = (i: number) => points[i] as P;
  const val = (i: number) => at(i).v as number;
  if (budget >= len) {
    for (let i = start; i <= end; i++) out.push(at(i));
    return;
  }
  if (budget <= 2) {
    out.push(at(start));
    if (len > 1) out.push(at(end));
    return;
  }

  let iMin = start;
  let iMax = start;
  for (let i = start + 1; i <= end; i++) {
    if (val(i) < val(iMin)) iMin = i;
    if (val(i) > val(iMax)) iMax = i;
  }
  const forced = [...new Set([iMin, iMax])].filter((i) => i !== start && i !== end);
  // Both extremes can land in one bucket; keeping both then costs one extra point, so reserve it.
  const reserve = forced.length === 2 && budget >= 4 ? 1 : 0;
  const buckets = budget - 2 - reserve;
  const every = (len - 2) / buckets;
  const bucketStart = (b: number) => (b >= buckets ? end : start + 1 + Math.floor(b * every));

  out.push(at(start));
  let a = start;
  for (let b = 0; b < buckets; b++) {
    const from = bucketStart(b);
    const to = bucketStart(b + 1);
    // The next bucket's average is the third corner; after the last bucket that is the end point.
    const nextFrom = to;
    const nextTo = b + 1 >= buckets ? end + 1 : bucketStart(b + 2);
    let avgT = 0;
    let avgV = 0;
    for (let i = nextFrom; i < nextTo; i++) {
      avgT += at(i).t;
      avgV += val(i);
    }
    const count = Math.max(1, nextTo - nextFrom);
    avgT /= count;
    avgV /= count;

    const here = forced.filter((i) => i >= from && i < to);
    if (here.length === 2 && reserve === 1) {
      out.push(at(Math.min(...here)), at(Math.max(...here)));
      a = Math.max(...here);
      continue;
    }
    const candidates = here.length > 0 ? here : undefined;
    let best = from;
    let bestArea = -1;
    const consider = (i: number) => {
      const area = Math.abs((at(a).t - avgT) * (val(i) - val(a)) - (at(a).t - at(i).t) * (avgV - val(a)));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    };
    if (candidates) candidates.forEach(consider);
    else for (let i = from; i < to; i++) consider(i);
    out.push(at(best));
    a = best;
  }
  out.push(at(end));
}

/**
 * For series broken into more stretches than there are pixels (a flapping sensor): one point per
 * equal slice, a value if the slice has one, else its null. Shape is lost; gaps and ends are not.
 */
function coarse<P extends SeriesPoint>(points: readonly P[], limit: number): P[] {
  const n = points.length;
  const size = Math.ceil(n / limit);
  const out: P[] = [];
  for (let i = 0; i < n; i += size) {
    const slice = points.slice(i, Math.min(n, i + size));
    out.push(slice.find((p) => !isGap(p)) ?? (slice[0] as P));
  }
  out[0] = points[0] as P;
  out[out.length - 1] = points[n - 1] as P;
  return out;
}
