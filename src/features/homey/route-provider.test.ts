import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countRequests, homeyListener, spawnEmulator } from '../../../test-support/emulator-client.ts';
import type { SpawnedEmulator } from '../../../test-support/emulator-client.ts';
import { createMemoryStorage } from '../../../test-support/memory-storage.ts';
import type { Route } from './route-discovery.ts';
import { createDirectRouteProvider, createRouteProvider, describeRoute } from './route-provider.ts';
import { storageKeys } from '../../lib/storage-keys.ts';
import { homeyOf } from '../../../test-support/homey-test-kit.ts';

let emu: SpawnedEmulator;
const PING = 'GET /api/manager/system/ping';

beforeAll(async () => {
  emu = await spawnEmulator();
});
afterAll(() => emu?.close());
beforeEach(() => emu.control('POST', '/__emulator/reset'));

const setOffline = (homeyId: string, route: 'local' | 'remote' | 'all') =>
  emu.control('POST', `/__emulator/homeys/${homeyId}/offline`, { route });
const setOnline = (homeyId: string) => emu.control('POST', `/__emulator/homeys/${homeyId}/online`);

/** The next route a provider announces. */
function nextChange(provider: { subscribe(listener: (route: Route | undefined) => void): () => void }): Promise<Route | undefined> {
  return new Promise((resolve) => {
    const stop = provider.subscribe((route) => {
      stop();
      resolve(route);
    });
  });
}

describe('createRouteProvider', () => {
  it('discovers once, remembers the route, and a reload reuses it without pinging', async () => {
    const home = homeyOf(emu);
    const storage = createMemoryStorage();
    const provider = createRouteProvider({ homey: home, storage, pageProtocol: 'http:' });
    expect(provider.info()).toBeUndefined();
    const [a, b] = await Promise.all([provider.current(), provider.current()]);
    expect(a).toEqual({ kind: 'localSecure', baseUrl: home.localUrl });
    expect(b).toBe(a);
    expect(provider.info()).toEqual(a);
    expect(describeRoute(provider.info())).toBe('via local network');
    expect(JSON.parse(storage.getItem(storageKeys.homeyRoute(home.id))!)).toEqual(a);

    await emu.control('DELETE', '/__emulator/stats');
    const reloaded = createRouteProvider({ homey: home, storage, pageProtocol: 'http:' });
    expect(reloaded.info()).toEqual(a);
    expect(await reloaded.current()).toEqual(a);
    expect(countRequests(await emu.stats(), PING)).toBe(0);
  });

  it('ignores a remembered address the Homey no longer has', async () => {
    const home = homeyOf(emu);
    const storage = createMemoryStorage({ [storageKeys.homeyRoute(home.id)]: JSON.stringify({ kind: 'local', baseUrl: 'http://10.0.0.99' }) });
    const provider = createRouteProvider({ homey: home, storage, pageProtocol: 'http:' });
    expect(provider.info()).toBeUndefined();
    expect((await provider.current()).baseUrl).toBe(home.localUrl);
  });

  it('drops a failed route and falls back to the remote one', async () => {
    const home = homeyOf(emu);
    const storage = createMemoryStorage();
    const provider = createRouteProvider({ homey: home, storage, pageProtocol: 'http:' });
    const local = await provider.current();

    await setOffline(home.id, 'local');
    const lost = nextChange(provider);
    provider.reportFailure({ kind: 'remote', baseUrl: home.remoteUrl! }); // not the route in use: ignored
    expect(provider.info()).toEqual(local);
    provider.reportFailure(local);
    expect(await lost).toBeUndefined();
    expect(storage.getItem(storageKeys.homeyRoute(home.id))).toBeNull();

    const found = nextChange(provider);
    expect(await provider.current()).toEqual({ kind: 'remote', baseUrl: home.remoteUrl });
    expect(await found).toEqual({ kind: 'remote', baseUrl: home.remoteUrl });
    expect(describeRoute(provider.info())).toBe('via Athom cloud');
  });

  it('returns to the local network after the recheck interval once it answers again', async () => {
    const home = homeyOf(emu);
    let now = 1_000_000;
    const provider = createRouteProvider({ homey: home, storage: createMemoryStorage(), pageProtocol: 'http:', recheckLocalMs: 60_000, now: () => now });
    await setOffline(home.id, 'local');
    expect((await provider.current()).kind).toBe('remote');
    await setOnline(home.id);

    // Within the interval: no look at the local network.
    await emu.control('DELETE', '/__emulator/stats');
    now += 59_000;
    expect((await provider.current()).kind).toBe('remote');
    expect(countRequests(await emu.stats(), PING, homeyListener(home.id, 'local'))).toBe(0);

    // After it: this request still goes remote, and the route switches back in the background.
    now += 2_000;
    const change = nextChange(provider);
    expect((await provider.current()).kind).toBe('remote');
    expect(await change).toEqual({ kind: 'localSecure', baseUrl: home.localUrl });
    expect(await provider.current()).toEqual({ kind: 'localSecure', baseUrl: home.localUrl });
  });

  it('stays remote when the recheck finds the local network still away', async () => {
    const home = homeyOf(emu);
    let now = 0;
    const provider = createRouteProvider({ homey: home, storage: createMemoryStorage(), pageProtocol: 'http:', recheckLocalMs: 1000, now: () => now, localTimeoutMs: 200 });
    await setOffline(home.id, 'local');
    await provider.current();
    now += 5000;
    await emu.control('DELETE', '/__emulator/stats');
    await provider.current();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(provider.info()?.kind).toBe('remote');
    // One probe of the local address only, the remote one is not pinged again.
    const stats = await emu.stats();
    expect(countRequests(stats, PING, homeyListener(home.id, 'local'))).toBe(1);
    expect(countRequests(stats, PING, homeyListener(home.id, 'remote'))).toBe(0);
  });

  it('looks at the local network right away when a reload starts on the remote route', async () => {
    const home = homeyOf(emu);
    const storage = createMemoryStorage({ [storageKeys.homeyRoute(home.id)]: JSON.stringify({ kind: 'remote', baseUrl: home.remoteUrl }) });
    const provider = createRouteProvider({ homey: home, storage, pageProtocol: 'http:' });
    const change = nextChange(provider);
    expect((await provider.current()).kind).toBe('remote');
    expect((await change)?.kind).toBe('localSecure');
  });
});

describe('createDirectRouteProvider', () => {
  it('always answers the address it was given', async () => {
    const provider = createDirectRouteProvider('http://192.168.1.20/');
    expect(await provider.current()).toEqual({ kind: 'direct', baseUrl: 'http://192.168.1.20' });
    provider.reportFailure({ kind: 'direct', baseUrl: 'http://192.168.1.20' });
    expect(provider.info()).toEqual({ kind: 'direct', baseUrl: 'http://192.168.1.20' });
    expect(describeRoute(provider.info())).toBe('via local network');
  });
});
