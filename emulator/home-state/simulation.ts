// Moves a home's sensor readings on as time passes, so a dashboard left open sees a living house:
// temperatures wander, plugs draw power and meters count it, motion comes and goes, batteries drain.
// Controls (anything setable) only change when someone sets them; that is the server's job.
import { baseCapabilityId } from './capabilities.ts';
import { daily, daylight } from './cycles.ts';
import type { InsightsStore } from './insights/insights-store.ts';
import type { Random } from './random.ts';
import type { CapabilityObj, Device, HomeySpec } from './types.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Per-capability memory between calls, so quantized readings can drift by less than one decimal per tick. */
interface Track {
  /** The unrounded reading; the published value is this rounded to the capability's decimals. */
  latent: number;
  /** What the reading wanders around (for power: the draw while switched on). */
  anchor: number;
  /** The value last written, to notice when someone else (a fixture, a test) set it. */
  published: unknown;
  /** When tracking started; daily swings are measured from here so the first value is kept. */
  since: number;
  /** Solar panels: output at full sun. */
  peak?: number;
  /** When the device last reported this reading (see REPORT_EVERY_MS). */
  reportedAt: number;
}

/**
 * How often a device reports a reading at most. Real sensors report on their own schedule (a power
 * plug every few seconds, a climate sensor every minute or more, on a threshold), not at every change
 * of the true value: without this, a home of 2-decimal sensors would publish nearly every reading every
 * second, a stream of events no real Homey sends. The true value keeps moving in between. Generous on
 * purpose (real sensors are slower still), so live traffic is never flattered.
 */
export const REPORT_EVERY_MS: Readonly<Record<string, number>> = { measure_power: 10 * SECOND, measure_current: 10 * SECOND, default: MINUTE };

export interface AdvanceOptions {
  /** Every reading published at every step (stress tests: the soak); real devices' cadence otherwise. */
  everyTick?: boolean;
}

const tracks = new WeakMap<HomeySpec, Map<string, Track>>();

const WEATHER_LOG = 'homey:manager:weather:temperature';

/** Told of every capability the simulation changed (the realtime socket announces them). */
export type OnCapabilityChange = (device: Device, capabilityId: string) => void;

/**
 * Advance every available device of `homey` from `from` to `to` (epoch ms). Long gaps are walked in
 * steps of about a minute (at most 2000), so meters integrate power and alarms get their chances.
 * Changed capabilities get `value`, `lastUpdated` and an Insights sample, and `onChange` hears of
 * each change; nothing else is touched.
 */
export function advanceHome(
  homey: HomeySpec,
  insights: InsightsStore,
  from: number,
  to: number,
  rng: Random,
  onChange?: OnCapabilityChange,
  options: AdvanceOptions = {},
): void {
  if (!(to > from)) return;
  let state = tracks.get(homey);
  if (!state) {
    state = new Map();
    tracks.set(homey, state);
  }
  const steps = Math.min(2000, Math.max(1, Math.ceil((to - from) / MINUTE)));
  const dt = (to - from) / steps;
  for (let k = 1; k <= steps; k++) {
    const t = k === steps ? to : from + k * dt;
    for (const device of Object.values(homey.devices)) {
      if (device.available === false) continue;
      advanceDevice(device, state, insights, t, dt, rng, onChange, options);
    }
    advanceWeather(homey, state, insights, t, dt, rng);
  }
}

type Kind = 'first' | 'meter' | 'derived';

/** Meters integrate the power just computed, and derived readings follow their sources. */
function order(capabilityId: string): Kind {
  const base = baseCapabilityId(capabilityId);
  if (base.startsWith('meter_')) return 'meter';
  if (base === 'measure_current' || base === 'alarm_battery') return 'derived';
  return 'first';
}

function advanceDevice(
  device: Device,
  state: Map<string, Track>,
  insights: InsightsStore,
  t: number,
  dt: number,
  rng: Random,
  onChange: OnCapabilityChange | undefined,
  options: AdvanceOptions,
): void {
  const ids = (Array.isArray(device.capabilities) ? device.capabilities : Object.keys(device.capabilitiesObj)).filter((id) => {
    const cap = device.capabilitiesObj[id];
    // Never reported stays never reported; controls move only when set; buttons have no state.
    return cap !== undefined && cap.value !== null && cap.value !== undefined && cap.setable !== true && cap.getable !== false;
  });
  for (const phase of ['first', 'meter', 'derived'] as const) {
    for (const id of ids) {
      if (order(id) !== phase) continue;
      const cap = device.capabilitiesObj[id] as CapabilityObj;
      const next =
        typeof cap.value === 'number'
          ? nextNumber(device, id, cap, track(state, `${device.id}:${id}`, cap.value, t), t, dt, rng, options)
          : typeof cap.value === 'boolean'
            ? nextBoolean(device, id, cap.value, dt, rng)
            : cap.value;
      if (next === cap.value) continue;
      cap.value = next;
      cap.lastUpdated = new Date(t).toISOString();
      // A report is contact: Homey's "last seen" moves with it.
      device.lastSeenAt = cap.lastUpdated;
      insights.record(device.id, id, next, t);
      onChange?.(device, id);
    }
  }
}

function track(state: Map<string, Track>, key: string, value: number, t: number): Track {
  let tr = state.get(key);
  if (!tr) {
    tr = { latent: value, anchor: value, published: value, since: t, reportedAt: -Infinity };
    state.set(key, tr);
  } else if (tr.published !== value) {
    // Someone else set the reading: carry on from theirs.
    tr.latent = value;
    tr.published = value;
  }
  return tr;
}

/** One exact Ornstein-Uhlenbeck step: pulled towards `mean` with memory `tau`, spread `sigma`. */
function ou(x: number, mean: number, sigma: number, tau: number, dt: number, rng: Random): number {
  const a = Math.exp(-dt / tau);
  return mean + (x - mean) * a + sigma * Math.sqrt(1 - a * a) * rng.normal();
}

function numberOf(device: Device, capabilityId: string): number | undefined {
  const v = device.capabilitiesObj[capabilityId]?.value;
  return typeof v === 'number' ? v : undefined;
}

function nextNumber(device: Device, id: string, cap: CapabilityObj, tr: Track, t: number, dt: number, rng: Random, options: AdvanceOptions): number {
  const base = baseCapabilityId(id);
  const min = typeof cap.min === 'number' ? cap.min : undefined;
  const max = typeof cap.max === 'number' ? cap.max : undefined;
  const clamp = (x: number, lo = min, hi = max) => Math.min(hi ?? Infinity, Math.max(lo ?? -Infinity, x));
  const swing = (amplitude: number) => amplitude * (daily(t) - daily(tr.since));
  const outdoor = /outside|outdoor/i.test(id.split('.')[1] ?? '');
  let x = tr.latent;

  switch (base) {
    case 'measure_temperature':
      x = ou(x, tr.anchor + swing(outdoor ? 3 : 0.6), outdoor ? 1 : 0.3, 2 * HOUR, dt, rng);
      x = clamp(x, min ?? -40, max ?? 80);
      break;
    case 'measure_humidity':
      x = clamp(ou(x, tr.anchor - swing(4), 2, 2 * HOUR, dt, rng), min ?? 0, max ?? 100);
      break;
    case 'measure_co2':
      x = clamp(ou(x, tr.anchor - swing(120), 60, HOUR, dt, rng), min ?? 350, max);
      break;
    case 'measure_luminance':
      x = clamp(ou(x, tr.anchor, Math.max(tr.anchor * 0.2, 5), 30 * MINUTE, dt, rng), min ?? 0, max);
      break;
    case 'measure_power': {
      if (device.class === 'solarpanel') {
        // The panel's peak, judged from what it produced at the hour tracking started.
        tr.peak ??= daylight(tr.since) > 0.2 ? tr.anchor / daylight(tr.since) : 2000;
        const sun = daylight(t);
        x = sun === 0 ? 0 : clamp(ou(x, tr.peak * sun, tr.peak * sun * 0.1, 10 * MINUTE, dt, rng), min ?? 0, max);
        break;
      }
      const onoff = device.capabilitiesObj.onoff?.value;
      if (onoff === false) {
        x = 0;
        break;
      }
      // Switched on from 0 W: draw what this kind of device typically draws.
      if (!(tr.anchor > 0)) tr.anchor = device.class === 'light' ? 8 : device.class === 'socket' ? 60 : 100;
      if (!(x > 0)) x = tr.anchor;
      x = clamp(ou(x, tr.anchor, tr.anchor * 0.1, 5 * MINUTE, dt, rng), min ?? 0, max);
      break;
    }
    case 'measure_battery':
      // About 0.15 % a day: a year and a half on one battery.
      x = clamp(x - (0.15 * dt) / DAY, min ?? 0, max ?? 100);
      break;
    case 'measure_voltage':
      x = clamp(ou(x, tr.anchor, 1.5, 30 * MINUTE, dt, rng), min ?? 0, max);
      break;
    case 'measure_current': {
      const power = numberOf(device, 'measure_power');
      if (power !== undefined) x = power / (numberOf(device, 'measure_voltage') ?? 230);
      else x = clamp(ou(x, tr.anchor, Math.max(tr.anchor * 0.1, 0.01), 30 * MINUTE, dt, rng), min ?? 0, max);
      break;
    }
    default:
      if (base.startsWith('meter_')) {
        x += meterIncrease(device, id, dt);
        break;
      }
      x = clamp(ou(x, tr.anchor, genericSigma(tr.anchor, min, max, cap.decimals), HOUR, dt, rng), min ?? (tr.anchor >= 0 ? 0 : undefined), max);
  }
  tr.latent = x;
  const f = 10 ** (typeof cap.decimals === 'number' ? cap.decimals : 2);
  const rounded = Math.round(x * f) / f;
  // Rounding must not push a value out of its range (decimals 0 with max 3.4, say).
  const published = clamp(rounded, min, max);
  if (published === tr.published) return published;
  // Not due to report yet: the reading on the Homey stays what the device said last.
  if (!options.everyTick && t - tr.reportedAt < (REPORT_EVERY_MS[base] ?? REPORT_EVERY_MS.default!)) return tr.published as number;
  tr.reportedAt = t;
  tr.published = published;
  return published;
}

function genericSigma(anchor: number, min: number | undefined, max: number | undefined, decimals: unknown): number {
  if (min !== undefined && max !== undefined) return (max - min) * 0.05;
  return Math.max(Math.abs(anchor) * 0.05, 10 ** -(typeof decimals === 'number' ? decimals : 1));
}

/** What a meter counts during `dt`, consistent with the device's power reading. */
function meterIncrease(device: Device, id: string, dt: number): number {
  const base = baseCapabilityId(id);
  const hours = dt / HOUR;
  if (base === 'meter_power') {
    const power = numberOf(device, 'measure_power');
    if (power === undefined) return 0;
    // A bidirectional meter: import counts positive power, export counts what goes back.
    const exporting = /export|return|produc/i.test(id.split('.')[1] ?? '');
    const watts = exporting ? Math.max(0, -power) : Math.max(0, power);
    return (watts * hours) / 1000;
  }
  if (base === 'meter_gas') return 0.12 * hours;
  if (base === 'meter_water') return 0.02 * hours;
  return 0;
}

/** Mean time in each state: [while true, while false]. Emergencies (smoke, water…) never fire on their own. */
const BOOLEAN_MEANS: Record<string, [number, number]> = {
  alarm_motion: [2 * MINUTE, 30 * MINUTE],
  alarm_contact: [5 * MINUTE, 3 * HOUR],
  alarm_tamper: [MINUTE, 60 * DAY],
  alarm_generic: [MINUTE, 30 * DAY],
};

function nextBoolean(device: Device, id: string, value: boolean, dt: number, rng: Random): boolean {
  const base = baseCapabilityId(id);
  if (base === 'alarm_battery') {
    const battery = numberOf(device, 'measure_battery');
    return battery === undefined ? value : battery < 15;
  }
  const means = BOOLEAN_MEANS[base];
  if (!means) return value;
  const mean = value ? means[0] : means[1];
  return rng.next() < 1 - Math.exp(-dt / mean) ? !value : value;
}

function advanceWeather(homey: HomeySpec, state: Map<string, Track>, insights: InsightsStore, t: number, dt: number, rng: Random): void {
  const temperature = homey.weather.temperature;
  if (typeof temperature !== 'number') return;
  const tr = track(state, 'weather:temperature', temperature, t);
  tr.latent = ou(tr.latent, tr.anchor + 3 * (daily(t) - daily(tr.since)), 1, 3 * HOUR, dt, rng);
  const next = Math.round(tr.latent * 10) / 10;
  tr.published = next;
  if (next === temperature) return;
  homey.weather.temperature = next;
  homey.weather.when = new Date(t).toISOString();
  insights.recordLog(WEATHER_LOG, next, t);
}
