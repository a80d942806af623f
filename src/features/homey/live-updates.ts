import { SignInRequiredError } from './errors.ts';
import type { HomeyClient } from './homey-client.ts';
import { SocketAckError, connectHomeySocket } from './homey-socket.ts';
import type { HomeySocket, HomeySocketOptions, SocketTimers, WebSocketClass } from './homey-socket.ts';

// Keeps one live socket to the Homey the client talks to (docs/homey-web-api.md §4): hand-shakes
// with the client's session token (one shared renewal on a 401, none for an API key), opens `/api`,
// subscribes to what it is asked for and subscribes again after every reconnect, follows the
// client's route, and comes back by itself with a jittered back-off of 1 s to 30 s. What the events
// mean for the screen is the caller's business: this module knows no cache and no device.

/** `live`: hand-shaken and subscribed; `down`: trying again; `refused`: the Homey refused the credentials for good. */
export type LiveState = 'connecting' | 'live' | 'down' | 'refused';

export interface LiveUpdatesOptions {
  client: Pick<HomeyClient, 'homey' | 'realtime' | 'subscribe' | 'status'>;
  /** An event on a subscribed URI: (`homey:device:<id>`, `capability`, {…}). */
  onEvent: (uri: string, event: string, data: unknown) => void;
  onState: (state: LiveState) => void;
  /** The socket is live again (after the first connect and every reconnect): what was missed while down must be read. */
  onLive?: () => void;
  WebSocket?: WebSocketClass;
  timers?: SocketTimers;
  random?: () => number;
  heartbeat?: HomeySocketOptions['heartbeat'];
  ackTimeoutMs?: number;
  connect?: typeof connectHomeySocket;
}

export interface LiveUpdates {
  /** The URIs to be subscribed to (the managers, and `homey:device:<id>` for every device); replaces the last set. */
  subscribe(uris: Iterable<string>): void;
  /** After a wake: a live socket is checked at once, a down one tried again at once. */
  wake(): void;
  stop(): void;
}

const API_NAMESPACE = '/api';
const MIN_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;

/** The wait before attempt `attempt` (0-based): doubling from 1 s to 30 s, each a random half to whole of it. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** Math.min(attempt, 10));
  return Math.max(MIN_BACKOFF_MS, Math.round(ceiling / 2 + (random() * ceiling) / 2));
}

class Refused extends Error {}

export function startLiveUpdates({
  client,
  onEvent,
  onState,
  onLive,
  WebSocket,
  timers,
  random = Math.random,
  heartbeat,
  ackTimeoutMs,
  connect = connectHomeySocket,
}: LiveUpdatesOptions): LiveUpdates {
  const clock = timers ?? {
    setTimeout: (callback: () => void, ms: number): unknown => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle: unknown) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const wanted = new Set<string>();
  let subscribed = new Set<string>();
  let socket: HomeySocket | undefined;
  let socketBaseUrl: string | undefined;
  let live = false;
  let stopped = false;
  let generation = 0;
  let attempt = 0;
  let retryTimer: unknown;
  let state: LiveState | undefined;
  // The token a handshake was refused with after renewing: not renewed for again (the HTTP side
  // renews when the Homey refuses it there), so a Homey that refuses every token costs no login loop.
  let refusedAfterRenewal: string | undefined;

  const setState = (next: LiveState) => {
    if (next === state) return;
    state = next;
    onState(next);
  };

  const dropSocket = () => {
    const old = socket;
    socket = undefined;
    socketBaseUrl = undefined;
    live = false;
    subscribed = new Set();
    old?.close();
  };

  const scheduleRetry = () => {
    if (stopped) return;
    clock.clearTimeout(retryTimer);
    retryTimer = clock.setTimeout(() => void run(), backoffMs(attempt++, random));
  };

  const subscribeOne = (current: HomeySocket, uri: string) => {
    subscribed.add(uri);
    // A refused subscription (a scope this session lacks) leaves the rest live: that URI is polled.
    current.request(API_NAMESPACE, 'subscribe', uri).catch(() => {
      if (socket === current) subscribed.delete(uri);
    });
  };

  const handshake = async (current: HomeySocket, token: string, homeyId: string): Promise<string> => {
    const [, answer] = await current.request('/', 'handshakeClient', { token, homeyId });
    const namespace = typeof answer === 'object' && answer !== null ? (answer as { namespace?: unknown }).namespace : undefined;
    return typeof namespace === 'string' && namespace.startsWith('/') ? namespace : API_NAMESPACE;
  };

  const run = async () => {
    if (stopped) return;
    clock.clearTimeout(retryTimer);
    const mine = ++generation;
    dropSocket();
    if (state !== 'down') setState('connecting');
    let current: HomeySocket | undefined;
    try {
      const access = await client.realtime.current();
      if (mine !== generation) return;
      current = await connect({
        baseUrl: access.baseUrl,
        WebSocket,
        timers,
        heartbeat,
        ackTimeoutMs,
        onEvent: (namespace, name, args) => {
          if (namespace !== '/') onEvent(name, typeof args[0] === 'string' ? args[0] : '', args[1]);
        },
        onClose: () => {
          if (socket !== current || stopped) return;
          dropSocket();
          setState('down');
          scheduleRetry();
        },
      });
      if (mine !== generation) {
        current.close();
        return;
      }
      socket = current;
      socketBaseUrl = access.baseUrl;
      let token = access.token;
      let namespace: string;
      try {
        namespace = await handshake(current, token, access.homeyId);
      } catch (error) {
        if (!(error instanceof SocketAckError && error.statusCode === 401) || token === refusedAfterRenewal) throw error;
        try {
          token = await client.realtime.renew(token);
        } catch (renewal) {
          throw renewal instanceof SignInRequiredError ? new Refused(renewal.message) : renewal;
        }
        if (mine !== generation) return;
        try {
          namespace = await handshake(current, token, access.homeyId);
        } catch (again) {
          if (again instanceof SocketAckError && again.statusCode === 401) refusedAfterRenewal = token;
          throw again;
        }
      }
      await current.openNamespace(namespace);
      if (mine !== generation) return;
      for (const uri of wanted) subscribeOne(current, uri);
      live = true;
      attempt = 0;
      setState('live');
      onLive?.();
    } catch (error) {
      if (mine !== generation || stopped) return;
      dropSocket();
      if (error instanceof Refused) {
        setState('refused');
        return;
      }
      setState('down');
      scheduleRetry();
    }
  };

  // The socket follows the route the HTTP client uses: a new route, a new socket at once.
  const offRoute = client.subscribe(() => {
    const route = client.status().route;
    if (stopped || !route || socketBaseUrl === undefined || route.baseUrl === socketBaseUrl) return;
    attempt = 0;
    void run();
  });

  void run();

  return {
    subscribe(uris) {
      const next = new Set(uris);
      const current = socket;
      for (const uri of wanted) {
        if (next.has(uri)) continue;
        if (current && live && subscribed.delete(uri)) current.send(API_NAMESPACE, 'unsubscribe', uri);
      }
      wanted.clear();
      for (const uri of next) wanted.add(uri);
      if (current && live) for (const uri of next) if (!subscribed.has(uri)) subscribeOne(current, uri);
    },
    wake() {
      if (stopped || state === 'refused') return;
      if (socket && live) socket.check();
      else if (state === 'down') {
        attempt = 0;
        void run();
      }
    },
    stop() {
      stopped = true;
      generation++;
      clock.clearTimeout(retryTimer);
      offRoute();
      dropSocket();
    },
  };
}
