import { randomUUID } from 'node:crypto';
import { HttpError, parseJsonBody } from '../http.ts';
import type { Request, Response, Router } from '../http.ts';
import type { Clock } from '../control/clock.ts';
import type { Lifetimes } from '../control/wire-types.ts';
import type { Signer } from '../jwt.ts';
import type { Device, Flow } from '../home-state/types.ts';
import { isResolution } from '../home-state/insights/resolutions.ts';
import { applyWrite, checkWrite } from './capability-write.ts';
import type { HomeyRuntime, HomeySession } from './runtime.ts';
import { hasScopes, intersectedScopes, operation } from './scopes.ts';

// A Homey Pro's Web API (v3, `/api/manager/...`), the endpoints a dashboard uses. Paths and the
// scope each one needs are read from Athom's specification rather than typed in again.

export interface HomeyContext {
  clock: Clock;
  lifetimes: () => Lifetimes;
  signer: Signer;
  runtime: () => HomeyRuntime;
}

export function homeyError(status: number, message: string): HttpError {
  return new HttpError(status, { error: message, error_description: message, statusCode: status });
}

type Handler = (req: Request, session: HomeySession, runtime: HomeyRuntime) => unknown;

export function addHomeyRoutes(router: Router, ctx: HomeyContext): void {
  const op = (manager: string, operationId: string, handler: Handler, needsSession = true) => {
    const spec = operation(manager, operationId);
    router.add(spec.method, spec.fullPath, (req) => {
      const runtime = ctx.runtime();
      let session: HomeySession | undefined;
      if (needsSession) {
        const auth = runtime.authenticate(req.headers.authorization);
        if (!auth.ok) throw homeyError(401, auth.message);
        session = auth.session;
        if (!hasScopes(session.scopes, spec.scopes)) {
          throw homeyError(403, `Missing Scopes: ${(spec.scopes ?? []).join(', ')}`);
        }
      }
      const body = handler(req, session as HomeySession, runtime);
      return { status: 200, body, json: true } satisfies Response;
    });
  };

  op('ManagerSystem', 'ping', (req, _s, runtime) => {
    const id = req.url.searchParams.get('id');
    // A different id means the client reached the wrong Homey (e.g. a reused LAN address).
    return id === null || id === runtime.id;
  }, false);

  op('ManagerSystem', 'getSystemName', (_req, _s, runtime) => runtime.spec.name);

  op('ManagerUsers', 'login', (req, _s, runtime) => {
    const body = parseJsonBody(req, (m) => homeyError(400, m));
    const jwt = typeof body === 'object' && body !== null ? (body as { token?: unknown }).token : undefined;
    const result = runtime.login(jwt, ctx.signer, ctx.lifetimes());
    if (!result.ok) throw homeyError(401, result.message);
    return result.token;
  }, false);

  op('ManagerSessions', 'getSessionMe', (_req, session) => ({
    id: session.id,
    type: session.type,
    scopes: session.scopes,
    intersectedScopes: intersectedScopes(session.scopes),
  }));

  op('ManagerUsers', 'getUserMe', (_req, _s, runtime) => runtime.spec.me);

  op('ManagerDevices', 'getDevices', (_req, _s, runtime) => runtime.spec.devices);
  op('ManagerDevices', 'getDevice', (req, _s, runtime) => findDevice(runtime, req.params.id));
  op('ManagerDevices', 'getCapabilityValue', (req, _s, runtime) => {
    const device = findDevice(runtime, req.params.deviceId);
    const capability = device.capabilitiesObj[req.params.capabilityId ?? ''];
    if (!capability) throw homeyError(404, `Capability Not Found: ${req.params.capabilityId}`);
    if (capability.getable === false) throw homeyError(400, `Capability Not Getable: ${req.params.capabilityId}`);
    return capability.value;
  });
  op('ManagerDevices', 'setCapabilityValue', (req, _s, runtime) => {
    const device = findDevice(runtime, req.params.deviceId);
    const capabilityId = req.params.capabilityId ?? '';
    const body = parseJsonBody(req, (m) => homeyError(400, m));
    const check = checkWrite(device, capabilityId, body);
    if (!check.ok) throw homeyError(check.status, check.message);
    const given = (body as { transactionId?: unknown }).transactionId;
    const transactionId = typeof given === 'string' ? given : randomUUID();
    const transactionTime = runtime.realtime.nextTransactionTime();
    const changed = applyWrite(device, capabilityId, check.value, new Date(transactionTime).toISOString());
    for (const id of changed) {
      const value = device.capabilitiesObj[id]?.value;
      if (typeof value === 'number' || typeof value === 'boolean') runtime.insights.record(device.id, id, value, transactionTime);
      // The write's own transaction is echoed on its capability, so the writer can tell it from others'.
      runtime.realtime.capability(device, id, id === capabilityId ? { transactionId, transactionTime } : {});
    }
    // The answer a Homey gives (seen in a captured PUT, docs/homey-web-api.md §2).
    return { transactionId, transactionTime, value: check.value };
  });

  op('ManagerZones', 'getZones', (_req, _s, runtime) => runtime.spec.zones);
  op('ManagerZones', 'getZone', (req, _s, runtime) => {
    const zone = runtime.spec.zones[req.params.id ?? ''];
    if (!zone) throw homeyError(404, `Zone Not Found: ${req.params.id}`);
    return zone;
  });

  op('ManagerInsights', 'getLogs', (_req, _s, runtime) => runtime.insights.logs());
  op('ManagerInsights', 'getLog', (req, _s, runtime) => {
    const log = runtime.insights.logs()[req.params.id ?? ''];
    if (!log) throw homeyError(404, `Log Not Found: ${req.params.id}`);
    return log;
  });
  op('ManagerInsights', 'getLogEntries', (req, _s, runtime) => {
    const { uri = '', id = '' } = req.params;
    // v3 log ids start with their owner's uri: `homey:device:<d>` / `homey:device:<d>:<capability>`.
    if (!id.startsWith(`${uri}:`)) throw homeyError(404, `Log Not Found: ${id}`);
    const resolution = req.url.searchParams.get('resolution') ?? 'last24Hours';
    if (!isResolution(resolution)) throw homeyError(400, `Invalid Resolution: ${resolution}`);
    const entries = runtime.insights.entries(id, resolution, ctx.clock.now());
    if (!entries) throw homeyError(404, `Log Not Found: ${id}`);
    return entries;
  });

  const flowRoutes = (kind: 'flow' | 'advancedflow') => {
    const suffix = kind === 'flow' ? 'Flow' : 'AdvancedFlow';
    const map = (runtime: HomeyRuntime) => (kind === 'flow' ? runtime.spec.flows : runtime.spec.advancedFlows);
    const find = (runtime: HomeyRuntime, id: string | undefined): Flow => {
      const flow = map(runtime)[id ?? ''];
      if (!flow) throw homeyError(404, `${suffix} Not Found: ${id}`);
      return flow;
    };
    op('ManagerFlow', `get${suffix}s`, (_req, _s, runtime) => map(runtime));
    op('ManagerFlow', `get${suffix}`, (req, _s, runtime) => find(runtime, req.params.id));
    op('ManagerFlow', `trigger${suffix}`, (req, _s, runtime) => {
      const flow = find(runtime, req.params.id);
      if (flow.enabled === false) throw homeyError(400, `${suffix} Disabled: ${flow.name}`);
      if (flow.triggerable === false) throw homeyError(400, `${suffix} Not Triggerable: ${flow.name}`);
      return true;
    });
  };
  flowRoutes('flow');
  flowRoutes('advancedflow');

  op('ManagerWeather', 'getWeather', (_req, _s, runtime) => runtime.spec.weather);
}

function findDevice(runtime: HomeyRuntime, id: string | undefined): Device {
  const device = runtime.spec.devices[id ?? ''];
  if (!device) throw homeyError(404, `Device Not Found: ${id}`);
  return device;
}
