import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRequestQueue } from './request-queue.ts';
import type { Release, RequestPriority, RequestQueue } from './request-queue.ts';

/** Asks for a turn and records, in `order`, when it was granted. */
function ask(queue: RequestQueue, order: string[], name: string, options: { priority?: RequestPriority; front?: boolean; signal?: AbortSignal } = {}) {
  const turn = queue.acquire(options).then((release) => {
    order.push(name);
    return release;
  });
  turn.catch(() => undefined);
  return turn;
}

/** Lets granted turns run their `.then`. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Finishes whatever has its turn, one at a time, until every turn has been granted and released. */
async function drain(turns: readonly Promise<Release>[]): Promise<void> {
  const released = new Set<Promise<Release>>();
  while (released.size < turns.length) {
    await settle();
    let granted: Promise<Release> | undefined;
    for (const turn of turns) {
      if (released.has(turn)) continue;
      if (await Promise.race([turn.then(() => true), settle().then(() => false)])) {
        granted = turn;
        break;
      }
    }
    if (!granted) throw new Error('no turn was granted');
    released.add(granted);
    (await granted)();
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the request queue by priority', () => {
  it('gives the free slots to high, then normal, then low, whatever the order they asked in', async () => {
    const queue = createRequestQueue(2);
    const order: string[] = [];
    const busy = [await queue.acquire(), await queue.acquire()];
    const turns = [
      ask(queue, order, 'low 1', { priority: 'low' }),
      ask(queue, order, 'normal 1'),
      ask(queue, order, 'low 2', { priority: 'low' }),
      ask(queue, order, 'high 1', { priority: 'high' }),
      ask(queue, order, 'normal 2', { priority: 'normal' }),
      ask(queue, order, 'high 2', { priority: 'high' }),
    ];
    expect(queue.waiting).toBe(6);
    for (const release of busy) release();
    await settle();
    expect(order).toEqual(['high 1', 'high 2']);
    expect(queue.inFlight).toBe(2);

    await drain(turns);
    expect(order).toEqual(['high 1', 'high 2', 'normal 1', 'normal 2', 'low 1', 'low 2']);
    expect(queue.inFlight).toBe(0);
    expect(queue.waiting).toBe(0);
  });

  it('never lets more than the limit run, whatever their priorities', async () => {
    const queue = createRequestQueue(2);
    const order: string[] = [];
    const turns = (['low', 'low', 'high', 'normal', 'high'] as const).map((priority, i) => ask(queue, order, `${priority} ${i}`, { priority }));
    await settle();
    // The first two came to an empty queue and went at once.
    expect(order).toEqual(['low 0', 'low 1']);
    expect(queue.inFlight).toBe(2);
    expect(queue.waiting).toBe(3);
    (await turns[0]!)();
    await settle();
    expect(order).toEqual(['low 0', 'low 1', 'high 2']);
    expect(queue.inFlight).toBe(2);
  });

  it('puts a second try at the front of its own priority, not ahead of higher ones', async () => {
    const queue = createRequestQueue(1);
    const order: string[] = [];
    const busy = await queue.acquire();
    const turns = [
      ask(queue, order, 'low', { priority: 'low' }),
      ask(queue, order, 'normal'),
      ask(queue, order, 'high', { priority: 'high' }),
      ask(queue, order, 'low again', { priority: 'low', front: true }),
    ];
    busy();
    await drain(turns);
    expect(order).toEqual(['high', 'normal', 'low again', 'low']);
  });

  it('runs a low request at once when nothing else waits, and whenever no higher one is waiting', async () => {
    const queue = createRequestQueue(2);
    const order: string[] = [];
    // A device read holds one slot all along; Insights takes turns in the other.
    const deviceRead = await queue.acquire({ priority: 'high' });
    const lows = [0, 1, 2].map((i) => ask(queue, order, `low ${i}`, { priority: 'low' }));
    await settle();
    expect(order).toEqual(['low 0']);
    (await lows[0]!)();
    await settle();
    expect(order).toEqual(['low 0', 'low 1']);
    // The next poll arrives while both slots are busy: it goes next, and the last low after it.
    const nextRead = ask(queue, order, 'next device read', { priority: 'high' });
    (await lows[1]!)();
    await settle();
    expect(order).toEqual(['low 0', 'low 1', 'next device read']);
    (await nextRead)();
    await settle();
    expect(order).toEqual(['low 0', 'low 1', 'next device read', 'low 2']);
    (await lows[2]!)();
    deviceRead();
    expect(queue.inFlight).toBe(0);
    expect(queue.waiting).toBe(0);
  });

  it('lets a waiter of any priority leave the queue when its caller gives up', async () => {
    const queue = createRequestQueue(1);
    const order: string[] = [];
    const busy = await queue.acquire();
    const giveUp = new AbortController();
    const gone = ask(queue, order, 'low, given up', { priority: 'low', signal: giveUp.signal });
    const stays = ask(queue, order, 'low, waits', { priority: 'low' });
    expect(queue.waiting).toBe(2);
    giveUp.abort(new Error('unmounted'));
    await expect(gone).rejects.toThrow('unmounted');
    expect(queue.waiting).toBe(1);
    busy();
    (await stays)();
    expect(order).toEqual(['low, waits']);
  });

  it('holds every priority back after a 429, then lets the highest go first', async () => {
    vi.useFakeTimers();
    let clock = 0;
    const queue = createRequestQueue(1, () => clock);
    const order: string[] = [];
    queue.holdFor(1000);
    const turns = [ask(queue, order, 'low', { priority: 'low' }), ask(queue, order, 'high', { priority: 'high' })];
    await vi.advanceTimersByTimeAsync(500);
    clock = 500;
    expect(order).toEqual([]);
    clock = 1000;
    await vi.advanceTimersByTimeAsync(500);
    expect(order).toEqual(['high']);
    (await turns[1]!)();
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['high', 'low']);
    (await turns[0]!)();
  });

  it('treats a request that names no priority as normal', async () => {
    const queue = createRequestQueue(1);
    const order: string[] = [];
    const busy: Release = await queue.acquire();
    const turns = [ask(queue, order, 'low', { priority: 'low' }), ask(queue, order, 'unnamed'), ask(queue, order, 'high', { priority: 'high' })];
    busy();
    await drain(turns);
    expect(order).toEqual(['high', 'unnamed', 'low']);
  });
});
