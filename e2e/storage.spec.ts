import type { BrowserContext, Page } from '@playwright/test';
import type { EmulatorControl } from './fixtures.ts';
import { SOLO_USER, device, expect, failOnPageErrorsAndLeakyLogs, test } from './fixtures.ts';
import { SETTINGS_KEY, setUpWall } from './wall-kit.ts';

// The browser's storage has three answers (README "When things go wrong"): it works, it is full, or
// the browser refuses it. Refused and full each get their own words on the sign-in screen and on the
// dashboard; a sign-in still works until the page is closed; and nothing says it was saved when it
// was not.

failOnPageErrorsAndLeakyLogs();

const REFUSED = /This browser does not let the dashboard store anything, so it cannot stay signed in: it works until this page is closed/;
const FULL = /This browser’s storage for the dashboard is full, so it cannot stay signed in: it works until this page is closed/;

/**
 * Every page of this browser (popups too) refuses storage as a private window or a locked-down
 * kiosk webview does: reading `localStorage` or `sessionStorage` throws a SecurityError.
 */
async function refuseStorage(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const refuse = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    for (const name of ['localStorage', 'sessionStorage']) Object.defineProperty(window, name, { configurable: true, get: refuse });
  });
}

/**
 * Every page's storage is full: another app on this origin holds it all, so each write throws a
 * QuotaExceededError, while reading still works.
 */
async function fillStorage(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    localStorage.setItem('another-app:cache', 'x'.repeat(1000));
    Storage.prototype.setItem = function setItem() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
}

function apiKey(emulator: EmulatorControl): string {
  const key = emulator.homey('Home').apiKeys.find((k) => k.scopes.includes('homey'));
  if (!key) throw new Error('the emulated Home has no full API key');
  return key.token;
}

async function connectWithApiKey(page: Page, emulator: EmulatorControl): Promise<void> {
  await page.getByText('Use a local API key instead (Homey Pro 2023)').click();
  await page.getByLabel('Homey address').fill(emulator.homey('Home').localUrl);
  await page.getByLabel('API key').fill(apiKey(emulator));
  await page.getByRole('button', { name: 'Connect to this Homey' }).click();
}

/** Presses "Sign in with Athom", logs in on Athom's page in the window it opens, and waits for it to close. */
async function signInThroughAthomWindow(page: Page): Promise<void> {
  const opened = page.waitForEvent('popup', { timeout: 10_000 });
  await page.getByRole('button', { name: 'Sign in with Athom' }).click();
  const popup = await opened;
  await popup.getByLabel('Email').fill(SOLO_USER.email);
  await popup.getByLabel('Password').fill(SOLO_USER.password);
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: 'Log in' }).click();
  await closed;
}

/** The words the page says about storage, wherever they stand. */
function storageNotice(page: Page) {
  return page.getByRole('status').filter({ hasText: /store anything|storage for the dashboard is full/ });
}

test.describe('a browser that refuses storage', () => {
  test('shows the sign-in screen saying it cannot stay signed in, not a white page', async ({ page, demo }) => {
    await refuseStorage(page.context());
    await page.goto(demo.dashboardUrl);

    await expect(page.getByRole('heading', { level: 1, name: 'Homey wall dashboard' })).toBeVisible();
    await expect(storageNotice(page)).toHaveText(REFUSED);
    await expect(page.getByRole('button', { name: 'Sign in with Athom' })).toBeEnabled();
    await expect(page.getByText('The dashboard stopped')).toHaveCount(0);
  });

  test('signs in with a local API key for as long as the page stays open, and says so', async ({ page, demo, emulator }) => {
    await refuseStorage(page.context());
    await page.goto(demo.dashboardUrl);
    await connectWithApiKey(page, emulator);

    await expect(device(page, 'Bedside lamp')).toBeVisible();
    await expect(storageNotice(page)).toHaveText(REFUSED);

    // Nothing was kept: a reload is a new page, which has to be signed in again.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign in with Athom' })).toBeVisible();
    await expect(storageNotice(page)).toHaveText(REFUSED);
  });

  test('signs in through Athom in a window of its own, since nothing survives leaving the page', async ({ page, demo }) => {
    await refuseStorage(page.context());
    await page.goto(demo.dashboardUrl);
    await signInThroughAthomWindow(page);

    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Holiday cabin' })).toBeVisible();
    await expect(storageNotice(page)).toHaveText(REFUSED);
    expect(new URL(page.url()).search).toBe('');
  });
});

test.describe('a browser whose storage is full', () => {
  test('a local sign-in says why it will not last, and works until the page is closed', async ({ page, demo, emulator }) => {
    await fillStorage(page.context());
    await page.goto(demo.dashboardUrl);
    await connectWithApiKey(page, emulator);

    await expect(device(page, 'Bedside lamp')).toBeVisible();
    await expect(storageNotice(page)).toHaveText(FULL);
    // The sign-in screen said it before anyone signed in.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign in with Athom' })).toBeVisible();
    await expect(storageNotice(page)).toHaveText(FULL);
  });

  test('a cloud sign-in says the storage is full, not that the network is down, and works until the page is closed', async ({ page, demo }) => {
    await fillStorage(page.context());
    await page.goto(demo.dashboardUrl);
    await signInThroughAthomWindow(page);

    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
    await expect(storageNotice(page)).toHaveText(FULL);
    await expect(page.getByText(/network connection/)).toHaveCount(0);
  });
});

test('a settings file too large for the browser’s storage is not imported, says so, and changes nothing', async ({ page, demo, emulator }) => {
  await setUpWall(page, emulator, { density: 'compact' });
  await page.goto(`${demo.dashboardUrl}?settings=1`);
  const before = await page.evaluate((key) => localStorage.getItem(key), SETTINGS_KEY);

  // Valid settings, about 6 MB: more than any browser keeps for one site (Chromium: 5 M characters).
  const devices = Array.from({ length: 200_000 }, (_, i) => `device-${String(i).padStart(20, '0')}`);
  const file = JSON.stringify({ kind: 'homey-wall-dashboard/settings', settings: { version: 1, density: 'comfortable', views: { hall: { devices } } } });
  expect(file.length).toBeGreaterThan(6_000_000);
  await page.getByLabel('Import settings…').setInputFiles({ name: 'homey-dashboard-settings.json', mimeType: 'application/json', buffer: Buffer.from(file) });

  await expect(page.getByRole('alert')).toHaveText(/Nothing was changed: .*storage for the dashboard is full/);
  await expect(page.getByRole('status').filter({ hasText: 'Settings imported.' })).toHaveCount(0);
  expect(await page.evaluate((key) => localStorage.getItem(key), SETTINGS_KEY)).toBe(before);
  await expect(page.locator('html')).toHaveAttribute('data-density', 'compact');
  await expect(page.getByLabel('Density')).toHaveValue('compact');
});
