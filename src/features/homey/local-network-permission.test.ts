import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countRequests, homeyListener, spawnEmulator } from '../../../test-support/emulator-client.ts';
import type { SpawnedEmulator } from '../../../test-support/emulator-client.ts';
import { createMemoryStorage } from '../../../test-support/memory-storage.ts';
import { homeyOf } from '../../../test-support/homey-test-kit.ts';
import { combineStates, watchLocalNetworkPermission } from './local-network-permission.ts';
import type { LocalNetworkState, PermissionsLike } from './local-network-permission.ts';
import { HomeyUnreachableError, discoverRoute, routeCandidates, unpromptedKinds } from './route-discovery.ts';
import type { Route } from './route-discovery.ts';
import { createRouteProvider } from './route-provider.ts';
import { manualPermission } from '../../../test-support/manual-permission.ts';

// A denied local network is told apart from a dead Homey: the permission's state, not the bare
// TypeError a denied fetch gives (docs/homey-web-api.md §5), decides the route.

/** A navigator whose permission a test sets; `names` are the permission names this browser knows. */
function fakeNavigator(names: readonly string[], initial: string) {
  const statuses = new Map<string, { state: string; listeners: (() => void)[] }>();
  const nav: PermissionsLike = {
    permissions: {
      query: ({ name }) => {
        if (!names.includes(name)) return Promise.reject(new TypeError(`'${name}' is not a valid enum value`));
        const status = { state: initial, listeners: [] as (() => void)[] };
        statuses.set(name, status);
        return Promise.resolve({
          get state() {
            return status.state;
          },
          addEventListener: (_type: 'change', listener: () => void) => status.listeners.push(listener),
        });
      },
    },
  };
  const set = (state: string, only?: string) => {
    for (const [name, status] of statuses) {
      if (only && name !== only) continue;
      status.state = state;
      status.listeners.forEach((l) => l());
    }
  };
  return { nav, set };
}

function nextRoute(provider: { subscribe(listener: (route: Route | undefined) => void): () => void }, want: (r: Route | undefined) => boolean) {
  return new Promise<Route | undefined>((resolve) => {
    const stop = provider.subscribe((route) => {
      if (!want(route)) return;
      stop();
      resolve(route);
    });
  });
}

describe('watchLocalNetworkPermission', () => {
  it('reads both names as one state, and follows a change', async () => {
    const { nav, set } = fakeNavigator(['local-network', 'local-network-access'], 'prompt');
    const permission = watchLocalNetworkPermission(nav);
    expect(await permission.ready()).toBe('prompt');
    const heard: LocalNetworkState[] = [];
    permission.subscribe((s) => heard.push(s));
    set('granted');
    expect(permission.state()).toBe('granted');
    expect(heard).toEqual(['granted']);
  });

  it('takes a denial of the old name alone (DevTools sets one name), and knows an older Chrome by its one name', async () => {
    const both = fakeNavigator(['local-network', 'local-network-access'], 'prompt');
    const permission = watchLocalNetworkPermission(both.nav);
    await permission.ready();
    both.set('denied', 'local-network-access');
    expect(permission.state()).toBe('denied');

    const older = watchLocalNetworkPermission(fakeNavigator(['local-network-access'], 'granted').nav);
    expect(await older.ready()).toBe('granted');
  });

  it('is unknown where the browser has no such permission, or no Permissions API', async () => {
    expect(await watchLocalNetworkPermission(fakeNavigator([], 'granted').nav).ready()).toBe('unknown');
    expect(await watchLocalNetworkPermission({}).ready()).toBe('unknown');
    expect(await watchLocalNetworkPermission(undefined).ready()).toBe('unknown');
    expect(combineStates(['prompt', 'granted'])).toBe('granted');
    expect(combineStates(['', 'denied'])).toBe('denied');
  });
});

describe('the route with the local network permission', () => {
  let emu: SpawnedEmulator;
  const PING = 'GET /api/manager/system/ping';
  beforeAll(async () => {
    emu = await spawnEmulator();
  });
  afterAll(() => emu?.close());
  beforeEach(() => emu.control('POST', '/__emulator/reset'));

  it('denied: no local address is a candidate, and the picker’s unprompted check keeps to the relay while the browser would ask', () => {
    const home = homeyOf(emu);
    expect(routeCandidates(home, 'http:', 'denied').map((r) => r.kind)).toEqual(['remote']);
    expect(routeCandidates(home, 'http:', 'granted').map((r) => r.kind)).toEqual(['localSecure', 'remote']);
    expect(unpromptedKinds('prompt')).toEqual(['remote']);
    expect(unpromptedKinds('granted')).toBeUndefined();
    expect(unpromptedKinds('unknown')).toBeUndefined();
  });

  it('denied: the relay is used without a local ping, and the route says why', async () => {
    const home = homeyOf(emu);
    await emu.control('DELETE', '/__emulator/stats');
    const provider = createRouteProvider({ homey: home, storage: createMemoryStorage(), pageProtocol: 'http:', permission: manualPermission('denied') });
    expect(await provider.current()).toEqual({ kind: 'remote', baseUrl: home.remoteUrl });
    expect(provider.localNetwork()).toBe('denied');
    expect(countRequests(await emu.stats(), PING, homeyListener(home.id, 'local'))).toBe(0);
  });

  it('granted while on the relay: the local network is looked at once, not five minutes later', async () => {
    const home = homeyOf(emu);
    const permission = manualPermission('denied');
    let clock = 0;
    const provider = createRouteProvider({ homey: home, storage: createMemoryStorage(), pageProtocol: 'http:', permission, now: () => clock });
    expect((await provider.current()).kind).toBe('remote');
    clock += 1000;
    const local = nextRoute(provider, (r) => r?.kind === 'localSecure');
    permission.set('granted');
    expect(await local).toEqual({ kind: 'localSecure', baseUrl: home.localUrl });
  });

  it('granted while the first discovery still runs without it: the LAN is looked at as soon as it ends', async () => {
    const home = homeyOf(emu);
    await emu.control('POST', '/__emulator/faults', { target: `homey:${home.id}:remote`, path: '/api/manager/system/ping', kind: 'latency', latencyMs: 400 });
    const permission = manualPermission('denied');
    const provider = createRouteProvider({ homey: home, storage: createMemoryStorage(), pageProtocol: 'http:', permission });
    const local = nextRoute(provider, (r) => r?.kind === 'localSecure');
    const first = provider.current();
    await new Promise((r) => setTimeout(r, 100));
    permission.set('granted');
    expect((await first).kind).toBe('remote');
    expect(await local).toEqual({ kind: 'localSecure', baseUrl: home.localUrl });
  });

  it('denied while on the local network: the route is dropped, and the next request finds the relay', async () => {
    const home = homeyOf(emu);
    const permission = manualPermission('granted');
    const provider = createRouteProvider({ homey: home, storage: createMemoryStorage(), pageProtocol: 'http:', permission });
    const stop = provider.subscribe(() => undefined);
    expect((await provider.current()).kind).toBe('localSecure');
    permission.set('denied');
    expect(provider.info()).toBeUndefined();
    expect((await provider.current()).kind).toBe('remote');
    stop();
  });

  it('no longer watches the permission once nobody watches the provider (a Homey left for another)', async () => {
    const home = homeyOf(emu);
    const permission = manualPermission('denied');
    const provider = createRouteProvider({ homey: home, storage: createMemoryStorage(), pageProtocol: 'http:', permission });
    const stop = provider.subscribe(() => undefined);
    expect((await provider.current()).kind).toBe('remote');
    stop();
    await emu.control('DELETE', '/__emulator/stats');
    permission.set('granted');
    await new Promise((r) => setTimeout(r, 300));
    expect(countRequests(await emu.stats(), PING, homeyListener(home.id, 'local'))).toBe(0);
  });

  it('denied and the relay off line: the failure names the permission, not only "unreachable"', async () => {
    const home = homeyOf(emu);
    await emu.control('POST', `/__emulator/homeys/${home.id}/offline`, { route: 'remote' });
    const failure = await discoverRoute(home, { pageProtocol: 'http:', localNetwork: 'denied' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HomeyUnreachableError);
    expect((failure as HomeyUnreachableError).localNetworkDenied).toBe(true);
    expect((failure as Error).message).toMatch(/may not reach the local network/);
    // A dead Homey with the permission in order is not mistaken for one.
    await emu.control('POST', `/__emulator/homeys/${home.id}/offline`, { route: 'all' });
    const dead = await discoverRoute(home, { pageProtocol: 'http:', localNetwork: 'granted' }).catch((e: unknown) => e);
    expect((dead as HomeyUnreachableError).localNetworkDenied).toBe(false);
  });
});
