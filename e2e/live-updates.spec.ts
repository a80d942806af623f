import type { Page } from '@playwright/test';
import type { Demo } from '../scripts/start-demo.ts';
import type { EmulatorControl } from './fixtures.ts';
import { SOLO_USER, expect, failOnPageErrorsAndLeakyLogs, signInThroughAthom, test } from './fixtures.ts';
import { tile } from './wall-kit.ts';

// The wall over the Homey's own socket (docs/decisions/005-live-updates-over-the-homeys-socket.md):
// with the device poll at a minute, a change on the Homey is on screen within a second; a socket that
// is dropped or goes silent hands over to polling and comes back by itself; an expired session at the
// handshake costs one renewal; a burst of events ends with the screen equal to the Homey.

failOnPageErrorsAndLeakyLogs();
test.use({ viewport: { width: 1280, height: 800 } });

const LOGIN = 'POST /api/manager/users/login';
const DEVICES = 'GET /api/manager/devices/device';

async function slowPolls(page: Page): Promise<void> {
  await page.route('**/config.json', async (route) => {
    const served = (await (await route.fetch()).json()) as Record<string, unknown>;
    await route.fulfill({ json: { ...served, realtime: true, pollIntervals: { ...(served.pollIntervals as object), devicesMs: 60_000 } } });
  });
}

async function liveWall(page: Page, demo: Demo): Promise<void> {
  await slowPolls(page);
  await signInThroughAthom(page, demo, SOLO_USER);
  await expect(page.locator('article.tile').first()).toBeVisible();
  await expect(page.getByTestId('live')).toHaveText('live', { timeout: 10_000 });
}

// The solo user's one Homey: no picker between sign-in and the wall.
const HOMEY = 'Holiday cabin';

/** A device on screen that reads a temperature (the Holiday cabin has no API key to ask the Homey with). */
async function thermometer(page: Page): Promise<{ id: string }> {
  const id = await page.locator('article.tile', { hasText: '°C' }).first().getAttribute('data-device-id');
  if (!id) throw new Error('no thermometer on screen');
  return { id };
}

const realtime = (emulator: EmulatorControl, action: string) => emulator.call('POST', `/__emulator/homeys/${emulator.homey(HOMEY).id}/realtime/${action}`);
const setCapability = (emulator: EmulatorControl, deviceId: string, capabilityId: string, value: unknown) =>
  emulator.call('PUT', `/__emulator/homeys/${emulator.homey(HOMEY).id}/devices/${deviceId}/capabilities/${capabilityId}`, { value });

test('with the poll at a minute, a value changed on the Homey is on screen within a second', async ({ page, demo, emulator }) => {
  await liveWall(page, demo);
  const device = await thermometer(page);
  await setCapability(emulator, device.id, 'measure_temperature', 31.7);
  await expect(tile(page, device.id)).toContainText('31.7', { timeout: 1000 });
});

test('a dropped socket hands over to polling, and live comes back by itself', async ({ page, demo, emulator }) => {
  await liveWall(page, demo);
  await realtime(emulator, 'drop');
  await expect(page.getByTestId('live')).toHaveText('polling', { timeout: 2000 });
  await expect(page.getByTestId('live')).toHaveText('live', { timeout: 10_000 });
  const device = await thermometer(page);
  await setCapability(emulator, device.id, 'measure_temperature', 12.3);
  await expect(tile(page, device.id)).toContainText('12.3', { timeout: 1000 });
});

test('a silent socket is noticed within about 15 s, and live comes back', async ({ page, demo, emulator }) => {
  test.setTimeout(60_000);
  await liveWall(page, demo);
  await realtime(emulator, 'silence');
  const started = Date.now();
  await expect(page.getByTestId('live')).toHaveText('polling', { timeout: 16_000 });
  expect(Date.now() - started).toBeLessThan(16_000);
  await expect(page.getByTestId('live')).toHaveText('live', { timeout: 15_000 });
});

test('an expired session at the handshake costs one renewal', async ({ page, demo, emulator }) => {
  await liveWall(page, demo);
  await emulator.expire('session');
  await emulator.resetStats();
  // The Homey hangs up; the new handshake meets the expired session, renews once, and is live again.
  await realtime(emulator, 'drop');
  await expect(page.getByTestId('live')).toHaveText('polling', { timeout: 2000 });
  await expect(page.getByTestId('live')).toHaveText('live', { timeout: 10_000 });
  expect(await emulator.count(LOGIN)).toBe(1);
});

test('a burst of 200 events ends with the screen equal to the Homey', async ({ page, demo, emulator }) => {
  await liveWall(page, demo);
  const device = await thermometer(page);
  for (let i = 0; i < 200; i++) await setCapability(emulator, device.id, 'measure_temperature', 10 + i / 10);
  // The last value written, 29.9, and nothing older after it.
  await expect(tile(page, device.id)).toContainText('29.9', { timeout: 2000 });
  await page.waitForTimeout(500);
  await expect(tile(page, device.id)).toContainText('29.9');
});

test('a page hidden for ten minutes reads the home once when it is shown again, and is live again', async ({ page, demo, emulator }) => {
  await page.clock.install();
  await liveWall(page, demo);
  const setHidden = (hidden: boolean) =>
    page.evaluate((isHidden) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (isHidden ? 'hidden' : 'visible') });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => isHidden });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  await setHidden(true);
  // The tablet sleeps: ten minutes pass at once, as they do for a page whose timers were frozen.
  await page.clock.fastForward(10 * 60_000);
  await page.waitForTimeout(500);
  await emulator.resetStats();
  const device = await thermometer(page);
  await setCapability(emulator, device.id, 'measure_temperature', 18.4);
  await setHidden(false);
  await expect(page.getByTestId('live')).toHaveText('live', { timeout: 10_000 });
  await expect(tile(page, device.id)).toContainText('18.4', { timeout: 5000 });
  await page.waitForTimeout(2000);
  expect(await emulator.count(DEVICES, 'homey:')).toBe(1);
});
