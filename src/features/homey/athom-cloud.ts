import {
  AthomRenewalRefusedError,
  HomeyHttpError,
  HomeyMalformedResponseError,
  HomeyNetworkError,
  SignInRequiredError,
  isSignInRefusal,
} from './errors.ts';
import type { AccessTokenSource } from './homey-client.ts';
import { sendJson } from './send-json.ts';
import type { FetchLike } from './send-json.ts';
import { isRecord } from '../../lib/edge-schema.ts';

// The two calls the dashboard makes to Athom's cloud once signed in (docs/homey-web-api.md §1
// steps 4–5): who the user is with their Homeys, and a delegation token to log in to one of them.
// The access token comes from the auth feature through `AccessTokenSource`; this module only spends it.

/** A Homey as `GET /user/me` lists it; fields beyond `id` and `name` are passed through untouched. */
export interface AthomHomey {
  id: string;
  name: string;
  localUrl?: string | null;
  localUrlSecure?: string | null;
  remoteUrl?: string | null;
  remoteUrlForwarded?: string | null;
  platform?: string;
  platformVersion?: number;
  apiVersion?: number;
  softwareVersion?: string;
  role?: string;
  language?: string;
  [key: string]: unknown;
}

export interface AthomUser {
  id: string;
  _id?: string;
  firstname: string;
  lastname: string;
  email: string;
  homeys: AthomHomey[];
}

export interface AthomCloud {
  getUser(options?: { signal?: AbortSignal }): Promise<AthomUser>;
  /** A delegation JWT for logging in to a Homey (`POST /delegation/token?audience=homey`). */
  createDelegationToken(options?: { signal?: AbortSignal }): Promise<string>;
}

export interface AthomCloudOptions {
  baseUrl: string;
  accessToken: AccessTokenSource;
  fetch?: FetchLike;
  timeoutMs?: number;
}

const TARGET = "Athom's cloud";

export function createAthomCloud({
  baseUrl,
  accessToken,
  fetch = globalThis.fetch,
  timeoutMs = 10_000,
}: AthomCloudOptions): AthomCloud {
  const base = baseUrl.replace(/\/+$/, '');

  const call = async (method: 'GET' | 'POST', path: string, signal: AbortSignal | undefined): Promise<unknown> => {
    const send = async (token: string) =>
      (
        await sendJson({
          fetch,
          url: `${base}${path}`,
          method,
          headers: { Authorization: `Bearer ${token}` },
          timeoutMs,
          signal,
          service: 'Athom cloud',
          target: TARGET,
          secrets: [token],
        })
      ).value;

    const token = await accessTokenFrom(() => accessToken.get());
    try {
      return await send(token);
    } catch (error) {
      throwIfRefusal(error);
      if (!(error instanceof HomeyHttpError && error.status === 401)) throw error;
    }
    // An expired or revoked access token: renew once, retry once (docs/homey-web-api.md §1, Errors).
    const renewed = await accessTokenFrom(() => accessToken.renew(token));
    try {
      return await send(renewed);
    } catch (error) {
      throwIfRefusal(error);
      throw error;
    }
  };

  return {
    async getUser(options) {
      return parseUser(await call('GET', '/user/me', options?.signal));
    },
    async createDelegationToken(options) {
      const value = await call('POST', '/delegation/token?audience=homey', options?.signal);
      if (typeof value !== 'string' || value === '') {
        throw new HomeyMalformedResponseError(`${TARGET} answered the delegation request without a token`);
      }
      return value;
    },
  };
}

/**
 * Runs `get()`/`renew()` of the token source and translates its failures into this feature's
 * errors, which React Query and the UI branch on. The auth feature throws SignInRequiredError from
 * errors.ts itself; its CloudUnreachableError is recognised by name (auth may not be imported here),
 * and so is a SignInRequiredError that is not this class (another copy of this module).
 */
async function accessTokenFrom(obtain: () => Promise<string>): Promise<string> {
  try {
    return await obtain();
  } catch (error) {
    if (error instanceof SignInRequiredError || error instanceof HomeyNetworkError || error instanceof AthomRenewalRefusedError) throw error;
    const name = error instanceof Error ? error.name : undefined;
    const message = error instanceof Error ? error.message : undefined;
    if (name === 'SignInRequiredError') {
      throw new SignInRequiredError(message || 'Sign in again: Athom no longer accepts the saved sign-in', { cause: error });
    }
    if (name === 'CloudUnreachableError') {
      throw new HomeyNetworkError(message || "Athom's cloud could not be reached to renew the sign-in", { cause: error });
    }
    // oidc-client-ts rejects with an ErrorResponse that carries the OAuth `error` code.
    if (isSignInRefusal(error)) {
      throw new SignInRequiredError(`Athom no longer accepts this sign-in (${error.error}); sign in again`, { cause: error });
    }
    throw error;
  }
}

function throwIfRefusal(error: unknown): void {
  if (error instanceof HomeyHttpError && isSignInRefusal(error)) {
    throw new SignInRequiredError(`Athom no longer accepts this sign-in (${error.error}); sign in again`, { cause: error });
  }
}

/** Checks only what the dashboard relies on; everything else passes through as Athom sent it. */
export function parseUser(value: unknown): AthomUser {
  const bad = (why: string) => new HomeyMalformedResponseError(`${TARGET} answered /user/me with ${why}`);
  if (!isRecord(value)) throw bad('something that is not a user object');
  if (!Array.isArray(value.homeys)) throw bad('no list of Homeys');
  const homeys = value.homeys.map((entry: unknown, i): AthomHomey => {
    if (!isRecord(entry)) throw bad(`a Homey at position ${i} that is not an object`);
    const id = typeof entry.id === 'string' ? entry.id : entry._id;
    if (typeof id !== 'string' || id === '') throw bad(`a Homey at position ${i} without an id`);
    const name = typeof entry.name === 'string' ? entry.name : id;
    return { ...entry, id, name };
  });
  const id = typeof value.id === 'string' ? value.id : typeof value._id === 'string' ? value._id : '';
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    ...(typeof value._id === 'string' ? { _id: value._id } : {}),
    id,
    firstname: text(value.firstname),
    lastname: text(value.lastname),
    email: text(value.email),
    homeys,
  };
}
