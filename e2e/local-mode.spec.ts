import type { Page } from '@playwright/test';
import type { EmulatorControl } from './fixtures.ts';
import { device, expect, expectClearScreen, failOnPageErrorsAndLeakyLogs, signOut, storedKeys, test } from './fixtures.ts';

// Local mode (README "Signing in"): a Homey Pro 2023 reached at its own address with an API key
// made in the Homey app, no Athom account and no cloud involved.

failOnPageErrorsAndLeakyLogs();

/** The emulated "Home" Homey's API key with full access, or the read-only one. */
function apiKey(emulator: EmulatorControl, access: 'full' | 'read-only'): string {
  const keys = emulator.homey('Home').apiKeys;
  const key = keys.find((k) => (access === 'full' ? k.scopes.includes('homey') : !k.scopes.includes('homey')));
  if (!key) throw new Error(`the emulated Home has no ${access} API key`);
  return key.token;
}

async function connectWithApiKey(page: Page, address: string, key: string): Promise<void> {
  await page.getByText('Use a local API key instead (Homey Pro 2023)').click();
  await page.getByLabel('Homey address').fill(address);
  await page.getByLabel('API key', { exact: true }).fill(key);
  await page.getByRole('button', { name: 'Connect to this Homey' }).click();
}

test.describe('signing in with a local API key', () => {
  test('the owner connects with the Homey’s address and a key, and nothing goes through Athom', async ({ page, demo, emulator }) => {
    const key = apiKey(emulator, 'full');
    await page.goto(demo.dashboardUrl);
    await connectWithApiKey(page, emulator.homey('Home').localUrl, key);

    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await expect(device(page, 'Bedside lamp')).toBeVisible();
    // The key's rights were read (so "no read-only badge" below means something).
    await expect.poll(() => emulator.statuses('GET /api/manager/sessions/session/me', 'homey:')).toEqual({ 200: 1 });
    await expect(page.getByText('read-only', { exact: true })).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText(key);

    await page.reload();
    await expect(device(page, 'Bedside lamp')).toBeVisible();
    const cloud = (await emulator.stats()).cloud?.routes ?? {};
    // Device icons come from Athom's icon host, as on a real local wall (the emulator serves it on its
    // cloud port); nothing else may: no sign-in, no data.
    expect(Object.keys(cloud).filter((route) => !route.includes(' /__emulator/') && route !== 'GET /icons/:file')).toEqual([]);

    await signOut(page);
    await expect(page.getByRole('button', { name: 'Sign in with Athom' })).toBeVisible();
    // The cached values' entry goes with the persister's next write, at most its throttle (1 s) later.
    await expect.poll(() => storedKeys(page), { timeout: 3_000 }).toEqual([]);
  });

  test('a wrong key is refused with a clear screen', async ({ page, demo, emulator }) => {
    const wrong = 'not-a-real-key-0123456789';
    await page.goto(demo.dashboardUrl);
    await connectWithApiKey(page, emulator.homey('Home').localUrl, wrong);

    await expectClearScreen(page, 'The Homey refused the API key', [wrong]);
    await expect(page.getByRole('button', { name: 'Sign in again' })).toBeVisible();
    expect(await storedKeys(page)).toEqual([]);
    // The way forward is the local form again, with the address kept: only the key needs replacing.
    await expect(page.getByLabel('Homey address')).toHaveValue(new URL(emulator.homey('Home').localUrl).origin);
    await expect(page.getByLabel('API key', { exact: true })).toBeVisible();
    await page.getByLabel('API key', { exact: true }).fill(apiKey(emulator, 'full'));
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await expect(device(page, 'Bedside lamp')).toBeVisible();
  });

  test('a Homey that never answers: within 15 s the reason and a way back to the form, also after a reload', async ({ page, demo, emulator }) => {
    const address = new URL(emulator.homey('Home').localUrl).origin;
    await emulator.offline('Home', 'all', 'hang');
    await page.goto(demo.dashboardUrl);
    await connectWithApiKey(page, address, apiKey(emulator, 'full'));

    const another = page.getByRole('button', { name: 'Use another address' });
    await expect(another).toBeVisible();
    await expect(page.getByRole('heading', { name: /does not answer/ })).toBeVisible({ timeout: 15_000 });

    await page.reload();
    await expect(page.getByRole('heading', { name: /does not answer/ })).toBeVisible({ timeout: 15_000 });
    await another.click();
    await expect(page.getByLabel('Homey address')).toHaveValue(address);
    await expect(page.getByLabel('API key', { exact: true })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign in with Athom' })).toBeVisible();
  });

  test('a read-only key shows the home and says it is read-only', async ({ page, demo, emulator }) => {
    await page.goto(demo.dashboardUrl);
    await connectWithApiKey(page, emulator.homey('Home').localUrl, apiKey(emulator, 'read-only'));

    await expect(device(page, 'Bedside lamp')).toBeVisible();
    await expect(page.getByText('read-only', { exact: true })).toBeVisible();
  });

  test('a read-only key reads colour as the controls would (degrees and percentages, not 0–1 fractions)', async ({ page, demo, emulator }) => {
    await page.goto(demo.dashboardUrl);
    await connectWithApiKey(page, emulator.homey('Home').localUrl, apiKey(emulator, 'read-only'));
    const lamp = page.locator('article.tile', { has: page.getByText('🛋️ Sofa lamp', { exact: true }) }).first();
    await expect(lamp).toBeVisible();
    // The demo's Sofa lamp: light_hue 0.08, light_saturation 0.65, light_temperature 0.3 (simulation still).
    await expect(lamp).toContainText(/Hue\s*29\s*°/);
    await expect(lamp).toContainText(/saturation\s*65\s*%/);
    await expect(lamp).toContainText(/temperature\s*30\s*%/);
    await expect(lamp).not.toContainText('0.08');
    await expect(lamp).not.toContainText('0.65');
  });
});
