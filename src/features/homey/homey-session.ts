import { HomeyMalformedResponseError, SignInRequiredError } from './errors.ts';
import type { AthomCloud } from './athom-cloud.ts';
import { sendJson } from './send-json.ts';
import type { FetchLike } from './send-json.ts';
import { defaultStorage, readItem, removeItem, writeItem } from './stored-item.ts';
import type { StorageLike } from './stored-item.ts';
import { storageKeys } from '../../lib/storage-keys.ts';

// The bearer token for one Homey. With a cloud account it is a Homey session bought with a
// delegation token (docs/homey-web-api.md §1 steps 5–6), kept in storage so a reload does not log
// in again, and renewed by one caller at a time: a poll that fans out into twenty 401s must cost one
// login, in this tab and across tabs. In local mode it is the owner's API key, which cannot be renewed.

export interface HomeySessionSource {
  /** The token to send now (logs in first when there is none yet). */
  current(): Promise<string>;
  /** A token other than `failedToken`, which the Homey just refused. */
  renew(failedToken: string): Promise<string>;
  /** Drops the stored session (sign-out). */
  forget(): void;
}

/** The part of the Web Locks API used here (navigator.locks). */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export interface CloudSessionOptions {
  homeyId: string;
  cloud: Pick<AthomCloud, 'createDelegationToken'>;
  /** The Homey's base URL now (the route can change between logins). */
  baseUrl: () => string | Promise<string>;
  storage?: StorageLike;
  fetch?: FetchLike;
  locks?: LockManagerLike;
  timeoutMs?: number;
  /** For messages. */
  homeyName?: string;
}

export function createCloudSession({
  homeyId,
  cloud,
  baseUrl,
  storage = defaultStorage(),
  fetch = globalThis.fetch,
  locks = globalThis.navigator?.locks,
  timeoutMs = 10_000,
  homeyName,
}: CloudSessionOptions): HomeySessionSource {
  const key = storageKeys.homeySession(homeyId);
  const target = homeyName ? `Homey "${homeyName}"` : 'the Homey';
  // Memory stands in only when the browser stores nothing; otherwise storage is the truth, so a
  // sign-out or a renewal in another tab is seen here too.
  let memory: string | undefined;
  let renewal: Promise<string> | undefined;

  const read = (): string | undefined => readItem(storage, key) || memory;

  const login = async (): Promise<string> => {
    const jwt = await cloud.createDelegationToken();
    const base = (await baseUrl()).replace(/\/+$/, '');
    const { value } = await sendJson({
      fetch,
      url: `${base}/api/manager/users/login`,
      method: 'POST',
      // No Authorization: the delegation token in the body is the credential (homey-api does the same).
      headers: { 'X-Homey-ID': homeyId },
      body: { token: jwt },
      timeoutMs,
      service: 'Homey',
      target,
      secrets: [jwt],
    });
    if (typeof value !== 'string' || value === '') {
      throw new HomeyMalformedResponseError(`${target} answered the login without a session token`);
    }
    return value;
  };

  // `failed` is the token known to be dead (undefined: there is none yet).
  const renewOnce = (failed: string | undefined): Promise<string> => {
    const run = async () => {
      // Inside the lock: another tab may have logged in while this one waited.
      const latest = read();
      if (latest !== undefined && latest !== failed) return latest;
      const fresh = await login();
      memory = writeItem(storage, key, fresh) ? undefined : fresh;
      return fresh;
    };
    renewal ??= (locks ? locks.request(key, run) : run()).finally(() => {
      renewal = undefined;
    });
    return renewal;
  };

  return {
    current() {
      if (renewal) return renewal;
      const stored = read();
      return stored !== undefined ? Promise.resolve(stored) : renewOnce(undefined);
    },
    renew(failedToken) {
      if (renewal) return renewal;
      const stored = read();
      // Someone already replaced the refused token: no new login for this caller.
      if (stored !== undefined && stored !== failedToken) return Promise.resolve(stored);
      return renewOnce(failedToken);
    },
    forget() {
      memory = undefined;
      removeItem(storage, key);
    },
  };
}

/** Local mode: the owner's API key is the bearer token; when the Homey refuses it, only a new key helps. */
export function createApiKeySession(apiKey: string): HomeySessionSource {
  return {
    current: () => Promise.resolve(apiKey),
    renew: () =>
      Promise.reject(
        new SignInRequiredError(
          'The Homey refused the API key; create a new one in the Homey app (Settings → API keys) and sign in again',
        ),
      ),
    forget: () => undefined,
  };
}
