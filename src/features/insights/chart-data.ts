// What a chart draws, worked out before recharts sees it: the rows (boolean
// change points turned into steps, everything thinned to the plot's width), the time ticks in the
// user's own time zone, and how the value axis reads. Pure, so it is tested without a browser.
import { ticks as niceTicks } from 'd3-array';
import { MAX_DISPLAY_DECIMALS, booleanTitle, formatCapabilityValue, isUnitIntervalPercent, safeLocale } from '../../lib/format.ts';
import type { ChartShape } from './chart-kind.ts';
import type { SeriesPoint } from './downsample.ts';
import { downsampleLttb } from './downsample.ts';
import { bridgeShortGaps } from './gaps.ts';
import { valueExtent } from './stats.ts';

export interface EntriesLike {
  values: readonly SeriesPoint[];
  start: number | null;
  end: number | null;
  lastValue: number | boolean | null;
}

/**
 * Points per chart: about one per pixel for lines and areas (more cannot be seen), fewer for
 * columns so each bar keeps a few pixels of width.
 */
export function pointBudget(shape: ChartShape, widthPx: number): number {
  const width = Number.isFinite(widthPx) && widthPx > 0 ? widthPx : 600;
  return Math.max(2, Math.floor(shape === 'bar' ? width / 3 : width));
}

/**
 * A boolean log holds change points: "became true at t". Drawn as steps, the state before the first
 * change is its opposite, and the last state lasts until `until` (now, or the window's end). With no
 * change in the window, the state all along is the log's last value.
 */
export function booleanSteps(entries: EntriesLike, until: number): SeriesPoint[] {
  const points = entries.values.filter((p) => p.v !== null);
  const start = entries.start ?? points[0]?.t;
  const end = Math.min(entries.end ?? until, until);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) {
    const state = typeof entries.lastValue === 'boolean' ? Number(entries.lastValue) : typeof entries.lastValue === 'number' ? (entries.lastValue ? 1 : 0) : null;
    if (state === null || start === undefined || !(end > start)) return [];
    return [
      { t: start, v: state },
      { t: end, v: state },
    ];
  }
  const out: SeriesPoint[] = [];
  if (start !== undefined && start < first.t) out.push({ t: start, v: first.v === 0 ? 1 : 0 });
  out.push(...points);
  if (end > last.t) out.push({ t: end, v: last.v });
  return out;
}

/**
 * The rows to draw: steps for booleans; for numbers, the nulls that are gaps (see gaps.ts); thinned
 * to `target` points. A gap stays a `null`, never a zero.
 */
export function chartRows(entries: EntriesLike, options: { boolean: boolean; target: number; now: number }): SeriesPoint[] {
  const points = options.boolean ? booleanSteps(entries, options.now) : bridgeShortGaps(entries.values);
  return downsampleLttb(points, options.target);
}

/** The time axis spans what the Homey says the window is, else what the data covers. */
export function timeDomain(entries: Pick<EntriesLike, 'start' | 'end'>, rows: readonly SeriesPoint[]): [number, number] | undefined {
  const start = entries.start ?? rows[0]?.t;
  const end = entries.end ?? rows[rows.length - 1]?.t;
  if (start === undefined || end === undefined) return undefined;
  return end > start ? [start, end] : [start, start + 1];
}

/** How many steps the time axis' span is cut into (steadyTimeDomain). */
const TIME_STEPS = 50;

/**
 * The time axis' range, moved in steps of 1/50 of its span: each end rounded outward to a step, so
 * nothing is cut off and at most 2 % of the width is empty at either end (seven pixels of a tablet's
 * chart). A poll usually moves the window by one sample, much less than a step, and then the axis,
 * its ticks and its grid stay exactly as they were: only the curve is redrawn (insight-chart.tsx).
 */
export function steadyTimeDomain(start: number, end: number): [number, number] {
  const step = (end - start) / TIME_STEPS;
  if (!(step > 0) || !Number.isFinite(step)) return [start, end];
  return [Math.floor(start / step) * step, Math.ceil(end / step) * step];
}

// ---------------------------------------------------------------- time ticks

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type TickUnit = 'minute' | 'hour' | 'day' | 'month';

interface TickStep {
  unit: TickUnit;
  every: number;
  /** Approximate length in ms, to choose a step for the span. */
  ms: number;
}

const STEPS: readonly TickStep[] = [
  ...[1, 5, 10, 15, 30].map((every) => ({ unit: 'minute' as const, every, ms: every * MINUTE })),
  ...[1, 2, 3, 6, 12].map((every) => ({ unit: 'hour' as const, every, ms: every * HOUR })),
  ...[1, 2, 7, 14].map((every) => ({ unit: 'day' as const, every, ms: every * DAY })),
  ...[1, 2, 3, 6].map((every) => ({ unit: 'month' as const, every, ms: every * 30 * DAY })),
];

export interface TimeTicks {
  ticks: number[];
  unit: TickUnit;
}

/**
 * At most `maxTicks` ticks between `start` and `end` on round local times (whole hours, local
 * midnights, first of the month) in the browser's time zone, so "06:00" means six in the morning
 * where the wall hangs, across daylight-saving changes too.
 */
export function timeTicks(start: number, end: number, maxTicks: number): TimeTicks {
  const limit = Math.max(2, Math.floor(maxTicks));
  const span = Math.max(0, end - start);
  const step = STEPS.find((s) => span / s.ms <= limit) ?? (STEPS[STEPS.length - 1] as TickStep);
  const ticks: number[] = [];
  if (!(span > 0)) return { ticks, unit: step.unit };
  const from = new Date(start);
  if (step.unit === 'minute') {
    // Minute steps divide an hour, and time zones move by whole hours or halves: epoch alignment works.
    const size = step.every * MINUTE;
    for (let t = Math.ceil(start / size) * size; t <= end; t += size) ticks.push(t);
    return { ticks, unit: step.unit };
  }
  // Local calendar arithmetic (`new Date(y, m, d, h)`) lands on the wall clock's round times.
  for (let k = 0; k < 10_000; k++) {
    let t: number;
    if (step.unit === 'hour') t = new Date(from.getFullYear(), from.getMonth(), from.getDate(), k * step.every).getTime();
    else if (step.unit === 'day') t = new Date(from.getFullYear(), from.getMonth(), from.getDate() + k * step.every).getTime();
    else t = new Date(from.getFullYear(), from.getMonth() + k * step.every, 1).getTime();
    if (t > end) break;
    if (t >= start) ticks.push(t);
  }
  return { ticks, unit: step.unit };
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
  const cacheKey = `${locale}|${key}`;
  let format = dateFormats.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(safeLocale(locale), options);
    dateFormats.set(cacheKey, format);
  }
  return format;
}

/** Tick labels: "14:00" for hours, "13 Aug" for days, "Aug" for months, in the user's locale. */
export function formatTick(t: number, unit: TickUnit, locale: string): string {
  if (!Number.isFinite(t)) return '';
  switch (unit) {
    case 'minute':
    case 'hour':
      return dateFormat(locale, { hour: 'numeric', minute: '2-digit' }, 'hm').format(t);
    case 'day':
      return dateFormat(locale, { day: 'numeric', month: 'short' }, 'dm').format(t);
    case 'month':
      return dateFormat(locale, { month: 'short' }, 'm').format(t);
  }
}

// ---------------------------------------------------------------- value axis

/** The capability (or log) facts that decide how a value reads. */
export interface ValueFormat {
  id?: string;
  units: string | null;
  decimals: number | null;
  min?: number;
  max?: number;
  titleTrue?: string | null;
  titleFalse?: string | null;
}

/** A value on the axis or in the tooltip, with the capability's units and decimals (0–1 "%" as percent). */
export function formatChartValue(value: number | null | undefined, format: ValueFormat, locale: string, boolean: boolean): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (boolean) return booleanTitle(format, value >= 0.5, locale);
  return formatCapabilityValue({ ...format, type: 'number', value }, locale).text;
}

/**
 * A value axis' tick label: the capability's units (0–1 "%" as percent), with the fraction digits
 * the ticks' `step` needs rather than the capability's own decimals, unpadded: humidity ticks 2.5
 * apart read "50 %", "52.5 %", not "50.00 %". Never more digits than the capability claims.
 */
export function formatValueTick(value: number, step: number, format: ValueFormat, locale: string, boolean: boolean): string {
  if (boolean || !Number.isFinite(value)) return formatChartValue(value, format, locale, boolean);
  const percent = isUnitIntervalPercent(format);
  const shownStep = Math.abs(percent ? step * 100 : step);
  let digits = 0;
  while (digits < MAX_DISPLAY_DECIMALS && Math.abs(Math.round(shownStep * 10 ** digits) - shownStep * 10 ** digits) > 1e-6 * 10 ** digits) digits++;
  // formatCapabilityValue reads a 0–1 percentage's decimals as the fraction's: two more.
  let decimals = percent ? digits + 2 : digits;
  if (typeof format.decimals === 'number' && format.decimals >= 0) decimals = Math.min(decimals, format.decimals);
  return formatCapabilityValue({ ...format, decimals, type: 'number', value }, locale, { pad: false }).text;
}

/** The smallest gap between neighbouring ticks (their step), 0 with fewer than two. */
export function tickStep(ticks: readonly number[]): number {
  let step = Number.POSITIVE_INFINITY;
  for (let i = 1; i < ticks.length; i++) step = Math.min(step, Math.abs((ticks[i] as number) - (ticks[i - 1] as number)));
  return Number.isFinite(step) ? step : 0;
}

/** An end of the value axis: a number, or `auto` for recharts to round outward to a nice tick. */
export type DomainEnd = number | 'auto';

/**
 * The value axis' range: a boolean is 0–1; a capability's own min/max when the data stays inside
 * it (a 0–100 % grid load reads against the whole scale). Columns and areas are read by their
 * height, so they stand on zero; lines and points zoom in on the data.
 */
export function valueDomain(format: ValueFormat, rows: readonly SeriesPoint[], boolean: boolean, shape: ChartShape): [DomainEnd, DomainEnd] {
  if (boolean) return [0, 1];
  const extent = valueExtent(rows);
  if (!extent) return ['auto', 'auto'];
  const [lo, hi] = extent;
  if (format.min !== undefined && format.max !== undefined && format.max > format.min && lo >= format.min && hi <= format.max) {
    return [format.min, format.max];
  }
  if (shape === 'bar' || shape === 'area') {
    if (lo >= 0) return [0, 'auto'];
    if (hi <= 0) return ['auto', 0];
  }
  return ['auto', 'auto'];
}

/** About this many value ticks (recharts' own default). */
const VALUE_TICKS = 5;
const MAX_VALUE_TICKS = 7;

export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
}

/**
 * The value axis' range and ticks as numbers: `valueDomain`'s fixed ends kept, an `auto` end rounded
 * outward to a nice tick, a flat series given room around its value, and whole numbers only for a
 * capability without decimals. Worked out here rather than by recharts, so the axis' labels are
 * known before drawing (they decide its width) and the axis is only redrawn when they change.
 */
export function valueAxis(format: ValueFormat, rows: readonly SeriesPoint[], boolean: boolean, shape: ChartShape): ValueAxis {
  if (boolean) return { domain: [0, 1], ticks: [0, 1] };
  const [fixedLo, fixedHi] = valueDomain(format, rows, boolean, shape);
  const extent = valueExtent(rows) ?? [0, 1];
  let lo = typeof fixedLo === 'number' ? fixedLo : extent[0];
  let hi = typeof fixedHi === 'number' ? fixedHi : extent[1];
  if (!(hi > lo)) {
    const room = Math.abs(hi) * 0.1 || 1;
    if (typeof fixedLo !== 'number') lo -= room;
    if (typeof fixedHi !== 'number' || !(hi > lo)) hi += room;
  }
  if (typeof fixedLo === 'number' && typeof fixedHi === 'number') {
    // The capability's own range: nice ticks inside it, as many as fit.
    return { domain: [lo, hi], ticks: fewTicks(lo, hi, format.decimals === 0) };
  }
  // Otherwise exactly VALUE_TICKS ticks a nice step apart, the `auto` ends on the first and last: the
  // axis keeps its size and its look while the values wander (and the wall's page its node count).
  const whole = format.decimals === 0;
  let step = niceStepAtLeast((hi - lo) / (VALUE_TICKS - 1), whole);
  // A handful of steps up always covers the values; the bound is for values that are not numbers.
  for (let attempt = 0; attempt < 40 && Number.isFinite(step); attempt++, step = niceStepAtLeast(step * 1.0001, whole)) {
    const from = typeof fixedLo === 'number' ? fixedLo : typeof fixedHi === 'number' ? fixedHi - (VALUE_TICKS - 1) * step : Math.floor(lo / step) * step;
    const to = from + (VALUE_TICKS - 1) * step;
    if (to >= hi && from <= lo) {
      const ticks = Array.from({ length: VALUE_TICKS }, (_, i) => roundOff(from + i * step));
      return { domain: [ticks[0] as number, ticks[VALUE_TICKS - 1] as number], ticks };
    }
  }
  return { domain: [lo, hi], ticks: fewTicks(lo, hi, whole) };
}

/** The smallest of 1, 2, 2.5, 5 × 10^k that is at least `min` (for whole numbers, no fractions and no 2.5). */
function niceStepAtLeast(min: number, whole: boolean): number {
  const target = Math.max(min, whole ? 1 : Number.MIN_VALUE);
  const magnitude = 10 ** Math.floor(Math.log10(target));
  for (const factor of [1, 2, 2.5, 5, 10]) {
    const step = factor * magnitude;
    if (whole && !Number.isInteger(step)) continue;
    if (step >= target * (1 - 1e-12)) return step;
  }
  return 10 * magnitude;
}

/** Off the last digits a float sum adds (0.1 + 0.2). */
function roundOff(value: number): number {
  return Number(value.toPrecision(12));
}

/** Nice ticks between lo and hi, no more than a short axis has room for (d3 may give twice the count asked). */
function fewTicks(lo: number, hi: number, whole: boolean): number[] {
  let ticks: number[] = [];
  for (let count = VALUE_TICKS; count >= 2; count--) {
    ticks = niceTicks(lo, hi, count).filter((tick) => !whole || Number.isInteger(tick));
    if (ticks.length <= MAX_VALUE_TICKS) break;
  }
  return ticks.length >= 2 ? ticks : [lo, hi];
}

/** What recharts puts between a value label and the plot: the tick line (6 px) and its margin (2 px). */
const TICK_ROOM = 8;
/** Slack for text rendering that measures a pixel narrower than it draws (hinting, a fallback font). */
const TEXT_SLACK = 4;

/**
 * The value axis' width: its widest label (`labelWidth`, measured in the chart's own font; see
 * text-width.ts) plus the tick's room, so no label is cut at the chart's left edge. Without a
 * measurement, a generous estimate from the longest label at `fontPx` (0.65 em a character: wider
 * than any digit or unit letter but "W" and "m" in a sans-serif). Never more than `maxWidth` (half
 * the chart, so a hostile unit cannot squeeze the plot away).
 */
export function valueAxisWidth(labels: readonly string[], boolean: boolean, options: { labelWidth?: number; fontPx?: number; maxWidth?: number } = {}): number {
  const fontPx = options.fontPx !== undefined && options.fontPx > 0 ? options.fontPx : 13;
  const longest = Math.max(0, ...labels.map((label) => label.length));
  const measured = options.labelWidth !== undefined && Number.isFinite(options.labelWidth) ? options.labelWidth : longest * fontPx * 0.65;
  // recharts wraps a tick label it measures wider than the axis (with its own, rougher measure):
  // a two-state title keeps the room that kept it on one line.
  const needed = Math.ceil(Math.max(measured + TICK_ROOM + TEXT_SLACK, boolean ? 24 + longest * 7.5 : 0));
  // Boolean titles ("Motion alarm turned off") wrap beyond 200 px rather than take the plot.
  const max = Math.max(40, Math.min(boolean ? 200 : Number.POSITIVE_INFINITY, options.maxWidth ?? Number.POSITIVE_INFINITY));
  return Math.min(max, Math.max(40, needed));
}

/**
 * The row nearest to time `t` that has a value (a gap has nothing to show), by binary search:
 * rows are in time order. -1 when there is none.
 */
export function nearestRow(rows: readonly SeriesPoint[], t: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((rows[mid] as SeriesPoint).t < t) lo = mid + 1;
    else hi = mid;
  }
  // `lo` is the first row at or after t; look both ways for the closest one with a value.
  let before = lo - 1;
  let after = lo;
  while (before >= 0 && rows[before]?.v === null) before--;
  while (after < rows.length && rows[after]?.v === null) after++;
  const b = rows[before];
  const a = rows[after];
  if (!a) return b ? before : -1;
  if (!b) return after;
  return t - b.t <= a.t - t ? before : after;
}
