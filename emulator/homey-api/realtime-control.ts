import { randomUUID } from 'node:crypto';
import { HttpError, parseJsonBody } from '../http.ts';
import type { Request, Response, Router } from '../http.ts';
import type { RouteName } from '../control/wire-types.ts';
import type { Device, Flow, HomeySpec, Zone } from '../home-state/types.ts';
import type { ManagerId } from './realtime-hub.ts';
import type { HomeyRuntime } from './runtime.ts';

// The test-control API for a Homey's realtime socket (cloud port, /__emulator/ only): break its
// connections the ways a wall tablet meets (a transport gone, the Homey hanging up, a socket that
// went silent during sleep, handshakes refused, events late), and change the home in the ways a
// Homey announces on its managers: devices, zones and flows created, changed and deleted.

export interface RealtimeControlContext {
  homeys: () => Map<string, HomeyRuntime>;
  /** The emulator's clock (epoch ms). */
  now: () => number;
}

const ok = (body: unknown = { ok: true }): Response => ({ status: 200, body });
const bad = (message: string) => new HttpError(400, { error: 'invalid_request', error_description: message });
const notFound = (message: string) => new HttpError(404, { error: 'not_found', error_description: message });

function body(req: Request): Record<string, unknown> {
  const value = parseJsonBody(req, bad);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('Expected a JSON object');
  return value as Record<string, unknown>;
}

function optionalBody(req: Request): Record<string, unknown> {
  return req.rawBody.length ? body(req) : {};
}

function targetRoute(b: Record<string, unknown>): RouteName | undefined {
  const route = b.route ?? 'all';
  if (route !== 'local' && route !== 'remote' && route !== 'all') throw bad('route must be local, remote or all');
  return route === 'all' ? undefined : route;
}

function nonNegative(b: Record<string, unknown>, key: string, fallback?: number): number {
  const value = b[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw bad(`${key} must be a non-negative number`);
  return value;
}

/** A collection of the home the socket announces on a manager, and what a control call may set on its items. */
interface Collection<T extends { id: string; name: string }> {
  path: string;
  manager: ManagerId;
  /** The event prefix: `device`, `zone`, `flow`, `advancedflow`. */
  item: string;
  map: (spec: HomeySpec) => Record<string, T>;
  /** A new item from what the test gave; unnamed fields get the values a freshly made item has. */
  create: (input: Record<string, unknown>, spec: HomeySpec) => T;
  /** Fields `PUT` may change; devices have their `PUT` in the main control API already. */
  editable?: readonly string[];
}

const devices: Collection<Device> = {
  path: 'devices',
  manager: 'devices',
  item: 'device',
  map: (spec) => spec.devices,
  create: (input, spec) => {
    const capabilitiesObj = (input.capabilitiesObj ?? {}) as Device['capabilitiesObj'];
    return {
      class: 'other',
      zone: Object.values(spec.zones).find((z) => z.parent === null)?.id,
      available: true,
      ready: true,
      unavailableMessage: null,
      ...input,
      id: input.id as string,
      name: input.name as string,
      capabilities: Array.isArray(input.capabilities) ? (input.capabilities as string[]) : Object.keys(capabilitiesObj),
      capabilitiesObj,
    };
  },
};

const zones: Collection<Zone> = {
  path: 'zones',
  manager: 'zones',
  item: 'zone',
  map: (spec) => spec.zones,
  create: (input, spec) => ({
    parent: Object.values(spec.zones).find((z) => z.parent === null)?.id ?? null,
    icon: 'default',
    active: false,
    activeOrigins: [],
    activeLastUpdated: null,
    ...input,
    id: input.id as string,
    name: input.name as string,
  }),
  editable: ['name', 'parent', 'icon', 'active'],
};

const flowCollection = (path: string, item: string, map: (spec: HomeySpec) => Record<string, Flow>, extra: Record<string, unknown>): Collection<Flow> => ({
  path,
  manager: 'flow',
  item,
  map,
  create: (input) => ({ enabled: true, triggerable: true, folder: null, ...extra, ...input, id: input.id as string, name: input.name as string }),
  editable: ['name', 'enabled', 'triggerable', 'folder'],
});

const COLLECTIONS = [
  devices,
  zones,
  flowCollection('flows', 'flow', (spec) => spec.flows, {}),
  flowCollection('advancedflows', 'advancedflow', (spec) => spec.advancedFlows, { cards: {} }),
] as Collection<{ id: string; name: string }>[];

export function addRealtimeControlRoutes(router: Router, ctx: RealtimeControlContext): void {
  const homey = (id: string | undefined): HomeyRuntime => {
    const runtime = ctx.homeys().get(id ?? '');
    if (!runtime) throw notFound(`No Homey with id ${id}`);
    return runtime;
  };
  const base = '/__emulator/homeys/:homeyId/realtime';

  router.add('GET', base, (req) => ok(homey(req.params.homeyId).realtime.state()));

  // drop: the transport is destroyed (the client hears "transport close"); disconnect: the Homey
  // says goodbye ("io server disconnect"), then closes; silence: nothing moves, the TCP stays open.
  for (const action of ['drop', 'disconnect', 'silence'] as const) {
    router.add('POST', `${base}/${action}`, (req) => {
      const hub = homey(req.params.homeyId).realtime;
      return ok({ count: hub[action](targetRoute(optionalBody(req))) });
    });
  }

  router.add('POST', `${base}/refuse-handshakes`, (req) => {
    const hub = homey(req.params.homeyId).realtime;
    const b = body(req);
    const statusCode = nonNegative(b, 'statusCode', 503);
    if (statusCode < 400 || statusCode > 599) throw bad('statusCode must be between 400 and 599');
    hub.refuseHandshakes(Math.floor(nonNegative(b, 'count')), statusCode);
    return ok(hub.state());
  });

  router.add('POST', `${base}/delay`, (req) => {
    const hub = homey(req.params.homeyId).realtime;
    hub.setDelay(nonNegative(body(req), 'delayMs'));
    return ok(hub.state());
  });

  for (const collection of COLLECTIONS) {
    const path = `/__emulator/homeys/:homeyId/${collection.path}`;
    const find = (runtime: HomeyRuntime, id: string | undefined) => {
      const item = collection.map(runtime.spec)[id ?? ''];
      if (!item) throw notFound(`No ${collection.item} ${id}`);
      return item;
    };

    router.add('POST', path, (req) => {
      const runtime = homey(req.params.homeyId);
      const input = body(req);
      if (typeof input.name !== 'string' || input.name === '') throw bad('name must be a non-empty string');
      if (input.id !== undefined && (typeof input.id !== 'string' || input.id === '')) throw bad('id must be a non-empty string');
      const id = (input.id as string | undefined) ?? randomUUID();
      const items = collection.map(runtime.spec);
      if (items[id]) throw new HttpError(409, { error: 'conflict', error_description: `${collection.item} ${id} exists` });
      const item = collection.create({ ...input, id }, runtime.spec);
      items[id] = item;
      runtime.realtime.item(collection.manager, `${collection.item}.create`, item);
      return ok(item);
    });

    if (collection.editable) {
      const editable = collection.editable;
      router.add('PUT', `${path}/:itemId`, (req) => {
        const runtime = homey(req.params.homeyId);
        const item = find(runtime, req.params.itemId) as Record<string, unknown>;
        const patch = body(req);
        for (const key of Object.keys(patch)) if (!editable.includes(key)) throw bad(`${key} cannot be changed; known: ${editable.join(', ')}`);
        Object.assign(item, patch);
        // A zone's activity carries when it last changed, as a Homey's zones do.
        if (collection.item === 'zone' && 'active' in patch) item.activeLastUpdated = new Date(ctx.now()).toISOString();
        runtime.realtime.item(collection.manager, `${collection.item}.update`, item);
        return ok(item);
      });
    }

    router.add('DELETE', `${path}/:itemId`, (req) => {
      const runtime = homey(req.params.homeyId);
      const item = find(runtime, req.params.itemId);
      delete collection.map(runtime.spec)[item.id];
      runtime.realtime.item(collection.manager, `${collection.item}.delete`, { id: item.id });
      return ok({ id: item.id });
    });
  }
}
