import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect, failOnPageErrorsAndLeakyLogs, test } from './fixtures.ts';
import type { EmulatorControl } from './fixtures.ts';
import type { Demo } from '../scripts/start-demo.ts';
import { byName, homeDevices, openWall, setAddress, setCapability, setUpWall, tile } from './wall-kit.ts';

// Accessibility: axe-core finds no serious or critical WCAG 2.1 A/AA problem on any
// screen in any theme, and a person with only a keyboard can reach and work a tile's switch.

failOnPageErrorsAndLeakyLogs();

const THEMES = ['light', 'dark', 'eink'] as const;

/**
 * axe-core over the whole page; fails with every serious or critical violation and where it is.
 * `coloursOnly`: a theme changes colours and nothing else, so after one full run the other themes
 * need only the rules that read colours (a full run of the home screen takes seconds).
 */
async function expectNoSeriousViolations(page: Page, testInfo: TestInfo, label: string, coloursOnly = false): Promise<void> {
  const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const results = await (coloursOnly ? axe.withRules(['color-contrast', 'link-in-text-block']) : axe).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (results.violations.length > 0) {
    await testInfo.attach(`axe-${label}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  }
  const described = serious.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} ${n.failureSummary?.split('\n')[1] ?? ''}`).slice(0, 8).join('\n')}`);
  expect(described, `${label}: serious or critical accessibility violations`).toEqual([]);
}

interface Screen {
  name: string;
  /** Arranges the browser before the first load; `?theme=` is added to the address it returns. */
  open(page: Page, demo: Demo, emulator: EmulatorControl): Promise<string>;
  /** Waits until what the screen shows has settled. */
  settled(page: Page): Promise<void>;
}

const SCREENS: Screen[] = [
  {
    name: 'the sign-in screen',
    open: async () => '?',
    settled: async (page) => {
      await expect(page.getByRole('button', { name: 'Sign in with Athom' })).toBeVisible();
      // The local form too, so its fields are checked.
      if (!(await page.locator('details[open]').count())) await page.getByText('Use a local API key instead').click();
      await expect(page.getByLabel('API key')).toBeVisible();
    },
  },
  {
    name: 'the home screen',
    open: async (page, _demo, emulator) => {
      await setUpWall(page, emulator);
      return '?';
    },
    settled: async (page) => {
      await expect(page.locator('article.tile').first()).toBeVisible();
      await expect(page.locator('.sparkline.is-loading')).toHaveCount(0);
    },
  },
  {
    // Every state's colour (an alarm too) on the wall density's large values and filled icons.
    name: 'the home screen on the wall density, with an alarm going off',
    open: async (page, _demo, emulator) => {
      await setCapability(emulator, byName(await homeDevices(emulator), 'Smoke detector hallway').id, 'alarm_smoke', true);
      await setUpWall(page, emulator, { density: 'wall' });
      return '?';
    },
    settled: async (page) => {
      await expect(page.locator('article.tile[data-state="alarm"]').first()).toBeVisible();
      await expect(page.locator('.tile-icon:not(:has(svg, img))')).toHaveCount(0);
    },
  },
  {
    name: 'a device page',
    open: async (page, _demo, emulator) => {
      await setUpWall(page, emulator);
      return `?device=${byName(await homeDevices(emulator), 'Living room climate').id}&`;
    },
    settled: async (page) => {
      await expect(page.locator('.insight-chart svg.recharts-surface').first()).toBeVisible();
      await expect(page.locator('.insight-chart-card[aria-busy=true]')).toHaveCount(0);
    },
  },
  {
    name: 'the settings',
    open: async (page, _demo, emulator) => {
      // A view, so the view editor and its ordered lists are checked too.
      const devices = await homeDevices(emulator);
      await setUpWall(page, emulator, { views: { kitchen: { zones: [], devices: [byName(devices, 'Office sensor').id, byName(devices, 'Bedside lamp').id] } } });
      return '?settings=1&';
    },
    settled: async (page) => {
      await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Move Office sensor down' })).toBeVisible();
    },
  },
];

test.describe('no serious accessibility problems', () => {
  for (const screen of SCREENS) {
    test(`on ${screen.name}, in the light, dark and e-ink themes`, async ({ page, demo, emulator }, testInfo) => {
      const search = await screen.open(page, demo, emulator);
      await page.goto(`${demo.dashboardUrl}${search}theme=${THEMES[0]}`);
      for (const theme of THEMES) {
        await test.step(`${theme} theme`, async () => {
          // The same screen, switched as a wall is: `?theme=` in its address.
          await setAddress(page, `${search}theme=${theme}`);
          await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
          await screen.settled(page);
          await expectNoSeriousViolations(page, testInfo, `${screen.name} (${theme})`, theme !== THEMES[0]);
        });
      }
    });
  }
});

test('with only a keyboard, Tab reaches a tile’s switch, its focus is plain to see, and Space and Enter work it', async ({ page, demo, emulator }) => {
  const coffee = byName(await homeDevices(emulator), 'Coffee machine');
  await setCapability(emulator, coffee.id, 'onoff', false);
  await setUpWall(page, emulator);
  await openWall(page, demo);
  const toggle = tile(page, coffee.id).getByRole('switch');
  await expect(toggle).toHaveAttribute('aria-checked', 'false');

  let reached = false;
  for (let presses = 0; presses < 60 && !reached; presses += 1) {
    await page.keyboard.press('Tab');
    reached = await toggle.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'Tab never reached the Coffee machine’s switch').toBe(true);
  const outline = await toggle.evaluate((el) => {
    const style = getComputedStyle(el);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);

  await page.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  await expect.poll(async () => byName(await homeDevices(emulator), 'Coffee machine').capabilitiesObj.onoff!.value).toBe(true);
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  await expect.poll(async () => byName(await homeDevices(emulator), 'Coffee machine').capabilitiesObj.onoff!.value).toBe(false);
});
