// Insights for one emulated Homey: the log list (`GET insights/log`) and bucketed entries
// (`GET insights/log/:uri/:id/entry`). History a fixture does not bring is made up, lazily and
// deterministically per log, so startup stays fast and a chart shows the same past on every run.
import { baseCapabilityId, capabilityDefinition, isButton, isMeter, localize } from './capabilities.ts';
import type { Language } from './capabilities.ts';
import { daily, daylight, seasonal } from './cycles.ts';
import { createRandom, deriveSeed } from './random.ts';
import type { Random } from './random.ts';
import type { CapabilityObj, Device, HomeySpec, InsightsLog, LogEntries, Resolution, Sample } from './types.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

type Window =
  | { kind: 'rolling'; span: number; step: number }
  | { kind: 'calendar'; unit: 'day' | 'week' | 'month' | 'year'; previous: boolean; step: number };

/**
 * Bucket sizes. Evidence: a captured `today` answer (Homey.Net 2020, docs/homey-web-api.md §2) steps
 * 300000 ms, and a public Homey app's source lists steps its author verified on a hub (2026):
 * lastHour 5 s, last6Hours 1 min, last24Hours 5 min, last7Days 1 h. The rest are our choice;
 * calendar windows reuse the step of the rolling window of about their length.
 */
const WINDOWS: Record<Resolution, Window> = {
  lastHour: { kind: 'rolling', span: HOUR, step: 5 * SECOND },
  last6Hours: { kind: 'rolling', span: 6 * HOUR, step: MINUTE },
  last24Hours: { kind: 'rolling', span: DAY, step: 5 * MINUTE },
  last7Days: { kind: 'rolling', span: 7 * DAY, step: HOUR },
  last14Days: { kind: 'rolling', span: 14 * DAY, step: 2 * HOUR },
  last31Days: { kind: 'rolling', span: 31 * DAY, step: 6 * HOUR },
  last2Years: { kind: 'rolling', span: 730 * DAY, step: DAY },
  today: { kind: 'calendar', unit: 'day', previous: false, step: 5 * MINUTE },
  yesterday: { kind: 'calendar', unit: 'day', previous: true, step: 5 * MINUTE },
  thisWeek: { kind: 'calendar', unit: 'week', previous: false, step: HOUR },
  lastWeek: { kind: 'calendar', unit: 'week', previous: true, step: HOUR },
  thisMonth: { kind: 'calendar', unit: 'month', previous: false, step: 6 * HOUR },
  lastMonth: { kind: 'calendar', unit: 'month', previous: true, step: 6 * HOUR },
  thisYear: { kind: 'calendar', unit: 'year', previous: false, step: DAY },
  lastYear: { kind: 'calendar', unit: 'year', previous: true, step: DAY },
};

export const RESOLUTIONS = Object.keys(WINDOWS) as readonly Resolution[];

export function isResolution(s: string): s is Resolution {
  return Object.hasOwn(WINDOWS, s);
}

/** v3 log id of a device capability. */
export function deviceLogId(deviceId: string, capabilityId: string): string {
  return `homey:device:${deviceId}:${capabilityId}`;
}

const WEATHER_URI = 'homey:manager:weather';
const WEATHER_TEMPERATURE_LOG = `${WEATHER_URI}:temperature`;

/** Whether Homey keeps an Insights log for a device capability. */
export function hasInsightsLog(capabilityId: string, cap: CapabilityObj): boolean {
  if (cap.type !== 'number' && cap.type !== 'boolean') return false;
  if (isButton(capabilityId) || cap.getable === false) return false;
  // The Homey Pro 2023 shape says it outright; older dumps leave it to the definition.
  if (typeof cap.insights === 'boolean') return cap.insights;
  const def = capabilityDefinition(capabilityId);
  return def ? def.insights === true : true;
}

// ---------------------------------------------------------------- series storage

/** Samples sorted by time. Booleans hold change points as 0/1. Typed arrays keep 2 years of history small. */
interface Series {
  t: Float64Array;
  v: Float64Array;
}

/** Samples that arrived while running; appended, so plain arrays. */
interface Recorded {
  t: number[];
  v: number[];
}

interface LogMeta {
  log: InsightsLog;
  meter: boolean;
  /** The capability behind a device log; undefined for manager logs. */
  cap: CapabilityObj | undefined;
  device: Device | undefined;
  capabilityId: string;
}

interface Snapshot {
  value: number | boolean | null;
  /** Where generated history ends: construction time, or when an offline device was last heard. */
  end: number;
}

export interface InsightsStoreOptions {
  now: number;
  seed?: number;
}

export class InsightsStore {
  private readonly seed: number;
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly history = new Map<string, Series>();
  private readonly recorded = new Map<string, Recorded>();

  constructor(
    private readonly homey: HomeySpec,
    opts: InsightsStoreOptions,
  ) {
    this.seed = opts.seed ?? 1;
    // Only the values are copied now; history is generated on the first request for a log.
    for (const meta of this.metas()) {
      let end = opts.now;
      const lastHeard = typeof meta.cap?.lastUpdated === 'string' ? Date.parse(meta.cap.lastUpdated) : NaN;
      if (meta.device?.available === false && Number.isFinite(lastHeard)) end = Math.min(end, lastHeard);
      this.snapshots.set(meta.log.id, { value: meta.log.lastValue, end });
    }
  }

  logs(): Record<string, InsightsLog> {
    const out: Record<string, InsightsLog> = {};
    for (const meta of this.metas()) out[meta.log.id] = meta.log;
    return out;
  }

  record(deviceId: string, capabilityId: string, value: unknown, at: number): void {
    this.recordLog(deviceLogId(deviceId, capabilityId), value, at);
  }

  /** Any log by id, e.g. the weather's. Values of the wrong type are ignored. */
  recordLog(logId: string, value: unknown, at: number): void {
    const meta = this.meta(logId);
    if (!meta) return;
    if (meta.log.type === 'number' && (typeof value !== 'number' || !Number.isFinite(value))) return;
    if (meta.log.type === 'boolean' && typeof value !== 'boolean') return;
    const v = Number(value);
    let rec = this.recorded.get(logId);
    if (!rec) {
      rec = { t: [], v: [] };
      this.recorded.set(logId, rec);
    }
    if (meta.log.type === 'boolean') {
      // Boolean logs keep change points only.
      const previous = this.lastBooleanBefore(logId, rec, at);
      if (previous === v) return;
    }
    // A clock set back (tests can do that) must not leave the samples out of order.
    let i = rec.t.length;
    while (i > 0 && (rec.t[i - 1] as number) > at) i--;
    rec.t.splice(i, 0, at);
    rec.v.splice(i, 0, v);
  }

  entries(logId: string, resolution: Resolution, now: number): LogEntries | undefined {
    const meta = this.meta(logId);
    if (!meta) return undefined;
    const { start, count, step } = bucketRange(WINDOWS[resolution], now);
    const end = start + count * step;
    const updatesIn = (Math.floor(now / step) + 1) * step - now;
    const series = this.series(logId, meta);
    const rec = this.recorded.get(logId) ?? { t: [], v: [] };
    const values =
      meta.log.type === 'boolean'
        ? changePoints([series, rec], start, end)
        : numberBuckets([series, rec], start, count, step, now, meta.meter, meta.log.decimals);
    return { values, start: iso(start), end: iso(end), step, lastValue: meta.log.lastValue, updatesIn };
  }

  // ---------------------------------------------------------------- log descriptions

  private language(): Language {
    const l = this.homey.language;
    return l === 'nl' || l === 'de' ? l : 'en';
  }

  private *metas(): Generator<LogMeta> {
    for (const device of Object.values(this.homey.devices)) {
      const ids = Array.isArray(device.capabilities) ? device.capabilities : Object.keys(device.capabilitiesObj);
      for (const capabilityId of new Set(ids)) {
        const cap = device.capabilitiesObj[capabilityId];
        if (!cap || !hasInsightsLog(capabilityId, cap)) continue;
        yield this.deviceMeta(device, capabilityId, cap);
      }
    }
    const weather = this.weatherMeta();
    if (weather) yield weather;
  }

  private meta(logId: string): LogMeta | undefined {
    if (logId === WEATHER_TEMPERATURE_LOG) return this.weatherMeta();
    const prefix = 'homey:device:';
    if (!logId.startsWith(prefix)) return undefined;
    const rest = logId.slice(prefix.length);
    const colon = rest.indexOf(':');
    if (colon < 0) return undefined;
    const device = this.homey.devices[rest.slice(0, colon)];
    const capabilityId = rest.slice(colon + 1);
    const cap = device?.capabilitiesObj[capabilityId];
    if (!device || !cap || !hasInsightsLog(capabilityId, cap)) return undefined;
    return this.deviceMeta(device, capabilityId, cap);
  }

  private deviceMeta(device: Device, capabilityId: string, cap: CapabilityObj): LogMeta {
    const type = cap.type === 'boolean' ? 'boolean' : 'number';
    const value = cap.value;
    const lastValue = type === 'boolean' ? (typeof value === 'boolean' ? value : null) : typeof value === 'number' ? value : null;
    const text = (x: unknown): string | null => (typeof x === 'string' ? x : null);
    const log: InsightsLog = {
      id: deviceLogId(device.id, capabilityId),
      ownerUri: `homey:device:${device.id}`,
      ownerId: device.id,
      ownerName: device.name,
      type,
      title: text(cap.title) ?? capabilityId,
      titleTrue: type === 'boolean' ? (text(cap.insightsTitleTrue) ?? text(cap.titleTrue)) : null,
      titleFalse: type === 'boolean' ? (text(cap.insightsTitleFalse) ?? text(cap.titleFalse)) : null,
      units: type === 'number' ? text(cap.units) : null,
      decimals: type === 'number' && typeof cap.decimals === 'number' ? cap.decimals : null,
      lastValue,
    };
    return { log, meter: isMeter(capabilityId), cap, device, capabilityId };
  }

  /** The weather's temperature log, as in the v3 wire sample (ownerUri `homey:manager:weather`). */
  private weatherMeta(): LogMeta | undefined {
    const temperature = this.homey.weather.temperature;
    if (typeof temperature !== 'number') return undefined;
    const language = this.language();
    const units = this.homey.weather.temperatureUnits;
    const log: InsightsLog = {
      id: WEATHER_TEMPERATURE_LOG,
      ownerUri: WEATHER_URI,
      ownerId: 'weather',
      ownerName: localize({ en: 'Weather', nl: 'Weer', de: 'Wetter' }, language) ?? 'Weather',
      type: 'number',
      title: localize(capabilityDefinition('measure_temperature')?.title, language) ?? 'Temperature',
      titleTrue: null,
      titleFalse: null,
      units: typeof units === 'string' ? units : '°C',
      decimals: 1,
      lastValue: temperature,
    };
    return { log, meter: false, cap: undefined, device: undefined, capabilityId: 'measure_temperature.outside' };
  }

  // ---------------------------------------------------------------- history

  private series(logId: string, meta: LogMeta): Series {
    let s = this.history.get(logId);
    if (s) return s;
    const given = this.homey.insights?.[logId];
    if (given) s = fromSamples(given, meta.log.type);
    else {
      const snap = this.snapshots.get(logId);
      // A log that appeared after startup has no invented past: only what gets recorded.
      s = snap && snap.value !== null ? generate(meta, snap, createRandom(deriveSeed(this.seed, logId))) : EMPTY;
    }
    this.history.set(logId, s);
    return s;
  }

  private lastBooleanBefore(logId: string, rec: Recorded, at: number): number | undefined {
    for (let i = rec.t.length - 1; i >= 0; i--) if ((rec.t[i] as number) <= at) return rec.v[i];
    const meta = this.meta(logId);
    if (!meta) return undefined;
    const s = this.series(logId, meta);
    for (let i = s.t.length - 1; i >= 0; i--) if ((s.t[i] as number) <= at) return s.v[i];
    const snap = this.snapshots.get(logId);
    return typeof snap?.value === 'boolean' && s.t.length === 0 ? Number(snap.value) : undefined;
  }
}

const EMPTY: Series = { t: new Float64Array(0), v: new Float64Array(0) };

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function fromSamples(samples: Sample[], type: 'number' | 'boolean'): Series {
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

// ---------------------------------------------------------------- bucketing

/** Buckets aligned to UTC multiples of the step; the in-progress bucket is the last one. */
function bucketRange(w: Window, now: number): { start: number; count: number; step: number } {
  const step = w.step;
  const current = Math.floor(now / step) * step;
  if (w.kind === 'rolling') {
    const count = Math.round(w.span / step);
    return { start: current + step - count * step, count, step };
  }
  const [thisStart] = calendarPeriod(w.unit, now, 0);
  if (!w.previous) return { start: thisStart, count: Math.round((current + step - thisStart) / step), step };
  const [prevStart] = calendarPeriod(w.unit, now, -1);
  return { start: prevStart, count: Math.round((thisStart - prevStart) / step), step };
}

/** [start, end) of the UTC calendar day/week (Monday)/month/year containing `now`, shifted by `offset` periods. */
function calendarPeriod(unit: 'day' | 'week' | 'month' | 'year', now: number, offset: number): [number, number] {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = Date.UTC(y, m, d.getUTCDate());
  switch (unit) {
    case 'day':
      return [day + offset * DAY, day + (offset + 1) * DAY];
    case 'week': {
      const monday = day - ((d.getUTCDay() + 6) % 7) * DAY;
      return [monday + offset * 7 * DAY, monday + (offset + 1) * 7 * DAY];
    }
    case 'month':
      return [Date.UTC(y, m + offset, 1), Date.UTC(y, m + offset + 1, 1)];
    case 'year':
      return [Date.UTC(y + offset, 0, 1), Date.UTC(y + offset + 1, 0, 1)];
  }
}

function lowerBound(t: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Averages per bucket (meters: the last reading, since a sum of counter readings means nothing).
 * Empty buckets are null, and so is the one still filling: the captured answer ends in a null at
 * the current bucket, which lands `updatesIn` ms later.
 */
function numberBuckets(
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
function changePoints(sources: { t: ArrayLike<number>; v: ArrayLike<number> }[], start: number, end: number): LogEntries['values'] {
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

// ---------------------------------------------------------------- generated history

/** Two years hourly, the last 31 days every 5 min, the last 6 hours every minute. */
function timeline(end: number): number[] {
  const times: number[] = [];
  const coarseStart = Math.floor((end - 2 * YEAR - DAY) / HOUR) * HOUR;
  const fineStart = Math.floor((end - 31 * DAY) / (5 * MINUTE)) * 5 * MINUTE;
  const denseStart = Math.floor((end - 6 * HOUR) / MINUTE) * MINUTE;
  for (let t = coarseStart; t < fineStart; t += HOUR) times.push(t);
  for (let t = fineStart; t < denseStart; t += 5 * MINUTE) times.push(t);
  for (let t = denseStart; t <= end; t += MINUTE) times.push(t);
  return times;
}

/** Outages: now and then a device stops reporting, for minutes to days. */
function gapMask(times: number[], end: number, rng: Random): Uint8Array {
  const mask = new Uint8Array(times.length);
  const fineFrom = end - 31 * DAY;
  let t = times[0] ?? end;
  while (t < end) {
    const fine = t >= fineFrom;
    t += -Math.log(1 - rng.next()) * (fine ? 4 * DAY : 40 * DAY);
    const length = fine ? rng.int(20, 240) * MINUTE : rng.int(6, 48) * HOUR;
    const from = lowerBound(times, t);
    const to = lowerBound(times, t + length);
    mask.fill(1, from, to);
    t += length;
  }
  return mask;
}

/** A mean-reverting wander (Ornstein-Uhlenbeck) with spread `sigma` and memory `tau`, sampled at `times`. */
function wander(times: number[], sigma: number, tau: number, rng: Random): Float64Array {
  const out = new Float64Array(times.length);
  let x = rng.normal() * sigma;
  let prev = times[0] ?? 0;
  times.forEach((t, i) => {
    const a = Math.exp(-(t - prev) / tau);
    x = x * a + sigma * Math.sqrt(1 - a * a) * rng.normal();
    out[i] = x;
    prev = t;
  });
  return out;
}

function generate(meta: LogMeta, snap: Snapshot, rng: Random): Series {
  if (meta.log.type === 'boolean') return generateBoolean(meta, snap, rng);
  const current = snap.value as number;
  const times = timeline(snap.end);
  const values = generateNumbers(meta, current, times, snap.end, rng);
  const mask = gapMask(times, snap.end, rng);
  let kept = 0;
  const t = new Float64Array(times.length);
  const v = new Float64Array(times.length);
  const f = 10 ** (meta.log.decimals ?? 2);
  for (let i = 0; i < times.length; i++) {
    if (mask[i]) continue;
    t[kept] = times[i] as number;
    v[kept] = Math.round((values[i] as number) * f) / f;
    kept++;
  }
  return { t: t.slice(0, kept), v: v.slice(0, kept) };
}

function isOutdoor(meta: LogMeta): boolean {
  const sub = meta.capabilityId.split('.')[1] ?? '';
  return /outside|outdoor/i.test(sub) || /outdoor|outside|weather|buiten|garden|tuin/i.test(meta.device?.name ?? 'weather');
}

/** Plausible history per kind of quantity, ending exactly at the current value. */
function generateNumbers(meta: LogMeta, current: number, times: number[], end: number, rng: Random): Float64Array {
  const cap = meta.cap;
  const base = baseCapabilityId(meta.capabilityId);
  const min = typeof cap?.min === 'number' ? cap.min : undefined;
  const max = typeof cap?.max === 'number' ? cap.max : undefined;
  const clamp = (x: number, lo = min, hi = max) => Math.min(hi ?? Infinity, Math.max(lo ?? -Infinity, x));
  const n = times.length;
  const out = new Float64Array(n);
  // Shift a shape so its last point is the current value.
  const anchored = (shape: Float64Array, lo?: number, hi?: number) => {
    const offset = current - (shape[n - 1] ?? 0);
    for (let i = 0; i < n; i++) out[i] = clamp((shape[i] as number) + offset, lo ?? min, hi ?? max);
    return out;
  };
  // Pull a free shape towards the current value over the last hours.
  const blended = (shape: Float64Array, lo?: number, hi?: number) => {
    const offset = current - (shape[n - 1] ?? 0);
    for (let i = 0; i < n; i++) {
      out[i] = clamp((shape[i] as number) + offset * Math.exp(-(end - (times[i] as number)) / HOUR), lo ?? min, hi ?? max);
    }
    out[n - 1] = current;
    return out;
  };
  const shape = new Float64Array(n);

  if (meta.meter) return meterHistory(meta, current, times, rng);
  if (cap?.setable === true) return steppedHistory(cap, current, times, rng);

  switch (base) {
    case 'measure_temperature': {
      const outdoor = isOutdoor(meta);
      const noise = wander(times, outdoor ? 1.5 : 0.3, outdoor ? 6 * HOUR : 3 * HOUR, rng);
      times.forEach((t, i) => {
        shape[i] = (outdoor ? 4 : 0.8) * daily(t) + (outdoor ? 8 : 1.2) * seasonal(t) + (noise[i] as number);
      });
      return anchored(shape);
    }
    case 'measure_humidity': {
      const noise = wander(times, 3, 4 * HOUR, rng);
      times.forEach((t, i) => (shape[i] = -5 * daily(t) - 4 * seasonal(t) + (noise[i] as number)));
      return anchored(shape, 0, 100);
    }
    case 'measure_co2': {
      const noise = wander(times, 80, 2 * HOUR, rng);
      // Bedrooms fill up overnight.
      times.forEach((t, i) => (shape[i] = -180 * daily(t) + (noise[i] as number)));
      return anchored(shape, 350);
    }
    case 'measure_luminance':
    case 'measure_ultraviolet': {
      const peak = base === 'measure_luminance' ? Math.max(2 * current, 200) : Math.max(2 * current, 4);
      const clouds = wander(times, 0.25, 3 * HOUR, rng);
      times.forEach((t, i) => (shape[i] = peak * daylight(t) * (0.7 + 0.15 * seasonal(t)) * (1 + (clouds[i] as number))));
      return blended(shape, 0);
    }
    case 'measure_power':
      return blended(powerShape(meta, current, times, end, rng), 0);
    case 'measure_battery': {
      // Drains about 0.15 %/day; going back past 100 % means a battery swap, before which it was low.
      const lo = min ?? 0;
      times.forEach((t, i) => {
        let level = current + ((end - t) / DAY) * 0.15;
        if (level > 100) level = 5 + ((level - 100) % 95);
        out[i] = clamp(level, lo, max ?? 100);
      });
      return out;
    }
    case 'measure_voltage': {
      const noise = wander(times, 2, HOUR, rng);
      return anchored(noise);
    }
    case 'measure_rain': {
      const showers = wander(times, 1, 2 * HOUR, rng);
      times.forEach((_, i) => (shape[i] = Math.max(0, (showers[i] as number) - 1) * 3));
      return blended(shape, 0);
    }
    default: {
      // App capabilities and the rest: a wander scaled to the value or its range, with a daily rhythm.
      const range = min !== undefined && max !== undefined ? max - min : undefined;
      const sigma = range !== undefined ? range * 0.15 : Math.max(Math.abs(current) * 0.1, 10 ** -(meta.log.decimals ?? 1));
      const noise = wander(times, sigma, 6 * HOUR, rng);
      times.forEach((t, i) => (shape[i] = 0.4 * sigma * daily(t) + (noise[i] as number)));
      return anchored(shape, min ?? (current >= 0 ? 0 : undefined), max);
    }
  }
}

/** Power with an on/off rhythm for switchable devices and a sun curve for solar panels. */
function powerShape(meta: LogMeta, current: number, times: number[], end: number, rng: Random): Float64Array {
  const shape = new Float64Array(times.length);
  const level = current > 0 ? current : 60;
  const noise = wander(times, 0.15, HOUR, rng);
  if (meta.device?.class === 'solarpanel') {
    // Full-sun output, judged from the current reading when the sun is up.
    const sunNow = daylight(end) * (0.75 + 0.25 * seasonal(end));
    const peak = sunNow > 0.2 && current > 0 ? current / sunNow : 2400;
    times.forEach((t, i) => (shape[i] = Math.max(0, peak * daylight(t) * (0.75 + 0.25 * seasonal(t)) * (1 + (noise[i] as number)))));
    return shape;
  }
  const switchable = meta.device?.capabilitiesObj.onoff !== undefined;
  let on = true;
  let nextSwitch = times[0] ?? 0;
  times.forEach((t, i) => {
    if (switchable && t >= nextSwitch) {
      on = !on;
      nextSwitch = t - Math.log(1 - rng.next()) * (on ? 3 * HOUR : 6 * HOUR);
    }
    shape[i] = on ? Math.max(0, level * (0.8 + 0.2 * daily(t)) * (1 + (noise[i] as number))) : 0;
  });
  return shape;
}

/** Meters only go up: walk back from the current reading, subtracting plausible usage. */
function meterHistory(meta: LogMeta, current: number, times: number[], rng: Random): Float64Array {
  const n = times.length;
  const out = new Float64Array(n);
  if (!(current > 0)) return out.fill(current);
  const base = baseCapabilityId(meta.capabilityId);
  const power = meta.device?.capabilitiesObj.measure_power?.value;
  const usage = wander(times, 0.3, 3 * HOUR, rng);
  // Usage per hour in the meter's own units.
  const perHour = (t: number, i: number): number => {
    const wiggle = Math.max(0, 1 + (usage[i] as number) + 0.3 * daily(t));
    if (base === 'meter_gas') return 0.12 * (1.4 - seasonal(t)) * wiggle;
    if (base === 'meter_water') return 0.02 * wiggle;
    if (base === 'meter_power') {
      const watts = typeof power === 'number' && power > 0 ? power : 150;
      return (watts / 1000) * 0.6 * wiggle;
    }
    return 0.001 * current * wiggle;
  };
  const rates = new Float64Array(n);
  let total = 0;
  for (let i = 1; i < n; i++) {
    const t = times[i] as number;
    rates[i] = perHour(t, i) * ((t - (times[i - 1] as number)) / HOUR);
    total += rates[i] as number;
  }
  // Never let the walk back cross zero: a young meter simply used less.
  const scale = total > current * 0.8 ? (current * 0.8) / total : 1;
  out[n - 1] = current;
  for (let i = n - 2; i >= 0; i--) out[i] = (out[i + 1] as number) - (rates[i + 1] as number) * scale;
  return out;
}

/** Setpoints change in steps now and then (schedules, people) and hold in between. */
function steppedHistory(cap: CapabilityObj, current: number, times: number[], rng: Random): Float64Array {
  const out = new Float64Array(times.length);
  const min = typeof cap.min === 'number' ? cap.min : current - 5;
  const max = typeof cap.max === 'number' ? cap.max : current + 5;
  const step = typeof cap.step === 'number' && cap.step > 0 ? cap.step : 10 ** -(typeof cap.decimals === 'number' ? cap.decimals : 1);
  const quantize = (x: number) => Math.min(max, Math.max(min, Math.round(x / step) * step));
  const alternative = quantize(current - (max - min) * 0.1);
  let value = current;
  let holdUntil = (times[times.length - 1] ?? 0) - rng.int(1, 10) * HOUR;
  for (let i = times.length - 1; i >= 0; i--) {
    const t = times[i] as number;
    if (t < holdUntil) {
      value = value === current ? alternative : rng.next() < 0.7 ? current : quantize(min + rng.next() * (max - min));
      holdUntil = t - rng.int(2, 14) * HOUR;
    }
    out[i] = value;
  }
  return out;
}

/** Change points walked back from the current state; older than 31 days, sparser, to keep years light. */
function generateBoolean(meta: LogMeta, snap: Snapshot, rng: Random): Series {
  const base = baseCapabilityId(meta.capabilityId);
  // [mean time true, mean time false]
  const means: Record<string, [number, number]> = {
    alarm_motion: [3 * MINUTE, 50 * MINUTE],
    alarm_contact: [6 * MINUTE, 5 * HOUR],
    onoff: [3 * HOUR, 8 * HOUR],
    locked: [10 * HOUR, 20 * MINUTE],
    alarm_battery: [3 * DAY, 200 * DAY],
  };
  const rare: [number, number] = [2 * MINUTE, 180 * DAY];
  const [meanTrue, meanFalse] = means[base] ?? (base.startsWith('alarm_') ? rare : [6 * HOUR, 6 * HOUR]);
  const from = snap.end - 2 * YEAR - DAY;
  const fineFrom = snap.end - 31 * DAY;
  const t: number[] = [];
  const v: number[] = [];
  let state = snap.value === true;
  let at = snap.end - rng.next() * Math.min(meanTrue, meanFalse);
  while (at > from) {
    t.push(at);
    v.push(state ? 1 : 0);
    state = !state;
    const mean = (state ? meanTrue : meanFalse) * (at < fineFrom ? 8 : 1);
    at -= Math.max(30 * SECOND, -Math.log(1 - rng.next()) * mean);
  }
  t.reverse();
  v.reverse();
  return { t: Float64Array.from(t), v: Float64Array.from(v) };
}
