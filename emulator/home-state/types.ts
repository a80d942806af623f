// The shapes the emulator keeps in memory. Devices and zones are stored exactly as a Homey's
// `GET devices/device` and `GET zones/zone` return them, so a dump from a real Homey loads as is:
// the types name the fields we read and let every other field through untouched.

export type CapabilityType = 'number' | 'boolean' | 'enum' | 'string';
export type CapabilityValue = number | boolean | string | null;

export interface EnumValue {
  id: string;
  title: string;
  [extra: string]: unknown;
}

export interface CapabilityObj {
  id: string;
  type: CapabilityType | string;
  value: CapabilityValue | unknown;
  lastUpdated?: string | null;
  title?: string | null;
  getable?: boolean;
  setable?: boolean;
  units?: string | null;
  decimals?: number | null;
  min?: number;
  max?: number;
  step?: number;
  chartType?: string;
  values?: EnumValue[];
  titleTrue?: string | null;
  titleFalse?: string | null;
  insights?: boolean;
  options?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface Device {
  id: string;
  name: string;
  zone?: string;
  class?: string;
  capabilities: string[];
  capabilitiesObj: Record<string, CapabilityObj>;
  available?: boolean;
  unavailableMessage?: string | null;
  [extra: string]: unknown;
}

export interface Zone {
  id: string;
  name: string;
  parent: string | null;
  icon?: string;
  active?: boolean;
  activeOrigins?: string[];
  activeLastUpdated?: string | null;
  [extra: string]: unknown;
}

export interface Flow {
  id: string;
  name: string;
  enabled?: boolean;
  triggerable?: boolean;
  folder?: string | null;
  [extra: string]: unknown;
}

export interface ApiKey {
  token: string;
  scopes: string[];
  name?: string;
}

/** `GET users/user/me`: the Homey's view of the signed-in user. */
export interface HomeyUserMe {
  id: string;
  name: string | null;
  role: string;
  properties: Record<string, unknown> & { favoriteDevices?: string[]; favoriteFlows?: string[] };
  [extra: string]: unknown;
}

/** One Insights log as `GET insights/log` serves it (v3 wire shape, see docs/homey-web-api.md §2). */
export interface InsightsLog {
  id: string;
  ownerUri: string;
  ownerId: string;
  ownerName: string;
  type: 'number' | 'boolean';
  title: string;
  titleTrue: string | null;
  titleFalse: string | null;
  units: string | null;
  decimals: number | null;
  lastValue: number | boolean | null;
}

export type Resolution =
  | 'lastHour'
  | 'last6Hours'
  | 'last24Hours'
  | 'last7Days'
  | 'last14Days'
  | 'last31Days'
  | 'last2Years'
  | 'today'
  | 'yesterday'
  | 'thisWeek'
  | 'lastWeek'
  | 'thisMonth'
  | 'lastMonth'
  | 'thisYear'
  | 'lastYear';

export interface LogEntries {
  values: { t: string; v: number | boolean | null }[];
  start: string;
  end: string;
  step: number;
  lastValue: number | boolean | null;
  updatesIn: number;
}

/** A recorded sample of one log. */
export interface Sample {
  t: number; // epoch ms
  v: number | boolean | null;
}

export interface HomeySpec {
  id: string;
  name: string;
  softwareVersion: string;
  apiKeys: ApiKey[];
  zones: Record<string, Zone>;
  devices: Record<string, Device>;
  flows: Record<string, Flow>;
  advancedFlows: Record<string, Flow>;
  weather: Record<string, unknown>;
  me: HomeyUserMe;
  /** Recorded history per log id; absent logs get generated history. */
  insights?: Record<string, Sample[]>;
  /** The Homey's language, as Athom's `/user/me` reports it. */
  language?: string;
}

export interface OAuthClientSpec {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  name?: string;
}

export interface UserSpec {
  id?: string;
  email: string;
  password: string;
  firstname: string;
  lastname: string;
  homeys: string[];
}

/** A whole world: the fixture format of `--fixture FILE` after defaults are filled in. */
export interface World {
  clients: OAuthClientSpec[];
  users: UserSpec[];
  homeys: HomeySpec[];
}
