import {
  AthomRenewalRefusedError,
  HomeyHttpError,
  HomeyLoginRefusedError,
  HomeyMalformedResponseError,
  SignInRequiredError,
  isRetryable,
  retryNotBefore,
} from './errors.ts';
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
  /** When the session is expected to end (epoch ms); undefined when not known or never (an API key). */
  endsAt(): number | undefined;
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
  now?: () => number;
}

/** After the Homey refuses a login: the first wait, doubled per refusal up to the longest. */
export const LOGIN_REFUSED_FIRST_WAIT_MS = 30_000;
export const LOGIN_REFUSED_LONGEST_WAIT_MS = 15 * 60_000;
/** How long a Homey session lasts: not documented; owners measured about a day (docs/homey-web-api.md §1). */
export const HOMEY_SESSION_MS = 24 * 60 * 60_000;
/** After a delegation or login failed on the way: the longest wait (short, so a returning network is used soon). */
const FAILED_LONGEST_WAIT_MS = 16_000;

export function createCloudSession({
  homeyId,
  cloud,
  baseUrl,
  storage = defaultStorage(),
  fetch = globalThis.fetch,
  locks = globalThis.navigator?.locks,
  timeoutMs = 10_000,
  homeyName,
  now = Date.now,
}: CloudSessionOptions): HomeySessionSource {
  const key = storageKeys.homeySession(homeyId);
  const openedKey = storageKeys.homeySessionOpenedAt(homeyId);
  const target = homeyName ? `Homey "${homeyName}"` : 'the Homey';
  // Memory stands in only when the browser stores nothing; otherwise storage is the truth, so a
  // sign-out or a renewal in another tab is seen here too.
  let memory: string | undefined;
  let openedAt: number | undefined;
  let renewal: Promise<string> | undefined;
  // A Homey that refuses this account's login refuses the next one too: each retry would cost a
  // delegation and a login (16 of each a minute, for ever, before this), so refusals wait.
  let refusal: HomeyLoginRefusedError | undefined;
  let refusals = 0;
  // A delegation or login that failed on the way (5xx, 429, a reset, a slow or cut answer) is not
  // tried again by every query's retry: callers within the back-off get the same failure at once
  // (19 to 25 logins or delegations a minute before), and a 429 waits as long as it asked.
  let failure: { error: unknown; until: number } | undefined;
  let failures = 0;

  const read = (): string | undefined => readItem(storage, key) || memory;

  const login = async (): Promise<string> => {
    if (refusal && now() < refusal.retryAt) throw refusal;
    if (failure && now() < failure.until) throw failure.error;
    try {
      const token = await loginOnce();
      failures = 0;
      failure = undefined;
      return token;
    } catch (error) {
      if (!(error instanceof HomeyLoginRefusedError) && isRetryable(error)) {
        failures += 1;
        const asked = error instanceof HomeyHttpError && error.status === 429 ? (error.retryAfterMs ?? 0) : 0;
        failure = { error, until: now() + Math.max(asked, Math.min(FAILED_LONGEST_WAIT_MS, 1000 * 2 ** (failures - 1))) };
        retryNotBefore(error, failure.until);
      }
      throw error;
    }
  };

  const loginOnce = async (): Promise<string> => {
    const jwt = await cloud.createDelegationToken().catch((error: unknown) => {
      // Athom stopped renewing the sign-in while the wall ran on its session; that session is gone
      // now, so only a person signing in again helps.
      if (error instanceof AthomRenewalRefusedError) {
        throw new SignInRequiredError(`The session on ${target} has ended and Athom no longer renews the sign-in; sign in again`, { cause: error });
      }
      throw error;
    });
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
    }).catch((error: unknown) => {
      if (error instanceof HomeyHttpError && (error.status === 401 || error.status === 403)) {
        refusals += 1;
        const wait = Math.min(LOGIN_REFUSED_LONGEST_WAIT_MS, LOGIN_REFUSED_FIRST_WAIT_MS * 2 ** (refusals - 1));
        refusal = new HomeyLoginRefusedError({ status: error.status, reason: error.description ?? error.error, retryAt: now() + wait, target });
        throw refusal;
      }
      throw error;
    });
    refusal = undefined;
    refusals = 0;
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
      const fresh = await login().catch((error: unknown) => {
        // The refused session is dead: polls meanwhile wait for the next login, not send it again.
        if (error instanceof HomeyLoginRefusedError && failed !== undefined && read() === failed) {
          memory = undefined;
          removeItem(storage, key);
        }
        throw error;
      });
      memory = writeItem(storage, key, fresh) ? undefined : fresh;
      openedAt = now();
      writeItem(storage, openedKey, String(openedAt));
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
      openedAt = undefined;
      removeItem(storage, key);
      removeItem(storage, openedKey);
    },
    endsAt() {
      if (read() === undefined) return undefined;
      // Storage first: another tab may have opened the session this one uses.
      const stored = Number(readItem(storage, openedKey) ?? Number.NaN);
      const opened = Number.isFinite(stored) && stored > 0 ? stored : openedAt;
      return opened === undefined ? undefined : opened + HOMEY_SESSION_MS;
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
    endsAt: () => undefined,
  };
}
