import { queryOptions } from '@tanstack/react-query';
import { parseFlows, parseUserMe, parseWeather, parseZones } from './home-schema.ts';

// Everything the home screen reads besides devices: slower intervals, because zones, flows,
// favourites and weather change rarely and a Homey should not be asked every five seconds.

export interface HomeyHomeClient {
  readonly homey: { id: string };
  get<T = unknown>(path: string, options?: { signal?: AbortSignal; parse?: (value: unknown) => T }): Promise<T>;
  post<T = unknown>(path: string, body?: unknown, options?: { signal?: AbortSignal }): Promise<T>;
}

const key = (client: HomeyHomeClient, what: string) => ['homey', client.homey.id, what] as const;

export const homeQueries = {
  zones: (client: HomeyHomeClient, intervalMs: number) =>
    queryOptions({
      queryKey: key(client, 'zones'),
      queryFn: ({ signal }) => client.get('zones/zone', { signal, parse: parseZones }),
      refetchInterval: intervalMs,
    }),
  userMe: (client: HomeyHomeClient, intervalMs: number) =>
    queryOptions({
      queryKey: key(client, 'user-me'),
      queryFn: ({ signal }) => client.get('users/user/me', { signal, parse: parseUserMe }),
      refetchInterval: intervalMs,
    }),
  flows: (client: HomeyHomeClient, intervalMs: number) =>
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
  weather: (client: HomeyHomeClient, intervalMs: number) =>
    queryOptions({
      queryKey: key(client, 'weather'),
      queryFn: ({ signal }) => client.get('weather/weather', { signal, parse: parseWeather }),
      refetchInterval: intervalMs,
    }),
};
