import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { wipeStoredSignIn } from '../features/auth/local-credentials.ts';
import { deviceQueries } from '../features/devices/device-queries.ts';
import { homeyQueryKeys } from '../features/homey/homey-queries.ts';
import { createMemoryStorage } from '../../test-support/memory-storage.ts';
import type { MemoryStorage } from '../../test-support/memory-storage.ts';
import { PERSISTED_CACHE_KEY, PERSISTED_MAX_AGE_MS, restoreAndPersistQueries } from './query-persistence.ts';

const DEVICES_KEY = [...deviceQueries.all('homey-1'), 'list'];
const stops: (() => void)[] = [];

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.useRealTimers();
});

async function persisting(storage: MemoryStorage, buster = '1.0.0'): Promise<QueryClient> {
  const client = new QueryClient();
  stops.push(await restoreAndPersistQueries(client, { storage, buster, throttleMs: 0 }));
  return client;
}

/** What is stored, parsed; undefined when nothing is. */
function stored(storage: MemoryStorage): { buster: string; clientState: { queries: { queryKey: unknown[]; state: { data: unknown; dataUpdatedAt: number } }[] } } | undefined {
  const raw = storage.getItem(PERSISTED_CACHE_KEY);
  return raw ? JSON.parse(raw) : undefined;
}

const storedKeys = (storage: MemoryStorage) => stored(storage)?.clientState.queries.map((q) => q.queryKey) ?? [];

describe('the persisted query cache', () => {
  it('keeps what the Homey and the account sent, and nothing else', async () => {
    const storage = createMemoryStorage();
    const client = await persisting(storage);
    client.setQueryData(DEVICES_KEY, { devices: [{ id: 'd1', name: 'Lamp' }] });
    client.setQueryData(homeyQueryKeys.athomUser(), { id: 'u1', homeys: [{ id: 'homey-1', name: 'Home' }] });
    client.setQueryData(['oidc', 'something-else'], { token: 'not ours to keep' });
    await client.prefetchQuery({ queryKey: ['homey', 'homey-1', 'zones'], queryFn: () => Promise.reject(new Error('unreachable')), retry: false });

    await vi.waitFor(() => expect(storedKeys(storage)).toHaveLength(2));
    expect(storedKeys(storage)).toEqual(expect.arrayContaining([DEVICES_KEY, [...homeyQueryKeys.athomUser()]]));
    expect(storage.getItem(PERSISTED_CACHE_KEY)).not.toContain('not ours to keep');
  });

  it('a cold start gets the last values with the time they were fetched', async () => {
    const storage = createMemoryStorage();
    const before = await persisting(storage);
    before.setQueryData(DEVICES_KEY, { devices: [{ id: 'd1', name: 'Lamp', value: 21.5 }] }, { updatedAt: 1_700_000_000_000 });
    await vi.waitFor(() => expect(storedKeys(storage)).toHaveLength(1));

    const after = await persisting(storage);
    expect(after.getQueryData(DEVICES_KEY)).toEqual({ devices: [{ id: 'd1', name: 'Lamp', value: 21.5 }] });
    expect(after.getQueryState(DEVICES_KEY)?.dataUpdatedAt).toBe(1_700_000_000_000);
  });

  it('another version of the app starts without the old copy, and removes it', async () => {
    const storage = createMemoryStorage();
    const before = await persisting(storage, '1.0.0');
    before.setQueryData(DEVICES_KEY, { devices: [] });
    await vi.waitFor(() => expect(storedKeys(storage)).toHaveLength(1));

    const after = await persisting(storage, '1.1.0');
    expect(after.getQueryData(DEVICES_KEY)).toBeUndefined();
    expect(storage.getItem(PERSISTED_CACHE_KEY)).toBeNull();
  });

  it('a copy older than a week is dropped', async () => {
    const storage = createMemoryStorage();
    const before = await persisting(storage);
    before.setQueryData(DEVICES_KEY, { devices: [] });
    await vi.waitFor(() => expect(storedKeys(storage)).toHaveLength(1));

    vi.useFakeTimers({ now: Date.now() + PERSISTED_MAX_AGE_MS + 1, toFake: ['Date'] });
    const after = await persisting(storage);
    expect(after.getQueryData(DEVICES_KEY)).toBeUndefined();
  });

  it('a damaged entry is dropped, not thrown at the screen', async () => {
    const storage = createMemoryStorage({ [PERSISTED_CACHE_KEY]: '{not json' });
    const client = await persisting(storage);
    expect(client.getQueryCache().getAll()).toEqual([]);
    expect(storage.getItem(PERSISTED_CACHE_KEY)).toBeNull();
  });

  it('sign-out (queryClient.clear) leaves no entry behind, not even an empty one', async () => {
    const storage = createMemoryStorage();
    const client = await persisting(storage);
    client.setQueryData(DEVICES_KEY, { devices: [] });
    await vi.waitFor(() => expect(storedKeys(storage)).toHaveLength(1));

    client.clear();
    await vi.waitFor(() => expect(storage.getItem(PERSISTED_CACHE_KEY)).toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(storage.snapshot()).toEqual({});
  });

  it('is among what wipeStoredSignIn removes', () => {
    const storage = createMemoryStorage({ [PERSISTED_CACHE_KEY]: '{}', 'homey-dashboard:settings': '{}' });
    wipeStoredSignIn(storage as unknown as Storage);
    expect(storage.snapshot()).toEqual({ 'homey-dashboard:settings': '{}' });
  });

  it('when storage is full, the oldest values go first', async () => {
    const real = createMemoryStorage();
    // One query with its state is ~630 characters here; two do not fit.
    const limit = 1000;
    const storage: MemoryStorage = {
      ...real,
      setItem(key, value) {
        if (value.length > limit) throw new DOMException('full', 'QuotaExceededError');
        real.setItem(key, value);
      },
    };
    const client = await persisting(storage);
    client.setQueryData(['homey', 'homey-1', 'zones'], { items: 'x'.repeat(150) }, { updatedAt: 1000 });
    client.setQueryData(DEVICES_KEY, { devices: 'y'.repeat(150) }, { updatedAt: 2000 });
    await vi.waitFor(() => expect(storedKeys(real)).toEqual([DEVICES_KEY]));
  });
});
