import { useSyncExternalStore } from 'react';
import { storageKeys } from './storage-keys.ts';

// The browser's storage as an edge with three answers: it works, it is full (a write throws
// QuotaExceededError), or the browser refuses it (reading `localStorage` throws SecurityError, as in
// private windows, kiosk webviews and browsers where a policy blocks site data; or there is no
// `localStorage` at all, as in an Android webview without DOM storage). Nothing here throws but a
// strict write, and that only with StorageFullError or StorageRefusedError.

export type StorageHealth = 'works' | 'full' | 'refused';

export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  constructor(options?: ErrorOptions) {
    super("This browser's storage for the dashboard is full.", options);
  }
}

export class StorageRefusedError extends Error {
  override readonly name = 'StorageRefusedError';
  constructor(options?: ErrorOptions) {
    super('This browser does not let the dashboard store anything.', options);
  }
}

/** What the edge needs of a Storage (listing keys only where it can): tests pass a fake with these. */
export type StorageArea = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & Partial<Pick<Storage, 'key' | 'length'>>;

/** The page's `localStorage`, or undefined where the browser refuses it or has none. */
export function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** A quota error, under each name the browsers give it (Firefox: NS_ERROR_DOM_QUOTA_REACHED, code 1014). */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || name === StorageFullError.name || code === 22 || code === 1014;
}

/** What a failed write means: full when the browser said so, refused for anything else. */
export function storageFailure(error: unknown): StorageFullError | StorageRefusedError {
  if (error instanceof StorageFullError || error instanceof StorageRefusedError) return error;
  return isQuotaError(error) ? new StorageFullError({ cause: error }) : new StorageRefusedError({ cause: error });
}

/** Writes a small value and takes it away again: what the browser answers is what storage is now. */
export function probeStorage(storage: StorageArea | undefined = browserStorage()): StorageHealth {
  if (!storage) return 'refused';
  try {
    storage.setItem(storageKeys.probe, '1');
    storage.removeItem(storageKeys.probe);
    return 'works';
  } catch (error) {
    if (!isQuotaError(error)) return 'refused';
    // A quota of nothing (older Safari's private windows) stores nothing at all: that is a refusal.
    try {
      return (storage.length ?? 1) > 0 ? 'full' : 'refused';
    } catch {
      return 'refused';
    }
  }
}

export interface StorageEdge {
  /** The stored value, or null when there is none or the browser will not say. */
  read(key: string): string | null;
  /** Stores the value, or throws StorageFullError or StorageRefusedError and stores nothing. */
  write(key: string, value: string): void;
  /** Never throws: a storage we cannot reach holds nothing of ours. */
  remove(key: string): void;
  keys(): string[];
}

export interface StorageEdgeOptions {
  /**
   * Ours and expendable: dropped, once, to make room when the browser says it is full. The last
   * known Homey values are read afresh from the Homey; a sign-in or a setting is not.
   */
  expendable?: readonly string[];
}

export function createStorageEdge(
  storage: StorageArea | undefined = browserStorage(),
  { expendable = [storageKeys.queryCache] }: StorageEdgeOptions = {},
): StorageEdge {
  const remove = (key: string) => {
    try {
      storage?.removeItem(key);
    } catch {
      // Nothing to undo.
    }
  };
  const read = (key: string) => {
    try {
      return storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  };
  return {
    read,
    write(key, value) {
      if (!storage) throw new StorageRefusedError();
      try {
        storage.setItem(key, value);
        return;
      } catch (error) {
        const room = expendable.filter((k) => k !== key && read(k) !== null);
        if (!isQuotaError(error) || room.length === 0) throw storageFailure(error);
      }
      expendable.forEach(remove);
      try {
        storage.setItem(key, value);
      } catch (error) {
        throw storageFailure(error);
      }
    },
    remove,
    keys() {
      const keys: string[] = [];
      if (!storage?.key) return keys;
      try {
        for (let i = 0; i < (storage.length ?? 0); i += 1) {
          const key = storage.key(i);
          if (key !== null) keys.push(key);
        }
      } catch {
        // Unreachable storage has no keys.
      }
      return keys;
    },
  };
}

/**
 * A Storage that keeps what the browser would not, in memory for the life of the page: what signs
 * in and what is set still works until the page is closed, and `health()` says that it will not
 * last. A value the browser did store is read from it, so other tabs' writes are seen here.
 */
export interface KeptStorage extends Storage {
  /** 'works' while everything written here reached the browser's storage; otherwise why not. */
  health(): StorageHealth;
  /** Asks the browser again, before a step that must survive leaving the page. */
  probe(): StorageHealth;
  /** Stores the value or throws StorageFullError / StorageRefusedError: no memory, nothing changed. */
  save(key: string, value: string): void;
  subscribe(listener: () => void): () => void;
  /** Whether a `storage` event (another tab wrote) is about the storage behind this one. */
  isArea(area: Storage | null): boolean;
}

export function createKeptStorage(area: Storage | undefined = browserStorage(), health: StorageHealth = probeStorage(area)): KeptStorage {
  const edge = createStorageEdge(area);
  const memory = new Map<string, string>();
  const listeners = new Set<() => void>();
  let current = health;
  const learn = (next: StorageHealth) => {
    if (next === 'works' || next === current || current === 'refused') return;
    current = next;
    listeners.forEach((listener) => listener());
  };
  const keys = () => [...new Set([...edge.keys(), ...memory.keys()])];
  return {
    get length() {
      return keys().length;
    },
    key: (index) => keys()[index] ?? null,
    getItem: (key) => memory.get(key) ?? edge.read(key),
    setItem(key, value) {
      const text = String(value);
      try {
        edge.write(key, text);
        memory.delete(key);
      } catch (error) {
        memory.set(key, text);
        learn(error instanceof StorageFullError ? 'full' : 'refused');
      }
    },
    save(key, value) {
      edge.write(key, value);
      memory.delete(key);
    },
    removeItem(key) {
      memory.delete(key);
      edge.remove(key);
    },
    clear() {
      memory.clear();
      keys().forEach(edge.remove);
    },
    health: () => current,
    probe() {
      const now = probeStorage(area);
      learn(now);
      return now;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isArea: (other) => other !== null && other === area,
  };
}

let page: KeptStorage | undefined;

/** The page's one KeptStorage over `localStorage`: every part of the dashboard stores through it. */
export function pageStorage(): KeptStorage {
  page ??= createKeptStorage();
  return page;
}

/** Re-renders when what the storage keeps changes (a write that the browser refused). */
export function useStorageHealth(storage: KeptStorage = pageStorage()): StorageHealth {
  return useSyncExternalStore(storage.subscribe, storage.health);
}
