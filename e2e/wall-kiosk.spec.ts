import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { SOLO_USER, expect, failOnPageErrorsAndLeakyLogs, signInThroughAthom, test } from './fixtures.ts';
import { SETTINGS_KEY, byName, homeDevices, homeZones, openWall, setAddress, setCapability, setUpWall, tile } from './wall-kit.ts';

// The dashboard as an appliance (README "On the wall": kiosk mode, per-display views, settings,
// languages): a screen that stays on, dims at night, shifts against burn-in, hides its cursor and
// its settings, shows its own room, and carries its settings to the next wall without a secret.

failOnPageErrorsAndLeakyLogs();

/** Today at hh:mm in the browser's (and this process's) time zone. */
function todayAt(hours: number, minutes: number): Date {
  const date = new Date();
  date.setHours(hours, minutes, 0, 0);
  return date;
}

/** The page's clock: starts a little before `at`, the app loads, then time stands still at `at`. */
async function loadAt(page: Page, at: Date, open: () => Promise<void>): Promise<void> {
  await page.clock.install({ time: at.getTime() - 60_000 });
  await open();
  await page.clock.pauseAt(at);
}

const header = (page: Page) => page.locator('.home-header');
const veil = (page: Page) => page.getByRole('button', { name: 'Tap to wake' });

test.describe('the screen stays on', () => {
  // A fake Screen Wake Lock that records each request, and a document whose visibility the test
  // switches: hidden releases the lock, as browsers do.
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      const log = { requests: [] as number[], active: [] as (EventTarget & { released: boolean; release(): Promise<void> })[], shownAt: 0 };
      const makeSentinel = () => {
        const sentinel = Object.assign(new EventTarget(), {
          type: 'screen',
          released: false,
          async release() {
            if (sentinel.released) return;
            sentinel.released = true;
            log.active = log.active.filter((s) => s !== sentinel);
            sentinel.dispatchEvent(new Event('release'));
          },
        });
        return sentinel;
      };
      Object.defineProperty(navigator, 'wakeLock', {
        configurable: true,
        value: {
          async request(type: string) {
            if (type !== 'screen') throw new TypeError(type);
            if (document.visibilityState !== 'visible') throw new DOMException('hidden', 'NotAllowedError');
            log.requests.push(performance.now());
            const sentinel = makeSentinel();
            log.active.push(sentinel);
            return sentinel;
          },
        },
      });
      let visibility: DocumentVisibilityState = 'visible';
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => visibility !== 'visible' });
      Object.assign(window, {
        __wakeLock: {
          requests: () => log.requests.length,
          held: () => log.active.length,
          /** Milliseconds from the page becoming visible to the next request. */
          latency: () => (log.requests.at(-1) ?? Infinity) - log.shownAt,
          async setVisible(visible: boolean) {
            visibility = visible ? 'visible' : 'hidden';
            if (!visible) await Promise.all(log.active.map((s) => s.release()));
            else log.shownAt = performance.now();
            document.dispatchEvent(new Event('visibilitychange'));
          },
          /** The browser lets go on its own (battery saver) while the page stays visible. */
          async browserRelease() {
            await Promise.all(log.active.map((s) => s.release()));
          },
        },
      });
    });
  });

  type WakeLockProbe = { requests(): number; held(): number; latency(): number; setVisible(v: boolean): Promise<void>; browserRelease(): Promise<void> };
  const probe = <T,>(page: Page, fn: (w: WakeLockProbe) => T | Promise<T>) =>
    page.evaluate(`(${fn.toString()})(window.__wakeLock)`) as Promise<T>;

  test('a kiosk holds the wake lock, asks again within a second of every return to visible, and after the browser lets go', async ({ page, demo, emulator }) => {
    await setUpWall(page, emulator);
    await openWall(page, demo);
    // Without kiosk mode the screen may sleep as usual.
    await page.waitForTimeout(300);
    expect(await probe(page, (w) => w.requests())).toBe(0);

    await setAddress(page, '?kiosk=1');
    await expect.poll(() => probe(page, (w) => w.held())).toBe(1);
    const first = await probe(page, (w) => w.requests());

    for (let cycle = 1; cycle <= 3; cycle += 1) {
      await probe(page, (w) => w.setVisible(false));
      expect(await probe(page, (w) => w.held())).toBe(0);
      await probe(page, (w) => w.setVisible(true));
      await expect.poll(() => probe(page, (w) => w.requests()), { timeout: 1_000 }).toBe(first + cycle);
      expect(await probe(page, (w) => w.latency())).toBeLessThan(1_000);
      expect(await probe(page, (w) => w.held())).toBe(1);
    }

    await probe(page, (w) => w.browserRelease());
    await expect.poll(() => probe(page, (w) => w.requests()), { timeout: 1_000 }).toBe(first + 4);
    expect(await probe(page, (w) => w.held())).toBe(1);

    // Kiosk off again: the lock is let go.
    await setAddress(page, '');
    await expect.poll(() => probe(page, (w) => w.held())).toBe(0);
  });
});

test('at night the screen dims on schedule, a tap lights it for a while, morning lifts the veil, and "Dim now" dims at once', async ({ page, demo, emulator }) => {
  await setUpWall(page, emulator, { kiosk: { enabled: true, dimEnabled: true, dimFrom: '22:00', dimUntil: '07:00', dimLevel: 0.3 } });
  await loadAt(page, todayAt(21, 58), () => openWall(page, demo));
  await expect(veil(page)).toHaveCount(0);

  await page.clock.fastForward('03:00');
  await expect(veil(page)).toBeVisible();
  // 30 % of the light left: a black veil at 70 % over everything.
  await expect(veil(page)).toHaveCSS('opacity', '0.7');
  await expect(veil(page)).toHaveCSS('position', 'fixed');

  await veil(page).click();
  await expect(veil(page)).toHaveCount(0);
  await expect(page.locator('article.tile').first()).toBeVisible();
  // Two minutes after the last touch it is night again.
  await page.clock.fastForward('02:30');
  await expect(veil(page)).toBeVisible();

  await page.clock.fastForward('09:00:00');
  await expect(veil(page)).toHaveCount(0);

  // Real time again: the settings screen is loaded lazily, and React reveals it on a timer.
  await page.clock.resume();

  await header(page).getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Dim now' }).click();
  await expect(veil(page)).toBeVisible();
  await veil(page).click();
  await expect(veil(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

test('a kiosk on a browser without Screen Wake Lock still runs, shifts its layout against burn-in and hides an idle cursor', async ({ page, demo, emulator }) => {
  await page.addInitScript(() => {
    delete (Navigator.prototype as unknown as Record<string, unknown>).wakeLock;
  });
  await setUpWall(page, emulator, { kiosk: { hideCursorAfterSeconds: 30 } });
  // On a step boundary (nine 2-minute steps make a round), so the first offset is none.
  const round = 18 * 60_000;
  await loadAt(page, new Date(Math.ceil((Date.now() + 60_000) / round) * round), () => openWall(page, demo, '?kiosk=1'));
  expect(await page.evaluate(() => 'wakeLock' in navigator)).toBe(false);
  const shell = page.locator('.kiosk-shell[data-kiosk=on]');
  const firstTile = page.locator('article.tile').first();
  await expect(shell).toHaveCSS('transform', 'none');
  const before = (await firstTile.boundingBox())!;

  await page.mouse.move(200, 300);
  await page.clock.fastForward('00:29');
  await expect(shell).not.toHaveClass(/cursor-hidden/);
  await page.clock.fastForward('00:02');
  await expect(shell).toHaveClass(/cursor-hidden/);
  await expect(firstTile).toHaveCSS('cursor', 'none');
  await page.mouse.move(220, 320);
  await expect(shell).not.toHaveClass(/cursor-hidden/);

  // 2½ minutes in: the whole layout has moved 3 px to the right, and two minutes later down too.
  await page.clock.fastForward('01:59');
  await expect(shell).toHaveCSS('transform', 'matrix(1, 0, 0, 1, 3, 0)');
  const after = (await firstTile.boundingBox())!;
  expect(after.x - before.x).toBeCloseTo(3, 0);
  expect(after.y).toBeCloseTo(before.y, 0);
  // The shift never widens the page: a page wider than the screen cuts its edge and wobbles sideways.
  const widths = () => page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  const [shifted, screen] = await widths();
  expect(shifted).toBeLessThanOrEqual(screen!);
  await page.clock.fastForward('02:00');
  await expect(shell).toHaveCSS('transform', 'matrix(1, 0, 0, 1, 3, 3)');
  const [shiftedDown, screenDown] = await widths();
  expect(shiftedDown).toBeLessThanOrEqual(screenDown!);
});

test('a locked wall hides settings and sign-out; holding the clock for two seconds opens the settings, by pointer or by keyboard', async ({ page, demo, emulator }) => {
  const settingsHeading = page.getByRole('heading', { level: 1, name: 'Settings' });
  const hidden = async () => {
    await expect(header(page).getByRole('button', { name: 'Settings', exact: true })).toHaveCount(0);
    await expect(header(page).getByRole('button', { name: 'Sign out', exact: true })).toHaveCount(0);
    await expect(header(page).getByRole('button', { name: 'Change Homey' })).toHaveCount(0);
  };
  await setUpWall(page, emulator);
  await loadAt(page, new Date(Date.now() + 60_000), () => openWall(page, demo, '?locked=1'));
  await hidden();
  const clock = header(page).getByRole('button', { name: 'Hold for settings' });
  const box = (await clock.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);

  // A tap, or a press let go too soon, opens nothing.
  await page.mouse.down();
  await page.clock.runFor(1_500);
  await page.mouse.up();
  await page.clock.runFor(1_000);
  await expect(settingsHeading).toHaveCount(0);

  await page.mouse.down();
  await page.clock.runFor(2_000);
  await page.mouse.up();
  // Real time again: the settings screen is loaded lazily, and React reveals it on a timer.
  await page.clock.resume();
  await expect(settingsHeading).toBeVisible();

  // Locked by the setting too; then the address no longer needs to say so.
  await page.getByLabel('Locked: hide settings and sign-out').check();
  await page.getByRole('button', { name: 'Done' }).click();
  await setAddress(page, '');
  await expect(clock).toBeVisible();
  await hidden();

  // The keyboard way: Enter held on the clock.
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1_000));
  await clock.focus();
  await page.keyboard.down('Enter');
  await page.clock.runFor(2_000);
  await page.keyboard.up('Enter');
  await page.clock.resume();
  await expect(settingsHeading).toBeVisible();
});

test('?view=kitchen shows the chosen devices in their order, then the chosen zone, in the view’s theme; an unknown view says so and shows everything', async ({ page, demo, emulator }) => {
  const devices = await homeDevices(emulator);
  const zones = await homeZones(emulator);
  const kitchen = byName(zones, 'Kitchen');
  const office = byName(devices, 'Office sensor');
  const bedside = byName(devices, 'Bedside lamp');
  const inKitchen = devices.filter((d) => d.zone === kitchen.id).map((d) => d.id);
  expect(inKitchen.length).toBeGreaterThan(1);
  await setUpWall(page, emulator, { views: { kitchen: { zones: [kitchen.id], devices: [office.id, bedside.id], theme: 'dark' } } });
  await openWall(page, demo, '?view=kitchen');

  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('main h2')).toHaveText(['kitchen', 'Kitchen']);
  const shown = await page.locator('article.tile').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-device-id')));
  expect(shown.slice(0, 2)).toEqual([office.id, bedside.id]);
  expect(shown.slice(2).sort()).toEqual([...inKitchen].sort());
  // A view shows what it names: no favourite flows, no other zones.
  await expect(page.locator('.flows')).toHaveCount(0);

  await setAddress(page, '');
  await expect(page.locator('.flows')).toBeVisible();
  // Everything: each device once (a favourite first, not again in its zone).
  const everything = await page.locator('article.tile').count();
  expect(everything).toBe(devices.length);
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'dark');

  await setAddress(page, '?view=attic');
  await expect(page.getByRole('status').filter({ hasText: 'There is no view called "attic"' })).toBeVisible();
  await expect(page.locator('article.tile')).toHaveCount(everything);
});

test('settings travel as a file: export → import brings them back, the file holds no token, and a bad file changes nothing', async ({ page, demo }) => {
  await signInThroughAthom(page, demo, SOLO_USER);
  await expect(page.locator('article.tile').first()).toBeVisible();
  await header(page).getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByLabel('Density').selectOption('compact');
  await expect(page.locator('html')).toHaveAttribute('data-density', 'compact');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export settings' }).click()]);
  expect(download.suggestedFilename()).toBe('homey-dashboard-settings.json');
  const file = await readFile((await download.path())!, 'utf8');
  expect(JSON.parse(file)).toMatchObject({ kind: 'homey-wall-dashboard/settings', settings: { density: 'compact' } });

  // Every secret this browser holds (Athom's tokens, the Homey's session, any key): none is in the file.
  const secrets = await page.evaluate((settingsKey) => {
    const strings: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    const keys = Object.keys(localStorage).filter((key) => key.startsWith('homey-dashboard:') && key !== settingsKey);
    for (const key of keys) {
      const raw = localStorage.getItem(key) ?? '';
      try {
        collect(JSON.parse(raw));
      } catch {
        strings.push(raw);
      }
    }
    return { keys, values: strings.filter((s) => s.length >= 16) };
  }, SETTINGS_KEY);
  expect(secrets.keys.some((key) => key.startsWith('homey-dashboard:oidc.user:'))).toBe(true);
  expect(secrets.values.length).toBeGreaterThan(2);
  for (const secret of secrets.values) expect(file).not.toContain(secret);
  expect(file).not.toMatch(/token|secret|password|apiKey|eyJ[\w-]{10,}|\b[0-9a-f]{40}\b/i);

  await page.getByLabel('Density').selectOption('comfortable');
  await page.getByLabel('Theme', { exact: true }).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-density', 'comfortable');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await page.getByLabel('Import settings…').setInputFiles({ name: 'homey-dashboard-settings.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect(page.getByRole('status').filter({ hasText: 'Settings imported.' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-density', 'compact');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);
  await expect(page.getByLabel('Density')).toHaveValue('compact');

  // A file that is not JSON, not ours, or ours with wrong values: refused, with the reason, and nothing changes.
  const before = await page.evaluate((key) => localStorage.getItem(key), SETTINGS_KEY);
  const cases = [
    { name: 'not-json.json', text: '{"kind": "homey-wall-dashboard/settings", "settings": ', message: /Nothing was changed: This file is not JSON/ },
    { name: 'other.json', text: '{"theme": "dark"}', message: /Nothing was changed: This is not a settings file/ },
    {
      name: 'wrong.json',
      text: JSON.stringify({ kind: 'homey-wall-dashboard/settings', settings: { version: 1, theme: 'neon', density: 'comfortable', kiosk: { dimFrom: '25:00' } } }),
      message: /Nothing was changed:.*theme.*kiosk\.dimFrom/,
    },
  ];
  for (const { name, text, message } of cases) {
    await page.getByLabel('Import settings…').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect(page.getByRole('alert')).toHaveText(message);
    expect(await page.evaluate((key) => localStorage.getItem(key), SETTINGS_KEY)).toBe(before);
    await expect(page.locator('html')).toHaveAttribute('data-density', 'compact');
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);
  }
});

test('switching the language to Dutch and German changes the words and the numbers', async ({ page, demo, emulator }) => {
  const office = byName(await homeDevices(emulator), 'Office sensor');
  await setCapability(emulator, office.id, 'measure_temperature', 21.1);
  await setUpWall(page, emulator);
  await openWall(page, demo);
  const officeValue = tile(page, office.id).locator('.capability.is-lead .value');
  await expect(officeValue).toHaveText('21.1');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  const steps = [
    { language: 'nl', settings: 'Instellingen', signOut: 'Uitloggen', done: 'Klaar', languageLabel: 'Taal', onOff: /^(Aan|Uit)$/ },
    { language: 'de', settings: 'Einstellungen', signOut: 'Abmelden', done: 'Fertig', languageLabel: 'Sprache', onOff: /^(Ein|Aus)$/ },
  ];
  let openSettings = 'Settings';
  let languageLabel = 'Language';
  for (const step of steps) {
    await header(page).getByRole('button', { name: openSettings }).click();
    await page.getByLabel(languageLabel).selectOption(step.language);
    await page.getByRole('button', { name: step.done }).click();
    await expect(header(page).getByRole('button', { name: step.settings })).toBeVisible();
    await expect(header(page).getByRole('button', { name: step.signOut })).toBeVisible();
    await expect(officeValue).toHaveText('21,1');
    await expect(page.locator('.tiles').getByRole('switch').first()).toHaveText(step.onOff);
    await expect(page.locator('html')).toHaveAttribute('lang', step.language);
    openSettings = step.settings;
    languageLabel = step.languageLabel;
  }
});

test('Settings takes the focus when it opens, Escape closes it as Done does, and the focus returns to the Settings button', async ({ page, demo, emulator }) => {
  await setUpWall(page, emulator);
  await openWall(page, demo);
  const settingsButton = header(page).getByRole('button', { name: 'Settings', exact: true });
  await settingsButton.click();
  const heading = page.getByRole('heading', { level: 1, name: 'Settings' });
  await expect(heading).toBeFocused();
  await page.getByLabel('Density').selectOption('compact');

  await page.keyboard.press('Escape');
  await expect(heading).toHaveCount(0);
  await expect(settingsButton).toBeFocused();
  await expect(page.locator('html')).toHaveAttribute('data-density', 'compact');

  await settingsButton.press('Enter');
  await expect(heading).toBeFocused();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(settingsButton).toBeFocused();
});

test('on a kiosk, Sign out asks first: the focus is on Cancel, Escape and Cancel keep the wall signed in, Yes signs out', async ({ page, demo, emulator }) => {
  await setUpWall(page, emulator);
  await openWall(page, demo, '?kiosk=1');
  const signOutButton = header(page).getByRole('button', { name: 'Sign out', exact: true });
  const confirm = page.getByRole('alertdialog', { name: 'Sign out of this screen?' });

  await signOutButton.click();
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(signOutButton).toBeFocused();
  await expect(page.locator('article.tile').first()).toBeVisible();

  await signOutButton.click();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.locator('article.tile').first()).toBeVisible();

  await signOutButton.click();
  await confirm.getByRole('button', { name: 'Yes, sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in with Athom' })).toBeVisible();
});
