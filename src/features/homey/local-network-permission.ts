// Chromium's "local network access" permission (docs/homey-web-api.md §5): a page on a public origin
// may call a Homey on the LAN only once the person allowed it. A denied call is a bare TypeError, the
// same as a Homey that is switched off; only this permission's state tells the two apart.

/** `unknown`: the browser has no such permission (Safari, Firefox, older Chrome), or has not said yet. */
export type LocalNetworkState = 'granted' | 'denied' | 'prompt' | 'unknown';

export interface LocalNetworkPermission {
  state(): LocalNetworkState;
  /** The first answer from the browser (at once where it has no such permission). */
  ready(): Promise<LocalNetworkState>;
  subscribe(listener: (state: LocalNetworkState) => void): () => void;
}

/** The part of `navigator` read here. */
export interface PermissionsLike {
  permissions?: { query(descriptor: { name: string }): Promise<PermissionStatusLike> } | undefined;
}

export interface PermissionStatusLike {
  readonly state: string;
  addEventListener(type: 'change', listener: () => void): void;
}

// Chrome 145 split the permission and kept the old name as an alias; a browser that knows neither
// name rejects the query with a TypeError.
const NAMES = ['local-network', 'local-network-access'] as const;

/**
 * Both names' states as one: one granted name is enough (Chromium grants both together), a denial
 * anywhere else counts (DevTools and policies may set one name only).
 */
export function combineStates(states: readonly string[]): LocalNetworkState {
  if (states.includes('granted')) return 'granted';
  if (states.includes('denied')) return 'denied';
  if (states.includes('prompt')) return 'prompt';
  return 'unknown';
}

export function watchLocalNetworkPermission(nav: PermissionsLike | undefined = globalThis.navigator): LocalNetworkPermission {
  const listeners = new Set<(state: LocalNetworkState) => void>();
  const statuses: (PermissionStatusLike | undefined)[] = [];
  let state: LocalNetworkState = 'unknown';
  const update = () => {
    const next = combineStates(statuses.map((s) => s?.state ?? ''));
    if (next === state) return;
    state = next;
    for (const listener of [...listeners]) listener(next);
  };
  const query = nav?.permissions?.query.bind(nav.permissions);
  const ready: Promise<LocalNetworkState> = query
    ? Promise.all(
        NAMES.map((name) =>
          query({ name }).then(
            (status) => {
              status.addEventListener('change', update);
              return status;
            },
            () => undefined,
          ),
        ),
      ).then((found) => {
        statuses.push(...found);
        update();
        return state;
      })
    : Promise.resolve('unknown');
  return {
    state: () => state,
    ready: () => ready,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** For a page that cannot ask (tests, a browser without the API): the permission plays no part. */
export const noLocalNetworkPermission: LocalNetworkPermission = {
  state: () => 'unknown',
  ready: () => Promise.resolve('unknown'),
  subscribe: () => () => undefined,
};
