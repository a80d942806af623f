import { abortReason } from '../../lib/abort.ts';

// Requests to one Homey wait their turn here: at most `maxInFlight` at once (older Homey Pros answer
// 429 after a handful of rapid calls, HOMEY_API.md §1 "Rate limits"), first come first served, and
// nobody goes while the Homey has asked us to hold back (`Retry-After`).

export type Release = () => void;

interface Waiter {
  grant: (release: Release) => void;
}

export interface RequestQueue {
  /** Resolves with a release function once it is this caller's turn; rejects if `signal` aborts first. */
  acquire(options?: { signal?: AbortSignal; front?: boolean }): Promise<Release>;
  /** Nobody starts before `ms` from now (the Homey answered 429). */
  holdFor(ms: number): void;
  readonly inFlight: number;
  readonly waiting: number;
}

export function createRequestQueue(maxInFlight: number, now: () => number = Date.now): RequestQueue {
  const limit = Math.max(1, Math.floor(maxInFlight));
  const queue: Waiter[] = [];
  let active = 0;
  let holdUntil = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

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
      if (queue.length && timer === undefined) {
        timer = setTimeout(() => {
          timer = undefined;
          pump();
        }, wait);
      }
      return;
    }
    while (active < limit && queue.length) {
      const next = queue.shift()!;
      active++;
      next.grant(release());
    }
  };

  return {
    acquire({ signal, front = false } = {}) {
      return new Promise<Release>((resolve, reject) => {
        if (signal?.aborted) {
          reject(abortReason(signal));
          return;
        }
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
      return queue.length;
    },
  };
}
