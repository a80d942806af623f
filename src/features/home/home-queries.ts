import { queryOptions } from '@tanstack/react-query';
import type { HomeyReader } from '../homey/homey-client.ts';
import { homeyQueryKeys } from '../homey/homey-queries.ts';
import { parseFlows, parseUserMe, parseWeather, parseZones } from './home-schema.ts';

// Everything the home screen reads besides devices: slower intervals, because zones, flows,
// favourites and weather change rarely and a Homey should not be asked every five seconds.

const key = (client: HomeyReader, what: string) => [...homeyQueryKeys.homey(client.homey.id), what] as const;

export const homeQueries = {
  zones: (client: HomeyReader, intervalMs: number) =>
    queryOptions({
      queryKey: key(client, 'zones'),
      queryFn: ({ signal }) => client.get('zones/zone', { signal, parse: parseZones }),
      refetchInterval: intervalMs,
    }),
  userMe: (client: HomeyReader, intervalMs: number) =>
    queryOptions({
      queryKey: key(client, 'user-me'),
      queryFn: ({ signal }) => client.get('users/user/me', { signal, parse: parseUserMe }),
      refetchInterval: intervalMs,
    }),
  flows: (client: HomeyReader, intervalMs: number) =>
    queryOptions({
      queryKey: key(client, 'flows'),
      queryFn: async ({ signal }) => {
        const [basic, advanced] = await Promise.all([
          client.get('flow/flow', { signal, parse: (raw) => parseFlows(raw, 'flow') }),
          client.get('flow/advancedflow', { signal, parse: (raw) => parseFlows(raw, 'advancedflow') }),
        ]);
        return [...basic.items, ...advanced.items];
      },
      refetchInterval: intervalMs,
    }),
  weather: (client: HomeyReader, intervalMs: number) =>
    queryOptions({
      queryKey: key(client, 'weather'),
      queryFn: ({ signal }) => client.get('weather/weather', { signal, parse: parseWeather }),
      refetchInterval: intervalMs,
    }),
};
