// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Profiler, act } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { deviceQueries } from '../features/devices/device-queries.ts';
import type { Capability, Device, DevicesResult } from '../features/devices/device-schema.ts';
import { DeviceTile } from '../features/devices/device-tile.tsx';
import { HomeyEnvironmentProvider } from '../features/homey/homey-environment.tsx';
import type { HomeyEnvironment } from '../features/homey/homey-environment.tsx';
import { FreshnessProvider } from '../features/devices/freshness.tsx';
import { createHomeyClient } from '../features/homey/homey-client.ts';
import { createApiKeySession } from '../features/homey/homey-session.ts';
import { createDirectRouteProvider } from '../features/homey/route-provider.ts';
import { insightQueries } from '../features/insights/insight-queries.ts';
import { emulatorPerFile } from '../../test-support/emulator-client.ts';
import { renderTemperatureSparkline } from './temperature-sparkline-extra.tsx';

// The temperature sparkline on a tile: 24 h from Insights with min/max and a trend
// arrow, drawn without recharts. It runs its own query: an identical device poll re-renders neither
// the tile nor the sparkline, and a new Insights bucket re-renders the sparkline, not the tile. A new
// value is the sparkline's newest point until the bucket that holds it lands.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const emulator = emulatorPerFile();

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('temperature sparkline', () => {
  it('draws the last 24 h with min, max and trend, and re-renders only itself when Insights change', async () => {
    const homey = emulator().info.homeys.find((h) => h.name === 'Home')!;
    const key = homey.apiKeys.find((k) => k.scopes.includes('homey'))!.token;
    const client = createHomeyClient({ homey: { id: homey.id, name: homey.name }, session: createApiKeySession(key), route: createDirectRouteProvider(homey.localUrl) });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, refetchInterval: false } } });
    const environment: HomeyEnvironment = { client, pollMs: 3_600_000, locale: 'nl', canControl: true };
    const devices = (await queryClient.fetchQuery(deviceQueries.list(client, environment.pollMs))) as DevicesResult;
    const sensor = devices.devices.find((d) => d.name === 'Living room climate')!;
    expect(sensor.capabilitiesObj.measure_temperature).toBeDefined();

    let tileRenders = 0;
    let sparklineCommits = 0;
    // Called whenever the tile's body renders: the tile's own render count.
    const renderExtra = (device: Device, capability: Capability): ReactNode => {
      if (capability.id === 'measure_temperature') tileRenders += 1;
      const extra = renderTemperatureSparkline(device, capability);
      return extra && (
        <Profiler id="sparkline" onRender={() => (sparklineCommits += 1)}>
          {extra}
        </Profiler>
      );
    };
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await act(async () => {
      root.render(
        <QueryClientProvider client={queryClient}>
          <HomeyEnvironmentProvider value={environment}>
            <FreshnessProvider>
              <DeviceTile deviceId={sensor.id} renderExtra={renderExtra} />
            </FreshnessProvider>
          </HomeyEnvironmentProvider>
        </QueryClientProvider>,
      );
    });
    await act(async () => {
      await queryClient.refetchQueries({ queryKey: insightQueries.all(homey.id) });
      await settle();
    });

    const tile = container.querySelector(`[data-device-id="${sensor.id}"]`)!;
    const sparkline = tile.querySelector('[data-capability="measure_temperature"] .sparkline')!;
    expect(sparkline).not.toBeNull();
    const path = sparkline.querySelector('svg path')!.getAttribute('d')!;
    expect(path).toMatch(/^M[\d.]+ [\d.]+L/);
    expect(path).not.toMatch(/NaN|Infinity/);
    // A decimal comma, the capability's own decimals and units ("19,30 °C" when it says 2 decimals).
    const { decimals, units } = sensor.capabilitiesObj.measure_temperature!;
    const reading = new RegExp(`^-?\\d+,\\d{${decimals}}\u00a0${units}$`);
    expect(sparkline.querySelector('.sparkline-min')!.textContent).toMatch(reading);
    expect(sparkline.querySelector('.sparkline-max')!.textContent).toMatch(reading);
    const trend = sparkline.querySelector('.trend')!;
    expect(trend.getAttribute('aria-label')).toMatch(/^(rising|falling|steady)$/);
    expect(trend.getAttribute('data-trend')).toBe(trend.getAttribute('aria-label'));
    expect(trend.textContent).toBe({ rising: '↑', falling: '↓', steady: '→' }[trend.getAttribute('aria-label') as 'rising']);

    tileRenders = 0;
    sparklineCommits = 0;
    // Identical device polls and identical Insights answers: nothing renders.
    for (let i = 0; i < 3; i += 1) {
      await act(async () => {
        await queryClient.refetchQueries({ queryKey: deviceQueries.all(homey.id) });
        await queryClient.refetchQueries({ queryKey: insightQueries.all(homey.id) });
        await settle();
      });
    }
    expect({ tileRenders, sparklineCommits }).toEqual({ tileRenders: 0, sparklineCommits: 0 });

    // Five minutes on, the next bucket has landed: the sparkline redraws, the tile does not.
    await emulator().control('POST', '/__emulator/clock', { advanceMs: 5 * 60_000 });
    await act(async () => {
      await queryClient.refetchQueries({ queryKey: insightQueries.all(homey.id) });
      await settle();
    });
    expect(tileRenders).toBe(0);
    expect(sparklineCommits).toBe(1);

    // Between buckets the Homey reports a new high (live or at the next poll): the sparkline draws it as
    // its newest point, so its range agrees with the number beside it before Insights know of it.
    sparklineCommits = 0;
    await emulator().control('PUT', `/__emulator/homeys/${homey.id}/devices/${sensor.id}/capabilities/measure_temperature`, { value: 41.5 });
    await act(async () => {
      await queryClient.refetchQueries({ queryKey: deviceQueries.all(homey.id) });
      await settle();
    });
    expect(sparkline.querySelector('.sparkline-max')!.textContent).toBe(`41,${'5'.padEnd(decimals ?? 1, '0')}\u00a0${units}`);
    expect(sparklineCommits).toBe(1);
    await act(async () => root.unmount());
  });
});
