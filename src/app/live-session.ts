import type { QueryClient } from '@tanstack/react-query';
import type { HomeyClient } from '../features/homey/homey-client.ts';
import { startLiveUpdates } from '../features/homey/live-updates.ts';
import type { LiveState, LiveUpdatesOptions } from '../features/homey/live-updates.ts';
import { createLiveCache } from './live-cache.ts';

// The lazy half of live updates (loaded after the first paint, never in the first visit's
// JavaScript): the socket (features/homey/live-updates.ts) wired to the cache (live-cache.ts), and to
// the browser's wake signals, after which the socket is checked and the whole home read once.

export interface LiveSessionOptions {
  queryClient: QueryClient;
  client: HomeyClient;
  onState: (state: LiveState) => void;
  /** The browser objects whose events say the page woke (tests pass their own). */
  wakeSignals?: { document: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>; window: Pick<Window, 'addEventListener' | 'removeEventListener'> };
  socket?: Pick<LiveUpdatesOptions, 'WebSocket' | 'timers' | 'heartbeat' | 'random'>;
}

export function startLiveSession({
  queryClient,
  client,
  onState,
  wakeSignals = { document: globalThis.document, window: globalThis.window },
  socket,
}: LiveSessionOptions): () => void {
  const cache = createLiveCache(queryClient, client);
  let state: LiveState = 'connecting';
  const live = startLiveUpdates({
    client,
    ...socket,
    onEvent: (uri, event, data) => cache.apply(uri, event, data),
    onState: (next) => {
      state = next;
      onState(next);
    },
    onLive: () => cache.refetchHome(),
  });
  live.subscribe(cache.uris());
  const offDevices = cache.onDevicesChanged(() => live.subscribe(cache.uris()));

  const wake = () => {
    if (wakeSignals.document.visibilityState === 'hidden') return;
    // A live socket is checked at once; what it may have missed while the tablet slept is read now.
    if (state === 'live') cache.refetchHome();
    live.wake();
  };
  wakeSignals.document.addEventListener('visibilitychange', wake);
  wakeSignals.window.addEventListener('pageshow', wake);
  wakeSignals.window.addEventListener('online', wake);

  return () => {
    wakeSignals.document.removeEventListener('visibilitychange', wake);
    wakeSignals.window.removeEventListener('pageshow', wake);
    wakeSignals.window.removeEventListener('online', wake);
    offDevices();
    live.stop();
    cache.stop();
  };
}
