// Requests and bytes per listener and route, and requests in flight: the figures the network
// benchmark reads ("≤ 2 in flight per Homey") and the tests use to prove single-flight renewal.
import type { EmulatorStats, ListenerStats, SocketStats } from './wire-types.ts';

/** Where a Homey listener's socket counters come from (its realtime server keeps them). */
export interface SocketStatsSource {
  snapshot(): SocketStats;
  reset(): void;
}

export class Stats {
  private listeners = new Map<string, ListenerStats>();
  private readonly sockets = new Map<string, SocketStatsSource>();

  watchSockets(listener: string, source: SocketStatsSource): void {
    this.sockets.set(listener, source);
  }

  private get(listener: string): ListenerStats {
    let s = this.listeners.get(listener);
    if (!s) {
      s = { requests: 0, bytesIn: 0, bytesOut: 0, inFlight: 0, peakInFlight: 0, routes: {} };
      this.listeners.set(listener, s);
    }
    return s;
  }

  inFlight(listener: string, delta: 1 | -1): void {
    const s = this.get(listener);
    s.inFlight += delta;
    s.peakInFlight = Math.max(s.peakInFlight, s.inFlight);
  }

  complete(e: { listener: string; route: string; status: number; bytesIn: number; bytesOut: number }): void {
    const s = this.get(e.listener);
    s.requests++;
    s.bytesIn += e.bytesIn;
    s.bytesOut += e.bytesOut;
    const r = (s.routes[e.route] ??= { requests: 0, bytesIn: 0, bytesOut: 0, statuses: {} });
    r.requests++;
    r.bytesIn += e.bytesIn;
    r.bytesOut += e.bytesOut;
    r.statuses[e.status] = (r.statuses[e.status] ?? 0) + 1;
  }

  snapshot(): EmulatorStats {
    for (const listener of this.sockets.keys()) this.get(listener);
    return Object.fromEntries(
      [...this.listeners].map(([k, v]) => {
        const socket = this.sockets.get(k)?.snapshot();
        return [k, socket ? { ...structuredClone(v), socket } : structuredClone(v)];
      }),
    );
  }

  /** Forgets the counts but keeps requests that are still in flight. */
  reset(): void {
    for (const source of this.sockets.values()) source.reset();
    for (const [key, s] of this.listeners) {
      this.listeners.set(key, { requests: 0, bytesIn: 0, bytesOut: 0, inFlight: s.inFlight, peakInFlight: s.inFlight, routes: {} });
    }
  }
}
