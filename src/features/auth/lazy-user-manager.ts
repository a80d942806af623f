import type { UserManager } from 'oidc-client-ts';
import type { RuntimeConfig } from '../../config/runtime-config.ts';
import { storageKeys } from '../../lib/storage-keys.ts';
import type { StorageHealth } from '../../lib/storage.ts';
import { refreshTokens } from './refresh-tokens.ts';
import type { UserManagerEnvironment } from './user-manager.ts';

// oidc-client-ts is ~18 KB gzip, and a signed-in wall needs it only to sign in (refreshes are
// refresh-tokens.ts's): so it loads on first use, and the stored sign-in is read straight from storage.
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
  /**
   * Signs in on Athom's page in a window of its own, and resolves once signed in: for a browser that
   * keeps nothing when this page is left (the sign-in in flight lives in this page's memory).
   */
  signinPopup(): Promise<void>;
  /**
   * Whether `url` is Athom's answer for the page that opened this window (signinPopup), not for
   * this one: its sign-in is not in this page's store, and an opener is waiting, or this browser
   * could not have kept the sign-in across a redirect anyway.
   */
  answersOpener(url: string): boolean;
  /** Hands Athom's answer to the page that opened this window, which then closes it. */
  signinPopupCallback(url: string): Promise<void>;
  /** Loads oidc-client-ts ahead of a click that must open a window at once (pop-up blockers). */
  preload(): void;
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

export interface LazyUserManagerEnvironment extends UserManagerEnvironment {
  /** Whether what is stored survives leaving the page (lib/storage.ts); assumed so when absent. */
  storageHealth?: () => StorageHealth;
  /** Whether a page of this origin opened this window. */
  openedByUs?: () => boolean;
}

function openedBySameOrigin(): boolean {
  try {
    const opener = globalThis.window?.opener as Window | null | undefined;
    return opener ? opener.location.origin === window.location.origin : false;
  } catch {
    // Another origin's window: reading its location throws.
    return false;
  }
}

export function createLazyUserManager(config: RuntimeConfig, env: LazyUserManagerEnvironment): LazyUserManager {
  let loaded: Promise<UserManager> | undefined;
  const load = () => (loaded ??= import('./user-manager.ts').then((m) => m.createUserManager(config, env)));
  const key = storageKeys.oidcUser(config.athomApiUrl, config.clientId);
  const { storageHealth = () => 'works', openedByUs = openedBySameOrigin } = env;
  return {
    getUser: async () => readStoredUser(env.storage, key),
    async signinSilent() {
      // Sent here, not by oidc-client-ts, so a refresh needs no 18 KB chunk and a 429's Retry-After is seen.
      await refreshTokens({
        tokenEndpoint: `${config.athomApiUrl}/oauth2/token`,
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        storage: env.storage,
        key,
      });
      return readStoredUser(env.storage, key);
    },
    removeUser: async () => env.storage.removeItem(key),
    async signinRedirect() {
      const manager = await load();
      await manager.clearStaleState();
      await manager.signinRedirect();
    },
    signinCallback: async (url) => (await load()).signinCallback(url),
    async signinPopup() {
      // Closing the window ends the wait, so the button is there again.
      await (await load()).signinPopup({ popupAbortOnClose: true });
    },
    answersOpener(url) {
      const state = new URL(url).searchParams.get('state');
      if (!state || env.storage.getItem(`${storageKeys.oidcStore}${state}`) !== null) return false;
      // Without an opener (a page that isolates its opener cuts the link) oidc-client-ts answers
      // over a BroadcastChannel: only worth it where a redirect could not have worked.
      return openedByUs() || storageHealth() !== 'works';
    },
    signinPopupCallback: async (url) => (await load()).signinPopupCallback(url),
    preload() {
      load().catch(() => {
        loaded = undefined;
      });
    },
  };
}
