// Local mode (Homey Pro 2023 and later): the owner's API key and the Homey's address, no cloud.
// Kept in localStorage next to the cloud tokens (in memory, for the page's life, where the browser
// keeps nothing: lib/storage.ts), and wiped with them on sign-out.
import { fetchToLocalNetwork, needsLocalTarget, supportsTargetAddressSpace } from '../../lib/local-address-space.ts';
import { storageKeys, wipedOnSignOut } from '../../lib/storage-keys.ts';
import { pageStorage } from '../../lib/storage.ts';

export interface LocalCredentials {
  baseUrl: string;
  apiKey: string;
}

export type LocalCredentialsProblem = 'address' | 'scheme' | 'key' | 'mixedContent';
export type LocalCredentialsCheck = { ok: true; credentials: LocalCredentials } | { ok: false; problem: LocalCredentialsProblem };

export interface LocalAddressContext {
  /** `location.protocol` of the dashboard. */
  pageProtocol: string;
  /** The browser can call a plain http LAN address from an https page (`targetAddressSpace`, Chromium). */
  canTargetLocal: boolean;
}

const IPV4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/;

/**
 * A Homey's secure local address for its LAN IP: Athom's DNS answers `192-168-1-20.homey.homeylocal.com`
 * with 192.168.1.20, and the Homey holds a certificate for that name (docs/homey-web-api.md §1, §5).
 */
export function secureLocalAddress(ip: string, port?: string): string {
  return `https://${ip.replaceAll('.', '-')}.homey.homeylocal.com${port ? `:${port}` : ''}`;
}

/**
 * Validates what a person typed into the local sign-in form. From an https page a bare IP (as the
 * Homey app shows it) becomes the Homey's secure local address, the only one such a page can call in
 * every browser; a plain `http://` address there works only where the browser can mark the call as
 * local, and is otherwise refused with the reason.
 */
export function checkLocalCredentials(
  address: string,
  apiKey: string,
  context: LocalAddressContext = { pageProtocol: globalThis.location?.protocol ?? 'http:', canTargetLocal: supportsTargetAddressSpace() },
): LocalCredentialsCheck {
  const trimmed = address.trim().replace(/([^/:])\/+$/, '$1');
  const secure = context.pageProtocol === 'https:';
  const bareIp = IPV4.exec(trimmed);
  let withScheme: string;
  if (bareIp) withScheme = secure ? secureLocalAddress(bareIp[1]!, bareIp[2]) : `http://${trimmed}`;
  else withScheme = /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `${secure ? 'https' : 'http'}://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, problem: 'address' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, problem: 'scheme' };
  }
  // A Homey's certificate names its homeylocal.com address, never its bare IP.
  const ipOverTls = url.protocol === 'https:' ? IPV4.exec(url.host) : null;
  if (ipOverTls) url = new URL(secureLocalAddress(ipOverTls[1]!, ipOverTls[2]));
  if (needsLocalTarget(url.href, context.pageProtocol) && !context.canTargetLocal) {
    return { ok: false, problem: 'mixedContent' };
  }
  const key = apiKey.trim();
  if (key.length < 8) {
    return { ok: false, problem: 'key' };
  }
  return { ok: true, credentials: { baseUrl: url.origin, apiKey: key } };
}

/**
 * Called inside the tap on "Connect": the first call to the Homey's address, so a browser that asks
 * for the local network asks now, while the person is looking, and not later out of the blue.
 */
export function askForLocalNetwork(baseUrl: string, fetch: typeof globalThis.fetch = globalThis.fetch): void {
  const send = needsLocalTarget(baseUrl) ? fetchToLocalNetwork(fetch) : fetch;
  void send(`${baseUrl}/api/manager/system/ping`).catch(() => undefined);
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

/**
 * Whether this browser holds a sign-in, or one on its way back from Athom: the app then fetches the
 * dashboard's code at once, before it knows more, and a first visit does not fetch it at all.
 */
export function holdsStoredSignIn(storage: Storage = pageStorage()): boolean {
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key !== null && (key.startsWith(storageKeys.oidcStore) || key === storageKeys.localCredentials)) return true;
    }
  } catch {
    // Storage refused: the sign-in, if any, lives in memory, and the code comes when it is needed.
  }
  return false;
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
