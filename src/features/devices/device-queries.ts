import { queryOptions } from '@tanstack/react-query';
import { parseDevices } from './device-schema.ts';
import type { HomeyDevicesClient } from './devices-environment.tsx';

// Every device query in one factory, so no key literal appears twice (STYLE.md habit 2).

export const deviceQueries = {
  all: (homeyId: string) => ['homey', homeyId, 'devices'] as const,
  list: (client: Pick<HomeyDevicesClient, 'homey' | 'get'>, pollMs: number) =>
    queryOptions({
      queryKey: [...deviceQueries.all(client.homey.id), 'list'] as const,
      queryFn: ({ signal }) => client.get('devices/device', { signal, parse: parseDevices }),
      refetchInterval: pollMs,
    }),
};

export function capabilityPath(deviceId: string, capabilityId: string): string {
  return `devices/device/${encodeURIComponent(deviceId)}/capability/${encodeURIComponent(capabilityId)}`;
}
