import { describe, expect, it } from 'vitest';
import { InsightsStore } from '../insights/insights-store.ts';
import { validateItem } from '../schemas.ts';
import type { ItemKind } from '../schemas.ts';
import type { Device, HomeySpec } from '../types.ts';
import { buildDemoWorld, DEMO_HOMEY_ID } from './demo-home.ts';
import { HOME_DEVICES, HOME_ZONES, HOSTILE_DEVICE_NAME } from './demo-home-devices.ts';
import { generateDevices } from './generated-devices.ts';

const NOW = new Date('2024-11-20T15:30:00.000Z');
const TOTAL = 2000;
const world = buildDemoWorld({ now: NOW, seed: 3, generatedDevices: TOTAL });
const home = world.homeys.find((h) => h.id === DEMO_HOMEY_ID) as HomeySpec;
const ownNames = new Set(HOME_DEVICES.map((d) => d.name));
const generated = Object.values(home.devices).filter((d) => !ownNames.has(d.name));

function problems(kind: ItemKind, items: { id: string; name?: string }[]): string[] {
  return items.flatMap((item) => {
    const result = validateItem(kind, item);
    return result.ok ? [] : [`${kind} ${item.name ?? item.id}: ${result.errors.join('; ')}`];
  });
}

describe('a generated big home', () => {
  it("gives Home the number of devices asked for, its own among them, and leaves the cabin as it is", () => {
    expect(Object.keys(home.devices)).toHaveLength(TOTAL);
    expect(generated).toHaveLength(TOTAL - HOME_DEVICES.length);
    expect(Object.values(home.devices).map((d) => d.name)).toContain(HOSTILE_DEVICE_NAME);
    for (const id of home.me.properties.favoriteDevices ?? []) expect(home.devices[id]).toBeDefined();
    const plain = buildDemoWorld({ now: NOW, seed: 3 });
    expect(Object.keys(world.homeys[1]?.devices ?? {})).toHaveLength(Object.keys(plain.homeys[1]?.devices ?? {}).length);
  });

  it('is the same home for a seed and another for another seed', () => {
    expect(buildDemoWorld({ now: NOW, seed: 3, generatedDevices: TOTAL })).toEqual(world);
    const names = (h: HomeySpec | undefined) => Object.values(h?.devices ?? {}).map((d) => d.name);
    expect(names(buildDemoWorld({ now: NOW, seed: 4, generatedDevices: TOTAL }).homeys[0])).not.toEqual(names(home));
    expect(generateDevices(300, 9, 'home')).toEqual(generateDevices(300, 9, 'home'));
  });

  it('varies classes, spreads devices over rooms in wings, and reads a temperature on about a fifth of them', () => {
    const classes = new Set(generated.map((d) => d.class));
    expect(classes.size).toBeGreaterThanOrEqual(8);
    const rooms = new Set(generated.map((d) => d.zone));
    expect(rooms.size).toBeGreaterThanOrEqual(Math.floor(generated.length / 12));
    for (const d of generated) {
      const room = home.zones[d.zone ?? ''];
      const wing = home.zones[room?.parent ?? ''];
      expect(wing?.name, d.name).toMatch(/^Wing /);
      expect(home.zones[wing?.parent ?? '']?.parent).toBeNull();
    }
    const share = generated.filter((d) => d.capabilities.includes('measure_temperature')).length / generated.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.25);
    expect(generated.some((d) => d.available === false)).toBe(true);
  });

  it('keeps a few Insights logs for nearly every device', () => {
    const logs = Object.values(new InsightsStore(home, { now: NOW.getTime() }).logs());
    const perDevice = new Map<string, number>();
    for (const log of logs) perDevice.set(log.ownerId, (perDevice.get(log.ownerId) ?? 0) + 1);
    const counts = generated.map((d) => perDevice.get(d.id) ?? 0);
    expect(counts.filter((n) => n > 0).length / counts.length).toBeGreaterThan(0.95);
    expect(counts.reduce((a, b) => a + b, 0) / counts.length).toBeGreaterThanOrEqual(2.5);
    expect(Math.max(...counts)).toBeLessThanOrEqual(4);
    expect(problems('log', logs)).toEqual([]);
  });

  it("validates every generated device and zone against homey-api's schemas", () => {
    expect(problems('device', generated as Device[])).toEqual([]);
    const ownZoneNames = new Set(HOME_ZONES.map((z) => z.name));
    expect(problems('zone', Object.values(home.zones).filter((z) => !ownZoneNames.has(z.name)))).toEqual([]);
  });

  it('refuses fewer devices than Home has of its own', () => {
    expect(() => buildDemoWorld({ generatedDevices: HOME_DEVICES.length - 1 })).toThrow(/at least/);
    expect(Object.keys(buildDemoWorld({ generatedDevices: HOME_DEVICES.length }).homeys[0]?.devices ?? {})).toHaveLength(HOME_DEVICES.length);
  });
});
