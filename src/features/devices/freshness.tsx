import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { deviceQueries } from './device-queries.ts';
import { useNow } from '../../lib/clock.ts';
import { useHomeyEnvironment } from '../homey/homey-environment.tsx';
import { freshness } from './staleness.ts';
import type { Freshness } from './staleness.ts';

// How trustworthy the device data on screen is, shared by every tile. The value changes only when
// the state flips (fresh → aging → stale and back), so a ticking clock does not re-render 200 tiles.

const StateContext = createContext<Freshness>('fresh');
const LastFetchedContext = createContext<number | null>(null);

/** fresh / aging / stale; changes only when the state flips. */
export function useDataFreshness(): Freshness {
  return useContext(StateContext);
}

/** When the devices were last fetched; read only by the small "updated … ago" text. */
export function useLastFetchedAt(): number | null {
  return useContext(LastFetchedContext);
}

export function FreshnessProvider({ children }: { children: ReactNode }) {
  const { client, pollMs } = useHomeyEnvironment();
  const { dataUpdatedAt } = useQuery({ ...deviceQueries.list(client, pollMs), select: selectNothing });
  const lastFetchedAt = dataUpdatedAt > 0 ? dataUpdatedAt : null;
  const now = useNow(Math.min(5000, pollMs));
  const measured: Freshness = lastFetchedAt === null ? 'fresh' : freshness(lastFetchedAt, pollMs, Math.max(now, lastFetchedAt));
  // The stored copy of an earlier start says how old it is until this start has read the home, however
  // long the interval (a live wall's is minutes, and the copy may be seconds or days old).
  const state: Freshness = measured === 'fresh' && lastFetchedAt !== null && lastFetchedAt < STARTED_AT ? 'aging' : measured;
  return (
    <StateContext.Provider value={state}>
      <LastFetchedContext.Provider value={lastFetchedAt}>{children}</LastFetchedContext.Provider>
    </StateContext.Provider>
  );
}

const selectNothing = () => null;

/** When this page started: data fetched before it came from the stored copy. */
const STARTED_AT = Date.now();


