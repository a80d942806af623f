import { SignInRequiredError, isSignInRefusal } from '../homey/errors.ts';
import type { AccessTokenSource } from '../homey/homey-client.ts';
import { CloudUnreachableError } from './auth-errors.ts';
import type { LazyUserManager, StoredUser } from './lazy-user-manager.ts';

// Keeps an Athom access token valid for months without a person: refreshes shortly before expiry,
// after a 401, after sleep or a clock jump, and never sends a rotated refresh token twice.
//
// Rotation is why renewal is single-flight twice over: within a tab one promise is shared, and across
// tabs a Web Lock serialises refreshes; inside the lock the stored user is read again, because the tab
// that held the lock before us may already have refreshed (and spent the refresh token we hold).

export interface AccessTokenSourceOptions {
  userManager: Pick<LazyUserManager, 'getUser' | 'signinSilent' | 'removeUser'>;
  /** The browser's LockManager; absent in old browsers, where renewal is single-flight per tab only. */
  locks?: LockManager | undefined;
  now?: () => number;
  /** Refresh this long before the token expires. */
  marginMs?: number;
  /** Called once when Athom refuses the saved sign-in for good (storage is already wiped). */
  onSignInRequired?: (error: SignInRequiredError) => void;
}

const LOCK_NAME = 'homey-dashboard:athom-refresh';

export function createAccessTokenSource({
  userManager,
  locks = globalThis.navigator?.locks,
  now = Date.now,
  marginMs = 60_000,
  onSignInRequired,
}: AccessTokenSourceOptions): AccessTokenSource & { expiresAt(): Promise<number | undefined> } {
  let inFlight: Promise<string> | undefined;

  const expiresSoon = (user: StoredUser) => user.expires_at === undefined || user.expires_at * 1000 - now() <= marginMs;

  const loadUser = async (): Promise<StoredUser> => {
    const user = await userManager.getUser();
    if (!user) throw new SignInRequiredError('Not signed in.');
    return user;
  };

  const refresh = async (failedToken: string | undefined): Promise<string> => {
    const user = await loadUser();
    if (user.access_token !== failedToken && !expiresSoon(user)) return user.access_token;
    if (!user.refresh_token) return giveUp();
    let fresh: StoredUser | null;
    try {
      fresh = await userManager.signinSilent();
    } catch (error) {
      // Athom's refusal of a client or a grant is final: retrying cannot help, only a new sign-in can.
      if (isSignInRefusal(error)) return giveUp();
      // Offline, a timeout, a 5xx: the stored tokens stay, and the caller retries with back-off.
      throw new CloudUnreachableError();
    }
    if (!fresh) throw new CloudUnreachableError();
    return fresh.access_token;
  };

  const giveUp = async (): Promise<never> => {
    await userManager.removeUser();
    const error = new SignInRequiredError();
    onSignInRequired?.(error);
    throw error;
  };

  const renew = (failedToken: string | undefined): Promise<string> => {
    inFlight ??= (locks ? locks.request(LOCK_NAME, () => refresh(failedToken)) : refresh(failedToken)).finally(() => {
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
  };
}

export interface RefreshScheduleOptions {
  source: AccessTokenSource & { expiresAt(): Promise<number | undefined> };
  marginMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => number;
  clearTimer?: (id: number) => void;
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  doc?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
}

/**
 * Refreshes before expiry on a timer, and checks again whenever the tablet wakes up or comes back
 * online, because timers do not fire during sleep. Failures are retried with back-off (1 s … 5 min);
 * a definitive refusal ends the schedule. Returns a stop function.
 */
export function scheduleRefresh({
  source,
  marginMs = 60_000,
  now = Date.now,
  setTimer = (fn, ms) => window.setTimeout(fn, ms),
  clearTimer = (id) => window.clearTimeout(id),
  target = window,
  doc = document,
}: RefreshScheduleOptions): () => void {
  let timer: number | undefined;
  let failures = 0;
  let stopped = false;

  const arm = (ms: number) => {
    if (stopped) return;
    if (timer !== undefined) clearTimer(timer);
    // Long timers drift and overflow (2^31 ms); re-check at least every 10 minutes.
    timer = setTimer(() => void check(), Math.max(0, Math.min(ms, 10 * 60_000)));
  };

  const check = async () => {
    if (stopped) return;
    try {
      const expiresAt = await source.expiresAt();
      if (expiresAt === undefined) return;
      if (expiresAt - now() <= marginMs) await source.get();
      failures = 0;
      const next = (await source.expiresAt()) ?? now() + 10 * 60_000;
      arm(next - now() - marginMs);
    } catch (error) {
      if (error instanceof SignInRequiredError) return;
      failures += 1;
      arm(Math.min(1000 * 2 ** (failures - 1), 5 * 60_000));
    }
  };

  const wake = () => {
    if (doc.visibilityState === 'visible') void check();
  };
  const online = () => void check();
  doc.addEventListener('visibilitychange', wake);
  target.addEventListener('online', online);
  void check();

  return () => {
    stopped = true;
    if (timer !== undefined) clearTimer(timer);
    doc.removeEventListener('visibilitychange', wake);
    target.removeEventListener('online', online);
  };
}
