import type { Page } from '@playwright/test';
import type { Demo } from '../scripts/start-demo.ts';
import type { EmulatorControl } from './fixtures.ts';
import {
  SOLO_USER,
  connectionWarning,
  device,
  expect,
  failOnPageErrorsAndLeakyLogs,
  passTime,
  pollingOnly,
  signInPrompt,
  signInThroughAthom,
  storedKeys,
  test,
  watchScreen,
} from './fixtures.ts';

// A wall dashboard signs in once and runs for months (README "Signing in").
// Time is simulated on both sides: `page.clock` in the browser, the emulator's clock on the server,
// moved together by `passTime`, so an access token that "expired an hour ago" is one call away.

const TOKEN = 'POST /oauth2/token';
const DEVICES = 'GET /api/manager/devices/device';
const LOGIN = 'POST /api/manager/users/login';
const DELEGATION = 'POST /delegation/token';
const POLL_MS = 5000; // pollIntervals.devicesMs in the demo config
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

failOnPageErrorsAndLeakyLogs();

/** Successful device loads, as the emulator counted them. */
async function devicesLoaded(emulator: EmulatorControl): Promise<number> {
  return (await emulator.statuses(DEVICES, 'homey:'))['200'] ?? 0;
}

/** Waits until the dashboard has loaded devices again since `before`, and nothing is left in flight. */
async function expectFreshDevices(page: Page, emulator: EmulatorControl, before: number): Promise<number> {
  await expect.poll(() => devicesLoaded(emulator), { timeout: 15_000 }).toBeGreaterThan(before);
  await expect.poll(() => emulator.inFlight()).toBe(0);
  await expect(device(page, 'Lamp bij de bank')).toBeVisible();
  return devicesLoaded(emulator);
}

/**
 * A value changed on the Homey reaches every tab, by the socket (live) or the next poll: the data still
 * flows, whichever way the wall hears of it.
 */
async function expectNewValueOnScreen(tabs: readonly [Page, ...Page[]], emulator: EmulatorControl, value: number): Promise<void> {
  const id = await tabs[0].locator('article.tile', { hasText: '°C' }).first().getAttribute('data-device-id');
  if (!id) throw new Error('no thermometer on screen');
  await emulator.call('PUT', `/__emulator/homeys/${emulator.homey('Holiday cabin').id}/devices/${id}/capabilities/measure_temperature`, { value });
  for (const tab of tabs) await expect(tab.locator(`article.tile[data-device-id="${id}"]`).first()).toContainText(String(value), { timeout: POLL_MS + 5000 });
}

/**
 * A signed-in wall whose access tokens live 5 minutes (the Homey session its usual day; the account's
 * Homeys are read every half hour, which needs a fresh access token), and whose next refresh Athom
 * carries out but whose answer is lost.
 */
async function wallThatLosesItsNextRefreshAnswer(page: Page, demo: Demo, emulator: EmulatorControl) {
  await emulator.setLifetimes({ accessTokenSeconds: 5 * 60 });
  const screen = await watchScreen(page);
  await page.clock.install();
  await signInThroughAthom(page, demo, SOLO_USER);
  await expectFreshDevices(page, emulator, 0);
  await emulator.call('POST', '/__emulator/faults', { target: 'cloud', path: '/oauth2/token', kind: 'lose-answer', count: 1 });
  return { screen };
}

test.describe('a kiosk stays signed in', () => {
  test('thirty days with short-lived tokens: no prompt, no failed load, every refresh with the newest refresh token', async ({
    page,
    demo,
    emulator,
  }) => {
    test.setTimeout(120_000);
    // Access tokens live 5 minutes and Homey sessions an hour, so every step below outlives both.
    await emulator.setLifetimes({ accessTokenSeconds: 5 * 60, homeySessionSeconds: 60 * 60 });
    const screen = await watchScreen(page);
    await page.clock.install();
    await signInThroughAthom(page, demo, SOLO_USER);
    let loaded = await expectFreshDevices(page, emulator, 0);
    expect(screen.signInPrompts()).toBe(1); // the one a person pressed to sign in

    const STEP = 12 * HOUR;
    const steps = (30 * 24 * HOUR) / STEP;
    for (let step = 1; step <= steps; step += 1) {
      await passTime(page, emulator, STEP);
      loaded = await expectFreshDevices(page, emulator, loaded);
      await expect(signInPrompt(page)).toHaveCount(0);
    }

    expect(screen.signInPrompts()).toBe(1);
    expect(screen.connectionWarnings()).toBe(0);
    // A rotated refresh token sent twice is refused (400 invalid_grant) and would have signed the
    // kiosk out: all 200 means every refresh used the newest one. One exchange, then one per step.
    const tokenStatuses = await emulator.statuses(TOKEN, 'cloud');
    expect(Object.keys(tokenStatuses)).toEqual(['200']);
    expect(tokenStatuses['200']).toBeGreaterThanOrEqual(steps + 1);
    expect(tokenStatuses['200']).toBeLessThanOrEqual(2 * steps + 1);
    // Every step outlived the Homey session: one delegation and one login renewed it, and the only
    // refusals a device load ever met were the hour-old session's 401 (at most two in flight).
    const logins = (await emulator.statuses(LOGIN, 'homey:'))['200'] ?? 0;
    expect(logins).toBeGreaterThanOrEqual(steps);
    expect(logins).toBeLessThanOrEqual(steps + 1);
    // A delegation can meet one 401 in a step: the emulator's clock has jumped a step ahead while the
    // page's still thinks its token is young (the split clock of passTime); it is renewed and retried.
    const delegations = await emulator.statuses(DELEGATION, 'cloud');
    expect(delegations['200']).toBe(logins);
    expect(Object.keys(delegations).filter((status) => status !== '200' && status !== '401')).toEqual([]);
    expect(delegations['401'] ?? 0).toBeLessThanOrEqual(2);
    const deviceStatuses = await emulator.statuses(DEVICES, 'homey:');
    expect(Object.keys(deviceStatuses).filter((status) => status !== '200' && status !== '401')).toEqual([]);
    expect(deviceStatuses['401'] ?? 0).toBeLessThanOrEqual(2 * steps);
  });

  test('two tabs of one browser with 20-second tokens and 30-second sessions renew without signing each other out', async ({ page, demo, emulator }) => {
    // Real time, real Web Locks and real localStorage sync between tabs: the case a fake clock hides.
    test.setTimeout(180_000);
    // Every new session needs a delegation, and the token has run out by then: a refresh per session.
    await emulator.setLifetimes({ accessTokenSeconds: 20, homeySessionSeconds: 30 });
    await signInThroughAthom(page, demo, SOLO_USER);
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
    const second = await page.context().newPage();
    await second.goto(demo.dashboardUrl);
    await expect(device(second, 'Lamp bij de bank')).toBeVisible();
    await emulator.resetStats();

    const RUN_MS = 100_000;
    const started = Date.now();
    while (Date.now() - started < RUN_MS) {
      await page.waitForTimeout(5000);
      for (const tab of [page, second]) await expect(signInPrompt(tab)).toHaveCount(0);
    }
    await expectNewValueOnScreen([page, second], emulator, 27.3);

    // Never the same refresh token twice (that is a 400 and a signed-out wall), and a refresh only
    // when a new session needs one: 100 s of 30 s sessions is about three, for both tabs.
    const tokens = await emulator.statuses(TOKEN, 'cloud');
    expect(Object.keys(tokens)).toEqual(['200']);
    expect(tokens['200']).toBeGreaterThanOrEqual(2);
    expect(tokens['200']).toBeLessThanOrEqual(6);
    expect(Object.keys(await emulator.statuses(DELEGATION, 'cloud')).filter((status) => status !== '200')).toEqual([]);
    await second.close();
  });

  test('a Homey that refuses this account is asked again every few minutes, not at every poll, and the banner says so', async ({ page, demo, emulator }) => {
    await page.clock.install();
    await signInThroughAthom(page, demo, SOLO_USER);
    await expectFreshDevices(page, emulator, 0);
    // The owner withdrew this account's access: every login is refused from now on.
    await emulator.call('POST', '/__emulator/faults', { path: '/api/manager/users/login', kind: 'status', status: 401 });
    await emulator.revoke('session');
    await emulator.resetStats();

    for (let step = 0; step < 36; step++) await passTime(page, emulator, POLL_MS);

    await expect(page.getByRole('status').filter({ hasText: 'refuses this account' })).toBeVisible();
    await expect(page.getByText(/unreachable since/)).toHaveCount(0);
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
    // Three minutes: logins at about 0, 30 and 90 s (the wait doubles), not 48 of each.
    const logins = await emulator.count(LOGIN, 'homey:');
    expect(logins).toBeGreaterThanOrEqual(2);
    expect(logins).toBeLessThanOrEqual(4);
    expect(await emulator.count(DELEGATION, 'cloud')).toBe(logins);
    expect(await emulator.count(DEVICES, 'homey:')).toBeLessThanOrEqual(2);
    await expect(signInPrompt(page)).toHaveCount(0);
  });

  test('a cloud that answers 500 to every refresh is named as the cloud, and the renewals of every query collapse into a few', async ({ page, demo, emulator }) => {
    await page.clock.install();
    await signInThroughAthom(page, demo, SOLO_USER);
    await expectFreshDevices(page, emulator, 0);
    await emulator.call('POST', '/__emulator/faults', { target: 'cloud', path: '/oauth2/token', kind: 'status', status: 500 });
    // The session and the access token both end: a new session needs a delegation, which needs a refresh.
    await emulator.expire('access');
    await emulator.revoke('session');
    await emulator.resetStats();

    for (let step = 0; step < 36; step++) await passTime(page, emulator, POLL_MS);

    await expect(page.getByRole('status').filter({ hasText: /Athom.s cloud has not answered/ })).toBeVisible();
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
    await expect(signInPrompt(page)).toHaveCount(0);
    // Three minutes of failing refreshes: back-off 1 s, 2 s, 4 s … (about 8 tries), not one per query's retry.
    const tokens = await emulator.count(TOKEN, 'cloud');
    expect(tokens).toBeGreaterThanOrEqual(3);
    expect(tokens).toBeLessThanOrEqual(12);

    await emulator.call('DELETE', '/__emulator/faults');
    const loaded = await devicesLoaded(emulator);
    for (let step = 0; step < 30 && (await devicesLoaded(emulator)) === loaded; step++) await passTime(page, emulator, 10_000);
    await expectFreshDevices(page, emulator, loaded);
    await expect(page.getByRole('status').filter({ hasText: /cloud has not answered/ })).toHaveCount(0);
  });

  test('a Homey session revoked mid-run is replaced silently: one delegation, one login, data continues', async ({ page, demo, emulator }) => {
    const screen = await watchScreen(page);
    await page.clock.install();
    await signInThroughAthom(page, demo, SOLO_USER);
    await expectFreshDevices(page, emulator, 0);
    await emulator.resetStats();

    await emulator.revoke('session');
    await page.clock.fastForward(POLL_MS);
    await expectFreshDevices(page, emulator, 0);

    expect(await emulator.statuses(DELEGATION, 'cloud')).toEqual({ 200: 1 });
    expect(await emulator.statuses(LOGIN, 'homey:')).toEqual({ 200: 1 });
    expect(await emulator.count(TOKEN)).toBe(0);
    expect(screen.signInPrompts()).toBe(1);
    expect(screen.connectionWarnings()).toBe(0);
    // Twenty concurrent 401s costing one renewal is proven against the emulator in
    // src/features/homey/homey-client.test.ts ("renews an expired session once for twenty requests").
  });

  test('a revoked refresh token asks for a new sign-in once, when the Homey session it runs on ends: wipes storage and stops polling', async ({ page, demo, emulator }) => {
    // The session ends before the account's half-hourly read needs Athom: the renewal it needs is the first.
    await emulator.setLifetimes({ accessTokenSeconds: 10 * 60, homeySessionSeconds: 20 * 60 });
    const screen = await watchScreen(page);
    await page.clock.install();
    await signInThroughAthom(page, demo, SOLO_USER);
    await expectFreshDevices(page, emulator, 0);

    // Athom forgets the refresh token (a password change, a revoked app), and the access token and
    // then the Homey session run out.
    await emulator.revoke('refresh');
    await passTime(page, emulator, 10 * MINUTE);
    await passTime(page, emulator, 10 * MINUTE);

    await expect(page.getByRole('heading', { level: 1, name: 'Sign in again' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in again' })).toBeVisible();
    // The stored copy's last write may still be on its 1 s throttle (the page's clock is held here).
    await page.clock.runFor(2000);
    await expect.poll(() => storedKeys(page)).toEqual([]);

    // Three poll intervals later: not one more request to the Homey or to Athom.
    await expect.poll(() => emulator.inFlight()).toBe(0);
    const before = await emulator.appRequests();
    await page.clock.runFor(3 * POLL_MS);
    await passTime(page, emulator, HOUR);
    expect(await emulator.appRequests()).toBe(before);
    // One exchange, then one refused refresh: no loop.
    expect(await emulator.statuses(TOKEN, 'cloud')).toEqual({ 200: 1, 400: 1 });
    expect(screen.signInPrompts()).toBe(2);
  });

  test('the Athom token is refreshed only when something needs it: 25 minutes of 5-minute tokens cost no refresh, a new Homey session one', async ({ page, demo, emulator }) => {
    // Polling, so every step's device read shows the wall asked the Homey and not Athom.
    await pollingOnly(page);
    await emulator.setLifetimes({ accessTokenSeconds: 5 * 60 });
    const screen = await watchScreen(page);
    await page.clock.install();
    await signInThroughAthom(page, demo, SOLO_USER);
    let loaded = await expectFreshDevices(page, emulator, 0);
    await emulator.resetStats();

    // The Homey session holds and the account's Homeys are not due (every 30 min): nothing needs Athom.
    for (let step = 0; step < 5; step++) {
      await passTime(page, emulator, 5 * MINUTE);
      loaded = await expectFreshDevices(page, emulator, loaded);
    }
    expect(await emulator.count(TOKEN, 'cloud')).toBe(0);

    // The session ends: its delegation needs a token, and the expired one is refreshed for it, once.
    await emulator.revoke('session');
    await passTime(page, emulator, POLL_MS);
    await expectFreshDevices(page, emulator, loaded);
    expect(await emulator.statuses(TOKEN, 'cloud')).toEqual({ 200: 1 });
    expect(await emulator.statuses(DELEGATION, 'cloud')).toEqual({ 200: 1 });
    expect(screen.signInPrompts()).toBe(1);
  });

  test('a refresh whose answer was lost under strict rotation keeps the wall on its Homey session, asks once calmly with the hours left, and signs in again only when the session ends', async ({ page, demo, emulator }) => {
    // Under strict rotation the refresh token spent on the lost answer is refused from then on.
    const { screen } = await wallThatLosesItsNextRefreshAnswer(page, demo, emulator);
    let loaded = await devicesLoaded(emulator);

    const notice = page.getByRole('status').filter({ hasText: 'Please sign in again' });
    for (let step = 0; step < 40 && (await notice.count()) === 0; step++) await passTime(page, emulator, step < 7 ? 5 * MINUTE : 1000);
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(/About 2[34] hours left/);
    await expect(notice.getByRole('button', { name: 'Sign in again' })).toBeVisible();

    // Nothing was wiped and the Homey is still read on its session, for hours.
    expect((await storedKeys(page)).some((key) => key.includes('oidc.user:'))).toBe(true);
    for (let hours = 0; hours < 3; hours++) {
      await passTime(page, emulator, HOUR);
      loaded = await expectFreshDevices(page, emulator, loaded);
    }
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in again' })).toHaveCount(0);
    // One exchange, the lost refresh, one refused retry of its spent token, and no refused refresh sent again.
    expect(await emulator.statuses(TOKEN, 'cloud')).toEqual({ 0: 1, 200: 1, 400: 1 });
    expect(screen.signInPrompts()).toBe(2);

    // The Homey ends its session: now only a person can help, and the sign-in screen says so.
    await passTime(page, emulator, 24 * HOUR);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in again' })).toBeVisible();
    expect(await storedKeys(page)).toEqual([]);
  });

  test('under a grace period a lost refresh answer recovers by itself, without a prompt', async ({ page, demo, emulator }) => {
    await emulator.call('PUT', '/__emulator/refresh-token-policy', { policy: 'grace' });
    const { screen } = await wallThatLosesItsNextRefreshAnswer(page, demo, emulator);
    let loaded = await devicesLoaded(emulator);

    // Up to the half-hour read of the account, then in seconds, so the retry comes within Athom's grace.
    for (let step = 0; step < 7; step++) await passTime(page, emulator, 5 * MINUTE);
    for (let step = 0; step < 20 && ((await emulator.statuses(TOKEN, 'cloud'))['0'] ?? 0) + 1 >= Object.values(await emulator.statuses(TOKEN, 'cloud')).reduce((a, b) => a + b, 0); step++) {
      await passTime(page, emulator, 1000);
    }
    for (let step = 0; step < 5; step++) await passTime(page, emulator, 1000);
    loaded = await expectFreshDevices(page, emulator, loaded);
    await passTime(page, emulator, HOUR);
    await expectFreshDevices(page, emulator, loaded);

    const tokens = await emulator.statuses(TOKEN, 'cloud');
    expect(tokens['0']).toBe(1);
    expect(tokens['400'] ?? 0).toBe(0);
    expect(tokens['200']).toBeGreaterThanOrEqual(2);
    await expect(page.getByRole('status').filter({ hasText: 'Please sign in again' })).toHaveCount(0);
    expect(screen.signInPrompts()).toBe(1);
  });

  test('offline for two hours across every expiry, then back: data within 30 seconds and no prompt', async ({ page, demo, emulator, context }) => {
    await emulator.setLifetimes({ accessTokenSeconds: 30 * 60, homeySessionSeconds: 60 * 60 });
    const screen = await watchScreen(page);
    await page.clock.install();
    await signInThroughAthom(page, demo, SOLO_USER);
    const loaded = await expectFreshDevices(page, emulator, 0);

    await context.setOffline(true);
    // A poll that left just before the network went is still counted; count from after it.
    await expect.poll(() => emulator.inFlight()).toBe(0);
    const requestsBefore = await emulator.appRequests();
    for (let minutes = 0; minutes < 120; minutes += 10) await passTime(page, emulator, 10 * MINUTE);
    // Nothing got through while off line, and the last known values stayed on the wall.
    expect(await emulator.appRequests()).toBe(requestsBefore);
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();

    const backOnline = await page.evaluate(() => Date.now());
    await context.setOffline(false);
    await expectFreshDevices(page, emulator, loaded);
    await expect(connectionWarning(page)).toHaveCount(0);
    expect((await page.evaluate(() => Date.now())) - backOnline).toBeLessThan(30_000);

    expect(screen.signInPrompts()).toBe(1);
    expect(Object.keys(await emulator.statuses(TOKEN, 'cloud'))).toEqual(['200']);
  });

  test('a wall clock set a quarter of an hour wrong either way keeps working', async ({ page, demo, emulator }) => {
    await emulator.setLifetimes({ accessTokenSeconds: 10 * 60, homeySessionSeconds: 60 * 60 });
    const screen = await watchScreen(page);
    await page.clock.install();
    await signInThroughAthom(page, demo, SOLO_USER);
    let loaded = await expectFreshDevices(page, emulator, 0);

    for (const skew of [15 * MINUTE, -15 * MINUTE]) {
      // The tablet's clock is set wrong after the tokens were issued.
      const serverNow = Date.parse(((await emulator.call('GET', '/__emulator/clock')) as { now: string }).now);
      await page.clock.setSystemTime(serverNow + skew);
      for (let minutes = 0; minutes < 90; minutes += 15) {
        await passTime(page, emulator, 15 * MINUTE);
        loaded = await expectFreshDevices(page, emulator, loaded);
      }
    }

    expect(screen.signInPrompts()).toBe(1);
    expect(Object.keys(await emulator.statuses(TOKEN, 'cloud'))).toEqual(['200']);
  });
});
