import { HttpError, parseJsonBody } from '../http.ts';
import type { Request, Response, Router } from '../http.ts';
import type { AuthStore } from '../cloud/auth-store.ts';
import type { HomeyRuntime } from '../homey-api/runtime.ts';
import type { Clock } from './clock.ts';
import { parseFaultInput } from './faults.ts';
import type { Faults } from './faults.ts';
import { parseLifetimes } from './lifetimes.ts';
import { parseRefreshTokenPolicy } from './refresh-token-policy.ts';
import type { Stats } from './stats.ts';
import type { EmulatorInfo, Lifetimes, RefreshTokenPolicy, RouteMode, RouteName } from './wire-types.ts';

// The test-control API, on the cloud port under /__emulator/ only. Nothing here exists on the
// real services; it lets tests and the demo drive the world (README "Emulator control API").

export interface ControlContext {
  clock: Clock;
  faults: Faults;
  stats: Stats;
  auth: AuthStore;
  homeys: () => Map<string, HomeyRuntime>;
  info: () => EmulatorInfo;
  getLifetimes: () => Lifetimes;
  setLifetimes: (next: Partial<Lifetimes>) => void;
  getRefreshTokenPolicy: () => RefreshTokenPolicy;
  setRefreshTokenPolicy: (next: Partial<RefreshTokenPolicy>) => void;
  reset: () => void;
}

const ok = (body: unknown = { ok: true }): Response => ({ status: 200, body });
const bad = (message: string) => new HttpError(400, { error: 'invalid_request', error_description: message });

function body(req: Request): Record<string, unknown> {
  const value = parseJsonBody(req, bad);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('Expected a JSON object');
  return value as Record<string, unknown>;
}

export function addControlRoutes(router: Router, ctx: ControlContext): void {
  const homey = (id: string | undefined): HomeyRuntime => {
    const runtime = ctx.homeys().get(id ?? '');
    if (!runtime) throw new HttpError(404, { error: 'not_found', error_description: `No Homey with id ${id}` });
    return runtime;
  };

  router.add('GET', '/__emulator/info', () => ok(ctx.info()));

  router.add('PUT', '/__emulator/homeys/:homeyId/devices/:deviceId/capabilities/:capabilityId', (req) => {
    const runtime = homey(req.params.homeyId);
    const device = runtime.spec.devices[req.params.deviceId ?? ''];
    if (!device) throw new HttpError(404, { error: 'not_found', error_description: `No device ${req.params.deviceId}` });
    const capability = device.capabilitiesObj[req.params.capabilityId ?? ''];
    if (!capability) throw new HttpError(404, { error: 'not_found', error_description: `No capability ${req.params.capabilityId}` });
    const { value } = body(req);
    if (value !== null && !['number', 'boolean', 'string'].includes(typeof value)) throw bad('value must be a number, boolean, string or null');
    // Sensors are not setable through the Homey API; this is how a test makes one report a value.
    const now = ctx.clock.now();
    capability.value = value;
    capability.lastUpdated = new Date(now).toISOString();
    if (typeof value === 'number' || typeof value === 'boolean') runtime.insights.record(device.id, capability.id, value, now);
    runtime.realtime.capability(device, req.params.capabilityId ?? '');
    return ok({ value });
  });

  router.add('PUT', '/__emulator/homeys/:homeyId/devices/:deviceId', (req) => {
    const runtime = homey(req.params.homeyId);
    const device = runtime.spec.devices[req.params.deviceId ?? ''];
    if (!device) throw new HttpError(404, { error: 'not_found', error_description: `No device ${req.params.deviceId}` });
    const patch = body(req);
    for (const key of ['available', 'unavailableMessage', 'name'] as const) {
      if (key in patch) device[key] = patch[key] as never;
    }
    runtime.realtime.item('devices', 'device.update', device);
    return ok(device);
  });

  router.add('GET', '/__emulator/lifetimes', () => ok(ctx.getLifetimes()));
  router.add('PUT', '/__emulator/lifetimes', (req) => {
    const parsed = parseLifetimes(body(req));
    if (typeof parsed === 'string') throw bad(parsed);
    ctx.setLifetimes(parsed);
    return ok(ctx.getLifetimes());
  });

  router.add('GET', '/__emulator/refresh-token-policy', () => ok(ctx.getRefreshTokenPolicy()));
  router.add('PUT', '/__emulator/refresh-token-policy', (req) => {
    const parsed = parseRefreshTokenPolicy(body(req));
    if (typeof parsed === 'string') throw bad(parsed);
    ctx.setRefreshTokenPolicy(parsed);
    return ok(ctx.getRefreshTokenPolicy());
  });

  // Expire keeps a token but makes it dead now; revoke forgets it. `kind` names which tokens.
  for (const action of ['expire', 'revoke'] as const) {
    router.add('POST', `/__emulator/${action}`, (req) => {
      const b = body(req);
      const kind = b.kind;
      const token = b.token === undefined ? undefined : String(b.token);
      if (kind === 'client') {
        if (action !== 'revoke') throw bad('Clients can only be revoked');
        if (!ctx.auth.revokeClient(String(b.clientId))) throw bad(`No client ${String(b.clientId)}`);
        return ok({ count: 1 });
      }
      if (!['access', 'refresh', 'code', 'session', 'all'].includes(String(kind))) {
        throw bad('kind must be one of access, refresh, code, session, all, client');
      }
      let count = 0;
      if (kind !== 'session') count += ctx.auth.control(action, kind as 'access' | 'refresh' | 'code' | 'all', token);
      if (kind === 'session' || kind === 'all') {
        const only = b.homeyId === undefined ? [...ctx.homeys().values()] : [homey(String(b.homeyId))];
        for (const h of only) count += h.controlSessions(action, token);
      }
      return ok({ count });
    });
  }

  router.add('GET', '/__emulator/faults', () => ok(ctx.faults.list()));
  router.add('POST', '/__emulator/faults', (req) => {
    const parsed = parseFaultInput(body(req));
    if (typeof parsed === 'string') throw bad(parsed);
    return ok(ctx.faults.add(parsed));
  });
  router.add('DELETE', '/__emulator/faults', () => {
    ctx.faults.clear();
    return ok();
  });
  router.add('DELETE', '/__emulator/faults/:id', (req) => {
    if (!ctx.faults.remove(req.params.id ?? '')) throw new HttpError(404, { error: 'not_found', error_description: 'No such fault' });
    return ok();
  });

  router.add('POST', '/__emulator/homeys/:homeyId/offline', (req) => {
    const runtime = homey(req.params.homeyId);
    const b = req.rawBody.length ? body(req) : {};
    const route = (b.route ?? 'all') as RouteName | 'all';
    const mode = (b.mode ?? 'refuse') as RouteMode;
    if (!['local', 'remote', 'all'].includes(route)) throw bad('route must be local, remote or all');
    if (!['refuse', 'hang'].includes(mode)) throw bad('mode must be refuse or hang');
    for (const r of route === 'all' ? (['local', 'remote'] as const) : [route]) runtime.routeModes[r] = mode;
    return ok(runtime.routeModes);
  });
  router.add('POST', '/__emulator/homeys/:homeyId/online', (req) => {
    const runtime = homey(req.params.homeyId);
    runtime.routeModes.local = 'online';
    runtime.routeModes.remote = 'online';
    return ok(runtime.routeModes);
  });

  router.add('POST', '/__emulator/homeys/:homeyId/subscription', (req) => {
    const runtime = homey(req.params.homeyId);
    const b = body(req);
    if (typeof b.active !== 'boolean') throw bad('active must be true or false');
    runtime.subscriptionActive = b.active;
    return ok({ active: runtime.subscriptionActive });
  });

  router.add('GET', '/__emulator/stats', () => ok(ctx.stats.snapshot()));
  router.add('DELETE', '/__emulator/stats', () => {
    ctx.stats.reset();
    return ok();
  });

  router.add('GET', '/__emulator/clock', () => ok({ now: new Date(ctx.clock.now()).toISOString(), offsetMs: ctx.clock.offset }));
  router.add('POST', '/__emulator/clock', (req) => {
    const { advanceMs } = body(req);
    if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0) throw bad('advanceMs must be a non-negative number');
    ctx.clock.advance(advanceMs);
    return ok({ now: new Date(ctx.clock.now()).toISOString(), offsetMs: ctx.clock.offset });
  });

  router.add('POST', '/__emulator/reset', () => {
    ctx.reset();
    return ok();
  });
}
