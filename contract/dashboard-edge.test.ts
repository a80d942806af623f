import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/server.ts';
import type { Emulator } from '../emulator/server.ts';
import { capabilityKind } from '../src/features/devices/capability-kind.ts';
import { parseDevices } from '../src/features/devices/device-schema.ts';
import { parseFlows, parseUserMe, parseWeather, parseZones } from '../src/features/home/home-schema.ts';
import { insightEntriesPath, logIdFor, RESOLUTIONS } from '../src/features/insights/insight-timing.ts';
import type { Resolution } from '../src/features/insights/insight-timing.ts';
import { parseInsightsEntries, parseInsightsLogs } from '../src/features/insights/insights-schema.ts';

// The dashboard's edge parsers and Insights paths against the emulator (which is checked against
// Athom's own client in official-client.test.ts), and the entries path against what Athom's client
// sends for `getLogEntries`.

const require = createRequire(import.meta.url);
/* eslint-disable @typescript-eslint/no-explicit-any -- the official client ships no types */
const HomeyAPI = require('homey-api/lib/HomeyAPI/HomeyAPI') as any;
const Util = require('homey-api/lib/Util') as any;
/* eslint-enable @typescript-eslint/no-explicit-any */

interface Target {
  base: string;
  token: string;
}

async function get(target: Target, path: string): Promise<unknown> {
  const res = await fetch(`${target.base}/api/manager/${path}`, { headers: { Authorization: `Bearer ${target.token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<unknown>;
}

async function homeyOf(emulator: Emulator): Promise<Target> {
  const homey = emulator.info().homeys.find((h) => h.apiKeys.length > 0);
  if (!homey) throw new Error('no Homey with an API key');
  const key = homey.apiKeys.find((k) => k.scopes.includes('homey')) ?? homey.apiKeys[0];
  return { base: homey.localUrl, token: key?.token ?? '' };
}

describe.each([
  ['the demo home', undefined],
  ['the real-world-shapes fixture', 'emulator/fixtures/real-world-shapes.json'],
  ['the hostile-home fixture', 'emulator/fixtures/hostile-home.json'],
])('%s through the edge parsers', (_name, fixture) => {
  let emulator: Emulator;
  let target: Target;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, simulationIntervalMs: 0, fixture });
    target = await homeyOf(emulator);
  });
  afterAll(async () => emulator?.close());

  it('parses every device, zone, flow, the user and the weather without a broken item', async () => {
    const devices = parseDevices(await get(target, 'devices/device'));
    expect(devices.broken).toEqual([]);
    expect(devices.devices.length).toBeGreaterThan(0);
    expect(devices.devices.flatMap((d) => d.brokenCapabilities)).toEqual([]);
    // Every tile kind appears in the demo (so the demo shows every tile kind), and
    // the only generic one is the capability of a type no Homey documents, put there on purpose.
    const kinds = new Map<string, string[]>();
    for (const d of devices.devices) {
      for (const cap of Object.values(d.capabilitiesObj)) kinds.set(capabilityKind(cap, d.ui), [...(kinds.get(capabilityKind(cap, d.ui)) ?? []), cap.id]);
    }
    if (fixture === undefined) {
      expect([...kinds.keys()].sort()).toEqual(
        ['alarm', 'battery', 'boolean', 'button', 'color', 'enum', 'generic', 'percentage', 'picker', 'sensor', 'slider', 'string', 'temperature', 'ternary', 'thermostat', 'toggle'].sort(),
      );
      expect(kinds.get('generic')).toEqual(['contract_kind']);
    } else {
      expect(kinds.get('generic') ?? []).toEqual([]);
    }
    expect(parseZones(await get(target, 'zones/zone')).broken).toEqual([]);
    expect(parseFlows(await get(target, 'flow/flow'), 'flow').broken).toEqual([]);
    expect(parseFlows(await get(target, 'flow/advancedflow'), 'advancedflow').broken).toEqual([]);
    const me = parseUserMe(await get(target, 'users/user/me'));
    for (const id of me.favoriteDevices) expect(devices.devices.some((d) => d.id === id)).toBe(true);
    // The fixture's read-only key has no geolocation scope; its weather stays private.
    const weather = await get(target, 'weather/weather').catch((err: Error) => (/403/.test(err.message) ? undefined : Promise.reject(err)));
    if (weather !== undefined || fixture === undefined) expect(parseWeather(weather).temperature).not.toBeNull();
  });

  it('fetches entries for device logs at every resolution through insightEntriesPath', async () => {
    const logs = parseInsightsLogs(await get(target, 'insights/log'));
    expect(logs.broken).toEqual([]);
    const deviceLogs = logs.items.filter((l) => l.ownerUri.startsWith('homey:device:'));
    expect(deviceLogs.length).toBeGreaterThan(0);
    const log = deviceLogs[0]!;
    expect(logIdFor(log.ownerId ?? '', log.id.slice(log.ownerUri.length + 1))).toBe(log.id);
    let withValues = 0;
    for (const resolution of RESOLUTIONS) {
      const entries = parseInsightsEntries(await get(target, insightEntriesPath(log.id, resolution)));
      if (entries.values.length > 0) withValues++;
      expect(entries.updatesIn, resolution).toBeGreaterThanOrEqual(0);
    }
    // A fixture's recorded history need not reach into the last hour; most ranges have values.
    expect(withValues).toBeGreaterThan(RESOLUTIONS.length / 2);
    // Every log, once: none is refused or malformed.
    for (const l of deviceLogs) parseInsightsEntries(await get(target, insightEntriesPath(l.id, 'last24Hours')));
  });
});

describe('the entries path against Athom’s client', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, simulationIntervalMs: 0 });
  });
  afterAll(async () => emulator?.close());

  it('is the path homey-api requests for getLogEntries', async () => {
    const target = await homeyOf(emulator);
    const seen: string[] = [];
    const original = Util.fetch;
    Util.fetch = (url: string, ...rest: unknown[]) => {
      seen.push(String(url));
      return original.call(Util, url, ...rest);
    };
    try {
      const api = await HomeyAPI.createLocalAPI({ address: target.base, token: target.token });
      const logs = parseInsightsLogs(await api.insights.getLogs());
      const log = logs.items.find((l) => l.ownerUri.startsWith('homey:device:') && l.id.includes('.'))
        ?? logs.items.find((l) => l.ownerUri.startsWith('homey:device:'));
      expect(log).toBeDefined();
      const resolution: Resolution = 'last7Days';
      seen.length = 0;
      const official = await api.insights.getLogEntries({ id: log!.id, resolution });
      const requested = seen.find((u) => u.includes('/insights/log/'));
      expect(requested).toBeDefined();
      expect(new URL(requested!).pathname + new URL(requested!).search).toBe(`/api/manager/${insightEntriesPath(log!.id, resolution)}`);
      const ours = parseInsightsEntries(await get(target, insightEntriesPath(log!.id, resolution)));
      expect(ours.values.length).toBe(official.values.length);
    } finally {
      Util.fetch = original;
    }
  });
});
