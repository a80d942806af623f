import { queryOptions } from '@tanstack/react-query';
import { boundedPollMs } from '../../config/runtime-config.ts';
import { parseDevices } from './device-schema.ts';
import type { HomeyReader } from '../homey/homey-client.ts';
import { homeyQueryKeys } from '../homey/homey-queries.ts';

// Every device query in one factory, so no key literal appears twice and invalidation cannot miss one.

/** When each Homey's device list was last asked for (epoch ms), so polls start an interval apart. */
const listAskedAt = new Map<string, number>();

/**
 * React Query starts its interval again whenever the query changes, i.e. when a read lands, so the
 * reads of a list that takes long to fetch and parse (4.7 MB for 2,000 devices: seconds at 4× CPU)
 * drifted apart by that much. Counting the interval from when the last read was asked for keeps
 * them one interval apart, start to start.
 */
export function nextListReadInMs(intervalMs: number, askedAt: number | undefined, now: number): number {
  if (askedAt === undefined) return intervalMs;
  return Math.max(1000, Math.min(intervalMs, intervalMs - (now - askedAt)));
}

export const deviceQueries = {
  all: (homeyId: string) => [...homeyQueryKeys.homey(homeyId), 'devices'] as const,
  list: (client: HomeyReader, pollMs: number) =>
    queryOptions({
      queryKey: [...deviceQueries.all(client.homey.id), 'list'] as const,
      // `high`: what the wall shows goes ahead of Insights in the client's queue.
      queryFn: ({ signal }) => {
        listAskedAt.set(client.homey.id, Date.now());
        return client.get('devices/device', { signal, parse: parseDevices, priority: 'high' });
      },
      // pollMs comes from config.json or the screen's settings, both bounded where they are read;
      // bounded again here because a timer past 2³¹ ms would fire at once, polling without pause.
      refetchInterval: (query) =>
        query.state.fetchStatus === 'fetching'
          ? boundedPollMs(pollMs, 'devicesMs')
          : nextListReadInMs(boundedPollMs(pollMs, 'devicesMs'), listAskedAt.get(client.homey.id), Date.now()),
    }),
};

export function capabilityPath(deviceId: string, capabilityId: string): string {
  return `devices/device/${encodeURIComponent(deviceId)}/capability/${encodeURIComponent(capabilityId)}`;
}
