import { queryOptions } from '@tanstack/react-query';
import { boundedPollMs } from '../../config/runtime-config.ts';
import { parseDevices } from './device-schema.ts';
import type { HomeyReader } from '../homey/homey-client.ts';
import { homeyQueryKeys } from '../homey/homey-queries.ts';

// Every device query in one factory, so no key literal appears twice and invalidation cannot miss one.

export const deviceQueries = {
  all: (homeyId: string) => [...homeyQueryKeys.homey(homeyId), 'devices'] as const,
  list: (client: HomeyReader, pollMs: number) =>
    queryOptions({
      queryKey: [...deviceQueries.all(client.homey.id), 'list'] as const,
      // `high`: what the wall shows goes ahead of Insights in the client's queue.
      queryFn: ({ signal }) => client.get('devices/device', { signal, parse: parseDevices, priority: 'high' }),
      // pollMs comes from config.json or the screen's settings, both bounded where they are read;
      // bounded again here because a timer past 2³¹ ms would fire at once, polling without pause.
      refetchInterval: boundedPollMs(pollMs, 'devicesMs'),
    }),
};

export function capabilityPath(deviceId: string, capabilityId: string): string {
  return `devices/device/${encodeURIComponent(deviceId)}/capability/${encodeURIComponent(capabilityId)}`;
}
