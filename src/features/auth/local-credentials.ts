// Local mode (Homey Pro 2023 and later): the owner's API key and the Homey's address, no cloud.
// Kept in localStorage next to the cloud tokens (in memory, for the page's life, where the browser
// keeps nothing: lib/storage.ts), and wiped with them on sign-out.
import { storageKeys, wipedOnSignOut } from '../../lib/storage-keys.ts';
import { pageStorage } from '../../lib/storage.ts';

export interface LocalCredentials {
  baseUrl: string;
  apiKey: string;
}

export type LocalCredentialsProblem = 'address' | 'scheme' | 'key';
export type LocalCredentialsCheck = { ok: true; credentials: LocalCredentials } | { ok: false; problem: LocalCredentialsProblem };

/** Validates what a person typed into the local sign-in form. */
export function checkLocalCredentials(address: string, apiKey: string): LocalCredentialsCheck {
  const trimmed = address.trim();
  const withScheme = /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, problem: 'address' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, problem: 'scheme' };
  }
  const key = apiKey.trim();
  if (key.length < 8) {
    return { ok: false, problem: 'key' };
  }
  return { ok: true, credentials: { baseUrl: url.origin, apiKey: key } };
}

export function readLocalCredentials(storage: Storage = pageStorage()): LocalCredentials | undefined {
  const raw = storage.getItem(storageKeys.localCredentials);
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<LocalCredentials>;
    if (typeof value.baseUrl === 'string' && typeof value.apiKey === 'string') return { baseUrl: value.baseUrl, apiKey: value.apiKey };
  } catch {
    // A damaged entry is as good as none; the sign-in screen will replace it.
  }
  storage.removeItem(storageKeys.localCredentials);
  return undefined;
}

export function saveLocalCredentials(credentials: LocalCredentials, storage: Storage = pageStorage()): void {
  storage.setItem(storageKeys.localCredentials, JSON.stringify(credentials));
}

/** Removes what sign-out wipes (lib/storage-keys.ts): tokens, sessions, routes, chosen Homey, local key, cached values. */
export function wipeStoredSignIn(storage: Storage = pageStorage()): void {
  const doomed: string[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (key !== null && wipedOnSignOut(key)) doomed.push(key);
  }
  for (const key of doomed) storage.removeItem(key);
}
