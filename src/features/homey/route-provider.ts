import { discoverRoute, isLocalKind, routeCandidates } from './route-discovery.ts';
import type { Route, RouteKind } from './route-discovery.ts';
import type { AthomHomey } from './athom-cloud.ts';
import { noLocalNetworkPermission } from './local-network-permission.ts';
import type { LocalNetworkPermission, LocalNetworkState } from './local-network-permission.ts';
import type { FetchLike } from './send-json.ts';
import { defaultStorage, readItem, removeItem, writeItem } from './stored-item.ts';
import type { StorageLike } from './stored-item.ts';
import { storageKeys } from '../../lib/storage-keys.ts';

// The route the client uses for one Homey: remembered across reloads, dropped when a request
// fails on it, and, while on Athom's relay, re-probed now and then so a tablet that lost the LAN
// for a moment does not stay on the slower, cloud-dependent route for good.

export interface RouteProvider {
  /** The route to use now: the remembered one, or a fresh discovery (one at a time). */
  current(): Promise<Route>;
  /** A request failed on `route`: forget it, so the next `current()` discovers again. */
  reportFailure(route: Route): void;
  /** The route in use, for the UI ("via local network" / "via Athom cloud"); undefined while unknown. */
  info(): Route | undefined;
  /** The browser's local network permission as last seen; listeners hear its changes too. */
  localNetwork(): LocalNetworkState;
  subscribe(listener: (route: Route | undefined) => void): () => void;
}

export interface RouteProviderOptions {
  homey: AthomHomey;
  storage?: StorageLike;
  fetch?: FetchLike;
  pageProtocol?: string;
  /** How long to stay on the remote route before trying the local network again. */
  recheckLocalMs?: number;
  now?: () => number;
  localTimeoutMs?: number;
  remoteTimeoutMs?: number;
  /** The browser's local network permission: denied keeps to the relay, granted looks at the LAN at once. */
  permission?: LocalNetworkPermission;
}

const LOCAL_KINDS: readonly RouteKind[] = ['localSecure', 'local'];

export function createRouteProvider({
  homey,
  storage = defaultStorage(),
  fetch = globalThis.fetch,
  pageProtocol = globalThis.location?.protocol ?? 'https:',
  recheckLocalMs = 5 * 60_000,
  now = Date.now,
  localTimeoutMs,
  remoteTimeoutMs,
  permission = noLocalNetworkPermission,
}: RouteProviderOptions): RouteProvider {
  const key = storageKeys.homeyRoute(homey.id);
  const listeners = new Set<(route: Route | undefined) => void>();
  const baseOptions = { pageProtocol, fetch, localTimeoutMs, remoteTimeoutMs };
  // Read at every discovery: the permission can change while the page runs.
  const discoverOptions = () => ({ ...baseOptions, localNetwork: permission.state() });

  let route = readStoredRoute(storage, key, homey, pageProtocol);
  let discovering: Promise<Route> | undefined;
  let probing = false;
  // A remote route remembered from an earlier visit says nothing about the network we are on now.
  let lastLocalProbe = Number.NEGATIVE_INFINITY;

  const set = (next: Route | undefined) => {
    if (next?.baseUrl === route?.baseUrl && next?.kind === route?.kind) return;
    route = next;
    if (next) writeItem(storage, key, JSON.stringify(next));
    else removeItem(storage, key);
    for (const listener of [...listeners]) listener(next);
  };

  const recheckLocal = (force = false) => {
    if (route?.kind !== 'remote' || probing || (!force && now() - lastLocalProbe < recheckLocalMs)) return;
    if (permission.state() === 'denied') return;
    probing = true;
    lastLocalProbe = now();
    discoverRoute(homey, { ...discoverOptions(), kinds: LOCAL_KINDS })
      .then((local) => {
        // Only if nothing else changed the route meanwhile (a failure, a fresh discovery).
        if (route?.kind === 'remote') set(local);
      })
      .catch(() => undefined)
      .finally(() => {
        probing = false;
      });
  };

  let lastState = permission.state();
  const onPermission = (state: LocalNetworkState) => {
    const was = lastState;
    lastState = state;
    if (state === 'granted' && was !== 'granted') {
      // Just allowed: the LAN now, not at the next five-minute look.
      recheckLocal(true);
    } else if (state === 'denied' && route && isLocalKind(route.kind)) {
      // Every call to the LAN fails from now on: the next request finds the relay.
      set(undefined);
      return;
    }
    for (const listener of [...listeners]) listener(route);
  };
  // Watched while someone watches this provider (the connection status, the live socket), so a
  // provider left behind by a change of Homey does not go on probing its LAN.
  let unwatch: (() => void) | undefined;

  return {
    current() {
      if (route) {
        recheckLocal();
        return Promise.resolve(route);
      }
      // The browser's first answer takes milliseconds; without it a denied LAN would be tried once.
      let askedWith: LocalNetworkState = 'unknown';
      discovering ??= permission
        .ready()
        .then(() => {
          askedWith = permission.state();
          return discoverRoute(homey, discoverOptions());
        })
        .then((found) => {
          // Discovery just tried the local addresses; the next look is due a full interval later.
          if (found.kind === 'remote') lastLocalProbe = now();
          set(found);
          // Allowed while this discovery ran without it: the look at the LAN it missed, now.
          if (found.kind === 'remote' && askedWith !== 'granted' && permission.state() === 'granted') recheckLocal(true);
          return found;
        })
        .finally(() => {
          discovering = undefined;
        });
      return discovering;
    },
    reportFailure(failed) {
      if (route && route.baseUrl === failed.baseUrl) set(undefined);
    },
    info: () => route,
    localNetwork: () => permission.state(),
    subscribe(listener) {
      listeners.add(listener);
      if (!unwatch) {
        unwatch = permission.subscribe(onPermission);
        // What changed while nobody watched counts as a change now.
        if (permission.state() !== lastState) onPermission(permission.state());
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          unwatch?.();
          unwatch = undefined;
        }
      };
    },
  };
}

/** Local mode: the address the owner typed in, used as is. */
export function createDirectRouteProvider(baseUrl: string, permission: LocalNetworkPermission = noLocalNetworkPermission): RouteProvider {
  const route: Route = { kind: 'direct', baseUrl: baseUrl.replace(/\/+$/, '') };
  return {
    current: () => Promise.resolve(route),
    reportFailure: () => undefined,
    info: () => route,
    localNetwork: () => permission.state(),
    subscribe: (listener) => permission.subscribe(() => listener(route)),
  };
}

/** A human label for a route, for the connection indicator. */
export function describeRoute(route: Route | undefined): string {
  if (!route) return 'connecting';
  return isLocalKind(route.kind) ? 'via local network' : 'via Athom cloud';
}

function readStoredRoute(storage: StorageLike | undefined, key: string, homey: AthomHomey, pageProtocol: string): Route | undefined {
  const raw = readItem(storage, key);
  if (raw === null) return undefined;
  try {
    const stored = JSON.parse(raw) as Partial<Route>;
    // Only an address the Homey still has (its LAN address may have changed since).
    const match = routeCandidates(homey, pageProtocol).find((r) => r.kind === stored.kind && r.baseUrl === stored.baseUrl);
    if (match) return match;
  } catch {
    // Unreadable: discover again.
  }
  removeItem(storage, key);
  return undefined;
}
