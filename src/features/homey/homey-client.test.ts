import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countRequests, homeyListener, spawnEmulator } from '../../../test-support/emulator-client.ts';
import type { SpawnedEmulator } from '../../../test-support/emulator-client.ts';
import { createMemoryStorage } from '../../../test-support/memory-storage.ts';
import type { MemoryStorage } from '../../../test-support/memory-storage.ts';
import { createAthomCloud } from './athom-cloud.ts';
import {
  HomeyHttpError,
  HomeyMalformedResponseError,
  HomeyNetworkError,
  HomeyTimeoutError,
  SignInRequiredError,
  isRetryable,
} from './errors.ts';
import { createHomeyClient, hasScope } from './homey-client.ts';
import type { HomeyClient } from './homey-client.ts';
import { createApiKeySession, createCloudSession } from './homey-session.ts';
import { storageKeys } from '../../lib/storage-keys.ts';
import { createDirectRouteProvider, createRouteProvider } from './route-provider.ts';
import type { RouteProvider } from './route-provider.ts';
import { emulatorAccessTokens, expectNoSecrets, homeyOf, rejectionOf } from '../../../test-support/homey-test-kit.ts';

let emu: SpawnedEmulator;
const LOGIN = 'POST /api/manager/users/login';
const DELEGATION = 'POST /delegation/token';
const DEVICES = 'GET /api/manager/devices/device';
const SESSION_ME = 'GET /api/manager/sessions/session/me';

beforeAll(async () => {
  emu = await spawnEmulator();
});
afterAll(() => emu?.close());
beforeEach(() => emu.control('POST', '/__emulator/reset'));

const home = () => homeyOf(emu, 0);
const fault = (body: Record<string, unknown>) => emu.control('POST', '/__emulator/faults', { target: `homey:${home().id}`, ...body });
const apiKey = (scope: 'homey' | 'readonly') =>
  emu.info.homeys[0]!.apiKeys.find((k) => (scope === 'homey' ? k.scopes.includes('homey') : !k.scopes.includes('homey')))!.token;

interface Setup {
  client: HomeyClient;
  route: RouteProvider;
  storage: MemoryStorage;
  /** Every token this client may have sent, for "never in an error" checks. */
  secrets(): string[];
}

/** A Homey client signed in through the emulated cloud, as the app wires it. */
function cloudClient(options: { storage?: MemoryStorage; timeoutMs?: number; maxInFlight?: number } = {}): Setup {
  const storage = options.storage ?? createMemoryStorage();
  const homey = home();
  const route = createRouteProvider({ homey, storage, pageProtocol: 'http:' });
  const cloud = createAthomCloud({ baseUrl: emu.cloudUrl, accessToken: emulatorAccessTokens(emu) });
  const session = createCloudSession({
    homeyId: homey.id,
    homeyName: homey.name,
    cloud,
    baseUrl: async () => (await route.current()).baseUrl,
    storage,
  });
  const client = createHomeyClient({ homey, session, route, timeoutMs: options.timeoutMs, maxInFlight: options.maxInFlight });
  return {
    client,
    route,
    storage,
    // What is stored as a secret: the session token, not when it was opened.
    secrets: () =>
      Object.entries(storage.snapshot())
        .filter(([key, value]) => key !== storageKeys.homeySessionOpenedAt(homey.id) && !value.startsWith('{'))
        .map(([, value]) => value),
  };
}

function keyClient(key: string, options: { timeoutMs?: number; maxInFlight?: number } = {}): HomeyClient {
  const homey = home();
  return createHomeyClient({ homey, session: createApiKeySession(key), route: createDirectRouteProvider(homey.localUrl!), ...options });
}

async function loginCounts(): Promise<{ logins: number; delegations: number }> {
  const stats = await emu.stats();
  return { logins: countRequests(stats, LOGIN), delegations: countRequests(stats, DELEGATION, 'cloud') };
}

describe('the Homey client with a cloud account', () => {
  it('reads devices over the local network with a fresh session', async () => {
    const { client, storage } = cloudClient();
    const devices = await client.get<Record<string, { name: string }>>('devices/device');
    expect(Object.keys(devices).length).toBeGreaterThan(20);
    expect(client.status().route).toEqual({ kind: 'localSecure', baseUrl: home().localUrl });
    expect(storage.getItem(storageKeys.homeySession(home().id))).toBeTruthy();
    expect(await loginCounts()).toEqual({ logins: 1, delegations: 1 });
  });

  it('renews an expired session once for twenty requests that all got 401', async () => {
    const { client, secrets } = cloudClient();
    await client.get('devices/device');
    await emu.control('POST', '/__emulator/expire', { kind: 'session' });
    await emu.control('DELETE', '/__emulator/stats');

    const results = await Promise.all(Array.from({ length: 20 }, () => client.get<Record<string, unknown>>('zones/zone')));
    expect(results.every((zones) => Object.keys(zones).length > 0)).toBe(true);
    expect(await loginCounts()).toEqual({ logins: 1, delegations: 1 });
    const stats = await emu.stats();
    expect(stats[homeyListener(home().id, 'local')]!.peakInFlight).toBeLessThanOrEqual(2);
    expect(stats[homeyListener(home().id, 'local')]!.routes['GET /api/manager/zones/zone']!.statuses['401']).toBeLessThanOrEqual(2);
    expect(secrets()).toHaveLength(1);
  });

  it('does the same when the session was revoked', async () => {
    const { client } = cloudClient();
    await client.get('devices/device');
    await emu.control('POST', '/__emulator/revoke', { kind: 'session' });
    await emu.control('DELETE', '/__emulator/stats');
    await Promise.all(Array.from({ length: 20 }, () => client.get('devices/device')));
    expect(await loginCounts()).toEqual({ logins: 1, delegations: 1 });
  });

  it('reuses the stored session after a reload: no new login', async () => {
    const storage = createMemoryStorage();
    await cloudClient({ storage }).client.get('devices/device');
    await emu.control('DELETE', '/__emulator/stats');
    await cloudClient({ storage }).client.get('devices/device');
    expect(await loginCounts()).toEqual({ logins: 0, delegations: 0 });
  });

  it('retries only once: a second 401 is an error', async () => {
    const { client, secrets } = cloudClient();
    await client.get('devices/device');
    await fault({ path: '/api/manager/devices/device', kind: 'status', status: 401, count: 2 });
    await emu.control('DELETE', '/__emulator/stats');
    const error = await rejectionOf(client.get('devices/device'));
    expect(error).toBeInstanceOf(HomeyHttpError);
    expect((error as HomeyHttpError).status).toBe(401);
    expect(isRetryable(error)).toBe(false);
    expect(await loginCounts()).toEqual({ logins: 1, delegations: 1 });
    expectNoSecrets(error, secrets());
  });

  it('knows what the session may do, and asks once per session', async () => {
    const { client } = cloudClient();
    const scopes = await client.getScopes();
    expect(hasScope(scopes, 'homey.device.control')).toBe(true);
    expect(hasScope(scopes, 'homey.insights.readonly')).toBe(true);
    await client.getScopes();
    expect(countRequests(await emu.stats(), SESSION_ME)).toBe(1);

    await emu.control('POST', '/__emulator/revoke', { kind: 'session' });
    await client.get('devices/device'); // renews the session
    await client.getScopes();
    expect(countRequests(await emu.stats(), SESSION_ME)).toBe(2);
  });

  it('a caller that gives up (StrictMode unmount) does not spoil the scopes for the next one', async () => {
    const { client } = cloudClient();
    const first = new AbortController();
    const abandoned = client.getScopes({ signal: first.signal });
    // StrictMode: the first mount's fetch is aborted and the remount asks at once, in the same tick.
    first.abort();
    const remount = client.getScopes({ signal: new AbortController().signal });
    await expect(abandoned).rejects.toBeDefined();
    const scopes = await remount;
    expect(hasScope(scopes, 'homey.device.control')).toBe(true);
    expect(countRequests(await emu.stats(), SESSION_ME)).toBe(1);
  });

  it('writes a capability and triggers a flow', async () => {
    const { client } = cloudClient();
    type Device = { id: string; capabilitiesObj: Record<string, { setable?: boolean; value: unknown }> };
    const devices = await client.get<Record<string, Device>>('devices/device');
    const lamp = Object.values(devices).find((d) => d.capabilitiesObj.onoff?.setable)!;
    const next = !lamp.capabilitiesObj.onoff!.value;
    const answer = await client.put<{ value: unknown }>(`devices/device/${lamp.id}/capability/onoff`, { value: next });
    expect(answer.value).toBe(next);
    expect(await client.get(`devices/device/${lamp.id}/capability/onoff`)).toBe(next);

    const flows = await client.get<Record<string, { id: string; enabled?: boolean; triggerable?: boolean }>>('flow/flow');
    const flow = Object.values(flows).find((f) => f.enabled !== false && f.triggerable !== false)!;
    expect(await client.post(`flow/flow/${flow.id}/trigger`)).toBe(true);
  });

  it('turns a shape the caller cannot use into a clear error', async () => {
    const { client } = cloudClient();
    const parse = (value: unknown) => {
      if (!Array.isArray(value)) throw new Error('expected a list of zones');
      return value;
    };
    const error = await rejectionOf(client.get('zones/zone', { parse }));
    expect(error).toBeInstanceOf(HomeyMalformedResponseError);
    expect((error as Error).message).toBe('Homey "Home" answered zones/zone with an unexpected shape: expected a list of zones');
  });
});

describe('the Homey client with an API key (local mode)', () => {
  it('reads with the right key', async () => {
    const client = keyClient(apiKey('homey'));
    const zones = await client.get<Record<string, unknown>>('zones/zone');
    expect(Object.keys(zones).length).toBeGreaterThan(0);
    expect(client.status().route?.kind).toBe('direct');
  });

  it('asks to sign in again when the key is refused', async () => {
    const wrong = 'a3c1f0e2-0000-4e8a-9c1f-2d3e4f5a6b7c:5e6f7a8b-0000-4e1f-8a2b-3c4d5e6f7a8b:00';
    const error = await rejectionOf(keyClient(wrong).get('devices/device'));
    expect(error).toBeInstanceOf(SignInRequiredError);
    expect(isRetryable(error)).toBe(false);
    expectNoSecrets(error, [wrong]);
  });

  it('reports what a read-only key may not do', async () => {
    const key = apiKey('readonly');
    const client = keyClient(key);
    const scopes = await client.getScopes();
    expect(hasScope(scopes, 'homey.device.readonly')).toBe(true);
    expect(hasScope(scopes, 'homey.device.control')).toBe(false);

    const devices = await client.get<Record<string, { id: string }>>('devices/device');
    const id = Object.keys(devices)[0]!;
    const error = await rejectionOf(client.put(`devices/device/${id}/capability/onoff`, { value: true }));
    expect(error).toBeInstanceOf(HomeyHttpError);
    expect((error as Error).message).toBe('Homey answered 403: Missing Scopes: homey.device.control');
    expectNoSecrets(error, [key]);
  });
});

describe('the request queue', () => {
  it('keeps at most two requests in flight to a Homey', async () => {
    const client = keyClient(apiKey('homey'));
    await fault({ kind: 'latency', latencyMs: 200 });
    await emu.control('DELETE', '/__emulator/stats');
    const started = Date.now();
    await Promise.all(Array.from({ length: 10 }, () => client.get('zones/zone')));
    const stats = await emu.stats();
    expect(stats[homeyListener(home().id, 'local')]!.peakInFlight).toBe(2);
    expect(stats[homeyListener(home().id, 'local')]!.requests).toBe(10);
    expect(Date.now() - started).toBeGreaterThanOrEqual(5 * 200 - 50);
  });

  it('lets a request that is given up leave the queue', async () => {
    const client = keyClient(apiKey('homey'), { maxInFlight: 1 });
    await fault({ kind: 'latency', latencyMs: 300 });
    await emu.control('DELETE', '/__emulator/stats');
    const first = client.get('zones/zone');
    const abandoned = new AbortController();
    const second = client.get('zones/zone', { signal: abandoned.signal });
    const third = client.get('zones/zone');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.status()).toMatchObject({ inFlight: 1, queued: 2 });
    abandoned.abort();
    const error = await rejectionOf(second);
    expect((error as Error).name).toBe('AbortError');
    expect(client.status().queued).toBe(1);
    await Promise.all([first, third]);
    expect((await emu.stats())[homeyListener(home().id, 'local')]!.requests).toBe(2);
  });

  it('passes on 429 with Retry-After and holds the next request back until then', async () => {
    const client = keyClient(apiKey('homey'));
    await fault({ path: '/api/manager/devices/device', kind: 'status', status: 429, retryAfter: 1, count: 1 });
    const error = await rejectionOf(client.get('devices/device'));
    expect(error).toBeInstanceOf(HomeyHttpError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 1000 });
    expect(isRetryable(error)).toBe(true);

    const started = Date.now();
    await client.get('zones/zone');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    // The client itself did not repeat the refused request.
    expect(countRequests(await emu.stats(), DEVICES)).toBe(1);
  });
});

describe('failures', () => {
  it('a 500 is a retryable HTTP error with the Homey message', async () => {
    const client = keyClient(apiKey('homey'));
    await fault({ kind: 'status', status: 500, count: 1 });
    const error = await rejectionOf(client.get('devices/device'));
    expect(error).toBeInstanceOf(HomeyHttpError);
    expect((error as Error).message).toBe('Homey answered 500: Internal Server Error');
    expect(isRetryable(error)).toBe(true);
  });

  it('a body that is not JSON is a malformed answer', async () => {
    const client = keyClient(apiKey('homey'));
    await fault({ kind: 'malformed', count: 1 });
    const error = await rejectionOf(client.get('devices/device'));
    expect(error).toBeInstanceOf(HomeyMalformedResponseError);
    expect((error as Error).message).toMatch(/^Homey "Home" answered 200 with a body that is not JSON/);
  });

  it('a cut connection makes a read look for a route again and try once more at once', async () => {
    const { client, route, secrets } = cloudClient();
    await client.get('zones/zone');
    await fault({ kind: 'drop', count: 1, path: '/api/manager/devices/*' });
    await emu.control('DELETE', '/__emulator/stats');
    await client.get('devices/device');
    expect(countRequests(await emu.stats(), 'GET /api/manager/system/ping')).toBeGreaterThan(0);

    // Cut twice: a network error, and no route is trusted any more.
    await fault({ kind: 'drop', count: 2, path: '/api/manager/devices/*' });
    const error = await rejectionOf(client.get('devices/device'));
    expect(error).toBeInstanceOf(HomeyNetworkError);
    expect((error as Error).message).toBe('Could not reach Homey "Home" over the local network');
    expect(route.info()).toBeUndefined();
    expectNoSecrets(error, secrets());
  });

  it('a write is not sent twice after a cut connection', async () => {
    const { client } = cloudClient();
    await client.get('zones/zone');
    await fault({ kind: 'drop', count: 1, method: 'POST', path: '/api/manager/flow/flow/*' });
    const flows = (await client.get('flow/flow')) as Record<string, { id: string }>;
    const flow = Object.values(flows)[0]!;
    expect(await rejectionOf(client.post(`flow/flow/${flow.id}/trigger`, {}))).toBeInstanceOf(HomeyNetworkError);
  });

  it('falls back to the cloud relay at once when the local network goes away', async () => {
    const { client } = cloudClient();
    await client.get('zones/zone');
    await emu.control('POST', `/__emulator/homeys/${home().id}/offline`, { route: 'local' });
    await client.get('zones/zone');
    expect(client.status().route).toEqual({ kind: 'remote', baseUrl: home().remoteUrl });
  });

  it('a Homey that never answers times out', async () => {
    const key = apiKey('homey');
    const client = keyClient(key, { timeoutMs: 300 });
    // Two: the read is tried once more before it gives up.
    await fault({ kind: 'hang', count: 2 });
    const started = Date.now();
    const error = await rejectionOf(client.get('devices/device'));
    expect(error).toBeInstanceOf(HomeyTimeoutError);
    expect((error as Error).message).toBe('Homey "Home" did not answer within 300 ms');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(isRetryable(error)).toBe(true);
    expectNoSecrets(error, [key]);
    // The queue slot came back: the next request goes through.
    await client.get('zones/zone', { timeoutMs: 5000 });
  });

  it('a caller that aborts gets its abort, not a timeout or network error', async () => {
    const client = keyClient(apiKey('homey'));
    await fault({ kind: 'hang', count: 1 });
    const controller = new AbortController();
    const pending = client.get('devices/device', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await rejectionOf(pending);
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('hasScope', () => {
  it.each([
    [['homey'], 'homey.device.control', true],
    [['homey'], 'homey.flow.start', true],
    [['homey.device'], 'homey.device.readonly', true],
    [['homey.device'], 'homey.device.control', true],
    [['homey.device.control'], 'homey.device.control', true],
    [['homey.device.control'], 'homey.device.readonly', true],
    [['homey.device.control'], 'homey.device', false],
    [['homey.device.readonly'], 'homey.device.control', false],
    [['homey.device.readonly'], 'homey.device.readonly', true],
    [['homey.devices'], 'homey.device.readonly', false],
    [['homey.flow.readonly'], 'homey.flow.start', false],
    [[], 'homey.device.readonly', false],
    [['homey.app'], 'homey.app:com.example', true],
    [['homey.app:com.other'], 'homey.app:com.example', false],
  ])('%j grants %s: %s', (scopes, needed, expected) => {
    expect(hasScope(scopes, needed)).toBe(expected);
  });
});
