import type { Page } from '@playwright/test';
import {
  SOLO_USER,
  device,
  expect,
  expectClearScreen,
  failOnPageErrorsAndLeakyLogs,
  logInOnAthomPage,
  openAthomSignIn,
  signInPrompt,
  signInThroughAthom,
  signOut,
  storedKeys,
  test,
} from './fixtures.ts';

// Signing in through Athom's page, and everything that can go wrong on the way back (README
// "Signing in"): sign-in, authorise request shape, forged state, replayed callback, expired code,
// Back after sign-in, StrictMode double effects. The dev server runs the app in
// React StrictMode, so every "one token request" below is also a StrictMode check.

const TOKEN = 'POST /oauth2/token';

failOnPageErrorsAndLeakyLogs();

/** Remembers the sign-in answer (`/?code=…&state=…`) the page was sent back with. */
function rememberCallbackUrls(page: Page): string[] {
  const seen: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && new URL(frame.url()).searchParams.has('code')) seen.push(frame.url());
  });
  return seen;
}

test.describe('signing in with an Athom account', () => {
  test('a person signs in through Athom, stays signed in after a reload, and signs out', async ({ page, demo, emulator }) => {
    await page.goto(demo.dashboardUrl);
    await expect(page.getByRole('heading', { name: 'Homey wall dashboard' })).toBeVisible();
    await openAthomSignIn(page, demo);
    await logInOnAthomPage(page, demo, SOLO_USER);

    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Holiday cabin' })).toBeVisible();
    expect(new URL(page.url()).search).toBe('');
    expect(await emulator.count(TOKEN)).toBe(1);

    await page.reload();
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
    await expect(signInPrompt(page)).toHaveCount(0);
    expect(await emulator.count(TOKEN)).toBe(1);

    await signOut(page);
    await expect(page.getByRole('button', { name: 'Sign in with Athom' })).toBeVisible();
    // The cached values' entry goes with the persister's next write, at most its throttle (1 s) later.
    await expect.poll(() => storedKeys(page), { timeout: 3_000 }).toEqual([]);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign in with Athom' })).toBeVisible();
  });

  test('the request to Athom asks for a code with PKCE, a fresh state and the exact redirect address, and carries no secret', async ({
    page,
    demo,
    emulator,
  }) => {
    const { clientId, clientSecret } = emulator.info().clients[0]!;
    const authoriseUrls: URL[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.url().includes('/oauth2/authorise') && request.method() === 'GET') {
        authoriseUrls.push(new URL(request.url()));
      }
    });

    // Two attempts: the first one abandoned on Athom's page.
    await page.goto(demo.dashboardUrl);
    await openAthomSignIn(page, demo);
    await page.goto(demo.dashboardUrl);
    await openAthomSignIn(page, demo);
    expect(authoriseUrls).toHaveLength(2);

    for (const url of authoriseUrls) {
      const q = url.searchParams;
      expect(`${url.origin}${url.pathname}`).toBe(`${emulator.cloudUrl}/oauth2/authorise`);
      expect(q.get('response_type')).toBe('code');
      expect(q.get('client_id')).toBe(clientId);
      expect(q.get('redirect_uri')).toBe(new URL('/', demo.dashboardUrl).toString());
      expect(q.get('code_challenge_method')).toBe('S256');
      expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(q.get('state')).toMatch(/^[\w-]{16,}$/);
      expect(q.get('scope')?.split(' ')).toEqual(['homey']);
      expect(q.has('client_secret')).toBe(false);
      expect(url.toString()).not.toContain(clientSecret);
    }
    const [first, second] = authoriseUrls.map((url) => url.searchParams);
    expect(second!.get('state')).not.toBe(first!.get('state'));
    expect(second!.get('code_challenge')).not.toBe(first!.get('code_challenge'));

    const tokenRequest = page.waitForRequest((request) => request.url().endsWith('/oauth2/token') && request.method() === 'POST');
    await logInOnAthomPage(page, demo, SOLO_USER);
    const exchange = await tokenRequest;
    const body = new URLSearchParams(exchange.postData() ?? '');
    expect(body.get('grant_type')).toBe('authorization_code');
    expect(body.get('code_verifier')).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(body.get('redirect_uri')).toBe(new URL('/', demo.dashboardUrl).toString());
    expect(body.has('client_secret')).toBe(false);
    const authorization = (await exchange.headerValue('authorization')) ?? '';
    expect(authorization).toMatch(/^Basic /);
    expect(Buffer.from(authorization.slice('Basic '.length), 'base64').toString()).toBe(`${clientId}:${clientSecret}`);
    // The callback page sends no referrer, so the code in its address goes nowhere else.
    expect(await exchange.headerValue('referer')).toBeNull();

    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
    // Exactly one exchange, although StrictMode runs the callback effect twice.
    expect(await emulator.statuses(TOKEN, 'cloud')).toEqual({ 200: 1 });
  });
});

test.describe('a sign-in that goes wrong gets one clear screen', () => {
  test('an answer with a state this dashboard never sent is refused without asking Athom', async ({ page, demo, emulator }) => {
    await page.goto(new URL('/?code=0123456789abcdef0123456789abcdef01234567&state=forged', demo.dashboardUrl).toString());
    await expectClearScreen(page, 'This sign-in link cannot be used', ['forged', '0123456789abcdef']);
    await expect(page.getByRole('button', { name: 'Sign in again' })).toBeVisible();
    expect(await emulator.count(TOKEN)).toBe(0);
  });

  test('a sign-in answer opened again after signing out is refused, not exchanged twice', async ({ page, demo, emulator }) => {
    const callbacks = rememberCallbackUrls(page);
    await signInThroughAthom(page, demo, SOLO_USER);
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
    expect(callbacks).toHaveLength(1);

    await signOut(page);
    await expect(page.getByRole('button', { name: 'Sign in with Athom' })).toBeVisible();
    await page.goto(callbacks[0]!);
    const code = new URL(callbacks[0]!).searchParams.get('code')!;
    await expectClearScreen(page, 'This sign-in link cannot be used', [code]);
    expect(await emulator.count(TOKEN)).toBe(1);
    expect(await storedKeys(page)).toEqual([]);
  });

  test('a sign-in answer opened again while signed in changes nothing', async ({ page, demo, emulator }) => {
    const callbacks = rememberCallbackUrls(page);
    await signInThroughAthom(page, demo, SOLO_USER);
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();

    await page.goto(callbacks[0]!);
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(signInPrompt(page)).toHaveCount(0);
    expect(new URL(page.url()).search).toBe('');
    // Sending the used code again would make Athom withdraw the tokens it bought (RFC 6749 §4.1.2).
    expect(await emulator.count(TOKEN)).toBe(1);
  });

  test('an error answer to no sign-in of this wall, opened while signed in, is cleaned from the address and changes nothing', async ({ page, demo, emulator }) => {
    await signInThroughAthom(page, demo, SOLO_USER);
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();

    await page.goto(`${demo.dashboardUrl}?state=x&error=access_denied`);
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
    await expect(page.getByText('Sign-in was cancelled')).toHaveCount(0);
    await expect(signInPrompt(page)).toHaveCount(0);
    expect(new URL(page.url()).search).toBe('');
    expect(await emulator.count(TOKEN)).toBe(1);
  });

  test('a person who took too long on the way back is told so and can start again', async ({ page, demo, emulator }) => {
    await page.goto(demo.dashboardUrl);
    await openAthomSignIn(page, demo);
    // The code runs out between Athom's redirect and the dashboard's exchange.
    await page.route('**/oauth2/token', async (route) => {
      await emulator.expire('code');
      await route.continue();
    });
    await logInOnAthomPage(page, demo, SOLO_USER);
    await expectClearScreen(page, 'The sign-in took too long');
    expect(await emulator.statuses(TOKEN, 'cloud')).toEqual({ 400: 1 });
    expect(await storedKeys(page)).toEqual([]);

    await page.unroute('**/oauth2/token');
    await openAthomSignIn(page, demo);
    await logInOnAthomPage(page, demo, SOLO_USER);
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
  });

  test('a person who cancels on Athom’s page is told nothing changed', async ({ page, demo, emulator }) => {
    await page.goto(demo.dashboardUrl);
    await openAthomSignIn(page, demo);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL((url) => url.origin === new URL(demo.dashboardUrl).origin);
    await expectClearScreen(page, 'Sign-in was cancelled');
    await expect(page.getByRole('button', { name: 'Sign in again' })).toBeVisible();
    expect(await emulator.count(TOKEN)).toBe(0);
  });

  test('Back and Forward after signing in neither sign out nor exchange the code again', async ({ page, demo, emulator }) => {
    await signInThroughAthom(page, demo, SOLO_USER);
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();

    // Back lands on Athom's page (the answer's entry was replaced by the clean address).
    await page.goBack();
    await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
    await page.goForward();
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(await emulator.count(TOKEN)).toBe(1);

    // Back again, and logging in on that old page: its state was spent, but the person is signed in.
    await page.goBack();
    await logInOnAthomPage(page, demo, SOLO_USER);
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(signInPrompt(page)).toHaveCount(0);
    expect(await emulator.count(TOKEN)).toBe(1);
  });
});
