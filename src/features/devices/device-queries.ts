import { queryOptions } from '@tanstack/react-query';
import { parseDevices } from './device-schema.ts';
import type { HomeyReader } from '../homey/homey-client.ts';
import { homeyQueryKeys } from '../homey/homey-queries.ts';

// Every device query in one factory, so no key literal appears twice and invalidation cannot miss one.

export const deviceQueries = {
  all: (homeyId: string) => [...homeyQueryKeys.homey(homeyId), 'devices'] as const,
  list: (client: HomeyReader, pollMs: number) =>
    queryOptions({
      queryKey: [...deviceQueries.all(client.homey.id), 'list'] as const,
      queryFn: ({ signal }) => client.get('devices/device', { signal, parse: parseDevices }),
      refetchInterval: pollMs,
    }),
};

export function capabilityPath(deviceId: string, capabilityId: string): string {
  return `devices/device/${encodeURIComponent(deviceId)}/capability/${encodeURIComponent(capabilityId)}`;
}
