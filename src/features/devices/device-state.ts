// What a device is doing, in one word the wall can colour and a test can read: the tile carries it as
// `data-state`, the home summary counts it. Decided from the capabilities Homey defines for it
// (docs/homey-web-api.md §3): `alarm_*` booleans, `onoff`, `locked`, `measure_battery`.
import { baseCapabilityId } from './capability-kind.ts';
import type { Device } from './device-schema.ts';

/**
 * The most urgent first: an alarm, a door or window open (or a lock open), motion, a battery running
 * out, then on or off. `undefined`: nothing to say (a thermometer).
 */
export type DeviceState = 'alarm' | 'open' | 'motion' | 'low-battery' | 'on' | 'off';

/** At or below this a battery counts as low (Homey's own `alarm_battery` says so too, when a device has one). */
export const LOW_BATTERY_PERCENT = 15;

/** Alarms that are not alarming in the wall's sense: they have a state of their own. */
const NOT_ALARMS: ReadonlySet<string> = new Set(['alarm_contact', 'alarm_motion', 'alarm_battery']);

/** Whether any capability with this base id (`alarm_contact`, `alarm_contact.window`) is true. */
function anyTrue(device: Device, base: string): boolean {
  return Object.values(device.capabilitiesObj).some((cap) => baseCapabilityId(cap.id) === base && cap.value === true);
}

export function isAlarming(device: Device): boolean {
  return Object.values(device.capabilitiesObj).some((cap) => {
    const base = baseCapabilityId(cap.id);
    return base.startsWith('alarm_') && !NOT_ALARMS.has(base) && cap.type === 'boolean' && cap.value === true;
  });
}

export function isOpen(device: Device): boolean {
  return anyTrue(device, 'alarm_contact');
}

export function hasMotion(device: Device): boolean {
  return anyTrue(device, 'alarm_motion');
}

export function isUnlocked(device: Device): boolean {
  return device.capabilitiesObj.locked?.value === false;
}

export function hasLowBattery(device: Device): boolean {
  if (anyTrue(device, 'alarm_battery')) return true;
  const level = device.capabilitiesObj.measure_battery?.value;
  return typeof level === 'number' && level <= LOW_BATTERY_PERCENT;
}

/** `onoff` as the device reports it; undefined when it has none or never reported. */
export function onOff(device: Device): boolean | undefined {
  const value = device.capabilitiesObj.onoff?.value;
  return typeof value === 'boolean' ? value : undefined;
}

export function deviceState(device: Device): DeviceState | undefined {
  if (isAlarming(device)) return 'alarm';
  if (isOpen(device) || isUnlocked(device)) return 'open';
  if (hasMotion(device)) return 'motion';
  if (hasLowBattery(device)) return 'low-battery';
  const on = onOff(device);
  if (on !== undefined) return on ? 'on' : 'off';
  return undefined;
}
