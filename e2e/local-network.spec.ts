import { chromium } from '@playwright/test';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { startDemo } from '../scripts/start-demo.ts';
import type { Demo } from '../scripts/start-demo.ts';
import type { EmulatorControl } from './fixtures.ts';
import { DEMO_USER, SOLO_USER, device, expect, signInThroughAthom, signOut, test as base } from './fixtures.ts';

// Chromium's local network permission (docs/homey-web-api.md §5), on one machine: the browser is
// told that the dashboard's port, Athom's (emulated) cloud and its relay are on the public internet
// while the Homeys' local ports stay on loopback, as a wall served from the web sees a Homey on its
// LAN. Those flags are per browser, so this file launches its own; the demo's dashboard is plain
// http on 127.0.0.1, a secure context that the permission applies to as it does to an https site.

const DEVICES = 'GET /api/manager/devices/device';

/**
 * The Chromium flags that put the demo's ports in the address spaces a real wall would see; `local`
 * ports are moved from loopback to the LAN's space, and `names` resolve to loopback.
 */
function addressSpaceArgs(demo: Demo, { local = [], names = [] }: { local?: readonly string[]; names?: readonly string[] } = {}): string[] {
  const info = demo.emulator.info();
  const publicUrls = [demo.dashboardUrl, info.cloud.baseUrl, ...info.homeys.map((h) => h.remoteUrl)];
  const overrides = [
    ...new Set([...publicUrls.map((url) => `127.0.0.1:${new URL(url).port}=public`), ...local.map((url) => `127.0.0.1:${new URL(url).port}=local`)]),
  ].join(',');
  const rules = ['*.homey.homeylocal.com', ...names].map((name) => `MAP ${name} 127.0.0.1`).join(', ');
  return [`--ip-address-space-overrides=${overrides}`, `--host-resolver-rules=${rules}`];
}

const test = base.extend<{ context: BrowserContext; page: Page }, { lanBrowser: Browser }>({
  lanBrowser: [
    async ({ workerDemo }, use, workerInfo) => {
      const launch = workerInfo.project.use.launchOptions ?? {};
      const browser = await chromium.launch({ ...launch, headless: true, args: [...(launch.args ?? []), ...addressSpaceArgs(workerDemo)] });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  context: async ({ lanBrowser }, use) => {
    const context = await lanBrowser.newContext();
    await use(context);
    await context.close();
  },
  page: async ({ context }, use) => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    await use(page);
    expect(problems).toEqual([]);
  },
});

/** What a person does by answering "Block" on the prompt: Chromium's own setting, through DevTools. */
async function denyLocalNetwork(browser: Browser, page: Page, origin: string): Promise<void> {
  const target = await page.context().newCDPSession(page);
  const { targetInfo } = (await target.send('Target.getTargetInfo')) as { targetInfo: { browserContextId: string } };
  const cdp = await browser.newBrowserCDPSession();
  await cdp.send('Browser.setPermission', {
    permission: { name: 'local-network-access' },
    setting: 'denied',
    origin,
    browserContextId: targetInfo.browserContextId,
  });
}

async function devicesLoadedVia(emulator: EmulatorControl, homeyName: string, route: 'local' | 'remote'): Promise<number> {
  return (await emulator.statuses(DEVICES, `homey:${emulator.homey(homeyName).id}:${route}`))['200'] ?? 0;
}

const LAN_DENIED = /not been allowed to reach devices on your network/;

test.describe('a wall served from the internet, its Homey on the LAN', () => {
  test('the local network denied: the dashboard goes through Athom’s relay and says why', async ({ lanBrowser, page, demo, emulator }) => {
    await page.goto(demo.dashboardUrl);
    await denyLocalNetwork(lanBrowser, page, new URL(demo.dashboardUrl).origin);
    await signInThroughAthom(page, demo, SOLO_USER);

    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
    await expect(page.getByTestId('route')).toHaveText('via Athom cloud');
    await expect(page.getByRole('status').filter({ hasText: LAN_DENIED })).toContainText("goes through Athom's cloud");
    expect(await devicesLoadedVia(emulator, 'Holiday cabin', 'remote')).toBeGreaterThan(0);
    // Not one call to the LAN: they would all fail, and each would look like a dead Homey.
    expect(await emulator.count('GET /api/manager/system/ping', `homey:${emulator.homey('Holiday cabin').id}:local`)).toBe(0);
  });

  test('allowed while the wall runs: it moves to the local network within seconds', async ({ context, page, demo, emulator }) => {
    // Nobody answers the prompt (headless Chromium refuses at once): the relay it is.
    await signInThroughAthom(page, demo, SOLO_USER);
    const route = page.getByTestId('route');
    await expect(route).toHaveText('via Athom cloud');
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();

    const viaLocal = await devicesLoadedVia(emulator, 'Holiday cabin', 'local');
    await context.grantPermissions(['local-network-access'], { origin: new URL(demo.dashboardUrl).origin });
    // Well before the five-minute look at the LAN: the permission's change event starts it.
    await expect(route).toHaveText('via local network', { timeout: 5_000 });
    await expect.poll(() => devicesLoadedVia(emulator, 'Holiday cabin', 'local'), { timeout: 15_000 }).toBeGreaterThan(viaLocal);
  });

  test('while the browser would still ask, the picker’s checks leave the LAN alone: the tap on a Homey is its first call there', async ({ page, demo, emulator }) => {
    // Counted in the browser: a call it refuses for want of the permission never reaches the emulator.
    const localPorts = new Map(['Home', 'Holiday cabin'].map((name) => [new URL(emulator.homey(name).localUrl).port, name]));
    const asked: string[] = [];
    page.on('request', (request) => {
      const name = localPorts.get(new URL(request.url()).port);
      if (name) asked.push(name);
    });
    await signInThroughAthom(page, demo, DEMO_USER);
    await expect(page.getByRole('button', { name: 'Home online' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Holiday cabin online' })).toBeVisible();
    expect(asked).toEqual([]);

    await page.getByRole('button', { name: 'Home online' }).click();
    await expect(device(page, 'Bedside lamp')).toBeVisible();
    expect(asked.length).toBeGreaterThan(0);
    expect(new Set(asked)).toEqual(new Set(['Home']));
  });

  test('denied, and Athom’s relay down too: the screen names the permission, not an unreachable Homey', async ({ lanBrowser, page, demo, emulator }) => {
    await emulator.offline('Holiday cabin', 'remote');
    await page.goto(demo.dashboardUrl);
    await denyLocalNetwork(lanBrowser, page, new URL(demo.dashboardUrl).origin);
    await signInThroughAthom(page, demo, SOLO_USER);

    await expect(page.getByRole('heading', { level: 1, name: 'Holiday cabin cannot be reached from this browser' })).toBeVisible();
    await expect(page.locator('body')).toContainText(LAN_DENIED);
    await expect(page.locator('body')).toContainText('site settings');
    await expect(page.getByText(/unreachable|not reachable/i)).toHaveCount(0);
  });
});

test.describe('local mode from a dashboard served over https', () => {
  test('an IP typed in becomes the Homey’s secure local address; a plain http address is marked local; a denial is named', async ({ workerDemo }, testInfo) => {
    // The page may call the LAN name below, as a deployment's CSP_CONNECT_SRC would allow it.
    const secure = await startDemo({ port: 0, dashboardPort: 0, simulationIntervalMs: 0, https: true, localHttps: true, extraConnectSrc: ['http://homey.lan.test:*'] });
    const home = secure.emulator.info().homeys.find((h) => h.name === 'Home')!;
    const key = home.apiKeys.find((k) => k.scopes.includes('homey'))!.token;
    const launch = testInfo.project.use.launchOptions ?? {};
    const browser = await chromium.launch({
      ...launch,
      headless: true,
      // The Homey's port stands for a LAN address (192.168.x.y), not loopback, as on a real wall. The
      // emulator's certificate is its own, not Athom's: only this browser is told to accept it.
      args: [...(launch.args ?? []), ...addressSpaceArgs(secure, { local: [home.localUrl], names: ['homey.lan.test'] }), '--ignore-certificate-errors'],
    });
    const connect = async (page: Page, address: string) => {
      await page.goto(secure.dashboardUrl);
      await page.getByText('Use a local API key instead (Homey Pro 2023)').click();
      await page.getByLabel('Homey address').fill(address);
      await page.getByLabel('API key').fill(key);
      await page.getByRole('button', { name: 'Connect to this Homey' }).click();
    };
    const storedAddress = (page: Page) =>
      page.evaluate(() => (JSON.parse(localStorage.getItem('homey-dashboard:local-credentials') ?? '{}') as { baseUrl?: string }).baseUrl);
    try {
      expect(workerDemo.dashboardUrl).not.toBe(secure.dashboardUrl);
      expect(secure.dashboardUrl).toMatch(/^https:/);
      const context = await browser.newContext();
      await context.grantPermissions(['local-network-access'], { origin: new URL(secure.dashboardUrl).origin });
      const page = await context.newPage();

      await connect(page, `127.0.0.1:${new URL(home.localUrl).port}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
      await expect(device(page, 'Bedside lamp')).toBeVisible();
      expect(await storedAddress(page)).toBe(home.localUrlSecure);
      await signOut(page);

      // Mixed content, but Chromium lets a call marked `targetAddressSpace: 'local'` through.
      const lanAddress = `http://homey.lan.test:${new URL(home.localUrl).port}`;
      await connect(page, lanAddress);
      await expect(device(page, 'Bedside lamp')).toBeVisible();
      expect(await storedAddress(page)).toBe(lanAddress);
      await context.close();

      // Another wall, whose local network was denied: the screen says so instead of "not reachable".
      const denied = await (await browser.newContext()).newPage();
      await denied.goto(secure.dashboardUrl);
      await denyLocalNetwork(browser, denied, new URL(secure.dashboardUrl).origin);
      await connect(denied, `127.0.0.1:${new URL(home.localUrl).port}`);
      await expect(denied.getByRole('heading', { level: 1, name: `${new URL(home.localUrlSecure).host} cannot be reached from this browser` })).toBeVisible();
      await expect(denied.locator('body')).toContainText(LAN_DENIED);
      await denied.context().close();
    } finally {
      await browser.close();
      await secure.close();
    }
  });
});
