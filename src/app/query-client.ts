import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { SignInRequiredError, isRetryable, retryDelayMs } from '../features/homey/errors.ts';
// Types only: the module itself is loaded lazily by loadQueryPersistence().
import type * as QueryPersistenceModule from './query-persistence.ts';

// One QueryClient per signed-in life of the app. Retries follow the Homey client's judgement of an
// error: network trouble, timeouts, 5xx and 429 are retried with capped back-off (forever: a wall
// dashboard must come back by itself after the Wi-Fi returns); other 4xx and a refused sign-in are not.
//
// A refused sign-in anywhere (a poll, a write) ends the signed-in life once: `onSignInRequired`.
export function createQueryClient(onSignInRequired: () => void = () => undefined): QueryClient {
  const onError = (error: unknown) => {
    if (error instanceof SignInRequiredError) onSignInRequired();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        retry: (_failureCount, error) => isRetryable(error),
        retryDelay: (attempt, error) => retryDelayMs(attempt, error),
        refetchOnWindowFocus: true,
        refetchOnReconnect: true,
        refetchIntervalInBackground: false,
        // Keep the last good data on screen through failures; never garbage-collect what is shown.
        staleTime: 0,
        gcTime: 10 * 60_000,
      },
      mutations: { retry: false },
    },
  });
}

type QueryPersistence = typeof QueryPersistenceModule;
let persistence: Promise<QueryPersistence> | undefined;

/**
 * The persisted query cache's code (a lazy chunk, kept off the first visit's JavaScript). Loaded
 * once; App starts loading it beside config.json so that restoring costs no extra round trip.
 */
export function loadQueryPersistence(): Promise<QueryPersistence> {
  persistence ??= import('./query-persistence.ts');
  return persistence;
}
