import type { UserManager } from 'oidc-client-ts';
import type { RuntimeConfig } from '../../config/runtime-config.ts';
import { storageKeys } from '../../lib/storage-keys.ts';
import type { UserManagerEnvironment } from './user-manager.ts';

// oidc-client-ts is ~18 KB gzip, and a signed-in wall needs it about once an hour (to refresh) and
// never to draw: so it loads on first use, and the stored sign-in is read straight from storage.
// The storage format is oidc-client-ts's own (User.toStorageString: plain JSON), under the key its
// WebStorageStateStore uses with our prefix.

/** What the app needs of a signed-in user; oidc-client-ts's User has all of it. */
export interface StoredUser {
  access_token: string;
  refresh_token?: string | undefined;
  expires_at?: number | undefined;
}

export interface LazyUserManager {
  getUser(): Promise<StoredUser | null>;
  signinSilent(): Promise<StoredUser | null>;
  removeUser(): Promise<void>;
  signinRedirect(): Promise<void>;
  signinCallback(url: string): Promise<unknown>;
}

export function readStoredUser(storage: Pick<Storage, 'getItem'>, key: string): StoredUser | null {
  const raw = storage.getItem(key);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<StoredUser>;
    if (typeof value.access_token !== 'string') return null;
    return {
      access_token: value.access_token,
      refresh_token: typeof value.refresh_token === 'string' ? value.refresh_token : undefined,
      expires_at: typeof value.expires_at === 'number' ? value.expires_at : undefined,
    };
  } catch {
    return null;
  }
}

export function createLazyUserManager(config: RuntimeConfig, env: UserManagerEnvironment): LazyUserManager {
  let loaded: Promise<UserManager> | undefined;
  const load = () => (loaded ??= import('./user-manager.ts').then((m) => m.createUserManager(config, env)));
  const key = storageKeys.oidcUser(config.athomApiUrl, config.clientId);
  return {
    getUser: async () => readStoredUser(env.storage, key),
    signinSilent: async () => (await load()).signinSilent(),
    removeUser: async () => env.storage.removeItem(key),
    async signinRedirect() {
      const manager = await load();
      await manager.clearStaleState();
      await manager.signinRedirect();
    },
    signinCallback: async (url) => (await load()).signinCallback(url),
  };
}
