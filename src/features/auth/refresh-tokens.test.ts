import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signInToCloud, spawnEmulator } from '../../../test-support/emulator-client.ts';
import type { SpawnedEmulator } from '../../../test-support/emulator-client.ts';
import { createMemoryStorage } from '../../../test-support/memory-storage.ts';
import { isSignInRefusal } from '../homey/errors.ts';
import { TokenEndpointError, refreshTokens } from './refresh-tokens.ts';

let emu: SpawnedEmulator;
beforeAll(async () => {
  emu = await spawnEmulator();
});
afterAll(() => emu?.close());
beforeEach(() => emu.control('POST', '/__emulator/reset'));

const KEY = 'user';

async function signedIn() {
  const tokens = await signInToCloud(emu);
  const storage = createMemoryStorage();
  storage.setItem(KEY, JSON.stringify({ access_token: tokens.access_token, refresh_token: tokens.refresh_token, token_type: 'bearer', expires_at: 1, scope: 'homey', profile: { sub: 'x' } }));
  const client = emu.info.clients[0]!;
  const refresh = () => refreshTokens({ tokenEndpoint: `${emu.cloudUrl}/oauth2/token`, clientId: client.clientId, clientSecret: client.clientSecret, storage, key: KEY });
  return { tokens, storage, refresh };
}

describe('refreshTokens', () => {
  it('spends the refresh token once and stores the new pair in oidc-client-ts’s format, keeping the rest', async () => {
    const { tokens, storage, refresh } = await signedIn();
    const next = await refresh();
    expect(next.access_token).not.toBe(tokens.access_token);
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    expect(next.expires_at).toBeGreaterThan(Date.now() / 1000 + 3000);
    expect(JSON.parse(storage.getItem(KEY)!)).toEqual({ ...next, profile: { sub: 'x' }, scope: 'homey', token_type: 'bearer' });
    // The spent one is refused (strict rotation): an OAuth refusal the token source recognises.
    storage.setItem(KEY, JSON.stringify({ ...next, refresh_token: tokens.refresh_token }));
    const refused = await refresh().catch((error: unknown) => error);
    expect(isSignInRefusal(refused)).toBe(true);
  });

  it('a 429 carries how long Athom asked to wait', async () => {
    const { refresh } = await signedIn();
    await emu.control('POST', '/__emulator/faults', { target: 'cloud', path: '/oauth2/token', kind: 'status', status: 429, retryAfter: 7, count: 1 });
    const error = await refresh().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenEndpointError);
    expect((error as TokenEndpointError).retryAfterMs).toBe(7000);
    expect(isSignInRefusal(error)).toBe(false);
  });

  it('a lost answer is a network failure and leaves the stored sign-in as it was', async () => {
    const { storage, refresh } = await signedIn();
    const before = storage.getItem(KEY);
    await emu.control('POST', '/__emulator/faults', { target: 'cloud', path: '/oauth2/token', kind: 'lose-answer', count: 1 });
    const error = await refresh().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(storage.getItem(KEY)).toBe(before);
  });
});
