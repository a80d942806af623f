import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

// The bench build's counters (README "Performance"). The app calls the seams of
// src/lib/instrumentation.ts, which do nothing; `vite build --mode bench` (bench/vite.bench.config.ts)
// puts this module in its place, so these counters exist only in the bench build, and bench/run.ts
// checks that the production bundle holds no trace of `__homeyBench`.

export interface BenchProbe {
  /** Renders of a device tile's body (DeviceTile): what a poll costs in React work. */
  tileRenders: number;
  /** Entries in the query cache, set once the dashboard has a QueryClient. */
  queryCacheSize?: () => number;
  /** Refetches the active queries under a key prefix (a poll on demand); resolves when they settle. */
  refetch?: (queryKeyPrefix?: readonly unknown[]) => Promise<void>;
  /** When (performance.now()) each query, by its JSON key, first had data in the cache: parsed and valid. */
  firstData?: Record<string, number>;
}

/** The page's probe, created on first use. */
function benchProbe(target: object = window): BenchProbe {
  const holder = target as { __homeyBench?: BenchProbe };
  holder.__homeyBench ??= { tileRenders: 0 };
  return holder.__homeyBench;
}

export function countTileRender(): void {
  benchProbe().tileRenders++;
}

/**
 * Lets `npm run bench` read the query cache's size and poll on demand through the app's own queries
 * (the same fetch, structural sharing and observers as a `refetchInterval` tick), faster than
 * config.json allows, and see when each query first had its data.
 */
export function Instrumentation() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const probe = benchProbe();
    probe.queryCacheSize = () => queryClient.getQueryCache().getAll().length;
    // `cancelRefetch: false`: a poll that is still running is joined, as an interval tick joins it.
    probe.refetch = (queryKey = []) => queryClient.refetchQueries({ queryKey, type: 'active' }, { cancelRefetch: false });
    const firstData: Record<string, number> = (probe.firstData ??= {});
    const stop = queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success') return;
      const key = JSON.stringify(event.query.queryKey);
      firstData[key] ??= performance.now();
    });
    return () => {
      stop();
      delete probe.queryCacheSize;
      delete probe.refetch;
    };
  }, [queryClient]);
  return null;
}
