import type { EmulatorControl } from './fixtures.ts';
import {
  DEMO_USER,
  SOLO_USER,
  device,
  expect,
  expectClearScreen,
  failOnPageErrorsAndLeakyLogs,
  passTime,
  signInThroughAthom,
  test,
} from './fixtures.ts';

// Which Homey, and which way to reach it (README "Signing in"): a picker
// for accounts with several Homeys, the choice remembered; the local network preferred, Athom's
// relay when the local network fails, and back to local when it returns.

const DEVICES = 'GET /api/manager/devices/device';
const POLL_MS = 5000; // pollIntervals.devicesMs in the demo config
const MINUTE = 60_000;

failOnPageErrorsAndLeakyLogs();

/** Device loads the emulator answered with 200 on one route to a Homey. */
async function devicesLoadedVia(emulator: EmulatorControl, homeyName: string, route: 'local' | 'remote'): Promise<number> {
  return (await emulator.statuses(DEVICES, `homey:${emulator.homey(homeyName).id}:${route}`))['200'] ?? 0;
}

test.describe('an account with several Homeys', () => {
  test('the picker shows which Homeys are on line, the choice is remembered and can be changed', async ({ page, demo, emulator }) => {
    await emulator.offline('Holiday cabin');
    await signInThroughAthom(page, demo, DEMO_USER);

    await expect(page.getByRole('heading', { level: 1, name: 'Which Homey should this screen show?' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Home online' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Holiday cabin offline' })).toBeVisible();
    await page.getByRole('button', { name: 'Home online' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await expect(device(page, 'Bedside lamp')).toBeVisible();

    await page.reload();
    await expect(device(page, 'Bedside lamp')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Which Homey should this screen show?' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Change Homey' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Which Homey should this screen show?' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Home / })).toHaveAttribute('aria-current', 'true');
    // The cabin is switched on meanwhile; the picker may still say what it last saw, a click works anyway.
    await emulator.online('Holiday cabin');
    await page.getByRole('button', { name: /^Holiday cabin / }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Holiday cabin' })).toBeVisible();
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
    await page.reload();
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
  });

  test('a Homey that is off line before the first data gets a clear screen and comes back by itself', async ({ page, demo, emulator }) => {
    await emulator.offline('Holiday cabin');
    await page.clock.install();
    await signInThroughAthom(page, demo, SOLO_USER);
    await expectClearScreen(page, 'Holiday cabin is not reachable');

    await emulator.online('Holiday cabin');
    // Nobody presses "Try again": the next retry (at most 30 s apart) finds it.
    await expect.poll(() => emulator.inFlight()).toBe(0);
    await passTime(page, emulator, 30_000);
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Holiday cabin' })).toBeVisible();
  });

  test('a lapsed subscription while the local network is down gets a clear screen', async ({ page, demo, emulator }) => {
    await emulator.subscription('Holiday cabin', false);
    await emulator.offline('Holiday cabin', 'local');
    await signInThroughAthom(page, demo, SOLO_USER);
    // Not a vague "not reachable": the screen names the subscription and how to get going again.
    await expectClearScreen(page, /Holiday cabin.*subscription/i);
    await expect(page.getByRole('alert')).toContainText(/renew/i);
  });
});

test.describe('the route to the Homey', () => {
  test('the dashboard falls back to Athom’s relay when the local network fails, and returns to it', async ({ page, demo, emulator }) => {
    await page.clock.install();
    await signInThroughAthom(page, demo, SOLO_USER);
    const route = page.getByTestId('route');
    await expect(route).toHaveText('via local network');
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();

    // Time only jumps while nothing is in flight: a jump would fire the timeouts of pending pings.
    await expect.poll(() => emulator.inFlight()).toBe(0);
    await emulator.offline('Holiday cabin', 'local');
    const viaRelay = await devicesLoadedVia(emulator, 'Holiday cabin', 'remote');
    await page.clock.fastForward(POLL_MS);
    await expect(route).toHaveText('via Athom cloud', { timeout: 15_000 });
    await expect.poll(() => devicesLoadedVia(emulator, 'Holiday cabin', 'remote')).toBeGreaterThan(viaRelay);
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();

    await emulator.online('Holiday cabin');
    await expect.poll(() => emulator.inFlight()).toBe(0);
    const viaLocal = await devicesLoadedVia(emulator, 'Holiday cabin', 'local');
    // The relay is kept for a while: route-provider.ts looks at the local network again after 5 minutes.
    await passTime(page, emulator, 5 * MINUTE);
    await expect(route).toHaveText('via local network', { timeout: 15_000 });
    await expect.poll(() => devicesLoadedVia(emulator, 'Holiday cabin', 'local')).toBeGreaterThan(viaLocal);
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
  });
});
