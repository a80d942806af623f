// An in-memory stand-in for `localStorage` for tests: pass it where a module takes a `storage`
// parameter. Share one between two instances to act out a reload or a second tab.

export interface MemoryStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  clear(): void;
  key(index: number): string | null;
  readonly length: number;
  /** A copy of everything stored, for assertions. */
  snapshot(): Record<string, string>;
}

export function createMemoryStorage(initial: Record<string, string> = {}): MemoryStorage {
  const items = new Map<string, string>(Object.entries(initial));
  return {
    getItem: (key) => items.get(key) ?? null,
    // Storage stores strings; coerce as the browser does.
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
    key: (index) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
    snapshot: () => Object.fromEntries(items),
  };
}
