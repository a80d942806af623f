import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { RuntimeConfig } from '../../config/runtime-config.ts';
import { storageKeys } from '../../lib/storage-keys.ts';
import { pageStorage } from '../../lib/storage.ts';

// One UserManager for the whole app. Athom publishes no discovery document and issues no id_token,
// so the metadata is given by hand and `openid` is never asked for (docs/decisions/002).

export interface UserManagerEnvironment {
  /**
   * Where users and in-flight sign-in states live: localStorage, so a kiosk reboot keeps the session
   * (lib/storage.ts's page storage, which keeps them in memory where the browser will not).
   */
  storage: Storage;
  /** The page's origin, to build the exact redirect URI registered with Athom. */
  origin: string;
}

export function redirectUriFor(config: RuntimeConfig, origin: string): string {
  return new URL(config.redirectPath, origin).toString();
}

export function createUserManager(
  config: RuntimeConfig,
  env: UserManagerEnvironment = { storage: pageStorage(), origin: window.location.origin },
): UserManager {
  const base = config.athomApiUrl;
  const store = new WebStorageStateStore({ store: env.storage, prefix: storageKeys.oidcStore });
  return new UserManager({
    authority: base,
    metadata: {
      issuer: base,
      authorization_endpoint: `${base}/oauth2/authorise`,
      token_endpoint: `${base}/oauth2/token`,
    },
    client_id: config.clientId,
    client_secret: config.clientSecret,
    // Athom's token endpoint wants the secret; HTTP Basic is what its official client sends.
    client_authentication: 'client_secret_basic',
    redirect_uri: redirectUriFor(config, env.origin),
    response_type: 'code',
    scope: config.scopes.filter((scope) => scope !== 'openid').join(' '),
    loadUserInfo: false,
    // We refresh on our own schedule, single-flight across tabs (access-token-source.ts).
    automaticSilentRenew: false,
    monitorSession: false,
    userStore: store,
    stateStore: store,
    // A sign-in that was started but never finished is dropped after 10 minutes.
    staleStateAgeInSeconds: 600,
    requestTimeoutInSeconds: 20,
  });
}
