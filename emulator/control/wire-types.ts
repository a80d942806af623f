// What crosses the emulator's control API (`/__emulator/…`, README "Emulator control API"): the
// shapes it answers and accepts, imported by the emulator and by everything that talks to it
// (test-support/, bench/, e2e/, contract/). Types only, with no imports and no runtime code, so a
// browser tsconfig can include this file.

/** Token and session lifetimes in seconds (`GET` and `PUT /__emulator/lifetimes`). */
export interface Lifetimes {
  authorizationCodeSeconds: number;
  accessTokenSeconds: number;
  delegationTokenSeconds: number;
  homeySessionSeconds: number;
}

/**
 * What the token endpoint does with a refresh token once it is used; Athom does not document it.
 * `rotate`: a new refresh token each time and the used one refused from then on (strict).
 * `reuse`: the answer carries the same refresh token, which keeps working (what owners report of Athom).
 * `grace`: rotation, but the used token is still accepted for `graceSeconds`, answering the same pair.
 */
export type RefreshTokenPolicyName = 'rotate' | 'reuse' | 'grace';

/** `GET` and `PUT /__emulator/refresh-token-policy` (a `PUT` may give either field). */
export interface RefreshTokenPolicy {
  policy: RefreshTokenPolicyName;
  /** How long a rotated refresh token is still accepted under `grace`, in seconds. */
  graceSeconds: number;
}

/** `GET /__emulator/info`: where everything listens and who may sign in. */
export interface EmulatorInfo {
  cloud: { baseUrl: string };
  homeys: {
    id: string;
    name: string;
    localUrl: string;
    /** `https://<ip-dashed>.homey.homeylocal.com:<port>` with `--local-https`, else the same as `localUrl`. */
    localUrlSecure: string;
    remoteUrl: string;
    apiKeys: { token: string; scopes: string[] }[];
  }[];
  clients: { clientId: string; clientSecret: string; redirectUris: string[] }[];
  users: { id: string; email: string; password: string; firstname: string; lastname: string; homeys: string[] }[];
  lifetimes: Lifetimes;
  refreshTokenPolicy: RefreshTokenPolicy;
  fixture: string | null;
  /** The demo's main Homey was given this many devices (`--generate-devices N`), or null. */
  generatedDevices: number | null;
}

export interface RouteStats {
  requests: number;
  bytesIn: number;
  bytesOut: number;
  /** Answers per HTTP status, e.g. `{ "200": 12, "401": 1 }`. */
  statuses: Record<string, number>;
}

export interface ListenerStats {
  requests: number;
  bytesIn: number;
  bytesOut: number;
  inFlight: number;
  peakInFlight: number;
  /** Keyed by `METHOD /pattern`, e.g. `POST /api/manager/users/login`. */
  routes: Record<string, RouteStats>;
  /** The realtime socket of a Homey listener (absent on the cloud). */
  socket?: SocketStats;
}

/** A Homey listener's socket.io since the last stats reset; frames and bytes are engine.io packets as the websocket carries them. */
export interface SocketStats {
  /** Connections opened, and open now. */
  connections: number;
  open: number;
  handshakes: number;
  refusedHandshakes: number;
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
  /** Event frames sent on `/api` (one per subscribed connection that heard it). */
  events: number;
  /** `api` calls per `<uri> <operation>`, e.g. `homey:manager:devices setCapabilityValue`. */
  apiCalls: Record<string, number>;
}

/** `GET /__emulator/stats`, keyed by listener: `cloud`, `homey:<id>:local`, `homey:<id>:remote`. */
export type EmulatorStats = Record<string, ListenerStats>;

/** The two ways to a Homey: its LAN address and Athom's cloud relay, each on its own port. */
export type RouteName = 'local' | 'remote';

/** How a route answers (`POST /__emulator/homeys/:id/offline` and `…/online`). */
export type RouteMode = 'online' | 'refuse' | 'hang';

/**
 * `drop`, `hang`, `status` and `malformed` happen before the server acts (nothing changes);
 * `lose-answer` lets the server act (a refresh rotates, a login opens a session) and then cuts the
 * connection instead of answering; `latency` delays, and the server still acts if the client gave up.
 */
export type FaultKind = 'latency' | 'status' | 'drop' | 'hang' | 'malformed' | 'lose-answer';

/** `POST /__emulator/faults`: a fault for N requests or for a time window, whichever is given. */
export interface FaultInput {
  /** Listener name prefix: `cloud`, `homey:<id>` (every route to it), `homey:<id>:local`, or `*`. */
  target?: string;
  method?: string;
  /** Glob over the request path; `*` matches anything, including `/`. */
  path?: string;
  kind: FaultKind;
  latencyMs?: number;
  status?: number;
  retryAfter?: number;
  count?: number;
  durationMs?: number;
}

/** A fault as the emulator keeps it (`GET /__emulator/faults`, and the answer to adding one). */
export interface FaultRule {
  id: string;
  target: string;
  method: string | undefined;
  path: string;
  kind: FaultKind;
  latencyMs: number;
  status: number;
  retryAfter: number | undefined;
  remaining: number | undefined;
  until: number | undefined;
  hits: number;
}

/** One socket connection to a Homey (`GET /__emulator/homeys/:id/realtime`). */
export interface RealtimeConnectionInfo {
  id: string;
  route: RouteName;
  /** The engine.io protocol: 3 for socket.io-client 2 (the official client), 4 for newer clients. */
  protocol: 3 | 4;
  openedAt: string;
  handshaken: boolean;
  sessionType: string | null;
  namespaces: string[];
  subscriptions: string[];
  /** Made silent by the control API: nothing goes out, nothing coming in is heard, the TCP stays open. */
  silent: boolean;
}

/** `GET /__emulator/homeys/:id/realtime`: the Homey's socket connections and the socket controls in force. */
export interface RealtimeState {
  connections: RealtimeConnectionInfo[];
  /** The next `remaining` handshakes are refused with `statusCode`. */
  refuseHandshakes: { remaining: number; statusCode: number };
  /** Every event reaches subscribers this late. */
  delayMs: number;
}

/** `POST /__emulator/homeys/:id/realtime/{drop,disconnect,silence}`: which route's sockets; both unless given. */
export interface RealtimeTargetInput {
  route?: RouteName | 'all';
}
