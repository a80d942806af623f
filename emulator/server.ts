import { HttpError, Router, listen } from './http.ts';
import type { Intercept, Listener, ListenerHooks, Request } from './http.ts';
import { AuthStore } from './cloud/auth-store.ts';
import { addCloudRoutes } from './cloud/routes.ts';
import { Clock } from './control/clock.ts';
import { Faults } from './control/faults.ts';
import { DEFAULT_LIFETIMES } from './control/lifetimes.ts';
import { DEFAULT_REFRESH_TOKEN_POLICY } from './control/refresh-token-policy.ts';
import { addControlRoutes } from './control/routes.ts';
import { Stats } from './control/stats.ts';
import type { EmulatorInfo, Lifetimes, RefreshTokenPolicy, RefreshTokenPolicyName, RouteName } from './control/wire-types.ts';
import { buildDemoWorld, DEMO_CLIENT } from './home-state/demo/demo-home.ts';
import { loadFixture } from './home-state/fixture.ts';
import { createRandom } from './home-state/random.ts';
import { advanceHome } from './home-state/simulation.ts';
import type { Device, World } from './home-state/types.ts';
import { addRealtimeControlRoutes } from './homey-api/realtime-control.ts';
import { RealtimeHub } from './homey-api/realtime-hub.ts';
import { attachRealtime } from './homey-api/realtime-server.ts';
import type { RealtimeServer } from './homey-api/realtime-server.ts';
import { addHomeyRoutes, homeyError } from './homey-api/routes.ts';
import { HomeyRuntime } from './homey-api/runtime.ts';
import { uuidFromSeed } from './ids.ts';
import { createSigner } from './jwt.ts';
import { makeLocalTls, secureLocalHostname } from './local-tls.ts';
import type { LocalTls } from './local-tls.ts';

// Starts the whole emulated world: Athom's cloud on one port, and every Homey on two more (its
// LAN address and its cloud relay), all on loopback. `close()` stops everything it started.

export interface EmulatorOptions {
  /** A fixture file; without one the demo home is served. */
  fixture?: string;
  /** The cloud port; 0 (the default) picks free ports for everything. */
  port?: number;
  host?: string;
  /** How often values move; 0 turns the simulation off (tests that want still values). */
  simulationIntervalMs?: number;
  /**
   * Every reading published at every tick instead of at the pace real devices report (a power plug
   * every 10 s, other sensors every minute at most): for stress tests such as the soak.
   */
  simulationEveryTick?: boolean;
  seed?: number;
  /** Gives the demo's main Homey this many devices in all, its own plus generated ones (a big home). */
  generateDevices?: number;
  /** What the token endpoint does with a used refresh token; `rotate` (strict) unless given. */
  refreshTokenPolicy?: RefreshTokenPolicyName;
  /** How long `grace` still accepts a rotated refresh token, in seconds (30 unless given). */
  refreshGraceSeconds?: number;
  /**
   * Every Homey's local listener also speaks https, under `<ip-dashed>.homey.homeylocal.com` with a
   * self-signed certificate made at start, and the cloud names that as its `localUrlSecure`.
   */
  localHttps?: boolean;
}

export interface Emulator {
  cloudUrl: string;
  /** With `localHttps`: the certificate the local listeners present (a client that checks it trusts this). */
  localTls: LocalTls | undefined;
  info(): EmulatorInfo;
  close(): Promise<void>;
}

export function loadWorld(fixture: string | undefined, seed: number, generateDevices?: number): World {
  if (fixture && generateDevices !== undefined) throw new Error('generated devices fill the demo home; they cannot be added to a fixture');
  const world = fixture ? loadFixture(fixture, { defaultClient: DEMO_CLIENT }) : buildDemoWorld({ seed, generatedDevices: generateDevices });
  for (const user of world.users) user.id ??= uuidFromSeed(`user:${user.email}`);
  return world;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  if (options.localHttps && !/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) {
    throw new Error(`--local-https needs an IPv4 address to listen on (its name is made from it), got ${host}`);
  }
  const localTls = options.localHttps ? makeLocalTls([host]) : undefined;
  const seed = options.seed ?? 1;
  const clock = new Clock();
  const stats = new Stats();
  const faults = new Faults(() => clock.now());
  const signer = createSigner();
  let lifetimes: Lifetimes = { ...DEFAULT_LIFETIMES };
  const startPolicy: RefreshTokenPolicy = {
    policy: options.refreshTokenPolicy ?? DEFAULT_REFRESH_TOKEN_POLICY.policy,
    graceSeconds: options.refreshGraceSeconds ?? DEFAULT_REFRESH_TOKEN_POLICY.graceSeconds,
  };
  let refreshPolicy = { ...startPolicy };
  let world = loadWorld(options.fixture, seed, options.generateDevices);
  const auth = new AuthStore(world.clients, world.users, () => clock.now(), () => lifetimes, () => refreshPolicy);
  const homeys = new Map<string, HomeyRuntime>();
  // A Homey's realtime hub outlives a reset: its socket servers stay attached to it.
  const hubs = new Map<string, RealtimeHub>();
  const hubOf = (id: string): RealtimeHub => {
    let hub = hubs.get(id);
    if (!hub) hubs.set(id, (hub = new RealtimeHub(clock)));
    return hub;
  };
  const rebuildHomeys = () => {
    homeys.clear();
    world.homeys.forEach((spec, i) => homeys.set(spec.id, new HomeyRuntime(spec, clock, seed + i, hubOf(spec.id))));
  };
  rebuildHomeys();

  const listeners: Listener[] = [];
  const hooks = (name: string, extra?: (req: Request) => Intercept[]): ListenerHooks => ({
    name,
    intercept: (req) => [...(extra?.(req) ?? []), ...faults.intercept(name, req)],
    onComplete: (e) => stats.complete(e),
    onInFlight: (l, d) => stats.inFlight(l, d),
    notFound: (req) => ({ status: 404, body: { error: 'Not Found', error_description: `Not Found: ${req.method} ${req.path}` } }),
    methodNotAllowed: (req) => ({ status: 405, body: { error: 'Method Not Allowed', error_description: `${req.method} is not allowed on ${req.path}` } }),
    internalError: (_req, err) => {
      // Never crash on bad input: report it as a Homey would and keep serving.
      console.error('[emulator] unexpected error:', err);
      return { status: 500, body: { error: 'Internal Server Error', error_description: (err as Error)?.message ?? String(err) } };
    },
  });

  const cloudRouter = new Router();
  const basePort = options.port ?? 0;
  // Routes are added right after; nothing can know the port before this function returns.
  const cloud = await listen(cloudRouter, hooks('cloud'), basePort, host);
  listeners.push(cloud);
  addCloudRoutes(cloudRouter, {
    clock,
    lifetimes: () => lifetimes,
    auth,
    signer,
    cloudUrl: () => cloud.url,
    homeys: () => homeys,
  });

  const info = (): EmulatorInfo => ({
    cloud: { baseUrl: cloud.url },
    homeys: [...homeys.values()].map((h) => ({
      id: h.id,
      name: h.spec.name,
      localUrl: h.urls.local,
      localUrlSecure: h.urls.localSecure ?? h.urls.local,
      remoteUrl: h.urls.remote,
      apiKeys: h.spec.apiKeys.map((k) => ({ token: k.token, scopes: k.scopes })),
    })),
    clients: world.clients.map((c) => ({ clientId: c.clientId, clientSecret: c.clientSecret, redirectUris: c.redirectUris })),
    users: world.users.map((u) => ({
      id: u.id ?? '',
      email: u.email,
      password: u.password,
      firstname: u.firstname,
      lastname: u.lastname,
      homeys: u.homeys,
    })),
    lifetimes,
    refreshTokenPolicy: refreshPolicy,
    fixture: options.fixture ?? null,
    generatedDevices: options.generateDevices ?? null,
  });

  addControlRoutes(cloudRouter, {
    clock,
    faults,
    stats,
    auth,
    homeys: () => homeys,
    info,
    getLifetimes: () => lifetimes,
    setLifetimes: (next) => {
      lifetimes = { ...lifetimes, ...next };
    },
    getRefreshTokenPolicy: () => refreshPolicy,
    setRefreshTokenPolicy: (next) => {
      refreshPolicy = { ...refreshPolicy, ...next };
    },
    reset: () => {
      world = loadWorld(options.fixture, seed, options.generateDevices);
      // Back to the policy the emulator was started with, so a suite can run under another one.
      refreshPolicy = { ...startPolicy };
      clock.reset();
      lifetimes = { ...DEFAULT_LIFETIMES };
      faults.clear();
      stats.reset();
      auth.reset(world.clients, world.users);
      for (const hub of hubs.values()) hub.reset();
      const urls = new Map([...homeys].map(([id, h]) => [id, { ...h.urls }]));
      rebuildHomeys();
      for (const [id, h] of homeys) Object.assign(h.urls, urls.get(id));
      lastTick = clock.now();
    },
  });
  addRealtimeControlRoutes(cloudRouter, { homeys: () => homeys, now: () => clock.now() });

  const realtimeServers: RealtimeServer[] = [];
  let index = 0;
  for (const runtime of homeys.values()) {
    for (const route of ['local', 'remote'] as RouteName[]) {
      const name = `homey:${runtime.id}:${route}`;
      const router = new Router();
      addHomeyRoutes(router, { clock, lifetimes: () => lifetimes, signer, runtime: () => homeys.get(runtime.id)! });
      const offline = (): Intercept[] => {
        const mode = homeys.get(runtime.id)?.routeModes[route] ?? 'online';
        if (mode === 'refuse') return [{ kind: 'drop' }];
        if (mode === 'hang') return [{ kind: 'hang' }];
        if (route === 'remote' && homeys.get(runtime.id)?.subscriptionActive === false) {
          // The body homey-api's DiscoveryManager recognises as APIErrorHomeySubscriptionInactive.
          return [{ kind: 'respond', response: { status: 403, body: { error: 'Subscription Inactive', statusCode: 403 } } }];
        }
        return [];
      };
      const homeyHooks = hooks(name, offline);
      const withHomeyHeaders = homeyHeaders(homeyHooks, () => homeys.get(runtime.id)!);
      const port = basePort === 0 ? 0 : basePort + 1 + index;
      const tls = route === 'local' ? localTls : undefined;
      const listener = await listen(router, withHomeyHeaders, port, host, tls);
      runtime.urls[route] = listener.url;
      if (tls) runtime.urls.localSecure = `https://${secureLocalHostname(host)}:${listener.port}`;
      listeners.push(listener);
      const realtime = attachRealtime(listener.server, { listener: name, route, hub: hubOf(runtime.id), runtime: () => homeys.get(runtime.id)!, router });
      stats.watchSockets(name, realtime.stats);
      realtimeServers.push(realtime);
      index++;
    }
  }

  let lastTick = clock.now();
  const random = createRandom(seed ^ 0x5eed);
  const interval = options.simulationIntervalMs ?? 1000;
  const timer =
    interval > 0
      ? setInterval(() => {
          const now = clock.now();
          // A jump of the clock is caught up in one step of at most ten minutes of simulated time.
          const from = Math.max(lastTick, now - 10 * 60_000);
          for (const h of homeys.values()) {
            const changed = new Map<string, [Device, string]>();
            advanceHome(h.spec, h.insights, from, now, random, (device, id) => changed.set(`${device.id} ${id}`, [device, id]), {
              everyTick: options.simulationEveryTick === true,
            });
            // One event per capability and tick, with the value it ended on (a clock jump walks many steps).
            for (const [device, id] of changed.values()) h.realtime.capability(device, id);
          }
          lastTick = now;
        }, interval)
      : undefined;
  timer?.unref();

  return {
    cloudUrl: cloud.url,
    localTls,
    info,
    async close() {
      if (timer) clearInterval(timer);
      for (const realtime of realtimeServers) realtime.close();
      await Promise.all(listeners.map((l) => l.close()));
    },
  };
}

// Every Homey answer names the Homey (discovery and the official client read these headers).
function homeyHeaders(hooks: ListenerHooks, runtime: () => HomeyRuntime): ListenerHooks {
  return {
    ...hooks,
    extraHeaders: () => ({ 'X-Homey-ID': runtime().id, 'X-Homey-Version': runtime().spec.softwareVersion }),
  };
}

export { HttpError, homeyError };
