import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadWorld, startEmulator } from './server.ts';
import type { Emulator } from './server.ts';
import type { EmulatorInfo } from './control/wire-types.ts';

// The emulator over real HTTP on loopback: OAuth2 details the official client never exercises
// (PKCE, redirect checks, error bodies), CORS, the control API, faults and bad input.

let emulator: Emulator;
let info: EmulatorInfo;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, simulationIntervalMs: 0 });
  info = emulator.info();
});
afterAll(async () => emulator?.close());
beforeEach(async () => {
  await call('POST', '/__emulator/reset');
});

async function call(method: string, path: string, body?: unknown, base = emulator.cloudUrl, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: json as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const client = () => info.clients[0]!;
const user = () => info.users[0]!;
const homey = () => info.homeys[0]!;
const fullKey = () => homey().apiKeys.find((k) => k.scopes.includes('homey'))!.token;

function authoriseUrl(params: Record<string, string>): string {
  return `/oauth2/authorise?${new URLSearchParams({ client_id: client().clientId, response_type: 'code', ...params })}`;
}

async function getCode(params: Record<string, string>): Promise<URL> {
  const res = await fetch(`${emulator.cloudUrl}${authoriseUrl(params)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: user().email, password: user().password }).toString(),
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

async function token(form: Record<string, string>, basic = true) {
  const c = client();
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const body = new URLSearchParams(form);
  if (basic) headers.Authorization = `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`;
  else {
    body.set('client_id', c.clientId);
    body.set('client_secret', c.clientSecret);
  }
  const res = await fetch(`${emulator.cloudUrl}/oauth2/token`, { method: 'POST', headers, body: body.toString() });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function homeySession(): Promise<string> {
  const back = await getCode({ redirect_uri: 'http://127.0.0.1:9999/' });
  const t = await token({ grant_type: 'authorization_code', code: back.searchParams.get('code')! });
  const jwt = await call('POST', '/delegation/token?audience=homey', undefined, emulator.cloudUrl, {
    Authorization: `Bearer ${t.json.access_token}`,
  });
  const login = await call('POST', '/api/manager/users/login', { token: jwt.json }, homey().localUrl);
  expect(login.status).toBe(200);
  return login.json as string;
}

describe('OAuth2 authorise', () => {
  it('shows an error page and does not redirect for an unknown client or an unregistered redirect_uri', async () => {
    const unknown = await call('GET', `/oauth2/authorise?client_id=nope&redirect_uri=${encodeURIComponent('http://localhost/')}&response_type=code`);
    expect(unknown.status).toBe(400);
    expect(unknown.text).toMatch(/Unknown client/);
    const evil = await fetch(`${emulator.cloudUrl}${authoriseUrl({ redirect_uri: 'https://evil.example/' })}`, { redirect: 'manual' });
    expect(evil.status).toBe(400);
    expect(evil.headers.get('location')).toBeNull();
  });

  it('matches a registered loopback redirect on any port, but not another path', async () => {
    const back = await getCode({ redirect_uri: 'http://localhost:43123/', state: 'x' });
    expect(back.host).toBe('localhost:43123');
    const otherPath = await call('GET', authoriseUrl({ redirect_uri: 'http://localhost:43123/elsewhere' }));
    expect(otherPath.status).toBe(400);
  });

  it('escapes what it echoes, answers a wrong password with the form again, and sends access_denied on cancel', async () => {
    const wrong = await fetch(`${emulator.cloudUrl}${authoriseUrl({ redirect_uri: 'http://localhost/', state: '"><script>' })}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: '<b>x@y</b>', password: 'nope' }).toString(),
      redirect: 'manual',
    });
    const html = await wrong.text();
    expect(wrong.status).toBe(401);
    expect(html).toMatch(/Incorrect email address or password/);
    expect(html).not.toMatch(/<script>|<b>x@y/);
    const cancel = await fetch(`${emulator.cloudUrl}${authoriseUrl({ redirect_uri: 'http://localhost/', state: 's1' })}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'decision=deny',
      redirect: 'manual',
    });
    const target = new URL(cancel.headers.get('location')!);
    expect(target.searchParams.get('error')).toBe('access_denied');
    expect(target.searchParams.get('state')).toBe('s1');
  });
});

describe('OAuth2 token', () => {
  it('verifies PKCE S256 and binds the code to its redirect_uri', async () => {
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirect = 'http://localhost:5173/';
    const back = await getCode({ redirect_uri: redirect, code_challenge: challenge, code_challenge_method: 'S256' });
    const code = back.searchParams.get('code')!;
    const wrongVerifier = await token({ grant_type: 'authorization_code', code, redirect_uri: redirect, code_verifier: 'x'.repeat(50) });
    expect(wrongVerifier).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    const back2 = await getCode({ redirect_uri: redirect, code_challenge: challenge, code_challenge_method: 'S256' });
    const wrongRedirect = await token({ grant_type: 'authorization_code', code: back2.searchParams.get('code')!, redirect_uri: 'http://localhost:1/', code_verifier: verifier });
    expect(wrongRedirect.json.error).toBe('invalid_grant');
    const back3 = await getCode({ redirect_uri: redirect, code_challenge: challenge, code_challenge_method: 'S256' });
    const good = await token({ grant_type: 'authorization_code', code: back3.searchParams.get('code')!, redirect_uri: redirect, code_verifier: verifier }, false);
    expect(good.status).toBe(200);
    expect(Object.keys(good.json).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
  });

  it("answers with Athom's error bodies", async () => {
    expect(await token({})).toMatchObject({
      status: 400,
      json: { error: 'invalid_request', error_description: 'Invalid or missing grant_type parameter' },
    });
    expect(await token({ grant_type: 'authorization_code', code: 'nope' })).toMatchObject({
      status: 400,
      json: { error: 'invalid_grant', error_description: 'Invalid code' },
    });
    const json = await call('POST', '/oauth2/token', { grant_type: 'refresh_token' });
    expect(json.status).toBe(400);
    expect(json.json.error).toBe('invalid_request');
  });

  it('rotates refresh tokens: the old one is refused after use', async () => {
    const back = await getCode({ redirect_uri: 'http://localhost/' });
    const first = await token({ grant_type: 'authorization_code', code: back.searchParams.get('code')! });
    const second = await token({ grant_type: 'refresh_token', refresh_token: String(first.json.refresh_token) });
    expect(second.status).toBe(200);
    const replay = await token({ grant_type: 'refresh_token', refresh_token: String(first.json.refresh_token) });
    expect(replay).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    const third = await token({ grant_type: 'refresh_token', refresh_token: String(second.json.refresh_token) });
    expect(third.status).toBe(200);
  });

  it('expires access tokens after expires_in and says invalid_token', async () => {
    await call('PUT', '/__emulator/lifetimes', { accessTokenSeconds: 60 });
    const back = await getCode({ redirect_uri: 'http://localhost/' });
    const t = await token({ grant_type: 'authorization_code', code: back.searchParams.get('code')! });
    expect(t.json.expires_in).toBe(60);
    const auth = { Authorization: `Bearer ${t.json.access_token}` };
    expect((await call('GET', '/user/me', undefined, emulator.cloudUrl, auth)).status).toBe(200);
    await call('POST', '/__emulator/clock', { advanceMs: 61_000 });
    const expired = await call('GET', '/user/me', undefined, emulator.cloudUrl, auth);
    expect(expired).toMatchObject({ status: 401, json: { error: 'invalid_token' } });
  });

  it('refuses a revoked client at the token endpoint', async () => {
    const back = await getCode({ redirect_uri: 'http://localhost/' });
    await call('POST', '/__emulator/revoke', { kind: 'client', clientId: client().clientId });
    expect(await token({ grant_type: 'authorization_code', code: back.searchParams.get('code')! })).toMatchObject({
      status: 401,
      json: { error: 'invalid_client' },
    });
  });
});

async function signIn() {
  const back = await getCode({ redirect_uri: 'http://localhost/' });
  const code = back.searchParams.get('code')!;
  const first = await token({ grant_type: 'authorization_code', code });
  expect(first.status).toBe(200);
  return { code, access: String(first.json.access_token), refresh: String(first.json.refresh_token) };
}

const refreshWith = (refreshToken: string) => token({ grant_type: 'refresh_token', refresh_token: refreshToken });
const userMe = async (access: string) => (await call('GET', '/user/me', undefined, emulator.cloudUrl, { Authorization: `Bearer ${access}` })).status;

describe('a replayed authorisation code', () => {
  it("withdraws that code's tokens and the refresh tokens descended from them, and nobody else's", async () => {
    const wallA = await signIn();
    const wallB = await signIn();
    const refreshed = await refreshWith(wallA.refresh);
    expect(refreshed.status).toBe(200);
    const replay = await token({ grant_type: 'authorization_code', code: wallA.code });
    expect(replay).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    expect(await userMe(wallA.access)).toBe(401);
    expect(await userMe(String(refreshed.json.access_token))).toBe(401);
    expect(await refreshWith(String(refreshed.json.refresh_token))).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    // Another wall of the same user and client signed in with its own code and stays signed in.
    expect(await userMe(wallB.access)).toBe(200);
    expect((await refreshWith(wallB.refresh)).status).toBe(200);
  });
});

describe('refresh-token policy', () => {
  it('rotates strictly by default and says so', async () => {
    expect((await call('GET', '/__emulator/refresh-token-policy')).json).toEqual({ policy: 'rotate', graceSeconds: 30 });
    expect(info.refreshTokenPolicy).toEqual({ policy: 'rotate', graceSeconds: 30 });
    const wall = await signIn();
    expect((await refreshWith(wall.refresh)).status).toBe(200);
    expect((await refreshWith(wall.refresh)).json.error).toBe('invalid_grant');
  });

  it('reuse: the same refresh token keeps working and comes back in every answer', async () => {
    expect((await call('PUT', '/__emulator/refresh-token-policy', { policy: 'reuse' })).json).toEqual({ policy: 'reuse', graceSeconds: 30 });
    const wall = await signIn();
    const first = await refreshWith(wall.refresh);
    const second = await refreshWith(wall.refresh);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.json.refresh_token).toBe(wall.refresh);
    expect(second.json.refresh_token).toBe(wall.refresh);
    expect(second.json.access_token).not.toBe(first.json.access_token);
    expect(await userMe(String(second.json.access_token))).toBe(200);
  });

  it('grace: a rotated refresh token still answers the same new pair inside the window, and not after', async () => {
    await call('PUT', '/__emulator/refresh-token-policy', { policy: 'grace', graceSeconds: 30 });
    const wall = await signIn();
    const rotated = await refreshWith(wall.refresh);
    expect(rotated.json.refresh_token).not.toBe(wall.refresh);
    await call('POST', '/__emulator/clock', { advanceMs: 20_000 });
    const again = await refreshWith(wall.refresh);
    expect(again.status).toBe(200);
    expect(again.json.access_token).toBe(rotated.json.access_token);
    expect(again.json.refresh_token).toBe(rotated.json.refresh_token);
    expect(again.json.expires_in).toBeLessThanOrEqual(Number(rotated.json.expires_in) - 19);
    await call('POST', '/__emulator/clock', { advanceMs: 11_000 });
    expect(await refreshWith(wall.refresh)).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    expect((await refreshWith(String(rotated.json.refresh_token))).status).toBe(200);
  });

  it('grace: a replayed code also ends the grace of the tokens it bought', async () => {
    await call('PUT', '/__emulator/refresh-token-policy', { policy: 'grace' });
    const wall = await signIn();
    expect((await refreshWith(wall.refresh)).status).toBe(200);
    await token({ grant_type: 'authorization_code', code: wall.code });
    expect((await refreshWith(wall.refresh)).json.error).toBe('invalid_grant');
  });

  it('refuses an unknown policy, and a reset brings back the policy the emulator started with', async () => {
    expect((await call('PUT', '/__emulator/refresh-token-policy', { policy: 'sometimes' })).json.error_description).toMatch(/rotate, reuse, grace/);
    expect((await call('PUT', '/__emulator/refresh-token-policy', { graceSeconds: 0 })).status).toBe(400);
    await call('PUT', '/__emulator/refresh-token-policy', { policy: 'reuse' });
    await call('POST', '/__emulator/reset');
    expect((await call('GET', '/__emulator/refresh-token-policy')).json.policy).toBe('rotate');
    const reusing = await startEmulator({ port: 0, simulationIntervalMs: 0, refreshTokenPolicy: 'grace', refreshGraceSeconds: 5 });
    try {
      expect(reusing.info().refreshTokenPolicy).toEqual({ policy: 'grace', graceSeconds: 5 });
      await fetch(`${reusing.cloudUrl}/__emulator/refresh-token-policy`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"policy":"rotate"}' });
      await fetch(`${reusing.cloudUrl}/__emulator/reset`, { method: 'POST' });
      expect(await (await fetch(`${reusing.cloudUrl}/__emulator/refresh-token-policy`)).json()).toEqual({ policy: 'grace', graceSeconds: 5 });
    } finally {
      await reusing.close();
    }
  });
});

describe('a request the client gave up on', () => {
  it('still does its work when the client leaves during a latency fault (the refresh token rotates)', async () => {
    const wall = await signIn();
    await call('POST', '/__emulator/faults', { target: 'cloud', path: '/oauth2/token', kind: 'latency', latencyMs: 400, count: 1 });
    const c = client();
    const gaveUp = fetch(`${emulator.cloudUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: wall.refresh }).toString(),
      signal: AbortSignal.timeout(100),
    });
    await expect(gaveUp).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await refreshWith(wall.refresh)).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
  });
});

describe('the lose-answer fault', () => {
  it('rotates the refresh token, then cuts the connection; under grace the retry recovers the pair', async () => {
    const wall = await signIn();
    await call('DELETE', '/__emulator/stats');
    await call('POST', '/__emulator/faults', { target: 'cloud', path: '/oauth2/token', kind: 'lose-answer', count: 1 });
    await expect(refreshWith(wall.refresh)).rejects.toThrow();
    expect(await refreshWith(wall.refresh)).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    const stats = (await call('GET', '/__emulator/stats')).json;
    expect(stats.cloud.routes['POST /oauth2/token'].statuses).toEqual({ 0: 1, 400: 1 });

    await call('PUT', '/__emulator/refresh-token-policy', { policy: 'grace' });
    const graced = await signIn();
    await call('POST', '/__emulator/faults', { target: 'cloud', path: '/oauth2/token', kind: 'lose-answer', count: 1 });
    await expect(refreshWith(graced.refresh)).rejects.toThrow();
    const retry = await refreshWith(graced.refresh);
    expect(retry.status).toBe(200);
    expect(await userMe(String(retry.json.access_token))).toBe(200);
    expect((await refreshWith(String(retry.json.refresh_token))).status).toBe(200);
  });

  it('on delegation and users/login: the server acts (a login opens a session) and the client hears nothing', async () => {
    const wall = await signIn();
    const bearer = { Authorization: `Bearer ${wall.access}` };
    await call('POST', '/__emulator/faults', { target: 'cloud', path: '/delegation/token', kind: 'lose-answer', count: 1 });
    await expect(fetch(`${emulator.cloudUrl}/delegation/token?audience=homey`, { method: 'POST', headers: bearer })).rejects.toThrow();
    const jwt = await call('POST', '/delegation/token?audience=homey', undefined, emulator.cloudUrl, bearer);
    expect(jwt.status).toBe(200);
    await call('POST', '/__emulator/faults', { target: `homey:${homey().id}`, path: '/api/manager/users/login', kind: 'lose-answer', count: 1 });
    await expect(
      fetch(`${homey().localUrl}/api/manager/users/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: jwt.json }) }),
    ).rejects.toThrow();
    expect((await call('POST', '/__emulator/revoke', { kind: 'session', homeyId: homey().id })).json).toEqual({ count: 1 });
    expect((await call('GET', '/__emulator/stats')).json.cloud.routes['POST /delegation/token'].statuses).toMatchObject({ 0: 1, 200: 1 });
  });
});

describe('cloud user and delegation', () => {
  it('lists the Homeys with their addresses and always includes devices: []', async () => {
    const back = await getCode({ redirect_uri: 'http://localhost/' });
    const t = await token({ grant_type: 'authorization_code', code: back.searchParams.get('code')! });
    const me = await call('GET', '/user/me', undefined, emulator.cloudUrl, { Authorization: `Bearer ${t.json.access_token}` });
    expect(me.json.devices).toEqual([]);
    expect(me.json.homeys[0]).toMatchObject({ apiVersion: 3, platform: 'local', localUrl: homey().localUrl, remoteUrl: homey().remoteUrl });
    const jwt = await call('POST', '/delegation/token?audience=homey', undefined, emulator.cloudUrl, { Authorization: `Bearer ${t.json.access_token}` });
    expect(typeof jwt.json).toBe('string');
    expect((jwt.json as string).split('.')).toHaveLength(3);
  });
});

describe("Athom's icon host", () => {
  it('serves a picture for every icon a device names, without sign-in, and 404 for any other id', async () => {
    const devices = (await call('GET', '/api/manager/devices/device', undefined, homey().localUrl, { Authorization: `Bearer ${fullKey()}` })).json as Record<string, { iconObj: { id: string } | null }>;
    const named = Object.values(devices).filter((d) => d.iconObj);
    expect(named.length).toBeGreaterThan(20);
    const icon = await call('GET', `/icons/${named[0]!.iconObj!.id}-128.png`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.text).toMatch(/^<svg [^>]*viewBox="0 0 24 24"/);
    expect((await call('GET', '/icons/0123456789abcdef-128.png')).status).toBe(404);
    expect((await call('GET', `/icons/${encodeURIComponent('../user/me')}-128.png`)).status).toBe(404);
  });
});

describe('Homey', () => {
  it('answers the ping with its id headers, and false for another id', async () => {
    const ping = await call('GET', `/api/manager/system/ping?id=${homey().id}`, undefined, homey().remoteUrl);
    expect(ping.json).toBe(true);
    expect(ping.headers.get('x-homey-id')).toBe(homey().id);
    expect(ping.headers.get('x-homey-version')).toBeTruthy();
    expect((await call('GET', '/api/manager/system/ping?id=other', undefined, homey().localUrl)).json).toBe(false);
  });

  it('passes CORS preflights for Authorization, Content-Type and X-Homey-ID and exposes X-Homey-* headers', async () => {
    const res = await fetch(`${homey().localUrl}/api/manager/devices/device`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://tablet.local:8080',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'authorization,content-type,x-homey-id',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://tablet.local:8080');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-homey-id');
    const get = await fetch(`${homey().localUrl}/api/manager/system/ping`, { headers: { Origin: 'http://x' } });
    expect(get.headers.get('access-control-expose-headers')).toMatch(/X-Homey-ID/);
  });

  it('logs in with a delegation token, serves session/me, and expires the session', async () => {
    const session = await homeySession();
    const auth = { Authorization: `Bearer ${session}` };
    const me = await call('GET', '/api/manager/sessions/session/me', undefined, homey().localUrl, auth);
    expect(me.json.type).toBe('OAUTH');
    // The same session works on the other route of the same Homey.
    expect((await call('GET', '/api/manager/devices/device', undefined, homey().remoteUrl, auth)).status).toBe(200);
    await call('POST', '/__emulator/clock', { advanceMs: 24 * 3600 * 1000 + 1000 });
    expect((await call('GET', '/api/manager/devices/device', undefined, homey().localUrl, auth)).status).toBe(401);
  });

  it('refuses a delegation token for a Homey the user does not own', async () => {
    const solo = info.users.find((u) => u.homeys.length === 1 && u.email !== user().email);
    const other = info.homeys.find((h) => solo && !solo.homeys.includes(h.id));
    if (!solo || !other) return expect.fail('the demo needs a user without access to every Homey');
    const res = await fetch(`${emulator.cloudUrl}/oauth2/authorise?${new URLSearchParams({ client_id: client().clientId, response_type: 'code', redirect_uri: 'http://localhost/' })}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: solo.email, password: solo.password }).toString(),
      redirect: 'manual',
    });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const t = await token({ grant_type: 'authorization_code', code });
    const jwt = await call('POST', '/delegation/token?audience=homey', undefined, emulator.cloudUrl, { Authorization: `Bearer ${t.json.access_token}` });
    const login = await call('POST', '/api/manager/users/login', { token: jwt.json }, other.localUrl);
    expect(login.status).toBe(401);
  });

  it('answers bad input with Homey-style 4xx and keeps serving', async () => {
    const auth = { Authorization: `Bearer ${fullKey()}` };
    const base = homey().localUrl;
    const devices = (await call('GET', '/api/manager/devices/device', undefined, base, auth)).json as Record<string, { id: string; capabilitiesObj: Record<string, unknown> }>;
    const device = Object.values(devices).find((d) => d.capabilitiesObj.onoff)!;
    const put = (path: string, body: string, type = 'application/json') =>
      fetch(`${base}${path}`, { method: 'PUT', headers: { ...auth, 'Content-Type': type }, body });
    const malformed = await put(`/api/manager/devices/device/${device.id}/capability/onoff`, '{"value": tru');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: string }).error).toMatch(/Invalid JSON/);
    expect((await put(`/api/manager/devices/device/${device.id}/capability/onoff`, 'value=true', 'text/plain')).status).toBe(400);
    expect((await put(`/api/manager/devices/device/nope/capability/onoff`, '{"value":true}')).status).toBe(404);
    expect((await put(`/api/manager/devices/device/${device.id}/capability/nope`, '{"value":true}')).status).toBe(404);
    expect((await put(`/api/manager/devices/device/${device.id}/capability/onoff`, '{"value":[1]}')).status).toBe(400);
    expect((await call('GET', '/api/manager/nothing/here', undefined, base, auth)).status).toBe(404);
    expect((await call('DELETE', '/api/manager/devices/device', undefined, base, auth)).status).toBe(405);
    expect((await call('GET', '/api/manager/insights/log/homey:device:x/homey:device:x:y/entry?resolution=nonsense', undefined, base, auth)).status).toBe(400);
    expect((await call('GET', `/api/manager/system/ping?id=${homey().id}`, undefined, base)).json).toBe(true);
  });

  it('serves log entries for a percent-encoded log id as the browser sends it', async () => {
    const auth = { Authorization: `Bearer ${fullKey()}` };
    const logs = (await call('GET', '/api/manager/insights/log', undefined, homey().localUrl, auth)).json as Record<string, { id: string }>;
    const log = Object.values(logs)[0]!;
    const uri = log.id.split(':', 3).join(':');
    const res = await call('GET', `/api/manager/insights/log/${encodeURIComponent(uri)}/${encodeURIComponent(log.id)}/entry?resolution=lastHour`, undefined, homey().localUrl, auth);
    expect(res.status).toBe(200);
    expect(res.json.values.length).toBeGreaterThan(0);
  });
});

describe('control API', () => {
  it('injects 429 with Retry-After for N requests, then recovers, and counts requests', async () => {
    const auth = { Authorization: `Bearer ${fullKey()}` };
    await call('POST', '/__emulator/faults', { target: `homey:${homey().id}`, path: '/api/manager/devices/*', kind: 'status', status: 429, retryAfter: 3, count: 2 });
    await call('DELETE', '/__emulator/stats');
    const first = await call('GET', '/api/manager/devices/device', undefined, homey().localUrl, auth);
    const second = await call('GET', '/api/manager/devices/device', undefined, homey().remoteUrl, auth);
    const third = await call('GET', '/api/manager/devices/device', undefined, homey().localUrl, auth);
    expect([first.status, second.status, third.status]).toEqual([429, 429, 200]);
    expect(first.headers.get('retry-after')).toBe('3');
    const stats = (await call('GET', '/__emulator/stats')).json;
    expect(stats[`homey:${homey().id}:local`].routes['GET /api/manager/devices/device'].statuses).toEqual({ 200: 1, 429: 1 });
  });

  it('drops connections, sends malformed JSON, adds latency', async () => {
    const auth = { Authorization: `Bearer ${fullKey()}` };
    await call('POST', '/__emulator/faults', { path: '/api/manager/zones/zone', kind: 'drop', count: 1 });
    await expect(fetch(`${homey().localUrl}/api/manager/zones/zone`, { headers: auth })).rejects.toThrow();
    // A dropped connection is counted as no answer (status 0), not as Node's default 200.
    await expect
      .poll(async () => (await call('GET', '/__emulator/stats')).json[`homey:${homey().id}:local`].routes['GET /api/manager/zones/zone'].statuses)
      .toEqual({ 0: 1 });
    await call('POST', '/__emulator/faults', { path: '/api/manager/zones/zone', kind: 'malformed', count: 1 });
    const bad = await fetch(`${homey().localUrl}/api/manager/zones/zone`, { headers: auth });
    await expect(bad.json()).rejects.toThrow();
    await call('POST', '/__emulator/faults', { path: '/api/manager/zones/zone', kind: 'latency', latencyMs: 300, count: 1 });
    const started = performance.now();
    const slow = await fetch(`${homey().localUrl}/api/manager/zones/zone`, { headers: auth });
    expect(slow.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    expect((await fetch(`${homey().localUrl}/api/manager/zones/zone`, { headers: auth })).status).toBe(200);
  });

  it('takes one route of a Homey off line and brings it back', async () => {
    await call('POST', `/__emulator/homeys/${homey().id}/offline`, { route: 'local' });
    await expect(fetch(`${homey().localUrl}/api/manager/system/ping`)).rejects.toThrow();
    expect((await call('GET', '/api/manager/system/ping', undefined, homey().remoteUrl)).json).toBe(true);
    await call('POST', `/__emulator/homeys/${homey().id}/online`);
    expect((await call('GET', '/api/manager/system/ping', undefined, homey().localUrl)).json).toBe(true);
  });

  it("tells an API key the Homey's name (system/name, as local mode needs)", async () => {
    const named = await call('GET', '/api/manager/system/name', undefined, homey().localUrl, { Authorization: `Bearer ${fullKey()}` });
    expect(named.json).toBe(homey().name);
  });

  it('answers Subscription Inactive on the cloud relay when the subscription lapses, as homey-api expects', async () => {
    await call('POST', `/__emulator/homeys/${homey().id}/subscription`, { active: false });
    const relayed = await call('GET', `/api/manager/system/ping?id=${homey().id}`, undefined, homey().remoteUrl);
    expect(relayed.status).toBe(403);
    expect(relayed.json).toEqual({ error: 'Subscription Inactive', statusCode: 403 });
    expect((await call('GET', `/api/manager/system/ping?id=${homey().id}`, undefined, homey().localUrl)).json).toBe(true);
    await call('POST', `/__emulator/homeys/${homey().id}/subscription`, { active: true });
    expect((await call('GET', `/api/manager/system/ping?id=${homey().id}`, undefined, homey().remoteUrl)).json).toBe(true);
  });

  it('sets a sensor value that the Homey then serves and logs', async () => {
    const auth = { Authorization: `Bearer ${fullKey()}` };
    const devices = (await call('GET', '/api/manager/devices/device', undefined, homey().localUrl, auth)).json as Record<string, { id: string; capabilitiesObj: Record<string, { value: unknown }> }>;
    const sensor = Object.values(devices).find((d) => d.capabilitiesObj.measure_temperature)!;
    await call('PUT', `/__emulator/homeys/${homey().id}/devices/${sensor.id}/capabilities/measure_temperature`, { value: 42.5 });
    const after = await call('GET', `/api/manager/devices/device/${sensor.id}`, undefined, homey().localUrl, auth);
    expect(after.json.capabilitiesObj.measure_temperature.value).toBe(42.5);
    const logs = (await call('GET', '/api/manager/insights/log', undefined, homey().localUrl, auth)).json;
    expect(logs[`homey:device:${sensor.id}:measure_temperature`].lastValue).toBe(42.5);
  });

  it('refuses malformed control requests with a message', async () => {
    expect((await call('POST', '/__emulator/faults', { kind: 'explode' })).status).toBe(400);
    expect((await call('PUT', '/__emulator/lifetimes', { accessTokenSeconds: -1 })).json.error_description).toMatch(/positive/);
    expect((await call('POST', '/__emulator/expire', { kind: 'everything' })).status).toBe(400);
  });
});

describe('a generated big home', () => {
  it('starts with 2,000 devices in a few seconds, serves them all and counts the reads', async () => {
    const started = performance.now();
    const big = await startEmulator({ port: 0, simulationIntervalMs: 0, generateDevices: 2000 });
    try {
      expect(performance.now() - started).toBeLessThan(5000);
      const bigInfo = big.info();
      expect(bigInfo.generatedDevices).toBe(2000);
      const home = bigInfo.homeys[0]!;
      const auth = { Authorization: `Bearer ${home.apiKeys[0]!.token}` };
      const devices = await call('GET', '/api/manager/devices/device', undefined, home.localUrl, auth);
      expect(devices.status).toBe(200);
      expect(Object.keys(devices.json)).toHaveLength(2000);
      const stats = (await call('GET', '/__emulator/stats', undefined, big.cloudUrl)).json;
      expect(stats[`homey:${home.id}:local`].routes['GET /api/manager/devices/device']).toMatchObject({ requests: 1, statuses: { 200: 1 } });
    } finally {
      await big.close();
    }
  });

  it('is refused on top of a fixture', () => {
    expect(() => loadWorld('emulator/fixtures/real-world-shapes.json', 1, 100)).toThrow(/fixture/);
  });
});
