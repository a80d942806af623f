import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/server.ts';
import type { EmulatorInfo, EmulatorStats, RealtimeState, SocketStats } from '../emulator/control/wire-types.ts';
import type { Emulator } from '../emulator/server.ts';
import { emulatorControl } from './emulator-control.ts';

// Athom's own client (homey-api) on the emulator's realtime socket, signed in through the cloud
// and in local mode with an API key: what it hears, what it sends, and how it comes back after the
// socket breaks. If the official client hears the home live, the emulator's socket speaks Homey.

const require = createRequire(import.meta.url);
/* eslint-disable @typescript-eslint/no-explicit-any -- the official client ships no types */
const AthomCloudAPI = require('homey-api/lib/AthomCloudAPI') as any;
const HomeyAPI = require('homey-api/lib/HomeyAPI/HomeyAPI') as any;

let emulator: Emulator;
let info: EmulatorInfo;
const opened: any[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, simulationIntervalMs: 0 });
  info = emulator.info();
});
afterAll(async () => emulator?.close());
beforeEach(async () => {
  await control('POST', '/__emulator/reset');
});
afterEach(() => {
  for (const homey of opened.splice(0)) homey.destroy();
});

const control = (method: string, path: string, body?: unknown) => emulatorControl(emulator.cloudUrl, method, path, body);

const homeyInfo = () => info.homeys[0]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(25);
  }
}

/** What a person does on Athom's page: open the login URL, fill in the form, follow the redirect. */
async function signInThroughForm(loginUrl: string, email: string, password: string): Promise<URL> {
  const page = await fetch(loginUrl);
  const action = /<form method="post" action="([^"]+)"/.exec(await page.text())?.[1]?.replaceAll('&amp;', '&');
  const res = await fetch(new URL(action!, loginUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, decision: 'allow' }).toString(),
    redirect: 'manual',
  });
  return new URL(res.headers.get('location')!);
}

/** The official client for the Homey, signed in through Athom's cloud (a Homey session token). */
async function cloudHomey(): Promise<any> {
  const client = info.clients[0]!;
  const user = info.users[0]!;
  const api = new AthomCloudAPI({ baseUrl: emulator.cloudUrl, clientId: client.clientId, clientSecret: client.clientSecret, redirectUrl: 'http://localhost/' });
  const back = await signInThroughForm(api.getLoginUrl(), user.email, user.password);
  await api.authenticateWithAuthorizationCode({ code: back.searchParams.get('code') });
  const me = await api.getAuthenticatedUser();
  const homey = await me.getHomeyById(homeyInfo().id).authenticate();
  opened.push(homey);
  return homey;
}

/** The official client for the Homey in local mode: its LAN address and an API key, no cloud. */
async function localHomey(token = homeyInfo().apiKeys.find((k) => k.scopes.includes('homey'))!.token): Promise<any> {
  const homey = await HomeyAPI.createLocalAPI({ address: homeyInfo().localUrl, token });
  opened.push(homey);
  return homey;
}

/** Socket counters over both routes to the Homey. */
async function socketStats(): Promise<SocketStats & { httpDevices: number }> {
  const stats = (await control('GET', '/__emulator/stats')) as EmulatorStats;
  const total = { connections: 0, handshakes: 0, refusedHandshakes: 0, events: 0, apiCalls: {} as Record<string, number>, httpDevices: 0 };
  for (const [name, s] of Object.entries(stats)) {
    if (!name.startsWith(`homey:${homeyInfo().id}:`)) continue;
    total.httpDevices += s.routes['GET /api/manager/devices/device']?.requests ?? 0;
    if (!s.socket) continue;
    total.connections += s.socket.connections;
    total.handshakes += s.socket.handshakes;
    total.refusedHandshakes += s.socket.refusedHandshakes;
    total.events += s.socket.events;
    for (const [k, n] of Object.entries(s.socket.apiCalls)) total.apiCalls[k] = (total.apiCalls[k] ?? 0) + n;
  }
  return total as SocketStats & { httpDevices: number };
}

async function realtime(): Promise<RealtimeState> {
  return control('GET', `/__emulator/homeys/${homeyInfo().id}/realtime`);
}

/** Waits until a connection other than `known` has hand-shaken and subscribed to `uri` again. */
async function resubscribed(known: Set<string>, uri: string): Promise<void> {
  await eventually(async () => (await realtime()).connections.some((c) => !known.has(c.id) && c.handshaken && c.subscriptions.includes(uri)));
}

async function pick(homey: any, test: (d: any) => boolean): Promise<any> {
  const devices = Object.values(await homey.devices.getDevices()) as any[];
  const device = devices.find(test);
  expect(device).toBeDefined();
  return homey.devices.getDevice({ id: device.id });
}
const isSensor = (d: any) => d.capabilitiesObj?.measure_temperature && d.capabilitiesObj.measure_temperature.setable !== true;
const isLight = (d: any) => d.capabilitiesObj?.onoff?.setable && d.available !== false;

const setValue = (deviceId: string, capabilityId: string, value: unknown) =>
  control('PUT', `/__emulator/homeys/${homeyInfo().id}/devices/${deviceId}/capabilities/${capabilityId}`, { value });

describe.each([
  ['signed in through Athom’s cloud', cloudHomey],
  ['in local mode with an API key', () => localHomey()],
])('the official client %s', (_how, open) => {
  it('hears, through makeCapabilityInstance, a value changed on the Homey', async () => {
    const homey = await open();
    const sensor = await pick(homey, isSensor);
    const heard: unknown[] = [];
    const instance = sensor.makeCapabilityInstance('measure_temperature', (value: unknown) => heard.push(value));
    await sensor.connect();
    await setValue(sensor.id, 'measure_temperature', 27.25);
    await eventually(() => heard.includes(27.25));
    expect(instance.value).toBe(27.25);
    expect(instance.lastChanged).toBeInstanceOf(Date);
    instance.destroy();
  });

  it('hears a write made through a second client, and the writer does not hear its own echo', async () => {
    const writer = await open();
    const listener = await open();
    const wLight = await pick(writer, isLight);
    const lLight = await listener.devices.getDevice({ id: wLight.id });
    const writerHeard: unknown[] = [];
    const listenerHeard: unknown[] = [];
    const wOnoff = wLight.makeCapabilityInstance('onoff', (v: unknown) => writerHeard.push(v));
    lLight.makeCapabilityInstance('onoff', (v: unknown) => listenerHeard.push(v));
    await Promise.all([wLight.connect(), lLight.connect()]);
    const target = !wLight.capabilitiesObj.onoff.value;

    await wOnoff.setValue(target);
    await eventually(() => listenerHeard.includes(target));
    // The Homey sent the event to both; the writer knew its transactionId and dropped it.
    await sleep(300);
    expect(writerHeard).toEqual([]);
    const stats = await socketStats();
    expect(stats.events).toBeGreaterThanOrEqual(2);
    expect(stats.apiCalls['homey:manager:devices setCapabilityValue']).toBe(1);
  });

  it('hears device.update on devices.connect() after a rename', async () => {
    const homey = await open();
    await homey.devices.connect();
    const devices = await homey.devices.getDevices();
    const light = (Object.values(devices) as any[]).find(isLight);
    const updated = new Promise<any>((resolve) => homey.devices.once('device.update', resolve));
    await control('PUT', `/__emulator/homeys/${homeyInfo().id}/devices/${light.id}`, { name: 'Reading lamp' });
    const item = await updated;
    expect(item.id).toBe(light.id);
    expect(item.name).toBe('Reading lamp');
    // The cached item itself was updated: the client reads the rename without asking the Homey.
    expect(light.name).toBe('Reading lamp');
  });

  it('re-subscribes after the transport drops and after the Homey hangs up, and hears changes again', async () => {
    const homey = await open();
    const sensor = await pick(homey, isSensor);
    const heard: unknown[] = [];
    sensor.makeCapabilityInstance('measure_temperature', (value: unknown) => heard.push(value));
    await sensor.connect();
    const uri = `homey:device:${sensor.id}`;
    let value = 30;
    for (const how of ['drop', 'disconnect']) {
      const known = new Set((await realtime()).connections.map((c) => c.id));
      expect(await control('POST', `/__emulator/homeys/${homeyInfo().id}/realtime/${how}`)).toEqual({ count: 1 });
      await resubscribed(known, uri);
      value += 1;
      await setValue(sensor.id, 'measure_temperature', value);
      await eventually(() => heard.includes(value));
    }
    expect((await socketStats()).handshakes).toBe(3);
  });

  it('sends its manager calls over the socket once connected, not over HTTP', async () => {
    const homey = await open();
    await homey.connect();
    const before = await socketStats();
    const devices = await homey.devices.getDevices({ $cache: false });
    expect(Object.keys(devices).length).toBeGreaterThan(0);
    const zones = await homey.zones.getZones();
    expect(Object.keys(zones).length).toBeGreaterThan(0);
    const logs = await homey.insights.getLogs();
    const log = (Object.values(logs) as any[]).find((l) => l.id.endsWith(':measure_temperature'));
    const entries = await homey.insights.getLogEntries({ id: log.id, resolution: 'lastHour' });
    expect(entries.step).toBeGreaterThan(0);
    const flows = await homey.flow.getFlows();
    const flow = (Object.values(flows) as any[]).find((f) => f.enabled !== false && f.triggerable !== false);
    expect(await homey.flow.triggerFlow({ id: flow.id })).toBe(true);
    const after = await socketStats();
    expect(after.httpDevices).toBe(before.httpDevices);
    for (const call of ['devices getDevices', 'zones getZones', 'insights getLogs', 'insights getLogEntries', 'flow getFlows', 'flow triggerFlow']) {
      expect(after.apiCalls[`homey:manager:${call}`], call).toBe(1);
    }
  });
});

describe('the official client and the socket’s refusals', () => {
  it('is refused with 401 at the handshake with a bad API key, and does not retry', async () => {
    const homey = await localHomey('bad:key:value');
    await expect(homey.connect()).rejects.toMatchObject({ statusCode: 401 });
    await sleep(200);
    expect(await socketStats()).toMatchObject({ handshakes: 0, refusedHandshakes: 1 });
  });

  it('renews its Homey session once when the session expires, then hand-shakes again and hears changes', async () => {
    const homey = await cloudHomey();
    const sensor = await pick(homey, isSensor);
    const heard: unknown[] = [];
    sensor.makeCapabilityInstance('measure_temperature', (value: unknown) => heard.push(value));
    await sensor.connect();
    const known = new Set((await realtime()).connections.map((c) => c.id));
    await control('DELETE', '/__emulator/stats');
    // The session ends its socket; the client comes back, is refused with 401, renews, and is let in.
    await control('POST', '/__emulator/expire', { kind: 'session' });
    await resubscribed(known, `homey:device:${sensor.id}`);
    const stats = await control('GET', '/__emulator/stats');
    expect(stats.cloud.routes['POST /delegation/token'].requests).toBe(1);
    expect(await socketStats()).toMatchObject({ refusedHandshakes: 1, handshakes: 1 });
    await setValue(sensor.id, 'measure_temperature', 12.5);
    await eventually(() => heard.includes(12.5));
  });
});

describe('the official client on its managers', () => {
  it('hears devices created and deleted', async () => {
    const homey = await localHomey();
    await homey.devices.connect();
    await homey.devices.getDevices();
    const created = new Promise<any>((resolve) => homey.devices.once('device.create', resolve));
    const made = await control('POST', `/__emulator/homeys/${homeyInfo().id}/devices`, { name: 'Garden light' });
    expect((await created).name).toBe('Garden light');
    expect((await homey.devices.getDevice({ id: made.id })).name).toBe('Garden light');
    const deleted = new Promise<any>((resolve) => homey.devices.once('device.delete', resolve));
    await control('DELETE', `/__emulator/homeys/${homeyInfo().id}/devices/${made.id}`);
    expect(await deleted).toEqual({ id: made.id });
  });

  it('hears zones and flows change', async () => {
    const homey = await localHomey();
    await Promise.all([homey.zones.connect(), homey.flow.connect()]);
    const zones = (Object.values(await homey.zones.getZones()) as any[]).filter((z) => z.parent !== null);
    const zoneUpdate = new Promise<any>((resolve) => homey.zones.once('zone.update', resolve));
    await control('PUT', `/__emulator/homeys/${homeyInfo().id}/zones/${zones[0].id}`, { name: 'Loft', active: true });
    expect(await zoneUpdate).toMatchObject({ id: zones[0].id, name: 'Loft', active: true });

    await homey.flow.getFlows();
    const flowCreate = new Promise<any>((resolve) => homey.flow.once('flow.create', resolve));
    const flow = await control('POST', `/__emulator/homeys/${homeyInfo().id}/flows`, { name: 'Movie night' });
    expect(await flowCreate).toMatchObject({ id: flow.id, name: 'Movie night' });
    const advanced = (Object.values(await homey.flow.getAdvancedFlows()) as any[])[0];
    const advancedUpdate = new Promise<any>((resolve) => homey.flow.once('advancedflow.update', resolve));
    await control('PUT', `/__emulator/homeys/${homeyInfo().id}/advancedflows/${advanced.id}`, { enabled: false });
    expect(await advancedUpdate).toMatchObject({ id: advanced.id, enabled: false });
  });
});
