import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { BenchApp } from './bench-app.ts';
import { withHome } from './bench-app.ts';
import { devtools, fullAccessKey, newContext, signInWithApiKey, sleep } from './browser.ts';
import type { Row } from './report.ts';
import { formatSpread, kb, spread } from './report.ts';

// Figure 8: live updates over the Homey's own socket (docs/decisions/005) against polling alone,
// side by side in one run.
//   8a/8b  what a wall asks of its Homey per minute when nobody touches it, live and polling-only, on
//          the demo home and on a real owner's 121-device home (when the real homes are beside the
//          repository): HTTP bodies plus socket frames, both directions. Live, the whole home is still
//          read every `pollIntervals.liveSafetyMs` (5 min), longer than the window: one such read is
//          measured and added pro rata, so the live figure carries its safety net. Insights reads are
//          left out of both and shown beside: they follow the five-minute buckets (every sparkline
//          at once), not the mode, and a short window meets a bucket or not by chance.
//   8c     change → pixel at 4× CPU: a value set on the Homey until the frame that shows it.
//   8d     an event storm: a 1,000-device home, 50 capability events a second at 4× CPU: the main
//          thread's busy share, the longest task, and whether the screen ends equal to the Homey.

export const BYTES_RATIO_BUDGET = 10;
export const PIXEL_BUDGET_MS = 250;
export const BUSY_BUDGET = 0.25;
export const LONG_TASK_BUDGET_MS = 100;
const SETTLE_MS = 10_000;
const SAFETY_MS = 300_000;
const STORM_DEVICES = 1000;
const STORM_RATE = 50;
const DEVICE_LIST = 'GET /api/manager/devices/device';
const INSIGHTS = /^GET \/api\/manager\/insights\//;

const REAL_HOME = fileURLToPath(new URL('../../shared/real-homes/devices/mixed_sparegris_2022-2024_devices-reconstructed-from-capability-dumps.json', import.meta.url));

type Mode = 'live' | 'polling';

export interface LiveOptions {
  windowMs: number;
  stormMs: number;
}

interface Traffic {
  requestsPerMinute: number;
  bytesPerMinute: number;
  socketBytesPerMinute: number;
  /** The busiest HTTP routes in the window: `route ×n`. */
  routes: string[];
}

const withRealtime = (mode: Mode) => (config: Record<string, unknown>) => ({ ...config, realtime: mode === 'live' });

async function untilLive(page: Page): Promise<void> {
  await page.locator('[data-testid="live"][data-live="live"]').waitFor({ timeout: 30_000 });
}

/** Steady-state traffic of one wall in one mode. */
async function steadyTraffic(app: BenchApp, fixture: string | undefined, homeyName: string | undefined, mode: Mode, windowMs: number): Promise<Traffic> {
  return withHome(app, { fixture, simulationIntervalMs: 1000, config: withRealtime(mode) }, async (emulator, control) => {
    const homey = emulator.info().homeys.find((h) => homeyName === undefined || h.name === homeyName)!;
    const context = await newContext(app.browser);
    try {
      const page = await context.newPage();
      await devtools(page, 1);
      await signInWithApiKey(page, app.url, homey);
      if (mode === 'live') await untilLive(page);
      await sleep(SETTLE_MS);
      // What one whole-home read costs (the start-up's), for the live safety read below.
      const startUp = await control.homeyTraffic(homey.id);
      const list = startUp.routes[DEVICE_LIST];
      const oneRead = list && list.requests > 0 ? (list.bytesIn + list.bytesOut) / list.requests : 0;
      await control.resetStats();
      await sleep(windowMs);
      const all = await control.homeyTraffic(homey.id);
      const socket = await control.socketBytes(homey.id);
      const insights = Object.entries(all.routes).filter(([route]) => INSIGHTS.test(route));
      const http = {
        requests: all.requests - insights.reduce((n, [, r]) => n + r.requests, 0),
        bytesIn: all.bytesIn - insights.reduce((n, [, r]) => n + r.bytesIn, 0),
        bytesOut: all.bytesOut - insights.reduce((n, [, r]) => n + r.bytesOut, 0),
        routes: all.routes,
      };
      const perMinute = 60_000 / windowMs;
      const safety = mode === 'live' && (http.routes[DEVICE_LIST]?.requests ?? 0) === 0 ? (oneRead * 60_000) / SAFETY_MS : 0;
      return {
        requestsPerMinute: http.requests * perMinute + (safety > 0 ? 60_000 / SAFETY_MS : 0),
        bytesPerMinute: (http.bytesIn + http.bytesOut + socket) * perMinute + safety,
        socketBytesPerMinute: socket * perMinute,
        routes: Object.entries(http.routes)
          .sort((a, b) => b[1].requests - a[1].requests)
          .slice(0, 4)
          .map(([route, r]) => `${route} ×${r.requests}`),
      };
    } finally {
      await context.close();
    }
  });
}

/** A fixture of one real owner's home (121 devices), written next to the bench's other homes. */
async function realHomeFixture(tmp: string): Promise<string | undefined> {
  if (!existsSync(REAL_HOME)) return undefined;
  const file = join(tmp, 'real-home.json');
  const key = { token: 'bench-real-home-key', scopes: ['homey'] };
  await writeFile(file, JSON.stringify({ homeys: [{ id: '5f0c0ffee0c0ffee0c0ffee0', name: 'Real home', apiKeys: [key], devices: resolve(REAL_HOME) }] }));
  return file;
}

/**
 * The time from a value set on the Homey to the frame that shows it, `samples` times: the page watches
 * the tile and stamps the first animation frame after its text holds the value.
 */
async function changeToPixel(app: BenchApp, mode: Mode, samples: number): Promise<number[]> {
  return withHome(app, { simulationIntervalMs: 0, config: withRealtime(mode) }, async (emulator, control) => {
    const homey = emulator.info().homeys.find((h) => h.name === 'Home')!;
    const context = await newContext(app.browser);
    try {
      const page = await context.newPage();
      await devtools(page);
      await signInWithApiKey(page, app.url, homey);
      if (mode === 'live') await untilLive(page);
      await sleep(2000);
      const id = await page.locator('article.tile', { hasText: '°C' }).first().getAttribute('data-device-id');
      if (!id) throw new Error('no thermometer on the demo wall');
      const times: number[] = [];
      for (let i = 0; i < samples; i++) {
        const value = (30 + i / 10 + Math.round(Math.random() * 5)).toFixed(1);
        const shown = page.evaluate(
          ({ deviceId, text }) =>
            new Promise<number>((done) => {
              // No named functions in here: tsx would wrap them in a helper the page does not have.
              const tile = document.querySelector(`article.tile[data-device-id="${deviceId}"]`)!;
              const observer = new MutationObserver(() => {
                if (!tile.textContent?.includes(text)) return;
                observer.disconnect();
                requestAnimationFrame(() => done(performance.timeOrigin + performance.now()));
              });
              observer.observe(tile, { subtree: true, characterData: true, childList: true });
            }),
          { deviceId: id, text: value },
        );
        // The observer is in place before the change is made.
        await sleep(100);
        const setAt = Date.now();
        await control.setCapability(homey.id, id, 'measure_temperature', Number(value));
        times.push((await shown) - setAt);
        // Polling: a new phase against the poll each time; live: a pause a person would leave.
        await sleep(mode === 'live' ? 300 : 700 + Math.random() * 1300);
      }
      return times;
    } finally {
      await context.close();
    }
  });
}

interface StormResult {
  busy: number;
  longestTaskMs: number;
  longTasksOver: number;
  events: number;
  checked: number;
  wrong: number;
}

/** Installed before the page's scripts: every long task, buffered from the start. */
function watchLongTasks(): void {
  const w = window as unknown as { __longTasks: number[] };
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
}

async function storm(app: BenchApp, stormMs: number): Promise<StormResult> {
  return withHome(app, { generateDevices: STORM_DEVICES, simulationIntervalMs: 0, config: withRealtime('live') }, async (emulator, control) => {
    const homey = emulator.info().homeys.find((h) => h.name === 'Home')!;
    const listed = (await (await fetch(`${homey.localUrl}/api/manager/devices/device`, { headers: { Authorization: `Bearer ${fullAccessKey(homey)}` } })).json()) as Record<
      string,
      { id: string; capabilitiesObj?: Record<string, { decimals?: number | null }> }
    >;
    const thermometers = Object.values(listed).filter((d) => d.capabilitiesObj?.measure_temperature && (d.capabilitiesObj.measure_temperature.decimals ?? 1) >= 1);
    const context = await newContext(app.browser);
    try {
      const page = await context.newPage();
      await page.addInitScript(watchLongTasks);
      const cdp = await devtools(page);
      await signInWithApiKey(page, app.url, homey);
      await untilLive(page);
      await sleep(5000);
      // The tiles on screen, and as many again that are not: the cache takes them all, the screen draws its own.
      const drawn = await page.locator('article.tile', { hasText: '°C' }).evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-device-id')!).filter(Boolean));
      const targets = [...new Set([...drawn, ...thermometers.slice(0, 100).map((d) => d.id)])].filter((id) => thermometers.some((d) => d.id === id));
      await cdp.send('Performance.enable');
      await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0));
      const before = await taskSeconds(cdp);
      const startedAt = Date.now();
      const last = new Map<string, string>();
      let events = 0;
      const inFlight = new Set<Promise<void>>();
      while (Date.now() - startedAt < stormMs) {
        const due = Math.floor(((Date.now() - startedAt) / 1000) * STORM_RATE);
        while (events < due) {
          const id = targets[events % targets.length]!;
          const value = (10 + ((events * 7) % 300) / 10).toFixed(1);
          last.set(id, value);
          const sent = control.setCapability(homey.id, id, 'measure_temperature', Number(value)).finally(() => inFlight.delete(sent));
          inFlight.add(sent);
          events++;
        }
        await sleep(10);
      }
      await Promise.all(inFlight);
      const elapsed = (Date.now() - startedAt) / 1000;
      const busy = ((await taskSeconds(cdp)) - before) / elapsed;
      const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
      await sleep(2000);
      let wrong = 0;
      for (const id of drawn) {
        const want = last.get(id);
        if (!want) continue;
        const text = (await page.locator(`article.tile[data-device-id="${id}"]`).first().textContent()) ?? '';
        if (!text.includes(want)) wrong++;
      }
      return { busy, longestTaskMs: Math.max(0, ...longTasks), longTasksOver: longTasks.filter((d) => d > LONG_TASK_BUDGET_MS).length, events, checked: drawn.filter((id) => last.has(id)).length, wrong };
    } finally {
      await context.close();
    }
  });
}

async function taskSeconds(cdp: Awaited<ReturnType<typeof devtools>>): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

export async function live(app: BenchApp, options: LiveOptions): Promise<Row[]> {
  const rows: Row[] = [];
  const homes: { label: string; fixture: string | undefined; homey: string | undefined }[] = [{ label: 'demo home', fixture: undefined, homey: 'Home' }];
  const real = await realHomeFixture(app.tmp);
  if (real) homes.push({ label: 'a real 121-device home', fixture: real, homey: 'Real home' });
  for (const home of homes) {
    app.log(`live: ${home.label}, ${options.windowMs / 1000} s of steady state, polling then live`);
    const polling = await steadyTraffic(app, home.fixture, home.homey, 'polling', options.windowMs);
    const liveTraffic = await steadyTraffic(app, home.fixture, home.homey, 'live', options.windowMs);
    const ratio = polling.bytesPerMinute / Math.max(1, liveTraffic.bytesPerMinute);
    rows.push({
      id: home.fixture ? '8b' : '8a',
      figure: `Live: bytes per minute per Homey, ${home.label}, live against polling only`,
      value: `${kb(liveTraffic.bytesPerMinute)} live (socket ${kb(liveTraffic.socketBytesPerMinute)}, ${liveTraffic.requestsPerMinute.toFixed(1)} requests) vs ${kb(polling.bytesPerMinute)} polling (${polling.requestsPerMinute.toFixed(1)} requests): ${ratio.toFixed(1)}× fewer`,
      budget: `≥ ${BYTES_RATIO_BUDGET}× fewer`,
      pass: ratio >= BYTES_RATIO_BUDGET,
      data: { live: liveTraffic, polling, ratio, windowMs: options.windowMs },
    });
  }
  if (!real) rows.push({ id: '8b', figure: 'Live: bytes per minute per Homey, a real home', value: 'not run (the real homes are not beside the repository)', budget: '—', pass: null });

  app.log('live: change → pixel, live then polling');
  const livePixel = spread(await changeToPixel(app, 'live', Math.max(9, app.runs * 3)));
  const pollPixel = spread(await changeToPixel(app, 'polling', 5));
  rows.push({
    id: '8c',
    figure: 'Live: change on the Homey → pixel, 4× CPU',
    value: `live ${formatSpread(livePixel, 'ms')}; polling every 5 s ${formatSpread(pollPixel, 'ms')}`,
    budget: `live median ≤ ${PIXEL_BUDGET_MS} ms`,
    pass: livePixel.median <= PIXEL_BUDGET_MS,
    data: { live: livePixel, polling: pollPixel },
  });

  app.log(`live: event storm, ${STORM_DEVICES} devices, ${STORM_RATE} events/s for ${options.stormMs / 1000} s`);
  const result = await storm(app, options.stormMs);
  rows.push({
    id: '8d',
    figure: `Live: event storm, ${STORM_DEVICES} devices, ${STORM_RATE} events/s for ${options.stormMs / 1000} s, 4× CPU: main thread busy`,
    value: `${(result.busy * 100).toFixed(1)} % (${result.events} events)`,
    budget: `≤ ${BUSY_BUDGET * 100} %`,
    pass: result.busy <= BUSY_BUDGET,
    data: { ...result },
  });
  rows.push({
    id: '8e',
    figure: 'Live: event storm: longest task; tiles on screen equal to the Homey afterwards',
    value: `${result.longestTaskMs.toFixed(0)} ms (${result.longTasksOver} over ${LONG_TASK_BUDGET_MS} ms); ${result.checked - result.wrong} of ${result.checked} tiles right`,
    budget: `≤ ${LONG_TASK_BUDGET_MS} ms; all right`,
    pass: result.longTasksOver === 0 && result.wrong === 0 && result.checked > 0,
    data: { ...result },
  });
  return rows;
}
