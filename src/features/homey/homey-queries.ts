import { queryOptions } from '@tanstack/react-query';
import type { AthomCloud, AthomHomey } from './athom-cloud.ts';
import type { HomeyClient } from './homey-client.ts';

// The query-key space, and the queries this feature runs itself (account, scopes, reachability).
// Everything read from a Homey lives under `homeyQueryKeys.homey(id)`, so the persister, sign-out
// and a change of Homey can treat a Homey's data as one subtree; every feature's factory builds its
// keys from here, so no key literal appears twice.
export const homeyQueryKeys = {
  /** The root of everything read from any Homey. */
  root: () => ['homey'] as const,
  /** Everything read from one Homey. */
  homey: (homeyId: string) => [...homeyQueryKeys.root(), homeyId] as const,
  scopes: (homeyId: string) => [...homeyQueryKeys.homey(homeyId), 'scopes'] as const,
  reachable: (homeyId: string) => [...homeyQueryKeys.homey(homeyId), 'reachable'] as const,
  localName: () => [...homeyQueryKeys.root(), 'local', 'name'] as const,
  athomUser: () => ['athom', 'user'] as const,
};

export const homeyQueries = {
  /** The Athom account with its Homeys: they change when one is added, so every half hour is plenty. */
  athomUser: (cloud: Pick<AthomCloud, 'getUser'>) =>
    queryOptions({
      queryKey: homeyQueryKeys.athomUser(),
      queryFn: ({ signal }) => cloud.getUser({ signal }),
      staleTime: 30 * 60_000,
      refetchInterval: 30 * 60_000,
    }),
  /** What this session may do, once per session. */
  scopes: (client: Pick<HomeyClient, 'homey' | 'getScopes'>) =>
    queryOptions({
      queryKey: homeyQueryKeys.scopes(client.homey.id),
      queryFn: ({ signal }) => client.getScopes({ signal }),
      staleTime: 60 * 60_000,
    }),
  /** A local Homey's name; it doubles as the check that an API key works. */
  localName: (client: Pick<HomeyClient, 'get'>) =>
    queryOptions({
      queryKey: homeyQueryKeys.localName(),
      queryFn: ({ signal }) => client.get<unknown>('system/name', { signal }),
      staleTime: Infinity,
    }),
  /** Whether a Homey answers on any route, for the picker's online/offline. */
  reachable: (homey: AthomHomey, discover: (homey: AthomHomey) => Promise<unknown>) =>
    // Keyed by id alone on purpose: a Homey's addresses come with its id, and a new copy of the same
    // account entry (every /user/me read) must not start a second check.
    // eslint-disable-next-line @tanstack/query/exhaustive-deps
    queryOptions({
      queryKey: homeyQueryKeys.reachable(homey.id),
      queryFn: () =>
        discover(homey).then(
          () => true,
          () => false,
        ),
      staleTime: 30_000,
      refetchInterval: 30_000,
    }),
};
