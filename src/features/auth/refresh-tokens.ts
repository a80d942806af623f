import { parseRetryAfter } from '../homey/errors.ts';

// The refresh grant (docs/homey-web-api.md §1 step 3), sent by the dashboard itself rather than by
// oidc-client-ts: its errors keep no answer headers, and a 429 must wait as long as Athom's
// Retry-After says (every early retry of a refresh is one more chance to lose an answer). The
// stored sign-in stays in oidc-client-ts's format, so its sign-in and callback read it as theirs.

export interface RefreshTokensOptions {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  /** Where the signed-in user is stored (storageKeys.oidcUser). */
  key: string;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  timeoutMs?: number;
}

/** Athom answered the refresh with an error: its OAuth code, and how long it asked to wait. */
export class TokenEndpointError extends Error {
  override readonly name = 'ErrorResponse';
  readonly error: string | null;
  readonly error_description: string | null;
  constructor(
    readonly status: number,
    body: { error?: unknown; error_description?: unknown } | undefined,
    readonly retryAfterMs: number | undefined,
  ) {
    const code = typeof body?.error === 'string' ? body.error : null;
    super(`Athom's token endpoint answered ${status}${code ? ` (${code})` : ''}`);
    this.error = code;
    this.error_description = typeof body?.error_description === 'string' ? body.error_description : null;
  }
}

/** No answer in time (the same name oidc-client-ts gives its timeouts). */
export class TokenTimeoutError extends Error {
  override readonly name = 'ErrorTimeout';
}

type Stored = Record<string, unknown> & { refresh_token?: unknown };

/** Spends the stored refresh token once and stores what Athom answers; returns the stored entry. */
export async function refreshTokens({
  tokenEndpoint,
  clientId,
  clientSecret,
  storage,
  key,
  fetch = globalThis.fetch,
  now = Date.now,
  timeoutMs = 20_000,
}: RefreshTokensOptions): Promise<Stored> {
  const raw = storage.getItem(key);
  const stored = raw ? (JSON.parse(raw) as Stored) : undefined;
  if (!stored || typeof stored.refresh_token !== 'string') throw new TokenEndpointError(400, { error: 'invalid_grant' }, undefined);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: {
        // What Athom's official client sends (HTTP Basic), as oidc-client-ts does too.
        Authorization: `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${clientId}:${clientSecret}`)))}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: stored.refresh_token }).toString(),
      signal: controller.signal,
    });
    text = await response.text();
  } catch (error) {
    if (controller.signal.aborted) throw new TokenTimeoutError(`Athom's token endpoint did not answer within ${timeoutMs / 1000} s`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
  if (!response.ok) throw new TokenEndpointError(response.status, record, parseRetryAfter(response.headers.get('Retry-After'), now()));
  if (!record || typeof record.access_token !== 'string' || record.access_token === '') {
    throw new Error("Athom's token endpoint answered without an access token");
  }
  const expiresIn = typeof record.expires_in === 'number' ? record.expires_in : Number(record.expires_in);
  const next: Stored = {
    ...stored,
    access_token: record.access_token,
    token_type: typeof record.token_type === 'string' ? record.token_type : stored.token_type,
    // An answer without a refresh token leaves the one we have in use (RFC 6749 §6).
    refresh_token: typeof record.refresh_token === 'string' && record.refresh_token !== '' ? record.refresh_token : stored.refresh_token,
    // Without expires_in the token is used until Athom refuses it (access-token-source.ts).
    expires_at: Number.isFinite(expiresIn) && expiresIn > 0 ? Math.floor(now() / 1000) + Math.floor(expiresIn) : undefined,
    scope: typeof record.scope === 'string' ? record.scope : stored.scope,
  };
  storage.setItem(key, JSON.stringify(next));
  return next;
}
