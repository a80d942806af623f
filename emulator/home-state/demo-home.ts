// The demo world the emulator starts with when no fixture is given: two Homeys full of the messy
// variety real homes have (sub-ids, null values, an offline device, HTML in a name, every chart type),
// built from homey-lib definitions so units and decimals are what a real Homey would serve.
import { buildCapability, capabilityDefinition, uiComponentOf } from './capabilities.ts';
import type { CapabilityOverrides, Language, Localized } from './capabilities.ts';
import { daily, daylight, seasonal } from './cycles.ts';
import { createRandom } from './random.ts';
import type { Random } from './random.ts';
import type {
  ApiKey,
  CapabilityObj,
  CapabilityValue,
  Device,
  Flow,
  HomeySpec,
  HomeyUserMe,
  OAuthClientSpec,
  UserSpec,
  World,
  Zone,
} from './types.ts';

export const DEMO_CLIENT: OAuthClientSpec = {
  clientId: 'homey-dashboard-demo',
  clientSecret: 'demo-client-secret-not-for-production',
  redirectUris: ['http://localhost/', 'http://127.0.0.1/'],
  name: 'Homey wall dashboard (demo)',
};

// Homey ids are 24 hex digits (Athom's `_id`), unlike the uuids inside a Homey.
export const DEMO_HOMEY_ID = '5f3c9a1e7b2d4c6a8e0f1a2b';
export const DEMO_CABIN_HOMEY_ID = '6a1d2c3b4e5f60718293a4b5';

/** Local API keys (personal access tokens) of the "Home" Homey: `<uuid>:<uuid>:<hex>`, colons included. */
export const DEMO_API_KEY_FULL = 'a3c1f0e2-7b4d-4e8a-9c1f-2d3e4f5a6b7c:5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b:3f9a1c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f3a';
export const DEMO_API_KEY_READONLY = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e:7c8d9e0f-1a2b-4c3d-9e4f-5a6b7c8d9e0f:8e2d4c6b0a9f7e5d3c1b9a8f7e6d5c4b3a2f1e0d';
/** What a read-only dashboard key needs: every list it shows, nothing it could change. */
export const READONLY_SCOPES = [
  'homey.device.readonly',
  'homey.zone.readonly',
  'homey.flow.readonly',
  'homey.insights.readonly',
  'homey.geolocation.readonly',
  'homey.user.self',
];

export const DEMO_USER: UserSpec = {
  id: '5e9d2b7c4a1f3e6d8b0c2a4f',
  email: 'demo@example.com',
  password: 'demo',
  firstname: 'Demo',
  lastname: 'User',
  homeys: [DEMO_HOMEY_ID, DEMO_CABIN_HOMEY_ID],
};

export const DEMO_SOLO_USER: UserSpec = {
  id: '61a4c8e2f0b3d5a7c9e1f2b4',
  email: 'solo@example.com',
  password: 'solo',
  firstname: 'Solo',
  lastname: 'Owner',
  homeys: [DEMO_CABIN_HOMEY_ID],
};

/** The name that checks a dashboard renders device names as text, never as markup. */
export const HOSTILE_DEVICE_NAME = '<img src=x onerror=alert(1)> Hall';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface DemoWorldOptions {
  now?: Date;
  seed?: number;
}

export function buildDemoWorld(opts: DemoWorldOptions = {}): World {
  const now = (opts.now ?? new Date()).getTime();
  const rng = createRandom(opts.seed ?? 1);
  return {
    clients: [structuredClone(DEMO_CLIENT)],
    users: [structuredClone(DEMO_USER), structuredClone(DEMO_SOLO_USER)],
    homeys: [buildHome(rng, now), buildCabin(rng, now)],
  };
}

// ---------------------------------------------------------------- building blocks

interface CapSeed {
  id: string;
  value: CapabilityValue;
  title?: Localized;
  overrides?: CapabilityOverrides;
  /** How long ago the value was reported; defaults to minutes for sensors, hours for controls. */
  agoMs?: number;
}

interface DeviceSeed {
  /** A handle for favourites and flows; not part of the device. */
  key?: string;
  name: string;
  zone: string;
  class: string;
  virtualClass?: string;
  app: string;
  driver: string;
  caps: CapSeed[];
  available?: boolean;
  unavailableMessage?: string;
  warningMessage?: string;
  energyObj?: Record<string, unknown>;
  settings?: Record<string, string | number | boolean>;
  note?: string;
}

interface BuildContext {
  rng: Random;
  now: number;
  language: Language;
  zoneIds: Record<string, string>;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A value near `base`, varied per seed so two seeds give two believable homes. */
function around(rng: Random, base: number, spread: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round((base + (rng.next() * 2 - 1) * spread) * f) / f;
}

function buildZones(
  rng: Random,
  now: number,
  seeds: { key: string; name: string; parent: string | null; icon: string; active?: boolean }[],
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
    iconObj: { id: rng.hex(32), url: `/api/icon/${rng.uuid()}` },
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

function flowCard(id: string, args: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, args, ...extra };
}

// ---------------------------------------------------------------- the "Home" Homey

/** A believable outdoor temperature for the date: warm afternoons in July, cold nights in January. */
function outdoorTemperature(rng: Random, now: number, decimals: number): number {
  return around(rng, 10 + 8 * seasonal(now) + 3 * daily(now), 1.5, decimals);
}

function homeDevices(rng: Random, now: number): DeviceSeed[] {
  const r = (base: number, spread: number, decimals: number) => around(rng, base, spread, decimals);
  const battery = () => rng.int(35, 100);
  return [
    {
      key: 'livingThermometer',
      name: 'Living room climate',
      zone: 'living',
      class: 'sensor',
      app: 'com.xiaomi-mi-zigbee',
      driver: 'weather_sensor',
      caps: [
        // Aqara reports two decimals even for temperature (seen in real dumps).
        { id: 'measure_temperature', value: r(21.3, 0.6, 2), overrides: { decimals: 2 } },
        { id: 'measure_humidity', value: r(48, 5, 0) },
        { id: 'measure_pressure', value: r(1013, 6, 0) },
        { id: 'measure_battery', value: battery(), overrides: { decimals: 0 } },
        { id: 'alarm_battery', value: false },
      ],
      energyObj: { batteries: ['CR2032'] },
    },
    {
      key: 'livingThermostat',
      name: 'Living room thermostat',
      zone: 'living',
      class: 'thermostat',
      app: 'com.tado2',
      driver: 'thermostat',
      caps: [
        { id: 'target_temperature', value: 20.5, overrides: { min: 5, max: 25, step: 0.5 } },
        { id: 'measure_temperature', value: r(20.8, 0.4, 1) },
        { id: 'measure_humidity', value: r(47, 4, 0) },
        { id: 'thermostat_mode', value: 'heat' },
      ],
    },
    {
      key: 'bedroomValve',
      name: 'Bedroom radiator',
      zone: 'bedroom',
      class: 'thermostat',
      virtualClass: 'radiator',
      app: 'com.danfoss',
      driver: 'ally-radiator-thermostat',
      caps: [
        { id: 'target_temperature', value: 17, overrides: { min: 5, max: 28, step: 0.5 } },
        { id: 'measure_temperature', value: r(17.6, 0.5, 1) },
        { id: 'thermostat_mode', value: 'auto' },
        { id: 'measure_battery', value: battery(), overrides: { decimals: 0 } },
      ],
      energyObj: { batteries: ['AA', 'AA'] },
    },
    {
      key: 'heatPump',
      name: 'Heat pump',
      zone: 'garage',
      class: 'heatpump',
      app: 'climate.onecta.daikin',
      driver: 'altherma3_geo',
      caps: [
        { id: 'target_temperature', value: 45, overrides: { min: 25, max: 60, step: 1 } },
        { id: 'measure_temperature', value: r(44.2, 1, 1), title: { en: 'Water temperature', nl: 'Watertemperatuur', de: 'Wassertemperatur' } },
        { id: 'measure_temperature.outside', value: outdoorTemperature(rng, now, 1), title: { en: 'Outside temperature', nl: 'Buitentemperatuur', de: 'Außentemperatur' } },
        { id: 'measure_power', value: r(820, 150, 0) },
        { id: 'meter_power', value: r(4210.5, 300, 2) },
        { id: 'thermostat_mode', value: 'heat' },
      ],
    },
    {
      key: 'co2',
      name: 'Bedroom air quality',
      zone: 'bedroom',
      class: 'sensor',
      app: 'com.netatmo',
      driver: 'homecoach',
      caps: [
        { id: 'measure_co2', value: r(780, 120, 0) },
        { id: 'measure_temperature', value: r(18.4, 0.5, 1) },
        { id: 'measure_humidity', value: r(55, 5, 0) },
        { id: 'measure_noise', value: r(34, 4, 0) },
      ],
    },
    {
      key: 'office',
      name: 'Office sensor',
      zone: 'office',
      class: 'sensor',
      app: 'nl.philips.hue',
      driver: 'sensor',
      caps: [
        { id: 'measure_temperature', value: r(19.9, 0.6, 1) },
        { id: 'measure_humidity', value: null },
        { id: 'measure_luminance', value: r(240, 80, 0) },
        { id: 'measure_co2', value: r(620, 80, 0) },
      ],
      note: 'Humidity never reported since pairing.',
    },
    {
      key: 'weather',
      name: 'Weather station',
      zone: 'garden',
      class: 'sensor',
      app: 'com.netatmo',
      driver: 'outdoor',
      caps: [
        { id: 'measure_temperature.outside', value: outdoorTemperature(rng, now, 1), title: { en: 'Outside temperature', nl: 'Buitentemperatuur', de: 'Außentemperatur' } },
        { id: 'measure_humidity', value: r(78, 8, 0) },
        { id: 'measure_wind_strength', value: r(14, 6, 1) },
        { id: 'measure_rain', value: 0 },
        { id: 'measure_ultraviolet', value: r(1.5, 1, 1) },
        { id: 'measure_battery', value: battery(), overrides: { decimals: 0 } },
      ],
      energyObj: { batteries: ['AAA', 'AAA'] },
    },
    {
      key: 'hallMotion',
      name: 'Hallway motion',
      zone: 'hallway',
      class: 'sensor',
      app: 'com.fibaro',
      driver: 'FGMS-001',
      caps: [
        { id: 'alarm_motion', value: false },
        { id: 'measure_temperature', value: r(19.2, 0.5, 1) },
        { id: 'measure_luminance', value: r(35, 20, 0) },
        { id: 'alarm_tamper', value: false },
        { id: 'measure_battery', value: battery(), overrides: { decimals: 0 } },
        { id: 'alarm_battery', value: false },
      ],
      energyObj: { batteries: ['CR123A'] },
    },
    {
      key: 'kitchenMotion',
      name: 'Kitchen motion',
      zone: 'kitchen',
      class: 'sensor',
      app: 'nl.philips.hue',
      driver: 'motion',
      caps: [
        { id: 'alarm_motion', value: true, agoMs: 40_000 },
        { id: 'measure_luminance', value: r(180, 60, 0) },
        { id: 'measure_temperature', value: r(20.4, 0.5, 1) },
        { id: 'measure_battery', value: 12, overrides: { decimals: 0 } },
        { id: 'alarm_battery', value: true },
      ],
      energyObj: { batteries: ['AAA', 'AAA'] },
      warningMessage: 'Battery almost empty',
    },
    {
      key: 'hostile',
      name: HOSTILE_DEVICE_NAME,
      zone: 'hallway',
      class: 'sensor',
      app: 'com.aqara',
      driver: 'motion_sensor_p1',
      caps: [
        { id: 'alarm_motion', value: false },
        { id: 'measure_luminance', value: r(20, 10, 0) },
      ],
    },
    {
      key: 'frontDoor',
      name: 'Front door',
      zone: 'hallway',
      class: 'sensor',
      app: 'com.xiaomi-mi-zigbee',
      driver: 'sensor_magnet.aq2',
      caps: [
        { id: 'alarm_contact', value: false, overrides: { titleTrue: { en: 'Open', nl: 'Open', de: 'Offen' }, titleFalse: { en: 'Closed', nl: 'Dicht', de: 'Geschlossen' } } },
        { id: 'measure_battery', value: battery(), overrides: { decimals: 0 } },
        { id: 'alarm_battery', value: false },
      ],
      energyObj: { batteries: ['CR1632'] },
    },
    {
      key: 'backWindow',
      name: 'Kitchen window',
      zone: 'kitchen',
      class: 'sensor',
      app: 'com.xiaomi-mi-zigbee',
      driver: 'sensor_magnet.aq2',
      caps: [
        { id: 'alarm_contact', value: true, agoMs: 25 * MINUTE },
        { id: 'alarm_battery', value: false },
      ],
      energyObj: { batteries: ['CR1632'] },
    },
    {
      key: 'smoke',
      name: 'Smoke detector hallway',
      zone: 'hallway',
      class: 'sensor',
      virtualClass: 'smokealarm',
      app: 'com.heiman',
      driver: 'HS1SA',
      caps: [
        { id: 'alarm_smoke', value: false },
        { id: 'alarm_battery', value: false },
        { id: 'measure_battery', value: battery(), overrides: { decimals: 0 } },
      ],
      energyObj: { batteries: ['CR123A'] },
    },
    {
      key: 'leak',
      name: 'Dishwasher leak sensor',
      zone: 'kitchen',
      class: 'sensor',
      app: 'com.aqara',
      driver: 'water_leak_sensor',
      caps: [
        { id: 'alarm_water', value: false },
        { id: 'alarm_battery', value: false },
      ],
      energyObj: { batteries: ['CR2032'] },
    },
    {
      key: 'ceiling',
      name: 'Living room ceiling',
      zone: 'living',
      class: 'light',
      app: 'nl.philips.hue',
      driver: 'bulb',
      caps: [
        { id: 'onoff', value: true },
        { id: 'dim', value: 0.8 },
      ],
      energyObj: { approximation: { usageOn: 9, usageOff: 0.4 } },
    },
    {
      key: 'colourLamp',
      name: '🛋️ Sofa lamp',
      zone: 'living',
      class: 'light',
      app: 'nl.philips.hue',
      driver: 'bulb',
      caps: [
        { id: 'onoff', value: true },
        { id: 'dim', value: 0.42 },
        { id: 'light_hue', value: 0.08 },
        { id: 'light_saturation', value: 0.65 },
        { id: 'light_temperature', value: 0.3 },
        { id: 'light_mode', value: 'color' },
      ],
    },
    {
      key: 'kitchenSpots',
      name: 'Kitchen  spots ',
      zone: 'kitchen',
      class: 'light',
      app: 'com.fibaro',
      driver: 'FGD-212',
      caps: [
        { id: 'onoff', value: false },
        { id: 'dim', value: 0.6 },
        { id: 'measure_power', value: 0 },
        { id: 'meter_power', value: r(38.72, 5, 2) },
      ],
    },
    {
      key: 'bedroomLamp',
      name: 'Bedside lamp',
      zone: 'bedroom',
      class: 'light',
      app: 'com.ikea.tradfri',
      driver: 'bulb_ws',
      caps: [
        { id: 'onoff', value: false },
        { id: 'dim', value: 0.25 },
        { id: 'light_temperature', value: 0.7 },
      ],
    },
    {
      key: 'gardenLights',
      name: 'Garden lights',
      zone: 'garden',
      class: 'light',
      app: 'com.klikaanklikuit',
      driver: 'switch',
      caps: [{ id: 'onoff', value: false }],
    },
    {
      key: 'coffee',
      name: 'Coffee machine',
      zone: 'kitchen',
      class: 'socket',
      virtualClass: 'coffeemachine',
      app: 'com.fibaro',
      driver: 'FGWPx-102',
      caps: [
        { id: 'onoff', value: true },
        { id: 'measure_power', value: r(4.2, 1.5, 1) },
        { id: 'meter_power', value: r(112.4, 20, 2) },
        { id: 'measure_voltage', value: r(231, 2, 1) },
        { id: 'measure_current', value: 0.02 },
      ],
    },
    {
      key: 'tvPlug',
      name: 'TV plug',
      zone: 'living',
      class: 'socket',
      app: 'com.nedis',
      driver: 'plug',
      caps: [
        { id: 'onoff', value: false },
        { id: 'measure_power', value: 0 },
        { id: 'meter_power', value: r(251.9, 30, 2) },
      ],
    },
    {
      key: 'washer',
      name: 'Washing machine',
      zone: 'bathroom',
      class: 'socket',
      virtualClass: 'washer',
      app: 'com.shelly',
      driver: 'plug-s',
      caps: [
        { id: 'onoff', value: true },
        { id: 'measure_power', value: r(1850, 300, 1) },
        { id: 'meter_power', value: r(612.08, 50, 2) },
      ],
    },
    {
      key: 'dehumidifier',
      name: 'Dehumidifier plug',
      zone: 'bathroom',
      class: 'socket',
      app: 'com.tuya',
      driver: 'plug',
      caps: [
        { id: 'onoff', value: true },
        { id: 'measure_power', value: null },
        { id: 'meter_power', value: null },
      ],
      note: 'Its meter never reported.',
    },
    {
      key: 'blinds',
      name: 'Living room blinds',
      zone: 'living',
      class: 'windowcoverings',
      virtualClass: 'blinds',
      app: 'com.somfy',
      driver: 'io-roller-shutter',
      caps: [
        { id: 'windowcoverings_state', value: 'idle' },
        { id: 'windowcoverings_set', value: 0.35 },
      ],
    },
    {
      key: 'curtains',
      name: 'Bedroom curtains',
      zone: 'bedroom',
      class: 'curtain',
      app: 'com.ikea.tradfri',
      driver: 'blind',
      caps: [
        { id: 'windowcoverings_set', value: 1 },
        { id: 'measure_battery', value: battery(), overrides: { decimals: 0 } },
      ],
    },
    {
      key: 'p1',
      name: 'Smart meter',
      zone: 'garage',
      class: 'sensor',
      app: 'com.homewizard',
      driver: 'energy',
      caps: [
        { id: 'measure_power', value: r(640, 200, 0) },
        { id: 'meter_power', value: r(18452.33, 400, 3) },
        { id: 'meter_power.imported', value: r(21044.12, 400, 3), title: { en: 'Imported energy', nl: 'Geïmporteerde energie', de: 'Importierte Energie' } },
        { id: 'meter_power.exported', value: r(2591.79, 100, 3), title: { en: 'Exported energy', nl: 'Geëxporteerde energie', de: 'Exportierte Energie' } },
        { id: 'meter_gas', value: r(3121.45, 80, 3) },
        { id: 'measure_voltage', value: r(229, 2, 1) },
      ],
      energyObj: { cumulative: true, cumulativeImportedCapability: 'meter_power.imported', cumulativeExportedCapability: 'meter_power.exported' },
    },
    {
      key: 'solar',
      name: 'Solar inverter',
      zone: 'garage',
      class: 'solarpanel',
      app: 'com.sma',
      driver: 'inverter',
      caps: [
        // Solar output follows the sun of the demo's own clock.
        { id: 'measure_power', value: Math.round(2400 * daylight(now) * (0.75 + 0.25 * seasonal(now)) * (0.85 + 0.15 * rng.next())) },
        { id: 'meter_power', value: r(9876.5, 300, 2) },
      ],
    },
    {
      key: 'speaker',
      name: 'Kitchen speaker',
      zone: 'kitchen',
      class: 'speaker',
      app: 'com.sonos',
      driver: 'sonos',
      caps: [
        { id: 'speaker_playing', value: true },
        { id: 'volume_set', value: 0.2 },
        { id: 'volume_mute', value: false },
        { id: 'speaker_artist', value: 'Nina Simone' },
        { id: 'speaker_track', value: 'Feeling Good' },
        { id: 'speaker_prev', value: null },
        { id: 'speaker_next', value: null },
      ],
    },
    {
      key: 'vacuum',
      name: 'Robot vacuum',
      zone: 'ground',
      class: 'vacuumcleaner',
      app: 'com.roborock',
      driver: 's7',
      caps: [
        { id: 'onoff', value: false },
        { id: 'vacuumcleaner_state', value: 'charging' },
        { id: 'measure_battery', value: rng.int(60, 100), overrides: { decimals: 0 } },
      ],
    },
    {
      key: 'lock',
      name: 'Back door lock',
      zone: 'kitchen',
      class: 'lock',
      app: 'com.nuki',
      driver: 'smartlock',
      caps: [
        { id: 'locked', value: true },
        { id: 'measure_battery', value: battery(), overrides: { decimals: 0 } },
      ],
    },
    {
      key: 'garageDoor',
      name: 'Garage door',
      zone: 'garage',
      class: 'garagedoor',
      app: 'com.tuya',
      driver: 'garage_door_opener',
      caps: [
        { id: 'button', value: null, title: { en: 'Open / close', nl: 'Open / dicht', de: 'Öffnen / schließen' } },
        { id: 'alarm_contact', value: false, title: { en: 'Door open', nl: 'Deur open', de: 'Tor offen' } },
      ],
    },
    {
      key: 'freezer',
      name: 'Garage freezer',
      zone: 'garage',
      class: 'sensor',
      app: 'com.xiaomi-mi-zigbee',
      driver: 'weather_sensor',
      available: false,
      unavailableMessage: 'Device is unreachable. Check the battery or move it closer to Homey.',
      caps: [
        { id: 'measure_temperature', value: -18.4 },
        { id: 'measure_battery', value: 2, overrides: { decimals: 0 } },
        { id: 'alarm_battery', value: true },
      ],
      energyObj: { batteries: ['CR2032'] },
    },
    {
      key: 'energyApp',
      name: 'Energy prices',
      zone: 'home',
      class: 'other',
      app: 'com.example.energyprices',
      driver: 'tariffs',
      // App-specific capabilities, one per chartType Homey knows (homey-lib capability schema).
      caps: [
        { id: 'price_now', value: r(0.287, 0.05, 3), overrides: { type: 'number', title: { en: 'Price now', nl: 'Prijs nu', de: 'Preis jetzt' }, units: '€/kWh', decimals: 3, chartType: 'line' } },
        { id: 'solar_forecast', value: rng.int(900, 2600), overrides: { type: 'number', title: { en: 'Solar forecast', nl: 'Zonneverwachting', de: 'Solarprognose' }, units: 'W', decimals: 0, chartType: 'area', min: 0 } },
        { id: 'tariff_level', value: 2, overrides: { type: 'number', title: { en: 'Tariff level', nl: 'Tariefniveau', de: 'Tarifstufe' }, units: null, decimals: 0, min: 1, max: 3, chartType: 'stepLine' } },
        { id: 'cost_today', value: r(3.41, 1, 2), overrides: { type: 'number', title: { en: 'Cost today', nl: 'Kosten vandaag', de: 'Kosten heute' }, units: '€', decimals: 2, chartType: 'column', min: 0 } },
        { id: 'price_avg_24h', value: r(0.254, 0.03, 3), overrides: { type: 'number', title: { en: 'Average price (24 h)', nl: 'Gemiddelde prijs (24 u)', de: 'Durchschnittspreis (24 h)' }, units: '€/kWh', decimals: 3, chartType: 'spline' } },
        { id: 'grid_load', value: rng.int(35, 80), overrides: { type: 'number', title: { en: 'Grid load', nl: 'Netbelasting', de: 'Netzlast' }, units: '%', decimals: 0, min: 0, max: 100, chartType: 'splineArea' } },
        { id: 'rssi', value: rng.int(-80, -55), overrides: { type: 'number', title: 'Signal', units: 'RSSI', decimals: 0, chartType: 'scatter' } },
        { id: 'price_tomorrow', value: null, overrides: { type: 'number', title: { en: 'Price tomorrow', nl: 'Prijs morgen', de: 'Preis morgen' }, units: '€/kWh', decimals: 3, chartType: 'line' } },
        {
          id: 'price_level',
          value: 'normal',
          overrides: {
            type: 'enum',
            title: { en: 'Price level', nl: 'Prijsniveau', de: 'Preisniveau' },
            setable: false,
            values: [
              { id: 'low', title: { en: 'Low', nl: 'Laag', de: 'Niedrig' } },
              { id: 'normal', title: { en: 'Normal', nl: 'Normaal', de: 'Normal' } },
              { id: 'high', title: { en: 'High', nl: 'Hoog', de: 'Hoch' } },
            ],
          },
        },
        {
          id: 'cheap_now',
          value: false,
          overrides: {
            type: 'boolean',
            setable: false,
            title: { en: 'Cheap hour', nl: 'Goedkoop uur', de: 'Günstige Stunde' },
            titleTrue: { en: 'Cheap', nl: 'Goedkoop', de: 'Günstig' },
            titleFalse: { en: 'Not cheap', nl: 'Niet goedkoop', de: 'Nicht günstig' },
          },
        },
        // A type no Homey documents (apps do invent them): the dashboard must still show it plainly.
        { id: 'contract_kind', value: 'dynamic', overrides: { type: 'tariff', title: { en: 'Contract', nl: 'Contract', de: 'Vertrag' }, units: null } },
        { id: 'status_text', value: 'Prices for tomorrow arrive after 13:00', overrides: { type: 'string', title: { en: 'Status', nl: 'Status', de: 'Status' }, units: null } },
        { id: 'button.reset', value: null, title: { en: 'Reset cost meter', nl: 'Kostenmeter resetten', de: 'Kostenzähler zurücksetzen' }, overrides: { maintenanceAction: true } },
      ],
    },
  ];
}

function buildHome(rng: Random, now: number): HomeySpec {
  const { zones, ids } = buildZones(rng, now, [
    { key: 'home', name: 'Home', parent: null, icon: 'home', active: true },
    { key: 'ground', name: 'Ground floor', parent: 'home', icon: 'stairs-down', active: true },
    { key: 'living', name: 'Living room', parent: 'ground', icon: 'living', active: true },
    { key: 'kitchen', name: 'Kitchen', parent: 'ground', icon: 'kitchen', active: true },
    { key: 'hallway', name: 'Hallway', parent: 'ground', icon: 'default' },
    { key: 'first', name: 'First floor', parent: 'home', icon: 'stairs-up' },
    { key: 'bedroom', name: 'Bedroom', parent: 'first', icon: 'bed' },
    { key: 'bathroom', name: 'Bathroom', parent: 'first', icon: 'shower' },
    { key: 'office', name: 'Office', parent: 'first', icon: 'books' },
    { key: 'garden', name: 'Garden', parent: 'home', icon: 'garden' },
    { key: 'garage', name: 'Garage', parent: 'home', icon: 'default' },
  ]);
  const ctx: BuildContext = { rng, now, language: 'en', zoneIds: ids };
  const { devices, byKey } = buildDevices(homeDevices(rng, now), ctx);
  const dev = (key: string): string => {
    const id = byKey[key];
    if (!id) throw new Error(`demo: no device ${key}`);
    return id;
  };

  const lightsFolder = rng.uuid();
  const flowSeeds: FlowSeed[] = [
    {
      key: 'goodMorning',
      name: 'Good morning',
      folder: null,
      enabled: true,
      triggerable: true,
      trigger: flowCard('homey:manager:flow:programmatic_trigger'),
      conditions: [],
      actions: [
        flowCard(`homey:device:${dev('blinds')}:windowcoverings_set`, { windowcoverings_set: 1 }, { group: 'then', delay: null, duration: null }),
        flowCard(`homey:device:${dev('livingThermostat')}:target_temperature_set`, { target_temperature: 20.5 }, { group: 'then', delay: null, duration: null }),
      ],
    },
    {
      key: 'allOff',
      name: 'All lights off',
      folder: lightsFolder,
      enabled: true,
      triggerable: true,
      trigger: flowCard('homey:manager:flow:programmatic_trigger'),
      conditions: [],
      actions: [flowCard('homey:manager:zones:turn_off_zone', { zone: ids.home }, { group: 'then', delay: null, duration: null })],
    },
    {
      key: 'hallLight',
      name: 'Hallway motion turns on the light',
      folder: lightsFolder,
      enabled: true,
      triggerable: false,
      trigger: flowCard(`homey:device:${dev('hallMotion')}:alarm_motion_true`),
      conditions: [flowCard('homey:manager:geolocation:is_dark', {}, { group: 'group1', inverted: false })],
      actions: [flowCard(`homey:device:${dev('ceiling')}:on`, {}, { group: 'then', delay: null, duration: { number: '5', multiplier: 60 } })],
    },
    {
      key: 'away',
      name: 'Away mode',
      folder: null,
      enabled: false,
      triggerable: true,
      trigger: flowCard('homey:manager:flow:programmatic_trigger'),
      conditions: [],
      actions: [flowCard(`homey:device:${dev('lock')}:lock`, {}, { group: 'then', delay: null, duration: null })],
    },
    {
      key: 'sunset',
      name: 'Garden lights at sunset',
      folder: lightsFolder,
      enabled: true,
      triggerable: false,
      trigger: flowCard('homey:manager:geolocation:sunset'),
      conditions: [],
      actions: [flowCard(`homey:device:${dev('gardenLights')}:on`, {}, { group: 'then', delay: null, duration: null })],
    },
  ];
  const { flows, flowIds } = keyedFlows(rng, flowSeeds);

  const advancedSeeds: FlowSeed[] = [
    {
      key: 'evening',
      name: 'Evening scene',
      folder: null,
      enabled: true,
      triggerable: true,
      cards: advancedCards(rng, [
        { id: 'homey:manager:flow:programmatic_trigger', ownerUri: 'homey:manager:flow', type: 'trigger' },
        { id: `homey:device:${dev('colourLamp')}:dim`, ownerUri: `homey:device:${dev('colourLamp')}`, type: 'action' },
        { id: `homey:device:${dev('blinds')}:windowcoverings_set`, ownerUri: `homey:device:${dev('blinds')}`, type: 'action' },
      ]),
    },
    {
      key: 'energyReport',
      name: 'Daily energy report',
      folder: null,
      enabled: true,
      triggerable: false,
      cards: advancedCards(rng, [
        { id: 'homey:manager:cron:time_exactly', ownerUri: 'homey:manager:cron', type: 'trigger' },
        { id: 'homey:manager:notifications:create_notification', ownerUri: 'homey:manager:notifications', type: 'action' },
      ]),
    },
    {
      key: 'welcome',
      name: 'Welcome home',
      folder: lightsFolder,
      enabled: true,
      triggerable: true,
      cards: advancedCards(rng, [
        { id: 'homey:manager:presence:user_enter', ownerUri: 'homey:manager:presence', type: 'trigger' },
        { id: 'homey:manager:flow:programmatic_trigger', ownerUri: 'homey:manager:flow', type: 'trigger' },
        { id: `homey:device:${dev('ceiling')}:on`, ownerUri: `homey:device:${dev('ceiling')}`, type: 'action' },
      ]),
    },
  ];
  const { flows: advancedFlows, flowIds: advancedIds } = keyedFlows(rng, advancedSeeds);

  const apiKeys: ApiKey[] = [
    { name: 'Wall dashboard (full)', token: DEMO_API_KEY_FULL, scopes: ['homey'] },
    { name: 'Wall dashboard (read-only)', token: DEMO_API_KEY_READONLY, scopes: [...READONLY_SCOPES] },
  ];
  return {
    id: DEMO_HOMEY_ID,
    name: 'Home',
    softwareVersion: '12.4.0',
    language: 'en',
    apiKeys,
    zones,
    devices,
    flows,
    advancedFlows,
    weather: weather(now, { city: 'Utrecht', country: 'NL', state: 'Partly cloudy', iconId: 'clouds_light_day', temperature: outdoorTemperature(rng, now, 1) }),
    me: me(rng, 'Demo', {
      favoriteDevices: ['livingThermostat', 'colourLamp', 'coffee', 'frontDoor', 'energyApp', 'hostile', 'p1', 'freezer'].map(dev),
      favoriteFlows: [flowIds.goodMorning, flowIds.allOff, advancedIds.evening].filter((x): x is string => x !== undefined),
    }),
  };
}

// ---------------------------------------------------------------- the "Holiday cabin" Homey (Dutch)

function buildCabin(rng: Random, now: number): HomeySpec {
  const { zones, ids } = buildZones(rng, now, [
    { key: 'home', name: 'Vakantiehuisje', parent: null, icon: 'home' },
    { key: 'living', name: 'Woonkamer', parent: 'home', icon: 'living' },
    { key: 'bedroom', name: 'Slaapkamer', parent: 'home', icon: 'bed' },
    { key: 'garden', name: 'Tuin', parent: 'home', icon: 'garden' },
  ]);
  const ctx: BuildContext = { rng, now, language: 'nl', zoneIds: ids };
  const seeds: DeviceSeed[] = [
    {
      key: 'thermostat',
      name: 'Thermostaat woonkamer',
      zone: 'living',
      class: 'thermostat',
      app: 'com.plugwise.adam',
      driver: 'thermostat',
      caps: [
        { id: 'target_temperature', value: 15, overrides: { min: 5, max: 30, step: 0.5 } },
        { id: 'measure_temperature', value: around(rng, 15.4, 0.4, 1) },
        { id: 'thermostat_mode', value: 'auto' },
      ],
    },
    {
      key: 'outside',
      name: 'Buitensensor',
      zone: 'garden',
      class: 'sensor',
      app: 'com.xiaomi-mi-zigbee',
      driver: 'weather_sensor',
      caps: [
        { id: 'measure_temperature', value: outdoorTemperature(rng, now, 2), overrides: { decimals: 2 } },
        { id: 'measure_humidity', value: around(rng, 84, 6, 0) },
        { id: 'measure_battery', value: rng.int(40, 90), overrides: { decimals: 0 } },
      ],
    },
    {
      key: 'door',
      name: 'Voordeur',
      zone: 'living',
      class: 'sensor',
      app: 'com.xiaomi-mi-zigbee',
      driver: 'sensor_magnet.aq2',
      caps: [
        { id: 'alarm_contact', value: false },
        { id: 'measure_battery', value: rng.int(40, 90), overrides: { decimals: 0 } },
      ],
    },
    {
      key: 'lamp',
      name: 'Lamp bij de bank',
      zone: 'living',
      class: 'light',
      app: 'com.ikea.tradfri',
      driver: 'bulb',
      caps: [
        { id: 'onoff', value: false },
        { id: 'dim', value: 0.5 },
      ],
    },
    {
      key: 'boiler',
      name: 'Stekker boiler',
      zone: 'bedroom',
      class: 'socket',
      app: 'com.fibaro',
      driver: 'FGWPx-102',
      caps: [
        { id: 'onoff', value: true },
        { id: 'measure_power', value: around(rng, 1200, 200, 0) },
        { id: 'meter_power', value: around(rng, 732.4, 40, 2) },
      ],
    },
  ];
  const { devices, byKey } = buildDevices(seeds, ctx);
  const { flows, flowIds } = keyedFlows(rng, [
    {
      key: 'heat',
      name: 'Verwarming aan voor aankomst',
      folder: null,
      enabled: true,
      triggerable: true,
      trigger: flowCard('homey:manager:flow:programmatic_trigger'),
      conditions: [],
      actions: [flowCard(`homey:device:${byKey.thermostat ?? ''}:target_temperature_set`, { target_temperature: 20 }, { group: 'then', delay: null, duration: null })],
    },
  ]);
  const { flows: advancedFlows } = keyedFlows(rng, [
    {
      key: 'leave',
      name: 'Vertrek',
      folder: null,
      enabled: true,
      triggerable: true,
      cards: advancedCards(rng, [
        { id: 'homey:manager:flow:programmatic_trigger', ownerUri: 'homey:manager:flow', type: 'trigger' },
        { id: `homey:device:${byKey.lamp ?? ''}:off`, ownerUri: `homey:device:${byKey.lamp ?? ''}`, type: 'action' },
      ]),
    },
  ]);
  return {
    id: DEMO_CABIN_HOMEY_ID,
    name: 'Holiday cabin',
    softwareVersion: '12.4.0',
    language: 'nl',
    apiKeys: [],
    zones,
    devices,
    flows,
    advancedFlows,
    weather: weather(now, { city: 'Den Burg', country: 'NL', state: 'Lichte regen', iconId: 'rain_light_day', temperature: outdoorTemperature(rng, now, 1) }),
    me: me(rng, 'Demo', {
      favoriteDevices: [byKey.thermostat, byKey.outside, byKey.boiler].filter((x): x is string => x !== undefined),
      favoriteFlows: [flowIds.heat].filter((x): x is string => x !== undefined),
    }),
  };
}

// ---------------------------------------------------------------- shared pieces

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

/** A flow without its id; `key` names it for favourites. Other fields follow the Flow schema. */
interface FlowSeed {
  key: string;
  name: string;
  folder: string | null;
  enabled: boolean;
  triggerable: boolean;
  [field: string]: unknown;
}

function keyedFlows(rng: Random, seeds: FlowSeed[]): { flows: Record<string, Flow>; flowIds: Record<string, string> } {
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
  cards: { id: string; ownerUri: string; type: 'trigger' | 'condition' | 'action' }[],
): Record<string, { id: string; ownerUri: string; type: string; x: number; y: number }> {
  const out: Record<string, { id: string; ownerUri: string; type: string; x: number; y: number }> = {};
  cards.forEach((card, i) => {
    out[rng.uuid()] = { ...card, x: 40 + i * 320, y: 120 + (i % 2) * 80 };
  });
  return out;
}

function me(rng: Random, name: string, favourites: { favoriteDevices: string[]; favoriteFlows: string[] }): HomeyUserMe {
  // Only the User schema's fields (additionalProperties: false in homey-api's spec).
  return {
    id: rng.uuid(),
    name,
    role: 'owner',
    athomId: DEMO_USER.id ?? null,
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
