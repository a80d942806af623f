import { fileURLToPath } from 'node:url';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capabilityKind, capabilityTitle } from '../src/features/devices/capability-kind.ts';
import { parseDevice, parseDevices } from '../src/features/devices/device-schema.ts';
import { parseFlows, parseUserMe, parseWeather, parseZones } from '../src/features/home/home-schema.ts';
import { parseInsightsEntries, parseInsightsLogs } from '../src/features/insights/insights-schema.ts';
import { formatCapabilityValue } from '../src/lib/format.ts';

// The dashboard's edge parsers over every response real Homey owners published
// (../shared/real-homes beside the repository, where a developer's machine has it). Skipped where that folder is absent.

const ROOT = fileURLToPath(new URL('../../shared/real-homes', import.meta.url));
const read = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as unknown;
const files = (dir: string, match: RegExp) => (existsSync(join(ROOT, dir)) ? readdirSync(join(ROOT, dir)).filter((f) => match.test(f)) : []);

// Device and capability counts as SOURCES.md states them.
const EXPECTED: Record<string, { devices: number; capabilities: number }> = {
  'v2_homey-net_2020-11_GET-devices.json': { devices: 14, capabilities: 89 },
  'v2_almli-thermostat_2019-01_GET-devices.json': { devices: 10, capabilities: 27 },
  'v2_com-groups_2018-12_GET-devices.json': { devices: 79, capabilities: 308 },
  'mixed_sparegris_2022-2024_devices-reconstructed-from-capability-dumps.json': { devices: 121, capabilities: 1095 },
};

describe.skipIf(!existsSync(ROOT))('real homes through the edge parsers', () => {
  const deviceLists = files('devices', /GET-devices|reconstructed/);

  it('finds every device list', () => {
    expect(deviceLists.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(deviceLists)('%s: every device and every capability parses', (file) => {
    const { devices, broken } = parseDevices(read(`devices/${file}`));
    expect(broken).toEqual([]);
    expect(devices.flatMap((d) => d.brokenCapabilities)).toEqual([]);
    expect(devices.length).toBe(EXPECTED[file]?.devices);
    expect(devices.reduce((n, d) => n + Object.keys(d.capabilitiesObj).length, 0)).toBe(EXPECTED[file]?.capabilities);
  });

  it.each(deviceLists)('%s: every capability gets a tile kind, a title and readable text', (file) => {
    const { devices } = parseDevices(read(`devices/${file}`));
    for (const device of devices) {
      for (const cap of Object.values(device.capabilitiesObj)) {
        const where = `${device.name} / ${cap.id}`;
        // No capability in a real home has a type outside the four; none should need the generic tile.
        expect(capabilityKind(cap, device.ui), where).not.toBe('generic');
        expect(capabilityTitle(cap).trim(), where).not.toBe('');
        for (const locale of ['en', 'nl', 'de']) {
          const { text } = formatCapabilityValue(cap, locale);
          expect(text, where).not.toBe('');
          expect(text, where).not.toMatch(/NaN|undefined|\[object/);
        }
      }
    }
  });

  it('a single device (GET devices/device/:id)', () => {
    const result = parseDevice(read('devices/v2_homey-net_2020-11_GET-device-single.json'));
    expect(result.ok).toBe(true);
    if (result.ok) expect(Object.keys(result.device.capabilitiesObj)).toHaveLength(7);
  });

  it('the homey-mcp sample: devices, zones (one with a missing parent), flows, users', () => {
    const sample = read('handbuilt-from-capture/homey-mcp_home-sample_fw13.json') as Record<string, unknown>;
    const devices = parseDevices(sample.devices);
    expect(devices.broken).toEqual([]);
    expect(devices.devices).toHaveLength(5);
    const zones = parseZones(sample.zones);
    expect(zones.broken).toEqual([]);
    expect(zones.items.find((z) => z.name === 'Attic')?.parent).toBe('99999999-9999-4999-8999-999999999999');
    expect(parseFlows(sample.flows, 'flow').broken).toEqual([]);
    expect(parseFlows(sample.advancedFlows, 'advancedflow').items).toHaveLength(1);
    for (const user of Object.values(sample.users as Record<string, unknown>)) {
      expect(parseUserMe(user).favoriteDevices).toEqual([]);
    }
  });

  it('zones and flows from Homey.Net', () => {
    const zones = parseZones(read('zones/v2_homey-net_2020-11_GET-zones.json'));
    expect(zones.broken).toEqual([]);
    expect(zones.items).toHaveLength(12);
    const flows = parseFlows(read('flows/v2_homey-net_2020-12_GET-flows.json'), 'flow');
    expect(flows.broken).toEqual([]);
    expect(flows.items).toHaveLength(18);
  });

  it('insights logs, v2 list and v3 map, become v3 ids', () => {
    const v2 = parseInsightsLogs(read('handbuilt-from-capture/homey-mcp_v2_GET-insights-logs_fw13.json'));
    expect(v2.broken).toEqual([]);
    for (const log of v2.items) expect(log.id.startsWith(`${log.ownerUri}:`)).toBe(true);
    const v3 = parseInsightsLogs(read('handbuilt-from-capture/homey-mcp_v3_GET-insights-logs_wire-shape.json'));
    expect(v3.broken).toEqual([]);
    expect(v3.items.map((l) => l.ownerUri)).toContain('homey:manager:weather');
  });

  it.each([
    ['insights/v2_homey-net_2020-11_GET-log-entries_measure_humidity.json', 172],
    ['handbuilt-from-capture/homey-mcp_v2_GET-log-entries_measure_temperature_fw13.json', 5],
    ['handbuilt-from-capture/homey-mcp_v2_GET-log-entries_meter_power.json', 2],
  ])('insights entries %s', (file, count) => {
    const entries = parseInsightsEntries(read(file));
    expect(entries.values).toHaveLength(count);
    expect(entries.values.every((p, i, all) => i === 0 || p.t > (all[i - 1]?.t ?? 0))).toBe(true);
    expect(entries.updatesIn).toBeGreaterThan(0);
  });

  it('weather', () => {
    expect(parseWeather(read('handbuilt-from-capture/homey-mcp_GET-weather_fw13.json'))).toMatchObject({
      city: 'Testdorp',
      temperature: 34.4,
      temperatureUnits: '°C',
      humidity: 0.24,
    });
  });
});
