import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { wipeStoredSignIn } from '../features/auth/local-credentials.ts';
import { deviceQueries } from '../features/devices/device-queries.ts';
import { homeyQueryKeys } from '../features/homey/homey-queries.ts';
import { createMemoryStorage } from '../../test-support/memory-storage.ts';
import type { MemoryStorage } from '../../test-support/memory-storage.ts';
import { PERSISTED_CACHE_MAX_CHARS, PERSISTED_TEXT_MAX_CHARS, readPersistedCacheReport, resetPersistedCacheReport } from './persisted-cache-report.ts';
import { PERSISTED_CACHE_KEY, PERSISTED_MAX_AGE_MS, REWRITE_UNCHANGED_AFTER_MS, restoreAndPersistQueries, serializeWithinCap } from './query-persistence.ts';
import type { QueryPersistenceOptions } from './query-persistence.ts';

const DEVICES_KEY = [...deviceQueries.all('homey-1'), 'list'];
const stops: (() => void)[] = [];

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.useRealTimers();
  resetPersistedCacheReport();
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

async function persistingWith(storage: MemoryStorage, options: Partial<QueryPersistenceOptions> = {}): Promise<QueryClient> {
  const client = new QueryClient();
  stops.push(await restoreAndPersistQueries(client, { storage, buster: '1.0.0', throttleMs: 0, ...options }));
  return client;
}

/** A storage that counts the writes of the stored copy. */
function countingStorage(): MemoryStorage & { writes: () => number } {
  const real = createMemoryStorage();
  let writes = 0;
  return {
    ...real,
    setItem(key, value) {
      if (key === PERSISTED_CACHE_KEY) writes += 1;
      real.setItem(key, value);
    },
    writes: () => writes,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the persisted query cache, bounded', () => {
  it('is not written again when a poll brings the same values, until a minute has passed', async () => {
    const storage = countingStorage();
    let clock = 1_700_000_000_000;
    const client = await persistingWith(storage, { now: () => clock });
    client.setQueryData(DEVICES_KEY, { devices: [{ id: 'd1', name: 'Lamp', value: 21.5 }] });
    await vi.waitFor(() => expect(storage.writes()).toBe(1));

    // What a poll with unchanged values does: new objects, equal to the old ones, a newer time.
    for (let poll = 0; poll < 5; poll++) client.setQueryData(DEVICES_KEY, { devices: [{ id: 'd1', name: 'Lamp', value: 21.5 }] });
    await settle();
    expect(storage.writes()).toBe(1);

    client.setQueryData(DEVICES_KEY, { devices: [{ id: 'd1', name: 'Lamp', value: 22 }] });
    await vi.waitFor(() => expect(storage.writes()).toBe(2));

    clock += REWRITE_UNCHANGED_AFTER_MS;
    client.setQueryData(DEVICES_KEY, { devices: [{ id: 'd1', name: 'Lamp', value: 22 }] }, { updatedAt: clock });
    await vi.waitFor(() => expect(storage.writes()).toBe(3));
    expect(stored(storage)?.clientState.queries[0]?.state.dataUpdatedAt).toBe(clock);
  });

  it('stores a text of a megabyte cut, so the copy stays small, while the screen keeps the whole text', async () => {
    const storage = createMemoryStorage();
    const client = await persistingWith(storage);
    const megabyte = 'The bins go out on Tuesday. '.repeat(40_000);
    client.setQueryData(DEVICES_KEY, { devices: [{ id: 'd1', name: 'Notice board', value: megabyte }] });
    await vi.waitFor(() => expect(storedKeys(storage)).toHaveLength(1));

    const raw = storage.getItem(PERSISTED_CACHE_KEY) ?? '';
    expect(raw.length).toBeLessThan(PERSISTED_TEXT_MAX_CHARS + 1000);
    const kept = (stored(storage)?.clientState.queries[0]?.state.data as { devices: { value: string }[] }).devices[0]?.value ?? '';
    expect(kept).toHaveLength(PERSISTED_TEXT_MAX_CHARS);
    expect(kept.endsWith('…')).toBe(true);
    expect(client.getQueryData<{ devices: { value: string }[] }>(DEVICES_KEY)?.devices[0]?.value).toBe(megabyte);
    expect(readPersistedCacheReport().written).toEqual({ chars: raw.length, queries: 1, leftOut: 0, cutTexts: 1 });
  });

  it('over its cap keeps the newest queries whole, in one whole JSON text, and says how many it left out', async () => {
    const storage = createMemoryStorage();
    const client = await persistingWith(storage, { maxChars: 2500 });
    client.setQueryData(['homey', 'homey-1', 'zones'], { items: 'z'.repeat(700) }, { updatedAt: 1000 });
    client.setQueryData(['homey', 'homey-1', 'flows'], { items: 'f'.repeat(700) }, { updatedAt: 3000 });
    client.setQueryData(DEVICES_KEY, { devices: 'd'.repeat(700) }, { updatedAt: 2000 });
    await vi.waitFor(() => expect(readPersistedCacheReport().written?.leftOut).toBe(1));

    const raw = storage.getItem(PERSISTED_CACHE_KEY) ?? '';
    expect(raw.length).toBeLessThanOrEqual(2500);
    expect(storedKeys(storage)).toEqual([
      ['homey', 'homey-1', 'flows'],
      DEVICES_KEY,
    ]);
    // What is kept restores.
    const after = await persistingWith(storage, { maxChars: 2500 });
    expect(after.getQueryData(DEVICES_KEY)).toEqual({ devices: 'd'.repeat(700) });
  });

  it('when even the newest query alone is over the cap, keeps nothing rather than an older copy, and says how large it was', async () => {
    const storage = createMemoryStorage();
    const client = await persistingWith(storage, { maxChars: 2000 });
    client.setQueryData(DEVICES_KEY, { devices: 'small' });
    await vi.waitFor(() => expect(storedKeys(storage)).toHaveLength(1));

    client.setQueryData(DEVICES_KEY, { devices: 'd'.repeat(3000) });
    await vi.waitFor(() => expect(storage.getItem(PERSISTED_CACHE_KEY)).toBeNull());
    expect(readPersistedCacheReport().tooLarge?.chars).toBeGreaterThan(3000);
    expect(readPersistedCacheReport().written).toBeUndefined();
  });

  it('over its cap, is not built again for every new value of the same queries, only once a minute', async () => {
    const real = createMemoryStorage();
    let tries = 0;
    // Each copy built and found over the cap ends in removing the entry.
    const storage: MemoryStorage = { ...real, removeItem: (key) => ((tries += 1), real.removeItem(key)) };
    let clock = 1_700_000_000_000;
    const client = await persistingWith(storage, { maxChars: 2000, now: () => clock });
    client.setQueryData(DEVICES_KEY, { devices: 'd'.repeat(3000), value: 0 });
    await vi.waitFor(() => expect(readPersistedCacheReport().tooLarge).toBeDefined());
    const before = tries;
    for (let value = 1; value <= 5; value++) {
      client.setQueryData(DEVICES_KEY, { devices: 'd'.repeat(3000), value });
      await settle();
    }
    expect(tries).toBe(before);
    // A minute on, it is tried again (what fits may have changed).
    clock += REWRITE_UNCHANGED_AFTER_MS;
    client.setQueryData(DEVICES_KEY, { devices: 'd'.repeat(3000), value: 6 });
    await vi.waitFor(() => expect(tries).toBe(before + 1));
  });

  it('is gone the moment sign-out clears the cache, not a throttle interval later', async () => {
    const storage = createMemoryStorage();
    const earlier = await persistingWith(storage);
    earlier.setQueryData(DEVICES_KEY, { devices: [{ id: 'd1', name: 'Lamp', value: 21.5 }] });
    await vi.waitFor(() => expect(storedKeys(storage)).toHaveLength(1));
    // The next start restores that copy and writes at most once a minute.
    const client = await persistingWith(storage, { throttleMs: 60_000 });
    expect(client.getQueryData(DEVICES_KEY)).toBeDefined();
    client.setQueryData(DEVICES_KEY, { devices: [{ id: 'd1', name: 'Lamp', value: 22 }] });
    client.clear();
    expect(storage.getItem(PERSISTED_CACHE_KEY)).toBeNull();
  });

  it('refuses a stored copy over its cap at start, with its size, and starts as on a first visit', async () => {
    const huge = JSON.stringify({ buster: '1.0.0', timestamp: Date.now(), clientState: { mutations: [], queries: [], padding: 'x'.repeat(PERSISTED_CACHE_MAX_CHARS) } });
    const storage = createMemoryStorage({ [PERSISTED_CACHE_KEY]: huge });
    const client = await persistingWith(storage);
    expect(client.getQueryCache().getAll()).toEqual([]);
    expect(storage.getItem(PERSISTED_CACHE_KEY)).toBeNull();
    expect(readPersistedCacheReport().refused).toEqual({ chars: huge.length });
  });

  it('says when the browser would not take the copy', async () => {
    const real = createMemoryStorage();
    const storage: MemoryStorage = {
      ...real,
      setItem() {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    const client = await persistingWith(storage);
    client.setQueryData(DEVICES_KEY, { devices: [] });
    await vi.waitFor(() => expect(readPersistedCacheReport().failed).toBe('QuotaExceededError'));
  });
});


describe('the stored copy as text', () => {
  const query = (data: unknown) => ({ queryKey: ['q'], queryHash: '["q"]', state: { data, dataUpdatedAt: 5, status: 'success' } });
  const client = (data: unknown) => ({ buster: 'b', timestamp: 1, clientState: { mutations: [], queries: [query(data)] } }) as unknown as Parameters<typeof serializeWithinCap>[0];

  it('is what JSON.stringify writes, for every shape the cache holds', () => {
    const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { onoff: { value: true }, constructor: { value: 1 } });
    const odd = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as unknown;
    const data = { devices: [{ id: 'a', n: 1.5, nan: Number.NaN, gone: undefined, list: [1, undefined, null, 'é "quoted" \n'], caps: nullProto }, odd], when: new Date(0), broken: [] };
    expect(serializeWithinCap(client(data), 1e9).text).toBe(JSON.stringify(client(data)));
    expect(serializeWithinCap(client(undefined), 1e9).text).toBe(JSON.stringify(client(undefined)));
  });

  it('serialises again only what changed, and the result equals a fresh one', () => {
    const texts = new WeakMap<object, { text: string; cut: number }>();
    const long = 'x'.repeat(PERSISTED_TEXT_MAX_CHARS + 10);
    const devices = Array.from({ length: 50 }, (_, i) => ({ id: `d${i}`, note: i === 3 ? long : 'short', capabilitiesObj: { t: { value: i } } }));
    const first = serializeWithinCap(client({ devices }), 1e9, texts);
    expect(first.report.cutTexts).toBe(1);
    const entries = vi.spyOn(Object, 'entries');
    const changed = devices.slice();
    changed[7] = { ...devices[7]!, capabilitiesObj: { t: { value: 99 } } };
    const second = serializeWithinCap(client({ devices: changed }), 1e9, texts);
    // The new list, the changed device and its two new inner objects: not the 49 others.
    expect(entries.mock.calls.length).toBeLessThanOrEqual(5);
    entries.mockRestore();
    expect(second.text).toBe(serializeWithinCap(client({ devices: changed }), 1e9).text);
    expect(second.text).toContain('"value":99');
    expect(second.report.cutTexts).toBe(1);
  });
});
