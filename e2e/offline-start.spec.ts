import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { buildApp, writeAppConfig } from '../scripts/built-app.ts';
import { DEMO_USER, EmulatorControl, expect, signInPrompt, signInThroughAthom, test, watchScreen } from './fixtures.ts';
import type { BuiltApp } from './security-kit.ts';
import { startBuiltApp } from './security-kit.ts';

// A wall tablet restarts whenever it likes: after a power cut with the Wi-Fi still down, or while
// its Homey is slow to answer (README "Deploying the static build"). These stories need the production build, because
// only it has the service worker; they share one browser profile, as a tablet has one.

const HOMEY = 'Home';
const DEVICE = 'Living room climate';
const CACHE_KEY = 'homey-dashboard:query-cache';

test.describe.configure({ mode: 'serial' });

let app: BuiltApp;
let emulator: EmulatorControl;
let context: BrowserContext;
let deviceId: string;

test.beforeAll(async ({ browser }) => {
  app = await startBuiltApp();
  emulator = new EmulatorControl(app);
  context = await browser.newContext();
  const homey = emulator.homey(HOMEY);
  const key = homey.apiKeys.find((k) => k.scopes.includes('homey'))!.token;
  const response = await fetch(`${homey.localUrl}/api/manager/devices/device`, { headers: { Authorization: `Bearer ${key}` } });
  const devices = Object.values((await response.json()) as Record<string, { id: string; name: string }>);
  deviceId = devices.find((d) => d.name === DEVICE)!.id;
});

test.afterAll(async () => {
  await context?.close();
  await app?.close();
});

/** A new tab in the wall's profile; uncaught errors in it fail the story (how a white page starts). */
async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

const lead = (page: Page) => page.locator(`article.tile[data-device-id="${deviceId}"] .capability.is-lead`);

async function setTemperature(value: number): Promise<void> {
  await emulator.call('PUT', `/__emulator/homeys/${emulator.homey(HOMEY).id}/devices/${deviceId}/capabilities/measure_temperature`, { value });
}

/** Every string stored under a token-like name (access and refresh tokens, Homey session, API keys). */
async function storedSecrets(page: Page): Promise<string[]> {
  return page.evaluate((cacheKey) => {
    const secrets: string[] = [];
    const collect = (value: unknown, name = ''): void => {
      if (typeof value === 'string') {
        if (/token|secret|key|session/i.test(name) && value.length >= 16) secrets.push(value);
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) collect(v, k);
      }
    };
    for (const key of Object.keys(localStorage)) {
      if (key === cacheKey) continue;
      const raw = localStorage.getItem(key) ?? '';
      try {
        collect(JSON.parse(raw), key);
      } catch {
        collect(raw, key);
      }
    }
    return secrets;
  }, CACHE_KEY);
}

test('the dashboard can be installed: a manifest with standalone display, theme colours and 192, 512 and maskable icons', async () => {
  expect(app.indexHtml).toMatch(/<link rel="manifest" href="\/manifest\.webmanifest">/);
  const response = await fetch(new URL('manifest.webmanifest', app.dashboardUrl));
  expect(response.ok).toBe(true);
  const manifest = (await response.json()) as Record<string, unknown> & { icons: { src: string; sizes: string; type: string; purpose: string }[] };
  expect(manifest).toMatchObject({ name: 'Homey wall dashboard', short_name: expect.any(String), display: 'standalone', start_url: './' });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
  for (const icon of manifest.icons) {
    const image = await fetch(new URL(icon.src, new URL('manifest.webmanifest', app.dashboardUrl)));
    expect(image.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await image.arrayBuffer());
    // The PNG's own header says the size the manifest claims.
    expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`).toBe(icon.sizes);
  }
});

test('a signed-in wall that starts without a network shows its last values and says it is offline, never an error page or a sign-in', async () => {
  await setTemperature(23.45);
  const { page, errors } = await openPage();
  const screen = await watchScreen(page);
  await signInThroughAthom(page, app, DEMO_USER);
  await page.getByRole('button', { name: `${HOMEY} online` }).click();
  await expect(lead(page)).toContainText('23.45');

  // The service worker is installed and controls the page (after a reload at the latest).
  await expect
    .poll(() => page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.active)), {
      message: 'the production build registers a service worker',
      timeout: 20_000,
    })
    .toBe(true);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect(lead(page)).toContainText('23.45');

  // The values are stored, and nothing secret with them.
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key) ?? '', CACHE_KEY)).toContain('23.45');
  const cache = await page.evaluate((key) => localStorage.getItem(key) ?? '', CACHE_KEY);
  const secrets = await storedSecrets(page);
  expect(secrets.length).toBeGreaterThan(0);
  for (const secret of secrets) expect(cache).not.toContain(secret);

  // config.json is never a stale copy while the server answers: an edit shows at once, even
  // though the service worker now answers for this origin.
  const configFile = join(app.outDir, 'config.json');
  const edited = { ...(JSON.parse(await readFile(configFile, 'utf8')) as Record<string, unknown>), note: 'edited after install' };
  await writeFile(configFile, JSON.stringify(edited));
  const servedConfig = () => page.evaluate(() => fetch('/config.json', { cache: 'no-store' }).then((r) => r.text()));
  expect(await servedConfig()).toContain('edited after install');

  const promptsBefore = screen.signInPrompts();
  await context.setOffline(true);
  const response = await page.reload();
  // The page came from the service worker, not from a network that is not there.
  expect(response?.fromServiceWorker()).toBe(true);
  expect(await page.evaluate((cloud) => fetch(`${cloud}/__emulator/info`).then(() => 'reached', () => 'failed'), app.emulator.cloudUrl)).toBe('failed');
  // The last config.json the server gave, kept for this.
  expect(await servedConfig()).toContain('edited after install');

  await expect(page.getByRole('heading', { level: 1, name: HOMEY })).toBeVisible();
  await expect(lead(page)).toContainText('23.45');
  await expect(page.locator('.connection-banner.is-offline')).toContainText('Offline');
  // Marked with their age once they are older than two polls.
  await expect(page.locator('.tile-age').first()).toContainText('ago', { timeout: 20_000 });
  expect(screen.signInPrompts()).toBe(promptsBefore);
  await expect(signInPrompt(page)).toHaveCount(0);

  expect(errors).toEqual([]);
  await context.setOffline(false);
  await page.close();
});

test('a cold start draws the last values from the stored copy before a slow Homey has answered, then the fresh ones', async () => {
  // The Homey has moved on while the wall was off, and now answers every request 2 s late.
  await setTemperature(19.5);
  await emulator.call('POST', '/__emulator/faults', { target: `homey:${emulator.homey(HOMEY).id}`, kind: 'latency', latencyMs: 2000 });
  try {
    const { page, errors } = await openPage();
    const deviceResponses: number[] = [];
    page.on('response', (response) => {
      if (/\/api\/manager\/devices\/device(\?|$)/.test(new URL(response.url()).pathname)) deviceResponses.push(Date.now());
    });
    const started = Date.now();
    // Not waiting for `load`: the page may still be fetching images from the slow Homey.
    await page.goto(app.dashboardUrl, { waitUntil: 'commit' });
    await expect(lead(page)).toContainText('23.45');
    const drawnAfter = Date.now() - started;
    expect(deviceResponses).toEqual([]);
    expect(drawnAfter).toBeLessThan(2000);
    test.info().annotations.push({ type: 'first tile', description: `${drawnAfter} ms after navigation, Homey answering 2 s late` });
    // The copy says how old it is.
    await expect(page.locator('.tile-age').first()).toContainText('ago');

    await expect(lead(page)).toContainText('19.5', { timeout: 15_000 });
    expect(deviceResponses.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  } finally {
    await emulator.call('DELETE', '/__emulator/faults');
  }
});

test('a new deployment, once the wall finds it, takes over and the wall reloads itself into it', async () => {
  const { page, errors } = await openPage();
  await page.goto(app.dashboardUrl);
  await expect(lead(page)).toContainText(/\d/);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await page.evaluate(() => {
    (window as unknown as { __oldVersion: boolean }).__oldVersion = true;
  });

  // Deploy another build into the same folder: a different index.html (one more connect-src origin)
  // and so a different service worker.
  const NEXT = 'https://next-version.example.net';
  await buildApp({ outDir: app.outDir, connectSrc: [...app.connectSrc, NEXT], imgSrc: app.imgSrc });
  await writeAppConfig(app.outDir, app.emulator);

  // What the hourly look does (its timing is unit-tested in app-updates.test.ts).
  // (Not awaited in the page: the reload it leads to may come before the promise settles.)
  await page.evaluate(() => {
    void navigator.serviceWorker.getRegistration().then((registration) => registration?.update());
  });
  const oldVersion = () => page.evaluate(() => (window as unknown as { __oldVersion?: boolean }).__oldVersion ?? false).catch(() => true);
  await expect.poll(oldVersion, { message: 'the page reloaded', timeout: 20_000 }).toBe(false);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', new RegExp(NEXT.replace(/\./g, '\\.')));
  await expect(lead(page)).toContainText(/\d/);
  expect(errors).toEqual([]);
  await page.close();
});

