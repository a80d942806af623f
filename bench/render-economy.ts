import type { BenchApp } from './bench-app.ts';
import { withHome } from './bench-app.ts';
import { devtools, fullAccessKey, newContext, poll, probeReady, routeRequests, signInWithApiKey, sleep, tileRenders } from './browser.ts';
import { writeBenchHome } from './fixture.ts';
import type { Row } from './report.ts';
import { formatSpread, spread } from './report.ts';

// Figure 2: what a poll costs in React work on a wall of 200 devices (tiles subscribe narrowly: docs/architecture.md). The bench
// build counts renders of each tile's body (bench/page/instrumentation.ts); polls are the app's own device
// query refetched on demand (the same fetch, parse, structural sharing and observers as a
// refetchInterval tick; config.json cannot poll faster than once a second), and the emulator counts
// the device-list GETs that really reached the Homey.

export const DEVICES = 200;
export const IDENTICAL_POLLS = 100;
const DEVICE_LIST_ROUTE = (route: string) => /^GET \/api\/manager\/devices\/device\/?$/.test(route);
/** In local mode the Homey client's id is `local` (src/features/homey/homey-connection.tsx). */
const DEVICE_LIST_KEY = ['homey', 'local', 'devices', 'list'];

export async function renderEconomy(app: BenchApp): Promise<Row[]> {
  const home = await writeBenchHome(app.tmp, DEVICES);
  return withHome(app, { fixture: home.file, simulationIntervalMs: 0 }, async (emulator, control) => {
    const homey = emulator.info().homeys[0]!;
    const context = await newContext(app.browser);
    try {
      const page = await context.newPage();
      await devtools(page);
      await signInWithApiKey(page, app.url, homey);
      await probeReady(page);
      await page.locator('article.tile').nth(DEVICES - 1).waitFor({ timeout: 60_000 });
      const tiles = await page.locator('article.tile').count();
      // Sparklines, zones and weather arrive after the first tiles; let the wall come to rest.
      await control.quiet(homey.id);

      app.log(`render economy: ${tiles} tiles; ${IDENTICAL_POLLS} identical polls`);
      await control.resetStats();
      const before = await tileRenders(page);
      const pollMs: number[] = [];
      for (let i = 0; i < IDENTICAL_POLLS; i++) {
        const started = performance.now();
        await poll(page, DEVICE_LIST_KEY);
        pollMs.push(performance.now() - started);
      }
      await sleep(500);
      const identical = (await tileRenders(page)) - before;
      const identicalGets = routeRequests(await control.homeyTraffic(homey.id), DEVICE_LIST_ROUTE);

      // One capability of one device changes (a tile in the middle of the wall), then one poll.
      const target = home.deviceIds[Math.floor(DEVICES / 2)]!;
      const response = await fetch(`${homey.localUrl}/api/manager/devices/device/${target}`, { headers: { Authorization: `Bearer ${fullAccessKey(homey)}` } });
      const device = (await response.json()) as { capabilitiesObj: Record<string, { value: unknown; type: string }> };
      const entries = Object.entries(device.capabilitiesObj);
      // A sensor reading, as a poll most often brings; anything numeric or boolean otherwise.
      const [capability, current] = entries.find(([id, c]) => id.startsWith('measure_') && c.type === 'number') ?? entries.find(([, c]) => c.type === 'number' || c.type === 'boolean') ?? [];
      if (!capability || !current) throw new Error(`device ${target} has no number or boolean capability to change`);
      const changed = typeof current.value === 'number' ? current.value + 1 : !current.value;
      await control.resetStats();
      const beforeOne = await tileRenders(page);
      await control.setCapability(homey.id, target, capability, changed);
      await poll(page, DEVICE_LIST_KEY);
      await sleep(500);
      const one = (await tileRenders(page)) - beforeOne;
      const oneGets = routeRequests(await control.homeyTraffic(homey.id), DEVICE_LIST_ROUTE);
      const pollSpread = spread(pollMs);

      return [
        {
          id: '2a',
          figure: `Render economy: tile renders, ${IDENTICAL_POLLS} identical polls of ${tiles} tiles`,
          value: `${identical} renders (${identicalGets} device-list GETs served)`,
          budget: '0',
          pass: identical === 0 && identicalGets >= IDENTICAL_POLLS,
          data: { tiles, renders: identical, deviceListGets: identicalGets, pollMs: pollSpread },
        },
        {
          id: '2b',
          figure: 'Render economy: tile renders, one poll with one capability changed',
          value: `${one} render(s) (${oneGets} device-list GET(s); ${capability} of one device)`,
          budget: '1',
          pass: one === 1 && oneGets >= 1,
          data: { renders: one, deviceListGets: oneGets, device: target, capability },
        },
        {
          id: '2c',
          figure: `Render economy: one poll of ${DEVICES} devices, fetch to frame (4× CPU)`,
          value: formatSpread(pollSpread, 'ms'),
          budget: '—',
          pass: null,
          data: { pollMs: pollSpread },
        },
      ];
    } finally {
      await context.close();
    }
  });
}
