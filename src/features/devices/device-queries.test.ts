import { describe, expect, it } from 'vitest';
import type { HomeyReader } from '../homey/homey-client.ts';
import { deviceQueries, nextListReadInMs } from './device-queries.ts';

const client: HomeyReader = { homey: { id: 'homey-1', name: 'Home' }, get: () => Promise.reject(new Error('not read in this test')) };

/** The interval React Query would set now, for a list that has never been read (or is being read). */
function intervalFor(pollMs: number, fetchStatus: 'idle' | 'fetching' = 'idle'): number | false | undefined {
  const option = deviceQueries.list(client, pollMs).refetchInterval;
  if (typeof option !== 'function') return option;
  return option({ state: { fetchStatus } } as unknown as Parameters<typeof option>[0]);
}

describe('the device list poll', () => {
  it('polls at the interval it is given', () => {
    expect(intervalFor(5000)).toBe(5000);
    expect(intervalFor(5000, 'fetching')).toBe(5000);
  });

  it('never waits longer than an hour: a timer past 2³¹ ms would fire at once, without pause', () => {
    expect(intervalFor(3e9)).toBe(60 * 60_000);
    expect(intervalFor(Number.POSITIVE_INFINITY)).toBe(60 * 60_000);
  });

  it('never polls faster than once a second', () => {
    expect(intervalFor(0)).toBe(1000);
  });

  it('counts the interval from when the last read was asked for, so a slow read does not push the next one out', () => {
    // A read asked for at 0 that landed 2.5 s later: the next one 5 s after the first, not 7.5 s.
    expect(nextListReadInMs(5000, 0, 2500)).toBe(2500);
    expect(nextListReadInMs(5000, undefined, 2500)).toBe(5000);
    // A read slower than the interval: the next one at once (but not faster than once a second).
    expect(nextListReadInMs(5000, 0, 7000)).toBe(1000);
    // A clock that jumped back: never longer than the interval.
    expect(nextListReadInMs(5000, 10_000, 0)).toBe(5000);
  });
});
