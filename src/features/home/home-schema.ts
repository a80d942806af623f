// The answers the home screen reads besides devices, validated at the edge (docs/homey-web-api.md §2):
// zones, flows (basic and advanced), the Homey user's own favourites, and the weather.
import * as v from 'valibot';
import type { CollectionResult } from '../../lib/edge-schema.ts';
import { idSchema, isRecord, lenient, parseCollection, parseOne, toStringList } from '../../lib/edge-schema.ts';

export interface Zone {
  id: string;
  name: string;
  /** `null` for the root. A parent that is not in the answer still happens (homey-mcp sample). */
  parent: string | null;
  icon: string | null;
  active: boolean;
  activeLastUpdated: string | null;
  /** Sibling order; absent on some firmware. */
  order?: number;
}

const zoneSchema = v.pipe(
  v.looseObject({
    id: idSchema,
    name: v.string(),
    parent: lenient.nullableString,
    icon: lenient.nullableString,
    active: lenient.boolean(false),
    activeLastUpdated: lenient.timestamp,
    order: lenient.number,
  }),
  v.transform(({ id, name, parent, icon, active, activeLastUpdated, order }): Zone => ({
    id,
    name,
    parent,
    icon,
    active,
    activeLastUpdated,
    ...(order === undefined ? {} : { order }),
  })),
);

/** `GET zones/zone` (map, or list). */
export function parseZones(raw: unknown): CollectionResult<Zone> {
  return parseCollection(raw, zoneSchema, 'zones');
}

export type FlowKind = 'flow' | 'advancedflow';

export interface Flow {
  id: string;
  kind: FlowKind;
  name: string;
  enabled: boolean;
  /** Flows started by a trigger card other than "This Flow is started" cannot be started from here. */
  triggerable: boolean;
  /** Firmware marks a flow broken when a card points at something removed; starting it fails. */
  broken: boolean;
  folder: string | null;
}

const flowFields = v.looseObject({
  id: idSchema,
  name: v.string(),
  // Homey's defaults: a flow is enabled unless it says otherwise; triggerability must be stated.
  enabled: lenient.boolean(true),
  triggerable: lenient.boolean(false),
  broken: lenient.boolean(false),
  folder: lenient.nullableString,
});

function flowSchema(kind: FlowKind) {
  return v.pipe(
    flowFields,
    v.transform(({ id, name, enabled, triggerable, broken, folder }): Flow => ({ id, kind, name, enabled, triggerable, broken, folder })),
  );
}

/** `GET flow/flow` or `GET flow/advancedflow` (map, or list). */
export function parseFlows(raw: unknown, kind: FlowKind): CollectionResult<Flow> {
  return parseCollection(raw, flowSchema(kind), kind === 'flow' ? 'flows' : 'advanced flows');
}

export interface HomeyUserMe {
  id: string;
  name: string | null;
  role: string | null;
  favoriteDevices: string[];
  favoriteFlows: string[];
}

const userMeSchema = v.pipe(
  v.looseObject({
    id: idSchema,
    name: lenient.nullableString,
    role: lenient.nullableString,
    properties: lenient.record,
  }),
  v.transform(({ id, name, role, properties }): HomeyUserMe => ({
    id,
    name,
    role,
    // A user who never starred anything has no keys at all, not empty lists.
    favoriteDevices: toStringList(properties.favoriteDevices),
    favoriteFlows: toStringList(properties.favoriteFlows),
  })),
);

/** `GET users/user/me`. Throws `ResponseShapeError` when it is not a user. */
export function parseUserMe(raw: unknown): HomeyUserMe {
  return parseOne(raw, userMeSchema, 'users/user/me');
}

export interface Weather {
  temperature: number | null;
  temperatureUnits: string | null;
  /** 0–1, like a dim level, not 0–100. */
  humidity: number | null;
  /** In bar (1.013), as the Homey sends it. */
  pressure: number | null;
  /** Localised text ("Heldere Lucht"). */
  state: string | null;
  city: string | null;
  iconId: string | null;
  when: string | null;
}

const weatherSchema = v.pipe(
  // valibot's object schemas let arrays through, and every field here is optional: refuse lists first.
  v.custom<Record<string, unknown>>(isRecord, 'expected an object'),
  v.looseObject({
    temperature: lenient.nullableNumber,
    temperatureUnits: lenient.nullableString,
    humidity: lenient.nullableNumber,
    pressure: lenient.nullableNumber,
    state: lenient.nullableString,
    city: lenient.nullableString,
    iconId: lenient.nullableString,
    when: lenient.timestamp,
  }),
  v.transform(({ temperature, temperatureUnits, humidity, pressure, state, city, iconId, when }): Weather => ({
    temperature,
    temperatureUnits,
    humidity,
    pressure,
    state,
    city,
    iconId,
    when,
  })),
);

/** `GET weather/weather`. Every field is optional: a Homey without a location has little to say. */
export function parseWeather(raw: unknown): Weather {
  return parseOne(raw, weatherSchema, 'weather/weather');
}
