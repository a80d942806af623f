import type { Page } from '@playwright/test';
import type { Demo } from '../scripts/start-demo.ts';
import { SOLO_USER, expect, signInThroughAthom, test } from './fixtures.ts';
import type { EmulatorControl } from './fixtures.ts';

// Stories of the wall itself: values as the Homey describes them, controls that answer at once and
// never lie, and a screen that never goes blank whatever the network does.

interface WireDevice {
  id: string;
  name: string;
  capabilitiesObj: Record<string, { value: unknown; decimals?: number | null; units?: string | null; setable?: boolean }>;
}

async function homeDevices(emulator: EmulatorControl): Promise<WireDevice[]> {
  const homey = emulator.homey('Home');
  const key = homey.apiKeys.find((k) => k.scopes.includes('homey'))!.token;
  const response = await fetch(`${homey.localUrl}/api/manager/devices/device`, { headers: { Authorization: `Bearer ${key}` } });
  return Object.values((await response.json()) as Record<string, WireDevice>);
}

const byName = (devices: WireDevice[], name: string) => {
  const device = devices.find((d) => d.name === name);
  if (!device) throw new Error(`no device named ${name}`);
  return device;
};

/** Local mode is the quickest way onto the "Home" Homey: its address and the full API key. */
async function openHome(page: Page, demo: Demo, emulator: EmulatorControl): Promise<void> {
  const homey = emulator.homey('Home');
  const key = homey.apiKeys.find((k) => k.scopes.includes('homey'))!.token;
  await page.goto(demo.dashboardUrl);
  await page.getByText('Use a local API key instead').click();
  await page.getByLabel('Homey address').fill(homey.localUrl);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Connect to this Homey' }).click();
  await expect(page.locator('article.tile').first()).toBeVisible();
  // The whole home is laid out once the favourites (users/user/me) and the zones have arrived too.
  await expect(page.getByRole('heading', { name: 'Favourites' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Kitchen', exact: true })).toBeVisible();
}

const tile = (page: Page, deviceId: string) => page.locator(`article.tile[data-device-id="${deviceId}"]`).first();

async function setValue(emulator: EmulatorControl, deviceId: string, capabilityId: string, value: unknown) {
  const homey = emulator.homey('Home');
  await emulator.call('PUT', `/__emulator/homeys/${homey.id}/devices/${deviceId}/capabilities/${capabilityId}`, { value });
}

test.describe('the home screen', () => {
  test('temperature tiles show the Homey’s values with its decimals and units, and follow changes within a poll', async ({ page, demo, emulator }) => {
    const devices = await homeDevices(emulator);
    const climate = byName(devices, 'Living room climate');
    const office = byName(devices, 'Office sensor');
    expect(climate.capabilitiesObj.measure_temperature!.decimals).toBe(2);
    expect(office.capabilitiesObj.measure_temperature!.decimals).toBe(1);
    await setValue(emulator, climate.id, 'measure_temperature', 21.456);
    await setValue(emulator, office.id, 'measure_temperature', 19.04);
    await page.clock.install();
    await openHome(page, demo, emulator);
    const climateLead = tile(page, climate.id).locator('.capability.is-lead');
    await expect(climateLead).toContainText('21.46');
    await expect(climateLead).toContainText('°C');
    await expect(tile(page, office.id).locator('.capability.is-lead')).toContainText('19.0');

    await setValue(emulator, office.id, 'measure_temperature', 22.75);
    await page.clock.fastForward(5_000);
    // Rounded to one decimal, not truncated.
    await expect(tile(page, office.id).locator('.capability.is-lead')).toContainText('22.8');
  });

  test('a toggle answers at once, reaches the Homey, and the poll agrees', async ({ page, demo, emulator }) => {
    const coffee = byName(await homeDevices(emulator), 'Coffee machine');
    await setValue(emulator, coffee.id, 'onoff', false);
    await openHome(page, demo, emulator);
    const toggle = tile(page, coffee.id).getByRole('switch', { name: /turned on|on/i });
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await expect.poll(async () => byName(await homeDevices(emulator), 'Coffee machine').capabilitiesObj.onoff!.value).toBe(true);
    await page.waitForTimeout(5_500);
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
  });

  test('a failed write rolls back with a short message', async ({ page, demo, emulator }) => {
    const coffee = byName(await homeDevices(emulator), 'Coffee machine');
    await setValue(emulator, coffee.id, 'onoff', false);
    await openHome(page, demo, emulator);
    await emulator.call('POST', '/__emulator/faults', {
      target: `homey:${emulator.homey('Home').id}`,
      method: 'PUT',
      path: '/api/manager/devices/device/*/capability/*',
      kind: 'status',
      status: 500,
      count: 1,
    });
    const toggle = tile(page, coffee.id).getByRole('switch');
    await toggle.click();
    await expect(tile(page, coffee.id).getByRole('alert')).toContainText('not changed');
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    expect(byName(await homeDevices(emulator), 'Coffee machine').capabilitiesObj.onoff!.value).toBe(false);
  });

  test('a device name full of markup is shown as text: no dialog, no injected element', async ({ page, demo, emulator }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const victim = byName(await homeDevices(emulator), 'Office sensor');
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    await emulator.call('PUT', `/__emulator/homeys/${emulator.homey('Home').id}/devices/${victim.id}`, { name: hostile });
    await openHome(page, demo, emulator);
    await expect(tile(page, victim.id).getByRole('heading')).toHaveText(hostile);
    expect(await page.locator('img[src="x"], article script').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});

test.describe('when the network misbehaves', () => {
  const faults = [
    { name: 'slow answers', fault: { kind: 'latency', latencyMs: 3000 } },
    { name: '500', fault: { kind: 'status', status: 500 } },
    { name: '503', fault: { kind: 'status', status: 503 } },
    { name: '429 with Retry-After', fault: { kind: 'status', status: 429, retryAfter: 2 } },
    { name: 'dropped connections', fault: { kind: 'drop' } },
    { name: 'malformed JSON', fault: { kind: 'malformed' } },
  ];
  for (const { name, fault } of faults) {
    test(`${name} never blank the screen, and it recovers by itself`, async ({ page, demo, emulator }) => {
      const office = byName(await homeDevices(emulator), 'Office sensor');
      await page.clock.install();
      await openHome(page, demo, emulator);
      const tiles = await page.locator('article.tile').count();
      await emulator.call('POST', '/__emulator/faults', {
        target: `homey:${emulator.homey('Home').id}`,
        method: 'GET',
        path: '/api/manager/devices/device',
        count: 3,
        ...fault,
      });
      for (let i = 0; i < 4; i += 1) {
        await page.clock.fastForward(5_000);
        await expect(page.locator('article.tile')).toHaveCount(tiles);
      }
      await setValue(emulator, office.id, 'measure_temperature', 12.3);
      await expect(async () => {
        await page.clock.fastForward(5_000);
        await expect(tile(page, office.id).locator('.capability.is-lead')).toContainText('12.3', { timeout: 1_000 });
      }).toPass({ timeout: 30_000 });
      await expect(page.locator('.connection-banner')).toHaveCount(0);
      await expect(page.locator('article.tile')).toHaveCount(tiles);
    });
  }

  test('tiles show their age when polls fail, turn stale after five minutes, and clear on recovery', async ({ page, demo, emulator }) => {
    const homey = emulator.homey('Home');
    await page.clock.install();
    await openHome(page, demo, emulator);
    await emulator.call('POST', `/__emulator/homeys/${homey.id}/offline`, { route: 'all', mode: 'refuse' });
    await page.clock.fastForward(16_000);
    await expect(page.locator('.tile-age').first()).toContainText('ago');
    await expect(page.locator('.connection-banner')).toContainText('unreachable since');
    await page.clock.fastForward(5 * 60_000);
    await expect(page.locator('.tile-age.is-stale').first()).toBeVisible();
    await expect(page.locator('article.tile').first()).toBeVisible();
    await emulator.call('POST', `/__emulator/homeys/${homey.id}/online`);
    await expect(async () => {
      await page.clock.fastForward(5_000);
      await expect(page.locator('.tile-age')).toHaveCount(0, { timeout: 1_000 });
    }).toPass({ timeout: 45_000 });
    await expect(page.locator('.connection-banner')).toHaveCount(0);
  });
});

test('a Homey whose subscription lapsed, away from home, gets a screen that says so', async ({ page, demo, emulator }) => {
  const cabin = emulator.homey('Holiday cabin');
  await emulator.call('POST', `/__emulator/homeys/${cabin.id}/subscription`, { active: false });
  await emulator.call('POST', `/__emulator/homeys/${cabin.id}/offline`, { route: 'local' });
  await signInThroughAthom(page, demo, SOLO_USER);
  await expect(page.getByRole('heading', { name: 'Holiday cabin: subscription inactive' })).toBeVisible({ timeout: 20_000 });
  await emulator.call('POST', `/__emulator/homeys/${cabin.id}/online`);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('article.tile').first()).toBeVisible({ timeout: 20_000 });
});
