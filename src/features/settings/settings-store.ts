import { useCallback, useSyncExternalStore } from 'react';
import { DEFAULT_SETTINGS, checkSettings } from './settings-model.ts';
import type { Settings } from './settings-model.ts';
import { storageKeys } from '../../lib/storage-keys.ts';
import { pageStorage } from '../../lib/storage.ts';
import type { KeptStorage } from '../../lib/storage.ts';

// Settings live in localStorage under a key sign-out leaves alone (a wall keeps its layout when
// someone signs in with another account). Other tabs see changes through the storage event. Where
// the browser keeps nothing (or nothing more), a change holds for the life of the page.

export const SETTINGS_KEY = storageKeys.settings;

type Listener = () => void;

export interface SettingsStore {
  get(): Settings;
  /** Stores `next`, or where the browser will not, keeps it for this page (lib/storage.ts says so). */
  set(next: Settings): void;
  /** Stores `next` or throws StorageFullError / StorageRefusedError, and then nothing changed. */
  save(next: Settings): void;
  subscribe(listener: Listener): () => void;
}

export function createSettingsStore(storage: KeptStorage = pageStorage(), target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): SettingsStore {
  const listeners = new Set<Listener>();
  let cachedRaw: string | null | undefined;
  let cached: Settings = DEFAULT_SETTINGS;
  const read = (): Settings => {
    const raw = storage.getItem(SETTINGS_KEY);
    if (raw === cachedRaw) return cached;
    cachedRaw = raw;
    let parsed: unknown;
    try {
      parsed = raw === null ? { version: 1 } : JSON.parse(raw);
    } catch {
      parsed = { version: 1 };
    }
    const check = checkSettings(parsed);
    // Damaged settings fall back to defaults rather than keep a wall from starting.
    cached = check.ok ? check.settings : DEFAULT_SETTINGS;
    return cached;
  };
  const onStorage = (event: StorageEvent) => {
    if (event.key === SETTINGS_KEY || event.key === null) listeners.forEach((l) => l());
  };
  return {
    get: read,
    set(next) {
      storage.setItem(SETTINGS_KEY, JSON.stringify(next));
      listeners.forEach((l) => l());
    },
    save(next) {
      storage.save(SETTINGS_KEY, JSON.stringify(next));
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) target.addEventListener('storage', onStorage);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) target.removeEventListener('storage', onStorage);
      };
    },
  };
}

let defaultStore: SettingsStore | undefined;
export function settingsStore(): SettingsStore {
  defaultStore ??= createSettingsStore();
  return defaultStore;
}

export function useSettings(store: SettingsStore = settingsStore()): [Settings, (update: (current: Settings) => Settings) => void] {
  const settings = useSyncExternalStore(store.subscribe, store.get);
  const update = useCallback((fn: (current: Settings) => Settings) => store.set(fn(store.get())), [store]);
  return [settings, update];
}
