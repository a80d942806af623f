import { readFileSync } from 'node:fs';
import path from 'node:path';
import { uuidFromSeed } from '../ids.ts';
import type {
  ApiKey,
  CapabilityObj,
  Device,
  Flow,
  HomeySpec,
  HomeyUserMe,
  OAuthClientSpec,
  Sample,
  UserSpec,
  World,
  Zone,
} from './types.ts';

// The `--fixture FILE` loader. A Homey's `devices` and `zones` are exactly what `GET devices/device`
// and `GET zones/zone` return, so a dump from a real Homey loads as is. Real dumps are messy (v2
// fields, `__athom_api_type`, non-uuid ids, capability objects missing fields or entries), so the
// checks are hand-written and lenient: they refuse only what would leave the emulator unable to
// serve, and then say which file, which JSON path and what is wrong. Everything else passes
// through untouched.

export interface FixtureOptions {
  /** The OAuth client a fixture without `clients` gets (the demo client). */
  defaultClient: OAuthClientSpec;
  /** Where relative file references resolve from; by default the folder of `label`. */
  baseDir?: string;
}

export class FixtureError extends Error {
  override readonly name = 'FixtureError';

  constructor(
    /** The file the problem is in, as the user named it. */
    readonly file: string,
    /** The JSON path inside that file, like `homeys[0].devices["abc"].capabilities`; '' for the whole file. */
    readonly jsonPath: string,
    readonly problem: string,
    /** For a referenced file: where the fixture referenced it. */
    readonly via?: string,
  ) {
    super(`${file}: ${jsonPath === '' ? '(top level)' : jsonPath}: ${problem}${via ? ` (referenced by ${via})` : ''}`);
  }
}

export const DEFAULT_SOFTWARE_VERSION = '12.4.0';
export const DEFAULT_USER = { email: 'demo@example.com', password: 'demo', firstname: 'Demo', lastname: 'User' } as const;

/** Reads, parses and checks a fixture file, and fills in every default. Throws FixtureError. */
export function loadFixture(file: string, opts: FixtureOptions): World {
  const raw = readJson(path.resolve(file), file, undefined);
  return parseFixture(raw, file, { ...opts, baseDir: opts.baseDir ?? path.dirname(path.resolve(file)) });
}

/** The same from an already parsed value; `label` names it in messages (usually its file name). */
export function parseFixture(raw: unknown, label: string, opts: FixtureOptions): World {
  // The emulator mutates the world as it runs; never let that reach the caller's value.
  const root = structuredClone(raw);
  const src: Source = { label, baseDir: opts.baseDir ?? path.dirname(path.resolve(label)) };
  const top = object(src, '', root, 'a fixture object ({clients, users, homeys})');

  const homeysRaw = top.homeys;
  if (!Array.isArray(homeysRaw)) fail(src, 'homeys', `expected an array of Homeys, got ${kindOf(homeysRaw)}`);
  const homeys = homeysRaw.map((h, i) => parseHomey(src, `homeys[${i}]`, h));
  const seenHomeys = new Map<string, number>();
  homeys.forEach((h, i) => {
    const first = seenHomeys.get(h.id);
    if (first !== undefined) fail(src, `homeys[${i}].id`, `duplicate Homey id "${h.id}" (also homeys[${first}].id)`);
    seenHomeys.set(h.id, i);
  });

  const clients = top.clients === undefined ? [{ ...opts.defaultClient, redirectUris: [...opts.defaultClient.redirectUris] }] : parseClients(src, top.clients);
  const users =
    top.users === undefined
      ? [{ ...DEFAULT_USER, id: uuidFromSeed(`user:${DEFAULT_USER.email}`), homeys: homeys.map((h) => h.id) }]
      : parseUsers(src, top.users, seenHomeys);

  for (const [i, homey] of homeys.entries()) {
    const owner = users.find((u) => u.homeys.includes(homey.id));
    homey.me = parseMe(src, `homeys[${i}].me`, (homeysRaw[i] as Record<string, unknown>).me, homey.id, owner);
  }
  return { clients, users, homeys };
}

// ---------------------------------------------------------------------------------------------
// Where we are: the file being read, and for a referenced file, where the fixture pointed at it.

interface Source {
  label: string;
  baseDir: string;
  via?: string;
}

function fail(src: Source, jsonPath: string, problem: string): never {
  throw new FixtureError(src.label, jsonPath, problem, src.via);
}

/** `a.b`, or `a["odd key"]` when the key is not a plain identifier. */
function prop(base: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return base === '' ? key : `${base}.${key}`;
  return entry(base, key);
}

/** Map entries are always bracketed, so ids read as ids: `devices["abc"]`. */
function entry(base: string, key: string): string {
  return `${base}[${JSON.stringify(key)}]`;
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function object(src: Source, at: string, value: unknown, what: string): Record<string, unknown> {
  if (!isObject(value)) fail(src, at, `expected ${what}, got ${kindOf(value)}`);
  return value;
}

function requiredString(src: Source, at: string, value: unknown, what = 'a non-empty string'): string {
  if (typeof value !== 'string' || value === '') fail(src, at, `expected ${what}, got ${value === '' ? 'an empty string' : kindOf(value)}`);
  return value;
}

/** Names may be empty or padded (real dumps keep trailing spaces); they only have to be strings. */
function nameString(src: Source, at: string, value: unknown, what: string): string {
  if (typeof value !== 'string') fail(src, at, `expected ${what} (string), got ${kindOf(value)}`);
  return value;
}

function optionalString(src: Source, at: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string') fail(src, at, `expected a string, got ${kindOf(value)}`);
  return value;
}

function stringArray(src: Source, at: string, value: unknown): string[] {
  if (!Array.isArray(value)) fail(src, at, `expected an array of strings, got ${kindOf(value)}`);
  value.forEach((v, i) => {
    if (typeof v !== 'string') fail(src, `${at}[${i}]`, `expected a string, got ${kindOf(v)}`);
  });
  return value as string[];
}

// ---------------------------------------------------------------------------------------------
// Files: the fixture itself, and dumps it references by path.

function readJson(absolute: string, label: string, referencedBy: { src: Source; at: string } | undefined): unknown {
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((error as Error).message);
    if (referencedBy) fail(referencedBy.src, referencedBy.at, `cannot read ${JSON.stringify(label)}: ${reason}`);
    throw new FixtureError(label, '', `cannot read the file: ${reason}`);
  }
  // Dumps saved by Windows tools start with a byte-order mark, which JSON.parse refuses.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new FixtureError(label, '', syntaxProblem(text, (error as Error).message), referencedBy && `${referencedBy.src.label} at ${referencedBy.at}`);
  }
}

/** V8 names an offset ("at position 42"); people want a line and column. */
function syntaxProblem(text: string, message: string): string {
  const reason = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)/, '');
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineColumn) return `invalid JSON at line ${lineColumn[1]}, column ${lineColumn[2]}: ${reason}`;
  const position = /at position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : /Unexpected end of JSON/.test(message) ? text.length : undefined;
  // Some V8 messages ("Unexpected token 'x', "…" is not valid JSON") carry no offset at all.
  if (offset === undefined) return `invalid JSON: ${reason}`;
  const before = text.slice(0, offset);
  return `invalid JSON at line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}: ${reason}`;
}

/**
 * A part of a Homey (`devices`, `zones`, `flows`, `advancedFlows`, `weather`) may be a path to a JSON
 * file, relative to the fixture, so a fixture can be composed from dumps without copying them. A
 * `#/json/pointer` suffix picks a part of a composite dump (e.g. `home.json#/devices`).
 */
function resolvePart(src: Source, at: string, value: unknown): { src: Source; at: string; value: unknown } {
  if (typeof value !== 'string') return { src, at, value };
  if (value === '') fail(src, at, 'expected a file path, got an empty string');
  const hash = value.lastIndexOf('#');
  const [file, pointer] = hash >= 0 && (value[hash + 1] === '/' || hash === value.length - 1) ? [value.slice(0, hash), value.slice(hash + 1)] : [value, ''];
  const label = path.isAbsolute(file) ? file : path.join(path.dirname(src.label), file);
  const fileSrc: Source = { label, baseDir: path.dirname(path.resolve(src.baseDir, file)), via: `${src.label} at ${at}` };
  let part = readJson(path.resolve(src.baseDir, file), label, { src, at });
  let partAt = '';
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(part) && /^\d+$/.test(token)) {
      part = part[Number(token)];
      partAt = `${partAt}[${token}]`;
    } else if (isObject(part) && Object.hasOwn(part, token)) {
      part = part[token];
      partAt = prop(partAt, token);
    } else {
      fail(src, at, `${JSON.stringify(label)} has nothing at JSON pointer ${JSON.stringify(pointer)}`);
    }
  }
  return { src: fileSrc, at: partAt, value: part };
}

// ---------------------------------------------------------------------------------------------
// Homeys

function parseHomey(src: Source, at: string, value: unknown): HomeySpec {
  const h = object(src, at, value, 'a Homey object');
  const id = requiredString(src, `${at}.id`, h.id, 'a Homey id (non-empty string)');
  const homey: HomeySpec = {
    id,
    name: optionalString(src, `${at}.name`, h.name, 'Homey'),
    softwareVersion: optionalString(src, `${at}.softwareVersion`, h.softwareVersion, DEFAULT_SOFTWARE_VERSION),
    apiKeys: h.apiKeys === undefined ? [] : parseApiKeys(src, `${at}.apiKeys`, h.apiKeys),
    zones: parseZones(src, `${at}.zones`, h.zones, id),
    devices: h.devices === undefined ? {} : parseItems(src, `${at}.devices`, h.devices, 'device', parseDevice),
    flows: h.flows === undefined ? {} : parseItems(src, `${at}.flows`, h.flows, 'flow', parseFlow),
    advancedFlows: h.advancedFlows === undefined ? {} : parseItems(src, `${at}.advancedFlows`, h.advancedFlows, 'advanced flow', parseFlow),
    weather: parseWeather(src, `${at}.weather`, h.weather),
    // Filled in once the users are known: the default owner takes the first owning user's name.
    me: { id: '', name: null, role: 'owner', properties: {} },
  };
  if (h.language !== undefined) homey.language = requiredString(src, `${at}.language`, h.language, 'a language code like "en"');
  if (h.insights !== undefined) homey.insights = parseInsights(src, `${at}.insights`, h.insights);
  return homey;
}

function parseApiKeys(src: Source, at: string, value: unknown): ApiKey[] {
  if (!Array.isArray(value)) fail(src, at, `expected an array of API keys, got ${kindOf(value)}`);
  const tokens = new Map<string, number>();
  return value.map((k, i) => {
    const key = object(src, `${at}[${i}]`, k, 'an API key object ({token, scopes})');
    const token = requiredString(src, `${at}[${i}].token`, key.token, 'a token string');
    const first = tokens.get(token);
    if (first !== undefined) fail(src, `${at}[${i}].token`, `duplicate token (also ${at}[${first}].token)`);
    tokens.set(token, i);
    // A key without scopes is read as full access, like the owner's own key.
    const apiKey: ApiKey = { token, scopes: key.scopes === undefined ? ['homey'] : stringArray(src, `${at}[${i}].scopes`, key.scopes) };
    if (key.name !== undefined) apiKey.name = optionalString(src, `${at}[${i}].name`, key.name, '');
    return apiKey;
  });
}

/**
 * A map keyed by id, as the Web API serves it; some dumps hold an array instead, which becomes a map.
 * An item without `id` takes its map key.
 */
function parseItems<T extends { id: string }>(
  outer: Source,
  outerAt: string,
  outerValue: unknown,
  what: string,
  parseItem: (src: Source, at: string, item: Record<string, unknown>) => T,
): Record<string, T> {
  const { src, at, value } = resolvePart(outer, outerAt, outerValue);
  const result: Record<string, T> = {};
  if (Array.isArray(value)) {
    const seen = new Map<string, number>();
    value.forEach((raw, i) => {
      const itemAt = `${at}[${i}]`;
      const item = object(src, itemAt, raw, `a ${what} object`);
      requiredString(src, `${itemAt}.id`, item.id, `a ${what} id (non-empty string)`);
      const parsed = parseItem(src, itemAt, item);
      const first = seen.get(parsed.id);
      if (first !== undefined) fail(src, `${itemAt}.id`, `duplicate ${what} id "${parsed.id}" (also ${at}[${first}])`);
      seen.set(parsed.id, i);
      result[parsed.id] = parsed;
    });
    return result;
  }
  if (!isObject(value)) fail(src, at, `expected a map of id → ${what} (or an array of ${what}s), got ${kindOf(value)}`);
  for (const [key, raw] of Object.entries(value)) {
    const itemAt = entry(at, key);
    const item = object(src, itemAt, raw, `a ${what} object`);
    if (item.id === undefined) item.id = key;
    const id = requiredString(src, `${itemAt}.id`, item.id, `a ${what} id (non-empty string)`);
    // The API looks items up by key and clients by `id`; a mismatch would serve an item under two names.
    if (id !== key) fail(src, `${itemAt}.id`, `the id "${id}" differs from its map key "${key}"`);
    result[key] = parseItem(src, itemAt, item);
  }
  return result;
}

function parseDevice(src: Source, at: string, d: Record<string, unknown>): Device {
  nameString(src, `${at}.name`, d.name, 'a device name');
  let capabilitiesObj: Record<string, CapabilityObj>;
  if (d.capabilitiesObj === undefined) {
    capabilitiesObj = {};
    d.capabilitiesObj = capabilitiesObj;
  } else {
    const objs = object(src, `${at}.capabilitiesObj`, d.capabilitiesObj, 'an object (capability id → capability)');
    for (const [capId, cap] of Object.entries(objs)) {
      const capObj = object(src, entry(`${at}.capabilitiesObj`, capId), cap, 'a capability object');
      // Other parts of the emulator read `id`; every real dump has it, a hand-written fixture may not.
      if (capObj.id === undefined) capObj.id = capId;
    }
    capabilitiesObj = objs as Record<string, CapabilityObj>;
  }
  // `capabilities` may repeat an id or name one with no object (both seen in real homes): kept as is.
  if (d.capabilities === undefined) d.capabilities = Object.keys(capabilitiesObj);
  else stringArray(src, `${at}.capabilities`, d.capabilities);
  return d as Device;
}

function parseFlow(src: Source, at: string, f: Record<string, unknown>): Flow {
  nameString(src, `${at}.name`, f.name, 'a flow name');
  return f as Flow;
}

function parseZone(src: Source, at: string, z: Record<string, unknown>): Zone {
  nameString(src, `${at}.name`, z.name, 'a zone name');
  // A parent that names no zone is kept: the tree shows such a zone at the top rather than losing it.
  if (z.parent === undefined) z.parent = null;
  else if (z.parent !== null && typeof z.parent !== 'string') fail(src, `${at}.parent`, `expected a zone id or null, got ${kindOf(z.parent)}`);
  return z as Zone;
}

function parseZones(src: Source, at: string, value: unknown, homeyId: string): Record<string, Zone> {
  const zones = value === undefined ? {} : parseItems(src, at, value, 'zone', parseZone);
  if (Object.keys(zones).length > 0) return zones;
  // Every Homey has a root zone; devices whose zone is missing or unknown are kept as they are.
  const id = uuidFromSeed(`zone:${homeyId}:home`);
  return { [id]: { id, name: 'Home', parent: null, icon: 'home', active: false, activeOrigins: [], activeLastUpdated: null } };
}

function parseWeather(outer: Source, outerAt: string, outerValue: unknown): Record<string, unknown> {
  if (outerValue === undefined) return defaultWeather();
  const { src, at, value } = resolvePart(outer, outerAt, outerValue);
  return object(src, at, value, 'a weather object (as `GET weather/weather` returns it)');
}

/** A mild, cloudy day in the shape `GET weather/weather` returns (humidity 0–1, pressure in bar). */
function defaultWeather(): Record<string, unknown> {
  return {
    city: 'Amsterdam',
    country: 'NL',
    state: 'Partly cloudy',
    temperature: 14.2,
    temperatureMin: 11.6,
    temperatureMax: 16.8,
    temperatureUnits: '°C',
    humidity: 0.72,
    pressure: 1.013,
    iconId: 'clouds_light_day',
  };
}

function parseInsights(src: Source, at: string, value: unknown): Record<string, Sample[]> {
  const logs = object(src, at, value, 'a map of log id → samples');
  const result: Record<string, Sample[]> = {};
  for (const [logId, samples] of Object.entries(logs)) {
    const logAt = entry(at, logId);
    if (!Array.isArray(samples)) fail(src, logAt, `expected an array of samples ({t, v}), got ${kindOf(samples)}`);
    result[logId] = samples.map((raw, i) => {
      const s = object(src, `${logAt}[${i}]`, raw, 'a sample ({t, v})');
      // `t` may be epoch ms or, as log entries carry it, an ISO date.
      const t = typeof s.t === 'string' ? Date.parse(s.t) : s.t;
      if (typeof t !== 'number' || !Number.isFinite(t)) fail(src, `${logAt}[${i}].t`, `expected epoch milliseconds or an ISO date, got ${kindOf(s.t)}`);
      if (s.v !== null && typeof s.v !== 'number' && typeof s.v !== 'boolean') fail(src, `${logAt}[${i}].v`, `expected a number, boolean or null, got ${kindOf(s.v)}`);
      return { t, v: s.v };
    });
  }
  return result;
}

function parseMe(src: Source, at: string, value: unknown, homeyId: string, owner: UserSpec | undefined): HomeyUserMe {
  const me = value === undefined ? {} : object(src, at, value, 'a user object (as `GET users/user/me` returns it)');
  const properties = me.properties === undefined ? {} : object(src, `${at}.properties`, me.properties, 'an object');
  for (const key of ['favoriteDevices', 'favoriteFlows'] as const) {
    if (properties[key] === undefined) properties[key] = [];
    else stringArray(src, `${at}.properties.${key}`, properties[key]);
  }
  const name = me.name === undefined ? (owner ? `${owner.firstname} ${owner.lastname}`.trim() || null : null) : me.name;
  if (name !== null && typeof name !== 'string') fail(src, `${at}.name`, `expected a string or null, got ${kindOf(name)}`);
  const { id, role, ...rest } = me;
  return {
    // The Homey's own user id, not the Athom account id: a real Homey keeps the two apart.
    id: id === undefined ? uuidFromSeed(`homey-user:${homeyId}:${owner?.email ?? 'owner'}`) : requiredString(src, `${at}.id`, id),
    name,
    role: optionalString(src, `${at}.role`, role, 'owner'),
    ...rest,
    properties,
  };
}

// ---------------------------------------------------------------------------------------------
// The cloud side: OAuth clients and Athom accounts.

function parseClients(src: Source, value: unknown): OAuthClientSpec[] {
  if (!Array.isArray(value)) fail(src, 'clients', `expected an array of OAuth clients, got ${kindOf(value)}`);
  const ids = new Map<string, number>();
  return value.map((raw, i) => {
    const at = `clients[${i}]`;
    const c = object(src, at, raw, 'an OAuth client object ({clientId, clientSecret, redirectUris})');
    const clientId = requiredString(src, `${at}.clientId`, c.clientId);
    const first = ids.get(clientId);
    if (first !== undefined) fail(src, `${at}.clientId`, `duplicate clientId "${clientId}" (also clients[${first}])`);
    ids.set(clientId, i);
    const clientSecret = requiredString(src, `${at}.clientSecret`, c.clientSecret);
    const redirectUris = stringArray(src, `${at}.redirectUris`, c.redirectUris);
    if (redirectUris.length === 0) fail(src, `${at}.redirectUris`, 'expected at least one redirect URI');
    redirectUris.forEach((uri, j) => {
      if (!isAbsoluteUrl(uri)) fail(src, `${at}.redirectUris[${j}]`, `expected an absolute URL like "http://localhost:5173/", got ${JSON.stringify(uri)}`);
    });
    const client: OAuthClientSpec = { clientId, clientSecret, redirectUris: [...redirectUris] };
    if (c.name !== undefined) client.name = optionalString(src, `${at}.name`, c.name, '');
    return client;
  });
}

function isAbsoluteUrl(value: string): boolean {
  try {
    return new URL(value).protocol !== '';
  } catch {
    return false;
  }
}

function parseUsers(src: Source, value: unknown, homeyIds: Map<string, number>): UserSpec[] {
  if (!Array.isArray(value)) fail(src, 'users', `expected an array of users, got ${kindOf(value)}`);
  const emails = new Map<string, number>();
  return value.map((raw, i) => {
    const at = `users[${i}]`;
    const u = object(src, at, raw, 'a user object ({email, password, firstname, lastname, homeys})');
    const email = requiredString(src, `${at}.email`, u.email, 'an e-mail address');
    // Sign-in matches e-mail addresses case-insensitively, so two that differ in case are one account.
    const first = emails.get(email.toLowerCase());
    if (first !== undefined) fail(src, `${at}.email`, `duplicate e-mail "${email}" (also users[${first}])`);
    emails.set(email.toLowerCase(), i);
    const password = requiredString(src, `${at}.password`, u.password, 'a password string');
    const homeys = u.homeys === undefined ? [...homeyIds.keys()] : stringArray(src, `${at}.homeys`, u.homeys);
    homeys.forEach((homeyId, j) => {
      if (!homeyIds.has(homeyId)) fail(src, `${at}.homeys[${j}]`, `no Homey has the id "${homeyId}" (known: ${[...homeyIds.keys()].map((id) => `"${id}"`).join(', ') || 'none'})`);
    });
    return {
      id: u.id === undefined ? uuidFromSeed(`user:${email}`) : requiredString(src, `${at}.id`, u.id),
      email,
      password,
      firstname: optionalString(src, `${at}.firstname`, u.firstname, email.split('@')[0] ?? email),
      lastname: optionalString(src, `${at}.lastname`, u.lastname, ''),
      homeys: [...homeys],
    };
  });
}
