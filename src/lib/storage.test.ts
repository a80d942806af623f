import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStorage } from '../../test-support/memory-storage.ts';
import type { MemoryStorage } from '../../test-support/memory-storage.ts';
import { storageKeys } from './storage-keys.ts';
import {
  StorageFullError,
  StorageRefusedError,
  browserStorage,
  createKeptStorage,
  createStorageEdge,
  isQuotaError,
  probeStorage,
  storageFailure,
} from './storage.ts';

/** A storage that holds at most `limit` characters of keys and values, as a browser's quota does. */
function storageWithQuota(limit: number, initial: Record<string, string> = {}): MemoryStorage {
  const inner = createMemoryStorage(initial);
  const used = () => Object.entries(inner.snapshot()).reduce((sum, [key, value]) => sum + key.length + value.length, 0);
  return {
    ...inner,
    get length() {
      return inner.length;
    },
    setItem(key, value) {
      const previous = inner.getItem(key);
      const after = used() - (previous === null ? 0 : key.length + previous.length) + key.length + String(value).length;
      if (after > limit) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      inner.setItem(key, value);
    },
  };
}

/** A storage whose every call throws, as a browser that blocks site data answers. */
function refusingStorage(): Storage {
  const refuse = () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  return {
    getItem: refuse,
    setItem: refuse,
    removeItem: refuse,
    clear: refuse,
    key: refuse,
    get length(): number {
      return refuse();
    },
  };
}

describe('probing storage', () => {
  it('works where a value can be written, and leaves nothing behind', () => {
    const storage = createMemoryStorage();
    expect(probeStorage(storage)).toBe('works');
    expect(storage.snapshot()).toEqual({});
  });

  it('is refused where there is no storage or the browser throws anything but a quota error', () => {
    expect(probeStorage(undefined)).toBe('refused');
    expect(probeStorage(refusingStorage())).toBe('refused');
  });

  it('is full where the quota is used up by what is stored', () => {
    expect(probeStorage(storageWithQuota(10, { 'another-app:cache': 'x'.repeat(10) }))).toBe('full');
  });

  it('is refused where the quota is nothing at all (older Safari private windows)', () => {
    expect(probeStorage(storageWithQuota(0))).toBe('refused');
  });

  it('names quota errors under every browser’s name for them', () => {
    expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError({ name: 'Error', code: 22 })).toBe(true);
    expect(isQuotaError(new DOMException('x', 'SecurityError'))).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
    expect(storageFailure(new DOMException('x', 'QuotaExceededError'))).toBeInstanceOf(StorageFullError);
    expect(storageFailure(new TypeError('x'))).toBeInstanceOf(StorageRefusedError);
  });
});

describe("the browser's storage", () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });

  it('is undefined, not an exception, where reading localStorage throws', () => {
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    expect(browserStorage()).toBeUndefined();
    expect(probeStorage()).toBe('refused');
    expect(() => createKeptStorage().setItem('k', 'v')).not.toThrow();
  });

  it('is localStorage where there is one', () => {
    const storage = createMemoryStorage();
    Object.defineProperty(globalThis, 'localStorage', { configurable: true, value: storage });
    expect(browserStorage()).toBe(storage);
  });
});

describe('the storage edge', () => {
  it('reads, lists and removes without ever throwing', () => {
    const edge = createStorageEdge(refusingStorage());
    expect(edge.read('k')).toBeNull();
    expect(edge.keys()).toEqual([]);
    expect(() => edge.remove('k')).not.toThrow();
    expect(createStorageEdge(undefined).read('k')).toBeNull();
  });

  it('says why a write did not land: full or refused', () => {
    expect(() => createStorageEdge(storageWithQuota(5)).write('key', 'value')).toThrow(StorageFullError);
    expect(() => createStorageEdge(refusingStorage()).write('key', 'value')).toThrow(StorageRefusedError);
    expect(() => createStorageEdge(undefined).write('key', 'value')).toThrow(StorageRefusedError);
  });

  it('makes room by dropping the cached Homey values, which the Homey sends again, and nothing else', () => {
    const cache = 'c'.repeat(100);
    const storage = storageWithQuota(200, { [storageKeys.queryCache]: cache, 'another-app:data': 'd'.repeat(40) });
    createStorageEdge(storage).write(storageKeys.localCredentials, 'x'.repeat(50));
    expect(storage.snapshot()).toEqual({ 'another-app:data': 'd'.repeat(40), [storageKeys.localCredentials]: 'x'.repeat(50) });
  });

  it('still says full when dropping the cache is not enough, or the cache is what is written', () => {
    const storage = storageWithQuota(120, { [storageKeys.queryCache]: 'c'.repeat(20), 'another-app:data': 'd'.repeat(60) });
    expect(() => createStorageEdge(storage).write(storageKeys.settings, 'x'.repeat(100))).toThrow(StorageFullError);

    const full = storageWithQuota(120, { [storageKeys.queryCache]: 'c'.repeat(20), 'another-app:data': 'd'.repeat(60) });
    expect(() => createStorageEdge(full).write(storageKeys.queryCache, 'c'.repeat(90))).toThrow(StorageFullError);
    expect(full.getItem('another-app:data')).toBe('d'.repeat(60));
  });
});

describe('kept storage', () => {
  it('passes everything through to a storage that works, and says it works', () => {
    const area = createMemoryStorage();
    const kept = createKeptStorage(area);
    kept.setItem('k', 'v');
    expect(area.getItem('k')).toBe('v');
    expect(kept.health()).toBe('works');
    kept.removeItem('k');
    expect(area.snapshot()).toEqual({});
  });

  it('keeps in memory, for the life of the page, what a refusing browser will not store', () => {
    const kept = createKeptStorage(undefined);
    expect(kept.health()).toBe('refused');
    kept.setItem('a', '1');
    kept.setItem('b', '2');
    expect(kept.getItem('a')).toBe('1');
    expect(kept.length).toBe(2);
    expect([kept.key(0), kept.key(1), kept.key(2)]).toEqual(['a', 'b', null]);
    kept.removeItem('a');
    expect(kept.getItem('a')).toBeNull();
    expect(kept.length).toBe(1);
  });

  it('reads what a full storage already holds, keeps new writes in memory, and says it is full from then on', () => {
    const area = storageWithQuota(30, { signed: 'in-before', 'another-app:x': 'y'.repeat(10) });
    const kept = createKeptStorage(area, 'works');
    const heard = vi.fn();
    kept.subscribe(heard);
    expect(kept.getItem('signed')).toBe('in-before');

    kept.setItem('signed', 'in-after-a-refresh-that-does-not-fit');
    expect(kept.getItem('signed')).toBe('in-after-a-refresh-that-does-not-fit');
    expect(area.getItem('signed')).toBe('in-before');
    expect(kept.health()).toBe('full');
    expect(heard).toHaveBeenCalledTimes(1);

    kept.removeItem('signed');
    expect(kept.getItem('signed')).toBeNull();
    expect(area.getItem('signed')).toBeNull();
  });

  it('saves strictly when asked: throws and keeps nothing, so the caller can say it was not saved', () => {
    const kept = createKeptStorage(storageWithQuota(10), 'works');
    expect(() => kept.save('settings', 'x'.repeat(20))).toThrow(StorageFullError);
    expect(kept.getItem('settings')).toBeNull();
    // A setting that did not fit is not what makes the sign-in short-lived.
    expect(kept.health()).toBe('works');
  });

  it('probes again on request and learns the worse answer', () => {
    const area = storageWithQuota(10, { 'another-app:x': 'y'.repeat(10) });
    const kept = createKeptStorage(area, 'works');
    expect(kept.probe()).toBe('full');
    expect(kept.health()).toBe('full');
  });

  it('knows its own area in a storage event', () => {
    const area = createMemoryStorage() as unknown as Storage;
    const kept = createKeptStorage(area);
    expect(kept.isArea(area)).toBe(true);
    expect(kept.isArea(null)).toBe(false);
    expect(createKeptStorage(undefined).isArea(null)).toBe(false);
  });
});
