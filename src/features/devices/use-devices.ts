import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { deviceQueries } from './device-queries.ts';
import type { Device, DevicesResult } from './device-schema.ts';
import { homeSummary, zoneSummaries } from './home-summary.ts';
import type { HomeSummary, ZoneSummary } from './home-summary.ts';
import { useHomeyEnvironment } from '../homey/homey-environment.tsx';

// Narrow subscriptions, so a poll that changes one value re-renders one tile: each tile selects its
// own device. With structural sharing an identical poll hands back the very same object, so no tile
// re-renders; a change to one capability gives that device (and only it) a new object.

function useDevicesQuery<T>(select: (data: DevicesResult) => T) {
  const { client, pollMs } = useHomeyEnvironment();
  return useQuery({ ...deviceQueries.list(client, pollMs), select });
}

export function useDevice(deviceId: string): Device | undefined {
  const select = useCallback((data: DevicesResult) => data.devices.find((d) => d.id === deviceId), [deviceId]);
  return useDevicesQuery(select).data;
}

export interface DeviceSummary {
  id: string;
  name: string;
  zone: string | null;
}

const summarise = (data: DevicesResult) => ({
  devices: data.devices.map((d): DeviceSummary => ({ id: d.id, name: d.name, zone: d.zone })),
  broken: data.broken,
});

/** Names and zones of every device (for ordering, grouping and search), plus the ones that could not be read. */
export function useDeviceSummaries() {
  return useDevicesQuery(summarise);
}

/**
 * The home summary (home-summary.ts), live: it follows every poll, and with structural sharing a poll
 * that changes no figure hands back the same object, so nothing re-renders.
 */
export function useHomeSummary(): HomeSummary | undefined {
  return useDevicesQuery(selectSummary).data;
}

const selectSummary = (data: DevicesResult) => homeSummary(data.devices);

// Every zone heading observes the cache with this select, and React Query runs it per observer: one
// count per device list, shared, keeps a hundred headings from counting the home a hundred times.
const zonesByList = new WeakMap<DevicesResult, Record<string, ZoneSummary>>();
const selectZones = (data: DevicesResult) => {
  let zones = zonesByList.get(data);
  if (!zones) {
    zones = zoneSummaries(data.devices);
    zonesByList.set(data, zones);
  }
  return zones;
};

/** Each zone's climate and badges (home-summary.ts), live, for its heading. */
export function useZoneSummary(zoneId: string): ZoneSummary | undefined {
  return useDevicesQuery(selectZones).data?.[zoneId];
}
