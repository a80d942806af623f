// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Profiler, act } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { deviceQueries } from '../features/devices/device-queries.ts';
import { DeviceTile } from '../features/devices/device-tile.tsx';
import { loadDeviceIcons } from '../features/devices/device-icon.tsx';
import { HomeyEnvironmentProvider } from '../features/homey/homey-environment.tsx';
import type { HomeyEnvironment } from '../features/homey/homey-environment.tsx';
import { FreshnessProvider } from '../features/devices/freshness.tsx';
import type { DevicesResult } from '../features/devices/device-schema.ts';
import { createHomeyClient } from '../features/homey/homey-client.ts';
import { createApiKeySession } from '../features/homey/homey-session.ts';
import { createDirectRouteProvider } from '../features/homey/route-provider.ts';
import { emulatorPerFile } from '../../test-support/emulator-client.ts';

// Render economy (docs/architecture.md, "Subscribe narrowly"): tiles subscribe to their own device,
// so an identical poll re-renders no tile and a change to one capability re-renders that tile only.
// Real HTTP against the emulator; React's Profiler counts commits per tile.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const emulator = emulatorPerFile();

function setup() {
  const homey = emulator().info.homeys.find((h) => h.name === 'Home')!;
  const key = homey.apiKeys.find((k) => k.scopes.includes('homey'))!.token;
  const client = createHomeyClient({ homey: { id: homey.id, name: homey.name }, session: createApiKeySession(key), route: createDirectRouteProvider(homey.localUrl) });
  // A fresh client per test, no retries, no polling of its own: the test decides when a poll lands.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
  const environment: HomeyEnvironment = { client, pollMs: 3_600_000, locale: 'en', canControl: true };
  const renders = new Map<string, number>();
  const container = document.createElement('div');
  document.body.append(container);
  const root: Root = createRoot(container);
  const wrap = (children: ReactNode) => (
    <QueryClientProvider client={queryClient}>
      <HomeyEnvironmentProvider value={environment}>
        <FreshnessProvider>{children}</FreshnessProvider>
      </HomeyEnvironmentProvider>
    </QueryClientProvider>
  );
  const poll = async () => {
    await act(async () => {
      await queryClient.refetchQueries({ queryKey: deviceQueries.all(homey.id) });
      // React Query notifies observers on a later tick; let it, so the renders are counted here.
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
  };
  return { homey, client, queryClient, environment, renders, container, root, wrap, poll };
}

describe('tile render economy', () => {
  it('re-renders no tile for identical polls and exactly one tile when one capability changes', async () => {
    const t = setup();
    const first = await t.queryClient.fetchQuery(deviceQueries.list(t.client, t.environment.pollMs));
    const ids = (first as DevicesResult).devices.map((d) => d.id);
    expect(ids.length).toBeGreaterThan(20);
    // The drawings are a chunk of their own: once here, a tile draws its icon in its first render.
    await loadDeviceIcons();
    await act(async () => {
      t.root.render(
        t.wrap(
          ids.map((id) => (
            <Profiler key={id} id={id} onRender={(profiled) => t.renders.set(profiled, (t.renders.get(profiled) ?? 0) + 1)}>
              <DeviceTile deviceId={id} />
            </Profiler>
          )),
        ),
      );
    });
    expect(t.container.querySelectorAll('article.tile')).toHaveLength(ids.length);
    t.renders.clear();

    for (let i = 0; i < 5; i += 1) await t.poll();
    expect([...t.renders.values()].reduce((a, b) => a + b, 0)).toBe(0);

    const sensor = (first as DevicesResult).devices.find((d) => d.capabilitiesObj.measure_temperature && !d.capabilitiesObj.measure_temperature.setable)!;
    await emulator().control('PUT', `/__emulator/homeys/${t.homey.id}/devices/${sensor.id}/capabilities/measure_temperature`, { value: 31.4 });
    await t.poll();
    expect([...t.renders.keys()]).toEqual([sensor.id]);
    expect(t.renders.get(sensor.id)).toBe(1);
    const tile = t.container.querySelector(`[data-device-id="${sensor.id}"]`)!;
    expect(tile.textContent).toContain('31.4');
    await act(async () => t.root.unmount());
  });

  it('shows a device name full of markup as text and injects no element', async () => {
    const t = setup();
    const devices = (await t.queryClient.fetchQuery(deviceQueries.list(t.client, t.environment.pollMs))) as DevicesResult;
    const target = devices.devices[0]!;
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\u202eevil';
    await emulator().control('PUT', `/__emulator/homeys/${t.homey.id}/devices/${target.id}`, { name: hostile });
    await t.queryClient.refetchQueries();
    await act(async () => {
      t.root.render(t.wrap(<DeviceTile deviceId={target.id} />));
    });
    const tile = t.container.querySelector(`[data-device-id="${target.id}"]`)!;
    expect(tile.querySelector('h3')?.textContent).toBe(hostile);
    expect(tile.querySelector('img, script')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    await act(async () => t.root.unmount());
  });
});
