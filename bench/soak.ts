import type { Page } from '@playwright/test';
import type { BenchProbe } from './page/instrumentation.ts';
import type { BenchApp } from './bench-app.ts';
import { withHome } from './bench-app.ts';
import { devtools, fullAccessKey, heapBreakdown, memorySample, newContext, probeReady, routeRequests, signInWithApiKey } from './browser.ts';
import type { HeapBreakdown, MemorySample } from './browser.ts';
import type { Row } from './report.ts';

// Figure 6 (`npm run bench -- --soak`): months on a wall, compressed. The page is a device page with
// six charts open (the demo's "Weather station": six logged capabilities, range "1 hour" so the newest
// bucket changes with every simulated value) plus its tile and 24-hour sparkline. Every `intervalMs`
// one round polls what polls on that page (the device list, and the seven Insights series), through the
// app's own queries; the emulator's values move every 200 ms (every reading at every tick, faster
// than devices report), so charts and tile really redraw, and the socket carries every change. A
// "poll" is one of those GETs served by the Homey: ~8 per round, so 9,000 polls are ~1,125 rounds
// (~4 min at 200 ms). No CPU throttling here: the figure is about growth, not speed.
//
// Memory is read after a forced GC (HeapProfiler.collectGarbage, Runtime.getHeapUsage), DOM nodes and
// listeners from Memory.getDOMCounters, the query cache through the bench build's probe. A heap
// snapshot at the start and the end says what grew: compiled code (V8 keeps optimising hot functions
// for minutes), DevTools' record of every request (there because Playwright enables the Network
// domain; not the app's, and not in Runtime.getHeapUsage), and the app's objects and strings.

export const HEAP_GROWTH_BUDGET = 0.1;
export const DOM_BUDGET = 0.05;
const DEVICE = 'Weather station';
const CHARTS = 6;
const ROUNDS_PER_BATCH = 50;
const WARM_UP_ROUNDS = 100;
/** Browser-capped buffers of the performance timeline (Chromium's defaults); anything else must not grow. */
const TIMELINE_CAPS: Readonly<Record<string, number>> = { resource: 250, 'long-animation-frame': 200 };
const DEVICE_LIST = (route: string) => /^GET \/api\/manager\/devices\/device\/?$/.test(route);
const ENTRIES = (route: string) => /^GET \/api\/manager\/insights\/log\/.*\/entry$/.test(route);
const POLLED = (route: string) => DEVICE_LIST(route) || ENTRIES(route);

export interface SoakOptions {
  polls: number;
  intervalMs: number;
}

/** `rounds` rounds in the page, one every `intervalMs`: the device list and every Insights series, together. */
function rounds(page: Page, count: number, intervalMs: number): Promise<void> {
  return page.evaluate(
    async ({ count, intervalMs }) => {
      const probe = (window as unknown as { __homeyBench: BenchProbe }).__homeyBench;
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        await Promise.all([probe.refetch?.(['homey', 'local', 'devices']), probe.refetch?.(['homey', 'local', 'insights', 'entries'])]);
        const rest = intervalMs - (performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, rest)));
      }
    },
    { count, intervalMs },
  );
}

export async function soak(app: BenchApp, options: SoakOptions): Promise<Row[]> {
  return withHome(app, { simulationIntervalMs: 200, simulationEveryTick: true }, async (emulator, control) => {
    const homey = emulator.info().homeys.find((h) => h.name === 'Home')!;
    const response = await fetch(`${homey.localUrl}/api/manager/devices/device`, { headers: { Authorization: `Bearer ${fullAccessKey(homey)}` } });
    const device = Object.values((await response.json()) as Record<string, { id: string; name: string }>).find((d) => d.name === DEVICE);
    if (!device) throw new Error(`the demo home has no "${DEVICE}"`);
    const context = await newContext(app.browser);
    try {
      const page = await context.newPage();
      const cdp = await devtools(page, 1);
      await signInWithApiKey(page, app.url, homey);
      await page.goto(`${app.url}?device=${encodeURIComponent(device.id)}`);
      await probeReady(page);
      await page.getByRole('group', { name: 'Time range' }).getByRole('button', { name: '1 hour' }).click();
      await page.waitForFunction((n) => document.querySelectorAll('figure.insight-chart-card:not([aria-busy]) .recharts-surface').length === n, CHARTS, { timeout: 60_000 });
      // Chart redraws: batches of DOM changes inside the charts, counted by the bench (the app knows nothing of it).
      await page.evaluate(() => {
        const w = window as unknown as { __chartRedraws: number };
        w.__chartRedraws = 0;
        new MutationObserver(() => w.__chartRedraws++).observe(document.querySelector('.insight-charts')!, { subtree: true, childList: true, attributes: true, characterData: true });
      });
      // A wall that has been up a while: code compiled, caches warm, the first pruning done.
      await rounds(page, WARM_UP_ROUNDS, options.intervalMs);

      const polled = async () => routeRequests(await control.homeyTraffic(homey.id), POLLED);
      await control.resetStats();
      const started = Date.now();
      const start = await memorySample(page, cdp);
      const startHeap = await heapBreakdown(cdp);
      let mid: MemorySample | undefined;
      let done = 0;
      const trend: { polls: number; heapUsed: number }[] = [{ polls: 0, heapUsed: start.heapUsed }];
      while (done < options.polls) {
        await rounds(page, ROUNDS_PER_BATCH, options.intervalMs);
        done = await polled();
        if (!mid && done >= options.polls / 2) {
          mid = await memorySample(page, cdp);
          trend.push({ polls: done, heapUsed: mid.heapUsed });
        } else {
          await cdp.send('HeapProfiler.collectGarbage');
          trend.push({ polls: done, heapUsed: (await cdp.send('Runtime.getHeapUsage')).usedSize });
        }
        app.log(`soak: ${done}/${options.polls} polls, ${((Date.now() - started) / 1000).toFixed(0)} s, heap ${(trend.at(-1)!.heapUsed / 1e6).toFixed(2)} MB`);
      }
      const end = await memorySample(page, cdp);
      const endHeap = await heapBreakdown(cdp);
      const grew = growth(startHeap, endHeap);
      mid ??= end;
      const traffic = await control.homeyTraffic(homey.id);
      const minutes = (Date.now() - started) / 60_000;
      const redraws = await page.evaluate(() => (window as unknown as { __chartRedraws: number }).__chartRedraws);
      const deviceListPolls = routeRequests(traffic, DEVICE_LIST);
      const entriesPolls = routeRequests(traffic, ENTRIES);
      const errors = Object.values(traffic.routes).reduce((n, r) => n + Object.entries(r.statuses).filter(([s]) => Number(s) >= 400 || s === '0').reduce((m, [, c]) => m + c, 0), 0);

      const heapGrowth = (end.heapUsed - start.heapUsed) / start.heapUsed;
      const change = (a: number, b: number) => (a === 0 ? 0 : (b - a) / a);
      const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
      const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
      const trio = (k: Exclude<keyof MemorySample, "performanceEntryTypes">) => `${start[k]} → ${mid[k]} → ${end[k]}`;
      trend.push({ polls: done, heapUsed: end.heapUsed });
      // Growth per 1,000 polls over the second half (least squares): warm-up aside, what a month would add.
      const late = trend.filter((p) => p.polls >= done / 2);
      const perThousand = slope(late.map((p) => p.polls), late.map((p) => p.heapUsed)) * 1000;
      const timeline = (m: MemorySample) => Object.entries(m.performanceEntryTypes).map(([type, n]) => `${type} ${n}`).join(', ');
      const timelineBounded = Object.entries(end.performanceEntryTypes).every(([type, n]) => n <= Math.max(start.performanceEntryTypes[type] ?? 0, TIMELINE_CAPS[type] ?? 0));
      const run = `${done} polls (${deviceListPolls} device list + ${entriesPolls} Insights) in ${minutes.toFixed(1)} min, ${redraws} chart redraws, ${errors} errors`;
      return [
        {
          id: '6a',
          figure: `Soak: JS heap after forced GC, ${CHARTS} charts open, polls every ${options.intervalMs} ms`,
          value: `${mb(start.heapUsed)} → ${mb(mid.heapUsed)} → ${mb(end.heapUsed)} (${pct(heapGrowth)}; second half ${perThousand >= 0 ? '+' : ''}${(perThousand / 1000).toFixed(1)} kB per 1,000 polls); ${run}`,
          budget: `growth < ${HEAP_GROWTH_BUDGET * 100} %`,
          pass: heapGrowth < HEAP_GROWTH_BUDGET,
          data: { start, mid, end, trend, heapGrowth, snapshotGrowth: grew, bytesPer1000PollsSecondHalf: perThousand, polls: done, deviceListPolls, entriesPolls, minutes, chartRedraws: redraws, errors, intervalMs: options.intervalMs },
        },
        {
          id: '6b',
          figure: 'Soak: what grew, heap snapshots start → end',
          value: `compiled code ${kbSigned(grew.code)}, objects and strings ${kbSigned(grew.other)} (${grew.top}); DevTools' request log ${kbSigned(grew.devtoolsNetwork)} (Playwright's, not in 6a)`,
          budget: '—',
          pass: null,
          data: grew,
        },
        {
          id: '6c',
          figure: 'Soak: DOM nodes (start → mid → end)',
          value: `${trio('domNodes')} (${pct(change(start.domNodes, end.domNodes))})`,
          budget: `± ${DOM_BUDGET * 100} %`,
          pass: Math.abs(change(start.domNodes, end.domNodes)) <= DOM_BUDGET,
        },
        {
          id: '6d',
          figure: 'Soak: JS event listeners (start → mid → end)',
          value: `${trio('jsEventListeners')} (${pct(change(start.jsEventListeners, end.jsEventListeners))})`,
          budget: `± ${DOM_BUDGET * 100} %`,
          pass: Math.abs(change(start.jsEventListeners, end.jsEventListeners)) <= DOM_BUDGET,
        },
        {
          id: '6e',
          figure: 'Soak: query-cache entries (start → mid → end)',
          value: trio('queryCacheSize'),
          budget: 'bounded: no growth after mid-point',
          pass: end.queryCacheSize <= Math.max(start.queryCacheSize, mid.queryCacheSize),
        },
        {
          id: '6f',
          figure: 'Soak: performance.getEntries().length (start → mid → end)',
          value: `${trio('performanceEntries')} (end: ${timeline(end)})`,
          budget: 'bounded: only browser-capped buffers grow',
          pass: timelineBounded,
          data: { start: start.performanceEntryTypes, end: end.performanceEntryTypes, caps: TIMELINE_CAPS },
        },
      ];
    } finally {
      await context.close();
    }
  });
}

/** Least-squares slope of y over x (0 for fewer than two points). */
function slope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n < 2) return 0;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (x[i]! - mx) * (y[i]! - my);
    den += (x[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

const kbSigned = (bytes: number) => `${bytes >= 0 ? '+' : ''}${(bytes / 1000).toFixed(0)} kB`;

/** What grew between two heap snapshots, by kind, and the three biggest growers among the objects. */
function growth(a: HeapBreakdown, b: HeapBreakdown) {
  const growers = Object.entries(b.byName)
    .map(([name, [count, size]]) => [name, count - (a.byName[name]?.[0] ?? 0), size - (a.byName[name]?.[1] ?? 0)] as const)
    .sort((x, y) => y[2] - x[2])
    .slice(0, 3);
  return {
    total: b.total - a.total,
    code: b.code - a.code,
    devtoolsNetwork: b.devtoolsNetwork - a.devtoolsNetwork,
    other: b.other - a.other,
    top: growers.map(([name, count, size]) => `${name} ${kbSigned(size)}/${count >= 0 ? '+' : ''}${count}`).join(', '),
    growers,
  };
}
