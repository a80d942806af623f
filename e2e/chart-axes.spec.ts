import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { byName, homeDevices, setUpWall } from './wall-kit.ts';

// The charts' axes on the device page (docs/decisions/003-insights-charts.md): every tick label is
// drawn whole inside its chart, whatever the screen and the theme (e-ink and large screens scale the
// root font, so a label's width cannot be guessed from its length).

const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
const THEMES = ['light', 'dark', 'eink'] as const;

/** Tick labels that stick out of their chart's box, as "label: how far" (empty when all fit). */
async function clippedTicks(page: Page): Promise<string[]> {
  return page.locator('.insight-chart').evaluateAll((charts) =>
    charts.flatMap((chart) => {
      const box = chart.getBoundingClientRect();
      return [...chart.querySelectorAll('.recharts-cartesian-axis-tick-value')].flatMap((tick) => {
        const text = tick.getBoundingClientRect();
        const out = Math.max(box.left - text.left, text.right - box.right, box.top - text.top, text.bottom - box.bottom);
        return out > 0.5 ? [`${tick.textContent ?? ''}: ${out.toFixed(1)} px out`] : [];
      });
    }),
  );
}

for (const theme of THEMES) {
  test(`every axis label on a device page lies inside its chart (${theme})`, async ({ page, demo, emulator }) => {
    // Six page loads on a shared machine.
    test.setTimeout(180_000);
    const devices = await homeDevices(emulator);
    await setUpWall(page, emulator);
    // €/kWh, W and % (Energy prices); °C and % (a climate sensor): the long units.
    for (const name of ['Energy prices', 'Living room climate']) {
      const device = byName(devices, name);
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await page.goto(`${demo.dashboardUrl}?device=${encodeURIComponent(device.id)}&theme=${theme}`);
        await expect(page.locator('.insight-chart .recharts-cartesian-axis-tick-value').first()).toBeVisible({ timeout: 20_000 });
        await expect(page.locator('.insight-chart-card[aria-busy="true"]')).toHaveCount(0);
        // The page lays out once the fonts and the grid settle; the labels are then final.
        await page.evaluate(() => document.fonts.ready);
        await expect.poll(() => clippedTicks(page), { message: `${name} at ${viewport.width}×${viewport.height}`, timeout: 3_000 }).toEqual([]);
      }
    }
  });
}
