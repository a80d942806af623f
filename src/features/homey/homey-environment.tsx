import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { HomeyApi } from './homey-client.ts';

// What every feature needs from the outside world, handed in by the app: a client that can read and
// write Homey paths (never a token or an address), the poll interval, the locale, and whether the
// session may control devices. Tiles, charts and the home screen stay testable with any object of
// this shape.

export interface HomeyEnvironment {
  client: HomeyApi;
  pollMs: number;
  locale: string;
  canControl: boolean;
  /** The shortest interval between Insights reads (config `pollIntervals.insightsMinMs`). */
  insightsMinMs?: number;
  /** Where devices' own icons come from (config `iconBaseUrl`); without it every tile draws its own. */
  iconBaseUrl?: string;
}

const Context = createContext<HomeyEnvironment | undefined>(undefined);

export function HomeyEnvironmentProvider({ value, children }: { value: HomeyEnvironment; children: ReactNode }) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useHomeyEnvironment(): HomeyEnvironment {
  const value = useContext(Context);
  if (!value) throw new Error('useHomeyEnvironment must be used inside <HomeyEnvironmentProvider>');
  return value;
}
