import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/server.ts';
import type { EmulatorInfo } from '../emulator/control/wire-types.ts';
import type { Emulator } from '../emulator/server.ts';
import { emulatorControl } from './emulator-control.ts';

// Athom's own client (homey-api) driven through the whole sign-in chain and the endpoints a
// dashboard uses, against the emulator. If Athom's client is happy, the emulator speaks Homey.

const require = createRequire(import.meta.url);
/* eslint-disable @typescript-eslint/no-explicit-any -- the official client ships no types */
const AthomCloudAPI = require('homey-api/lib/AthomCloudAPI') as any;
const HomeyAPI = require('homey-api/lib/HomeyAPI/HomeyAPI') as any;

let emulator: Emulator;
let info: EmulatorInfo;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, simulationIntervalMs: 0 });
  info = emulator.info();
});
afterAll(async () => emulator?.close());
beforeEach(async () => {
  await control('POST', '/__emulator/reset');
});

const control = (method: string, path: string, body?: unknown) => emulatorControl(emulator.cloudUrl, method, path, body);

function cloudApi(overrides: { clientSecret?: string } = {}): any {
  const client = info.clients[0]!;
  return new AthomCloudAPI({
    baseUrl: emulator.cloudUrl,
    clientId: client.clientId,
    clientSecret: overrides.clientSecret ?? client.clientSecret,
    redirectUrl: 'http://localhost/',
  });
}

/** Does what a person does on Athom's page: open the login URL, fill in the form, follow the redirect. */
async function signInThroughForm(loginUrl: string, email: string, password: string): Promise<URL> {
  const page = await fetch(loginUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
  expect(action).toBeDefined();
  expect(html).toMatch(/<label for="email">Email<\/label>/);
  expect(html).toMatch(/<label for="password">Password<\/label>/);
  const res = await fetch(new URL(action!, loginUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, decision: 'allow' }).toString(),
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

async function signedInCloud(): Promise<any> {
  const api = cloudApi();
  const user = info.users[0]!;
  const back = await signInThroughForm(api.getLoginUrl({ state: 's' }), user.email, user.password);
  await api.authenticateWithAuthorizationCode({ code: back.searchParams.get('code') });
  return api;
}

describe('the official client against the emulator', () => {
  it('runs the whole chain: login URL → form → code → refresh → user → Homey → devices, zones, insights, flows', async () => {
    const api = cloudApi();
    const loginUrl: string = api.getLoginUrl({ state: 'st/ä?&=', scopes: ['homey'] });
    expect(loginUrl.startsWith(`${emulator.cloudUrl}/oauth2/authorise?`)).toBe(true);

    const user = info.users[0]!;
    const back = await signInThroughForm(loginUrl, user.email, user.password);
    expect(back.origin + back.pathname).toBe('http://localhost/');
    expect(back.searchParams.get('state')).toBe('st/ä?&=');

    const token = await api.authenticateWithAuthorizationCode({ code: back.searchParams.get('code') });
    expect(token.token_type).toBe('bearer');
    expect(token.expires_in).toBe(3660);

    const refreshed = await api.authenticateWithRefreshToken();
    expect(refreshed.access_token).not.toBe(token.access_token);
    expect(refreshed.refresh_token).not.toBe(token.refresh_token);

    const me = await api.getAuthenticatedUser();
    expect(me.email).toBe(user.email);
    expect(me.homeys.map((h: any) => h.id).sort()).toEqual([...user.homeys].sort());

    const homeyId = user.homeys[0]!;
    const homeyApi = await me.getHomeyById(homeyId).authenticate();
    expect(homeyApi.id).toBe(homeyId);

    const devices = await homeyApi.devices.getDevices();
    expect(Object.keys(devices).length).toBeGreaterThanOrEqual(25);
    const zones = await homeyApi.zones.getZones();
    expect(Object.keys(zones).length).toBeGreaterThan(3);

    const logs = await homeyApi.insights.getLogs();
    const temperatureLog = Object.values(logs).find((l: any) => l.id.endsWith(':measure_temperature')) as any;
    expect(temperatureLog).toBeDefined();
    const entries = await homeyApi.insights.getLogEntries({ id: temperatureLog.id, resolution: 'last24Hours' });
    expect(entries.values.length).toBeGreaterThan(10);
    expect(entries.step).toBeGreaterThan(0);
    expect(entries.updatesIn).toBeGreaterThan(0);

    const light = Object.values(devices).find((d: any) => d.capabilitiesObj?.onoff?.setable && d.available) as any;
    const target = !light.capabilitiesObj.onoff.value;
    const answer = await light.setCapabilityValue({ capabilityId: 'onoff', value: target });
    expect(answer.value).toBe(target);
    const again = await homeyApi.devices.getDevice({ id: light.id });
    expect(again.capabilitiesObj.onoff.value).toBe(target);

    const flows = await homeyApi.flow.getFlows();
    const triggerable = Object.values(flows).find((f: any) => f.triggerable !== false && f.enabled !== false) as any;
    expect(await homeyApi.flow.triggerFlow({ id: triggerable.id })).toBe(true);
    const advanced = await homeyApi.flow.getAdvancedFlows();
    const advancedFlow = Object.values(advanced).find((f: any) => f.triggerable !== false && f.enabled !== false) as any;
    expect(await homeyApi.flow.triggerAdvancedFlow({ id: advancedFlow.id })).toBe(true);

    const session = await homeyApi.sessions.getSessionMe();
    expect(session.type).toBe('OAUTH');
    expect(session.intersectedScopes).toContain('homey.device.control');
  });

  it('renews by itself: an expired access token is refreshed, an expired Homey session is logged in again', async () => {
    const api = await signedInCloud();
    await control('POST', '/__emulator/expire', { kind: 'access' });
    const me = await api.getAuthenticatedUser({ $cache: false });
    expect(me.homeys.length).toBeGreaterThan(0);

    const homeyApi = await me.homeys[0].authenticate();
    await homeyApi.devices.getDevices();
    await control('POST', '/__emulator/expire', { kind: 'session' });
    await control('DELETE', '/__emulator/stats');
    const devices = await homeyApi.devices.getDevices();
    expect(Object.keys(devices).length).toBeGreaterThan(0);
    const stats = await control('GET', '/__emulator/stats');
    expect(stats.cloud.routes['POST /delegation/token'].requests).toBe(1);
  });

  it('works in local mode with an API key and no cloud', async () => {
    const homey = info.homeys[0]!;
    const key = homey.apiKeys.find((k) => k.scopes.includes('homey'))!;
    const local = await HomeyAPI.createLocalAPI({ address: homey.localUrl, token: key.token });
    expect(local.id).toBe(homey.id);
    const devices = await local.devices.getDevices();
    expect(Object.keys(devices).length).toBeGreaterThan(0);
    const session = await local.sessions.getSessionMe();
    expect(session.type).toBe('PAT');
  });

  describe('refusals', () => {
    it('refuses a replayed code', async () => {
      const api = cloudApi();
      const user = info.users[0]!;
      const back = await signInThroughForm(api.getLoginUrl(), user.email, user.password);
      const code = back.searchParams.get('code');
      await api.authenticateWithAuthorizationCode({ code });
      await expect(cloudApi().authenticateWithAuthorizationCode({ code })).rejects.toMatchObject({
        message: 'Invalid code',
        statusCode: 400,
      });
    });

    it('refuses a code older than 30 seconds', async () => {
      const api = cloudApi();
      const user = info.users[0]!;
      const back = await signInThroughForm(api.getLoginUrl(), user.email, user.password);
      await control('POST', '/__emulator/clock', { advanceMs: 31_000 });
      await expect(api.authenticateWithAuthorizationCode({ code: back.searchParams.get('code') })).rejects.toMatchObject({
        message: 'Code has expired',
        statusCode: 400,
      });
    });

    it('refuses a wrong client secret', async () => {
      const api = cloudApi({ clientSecret: 'not-the-secret' });
      const user = info.users[0]!;
      const back = await signInThroughForm(api.getLoginUrl(), user.email, user.password);
      await expect(api.authenticateWithAuthorizationCode({ code: back.searchParams.get('code') })).rejects.toMatchObject({
        statusCode: 401,
      });
    });

    it('refuses a forged delegation token at the Homey', async () => {
      const homey = info.homeys[0]!;
      const local = await HomeyAPI.createLocalAPI({ address: homey.localUrl, token: 'unused' });
      const forged = ['eyJhbGciOiJSUzUxMiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiJ4In0', 'c2ln'].join('.');
      await expect(local.users.login({ token: forged })).rejects.toMatchObject({ statusCode: 401 });
    });

    it('refuses a bad API key', async () => {
      const homey = info.homeys[0]!;
      const local = await HomeyAPI.createLocalAPI({ address: homey.localUrl, token: 'bad:key:value' });
      await expect(local.devices.getDevices()).rejects.toMatchObject({ statusCode: 401 });
    });

    it('refuses a value out of range, of the wrong type, or for a read-only capability', async () => {
      const homey = info.homeys[0]!;
      const key = homey.apiKeys.find((k) => k.scopes.includes('homey'))!;
      const local = await HomeyAPI.createLocalAPI({ address: homey.localUrl, token: key.token });
      const devices = Object.values(await local.devices.getDevices()) as any[];
      const dimmer = devices.find((d) => d.capabilitiesObj?.dim && d.available)!;
      await expect(local.devices.setCapabilityValue({ deviceId: dimmer.id, capabilityId: 'dim', value: 5 })).rejects.toMatchObject({
        statusCode: 400,
      });
      await expect(local.devices.setCapabilityValue({ deviceId: dimmer.id, capabilityId: 'onoff', value: 'yes' })).rejects.toMatchObject({
        statusCode: 400,
      });
      const sensor = devices.find((d) => d.capabilitiesObj?.measure_temperature)!;
      await expect(
        local.devices.setCapabilityValue({ deviceId: sensor.id, capabilityId: 'measure_temperature', value: 20 }),
      ).rejects.toMatchObject({ statusCode: 400, message: expect.stringMatching(/Not Setable/) });
    });

    it('refuses writes to a read-only API key', async () => {
      const homey = info.homeys[0]!;
      const key = homey.apiKeys.find((k) => !k.scopes.includes('homey'))!;
      const local = await HomeyAPI.createLocalAPI({ address: homey.localUrl, token: key.token });
      const devices = Object.values(await local.devices.getDevices()) as any[];
      const light = devices.find((d) => d.capabilitiesObj?.onoff?.setable && d.available)!;
      await expect(local.devices.setCapabilityValue({ deviceId: light.id, capabilityId: 'onoff', value: true })).rejects.toMatchObject({
        statusCode: 403,
      });
    });
  });
});
