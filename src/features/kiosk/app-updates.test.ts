import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_RETRY_MS, UPDATE_CHECK_MS, startAppUpdates } from './app-updates.ts';
import type { AppUpdatesEnvironment } from './app-updates.ts';
import { blockReloadWhile } from './reload-guard.ts';

/** A page with a service worker container and a document, both fakes that tests drive. */
function fakePage({ controlled = true }: { controlled?: boolean } = {}) {
  const listeners = new Map<string, Set<() => void>>();
  const on = (type: string, listener: () => void) => {
    if (!listeners.has(type)) listeners.set(type, new Set());
    listeners.get(type)!.add(listener);
  };
  const off = (type: string, listener: () => void) => listeners.get(type)?.delete(listener);
  const emit = (type: string) => listeners.get(type)?.forEach((listener) => listener());
  const update = vi.fn(() => Promise.resolve());
  const register = vi.fn((_url: string, _options?: RegistrationOptions) => Promise.resolve({ update }));
  const doc = { visibilityState: 'visible' as DocumentVisibilityState, addEventListener: on, removeEventListener: off };
  const reload = vi.fn();
  const env = {
    serviceWorker: { controller: controlled ? {} : null, register, addEventListener: on, removeEventListener: off },
    document: doc,
    reload,
  } as unknown as AppUpdatesEnvironment;
  return {
    env,
    update,
    register,
    reload,
    listenerCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
    /** A new version's service worker takes over the page. */
    newVersionTakesOver: () => emit('controllerchange'),
    setVisible(visible: boolean) {
      doc.visibilityState = visible ? 'visible' : 'hidden';
      emit('visibilitychange');
    },
  };
}

describe('app updates', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('registers the service worker at the given address and scope', async () => {
    const page = fakePage();
    startAppUpdates({ ...page.env, scriptUrl: '/wall/sw.js', scope: '/wall/' });
    await vi.advanceTimersByTimeAsync(0);
    expect(page.register).toHaveBeenCalledWith('/wall/sw.js', { scope: '/wall/' });
  });

  it('looks for a new version every hour, not sooner', async () => {
    const page = fakePage();
    startAppUpdates(page.env);
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_MS - 1);
    expect(page.update).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(page.update).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2 * UPDATE_CHECK_MS);
    expect(page.update).toHaveBeenCalledTimes(3);
  });

  it('looks at once on return to visible when the last look is over an hour old (timers stall while a tablet sleeps)', async () => {
    const page = fakePage();
    startAppUpdates(page.env);
    await vi.advanceTimersByTimeAsync(0);
    page.setVisible(false);
    page.setVisible(true);
    expect(page.update).not.toHaveBeenCalled();

    page.setVisible(false);
    // The interval did not run (the tablet slept), but the clock moved on.
    vi.setSystemTime(Date.now() + UPDATE_CHECK_MS + 1);
    page.setVisible(true);
    expect(page.update).toHaveBeenCalledTimes(1);
    // A second return soon after does not ask again.
    page.setVisible(false);
    page.setVisible(true);
    expect(page.update).toHaveBeenCalledTimes(1);
  });

  it('a failed look (offline) is quietly tried again at the next hour', async () => {
    const page = fakePage();
    page.update.mockImplementation(() => Promise.reject(new TypeError('Failed to fetch')));
    startAppUpdates(page.env);
    await vi.advanceTimersByTimeAsync(2 * UPDATE_CHECK_MS);
    expect(page.update).toHaveBeenCalledTimes(2);
  });

  it('reloads once when a new version takes over an idle page', () => {
    const page = fakePage();
    startAppUpdates(page.env);
    page.newVersionTakesOver();
    expect(page.reload).toHaveBeenCalledTimes(1);
    page.newVersionTakesOver();
    expect(page.reload).toHaveBeenCalledTimes(1);
  });

  it('does not reload on the first visit, when the first service worker takes control', () => {
    const page = fakePage({ controlled: false });
    startAppUpdates(page.env);
    page.newVersionTakesOver();
    expect(page.reload).not.toHaveBeenCalled();
    // A later version does reload it.
    page.newVersionTakesOver();
    expect(page.reload).toHaveBeenCalledTimes(1);
  });

  it('waits while the page is busy (settings open, a write under way) and reloads once it is idle', async () => {
    const page = fakePage();
    let busy = true;
    const release = blockReloadWhile(() => busy);
    try {
      startAppUpdates(page.env);
      page.newVersionTakesOver();
      expect(page.reload).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(3 * IDLE_RETRY_MS);
      expect(page.reload).not.toHaveBeenCalled();
      busy = false;
      await vi.advanceTimersByTimeAsync(IDLE_RETRY_MS);
      expect(page.reload).toHaveBeenCalledTimes(1);
    } finally {
      release();
    }
  });

  it('stops: no more looks, listeners or waiting reloads', async () => {
    const page = fakePage();
    const stop = startAppUpdates({ ...page.env, isIdle: () => false });
    page.newVersionTakesOver();
    stop();
    expect(page.listenerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(2 * UPDATE_CHECK_MS);
    expect(page.update).not.toHaveBeenCalled();
    expect(page.reload).not.toHaveBeenCalled();
  });

  it('carries on without a service worker where registration is refused', async () => {
    const page = fakePage();
    page.register.mockImplementation(() => Promise.reject(new DOMException('insecure', 'SecurityError')));
    startAppUpdates(page.env);
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_MS);
    expect(page.update).not.toHaveBeenCalled();
  });
});
