import { abortReason } from '../../lib/abort.ts';

// Requests to one Homey wait their turn here: at most `maxInFlight` at once (older Homey Pros answer
// 429 after a handful of rapid calls, docs/homey-web-api.md §1 "Rate limits"), and nobody goes while
// the Homey has asked us to hold back (`Retry-After`). Turns go by priority, then by arrival: in a
// big home the sparklines alone ask for hundreds of Insights logs at once, and in arrival order the
// next device poll waited behind all of them (no device read for 30 s). Strict priority cannot starve
// the low ones for long: the high and normal requests are few (one device list per poll, a write per
// touch, zones and flows now and then), so Insights gets every slot they leave free.

export type Release = () => void;

/**
 * `high`: the device list and writes (what the wall shows and what a person just did); `normal`:
 * zones, flows, weather and the rest; `low`: Insights, which only ever draws history.
 */
export type RequestPriority = 'high' | 'normal' | 'low';

const ORDER: readonly RequestPriority[] = ['high', 'normal', 'low'];

interface Waiter {
  grant: (release: Release) => void;
}

export interface RequestQueue {
  /**
   * Resolves with a release function once it is this caller's turn; rejects if `signal` aborts
   * first. `front` goes ahead of the others of its priority (a second try has waited once already).
   */
  acquire(options?: { signal?: AbortSignal | undefined; front?: boolean; priority?: RequestPriority | undefined }): Promise<Release>;
  /** Nobody starts before `ms` from now (the Homey answered 429). */
  holdFor(ms: number): void;
  readonly inFlight: number;
  readonly waiting: number;
}

export function createRequestQueue(maxInFlight: number, now: () => number = Date.now): RequestQueue {
  const limit = Math.max(1, Math.floor(maxInFlight));
  const queues: Record<RequestPriority, Waiter[]> = { high: [], normal: [], low: [] };
  let active = 0;
  let holdUntil = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const waiting = () => queues.high.length + queues.normal.length + queues.low.length;

  const next = (): Waiter | undefined => {
    for (const priority of ORDER) {
      const waiter = queues[priority].shift();
      if (waiter) return waiter;
    }
    return undefined;
  };

  const release = (): Release => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      active--;
      pump();
    };
  };

  const pump = () => {
    const wait = holdUntil - now();
    if (wait > 0) {
      if (waiting() && timer === undefined) {
        timer = setTimeout(() => {
          timer = undefined;
          pump();
        }, wait);
      }
      return;
    }
    while (active < limit) {
      const waiter = next();
      if (!waiter) break;
      active++;
      waiter.grant(release());
    }
  };

  return {
    acquire({ signal, front = false, priority = 'normal' } = {}) {
      return new Promise<Release>((resolve, reject) => {
        if (signal?.aborted) {
          reject(abortReason(signal));
          return;
        }
        const queue = queues[priority];
        const onAbort = () => {
          const at = queue.indexOf(waiter);
          if (at >= 0) queue.splice(at, 1);
          reject(signal && abortReason(signal));
        };
        const waiter: Waiter = {
          grant: (r) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(r);
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        if (front) queue.unshift(waiter);
        else queue.push(waiter);
        pump();
      });
    },
    holdFor(ms) {
      holdUntil = Math.max(holdUntil, now() + ms);
      if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
      }
      pump();
    },
    get inFlight() {
      return active;
    },
    get waiting() {
      return waiting();
    },
  };
}
