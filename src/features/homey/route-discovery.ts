import { HomeyNetworkError } from './errors.ts';
import type { AthomHomey } from './athom-cloud.ts';
import type { LocalNetworkState } from './local-network-permission.ts';
import type { FetchLike } from './send-json.ts';
import { throwIfAborted } from '../../lib/abort.ts';

// Which address reaches a Homey, found the way Athom's own client finds it (homey-api
// DiscoveryManager.discoverBaseUrl): ping every candidate in parallel, accept an answer only from
// the right Homey, and prefer the local network (secure address first) over Athom's cloud relay.

/**
 * `localSecure`: `https://<ip>.homey.homeylocal.com`; `local`: `http://<LAN IP>`; `remote`: Athom's relay;
 * `direct`: an address the owner typed in (local mode with an API key), never discovered.
 */
export type RouteKind = 'localSecure' | 'local' | 'remote' | 'direct';

export interface Route {
  kind: RouteKind;
  baseUrl: string;
}

export interface DiscoverOptions {
  /** `location.protocol` of the page: an https page may not call `http://<LAN IP>` (mixed content). */
  pageProtocol?: string;
  fetch?: FetchLike;
  localTimeoutMs?: number;
  remoteTimeoutMs?: number;
  /** Wins over the usual order when it answers in time (e.g. the route that worked last). */
  preferred?: RouteKind;
  /** Only these kinds are tried (the route provider re-probes the local ones alone). */
  kinds?: readonly RouteKind[];
  /** The browser's local network permission (local-network-permission.ts): denied, no local address is tried. */
  localNetwork?: LocalNetworkState;
  signal?: AbortSignal;
}

export interface RouteAttempt extends Route {
  reason: string;
}

/** Discovery failed on every candidate; `attempts` says why each one was refused. */
export class HomeyUnreachableError extends HomeyNetworkError {
  readonly attempts: readonly RouteAttempt[];
  /** The browser was not allowed to reach the local network, so only Athom's relay was tried. */
  readonly localNetworkDenied: boolean;

  constructor(message: string, attempts: readonly RouteAttempt[], options: { localNetworkDenied?: boolean } = {}) {
    super(message);
    this.name = 'HomeyUnreachableError';
    this.attempts = attempts;
    this.localNetworkDenied = options.localNetworkDenied ?? false;
  }
}

const ORDER: readonly RouteKind[] = ['localSecure', 'local', 'remote'];

export function isLocalKind(kind: RouteKind): boolean {
  return kind === 'localSecure' || kind === 'local' || kind === 'direct';
}

/**
 * Whether the local addresses are worth a try: not once the person (or a policy) denied this page the
 * local network, where every call to them fails at once and the relay is the only way.
 */
export function mayTryLocal(localNetwork: LocalNetworkState): boolean {
  return localNetwork !== 'denied';
}

/**
 * The kinds a check nobody asked for may try (the picker's online/offline): while the browser would
 * still ask for the local network, only the relay, so the question comes with the person's tap on a
 * Homey instead of out of the blue (undefined: every kind).
 */
export function unpromptedKinds(localNetwork: LocalNetworkState): readonly RouteKind[] | undefined {
  return localNetwork === 'prompt' || localNetwork === 'denied' ? ['remote'] : undefined;
}

/**
 * The addresses worth trying, best first; one address listed under two kinds is tried once. The same
 * order as the official client (homey-api DiscoveryManager): secure local, plain local, the relay.
 */
export function routeCandidates(homey: AthomHomey, pageProtocol: string, localNetwork: LocalNetworkState = 'unknown'): Route[] {
  const local = mayTryLocal(localNetwork);
  const urls: Record<Exclude<RouteKind, 'direct'>, string | null | undefined> = {
    localSecure: local ? homey.localUrlSecure : undefined,
    // The official client drops plain http when the page is https; browsers would block it anyway
    // (mixed content: `targetAddressSpace` would lift that in Chromium, but not for the socket).
    local: local && pageProtocol === 'http:' ? homey.localUrl : undefined,
    remote: homey.remoteUrl,
  };
  const seen = new Set<string>();
  const routes: Route[] = [];
  for (const kind of ORDER) {
    const url = urls[kind as Exclude<RouteKind, 'direct'>];
    if (typeof url !== 'string' || url === '') continue;
    const baseUrl = url.replace(/\/+$/, '');
    if (seen.has(baseUrl)) continue;
    seen.add(baseUrl);
    routes.push({ kind, baseUrl });
  }
  return routes;
}

export async function discoverRoute(homey: AthomHomey, options: DiscoverOptions = {}): Promise<Route> {
  const {
    pageProtocol = globalThis.location?.protocol ?? 'https:',
    fetch = globalThis.fetch,
    localTimeoutMs = 1200,
    remoteTimeoutMs = 5000,
    preferred,
    kinds,
    localNetwork = 'unknown',
    signal,
  } = options;
  throwIfAborted(signal);
  const localNetworkDenied = !mayTryLocal(localNetwork) && Boolean(homey.localUrlSecure || homey.localUrl);
  let candidates = routeCandidates(homey, pageProtocol, localNetwork).filter((r) => !kinds || kinds.includes(r.kind));
  if (preferred) {
    candidates = [...candidates.filter((r) => r.kind === preferred), ...candidates.filter((r) => r.kind !== preferred)];
  }
  if (candidates.length === 0) {
    const why = localNetworkDenied ? ': this browser may not reach the local network' : '';
    throw new HomeyUnreachableError(`Homey "${homey.name}" has no address to try${why}`, [], { localNetworkDenied });
  }

  const controllers = candidates.map(() => new AbortController());
  const stopAll = () => controllers.forEach((c) => c.abort());
  signal?.addEventListener('abort', stopAll, { once: true });
  const pings = candidates.map((route, i) =>
    ping(fetch, homey.id, route, route.kind === 'remote' ? remoteTimeoutMs : localTimeoutMs, controllers[i]!.signal),
  );
  // Settled promises only: a ping that loses the race must not become an unhandled rejection.
  pings.forEach((p) => p.catch(() => undefined));

  const attempts: RouteAttempt[] = [];
  try {
    // All pings run at once; taking them in preference order costs at most the local timeout.
    for (const [i, route] of candidates.entries()) {
      const reason = await pings[i]!.then(
        () => undefined,
        (error: unknown) => (error instanceof PingRefused ? error.message : 'no answer'),
      );
      throwIfAborted(signal);
      if (reason === undefined) return route;
      attempts.push({ ...route, reason });
    }
  } finally {
    stopAll();
    signal?.removeEventListener('abort', stopAll);
  }

  const tried = [...new Set(attempts.map((a) => (a.kind === 'remote' ? 'remote' : 'local')))].join(', ');
  const notable = [...new Set(attempts.map((a) => a.reason).filter((r) => r !== 'no answer'))];
  if (localNetworkDenied) notable.push('this browser may not reach the local network');
  const detail = notable.length ? `; ${notable.join('; ')}` : '';
  throw new HomeyUnreachableError(`Homey "${homey.name}" is not reachable (tried ${tried})${detail}`, attempts, { localNetworkDenied });
}

class PingRefused extends Error {}

async function ping(fetch: FetchLike, homeyId: string, route: Route, timeoutMs: number, signal: AbortSignal): Promise<void> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, timeoutMs);
  signal.addEventListener('abort', abort, { once: true });
  try {
    // No X-Homey-ID request header (the official client sends one): a plain GET needs no CORS
    // preflight, which would double the round trips inside the 1.2 s a local address gets.
    const response = await fetch(`${route.baseUrl}/api/manager/system/ping?id=${encodeURIComponent(homeyId)}`, {
      signal: controller.signal,
    });
    const text = await response.text();
    if (!response.ok) throw new PingRefused(pingRefusal(response.status, text));
    // A Homey pinged with another Homey's id answers `false` (a reused LAN address, homey-api).
    const answeredId = response.headers.get('X-Homey-ID');
    if (text.trim() === 'false' || (answeredId !== null && answeredId !== homeyId)) {
      throw new PingRefused(`a different Homey answered at ${route.kind === 'remote' ? 'the remote' : 'the local'} address`);
    }
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', abort);
  }
}

function pingRefusal(status: number, text: string): string {
  // Athom's relay refuses a Homey whose subscription lapsed (homey-api APIErrorHomeySubscriptionInactive).
  if (status === 403 && text.includes('Subscription Inactive')) return "Athom's relay says the Homey's subscription is inactive";
  return `the Homey answered ${status}`;
}
