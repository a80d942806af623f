import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister';
import { defaultShouldDehydrateQuery, partialMatchKey } from '@tanstack/react-query';
import type { Query, QueryClient } from '@tanstack/react-query';
import { persistQueryClientRestore, persistQueryClientSubscribe, removeOldestQuery } from '@tanstack/react-query-persist-client';
import type { PersistedClient } from '@tanstack/react-query-persist-client';
import type { PersistedWriteOutcome } from './persisted-cache-report.ts';
import { homeyQueryKeys } from '../features/homey/homey-queries.ts';
import { truncateText } from '../lib/format.ts';
import { storageKeys } from '../lib/storage-keys.ts';
import { PERSISTED_CACHE_MAX_CHARS, PERSISTED_TEXT_MAX_CHARS, reportPersistedRefused, reportPersistedWrite } from './persisted-cache-report.ts';

// The last known Homey values, kept in localStorage so a cold start draws tiles at once (marked with
// their age by freshness.tsx, from the persisted `dataUpdatedAt`) while fresh data loads, and a
// start without a network shows them at all (docs/decisions/004). Loaded lazily: not part of the
// first visit's JavaScript (app.tsx starts loading it beside config.json).

/** One of the keys sign-out wipes (lib/storage-keys.ts). */
export const PERSISTED_CACHE_KEY = storageKeys.queryCache;

/** Older than this, the values are no use on a wall: start as if for the first time. */
export const PERSISTED_MAX_AGE_MS = 7 * 24 * 60 * 60_000;

/**
 * When no value changed, the copy is written again only this often, to move its "fetched at" times
 * on: a cold start then shows ages at most this much older than they were, well before the 5
 * minutes that mark a tile stale. A poll every 5 s no longer rewrites the whole home each time.
 */
export const REWRITE_UNCHANGED_AFTER_MS = 60_000;

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
  /** The most characters the stored copy may hold. */
  maxChars?: number;
  now?: () => number;
}

/**
 * Restores the persisted queries into `queryClient`, then keeps the store up to date. Resolves
 * with the function that stops writing, once the restore is done, so the caller can hold back the
 * first query until then. A damaged or foreign entry is dropped, never thrown at the screen.
 */
export async function restoreAndPersistQueries(
  queryClient: QueryClient,
  { buster, storage = window.localStorage, throttleMs = 1000, maxChars = PERSISTED_CACHE_MAX_CHARS, now = Date.now }: QueryPersistenceOptions,
): Promise<() => void> {
  // What serialize decided, reported once setItem has stored it.
  let pending: PersistedWriteOutcome = {};
  let failing = false;
  const texts = new WeakMap<object, { text: string; cut: number }>();
  const storer = createAsyncStoragePersister({
    key: PERSISTED_CACHE_KEY,
    throttleTime: throttleMs,
    // An empty cache (after sign-out's queryClient.clear()) removes the entry instead of writing
    // an empty shell: sign-out leaves nothing of ours behind but the settings.
    storage: {
      getItem: (key) => {
        const stored = storage.getItem(key);
        // Over the cap (an older version's copy, or a hand-made one): not worth parsing on every start.
        if (stored !== null && stored.length > maxChars) {
          storage.removeItem(key);
          reportPersistedRefused(stored.length);
          return null;
        }
        return stored;
      },
      setItem: (key, value) => {
        try {
          if (value === EMPTY) storage.removeItem(key);
          else storage.setItem(key, value);
        } catch (error) {
          // Thrown on, so the persister's retry drops the oldest queries and tries again.
          failing = true;
          reportPersistedWrite({ failed: error instanceof Error ? error.name : String(error) });
          throw error;
        }
        // Retries that dropped every query end in removing the entry: the failure is still the news.
        if (value === EMPTY && failing && !pending.tooLarge) return;
        failing = false;
        reportPersistedWrite(pending);
      },
      removeItem: (key) => storage.removeItem(key),
    },
    serialize: (client: PersistedClient) => {
      const fitted = serializeWithinCap(client, maxChars, texts);
      if (fitted.text !== EMPTY) pending = { written: fitted.report };
      else pending = client.clientState.queries.length > 0 ? { tooLarge: { chars: fitted.wantedChars } } : {};
      return fitted.text;
    },
    // localStorage is full (a large home's Insights): drop the oldest queries until it fits.
    retry: removeOldestQuery,
  });

  // Cache events come with every fetch, not only with new data: write when a query's data changed
  // (structural sharing keeps an unchanged answer the very same object) or, unchanged, once a minute.
  let lastWritten: { data: Map<string, unknown>; writtenAt: number } | undefined;
  const persister = {
    ...storer,
    persistClient: (client: PersistedClient) => {
      // An emptied cache (sign-out's clear) removes the copy now, not a throttle interval later: a
      // tab closed in that second would keep the Homey's values, and a write still pending holds them.
      if (client.clientState.queries.length === 0) storage.removeItem(PERSISTED_CACHE_KEY);
      const data = new Map(client.clientState.queries.map((q) => [q.queryHash, q.state.data] as const));
      const recent = lastWritten !== undefined && now() - lastWritten.writtenAt < REWRITE_UNCHANGED_AFTER_MS;
      if (recent && sameData(data, lastWritten!.data)) return;
      // A copy over the cap stays over it while the same queries change values (a big home on the
      // socket): building it again every second only to drop it cost a long task each time.
      if (recent && pending.tooLarge && sameQueries(data, lastWritten!.data)) return;
      lastWritten = { data, writtenAt: now() };
      return storer.persistClient(client);
    },
  };
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
/** Where a query's data goes in its serialised state: a text no key or state of ours holds. */
const DATA_SLOT = 'homey-wall:persisted-data-slot:8c1f2e';

function sameQueries(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const hash of a.keys()) if (!b.has(hash)) return false;
  return true;
}

function sameData(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const [hash, data] of a) if (!b.has(hash) || b.get(hash) !== data) return false;
  return true;
}

interface Fitted {
  /** The whole copy as JSON, or EMPTY when nothing is to be kept. */
  text: string;
  report: { chars: number; queries: number; leftOut: number; cutTexts: number };
  /** What the copy would have been without the cap. */
  wantedChars: number;
}

/**
 * The copy as one whole JSON text of at most `maxChars`: every text longer than
 * PERSISTED_TEXT_MAX_CHARS cut, then the newest queries (by when their data came) that fit, in their
 * own order. A query that does not fit is left out whole, never written in part.
 */
export function serializeWithinCap(client: PersistedClient, maxChars: number, texts: WeakMap<object, { text: string; cut: number }> = new WeakMap()): Fitted {
  const { queries, mutations } = client.clientState;
  const none = { text: EMPTY, report: { chars: 0, queries: 0, leftOut: queries.length, cutTexts: 0 }, wantedChars: 0 };
  if (queries.length === 0) return none;
  const counter = { cut: 0 };
  const parts = queries.map((q) => {
    const data = q.state.data;
    if (data === undefined) return JSON.stringify(q);
    // Spread, then overwritten: the data keeps its place among the state's keys.
    const rest = JSON.stringify({ ...q, state: { ...q.state, data: DATA_SLOT } });
    return rest.replace(`"data":"${DATA_SLOT}"`, () => '"data":' + (jsonWithCutTexts(data, counter, texts) ?? 'null'));
  });
  const head = `{"buster":${JSON.stringify(client.buster)},"timestamp":${JSON.stringify(client.timestamp)},"clientState":{"mutations":${JSON.stringify(mutations)},"queries":[`;
  const tail = ']}}';
  const wantedChars = head.length + tail.length + parts.reduce((sum, part) => sum + part.length + 1, 0) - 1;
  let room = maxChars - head.length - tail.length + 1;
  const keep = new Set<number>();
  const newestFirst = queries.map((q, i) => ({ i, updatedAt: q.state.dataUpdatedAt })).sort((x, y) => y.updatedAt - x.updatedAt);
  for (const { i } of newestFirst) {
    const cost = (parts[i]?.length ?? 0) + 1;
    if (cost <= room) {
      keep.add(i);
      room -= cost;
    }
  }
  if (keep.size === 0) return { ...none, wantedChars };
  const text = `${head}${parts.filter((_, i) => keep.has(i)).join(',')}${tail}`;
  return { text, report: { chars: text.length, queries: keep.size, leftOut: queries.length - keep.size, cutTexts: counter.cut }, wantedChars };
}

/**
 * `value` as JSON.stringify writes it, with every text longer than PERSISTED_TEXT_MAX_CHARS cut. Each
 * object's text is kept (by identity) for the next write: the cache's data is never changed in
 * place, and an update gives only what changed a new object (structural sharing, the live cache), so a
 * write after one value changed serialises one device and joins the texts of the others. Without it a
 * big home on the socket spent a long task every second re-serialising every device.
 */
function jsonWithCutTexts(value: unknown, counter: { cut: number }, texts: WeakMap<object, { text: string; cut: number }>): string | undefined {
  if (typeof value === 'string') {
    if (value.length <= PERSISTED_TEXT_MAX_CHARS) return JSON.stringify(value);
    counter.cut += 1;
    return JSON.stringify(truncateText(value, PERSISTED_TEXT_MAX_CHARS));
  }
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value);
  const known = texts.get(value);
  if (known) {
    counter.cut += known.cut;
    return known.text;
  }
  const own = { cut: 0 };
  let text: string;
  if (Array.isArray(value)) {
    text = `[${value.map((item) => jsonWithCutTexts(item, own, texts) ?? 'null').join(',')}]`;
  } else {
    const members: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      const json = jsonWithCutTexts(item, own, texts);
      if (json !== undefined) members.push(`${JSON.stringify(key)}:${json}`);
    }
    text = `{${members.join(',')}}`;
  }
  texts.set(value, { text, cut: own.cut });
  counter.cut += own.cut;
  return text;
}
