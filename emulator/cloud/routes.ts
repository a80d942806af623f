import { HttpError, parseFormBody } from '../http.ts';
import type { Request, Response, Router } from '../http.ts';
import type { Clock } from '../control/clock.ts';
import type { Lifetimes } from '../control/wire-types.ts';
import type { Signer } from '../jwt.ts';
import type { UserSpec } from '../home-state/types.ts';
import type { HomeyRuntime } from '../homey-api/runtime.ts';
import { isOAuthError } from './auth-store.ts';
import { iconResponse } from './icons.ts';
import type { AuthStore } from './auth-store.ts';
import { errorPage, signInPage } from './sign-in-page.ts';

// api.athom.com as far as a dashboard meets it: the OAuth2 authorisation page and token endpoint,
// the user with their Homeys, and delegation tokens for logging in to a Homey (docs/homey-web-api.md §1).

export interface CloudContext {
  clock: Clock;
  lifetimes: () => Lifetimes;
  auth: AuthStore;
  signer: Signer;
  cloudUrl: () => string;
  homeys: () => Map<string, HomeyRuntime>;
}

const html = (status: number, body: string): Response => ({
  status,
  headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  body,
});

const DEFAULT_SCOPES = ['homey'];

export function addCloudRoutes(router: Router, ctx: CloudContext): void {
  router.add('GET', '/oauth2/authorise', (req) => authorise(req, ctx));
  router.add('POST', '/oauth2/authorise', (req) => authorise(req, ctx));
  router.add('POST', '/oauth2/token', (req) => token(req, ctx));
  router.add('GET', '/user/me', (req) => userMe(req, ctx));
  router.add('POST', '/delegation/token', (req) => delegationToken(req, ctx));
  router.add('GET', '/delegation/key', () => ({ status: 200, body: ctx.signer.publicKeyPem, json: true }));
  // Athom's icon host, on this listener so the demo never leaves loopback (icons.ts).
  router.add('GET', '/icons/:file', (req) => iconResponse(req.params.file ?? '', ctx.homeys().values()));
}

function authorise(req: Request, ctx: CloudContext): Response {
  const q = req.url.searchParams;
  const clientId = q.get('client_id');
  const redirectUri = q.get('redirect_uri');
  const client = ctx.auth.findClient(clientId);
  // Without a trustworthy redirect_uri there is nowhere safe to send the user: show an error page.
  if (!client) return html(400, errorPage(`Unknown client: ${clientId ?? '(none)'}`));
  if (!redirectUri || !ctx.auth.redirectAllowed(client, redirectUri)) {
    return html(400, errorPage(`The redirect_uri ${redirectUri ?? '(none)'} is not registered for this client.`));
  }

  const state = q.get('state');
  const back = (params: Record<string, string>): Response => {
    const target = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
    if (state !== null) target.searchParams.set('state', state);
    return { status: 302, headers: { Location: target.toString(), 'Cache-Control': 'no-store' } };
  };

  if (q.get('response_type') !== 'code') {
    return back({ error: 'unsupported_response_type', error_description: 'Only response_type=code is supported' });
  }
  const challenge = q.get('code_challenge') ?? undefined;
  const challengeMethod = q.get('code_challenge_method') ?? (challenge ? 'plain' : undefined);
  if (challengeMethod !== undefined && challengeMethod !== 'S256' && challengeMethod !== 'plain') {
    return back({ error: 'invalid_request', error_description: 'Unsupported code_challenge_method' });
  }

  const action = `${req.url.pathname}${req.url.search}`;
  const clientName = client.name ?? client.clientId;
  const accounts = ctx.auth.accounts();
  if (req.method === 'GET') return html(200, signInPage({ clientName, action, accounts }));

  const form = parseFormBody(req);
  if (form.get('decision') === 'deny') {
    return back({ error: 'access_denied', error_description: 'The user denied access' });
  }
  const email = form.get('email') ?? '';
  const user = ctx.auth.authenticateUser(email, form.get('password') ?? '');
  if (!user?.id) {
    return html(401, signInPage({ clientName, action, email, accounts, error: 'Incorrect email address or password.' }));
  }
  const scopes = parseScopes(q.get('scope'));
  const code = ctx.auth.issueCode({
    clientId: client.clientId,
    redirectUri,
    userId: user.id,
    scopes,
    codeChallenge: challenge,
    codeChallengeMethod: challengeMethod,
  });
  return back({ code });
}

// The official client joins scopes with commas; OAuth2 says spaces. Accept both.
function parseScopes(raw: string | null): string[] {
  const scopes = (raw ?? '').split(/[\s,]+/).filter(Boolean);
  return scopes.length ? scopes : DEFAULT_SCOPES;
}

function token(req: Request, ctx: CloudContext): Response {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (!type.includes('application/x-www-form-urlencoded')) {
    return oauthAnswer({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Invalid request: content must be application/x-www-form-urlencoded' },
    });
  }
  const form = parseFormBody(req);
  const grantType = form.get('grant_type');
  if (!grantType) {
    return oauthAnswer({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Invalid or missing grant_type parameter' },
    });
  }
  const client = ctx.auth.authenticateClient(req.headers.authorization, form);
  if (isOAuthError(client)) return oauthAnswer(client);

  switch (grantType) {
    case 'authorization_code':
      return oauthAnswer(ctx.auth.redeemCode(client, form.get('code'), form.get('redirect_uri'), form.get('code_verifier')));
    case 'refresh_token':
      return oauthAnswer(ctx.auth.refreshTokens(client, form.get('refresh_token')));
    default:
      return oauthAnswer({
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: 'Unsupported grant type: `grant_type` is invalid' },
      });
  }
}

function oauthAnswer(result: unknown): Response {
  const headers = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
  if (isOAuthError(result)) {
    const extra: Record<string, string> =
      result.status === 401 ? { 'WWW-Authenticate': 'Basic realm="Service"' } : {};
    return { status: result.status, headers: { ...headers, ...extra }, body: result.body };
  }
  return { status: 200, headers, body: result };
}

function requireUser(req: Request, ctx: CloudContext): UserSpec {
  const access = ctx.auth.checkAccess(req.headers.authorization);
  if (isOAuthError(access)) throw new HttpError(access.status, access.body);
  const user = ctx.auth.findUser(access.userId);
  if (!user) throw new HttpError(401, { error: 'invalid_token', error_description: 'Invalid token: user no longer exists' });
  return user;
}

function userMe(req: Request, ctx: CloudContext): Response {
  const user = requireUser(req, ctx);
  const homeys = user.homeys.flatMap((id) => {
    const runtime = ctx.homeys().get(id);
    return runtime ? [runtime.cloudDescription()] : [];
  });
  return {
    status: 200,
    body: {
      _id: user.id,
      firstname: user.firstname,
      lastname: user.lastname,
      email: user.email,
      roleIds: [],
      // The official client maps `devices` unconditionally and crashes without it (docs/homey-web-api.md §1).
      devices: [],
      homeys,
    },
  };
}

function delegationToken(req: Request, ctx: CloudContext): Response {
  const access = ctx.auth.checkAccess(req.headers.authorization);
  if (isOAuthError(access)) throw new HttpError(access.status, access.body);
  const user = ctx.auth.findUser(access.userId);
  if (!user) throw new HttpError(401, { error: 'invalid_token', error_description: 'Invalid token: user no longer exists' });
  const audience = req.url.searchParams.get('audience');
  if (audience !== 'homey') {
    throw new HttpError(400, { error: 'invalid_request', error_description: `Invalid audience: ${audience ?? '(none)'}` });
  }
  const nowSeconds = Math.floor(ctx.clock.now() / 1000);
  const jwt = ctx.signer.sign({
    sub: user.id ?? '',
    aud: 'homey',
    iss: ctx.cloudUrl(),
    iat: nowSeconds,
    exp: nowSeconds + ctx.lifetimes().delegationTokenSeconds,
    scope: access.scopes,
    homeys: user.homeys,
    client: access.clientId,
  });
  // A bare JSON string, as the real endpoint answers.
  return { status: 200, body: jwt, json: true };
}
