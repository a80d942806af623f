import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { OAuthClientSpec, UserSpec } from '../home-state/types.ts';
import type { Lifetimes, RefreshTokenPolicy } from '../control/wire-types.ts';

// Everything Athom's OAuth2 server remembers: authorization codes, access tokens and refresh
// tokens. Errors carry Athom's bodies (docs/homey-web-api.md §1) so a client sees what it would see live.
// Every token belongs to a grant: the exchange of one authorisation code and every refresh descended
// from it, so a replayed code withdraws exactly what that code bought (RFC 6749 §4.1.2).

export interface OAuthError {
  status: number;
  body: { error: string; error_description: string };
}

interface CodeRecord {
  clientId: string;
  redirectUri: string;
  userId: string;
  scopes: string[];
  codeChallenge: string | undefined;
  codeChallengeMethod: string | undefined;
  expiresAt: number;
  used: boolean;
  /** The grant its exchange started, once it was exchanged. */
  grant?: string;
}

export interface AccessRecord {
  token: string;
  clientId: string;
  userId: string;
  scopes: string[];
  expiresAt: number;
  grant: string;
}

interface RefreshRecord {
  clientId: string;
  userId: string;
  scopes: string[];
  expiresAt: number | undefined;
  grant: string;
}

/** A rotated refresh token and the pair its rotation answered (what `grace` answers again). */
interface SpentRefresh {
  clientId: string;
  grant: string;
  spentAt: number;
  accessToken: string;
  refreshToken: string;
}

export interface TokenResponse {
  token_type: 'bearer';
  access_token: string;
  expires_in: number;
  refresh_token: string;
}

// Athom's tokens are 40 hex characters (node-oauth2-server's default generator).
const newToken = () => randomBytes(20).toString('hex');

const oauthError = (status: number, error: string, description: string): OAuthError => ({
  status,
  body: { error, error_description: description },
});

export class AuthStore {
  private codes = new Map<string, CodeRecord>();
  private access = new Map<string, AccessRecord>();
  private refresh = new Map<string, RefreshRecord>();
  private spent = new Map<string, SpentRefresh>();
  private revokedClients = new Set<string>();

  constructor(
    private clients: OAuthClientSpec[],
    private users: UserSpec[],
    private readonly now: () => number,
    private readonly lifetimes: () => Lifetimes,
    private readonly refreshPolicy: () => RefreshTokenPolicy,
  ) {}

  /** Forgets every code and token (the world they were issued for is gone). */
  /** The accounts this emulated world knows, shown on its sign-in page (it is a demo, not a secret). */
  accounts(): { email: string; password: string }[] {
    return this.users.map((u) => ({ email: u.email, password: u.password }));
  }

  reset(clients: OAuthClientSpec[], users: UserSpec[]): void {
    this.clients = clients;
    this.users = users;
    this.codes.clear();
    this.access.clear();
    this.refresh.clear();
    this.spent.clear();
    this.revokedClients.clear();
  }

  findClient(clientId: string | null | undefined): OAuthClientSpec | undefined {
    if (!clientId || this.revokedClients.has(clientId)) return undefined;
    return this.clients.find((c) => c.clientId === clientId);
  }

  revokeClient(clientId: string): boolean {
    if (!this.clients.some((c) => c.clientId === clientId)) return false;
    this.revokedClients.add(clientId);
    for (const [token, record] of this.access) if (record.clientId === clientId) this.access.delete(token);
    for (const [token, record] of this.refresh) if (record.clientId === clientId) this.refresh.delete(token);
    for (const [token, record] of this.spent) if (record.clientId === clientId) this.spent.delete(token);
    return true;
  }

  /** Exact match, except that loopback redirect URIs match on any port (RFC 8252 §7.3). */
  redirectAllowed(client: OAuthClientSpec, redirectUri: string): boolean {
    const asked = parseUrl(redirectUri);
    if (!asked) return false;
    return client.redirectUris.some((registered) => {
      const reg = parseUrl(registered);
      if (!reg) return false;
      if (reg.href === asked.href) return true;
      const loopback = ['localhost', '127.0.0.1', '[::1]'];
      return (
        loopback.includes(reg.hostname) &&
        reg.hostname === asked.hostname &&
        reg.protocol === asked.protocol &&
        reg.pathname === asked.pathname &&
        reg.search === asked.search
      );
    });
  }

  authenticateUser(email: string, password: string): UserSpec | undefined {
    const user = this.users.find((u) => u.email.toLowerCase() === email.trim().toLowerCase());
    if (!user) return undefined;
    const a = Buffer.from(user.password);
    const b = Buffer.from(password);
    return a.length === b.length && timingSafeEqual(a, b) ? user : undefined;
  }

  findUser(userId: string): UserSpec | undefined {
    return this.users.find((u) => u.id === userId);
  }

  issueCode(input: Omit<CodeRecord, 'expiresAt' | 'used'>): string {
    const code = newToken();
    this.codes.set(code, { ...input, expiresAt: this.now() + this.lifetimes().authorizationCodeSeconds * 1000, used: false });
    return code;
  }

  /** Client authentication for the token endpoint: HTTP Basic or form fields, as Athom accepts both. */
  authenticateClient(authorization: string | undefined, form: URLSearchParams): OAuthClientSpec | OAuthError {
    let clientId = form.get('client_id');
    let clientSecret = form.get('client_secret');
    const viaHeader = authorization?.toLowerCase().startsWith('basic ') ?? false;
    if (viaHeader && authorization) {
      const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return oauthError(400, 'invalid_request', 'Invalid request: malformed Basic authorization header');
      clientId = decodeURIComponent(decoded.slice(0, colon));
      clientSecret = decodeURIComponent(decoded.slice(colon + 1));
    }
    if (!clientId || !clientSecret) {
      return oauthError(400, 'invalid_client', 'Invalid client: cannot retrieve client credentials');
    }
    const client = this.findClient(clientId);
    if (!client || !safeEqual(client.clientSecret, clientSecret)) {
      return oauthError(401, 'invalid_client', 'Invalid client: client is invalid');
    }
    return client;
  }

  redeemCode(
    client: OAuthClientSpec,
    code: string | null,
    redirectUri: string | null,
    codeVerifier: string | null,
  ): TokenResponse | OAuthError {
    if (!code) return oauthError(400, 'invalid_request', 'Missing parameter: `code`');
    const record = this.codes.get(code);
    if (!record || record.clientId !== client.clientId) return oauthError(400, 'invalid_grant', 'Invalid code');
    if (record.used) {
      // A replayed code is refused, and (RFC 6749 §4.1.2) what it bought is withdrawn: that code's
      // tokens only, so another wall of the same household stays signed in.
      if (record.grant !== undefined) this.revokeGrant(record.grant);
      return oauthError(400, 'invalid_grant', 'Invalid code');
    }
    if (record.expiresAt <= this.now()) {
      this.codes.delete(code);
      return oauthError(400, 'invalid_grant', 'Code has expired');
    }
    if (redirectUri !== null && redirectUri !== record.redirectUri) {
      return oauthError(400, 'invalid_grant', 'Invalid code: redirect_uri does not match');
    }
    if (record.codeChallenge !== undefined) {
      if (!codeVerifier) return oauthError(400, 'invalid_grant', 'Missing parameter: `code_verifier`');
      const expected =
        record.codeChallengeMethod === 'plain'
          ? codeVerifier
          : createHash('sha256').update(codeVerifier).digest('base64url');
      if (!safeEqual(expected, record.codeChallenge)) return oauthError(400, 'invalid_grant', 'Invalid code verifier');
    }
    record.used = true;
    record.grant = newToken();
    return this.issueTokens(record.clientId, record.userId, record.scopes, record.grant);
  }

  refreshTokens(client: OAuthClientSpec, refreshToken: string | null): TokenResponse | OAuthError {
    if (!refreshToken) return oauthError(400, 'invalid_request', 'Missing parameter: `refresh_token`');
    const { policy, graceSeconds } = this.refreshPolicy();
    this.pruneSpent(graceSeconds);
    const record = this.refresh.get(refreshToken);
    if (!record || record.clientId !== client.clientId) {
      const spent = this.spent.get(refreshToken);
      if (policy === 'grace' && spent && spent.clientId === client.clientId) return this.answerAgain(spent);
      return oauthError(400, 'invalid_grant', 'Invalid refresh token');
    }
    if (record.expiresAt !== undefined && record.expiresAt <= this.now()) {
      this.refresh.delete(refreshToken);
      return oauthError(400, 'invalid_grant', 'Refresh token has expired');
    }
    if (policy === 'reuse') {
      // node-oauth2-server with alwaysIssueNewRefreshToken off: a new access token, the same refresh token.
      const access = this.issueAccess(record.clientId, record.userId, record.scopes, record.grant);
      return { ...access, refresh_token: refreshToken };
    }
    // Rotation: the refresh token is spent; only the new one works from now on (under `grace`, the
    // spent one still answers for a while, see answerAgain).
    this.refresh.delete(refreshToken);
    const answer = this.issueTokens(record.clientId, record.userId, record.scopes, record.grant);
    this.spent.set(refreshToken, {
      clientId: record.clientId,
      grant: record.grant,
      spentAt: this.now(),
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token,
    });
    return answer;
  }

  /** A rotated refresh token used again inside the grace window gets the pair its rotation issued. */
  private answerAgain(spent: SpentRefresh): TokenResponse | OAuthError {
    const access = this.access.get(spent.accessToken);
    const now = this.now();
    if (access && access.expiresAt > now) {
      return {
        token_type: 'bearer',
        access_token: access.token,
        expires_in: Math.ceil((access.expiresAt - now) / 1000),
        refresh_token: spent.refreshToken,
      };
    }
    // That access token is already dead (a lifetime shorter than the window): a fresh one, same pair otherwise.
    const owner = access ?? this.refresh.get(spent.refreshToken);
    if (!owner) return oauthError(400, 'invalid_grant', 'Invalid refresh token');
    const fresh = this.issueAccess(spent.clientId, owner.userId, owner.scopes, spent.grant);
    spent.accessToken = fresh.access_token;
    return { ...fresh, refresh_token: spent.refreshToken };
  }

  private pruneSpent(graceSeconds: number): void {
    const oldest = this.now() - graceSeconds * 1000;
    for (const [token, record] of this.spent) if (record.spentAt <= oldest) this.spent.delete(token);
  }

  private issueAccess(clientId: string, userId: string, scopes: string[], grant: string): Omit<TokenResponse, 'refresh_token'> {
    const accessToken = newToken();
    const expiresIn = this.lifetimes().accessTokenSeconds;
    this.access.set(accessToken, { token: accessToken, clientId, userId, scopes, expiresAt: this.now() + expiresIn * 1000, grant });
    return { token_type: 'bearer', access_token: accessToken, expires_in: expiresIn };
  }

  private issueTokens(clientId: string, userId: string, scopes: string[], grant: string): TokenResponse {
    const access = this.issueAccess(clientId, userId, scopes, grant);
    const refreshToken = newToken();
    this.refresh.set(refreshToken, { clientId, userId, scopes, expiresAt: undefined, grant });
    return { ...access, refresh_token: refreshToken };
  }

  /** The access token behind an `Authorization: Bearer` header, or why it is refused. */
  checkAccess(authorization: string | undefined): AccessRecord | OAuthError {
    const token = bearer(authorization);
    const record = token ? this.access.get(token) : undefined;
    if (!record) return oauthError(401, 'invalid_token', 'Invalid token: access token is invalid');
    if (record.expiresAt <= this.now()) return oauthError(401, 'invalid_token', 'Invalid token: access token has expired');
    return record;
  }

  private revokeGrant(grant: string): void {
    for (const [token, r] of this.access) if (r.grant === grant) this.access.delete(token);
    for (const [token, r] of this.refresh) if (r.grant === grant) this.refresh.delete(token);
    for (const [token, r] of this.spent) if (r.grant === grant) this.spent.delete(token);
  }

  /** Test control: make tokens expire now (`expire`) or forget them (`revoke`). */
  control(action: 'expire' | 'revoke', kind: 'access' | 'refresh' | 'code' | 'all', token?: string): number {
    const now = this.now();
    let count = 0;
    const apply = <T extends { expiresAt: number | undefined }>(map: Map<string, T>) => {
      for (const [key, record] of map) {
        if (token !== undefined && key !== token) continue;
        if (action === 'revoke') map.delete(key);
        else record.expiresAt = now;
        count++;
      }
    };
    if (kind === 'access' || kind === 'all') apply(this.access);
    if (kind === 'refresh' || kind === 'all') {
      apply(this.refresh);
      // A token killed by a test must not live on through the grace window.
      for (const key of this.spent.keys()) if (token === undefined || key === token) this.spent.delete(key);
    }
    if (kind === 'code' || kind === 'all') apply(this.codes);
    return count;
  }

  counts(): { codes: number; accessTokens: number; refreshTokens: number } {
    return { codes: this.codes.size, accessTokens: this.access.size, refreshTokens: this.refresh.size };
  }
}

export function bearer(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  return match?.[1]?.trim();
}

export function isOAuthError(value: unknown): value is OAuthError {
  return typeof value === 'object' && value !== null && 'status' in value && 'body' in value;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
