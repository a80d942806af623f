import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { benchProbe } from '../lib/bench-probe.ts';

/**
 * Bench build only (src/lib/bench-probe.ts): lets `npm run bench` read the query cache's size and
 * poll on demand through the app's own queries (the same fetch, structural sharing and observers as
 * a `refetchInterval` tick), faster than config.json allows. Rendered only when
 * `import.meta.env.MODE === 'bench'`, so the production build drops it.
 */
export function BenchProbe() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const probe = benchProbe();
    probe.queryCacheSize = () => queryClient.getQueryCache().getAll().length;
    // `cancelRefetch: false`: a poll that is still running is joined, as an interval tick joins it.
    probe.refetch = (queryKey = []) => queryClient.refetchQueries({ queryKey, type: 'active' }, { cancelRefetch: false });
    return () => {
      delete probe.queryCacheSize;
      delete probe.refetch;
    };
  }, [queryClient]);
  return null;
}
