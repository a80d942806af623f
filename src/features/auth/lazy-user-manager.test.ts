import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../test-support/memory-storage.ts';
import { createLazyUserManager, readStoredUser } from './lazy-user-manager.ts';
import { storageKeys } from '../../lib/storage-keys.ts';

const config = {
  athomApiUrl: 'https://api.example',
  clientId: 'client',
  clientSecret: 'secret',
  scopes: ['homey'],
  redirectPath: '/',
  pollIntervals: { devicesMs: 5000, zonesMs: 60000, insightsMinMs: 10000, liveSafetyMs: 300_000 },
  realtime: true,
};

describe('lazy user manager', () => {
  it('reads the sign-in oidc-client-ts stored without loading oidc-client-ts', async () => {
    const storage = createMemoryStorage();
    const manager = createLazyUserManager(config, { storage, origin: 'http://localhost' });
    expect(await manager.getUser()).toBeNull();
    storage.setItem(
      storageKeys.oidcUser(config.athomApiUrl, config.clientId),
      JSON.stringify({ access_token: 'a', refresh_token: 'r', token_type: 'bearer', expires_at: 123, profile: {} }),
    );
    expect(await manager.getUser()).toEqual({ access_token: 'a', refresh_token: 'r', expires_at: 123 });
    await manager.removeUser();
    expect(storage.getItem(storageKeys.oidcUser(config.athomApiUrl, config.clientId))).toBeNull();
  });

  it('treats a damaged entry as no sign-in', () => {
    const storage = createMemoryStorage({ k: '{not json', j: JSON.stringify({ refresh_token: 'r' }) });
    expect(readStoredUser(storage, 'k')).toBeNull();
    expect(readStoredUser(storage, 'j')).toBeNull();
  });

  it('uses the key oidc-client-ts writes under our prefix', async () => {
    const { UserManager, WebStorageStateStore, User } = await import('oidc-client-ts');
    const storage = createMemoryStorage();
    const real = new UserManager({
      authority: config.athomApiUrl,
      metadata: { issuer: config.athomApiUrl },
      client_id: config.clientId,
      redirect_uri: 'http://localhost/',
      userStore: new WebStorageStateStore({ store: storage, prefix: 'homey-dashboard:oidc.' }),
    });
    await real.storeUser(new User({ access_token: 'x', token_type: 'bearer', profile: { sub: '', iss: '', aud: '', exp: 0, iat: 0 } }));
    expect(readStoredUser(storage, storageKeys.oidcUser(config.athomApiUrl, config.clientId))?.access_token).toBe('x');
  });

  it("knows an answer for the page that opened this window: its sign-in is not in this page's store", () => {
    const storage = createMemoryStorage({ [`${storageKeys.oidcStore}here`]: '{}' });
    const answer = (state: string | null, env: { openedByUs?: boolean; health?: 'works' | 'full' | 'refused' }) =>
      createLazyUserManager(config, {
        storage,
        origin: 'http://localhost',
        openedByUs: () => env.openedByUs ?? false,
        storageHealth: () => env.health ?? 'works',
      }).answersOpener(state === null ? 'http://localhost/?code=c' : `http://localhost/?code=c&state=${state}`);
    // Started here (a redirect), or no answer at all: this page exchanges it.
    expect(answer('here', { openedByUs: true, health: 'refused' })).toBe(false);
    expect(answer(null, { openedByUs: true })).toBe(false);
    // Started elsewhere: handed over where a page of ours opened this window, or no redirect could have worked.
    expect(answer('elsewhere', { openedByUs: true })).toBe(true);
    expect(answer('elsewhere', { health: 'refused' })).toBe(true);
    expect(answer('elsewhere', { health: 'full' })).toBe(true);
    // An old answer (Back, a bookmark) in a tab of its own: this page says the link cannot be used.
    expect(answer('elsewhere', {})).toBe(false);
  });
});

