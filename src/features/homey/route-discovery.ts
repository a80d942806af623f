import { HomeyNetworkError } from './errors.ts';
import type { AthomHomey } from './athom-cloud.ts';
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
  signal?: AbortSignal;
}

export interface RouteAttempt extends Route {
  reason: string;
}

/** Discovery failed on every candidate; `attempts` says why each one was refused. */
export class HomeyUnreachableError extends HomeyNetworkError {
  readonly attempts: readonly RouteAttempt[];

  constructor(message: string, attempts: readonly RouteAttempt[]) {
    super(message);
    this.name = 'HomeyUnreachableError';
    this.attempts = attempts;
  }
}

const ORDER: readonly RouteKind[] = ['localSecure', 'local', 'remote'];

export function isLocalKind(kind: RouteKind): boolean {
  return kind === 'localSecure' || kind === 'local' || kind === 'direct';
}

/** The addresses worth trying, best first; one address listed under two kinds is tried once. */
export function routeCandidates(homey: AthomHomey, pageProtocol: string): Route[] {
  const urls: Record<Exclude<RouteKind, 'direct'>, string | null | undefined> = {
    localSecure: homey.localUrlSecure,
    // The official client drops plain http when the page is https; browsers would block it anyway.
    local: pageProtocol === 'http:' ? homey.localUrl : undefined,
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
    signal,
  } = options;
  throwIfAborted(signal);
  let candidates = routeCandidates(homey, pageProtocol).filter((r) => !kinds || kinds.includes(r.kind));
  if (preferred) {
    candidates = [...candidates.filter((r) => r.kind === preferred), ...candidates.filter((r) => r.kind !== preferred)];
  }
  if (candidates.length === 0) {
    throw new HomeyUnreachableError(`Homey "${homey.name}" has no address to try`, []);
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
  const detail = notable.length ? `; ${notable.join('; ')}` : '';
  throw new HomeyUnreachableError(`Homey "${homey.name}" is not reachable (tried ${tried})${detail}`, attempts);
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
