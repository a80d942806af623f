import type { Page } from '@playwright/test';
import { demoConfig } from '../scripts/start-demo.ts';
import { expect, failOnPageErrorsAndLeakyLogs, pollingOnly, test } from './fixtures.ts';
import { homeDevices, setUpWall } from './wall-kit.ts';

// A home of 2,000 devices (the emulator's generated big home): the wall draws its first screen, keeps
// reading the devices while hundreds of temperature tiles would each like their sparkline, and keeps
// the page small enough for a wall tablet, however many devices the Homey holds.

failOnPageErrorsAndLeakyLogs();

const DEVICES = 2000;
const DEVICE_LIST = 'GET /api/manager/devices/device';
const INSIGHTS_ENTRIES = 'GET /api/manager/insights/log/:uri/:id/entry';
const WATCH_MS = 30_000;
const MAX_DOM_NODES = 5000;

test.use({ generateDevices: DEVICES });
test.setTimeout(120_000);

/** Every node in the document (elements, text, comments), as DevTools counts them. */
function domNodes(page: Page): Promise<number> {
  return page.evaluate(() => {
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
    let count = 0;
    while (walker.nextNode()) count++;
    return count;
  });
}

/** Tiles whose box reaches into the viewport, and how many of them are drawn (not placeholders). */
function tilesInView(page: Page): Promise<{ slots: number; drawn: number }> {
  return page.evaluate(() => {
    const inView = [...document.querySelectorAll('.tiles > *')].filter((el) => {
      const box = el.getBoundingClientRect();
      return box.bottom > 0 && box.top < window.innerHeight && box.height > 0;
    });
    const drawn = inView.filter((el) => el.matches('article.tile') || el.querySelector('article.tile') !== null);
    return { slots: inView.length, drawn: drawn.length };
  });
}

test('a home of 2,000 devices draws its first screen, keeps reading its devices while sparklines load, and keeps the page small', async ({ page, demo, emulator }) => {
  const pollMs = (demoConfig(demo.emulator).pollIntervals as { devicesMs: number }).devicesMs;
  expect(await homeDevices(emulator)).toHaveLength(DEVICES);
  // The poll's cadence is the story (what a big home falls back to when its socket is down).
  await pollingOnly(page);
  await setUpWall(page, emulator);
  await emulator.resetStats();

  await page.goto(demo.dashboardUrl);
  await expect(page.locator('article.tile').first()).toBeVisible({ timeout: 30_000 });
  const firstTileAt = Date.now();

  // The device list is read at least once every poll interval from here on, Insights or not.
  const reads: number[] = [];
  let seen = await emulator.count(DEVICE_LIST);
  while (Date.now() - firstTileAt < WATCH_MS) {
    await page.waitForTimeout(250);
    const now = await emulator.count(DEVICE_LIST);
    if (now > seen) reads.push(Date.now() - firstTileAt);
    seen = now;
  }
  const marks = [0, ...reads, WATCH_MS];
  const longestGap = Math.max(...marks.slice(1).map((at, i) => at - marks[i]!));
  const sparklineReads = await emulator.count(INSIGHTS_ENTRIES);
  expect(
    longestGap,
    `device reads ${reads.map((at) => `${(at / 1000).toFixed(1)} s`).join(', ') || 'none'} after the first tile (${sparklineReads} sparkline reads)`,
  ).toBeLessThanOrEqual(pollMs * 1.5);

  // The first screen is tiles, not placeholders, and the page holds a few screens' worth, not 2,000 tiles.
  await expect(page.locator('.device-sections[aria-busy]')).toHaveCount(0);
  await expect(async () => {
    const view = await tilesInView(page);
    expect(view.slots).toBeGreaterThan(0);
    expect(view.drawn).toBe(view.slots);
  }).toPass({ timeout: 10_000 });
  expect(await domNodes(page)).toBeLessThanOrEqual(MAX_DOM_NODES);
});

test('search in a home of 2,000 devices finds a device far down the list, and scrolling there draws its tile', async ({ page, demo, emulator }) => {
  const devices = await homeDevices(emulator);
  const last = devices.at(-1)!;
  await setUpWall(page, emulator);
  await page.goto(demo.dashboardUrl);
  await expect(page.locator('article.tile').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.device-sections[aria-busy]')).toHaveCount(0, { timeout: 30_000 });

  await page.getByLabel('Search devices').fill(last.name);
  await expect(page.locator(`article.tile[data-device-id="${last.id}"]`)).toBeVisible();
  await page.getByLabel('Search devices').fill('');
  // The whole home is back: a page as long as its 2,000 tiles, most of them boxes far off screen.
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollHeight / window.innerHeight)).toBeGreaterThan(40);

  // The last tile of the page, reached by scrolling, is drawn once it is near the screen.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(async () => {
    const view = await tilesInView(page);
    expect(view.slots).toBeGreaterThan(0);
    expect(view.drawn).toBe(view.slots);
  }).toPass({ timeout: 10_000 });
  expect(await domNodes(page)).toBeLessThanOrEqual(MAX_DOM_NODES);
});
