import { randomBytes, randomUUID } from 'node:crypto';
import { uuidFromSeed } from '../ids.ts';
import type { Clock } from '../control/clock.ts';
import type { Lifetimes, RouteMode, RouteName } from '../control/wire-types.ts';
import type { HomeySpec } from '../home-state/types.ts';
import { InsightsStore } from '../home-state/insights/insights-store.ts';
import type { Signer } from '../jwt.ts';
import { bearer } from '../cloud/auth-store.ts';
import { RealtimeHub } from './realtime-hub.ts';

// One emulated Homey Pro: its home, its Insights, its sessions, and how reachable it is on each
// route. A real Homey answers on a LAN address and through Athom's cloud relay; here each route
// is its own port, so a test can take one away and watch a client fall back to the other.

export interface HomeySession {
  id: string;
  token: string;
  type: 'OAUTH' | 'PAT';
  userId: string | undefined;
  scopes: string[];
  expiresAt: number | undefined;
}

export type AuthResult = { ok: true; session: HomeySession } | { ok: false; message: string };

export class HomeyRuntime {
  readonly sessions = new Map<string, HomeySession>();
  readonly routeModes: Record<RouteName, RouteMode> = { local: 'online', remote: 'online' };
  /** Athom's relay refuses a Homey Cloud/Pro whose subscription lapsed (homey-api DiscoveryManager). */
  subscriptionActive = true;
  /** `localSecure` only when the local listener speaks https too (`--local-https`). */
  readonly urls: Record<RouteName, string> & { localSecure?: string } = { local: '', remote: '' };
  readonly insights: InsightsStore;

  constructor(
    readonly spec: HomeySpec,
    private readonly clock: Clock,
    seed: number,
    /** Its realtime socket's events and connections; passed in so they outlive a control reset. */
    readonly realtime: RealtimeHub = new RealtimeHub(clock),
  ) {
    this.insights = new InsightsStore(spec, { now: clock.now(), seed });
  }

  get id(): string {
    return this.spec.id;
  }

  /** The entry for this Homey in Athom's `GET /user/me` (docs/homey-web-api.md §1, step 4). */
  cloudDescription(): Record<string, unknown> {
    return {
      _id: this.spec.id,
      id: this.spec.id,
      name: this.spec.name,
      role: 'owner',
      apiVersion: 3,
      platform: 'local',
      platformVersion: 2,
      model: 'homey6',
      softwareVersion: this.spec.softwareVersion,
      language: this.spec.language ?? 'en',
      // A real Homey's secure local address is https on *.homeylocal.com. Without `--local-https`
      // the emulator has no TLS, so both local addresses name the same loopback listener.
      localUrl: this.urls.local,
      localUrlSecure: this.urls.localSecure ?? this.urls.local,
      remoteUrl: this.urls.remote,
      remoteUrlForwarded: null,
    };
  }

  /** `POST users/login`: a delegation JWT for this Homey buys a session token. */
  login(jwt: unknown, signer: Signer, lifetimes: Lifetimes): { ok: true; token: string } | { ok: false; message: string } {
    if (typeof jwt !== 'string' || jwt === '') return { ok: false, message: 'Missing token' };
    const verified = signer.verify(jwt, Math.floor(this.clock.now() / 1000));
    if (!verified.ok) return { ok: false, message: verified.reason };
    const { claims } = verified;
    if (claims.aud !== 'homey') return { ok: false, message: 'Invalid token: audience' };
    if (!claims.homeys.includes(this.spec.id)) return { ok: false, message: 'This user has no access to this Homey' };
    const token = `${randomUUID()}:${randomUUID()}:${randomBytes(20).toString('hex')}`;
    this.sessions.set(token, {
      id: randomUUID(),
      token,
      type: 'OAUTH',
      userId: claims.sub,
      scopes: claims.scope.length ? claims.scope : ['homey'],
      expiresAt: this.clock.now() + lifetimes.homeySessionSeconds * 1000,
    });
    return { ok: true, token };
  }

  /** A session from the bearer token: a Homey session, or an API key from the fixture (local mode). */
  authenticate(authorization: string | undefined): AuthResult {
    const token = bearer(authorization);
    if (!token) return { ok: false, message: 'Missing Authorization' };
    const session = this.sessions.get(token);
    if (session) {
      if (session.expiresAt !== undefined && session.expiresAt <= this.clock.now()) {
        return { ok: false, message: 'Session expired' };
      }
      return { ok: true, session };
    }
    const key = this.spec.apiKeys.find((k) => k.token === token);
    if (key) {
      return {
        ok: true,
        // A PAT's session id must be stable across requests and look like the uuid the schema wants.
        session: { id: uuidFromSeed(`pat:${key.token}`), token, type: 'PAT', userId: this.spec.me.id, scopes: key.scopes, expiresAt: undefined },
      };
    }
    return { ok: false, message: 'Invalid Session' };
  }

  /** Test control: expire (keep, but dead) or revoke (forget) one or every session. */
  controlSessions(action: 'expire' | 'revoke', token?: string): number {
    let count = 0;
    for (const [key, session] of this.sessions) {
      if (token !== undefined && key !== token) continue;
      if (action === 'revoke') this.sessions.delete(key);
      else session.expiresAt = this.clock.now();
      count++;
    }
    // A socket that hand-shook with an ended session ends too.
    if (count > 0) this.realtime.sweep();
    return count;
  }
}

