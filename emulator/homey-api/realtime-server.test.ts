import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Clock } from '../control/clock.ts';
import { DEFAULT_LIFETIMES } from '../control/lifetimes.ts';
import type { EmulatorInfo, EmulatorStats, RealtimeState } from '../control/wire-types.ts';
import { buildDemoWorld } from '../home-state/demo/demo-home.ts';
import type { Device } from '../home-state/types.ts';
import { Router, listen } from '../http.ts';
import type { Listener } from '../http.ts';
import { createSigner } from '../jwt.ts';
import { startEmulator } from '../server.ts';
import type { Emulator } from '../server.ts';
import { attachRealtime } from './realtime-server.ts';
import type { RealtimeServer } from './realtime-server.ts';
import { addHomeyRoutes } from './routes.ts';
import { HomeyRuntime } from './runtime.ts';

// The Homey's realtime socket on a real loopback listener, spoken to in raw engine.io frames (both
// protocol versions) and with socket.io-client 2, the library inside Athom's official client.

const require = createRequire(import.meta.url);

interface IoSocket {
  connected: boolean;
  /** The connection's manager: closing it ends every namespace and the transport. */
  io: { socket(namespace: string): IoSocket; close(): void };
  on(event: string, listener: (...args: unknown[]) => void): void;
  once(event: string, listener: (...args: unknown[]) => void): void;
  emit(event: string, ...args: unknown[]): void;
  open(): void;
  close(): void;
}
// socket.io-client 2.5 and ws 7 come with homey-api (the official client's own transport).
const io = require('socket.io-client') as (url: string, options: Record<string, unknown>) => IoSocket;

interface RawWebSocket {
  readyState: number;
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'message', listener: (data: unknown) => void): void;
  send(frame: string): void;
  close(): void;
}
const WebSocket = require('ws') as new (url: string) => RawWebSocket;

// ---------------------------------------------------------------- wire helpers

/** A websocket speaking engine.io frames by hand, with a queue to wait on. */
interface Wire {
  frames: string[];
  send(frame: string): void;
  next(match?: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves true if no matching frame arrives within `ms`. */
  quiet(match: (frame: string) => boolean, ms: number): Promise<boolean>;
  isOpen(): boolean;
  close(): void;
}

async function openWire(baseUrl: string, eio: 3 | 4): Promise<Wire> {
  const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/socket.io/?EIO=${eio}&transport=websocket`);
  const frames: string[] = [];
  const waiters = new Set<() => void>();
  let read = 0;
  ws.on('message', (data) => {
    frames.push(String(data));
    for (const w of [...waiters]) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.on('open', resolve);
    ws.on('close', () => reject(new Error('closed before open')));
  });
  const next = (match: (frame: string) => boolean = () => true, timeoutMs = 3000) =>
    new Promise<string>((resolve, reject) => {
      const look = () => {
        while (read < frames.length) {
          const frame = frames[read++]!;
          if (match(frame)) {
            waiters.delete(look);
            clearTimeout(timer);
            resolve(frame);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(look);
        reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames)}`));
      }, timeoutMs);
      waiters.add(look);
      look();
    });
  return {
    frames,
    send: (frame) => ws.send(frame),
    next,
    quiet: (match, ms) => next(match, ms).then(() => false, () => true),
    isOpen: () => ws.readyState === 1,
    close: () => ws.close(),
  };
}

interface Client {
  root: IoSocket;
  api: IoSocket;
  /** Every `(event, data)` heard per URI. */
  heard: Map<string, { event: string; data: Record<string, unknown> }[]>;
  subscribe(uri: string): Promise<unknown>;
  call(uri: string, operation: string, args?: Record<string, unknown>): Promise<{ err: unknown; result: unknown }>;
  next(uri: string, timeoutMs?: number): Promise<{ event: string; data: Record<string, unknown> }>;
  disconnected: Promise<string>;
  close(): void;
}

const clients: IoSocket[] = [];

function connectRoot(baseUrl: string): Promise<IoSocket> {
  // As the official client does: nothing opens by itself (or a namespace would be opened twice).
  const root = io(baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, autoConnect: false });
  clients.push(root);
  return new Promise((resolve, reject) => {
    root.once('connect', () => resolve(root));
    root.once('connect_error', reject);
    root.open();
  });
}

function handshake(root: IoSocket, token: string, homeyId: string): Promise<{ err: unknown; result: unknown }> {
  return new Promise((resolve) => root.emit('handshakeClient', { token, homeyId }, (err: unknown, result: unknown) => resolve({ err, result })));
}

async function connectClient(baseUrl: string, token: string, homeyId: string): Promise<Client> {
  const root = await connectRoot(baseUrl);
  const { err, result } = await handshake(root, token, homeyId);
  if (err) throw new Error(`handshake refused: ${JSON.stringify(err)}`);
  const api = root.io.socket((result as { namespace: string }).namespace);
  const heard = new Map<string, { event: string; data: Record<string, unknown> }[]>();
  const waiters = new Set<() => void>();
  await new Promise<void>((resolve, reject) => {
    api.once('connect', () => resolve());
    api.once('error', reject);
    api.open();
  });
  const disconnected = new Promise<string>((resolve) => root.once('disconnect', (reason) => resolve(String(reason))));
  const listenTo = (uri: string) => {
    if (heard.has(uri)) return;
    heard.set(uri, []);
    api.on(uri, (event, data) => {
      heard.get(uri)!.push({ event: String(event), data: data as Record<string, unknown> });
      for (const w of [...waiters]) w();
    });
  };
  return {
    root,
    api,
    heard,
    disconnected,
    subscribe: (uri) =>
      new Promise((resolve) => {
        listenTo(uri);
        api.emit('subscribe', uri, (e: unknown) => resolve(e));
      }),
    call: (uri, operation, args = {}) =>
      new Promise((resolve) => api.emit('api', { uri, operation, args }, (e: unknown, r: unknown) => resolve({ err: e, result: r }))),
    next: (uri, timeoutMs = 3000) => {
      listenTo(uri);
      const seen = heard.get(uri)!.length;
      return new Promise((resolve, reject) => {
        const look = () => {
          const list = heard.get(uri)!;
          if (list.length <= seen) return;
          waiters.delete(look);
          clearTimeout(timer);
          resolve(list[seen]!);
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new Error(`nothing heard on ${uri} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(look);
      });
    },
    close: () => root.io.close(),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(20);
  }
}

afterEach(() => {
  for (const c of clients.splice(0)) c.io.close();
});

// ---------------------------------------------------------------- one Homey, one listener

interface TestHomey {
  runtime: HomeyRuntime;
  clock: Clock;
  url: string;
  realtime: RealtimeServer;
  fullKey: string;
  readOnlyKey: string;
  /** A Homey session (as users/login makes) that expires in a minute. */
  session(): string;
  light(): Device;
  sensor(): Device;
  close(): Promise<void>;
}

async function startHomey(heartbeat?: { intervalMs: number; timeoutMs: number }): Promise<TestHomey> {
  const spec = buildDemoWorld({ seed: 1 }).homeys[0]!;
  const clock = new Clock();
  const runtime = new HomeyRuntime(spec, clock, 1);
  const router = new Router();
  addHomeyRoutes(router, { clock, lifetimes: () => DEFAULT_LIFETIMES, signer: createSigner(), runtime: () => runtime });
  const listener: Listener = await listen(router, {
    name: 'homey:test:local',
    notFound: () => ({ status: 404, body: { error: 'Not Found' } }),
    methodNotAllowed: () => ({ status: 405, body: { error: 'Method Not Allowed' } }),
    internalError: () => ({ status: 500, body: { error: 'Internal Server Error' } }),
  });
  runtime.urls.local = listener.url;
  const realtime = attachRealtime(listener.server, { listener: 'homey:test:local', route: 'local', hub: runtime.realtime, runtime: () => runtime, router, heartbeat });
  const devices = Object.values(spec.devices);
  let sessions = 0;
  return {
    runtime,
    clock,
    url: listener.url,
    realtime,
    fullKey: spec.apiKeys.find((k) => k.scopes.includes('homey'))!.token,
    readOnlyKey: spec.apiKeys.find((k) => !k.scopes.includes('homey'))!.token,
    session() {
      const token = `session-${++sessions}`;
      runtime.sessions.set(token, { id: token, token, type: 'OAUTH', userId: undefined, scopes: ['homey'], expiresAt: clock.now() + 60_000 });
      return token;
    },
    light: () => devices.find((d) => d.capabilitiesObj.onoff?.setable && d.capabilitiesObj.dim && d.available !== false)!,
    sensor: () => devices.find((d) => d.capabilitiesObj.measure_temperature && d.capabilitiesObj.measure_temperature.setable !== true)!,
    async close() {
      realtime.close();
      await listener.close();
    },
  };
}

/** What a sensor reporting a value does inside a Homey: store it, then announce it. */
function report(homey: TestHomey, device: Device, capabilityId: string, value: unknown) {
  device.capabilitiesObj[capabilityId]!.value = value;
  return homey.runtime.realtime.capability(device, capabilityId);
}

describe('the realtime socket', () => {
  let homey: TestHomey;
  beforeEach(async () => {
    homey = await startHomey();
  });
  afterEach(async () => homey.close());

  it('speaks engine.io 3 frame for frame as the official client expects, with Athom’s heartbeat', async () => {
    const wire = await openWire(homey.url, 3);
    const open = JSON.parse((await wire.next()).slice(1)) as Record<string, unknown>;
    expect(open).toMatchObject({ upgrades: [], pingInterval: 5000, pingTimeout: 8000 });
    expect(await wire.next()).toBe('40');
    wire.send(`420${JSON.stringify(['handshakeClient', { token: homey.fullKey, homeyId: homey.runtime.id }])}`);
    expect(await wire.next()).toBe('430[null,{"namespace":"/api"}]');
    wire.send('40/api,');
    expect(await wire.next()).toBe('40/api,');
    const sensor = homey.sensor();
    const uri = `homey:device:${sensor.id}`;
    wire.send(`42/api,1${JSON.stringify(['subscribe', uri])}`);
    expect(await wire.next()).toBe('43/api,1[]');
    const { transactionId, transactionTime } = report(homey, sensor, 'measure_temperature', 21.5);
    const event = await wire.next((f) => f.startsWith('42/api,'));
    expect(JSON.parse(event.slice('42/api,'.length))).toEqual([uri, 'capability', { capabilityId: 'measure_temperature', value: 21.5, transactionId, transactionTime }]);
    wire.send('2');
    expect(await wire.next()).toBe('3');
    wire.close();
  });

  it('serves engine.io 4 clients too', async () => {
    const wire = await openWire(homey.url, 4);
    expect(JSON.parse((await wire.next()).slice(1))).toMatchObject({ pingInterval: 5000, pingTimeout: 8000 });
    wire.send('40');
    expect(await wire.next()).toMatch(/^40\{"sid":"[^"]+"\}$/);
    wire.send(`420${JSON.stringify(['handshakeClient', { token: homey.fullKey, homeyId: homey.runtime.id }])}`);
    expect(await wire.next()).toBe('430[null,{"namespace":"/api"}]');
    wire.send('40/api,');
    expect(await wire.next()).toMatch(/^40\/api,\{"sid":"[^"]+"\}$/);
    wire.send(`42/api,7${JSON.stringify(['subscribe', 'homey:manager:devices'])}`);
    expect(await wire.next()).toBe('43/api,7[]');
    const light = homey.light();
    homey.runtime.realtime.item('devices', 'device.update', { ...light, name: 'Renamed' });
    const event = JSON.parse((await wire.next((f) => f.startsWith('42/api,'))).slice('42/api,'.length)) as [string, string, Device];
    expect(event[0]).toBe('homey:manager:devices');
    expect(event[1]).toBe('device.update');
    expect(event[2]).toMatchObject({ id: light.id, name: 'Renamed' });
    wire.close();
  });

  it('refuses a handshake with a bad token, an expired or revoked session, or another Homey’s id, with 401', async () => {
    const root = await connectRoot(homey.url);
    const refused = async (token: string, homeyId = homey.runtime.id) => (await handshake(root, token, homeyId)).err;
    expect(await refused('bad:key:value')).toEqual({ error: 'Invalid Session', error_description: 'Invalid Session', statusCode: 401 });
    expect(await refused(homey.fullKey, 'another-homey')).toMatchObject({ statusCode: 401, error: expect.stringMatching(/Homey ID/) });
    const expired = homey.session();
    homey.runtime.controlSessions('expire', expired);
    expect(await refused(expired)).toMatchObject({ statusCode: 401, error: 'Session expired' });
    const revoked = homey.session();
    homey.runtime.controlSessions('revoke', revoked);
    expect(await refused(revoked)).toMatchObject({ statusCode: 401 });
    expect(await handshake(root, homey.session(), homey.runtime.id)).toEqual({ err: null, result: { namespace: '/api' } });
    expect(homey.realtime.stats.snapshot()).toMatchObject({ handshakes: 1, refusedHandshakes: 4 });
  });

  it('admits /api only to a connection that hand-shook', async () => {
    const root = await connectRoot(homey.url);
    const api = root.io.socket('/api');
    const error = await new Promise<unknown>((resolve) => {
      api.once('error', resolve);
      api.once('connect', () => resolve('connected'));
      api.open();
    });
    expect(error).toMatchObject({ statusCode: 401 });
  });

  it('sends a change to the subscribers of its URI only, and stops after unsubscribe', async () => {
    const light = homey.light();
    const sensor = homey.sensor();
    const a = await connectClient(homey.url, homey.fullKey, homey.runtime.id);
    const b = await connectClient(homey.url, homey.session(), homey.runtime.id);
    expect(await a.subscribe(`homey:device:${light.id}`)).toBeUndefined();
    expect(await b.subscribe(`homey:device:${sensor.id}`)).toBeUndefined();
    const heardByA = a.next(`homey:device:${light.id}`);
    report(homey, light, 'onoff', true);
    expect((await heardByA).data).toMatchObject({ capabilityId: 'onoff', value: true });
    const heardByB = b.next(`homey:device:${sensor.id}`);
    report(homey, sensor, 'measure_temperature', 19);
    expect((await heardByB).data).toMatchObject({ capabilityId: 'measure_temperature', value: 19 });
    expect(b.heard.get(`homey:device:${light.id}`)).toBeUndefined();
    expect(a.heard.get(`homey:device:${light.id}`)).toHaveLength(1);

    a.api.emit('unsubscribe', `homey:device:${light.id}`);
    await eventually(() => homey.runtime.realtime.state().connections.every((c) => !c.subscriptions.includes(`homey:device:${light.id}`)));
    report(homey, light, 'onoff', false);
    await sleep(100);
    expect(a.heard.get(`homey:device:${light.id}`)).toHaveLength(1);
  });

  it('refuses a subscription the session has no scope for, and a URI that is none', async () => {
    const spec = homey.runtime.spec;
    spec.apiKeys.push({ token: 'zones:only:key', scopes: ['homey.zone.readonly'] });
    const c = await connectClient(homey.url, 'zones:only:key', homey.runtime.id);
    expect(await c.subscribe('homey:manager:zones')).toBeUndefined();
    expect(await c.subscribe('homey:manager:devices')).toMatchObject({ statusCode: 403 });
    expect(await c.subscribe('not a uri')).toMatchObject({ statusCode: 400 });
  });

  it('echoes a write’s transactionId; transaction times only grow and are the capability’s lastUpdated', async () => {
    const light = homey.light();
    const c = await connectClient(homey.url, homey.fullKey, homey.runtime.id);
    await c.subscribe(`homey:device:${light.id}`);
    light.capabilitiesObj.onoff!.value = false;
    const { err, result } = await c.call('homey:manager:devices', 'setCapabilityValue', { deviceId: light.id, capabilityId: 'dim', value: 0.4, transactionId: 'mine-1' });
    expect(err).toBeNull();
    expect(result).toMatchObject({ transactionId: 'mine-1', value: 0.4 });
    await eventually(() => (c.heard.get(`homey:device:${light.id}`)?.length ?? 0) >= 2);
    const [dim, onoff] = c.heard.get(`homey:device:${light.id}`)!.map((e) => e.data);
    expect(dim).toEqual({ capabilityId: 'dim', value: 0.4, transactionId: 'mine-1', transactionTime: (result as { transactionTime: number }).transactionTime });
    // A dim above 0 switches the light on: announced as its own change, with a later time.
    expect(onoff).toMatchObject({ capabilityId: 'onoff', value: true });
    expect(onoff!.transactionId).not.toBe('mine-1');
    expect(onoff!.transactionTime as number).toBeGreaterThan(dim!.transactionTime as number);

    const times = [report(homey, light, 'dim', 0.1), report(homey, light, 'dim', 0.2), report(homey, light, 'dim', 0.3)].map((t) => t.transactionTime);
    expect(times[1]!).toBeGreaterThan(times[0]!);
    expect(times[2]!).toBeGreaterThan(times[1]!);
    expect(Date.parse(light.capabilitiesObj.dim!.lastUpdated!)).toBe(times[2]);
  });

  it('answers api calls through the HTTP routes: results, errors and scopes alike', async () => {
    const light = homey.light();
    const full = await connectClient(homey.url, homey.fullKey, homey.runtime.id);
    const devices = await full.call('homey:manager:devices', 'getDevices');
    expect(Object.keys(devices.result as object)).toEqual(Object.keys(homey.runtime.spec.devices));
    expect((await full.call('homey:manager:zones', 'getZones')).result).toEqual(homey.runtime.spec.zones);
    expect((await full.call('homey:manager:devices', 'getDevice', { id: 'nope' })).err).toEqual({
      error: 'Device Not Found: nope',
      error_description: 'Device Not Found: nope',
      statusCode: 404,
    });
    expect((await full.call('homey:manager:devices', 'getDevice', {})).err).toMatchObject({ statusCode: 400, error: 'Missing Parameter: id' });
    expect((await full.call('homey:manager:nothing', 'getThings')).err).toMatchObject({ statusCode: 404 });
    const logs = (await full.call('homey:manager:insights', 'getLogs')).result as Record<string, { id: string }>;
    const log = Object.values(logs).find((l) => l.id.endsWith(':measure_temperature'))!;
    const entries = await full.call('homey:manager:insights', 'getLogEntries', { uri: log.id.split(':', 3).join(':'), id: log.id, resolution: 'lastHour' });
    expect(entries.result).toMatchObject({ step: expect.any(Number), values: expect.any(Array) });
    const flows = (await full.call('homey:manager:flow', 'getFlows')).result as Record<string, { id: string; enabled?: boolean; triggerable?: boolean }>;
    const flow = Object.values(flows).find((f) => f.enabled !== false && f.triggerable !== false)!;
    expect(await full.call('homey:manager:flow', 'triggerFlow', { id: flow.id })).toEqual({ err: null, result: true });

    const readOnly = await connectClient(homey.url, homey.readOnlyKey, homey.runtime.id);
    expect((await readOnly.call('homey:manager:devices', 'setCapabilityValue', { deviceId: light.id, capabilityId: 'onoff', value: true })).err).toMatchObject({
      statusCode: 403,
    });
    expect(homey.realtime.stats.snapshot().apiCalls['homey:manager:devices setCapabilityValue']).toBe(1);
  });

  it('ends the sockets of a session that is revoked or expires', async () => {
    const revoked = await connectClient(homey.url, homey.session(), homey.runtime.id);
    const expiring = await connectClient(homey.url, homey.session(), homey.runtime.id);
    const key = await connectClient(homey.url, homey.fullKey, homey.runtime.id);
    homey.runtime.controlSessions('revoke', [...homey.runtime.sessions.keys()][0]);
    expect(await revoked.disconnected).toBe('io server disconnect');
    // Expired by time alone: the clock moves past the session's end and nobody calls anything.
    homey.clock.advance(61_000);
    expect(await expiring.disconnected).toBe('io server disconnect');
    expect(key.root.connected).toBe(true);
  });

  it('drops a transport, or disconnects from the server side', async () => {
    const dropped = await connectClient(homey.url, homey.fullKey, homey.runtime.id);
    expect(homey.runtime.realtime.drop()).toBe(1);
    expect(await dropped.disconnected).toBe('transport close');
    const goodbye = await connectClient(homey.url, homey.fullKey, homey.runtime.id);
    expect(homey.runtime.realtime.disconnect('local')).toBe(1);
    expect(await goodbye.disconnected).toBe('io server disconnect');
    expect(homey.runtime.realtime.disconnect('remote')).toBe(0);
  });

  it('refuses the next N handshakes with the status asked for', async () => {
    homey.runtime.realtime.refuseHandshakes(2, 503);
    const root = await connectRoot(homey.url);
    expect((await handshake(root, homey.fullKey, homey.runtime.id)).err).toMatchObject({ statusCode: 503 });
    expect((await handshake(root, homey.fullKey, homey.runtime.id)).err).toMatchObject({ statusCode: 503 });
    expect((await handshake(root, homey.fullKey, homey.runtime.id)).err).toBeNull();
    expect(homey.runtime.realtime.state().refuseHandshakes).toEqual({ remaining: 0, statusCode: 503 });
  });

  it('delays events when asked to', async () => {
    const sensor = homey.sensor();
    const c = await connectClient(homey.url, homey.fullKey, homey.runtime.id);
    await c.subscribe(`homey:device:${sensor.id}`);
    homey.runtime.realtime.setDelay(300);
    const started = Date.now();
    const heard = c.next(`homey:device:${sensor.id}`);
    report(homey, sensor, 'measure_temperature', 18);
    report(homey, sensor, 'measure_temperature', 18.5);
    expect((await heard).data.value).toBe(18);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await eventually(() => c.heard.get(`homey:device:${sensor.id}`)!.length === 2);
    expect(c.heard.get(`homey:device:${sensor.id}`)!.map((e) => e.data.value)).toEqual([18, 18.5]);
  });

  it('follows its route off line: refused drops the sockets and refuses new ones', async () => {
    const c = await connectClient(homey.url, homey.fullKey, homey.runtime.id);
    homey.runtime.routeModes.local = 'refuse';
    expect(await c.disconnected).toBe('transport close');
    await expect(connectRoot(homey.url)).rejects.toBeDefined();
    homey.runtime.routeModes.local = 'online';
    await expect(connectRoot(homey.url)).resolves.toBeDefined();
  });

  it('counts connections, frames and bytes, and forgets them on reset', async () => {
    const c = await connectClient(homey.url, homey.fullKey, homey.runtime.id);
    await c.subscribe('homey:manager:devices');
    homey.runtime.realtime.item('devices', 'device.update', homey.light());
    await c.next('homey:manager:devices');
    const stats = homey.realtime.stats.snapshot();
    expect(stats).toMatchObject({ connections: 1, open: 1, handshakes: 1, events: 1 });
    expect(stats.framesIn).toBeGreaterThanOrEqual(3);
    expect(stats.framesOut).toBeGreaterThanOrEqual(4);
    expect(stats.bytesOut).toBeGreaterThan(JSON.stringify(homey.light()).length);
    homey.realtime.stats.reset();
    expect(homey.realtime.stats.snapshot()).toMatchObject({ connections: 0, open: 1, framesOut: 0, bytesOut: 0, events: 0 });
    c.close();
    await eventually(() => homey.realtime.stats.snapshot().open === 0);
  });
});

describe('a silent socket', () => {
  let homey: TestHomey;
  // A short heartbeat, so a server that still kept its own would close the connection during the test.
  beforeEach(async () => {
    homey = await startHomey({ intervalMs: 100, timeoutMs: 100 });
  });
  afterEach(async () => homey.close());

  it('answers no ping and sends no event, yet the TCP connection stays open (engine.io 3)', async () => {
    const wire = await openWire(homey.url, 3);
    await wire.next((f) => f === '40');
    wire.send(`420${JSON.stringify(['handshakeClient', { token: homey.fullKey, homeyId: homey.runtime.id }])}`);
    await wire.next((f) => f.startsWith('430'));
    wire.send('40/api,');
    await wire.next((f) => f === '40/api,');
    const sensor = homey.sensor();
    wire.send(`42/api,1${JSON.stringify(['subscribe', `homey:device:${sensor.id}`])}`);
    await wire.next((f) => f === '43/api,1[]');
    wire.send('2');
    await wire.next((f) => f === '3');

    expect(homey.runtime.realtime.silence()).toBe(1);
    wire.send('2');
    report(homey, sensor, 'measure_temperature', 30);
    expect(await wire.quiet(() => true, 600)).toBe(true);
    expect(wire.isOpen()).toBe(true);
    expect(homey.runtime.realtime.state().connections[0]).toMatchObject({ silent: true });
    wire.close();
  });

  it('stops the server’s own heartbeat for engine.io 4, so it is not closed for a missing pong', async () => {
    const silent = await openWire(homey.url, 4);
    await silent.next((f) => f.startsWith('0'));
    silent.send('40');
    await silent.next((f) => f.startsWith('40'));
    // Made silent before the server's first ping; the wire never answers one.
    expect(homey.runtime.realtime.silence()).toBe(1);
    // The same wire not silenced: pinged, no pong, closed within interval + timeout.
    const answered = await openWire(homey.url, 4);
    await answered.next((f) => f.startsWith('0'));
    await answered.next((f) => f === '2', 1000);
    await eventually(() => !answered.isOpen(), 1000);
    expect(await silent.quiet((f) => f === '2', 300)).toBe(true);
    expect(silent.isOpen()).toBe(true);
    silent.close();
  });

  it('is what a route that hangs does to its sockets', async () => {
    const c = await connectClient(homey.url, homey.fullKey, homey.runtime.id);
    homey.runtime.routeModes.local = 'hang';
    await eventually(() => homey.runtime.realtime.state().connections.every((x) => x.silent));
    expect(c.root.connected).toBe(true);
  });
});

// ---------------------------------------------------------------- through the whole emulator

describe('the realtime socket in the emulator', () => {
  let emulator: Emulator;
  let info: EmulatorInfo;
  const homeyInfo = () => info.homeys[0]!;
  const key = () => homeyInfo().apiKeys.find((k) => k.scopes.includes('homey'))!.token;
  const control = async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${emulator.cloudUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw Object.assign(new Error(`${method} ${path}: ${res.status} ${text}`), { status: res.status });
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const devices = async () => {
    const res = await fetch(`${homeyInfo().localUrl}/api/manager/devices/device`, { headers: { Authorization: `Bearer ${key()}` } });
    return (await res.json()) as Record<string, Device>;
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, simulationIntervalMs: 50 });
    info = emulator.info();
  });
  afterAll(async () => emulator?.close());
  beforeEach(async () => {
    await control('POST', '/__emulator/reset');
  });

  it('serves both routes to a Homey, the LAN address and the relay', async () => {
    for (const url of [homeyInfo().localUrl, homeyInfo().remoteUrl]) {
      const c = await connectClient(url, key(), homeyInfo().id);
      expect(c.api.connected).toBe(true);
    }
    const state = await control<RealtimeState>('GET', `/__emulator/homeys/${homeyInfo().id}/realtime`);
    expect(state.connections.map((c) => c.route).sort()).toEqual(['local', 'remote']);
    expect(state.connections.every((c) => c.protocol === 3 && c.handshaken && c.sessionType === 'PAT')).toBe(true);
  });

  it('announces the simulation’s changes', async () => {
    const c = await connectClient(homeyInfo().localUrl, key(), homeyInfo().id);
    const all = Object.values(await devices());
    for (const d of all) await c.subscribe(`homey:device:${d.id}`);
    // An hour passes at once: sensors move, and each change is announced once, with its final value.
    await control('POST', '/__emulator/clock', { advanceMs: 60 * 60_000 });
    await eventually(() => [...c.heard.values()].some((list) => list.length > 0), 3000);
    const after = await devices();
    for (const [uri, list] of c.heard) {
      const last = list.at(-1);
      if (!last) continue;
      const capability = after[uri.split(':')[2]!]!.capabilitiesObj[last.data.capabilityId as string]!;
      if (capability.lastUpdated === new Date(last.data.transactionTime as number).toISOString()) expect(capability.value).toBe(last.data.value);
    }
  });

  it('announces what the control API changes: values, renames, availability, devices, zones and flows made and removed', async () => {
    const id = homeyInfo().id;
    const c = await connectClient(homeyInfo().localUrl, key(), id);
    for (const uri of ['homey:manager:devices', 'homey:manager:zones', 'homey:manager:flow']) await c.subscribe(uri);
    const sensor = Object.values(await devices()).find((d) => d.capabilitiesObj.measure_temperature)!;
    await c.subscribe(`homey:device:${sensor.id}`);

    const value = c.next(`homey:device:${sensor.id}`);
    await control('PUT', `/__emulator/homeys/${id}/devices/${sensor.id}/capabilities/measure_temperature`, { value: 23.4 });
    expect((await value).data).toMatchObject({ capabilityId: 'measure_temperature', value: 23.4 });

    const renamed = c.next('homey:manager:devices');
    await control('PUT', `/__emulator/homeys/${id}/devices/${sensor.id}`, { name: 'Attic', available: false });
    expect(await renamed).toMatchObject({ event: 'device.update', data: { id: sensor.id, name: 'Attic', available: false } });

    const created = c.next('homey:manager:devices');
    const made = await control<Device>('POST', `/__emulator/homeys/${id}/devices`, { name: 'New lamp' });
    expect(await created).toMatchObject({ event: 'device.create', data: { id: made.id, name: 'New lamp', capabilities: [] } });
    expect(Object.keys(await devices())).toContain(made.id);
    const deleted = c.next('homey:manager:devices');
    await control('DELETE', `/__emulator/homeys/${id}/devices/${made.id}`);
    expect(await deleted).toEqual({ event: 'device.delete', data: { id: made.id } });
    expect(Object.keys(await devices())).not.toContain(made.id);

    const zone = c.next('homey:manager:zones');
    const z = await control<{ id: string }>('POST', `/__emulator/homeys/${id}/zones`, { name: 'Shed' });
    expect(await zone).toMatchObject({ event: 'zone.create', data: { id: z.id, name: 'Shed', active: false } });
    const active = c.next('homey:manager:zones');
    await control('PUT', `/__emulator/homeys/${id}/zones/${z.id}`, { active: true });
    expect(await active).toMatchObject({ event: 'zone.update', data: { id: z.id, active: true, activeLastUpdated: expect.any(String) } });
    await expect(control('PUT', `/__emulator/homeys/${id}/zones/${z.id}`, { id: 'other' })).rejects.toMatchObject({ status: 400 });

    const flow = c.next('homey:manager:flow');
    const f = await control<{ id: string }>('POST', `/__emulator/homeys/${id}/flows`, { name: 'Good night' });
    expect(await flow).toMatchObject({ event: 'flow.create', data: { id: f.id, name: 'Good night', enabled: true } });
    const disabled = c.next('homey:manager:flow');
    await control('PUT', `/__emulator/homeys/${id}/flows/${f.id}`, { enabled: false });
    expect(await disabled).toMatchObject({ event: 'flow.update', data: { id: f.id, enabled: false } });
    const advanced = c.next('homey:manager:flow');
    const a = await control<{ id: string }>('POST', `/__emulator/homeys/${id}/advancedflows`, { name: 'Morning' });
    expect(await advanced).toMatchObject({ event: 'advancedflow.create', data: { id: a.id, cards: {} } });
    const gone = c.next('homey:manager:flow');
    await control('DELETE', `/__emulator/homeys/${id}/advancedflows/${a.id}`);
    expect(await gone).toEqual({ event: 'advancedflow.delete', data: { id: a.id } });
    await expect(control('POST', `/__emulator/homeys/${id}/flows`, { id: f.id, name: 'Twice' })).rejects.toMatchObject({ status: 409 });
  });

  it('breaks sockets through the control API, and counts them in stats', async () => {
    const id = homeyInfo().id;
    const base = `/__emulator/homeys/${id}/realtime`;
    const dropped = await connectClient(homeyInfo().localUrl, key(), id);
    expect(await control('POST', `${base}/drop`)).toEqual({ count: 1 });
    expect(await dropped.disconnected).toBe('transport close');
    const ended = await connectClient(homeyInfo().remoteUrl, key(), id);
    expect(await control('POST', `${base}/disconnect`, { route: 'remote' })).toEqual({ count: 1 });
    expect(await ended.disconnected).toBe('io server disconnect');
    await connectClient(homeyInfo().localUrl, key(), id);
    expect(await control('POST', `${base}/silence`, { route: 'local' })).toEqual({ count: 1 });
    expect((await control<RealtimeState>('GET', base)).connections.filter((c) => c.silent)).toHaveLength(1);
    expect(await control<RealtimeState>('POST', `${base}/refuse-handshakes`, { count: 1, statusCode: 401 })).toMatchObject({ refuseHandshakes: { remaining: 1, statusCode: 401 } });
    expect(await control<RealtimeState>('POST', `${base}/delay`, { delayMs: 250 })).toMatchObject({ delayMs: 250 });
    await expect(control('POST', `${base}/delay`, { delayMs: -1 })).rejects.toMatchObject({ status: 400 });
    await expect(control('POST', `${base}/drop`, { route: 'moon' })).rejects.toMatchObject({ status: 400 });

    const stats = await control<EmulatorStats>('GET', '/__emulator/stats');
    expect(stats[`homey:${id}:local`]!.socket).toMatchObject({ connections: 2, handshakes: 2 });
    expect(stats[`homey:${id}:remote`]!.socket).toMatchObject({ connections: 1, handshakes: 1 });
    expect(stats.cloud!.socket).toBeUndefined();

    // A reset is a new world: its sockets end and the controls are off.
    await control('POST', '/__emulator/reset');
    expect(await control<RealtimeState>('GET', base)).toMatchObject({ refuseHandshakes: { remaining: 0 }, delayMs: 0 });
    await eventually(async () => (await control<RealtimeState>('GET', base)).connections.length === 0);
  });
});
