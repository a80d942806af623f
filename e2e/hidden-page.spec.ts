import type { Page } from '@playwright/test';
import type { EmulatorControl } from './fixtures.ts';
import { SOLO_USER, device, expect, failOnPageErrorsAndLeakyLogs, passTime, pollingOnly, signInThroughAthom, test } from './fixtures.ts';

// A wall in a tab that is not shown (another tab in front, a screen switched off by the kiosk app)
// has nobody to show values to: it polls at most once a minute, and when it is shown again it reads
// afresh within two seconds. Hidden and shown as the browser says it: document.visibilityState and
// the visibilitychange event.

failOnPageErrorsAndLeakyLogs();

async function setVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  await page.evaluate((next) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => next });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => next === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

/** Requests that reached any Homey (either route), the dashboard's polls among them. */
async function homeyRequests(emulator: EmulatorControl): Promise<number> {
  let total = 0;
  for (const [name, s] of Object.entries(await emulator.stats())) if (name.startsWith('homey:')) total += s.requests;
  return total;
}

test('a hidden wall polls at most once a minute, and reads afresh within 2 s of being shown', async ({ page, demo, emulator }) => {
  // The poll's own story (a live wall's hidden page is in live-updates.spec.ts).
  await pollingOnly(page);
  await page.clock.install();
  await signInThroughAthom(page, demo, SOLO_USER);
  await expect(device(page, 'Lamp bij de bank')).toBeVisible();
  await expect.poll(() => emulator.inFlight()).toBe(0);

  await setVisibility(page, 'hidden');
  await emulator.resetStats();
  // Ten minutes of 5 s polls would be 120 device reads alone.
  for (let step = 0; step < 120; step++) await passTime(page, emulator, 5000);
  expect(await homeyRequests(emulator)).toBeLessThanOrEqual(10);

  await expect.poll(() => emulator.inFlight()).toBe(0);
  const before = await emulator.count('GET /api/manager/devices/device', 'homey:');
  await setVisibility(page, 'visible');
  await page.clock.runFor(2000);
  await expect.poll(() => emulator.count('GET /api/manager/devices/device', 'homey:'), { timeout: 5000 }).toBeGreaterThan(before);
  // Shown again, it polls as configured.
  const shown = await emulator.count('GET /api/manager/devices/device', 'homey:');
  for (let step = 0; step < 6; step++) await passTime(page, emulator, 5000);
  // Six 5 s steps of both clocks at once: a read still in flight when a step lands takes the next
  // interval with it, so at least every other one, never the once a minute of a hidden page.
  expect(await emulator.count('GET /api/manager/devices/device', 'homey:')).toBeGreaterThanOrEqual(shown + 3);
});
