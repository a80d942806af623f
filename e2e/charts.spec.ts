import type { Locator, Page } from '@playwright/test';
import type { Demo } from '../scripts/start-demo.ts';
import { DEMO_USER, expect, signInThroughAthom, test } from './fixtures.ts';
import type { EmulatorControl } from './fixtures.ts';

// Insights charts (docs/decisions/003-insights-charts.md): each capability's history drawn the way its own `chartType`
// says, a range picker that asks the Homey for that resolution, outages as gaps, and a 24-hour
// sparkline on temperature tiles. The demo home's "Energy prices" device (on the "Home" Homey) has
// one app capability per chartType Homey knows.

interface WireCapability {
  type?: string;
  title?: string;
  chartType?: string;
  setable?: boolean;
}
interface WireDevice {
  id: string;
  name: string;
  capabilitiesObj: Record<string, WireCapability>;
}
interface WireLog {
  id: string;
  type: string;
  ownerUri: string;
  titleTrue: string | null;
  titleFalse: string | null;
}
interface WireEntries {
  values: { t: string; v: number | boolean | null }[];
}

/** What the Homey itself answers (its API with a full-access key), to know what the page should show. */
async function homeyApi<T>(emulator: EmulatorControl, path: string, homeyName = 'Home'): Promise<T> {
  const homey = emulator.homey(homeyName);
  const key = homey.apiKeys.find((k) => k.scopes.includes('homey'))?.token ?? homey.apiKeys[0]!.token;
  const response = await fetch(`${homey.localUrl}/api/manager/${path}`, { headers: { Authorization: `Bearer ${key}` } });
  if (!response.ok) throw new Error(`GET ${path} → ${response.status}`);
  return (await response.json()) as T;
}

async function deviceNamed(emulator: EmulatorControl, name: string): Promise<WireDevice> {
  const devices = await homeyApi<Record<string, WireDevice>>(emulator, 'devices/device');
  const device = Object.values(devices).find((d) => d.name === name);
  if (!device) throw new Error(`no device named ${name}`);
  return device;
}

/** Signs in as the demo user, who has two Homeys, and picks "Home". */
async function signInToHome(page: Page, demo: Demo): Promise<void> {
  await signInThroughAthom(page, demo, DEMO_USER);
  await page.getByRole('button', { name: /^Home\b/ }).click();
  await expect(page.locator('article.tile').first()).toBeVisible({ timeout: 20_000 });
}

function devicePage(demo: Demo, deviceId: string): string {
  const url = new URL(demo.dashboardUrl);
  url.searchParams.set('device', deviceId);
  return url.toString();
}

function chart(page: Page, capabilityTitle: string): Locator {
  return page.locator('figure.insight-chart-card').filter({ has: page.locator('figcaption', { hasText: new RegExp(`^${capabilityTitle.replace(/[()]/g, '\\$&')}$`) }) });
}

/** The points of an SVG path (`M`/`L` commands), and whether it has curves (`C`). */
async function pathShape(locator: Locator): Promise<{ moves: number; curved: boolean; axisAligned: boolean; points: number }> {
  const d = (await locator.first().getAttribute('d')) ?? '';
  const commands = [...d.matchAll(/([MLC])\s*([-\d.e]+)[ ,]([-\d.e]+)/g)];
  const points = commands.map((m) => ({ x: Number(m[2]), y: Number(m[3]) }));
  let axisAligned = true;
  for (let i = 1; i < commands.length; i++) {
    if (commands[i]![1] === 'M') continue;
    const a = points[i - 1]!;
    const b = points[i]!;
    if (Math.abs(a.x - b.x) > 0.01 && Math.abs(a.y - b.y) > 0.01) axisAligned = false;
  }
  return { moves: (d.match(/M/g) ?? []).length, curved: /C/.test(d), axisAligned, points: points.length };
}

/** The longest run of nulls with a value on both sides. */
function longestNullRunInside(values: readonly unknown[]): number {
  let longest = 0;
  let run = 0;
  let seenValue = false;
  for (const v of values) {
    if (v === null) {
      run += 1;
      continue;
    }
    if (seenValue) longest = Math.max(longest, run);
    seenValue = true;
    run = 0;
  }
  return longest;
}

/**
 * The entries requests the page makes from now on for one device's logs, as log id and resolution
 * (the home screen's sparklines ask for every temperature's last 24 h too).
 */
function watchEntryRequests(page: Page, deviceId: string): { logId: string; resolution: string | null }[] {
  const seen: { logId: string; resolution: string | null }[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    const match = /\/api\/manager\/insights\/log\/([^/]+)\/([^/]+)\/entry$/.exec(url.pathname);
    const logId = match ? decodeURIComponent(match[2]!) : '';
    if (logId.startsWith(`homey:device:${deviceId}:`)) seen.push({ logId, resolution: url.searchParams.get('resolution') });
  });
  return seen;
}

test('each capability’s history is drawn the way its chartType says', async ({ page, demo, emulator }) => {
  const energy = await deviceNamed(emulator, 'Energy prices');
  await page.setViewportSize({ width: 1280, height: 1000 });
  await signInToHome(page, demo);
  await page.goto(devicePage(demo, energy.id));

  const expected = [
    { title: 'Price now', chartType: 'line', shape: 'line', element: '.chart-line' },
    { title: 'Solar forecast', chartType: 'area', shape: 'area', element: '.chart-area' },
    { title: 'Tariff level', chartType: 'stepLine', shape: 'line', element: '.chart-line' },
    { title: 'Cost today', chartType: 'column', shape: 'bar', element: '.chart-bar' },
    { title: 'Average price (24 h)', chartType: 'spline', shape: 'line', element: '.chart-line' },
    { title: 'Grid load', chartType: 'splineArea', shape: 'area', element: '.chart-area' },
    { title: 'Signal', chartType: 'scatter', shape: 'scatter', element: '.chart-point' },
  ];
  for (const { title, chartType, shape, element } of expected) {
    // The device itself says which chart it wants.
    expect(Object.values(energy.capabilitiesObj).find((c) => c.title === title)?.chartType).toBe(chartType);
    const figure = chart(page, title);
    await expect(figure).toHaveAttribute('data-chart-kind', chartType);
    // Drawn across the plot: a flat line (a tariff that stayed put all day) has no height, so
    // "visible" (a box of some area) would call it missing.
    const drawn = figure.locator(`.chart-series[data-shape="${shape}"] ${element}`).first();
    await expect(drawn).toBeAttached({ timeout: 15_000 });
    await expect.poll(async () => (await drawn.boundingBox())?.width ?? 0, { message: `${title} is drawn` }).toBeGreaterThan(0);
    // …and nothing of another kind is drawn in its place.
    await expect(figure.locator('.chart-series'), `${title} draws one series`).toHaveCount(1);
    for (const other of ['.chart-bar', '.chart-point', '.chart-area']) {
      if (other !== element) await expect(figure.locator(other), `${title} draws no ${other}`).toHaveCount(0);
    }
  }

  // The curve: straight segments for line and area, smooth for the splines, steps for stepLine.
  expect((await pathShape(chart(page, 'Price now').locator('.chart-line'))).curved).toBe(false);
  expect((await pathShape(chart(page, 'Solar forecast').locator('.chart-area'))).curved).toBe(false);
  expect((await pathShape(chart(page, 'Average price (24 h)').locator('.chart-line'))).curved).toBe(true);
  expect((await pathShape(chart(page, 'Grid load').locator('.chart-area'))).curved).toBe(true);
  const steps = await pathShape(chart(page, 'Tariff level').locator('.chart-line'));
  expect(steps).toMatchObject({ curved: false, axisAligned: true });
  expect(steps.points).toBeGreaterThan(2);

  // Axis ticks carry the capability's units, with the digits their step needs.
  await expect(chart(page, 'Price now').locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').first()).toHaveText(/^\d(\.\d{1,3})?\s€\/kWh$/);
  await expect(chart(page, 'Grid load').locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').last()).toHaveText(/^100\s%$/);

  // A capability that never reported (Price tomorrow: value null) is a chart with nothing to draw.
  await expect(chart(page, 'Price tomorrow')).toHaveAttribute('data-chart-kind', 'line');
  await expect(chart(page, 'Price tomorrow')).toContainText('No values in this period.');
  await expect(chart(page, 'Price tomorrow').locator('.recharts-surface')).toHaveCount(0);
});

test('a motion sensor’s history steps between the sensor’s own words for on and off', async ({ page, demo, emulator }) => {
  const motion = await deviceNamed(emulator, 'Hallway motion');
  const logs = await homeyApi<Record<string, WireLog>>(emulator, 'insights/log');
  const log = logs[`homey:device:${motion.id}:alarm_motion`]!;
  expect(log.type).toBe('boolean');
  await signInToHome(page, demo);
  await page.goto(devicePage(demo, motion.id));

  const figure = page.locator(`figure[data-log-id="${log.id}"]`);
  await expect(figure).toHaveAttribute('data-chart-kind', 'boolean');
  await expect(figure.locator('.chart-line')).toBeVisible({ timeout: 15_000 });
  const ticks = figure.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await expect(ticks).toHaveCount(2);
  const labels = (await ticks.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  expect(labels).toEqual([log.titleFalse ?? 'Off', log.titleTrue ?? 'On']);
  const shape = await pathShape(figure.locator('.chart-line'));
  expect(shape).toMatchObject({ curved: false, axisAligned: true });
});

test('a chart reads out the value under the pointer, and with the keyboard steps through its values', async ({ page, demo, emulator }) => {
  const energy = await deviceNamed(emulator, 'Energy prices');
  await signInToHome(page, demo);
  await page.goto(devicePage(demo, energy.id));
  const figure = chart(page, 'Price now');
  await expect(figure.locator('.chart-line')).toBeVisible({ timeout: 15_000 });
  const plot = figure.locator('.insight-chart');
  const tooltip = figure.locator('.chart-tooltip');

  // The pointer: time and value with the capability's units, gone when the pointer leaves.
  await figure.scrollIntoViewIfNeeded();
  await expect(async () => {
    const box = (await figure.locator('.recharts-surface').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    await expect(tooltip).toContainText(/Price now: \d\.\d{3}\s€\/kWh/, { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await page.mouse.move(0, 0);
  await expect(tooltip).toHaveCount(0);

  // The keyboard: the chart takes focus; Home is the oldest value, End the newest, the arrows step.
  await plot.focus();
  await expect(plot).toBeFocused();
  await page.keyboard.press('Home');
  const oldest = await tooltip.textContent();
  await page.keyboard.press('ArrowRight');
  const next = await tooltip.textContent();
  await page.keyboard.press('End');
  const newest = await tooltip.textContent();
  expect(new Set([oldest, next, newest]).size).toBe(3);
  await page.keyboard.press('ArrowLeft');
  await expect(tooltip).not.toHaveText(newest!);
  await page.keyboard.press('Escape');
  await expect(tooltip).toHaveCount(0);
});

test('the range picker asks the Homey for the chosen resolution, by tap or by keyboard', async ({ page, demo, emulator }) => {
  const energy = await deviceNamed(emulator, 'Energy prices');
  await signInToHome(page, demo);
  // Leave the home screen first, so none of its sparkline requests is counted as the device page's.
  await page.goto('about:blank');
  const requests = watchEntryRequests(page, energy.id);
  await page.goto(devicePage(demo, energy.id));

  // One chart per log the Homey keeps for this device, however many the demo home gives it.
  const logs = await homeyApi<Record<string, { ownerUri?: string }>>(emulator, 'insights/log');
  const charts = Object.values(logs).filter((log) => log.ownerUri === `homey:device:${energy.id}`).length;
  expect(charts).toBeGreaterThanOrEqual(8);
  const figures = page.locator('figure.insight-chart-card');
  await expect(figures).toHaveCount(charts);
  const logIds = (await figures.evaluateAll((fs) => fs.map((f) => f.getAttribute('data-log-id')))).sort();
  const range = page.getByRole('group', { name: 'Time range' });
  await expect(range.getByRole('button', { name: '24 hours' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('figure[data-resolution="last24Hours"]')).toHaveCount(charts, { timeout: 15_000 });
  const asked = (resolution: string) => [...new Set(requests.filter((r) => r.resolution === resolution).map((r) => r.logId))].sort();
  expect(asked('last24Hours')).toEqual(logIds);
  expect(asked('last7Days')).toEqual([]);

  await range.getByRole('button', { name: '7 days' }).click();
  await expect(range.getByRole('button', { name: '7 days' })).toHaveAttribute('aria-pressed', 'true');
  await expect(range.getByRole('button', { name: '24 hours' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('figure[data-resolution="last7Days"]')).toHaveCount(charts, { timeout: 15_000 });
  expect(asked('last7Days')).toEqual(logIds);
  // A week reads by day on the time axis.
  await expect(chart(page, 'Price now').locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').first()).toHaveText(/^[A-Z][a-z]{2} \d{1,2}$/);

  // From the focused "7 days", Tab reaches "31 days" and Enter chooses it.
  await page.keyboard.press('Tab');
  await expect(range.getByRole('button', { name: '31 days' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(range.getByRole('button', { name: '31 days' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('figure[data-resolution="last31Days"]')).toHaveCount(charts, { timeout: 15_000 });
  expect(asked('last31Days')).toEqual(logIds);

  await range.getByRole('button', { name: 'This year' }).click();
  await expect(page.locator('figure[data-resolution="thisYear"]')).toHaveCount(charts, { timeout: 15_000 });
  await range.getByRole('button', { name: '1 hour' }).click();
  await expect(page.locator('figure[data-resolution="lastHour"]')).toHaveCount(charts, { timeout: 15_000 });
  // Every request asked for one of the ranges on offer, and only the Homey's own resolution names.
  expect(new Set(requests.map((r) => r.resolution))).toEqual(new Set(['last24Hours', 'last7Days', 'last31Days', 'thisYear', 'lastHour']));
});

test('an outage in a sensor’s history is a gap in its line, not a drop to zero', async ({ page, demo, emulator }) => {
  // Find a logged number on the Home Homey whose last 24 h hold an outage well longer than its
  // rhythm (the emulator's history has outages of 20 min to 4 h), drawn as a line or area.
  const devices = await homeyApi<Record<string, WireDevice>>(emulator, 'devices/device');
  const logs = await homeyApi<Record<string, WireLog>>(emulator, 'insights/log');
  let found: { device: WireDevice; log: WireLog; title: string } | undefined;
  for (const log of Object.values(logs)) {
    if (log.type !== 'number' || !log.ownerUri.startsWith('homey:device:')) continue;
    const device = devices[log.ownerUri.slice('homey:device:'.length)];
    const capability = device?.capabilitiesObj[log.id.slice(log.ownerUri.length + 1)];
    if (!device || !capability || ['column', 'scatter'].includes(capability.chartType ?? '')) continue;
    const entries = await homeyApi<WireEntries>(emulator, `insights/log/${log.ownerUri}/${log.id}/entry?resolution=last24Hours`);
    // Eight empty 5-minute buckets in a row between two values: 45 minutes without a report.
    if (longestNullRunInside(entries.values.map((p) => p.v)) >= 8) {
      found = { device, log, title: capability.title ?? '' };
      break;
    }
  }
  expect(found, 'the demo home has an outage in some log within the last 24 h').toBeDefined();
  const { device, log } = found!;

  await signInToHome(page, demo);
  await page.goto(devicePage(demo, device.id));
  const figure = page.locator(`figure[data-log-id="${log.id}"]`);
  const curve = figure.locator('.chart-line');
  await expect(curve).toBeVisible({ timeout: 15_000 });
  const shape = await pathShape(curve);
  // The line stops at the outage and starts again after it.
  expect(shape.moves).toBeGreaterThanOrEqual(2);
});

test('a history that fails to load says so in its place; the page and the other charts stay', async ({ page, demo, emulator }) => {
  const energy = await deviceNamed(emulator, 'Energy prices');
  const home = emulator.homey('Home');
  await emulator.call('POST', '/__emulator/faults', { target: `homey:${home.id}`, path: '*:price_now/entry', kind: 'status', status: 500, durationMs: 120_000 });
  await signInToHome(page, demo);
  await page.goto(devicePage(demo, energy.id));

  await expect(chart(page, 'Price now')).toContainText(/could not be loaded/, { timeout: 15_000 });
  await expect(chart(page, 'Solar forecast').locator('.chart-area')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator(`article.tile[data-device-id="${energy.id}"]`)).toBeVisible();

  // The Homey answers again: the chart comes back by itself (retried with back-off).
  await emulator.call('DELETE', '/__emulator/faults');
  await expect(chart(page, 'Price now').locator('.chart-line')).toBeVisible({ timeout: 20_000 });
  await expect(chart(page, 'Price now')).not.toContainText(/could not be loaded/);
});

test('the wall never downloads the chart library; a device page fetches it when opened', async ({ page, demo, emulator }) => {
  const energy = await deviceNamed(emulator, 'Energy prices');
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await signInToHome(page, demo);
  await page.waitForLoadState('networkidle');
  expect(scripts.filter((url) => /recharts/i.test(url))).toEqual([]);

  await page.goto(devicePage(demo, energy.id));
  await expect(chart(page, 'Price now').locator('.chart-line')).toBeVisible({ timeout: 15_000 });
  expect(scripts.some((url) => /recharts/i.test(url))).toBe(true);
});

test('a temperature on its device page shows its last 24 hours, from the same request as its chart', async ({ page, demo, emulator }) => {
  const climate = await deviceNamed(emulator, 'Living room climate');
  await signInToHome(page, demo);
  // Leave the home screen first, so none of its sparkline requests is counted as the device page's.
  await page.goto('about:blank');
  const requests = watchEntryRequests(page, climate.id);
  await page.goto(devicePage(demo, climate.id));

  const sparkline = page.locator(`article.tile[data-device-id="${climate.id}"] [data-capability="measure_temperature"] .sparkline`);
  await expect(sparkline).toBeVisible({ timeout: 15_000 });
  await expect(sparkline.getByRole('img', { name: /^(rising|falling|steady)$/ })).toHaveText(/^[↑↓→]$/);
  await expect(sparkline.locator('.sparkline-min')).toHaveText(/°C$/);
  expect(await sparkline.locator('svg path').getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+L/);
  await expect(page.locator(`figure[data-log-id="homey:device:${climate.id}:measure_temperature"] .chart-line`)).toBeVisible({ timeout: 15_000 });
  // The sparkline and the 24-hour chart share one query.
  expect(requests.filter((r) => r.logId.endsWith(':measure_temperature') && r.resolution === 'last24Hours')).toHaveLength(1);
});

test('temperature tiles on the home screen show a 24-hour sparkline with min, max and trend', async ({ page, demo, emulator }) => {
  const climate = await deviceNamed(emulator, 'Living room climate');
  await signInToHome(page, demo);
  const tile = page.locator(`article.tile[data-device-id="${climate.id}"]`);
  await expect(tile).toBeVisible();
  const sparkline = tile.locator('.sparkline').first();
  await expect(sparkline).toBeVisible({ timeout: 15_000 });
  await expect(sparkline.getByRole('img', { name: /^(rising|falling|steady)$/ })).toBeVisible();
  await expect(sparkline.locator('.sparkline-max')).toHaveText(/°C$/);
});
