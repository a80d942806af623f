import { chromium } from '@playwright/test';
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import type { EmulatorInfo, EmulatorStats, FaultInput, ListenerStats } from '../emulator/control/wire-types.ts';
import type { BenchProbe } from './page/instrumentation.ts';
import playwrightConfig from '../playwright.config.ts';

// Chromium driven through Playwright's library API (the same executable, flags and
// PLAYWRIGHT_CHROMIUM_PATH override as the e2e tests), Chrome DevTools Protocol for CPU throttling and
// memory, and the emulator's control API for counters and faults.

/** Every timed figure runs at this CPU slowdown: a cheap wall tablet, not this machine. */
export const CPU_SLOWDOWN = 4;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ ...playwrightConfig.use?.launchOptions, headless: true });
}

const CONTEXT_OPTIONS = { locale: 'en-US', viewport: { width: 1280, height: 900 } } as const;

export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext(CONTEXT_OPTIONS);
}

/**
 * A browser of its own with a profile on disk in `userDataDir`, as a wall tablet's browser has:
 * unlike a private context (newContext), it keeps the compiled code of scripts it has run, so a
 * reload skips most of parsing and compiling. Closing the context closes that browser.
 */
export function launchProfile(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { ...playwrightConfig.use?.launchOptions, headless: true, ...CONTEXT_OPTIONS });
}

/** A DevTools session for the page, with the CPU slowed down `rate` times (1: full speed). */
export async function devtools(page: Page, rate = CPU_SLOWDOWN): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return cdp;
}

type InfoHomey = EmulatorInfo['homeys'][number];

export function fullAccessKey(homey: InfoHomey): string {
  const key = homey.apiKeys.find((k) => k.scopes.includes('homey'));
  if (!key) throw new Error(`the emulated ${homey.name} has no full-access API key`);
  return key.token;
}

/** The quickest way in: the local API-key form (README "Signing in"). Resolves when a tile shows. */
export async function signInWithApiKey(page: Page, dashboardUrl: string, homey: InfoHomey): Promise<void> {
  await page.goto(dashboardUrl);
  await page.getByText('Use a local API key instead (Homey Pro 2023)').click();
  await page.getByLabel('Homey address').fill(homey.localUrl);
  await page.getByLabel('API key').fill(fullAccessKey(homey));
  await page.getByRole('button', { name: 'Connect to this Homey' }).click();
  await page.locator('article.tile').first().waitFor({ timeout: 60_000 });
}

// ------------------------------------------------------------------ the bench build's probe

/** The bench build's `window.__homeyBench` (bench/page/instrumentation.ts), waited for. */
export async function probeReady(page: Page): Promise<void> {
  await page.waitForFunction(() => typeof (window as unknown as { __homeyBench?: BenchProbe }).__homeyBench?.refetch === 'function', undefined, { timeout: 30_000 });
}

export function tileRenders(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __homeyBench?: BenchProbe }).__homeyBench?.tileRenders ?? 0);
}

export function queryCacheSize(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __homeyBench: BenchProbe }).__homeyBench.queryCacheSize?.() ?? -1);
}

/** One poll on demand: the active queries under `queryKey` refetched and settled, then a frame. */
export function poll(page: Page, queryKey: readonly unknown[]): Promise<void> {
  return page.evaluate(async (key) => {
    await (window as unknown as { __homeyBench: BenchProbe }).__homeyBench.refetch?.(key);
    // React Query tells its observers on a later task; let React render that before the next poll.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }, queryKey);
}

// ------------------------------------------------------------------ memory (CDP)

export interface MemorySample {
  /** JS heap in use after a forced garbage collection, bytes. */
  heapUsed: number;
  domNodes: number;
  jsEventListeners: number;
  documents: number;
  queryCacheSize: number;
  performanceEntries: number;
  /** performance.getEntries() by entryType. */
  performanceEntryTypes: Record<string, number>;
}

export async function memorySample(page: Page, cdp: CDPSession): Promise<MemorySample> {
  // Twice: the first pass can leave garbage that only finalizers released.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return {
    heapUsed: heap.usedSize,
    domNodes: dom.nodes,
    jsEventListeners: dom.jsEventListeners,
    documents: dom.documents,
    queryCacheSize: await queryCacheSize(page),
    ...(await page.evaluate(() => {
      const entries = performance.getEntries();
      const performanceEntryTypes: Record<string, number> = {};
      for (const e of entries) performanceEntryTypes[e.entryType] = (performanceEntryTypes[e.entryType] ?? 0) + 1;
      return { performanceEntries: entries.length, performanceEntryTypes };
    })),
  };
}

/** Self sizes of a heap snapshot, by kind: what grew, when the heap grew. */
export interface HeapBreakdown {
  total: number;
  /** Compiled code (V8 tiers hot functions up over minutes). */
  code: number;
  /** DevTools' record of each network request, kept because Playwright enables the Network domain: not the app's. */
  devtoolsNetwork: number;
  /** Everything else: objects, arrays, strings, closures, DOM wrappers. */
  other: number;
  /** `type:name` → [count, self size] of the "other" part, for a diff. */
  byName: Record<string, [number, number]>;
}

export async function heapBreakdown(cdp: CDPSession): Promise<HeapBreakdown> {
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }) => chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snapshot = JSON.parse(chunks.join('')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [type, name, size] = [fields.indexOf('type'), fields.indexOf('name'), fields.indexOf('self_size')];
  const out: HeapBreakdown = { total: 0, code: 0, devtoolsNetwork: 0, other: 0, byName: {} };
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const kind = types[snapshot.nodes[i + type]!] ?? '?';
    const label = String(snapshot.strings[snapshot.nodes[i + name]!]).slice(0, 80);
    const bytes = snapshot.nodes[i + size]!;
    out.total += bytes;
    if (kind === 'code') out.code += bytes;
    else if (label.startsWith('blink::NetworkResourcesData')) out.devtoolsNetwork += bytes;
    else {
      out.other += bytes;
      // Strings and numbers are named by their value: group those by kind alone.
      const key = kind === 'object' || kind === 'native' || kind === 'closure' ? `${kind}:${label}` : kind;
      const entry = (out.byName[key] ??= [0, 0]);
      entry[0]++;
      entry[1] += bytes;
    }
  }
  return out;
}

// ------------------------------------------------------------------ the emulator's control API

/** Both listeners of one Homey (its local and remote port) added up, in the emulator's own shape. */
export type HomeyTraffic = ListenerStats;

export class EmulatorControl {
  constructor(private readonly cloudUrl: string) {}

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.cloudUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  stats(): Promise<EmulatorStats> {
    return this.call('GET', '/__emulator/stats') as Promise<EmulatorStats>;
  }

  /** The Homey's realtime socket bytes since the last reset, both addresses, both directions. */
  async socketBytes(homeyId: string): Promise<number> {
    const stats = await this.stats();
    let bytes = 0;
    for (const [listener, s] of Object.entries(stats)) if (listener.startsWith(`homey:${homeyId}:`) && s.socket) bytes += s.socket.bytesIn + s.socket.bytesOut;
    return bytes;
  }

  async resetStats(): Promise<void> {
    await this.call('DELETE', '/__emulator/stats');
  }

  async addFault(fault: FaultInput): Promise<void> {
    await this.call('POST', '/__emulator/faults', fault);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/__emulator/faults');
  }

  async setCapability(homeyId: string, deviceId: string, capabilityId: string, value: unknown): Promise<void> {
    await this.call('PUT', `/__emulator/homeys/${homeyId}/devices/${deviceId}/capabilities/${capabilityId}`, { value });
  }

  /** Everything one Homey served on both its addresses (local and cloud relay). */
  async homeyTraffic(homeyId: string): Promise<HomeyTraffic> {
    const stats = await this.stats();
    const total: HomeyTraffic = { requests: 0, bytesIn: 0, bytesOut: 0, inFlight: 0, peakInFlight: 0, routes: {} };
    for (const [listener, s] of Object.entries(stats)) {
      if (!listener.startsWith(`homey:${homeyId}:`)) continue;
      total.requests += s.requests;
      total.bytesIn += s.bytesIn;
      total.bytesOut += s.bytesOut;
      total.inFlight += s.inFlight;
      // One route is in use at a time; the larger peak of the two is the Homey's.
      total.peakInFlight = Math.max(total.peakInFlight, s.peakInFlight);
      for (const [route, r] of Object.entries(s.routes)) {
        const into = (total.routes[route] ??= { requests: 0, bytesIn: 0, bytesOut: 0, statuses: {} });
        into.requests += r.requests;
        into.bytesIn += r.bytesIn;
        into.bytesOut += r.bytesOut;
        for (const [status, n] of Object.entries(r.statuses)) into.statuses[status] = (into.statuses[status] ?? 0) + n;
      }
    }
    return total;
  }

  /** Resolves once the Homey has had nothing in flight and no new request for `quietMs` (start-up bursts over). */
  async quiet(homeyId: string, quietMs = 1500, giveUpMs = 60_000): Promise<void> {
    const until = Date.now() + giveUpMs;
    let last = -1;
    let since = Date.now();
    while (Date.now() < until) {
      const t = await this.homeyTraffic(homeyId);
      if (t.requests !== last || t.inFlight > 0) {
        last = t.requests;
        since = Date.now();
      } else if (Date.now() - since >= quietMs) return;
      await sleep(250);
    }
  }
}

/** Requests on routes whose name matches, e.g. `GET /api/manager/devices/device`. */
export function routeRequests(traffic: HomeyTraffic, match: (route: string) => boolean): number {
  return Object.entries(traffic.routes).reduce((sum, [route, r]) => sum + (match(route) ? r.requests : 0), 0);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
