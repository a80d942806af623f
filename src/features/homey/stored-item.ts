// Storage behind the three calls this feature needs, so tests pass an in-memory fake and a
// browser that refuses storage (Safari private mode, a full quota) costs a re-login, not a crash.

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function readItem(storage: StorageLike | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** False when nothing was stored (no storage, or the browser refused): keep the value in memory. */
export function writeItem(storage: StorageLike | undefined, key: string, value: string): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export function removeItem(storage: StorageLike | undefined, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Nothing to undo: a storage we cannot write to holds nothing of ours either.
  }
}

/** `localStorage` when this runs in a browser; undefined in Node (tests inject a fake). */
export function defaultStorage(): StorageLike | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    // Reading `localStorage` itself throws when the browser blocks site data.
    return undefined;
  }
}
