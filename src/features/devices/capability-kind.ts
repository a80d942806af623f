// Everything the dashboard asks about a capability, answered in one place: which small tile shows
// it (its kind), whether that tile is a control or a reading, and whether it is the temperature a
// tile leads with and charts in a sparkline. Decided the way a Homey decides it, from the
// capability's own metadata: the device's `ui.components` (what Homey's app draws for this very
// device), the capability's `uiComponent` (homey-lib definitions), then `type`, `setable` and the id
// prefix (docs/homey-web-api.md §3). homey-lib's system definitions are the ground truth
// (capability-kind.test.ts runs every one of them through here).
import type { Capability, DeviceUi } from './device-schema.ts';

/** Kinds whose tile changes the device. */
export type ControlKind = 'toggle' | 'slider' | 'thermostat' | 'ternary' | 'picker' | 'button' | 'color';

/** Kinds whose tile only shows a value; `generic` is the readable fallback for a type nobody knows. */
export type ReadingKind = 'temperature' | 'sensor' | 'percentage' | 'boolean' | 'alarm' | 'enum' | 'string' | 'battery' | 'generic';

export type CapabilityKind = ControlKind | ReadingKind;

// A Record, so a new control kind does not compile until it is listed here.
const CONTROL_KINDS: Record<ControlKind, true> = {
  toggle: true,
  slider: true,
  thermostat: true,
  ternary: true,
  picker: true,
  button: true,
  color: true,
};

/** Whether a kind's tile is a control (it writes to the device) rather than a reading. */
export function isControl(kind: CapabilityKind): kind is ControlKind {
  return Object.prototype.hasOwnProperty.call(CONTROL_KINDS, kind);
}

/** What the dispatcher reads; a parsed Capability has all of it. */
export type KindInput = Pick<Capability, 'id' | 'type' | 'setable'> &
  Partial<Pick<Capability, 'getable' | 'units' | 'min' | 'max' | 'uiComponent' | 'declaredType' | 'options' | 'title'>>;

/** `measure_temperature.outside` → `measure_temperature`: the part before the dot names the kind. */
export function baseCapabilityId(id: string): string {
  const dot = id.indexOf('.');
  return dot === -1 ? id : id.slice(0, dot);
}

/** The sub-id after the dot (`outside`), or undefined. */
export function subCapabilityId(id: string): string | undefined {
  const dot = id.indexOf('.');
  return dot === -1 ? undefined : id.slice(dot + 1);
}

/** The component Homey puts this capability in for this device, else the capability's own. */
export function uiComponentFor(cap: KindInput, deviceUi?: Pick<DeviceUi, 'components'>): string | null {
  const fromDevice = deviceUi?.components.find((c) => c.capabilities.includes(cap.id))?.id;
  if (fromDevice) return fromDevice;
  if (typeof cap.uiComponent === 'string') return cap.uiComponent;
  // Apps can set it per device through capability options (seen in sparegris dumps).
  const fromOptions = cap.options?.uiComponent;
  return typeof fromOptions === 'string' ? fromOptions : null;
}

// Celsius and Fahrenheit as devices spell them (docs/homey-web-api.md §3: °C, ℃, C, °F …).
const TEMPERATURE_UNITS: ReadonlySet<string> = new Set(['°C', '℃', 'C', '°F', '℉', 'F', '° C', '° F']);

const COLOR_CAPABILITIES: ReadonlySet<string> = new Set(['light_hue', 'light_saturation', 'light_temperature']);

/** Temperature-shaped: `measure_temperature` and its sub-ids, or an app's value in °C/°F. */
function isTemperature(cap: KindInput): boolean {
  const base = baseCapabilityId(cap.id);
  if (base === 'measure_temperature' || base.startsWith('measure_temperature_')) return true;
  return typeof cap.units === 'string' && TEMPERATURE_UNITS.has(cap.units.trim());
}

// `sensor` is Homey saying "show, don't control", even for a setable capability (homey-lib: cooking_time).
function isWritable(cap: KindInput, component: string | null): boolean {
  return cap.setable && component !== 'sensor';
}

function isBattery(cap: KindInput, component: string | null): boolean {
  return component === 'battery' || baseCapabilityId(cap.id) === 'measure_battery';
}

function hasRange(cap: KindInput): boolean {
  return typeof cap.min === 'number' && typeof cap.max === 'number' && cap.max > cap.min;
}

/**
 * A measured temperature: a number in °C/°F that the wall only reads. The one answer the
 * dispatcher, the tile's lead and the sparkline all ask. A driver that marks its thermometer
 * setable but puts it in a `sensor` component still sends a reading; a setable temperature Homey
 * does not show as a sensor is a setpoint (a dial or slider, or, without a range, a plain number),
 * and a wall that led with a setpoint would tell the room the wrong temperature.
 */
export function isTemperatureReading(cap: KindInput, deviceUi?: Pick<DeviceUi, 'components'>): boolean {
  if (cap.declaredType !== undefined || cap.type !== 'number') return false;
  const component = uiComponentFor(cap, deviceUi);
  return !isWritable(cap, component) && !isBattery(cap, component) && isTemperature(cap);
}

/** Whether the capability leads its device's tile, drawn large: what people read from across the room. */
export function leadsTile(cap: KindInput, deviceUi?: Pick<DeviceUi, 'components'>): boolean {
  return isTemperatureReading(cap, deviceUi);
}

/** Whether a 24-hour sparkline from Insights belongs beside the capability's value. */
export function hasSparkline(cap: KindInput, deviceUi?: Pick<DeviceUi, 'components'>): boolean {
  return isTemperatureReading(cap, deviceUi);
}

/**
 * The tile kind for a capability. `deviceUi` is the device's `ui` when known: Homey groups a
 * device's capabilities into components there, and that is the best evidence of how it is meant to
 * look (real homes send it; capability objects on the wire carry no `uiComponent`).
 */
export function capabilityKind(cap: KindInput, deviceUi?: Pick<DeviceUi, 'components'>): CapabilityKind {
  // A type the dashboard does not know: show title and value, promise nothing.
  if (cap.declaredType !== undefined) return 'generic';
  const base = baseCapabilityId(cap.id);
  const component = uiComponentFor(cap, deviceUi);
  const writable = isWritable(cap, component);

  switch (cap.type) {
    case 'boolean':
      // Write-only triggers (`button.*`, `volume_up`): no state, value null for ever. A readable
      // boolean in a button component (homey-lib: `volume_mute`) has a state to show: a toggle.
      if (cap.setable && (base === 'button' || cap.getable === false)) return 'button';
      if (base.startsWith('alarm_')) return 'alarm';
      return writable ? 'toggle' : 'boolean';
    case 'enum':
      if (writable && (component === 'ternary' || base === 'windowcoverings_state')) return 'ternary';
      return writable ? 'picker' : 'enum';
    case 'string':
      return 'string';
    case 'number':
      if (writable) {
        if (component === 'thermostat' || base === 'target_temperature') return 'thermostat';
        if (component === 'color' || COLOR_CAPABILITIES.has(base)) return 'color';
        if (hasRange(cap)) return 'slider';
        // A setable number without a range cannot be a slider; show it rather than guess one.
      }
      if (isBattery(cap, component)) return 'battery';
      if (isTemperatureReading(cap, deviceUi)) return 'temperature';
      if (cap.units === '%') return 'percentage';
      return 'sensor';
    default:
      return 'generic';
  }
}

// ---------------------------------------------------------------- titles

/** `measure_temperature.outside` → "Measure temperature (outside)": a last resort, always readable. */
export function humanizeCapabilityId(id: string): string {
  const words = (s: string) => s.replace(/[_\-.]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim().toLowerCase();
  const base = words(baseCapabilityId(id));
  const sub = subCapabilityId(id);
  const head = base === '' ? id : base.charAt(0).toUpperCase() + base.slice(1);
  return sub ? `${head} (${words(sub) || sub})` : head;
}

function optionTitle(options: Record<string, unknown> | undefined, lang: string | undefined): string | undefined {
  const raw = options?.title;
  if (typeof raw === 'string') return raw;
  if (typeof raw !== 'object' || raw === null) return undefined;
  const byLanguage = raw as Record<string, unknown>;
  const pick = (lang !== undefined ? byLanguage[lang] : undefined) ?? byLanguage.en ?? Object.values(byLanguage)[0];
  return typeof pick === 'string' ? pick : undefined;
}

/**
 * The name to show for a capability: its `title` (already in the Homey's language), else the title
 * the app gave in `options.title` (a string, or per language: `language` picks), else the id made
 * readable. Empty titles count as absent.
 */
export function capabilityTitle(cap: Pick<Capability, 'id'> & Partial<Pick<Capability, 'title' | 'options'>>, language?: string): string {
  if (typeof cap.title === 'string' && cap.title.trim() !== '') return cap.title;
  const fromOptions = optionTitle(cap.options, language);
  if (fromOptions !== undefined && fromOptions.trim() !== '') return fromOptions;
  return humanizeCapabilityId(cap.id);
}

/**
 * Titles for all capabilities of one device, made distinct: sub-capabilities often share their
 * base's title (sparegris: `meter_power.hour`, `.day` and `.acc` are all "Energy"), so a repeated
 * title gets its sub-id added: "Energy (hour)".
 */
export function distinctCapabilityTitles(
  caps: readonly (Pick<Capability, 'id'> & Partial<Pick<Capability, 'title' | 'options'>>)[],
  language?: string,
): Map<string, string> {
  const titles = new Map(caps.map((c) => [c.id, capabilityTitle(c, language)] as const));
  const counts = new Map<string, number>();
  for (const title of titles.values()) counts.set(title, (counts.get(title) ?? 0) + 1);
  for (const [id, title] of titles) {
    const sub = subCapabilityId(id);
    if ((counts.get(title) ?? 0) > 1 && sub !== undefined) titles.set(id, `${title} (${sub})`);
  }
  return titles;
}

// ---------------------------------------------------------------- the wall density

/**
 * What a tile on the wall density shows: one capability to read from across the room, then at most
 * `more` readings (one by default: twelve tiles fit a 1280 × 800 tablet) (controls stay on the device page). The primary is the room's temperature, else
 * what Homey's own app puts on the device's quick action (`ui.quickAction`, docs/homey-web-api.md §3),
 * else an alarm, else the power it draws, else its first capability that has a value to show.
 */
export function wallCapabilities<T extends KindInput>(caps: readonly T[], deviceUi?: Pick<DeviceUi, 'components' | 'quickAction'>, more = 1): T[] {
  const alarm = (c: T) => c.type === 'boolean' && baseCapabilityId(c.id).startsWith('alarm_') && baseCapabilityId(c.id) !== 'alarm_battery';
  const primary =
    caps.find((c) => isTemperatureReading(c, deviceUi)) ??
    // A quick action that is a trigger (a maintenance button) has no value to read.
    caps.find((c) => c.id === deviceUi?.quickAction && capabilityKind(c, deviceUi) !== 'button') ??
    caps.find(alarm) ??
    caps.find((c) => baseCapabilityId(c.id) === 'measure_power') ??
    caps.find((c) => capabilityKind(c, deviceUi) !== 'button');
  if (!primary) return [];
  const readings = caps.filter((c) => c !== primary && !isControl(capabilityKind(c, deviceUi)));
  return [primary, ...readings.slice(0, more)];
}
