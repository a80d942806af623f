// A big home made up on demand (`--generate-devices N`): the demo's main Homey gets extra wings of
// rooms full of ordinary devices until it holds N, so tests and the bench can meet a 2,000-device
// home without anyone's dump. The devices come as demo tables (zones and devices), built like the
// demo's own from homey-lib's definitions; about a fifth read a temperature (tiles with sparklines),
// and nearly all keep a few Insights logs. The tables come from their own seeded stream, so a seed
// always makes the same home.
import { createRandom, deriveSeed } from '../random.ts';
import type { Random } from '../random.ts';
import type { CapabilityValue } from '../types.ts';
import type { DemoCapability, DemoDevice, DemoZone } from './demo-home-devices.ts';

/** The extra tables for one Homey: zones under `rootZone`, and `count` devices in them. */
export interface GeneratedDevices {
  zones: DemoZone[];
  devices: DemoDevice[];
}

interface DeviceKind {
  label: string;
  /** How often it appears, relative to the other kinds (the weights add up to 100). */
  weight: number;
  class: string;
  virtualClass?: string;
  app: string;
  driver: string;
  caps: (rng: Random) => DemoCapability[];
}

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;
const uniform = (rng: Random, min: number, max: number, decimals: number) => round(min + rng.next() * (max - min), decimals);
const chance = (rng: Random, p: number) => rng.next() < p;

/** A battery and the alarm that goes with it, reported together as real sensors do. */
function battery(rng: Random): DemoCapability[] {
  const level = rng.int(8, 100);
  return [
    { id: 'measure_battery', value: level, overrides: { decimals: 0 } },
    { id: 'alarm_battery', value: level < 15 },
  ];
}

function cap(id: string, value: CapabilityValue): DemoCapability {
  return { id, value };
}

// Weights: the two temperature kinds make 20 of 100.
const KINDS: readonly DeviceKind[] = [
  {
    label: 'light',
    weight: 18,
    class: 'light',
    app: 'com.ikea.tradfri',
    driver: 'bulb',
    caps: (rng) => {
      const on = chance(rng, 0.3);
      return [cap('onoff', on), cap('dim', uniform(rng, 0.05, 1, 2)), cap('measure_power', on ? uniform(rng, 3, 12, 1) : 0.3)];
    },
  },
  {
    label: 'colour lamp',
    weight: 6,
    class: 'light',
    app: 'nl.philips.hue',
    driver: 'bulb',
    caps: (rng) => {
      const on = chance(rng, 0.3);
      return [
        cap('onoff', on),
        cap('dim', uniform(rng, 0.05, 1, 2)),
        cap('light_hue', uniform(rng, 0, 1, 2)),
        cap('light_saturation', uniform(rng, 0, 1, 2)),
        cap('light_temperature', uniform(rng, 0, 1, 2)),
        cap('light_mode', rng.pick(['color', 'temperature'])),
        cap('measure_power', on ? uniform(rng, 4, 10, 1) : 0.4),
      ];
    },
  },
  {
    label: 'socket',
    weight: 12,
    class: 'socket',
    app: 'com.fibaro',
    driver: 'wall_plug',
    caps: (rng) => {
      const on = chance(rng, 0.7);
      return [
        cap('onoff', on),
        cap('measure_power', on ? uniform(rng, 2, 1800, 1) : 0),
        cap('meter_power', uniform(rng, 0.5, 900, 3)),
        cap('measure_voltage', uniform(rng, 227, 235, 1)),
      ];
    },
  },
  {
    label: 'thermometer',
    weight: 12,
    class: 'sensor',
    app: 'com.xiaomi-mi-zigbee',
    driver: 'weather_sensor',
    caps: (rng) => [cap('measure_temperature', uniform(rng, 16, 24, 1)), cap('measure_humidity', rng.int(35, 65)), ...battery(rng)],
  },
  {
    label: 'radiator valve',
    weight: 8,
    class: 'thermostat',
    app: 'com.danfoss',
    driver: 'ally_radiator_thermostat',
    caps: (rng) => [
      { id: 'target_temperature', value: uniform(rng, 30, 44, 0) / 2, overrides: { min: 5, max: 28, step: 0.5 } },
      cap('measure_temperature', uniform(rng, 16, 23, 1)),
      ...battery(rng),
    ],
  },
  {
    label: 'motion sensor',
    weight: 10,
    class: 'sensor',
    app: 'com.aqara',
    driver: 'motion_sensor',
    caps: (rng) => [cap('alarm_motion', chance(rng, 0.1)), cap('measure_luminance', rng.int(0, 800)), ...battery(rng)],
  },
  {
    label: 'door sensor',
    weight: 10,
    class: 'sensor',
    virtualClass: 'door',
    app: 'com.aqara',
    driver: 'door_window_sensor',
    caps: (rng) => [cap('alarm_contact', chance(rng, 0.15)), cap('alarm_tamper', false), ...battery(rng)],
  },
  {
    label: 'blinds',
    weight: 6,
    class: 'windowcoverings',
    virtualClass: 'blinds',
    app: 'com.somfy',
    driver: 'io-roller-shutter',
    caps: (rng) => [cap('windowcoverings_state', 'idle'), cap('windowcoverings_set', uniform(rng, 0, 1, 2)), ...battery(rng)],
  },
  {
    label: 'smoke alarm',
    weight: 4,
    class: 'sensor',
    app: 'com.heiman',
    driver: 'smoke_detector',
    caps: (rng) => [cap('alarm_smoke', false), cap('alarm_tamper', false), ...battery(rng)],
  },
  {
    label: 'air quality',
    weight: 4,
    class: 'sensor',
    app: 'com.netatmo',
    driver: 'indoor_module',
    caps: (rng) => [cap('measure_co2', rng.int(400, 1400)), cap('measure_humidity', rng.int(35, 65)), cap('measure_pm25', rng.int(2, 40))],
  },
  {
    label: 'leak sensor',
    weight: 3,
    class: 'sensor',
    app: 'com.aqara',
    driver: 'water_leak_sensor',
    caps: (rng) => [cap('alarm_water', false), ...battery(rng)],
  },
  {
    label: 'speaker',
    weight: 2,
    class: 'speaker',
    app: 'com.sonos',
    driver: 'speaker',
    caps: (rng) => [cap('speaker_playing', chance(rng, 0.2)), cap('volume_set', uniform(rng, 0, 1, 2)), cap('volume_mute', false)],
  },
  {
    label: 'lock',
    weight: 2,
    class: 'lock',
    app: 'com.nuki',
    driver: 'smartlock',
    caps: (rng) => [cap('locked', chance(rng, 0.8)), ...battery(rng)],
  },
  {
    label: 'fan',
    weight: 3,
    class: 'fan',
    app: 'com.duux',
    driver: 'whisper_flex',
    caps: (rng) => {
      const on = chance(rng, 0.25);
      return [cap('onoff', on), cap('fan_speed', uniform(rng, 0.1, 1, 2)), cap('measure_power', on ? uniform(rng, 3, 25, 1) : 0)];
    },
  },
];

const TOTAL_WEIGHT = KINDS.reduce((sum, k) => sum + k.weight, 0);

function pickKind(rng: Random): DeviceKind {
  let x = rng.next() * TOTAL_WEIGHT;
  for (const kind of KINDS) {
    x -= kind.weight;
    if (x < 0) return kind;
  }
  return KINDS[KINDS.length - 1] as DeviceKind;
}

const ROOMS: readonly { name: string; icon: string }[] = [
  { name: 'Bedroom', icon: 'bed' },
  { name: 'Study', icon: 'books' },
  { name: 'Bathroom', icon: 'shower' },
  { name: 'Kitchenette', icon: 'kitchen' },
  { name: 'Lounge', icon: 'living' },
  { name: 'Storage', icon: 'default' },
  { name: 'Corridor', icon: 'default' },
  { name: 'Patio', icon: 'garden' },
];

const DEVICES_PER_ROOM = 12;
const ROOMS_PER_WING = 10;

/** A wing's letter: A … Z, then AA, AB, … */
function wingName(i: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return i < 26 ? (letters[i] as string) : `${wingName(Math.floor(i / 26) - 1)}${letters[i % 26] as string}`;
}

/** `count` devices in wings of rooms under the zone keyed `rootZone`. */
export function generateDevices(count: number, seed: number, rootZone: string): GeneratedDevices {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`generateDevices: need a whole number of devices, got ${count}`);
  const rng = createRandom(deriveSeed(seed, 'generated-devices'));
  const zones: DemoZone[] = [];
  const rooms: DemoZone[] = [];
  const roomCount = Math.ceil(count / DEVICES_PER_ROOM);
  for (let w = 0; w * ROOMS_PER_WING < roomCount; w++) {
    const wing = wingName(w);
    const wingKey = `generated-wing-${wing}`;
    zones.push({ key: wingKey, name: `Wing ${wing}`, parent: rootZone, icon: 'stairs-up' });
    for (let r = 0; r < ROOMS_PER_WING && w * ROOMS_PER_WING + r < roomCount; r++) {
      const room = rng.pick(ROOMS);
      const zone: DemoZone = { key: `${wingKey}-${r + 1}`, name: `${room.name} ${wing}${r + 1}`, parent: wingKey, icon: room.icon };
      zones.push(zone);
      rooms.push(zone);
    }
  }
  const devices: DemoDevice[] = [];
  for (let i = 0; i < count; i++) {
    const room = rooms[Math.floor(i / DEVICES_PER_ROOM)] as DemoZone;
    const kind = pickKind(rng);
    const available = !chance(rng, 0.01);
    devices.push({
      name: `${room.name} ${kind.label} ${(i % DEVICES_PER_ROOM) + 1}`,
      zone: room.key,
      class: kind.class,
      ...(kind.virtualClass ? { virtualClass: kind.virtualClass } : {}),
      app: kind.app,
      driver: kind.driver,
      caps: kind.caps(rng),
      ...(available ? {} : { available: false, unavailableMessage: 'Device is unreachable' }),
    });
  }
  return { zones, devices };
}
