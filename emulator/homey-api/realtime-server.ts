import type { Server as HttpServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io';
import type { Router } from '../http.ts';
import type { RealtimeConnectionInfo, RouteName, SocketStats } from '../control/wire-types.ts';
import { dispatchApiCall, parseApiCall } from './realtime-api.ts';
import type { ApiError } from './realtime-api.ts';
import type { RealtimeConnection, RealtimeHub } from './realtime-hub.ts';
import type { HomeyRuntime } from './runtime.ts';
import { hasScopes, operation } from './scopes.ts';

// The Homey's realtime socket on one listener (docs/homey-web-api.md §4): socket.io at /socket.io,
// websocket only, for the official client's socket.io-client 2 (engine.io 3, hence `allowEIO3`) and
// for v4 clients alike. A connection hand-shakes on the root namespace with its session token; only
// then may it open `/api`, subscribe to URIs and make `api` calls. What it hears comes from the hub.

/** Athom's recommendation for a Homey's socket.io (docs/homey-web-api.md §4). */
export const PING_INTERVAL_MS = 5000;
export const PING_TIMEOUT_MS = 8000;
export const API_NAMESPACE = '/api';
/** How often connections are checked against their session and their route (expiry by clock, a route taken off line). */
const SWEEP_MS = 250;

export interface RealtimeServerOptions {
  /** The listener's name in stats, e.g. `homey:<id>:local`. */
  listener: string;
  route: RouteName;
  hub: RealtimeHub;
  runtime: () => HomeyRuntime;
  /** The listener's HTTP routes: `api` calls are dispatched to them. */
  router: Router;
  /** Athom's 5 s / 8 s unless given (tests shorten it to watch a heartbeat stop). */
  heartbeat?: { intervalMs: number; timeoutMs: number };
}

export interface RealtimeServer {
  /** Counters for `GET /__emulator/stats`. */
  stats: { snapshot(): SocketStats; reset(): void };
  close(): void;
}

type Engine = Socket['conn'];

/** The few engine.io internals that silencing a connection must reach; engine.io has no public way to stop its heartbeat. */
interface EngineInternals {
  sendPacket: (...args: unknown[]) => void;
  schedulePing: () => void;
  resetPingTimeout: () => void;
  pingTimeoutTimer: NodeJS.Timeout | null;
  pingIntervalTimer: NodeJS.Timeout | null;
  transport: { removeAllListeners(event: string): void };
}

// Which scope a subscription needs: the one that reads what it announces.
const SUBSCRIPTION_SCOPES: [RegExp, string[] | undefined][] = [
  [/^homey:(manager:devices|device:[^:]+)$/, operation('ManagerDevices', 'getDevices').scopes],
  [/^homey:(manager:zones|zone:[^:]+)$/, operation('ManagerZones', 'getZones').scopes],
  [/^homey:(manager:flow|flow:[^:]+|advancedflow:[^:]+)$/, operation('ManagerFlow', 'getFlows').scopes],
  [/^homey:(manager:insights|log:.+)$/, operation('ManagerInsights', 'getLogs').scopes],
];
const URI = /^homey:[a-z-]+:[^\s]+$/;

function refusal(statusCode: number, message: string): ApiError {
  return { error: message, error_description: message, statusCode };
}

function emptyStats(): SocketStats {
  return { connections: 0, open: 0, handshakes: 0, refusedHandshakes: 0, framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0, events: 0, apiCalls: {} };
}

/** Bytes of one engine.io packet as a websocket frame carries it: the type digit, then the data. */
function packetBytes(packet: { data?: unknown }): number {
  const { data } = packet;
  if (typeof data === 'string') return 1 + Buffer.byteLength(data);
  if (Buffer.isBuffer(data)) return data.length;
  return 1;
}

class Connection implements RealtimeConnection {
  readonly id = randomUUID();
  readonly openedAt: string;
  token: string | undefined;
  sessionType: string | undefined;
  scopes: string[] = [];
  silent = false;
  readonly sockets = new Set<Socket>();
  private ended = false;

  constructor(
    readonly route: RouteName,
    readonly conn: Engine,
    private readonly runtime: () => HomeyRuntime,
    now: number,
  ) {
    this.openedAt = new Date(now).toISOString();
  }

  /** Whether the session this connection hand-shook with still holds (expiry, revocation). */
  authorised(): boolean {
    return this.token !== undefined && this.runtime().authenticate(`Bearer ${this.token}`).ok;
  }

  subscriptions(): string[] {
    const uris = new Set<string>();
    for (const socket of this.sockets) {
      if (socket.nsp.name !== API_NAMESPACE) continue;
      for (const room of socket.rooms) if (room !== socket.id) uris.add(room);
    }
    return [...uris].sort();
  }

  info(): RealtimeConnectionInfo {
    return {
      id: this.id,
      route: this.route,
      protocol: this.conn.protocol === 3 ? 3 : 4,
      openedAt: this.openedAt,
      handshaken: this.token !== undefined,
      sessionType: this.sessionType ?? null,
      namespaces: [...this.sockets].map((s) => s.nsp.name).sort(),
      subscriptions: this.subscriptions(),
      silent: this.silent,
    };
  }

  drop(): void {
    this.ended = true;
    this.conn.request.socket.destroy();
  }

  disconnect(): void {
    if (this.ended) return;
    this.ended = true;
    // Every namespace hears "io server disconnect", then the transport closes.
    for (const socket of [...this.sockets]) socket.disconnect(true);
    this.conn.close();
  }

  silence(): void {
    if (this.silent) return;
    this.silent = true;
    const engine = this.conn as unknown as EngineInternals;
    // Nothing goes out (no pong, no event, no ack), and the server's own heartbeat stops too,
    // or it would close the connection and the client would hear the TCP close.
    engine.sendPacket = () => {};
    engine.schedulePing = () => {};
    engine.resetPingTimeout = () => {};
    if (engine.pingTimeoutTimer) clearTimeout(engine.pingTimeoutTimer);
    if (engine.pingIntervalTimer) clearTimeout(engine.pingIntervalTimer);
    engine.pingTimeoutTimer = null;
    engine.pingIntervalTimer = null;
    // Nothing coming in is heard; a close from the client still ends the connection.
    engine.transport.removeAllListeners('packet');
  }

  recheck(): void {
    if (this.ended || this.token === undefined || this.authorised()) return;
    this.disconnect();
  }
}

export function attachRealtime(httpServer: HttpServer, options: RealtimeServerOptions): RealtimeServer {
  const { hub, route, runtime } = options;
  let stats = emptyStats();
  const connections = new Map<Engine, Connection>();

  const io = new Server(httpServer, {
    path: '/socket.io',
    transports: ['websocket'],
    allowEIO3: true,
    serveClient: false,
    pingInterval: options.heartbeat?.intervalMs ?? PING_INTERVAL_MS,
    pingTimeout: options.heartbeat?.timeoutMs ?? PING_TIMEOUT_MS,
    allowRequest: (req, callback) => {
      const homey = runtime();
      const mode = homey.routeModes[route];
      // The same as the route's HTTP: refused at once, or never answered.
      if (mode === 'refuse') {
        req.socket.destroy();
        return;
      }
      if (mode === 'hang') return;
      if (route === 'remote' && !homey.subscriptionActive) {
        callback('Subscription Inactive', false);
        return;
      }
      callback(null, true);
    },
  });

  io.engine.on('connection', (conn: Engine) => {
    const connection = new Connection(route, conn, runtime, Date.now());
    connections.set(conn, connection);
    const unregister = hub.register(connection);
    stats.connections++;
    stats.open++;
    conn.on('packet', (packet: { data?: unknown }) => {
      stats.framesIn++;
      stats.bytesIn += packetBytes(packet);
    });
    conn.on('packetCreate', (packet: { type: string; data?: unknown }) => {
      stats.framesOut++;
      stats.bytesOut += packetBytes(packet);
      if (packet.type === 'message' && typeof packet.data === 'string' && packet.data.startsWith(`2${API_NAMESPACE},`)) stats.events++;
    });
    conn.once('close', () => {
      stats.open = Math.max(0, stats.open - 1);
      connections.delete(conn);
      unregister();
    });
  });

  io.on('connection', (socket) => {
    const connection = connections.get(socket.conn);
    if (!connection) return;
    connection.sockets.add(socket);
    socket.on('disconnect', () => connection.sockets.delete(socket));
    socket.on('handshakeClient', (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const answer = handshake(connection, payload);
      if ('namespace' in answer) {
        stats.handshakes++;
        ack(null, answer);
      } else {
        stats.refusedHandshakes++;
        ack(answer);
      }
    });
  });

  const handshake = (connection: Connection, payload: unknown): ApiError | { namespace: string } => {
    const refusedWith = hub.takeRefusal();
    if (refusedWith !== undefined) return refusal(refusedWith, refusedWith === 401 ? 'Invalid Session' : 'Handshake refused');
    const { token, homeyId } = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
    const homey = runtime();
    if (homeyId !== homey.id) return refusal(401, `Invalid Homey ID: ${String(homeyId)}`);
    const auth = homey.authenticate(typeof token === 'string' ? `Bearer ${token}` : undefined);
    if (!auth.ok) return refusal(401, auth.message);
    connection.token = token as string;
    connection.sessionType = auth.session.type;
    connection.scopes = auth.session.scopes;
    return { namespace: API_NAMESPACE };
  };

  const api = io.of(API_NAMESPACE);
  // The namespace carries no credentials: only a connection that hand-shook (and still may) gets in.
  api.use((socket, next) => {
    const connection = connections.get(socket.conn);
    if (connection?.authorised()) return next();
    const reason = refusal(401, connection?.token === undefined ? 'Not handshaken: emit handshakeClient first' : 'Invalid Session');
    next(Object.assign(new Error(reason.error_description), { data: reason }));
  });

  api.on('connection', (socket) => {
    const connection = connections.get(socket.conn);
    if (!connection) return;
    connection.sockets.add(socket);
    socket.on('disconnect', () => connection.sockets.delete(socket));

    // A request after the session ended is refused, and the connection ends with it.
    const stillAuthorised = (ack: unknown): boolean => {
      if (connection.authorised()) return true;
      if (typeof ack === 'function') ack(refusal(401, 'Invalid Session'));
      connection.disconnect();
      return false;
    };

    socket.on('subscribe', (uri: unknown, ack: unknown) => {
      if (!stillAuthorised(ack)) return;
      const reply = typeof ack === 'function' ? (ack as (err?: ApiError) => void) : () => {};
      if (typeof uri !== 'string' || !URI.test(uri)) return reply(refusal(400, `Invalid URI: ${String(uri)}`));
      const needed = SUBSCRIPTION_SCOPES.find(([pattern]) => pattern.test(uri))?.[1];
      if (!hasScopes(connection.scopes, needed)) return reply(refusal(403, `Missing Scopes: ${(needed ?? []).join(', ')}`));
      void socket.join(uri);
      reply();
    });

    socket.on('unsubscribe', (uri: unknown) => {
      if (typeof uri === 'string') void socket.leave(uri);
    });

    socket.on('api', (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      if (!stillAuthorised(ack)) return;
      const call = parseApiCall(payload);
      if (typeof call === 'string') return ack(refusal(400, call));
      const key = `${call.uri} ${call.operation}`;
      stats.apiCalls[key] = (stats.apiCalls[key] ?? 0) + 1;
      void dispatchApiCall(options.router, call, connection.token as string).then((outcome) => {
        if (outcome.ok) ack(null, outcome.result);
        else ack(outcome.error);
      });
    });
  });

  const offEvent = hub.onEvent((event) => {
    api.to(event.uri).emit(event.uri, event.event, event.data);
  });

  // A route taken off line takes its sockets with it: refused drops them, hanging silences them.
  const sweep = setInterval(() => {
    const homey = runtime();
    const mode = homey.routeModes[route];
    const relayClosed = route === 'remote' && !homey.subscriptionActive;
    for (const connection of [...connections.values()]) {
      if (mode === 'refuse' || relayClosed) connection.drop();
      else if (mode === 'hang') connection.silence();
      else connection.recheck();
    }
  }, SWEEP_MS);
  sweep.unref();

  return {
    stats: {
      snapshot: () => structuredClone(stats),
      reset: () => {
        stats = { ...emptyStats(), open: stats.open };
      },
    },
    close() {
      clearInterval(sweep);
      offEvent();
      for (const connection of connections.values()) connection.drop();
      io.engine.close();
    },
  };
}
