import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, TestInfo } from '@playwright/test';
import type { Demo } from '../scripts/start-demo.ts';
import { expect } from './fixtures.ts';
import type { EmulatorControl } from './fixtures.ts';

// Shared by the wall stories (layouts, kiosk, accessibility): a wall that was set up earlier, i.e.
// a browser that already holds a local API key and, if the story needs them, the screen's settings.

export interface WireDevice {
  id: string;
  name: string;
  zone: string;
  capabilitiesObj: Record<string, { value: unknown; decimals?: number | null; units?: string | null; setable?: boolean }>;
}

export interface WireZone {
  id: string;
  name: string;
  parent: string | null;
}

function fullKey(emulator: EmulatorControl): string {
  const key = emulator.homey('Home').apiKeys.find((k) => k.scopes.includes('homey'));
  if (!key) throw new Error('the emulated Home has no full API key');
  return key.token;
}

async function homeGet<T>(emulator: EmulatorControl, path: string): Promise<T> {
  const response = await fetch(`${emulator.homey('Home').localUrl}${path}`, { headers: { Authorization: `Bearer ${fullKey(emulator)}` } });
  if (!response.ok) throw new Error(`GET ${path} → ${response.status}`);
  return (await response.json()) as T;
}

/** The "Home" Homey's devices as its Web API lists them. */
export async function homeDevices(emulator: EmulatorControl): Promise<WireDevice[]> {
  return Object.values(await homeGet<Record<string, WireDevice>>(emulator, '/api/manager/devices/device'));
}

export async function homeZones(emulator: EmulatorControl): Promise<WireZone[]> {
  return Object.values(await homeGet<Record<string, WireZone>>(emulator, '/api/manager/zones/zone'));
}

export function byName<T extends { name: string }>(items: readonly T[], name: string): T {
  const item = items.find((i) => i.name === name);
  if (!item) throw new Error(`nothing named ${name}`);
  return item;
}

export async function setCapability(emulator: EmulatorControl, deviceId: string, capabilityId: string, value: unknown): Promise<void> {
  await emulator.call('PUT', `/__emulator/homeys/${emulator.homey('Home').id}/devices/${deviceId}/capabilities/${capabilityId}`, { value });
}

export const SETTINGS_KEY = 'homey-dashboard:settings';

/**
 * Before the first page load: the browser holds the "Home" Homey's address and full API key (local
 * mode, as if someone had connected it once), and, when given, these settings. Both are written only
 * when absent, so what the app itself saves survives reloads.
 */
export async function setUpWall(page: Page, emulator: EmulatorControl, settings?: Record<string, unknown>): Promise<void> {
  const credentials = JSON.stringify({ baseUrl: new URL(emulator.homey('Home').localUrl).origin, apiKey: fullKey(emulator) });
  const stored = settings ? JSON.stringify({ version: 1, ...settings }) : null;
  await page.addInitScript(
    ({ credentials, stored, settingsKey }) => {
      if (!localStorage.getItem('homey-dashboard:local-credentials')) localStorage.setItem('homey-dashboard:local-credentials', credentials);
      if (stored && !localStorage.getItem(settingsKey)) localStorage.setItem(settingsKey, stored);
    },
    { credentials, stored, settingsKey: SETTINGS_KEY },
  );
}

/** Opens the dashboard with `search` (e.g. `?kiosk=1`) and waits for the first tile. */
export async function openWall(page: Page, demo: Demo, search = ''): Promise<void> {
  await page.goto(`${demo.dashboardUrl}${search}`);
  await expect(page.locator('article.tile').first()).toBeVisible();
  // Every tile, not only the first screenful (the layout is measured after this).
  await expect(page.locator('.device-sections[aria-busy]')).toHaveCount(0);
}

/**
 * Changes the address's query to `search` the way the app's own links do (history and popstate),
 * without a reload: `?kiosk=1`, `?theme=eink` or `?view=` typed on a running wall, in a tenth of
 * the time a page load takes on the dev server.
 */
export async function setAddress(page: Page, search: string): Promise<void> {
  await page.evaluate((query) => {
    window.history.pushState(window.history.state, '', `${window.location.pathname}${query}`);
    window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
  }, search);
}

export const tile = (page: Page, deviceId: string) => page.locator(`article.tile[data-device-id="${deviceId}"]`).first();

const screenshotsDir = resolve(fileURLToPath(import.meta.url), '../../docs/screenshots');

/**
 * A viewport-sized screenshot, attached to the test (CI keeps it in test-results). With
 * UPDATE_SCREENSHOTS=1 it is also written to docs/screenshots (the README embeds two of them) unless
 * `toDocs` is false; not by
 * default, because live values and the clock make every run's pictures differ and `npm test` must not
 * leave the tree changed.
 */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string, { toDocs = true }: { toDocs?: boolean } = {}): Promise<void> {
  const png = await page.screenshot({ fullPage: false, animations: 'disabled', caret: 'hide' });
  await testInfo.attach(name, { body: png, contentType: 'image/png' });
  // `toDocs: false`: a picture for CI's artifacts only, so docs/screenshots stays a small set.
  if (!process.env.UPDATE_SCREENSHOTS || !toDocs) return;
  await mkdir(screenshotsDir, { recursive: true });
  await writeFile(resolve(screenshotsDir, `${name}.png`), png);
}
