// Counters for `npm run bench` (README "Performance"). They exist only in the bench build
// (`vite build --mode bench`): everywhere else `import.meta.env.MODE === 'bench'` is the constant
// `false`, the minifier drops what it guards, and bench/run.ts checks that the production bundle
// holds no trace of `__homeyBench`. Call sites test the flag themselves so the call goes too.

export interface BenchProbe {
  /** Renders of a device tile's body (DeviceTile): what a poll costs in React work. */
  tileRenders: number;
  /** Entries in the query cache, set once the dashboard has a QueryClient. */
  queryCacheSize?: () => number;
  /** Refetches the active queries under a key prefix (a poll on demand); resolves when they settle. */
  refetch?: (queryKeyPrefix?: readonly unknown[]) => Promise<void>;
}

/** The page's probe, created on first use. Only ever called behind `import.meta.env.MODE === 'bench'`. */
export function benchProbe(target: object = window): BenchProbe {
  const holder = target as { __homeyBench?: BenchProbe };
  holder.__homeyBench ??= { tileRenders: 0 };
  return holder.__homeyBench;
}
