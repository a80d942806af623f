import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import type { EmulatorInfo, EmulatorStats } from '../emulator/control/wire-types.ts';

// The emulator for tests under src/: each call to `spawnEmulator()` gets a fresh emulated Athom
// cloud with its Homeys on loopback ports, started by the Vitest global setup in
// test-support/emulator-spawner.ts (src/ may not import emulator/, so we ask it over HTTP).
//
//   const emu = await spawnEmulator();
//   afterAll(() => emu.close());
//   beforeEach(() => emu.control('POST', '/__emulator/reset'));
//   const { access_token } = await signInToCloud(emu);
//
// `control` speaks the emulator's control API (README "Emulator control API"); `stats()` and
// `countRequests()` read its counters, e.g. how many logins a burst of 401s cost.

declare module 'vitest' {
  export interface ProvidedContext {
    emulatorSpawnerUrl: string;
  }
}

export interface SpawnOptions {
  /** How often values move; 0 (the default here) keeps them still. */
  simulationIntervalMs?: number;
  seed?: number;
  /** A fixture file, relative to the repository root. */
  fixture?: string;
  /** Gives the demo's "Home" this many devices in all (a big home); not with a fixture. */
  generateDevices?: number;
}

export interface SpawnedEmulator {
  cloudUrl: string;
  info: EmulatorInfo;
  /** A control API call (`/__emulator/…`); rejects on a non-2xx answer with the emulator's message. */
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  stats(): Promise<EmulatorStats>;
  close(): Promise<void>;
}

export async function spawnEmulator(options: SpawnOptions = {}): Promise<SpawnedEmulator> {
  const spawner = inject('emulatorSpawnerUrl');
  const { cloudUrl, info } = await postJson<{ cloudUrl: string; info: EmulatorInfo }>(`${spawner}/spawn`, options);
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${cloudUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`Emulator ${method} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  let closed = false;
  return {
    cloudUrl,
    info,
    control,
    stats: () => control<EmulatorStats>('GET', '/__emulator/stats'),
    async close() {
      if (closed) return;
      closed = true;
      await postJson(`${spawner}/close`, { cloudUrl });
    },
  };
}

/** The listener name of one route to a Homey, as `stats()` keys it. */
export function homeyListener(homeyId: string, route: 'local' | 'remote'): string {
  return `homey:${homeyId}:${route}`;
}

/**
 * How many requests matched `route` (`METHOD /pattern`) on listeners named `listener` or starting
 * with `listener:` (so `homey:<id>` counts both routes to that Homey); every listener when omitted.
 */
export function countRequests(stats: EmulatorStats, route: string, listener?: string): number {
  let total = 0;
  for (const [name, s] of Object.entries(stats)) {
    if (listener !== undefined && name !== listener && !name.startsWith(`${listener}:`)) continue;
    total += s.routes[route]?.requests ?? 0;
  }
  return total;
}

export interface CloudTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

/**
 * Signs in on the emulated Athom page the way a browser does: open the authorise page, post the
 * form, read the code from the redirect, swap it for tokens (client auth by HTTP Basic).
 * Defaults to the first user of the emulated world.
 */
export async function signInToCloud(emu: SpawnedEmulator, email?: string, password?: string): Promise<CloudTokens> {
  const client = emu.info.clients[0];
  const user = emu.info.users[0];
  if (!client || !user) throw new Error('The emulated world has no OAuth client or no user');
  const redirectUri = client.redirectUris[0] ?? 'http://localhost/';
  const authorise = `${emu.cloudUrl}/oauth2/authorise?${new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    state: 'test',
  })}`;

  const page = await fetch(authorise);
  if (page.status !== 200) throw new Error(`The sign-in page answered ${page.status}`);
  await page.text();
  const back = await fetch(authorise, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: email ?? user.email, password: password ?? user.password, decision: 'allow' }).toString(),
    redirect: 'manual',
  });
  const location = back.headers.get('location');
  if (back.status !== 302 || !location) throw new Error(`Signing in answered ${back.status}, not a redirect: wrong email or password?`);
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`The redirect carries no code: ${new URL(location).searchParams.get('error') ?? 'unknown error'}`);

  return tokenRequest(emu, { grant_type: 'authorization_code', code, redirect_uri: redirectUri });
}

/** Swaps a refresh token for new tokens (the emulator rotates refresh tokens, as Athom may). */
export function refreshCloudTokens(emu: SpawnedEmulator, refreshToken: string): Promise<CloudTokens> {
  return tokenRequest(emu, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

async function tokenRequest(emu: SpawnedEmulator, form: Record<string, string>): Promise<CloudTokens> {
  const client = emu.info.clients[0]!;
  const res = await fetch(`${emu.cloudUrl}/oauth2/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${btoa(`${client.clientId}:${client.clientSecret}`)}`,
    },
    body: new URLSearchParams(form).toString(),
  });
  const body = (await res.json()) as Partial<CloudTokens> & { error?: string; error_description?: string };
  if (!res.ok || !body.access_token || !body.refresh_token) {
    throw new Error(`The token endpoint answered ${res.status}: ${body.error ?? ''} ${body.error_description ?? ''}`.trim());
  }
  return { access_token: body.access_token, refresh_token: body.refresh_token, expires_in: body.expires_in ?? 0 };
}

async function postJson<T = unknown>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`The emulator spawner answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/**
 * One emulator for a whole test file, reset before each test: call at the top of the file, then use
 * `emulator()` inside tests (`const emulator = emulatorPerFile(); … emulator().control(…)`).
 */
export function emulatorPerFile(options: SpawnOptions = {}): () => SpawnedEmulator {
  let spawned: SpawnedEmulator | undefined;
  beforeAll(async () => {
    spawned = await spawnEmulator(options);
  });
  afterAll(() => spawned?.close());
  beforeEach(async () => {
    await spawned?.control('POST', '/__emulator/reset');
  });
  return () => {
    if (!spawned) throw new Error('emulatorPerFile(): the emulator is not running (called outside a test?)');
    return spawned;
  };
}
