import { authProblem, problemFromCallbackError } from './auth-errors.ts';
import type { AuthProblem } from './auth-errors.ts';
import type { LazyUserManager } from './lazy-user-manager.ts';

// Completing the redirect sign-in. Athom's code is single use and lives 30 s, so the exchange must
// happen exactly once per callback URL, even when React StrictMode runs effects twice: outcomes are
// memoised by URL for the life of the page. The code and state leave the address bar (and the
// history entry) before the exchange starts, so they are never bookmarked, shared or sent as referrer.

export type CallbackOutcome =
  | { kind: 'not-a-callback' }
  | { kind: 'signed-in' }
  | { kind: 'ignored' }
  /** This window was opened for another page's sign-in (signinPopup), and handed it the answer. */
  | { kind: 'handed-over' }
  | { kind: 'problem'; problem: AuthProblem };

const outcomes = new Map<string, Promise<CallbackOutcome>>();
// The second StrictMode run sees the already-cleaned address; it must still wait for the exchange.
let latest: Promise<CallbackOutcome> | undefined;

export function isSignInCallback(href: string, redirectPath: string): boolean {
  const url = new URL(href);
  if (url.pathname !== new URL(redirectPath, url.origin).pathname) return false;
  const params = url.searchParams;
  return params.has('state') && (params.has('code') || params.has('error'));
}

/** The same address without the OAuth answer in it. */
export function withoutCallbackParams(href: string): string {
  const url = new URL(href);
  for (const key of ['code', 'state', 'error', 'error_description', 'error_uri', 'session_state', 'iss']) {
    url.searchParams.delete(key);
  }
  return url.pathname + url.search + url.hash;
}

type CallbackUserManager = Pick<LazyUserManager, 'getUser' | 'signinCallback'> & Partial<Pick<LazyUserManager, 'answersOpener' | 'signinPopupCallback'>>;

export interface CompleteSignInOptions {
  userManager: CallbackUserManager;
  href: string;
  redirectPath: string;
  history?: Pick<History, 'replaceState' | 'state'>;
}

export function completeSignIn({
  userManager,
  href,
  redirectPath,
  history = window.history,
}: CompleteSignInOptions): Promise<CallbackOutcome> {
  if (!isSignInCallback(href, redirectPath)) return latest ?? Promise.resolve({ kind: 'not-a-callback' });
  let outcome = outcomes.get(href);
  if (!outcome) {
    history.replaceState(history.state, '', withoutCallbackParams(href));
    outcome = exchange(userManager, href);
    outcomes.set(href, outcome);
  }
  latest = outcome;
  return outcome;
}

async function exchange(userManager: CallbackUserManager, href: string): Promise<CallbackOutcome> {
  if (userManager.answersOpener?.(href) && userManager.signinPopupCallback) {
    await userManager.signinPopupCallback(href);
    return { kind: 'handed-over' };
  }
  const signedInBefore = await userManager.getUser();
  try {
    await userManager.signinCallback(href);
    return { kind: 'signed-in' };
  } catch (error) {
    const fromError = problemFromCallbackError(error);
    // An answer to no sign-in of ours (Back/Forward onto an old callback, a second answer, a link
    // someone opened, `?state=x&error=access_denied` included) while a good sign-in exists: nothing
    // is wrong for the user, so stay signed in rather than show an error.
    if (signedInBefore && fromError.kind === 'link-used') return { kind: 'ignored' };
    // Signed out, an `error=` answer whose state we no longer hold still deserves its own message.
    return { kind: 'problem', problem: problemInCallbackUrl(href) ?? fromError };
  }
}

/** Errors in the callback URL itself (e.g. `error=access_denied`) without touching storage. */
export function problemInCallbackUrl(href: string): AuthProblem | undefined {
  const error = new URL(href).searchParams.get('error');
  if (!error) return undefined;
  return error === 'access_denied' ? authProblem('cancelled') : authProblem('refused', error);
}
