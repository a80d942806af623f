import { expect, test } from './fixtures.ts';

test('a newcomer opens the demo dashboard and is offered one clear way to sign in', async ({ page, demo }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(demo.dashboardUrl);
  await expect(page.getByRole('heading', { name: 'Homey wall dashboard' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in with Athom' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the emulated Athom sign-in page works in a real browser without JavaScript', async ({ browser, demo }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const info = demo.emulator.info();
  const client = info.clients[0]!;
  const user = info.users[0]!;
  const redirect = new URL(demo.dashboardUrl);
  const authorise = new URL('/oauth2/authorise', info.cloud.baseUrl);
  authorise.search = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: redirect.toString(),
    response_type: 'code',
    state: 'a b&c=d',
  }).toString();
  await page.goto(authorise.toString());
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toHaveText(/Incorrect email address or password/);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.origin === redirect.origin);
  const landed = new URL(page.url());
  expect(landed.searchParams.get('state')).toBe('a b&c=d');
  expect(landed.searchParams.get('code')).toMatch(/^[0-9a-f]{40}$/);
  await context.close();
});
