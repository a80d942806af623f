import { useCallback, useSyncExternalStore } from 'react';

// The dashboard's only "routing": a few search parameters (`?device=…`, later `?view=…`), kept in
// the address so a screen can be bookmarked and Back works, without a router library.

const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function useSearchParam(name: string): [string | null, (value: string | null) => void] {
  const value = useSyncExternalStore(subscribe, () => new URLSearchParams(window.location.search).get(name));
  const set = useCallback(
    (next: string | null) => {
      const url = new URL(window.location.href);
      if (next === null) url.searchParams.delete(name);
      else url.searchParams.set(name, next);
      window.history.pushState(window.history.state, '', url.pathname + url.search + url.hash);
      for (const listener of listeners) listener();
    },
    [name],
  );
  return [value, set];
}
