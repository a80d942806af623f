import { describe, expect, it } from 'vitest';
import type { HomeyReader } from '../homey/homey-client.ts';
import { deviceQueries } from './device-queries.ts';

const client: HomeyReader = { homey: { id: 'homey-1', name: 'Home' }, get: () => Promise.reject(new Error('not read in this test')) };

describe('the device list poll', () => {
  it('polls at the interval it is given', () => {
    expect(deviceQueries.list(client, 5000).refetchInterval).toBe(5000);
  });

  it('never waits longer than an hour: a timer past 2³¹ ms would fire at once, without pause', () => {
    expect(deviceQueries.list(client, 3e9).refetchInterval).toBe(60 * 60_000);
    expect(deviceQueries.list(client, Number.POSITIVE_INFINITY).refetchInterval).toBe(60 * 60_000);
  });

  it('never polls faster than once a second', () => {
    expect(deviceQueries.list(client, 0).refetchInterval).toBe(1000);
  });
});
