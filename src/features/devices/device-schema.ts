// `GET /api/manager/devices/device` validated at the edge. What a device and a capability may hold,
// and the shapes real homes were seen to send, is in docs/homey-web-api.md §3. We read only the
// fields the dashboard uses, accept every shape real homes were seen to send, and turn anything we
// cannot use into an error on that device (or that capability) alone.
import * as v from 'valibot';
import type { BrokenItem } from '../../lib/edge-schema.ts';
import {
  collectionEntries,
  describeIssues,
  describeType,
  idSchema,
  isRecord,
  parseCollection,
  toFiniteNumber,
  toStringList,
  toText,
  toTimestamp,
} from '../../lib/edge-schema.ts';

export type CapabilityType = 'number' | 'boolean' | 'enum' | 'string';
export type CapabilityValue = number | boolean | string | null;

export interface EnumValue {
  id: string;
  title: string;
}

export interface Capability {
  /** The key in `capabilitiesObj`, sub-id included (`measure_temperature.outside`). */
  id: string;
  type: CapabilityType;
  /** The type as sent, when it was none of the four above; `type` is then `string`. */
  declaredType?: string;
  /** As sent: usually matches `type`, but apps do send e.g. a number as text. */
  value: CapabilityValue;
  lastUpdated: string | null;
  getable: boolean;
  setable: boolean;
  title: string | null;
  titleTrue: string | null;
  titleFalse: string | null;
  units: string | null;
  decimals: number | null;
  min?: number;
  max?: number;
  step?: number;
  chartType?: string;
  values?: EnumValue[];
  uiComponent?: string | null;
  insights?: boolean;
  options: Record<string, unknown>;
}

export interface DeviceUiComponent {
  id: string;
  capabilities: string[];
}

export interface DeviceUi {
  quickAction: string | null;
  components: DeviceUiComponent[];
}

export interface Device {
  id: string;
  name: string;
  zone: string | null;
  class: string | null;
  virtualClass: string | null;
  icon: string | null;
  iconObj: { id?: string; url?: string } | null;
  /** As sent. It can name capabilities that have no object (seen in com.groups); read `capabilitiesObj`. */
  capabilities: string[];
  /** Keyed by capability id; a null-prototype object, so `capabilitiesObj.constructor` is undefined. */
  capabilitiesObj: Record<string, Capability>;
  /** Capabilities that could not be used: render a warning in their place, keep the rest of the device. */
  brokenCapabilities: BrokenItem[];
  ui: DeviceUi;
  available: boolean;
  unavailableMessage: string | null;
  warningMessage: string | null;
  ready: boolean;
  lastSeenAt: string | null;
  /** `energyObj.cumulative`: a meter of the whole home (a P1 meter), whose power is the home's (docs/homey-web-api.md §3). */
  homeMeter?: true;
}

export interface DevicesResult {
  devices: Device[];
  broken: BrokenItem[];
}

const KNOWN_TYPES: ReadonlySet<string> = new Set<CapabilityType>(['number', 'boolean', 'enum', 'string']);

// A key like this would rewrite the prototype of whatever object later copies the map
// (structural sharing copies plain objects key by key); no real capability is called that.
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const valueSchema = v.union([v.number(), v.boolean(), v.string(), v.null()], 'must be a number, boolean, text or null');

function inferType(value: unknown): CapabilityType {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
}

function toEnumValues(raw: unknown): EnumValue[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const values: EnumValue[] = [];
  for (const item of raw) {
    if (!isRecord(item)) continue;
    // Enum ids are strings on the wire; a numeric id from an app is still recognisable as the value.
    const id = typeof item.id === 'string' ? item.id : typeof item.id === 'number' ? String(item.id) : undefined;
    if (id === undefined) continue;
    values.push({ id, title: toText(item.title) ?? id });
  }
  return values;
}

function toDecimals(raw: unknown): number | null {
  const n = toFiniteNumber(raw);
  // Intl accepts 0–100 fraction digits; a Homey never needs more than a handful.
  return n === undefined || n < 0 ? null : Math.min(20, Math.round(n));
}

const capabilitySchema = v.pipe(
  v.looseObject({
    id: idSchema,
    type: v.optional(v.string()),
    value: v.optional(valueSchema, null),
  }),
  v.check((c) => !RESERVED_KEYS.has(c.id), 'id is a reserved name'),
  v.transform((c): Capability => {
    const raw = c as Record<string, unknown>;
    const known = c.type !== undefined && KNOWN_TYPES.has(c.type);
    const type = known ? (c.type as CapabilityType) : c.type === undefined ? inferType(c.value) : 'string';
    const options = isRecord(raw.options) ? raw.options : {};
    const cap: Capability = {
      id: c.id,
      type,
      value: c.value,
      lastUpdated: toTimestamp(raw.lastUpdated),
      // Homey's own defaults (homey-lib schema) are true/true; an unknown write permission stays false
      // so the dashboard never offers a control the Homey did not promise.
      getable: typeof raw.getable === 'boolean' ? raw.getable : true,
      setable: typeof raw.setable === 'boolean' ? raw.setable : false,
      title: toText(raw.title),
      titleTrue: toText(raw.titleTrue),
      titleFalse: toText(raw.titleFalse),
      units: toText(raw.units),
      decimals: toDecimals(raw.decimals),
      options,
    };
    if (!known && c.type !== undefined) cap.declaredType = c.type;
    const min = toFiniteNumber(raw.min);
    const max = toFiniteNumber(raw.max);
    const step = toFiniteNumber(raw.step);
    if (min !== undefined) cap.min = min;
    if (max !== undefined) cap.max = max;
    if (step !== undefined && step > 0) cap.step = step;
    if (typeof raw.chartType === 'string') cap.chartType = raw.chartType;
    const values = toEnumValues(raw.values);
    if (values) cap.values = values;
    if (typeof raw.uiComponent === 'string' || raw.uiComponent === null) cap.uiComponent = raw.uiComponent;
    if (typeof raw.insights === 'boolean') cap.insights = raw.insights;
    return cap;
  }),
);

export function parseCapability(raw: unknown): { ok: true; capability: Capability } | { ok: false; problem: string } {
  const result = v.safeParse(capabilitySchema, raw);
  return result.success ? { ok: true, capability: result.output } : { ok: false, problem: describeIssues(result.issues) };
}

function parseCapabilities(raw: unknown): { obj: Record<string, Capability>; broken: BrokenItem[] } {
  const obj: Record<string, Capability> = Object.create(null) as Record<string, Capability>;
  const broken: BrokenItem[] = [];
  // Not ready yet, or a stripped-down dump: a device without capabilities is still a device.
  if (raw === undefined || raw === null) return { obj, broken };
  collectionEntries(raw, 'capabilitiesObj').forEach(([key, item], index) => {
    const input = isRecord(item) && typeof item.id !== 'string' && key !== undefined ? { ...item, id: key } : item;
    const result = parseCapability(input);
    const id = key ?? (isRecord(item) && typeof item.id === 'string' ? item.id : `#${index}`);
    if (result.ok && !RESERVED_KEYS.has(id)) obj[id] = result.capability.id === id ? result.capability : { ...result.capability, id };
    else broken.push({ id, problem: result.ok ? 'id is a reserved name' : result.problem });
  });
  return { obj, broken };
}

function toUi(raw: unknown): DeviceUi {
  if (!isRecord(raw)) return { quickAction: null, components: [] };
  const components: DeviceUiComponent[] = [];
  if (Array.isArray(raw.components)) {
    for (const c of raw.components) {
      if (!isRecord(c) || typeof c.id !== 'string') continue;
      components.push({ id: c.id, capabilities: toStringList(c.capabilities) });
    }
  }
  return { quickAction: typeof raw.quickAction === 'string' ? raw.quickAction : null, components };
}

function toIconObj(raw: unknown): Device['iconObj'] {
  if (!isRecord(raw)) return null;
  const icon: { id?: string; url?: string } = {};
  if (typeof raw.id === 'string') icon.id = raw.id;
  if (typeof raw.url === 'string') icon.url = raw.url;
  return icon;
}

const deviceSchema = v.pipe(
  v.looseObject({
    id: idSchema,
    name: v.string(),
    capabilitiesObj: v.optional(
      v.custom<unknown>(
        (x) => x === null || typeof x === 'object',
        (issue) => `must be a map or a list of capabilities, got ${describeType(issue.input)}`,
      ),
    ),
  }),
  v.transform((d): Device => {
    const raw = d as Record<string, unknown>;
    const caps = parseCapabilities(d.capabilitiesObj);
    const listed = toStringList(raw.capabilities);
    return {
      id: d.id,
      name: d.name,
      zone: typeof raw.zone === 'string' ? raw.zone : null,
      class: typeof raw.class === 'string' ? raw.class : null,
      virtualClass: typeof raw.virtualClass === 'string' ? raw.virtualClass : null,
      icon: typeof raw.icon === 'string' ? raw.icon : null,
      iconObj: toIconObj(raw.iconObj),
      capabilities: Array.isArray(raw.capabilities) ? listed : Object.keys(caps.obj),
      capabilitiesObj: caps.obj,
      brokenCapabilities: caps.broken,
      ui: toUi(raw.ui),
      // Absent in stripped-down dumps and on old firmware: a device that says nothing is usable.
      available: typeof raw.available === 'boolean' ? raw.available : true,
      unavailableMessage: toText(raw.unavailableMessage),
      warningMessage: toText(raw.warningMessage),
      ready: typeof raw.ready === 'boolean' ? raw.ready : true,
      lastSeenAt: toTimestamp(raw.lastSeenAt),
      ...(isRecord(raw.energyObj) && raw.energyObj.cumulative === true ? { homeMeter: true as const } : {}),
    };
  }),
);

/** One device (`GET devices/device/:id`); the whole answer is the item, so a broken one is an error. */
export function parseDevice(raw: unknown): { ok: true; device: Device } | { ok: false; broken: BrokenItem } {
  const result = parseCollection([raw], deviceSchema, 'device');
  const device = result.items[0];
  if (device) return { ok: true, device };
  return { ok: false, broken: result.broken[0] ?? { id: '#0', problem: 'invalid' } };
}

/**
 * `GET devices/device`: every usable device, and every unusable one with its id, name and the reason.
 * Throws `ResponseShapeError` only when the answer is not a list of devices at all.
 */
export function parseDevices(raw: unknown): DevicesResult {
  const { items, broken } = parseCollection(raw, deviceSchema, 'devices');
  return { devices: items, broken };
}

/** The capability ids of a device in the order the Homey lists them, limited to those with an object. */
export function orderedCapabilities(device: Device): Capability[] {
  const seen = new Set<string>();
  const out: Capability[] = [];
  for (const id of [...device.capabilities, ...Object.keys(device.capabilitiesObj)]) {
    const cap = device.capabilitiesObj[id];
    if (cap && !seen.has(id)) {
      seen.add(id);
      out.push(cap);
    }
  }
  return out;
}
