// oidc-client-ts loads lazily (lazy-user-manager.ts), so its error classes are recognised by name.
interface OAuthErrorResponse extends Error {
  error: string | null;
  error_description: string | null;
}

function isErrorResponse(error: unknown): error is OAuthErrorResponse {
  return error instanceof Error && error.name === 'ErrorResponse' && 'error' in error;
}

// What can go wrong while signing in, phrased for the person in front of the wall. Each problem
// has one screen with one way forward; none carries a token, a code or a stack.

export type AuthProblemKind =
  | 'cancelled'
  | 'code-expired'
  | 'link-used'
  | 'refused'
  | 'client-refused'
  | 'cloud-unreachable'
  | 'session-ended'
  | 'key-refused';

export interface AuthProblem {
  kind: AuthProblemKind;
  /** English; screens show the translation of `kind` (lib/messages). */
  title: string;
  message: string;
  /** An extra word from Athom (its error code), never a token or a code. */
  detail?: string | undefined;
}

const TEXT: Record<AuthProblemKind, { title: string; message: string }> = {
  cancelled: { title: 'Sign-in was cancelled', message: 'Nothing was changed. Sign in when you are ready.' },
  'code-expired': {
    title: 'The sign-in took too long',
    message: "Athom's sign-in answer is only valid for 30 seconds and it ran out. Please sign in again.",
  },
  'link-used': {
    title: 'This sign-in link cannot be used',
    message:
      'It was already used, or it did not come from a sign-in this dashboard started (for example an old bookmark or the Back button). Please sign in again.',
  },
  refused: { title: 'Athom refused the sign-in', message: 'Please sign in again.' },
  'client-refused': {
    title: "Athom does not accept this dashboard's client",
    message:
      'The client id or secret in config.json is wrong, or the client was revoked. Register a client with Athom and update config.json (README "Using it with a real Homey").',
  },
  'cloud-unreachable': {
    title: "Athom's cloud could not be reached",
    message: 'Check the network connection, then sign in again.',
  },
  'session-ended': {
    title: 'Sign in again',
    message: 'Athom no longer accepts the saved sign-in (it was revoked or has ended). Sign in once more to carry on.',
  },
  'key-refused': {
    title: 'The Homey refused the API key',
    message: 'The key was deleted or mistyped. Create a new one in the Homey app (Settings → API keys) and sign in again.',
  },
};

export function authProblem(kind: AuthProblemKind, detail?: string): AuthProblem {
  const text = TEXT[kind];
  return { kind, title: text.title, message: detail ? `${text.message} (${detail})` : text.message, detail };
}

/** Network failures, timeouts and 5xx from the token endpoint: worth another try later. */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof Error && error.name === 'ErrorTimeout') return true;
  if (error instanceof TypeError) return true; // fetch: the network is down or the host unreachable
  if (isErrorResponse(error)) return error.error === 'temporarily_unavailable' || error.error === 'server_error';
  return error instanceof Error && /\((5\d\d|429)\)/.test(error.message);
}

/**
 * Thrown when renewal failed for a reason that may pass (offline, timeout, a 5xx); retry with back-off.
 * (A renewal that can never succeed throws the Homey client's SignInRequiredError, ../homey/errors.ts.)
 */
export class CloudUnreachableError extends Error {
  override readonly name = 'CloudUnreachableError';
  constructor(message = "Athom's cloud could not be reached to renew the sign-in.") {
    super(message);
  }
}

/**
 * Athom's page in a window of its own (where this browser keeps nothing across leaving the page)
 * did not open, or was closed before the sign-in finished.
 */
export class SignInWindowError extends Error {
  override readonly name = 'SignInWindowError';
  constructor(readonly reason: 'blocked' | 'closed') {
    super(reason === 'blocked' ? 'The sign-in window could not open.' : 'The sign-in window was closed.');
  }
}

/** oidc-client-ts's words for a popup that never opened or was closed (lazy-loaded: matched by message). */
export function signInWindowError(error: unknown): SignInWindowError | undefined {
  if (!(error instanceof Error)) return undefined;
  if (/disposed window|popup blocked/i.test(error.message)) return new SignInWindowError('blocked');
  if (/popup closed/i.test(error.message)) return new SignInWindowError('closed');
  return undefined;
}

/** The problem screen for an error thrown by oidc-client-ts while completing a sign-in. */
export function problemFromCallbackError(error: unknown): AuthProblem {
  if (isErrorResponse(error)) {
    if (error.error === 'access_denied') return authProblem('cancelled');
    const description = (error.error_description ?? '').toLowerCase();
    if (error.error === 'invalid_grant' && description.includes('expired')) return authProblem('code-expired');
    if (error.error === 'invalid_grant') return authProblem('link-used');
    if (error.error === 'invalid_client' || error.error === 'unauthorized_client') return authProblem('client-refused');
    return authProblem('refused', error.error ?? undefined);
  }
  if (error instanceof Error && /no matching state/i.test(error.message)) return authProblem('link-used');
  if (isTransientFailure(error)) return authProblem('cloud-unreachable');
  return authProblem('refused');
}
