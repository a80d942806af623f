// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { deviceQueries } from '../features/devices/device-queries.ts';
import type { DevicesResult } from '../features/devices/device-schema.ts';
import { FreshnessProvider } from '../features/devices/freshness.tsx';
import type { DeviceSummary } from '../features/devices/use-devices.ts';
import { homeQueries } from '../features/home/home-queries.ts';
import { orderZones } from '../features/home/zone-order.ts';
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

/**
 * jsdom lays nothing out: each section's grid 400 px tall, one under the other, and in each grid
 * places 100 px tall, one under the other, from the top of the screen.
 */
const PLACE_HEIGHT = 100;
const SECTION_HEIGHT = 400;
const realBox = HTMLElement.prototype.getBoundingClientRect;
function layOutPlaces() {
  const box = (top: number, height: number) => ({ top, bottom: top + height, height, left: 0, right: 200, width: 200, x: 0, y: top, toJSON: () => ({}) }) as DOMRect;
  HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
    if (this.classList.contains('tiles')) return box([...document.querySelectorAll('.tiles')].indexOf(this) * SECTION_HEIGHT, SECTION_HEIGHT);
    if (this.dataset.place !== undefined && this.parentElement) {
      const gridTop = this.parentElement.getBoundingClientRect().top;
      return box(gridTop + [...this.parentElement.children].indexOf(this) * PLACE_HEIGHT, PLACE_HEIGHT);
    }
    return box(0, 0);
  };
}
/** Places whose top is within a screen below the screen (NEAR_MARGIN). */
const nearAtFirst = () => Math.floor((2 * window.innerHeight) / PLACE_HEIGHT) + 1;

async function setup(count: number, { inRooms = false } = {}) {
  (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = FakeObserver;
  layOutPlaces();
  const homey = emulator().info.homeys.find((h) => h.name === 'Home')!;
  const key = homey.apiKeys.find((k) => k.scopes.includes('homey'))!.token;
  const client = createHomeyClient({ homey: { id: homey.id, name: homey.name }, session: createApiKeySession(key), route: createDirectRouteProvider(homey.localUrl) });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
  const environment: HomeyEnvironment = { client, pollMs: 3_600_000, locale: 'en', canControl: true };
  const data = (await queryClient.fetchQuery(deviceQueries.list(client, environment.pollMs))) as DevicesResult;
  const devices: DeviceSummary[] = data.devices.slice(0, count).map((d) => ({ id: d.id, name: d.name, zone: d.zone }));
  const zones = inRooms ? orderZones((await queryClient.fetchQuery(homeQueries.zones(client, 3_600_000))).items) : [];
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(
      <QueryClientProvider client={queryClient}>
        <HomeyEnvironmentProvider value={environment}>
          <FreshnessProvider>
            <DeviceSections devices={devices} broken={[]} zones={zones} favourites={[]} favouritesTitle="" onlyZones={[]} onlyChosen={false} onOpen={() => undefined} />
          </FreshnessProvider>
        </HomeyEnvironmentProvider>
      </QueryClientProvider>,
    );
    await settle();
  });
  const slots = () => [...container.querySelectorAll('.tiles > *')];
  const drawn = () => container.querySelectorAll('article.tile').length;
  return { devices, zones, container, root, slots, drawn };
}

afterEach(() => {
  HTMLElement.prototype.getBoundingClientRect = realBox;
  delete (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver;
  document.body.replaceChildren();
});

describe('a big home on the wall', () => {
  it('draws the first screenful, then only what comes near the screen, keeping each place and its height', async () => {
    const t = await setup(DEVICES);
    expect(t.devices).toHaveLength(DEVICES);
    // Every device has its place; what is on or near the screen by its box is drawn before the
    // observer has said anything (and never fewer than the first screenful).
    expect(t.slots()).toHaveLength(DEVICES);
    expect(t.drawn()).toBe(Math.max(FIRST_TILES, nearAtFirst()));
    expect(t.container.querySelector('.device-sections[aria-busy]')).toBeNull();

    // Scrolled down: the first tiles leave, a few in the middle come near.
    const observer = FakeObserver.current!;
    expect(observer.observed.size).toBeGreaterThanOrEqual(DEVICES);
    const first = t.slots().slice(0, Math.max(FIRST_TILES, nearAtFirst()));
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

  it('stands in for a room far from the screen with one box, and gives its tiles places when it comes near', async () => {
    const t = await setup(DEVICES, { inRooms: true });
    const grids = () => [...t.container.querySelectorAll<HTMLElement>('.tiles')];
    const far = grids().filter((grid) => grid.classList.contains('is-far'));
    // Near: the rooms within two screens of the top (NEAR_MARGIN: 768 px × 2 / 400 px, four), and
    // those holding the first screenful of tiles.
    const counts = t.zones.map((z) => t.devices.filter((d) => d.zone === z.zone.id).length).filter((n) => n > 0);
    let firstScreenful = 0;
    for (let sum = 0; sum < FIRST_TILES; firstScreenful++) sum += counts[firstScreenful] ?? FIRST_TILES;
    const nearRooms = Math.max(firstScreenful, Math.floor((2 * window.innerHeight) / SECTION_HEIGHT) + 1);
    expect(grids()).toHaveLength(counts.length);
    expect(grids().length).toBeGreaterThan(nearRooms);
    expect(far).toEqual(grids().slice(nearRooms));
    for (const grid of far) {
      expect(grid.childNodes).toHaveLength(0);
      expect(Number(grid.style.getPropertyValue('--rows'))).toBeGreaterThan(0);
    }
    // Every device is in a room: the rooms hold them all between them.
    const inRoom = t.devices.filter((d) => t.zones.some((z) => z.zone.id === d.zone)).length;
    expect(inRoom).toBe(DEVICES);

    const room = far[0]!;
    await act(async () => {
      FakeObserver.current!.report([room], true);
      await settle();
    });
    expect(room.classList.contains('is-far')).toBe(false);
    expect(room.children.length).toBeGreaterThan(0);
    for (const place of room.children) expect(place.classList.contains('tile-slot')).toBe(true);
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
