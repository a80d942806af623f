import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countRequests, spawnEmulator } from '../../../test-support/emulator-client.ts';
import type { SpawnedEmulator } from '../../../test-support/emulator-client.ts';
import { createMemoryStorage } from '../../../test-support/memory-storage.ts';
import type { MemoryStorage } from '../../../test-support/memory-storage.ts';
import { createAthomCloud } from './athom-cloud.ts';
import { AthomRenewalRefusedError, HomeyLoginRefusedError, SignInRequiredError, retryAtOf } from './errors.ts';
import { HOMEY_SESSION_MS, createApiKeySession, createCloudSession } from './homey-session.ts';
import { storageKeys } from '../../lib/storage-keys.ts';
import type { LockManagerLike } from './homey-session.ts';
import { emulatorAccessTokens, expectNoSecrets, homeyOf, rejectionOf } from '../../../test-support/homey-test-kit.ts';

let emu: SpawnedEmulator;
const LOGIN = 'POST /api/manager/users/login';
const DELEGATION = 'POST /delegation/token';

beforeAll(async () => {
  emu = await spawnEmulator();
});
afterAll(() => emu?.close());
beforeEach(() => emu.control('POST', '/__emulator/reset'));

async function counts(): Promise<{ logins: number; delegations: number }> {
  const stats = await emu.stats();
  return { logins: countRequests(stats, LOGIN), delegations: countRequests(stats, DELEGATION, 'cloud') };
}

/** Web Locks as one browser shares them between its tabs: one holder per name, the rest queue. */
function sharedLocks(): LockManagerLike & { granted: number } {
  const tails = new Map<string, Promise<unknown>>();
  const locks = {
    granted: 0,
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      const before = tails.get(name) ?? Promise.resolve();
      const run = before.then(() => {
        locks.granted++;
        return callback();
      });
      tails.set(name, run.catch(() => undefined));
      return run;
    },
  };
  return locks;
}

function cloudSession(storage: MemoryStorage, extra: { locks?: LockManagerLike; email?: string; password?: string; homeyIndex?: number; now?: () => number } = {}) {
  const home = homeyOf(emu, extra.homeyIndex ?? 0);
  const cloud = createAthomCloud({ baseUrl: emu.cloudUrl, accessToken: emulatorAccessTokens(emu, extra.email, extra.password) });
  return createCloudSession({ homeyId: home.id, homeyName: home.name, cloud, baseUrl: () => home.localUrl!, storage, locks: extra.locks, now: extra.now });
}

describe('createCloudSession', () => {
  it('a Homey that refuses the login is asked again only after a wait that doubles, not at every poll', async () => {
    const home = homeyOf(emu, 0);
    await emu.control('POST', '/__emulator/faults', { target: `homey:${home.id}`, path: '/api/manager/users/login', kind: 'status', status: 401 });
    let clock = 1_800_000_000_000;
    const session = cloudSession(createMemoryStorage(), { now: () => clock });
    const first = await rejectionOf(session.current());
    expect(first).toBeInstanceOf(HomeyLoginRefusedError);
    expect(String(first)).toMatch(/refuses this account/);
    // A minute of polls every 5 s, each with its retries: no delegation, no login.
    for (let i = 0; i < 17; i++) {
      clock += 5000 / 3;
      expect(await rejectionOf(session.current())).toBe(first);
    }
    expect(await counts()).toEqual({ logins: 1, delegations: 1 });
    // 30 s on, one more try, refused again; the next waits a minute.
    clock += 2000;
    await rejectionOf(session.current());
    expect(await counts()).toEqual({ logins: 2, delegations: 2 });
    for (let i = 0; i < 35; i++) {
      clock += 5000 / 3;
      expect(await rejectionOf(session.current())).toBeInstanceOf(HomeyLoginRefusedError);
    }
    expect(await counts()).toEqual({ logins: 2, delegations: 2 });
    await emu.control('DELETE', '/__emulator/faults');
    clock += 2000;
    expect(await session.current()).toMatch(/^[\w-]+:[\w-]+:[0-9a-f]+$/);
    expect(await counts()).toEqual({ logins: 3, delegations: 3 });
  });

  it('a login that failed on the way tells every caller when the next try goes out', async () => {
    const home = homeyOf(emu, 0);
    await emu.control('POST', '/__emulator/faults', { target: `homey:${home.id}`, path: '/api/manager/users/login', kind: 'status', status: 503 });
    let clock = 1_800_000_000_000;
    const session = cloudSession(createMemoryStorage(), { now: () => clock });
    const first = await rejectionOf(session.current());
    expect(retryAtOf(first)).toBe(clock + 1000);
    clock += 400;
    // Within the back-off: the same failure and the same time, without a request.
    expect(retryAtOf(await rejectionOf(session.current()))).toBe(clock + 600);
    clock += 600;
    const second = await rejectionOf(session.current());
    expect(retryAtOf(second)).toBe(clock + 2000);
    expect(await counts()).toEqual({ logins: 2, delegations: 2 });
  });

  it('logs in with a delegation token and keeps the session for the next page load', async () => {
    const storage = createMemoryStorage();
    const session = cloudSession(storage);
    const token = await session.current();
    expect(token).toMatch(/^[\w-]+:[\w-]+:[0-9a-f]+$/);
    expect(storage.getItem(storageKeys.homeySession(emu.info.homeys[0]!.id))).toBe(token);
    expect(await session.current()).toBe(token);
    expect(await counts()).toEqual({ logins: 1, delegations: 1 });

    const afterReload = cloudSession(storage);
    expect(await afterReload.current()).toBe(token);
    expect(await counts()).toEqual({ logins: 1, delegations: 1 });
  });

  it('logs in once for twenty callers at once', async () => {
    const session = cloudSession(createMemoryStorage());
    const tokens = await Promise.all(Array.from({ length: 20 }, () => session.current()));
    expect(new Set(tokens).size).toBe(1);
    expect(await counts()).toEqual({ logins: 1, delegations: 1 });
  });

  it('renews once for twenty callers that saw the same token refused', async () => {
    const session = cloudSession(createMemoryStorage());
    const old = await session.current();
    await emu.control('DELETE', '/__emulator/stats');

    const renewed = await Promise.all(Array.from({ length: 20 }, () => session.renew(old)));
    expect(new Set(renewed).size).toBe(1);
    expect(renewed[0]).not.toBe(old);
    expect(await counts()).toEqual({ logins: 1, delegations: 1 });

    // A latecomer with the old token gets the new one, without another login.
    expect(await session.renew(old)).toBe(renewed[0]);
    expect(await session.current()).toBe(renewed[0]);
    expect(await counts()).toEqual({ logins: 1, delegations: 1 });
  });

  it('lets one tab renew for all: the other tab finds the new session under the lock', async () => {
    const storage = createMemoryStorage();
    const locks = sharedLocks();
    const tabA = cloudSession(storage, { locks });
    const tabB = cloudSession(storage, { locks });
    const old = await tabA.current();
    expect(await tabB.current()).toBe(old);
    await emu.control('DELETE', '/__emulator/stats');

    const [a, b] = await Promise.all([tabA.renew(old), tabB.renew(old)]);
    expect(a).toBe(b);
    expect(a).not.toBe(old);
    expect(locks.granted).toBeGreaterThanOrEqual(2);
    expect(await counts()).toEqual({ logins: 1, delegations: 1 });
  });

  it('picks up a session another tab stored, without locks', async () => {
    const storage = createMemoryStorage();
    const tabA = cloudSession(storage);
    const tabB = cloudSession(storage);
    const old = await tabA.current();
    const fresh = await tabA.renew(old);
    await emu.control('DELETE', '/__emulator/stats');
    expect(await tabB.renew(old)).toBe(fresh);
    expect(await counts()).toEqual({ logins: 0, delegations: 0 });
  });

  it('forgets the session on sign-out', async () => {
    const storage = createMemoryStorage();
    const session = cloudSession(storage);
    const first = await session.current();
    session.forget();
    expect(storage.snapshot()).toEqual({});
    expect(await session.current()).not.toBe(first);
  });

  it('keeps the session in memory when the browser refuses to store it', async () => {
    const refusing = createMemoryStorage();
    refusing.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const session = cloudSession(refusing);
    const token = await session.current();
    expect(await session.current()).toBe(token);
    expect(await counts()).toEqual({ logins: 1, delegations: 1 });
  });

  it('reports a Homey that refuses the user, without showing the delegation token', async () => {
    // solo@example.com owns only the cabin; Home refuses their delegation token.
    const session = cloudSession(createMemoryStorage(), { email: 'solo@example.com', password: 'solo' });
    const error = await rejectionOf(session.current());
    expect(error).toBeInstanceOf(HomeyLoginRefusedError);
    expect((error as HomeyLoginRefusedError).status).toBe(401);
    expect((error as Error).message).toBe('Homey "Home" refuses this account: This user has no access to this Homey');
    expect((error as Error).message).not.toMatch(/eyJ/);
  });
});

describe('a cloud session after Athom stopped renewing the sign-in', () => {
  it('runs on until the Homey ends it, then asks for a sign-in, and tells how long it has', async () => {
    const home = homeyOf(emu, 0);
    const tokens = emulatorAccessTokens(emu);
    let refused = false;
    const accessToken = {
      get: () => (refused ? Promise.reject(new AthomRenewalRefusedError()) : tokens.get()),
      renew: (failed: string) => (refused ? Promise.reject(new AthomRenewalRefusedError()) : tokens.renew(failed)),
    };
    const clock = 1_800_000_000_000;
    const session = createCloudSession({
      homeyId: home.id,
      cloud: createAthomCloud({ baseUrl: emu.cloudUrl, accessToken }),
      baseUrl: () => home.localUrl!,
      storage: createMemoryStorage(),
      now: () => clock,
    });
    const token = await session.current();
    expect(session.endsAt()).toBe(clock + HOMEY_SESSION_MS);
    refused = true;
    // Athom is not asked while the session holds.
    expect(await session.current()).toBe(token);
    await emu.control('POST', '/__emulator/revoke', { kind: 'session' });
    const ended = await rejectionOf(session.renew(token));
    expect(ended).toBeInstanceOf(SignInRequiredError);
    expect(String(ended)).toMatch(/session .* has ended/);
  });
});

describe('createApiKeySession', () => {
  it('sends the key and cannot renew it', async () => {
    const key = emu.info.homeys[0]!.apiKeys[0]!.token;
    const session = createApiKeySession(key);
    expect(await session.current()).toBe(key);
    const error = await rejectionOf(session.renew(key));
    expect(error).toBeInstanceOf(SignInRequiredError);
    expect((error as Error).message).toMatch(/^The Homey refused the API key/);
    expectNoSecrets(error, [key]);
    session.forget();
    expect(await session.current()).toBe(key);
  });
});
