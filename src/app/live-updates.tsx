import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useHomeyConnection } from '../features/homey/homey-connection.tsx';
import type { LiveState } from '../features/homey/live-updates.ts';

// Whether the screen is live (the Homey's socket writes into the cache) or polling. The socket code
// is a lazy chunk, imported once the dashboard has drawn: the first visit does not carry it.

/** `off`: config.json says `realtime: false`. */
export type LiveMode = LiveState | 'off';

const Context = createContext<LiveMode>('off');

export function useLiveMode(): LiveMode {
  return useContext(Context);
}

export function LiveUpdatesProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const { client } = useHomeyConnection();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<LiveState>('connecting');

  useEffect(() => {
    if (!enabled) return undefined;
    let stop: (() => void) | undefined;
    let cancelled = false;
    import('./live-session.ts')
      .then(({ startLiveSession }) => {
        if (!cancelled) stop = startLiveSession({ queryClient, client, onState: setMode });
      })
      // The chunk did not load (a deploy replaced it, the network went): polling carries on.
      .catch(() => {
        if (!cancelled) setMode('down');
      });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [enabled, client, queryClient]);

  return <Context.Provider value={enabled ? mode : 'off'}>{children}</Context.Provider>;
}
