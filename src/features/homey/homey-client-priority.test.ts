import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnEmulator } from '../../../test-support/emulator-client.ts';
import type { SpawnedEmulator } from '../../../test-support/emulator-client.ts';
import { homeyOf } from '../../../test-support/homey-test-kit.ts';
import { createHomeyClient } from './homey-client.ts';
import { createApiKeySession } from './homey-session.ts';
import { createDirectRouteProvider } from './route-provider.ts';

// The client hands each request's priority to its queue: with one slot taken, the device list and a
// write overtake zones, and zones overtake Insights, whatever order they were asked in.

let emu: SpawnedEmulator;

beforeAll(async () => {
  emu = await spawnEmulator();
});
afterAll(() => emu?.close());
beforeEach(() => emu.control('POST', '/__emulator/reset'));

describe('the Homey client by priority', () => {
  it('sends the device list and writes first, then ordinary reads, then Insights', async () => {
    const homey = homeyOf(emu, 0);
    const key = emu.info.homeys[0]!.apiKeys.find((k) => k.scopes.includes('homey'))!.token;
    const client = createHomeyClient({ homey, session: createApiKeySession(key), route: createDirectRouteProvider(homey.localUrl!), maxInFlight: 1 });
    const devices = await client.get<Record<string, { id: string; capabilitiesObj: Record<string, { value: unknown; setable?: boolean }> }>>('devices/device');
    const lamp = Object.values(devices).find((d) => d.capabilitiesObj.onoff?.setable);
    if (!lamp) throw new Error('the emulated Home has no switchable device');

    await emu.control('POST', '/__emulator/faults', { target: `homey:${homey.id}`, kind: 'latency', latencyMs: 100 });
    const answered: string[] = [];
    const track = (name: string, request: Promise<unknown>) => request.then(() => answered.push(name));
    await Promise.all([
      track('busy', client.get('zones/zone')),
      track('insights', client.get('insights/log', { priority: 'low' })),
      track('zones', client.get('zones/zone')),
      track('devices', client.get('devices/device', { priority: 'high' })),
      track('write', client.put(`devices/device/${lamp.id}/capability/onoff`, { value: !lamp.capabilitiesObj.onoff!.value })),
    ]);
    expect(answered).toEqual(['busy', 'devices', 'write', 'zones', 'insights']);
  });
});
