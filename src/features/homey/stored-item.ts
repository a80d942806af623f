import { browserStorage, createStorageEdge } from '../../lib/storage.ts';

// Storage behind the three calls this feature needs, so tests pass an in-memory fake and a
// browser that refuses storage (Safari private mode, a full quota) costs a re-login, not a crash.
// The answers come from lib/storage.ts's edge (which also makes room by dropping the cached values).

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function readItem(storage: StorageLike | undefined, key: string): string | null {
  return createStorageEdge(storage).read(key);
}

/** False when nothing was stored (no storage, or the browser refused): keep the value in memory. */
export function writeItem(storage: StorageLike | undefined, key: string, value: string): boolean {
  try {
    createStorageEdge(storage).write(key, value);
    return true;
  } catch {
    return false;
  }
}

export function removeItem(storage: StorageLike | undefined, key: string): void {
  createStorageEdge(storage).remove(key);
}

/** `localStorage` when this runs in a browser that allows it; undefined in Node (tests inject a fake). */
export function defaultStorage(): StorageLike | undefined {
  return browserStorage();
}
