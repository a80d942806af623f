// History a fixture does not bring, made up per log: a plausible past for each kind of quantity
// that ends exactly at the current value, with outages now and then. Deterministic for a seed.
import { baseCapabilityId } from '../capabilities.ts';
import { daily, daylight, seasonal } from '../cycles.ts';
import type { Random } from '../random.ts';
import type { CapabilityObj } from '../types.ts';
import type { LogMeta } from './log-descriptions.ts';
import { lowerBound } from './series.ts';
import type { Series } from './series.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/** The value a log's invented past ends at, and when. */
export interface Snapshot {
  value: number | boolean | null;
  /** Where generated history ends: construction time, or when an offline device was last heard. */
  end: number;
}

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

export function generate(meta: LogMeta, snap: Snapshot, rng: Random): Series {
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
