import { createRequire } from 'node:module';
import Ajv2020 from 'ajv/dist/2020.js';
import type { SchemaObject, ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { capabilityDefinition, localize } from '../capabilities.ts';
import {
  buildDemoWorld,
  DEMO_API_KEY_FULL,
  DEMO_API_KEY_READONLY,
  DEMO_CABIN_HOMEY_ID,
  DEMO_CLIENT,
  DEMO_HOMEY_ID,
  DEMO_SOLO_USER,
  DEMO_USER,
} from './demo-home.ts';
import { HOSTILE_DEVICE_NAME } from './demo-home-devices.ts';
import type { CapabilityObj, Device, HomeySpec } from '../types.ts';

const require = createRequire(import.meta.url);
const spec = require('homey-api/assets/specifications/HomeyAPIV3Local.json') as {
  managers: Record<string, { items: Record<string, { schema: SchemaObject }> }>;
};
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
function officialValidator(manager: string, item: string): ValidateFunction {
  const schema = spec.managers[manager]?.items[item]?.schema;
  if (!schema) throw new Error(`no schema ${manager}.${item}`);
  return ajv.compile(structuredClone(schema));
}
function expectValid(validate: ValidateFunction, item: unknown, label: string): void {
  const ok = validate(item);
  expect(ok ? [] : validate.errors?.map((e) => `${label} ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
}

const NOW = new Date('2024-11-20T15:30:00.000Z');
const world = buildDemoWorld({ now: NOW, seed: 7 });
const home = world.homeys.find((h) => h.id === DEMO_HOMEY_ID) as HomeySpec;
const cabin = world.homeys.find((h) => h.id === DEMO_CABIN_HOMEY_ID) as HomeySpec;

function allCaps(h: HomeySpec): { device: Device; id: string; cap: CapabilityObj }[] {
  return Object.values(h.devices).flatMap((device) => device.capabilities.map((id) => ({ device, id, cap: device.capabilitiesObj[id] as CapabilityObj })));
}

describe('buildDemoWorld', () => {
  it('is deterministic for a seed and varies with it', () => {
    expect(buildDemoWorld({ now: NOW, seed: 7 })).toEqual(world);
    const other = buildDemoWorld({ now: NOW, seed: 8 });
    expect(Object.keys(other.homeys[0]?.devices ?? {})).not.toEqual(Object.keys(home.devices));
  });

  it('never shares the exported constants with a world a server may mutate', () => {
    const w = buildDemoWorld({ now: NOW });
    w.users[0]?.homeys.push('x');
    (w.clients[0] as { redirectUris: string[] }).redirectUris.push('x');
    expect(DEMO_USER.homeys).toEqual([DEMO_HOMEY_ID, DEMO_CABIN_HOMEY_ID]);
    expect(DEMO_CLIENT.redirectUris).toEqual(['http://localhost/', 'http://127.0.0.1/']);
  });

  it('holds the demo client, a user with both Homeys and one with only the cabin', () => {
    expect(world.clients).toEqual([DEMO_CLIENT]);
    const ids = world.homeys.map((h) => h.id);
    const demo = world.users.find((u) => u.email === DEMO_USER.email);
    expect(demo?.homeys.sort()).toEqual([...ids].sort());
    const solo = world.users.find((u) => u.email === DEMO_SOLO_USER.email);
    expect(solo?.homeys).toEqual([DEMO_CABIN_HOMEY_ID]);
    expect(new Set(world.users.map((u) => u.email)).size).toBe(world.users.length);
  });

  it('gives Home a full and a read-only API key, with colons in their tokens', () => {
    const full = home.apiKeys.find((k) => k.token === DEMO_API_KEY_FULL);
    const readonly = home.apiKeys.find((k) => k.token === DEMO_API_KEY_READONLY);
    expect(full?.scopes).toEqual(['homey']);
    expect(readonly?.scopes.length).toBeGreaterThan(0);
    expect(readonly?.scopes.every((s) => s.endsWith('.readonly') || s === 'homey.user.self')).toBe(true);
    for (const key of [DEMO_API_KEY_FULL, DEMO_API_KEY_READONLY]) expect(key.split(':')).toHaveLength(3);
  });

  it('fills Home with 25+ devices covering the kinds a dashboard must handle', () => {
    expect(Object.keys(home.devices).length).toBeGreaterThanOrEqual(25);
    const ids = new Set(allCaps(home).map((c) => c.id));
    for (const id of [
      'measure_temperature',
      'measure_temperature.outside',
      'measure_humidity',
      'measure_co2',
      'measure_luminance',
      'measure_power',
      'meter_power',
      'meter_power.imported',
      'target_temperature',
      'thermostat_mode',
      'onoff',
      'dim',
      'light_hue',
      'light_saturation',
      'light_temperature',
      'light_mode',
      'alarm_motion',
      'alarm_contact',
      'alarm_smoke',
      'alarm_battery',
      'measure_battery',
      'windowcoverings_state',
      'windowcoverings_set',
      'volume_set',
      'button',
      'button.reset',
    ]) {
      expect(ids, id).toContain(id);
    }
    const classes = new Set(Object.values(home.devices).map((d) => d.class));
    for (const c of ['sensor', 'thermostat', 'light', 'socket', 'windowcoverings', 'speaker']) expect(classes).toContain(c);
  });

  it('has a thermostat with target, measurement and mode together', () => {
    const thermostat = Object.values(home.devices).find((d) => ['target_temperature', 'measure_temperature', 'thermostat_mode'].every((c) => d.capabilities.includes(c)));
    expect(thermostat).toBeDefined();
    const target = thermostat?.capabilitiesObj.target_temperature;
    expect(typeof target?.min).toBe('number');
    expect(typeof target?.max).toBe('number');
    expect(typeof target?.step).toBe('number');
    expect(target?.value).toBeGreaterThanOrEqual(target?.min ?? NaN);
    expect(target?.value).toBeLessThanOrEqual(target?.max ?? NaN);
  });

  it('uses every chart type, including app capabilities', () => {
    const chartTypes = new Set(allCaps(home).map((c) => c.cap.chartType).filter(Boolean));
    expect([...chartTypes].sort()).toEqual(['area', 'column', 'line', 'scatter', 'spline', 'splineArea', 'stepLine']);
    const appCaps = allCaps(home).filter((c) => !capabilityDefinition(c.id));
    expect(appCaps.length).toBeGreaterThanOrEqual(7);
    for (const { cap } of appCaps) expect(cap.title).toEqual(expect.any(String));
  });

  it('has never-reported values, write-only buttons and a temperature with 2 decimals', () => {
    const caps = allCaps(home);
    const never = caps.filter((c) => c.cap.value === null && c.cap.getable !== false);
    expect(never.length).toBeGreaterThanOrEqual(2);
    for (const { cap } of never) expect(cap.lastUpdated).toBeNull();
    const buttons = caps.filter((c) => c.id === 'button' || c.id.startsWith('button.'));
    for (const { cap } of buttons) expect(cap).toMatchObject({ setable: true, getable: false, value: null });
    expect(caps.some((c) => c.id === 'measure_temperature' && c.cap.decimals === 2)).toBe(true);
  });

  it('takes units, decimals and chart types of system capabilities from homey-lib', () => {
    let checked = 0;
    for (const { id, cap } of allCaps(home)) {
      const def = capabilityDefinition(id);
      if (!def) continue;
      expect(cap.units, id).toBe(localize(def.units) ?? null);
      if (def.chartType) expect(cap.chartType, id).toBe(def.chartType);
      if (def.type === 'number' && def.decimals !== undefined && cap.decimals !== def.decimals) {
        // Only the sensors the demo gives device-specific precision may differ.
        expect(['measure_temperature', 'measure_battery'], id).toContain(id);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(80);
  });

  it('has an offline device that says why', () => {
    const offline = Object.values(home.devices).filter((d) => d.available === false);
    expect(offline.length).toBeGreaterThanOrEqual(1);
    for (const d of offline) expect(d.unavailableMessage).toEqual(expect.stringMatching(/\S/));
  });

  it('keeps a device name with HTML in it, verbatim', () => {
    expect(Object.values(home.devices).map((d) => d.name)).toContain(HOSTILE_DEVICE_NAME);
  });

  it('builds a zone tree with one root that every device hangs in', () => {
    for (const h of world.homeys) {
      const zones = Object.values(h.zones);
      expect(zones.filter((z) => z.parent === null)).toHaveLength(1);
      for (const z of zones) {
        const seen = new Set<string>();
        let cursor: string | null = z.id;
        while (cursor !== null) {
          expect(seen.has(cursor), `cycle at ${z.name}`).toBe(false);
          seen.add(cursor);
          const parent: string | null | undefined = h.zones[cursor]?.parent;
          expect(parent, `dangling parent of ${cursor}`).not.toBeUndefined();
          cursor = parent ?? null;
        }
      }
      for (const d of Object.values(h.devices)) expect(h.zones[d.zone ?? '']).toBeDefined();
    }
    expect(Object.keys(home.zones).length).toBeGreaterThanOrEqual(7);
  });

  it('points favourites and ui components at things that exist', () => {
    for (const h of world.homeys) {
      const favDevices = h.me.properties.favoriteDevices ?? [];
      const favFlows = h.me.properties.favoriteFlows ?? [];
      expect(favDevices.length).toBeGreaterThan(0);
      expect(favFlows.length).toBeGreaterThan(0);
      for (const id of favDevices) expect(h.devices[id]).toBeDefined();
      for (const id of favFlows) expect(h.flows[id] ?? h.advancedFlows[id]).toBeDefined();
      for (const d of Object.values(h.devices)) {
        const ui = d.ui as { components: { capabilities: string[] }[] };
        for (const c of ui.components) for (const cap of c.capabilities) expect(d.capabilities).toContain(cap);
      }
    }
    const flows = [...Object.values(home.flows), ...Object.values(home.advancedFlows)];
    expect(flows.some((f) => f.triggerable === true)).toBe(true);
    expect(flows.some((f) => f.triggerable === false)).toBe(true);
  });

  it('speaks Dutch in the cabin', () => {
    expect(cabin.language).toBe('nl');
    const caps = allCaps(cabin);
    expect(caps.find((c) => c.id === 'measure_temperature')?.cap.title).toBe('Temperatuur');
    expect(caps.find((c) => c.id === 'thermostat_mode')?.cap.values?.find((v) => v.id === 'auto')?.title).toBe('Automatisch');
    expect(Object.keys(cabin.devices).length).toBeGreaterThanOrEqual(3);
  });

  it('serves weather in the captured shape', () => {
    for (const h of world.homeys) {
      expect(h.weather).toMatchObject({ temperature: expect.any(Number), temperatureUnits: '°C', state: expect.any(String), city: expect.any(String) });
      expect(h.weather.humidity).toBeGreaterThanOrEqual(0);
      expect(h.weather.humidity).toBeLessThanOrEqual(1);
    }
  });

  it("validates every device, zone, flow, advanced flow and user against homey-api's schemas", () => {
    const device = officialValidator('ManagerDevices', 'Device');
    const zone = officialValidator('ManagerZones', 'Zone');
    const flow = officialValidator('ManagerFlow', 'Flow');
    const advanced = officialValidator('ManagerFlow', 'AdvancedFlow');
    const user = officialValidator('ManagerUsers', 'User');
    for (const h of world.homeys) {
      for (const d of Object.values(h.devices)) expectValid(device, d, `device ${d.name}`);
      for (const z of Object.values(h.zones)) expectValid(zone, z, `zone ${z.name}`);
      for (const f of Object.values(h.flows)) expectValid(flow, f, `flow ${f.name}`);
      for (const f of Object.values(h.advancedFlows)) expectValid(advanced, f, `advanced flow ${f.name}`);
      expectValid(user, h.me, 'me');
    }
  });

  it('catches a device field the schema does not allow (the validator is not a no-op)', () => {
    const device = officialValidator('ManagerDevices', 'Device');
    const first = Object.values(home.devices)[0];
    expect(device({ ...first, zoneName: 'Living room' })).toBe(false);
  });
});
