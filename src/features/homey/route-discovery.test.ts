import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countRequests, homeyListener, spawnEmulator } from '../../../test-support/emulator-client.ts';
import type { SpawnedEmulator } from '../../../test-support/emulator-client.ts';
import { HomeyNetworkError } from './errors.ts';
import { HomeyUnreachableError, discoverRoute, routeCandidates } from './route-discovery.ts';
import { homeyOf, rejectionOf } from '../../../test-support/homey-test-kit.ts';

let emu: SpawnedEmulator;
const PING = 'GET /api/manager/system/ping';

beforeAll(async () => {
  emu = await spawnEmulator();
});
afterAll(() => emu?.close());
beforeEach(() => emu.control('POST', '/__emulator/reset'));

const offline = (homeyId: string, route: 'local' | 'remote' | 'all', mode: 'refuse' | 'hang' = 'refuse') =>
  emu.control('POST', `/__emulator/homeys/${homeyId}/offline`, { route, mode });

describe('discoverRoute', () => {
  it('prefers the secure local address when it answers', async () => {
    const home = homeyOf(emu);
    const route = await discoverRoute(home, { pageProtocol: 'http:' });
    // The emulator has no TLS: localUrlSecure and localUrl are one listener, pinged once.
    expect(route).toEqual({ kind: 'localSecure', baseUrl: home.localUrlSecure });
    const stats = await emu.stats();
    expect(countRequests(stats, PING, homeyListener(home.id, 'local'))).toBe(1);
    expect(countRequests(stats, PING, homeyListener(home.id, 'remote'))).toBe(1);
  });

  it('uses plain http on the LAN only from an http page', async () => {
    const home = { ...homeyOf(emu), localUrlSecure: undefined };
    expect(await discoverRoute(home, { pageProtocol: 'http:' })).toEqual({ kind: 'local', baseUrl: home.localUrl });
    expect(await discoverRoute(home, { pageProtocol: 'https:' })).toEqual({ kind: 'remote', baseUrl: home.remoteUrl });
    expect(routeCandidates(home, 'https:').map((r) => r.kind)).toEqual(['remote']);
  });

  it('falls back to the remote route when the local network does not answer', async () => {
    const home = homeyOf(emu);
    await offline(home.id, 'local');
    expect(await discoverRoute(home, { pageProtocol: 'http:' })).toEqual({ kind: 'remote', baseUrl: home.remoteUrl });
  });

  it('waits for a silent local address no longer than its timeout', async () => {
    const home = homeyOf(emu);
    await offline(home.id, 'local', 'hang');
    const started = Date.now();
    const route = await discoverRoute(home, { pageProtocol: 'http:', localTimeoutMs: 200 });
    expect(route.kind).toBe('remote');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('says which routes it tried when none answers', async () => {
    const home = homeyOf(emu);
    await offline(home.id, 'all');
    const error = await rejectionOf(discoverRoute(home, { pageProtocol: 'http:' }));
    expect(error).toBeInstanceOf(HomeyNetworkError);
    expect((error as Error).message).toBe('Homey "Home" is not reachable (tried local, remote)');
    expect((error as HomeyUnreachableError).attempts.map((a) => a.kind)).toEqual(['localSecure', 'remote']);
  });

  it('refuses an answer from another Homey at the same address', async () => {
    const home = homeyOf(emu, 0);
    const cabin = homeyOf(emu, 1);
    // The cabin answers a ping for Home's id with `false` and its own X-Homey-ID.
    const res = await fetch(`${cabin.localUrl}/api/manager/system/ping?id=${home.id}`);
    expect(res.headers.get('X-Homey-ID')).toBe(cabin.id);
    expect(await res.json()).toBe(false);

    const moved = { ...home, localUrl: cabin.localUrl, localUrlSecure: cabin.localUrl };
    expect(await discoverRoute(moved, { pageProtocol: 'http:' })).toEqual({ kind: 'remote', baseUrl: home.remoteUrl });

    const lost = { ...moved, remoteUrl: cabin.remoteUrl };
    const error = await rejectionOf(discoverRoute(lost, { pageProtocol: 'http:' }));
    expect(error).toBeInstanceOf(HomeyUnreachableError);
    expect((error as Error).message).toBe(
      'Homey "Home" is not reachable (tried local, remote); a different Homey answered at the local address; a different Homey answered at the remote address',
    );
  });

  it('takes the preferred route when it answers, and only the kinds asked for', async () => {
    const home = homeyOf(emu);
    expect((await discoverRoute(home, { pageProtocol: 'http:', preferred: 'remote' })).kind).toBe('remote');
    await offline(home.id, 'local');
    const error = await rejectionOf(discoverRoute(home, { pageProtocol: 'http:', kinds: ['localSecure', 'local'] }));
    expect((error as Error).message).toBe('Homey "Home" is not reachable (tried local)');
  });

  it('has nothing to try without addresses', async () => {
    const error = await rejectionOf(discoverRoute({ id: 'x', name: 'Bare' }, { pageProtocol: 'http:' }));
    expect((error as Error).message).toBe('Homey "Bare" has no address to try');
  });
});
