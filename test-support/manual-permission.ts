import type { LocalNetworkPermission, LocalNetworkState } from '../src/features/homey/local-network-permission.ts';

/** A local network permission a test moves by hand (the browser's is local-network-permission.ts). */
export function manualPermission(initial: LocalNetworkState): LocalNetworkPermission & { set(state: LocalNetworkState): void } {
  let state = initial;
  const listeners = new Set<(s: LocalNetworkState) => void>();
  return {
    state: () => state,
    ready: () => Promise.resolve(state),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      state = next;
      for (const listener of [...listeners]) listener(next);
    },
  };
}
