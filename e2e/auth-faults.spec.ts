import type { Page } from '@playwright/test';
import type { EmulatorControl } from './fixtures.ts';
import { SOLO_USER, device, expect, failOnPageErrorsAndLeakyLogs, pollingOnly, signInThroughAthom, test, watchScreen } from './fixtures.ts';

// The renewal chain (docs/homey-web-api.md §1: refresh, delegation, Homey login) against every
// failure the emulator can stage on each of its three steps. Whatever fails, and for as long as it
// fails, the wall asks nobody to sign in, keeps its requests spaced out, and is back on its own once
// the failure ends. Time is the emulator's and the page's clock moved together; while a slow answer
// is on its way both run at the pace of real time, so it meets the client's timeouts as it would.

const DEVICES = 'GET /api/manager/devices/device';
const SECOND = 1000;
const MINUTE = 60 * SECOND;

failOnPageErrorsAndLeakyLogs();

interface Step {
  name: string;
  target: 'cloud' | 'homey';
  path: string;
  route: string;
  listener: string;
}

const STEPS: readonly Step[] = [
  { name: 'the token refresh', target: 'cloud', path: '/oauth2/token', route: 'POST /oauth2/token', listener: 'cloud' },
  { name: 'the delegation', target: 'cloud', path: '/delegation/token', route: 'POST /delegation/token', listener: 'cloud' },
  { name: 'the Homey login', target: 'homey', path: '/api/manager/users/login', route: 'POST /api/manager/users/login', listener: 'homey:' },
];

interface Fault {
  name: string;
  rule: Record<string, unknown>;
  /** Longest the fault lasts (emulator time). */
  durationMs: number;
}

const RETRY_AFTER_S = 5;
const FAULTS: readonly Fault[] = [
  { name: 'answers after 15 s', rule: { kind: 'latency', latencyMs: 15 * SECOND }, durationMs: 30 * SECOND },
  { name: 'answers 500', rule: { kind: 'status', status: 500 }, durationMs: MINUTE },
  { name: 'answers 503', rule: { kind: 'status', status: 503 }, durationMs: MINUTE },
  { name: `answers 429 with Retry-After ${RETRY_AFTER_S}`, rule: { kind: 'status', status: 429, retryAfter: RETRY_AFTER_S }, durationMs: MINUTE },
  { name: 'resets the connection', rule: { kind: 'drop' }, durationMs: MINUTE },
  { name: 'answers malformed JSON', rule: { kind: 'malformed' }, durationMs: MINUTE },
  // Shorter than Athom's grace for a refresh token (30 s in the emulator), for the refresh.
  { name: 'loses its answer', rule: { kind: 'lose-answer' }, durationMs: 10 * SECOND },
];

/** Successful device loads, as the emulator counted them. */
async function devicesLoaded(emulator: EmulatorControl): Promise<number> {
  return (await emulator.statuses(DEVICES, 'homey:'))['200'] ?? 0;
}

/**
 * Moves both clocks on by `ms` in steps of `stepMs`; at the pace of real time while a request is in
 * flight, or throughout with `realTime`. Calls `each` after every step with the time passed; `true` stops.
 */
async function run(
  page: Page,
  emulator: EmulatorControl,
  ms: number,
  stepMs: number,
  each?: (at: number) => Promise<boolean | void>,
  realTime = false,
): Promise<void> {
  let passed = 0;
  while (passed < ms) {
    // Both clocks also run by themselves (an installed page clock flows with real time): waiting is enough.
    if (realTime) {
      await page.waitForTimeout(stepMs);
      passed += stepMs;
    } else if ((await emulator.inFlight()) > 0) {
      await page.waitForTimeout(250);
      passed += 250;
    } else {
      await emulator.advanceClock(stepMs);
      await page.clock.runFor(stepMs);
      passed += stepMs;
    }
    if ((await each?.(passed)) === true) return;
  }
}

async function signedInWall(page: Page, demo: Parameters<typeof signInThroughAthom>[1], emulator: EmulatorControl) {
  // Tokens live a minute, sessions two: the first session renewal needs a refresh too.
  await emulator.setLifetimes({ accessTokenSeconds: 60, homeySessionSeconds: 120 });
  // Polling, so "back by itself" is a device read the emulator counts; a live wall would hear its
  // values on the socket and read the whole home only every five minutes.
  await pollingOnly(page);
  const screen = await watchScreen(page);
  await page.clock.install();
  await signInThroughAthom(page, demo, SOLO_USER);
  await expect(device(page, 'Lamp bij de bank')).toBeVisible();
  await expect.poll(() => devicesLoaded(emulator)).toBeGreaterThan(0);
  return screen;
}

for (const step of STEPS) {
  test.describe(`${step.name} fails`, () => {
    for (const fault of FAULTS) {
      test(`${fault.name}: no sign-in prompt, spaced-out tries, back by itself`, async ({ page, demo, emulator }) => {
        // Under strict rotation a lost refresh answer has spent the only refresh token: nothing can
        // recover it (e2e/stay-signed-in.spec.ts tells that story). Athom's grace period can.
        if (step.path === '/oauth2/token' && fault.rule.kind === 'lose-answer') {
          await emulator.call('PUT', '/__emulator/refresh-token-policy', { policy: 'grace' });
        }
        const screen = await signedInWall(page, demo, emulator);
        // The token runs out (at 60 s); then, with the fault in place, the Homey ends the session, so
        // the renewal starts inside the fault. Letting the session run out by itself at 120 s raced
        // the fault: each step also costs real time, on both clocks, and on a busy machine the
        // session ended before the fault was set.
        await run(page, emulator, 100 * SECOND, 5 * SECOND);
        await emulator.resetStats();
        await emulator.call('POST', '/__emulator/faults', { target: step.target, path: step.path, ...fault.rule, durationMs: fault.durationMs });
        await emulator.expire('session');

        // Through the fault, in quarter seconds for the 429 (its gaps are measured), else in seconds.
        const stepMs = fault.rule.status === 429 ? 250 : SECOND;
        const tries: number[] = [];
        let seen = 0;
        // A slow answer is slow in real time: the page's clock must not outrun it to the timeout.
        const slow = fault.rule.kind === 'latency';
        await run(
          page,
          emulator,
          fault.durationMs,
          stepMs,
          async (at) => {
            const now = await emulator.count(step.route, step.listener);
            for (; seen < now; seen++) tries.push(at);
          },
          slow,
        );
        expect(tries.length).toBeGreaterThanOrEqual(1);
        // Spaced out: back-off from 1 s doubling (and the single renewal shared by every query),
        // not a try per poll and query (5 s polls of several queries would be 30 and more a minute).
        // A cut connection is counted up to three times per try: on the Homey login the hits came in
        // bursts of two or three within a second, at back-off times that double (6, 7, 10, 13, 19,
        // 27, 45 s; 17 hits), as if the browser sent a request again whose reused connection was
        // reset before any answer. So its bound counts hits, not tries, and is looser.
        const cut = fault.rule.kind === 'drop' || fault.rule.kind === 'lose-answer';
        expect(tries.length).toBeLessThanOrEqual((fault.durationMs / MINUTE >= 1 ? 10 : 6) * (cut ? 2 : 1));
        if (fault.rule.status === 429) {
          const gaps = tries.slice(1).map((at, i) => at - tries[i]!);
          for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(RETRY_AFTER_S * SECOND - stepMs);
        }

        // The fault is over: devices load again by themselves, within the back-off step it reached.
        const before = await devicesLoaded(emulator);
        let back: number | undefined;
        await run(page, emulator, 60 * SECOND, SECOND, async (at) => {
          if ((await devicesLoaded(emulator)) > before) {
            back = at;
            return true;
          }
          return false;
        });
        expect(back).toBeDefined();
        expect(back!).toBeLessThanOrEqual(45 * SECOND);
        await expect(device(page, 'Lamp bij de bank')).toBeVisible();
        await expect(page.getByRole('status').filter({ hasText: 'Please sign in again' })).toHaveCount(0);
        expect(screen.signInPrompts()).toBe(1);
        expect((await emulator.statuses('POST /oauth2/token', 'cloud'))['400'] ?? 0).toBe(0);
      });
    }
  });
}

// The core story under each refresh-token behaviour Athom might have (README "Refresh tokens"): a
// wall renews its Athom token several times (the account's Homeys are read every half hour, with
// tokens that live a minute), and the answer to the third renewal is lost.
for (const policy of ['rotate', 'reuse', 'grace'] as const) {
  test(`${policy}: a wall that renews several times and loses one answer in the middle keeps showing the Homey`, async ({ page, demo, emulator }) => {
    await emulator.call('PUT', '/__emulator/refresh-token-policy', { policy });
    await emulator.setLifetimes({ accessTokenSeconds: 60 });
    // Polling, so every step's device read says the wall still shows the Homey (see signedInWall).
    await pollingOnly(page);
    const screen = await watchScreen(page);
    await page.clock.install();
    await signInThroughAthom(page, demo, SOLO_USER);
    await expect(device(page, 'Lamp bij de bank')).toBeVisible();
    await emulator.resetStats();

    for (let renewal = 1; renewal <= 5; renewal++) {
      if (renewal === 3) await emulator.call('POST', '/__emulator/faults', { target: 'cloud', path: '/oauth2/token', kind: 'lose-answer', count: 1 });
      const before = await devicesLoaded(emulator);
      // Half an hour in five-minute steps, then seconds, so a retry meets Athom's grace as it would.
      await run(page, emulator, 30 * MINUTE, 5 * MINUTE);
      await run(page, emulator, 20 * SECOND, SECOND);
      await expect.poll(() => devicesLoaded(emulator), { timeout: 15_000 }).toBeGreaterThan(before);
      await expect(device(page, 'Lamp bij de bank')).toBeVisible();
    }

    const tokens = await emulator.statuses('POST /oauth2/token', 'cloud');
    const notice = page.getByRole('status').filter({ hasText: 'Please sign in again' });
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in again' })).toHaveCount(0);
    expect(tokens['0']).toBe(1);
    if (policy === 'rotate') {
      // The spent token is refused once; nothing is wiped, the Homey session (a day) carries the
      // wall on, and a person is asked once, calmly.
      expect(tokens).toEqual({ 0: 1, 200: 2, 400: 1 });
      await expect(notice).toBeVisible();
      expect(screen.signInPrompts()).toBe(2);
    } else {
      // The retry is answered: every renewal came through and nobody was asked.
      expect(tokens['400'] ?? 0).toBe(0);
      expect(tokens['200']).toBeGreaterThanOrEqual(5);
      await expect(notice).toHaveCount(0);
      expect(screen.signInPrompts()).toBe(1);
    }
  });
}
