import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { EmulatorControl, expect, test } from './fixtures.ts';
import type { BuiltApp } from './security-kit.ts';
import { startBuiltApp } from './security-kit.ts';
import { openWall, setUpWall } from './wall-kit.ts';

// The screen is never white (README "When things go wrong"): whatever the address names, the page
// says something a person can act on; a browser that cannot run the build, or an entry file that
// never arrives, still gets index.html's own words; and a page of another site that frames the
// dashboard gets a refusal and not one request to the Homey.

/** Names that every plain JavaScript object answers to without having them. */
const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];

/** Collects the page's uncaught errors (how a white page starts), for the test to assert. */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** `#root` shows words a person can read. */
async function expectReadableRoot(page: Page): Promise<void> {
  await expect(page.locator('#root')).toBeVisible();
  expect((await page.locator('#root').innerText()).trim()).not.toBe('');
}

test.describe('names in the address', () => {
  test('a view named after something every object has shows "no such view" and every device, not a white page', async ({ page, demo, emulator }) => {
    const errors = pageErrors(page);
    await setUpWall(page, emulator, { views: { kitchen: { devices: [], zones: [] } } });
    for (const name of PROTOTYPE_NAMES) {
      await page.goto(`${demo.dashboardUrl}?view=${encodeURIComponent(name)}`);
      await expect(page.getByRole('status').filter({ hasText: `There is no view called "${name}"` })).toBeVisible();
      await expect(page.locator('article.tile').first()).toBeVisible();
      await expectReadableRoot(page);
    }
    expect(errors).toEqual([]);
  });

  test('a device address naming something every object has, or nothing like a device, says the device is not there', async ({ page, demo, emulator }) => {
    const errors = pageErrors(page);
    await setUpWall(page, emulator);
    for (const id of [...PROTOTYPE_NAMES, '../../api/manager/devices', '<img src=x>', 'x'.repeat(5000)]) {
      await page.goto(`${demo.dashboardUrl}?device=${encodeURIComponent(id)}`);
      await expect(page.getByRole('status').filter({ hasText: 'This device is not on this Homey (any more).' })).toBeVisible();
      await expect(page.getByRole('button', { name: '← All devices' })).toBeVisible();
      await expectReadableRoot(page);
    }
    expect(errors).toEqual([]);
  });
});

test.describe('the built app', () => {
  let app: BuiltApp;
  let emulator: EmulatorControl;
  let entry: string;
  test.beforeAll(async () => {
    app = await startBuiltApp();
    emulator = new EmulatorControl(app);
    const src = /<script type="module"[^>]*\ssrc="([^"]+)"/.exec(app.indexHtml)?.[1];
    if (!src) throw new Error('the built index.html loads no module script');
    entry = new URL(src, app.dashboardUrl).href;
  });
  test.afterAll(async () => {
    await app?.close();
  });

  /** Records whether index.html's own fallback ever became visible (its reveal animation started). */
  async function watchFallback(page: Page): Promise<() => Promise<boolean>> {
    await page.addInitScript(() => {
      const w = window as unknown as { __fallbackShown: boolean };
      w.__fallbackShown = false;
      document.addEventListener('animationstart', (event) => {
        if (event.animationName === 'start-fallback-reveal') w.__fallbackShown = true;
      });
    });
    return () => page.evaluate(() => (window as unknown as { __fallbackShown: boolean }).__fallbackShown);
  }

  const FALLBACK_TITLE = 'The dashboard did not start';
  const TOO_OLD = 'This browser is too old for the dashboard (needs Safari 14.1, Chrome 85, Firefox 78 or newer)';

  test('an entry file that never arrives leaves index.html saying the dashboard did not start, and why it may be', async ({ page }) => {
    const shown = await watchFallback(page);
    await page.route(entry, (route) => route.abort('connectionreset'));
    await page.goto(app.dashboardUrl);
    await expect(page.getByRole('heading', { level: 1, name: FALLBACK_TITLE })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText(TOO_OLD)).toBeVisible();
    await expect(page.getByText(/Reload the page/).first()).toBeVisible();
    expect(await shown()).toBe(true);
  });

  test('a browser that cannot parse the build (too old for `??` and `?.`) gets the same words', async ({ page }) => {
    // Reduced motion switches the app's animations off; the fallback's reveal is none of them.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const shown = await watchFallback(page);
    // What an iOS 13 Safari meets in the entry file: syntax it does not know, so nothing of it runs.
    await page.route(entry, (route) => route.fulfill({ contentType: 'text/javascript', body: 'const start = window.app ?? ;\n' }));
    await page.goto(app.dashboardUrl);
    await expect(page.getByRole('heading', { level: 1, name: FALLBACK_TITLE })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText(TOO_OLD)).toBeVisible();
    expect(await shown()).toBe(true);
  });

  test('a normal start never shows the fallback, not even for a moment', async ({ page }) => {
    const errors = pageErrors(page);
    const shown = await watchFallback(page);
    await emulator.call('POST', '/__emulator/reset');
    await setUpWall(page, emulator);
    await openWall(page, app);
    // Past the moment the fallback would have been revealed.
    await page.waitForTimeout(7_000);
    expect(await shown()).toBe(false);
    await expect(page.getByText(FALLBACK_TITLE)).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test.describe('framed', () => {
    let framer: Server;
    let framerUrl: string;
    test.beforeAll(async () => {
      // Another site on another loopback origin (another port), framing the dashboard.
      framer = createServer((_request, response) => {
        response.setHeader('Content-Type', 'text/html; charset=utf-8');
        response.end(`<!doctype html><title>Another site</title><h1>Win a prize</h1><iframe src="${app.dashboardUrl}" width="1000" height="700" title="dashboard"></iframe>`);
      });
      await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
      framerUrl = `http://127.0.0.1:${(framer.address() as AddressInfo).port}/`;
    });
    test.afterAll(async () => {
      await new Promise((resolve) => framer?.close(resolve));
    });

    test('a page of another origin that frames the dashboard gets a refusal, reads no storage and sends the Homey not one request', async ({ page }) => {
      const errors = pageErrors(page);
      await emulator.call('POST', '/__emulator/reset');
      // The frame holds a Homey key (the init script runs in every frame), so a dashboard that ran
      // would be signed in and reading the Homey.
      await setUpWall(page, emulator);
      // Counts what the dashboard itself reads or writes in storage (set up after the key is in place).
      await page.addInitScript(() => {
        const w = window as unknown as { __storageCalls: number };
        w.__storageCalls = 0;
        for (const name of ['getItem', 'setItem', 'removeItem', 'key', 'clear'] as const) {
          const original = Storage.prototype[name] as (...args: unknown[]) => unknown;
          Storage.prototype[name] = function (this: Storage, ...args: unknown[]) {
            w.__storageCalls += 1;
            return original.apply(this, args);
          } as never;
        }
      });
      await emulator.resetStats();
      await page.goto(framerUrl);
      const frame = page.frameLocator('iframe');
      await expect(frame.getByRole('heading', { level: 1, name: 'The dashboard does not run inside another page' })).toBeVisible();
      await expect(frame.getByRole('button', { name: 'Open the dashboard' })).toBeVisible();
      await page.waitForTimeout(2_000);
      await expect(frame.locator('article.tile')).toHaveCount(0);
      expect(await emulator.appRequests()).toBe(0);
      const dashboard = page.frames().find((f) => f.url().startsWith(app.dashboardUrl))!;
      expect(await dashboard.evaluate(() => (window as unknown as { __storageCalls: number }).__storageCalls)).toBe(0);
      expect(errors).toEqual([]);
    });

    test('a page of its own origin may frame it (it could read the stored sign-in anyway)', async ({ page }) => {
      await emulator.call('POST', '/__emulator/reset');
      await writeFile(join(app.outDir, 'framed.html'), '<!doctype html><title>Own page</title><iframe src="/" width="1000" height="700" title="dashboard"></iframe>');
      await setUpWall(page, emulator);
      await page.goto(new URL('/framed.html', app.dashboardUrl).href);
      await expect(page.frameLocator('iframe').locator('article.tile').first()).toBeVisible();
    });
  });
});
