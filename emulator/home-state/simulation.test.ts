import { describe, expect, it } from 'vitest';
import { buildDemoWorld, DEMO_HOMEY_ID } from './demo/demo-home.ts';
import { InsightsStore } from './insights/insights-store.ts';
import { createRandom } from './random.ts';
import { REPORT_EVERY_MS, advanceHome } from './simulation.ts';
import type { CapabilityObj, Device, HomeySpec } from './types.ts';

const NOW = Date.parse('2024-11-20T09:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function setup(seed = 5) {
  const homey = buildDemoWorld({ now: new Date(NOW), seed: 2 }).homeys.find((h) => h.id === DEMO_HOMEY_ID) as HomeySpec;
  const insights = new InsightsStore(homey, { now: NOW, seed: 2 });
  const rng = createRandom(seed);
  const byName = (name: string): Device => {
    const d = Object.values(homey.devices).find((x) => x.name === name);
    if (!d) throw new Error(`no device ${name}`);
    return d;
  };
  const cap = (name: string, id: string): CapabilityObj => {
    const c = byName(name).capabilitiesObj[id];
    if (!c) throw new Error(`no ${id} on ${name}`);
    return c;
  };
  return { homey, insights, rng, byName, cap };
}

/** Runs the home minute by minute, calling `each` after every step. */
function run(s: ReturnType<typeof setup>, minutes: number, each?: (t: number) => void): number {
  let t = NOW;
  for (let i = 0; i < minutes; i++) {
    advanceHome(s.homey, s.insights, t, t + MINUTE, s.rng);
    t += MINUTE;
    each?.(t);
  }
  return t;
}

function allCaps(homey: HomeySpec): { device: Device; id: string; cap: CapabilityObj }[] {
  return Object.values(homey.devices).flatMap((device) => device.capabilities.map((id) => ({ device, id, cap: device.capabilitiesObj[id] as CapabilityObj })));
}

describe('advanceHome', () => {
  it('moves sensor readings over six hours and stamps each change', () => {
    const s = setup();
    const watched = [
      ['Living room climate', 'measure_temperature'],
      ['Living room climate', 'measure_humidity'],
      ['Bedroom air quality', 'measure_co2'],
      ['Office sensor', 'measure_luminance'],
      ['Smart meter', 'measure_power'],
      ['Smart meter', 'meter_power'],
      ['Smart meter', 'meter_gas'],
      ['Coffee machine', 'measure_power'],
      ['Weather station', 'measure_temperature.outside'],
      ['Energy prices', 'price_now'],
      ['Hallway motion', 'alarm_motion'],
    ] as const;
    const seen = watched.map(([n, c]) => new Set([s.cap(n, c).value]));
    run(s, 360, (t) => {
      watched.forEach(([n, c], i) => {
        const cap = s.cap(n, c);
        if (!seen[i]?.has(cap.value)) expect(cap.lastUpdated, `${n} ${c}`).toBe(new Date(t).toISOString());
        seen[i]?.add(cap.value);
      });
    });
    // Numbers take many values; a boolean shows both of its own.
    watched.forEach(([n, c], i) => expect(seen[i]?.size, `${n} ${c}`).toBeGreaterThanOrEqual(typeof s.cap(n, c).value === 'boolean' ? 2 : 3));
  });

  it('never moves controls, offline devices or never-reported values', () => {
    const s = setup();
    const before = structuredClone(s.homey.devices);
    run(s, 240);
    for (const { device, id, cap } of allCaps(s.homey)) {
      const old = before[device.id]?.capabilitiesObj[id] as CapabilityObj;
      if (cap.setable === true || device.available === false || old.value === null) {
        expect(cap, `${device.name} ${id}`).toEqual(old);
      }
    }
    const offline = Object.values(s.homey.devices).filter((d) => d.available === false);
    expect(offline.length).toBeGreaterThan(0);
    for (const d of offline) expect(d).toEqual(before[d.id]);
  });

  it('keeps every reading inside its range and humidity within 0–100 %', () => {
    const s = setup();
    const caps = allCaps(s.homey).filter((c) => typeof c.cap.value === 'number');
    run(s, 600, () => {
      for (const { device, id, cap } of caps) {
        const v = cap.value as number;
        if (typeof cap.min === 'number') expect(v, `${device.name} ${id}`).toBeGreaterThanOrEqual(cap.min);
        if (typeof cap.max === 'number') expect(v, `${device.name} ${id}`).toBeLessThanOrEqual(cap.max);
        if (id.startsWith('measure_humidity')) expect(v >= 0 && v <= 100, `${device.name} ${id}`).toBe(true);
        if (id.startsWith('measure_power') || id.startsWith('meter_')) expect(v).toBeGreaterThanOrEqual(0);
      }
    });
  });

  it('reads 0 W on plugs that are off and follows a plug switched on', () => {
    const s = setup();
    run(s, 30);
    expect(s.cap('TV plug', 'measure_power').value).toBe(0);
    expect(s.cap('Kitchen  spots ', 'measure_power').value).toBe(0);
    s.cap('TV plug', 'onoff').value = true;
    let t = run(s, 30);
    expect(s.cap('TV plug', 'measure_power').value).toBeGreaterThan(0);
    s.cap('TV plug', 'onoff').value = false;
    advanceHome(s.homey, s.insights, t, t + MINUTE, s.rng);
    t += MINUTE;
    expect(s.cap('TV plug', 'measure_power').value).toBe(0);
  });

  it('lets solar output follow the sun', () => {
    const s = setup();
    const solar = s.cap('Solar inverter', 'measure_power');
    expect(solar.value as number).toBeGreaterThan(0); // 09:00 UTC
    const noon: number[] = [];
    run(s, 14 * 60, (t) => {
      if (new Date(t).getUTCHours() === 12) noon.push(solar.value as number);
    });
    expect(Math.min(...noon)).toBeGreaterThan(0);
    expect(solar.value).toBe(0); // 23:00 UTC
  });

  it('counts energy on meters in step with the power drawn', () => {
    const s = setup();
    const meter = s.cap('Smart meter', 'meter_power.imported');
    const exported = s.cap('Smart meter', 'meter_power.exported');
    const exportedAtStart = exported.value;
    const start = meter.value as number;
    let wattMinutes = 0;
    let previous = start;
    run(s, 360, () => {
      wattMinutes += s.cap('Smart meter', 'measure_power').value as number;
      expect(meter.value as number).toBeGreaterThanOrEqual(previous);
      previous = meter.value as number;
    });
    const expected = wattMinutes / 60 / 1000;
    expect(expected).toBeGreaterThan(0.5);
    expect((meter.value as number) - start).toBeCloseTo(expected, 1);
    // The house drew power all along (the smart meter reads positive watts), so nothing went back.
    expect(exported.value).toBe(exportedAtStart);
  });

  it('drains batteries slowly and raises the battery alarm when one runs low', () => {
    const s = setup();
    const battery = s.cap('Hallway motion', 'measure_battery');
    const alarm = s.cap('Hallway motion', 'alarm_battery');
    // Two decimals, so a day's drain shows (the demo's batteries report whole percents).
    battery.decimals = 2;
    battery.value = 16;
    run(s, 24 * 60);
    expect(battery.value as number).toBeLessThan(16);
    expect(battery.value as number).toBeGreaterThan(15.5);
    expect(alarm.value).toBe(false);
    battery.value = 9;
    run(s, 1);
    expect(alarm.value).toBe(true);
  });

  it('carries on from a value someone else set', () => {
    const s = setup();
    const temp = s.cap('Bedroom air quality', 'measure_temperature');
    temp.value = 30;
    run(s, 5);
    expect(Math.abs((temp.value as number) - 30)).toBeLessThan(1);
  });

  it('records what changed in Insights', () => {
    const s = setup();
    const d = s.byName('Living room climate');
    const motion = s.byName('Hallway motion');
    const toggles: boolean[] = [];
    const end = run(s, 180, () => {
      const v = motion.capabilitiesObj.alarm_motion?.value as boolean;
      if (toggles.at(-1) !== v) toggles.push(v);
    });
    const temp = s.insights.entries(`homey:device:${d.id}:measure_temperature`, 'last6Hours', end);
    const afterStart = temp?.values.filter((v) => Date.parse(v.t) >= NOW && v.v !== null) ?? [];
    expect(afterStart.length).toBeGreaterThan(60);
    const changes = s.insights.entries(`homey:device:${motion.id}:alarm_motion`, 'last6Hours', end)?.values.filter((v) => Date.parse(v.t) > NOW) ?? [];
    expect(changes.length).toBe(toggles.length - 1);
    expect(s.insights.logs()[`homey:device:${d.id}:measure_temperature`]?.lastValue).toBe(d.capabilitiesObj.measure_temperature?.value);
    expect(s.insights.entries('homey:manager:weather:temperature', 'last6Hours', end)?.values.some((v) => Date.parse(v.t) >= NOW && v.v !== null)).toBe(true);
  });

  it('reports readings at the pace devices report them, not at every second the true value moves', () => {
    const reports = (everyTick: boolean) => {
      const s = setup();
      const times = new Map<string, number[]>();
      let t = NOW;
      // Ten minutes of one-second ticks, as the emulator runs.
      for (let i = 0; i < 600; i++) {
        advanceHome(s.homey, s.insights, t, t + 1000, s.rng, (device, id) => {
          const key = `${device.id} ${id}`;
          times.set(key, [...(times.get(key) ?? []), t + 1000]);
        }, { everyTick });
        t += 1000;
      }
      return times;
    };
    const real = reports(false);
    let total = 0;
    for (const [key, at] of real) {
      const every = REPORT_EVERY_MS[key.split(' ')[1]!.split('.')[0]!] ?? REPORT_EVERY_MS.default!;
      for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!, key).toBeGreaterThanOrEqual(every);
      total += at.length;
    }
    expect(total).toBeGreaterThan(0);
    // The stress mode publishes far more of the same home.
    const busy = [...reports(true).values()].reduce((n, at) => n + at.length, 0);
    expect(busy).toBeGreaterThan(3 * total);
  });

  it('is deterministic for a seed and does nothing when time does not move', () => {
    const a = setup(9);
    const b = setup(9);
    run(a, 60);
    run(b, 60);
    expect(a.homey.devices).toEqual(b.homey.devices);
    const before = structuredClone(a.homey.devices);
    advanceHome(a.homey, a.insights, NOW + HOUR, NOW + HOUR, a.rng);
    advanceHome(a.homey, a.insights, NOW + HOUR, NOW, a.rng);
    expect(a.homey.devices).toEqual(before);
  });

  it('is cheap enough to run every second', () => {
    const s = setup();
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) advanceHome(s.homey, s.insights, NOW + i * 1000, NOW + (i + 1) * 1000, s.rng);
    // A second of simulated time per call; generous bound so a slow CI box passes.
    expect((performance.now() - t0) / 1000).toBeLessThan(5);
  });
});
