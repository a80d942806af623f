import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { startDemo } from '../scripts/start-demo.ts';
import type { Demo } from '../scripts/start-demo.ts';
import { expect, signInThroughAthom, test } from './fixtures.ts';

// A home whose every name and title is hostile (emulator/fixtures/hostile-home.json): markup with
// event handlers that would set window.__pwned and open a dialog, javascript: URLs, RTL overrides,
// zero-width characters, a 10 KB name, emoji, __proto__ and constructor. Everything must be shown
// as the very text the Homey sent, nothing may run, and the page must keep its shape.
//
// The page's Content-Security-Policy is bypassed here on purpose: it would block an injected
// handler anyway (and security.spec.ts shows it holds), so only with it off does "nothing ran"
// prove that the rendering itself never turns a name into markup.

const root = resolve(fileURLToPath(import.meta.url), '../..');
const FIXTURE = resolve(root, 'emulator/fixtures/hostile-home.json');

interface FixtureCapability {
  id: string;
  type: string;
  value: unknown;
  title: string;
  units: string | null;
  setable: boolean;
  insights: boolean;
  titleTrue?: string;
  titleFalse?: string;
  values?: { id: string; title: string }[];
}
interface FixtureDevice {
  id: string;
  name: string;
  zone: string;
  capabilitiesObj: Record<string, FixtureCapability>;
}
interface FixtureHomey {
  name: string;
  zones: Record<string, { name: string }>;
  devices: Record<string, FixtureDevice>;
  flows: Record<string, { name: string }>;
  advancedFlows: Record<string, { name: string }>;
  weather: { city: string; state: string };
}
const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { users: { email: string; password: string }[]; homeys: FixtureHomey[] };
const home = fixture.homeys[0]!;
const cabin = fixture.homeys[1]!;
const user = fixture.users[0]!;
const devices = Object.values(home.devices);
const capabilities = devices.flatMap((d) => Object.values(d.capabilitiesObj));
const byName = (pattern: RegExp) => devices.find((d) => pattern.test(d.name))!;

test.use({ viewport: { width: 1280, height: 800 }, bypassCSP: true });

let demo: Demo;
test.beforeAll(async () => {
  demo = await startDemo({ fixture: FIXTURE, port: 0, dashboardPort: 0, simulationIntervalMs: 0 });
});
test.afterAll(async () => {
  await demo?.close();
});

/** Dialogs opened and errors thrown by the page, however briefly. */
function watchForPayloads(page: Page): { dialogs: string[]; errors: string[] } {
  const seen = { dialogs: [] as string[], errors: [] as string[] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  return seen;
}

async function signIn(page: Page): Promise<void> {
  await signInThroughAthom(page, demo, user);
  const choices = page.locator('.homey-picker .homey-name');
  await expect(choices).toHaveCount(2);
  expect(await textsOf(page, '.homey-picker .homey-name')).toEqual([home.name, cabin.name]);
  await page.locator('.homey-picker button').first().click();
  await expect(page.locator('article.tile').first()).toBeVisible();
}

/** The exact text of every match: no whitespace folding, so a dropped zero-width character shows. */
function textsOf(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) => elements.map((element) => element.textContent ?? ''));
}

/** SVG text may be split into lines (tspans) at spaces; compare without whitespace. */
const squash = (text: string) => text.replace(/\s+/g, '');

async function expectNothingRan(page: Page, seen: { dialogs: string[]; errors: string[] }): Promise<void> {
  expect(seen.dialogs).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  // The app's own images are device icons: alt="", in a tile's icon box, from the icon host, named by a hex id.
  const ownIcon = `^${`${demo.emulator.cloudUrl}/icons/`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[0-9a-f]+-128\\.png$`;
  const injected = await page.evaluate((ownIconPattern) =>
    [...document.querySelectorAll('body *')]
      .filter(
        (element) =>
          (element.tagName === 'IMG' && !(element.parentElement?.matches('.tile-icon.is-own') && element.getAttribute('alt') === '' && new RegExp(ownIconPattern).test(element.getAttribute('src') ?? ''))) ||
          ['IFRAME', 'OBJECT', 'EMBED'].includes(element.tagName) ||
          (element.tagName === 'SCRIPT' && !element.hasAttribute('src')) ||
          element.tagName === 'STYLE' ||
          [...element.attributes].some((a) => /^on/i.test(a.name) || (/^(href|src|action|formaction|xlink:href|data)$/i.test(a.name) && /^\s*javascript:/i.test(a.value))) ||
          // The app's only SVG are its charts and sparklines, which never carry a name, and its own
          // drawings (icons), each alone in its aria-hidden box.
          (element.tagName === 'svg' && !element.closest('.insight-chart, .sparkline') && !element.classList.contains('sparkline') && !(element.parentElement?.matches('span.icon[aria-hidden="true"]') && element.classList.contains('lucide'))),
      )
      .map((element) => `<${element.tagName.toLowerCase()}${[...element.attributes].map((a) => ` ${a.name}="${a.value.slice(0, 60)}"`).join('')}>`),
    ownIcon,
  );
  expect(injected).toEqual([]);
  expect(await page.title()).toBe('Homey wall dashboard');
}

/**
 * No horizontal scrolling at 1280×800, and every box that shows a name keeps its text inside
 * (wrapped, or clipped by the box itself), within the screen's width.
 */
async function expectLayoutIntact(page: Page): Promise<void> {
  const layout = await page.evaluate(() => {
    const escapes: string[] = [];
    const boxes = 'article.tile, .tile-name, .capability, .flow-button, .zone-section h2, h1, .homey-picker button, .weather, figcaption, .insight-chart';
    for (const box of document.querySelectorAll<HTMLElement>(boxes)) {
      const clipped = ['hidden', 'clip'].includes(getComputedStyle(box).overflowX);
      const { left, right } = box.getBoundingClientRect();
      if ((!clipped && box.scrollWidth > box.clientWidth + 1) || left < 0 || right > window.innerWidth) {
        escapes.push(`${box.tagName.toLowerCase()}.${box.className}: ${box.scrollWidth} px of content in ${box.clientWidth} px at ${Math.round(left)}–${Math.round(right)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, escapes };
  });
  expect(layout.escapes).toEqual([]);
  expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
}

test('hostile names on the home screen are shown as the text the Homey sent, run nothing and keep the layout', async ({ page }) => {
  const seen = watchForPayloads(page);
  await signIn(page);

  expect(await textsOf(page, 'h1.homey-name')).toEqual([home.name]);
  // The weather is read beside the devices and may come a moment after the first tile.
  await expect(page.locator('.weather-city')).toHaveCount(1);
  expect(await textsOf(page, '.weather-city')).toEqual([home.weather.city]);
  expect(await textsOf(page, '.weather-state')).toEqual([home.weather.state]);

  const tileNames = await textsOf(page, 'article.tile .tile-name');
  for (const device of devices) expect(tileNames, 'a tile shows the name').toContain(device.name);
  // Every zone is named: by its heading, or, for a zone whose devices are all favourites (shown
  // once, first), on their tiles.
  const zoneNames = [...(await textsOf(page, '.zone-section h2')), ...(await textsOf(page, 'article.tile .tile-zone'))];
  for (const zone of Object.values(home.zones)) expect(zoneNames).toContain(zone.name);
  const flowNames = await textsOf(page, '.flow-name');
  expect(flowNames.sort()).toEqual([...Object.values(home.flows), ...Object.values(home.advancedFlows)].map((f) => f.name).sort());

  const titles = [...(await textsOf(page, '.capability-title')), ...(await textsOf(page, '.capability-button button'))];
  for (const capability of capabilities) expect(titles, `the title of ${capability.id}`).toContain(capability.title);
  const units = await textsOf(page, '.units');
  // (A 0–1 percentage is shown by its slider as one text, "42 %".)
  for (const capability of capabilities.filter((c) => c.units && c.type === 'number' && c.units !== '%')) {
    expect(units, `the units of ${capability.id}`).toContain(capability.units);
  }
  // Blinds' up/stop/down are drawings named by their titles (aria-label, an attribute: text, never markup).
  const ternaryNames = await page.locator('.ternary button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent ?? ''));
  const options = [...(await textsOf(page, 'select option')), ...ternaryNames];
  for (const value of capabilities.flatMap((c) => c.values ?? [])) expect(options).toContain(value.title);
  const shownValues = [...(await textsOf(page, '.capability .value')), ...(await textsOf(page, '[role="switch"]'))];
  for (const capability of capabilities.filter((c) => c.type === 'boolean' && c.titleTrue)) {
    expect(shownValues, `${capability.id} says its own title for ${String(capability.value)}`).toContain(capability.value ? capability.titleTrue : capability.titleFalse);
  }

  // A toggle with hostile titles answers like any other.
  const lamp = page.locator(`article.tile[data-device-id="${byName(/^<img/).id}"]`).first().getByRole('switch');
  await lamp.click();
  await expect(lamp).toHaveAttribute('aria-checked', 'true');
  expect(await lamp.evaluate((element) => element.textContent)).toBe(byName(/^<img/).capabilitiesObj.onoff!.titleTrue);

  await expectNothingRan(page, seen);
  await expectLayoutIntact(page);
});

test('hostile titles and units on a device page are shown as text in its charts, axes and tooltips', async ({ page }) => {
  const seen = watchForPayloads(page);
  await signIn(page);
  const sensor = byName(/^"><svg/);
  const temperature = sensor.capabilitiesObj.measure_temperature!;
  const motion = sensor.capabilitiesObj.alarm_motion!;

  await page.goto(`${demo.dashboardUrl}?device=${sensor.id}`);
  const cards = page.locator('figure.insight-chart-card');
  await expect(cards).toHaveCount(2);
  await expect(page.locator('.insight-chart .recharts-surface')).toHaveCount(2, { timeout: 15_000 });
  expect((await textsOf(page, 'figure.insight-chart-card figcaption')).sort()).toEqual([temperature.title, motion.title].sort());

  // The boolean's axis reads its two titles; the number's ticks carry its units.
  const valueTicks = (card: Locator) => card.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').evaluateAll((ticks) => ticks.map((t) => t.textContent ?? ''));
  const motionCard = page.locator(`figure.insight-chart-card[data-log-id$=":alarm_motion"]`);
  await expect.poll(async () => (await valueTicks(motionCard)).map(squash).sort()).toEqual([squash(motion.titleFalse!), squash(motion.titleTrue!)].sort());
  const temperatureCard = page.locator(`figure.insight-chart-card[data-log-id$=":measure_temperature"]`);
  await expect.poll(async () => (await valueTicks(temperatureCard)).length).toBeGreaterThan(1);
  for (const tick of await valueTicks(temperatureCard)) expect(squash(tick)).toContain(squash(temperature.units!));

  // A tooltip names the capability and shows the value with its units, as text.
  for (const [card, capability] of [
    [temperatureCard, temperature],
    [motionCard, motion],
  ] as const) {
    const tooltip = card.locator('.chart-tooltip');
    // A spot in a gap of the history has no tooltip: sweep until the pointer meets a value.
    let spot = 0;
    await expect(async () => {
      spot += 1;
      const box = (await card.locator('.recharts-surface').boundingBox())!;
      await page.mouse.move(box.x + box.width * (0.3 + ((spot * 0.13) % 0.6)), box.y + box.height / 2);
      await expect(tooltip).toContainText(/\S/, { timeout: 500 });
    }).toPass({ timeout: 10_000 });
    const text = await tooltip.evaluate((element) => element.textContent ?? '');
    expect(text).toContain(capability.title);
    if (capability.type === 'number') expect(text).toContain(capability.units!);
    else expect([capability.titleTrue, capability.titleFalse].some((title) => text.includes(title!))).toBe(true);
    // The tooltip wraps a long title rather than reaching past the screen.
    const shown = (await tooltip.boundingBox())!;
    expect(shown.x).toBeGreaterThanOrEqual(0);
    expect(shown.x + shown.width).toBeLessThanOrEqual(1280);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  }
  await page.mouse.move(0, 0);
  await expectNothingRan(page, seen);
  await expectLayoutIntact(page);

  // The pages of the devices with 10 KB texts (a name, an enum title, a chart title) keep their shape.
  for (const device of [byName(/^Lo{100}/), byName(/^javascript:/)]) {
    await page.goto(`${demo.dashboardUrl}?device=${device.id}`);
    await expect(page.locator('.insight-chart .recharts-surface').first()).toBeVisible();
    expect(await textsOf(page, '.tile-name')).toEqual([device.name]);
    const captions = await textsOf(page, 'figure.insight-chart-card figcaption');
    for (const capability of Object.values(device.capabilitiesObj).filter((c) => c.insights)) expect(captions).toContain(capability.title);
    await expectNothingRan(page, seen);
    await expectLayoutIntact(page);
  }
});
