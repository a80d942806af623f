// The errors the Homey client throws. The UI and React Query's retry logic branch on their classes
// (`isRetryable`, `retryDelayMs`), so every failure on the way to a Homey or to Athom's cloud ends
// up as exactly one of these. Messages are shown to people on a wall: short, readable, and never
// carrying a token, a session or an authorization code.

/** Who answered: named in messages so a person can tell a Homey problem from a cloud problem. */
export type Service = 'Homey' | 'Athom cloud';

const MAX_TEXT = 300;
const MAX_RETRY_AFTER_MS = 5 * 60_000;

export interface HomeyHttpErrorInit {
  status: number;
  service?: Service;
  /** The body's `error` (Athom: `invalid_grant`; Homey: often the same text as the description). */
  error?: string;
  /** The body's `error_description`, already flattened to text. */
  description?: string;
  retryAfterMs?: number;
  /** Strings that must not appear in the message (the token the request carried, …). */
  secrets?: readonly string[];
}

/** A Homey or Athom's cloud answered with a non-2xx status. */
export class HomeyHttpError extends Error {
  readonly status: number;
  readonly service: Service;
  readonly error: string | undefined;
  readonly description: string | undefined;
  /** From `Retry-After` (seconds or an HTTP date), when the answer carried one. */
  readonly retryAfterMs: number | undefined;

  constructor(init: HomeyHttpErrorInit) {
    const secrets = init.secrets ?? [];
    const error = init.error === undefined ? undefined : redact(init.error, secrets);
    const description = init.description === undefined ? undefined : redact(init.description, secrets);
    const service = init.service ?? 'Homey';
    super(`${service} answered ${init.status}: ${summary(init.status, error, description)}`);
    this.name = 'HomeyHttpError';
    this.status = init.status;
    this.service = service;
    this.error = error;
    this.description = description;
    this.retryAfterMs = init.retryAfterMs;
  }
}

function summary(status: number, error: string | undefined, description: string | undefined): string {
  if (description && error && error !== description && !description.includes(error)) return `${description} (${error})`;
  return description || error || `HTTP ${status}`;
}

/** The request never got an answer: the fetch rejected, or the connection was cut mid-answer. */
export class HomeyNetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HomeyNetworkError';
  }
}

/** No answer within the time allowed. */
export class HomeyTimeoutError extends Error {
  readonly timeoutMs: number;

  constructor(message: string, timeoutMs: number) {
    super(message);
    this.name = 'HomeyTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** A 2xx answer whose body is not JSON, or not the shape the caller needs. */
export class HomeyMalformedResponseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HomeyMalformedResponseError';
  }
}

/**
 * A definitive refusal: Athom refused the saved sign-in (`invalid_grant`/`invalid_client`, or there
 * is no stored sign-in at all), or a Homey refused the local API key. Retrying cannot help; the app
 * stops polling and offers "Sign in again". The auth feature throws this same class, so one
 * `instanceof` holds from the token refresh to the screen.
 */
export class SignInRequiredError extends Error {
  constructor(message = 'Sign in again: the saved sign-in is no longer accepted.', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SignInRequiredError';
  }
}

/**
 * Athom will not renew the sign-in any more (it refused the refresh token: revoked, or spent by a
 * refresh whose answer was lost), yet nothing is over: the Homey session bought earlier runs on for
 * up to a day (docs/homey-web-api.md §1), and Athom is needed again only for the next one. Not a
 * SignInRequiredError, so nothing is wiped and polling goes on; the screen asks for a sign-in
 * calmly, and the Homey session turns this into SignInRequiredError once it has ended.
 */
export class AthomRenewalRefusedError extends Error {
  constructor(message = 'Athom no longer renews the saved sign-in; sign in again before the Homey session ends.', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AthomRenewalRefusedError';
  }
}

/**
 * The Homey answered the login with a refusal (401/403 on `users/login`): it is up, but will not let
 * this Athom account in (access withdrawn by its owner, a user removed). Not retried by queries: the
 * session waits minutes between logins (homey-session.ts), and the screen says so instead of
 * "unreachable".
 */
export class HomeyLoginRefusedError extends Error {
  readonly status: number;
  /** The Homey's own words, when it gave any. */
  readonly reason: string | undefined;
  /** When the next login may be tried (epoch ms). */
  readonly retryAt: number;

  constructor(init: { status: number; reason?: string | undefined; retryAt: number; target: string }) {
    super(`${init.target} refuses this account${init.reason ? `: ${init.reason}` : ''}`);
    this.name = 'HomeyLoginRefusedError';
    this.status = init.status;
    this.reason = init.reason;
    this.retryAt = init.retryAt;
  }
}

/** Athom's cloud gave no usable answer (offline, a timeout, a 5xx) while the sign-in was renewed. */
export class AthomCloudUnreachableError extends HomeyNetworkError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AthomCloudUnreachableError';
  }
}

/** Which side a failure is on, for the one line the banner says about it. */
export function failingSide(error: unknown): 'cloud' | 'login-refused' | 'homey' {
  if (error instanceof HomeyLoginRefusedError) return 'login-refused';
  if (error instanceof AthomCloudUnreachableError) return 'cloud';
  if (error instanceof HomeyHttpError && error.service === 'Athom cloud') return 'cloud';
  return 'homey';
}

/** The OAuth error codes after which only a new sign-in helps (RFC 6749 §5.2). */
export type SignInRefusalCode = 'invalid_grant' | 'invalid_client' | 'unauthorized_client';

/**
 * Whether `error` carries an OAuth error code after which only a new sign-in helps: oidc-client-ts's
 * ErrorResponse from a refresh, or Athom's answer as a HomeyHttpError.
 */
export function isSignInRefusal(error: unknown): error is { error: SignInRefusalCode } {
  const code = typeof error === 'object' && error !== null ? (error as { error?: unknown }).error : undefined;
  return code === 'invalid_grant' || code === 'invalid_client' || code === 'unauthorized_client';
}

/** Whether trying the same request again later can succeed (React Query's `retry`). */
export function isRetryable(error: unknown): boolean {
  if (error instanceof SignInRequiredError) return false;
  if (error instanceof HomeyNetworkError || error instanceof HomeyTimeoutError) return true;
  // A body cut short by a proxy or a dropped Wi-Fi reads as malformed; the next try usually is whole.
  if (error instanceof HomeyMalformedResponseError) return true;
  if (error instanceof HomeyHttpError) return error.status === 429 || error.status >= 500;
  return false;
}

// A failure met inside a back-off (the token refresh's, the Homey login's) is thrown at once, and
// the back-off knows when the next real try may go out. A query that guessed its own delay instead
// would either knock on a closed door or, on its 30 s step, come back long after the door opened: a
// wall whose cloud failed for a minute then waited 50 s more. So the back-off marks the error, and
// the mark survives wrapping (it is read along the `cause` chain).
const RETRY_AT = Symbol('retryAt');
const MAX_CAUSES = 5;

/** Marks `error` as not worth trying again before `at` (epoch ms); the later of two marks holds. */
export function retryNotBefore<E>(error: E, at: number): E {
  if (typeof error === 'object' && error !== null) {
    const marked = error as { [RETRY_AT]?: number };
    if (marked[RETRY_AT] === undefined || marked[RETRY_AT] < at) {
      Object.defineProperty(error, RETRY_AT, { value: at, configurable: true, enumerable: false, writable: true });
    }
  }
  return error;
}

/** The latest time marked on `error` or on its causes by `retryNotBefore`. */
export function retryAtOf(error: unknown): number | undefined {
  let at: number | undefined;
  let current = error;
  for (let depth = 0; depth < MAX_CAUSES && typeof current === 'object' && current !== null; depth++) {
    const mark = (current as { [RETRY_AT]?: number })[RETRY_AT];
    if (mark !== undefined && (at === undefined || mark > at)) at = mark;
    current = (current as { cause?: unknown }).cause;
  }
  return at;
}

/** Spread over which retries that a back-off timed are sent, so that many callers do not all go at once. */
const BACKOFF_SPREAD_MS = 250;

/**
 * How long to wait before retry number `attempt + 1` (React Query passes 0 before the first retry):
 * 1 s, 2 s, 4 s … capped at 30 s, each ±25 % so many screens that lost the same Homey do not come
 * back in step. A 429 with `Retry-After` waits exactly as long as the Homey asked; a failure from
 * inside a back-off waits until that back-off ends (`retryNotBefore`).
 */
export function retryDelayMs(attempt: number, error?: unknown, random: () => number = Math.random, now: number = Date.now()): number {
  if (error instanceof HomeyHttpError && error.status === 429 && error.retryAfterMs !== undefined) {
    return error.retryAfterMs;
  }
  const at = retryAtOf(error);
  if (at !== undefined) return Math.max(0, at - now) + Math.round(BACKOFF_SPREAD_MS * random());
  const base = 1000 * 2 ** Math.max(0, Math.floor(attempt));
  const jittered = base * (0.75 + 0.5 * random());
  return Math.round(Math.min(30_000, jittered));
}

/**
 * `Retry-After` as milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3). Clamped to five
 * minutes, because one odd header must not leave a wall dashboard dark for hours.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
  else {
    const date = Date.parse(text);
    if (Number.isNaN(date)) return undefined;
    ms = date - now;
  }
  return Math.round(Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms)));
}

/**
 * `error_description` as text. Athom sometimes sends an object of field messages
 * (`{"email": "is required"}`), sometimes nested or as lists: flatten it to `email: is required`.
 */
export function describeErrorBody(value: unknown): string | undefined {
  const parts: string[] = [];
  const walk = (v: unknown, prefix: string, depth: number) => {
    if (v === null || v === undefined || depth > 4) return;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      const text = String(v).trim();
      if (text) parts.push(prefix ? `${prefix}: ${text}` : text);
      return;
    }
    if (Array.isArray(v)) {
      for (const item of v) walk(item, prefix, depth + 1);
      return;
    }
    if (typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) walk(item, prefix ? `${prefix}.${key}` : key, depth + 1);
    }
  };
  walk(value, '', 0);
  if (parts.length === 0) return undefined;
  return truncate(parts.join('; '));
}

/** An error answer's body (`{error, error_description}`, or plain text) as an HomeyHttpError. */
export function httpErrorFromBody(
  status: number,
  body: unknown,
  init: { service: Service; retryAfterMs?: number; secrets?: readonly string[]; statusText?: string },
): HomeyHttpError {
  let error: string | undefined;
  let description: string | undefined;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    error = describeErrorBody(record.error);
    description = describeErrorBody(record.error_description ?? record.message);
  } else if (typeof body === 'string') {
    error = truncate(body.trim()) || undefined;
  }
  error ??= init.statusText || undefined;
  return new HomeyHttpError({ status, service: init.service, error, description, retryAfterMs: init.retryAfterMs, secrets: init.secrets });
}

// A JWT (delegation token) looks like three base64url parts starting with `eyJ`.
const JWT = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]{4,}/g;

/** Removes every secret, and anything that looks like a JWT, from a text meant for people. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Short strings could be ordinary words; no real token is that short.
    if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  return out.replace(JWT, '[redacted]');
}

function truncate(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}
