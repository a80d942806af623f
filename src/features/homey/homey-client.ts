import { HomeyHttpError, HomeyMalformedResponseError, HomeyNetworkError, HomeyTimeoutError } from './errors.ts';
import type { HomeySessionSource } from './homey-session.ts';
import type { LocalNetworkState } from './local-network-permission.ts';
import { createRequestQueue } from './request-queue.ts';
import type { RequestPriority } from './request-queue.ts';
import type { Route } from './route-discovery.ts';
import { isLocalKind } from './route-discovery.ts';
import type { RouteProvider } from './route-provider.ts';
import { sendJson } from './send-json.ts';
import type { FetchLike } from './send-json.ts';
import { abortReason } from '../../lib/abort.ts';

// The one HTTP client for a Homey's Web API. Callers name a path under /api/manager/ and get JSON
// back; the session, the route, the queue and the failure handling stay in here, so no query and
// no tile ever holds a token or a URL. It does not retry on its own, except the one retry after a
// renewed session: retries and their back-off belong to React Query (`isRetryable`, `retryDelayMs`).

/**
 * The Athom access token the cloud side spends (athom-cloud.ts) and never stores. The auth feature,
 * which owns oidc-client-ts, implements it; the app hands it in.
 */
export interface AccessTokenSource {
  /** A valid access token, refreshed first when it has expired or is about to. */
  get(): Promise<string>;
  /**
   * The cloud refused `failedToken` (401): a new access token, one renewal shared by every caller.
   * Rejects with SignInRequiredError (or an OAuth error whose `error` is `invalid_grant` or
   * `invalid_client`) when only a new sign-in helps.
   */
  renew(failedToken: string): Promise<string>;
}

export interface HomeyRequestOptions<T = unknown> {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Checks and narrows the answer; what it throws becomes a HomeyMalformedResponseError. */
  parse?: (value: unknown) => T;
  /**
   * Its turn in the queue (request-queue.ts): each query factory says what its read is worth. A write
   * is `high` unless it says otherwise (someone just touched a control); a read is `normal`.
   */
  priority?: RequestPriority;
}

export interface HomeyClientStatus {
  route: Route | undefined;
  /** The browser's local network permission (local-network-permission.ts), for the connection status. */
  localNetwork: LocalNetworkState;
  inFlight: number;
  queued: number;
}

export interface HomeyClient {
  readonly homey: { id: string; name: string };
  /** `path` is relative to `/api/manager/`, e.g. `devices/device`. */
  get<T = unknown>(path: string, options?: HomeyRequestOptions<T>): Promise<T>;
  put<T = unknown>(path: string, body: unknown, options?: HomeyRequestOptions<T>): Promise<T>;
  post<T = unknown>(path: string, body?: unknown, options?: HomeyRequestOptions<T>): Promise<T>;
  /** What this session may do (`intersectedScopes`), fetched once per session. */
  getScopes(options?: { signal?: AbortSignal }): Promise<string[]>;
  status(): HomeyClientStatus;
  /** When the Homey session is expected to end (epoch ms), if known: how long the wall can run without Athom. */
  sessionEndsAt(): number | undefined;
  /** Called when the route changes (local ⇄ cloud, or lost), or the local network permission does. */
  subscribe(listener: () => void): () => void;
  /**
   * What the Homey's realtime socket hand-shakes with (live-updates.ts, docs/homey-web-api.md §4): the
   * route and the session token of this moment, and the same single-flight renewal a 401 over HTTP
   * spends. For the app's live-updates wiring only; features read and write through `HomeyApi`.
   */
  readonly realtime: RealtimeAccess;
}

export interface RealtimeAccess {
  /**
   * `homeyId` is the one the handshake names: the Homey's own, asked of the Homey (`X-Homey-ID` of its
   * ping, as the official client's createLocalAPI does) when the address was typed in with an API key.
   */
  current(): Promise<{ baseUrl: string; token: string; homeyId: string }>;
  /** A token other than `failedToken`; rejects with SignInRequiredError when only a new sign-in (or API key) helps. */
  renew(failedToken: string): Promise<string>;
}

/** What features read and write through (tests pass any object of this shape). */
export type HomeyApi = Pick<HomeyClient, 'homey' | 'get' | 'put' | 'post'>;

/** What a query reads through: a path under /api/manager/ in, parsed JSON out. */
export type HomeyReader = Pick<HomeyClient, 'homey' | 'get'>;

export interface HomeyClientOptions {
  homey: { id: string; name: string };
  session: HomeySessionSource;
  route: RouteProvider;
  fetch?: FetchLike;
  timeoutMs?: number;
  maxInFlight?: number;
  now?: () => number;
}

// A 429 without Retry-After (older Homeys send none) still holds the queue back this long.
const DEFAULT_HOLD_MS = 1000;

/** `promise`, or a rejection as soon as `signal` aborts (the promise itself runs on for others). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(abortReason(signal));
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

type Attempt<T> = { done: true; value: T } | { done: false; renewal: Promise<string> } | { done: false; reroute: true };

export function createHomeyClient({
  homey,
  session,
  route: routes,
  fetch = globalThis.fetch,
  timeoutMs = 10_000,
  maxInFlight = 2,
  now = Date.now,
}: HomeyClientOptions): HomeyClient {
  const queue = createRequestQueue(maxInFlight, now);
  let scopes: { token: string; promise: Promise<string[]> } | undefined;
  let typedInId: { baseUrl: string; promise: Promise<string> } | undefined;

  const attempt = async <T>(
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    body: unknown,
    options: HomeyRequestOptions<T>,
    token: string | undefined,
    again: { mayRenew: boolean; mayReroute: boolean },
  ): Promise<Attempt<T>> => {
    // A second try goes first: it has already waited its turn once.
    const release = await queue.acquire({
      signal: options.signal,
      front: !(again.mayRenew && again.mayReroute),
      priority: options.priority ?? (method === 'GET' ? 'normal' : 'high'),
    });
    try {
      const route = await routes.current();
      const bearer = token ?? (await session.current());
      let value: unknown;
      try {
        ({ value } = await sendJson({
          fetch,
          url: `${route.baseUrl}/api/manager/${path.replace(/^\/+/, '')}`,
          method,
          headers: { Authorization: `Bearer ${bearer}`, 'X-Homey-ID': homey.id },
          body: method === 'GET' ? undefined : body,
          timeoutMs: options.timeoutMs ?? timeoutMs,
          signal: options.signal,
          service: 'Homey',
          target: `Homey "${homey.name}"${routePhrase(route)}`,
          secrets: [bearer],
        }));
      } catch (error) {
        // No answer on this route: the next request discovers again (and may fall back to another).
        if (error instanceof HomeyNetworkError || error instanceof HomeyTimeoutError) {
          routes.reportFailure(route);
          // A read is safe to send again: try once more at once, on whatever route answers now
          // (the relay when the LAN address died), instead of showing "unreachable" until a retry.
          if (method === 'GET' && again.mayReroute && !options.signal?.aborted) return { done: false, reroute: true };
        }
        if (error instanceof HomeyHttpError && error.status === 429) queue.holdFor(error.retryAfterMs ?? DEFAULT_HOLD_MS);
        if (!again.mayRenew || !(error instanceof HomeyHttpError && error.status === 401)) throw error;
        // Started before the slot is released, so the next waiter asks for the new session
        // instead of going out with the refused one.
        const renewal = session.renew(bearer);
        renewal.catch(() => undefined);
        return { done: false, renewal };
      }
      return { done: true, value: parseAnswer(value, options.parse, homey.name, path) };
    } finally {
      release();
    }
  };

  // At most one renewal (after a 401) and one reroute (after a lost route, reads only) per request.
  const request = async <T>(method: 'GET' | 'PUT' | 'POST', path: string, body: unknown, options: HomeyRequestOptions<T> = {}): Promise<T> => {
    let token: string | undefined;
    const again = { mayRenew: true, mayReroute: true };
    for (;;) {
      const result = await attempt(method, path, body, options, token, { ...again });
      if (result.done) return result.value;
      if ('reroute' in result) {
        again.mayReroute = false;
      } else {
        token = await result.renewal;
        again.mayRenew = false;
      }
    }
  };

  return {
    homey: { id: homey.id, name: homey.name },
    get: (path, options) => request('GET', path, undefined, options),
    put: (path, body, options) => request('PUT', path, body, options),
    post: (path, body, options) => request('POST', path, body, options),
    async getScopes(options) {
      const token = await session.current();
      if (scopes?.token !== token) {
        // Shared by every caller, so no caller's signal: one that unmounts (StrictMode does, at once)
        // must not abort the look-up the others are waiting for. Each caller races its own below.
        const promise = request('GET', 'sessions/session/me', undefined, { parse: parseSessionScopes });
        const entry = { token, promise };
        scopes = entry;
        // A failed look-up is not remembered: the next call asks again.
        promise.catch(() => {
          if (scopes === entry) scopes = undefined;
        });
      }
      return abortable(scopes.promise, options?.signal);
    },
    status: () => ({ route: routes.info(), localNetwork: routes.localNetwork(), inFlight: queue.inFlight, queued: queue.waiting }),
    sessionEndsAt: () => session.endsAt(),
    subscribe(listener) {
      return routes.subscribe(() => listener());
    },
    realtime: {
      async current() {
        const route = await routes.current();
        const token = await session.current();
        if (route.kind !== 'direct') return { baseUrl: route.baseUrl, token, homeyId: homey.id };
        if (typedInId?.baseUrl !== route.baseUrl) {
          const entry = { baseUrl: route.baseUrl, promise: askHomeyId(fetch, route.baseUrl, timeoutMs) };
          typedInId = entry;
          entry.promise.catch(() => {
            if (typedInId === entry) typedInId = undefined;
          });
        }
        return { baseUrl: route.baseUrl, token, homeyId: await typedInId.promise };
      },
      renew: (failedToken) => session.renew(failedToken),
    },
  };
}

/** A Homey's own id, from the `X-Homey-ID` header of its ping (no auth; docs/homey-web-api.md §1). */
async function askHomeyId(fetch: FetchLike, baseUrl: string, timeoutMs: number): Promise<string> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(`${baseUrl}/api/manager/system/ping`, { signal: controller.signal });
    const id = response.headers.get('X-Homey-ID');
    if (!response.ok || !id) throw new HomeyMalformedResponseError(`${new URL(baseUrl).host} answered its ping without the Homey's id (HTTP ${response.status})`);
    return id;
  } catch (error) {
    if (error instanceof HomeyMalformedResponseError) throw error;
    throw new HomeyNetworkError(`${new URL(baseUrl).host} did not answer its ping`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

function routePhrase(route: Route): string {
  if (route.kind === 'direct') return '';
  return isLocalKind(route.kind) ? ' over the local network' : " through Athom's cloud";
}

function parseAnswer<T>(value: unknown, parse: ((value: unknown) => T) | undefined, homeyName: string, path: string): T {
  if (!parse) return value as T;
  try {
    return parse(value);
  } catch (error) {
    if (error instanceof HomeyMalformedResponseError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new HomeyMalformedResponseError(`Homey "${homeyName}" answered ${path.split('?')[0]} with an unexpected shape: ${why}`, {
      cause: error,
    });
  }
}

function parseSessionScopes(value: unknown): string[] {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  // `intersectedScopes` is what this session may really do (its scopes ∩ the user's rights).
  const list = Array.isArray(record.intersectedScopes) ? record.intersectedScopes : record.scopes;
  if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) {
    throw new Error('the session names no scopes');
  }
  return list;
}

/**
 * Whether holding `scopes` allows `needed`. Athom's scopes nest by dots: `homey` grants everything,
 * `homey.device` grants `homey.device.readonly` and `homey.device.control`. As in the emulator and in
 * the Homey's own `intersectedScopes`, `….control` also grants `….readonly` (what you may switch, you
 * may see). A `:suffix` narrows a scope to one owner (`homey.app:com.example`): a held suffix must match.
 */
export function hasScope(scopes: readonly string[], needed: string): boolean {
  const [neededBase = '', neededSuffix] = needed.split(':');
  return scopes.some((held) => {
    const [heldBase = '', heldSuffix] = held.split(':');
    if (heldSuffix !== undefined && heldSuffix !== neededSuffix) return false;
    if (neededBase === heldBase || neededBase.startsWith(`${heldBase}.`)) return true;
    return heldBase.endsWith('.control') && neededBase === `${heldBase.slice(0, -'.control'.length)}.readonly`;
  });
}
