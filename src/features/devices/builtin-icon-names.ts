// The dashboard's own icon for a device, by its class and what it measures. Loaded with the
// drawings, after the first screen: a Homey names most devices' icons itself (device-icon.tsx).
import type { IconName } from '../../components/icon.tsx';
import type { Device } from './device-schema.ts';
import type { DeviceState } from './device-state.ts';

// Homey's device classes (homey-lib `assets/device/classes`), and the virtual classes apps give.
const CLASS_ICONS: Readonly<Record<string, IconName>> = {
  light: 'lightbulb',
  socket: 'plug',
  thermostat: 'thermometer',
  heater: 'heater',
  heatpump: 'heater',
  radiator: 'heater',
  boiler: 'flame',
  lock: 'lock',
  windowcoverings: 'blinds',
  blinds: 'blinds',
  sunshade: 'blinds',
  curtain: 'curtain',
  doorbell: 'bell',
  speaker: 'speaker',
  amplifier: 'speaker',
  tv: 'tv',
  fan: 'fan',
  airconditioning: 'wind',
  vacuumcleaner: 'bot',
  garagedoor: 'warehouse',
  camera: 'camera',
  button: 'circle-dot',
  remote: 'circle-dot',
  homealarm: 'shield-alert',
  smokealarm: 'flame',
  kettle: 'coffee',
  coffeemachine: 'coffee',
  solarpanel: 'solar-panel',
  evcharger: 'ev-charger',
  battery: 'battery',
  washer: 'washing-machine',
  dryer: 'washing-machine',
  dishwasher: 'washing-machine',
  other: 'box',
};

// A sensor (or a device of a class nobody knows) is what it measures: the first of these it has.
const CAPABILITY_ICONS: readonly (readonly [string, IconName])[] = [
  ['alarm_contact', 'door-closed'],
  ['alarm_motion', 'footprints'],
  ['alarm_smoke', 'flame'],
  ['alarm_fire', 'flame'],
  ['alarm_water', 'droplets'],
  ['alarm_co', 'triangle-alert'],
  ['alarm_generic', 'triangle-alert'],
  ['measure_temperature', 'thermometer'],
  ['measure_power', 'zap'],
  ['meter_power', 'zap'],
  ['measure_humidity', 'droplets'],
  ['measure_wind_strength', 'wind'],
  ['onoff', 'power'],
];

/** The dashboard's own icon for a device: its state's variant where there is one (open, off, unlocked). */
export function builtinIconName(device: Pick<Device, 'class' | 'virtualClass' | 'capabilitiesObj'>, state?: DeviceState): IconName {
  const capabilityIds = Object.keys(device.capabilitiesObj).map((id) => id.split('.')[0] ?? id);
  const byCapability = CAPABILITY_ICONS.find(([id]) => capabilityIds.includes(id))?.[1];
  const byClass = (device.virtualClass ? CLASS_ICONS[device.virtualClass] : undefined) ?? (device.class ? CLASS_ICONS[device.class] : undefined);
  // "sensor" and "other" say little; what the device measures says more.
  const vague = device.class === null || device.class === 'sensor' || device.class === 'other' || byClass === undefined;
  const name = (vague ? (byCapability ?? byClass) : byClass) ?? 'box';
  if (name === 'door-closed' && state === 'open') return 'door-open';
  if (name === 'lightbulb' && state === 'off') return 'lightbulb-off';
  if (name === 'lock' && state === 'open') return 'lock-open';
  return name;
}

