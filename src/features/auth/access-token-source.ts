import { AthomRenewalRefusedError, SignInRequiredError, isSignInRefusal, retryNotBefore } from '../homey/errors.ts';
import type { AccessTokenSource } from '../homey/homey-client.ts';
import { CloudUnreachableError } from './auth-errors.ts';
import type { LazyUserManager, StoredUser } from './lazy-user-manager.ts';

// Keeps an Athom access token valid for months without a person, and never sends a rotated refresh
// token twice. It refreshes only when something needs a token (a delegation for a new Homey session,
// the account's Homeys) and finds it expiring, or after a 401: not on a timer, because every
// rotation is a chance to lose an answer (and with it the refresh token), and the wall needs Athom
// only about once a day (docs/homey-web-api.md §1). A token answer without `expires_in` is used
// until Athom refuses it with a 401.
//
// Rotation is why renewal is single-flight twice over: within a tab one promise is shared, and across
// tabs a Web Lock serialises refreshes; inside the lock the stored user is read again, because the tab
// that held the lock before us may already have refreshed (and spent the refresh token we hold).
// That read can still be stale: Chromium copies localStorage between tabs asynchronously, so a tab
// that takes the lock right after another released it may send the spent token and be refused. So a
// refusal is believed only once the store has had time to settle and still holds what was sent.
//
// A refusal wipes nothing. Under strict rotation a refresh whose answer was lost (the Wi-Fi dropped on
// the way back) has spent the refresh token, and the retry is refused: the failure is Athom's, the
// wall's Homey session still runs for hours. So a refusal only stops renewal (no refused refresh is
// sent twice) and tells the app once, which asks a person calmly; the Homey session ends the
// signed-in life when it ends itself (homey-session.ts). A new sign-in in any tab starts renewal again.
//
// Whatever the lifetimes, renewal never becomes a loop: a token that lives no longer than the margin
// is renewed when it has run out (once per lifetime), a longer one at most at half its life.

export interface AccessTokenSourceOptions {
  userManager: Pick<LazyUserManager, 'getUser' | 'signinSilent' | 'removeUser'>;
  /** The browser's LockManager; absent in old browsers, where renewal is single-flight per tab only. */
  locks?: LockManager | undefined;
  now?: () => number;
  /** Refresh this long before the token expires. */
  marginMs?: number;
  /** Called once per refused refresh token: Athom will not renew this sign-in (nothing is wiped). */
  onRenewalRefused?: (error: AthomRenewalRefusedError) => void;
  /** How long another tab's refresh may take to reach this tab's storage, before a refusal is believed. */
  settleMs?: number;
  /** How long the lock stays held after a refresh, for the new tokens to reach the other tabs' storage. */
  holdMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RenewingAccessTokenSource extends AccessTokenSource {
  expiresAt(): Promise<number | undefined>;
  /** When the stored token is due for renewal (its expiry less the margin its lifetime allows). */
  renewsAt(): Promise<number | undefined>;
  /** A renewal is on its way (a reload now could lose its answer). */
  renewing(): boolean;
  /** Forgets the cloud's failures: the network is back, or the screen woke up, so try at once. */
  resetBackoff(): void;
}

const LOCK_NAME = 'homey-dashboard:athom-refresh';

export function createAccessTokenSource({
  userManager,
  locks = globalThis.navigator?.locks,
  now = Date.now,
  marginMs = 60_000,
  onRenewalRefused,
  settleMs = 1000,
  holdMs = 300,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}: AccessTokenSourceOptions): RenewingAccessTokenSource {
  let inFlight: Promise<string> | undefined;
  /** Refreshes this tab made. */
  let refreshes = 0;
  // After Athom's cloud failed a refresh, callers within the back-off get that failure at once:
  // every query's retry would otherwise start a refresh of its own (41 in 3 minutes of 500s).
  let cloudFailures = 0;
  let cloudFailedUntil = 0;
  /** How long the last token this tab was given lives; unknown until it renewed once. */
  let lifetimeMs: number | undefined;
  /** The refresh token Athom refused ('' for a sign-in without one): never sent again. */
  let refusedToken: string | undefined;

  const margin = () => {
    if (lifetimeMs === undefined) return marginMs;
    if (lifetimeMs <= marginMs) return 0;
    return Math.min(marginMs, lifetimeMs / 2);
  };
  const expiresSoon = (user: StoredUser) => user.expires_at !== undefined && user.expires_at * 1000 - now() <= margin();

  const loadUser = async (): Promise<StoredUser> => {
    const user = await userManager.getUser();
    if (!user) throw new SignInRequiredError('Not signed in.');
    return user;
  };

  const cloudFailed = (error?: unknown): never => {
    cloudFailures += 1;
    // A 429 waits as long as Athom asked, if that is longer than the back-off.
    const asked = typeof error === 'object' && error !== null ? (error as { retryAfterMs?: unknown }).retryAfterMs : undefined;
    const wait = Math.max(Math.min(5 * 60_000, 1000 * 2 ** (cloudFailures - 1)), typeof asked === 'number' ? asked : 0);
    cloudFailedUntil = now() + wait;
    throw retryNotBefore(new CloudUnreachableError(), cloudFailedUntil);
  };

  const stillValid = (user: StoredUser) => user.expires_at === undefined || user.expires_at * 1000 > now();

  const refresh = async (failedToken: string | undefined): Promise<string> => {
    const user = await loadUser();
    if (user.access_token !== failedToken && !expiresSoon(user)) return user.access_token;
    if (refusedToken !== undefined) {
      // A new sign-in (in this tab or another) brought a refresh token Athom has not refused.
      if ((user.refresh_token ?? '') !== refusedToken) refusedToken = undefined;
      // Refused: the access token serves as long as it lives, and no refused refresh goes out again.
      else if (user.access_token !== failedToken && stillValid(user)) return user.access_token;
      else throw new AthomRenewalRefusedError();
    }
    if (!user.refresh_token) return refused(user);
    if (now() < cloudFailedUntil) throw retryNotBefore(new CloudUnreachableError(), cloudFailedUntil);
    let fresh: StoredUser | null;
    try {
      fresh = await userManager.signinSilent();
    } catch (error) {
      // Offline, a timeout, a 5xx: the stored tokens stay, and the caller retries with back-off.
      if (!isSignInRefusal(error)) return cloudFailed(error);
      // Refused: final, unless another tab's refresh had not reached this tab's storage yet.
      await sleep(settleMs);
      const settled = await userManager.getUser();
      if (!settled) throw new SignInRequiredError('Not signed in.');
      if (!settled.refresh_token || settled.refresh_token === user.refresh_token) return refused(settled);
      if (settled.access_token !== failedToken && !expiresSoon(settled)) return settled.access_token;
      try {
        fresh = await userManager.signinSilent();
      } catch (again) {
        if (isSignInRefusal(again)) return refused(settled);
        return cloudFailed(again);
      }
    }
    if (!fresh) return cloudFailed();
    cloudFailures = 0;
    cloudFailedUntil = 0;
    refreshes += 1;
    if (fresh.expires_at !== undefined) lifetimeMs = Math.max(0, fresh.expires_at * 1000 - now());
    return fresh.access_token;
  };

  const refused = (user: StoredUser): never => {
    const error = new AthomRenewalRefusedError();
    const token = user.refresh_token ?? '';
    if (refusedToken !== token) {
      refusedToken = token;
      onRenewalRefused?.(error);
    }
    throw error;
  };

  const renew = (failedToken: string | undefined): Promise<string> => {
    if (!locks) {
      inFlight ??= refresh(failedToken).finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    }
    inFlight ??= new Promise<string>((resolve, reject) => {
      locks
        .request(LOCK_NAME, async () => {
          const before = refreshes;
          await refresh(failedToken).then(resolve, reject);
          // This tab has its token; the lock is held a moment longer after a refresh, so the next
          // tab to take it reads the new refresh token rather than the one just spent.
          if (refreshes !== before) await sleep(holdMs);
        })
        .catch(reject);
    }).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  return {
    async get() {
      const user = await loadUser();
      // A token already expired at page load (a kiosk that slept all weekend) is renewed, not rejected.
      if (expiresSoon(user)) return renew(user.access_token);
      return user.access_token;
    },
    renew: (failedToken) => renew(failedToken),
    async expiresAt() {
      const user = await userManager.getUser();
      return user?.expires_at === undefined ? undefined : user.expires_at * 1000;
    },
    async renewsAt() {
      const user = await userManager.getUser();
      return user?.expires_at === undefined ? undefined : user.expires_at * 1000 - margin();
    },
    renewing: () => inFlight !== undefined,
    resetBackoff() {
      cloudFailures = 0;
      cloudFailedUntil = 0;
    },
  };
}

export interface WakeSignalsOptions {
  source: Pick<RenewingAccessTokenSource, 'resetBackoff'>;
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  doc?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
}

/**
 * When the screen wakes up or the network comes back, the cloud's past failures are forgotten, so
 * the next renewal something needs goes out at once. Nothing is refreshed here. Returns a stop function.
 */
export function forgetCloudFailuresOnWake({ source, target = window, doc = document }: WakeSignalsOptions): () => void {
  const wake = () => {
    if (doc.visibilityState === 'visible') source.resetBackoff();
  };
  const online = () => source.resetBackoff();
  doc.addEventListener('visibilitychange', wake);
  target.addEventListener('online', online);
  return () => {
    doc.removeEventListener('visibilitychange', wake);
    target.removeEventListener('online', online);
  };
}
