// The Insights logs a Homey keeps (`GET insights/log`): one per logged number or boolean capability
// of a device, plus the weather's temperature, each described the way a v3 Homey serves it.
import { capabilityDefinition, isButton, isMeter, localize } from '../capabilities.ts';
import type { Language } from '../capabilities.ts';
import type { CapabilityObj, Device, HomeySpec, InsightsLog } from '../types.ts';

/** v3 log id of a device capability. */
export function deviceLogId(deviceId: string, capabilityId: string): string {
  return `homey:device:${deviceId}:${capabilityId}`;
}

const WEATHER_URI = 'homey:manager:weather';
const WEATHER_TEMPERATURE_LOG = `${WEATHER_URI}:temperature`;

/** Whether Homey keeps an Insights log for a device capability. */
export function hasInsightsLog(capabilityId: string, cap: CapabilityObj): boolean {
  if (cap.type !== 'number' && cap.type !== 'boolean') return false;
  if (isButton(capabilityId) || cap.getable === false) return false;
  // The Homey Pro 2023 shape says it outright; older dumps leave it to the definition.
  if (typeof cap.insights === 'boolean') return cap.insights;
  const def = capabilityDefinition(capabilityId);
  return def ? def.insights === true : true;
}

/** A log with what its history is made from. */
export interface LogMeta {
  log: InsightsLog;
  meter: boolean;
  /** The capability behind a device log; undefined for manager logs. */
  cap: CapabilityObj | undefined;
  device: Device | undefined;
  capabilityId: string;
}

export function* logMetas(homey: HomeySpec): Generator<LogMeta> {
  for (const device of Object.values(homey.devices)) {
    const ids = Array.isArray(device.capabilities) ? device.capabilities : Object.keys(device.capabilitiesObj);
    for (const capabilityId of new Set(ids)) {
      const cap = device.capabilitiesObj[capabilityId];
      if (!cap || !hasInsightsLog(capabilityId, cap)) continue;
      yield deviceMeta(device, capabilityId, cap);
    }
  }
  const weather = weatherMeta(homey);
  if (weather) yield weather;
}

export function logMeta(homey: HomeySpec, logId: string): LogMeta | undefined {
  if (logId === WEATHER_TEMPERATURE_LOG) return weatherMeta(homey);
  const prefix = 'homey:device:';
  if (!logId.startsWith(prefix)) return undefined;
  const rest = logId.slice(prefix.length);
  const colon = rest.indexOf(':');
  if (colon < 0) return undefined;
  const device = homey.devices[rest.slice(0, colon)];
  const capabilityId = rest.slice(colon + 1);
  const cap = device?.capabilitiesObj[capabilityId];
  if (!device || !cap || !hasInsightsLog(capabilityId, cap)) return undefined;
  return deviceMeta(device, capabilityId, cap);
}

function homeyLanguage(homey: HomeySpec): Language {
  const l = homey.language;
  return l === 'nl' || l === 'de' ? l : 'en';
}

function deviceMeta(device: Device, capabilityId: string, cap: CapabilityObj): LogMeta {
  const type = cap.type === 'boolean' ? 'boolean' : 'number';
  const value = cap.value;
  const lastValue = type === 'boolean' ? (typeof value === 'boolean' ? value : null) : typeof value === 'number' ? value : null;
  const text = (x: unknown): string | null => (typeof x === 'string' ? x : null);
  const log: InsightsLog = {
    id: deviceLogId(device.id, capabilityId),
    ownerUri: `homey:device:${device.id}`,
    ownerId: device.id,
    ownerName: device.name,
    type,
    title: text(cap.title) ?? capabilityId,
    titleTrue: type === 'boolean' ? (text(cap.insightsTitleTrue) ?? text(cap.titleTrue)) : null,
    titleFalse: type === 'boolean' ? (text(cap.insightsTitleFalse) ?? text(cap.titleFalse)) : null,
    units: type === 'number' ? text(cap.units) : null,
    decimals: type === 'number' && typeof cap.decimals === 'number' ? cap.decimals : null,
    lastValue,
  };
  return { log, meter: isMeter(capabilityId), cap, device, capabilityId };
}

/** The weather's temperature log, as in the v3 wire sample (ownerUri `homey:manager:weather`). */
function weatherMeta(homey: HomeySpec): LogMeta | undefined {
  const temperature = homey.weather.temperature;
  if (typeof temperature !== 'number') return undefined;
  const language = homeyLanguage(homey);
  const units = homey.weather.temperatureUnits;
  const log: InsightsLog = {
    id: WEATHER_TEMPERATURE_LOG,
    ownerUri: WEATHER_URI,
    ownerId: 'weather',
    ownerName: localize({ en: 'Weather', nl: 'Weer', de: 'Wetter' }, language) ?? 'Weather',
    type: 'number',
    title: localize(capabilityDefinition('measure_temperature')?.title, language) ?? 'Temperature',
    titleTrue: null,
    titleFalse: null,
    units: typeof units === 'string' ? units : '°C',
    decimals: 1,
    lastValue: temperature,
  };
  return { log, meter: false, cap: undefined, device: undefined, capabilityId: 'measure_temperature.outside' };
}
