import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import { TLSSocket, createSecureContext } from 'node:tls';

// The small HTTP layer every emulated service shares: routing, bodies, CORS as Athom's services
// answer it, and the hooks the test-control API needs (faults, counters, taking a Homey off line).

export interface Request {
  method: string;
  url: URL;
  path: string;
  headers: IncomingMessage['headers'];
  params: Record<string, string>;
  rawBody: Buffer;
}

export interface Response {
  status: number;
  headers?: Record<string, string>;
  /** A string or Buffer goes out as is; anything else as JSON (a bare string needs `json: true`). */
  body?: unknown;
  json?: boolean;
}

export type Handler = (req: Request) => Response | Promise<Response>;

/** An error that becomes an HTTP answer; `body` is the service's own error shape. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'object' && body && 'error' in body ? String(body.error) : `HTTP ${status}`);
  }
}

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  handler: Handler;
}

export interface RouteMatch {
  route: string;
  handler: Handler;
  params: Record<string, string>;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): void {
    this.routes.push({ method: method.toUpperCase(), pattern, segments: splitPath(pattern), handler });
  }

  /** Finds a route; a path that exists under another method answers 405 rather than 404. */
  match(method: string, path: string): RouteMatch | 'method-not-allowed' | undefined {
    const segments = splitPath(path);
    let pathExists = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method) return { route: `${route.method} ${route.pattern}`, handler: route.handler, params };
      pathExists = true;
    }
    return pathExists ? 'method-not-allowed' : undefined;
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const a = actual[i]!;
    let decoded: string;
    try {
      decoded = decodeURIComponent(a);
    } catch {
      return undefined;
    }
    if (p.startsWith(':')) params[p.slice(1)] = decoded;
    else if (p !== decoded) return undefined;
  }
  return params;
}

export function parseJsonBody(req: Request, makeError: (message: string) => HttpError): unknown {
  if (req.rawBody.length === 0) return {};
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().includes('application/json')) {
    throw makeError(`Expected Content-Type application/json, got ${type || 'none'}`);
  }
  try {
    return JSON.parse(req.rawBody.toString('utf8')) as unknown;
  } catch (err) {
    throw makeError(`Invalid JSON body: ${(err as Error).message}`);
  }
}

export function parseFormBody(req: Request): URLSearchParams {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.includes('application/json')) {
    // Lenient like Athom's token endpoint (body-parser accepts both); the client sends a form.
    try {
      const parsed = JSON.parse(req.rawBody.toString('utf8')) as Record<string, unknown>;
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(parsed ?? {})) if (typeof v === 'string') form.set(k, v);
      return form;
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(req.rawBody.toString('utf8'));
}

/**
 * What happens to a request around its handler: used for faults and off-line Homeys. `drop`, `hang`,
 * `malformed` and `respond` stand in for the handler (the server never acted); `lose-answer` lets the
 * handler act and then cuts the connection instead of answering.
 */
export type Intercept =
  | { kind: 'pass' }
  | { kind: 'delay'; ms: number }
  | { kind: 'respond'; response: Response }
  | { kind: 'drop' }
  | { kind: 'hang' }
  | { kind: 'malformed' }
  | { kind: 'lose-answer' };

export interface ListenerHooks {
  /** A name for this listener in counters and faults, e.g. `cloud` or `homey:<id>:local`. */
  name: string;
  intercept?: (req: Request, route: string) => Intercept[];
  onComplete?: (event: { listener: string; route: string; status: number; bytesIn: number; bytesOut: number }) => void;
  onInFlight?: (listener: string, delta: 1 | -1) => void;
  notFound: (req: Request) => Response;
  methodNotAllowed: (req: Request) => Response;
  internalError: (req: Request, err: unknown) => Response;
  /** Headers on every answer of this listener, errors and injected faults included. */
  extraHeaders?: () => Record<string, string>;
}

const MAX_BODY = 1024 * 1024;

// Athom's services answer every origin (docs/homey-web-api.md §1 "CORS"): reflect it, allow the headers a
// browser client sends, and expose the X-Homey-* headers discovery reads.
const CORS_ALLOW_HEADERS = 'Authorization, Content-Type, X-Homey-ID, X-Homey-Client, X-Requested-With';
const CORS_EXPOSE_HEADERS = 'X-Homey-ID, X-Homey-Version, X-Homey-Tier, Retry-After';

function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return {
    'Access-Control-Allow-Origin': origin ?? '*',
    'Access-Control-Expose-Headers': CORS_EXPOSE_HEADERS,
    ...(origin ? { Vary: 'Origin', 'Access-Control-Allow-Credentials': 'true' } : {}),
  };
}

export interface Listener {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
  /** Ends every open connection at once (a Homey dropping off the network). */
  dropConnections(): void;
}

/** Key and certificate (PEM): the listener then also speaks TLS on the same port. */
export interface ListenTls {
  key: string;
  cert: string;
}

export async function listen(router: Router, hooks: ListenerHooks, port = 0, host = '127.0.0.1', tls?: ListenTls): Promise<Listener> {
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    void handle(router, hooks, req, res, hanging);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 5000;
  // With TLS, one port answers both a Homey's addresses, as one listener: `http://<ip>` and
  // `https://<ip-dashed>.homey.homeylocal.com` (a TLS handshake starts with byte 0x16), so taking
  // the local route off line, its counters and its socket cover both.
  const front: Server | NetServer = tls ? polyglot(server, tls, sockets) : server;
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(port, host, () => {
      front.off('error', reject);
      resolve();
    });
  });
  const address = front.address() as AddressInfo;
  const url = `http://${host}:${address.port}`;
  return {
    server,
    url,
    port: address.port,
    dropConnections() {
      for (const socket of sockets) socket.destroy();
    },
    close() {
      return new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        if (front !== server) front.close();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

function polyglot(server: Server, tls: ListenTls, sockets: Set<Socket>): NetServer {
  const context = createSecureContext({ key: tls.key, cert: tls.cert });
  return createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('readable', () => {
      const first = socket.read(1) as Buffer | null;
      if (first === null) return;
      socket.unshift(first);
      if (first[0] === 0x16) server.emit('connection', new TLSSocket(socket, { isServer: true, secureContext: context }));
      else server.emit('connection', socket);
    });
  });
}

async function handle(
  router: Router,
  hooks: ListenerHooks,
  req: IncomingMessage,
  res: ServerResponse,
  hanging: Set<ServerResponse>,
): Promise<void> {
  const cors = { ...corsHeaders(req), ...hooks.extraHeaders?.() };
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');

  if (method === 'OPTIONS') {
    res.writeHead(204, {
      ...cors,
      'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, PATCH, OPTIONS',
      'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? CORS_ALLOW_HEADERS,
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return;
  }

  let rawBody: Buffer;
  try {
    rawBody = await readBody(req);
  } catch {
    res.writeHead(413, { ...cors, 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: 'Payload Too Large' }));
    return;
  }

  const request: Request = { method, url, path: url.pathname, headers: req.headers, params: {}, rawBody };
  const match = router.match(method, url.pathname);
  const route = typeof match === 'object' ? match.route : `${method} (unmatched)`;
  if (typeof match === 'object') request.params = match.params;

  hooks.onInFlight?.(hooks.name, 1);
  let done = false;
  const finish = (status: number, bytesOut: number) => {
    if (done) return;
    done = true;
    hooks.onInFlight?.(hooks.name, -1);
    hooks.onComplete?.({ listener: hooks.name, route, status, bytesIn: rawBody.length, bytesOut });
  };
  // Closed before an answer went out (a dropped connection, a hang given up): counted as status 0,
  // not as Node's default 200, so the counters never report a success that did not happen.
  res.on('close', () => finish(res.headersSent ? res.statusCode : 0, 0));

  let loseAnswer = false;
  try {
    for (const step of hooks.intercept?.(request, route) ?? []) {
      switch (step.kind) {
        case 'pass':
          break;
        case 'delay':
          // A client that gives up while the server is slow does not undo what the server then does
          // (a refresh it sent still rotates the token), so the handler runs whether anyone waits or not.
          await new Promise((resolve) => setTimeout(resolve, step.ms));
          break;
        case 'lose-answer':
          loseAnswer = true;
          break;
        case 'drop':
          req.socket.destroy();
          return;
        case 'hang':
          hanging.add(res);
          res.on('close', () => hanging.delete(res));
          return;
        case 'malformed': {
          const body = '{"error": "truncated';
          res.writeHead(200, { ...cors, 'Content-Type': 'application/json; charset=utf-8' });
          res.end(body);
          finish(200, body.length);
          return;
        }
        case 'respond':
          send(res, cors, step.response, finish);
          return;
      }
    }

    let response: Response;
    if (match === undefined) response = hooks.notFound(request);
    else if (match === 'method-not-allowed') response = hooks.methodNotAllowed(request);
    else response = await match.handler(request);
    if (loseAnswer) req.socket.destroy();
    else send(res, cors, response, finish);
  } catch (err) {
    const response =
      err instanceof HttpError
        ? { status: err.status, body: err.body, headers: err.headers }
        : hooks.internalError(request, err);
    if (loseAnswer) req.socket.destroy();
    else if (!res.headersSent) send(res, cors, response, finish);
  }
}

function send(
  res: ServerResponse,
  cors: Record<string, string>,
  response: Response,
  finish: (status: number, bytesOut: number) => void,
): void {
  // The client went away first: the work is done, the answer has nobody to go to (counted as status 0).
  if (res.destroyed) return;
  let payload: Buffer | undefined;
  const headers: Record<string, string> = { ...cors, ...response.headers };
  if (response.body === undefined) {
    payload = undefined;
  } else if (Buffer.isBuffer(response.body)) {
    payload = response.body;
  } else if (typeof response.body === 'string' && !response.json) {
    payload = Buffer.from(response.body, 'utf8');
  } else {
    payload = Buffer.from(JSON.stringify(response.body), 'utf8');
    headers['Content-Type'] ??= 'application/json; charset=utf-8';
  }
  if (payload) headers['Content-Length'] = String(payload.length);
  res.writeHead(response.status, headers);
  res.end(payload);
  finish(response.status, payload?.length ?? 0);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
