import { test as base, expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { startDemo } from '../scripts/start-demo.ts';
import type { Demo } from '../scripts/start-demo.ts';
import type { ListenerStats } from '../emulator/control/wire-types.ts';

// One demo (emulator + dashboard, exactly what `npm start` runs) per worker, on free ports,
// stopped when the worker ends; each test starts from a reset emulator. A spec that needs a big home
// says `test.use({ generateDevices: 2000 })`, which gives it workers of its own.
export const test = base.extend<{ demo: Demo; emulator: EmulatorControl }, { workerDemo: Demo; generateDevices: number | undefined }>({
  generateDevices: [undefined, { scope: 'worker', option: true }],
  workerDemo: [
    async ({ generateDevices }, use) => {
      const demo = await startDemo({ port: 0, dashboardPort: 0, simulationIntervalMs: 0, generateDevices });
      await use(demo);
      await demo.close();
    },
    { scope: 'worker' },
  ],
  demo: async ({ workerDemo }, use) => {
    await fetch(`${workerDemo.emulator.cloudUrl}/__emulator/reset`, { method: 'POST' });
    await use(workerDemo);
  },
  emulator: async ({ demo }, use) => {
    await use(new EmulatorControl(demo));
  },
});

export { expect };

/** The emulator's control API (README "Emulator control API"), for arranging and measuring a story. */
export class EmulatorControl {
  constructor(private readonly demo: Demo) {}

  get cloudUrl(): string {
    return this.demo.emulator.cloudUrl;
  }

  info() {
    return this.demo.emulator.info();
  }

  homey(name?: string) {
    const homeys = this.info().homeys;
    const homey = name ? homeys.find((h) => h.name === name) : homeys[0];
    if (!homey) throw new Error(`no emulated Homey named ${name ?? '(first)'}`);
    return homey;
  }

  async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.cloudUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  async stats(): Promise<Record<string, ListenerStats>> {
    return (await this.call('GET', '/__emulator/stats')) as Record<string, ListenerStats>;
  }

  /** How many requests matched `route` (e.g. `POST /oauth2/token`) on listeners whose name starts with `listener`. */
  async count(route: string, listener = ''): Promise<number> {
    const stats = await this.stats();
    let total = 0;
    for (const [name, s] of Object.entries(stats)) {
      if (!name.startsWith(listener)) continue;
      for (const [key, r] of Object.entries(s.routes)) if (key === route) total += r.requests;
    }
    return total;
  }

  async advanceClock(ms: number): Promise<void> {
    await this.call('POST', '/__emulator/clock', { advanceMs: ms });
  }

  /** The statuses the emulator answered `route` with (e.g. `{ 200: 12, 401: 1 }`), over matching listeners. */
  async statuses(route: string, listener = ''): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [name, s] of Object.entries(await this.stats())) {
      if (!name.startsWith(listener)) continue;
      for (const [status, n] of Object.entries(s.routes[route]?.statuses ?? {})) out[status] = (out[status] ?? 0) + n;
    }
    return out;
  }

  /** Every request the dashboard (or anyone but this control API) made to the cloud and the Homeys. */
  async appRequests(): Promise<number> {
    let total = 0;
    for (const s of Object.values(await this.stats())) {
      for (const [key, r] of Object.entries(s.routes)) if (!key.split(' ')[1]?.startsWith('/__emulator/')) total += r.requests;
    }
    return total;
  }

  /** Requests still being answered on any listener (the stats request itself excluded). */
  async inFlight(): Promise<number> {
    const stats = await this.stats();
    return Object.values(stats).reduce((sum, s) => sum + s.inFlight, 0) - 1;
  }

  async resetStats(): Promise<void> {
    await this.call('DELETE', '/__emulator/stats');
  }

  async setLifetimes(lifetimes: Partial<Record<'authorizationCodeSeconds' | 'accessTokenSeconds' | 'delegationTokenSeconds' | 'homeySessionSeconds', number>>): Promise<void> {
    await this.call('PUT', '/__emulator/lifetimes', lifetimes);
  }

  async expire(kind: 'access' | 'refresh' | 'code' | 'session' | 'all'): Promise<void> {
    await this.call('POST', '/__emulator/expire', { kind });
  }

  async revoke(kind: 'access' | 'refresh' | 'code' | 'session' | 'all'): Promise<void> {
    await this.call('POST', '/__emulator/revoke', { kind });
  }

  /** Takes a Homey off line: its local address, Athom's relay to it, or both. */
  async offline(homeyName: string, route: 'local' | 'remote' | 'all' = 'all', mode: 'refuse' | 'hang' = 'refuse'): Promise<void> {
    await this.call('POST', `/__emulator/homeys/${this.homey(homeyName).id}/offline`, { route, mode });
  }

  /** Both routes to the Homey answer again. */
  async online(homeyName: string): Promise<void> {
    await this.call('POST', `/__emulator/homeys/${this.homey(homeyName).id}/online`);
  }

  async subscription(homeyName: string, active: boolean): Promise<void> {
    await this.call('POST', `/__emulator/homeys/${this.homey(homeyName).id}/subscription`, { active });
  }
}

export const DEMO_USER = { email: 'demo@example.com', password: 'demo' };
export const SOLO_USER = { email: 'solo@example.com', password: 'solo' };

/** Goes through Athom's (emulated) sign-in page as a person would, and waits to be back on the dashboard. */
export async function signInThroughAthom(page: Page, demo: Demo, user = SOLO_USER): Promise<void> {
  await page.goto(demo.dashboardUrl);
  await openAthomSignIn(page, demo);
  await logInOnAthomPage(page, demo, user);
}

/** On the dashboard's sign-in screen: press the sign-in button and wait for Athom's page. */
export async function openAthomSignIn(page: Page, demo: Demo): Promise<void> {
  await page.getByRole('button', { name: /Sign in (with Athom|again)/ }).click();
  await page.waitForURL((url) => url.origin === new URL(demo.emulator.cloudUrl).origin);
}

/** On Athom's page: log in, and wait to be back on the dashboard. */
export async function logInOnAthomPage(page: Page, demo: Demo, user = SOLO_USER): Promise<void> {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.origin === new URL(demo.dashboardUrl).origin);
}

/**
 * A device on the dashboard, found by its name, whatever shape its tile takes: the one place to
 * change if tiles ever stop showing the name as text.
 */
export function device(page: Page, name: string): Locator {
  return page.getByText(name, { exact: true }).first();
}

/** Either sign-in button: the screen a person would have to act on. */
export function signInPrompt(page: Page): Locator {
  return page.getByRole('button', { name: /^Sign in (with Athom|again)$/ });
}

/** The dashboard saying it cannot reach the Homey (a banner over last known values, or a whole screen). */
export function connectionWarning(page: Page): Locator {
  return page.getByText(/unreachable|not reachable/i);
}

/**
 * Counts every time a sign-in button or a connection warning appears on the page, however briefly,
 * across reloads: a kiosk that flashes the sign-in screen for one render has still asked a person
 * to act. Install before the first `goto`.
 */
export async function watchScreen(page: Page): Promise<{ signInPrompts(): number; connectionWarnings(): number }> {
  const seen = { prompt: 0, warning: 0 };
  await page.exposeFunction('__e2eShown', (what: 'prompt' | 'warning') => {
    seen[what] += 1;
  });
  await page.addInitScript(() => {
    const shown = { prompt: false, warning: false };
    const report = (what: 'prompt' | 'warning', now: boolean) => {
      if (now && !shown[what]) (window as unknown as { __e2eShown(what: string): void }).__e2eShown(what);
      shown[what] = now;
    };
    const look = () => {
      const buttons = [...document.querySelectorAll('button')];
      report('prompt', buttons.some((b) => /^Sign in (with Athom|again)$/.test(b.textContent?.trim() ?? '')));
      report('warning', /unreachable|not reachable/i.test(document.body?.innerText ?? ''));
    };
    new MutationObserver(look).observe(document, { childList: true, subtree: true, characterData: true });
  });
  return { signInPrompts: () => seen.prompt, connectionWarnings: () => seen.warning };
}

/**
 * One clear screen with a way forward: a visible heading saying what happened, nothing that looks
 * like a stack trace, an OAuth code/state or a token, and no code or state left in the address bar.
 */
export async function expectClearScreen(page: Page, title: string | RegExp, secrets: readonly string[] = []): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/\n\s*at \S+ \(|\.tsx?:\d+|\[object Object\]|\bundefined\b/);
  // Athom's codes and tokens are 40 hex characters; delegation tokens and sessions are JWT-like.
  expect(text).not.toMatch(/\b[0-9a-f]{40}\b|eyJ[\w-]{10,}/);
  for (const secret of secrets) expect(text).not.toContain(secret);
  const address = new URL(page.url());
  expect(address.searchParams.has('code')).toBe(false);
  expect(address.searchParams.has('state')).toBe(false);
}

/**
 * For a spec file: every test fails on an uncaught error in the page (how a white page starts) and
 * on a console line carrying something shaped like an Athom token or code (40 hex characters) or a
 * JWT. Call once at the top of the file.
 */
export function failOnPageErrorsAndLeakyLogs(): void {
  let problems: string[] = [];
  test.beforeEach(({ page }) => {
    problems = [];
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (/\b[0-9a-f]{40}\b|eyJ[\w-]{10,}/.test(message.text())) problems.push(`console.${message.type()}: ${message.text()}`);
    });
  });
  test.afterEach(() => {
    expect(problems).toEqual([]);
  });
}

/** Moves time forward for the emulator and the page together, so both agree on what has expired. */
export async function passTime(page: Page, emulator: EmulatorControl, ms: number): Promise<void> {
  await emulator.advanceClock(ms);
  await page.clock.fastForward(ms);
}

/** Everything the dashboard keeps in localStorage under its prefix. */
export async function storedKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('homey-dashboard:')));
}

/** Signs out the way a person does: the header's Sign out, then yes in the confirmation it asks. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, sign out' }).click();
}

/**
 * The wall polls only (`realtime: false` in the config.json the demo serves): for stories about the
 * poll itself, which is what a wall falls back to whenever its socket is down.
 */
export async function pollingOnly(page: Page): Promise<void> {
  await page.route('**/config.json', async (route) => {
    const served = (await (await route.fetch()).json()) as Record<string, unknown>;
    await route.fulfill({ json: { ...served, realtime: false } });
  });
}
