import type { Page } from '@playwright/test';
import { expect, failOnPageErrorsAndLeakyLogs, test } from './fixtures.ts';
import { byName, homeDevices, homeZones, openWall, saveScreenshot, setAddress, setCapability, setUpWall, tile } from './wall-kit.ts';

// The wall at a glance: every tile has an icon (the Homey's own from the icon host, else the
// dashboard's), states are colour and words, the home summary counts what the emulator's home holds.
// Nothing is fetched from anywhere but loopback: the demo's icon host is the emulator.

failOnPageErrorsAndLeakyLogs();

/** Every request the page makes that is not to loopback (data: URLs are not requests). */
function watchOutsideRequests(page: Page): string[] {
  const outside: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.hostname !== '127.0.0.1') outside.push(request.url());
  });
  return outside;
}

test.describe('icons', () => {
  test('every tile shows an icon: the Homey’s own where it names one, the dashboard’s where it does not, without a request beyond loopback', async ({ page, demo, emulator }) => {
    const outside = watchOutsideRequests(page);
    await setUpWall(page, emulator);
    await openWall(page, demo);
    const devices = await homeDevices(emulator);
    const tiles = page.locator('article.tile[data-device-id]');
    const shown = await tiles.evaluateAll((all) => all.map((t) => t.getAttribute('data-device-id')));
    expect(new Set(shown).size).toBe(devices.length);
    // Every tile has exactly one icon: a loaded image or a drawn one.
    await expect
      .poll(() =>
        tiles.evaluateAll((all) =>
          all.filter((t) => {
            const img = t.querySelector<HTMLImageElement>('.tile-icon img');
            if (img) return !(img.complete && img.naturalWidth > 0);
            return t.querySelector('.tile-icon svg') === null;
          }).length,
        ),
      )
      .toBe(0);
    const named = devices.filter((d) => (d as { iconObj?: { id: string } | null }).iconObj);
    expect(named.length).toBeGreaterThan(20);
    const sample = named[0]!;
    const img = tile(page, sample.id).locator('.tile-icon img');
    await expect(img).toHaveAttribute('alt', '');
    await expect(img).toHaveAttribute('src', `${emulator.cloudUrl}/icons/${(sample as unknown as { iconObj: { id: string } }).iconObj.id}-128.png`);
    // An app's device that names no icon gets the dashboard's, for its class.
    const energy = byName(devices, 'Energy prices');
    await expect(tile(page, energy.id).locator('.tile-icon svg')).toBeVisible();
    expect(outside).toEqual([]);
  });

  test('an icon the icon host does not have gives way to the dashboard’s own', async ({ page, demo, emulator }) => {
    const devices = await homeDevices(emulator);
    const lamp = byName(devices, 'Garden lights') as unknown as { id: string; iconObj: { id: string } };
    // The icon host answers 404 for this one icon (as Athom's does for an id it does not know).
    await page.route(`${emulator.cloudUrl}/icons/${lamp.iconObj.id}-128.png`, (route) => route.fulfill({ status: 404, body: 'Not Found' }));
    await setUpWall(page, emulator);
    await openWall(page, demo);
    const icon = tile(page, lamp.id).locator('.tile-icon');
    await expect(icon.locator('svg')).toBeVisible();
    await expect(icon.locator('img')).toHaveCount(0);
    // Off: the light's own drawing says so.
    await expect(icon).toHaveAttribute('data-icon', 'lightbulb-off');
  });
});

test.describe('state as colour and shape, words as confirmation', () => {
  test('on, off, open, motion, alarm and a low battery differ in the DOM, and alarms say their own words', async ({ page, demo, emulator }) => {
    await setUpWall(page, emulator);
    await openWall(page, demo);
    const devices = await homeDevices(emulator);
    const state = (name: string) => tile(page, byName(devices, name).id);
    await expect(state('Coffee machine')).toHaveAttribute('data-state', 'on');
    await expect(state('Garden lights')).toHaveAttribute('data-state', 'off');
    await expect(state('Kitchen window')).toHaveAttribute('data-state', 'open');
    await expect(state('Kitchen window').locator('[data-capability="alarm_contact"] .capability-value')).toHaveText('Open');
    await expect(state('Front door').locator('[data-capability="alarm_contact"] .capability-value')).toHaveText('Closed');
    await expect(state('Kitchen motion')).toHaveAttribute('data-state', 'motion');
    await expect(state('Kitchen motion')).toHaveAttribute('data-battery', 'low');
    await expect(state('Kitchen motion').locator('[data-capability="alarm_motion"] .capability-value')).toHaveText('Motion');
    await expect(state('Hallway motion').locator('[data-capability="alarm_motion"] .capability-value')).toHaveText('No motion');
    // The state's colour reaches the icon: a filled circle, not the plain one of a device at rest.
    const fill = (name: string) => state(name).locator('.tile-icon').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await fill('Coffee machine')).not.toBe(await fill('Garden lights'));

    const smoke = byName(devices, 'Smoke detector hallway');
    await expect(tile(page, smoke.id)).not.toHaveAttribute('data-state', 'alarm');
    await setCapability(emulator, smoke.id, 'alarm_smoke', true);
    await expect(tile(page, smoke.id)).toHaveAttribute('data-state', 'alarm', { timeout: 15_000 });
    await expect(tile(page, smoke.id).locator('[data-capability="alarm_smoke"] .capability-value')).toHaveText('Alarm');
    expect(await fill('Smoke detector hallway')).not.toBe(await fill('Coffee machine'));
  });

  test('a toggle is a switch; blinds and a player are buttons with drawings and names', async ({ page, demo, emulator }) => {
    await setUpWall(page, emulator);
    await openWall(page, demo);
    const devices = await homeDevices(emulator);
    const coffee = tile(page, byName(devices, 'Coffee machine').id);
    const power = coffee.getByRole('switch', { name: 'Turned on' });
    await expect(power).toHaveAttribute('aria-checked', 'true');
    await expect(power.locator('.switch-track')).toHaveCount(1);
    await expect(power).toContainText('On');

    const blinds = tile(page, byName(devices, 'Living room blinds').id);
    for (const name of ['Up', 'Idle', 'Down']) await expect(blinds.getByRole('button', { name, exact: true }).locator('svg')).toBeVisible();
    await expect(blinds.getByRole('button', { name: 'Idle', exact: true })).toHaveAttribute('aria-pressed', 'true');

    const speaker = tile(page, byName(devices, 'Kitchen speaker').id);
    const player = speaker.getByRole('group', { name: 'Media' });
    await expect(player.getByRole('button', { name: /previous/i }).locator('svg')).toBeVisible();
    await expect(player.getByRole('button', { name: /next/i }).locator('svg')).toBeVisible();
    const play = player.getByRole('switch');
    await expect(play).toHaveAttribute('aria-checked', 'true');
    await expect(play.locator('[data-icon="pause"] svg')).toBeVisible();
  });
});

test.describe('the home at a glance', () => {
  test('the summary counts what the emulator’s home holds, follows a change, and shows the devices behind a figure', async ({ page, demo, emulator }) => {
    await setUpWall(page, emulator);
    await openWall(page, demo);
    const devices = (await homeDevices(emulator)) as (Awaited<ReturnType<typeof homeDevices>>[number] & { class: string; available?: boolean })[];
    const value = (d: (typeof devices)[number], id: string) => d.capabilitiesObj[id]?.value;
    const lightsOn = devices.filter((d) => d.class === 'light' && value(d, 'onoff') === true);
    const open = devices.filter((d) => value(d, 'alarm_contact') === true);
    const low = devices.filter((d) => value(d, 'alarm_battery') === true || (typeof value(d, 'measure_battery') === 'number' && (value(d, 'measure_battery') as number) <= 15));
    const summary = page.getByRole('region', { name: 'Home at a glance' });
    const figure = (key: string) => summary.locator(`[data-summary="${key}"] .summary-value`);
    await expect(figure('lightsOn')).toHaveText(String(lightsOn.length));
    await expect(figure('open')).toHaveText(String(open.length));
    await expect(figure('alarms')).toHaveText('0');
    await expect(figure('lowBattery')).toHaveText(String(low.length));
    const meter = devices.find((d) => d.name === 'Smart meter')!;
    await expect(figure('power')).toHaveText(`${Math.round(value(meter, 'measure_power') as number).toLocaleString('en')}\u00a0W`);

    // Live: a lamp switched on at the Homey is counted at the next poll.
    const garden = byName(devices, 'Garden lights');
    await setCapability(emulator, garden.id, 'onoff', true);
    await expect(figure('lightsOn')).toHaveText(String(lightsOn.length + 1), { timeout: 15_000 });

    // A tap shows the devices behind the figure, and only those; "Show all" brings the rest back.
    await summary.getByRole('button', { name: /Lights on/ }).click();
    await expect(summary.getByRole('button', { name: /Lights on/ })).toHaveAttribute('aria-pressed', 'true');
    const shown = async () => new Set(await page.locator('article.tile[data-device-id]').evaluateAll((all) => all.map((t) => t.getAttribute('data-device-id'))));
    await expect.poll(shown).toEqual(new Set([...lightsOn.map((d) => d.id), garden.id]));
    await summary.getByRole('button', { name: 'Show all devices' }).click();
    await expect.poll(async () => (await shown()).size).toBe(devices.length);
  });
});

test.describe('zones that say something', () => {
  test('a zone heading carries the temperature and humidity measured in it, and badges for lights on, open and alarms', async ({ page, demo, emulator }) => {
    await setUpWall(page, emulator);
    await openWall(page, demo);
    const devices = await homeDevices(emulator);
    const zones = await homeZones(emulator);
    const bedroom = byName(zones, 'Bedroom');
    const inBedroom = devices.filter((d) => d.zone === bedroom.id);
    const temperatures = inBedroom.map((d) => d.capabilitiesObj.measure_temperature?.value).filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
    const middle = Math.floor(temperatures.length / 2);
    const median = temperatures.length % 2 ? temperatures[middle]! : (temperatures[middle - 1]! + temperatures[middle]!) / 2;
    const heading = page.locator('.zone-heading').filter({ has: page.getByRole('heading', { name: 'Bedroom', exact: true }) });
    await expect(heading.locator('[data-zone-fact="temperature"]')).toHaveText(`Temperature: ${median.toFixed(1)}\u00a0°C`);
    await expect(heading.locator('[data-zone-fact="humidity"]')).toContainText('%');

    const kitchen = page.locator('.zone-heading').filter({ has: page.getByRole('heading', { name: 'Kitchen', exact: true }) });
    // The kitchen window is open in the demo home; the leak sensor raises an alarm.
    await expect(kitchen.locator('[data-zone-badge="open"]')).toHaveText('1 open');
    await expect(kitchen.locator('[data-zone-badge="alarms"]')).toHaveCount(0);
    await setCapability(emulator, byName(devices, 'Dishwasher leak sensor').id, 'alarm_water', true);
    await expect(kitchen.locator('[data-zone-badge="alarms"]')).toHaveText('1 alarms', { timeout: 15_000 });
  });
});

test.describe('every size in every theme', () => {
  test('the glance reads whole at 360×740, 800×1280, 1280×800 and 1920×1080 in light, dark and e-ink: nothing wider than the screen, no text cut', async ({ page, demo, emulator }, testInfo) => {
    await page.clock.setFixedTime(new Date());
    await setUpWall(page, emulator);
    await openWall(page, demo);
    for (const theme of ['light', 'dark', 'eink'] as const) {
      await setAddress(page, `?theme=${theme}`);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      for (const [width, height] of [
        [360, 740],
        [800, 1280],
        [1280, 800],
        [1920, 1080],
      ] as const) {
        await test.step(`${theme} ${width}×${height}`, async () => {
          await page.setViewportSize({ width, height });
          await page.evaluate(() => window.scrollTo(0, 0));
          // Every icon has arrived (the built-in drawings are a chunk of their own).
          await expect(page.locator('.tile-icon:not(:has(svg, img))')).toHaveCount(0);
          const problems = await page.evaluate(() => {
            const out: string[] = [];
            if (document.documentElement.scrollWidth > window.innerWidth) out.push(`page ${document.documentElement.scrollWidth}px wide`);
            // Text cut by its own box: wider or taller than the box shows.
            for (const el of document.querySelectorAll<HTMLElement>('.summary-value, .summary-label, .tile-name, .capability-value, .capability-title, .zone-heading h2, .zone-fact, .switch-text')) {
              const style = getComputedStyle(el);
              if (style.position === 'absolute') continue;
              if (el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'visible') out.push(`cut sideways: ${el.className} "${el.textContent?.slice(0, 30)}"`);
              if (el.scrollHeight > el.clientHeight + 1 && style.overflowY !== 'visible') out.push(`cut below: ${el.className} "${el.textContent?.slice(0, 30)}"`);
            }
            // A figure's value and name stay inside its box.
            for (const el of document.querySelectorAll<HTMLElement>('.summary-value, .summary-label')) {
              const box = el.getBoundingClientRect();
              const figure = el.closest('.summary-figure')!.getBoundingClientRect();
              if (box.right > figure.right + 1 || box.left < figure.left - 1 || el.scrollWidth > el.clientWidth + 1) out.push(`out of its figure: "${el.textContent}"`);
            }
            // The summary's figures side by side never overlap.
            const figures = [...document.querySelectorAll('.summary-figure')].map((f) => f.getBoundingClientRect());
            for (let i = 0; i < figures.length; i++)
              for (let j = i + 1; j < figures.length; j++) {
                const a = figures[i]!;
                const b = figures[j]!;
                if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) out.push(`summary figures ${i} and ${j} overlap`);
              }
            return out;
          });
          expect(problems).toEqual([]);
          const docs = (width === 1280 && height === 800) || (width === 360 && height === 740);
          await saveScreenshot(page, testInfo, `home-${width}x${height}${theme === 'light' ? '' : `-${theme}`}`, { toDocs: docs });
        });
      }
    }
  });
});
