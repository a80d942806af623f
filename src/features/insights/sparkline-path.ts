// The SVG path of a sparkline, by hand: the home screen's temperature tiles are in the first-visit
// bundle, where a chart library does not fit.
import type { SeriesPoint } from './downsample.ts';
import { valueExtent } from './stats.ts';

export interface SparklineBox {
  width: number;
  height: number;
  /** Room kept free at the edges so the stroke is not clipped. */
  inset?: number;
  /** The time span to draw over; the points' own first and last time by default. */
  domain?: readonly [number, number];
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * `M…L…` commands through the points, oldest left, lowest at the bottom. A `null` is a gap: the
 * line stops and the next value starts a new `M`, so an outage never reads as a straight bridge.
 * A value alone between gaps becomes a dot (a zero-length segment drawn with a round cap).
 */
export function sparklinePath(points: readonly SeriesPoint[], box: SparklineBox): string {
  const inset = box.inset ?? 1;
  const extent = valueExtent(points);
  if (!extent) return '';
  const [lo, hi] = extent;
  const t0 = box.domain?.[0] ?? points[0]?.t ?? 0;
  const t1 = box.domain?.[1] ?? points[points.length - 1]?.t ?? t0;
  const w = Math.max(0, box.width - 2 * inset);
  const h = Math.max(0, box.height - 2 * inset);
  const x = (t: number) => round(inset + (t1 > t0 ? ((t - t0) / (t1 - t0)) * w : w / 2));
  // A flat day sits in the middle rather than on the floor.
  const y = (v: number) => round(inset + (hi > lo ? (1 - (v - lo) / (hi - lo)) * h : h / 2));

  const parts: string[] = [];
  let runLength = 0;
  for (const p of points) {
    if (p.v === null || !Number.isFinite(p.v)) {
      if (runLength === 1) parts.push('h0');
      runLength = 0;
      continue;
    }
    parts.push(`${runLength === 0 ? 'M' : 'L'}${x(p.t)} ${y(p.v)}`);
    runLength++;
  }
  if (runLength === 1) parts.push('h0');
  return parts.join('');
}
