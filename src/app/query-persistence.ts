import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister';
import { defaultShouldDehydrateQuery, partialMatchKey } from '@tanstack/react-query';
import type { Query, QueryClient } from '@tanstack/react-query';
import { persistQueryClientRestore, persistQueryClientSubscribe, removeOldestQuery } from '@tanstack/react-query-persist-client';
import type { PersistedClient } from '@tanstack/react-query-persist-client';
import { homeyQueryKeys } from '../features/homey/homey-queries.ts';
import { storageKeys } from '../lib/storage-keys.ts';

// The last known Homey values, kept in localStorage so a cold start draws tiles at once (marked with
// their age by freshness.tsx, from the persisted `dataUpdatedAt`) while fresh data loads, and a
// start without a network shows them at all (docs/decisions/004). Loaded lazily: not part of the
// first visit's JavaScript (app.tsx starts loading it beside config.json).

/** One of the keys sign-out wipes (lib/storage-keys.ts). */
export const PERSISTED_CACHE_KEY = storageKeys.queryCache;

/** Older than this, the values are no use on a wall: start as if for the first time. */
export const PERSISTED_MAX_AGE_MS = 7 * 24 * 60 * 60_000;

/**
 * What is written: successful queries that hold what a Homey or Athom's account page sent (devices,
 * zones, flows, weather, Insights, scopes; the account's list of Homeys, without which a cloud
 * sign-in cannot start offline). Never a token: tokens live in their own storage keys and are no
 * query's data (e2e/offline-start.spec.ts checks the stored cache for them).
 */
export function shouldPersistQuery(query: Pick<Query, 'queryKey' | 'state'>): boolean {
  const { queryKey } = query;
  const ours = partialMatchKey(queryKey, homeyQueryKeys.root()) || partialMatchKey(queryKey, homeyQueryKeys.athomUser());
  return ours && defaultShouldDehydrateQuery(query as Query);
}

export interface QueryPersistenceOptions {
  /** Bumped with the app's version: a new version never reads an old version's shapes. */
  buster: string;
  storage?: Storage;
  /** At most one write per this many milliseconds (polls land every few seconds). */
  throttleMs?: number;
}

/**
 * Restores the persisted queries into `queryClient`, then keeps the store up to date. Resolves
 * with the function that stops writing, once the restore is done, so the caller can hold back the
 * first query until then. A damaged or foreign entry is dropped, never thrown at the screen.
 */
export async function restoreAndPersistQueries(
  queryClient: QueryClient,
  { buster, storage = window.localStorage, throttleMs = 1000 }: QueryPersistenceOptions,
): Promise<() => void> {
  const persister = createAsyncStoragePersister({
    key: PERSISTED_CACHE_KEY,
    throttleTime: throttleMs,
    // An empty cache (after sign-out's queryClient.clear()) removes the entry instead of writing
    // an empty shell: sign-out leaves nothing of ours behind but the settings.
    storage: {
      getItem: (key) => storage.getItem(key),
      setItem: (key, value) => (value === EMPTY ? storage.removeItem(key) : storage.setItem(key, value)),
      removeItem: (key) => storage.removeItem(key),
    },
    serialize: (client: PersistedClient) => (client.clientState.queries.length === 0 ? EMPTY : JSON.stringify(client)),
    // localStorage is full (a large home's Insights): drop the oldest queries until it fits.
    retry: removeOldestQuery,
  });
  const options = {
    queryClient,
    persister,
    buster,
    maxAge: PERSISTED_MAX_AGE_MS,
    dehydrateOptions: { shouldDehydrateQuery: shouldPersistQuery, shouldDehydrateMutation: () => false },
  };
  try {
    await persistQueryClientRestore(options);
  } catch {
    // Unreadable (not JSON, storage refused): persistQueryClientRestore has removed it already.
  }
  return persistQueryClientSubscribe(options);
}

const EMPTY = '';
