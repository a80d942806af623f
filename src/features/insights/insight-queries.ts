import { queryOptions } from '@tanstack/react-query';
import type { HomeyReader } from '../homey/homey-client.ts';
import { homeyQueryKeys } from '../homey/homey-queries.ts';
import type { Resolution } from './insight-timing.ts';
import { MIN_REFETCH_MS, insightEntriesPath, nextRefetchMs } from './insight-timing.ts';
import { parseInsightsEntries, parseInsightsLogs } from './insights-schema.ts';
import type { InsightsEntries } from './insights-schema.ts';

// Every Insights query in one factory, so no key literal appears twice (keys built on homeyQueryKeys).
// All of them `low` in the client's queue: history can wait for the device list, zones and writes,
// and a big home's sparklines would otherwise stand between the wall and its next device read.

// Logs appear when a device is paired or an app adds a capability: rare, so a slow refresh is plenty.
const LOGS_REFETCH_MS = 10 * 60_000;

export const insightQueries = {
  all: (homeyId: string) => [...homeyQueryKeys.homey(homeyId), 'insights'] as const,
  logs: (client: HomeyReader) =>
    queryOptions({
      queryKey: [...insightQueries.all(client.homey.id), 'logs'] as const,
      queryFn: ({ signal }) => client.get('insights/log', { signal, parse: parseInsightsLogs, priority: 'low' }),
      refetchInterval: LOGS_REFETCH_MS,
      staleTime: LOGS_REFETCH_MS / 2,
    }),
  entries: (client: HomeyReader, logId: string, resolution: Resolution, minMs = MIN_REFETCH_MS) =>
    queryOptions({
      queryKey: [...insightQueries.all(client.homey.id), 'entries', logId, resolution] as const,
      queryFn: ({ signal }) => client.get(insightEntriesPath(logId, resolution), { signal, parse: parseInsightsEntries, priority: 'low' }),
      // The Homey says when its next bucket lands; asking sooner returns the same answer (and never
      // sooner than 10 s, docs/decisions/003-insights-charts.md, even for `lastHour`'s 5-second buckets).
      refetchInterval: (query) => nextRefetchMs(query.state.data?.updatesIn, minMs),
      // Fresh until then, too: a second view of the same log (the sparkline and the 24-hour chart
      // of one temperature) or a focus event does not ask again for the bucket it already has.
      staleTime: (query) => nextRefetchMs(query.state.data?.updatesIn, minMs),
    }),
};

/** A log's entries without `updatesIn`, which is only about when to ask again. */
export type InsightsSeries = Omit<InsightsEntries, 'updatesIn'>;

/**
 * `select` for whatever draws entries: every answer carries a new `updatesIn` (time to the next
 * bucket), so without this an identical series would still re-render its chart on every refetch.
 * Structural sharing then hands back the previous object when the series itself is unchanged.
 */
export function selectSeries({ values, start, end, step, lastValue }: InsightsEntries): InsightsSeries {
  return { values, start, end, step, lastValue };
}
