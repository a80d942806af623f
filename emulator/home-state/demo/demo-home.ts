// The demo world the emulator starts with when no fixture is given: two Homeys full of the messy
// variety real homes have (sub-ids, null values, an offline device, HTML in a name, every chart type),
// built from homey-lib definitions so units and decimals are what a real Homey would serve.
import { createRandom } from '../random.ts';
import type { OAuthClientSpec, UserSpec, World } from '../types.ts';
import { buildDemoHomey } from './demo-builder.ts';
import type { DemoHomey } from './demo-builder.ts';
import { CABIN_DEVICES, CABIN_ZONES, HOME_DEVICES, HOME_ZONES } from './demo-home-devices.ts';
import { cabinAdvancedFlows, cabinFlows, homeAdvancedFlows, homeFlows } from './demo-home-flows.ts';
import { generateDevices } from './generated-devices.ts';

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

export interface DemoWorldOptions {
  now?: Date;
  seed?: number;
  /** Home's devices in all: its own, then generated ones in extra wings up to this many (a big home). */
  generatedDevices?: number;
}

export function buildDemoWorld(opts: DemoWorldOptions = {}): World {
  const now = (opts.now ?? new Date()).getTime();
  const seed = opts.seed ?? 1;
  const rng = createRandom(seed);
  return {
    clients: [structuredClone(DEMO_CLIENT)],
    users: [structuredClone(DEMO_USER), structuredClone(DEMO_SOLO_USER)],
    homeys: [buildDemoHomey(bigHome(opts.generatedDevices, seed), rng, now), buildDemoHomey(CABIN, rng, now)],
  };
}

/** Home as it is, or grown to `total` devices with generated ones after its own. */
function bigHome(total: number | undefined, seed: number): DemoHomey {
  if (total === undefined) return HOME;
  if (!Number.isInteger(total) || total < HOME.devices.length) {
    throw new RangeError(`generated devices: Home holds ${HOME.devices.length} devices of its own, so ask for at least that many (got ${total})`);
  }
  const extra = generateDevices(total - HOME.devices.length, seed, 'home');
  return { ...HOME, zones: [...HOME.zones, ...extra.zones], devices: [...HOME.devices, ...extra.devices] };
}

const HOME: DemoHomey = {
  id: DEMO_HOMEY_ID,
  name: 'Home',
  softwareVersion: '12.4.0',
  language: 'en',
  apiKeys: [
    { name: 'Wall dashboard (full)', token: DEMO_API_KEY_FULL, scopes: ['homey'] },
    { name: 'Wall dashboard (read-only)', token: DEMO_API_KEY_READONLY, scopes: [...READONLY_SCOPES] },
  ],
  zones: HOME_ZONES,
  devices: HOME_DEVICES,
  folders: ['lights'],
  flows: homeFlows,
  advancedFlows: homeAdvancedFlows,
  weather: { city: 'Utrecht', country: 'NL', state: 'Partly cloudy', iconId: 'clouds_light_day' },
  me: { name: 'Demo', athomId: DEMO_USER.id ?? null },
  favourites: {
    devices: ['livingThermostat', 'colourLamp', 'coffee', 'frontDoor', 'energyApp', 'hostile', 'p1', 'freezer'],
    flows: ['goodMorning', 'allOff', 'evening'],
  },
};

const CABIN: DemoHomey = {
  id: DEMO_CABIN_HOMEY_ID,
  name: 'Holiday cabin',
  softwareVersion: '12.4.0',
  language: 'nl',
  apiKeys: [],
  zones: CABIN_ZONES,
  devices: CABIN_DEVICES,
  folders: [],
  flows: cabinFlows,
  advancedFlows: cabinAdvancedFlows,
  weather: { city: 'Den Burg', country: 'NL', state: 'Lichte regen', iconId: 'rain_light_day' },
  me: { name: 'Demo', athomId: DEMO_USER.id ?? null },
  favourites: { devices: ['thermostat', 'outside', 'boiler'], flows: ['heat'] },
};
