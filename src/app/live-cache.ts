import type { QueryClient } from '@tanstack/react-query';
import { deviceQueries } from '../features/devices/device-queries.ts';
import { parseDevice } from '../features/devices/device-schema.ts';
import type { CapabilityValue, Device, DevicesResult } from '../features/devices/device-schema.ts';
import { homeQueries } from '../features/home/home-queries.ts';
import type { HomeyReader } from '../features/homey/homey-client.ts';

// What the Homey's socket says, written into the one cache through the query factories
// (docs/homey-web-api.md §4 "Events"): a `capability` event gives that one device a new object, so
// only its tile re-renders; `device.create|update|delete` add, replace and remove a device; a change
// to zones or flows reads those lists again. Tiles and selects never know where a value came from.

export interface LiveCache {
  /** One event as the socket delivered it: (`homey:device:<id>`, `capability`, {…}). */
  apply(uri: string, event: string, data: unknown): void;
  /** `homey:device:<id>` for every device the cache holds, and the managers. */
  uris(): string[];
  /** Calls `listener` when the set of devices may have changed (to subscribe to new ones). */
  onDevicesChanged(listener: () => void): () => void;
  /** Reads the whole home again: after a (re)connect and a wake, what was missed while down. */
  refetchHome(): void;
  stop(): void;
}

export const MANAGER_URIS = ['homey:manager:devices', 'homey:manager:zones', 'homey:manager:flow'] as const;

interface HeardValue {
  value: CapabilityValue;
  time: number;
}

type Pending =
  | { kind: 'capability'; deviceId: string; capabilityId: string; value: CapabilityValue; time: number | undefined }
  | { kind: 'device'; device: Device }
  | { kind: 'delete'; deviceId: string };

// A burst is written as one cache update per flush, not one per event: the first change after a quiet
// spell within FLUSH_MS, and then no more often than every FLUSH_GAP_MS, since every write runs each
// tile's select over the whole list (an event storm on a big home would otherwise keep the page busy).
const FLUSH_MS = 30;
const FLUSH_GAP_MS = 150;
// How long a value heard on the socket is kept to put back over a poll that read the Homey before it.
const HEARD_KEEP_MS = 120_000;

const isValue = (value: unknown): value is CapabilityValue =>
  value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string';

function withCapability(device: Device, capabilityId: string, value: CapabilityValue, time: number | undefined): Device | undefined {
  const held = device.capabilitiesObj[capabilityId];
  if (!held) return undefined;
  const heldTime = held.lastUpdated ? Date.parse(held.lastUpdated) : Number.NaN;
  // What the cache holds is as new or newer (a poll read after this event, or a later event).
  if (time !== undefined && !Number.isNaN(heldTime) && time <= heldTime) return undefined;
  if (held.value === value && time === undefined) return undefined;
  // A null-prototype map, as the schema builds it: `constructor` stays a capability id like any other.
  const capabilitiesObj = Object.assign(Object.create(null) as Record<string, Device['capabilitiesObj'][string]>, device.capabilitiesObj);
  capabilitiesObj[capabilityId] = { ...held, value, lastUpdated: time !== undefined ? new Date(time).toISOString() : held.lastUpdated };
  return { ...device, capabilitiesObj };
}

export function createLiveCache(queryClient: QueryClient, client: HomeyReader, timers = { setTimeout: globalThis.setTimeout.bind(globalThis), clearTimeout: globalThis.clearTimeout.bind(globalThis), now: Date.now }): LiveCache {
  // The key does not depend on the interval; any interval names the same list.
  const listKey = deviceQueries.list(client, 0).queryKey;
  const zonesKey = homeQueries.zones(client, 0).queryKey;
  const flowsKey = homeQueries.flows(client, 0).queryKey;
  const heard = new Map<string, HeardValue & { heardAt: number }>();
  const listeners = new Set<() => void>();
  let pending: Pending[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let deviceIds = '';

  const heardKey = (deviceId: string, capabilityId: string) => `${deviceId}\u0000${capabilityId}`;

  const write = (update: (old: DevicesResult) => DevicesResult) => {
    // Keeps the time of the last whole read: that is what "updated … ago" and the stale dimming
    // speak of, and a new time at every flush re-rendered everything that reads it.
    const readAt = queryClient.getQueryState(listKey)?.dataUpdatedAt;
    queryClient.setQueryData(listKey, (old: DevicesResult | undefined) => (old ? update(old) : old), readAt ? { updatedAt: readAt } : undefined);
  };

  const flush = () => {
    flushTimer = undefined;
    flushedAt = timers.now();
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    write((old) => {
      let devices = old.devices;
      let copied = false;
      const own = () => {
        if (!copied) devices = devices.slice();
        copied = true;
        return devices;
      };
      for (const item of batch) {
        if (item.kind === 'capability') {
          const index = devices.findIndex((d) => d.id === item.deviceId);
          const device = devices[index];
          const next = device && withCapability(device, item.capabilityId, item.value, item.time);
          if (next) own()[index] = next;
        } else if (item.kind === 'device') {
          const index = devices.findIndex((d) => d.id === item.device.id);
          if (index === -1) own().push(item.device);
          else own()[index] = item.device;
        } else {
          const index = devices.findIndex((d) => d.id === item.deviceId);
          if (index !== -1) own().splice(index, 1);
        }
      }
      return copied ? { ...old, devices } : old;
    });
  };

  let flushedAt = Number.NEGATIVE_INFINITY;
  const queue = (item: Pending) => {
    pending.push(item);
    flushTimer ??= timers.setTimeout(flush, Math.max(FLUSH_MS, flushedAt + FLUSH_GAP_MS - timers.now()));
  };

  const refetch = (queryKey: readonly unknown[]) => {
    void queryClient.invalidateQueries({ queryKey });
  };

  // A poll that left for the Homey before an event and lands after it brings the older value back:
  // what the socket said later is put back over it, until a poll has read it too.
  const unsubscribeCache = queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success' || event.action.manual) return;
    if (event.query.queryHash !== queryClient.getQueryCache().find({ queryKey: listKey, exact: true })?.queryHash) return;
    const data = event.query.state.data as DevicesResult | undefined;
    if (data) {
      const now = timers.now();
      for (const [key, value] of heard) {
        const [deviceId = '', capabilityId = ''] = key.split('\u0000');
        const held = data.devices.find((d) => d.id === deviceId)?.capabilitiesObj[capabilityId];
        const heldTime = held?.lastUpdated ? Date.parse(held.lastUpdated) : Number.NaN;
        if (!held || now - value.heardAt > HEARD_KEEP_MS || (!Number.isNaN(heldTime) && heldTime >= value.time)) heard.delete(key);
        else queue({ kind: 'capability', deviceId, capabilityId, value: value.value, time: value.time });
      }
      const ids = data.devices.map((d) => d.id).join('\n');
      if (ids !== deviceIds) {
        deviceIds = ids;
        for (const listener of [...listeners]) listener();
      }
    }
  });

  const notifyIfDevicesChanged = () => {
    const data = queryClient.getQueryData<DevicesResult>(listKey);
    const ids = data ? data.devices.map((d) => d.id).join('\n') : '';
    if (ids === deviceIds) return;
    deviceIds = ids;
    for (const listener of [...listeners]) listener();
  };

  return {
    apply(uri, event, data) {
      const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
      if (uri.startsWith('homey:device:') && event === 'capability' && record) {
        const deviceId = uri.slice('homey:device:'.length);
        const { capabilityId, value, transactionTime } = record;
        if (typeof capabilityId !== 'string' || !isValue(value)) return;
        const time = typeof transactionTime === 'number' && Number.isFinite(transactionTime) ? transactionTime : undefined;
        if (time !== undefined) {
          const key = heardKey(deviceId, capabilityId);
          const before = heard.get(key);
          if (before && before.time >= time) return;
          heard.set(key, { value, time, heardAt: timers.now() });
        }
        queue({ kind: 'capability', deviceId, capabilityId, value, time });
        return;
      }
      if (uri === 'homey:manager:devices') {
        if (event === 'device.create' || event === 'device.update') {
          const parsed = parseDevice(data);
          if (parsed.ok) queue({ kind: 'device', device: parsed.device });
          else refetch(deviceQueries.all(client.homey.id));
        } else if (event === 'device.delete' && record && typeof record.id === 'string') {
          queue({ kind: 'delete', deviceId: record.id });
        }
        if (event === 'device.create' || event === 'device.delete') {
          // After the flush, so the new set of devices is what is subscribed to.
          timers.setTimeout(notifyIfDevicesChanged, FLUSH_MS + 1);
        }
        return;
      }
      if (uri === 'homey:manager:zones' && event.startsWith('zone.')) refetch(zonesKey);
      if (uri === 'homey:manager:flow' && (event.startsWith('flow.') || event.startsWith('advancedflow.'))) refetch(flowsKey);
    },
    uris() {
      const data = queryClient.getQueryData<DevicesResult>(listKey);
      deviceIds = data ? data.devices.map((d) => d.id).join('\n') : '';
      return [...MANAGER_URIS, ...(data?.devices ?? []).map((d) => `homey:device:${d.id}`)];
    },
    onDevicesChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refetchHome() {
      void queryClient.refetchQueries({ queryKey: deviceQueries.all(client.homey.id), type: 'active' });
      void queryClient.refetchQueries({ queryKey: zonesKey, type: 'active' });
      void queryClient.refetchQueries({ queryKey: flowsKey, type: 'active' });
    },
    stop() {
      if (flushTimer !== undefined) timers.clearTimeout(flushTimer);
      pending = [];
      unsubscribeCache();
      listeners.clear();
    },
  };
}
