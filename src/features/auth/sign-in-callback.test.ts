import { ErrorResponse, User } from 'oidc-client-ts';
import type { UserManager } from 'oidc-client-ts';
import { describe, expect, it } from 'vitest';
import { completeSignIn, isSignInCallback, withoutCallbackParams } from './sign-in-callback.ts';

function fakeManager(outcome: () => Promise<void>, signedIn = false) {
  const calls: string[] = [];
  const manager = {
    getUser: async () => (signedIn ? new User({ access_token: 'a', token_type: 'bearer', profile: { sub: '', iss: '', aud: '', exp: 0, iat: 0 } }) : null),
    signinCallback: async (url: string) => {
      calls.push(url);
      await outcome();
      return undefined;
    },
  } as unknown as UserManager;
  return { manager, calls };
}

function fakeHistory() {
  const urls: string[] = [];
  return { urls, history: { state: null, replaceState: (_: unknown, __: string, url?: string | URL | null) => void urls.push(String(url)) } };
}

describe('sign-in callback', () => {
  it('recognises only answers on the redirect path', () => {
    expect(isSignInCallback('http://x/?code=1&state=2', '/')).toBe(true);
    expect(isSignInCallback('http://x/?error=access_denied&state=2', '/')).toBe(true);
    expect(isSignInCallback('http://x/?code=1', '/')).toBe(false);
    expect(isSignInCallback('http://x/other?code=1&state=2', '/')).toBe(false);
    expect(isSignInCallback('http://x/wall/?code=1&state=2', '/wall/')).toBe(true);
  });

  it('strips the answer but keeps the rest of the address', () => {
    expect(withoutCallbackParams('http://x/?view=kitchen&code=1&state=2#top')).toBe('/?view=kitchen#top');
  });

  it('exchanges a code once even when asked twice (StrictMode), and cleans the address bar first', async () => {
    const { manager, calls } = fakeManager(async () => undefined);
    const { urls, history } = fakeHistory();
    const href = 'http://x/?code=once&state=s1';
    const [a, b] = await Promise.all([
      completeSignIn({ userManager: manager, href, redirectPath: '/', history }),
      completeSignIn({ userManager: manager, href, redirectPath: '/', history }),
    ]);
    expect(a).toEqual({ kind: 'signed-in' });
    expect(b).toEqual({ kind: 'signed-in' });
    expect(calls).toEqual([href]);
    expect(urls).toEqual(['/']);
    // StrictMode's second effect run sees the cleaned address and must wait for the same exchange.
    expect(await completeSignIn({ userManager: manager, href: 'http://x/', redirectPath: '/', history })).toEqual({ kind: 'signed-in' });
    expect(calls).toHaveLength(1);
  });

  it('names an expired code, a cancelled sign-in and an unknown state', async () => {
    const { history } = fakeHistory();
    const expired = fakeManager(async () => {
      throw new ErrorResponse({ error: 'invalid_grant', error_description: 'Code has expired' });
    });
    const outcome = await completeSignIn({ userManager: expired.manager, href: 'http://x/?code=old&state=s2', redirectPath: '/', history });
    expect(outcome).toMatchObject({ kind: 'problem', problem: { kind: 'code-expired' } });

    const unknown = fakeManager(async () => {
      throw new Error('No matching state found in storage');
    });
    const cancelled = await completeSignIn({ userManager: unknown.manager, href: 'http://x/?error=access_denied&state=s3', redirectPath: '/', history });
    expect(cancelled).toMatchObject({ kind: 'problem', problem: { kind: 'cancelled' } });
    const forged = await completeSignIn({ userManager: unknown.manager, href: 'http://x/?code=c&state=forged', redirectPath: '/', history });
    expect(forged).toMatchObject({ kind: 'problem', problem: { kind: 'link-used' } });
    expect(JSON.stringify(forged)).not.toContain('forged');
  });

  it('ignores a replayed answer while already signed in', async () => {
    const { history } = fakeHistory();
    const replay = fakeManager(async () => {
      throw new Error('No matching state found in storage');
    }, true);
    const outcome = await completeSignIn({ userManager: replay.manager, href: 'http://x/?code=c&state=used', redirectPath: '/', history });
    expect(outcome).toEqual({ kind: 'ignored' });
  });

  it('ignores an error answer this wall never asked for while signed in, and still names one it did ask for', async () => {
    const { urls, history } = fakeHistory();
    const stranger = fakeManager(async () => {
      throw new Error('No matching state found in storage');
    }, true);
    const href = 'http://x/?state=x&error=access_denied';
    expect(await completeSignIn({ userManager: stranger.manager, href, redirectPath: '/', history })).toEqual({ kind: 'ignored' });
    expect(urls).toEqual(['/']);

    // A sign-in this wall started (its state is held) and the person cancelled: that is worth saying.
    const mine = fakeManager(async () => {
      throw new ErrorResponse({ error: 'access_denied' });
    }, true);
    const outcome = await completeSignIn({ userManager: mine.manager, href: 'http://x/?state=mine&error=access_denied', redirectPath: '/', history });
    expect(outcome).toMatchObject({ kind: 'problem', problem: { kind: 'cancelled' } });
  });

  it('hands the answer to the page that opened this window for its sign-in, instead of exchanging it here', async () => {
    const { urls, history } = fakeHistory();
    const handed: string[] = [];
    const exchanged: string[] = [];
    const manager = {
      getUser: async () => null,
      signinCallback: async (url: string) => void exchanged.push(url),
      answersOpener: (url: string) => new URL(url).searchParams.get('state') === 'opener',
      signinPopupCallback: async (url: string) => void handed.push(url),
    };
    const href = 'http://x/?code=c&state=opener';
    expect(await completeSignIn({ userManager: manager, href, redirectPath: '/', history })).toEqual({ kind: 'handed-over' });
    expect(handed).toEqual([href]);
    expect(exchanged).toEqual([]);
    expect(urls).toEqual(['/']);

    expect(await completeSignIn({ userManager: manager, href: 'http://x/?code=c&state=mine', redirectPath: '/', history })).toEqual({ kind: 'signed-in' });
    expect(exchanged).toEqual(['http://x/?code=c&state=mine']);
  });
});
