import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';

// What the device tiles need from the outside world, handed in by the app: a client that can read
// and write Homey paths (never a token or an address), the poll interval, the locale, and whether the
// session may control devices. Tiles stay testable with any object of this shape.

export interface HomeyDevicesClient {
  readonly homey: { id: string };
  get<T = unknown>(path: string, options?: { signal?: AbortSignal; parse?: (value: unknown) => T }): Promise<T>;
  put<T = unknown>(path: string, body: unknown, options?: { signal?: AbortSignal }): Promise<T>;
}

export interface DevicesEnvironment {
  client: HomeyDevicesClient;
  pollMs: number;
  locale: string;
  canControl: boolean;
  /** The shortest interval between Insights reads (config `pollIntervals.insightsMinMs`). */
  insightsMinMs?: number;
}

const Context = createContext<DevicesEnvironment | undefined>(undefined);

export function DevicesEnvironmentProvider({ value, children }: { value: DevicesEnvironment; children: ReactNode }) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useDevicesEnvironment(): DevicesEnvironment {
  const value = useContext(Context);
  if (!value) throw new Error('useDevicesEnvironment must be used inside <DevicesEnvironmentProvider>');
  return value;
}
