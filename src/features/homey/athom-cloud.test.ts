import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countRequests, spawnEmulator } from '../../../test-support/emulator-client.ts';
import type { SpawnedEmulator } from '../../../test-support/emulator-client.ts';
import { createAthomCloud, parseUser } from './athom-cloud.ts';
import type { AccessTokenSource } from './homey-client.ts';
import { HomeyHttpError, HomeyMalformedResponseError, HomeyNetworkError, SignInRequiredError, isRetryable } from './errors.ts';
import { emulatorAccessTokens, expectNoSecrets, rejectionOf } from '../../../test-support/homey-test-kit.ts';

let emu: SpawnedEmulator;

beforeAll(async () => {
  emu = await spawnEmulator();
});
afterAll(() => emu?.close());
beforeEach(() => emu.control('POST', '/__emulator/reset'));

describe('the Athom cloud client', () => {
  it("lists the user's Homeys with every address", async () => {
    const cloud = createAthomCloud({ baseUrl: emu.cloudUrl, accessToken: emulatorAccessTokens(emu) });
    const user = await cloud.getUser();
    expect(user.email).toBe('demo@example.com');
    expect(user.id).toMatch(/^[0-9a-f]{24}$/);
    expect(user.homeys.map((h) => h.name)).toEqual(['Home', 'Holiday cabin']);
    const home = user.homeys[0]!;
    expect(home.id).toBe(emu.info.homeys[0]!.id);
    expect(home.localUrl).toBe(emu.info.homeys[0]!.localUrl);
    expect(home.localUrlSecure).toBe(emu.info.homeys[0]!.localUrl);
    expect(home.remoteUrl).toBe(emu.info.homeys[0]!.remoteUrl);
    expect(home.platform).toBe('local');
  });

  it('asks for a delegation token and gets the bare JWT', async () => {
    const cloud = createAthomCloud({ baseUrl: `${emu.cloudUrl}/`, accessToken: emulatorAccessTokens(emu) });
    const jwt = await cloud.createDelegationToken();
    expect(jwt.split('.')).toHaveLength(3);
  });

  it('renews an expired access token once and repeats the request', async () => {
    const tokens = emulatorAccessTokens(emu);
    const cloud = createAthomCloud({ baseUrl: emu.cloudUrl, accessToken: tokens });
    const first = await tokens.get();
    await emu.control('POST', '/__emulator/expire', { kind: 'access' });
    await emu.control('DELETE', '/__emulator/stats');

    expect(await cloud.createDelegationToken()).toMatch(/^eyJ/);
    expect(tokens.renewals).toEqual([first]);
    expect(countRequests(await emu.stats(), 'POST /delegation/token', 'cloud')).toBe(2);
  });

  it('gives up after one renewal when the cloud still refuses', async () => {
    const refused = 'f'.repeat(40);
    const source: AccessTokenSource = { get: async () => refused, renew: async () => 'e'.repeat(40) };
    const cloud = createAthomCloud({ baseUrl: emu.cloudUrl, accessToken: source });
    const error = await rejectionOf(cloud.getUser());
    expect(error).toBeInstanceOf(HomeyHttpError);
    expect((error as HomeyHttpError).status).toBe(401);
    expect((error as HomeyHttpError).message).toBe('Athom cloud answered 401: Invalid token: access token is invalid (invalid_token)');
    expectNoSecrets(error, [refused, 'e'.repeat(40)]);
  });

  it('turns a refused refresh (invalid_grant) into "sign in again"', async () => {
    const oauthRefusal = Object.assign(new Error('invalid_grant'), { error: 'invalid_grant' });
    const source: AccessTokenSource = { get: async () => 'f'.repeat(40), renew: () => Promise.reject(oauthRefusal) };
    const cloud = createAthomCloud({ baseUrl: emu.cloudUrl, accessToken: source });
    const error = await rejectionOf(cloud.getUser());
    expect(error).toBeInstanceOf(SignInRequiredError);
    expect(isRetryable(error)).toBe(false);

    const passthrough = new SignInRequiredError('Signed out elsewhere');
    const cloud2 = createAthomCloud({
      baseUrl: emu.cloudUrl,
      accessToken: { get: async () => 'f'.repeat(40), renew: () => Promise.reject(passthrough) },
    });
    expect(await rejectionOf(cloud2.createDelegationToken())).toBe(passthrough);
  });

  it("understands the auth feature's errors by name, so retries and the UI can branch on them", async () => {
    const named = (name: string, message: string) => Object.assign(new Error(message), { name });
    const failingWith = (error: Error) =>
      createAthomCloud({ baseUrl: emu.cloudUrl, accessToken: { get: () => Promise.reject(error), renew: () => Promise.reject(error) } });

    const ended = await rejectionOf(failingWith(named('SignInRequiredError', 'Sign in again: the saved sign-in is no longer accepted.')).getUser());
    expect(ended).toBeInstanceOf(SignInRequiredError);
    expect((ended as Error).message).toBe('Sign in again: the saved sign-in is no longer accepted.');

    const offline = await rejectionOf(failingWith(named('CloudUnreachableError', "Athom's cloud could not be reached")).getUser());
    expect(offline).toBeInstanceOf(HomeyNetworkError);
    expect(isRetryable(offline)).toBe(true);

    const bug = new TypeError('x is undefined');
    expect(await rejectionOf(failingWith(bug).getUser())).toBe(bug);
  });

  it('reports a broken body and a cloud outage as their own errors', async () => {
    const cloud = createAthomCloud({ baseUrl: emu.cloudUrl, accessToken: emulatorAccessTokens(emu) });
    await emu.control('POST', '/__emulator/faults', { target: 'cloud', path: '/user/me', kind: 'malformed', count: 1 });
    const malformed = await rejectionOf(cloud.getUser());
    expect(malformed).toBeInstanceOf(HomeyMalformedResponseError);
    expect((malformed as Error).message).toMatch(/Athom's cloud answered 200 with a body that is not JSON/);

    await emu.control('POST', '/__emulator/faults', { target: 'cloud', path: '/user/me', kind: 'status', status: 503, count: 1 });
    const outage = await rejectionOf(cloud.getUser());
    expect(outage).toBeInstanceOf(HomeyHttpError);
    expect((outage as HomeyHttpError).message).toBe('Athom cloud answered 503: Service Unavailable');
    expect(isRetryable(outage)).toBe(true);
  });
});

describe('parseUser', () => {
  it('accepts _id for ids and keeps unknown fields', () => {
    const user = parseUser({ _id: 'u1', firstname: 'A', lastname: 'B', email: 'a@b', devices: [], homeys: [{ _id: 'h1', name: 'Home', extra: 1 }] });
    expect(user.id).toBe('u1');
    expect(user.homeys[0]).toMatchObject({ id: 'h1', name: 'Home', extra: 1 });
  });

  it.each([
    ['a string', 'hello', /not a user object/],
    ['a list', [], /not a user object/],
    ['no homeys', { _id: 'u1' }, /no list of Homeys/],
    ['a homey without id', { homeys: [{ name: 'Home' }] }, /Homey at position 0 without an id/],
    ['a homey that is no object', { homeys: [null] }, /Homey at position 0 that is not an object/],
  ])('refuses %s clearly', (_name, value, message) => {
    expect(() => parseUser(value)).toThrow(HomeyMalformedResponseError);
    expect(() => parseUser(value)).toThrow(message);
  });
});
