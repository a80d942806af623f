import type { Page } from '@playwright/test';
import { expect, failOnPageErrorsAndLeakyLogs, test } from './fixtures.ts';
import { byName, homeDevices, openWall, saveScreenshot, setAddress, setUpWall, tile } from './wall-kit.ts';

// The same dashboard on a phone, a tablet either way up and a large kiosk screen (README
// "On the wall"): nothing wider than the screen, the clock, the tiles and their controls in view, touch
// targets a finger can hit, and a screenshot of each for the README and CI's artifacts.

failOnPageErrorsAndLeakyLogs();

const SIZES = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'tablet portrait', width: 768, height: 1024 },
  { name: 'tablet landscape', width: 1280, height: 800 },
  { name: 'kiosk screen', width: 1920, height: 1080 },
] as const;

/** The page scrolls up and down only. */
async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const widths = await page.evaluate(() => {
    // The outermost elements reaching past the right edge, to say what to fix.
    const past = [...document.body.querySelectorAll<HTMLElement>('*')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5);
    const outermost = past.filter((el) => !past.includes(el.parentElement!)).slice(0, 5);
    return {
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
      culprits: outermost.map((el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? "").slice(0, 30)}" → ${Math.round(el.getBoundingClientRect().right)}`),
    };
  });
  expect(widths.scroll, `the page is wider than the screen: ${widths.culprits.join(', ')}`).toBeLessThanOrEqual(widths.inner);
}

const rootFontSize = (page: Page) => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

/** Every control in the tiles and the header, smaller than 44 × 44 CSS px, by its name. */
async function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>(
      '.home-header button, .home-header [role=button], .tiles a, .tiles button, .tiles select, .tiles input, .flows button, .search input',
    );
    const small: string[] = [];
    for (const control of controls) {
      const box = control.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.width < 44 || box.height < 44) {
        const name = control.getAttribute('aria-label') ?? control.textContent?.trim() ?? control.tagName;
        small.push(`${control.tagName.toLowerCase()} "${name.slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return small;
  });
}

test.describe('a wall in every size', () => {
  test('the home fits the width of a phone, a tablet either way up and a kiosk screen, with the clock, tiles and controls in view', async ({ page, demo, emulator }, testInfo) => {
    // One moment for every screenshot: the clock does not tick over half-way.
    await page.clock.setFixedTime(new Date());
    await setUpWall(page, emulator);
    await page.setViewportSize({ width: SIZES[0].width, height: SIZES[0].height });
    await openWall(page, demo);
    // The sparklines have drawn (or said nothing), so the screenshots are of a settled screen.
    await expect(page.locator('.sparkline.is-loading')).toHaveCount(0);

    for (const size of SIZES) {
      await test.step(`${size.name} (${size.width}×${size.height})`, async () => {
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.evaluate(() => window.scrollTo(0, 0));
        await expectNoHorizontalOverflow(page);
        await expect(page.locator('.home-header .clock')).toBeInViewport();
        await expect(page.locator('article.tile').first()).toBeInViewport();
        await expect(page.locator('.tiles').getByRole('switch').first()).toBeVisible();
        if (size.width <= 480) {
          // One column: every tile as wide as the first.
          const widths = await page.locator('article.tile').evaluateAll((tiles) => tiles.map((t) => Math.round(t.getBoundingClientRect().width)));
          expect(new Set(widths).size).toBe(1);
          expect(await smallTouchTargets(page)).toEqual([]);
        }
        if (size.width >= 1600) {
          // Readable from across the room: the type and the tiles grow with the screen.
          expect(await rootFontSize(page)).toBeGreaterThanOrEqual(20);
          const leadValue = page.locator('.capability.is-lead .capability-value').first();
          expect(await leadValue.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(52);
        }
        await saveScreenshot(page, testInfo, `home-${size.width}x${size.height}`);
      });
    }

    // E-ink's large type grows with the screen as well, rather than fall back to its phone size.
    await setAddress(page, '?theme=eink');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'eink');
    expect(await rootFontSize(page)).toBeGreaterThanOrEqual(24);
    await expectNoHorizontalOverflow(page);
  });

  test('the wall density holds at least 12 whole tiles on a 1280 × 800 tablet and 20 on a 1920 × 1080 screen, the first values large', async ({ page, demo, emulator }) => {
    await setUpWall(page, emulator, { density: 'wall' });
    const wholeTiles = () =>
      page.locator('article.tile').evaluateAll(
        (tiles) =>
          tiles.filter((t) => {
            const box = t.getBoundingClientRect();
            return box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
          }).length,
      );
    for (const [width, height, least] of [
      [1280, 800, 12],
      [1920, 1080, 20],
    ] as const) {
      await page.setViewportSize({ width, height });
      await openWall(page, demo);
      await expect(page.locator('html')).toHaveAttribute('data-density', 'wall');
      await page.evaluate(() => window.scrollTo(0, 0));
      expect(await wholeTiles(), `${width}×${height}`).toBeGreaterThanOrEqual(least);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
    // On a tablet, the value a tile leads with is legible from across the room.
    await page.setViewportSize({ width: 1280, height: 800 });
    const sizes = await page.locator('.tile .capability.is-lead .capability-value .value').evaluateAll((values) => values.map((v) => parseFloat(getComputedStyle(v).fontSize)));
    expect(sizes.length).toBeGreaterThan(5);
    expect(Math.min(...sizes.filter((size) => size > 0))).toBeGreaterThanOrEqual(24);
    const numbers = await page.locator('.tile .capability-temperature.is-lead .capability-value, .tile .capability-sensor.is-lead .capability-value').evaluateAll((values) => values.map((v) => parseFloat(getComputedStyle(v).fontSize)));
    expect(numbers.length).toBeGreaterThan(3);
    expect(Math.min(...numbers)).toBeGreaterThanOrEqual(32);
  });

  test('a favourite is shown once, and small zones share a row', async ({ page, demo, emulator }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await setUpWall(page, emulator);
    await openWall(page, demo);
    const ids = await page.locator('article.tile[data-device-id]').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-device-id')));
    expect(ids.length).toBe(new Set(ids).size);
    // Two small zones side by side: their headings on one line.
    const shelf = page.locator('.zone-shelf').first();
    await expect(shelf).toBeVisible();
    const tops = await shelf.locator(':scope > .zone-section h2').evaluateAll((headings) => headings.map((h) => Math.round(h.getBoundingClientRect().top)));
    expect(tops.length).toBeGreaterThan(1);
    expect(tops[1]).toBe(tops[0]);
  });

  test('a device page draws its charts on a tablet, and it and the settings fit a phone', async ({ page, demo, emulator }, testInfo) => {
    await page.clock.setFixedTime(new Date());
    await page.setViewportSize({ width: 768, height: 1024 });
    await setUpWall(page, emulator);
    const climate = byName(await homeDevices(emulator), 'Living room climate');
    await openWall(page, demo, `?device=${climate.id}`);
    await expect(tile(page, climate.id)).toBeInViewport();
    await expect(page.locator('.insight-chart svg.recharts-surface').first()).toBeVisible();
    await expect(page.locator('.insight-chart-card[aria-busy=true]')).toHaveCount(0);
    await expectNoHorizontalOverflow(page);
    await saveScreenshot(page, testInfo, 'device-768x1024');

    await page.setViewportSize({ width: 360, height: 740 });
    await expect(page.locator('.insight-chart svg.recharts-surface').first()).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
  });
});
