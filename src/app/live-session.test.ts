import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { countRequests, emulatorPerFile } from '../../test-support/emulator-client.ts';
import { createMemoryStorage } from '../../test-support/memory-storage.ts';
import { emulatorAccessTokens, homeyOf } from '../../test-support/homey-test-kit.ts';
import { deviceQueries } from '../features/devices/device-queries.ts';
import type { Device, DevicesResult } from '../features/devices/device-schema.ts';
import { createAthomCloud } from '../features/homey/athom-cloud.ts';
import { createHomeyClient } from '../features/homey/homey-client.ts';
import type { HomeyClient } from '../features/homey/homey-client.ts';
import { createApiKeySession, createCloudSession } from '../features/homey/homey-session.ts';
import type { WebSocketClass } from '../features/homey/homey-socket.ts';
import type { LocalNetworkPermission } from '../features/homey/local-network-permission.ts';
import type { LiveState } from '../features/homey/live-updates.ts';
import { createDirectRouteProvider, createRouteProvider } from '../features/homey/route-provider.ts';
import { createLiveCache } from './live-cache.ts';
import { startLiveSession } from './live-session.ts';
import { manualPermission } from '../../test-support/manual-permission.ts';

// Live updates end to end below the screen: the emulator's real socket.io server, the real Homey
// client and session, and a real QueryClient whose device list is read the way the tiles read it.

const emulator = emulatorPerFile();
const LOGIN = 'POST /api/manager/users/login';
const noWake = {
  document: { addEventListener: () => undefined, removeEventListener: () => undefined, visibilityState: 'visible' as const },
  window: { addEventListener: () => undefined, removeEventListener: () => undefined },
};
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

function cloudClient(permission?: LocalNetworkPermission): HomeyClient {
  const emu = emulator();
  const homey = homeyOf(emu, 0);
  const storage = createMemoryStorage();
  const route = createRouteProvider({ homey, storage, pageProtocol: 'http:', permission });
  const cloud = createAthomCloud({ baseUrl: emu.cloudUrl, accessToken: emulatorAccessTokens(emu) });
  const session = createCloudSession({ homeyId: homey.id, homeyName: homey.name, cloud, storage, baseUrl: async () => (await route.current()).baseUrl });
  return createHomeyClient({ homey, session, route });
}

function keyClient(): HomeyClient {
  const homey = homeyOf(emulator(), 0);
  const key = emulator().info.homeys[0]!.apiKeys.find((k) => k.scopes.includes('homey'))!.token;
  return createHomeyClient({ homey, session: createApiKeySession(key), route: createDirectRouteProvider(homey.localUrl!) });
}

interface Session {
  queryClient: QueryClient;
  states: LiveState[];
  devices(): Device[];
}

async function start(client: HomeyClient, pollMs = 60_000): Promise<Session> {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // An observer, as a tile is: the list is active, so a refetch reaches it.
  const observer = new QueryObserver(queryClient, deviceQueries.list(client, pollMs));
  stops.push(observer.subscribe(() => undefined));
  stops.push(() => queryClient.clear());
  await until(() => queryClient.getQueryData(deviceQueries.list(client, pollMs).queryKey) !== undefined);
  const states: LiveState[] = [];
  stops.push(
    startLiveSession({
      queryClient,
      client,
      onState: (s) => states.push(s),
      wakeSignals: noWake,
      socket: { WebSocket: WebSocket as unknown as WebSocketClass, random: () => 0 },
    }),
  );
  return {
    queryClient,
    states,
    devices: () => (queryClient.getQueryData(deviceQueries.list(client, pollMs).queryKey) as DevicesResult).devices,
  };
}

async function until(check: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const homeyId = () => emulator().info.homeys[0]!.id;
/** Enough of a client to name the device list's key (the key depends only on the Homey's id). */
const cloudClientKeyed = () => ({ homey: { id: homeyId(), name: '' } }) as HomeyClient;
const subscriptions = async () =>
  (await emulator().control<{ connections: { subscriptions: string[] }[] }>('GET', `/__emulator/homeys/${homeyId()}/realtime`)).connections.flatMap((c) => c.subscriptions);

const socketRoutes = async () =>
  (await emulator().control<{ connections: { route: string; handshaken: boolean }[] }>('GET', `/__emulator/homeys/${homeyId()}/realtime`)).connections
    .filter((c) => c.handshaken)
    .map((c) => c.route);

function switchable(session: Session): Device {
  return session.devices().find((d) => d.capabilitiesObj.onoff?.type === 'boolean')!;
}

describe('live updates', () => {
  it('follows the HTTP client from the relay to the LAN the moment the local network is allowed', async () => {
    const permission = manualPermission('denied');
    const session = await start(cloudClient(permission));
    await until(() => session.states.includes('live'));
    // Handshaken sockets only; one that is closing may linger a moment on a busy machine.
    const settleOn = async (expected: string[]) => {
      const end = Date.now() + 10_000;
      let routes = await socketRoutes();
      while (Date.now() < end && JSON.stringify(routes) !== JSON.stringify(expected)) {
        await new Promise((r) => setTimeout(r, 50));
        routes = await socketRoutes();
      }
      return routes;
    };
    expect(await settleOn(['remote'])).toEqual(['remote']);

    permission.set('granted');
    expect(await settleOn(['local'])).toEqual(['local']);
    await until(() => session.states.at(-1) === 'live');
  });

  it('writes a value changed on the Homey into the one device it belongs to, and no other', async () => {
    const session = await start(cloudClient());
    await until(() => session.states.includes('live'));
    const light = switchable(session);
    const before = session.devices();
    // The managers and every device, each once.
    await expect.poll(async () => (await subscriptions()).length).toBe(3 + before.length);
    expect(await subscriptions()).toEqual(expect.arrayContaining(['homey:manager:devices', 'homey:manager:zones', 'homey:manager:flow', `homey:device:${light.id}`]));

    const was = light.capabilitiesObj.onoff!.value as boolean;
    const listBefore = session.devices();
    const readAt = session.queryClient.getQueryState(deviceQueries.list(cloudClientKeyed(), 0).queryKey)?.dataUpdatedAt;
    expect(readAt).toBeGreaterThan(0);
    await emulator().control('PUT', `/__emulator/homeys/${homeyId()}/devices/${light.id}/capabilities/onoff`, { value: !was });
    await until(() => session.devices().find((d) => d.id === light.id)!.capabilitiesObj.onoff!.value === !was, 2000);
    // Still the time of the last whole read: "updated … ago" speaks of that, not of one event.
    expect(session.queryClient.getQueryState(deviceQueries.list(cloudClientKeyed(), 0).queryKey)?.dataUpdatedAt).toBe(readAt);
    const after = session.devices();
    for (const device of after) {
      const old = listBefore.find((d) => d.id === device.id);
      if (device.id === light.id) expect(device).not.toBe(old);
      else expect(device).toBe(old);
    }
  });

  it('adds a device the Homey announces, subscribes to it, and removes one it deletes', async () => {
    const session = await start(cloudClient());
    await until(() => session.states.includes('live'));
    const count = session.devices().length;
    await emulator().control('POST', `/__emulator/homeys/${homeyId()}/devices`, {
      id: 'new-lamp',
      name: 'New lamp',
      capabilitiesObj: { onoff: { id: 'onoff', type: 'boolean', value: false, getable: true, setable: true } },
    });
    await until(() => session.devices().some((d) => d.id === 'new-lamp'), 2000);
    await expect.poll(subscriptions).toContain('homey:device:new-lamp');
    await emulator().control('DELETE', `/__emulator/homeys/${homeyId()}/devices/new-lamp`);
    await until(() => !session.devices().some((d) => d.id === 'new-lamp'), 2000);
    expect(session.devices()).toHaveLength(count);
  });

  it('costs one renewal when the session expired before the handshake, and hand-shakes again with the new one', async () => {
    const client = cloudClient();
    await client.get('devices/device');
    await emulator().control('POST', '/__emulator/expire', { kind: 'session' });
    await emulator().control('DELETE', '/__emulator/stats');
    const states: LiveState[] = [];
    // Nothing else reads the Homey: the handshake is the first to meet the expired session.
    stops.push(startLiveSession({ queryClient: new QueryClient(), client, onState: (s) => states.push(s), wakeSignals: noWake, socket: { WebSocket: WebSocket as unknown as WebSocketClass } }));
    await until(() => states.includes('live'));
    const stats = await emulator().stats();
    expect(countRequests(stats, LOGIN)).toBe(1);
    const socket = stats[`homey:${homeyId()}:local`]!.socket!;
    expect({ refused: socket.refusedHandshakes, accepted: socket.handshakes }).toEqual({ refused: 1, accepted: 1 });
    expect(states).toEqual(['connecting', 'live']);
  });

  it('goes live on an address typed in with an API key, hand-shaking with the id the Homey gives at its ping', async () => {
    // As the app builds it for local mode: the Homey's id is not known until the Homey says it.
    const key = emulator().info.homeys[0]!.apiKeys.find((k) => k.scopes.includes('homey'))!.token;
    const client = createHomeyClient({ homey: { id: 'local', name: 'Homey' }, session: createApiKeySession(key), route: createDirectRouteProvider(homeyOf(emulator(), 0).localUrl!) });
    const session = await start(client);
    await until(() => session.states.includes('live'));
    expect(session.states).not.toContain('refused');
    const light = switchable(session);
    await expect.poll(async () => await subscriptions()).toContain(`homey:device:${light.id}`);
    const was = light.capabilitiesObj.onoff!.value as boolean;
    await emulator().control('PUT', `/__emulator/homeys/${homeyId()}/devices/${light.id}/capabilities/onoff`, { value: !was });
    await until(() => session.devices().find((d) => d.id === light.id)!.capabilitiesObj.onoff!.value === !was, 2000);
  });

  it('stops for good when the Homey refuses the API key at the handshake', async () => {
    await emulator().control('POST', `/__emulator/homeys/${homeyId()}/realtime/refuse-handshakes`, { count: 5, statusCode: 401 });
    const session = await start(keyClient());
    await until(() => session.states.includes('refused'));
    await new Promise((r) => setTimeout(r, 1500));
    expect(session.states).toEqual(['connecting', 'refused']);
  });

  it('goes down when the socket is dropped, and comes back live by itself, reading the home again', async () => {
    const session = await start(cloudClient());
    await until(() => session.states.includes('live'));
    await emulator().control('DELETE', '/__emulator/stats');
    await emulator().control('POST', `/__emulator/homeys/${homeyId()}/realtime/drop`);
    await until(() => session.states.filter((s) => s === 'live').length === 2, 5000);
    expect(session.states).toEqual(['connecting', 'live', 'down', 'live']);
    // After the reconnect, the whole home once, to catch what was missed while down.
    await expect.poll(async () => countRequests(await emulator().stats(), 'GET /api/manager/devices/device')).toBeGreaterThanOrEqual(1);
  });
});

describe('the live cache', () => {
  it('ignores an event older than what the cache holds, and puts a newer one back over an older poll', async () => {
    const client = keyClient();
    const queryClient = new QueryClient();
    const data = await client.get('devices/device', { parse: (await import('../features/devices/device-schema.ts')).parseDevices });
    const key = deviceQueries.list(client, 0).queryKey;
    queryClient.setQueryData(key, data);
    const cache = createLiveCache(queryClient, client);
    stops.push(() => cache.stop());
    const device = data.devices.find((d) => d.capabilitiesObj.onoff?.type === 'boolean' && d.capabilitiesObj.onoff.lastUpdated)!;
    const held = Date.parse(device.capabilitiesObj.onoff!.lastUpdated!);
    const read = () => (queryClient.getQueryData(key) as DevicesResult).devices.find((d) => d.id === device.id)!.capabilitiesObj.onoff!.value;
    const was = read();

    cache.apply(`homey:device:${device.id}`, 'capability', { capabilityId: 'onoff', value: !was, transactionTime: held - 1000 });
    await new Promise((r) => setTimeout(r, 60));
    expect(read()).toBe(was);

    cache.apply(`homey:device:${device.id}`, 'capability', { capabilityId: 'onoff', value: !was, transactionTime: held + 1000 });
    await until(() => read() === !was, 1000);

    // A poll that read the Homey before that event lands after it: the newer value stays.
    await queryClient.fetchQuery({ queryKey: key, queryFn: () => data, staleTime: 0 });
    await until(() => read() === !was, 1000);
  });
});
