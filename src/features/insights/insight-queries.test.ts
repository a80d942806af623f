import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { emulatorPerFile } from '../../../test-support/emulator-client.ts';
import type { InsightsEntries, InsightsLog } from './insights-schema.ts';
import { logIdFor } from './insight-timing.ts';
import { insightQueries } from './insight-queries.ts';
import type { HomeyReader } from '../homey/homey-client.ts';

// The query factory against the emulator over real HTTP. The client here is the smallest thing of
// the HomeyReader shape (an API key, the local address); the real one lives in features/homey.

const emulator = emulatorPerFile();

function setup() {
  const homey = emulator().info.homeys.find((h) => h.name === 'Home')!;
  const key = homey.apiKeys.find((k) => k.scopes.includes('homey'))!.token;
  const paths: string[] = [];
  const priorities: (string | undefined)[] = [];
  const client: HomeyReader = {
    homey: { id: homey.id, name: homey.name },
    async get<T>(path: string, options: { signal?: AbortSignal; parse?: (value: unknown) => T; priority?: string } = {}) {
      paths.push(path);
      priorities.push(options.priority);
      const res = await fetch(`${homey.localUrl}/api/manager/${path}`, { headers: { Authorization: `Bearer ${key}` }, signal: options.signal });
      const body: unknown = await res.json();
      if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
      return options.parse ? options.parse(body) : (body as T);
    },
  };
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return { homey, client, paths, priorities, queryClient };
}

describe('insightQueries', () => {
  it('lists the logs, parsed, under one key per Homey, refreshed every 10 minutes', async () => {
    const t = setup();
    const options = insightQueries.logs(t.client);
    expect(options.queryKey).toEqual(['homey', t.homey.id, 'insights', 'logs']);
    expect(options.refetchInterval).toBe(600_000);
    const logs = await t.queryClient.fetchQuery(options);
    expect(t.paths).toEqual(['insights/log']);
    expect(logs.broken).toEqual([]);
    const rssi = logs.items.find((l: InsightsLog) => l.id.endsWith(':rssi'));
    expect(rssi).toMatchObject({ type: 'number', units: 'RSSI', decimals: 0 });
  });

  it('reads a log’s entries for a resolution and asks again when the Homey says the next bucket lands', async () => {
    const t = setup();
    const logs = await t.queryClient.fetchQuery(insightQueries.logs(t.client));
    const log = logs.items.find((l: InsightsLog) => l.id.endsWith(':measure_temperature'))!;
    expect(log.id).toBe(logIdFor(log.ownerId!, 'measure_temperature'));

    const day = insightQueries.entries(t.client, log.id, 'last24Hours');
    expect(day.queryKey).toEqual(['homey', t.homey.id, 'insights', 'entries', log.id, 'last24Hours']);
    const entries: InsightsEntries = await t.queryClient.fetchQuery(day);
    expect(t.paths.at(-1)).toBe(`insights/log/${log.ownerUri}/${log.id}/entry?resolution=last24Hours`);
    expect(entries.step).toBe(300_000);
    expect(entries.values.length).toBe(288);
    expect(entries.values.every((p) => Number.isFinite(p.t))).toBe(true);

    const refetch = day.refetchInterval;
    if (typeof refetch !== 'function') throw new Error('refetchInterval should follow updatesIn');
    const query = t.queryClient.getQueryCache().find({ queryKey: day.queryKey })!;
    // updatesIn plus a second for the bucket to land, between 10 s and 5 min.
    expect(refetch(query as never)).toBe(Math.min(300_000, Math.max(10_000, entries.updatesIn! + 1_000)));

    // lastHour's buckets are 5 s wide: still never sooner than every 10 s.
    const hour = insightQueries.entries(t.client, log.id, 'lastHour');
    await t.queryClient.fetchQuery(hour);
    const hourQuery = t.queryClient.getQueryCache().find({ queryKey: hour.queryKey })!;
    expect((hour.refetchInterval as (q: never) => number)(hourQuery as never)).toBe(10_000);
  });

  it('asks for logs and entries last: low in the client\'s queue, behind devices, zones and writes', async () => {
    const t = setup();
    const logs = await t.queryClient.fetchQuery(insightQueries.logs(t.client));
    const log = logs.items.find((l: InsightsLog) => l.id.endsWith(':measure_temperature'))!;
    await t.queryClient.fetchQuery(insightQueries.entries(t.client, log.id, 'last24Hours'));
    expect(t.priorities).toEqual(['low', 'low']);
  });

  it('fails for a log the Homey does not know', async () => {
    const t = setup();
    const missing = insightQueries.entries(t.client, logIdFor('00000000-0000-4000-8000-000000000000', 'measure_temperature'), 'lastHour');
    await expect(t.queryClient.fetchQuery(missing)).rejects.toThrow(/404/);
  });
});
