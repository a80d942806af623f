import type { RouteStats } from '../emulator/control/wire-types.ts';
import type { BenchApp } from './bench-app.ts';
import { pollingOnly, withHome } from './bench-app.ts';
import { devtools, newContext, signInWithApiKey, sleep } from './browser.ts';
import type { HomeyTraffic } from './browser.ts';
import { writeBenchHome } from './fixture.ts';
import type { Row } from './report.ts';
import { kb } from './report.ts';

// Figure 5: what a wall of 50 devices asks of its Homey when nobody touches it, at the default poll
// interval (devices every 5 s, zones, flows and weather every minute, Insights when a bucket lands).
// The emulator counts requests, body bytes and requests in flight per Homey (both its addresses);
// the window is measured in full, not scaled, after the start-up burst has passed.

export const DEVICES = 50;
export const PEAK_IN_FLIGHT_BUDGET = 2;
const SETTLE_MS = 15_000;

export async function network(app: BenchApp, windowMs: number): Promise<Row[]> {
  const home = await writeBenchHome(app.tmp, DEVICES);
  return withHome(app, { fixture: home.file, simulationIntervalMs: 1000 , config: pollingOnly }, async (emulator, control) => {
    const homey = emulator.info().homeys[0]!;
    const context = await newContext(app.browser);
    try {
      const page = await context.newPage();
      await devtools(page);
      await control.resetStats();
      await signInWithApiKey(page, app.url, homey);
      await page.locator('article.tile').nth(DEVICES - 1).waitFor({ timeout: 60_000 });
      await sleep(SETTLE_MS);
      const startUp = await control.homeyTraffic(homey.id);

      app.log(`network: measuring ${windowMs / 1000} s of steady state`);
      await control.resetStats();
      await sleep(windowMs);
      const steady = await control.homeyTraffic(homey.id);
      const perMinute = 60_000 / windowMs;
      const requests = steady.requests * perMinute;
      const bytes = (steady.bytesIn + steady.bytesOut) * perMinute;
      const window = `${windowMs / 1000} s window${windowMs === 60_000 ? '' : `, scaled to a minute`}`;
      return [
        {
          id: '5a',
          figure: `Network: ${DEVICES} devices, default intervals: requests per minute per Homey`,
          value: `${requests.toFixed(1)} (${window}; ${topRoutes(steady)})`,
          budget: '—',
          pass: null,
          data: { requestsPerMinute: requests, windowMs, routes: steady.routes },
        },
        {
          id: '5b',
          figure: 'Network: bytes per minute per Homey (bodies, both directions)',
          value: `${kb(bytes)} (${kb(steady.bytesOut * perMinute)} down, ${kb(steady.bytesIn * perMinute)} up)`,
          budget: '—',
          pass: null,
          data: { bytesPerMinute: bytes, bytesOutPerMinute: steady.bytesOut * perMinute, bytesInPerMinute: steady.bytesIn * perMinute },
        },
        {
          id: '5c',
          figure: 'Network: peak requests in flight per Homey, steady state',
          value: `${steady.peakInFlight} (start-up burst: ${startUp.peakInFlight} over ${startUp.requests} requests)`,
          budget: `≤ ${PEAK_IN_FLIGHT_BUDGET}`,
          pass: steady.peakInFlight <= PEAK_IN_FLIGHT_BUDGET,
          data: { peakInFlight: steady.peakInFlight, startUpPeakInFlight: startUp.peakInFlight, startUpRequests: startUp.requests, startUpRoutes: startUp.routes },
        },
      ];
    } finally {
      await context.close();
    }
  });
}

/** The busiest routes, shortened: `devices/device ×12, insights/log/…/entry ×4`. */
function topRoutes(traffic: HomeyTraffic): string {
  return (Object.entries(traffic.routes) as [string, RouteStats][])
    .sort((a, b) => b[1].requests - a[1].requests)
    .slice(0, 3)
    .map(([route, r]) => `${route.replace(/^GET \/api\/manager\//, '').replace(/\/:[^/]+/g, '/…')} ×${r.requests}`)
    .join(', ');
}
