// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { deviceQueries } from '../features/devices/device-queries.ts';
import type { DevicesResult } from '../features/devices/device-schema.ts';
import { FreshnessProvider } from '../features/devices/freshness.tsx';
import type { DeviceSummary } from '../features/devices/use-devices.ts';
import { createHomeyClient } from '../features/homey/homey-client.ts';
import { HomeyEnvironmentProvider } from '../features/homey/homey-environment.tsx';
import type { HomeyEnvironment } from '../features/homey/homey-environment.tsx';
import { createApiKeySession } from '../features/homey/homey-session.ts';
import { createDirectRouteProvider } from '../features/homey/route-provider.ts';
import { emulatorPerFile } from '../../test-support/emulator-client.ts';
import { DRAW_ALL_UP_TO, DeviceSections, FIRST_TILES } from './device-sections.tsx';

// A big home (the emulator's generated one, 300 devices) draws only the tiles near the screen: every
// other one is an empty box that keeps its place and, once it has been drawn, its height. A home of
// up to DRAW_ALL_UP_TO tiles draws them all, as before. The browser's IntersectionObserver is a
// fake here, so the test says what is near.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const DEVICES = 300;
const emulator = emulatorPerFile({ generateDevices: DEVICES });

class FakeObserver {
  static current: FakeObserver | undefined;
  readonly observed = new Set<Element>();
  constructor(readonly callback: IntersectionObserverCallback) {
    FakeObserver.current = this;
  }
  observe(element: Element) {
    this.observed.add(element);
  }
  unobserve(element: Element) {
    this.observed.delete(element);
  }
  disconnect() {
    this.observed.clear();
  }
  report(elements: readonly Element[], isIntersecting: boolean, height = 150) {
    const entries = elements.map((target) => ({ target, isIntersecting, boundingClientRect: { height } }) as unknown as IntersectionObserverEntry);
    this.callback(entries, this as unknown as IntersectionObserver);
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function setup(count: number) {
  (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = FakeObserver;
  const homey = emulator().info.homeys.find((h) => h.name === 'Home')!;
  const key = homey.apiKeys.find((k) => k.scopes.includes('homey'))!.token;
  const client = createHomeyClient({ homey: { id: homey.id, name: homey.name }, session: createApiKeySession(key), route: createDirectRouteProvider(homey.localUrl) });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
  const environment: HomeyEnvironment = { client, pollMs: 3_600_000, locale: 'en', canControl: true };
  const data = (await queryClient.fetchQuery(deviceQueries.list(client, environment.pollMs))) as DevicesResult;
  const devices: DeviceSummary[] = data.devices.slice(0, count).map((d) => ({ id: d.id, name: d.name, zone: d.zone }));
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(
      <QueryClientProvider client={queryClient}>
        <HomeyEnvironmentProvider value={environment}>
          <FreshnessProvider>
            <DeviceSections devices={devices} broken={[]} zones={[]} favourites={[]} favouritesTitle="" onlyZones={[]} onlyChosen={false} onOpen={() => undefined} />
          </FreshnessProvider>
        </HomeyEnvironmentProvider>
      </QueryClientProvider>,
    );
    await settle();
  });
  const slots = () => [...container.querySelectorAll('.tiles > *')];
  const drawn = () => container.querySelectorAll('article.tile').length;
  return { devices, container, root, slots, drawn };
}

afterEach(() => {
  delete (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver;
  document.body.replaceChildren();
});

describe('a big home on the wall', () => {
  it('draws the first screenful, then only what comes near the screen, keeping each place and its height', async () => {
    const t = await setup(DEVICES);
    expect(t.devices).toHaveLength(DEVICES);
    // Every device has its place; the first screenful is drawn before the observer has said anything.
    expect(t.slots()).toHaveLength(DEVICES);
    expect(t.drawn()).toBe(FIRST_TILES);
    expect(t.container.querySelector('.device-sections[aria-busy]')).toBeNull();

    // Scrolled down: the first tiles leave, a few in the middle come near.
    const observer = FakeObserver.current!;
    expect(observer.observed.size).toBeGreaterThanOrEqual(DEVICES);
    const first = t.slots().slice(0, FIRST_TILES);
    const middle = t.slots().slice(150, 160);
    await act(async () => {
      observer.report(first, false, 187);
      observer.report(middle, true);
      await settle();
    });
    expect(t.drawn()).toBe(middle.length);
    for (const slot of middle) expect(slot.querySelector('article.tile')).not.toBeNull();
    for (const slot of first) {
      expect(slot.classList.contains('is-far')).toBe(true);
      expect(slot.childNodes).toHaveLength(0);
      expect((slot as HTMLElement).style.minHeight).toBe('187px');
    }
    // A place never drawn waits at a typical tile's height (in CSS), with nothing in it.
    expect(t.slots()[299]!.classList.contains('is-far')).toBe(true);
    expect((t.slots()[299] as HTMLElement).style.minHeight).toBe('');
    await act(async () => t.root.unmount());
  });

  it('finds a device far down the list by name, and draws it', async () => {
    const t = await setup(DEVICES);
    const wanted = t.devices[280]!;
    const input = t.container.querySelector<HTMLInputElement>('#device-search')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, wanted.name);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await settle();
    });
    const tile = t.container.querySelector(`article.tile[data-device-id="${wanted.id}"]`);
    expect(tile?.textContent).toContain(wanted.name);
    await act(async () => t.root.unmount());
  });

  it(`draws every tile of a home of up to ${DRAW_ALL_UP_TO}`, async () => {
    const t = await setup(DRAW_ALL_UP_TO);
    expect(t.container.querySelectorAll('.tile-slot')).toHaveLength(0);
    expect(t.drawn()).toBe(DRAW_ALL_UP_TO);
    await act(async () => t.root.unmount());
  });
});
