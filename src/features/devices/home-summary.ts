// The home at a glance, counted from the device list in the one React Query cache: temperatures
// inside and out, what is on, open, alarming or running out of battery, and power. Pure, so the
// counts are tested on their own; `use-home-summary.ts` keeps them live.
import { baseCapabilityId, isTemperatureReading, subCapabilityId } from './capability-kind.ts';
import type { Device } from './device-schema.ts';
import { hasLowBattery, isAlarming, isOpen, onOff } from './device-state.ts';

/** A figure and the devices it comes from (a tap on it shows them). */
export interface SummaryFigure {
  /** Temperatures in their units; power in W; counts for the rest. */
  value: number;
  units: string;
  deviceIds: readonly string[];
}

export interface HomeSummary {
  /** The median of the temperatures measured inside, so one oven or freezer does not move it. */
  indoor?: SummaryFigure;
  /** Temperatures measured outside (`measure_temperature.outside`, or a device in a zone the app calls outside). */
  outdoor?: SummaryFigure;
  lightsOn: SummaryFigure;
  open: SummaryFigure;
  alarms: SummaryFigure;
  lowBattery: SummaryFigure;
  /** Power drawn now: the home meter's reading where there is one, else the sum of every device's. */
  power?: SummaryFigure;
  /** Power from solar panels now; absent in a home without them. */
  solar?: SummaryFigure;
}

export type SummaryKey = keyof HomeSummary;

export const SUMMARY_KEYS: readonly SummaryKey[] = ['indoor', 'outdoor', 'lightsOn', 'open', 'alarms', 'lowBattery', 'power', 'solar'];

// Heat sources and cold stores measure their own water or food, not a room.
const NOT_A_ROOM: ReadonlySet<string> = new Set(['heatpump', 'boiler', 'waterheater', 'kettle', 'coffeemachine', 'oven', 'fridge', 'freezer']);

const isLight = (d: Device) => d.class === 'light' || d.virtualClass === 'light';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function count(devices: readonly Device[], test: (d: Device) => boolean): SummaryFigure {
  const ids = devices.filter(test).map((d) => d.id);
  return { value: ids.length, units: '', deviceIds: ids };
}

interface Reading {
  device: Device;
  value: number;
  units: string;
}

function temperatures(devices: readonly Device[], outside: boolean): Reading[] {
  const out: Reading[] = [];
  for (const device of devices) {
    if (!device.available) continue;
    if (!outside && (NOT_A_ROOM.has(device.class ?? '') || NOT_A_ROOM.has(device.virtualClass ?? ''))) continue;
    for (const cap of Object.values(device.capabilitiesObj)) {
      if (typeof cap.value !== 'number' || !isTemperatureReading(cap, device.ui)) continue;
      if (baseCapabilityId(cap.id) !== 'measure_temperature') continue;
      if ((subCapabilityId(cap.id) === 'outside') !== outside) continue;
      out.push({ device, value: cap.value, units: cap.units ?? '°C' });
      // One reading per device: a device with two thermometers is still one place.
      break;
    }
  }
  return out;
}

function temperatureFigure(readings: readonly Reading[]): SummaryFigure | undefined {
  const first = readings[0];
  if (!first) return undefined;
  // Mixed units would make a meaningless median: the units of the first reading decide which count.
  const same = readings.filter((r) => r.units === first.units);
  return { value: median(same.map((r) => r.value)), units: first.units, deviceIds: [...new Set(same.map((r) => r.device.id))] };
}

function powerOf(device: Device): number | undefined {
  const value = device.capabilitiesObj.measure_power?.value;
  return device.available && typeof value === 'number' ? value : undefined;
}

function powerFigure(devices: readonly Device[]): SummaryFigure | undefined {
  const meters = devices.filter((d) => d.homeMeter && powerOf(d) !== undefined);
  const users = meters.length ? meters : devices.filter((d) => d.class !== 'solarpanel' && powerOf(d) !== undefined);
  if (!users.length) return undefined;
  return { value: users.reduce((sum, d) => sum + (powerOf(d) ?? 0), 0), units: 'W', deviceIds: users.map((d) => d.id) };
}

function solarFigure(devices: readonly Device[]): SummaryFigure | undefined {
  const panels = devices.filter((d) => d.class === 'solarpanel' && powerOf(d) !== undefined);
  if (!panels.length) return undefined;
  // Inverters report production as positive or (as a meter would) negative: the size is what is made.
  return { value: panels.reduce((sum, d) => sum + Math.abs(powerOf(d) ?? 0), 0), units: 'W', deviceIds: panels.map((d) => d.id) };
}

export function homeSummary(devices: readonly Device[]): HomeSummary {
  const summary: HomeSummary = {
    lightsOn: count(devices, (d) => isLight(d) && onOff(d) === true),
    open: count(devices, isOpen),
    alarms: count(devices, isAlarming),
    lowBattery: count(devices, hasLowBattery),
  };
  const indoor = temperatureFigure(temperatures(devices, false));
  const outdoor = temperatureFigure(temperatures(devices, true));
  const power = powerFigure(devices);
  const solar = solarFigure(devices);
  if (indoor) summary.indoor = indoor;
  if (outdoor) summary.outdoor = outdoor;
  if (power) summary.power = power;
  if (solar) summary.solar = solar;
  return summary;
}

/** What a zone's heading says about it: its climate (when a device in it measures it) and what is on, open or alarming. */
export interface ZoneSummary {
  temperature?: { value: number; units: string };
  humidity?: number;
  lightsOn: number;
  open: number;
  alarms: number;
}

function humidityOf(device: Device): number | undefined {
  const cap = device.capabilitiesObj.measure_humidity;
  return device.available && cap && typeof cap.value === 'number' ? cap.value : undefined;
}

/** Per zone id, from the devices directly in it (a floor does not repeat its rooms'). */
export function zoneSummaries(devices: readonly Device[]): Record<string, ZoneSummary> {
  const byZone = new Map<string, Device[]>();
  for (const device of devices) {
    if (device.zone === null) continue;
    const list = byZone.get(device.zone);
    if (list) list.push(device);
    else byZone.set(device.zone, [device]);
  }
  const out: Record<string, ZoneSummary> = Object.create(null) as Record<string, ZoneSummary>;
  for (const [zone, inZone] of byZone) {
    const summary: ZoneSummary = {
      lightsOn: inZone.filter((d) => isLight(d) && onOff(d) === true).length,
      open: inZone.filter(isOpen).length,
      alarms: inZone.filter(isAlarming).length,
    };
    const temperature = temperatureFigure(temperatures(inZone, false));
    if (temperature) summary.temperature = { value: temperature.value, units: temperature.units };
    const humidities = inZone.map(humidityOf).filter((h): h is number => h !== undefined);
    if (humidities.length) summary.humidity = median(humidities);
    out[zone] = summary;
  }
  return out;
}
