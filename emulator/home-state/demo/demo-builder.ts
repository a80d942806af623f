// Turns a demo Homey's description (its tables in demo-home-devices.ts and demo-home-flows.ts) into
// the HomeySpec the emulator serves. Ids, timestamps and per-seed values all come from one Random,
// drawn in a fixed order (zones, device values, devices, folders, flows, advanced flows, weather,
// user), so a seed always builds the same home.
import { buildCapability, capabilityDefinition, uiComponentOf } from '../capabilities.ts';
import type { CapabilityOverrides, Language } from '../capabilities.ts';
import { daily, daylight, seasonal } from '../cycles.ts';
import type { Random } from '../random.ts';
import type { ApiKey, CapabilityObj, CapabilityValue, Device, Flow, HomeySpec, HomeyUserMe, Zone } from '../types.ts';
import type { DemoCapability, DemoDevice, DemoValue, DemoZone } from './demo-home-devices.ts';
import type { DemoAdvancedFlow, DemoCard, DemoFlow, DemoRefs } from './demo-home-flows.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One demo Homey: its tables and the few facts around them. */
export interface DemoHomey {
  id: string;
  name: string;
  softwareVersion: string;
  language: Language;
  apiKeys: ApiKey[];
  zones: DemoZone[];
  devices: DemoDevice[];
  /** Keys of its flow folders. */
  folders: string[];
  flows: (refs: DemoRefs) => DemoFlow[];
  advancedFlows: (refs: DemoRefs) => DemoAdvancedFlow[];
  weather: { city: string; country: string; state: string; iconId: string };
  /** The Homey's user: the owner's name and Athom account. */
  me: { name: string; athomId: string | null };
  /** Keys of the favourite devices and flows (flows and advanced flows alike). */
  favourites: { devices: string[]; flows: string[] };
}

export function buildDemoHomey(homey: DemoHomey, rng: Random, now: number): HomeySpec {
  const { zones, ids } = buildZones(rng, now, homey.zones);
  const ctx: BuildContext = { rng, now, language: homey.language, zoneIds: ids };
  // Every value is drawn before the first device is built, in table order.
  const { devices, byKey } = buildDevices(drawValues(homey.devices, rng, now), ctx);
  const folderIds: Record<string, string> = {};
  for (const key of homey.folders) folderIds[key] = rng.uuid();
  const refs: DemoRefs = {
    device: (key) => known(byKey, key, 'device'),
    zone: (key) => known(ids, key, 'zone'),
    folder: (key) => known(folderIds, key, 'folder'),
  };
  const { flows, flowIds } = keyedFlows(rng, homey.flows(refs));
  // The cards' keys are drawn for every advanced flow before the flows' own ids.
  const advancedSeeds = homey.advancedFlows(refs).map((flow) => ({ ...flow, cards: advancedCards(rng, flow.cards) }));
  const { flows: advancedFlows, flowIds: advancedIds } = keyedFlows(rng, advancedSeeds);
  const allFlowIds = { ...flowIds, ...advancedIds };
  return {
    id: homey.id,
    name: homey.name,
    softwareVersion: homey.softwareVersion,
    language: homey.language,
    apiKeys: structuredClone(homey.apiKeys),
    zones,
    devices,
    flows,
    advancedFlows,
    weather: weather(now, { ...homey.weather, temperature: outdoorTemperature(rng, now, 1) }),
    me: me(rng, homey.me, {
      favoriteDevices: homey.favourites.devices.map(refs.device),
      favoriteFlows: homey.favourites.flows.map((key) => known(allFlowIds, key, 'flow')),
    }),
  };
}

function known(ids: Record<string, string>, key: string, what: string): string {
  const id = ids[key];
  if (id === undefined) throw new Error(`demo: no ${what} ${key}`);
  return id;
}

// ---------------------------------------------------------------- values

/** A device description with its values drawn; a copy, so no built world shares the tables' objects. */
interface DeviceSeed extends Omit<DemoDevice, 'caps'> {
  caps: (Omit<DemoCapability, 'value'> & { value: CapabilityValue })[];
}

function drawValues(devices: DemoDevice[], rng: Random, now: number): DeviceSeed[] {
  return devices.map((device) => ({
    ...structuredClone(device),
    caps: device.caps.map((cap) => ({ ...structuredClone(cap), value: drawValue(cap.value, rng, now) })),
  }));
}

function drawValue(value: DemoValue, rng: Random, now: number): CapabilityValue {
  if (value === null || typeof value !== 'object') return value;
  switch (value.kind) {
    case 'around':
      return around(rng, value.base, value.spread, value.decimals);
    case 'between':
      return rng.int(value.min, value.max);
    case 'outdoor':
      return outdoorTemperature(rng, now, value.decimals);
    case 'solar':
      return Math.round(value.peakWatts * daylight(now) * (0.75 + 0.25 * seasonal(now)) * (0.85 + 0.15 * rng.next()));
  }
}

/** A value near `base`, varied per seed so two seeds give two believable homes. */
function around(rng: Random, base: number, spread: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round((base + (rng.next() * 2 - 1) * spread) * f) / f;
}

/** A believable outdoor temperature for the date: warm afternoons in July, cold nights in January. */
function outdoorTemperature(rng: Random, now: number, decimals: number): number {
  return around(rng, 10 + 8 * seasonal(now) + 3 * daily(now), 1.5, decimals);
}

// ---------------------------------------------------------------- zones and devices

interface BuildContext {
  rng: Random;
  now: number;
  language: Language;
  zoneIds: Record<string, string>;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function buildZones(
  rng: Random,
  now: number,
  seeds: DemoZone[],
): { zones: Record<string, Zone>; ids: Record<string, string> } {
  const ids: Record<string, string> = {};
  for (const z of seeds) ids[z.key] = rng.uuid();
  const zones: Record<string, Zone> = {};
  for (const z of seeds) {
    const id = ids[z.key] as string;
    const active = z.active === true;
    // Exactly the Zone schema's fields (additionalProperties: false in homey-api's spec).
    zones[id] = {
      id,
      name: z.name,
      parent: z.parent === null ? null : (ids[z.parent] ?? null),
      icon: z.icon,
      active,
      activeOrigins: active ? [`homey:device:${rng.uuid()}`] : [],
      activeLastUpdated: active ? iso(now - rng.int(1, 30) * MINUTE) : null,
    };
  }
  return { zones, ids };
}

function buildDevices(seeds: DeviceSeed[], ctx: BuildContext): { devices: Record<string, Device>; byKey: Record<string, string> } {
  const devices: Record<string, Device> = {};
  const byKey: Record<string, string> = {};
  for (const seed of seeds) {
    const device = buildDevice(seed, ctx);
    devices[device.id] = device;
    if (seed.key) byKey[seed.key] = device.id;
  }
  return { devices, byKey };
}

function buildDevice(seed: DeviceSeed, ctx: BuildContext): Device {
  const { rng, now, language } = ctx;
  const id = rng.uuid();
  const available = seed.available ?? true;
  const capabilitiesObj: Record<string, CapabilityObj> = {};
  for (const c of seed.caps) {
    const def = capabilityDefinition(c.id);
    const setable = c.overrides?.setable ?? def?.setable ?? false;
    const ago = c.agoMs ?? (setable ? rng.int(10, 8 * 60) * MINUTE : rng.int(5, 15 * 60) * 1000) + rng.int(0, 999);
    // An offline device stopped reporting when it went away.
    const agoOffline = available ? ago : ago + 2 * DAY;
    const overrides: CapabilityOverrides = { ...c.overrides };
    if (!def) overrides.iconObj ??= { id: rng.hex(32), url: `/api/icon/${rng.uuid()}` };
    capabilitiesObj[c.id] = buildCapability(c.id, {
      value: c.value,
      lastUpdated: c.value === null ? null : iso(now - agoOffline),
      language,
      ...(c.title !== undefined ? { title: c.title } : {}),
      overrides,
    });
  }
  const capabilities = seed.caps.map((c) => c.id);
  const zone = ctx.zoneIds[seed.zone];
  if (!zone) throw new Error(`demo device ${seed.name}: unknown zone ${seed.zone}`);
  const sensorIndicator = capabilities.find((c) => c.startsWith('measure_'));
  // Only the Device schema's fields (additionalProperties: false in homey-api's spec).
  return {
    id,
    driverId: `homey:app:${seed.app}:${seed.driver}`,
    ownerUri: `homey:app:${seed.app}`,
    name: seed.name,
    note: seed.note ?? null,
    zone,
    data: { id: rng.hex(16) },
    icon: null,
    iconOverride: null,
    // Drawn either way, so one seed gives the same ids with or without it.
    iconObj: iconObj(seed, { id: rng.hex(32), url: `/api/icon/${rng.uuid()}` }),
    class: seed.class,
    virtualClass: seed.virtualClass ?? null,
    capabilities,
    capabilitiesObj,
    settings: seed.settings ?? {},
    settingsObj: false,
    flags: [],
    energy: null,
    energyObj: seed.energyObj ?? {},
    ui: buildUi(capabilities, capabilitiesObj),
    uiIndicator: seed.class === 'sensor' ? (sensorIndicator ?? null) : null,
    available,
    unavailableMessage: available ? null : (seed.unavailableMessage ?? 'Device is unreachable'),
    warningMessage: seed.warningMessage ?? null,
    ready: true,
    repair: false,
    unpair: false,
    // The schema allows only empty objects here; camera images are out of scope.
    images: [],
    color: null,
    lastSeenAt: iso(available ? now - rng.int(5, 300) * 1000 : now - 2 * DAY - rng.int(1, 600) * MINUTE),
  };
}

function iconObj(seed: DeviceSeed, drawn: { id: string; url: string }): { id: string; url: string } | null {
  return seed.noIcon ? null : drawn;
}

/** `ui.components` the way Homey groups a device's capabilities by their `uiComponent`. */
function buildUi(capabilities: string[], objs: Record<string, CapabilityObj>): Record<string, unknown> {
  const components: { id: string; capabilities: string[] }[] = [];
  const hasThermostat = capabilities.includes('target_temperature');
  let quickAction: string | undefined;
  for (const capId of capabilities) {
    const cap = objs[capId];
    if (!cap) continue;
    let component = uiComponentOf(capId, { type: cap.type, setable: cap.setable ?? false });
    // The thermostat dial shows the measured temperature next to the target.
    if (hasThermostat && capId === 'measure_temperature') component = 'thermostat';
    if (!component) continue;
    const existing = components.find((c) => c.id === component);
    if (existing) existing.capabilities.push(capId);
    else components.push({ id: component, capabilities: [capId] });
    if (!quickAction && capabilityDefinition(capId)?.uiQuickAction === true) quickAction = capId;
  }
  return quickAction ? { quickAction, components } : { components };
}

// ---------------------------------------------------------------- flows, user and weather

function keyedFlows(rng: Random, seeds: DemoFlow[]): { flows: Record<string, Flow>; flowIds: Record<string, string> } {
  const flows: Record<string, Flow> = {};
  const flowIds: Record<string, string> = {};
  for (const { key, name, ...rest } of seeds) {
    const id = rng.uuid();
    flows[id] = { id, name, ...rest };
    flowIds[key] = id;
  }
  return { flows, flowIds };
}

function advancedCards(
  rng: Random,
  cards: DemoCard[],
): Record<string, { id: string; ownerUri: string; type: string; x: number; y: number }> {
  const out: Record<string, { id: string; ownerUri: string; type: string; x: number; y: number }> = {};
  cards.forEach((card, i) => {
    out[rng.uuid()] = { ...card, x: 40 + i * 320, y: 120 + (i % 2) * 80 };
  });
  return out;
}

function me(rng: Random, who: DemoHomey['me'], favourites: { favoriteDevices: string[]; favoriteFlows: string[] }): HomeyUserMe {
  // Only the User schema's fields (additionalProperties: false in homey-api's spec).
  return {
    id: rng.uuid(),
    name: who.name,
    role: 'owner',
    athomId: who.athomId,
    properties: { favoriteDevices: favourites.favoriteDevices, favoriteFlows: favourites.favoriteFlows },
    enabled: true,
    verified: true,
    present: true,
    asleep: false,
    avatar: null,
  };
}

/** `GET weather/weather` in the shape of the fw13 capture, without its screensaver animation frames. */
function weather(
  now: number,
  w: { city: string; country: string; state: string; iconId: string; temperature: number },
): Record<string, unknown> {
  const hour = Math.floor(now / HOUR) * HOUR;
  const day = Math.floor(now / DAY) * DAY;
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return {
    city: w.city,
    country: w.country,
    state: w.state,
    id: 801,
    screensaverId: 'cloudy',
    temperature: w.temperature,
    temperatureMin: round2(w.temperature - 3.2),
    temperatureMax: round2(w.temperature + 2.7),
    temperatureUnits: '°C',
    humidity: 0.78,
    pressure: 1.013,
    when: iso(now),
    iconId: w.iconId,
    videoId: w.iconId,
    // Times are unix seconds, as in the capture.
    forecastHourly: Array.from({ length: 6 }, (_, i) => ({
      time: (hour + (i + 1) * HOUR) / 1000,
      temperature: round2(w.temperature + Math.sin(i / 2) * 1.4),
      temperatureMin: round2(w.temperature + Math.sin(i / 2) * 1.4 - 0.3),
      temperatureMax: round2(w.temperature + Math.sin(i / 2) * 1.4 + 0.4),
      iconId: w.iconId,
    })),
    forecast: Array.from({ length: 3 }, (_, i) => ({
      time: (day + (i + 1) * DAY + 11 * HOUR) / 1000,
      temperature: round2(w.temperature + 1 - i),
      temperatureMin: round2(w.temperature - 4 - i),
      temperatureMax: round2(w.temperature + 3 - i),
      iconId: i === 1 ? 'rain_light_day' : 'clouds_light_day',
    })),
  };
}
