import { ErrorResponse, User } from 'oidc-client-ts';
import { describe, expect, it, vi } from 'vitest';
import { createAccessTokenSource, forgetCloudFailuresOnWake } from './access-token-source.ts';
import { AthomRenewalRefusedError, SignInRequiredError } from '../homey/errors.ts';
import { CloudUnreachableError } from './auth-errors.ts';

// A stand-in for Athom's token endpoint behind oidc-client-ts: it rotates refresh tokens and refuses a
// spent one, like the real service (and the emulator) does. Two "tabs" share one store.
class FakeAthom {
  stored: User | null;
  refreshes: string[] = [];
  /** Refresh tokens Athom refused (already spent). */
  refused: string[] = [];
  failWith: unknown;
  private counter = 0;
  constructor(
    private readonly now: () => number,
    firstLifetimeS = 3600,
    /** What each refresh gives; Athom's tokens live about an hour. */
    private readonly lifetimeS = 3600,
  ) {
    this.stored = this.issue(firstLifetimeS);
  }
  issue(lifetimeS = 3600): User {
    this.counter += 1;
    return new User({
      access_token: `access-${this.counter}`,
      refresh_token: `refresh-${this.counter}`,
      token_type: 'bearer',
      expires_at: Math.floor(this.now() / 1000) + lifetimeS,
      profile: { sub: '', iss: '', aud: '', exp: 0, iat: 0 },
    });
  }
  manager() {
    return {
      getUser: async () => this.stored,
      removeUser: async () => {
        this.stored = null;
      },
      signinSilent: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (this.failWith) throw this.failWith;
        const spent = this.stored?.refresh_token;
        if (!spent) throw new ErrorResponse({ error: 'invalid_grant' });
        this.refreshes.push(spent);
        this.stored = this.issue(this.lifetimeS);
        return this.stored;
      },
    };
  }
  /**
   * A tab of its own: it sees the shared store only `syncMs` after another tab wrote it, as Chromium
   * syncs localStorage between tabs (a read right after taking the lock can be stale), and sends
   * the refresh token it sees.
   */
  tab(syncMs: number) {
    let seen: User | null = this.stored;
    const follow = () => {
      const now = this.stored;
      setTimeout(() => {
        seen = now;
      }, syncMs);
    };
    return {
      getUser: async () => seen,
      removeUser: async () => {
        this.stored = null;
        seen = null;
      },
      signinSilent: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        const sent = seen?.refresh_token;
        if (!sent || sent !== this.stored?.refresh_token) {
          if (sent) this.refused.push(sent);
          throw new ErrorResponse({ error: 'invalid_grant', error_description: 'Invalid refresh token' });
        }
        this.refreshes.push(sent);
        this.stored = this.issue(this.lifetimeS);
        seen = this.stored;
        return this.stored;
      },
      follow,
    };
  }
}

const expiredAt = (athom: FakeAthom, now: number) => {
  if (athom.stored) athom.stored.expires_at = Math.floor(now / 1000) - 10;
};

// A LockManager that runs one holder at a time, like the browser's, shared by "tabs".
function fakeLocks(): LockManager {
  let tail: Promise<unknown> = Promise.resolve();
  const request = (_name: string, callback: () => Promise<unknown>) => {
    const run = tail.then(callback, callback);
    tail = run.catch(() => undefined);
    return run;
  };
  return { request, query: async () => ({ held: [], pending: [] }) } as unknown as LockManager;
}

/**
 * Two tabs sharing one Athom sign-in whose token has run out, each seeing the other's writes 50 ms
 * late, with one lock manager between them as the browser has.
 */
function twoStaleTabs(now: () => number, timing: { settleMs?: number; holdMs?: number }) {
  const athom = new FakeAthom(now);
  expiredAt(athom, now());
  const locks = fakeLocks();
  const a = athom.tab(50);
  const b = athom.tab(50);
  const onRenewalRefused = vi.fn();
  const tabA = createAccessTokenSource({ userManager: a, now, locks, onRenewalRefused, ...timing });
  const tabB = createAccessTokenSource({ userManager: b, now, locks, onRenewalRefused, ...timing });
  return { athom, a, b, tabA, tabB, onRenewalRefused };
}

describe('access token source', () => {
  const now = () => 1_800_000_000_000;

  it('twenty callers renewing the same refused token cause one refresh', async () => {
    const athom = new FakeAthom(now);
    const source = createAccessTokenSource({ userManager: athom.manager(), now, locks: undefined });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => source.renew('access-1')));
    expect(athom.refreshes).toEqual(['refresh-1']);
    expect(new Set(tokens)).toEqual(new Set(['access-2']));
  });

  it('does not refresh when the refused token was already replaced by a valid one', async () => {
    const athom = new FakeAthom(now);
    const source = createAccessTokenSource({ userManager: athom.manager(), now, locks: undefined });
    await source.renew('access-1');
    expect(await source.renew('access-1')).toBe('access-2');
    expect(athom.refreshes).toEqual(['refresh-1']);
  });

  it('renews a token that expired while the page was closed instead of rejecting it', async () => {
    const athom = new FakeAthom(now);
    expiredAt(athom, now());
    const source = createAccessTokenSource({ userManager: athom.manager(), now, locks: undefined });
    expect(await source.get()).toBe('access-2');
    expect(await source.get()).toBe('access-2');
    expect(athom.refreshes).toEqual(['refresh-1']);
  });

  it('two tabs renewing at once send one refresh request, each with the newest refresh token', async () => {
    const athom = new FakeAthom(now);
    expiredAt(athom, now());
    const locks = fakeLocks();
    const tabA = createAccessTokenSource({ userManager: athom.manager(), now, locks });
    const tabB = createAccessTokenSource({ userManager: athom.manager(), now, locks });
    const [a, b] = await Promise.all([tabA.get(), tabB.get()]);
    expect(a).toBe('access-2');
    expect(b).toBe('access-2');
    expect(athom.refreshes).toEqual(['refresh-1']);
    expiredAt(athom, now());
    await Promise.all([tabB.get(), tabA.get()]);
    expect(athom.refreshes).toEqual(['refresh-1', 'refresh-2']);
  });

  it('a tab that read the stored sign-in before another tab’s refresh reached it takes that refresh instead of signing out', async () => {
    const { athom, b, tabA, tabB, onRenewalRefused } = twoStaleTabs(now, { settleMs: 200 });
    expect(await tabA.get()).toBe('access-2');
    b.follow();
    // Tab B takes the lock at once and still sees refresh-1, already spent by tab A: Athom refuses it.
    expect(await tabB.get()).toBe('access-2');
    expect(onRenewalRefused).not.toHaveBeenCalled();
    expect(athom.stored?.refresh_token).toBe('refresh-2');
  });

  it('says a renewal is on its way while it is, so a self-reload can wait for its answer', async () => {
    const athom = new FakeAthom(now);
    const source = createAccessTokenSource({ userManager: athom.manager(), now, locks: undefined });
    expect(source.renewing()).toBe(false);
    const renewal = source.renew('access-1');
    expect(source.renewing()).toBe(true);
    await renewal;
    expect(source.renewing()).toBe(false);
  });

  it('holds the lock a moment after a refresh, so a tab that waited for it sees the new refresh token and is not refused', async () => {
    const { athom, b, tabA, tabB, onRenewalRefused } = twoStaleTabs(now, { holdMs: 200 });
    const first = tabA.get();
    // Tab B's store learns of tab A's refresh 50 ms after it was written.
    setTimeout(() => b.follow(), 10);
    const [tokenA, tokenB] = await Promise.all([first, tabB.get()]);
    expect([tokenA, tokenB]).toEqual(['access-2', 'access-2']);
    expect(athom.refreshes).toEqual(['refresh-1']);
    expect(athom.refused).toEqual([]);
    expect(onRenewalRefused).not.toHaveBeenCalled();
  });

  it('a token that lives shorter than the refresh margin is renewed at most once per lifetime', async () => {
    let clock = 1_800_000_000_000;
    const athom = new FakeAthom(() => clock, 40, 40);
    const source = createAccessTokenSource({ userManager: athom.manager(), now: () => clock, locks: undefined });
    // 150 s of a wall asking for the token every 1.5 s.
    for (let i = 0; i < 100; i++) {
      await source.get();
      clock += 1500;
    }
    // One to learn the lifetime, then one per 40 s at most.
    expect(athom.refreshes.length).toBeLessThanOrEqual(5);
    expect(athom.refreshes.length).toBeGreaterThanOrEqual(3);
  });

  it('a refusal wipes nothing and is reported once; the access token serves while it lives, and no refused refresh is sent again', async () => {
    let clock = now();
    const athom = new FakeAthom(() => clock);
    athom.failWith = new ErrorResponse({ error: 'invalid_grant', error_description: 'Invalid refresh token' });
    const manager = athom.manager();
    let sent = 0;
    const counting = { ...manager, signinSilent: () => ((sent += 1), manager.signinSilent()) };
    const onRenewalRefused = vi.fn();
    const source = createAccessTokenSource({ userManager: counting, now: () => clock, locks: undefined, onRenewalRefused, settleMs: 10 });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => source.renew('access-1')));
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof AthomRenewalRefusedError)).toBe(true);
    expect(results.some((r) => r.status === 'rejected' && r.reason instanceof SignInRequiredError)).toBe(false);
    expect(onRenewalRefused).toHaveBeenCalledTimes(1);
    expect(athom.stored?.refresh_token).toBe('refresh-1');
    const afterRefusal = sent;
    // Still valid for most of an hour: the Homey side may need it for a delegation.
    clock += 30 * 60_000;
    expect(await source.get()).toBe('access-1');
    clock += 60 * 60_000;
    await expect(source.get()).rejects.toBeInstanceOf(AthomRenewalRefusedError);
    await expect(source.renew('access-1')).rejects.toBeInstanceOf(AthomRenewalRefusedError);
    expect(sent).toBe(afterRefusal);
    expect(onRenewalRefused).toHaveBeenCalledTimes(1);
    // A person signs in again (in this tab or another): renewal starts over.
    athom.failWith = undefined;
    athom.stored = athom.issue(60);
    clock += 120_000;
    expect(await source.get()).toBe('access-3');
  });

  it('a refresh whose answer was lost, then refused (strict rotation), keeps the sign-in stored and reports it once', async () => {
    let clock = now();
    const athom = new FakeAthom(() => clock);
    expiredAt(athom, clock);
    const manager = athom.manager();
    let lose = true;
    // The server rotates, then the answer never arrives.
    const losing = {
      ...manager,
      signinSilent: async () => {
        if (!lose) return manager.signinSilent();
        lose = false;
        athom.issue(); // rotated on the server; this tab never hears of it
        throw new TypeError('Failed to fetch');
      },
    };
    const onRenewalRefused = vi.fn();
    const source = createAccessTokenSource({ userManager: losing, now: () => clock, locks: undefined, onRenewalRefused, settleMs: 10 });
    await expect(source.get()).rejects.toBeInstanceOf(CloudUnreachableError);
    // The retry sends the spent token, which strict rotation refuses.
    athom.failWith = new ErrorResponse({ error: 'invalid_grant', error_description: 'Invalid refresh token' });
    clock += 2000;
    await expect(source.get()).rejects.toBeInstanceOf(AthomRenewalRefusedError);
    expect(onRenewalRefused).toHaveBeenCalledTimes(1);
    expect(athom.stored?.refresh_token).toBe('refresh-1');
  });

  it('a network failure keeps the tokens and asks the caller to retry later', async () => {
    let clock = now();
    const athom = new FakeAthom(() => clock);
    athom.failWith = new TypeError('Failed to fetch');
    const onRenewalRefused = vi.fn();
    const source = createAccessTokenSource({ userManager: athom.manager(), now: () => clock, locks: undefined, onRenewalRefused });
    const failure = await source.renew('access-1').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CloudUnreachableError);
    expect(String(failure)).not.toContain('refresh-1');
    expect(athom.stored?.refresh_token).toBe('refresh-1');
    expect(onRenewalRefused).not.toHaveBeenCalled();
    athom.failWith = undefined;
    clock += 1000;
    expect(await source.renew('access-1')).toBe('access-2');
  });

  it('while the cloud fails, the renewals many queries ask for collapse into one per back-off step', async () => {
    let clock = now();
    const athom = new FakeAthom(() => clock);
    const attempts: number[] = [];
    const manager = athom.manager();
    athom.failWith = new TypeError('500 Internal Server Error');
    const counted = { ...manager, signinSilent: async () => (attempts.push(clock), manager.signinSilent()) };
    const source = createAccessTokenSource({ userManager: counted, now: () => clock, locks: undefined });
    // Three minutes of ten queries retrying every second, each asking for a renewal.
    for (let second = 0; second < 180; second++) {
      await Promise.allSettled(Array.from({ length: 10 }, () => source.renew('access-1')));
      clock += 1000;
    }
    // 1 s, 2 s, 4 s … 2 min apart: 8 tries, not 1,800 (nor the 41 of a renewal per query's retry).
    expect(attempts.length).toBeLessThanOrEqual(9);
    const failure = await source.renew('access-1').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CloudUnreachableError);
    // The network came back (or the screen woke): the next renewal tries at once.
    athom.failWith = undefined;
    source.resetBackoff();
    expect(await source.renew('access-1')).toBe('access-2');
  });
});

describe('refresh on need', () => {
  const now = () => 1_800_000_000_000;

  it('a token answer without expires_in is used until Athom refuses it with a 401, then renewed once', async () => {
    const athom = new FakeAthom(now);
    if (athom.stored) athom.stored.expires_at = undefined;
    const source = createAccessTokenSource({ userManager: athom.manager(), now, locks: undefined });
    for (let i = 0; i < 10; i++) expect(await source.get()).toBe('access-1');
    expect(athom.refreshes).toEqual([]);
    expect(await source.renew('access-1')).toBe('access-2');
    expect(athom.refreshes).toEqual(['refresh-1']);
  });

  it('waking up or coming back online sends nothing, but the next renewal something needs goes out at once', async () => {
    let clock = now();
    const athom = new FakeAthom(() => clock);
    athom.failWith = new TypeError('Failed to fetch');
    const manager = athom.manager();
    let sent = 0;
    const counted = { ...manager, signinSilent: () => ((sent += 1), manager.signinSilent()) };
    const source = createAccessTokenSource({ userManager: counted, now: () => clock, locks: undefined });
    await expect(source.renew('access-1')).rejects.toBeInstanceOf(CloudUnreachableError);
    // Within the back-off: no request.
    await expect(source.renew('access-1')).rejects.toBeInstanceOf(CloudUnreachableError);
    expect(sent).toBe(1);
    const listeners = new Map<string, () => void>();
    const on = { addEventListener: (type: string, fn: () => void) => listeners.set(type, fn), removeEventListener: vi.fn() };
    const stop = forgetCloudFailuresOnWake({
      source,
      target: on as unknown as Pick<Window, 'addEventListener' | 'removeEventListener'>,
      doc: { ...on, visibilityState: 'visible' } as unknown as Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>,
    });
    listeners.get('online')?.();
    listeners.get('visibilitychange')?.();
    expect(sent).toBe(1);
    athom.failWith = undefined;
    clock += 10;
    expect(await source.renew('access-1')).toBe('access-2');
    expect(sent).toBe(2);
    stop();
  });
});
