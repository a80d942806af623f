import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { startDemo } from '../scripts/start-demo.ts';
import type { Demo } from '../scripts/start-demo.ts';
import { EmulatorControl, expect, failOnPageErrorsAndLeakyLogs, pollingOnly, test } from './fixtures.ts';
import { byName, homeDevices, setCapability, setUpWall, tile } from './wall-kit.ts';

// Numbers and texts from outside the dashboard that no one should send, and the wall still reading
// them in bounded time and space: a config.json asking for a poll every 34 days (beyond what a
// browser timer can wait, so it would fire at once), a capability value of 1 MB, a capability that
// claims 100 decimals (emulator/fixtures/oversized-values.json), and the stored copy of the home
// that a cold start draws from.

failOnPageErrorsAndLeakyLogs();

const root = resolve(fileURLToPath(import.meta.url), '../..');
const FIXTURE = resolve(root, 'emulator/fixtures/oversized-values.json');

const ZONE_LIST = 'GET /api/manager/zones/zone';
const DEVICE_LIST = 'GET /api/manager/devices/device';
const CACHE_KEY = 'homey-dashboard:query-cache';
/** The stored copy's cap in characters (PERSISTED_CACHE_MAX_CHARS in src/app/query-persistence.ts). */
const CACHE_CAP = 1_000_000;
/** 2³¹ ms and more: a browser runs such a timer at once. */
const BEYOND_TIMERS = 3e9;
const ONE_MB = 1_000_000;
const MEGABYTE_TEXT = 'The bins go out on Tuesday. '.repeat(Math.ceil(ONE_MB / 28)).slice(0, ONE_MB);

test.use({ viewport: { width: 1280, height: 800 } });

let demo: Demo;
let emulator: EmulatorControl;
test.beforeAll(async () => {
  demo = await startDemo({ fixture: FIXTURE, port: 0, dashboardPort: 0, simulationIntervalMs: 0 });
  emulator = new EmulatorControl(demo);
});
test.afterAll(async () => {
  await demo?.close();
});
test.beforeEach(async () => {
  await emulator.call('POST', '/__emulator/reset');
});

/** config.json as the demo serves it, with these poll intervals. */
async function serveConfigWith(page: Page, pollIntervals: Record<string, number>): Promise<void> {
  await page.route('**/config.json', async (route) => {
    const served = (await (await route.fetch()).json()) as Record<string, unknown>;
    await route.fulfill({ json: { ...served, pollIntervals: { ...(served.pollIntervals as object), ...pollIntervals } } });
  });
}

async function openHome(page: Page): Promise<void> {
  await page.goto(demo.dashboardUrl);
  await expect(page.locator('article.tile').first()).toBeVisible();
}

async function deviceId(name: string): Promise<string> {
  return byName(await homeDevices(emulator), name).id;
}

/** The page's own width, and the window's: a page wider than its window scrolls sideways on a wall. */
function widths(page: Page): Promise<{ page: number; window: number }> {
  return page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth }));
}

function storedCache(page: Page): Promise<string | null> {
  return page.evaluate((key) => localStorage.getItem(key), CACHE_KEY);
}

/** How often the page wrote the stored copy, counted from the first page load on. */
async function countCacheWrites(page: Page): Promise<() => Promise<number>> {
  await page.addInitScript((key) => {
    const counted = window as unknown as { __cacheWrites: number };
    counted.__cacheWrites = 0;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, name: string, value: string) {
      if (name === key) counted.__cacheWrites += 1;
      setItem.call(this, name, value);
    };
  }, CACHE_KEY);
  return () => page.evaluate(() => (window as unknown as { __cacheWrites: number }).__cacheWrites);
}

test('a config.json that asks for polls beyond what a timer can wait reads the Homey at the longest sane interval, and the settings say so', async ({ page }) => {
  await serveConfigWith(page, { devicesMs: BEYOND_TIMERS, zonesMs: BEYOND_TIMERS, insightsMinMs: BEYOND_TIMERS });
  await setUpWall(page, emulator);
  await openHome(page);
  await expect(page.locator('.device-sections[aria-busy]')).toHaveCount(0);
  await emulator.resetStats();

  await page.waitForTimeout(10_000);
  // At the longest sane intervals (an hour for devices, a day for zones), ten seconds hold no poll:
  // at most the one read a part of the screen asks for when it appears.
  expect(await emulator.count(ZONE_LIST)).toBeLessThanOrEqual(1);
  expect(await emulator.count(DEVICE_LIST)).toBeLessThanOrEqual(1);

  await page.getByRole('button', { name: 'Settings' }).click();
  const notes = page.getByRole('region', { name: 'About this wall' });
  await expect(notes.getByText(/pollIntervals\.zonesMs/)).toContainText('3000000000');
  await expect(notes.getByText(/pollIntervals\.zonesMs/)).toContainText('24 hr');
  await expect(notes.getByText(/pollIntervals\.devicesMs/)).toContainText('1 hr');
  await expect(notes.getByText(/pollIntervals\.insightsMinMs/)).toContainText('1 hr');
});

test('a config.json that asks for a poll faster than a second gets the setup page, naming the bounds', async ({ page }) => {
  await serveConfigWith(page, { zonesMs: 500 });
  await page.goto(demo.dashboardUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Setup needed' })).toBeVisible();
  await expect(page.getByText(/"pollIntervals\.zonesMs" must be/)).toBeVisible();
  await expect(page.getByText(/zonesMs from 1 s to 24 h/)).toBeVisible();
});

test('a text of 1 MB reads as one short line on its tile, and in full on the device page in a box of its own', async ({ page }) => {
  const notice = await deviceId('Notice board');
  await setCapability(emulator, notice, 'notice_text', MEGABYTE_TEXT);
  await setUpWall(page, emulator);
  await openHome(page);

  const noticeTile = tile(page, notice);
  await expect(noticeTile).toContainText('The bins go out on Tuesday.');
  const shown = (await noticeTile.locator('[data-capability="notice_text"] .value').textContent()) ?? '';
  expect(shown.length).toBeLessThanOrEqual(200);
  expect(shown.endsWith('…')).toBe(true);
  expect((await noticeTile.boundingBox())?.height).toBeLessThan(400);
  const home = await widths(page);
  expect(home.page).toBeLessThanOrEqual(home.window);

  await noticeTile.getByRole('link', { name: 'Notice board' }).click();
  const full = page.locator('.device-screen [data-capability="notice_text"] .value');
  await expect(full).toBeVisible();
  expect(((await full.textContent()) ?? '').length).toBe(ONE_MB);
  // Wrapped and scrollable in its own box: the page stays the size of a page.
  const box = await full.evaluate((el) => ({ height: el.clientHeight, content: el.scrollHeight, overflow: getComputedStyle(el).overflowY }));
  expect(box.height).toBeLessThanOrEqual(800);
  expect(box.content).toBeGreaterThan(box.height);
  expect(box.overflow).toBe('auto');
  const devicePage = await widths(page);
  expect(devicePage.page).toBeLessThanOrEqual(devicePage.window);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(5000);
});

test('a temperature that claims 100 decimals reads 19.3 °C, with at most 6 decimals anywhere', async ({ page }) => {
  const thermometer = await deviceId('Precise thermometer');
  await setUpWall(page, emulator);
  await openHome(page);

  const reading = tile(page, thermometer).locator('[data-capability="measure_temperature"] .capability-value');
  await expect(reading).toHaveText('19.3°C');
  await tile(page, thermometer).getByRole('link', { name: 'Precise thermometer' }).click();
  await expect(page.locator('.device-screen [data-capability="measure_temperature"] .capability-value')).toHaveText('19.3°C');
  expect(await page.locator('body').innerText()).not.toMatch(/\d[.,]\d{7}/);
});

test('the stored copy of the home stays under its cap after polls, and is written again only when something changed', async ({ page }) => {
  const notice = await deviceId('Notice board');
  await setCapability(emulator, notice, 'notice_text', MEGABYTE_TEXT);
  const writes = await countCacheWrites(page);
  // Devices every 2 s (the shortest the settings allow): five polls in the ten seconds watched.
  await pollingOnly(page);
  await setUpWall(page, emulator, { devicesPollMs: 2000 });
  await openHome(page);
  await expect.poll(() => storedCache(page)).toContain('Notice board');
  await page.waitForTimeout(2_000);

  const before = await writes();
  const readsBefore = await emulator.count(DEVICE_LIST);
  await page.waitForTimeout(10_000);
  expect(await emulator.count(DEVICE_LIST)).toBeGreaterThanOrEqual(readsBefore + 4);
  // Nothing changed in the home: the polls found the same values, so the copy stays as it is.
  expect((await writes()) - before).toBe(0);
  const stored = (await storedCache(page)) ?? '';
  expect(stored.length).toBeGreaterThan(0);
  expect(stored.length).toBeLessThanOrEqual(CACHE_CAP);
  expect(() => JSON.parse(stored) as unknown).not.toThrow();

  // A change is written, and the copy keeps the newest value.
  await setCapability(emulator, notice, 'notice_text', 'Bins are out');
  await expect.poll(() => storedCache(page), { timeout: 10_000 }).toContain('Bins are out');
  expect((await writes()) - before).toBeGreaterThanOrEqual(1);

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('region', { name: 'About this wall' })).toContainText(/stored copy.*\skB/i);
});

test('a stored copy larger than the cap is refused with its reason, and the wall starts as on a first visit', async ({ page }) => {
  await setUpWall(page, emulator);
  await page.addInitScript(
    ({ key, size }) => {
      if (!sessionStorage.getItem('planted')) {
        localStorage.setItem(key, JSON.stringify({ buster: 'dev', timestamp: Date.now(), clientState: { mutations: [], queries: [], padding: 'x'.repeat(size) } }));
        sessionStorage.setItem('planted', '1');
      }
    },
    { key: CACHE_KEY, size: CACHE_CAP + 500_000 },
  );
  await openHome(page);
  await expect.poll(async () => ((await storedCache(page)) ?? '').length).toBeLessThanOrEqual(CACHE_CAP);

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('region', { name: 'About this wall' })).toContainText(/larger than .*1,000\skB/);
});
