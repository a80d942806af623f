// One connection to a Homey's realtime socket, spoken frame by frame: socket.io 2 over engine.io
// protocol 3 on a plain WebSocket, as Athom's own client speaks it (docs/homey-web-api.md §4, the
// frame table). A dozen frame kinds are all a dashboard needs, so this is written out here instead
// of shipping socket.io-client 2 and its old dependencies (docs/decisions/005-live-updates-over-the-homeys-socket.md).
//
// It is a browser edge: the WebSocket class and the timers come in as parameters with the browser's
// as defaults, so tests run it in Node against the emulator's real socket.io server.

/** The part of a WebSocket used here (the browser's, or the `ws` package's in tests). */
export interface WebSocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketClass = new (url: string) => WebSocketLike;

export interface SocketTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const browserTimers: SocketTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** Why a connection ended; `server` is the Homey hanging up (`41`), `closed` our own close(). */
export type SocketCloseReason = 'transport' | 'ping-timeout' | 'timers-jumped' | 'server' | 'closed' | 'open-timeout';

/** An ack arrived with an error first, or never arrived. */
export class SocketAckError extends Error {
  constructor(
    message: string,
    readonly reply: unknown,
    readonly statusCode: number | undefined,
  ) {
    super(message);
    this.name = 'SocketAckError';
  }
}

export interface HomeySocketOptions {
  /** The Homey's base URL (http or https); the socket lives at its origin's /socket.io/. */
  baseUrl: string;
  WebSocket?: WebSocketClass;
  timers?: SocketTimers;
  /** How long an ack (handshake, subscribe) may take, as Athom's client waits: 10 s. */
  ackTimeoutMs?: number;
  /** How long the engine.io open packet and the root namespace may take. */
  openTimeoutMs?: number;
  /** Overrides the heartbeat the Homey announces (tests shorten it). */
  heartbeat?: { intervalMs: number; timeoutMs: number };
  /** An event on a namespace: `42/api,["homey:device:…","capability",{…}]` becomes (`/api`, `homey:device:…`, [`capability`, {…}]). */
  onEvent?: (namespace: string, name: string, args: unknown[]) => void;
  onClose?: (reason: SocketCloseReason) => void;
}

export interface HomeySocket {
  /** Sends an event and waits for its ack: the ack's arguments, or SocketAckError when its first one is an error. */
  request(namespace: string, event: string, ...args: unknown[]): Promise<unknown[]>;
  /** Sends an event that wants no ack (`unsubscribe`). */
  send(namespace: string, event: string, ...args: unknown[]): void;
  /** Opens a namespace on this connection: once, since socket.io 4 closes a connection that asks twice. */
  openNamespace(namespace: string): Promise<void>;
  /** Pings now and expects the pong within the timeout (after a wake, when timers may have slept). */
  check(): void;
  close(): void;
}

/** `http://h:80/x` → `ws://h:80/socket.io/?EIO=3&transport=websocket`: socket.io-client takes a URL's path as a namespace, never as a prefix. */
export function socketUrl(baseUrl: string): string {
  const url = new URL('/socket.io/', baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '?EIO=3&transport=websocket';
  return url.toString();
}

interface Packet {
  type: number;
  namespace: string;
  id: number | undefined;
  data: unknown;
}

/** A socket.io packet as engine.io's message carries it: type, namespace, ack id, JSON. */
export function parsePacket(text: string): Packet | undefined {
  const type = Number(text.charAt(0));
  if (!Number.isInteger(type)) return undefined;
  let i = 1;
  // Binary attachments (`51-…`) are not used by a Homey's JSON events; such a packet is skipped.
  if (type === 5 || type === 6) return undefined;
  let namespace = '/';
  if (text.charAt(i) === '/') {
    const comma = text.indexOf(',', i);
    namespace = comma === -1 ? text.slice(i) : text.slice(i, comma);
    i = comma === -1 ? text.length : comma + 1;
  }
  let digits = '';
  while (i < text.length && text.charAt(i) >= '0' && text.charAt(i) <= '9') digits += text.charAt(i++);
  let data: unknown;
  if (i < text.length) {
    try {
      data = JSON.parse(text.slice(i));
    } catch {
      return undefined;
    }
  }
  return { type, namespace, id: digits ? Number(digits) : undefined, data };
}

function prefix(namespace: string): string {
  return namespace === '/' ? '' : `${namespace},`;
}

function ackError(reply: unknown[], what: string): SocketAckError | undefined {
  const first = reply[0];
  if (first === null || first === undefined) return undefined;
  const record = typeof first === 'object' ? (first as Record<string, unknown>) : {};
  const status = typeof record.statusCode === 'number' ? record.statusCode : undefined;
  const text = typeof first === 'string' ? first : typeof record.error_description === 'string' ? record.error_description : typeof record.error === 'string' ? record.error : 'refused';
  return new SocketAckError(`${what}: ${text}`, first, status);
}

/**
 * Opens the socket and resolves once the engine.io open packet and the root namespace have come
 * (`0{…}`, `40`); rejects when the connection ends first. After that, `onClose` says when it ends.
 */
export function connectHomeySocket({
  baseUrl,
  WebSocket: Socket = globalThis.WebSocket as unknown as WebSocketClass,
  timers = browserTimers,
  ackTimeoutMs = 10_000,
  openTimeoutMs = 10_000,
  heartbeat,
  onEvent,
  onClose,
}: HomeySocketOptions): Promise<HomeySocket> {
  return new Promise<HomeySocket>((resolve, reject) => {
    const ws = new Socket(socketUrl(baseUrl));
    let opened = false;
    let ended = false;
    let nextId = 0;
    let pingInterval = heartbeat?.intervalMs ?? 25_000;
    let pingTimeout = heartbeat?.timeoutMs ?? 20_000;
    let pingTimer: unknown;
    let pongTimer: unknown;
    let pingDueAt = 0;
    const acks = new Map<number, { resolve: (args: unknown[]) => void; reject: (error: Error) => void; timer: unknown }>();
    const namespaces = new Map<string, { resolve: () => void; reject: (error: Error) => void; promise: Promise<void>; open: boolean }>();

    const end = (reason: SocketCloseReason) => {
      if (ended) return;
      ended = true;
      timers.clearTimeout(pingTimer);
      timers.clearTimeout(pongTimer);
      timers.clearTimeout(openTimer);
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close();
      } catch {
        // Already closed: nothing to do.
      }
      const gone = new Error(`The Homey's socket closed (${reason})`);
      for (const [, ack] of acks) {
        timers.clearTimeout(ack.timer);
        ack.reject(gone);
      }
      acks.clear();
      for (const [, ns] of namespaces) if (!ns.open) ns.reject(gone);
      if (opened) onClose?.(reason);
      else reject(gone);
    };

    const openTimer = timers.setTimeout(() => end('open-timeout'), openTimeoutMs);

    const write = (frame: string) => {
      if (!ended) ws.send(frame);
    };

    // engine.io 3: the client pings every pingInterval and the server's pong must come within
    // pingTimeout. A ping timer that fires far later than asked means the device slept: whatever
    // the socket seems, it missed events, and may be dead without knowing it.
    const schedulePing = () => {
      timers.clearTimeout(pingTimer);
      pingDueAt = timers.now() + pingInterval;
      pingTimer = timers.setTimeout(() => {
        if (timers.now() - pingDueAt > pingTimeout) return end('timers-jumped');
        ping();
      }, pingInterval);
    };
    const ping = () => {
      timers.clearTimeout(pingTimer);
      write('2');
      timers.clearTimeout(pongTimer);
      pongTimer = timers.setTimeout(() => end('ping-timeout'), pingTimeout);
    };

    const socket: HomeySocket = {
      request(namespace, event, ...args) {
        if (ended) return Promise.reject(new Error("The Homey's socket is closed"));
        const id = nextId++;
        return new Promise<unknown[]>((done, fail) => {
          const timer = timers.setTimeout(() => {
            acks.delete(id);
            fail(new SocketAckError(`${event}: no answer within ${ackTimeoutMs} ms`, undefined, undefined));
          }, ackTimeoutMs);
          acks.set(id, {
            resolve: (reply) => {
              const error = ackError(reply, event);
              if (error) fail(error);
              else done(reply);
            },
            reject: fail,
            timer,
          });
          write(`42${prefix(namespace)}${id}${JSON.stringify([event, ...args])}`);
        });
      },
      send(namespace, event, ...args) {
        write(`42${prefix(namespace)}${JSON.stringify([event, ...args])}`);
      },
      openNamespace(namespace) {
        const known = namespaces.get(namespace);
        if (known) return known.promise;
        let entry!: { resolve: () => void; reject: (error: Error) => void; promise: Promise<void>; open: boolean };
        const promise = new Promise<void>((done, fail) => {
          entry = { resolve: done, reject: fail, promise: undefined as unknown as Promise<void>, open: false };
        });
        entry.promise = promise;
        namespaces.set(namespace, entry);
        write(`40${prefix(namespace)}`);
        return promise;
      },
      check: () => {
        if (opened && !ended) ping();
      },
      close: () => end('closed'),
    };

    const onPacket = (packet: Packet) => {
      if (packet.type === 0 && packet.namespace === '/' && !opened) {
        opened = true;
        timers.clearTimeout(openTimer);
        resolve(socket);
        return;
      }
      if (packet.type === 0) {
        const ns = namespaces.get(packet.namespace);
        if (ns && !ns.open) {
          ns.open = true;
          ns.resolve();
        }
        return;
      }
      if (packet.type === 1) return end('server');
      if (packet.type === 4) {
        const ns = namespaces.get(packet.namespace);
        const data = packet.data as { message?: unknown; data?: unknown } | string | undefined;
        const message = typeof data === 'string' ? data : typeof data?.message === 'string' ? data.message : 'refused';
        const status = typeof data === 'object' && data && typeof (data.data as { statusCode?: unknown } | undefined)?.statusCode === 'number' ? ((data.data as { statusCode: number }).statusCode) : undefined;
        if (ns && !ns.open) {
          namespaces.delete(packet.namespace);
          ns.reject(new SocketAckError(`${packet.namespace}: ${message}`, data, status));
        }
        return;
      }
      if (packet.type === 3 && packet.id !== undefined) {
        const ack = acks.get(packet.id);
        if (!ack) return;
        acks.delete(packet.id);
        timers.clearTimeout(ack.timer);
        ack.resolve(Array.isArray(packet.data) ? packet.data : []);
        return;
      }
      if (packet.type === 2 && Array.isArray(packet.data) && typeof packet.data[0] === 'string') {
        const [name, ...args] = packet.data as [string, ...unknown[]];
        // The Homey does not ask a dashboard for acks; should it, an empty one keeps it happy.
        if (packet.id !== undefined) write(`43${prefix(packet.namespace)}${packet.id}[]`);
        onEvent?.(packet.namespace, name, args);
      }
    };

    ws.onmessage = (event) => {
      if (typeof event.data !== 'string' || event.data === '') return;
      const text = event.data;
      const kind = text.charAt(0);
      if (kind === '0') {
        // engine.io open: the heartbeat the Homey asks for, unless a test set its own.
        try {
          const open = JSON.parse(text.slice(1)) as { pingInterval?: unknown; pingTimeout?: unknown };
          if (!heartbeat && typeof open.pingInterval === 'number' && typeof open.pingTimeout === 'number') {
            pingInterval = open.pingInterval;
            pingTimeout = open.pingTimeout;
          }
        } catch {
          // A malformed open packet: keep the defaults.
        }
        schedulePing();
      } else if (kind === '3') {
        timers.clearTimeout(pongTimer);
        schedulePing();
      } else if (kind === '2') {
        // An engine.io 4 server pings; answering costs nothing.
        write('3');
      } else if (kind === '1') {
        end('server');
      } else if (kind === '4') {
        const packet = parsePacket(text.slice(1));
        if (packet) onPacket(packet);
      }
    };
    ws.onclose = () => end('transport');
    ws.onerror = () => end('transport');
  });
}
