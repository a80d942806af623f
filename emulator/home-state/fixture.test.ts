import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureError, loadFixture, parseFixture } from './fixture.ts';
import { validateItem } from './schemas.ts';
import type { OAuthClientSpec } from './types.ts';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const shared = path.resolve(projectRoot, '../shared');
const realHomes = path.join(shared, 'real-homes');

const defaultClient: OAuthClientSpec = { clientId: 'demo-client', clientSecret: 'demo-secret', redirectUris: ['http://localhost:5173/'] };
const opts = { defaultClient };

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'fixture-test-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** Writes JSON (or raw text) into the temp dir and returns its absolute path. */
function write(name: string, content: unknown): string {
  const file = path.join(tmp, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FixtureError);
    return (error as Error).message;
  }
  throw new Error('expected a FixtureError');
}

const capability = (id: string, extra: Record<string, unknown> = {}) => ({ id, type: 'number', value: 1, ...extra });
const device = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Device ${id}`,
  capabilities: ['measure_power'],
  capabilitiesObj: { measure_power: capability('measure_power', { units: 'W' }) },
  ...extra,
});

describe('parseFixture defaults', () => {
  it('fills every default into a minimal fixture', () => {
    const world = parseFixture({ homeys: [{ id: 'h1' }] }, 'minimal.json', opts);

    expect(world.clients).toEqual([defaultClient]);
    expect(world.clients[0]).not.toBe(defaultClient);
    expect(world.users).toEqual([
      { id: expect.stringMatching(/^[0-9a-f-]{36}$/), email: 'demo@example.com', password: 'demo', firstname: 'Demo', lastname: 'User', homeys: ['h1'] },
    ]);
    const homey = world.homeys[0]!;
    expect(homey).toMatchObject({ id: 'h1', name: 'Homey', softwareVersion: '12.4.0', apiKeys: [], devices: {}, flows: {}, advancedFlows: {} });
    expect(homey.language).toBeUndefined();
    const zones = Object.values(homey.zones);
    expect(zones).toHaveLength(1);
    expect(zones[0]).toMatchObject({ name: 'Home', parent: null });
    expect(validateItem('zone', zones[0])).toEqual({ ok: true });
    expect(homey.weather).toMatchObject({ temperature: expect.any(Number), temperatureUnits: '°C', humidity: expect.any(Number) });
    expect(homey.me).toEqual({ id: expect.any(String), name: 'Demo User', role: 'owner', properties: { favoriteDevices: [], favoriteFlows: [] } });
    expect(validateItem('user', homey.me)).toEqual({ ok: true });
  });

  it('gives the same ids on every load, so sessions and links survive a restart', () => {
    const a = parseFixture({ homeys: [{ id: 'h1' }] }, 'a.json', opts);
    const b = parseFixture({ homeys: [{ id: 'h1' }] }, 'b.json', opts);
    expect(Object.keys(b.homeys[0]!.zones)).toEqual(Object.keys(a.homeys[0]!.zones));
    expect(b.users[0]!.id).toBe(a.users[0]!.id);
    expect(b.homeys[0]!.me.id).toBe(a.homeys[0]!.me.id);
  });

  it('keeps what the fixture gives and derives user ids from e-mail', () => {
    const world = parseFixture(
      {
        clients: [{ clientId: 'c', clientSecret: 's', redirectUris: ['https://dash.example/cb'] }],
        users: [{ email: 'a@example.com', password: 'pw', firstname: 'A', lastname: 'B', homeys: ['h2'] }],
        homeys: [
          { id: 'h1', name: 'One', softwareVersion: '5.0.0', language: 'nl' },
          { id: 'h2', name: 'Two', apiKeys: [{ token: 't:1', scopes: ['homey.device.readonly'] }], me: { name: 'Kari', properties: { favoriteDevices: ['d1'], theme: 'dark' } } },
        ],
      },
      'f.json',
      opts,
    );
    expect(world.clients).toEqual([{ clientId: 'c', clientSecret: 's', redirectUris: ['https://dash.example/cb'] }]);
    expect(world.users[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(world.homeys[0]).toMatchObject({ name: 'One', softwareVersion: '5.0.0', language: 'nl' });
    expect(world.homeys[1]!.apiKeys).toEqual([{ token: 't:1', scopes: ['homey.device.readonly'] }]);
    expect(world.homeys[1]!.me).toMatchObject({ name: 'Kari', role: 'owner', properties: { favoriteDevices: ['d1'], favoriteFlows: [], theme: 'dark' } });
  });

  it('turns a devices array into a map and gives map items without id their key', () => {
    const world = parseFixture(
      {
        homeys: [
          {
            id: 'h1',
            devices: [device('d1'), device('d2')],
            zones: { z1: { name: 'Hjem', parent: null } },
            flows: { f1: { name: 'Flow' } },
            advancedFlows: [{ id: 'a1', name: 'Advanced' }],
          },
          { id: 'h2', devices: { d3: { name: 'No id', capabilities: [], capabilitiesObj: { onoff: { type: 'boolean', value: null } } } } },
        ],
      },
      'f.json',
      opts,
    );
    expect(Object.keys(world.homeys[0]!.devices)).toEqual(['d1', 'd2']);
    expect(world.homeys[0]!.zones).toEqual({ z1: { id: 'z1', name: 'Hjem', parent: null } });
    expect(world.homeys[0]!.flows.f1!.id).toBe('f1');
    expect(Object.keys(world.homeys[0]!.advancedFlows)).toEqual(['a1']);
    expect(world.homeys[1]!.devices.d3!.id).toBe('d3');
    expect(world.homeys[1]!.devices.d3!.capabilitiesObj.onoff!.id).toBe('onoff');
  });

  it('lets real-world messiness through untouched', () => {
    const messy = {
      __athom_api_type: 'HomeyAPI.ManagerDevices.Device',
      id: '99999999d-60c1-4b74-8a4c-3684b5ab5046',
      name: 'Stikkontakt  ',
      driverUri: 'homey:app:com.fibaro',
      zone: 'no-such-zone',
      capabilities: ['onoff', 'measure_power', 'measure_power', 'button.reset'],
      capabilitiesObj: {
        onoff: { id: 'onoff', value: null },
        measure_power: { id: 'measure_power', type: 'number', value: null, lastUpdated: null, units: 'KWh', decimals: 2 },
      },
      available: false,
      unavailableMessage: 'Device unreachable',
    };
    const orphan = { id: 'z-orphan', name: 'Loft', parent: 'gone', order: 3 };
    const world = parseFixture({ homeys: [{ id: 'h1', devices: { [messy.id]: messy, nozone: device('nozone') }, zones: { 'z-orphan': orphan } }] }, 'f.json', opts);
    expect(world.homeys[0]!.devices[messy.id]).toEqual(messy);
    expect(world.homeys[0]!.devices.nozone!.zone).toBeUndefined();
    expect(world.homeys[0]!.zones).toEqual({ 'z-orphan': orphan });
  });

  it('never shares objects with the value it was given', () => {
    const raw = { homeys: [{ id: 'h1', devices: { d1: device('d1') } }] };
    const world = parseFixture(raw, 'f.json', opts);
    world.homeys[0]!.devices.d1!.capabilitiesObj.measure_power!.value = 99;
    expect(raw.homeys[0]!.devices.d1.capabilitiesObj.measure_power.value).toBe(1);
  });

  it('reads recorded Insights samples with epoch or ISO times', () => {
    const world = parseFixture(
      { homeys: [{ id: 'h1', insights: { 'homey:device:d1:measure_power': [{ t: 0, v: 1 }, { t: '2020-11-27T23:00:00.000Z', v: null }] } }] },
      'f.json',
      opts,
    );
    expect(world.homeys[0]!.insights).toEqual({ 'homey:device:d1:measure_power': [{ t: 0, v: 1 }, { t: Date.parse('2020-11-27T23:00:00.000Z'), v: null }] });
  });
});

describe('broken fixtures are refused with file, path and problem', () => {
  const homey = (extra: Record<string, unknown>) => ({ homeys: [{ id: 'h1', ...extra }] });
  const cases: [string, unknown, string][] = [
    ['not an object', [1, 2], 'broken.json: (top level): expected a fixture object ({clients, users, homeys}), got an array'],
    ['no homeys', {}, 'broken.json: homeys: expected an array of Homeys, got nothing'],
    ['a Homey without id', { homeys: [{ name: 'x' }] }, 'broken.json: homeys[0].id: expected a Homey id (non-empty string), got nothing'],
    ['duplicate Homey ids', { homeys: [{ id: 'h1' }, { id: 'h1' }] }, 'broken.json: homeys[1].id: duplicate Homey id "h1" (also homeys[0].id)'],
    ['devices not a map', homey({ devices: 5 }), 'broken.json: homeys[0].devices: expected a map of id → device (or an array of devices), got number'],
    ['a device that is not an object', homey({ devices: { x: 'lamp' } }), 'broken.json: homeys[0].devices["x"]: expected a device object, got string'],
    ['a device without a name', homey({ devices: { x: { capabilities: [] } } }), 'broken.json: homeys[0].devices["x"].name: expected a device name (string), got nothing'],
    ['a device id that is not a string', homey({ devices: [{ id: 7, name: 'n' }] }), 'broken.json: homeys[0].devices[0].id: expected a device id (non-empty string), got number'],
    ['a device id unlike its key', homey({ devices: { x: device('y') } }), 'broken.json: homeys[0].devices["x"].id: the id "y" differs from its map key "x"'],
    ['duplicate ids in a devices array', homey({ devices: [device('d'), device('d')] }), 'broken.json: homeys[0].devices[1].id: duplicate device id "d" (also homeys[0].devices[0])'],
    ['capabilities not an array', homey({ devices: { x: device('x', { capabilities: 3 }) } }), 'broken.json: homeys[0].devices["x"].capabilities: expected an array of strings, got number'],
    ['a capability id not a string', homey({ devices: { x: device('x', { capabilities: ['onoff', null] }) } }), 'broken.json: homeys[0].devices["x"].capabilities[1]: expected a string, got null'],
    ['capabilitiesObj not an object', homey({ devices: { x: device('x', { capabilitiesObj: [] }) } }), 'broken.json: homeys[0].devices["x"].capabilitiesObj: expected an object (capability id → capability), got an array'],
    [
      'a capability object not an object',
      homey({ devices: { x: device('x', { capabilitiesObj: { 'measure_temperature.floor': 21 } }) } }),
      'broken.json: homeys[0].devices["x"].capabilitiesObj["measure_temperature.floor"]: expected a capability object, got number',
    ],
    ['a zone parent that is not an id', homey({ zones: { z: { name: 'Hjem', parent: 1 } } }), 'broken.json: homeys[0].zones["z"].parent: expected a zone id or null, got number'],
    ['an API key without a token', homey({ apiKeys: [{ scopes: ['homey'] }] }), 'broken.json: homeys[0].apiKeys[0].token: expected a token string, got nothing'],
    ['favourites that are not ids', homey({ me: { properties: { favoriteDevices: 'd1' } } }), 'broken.json: homeys[0].me.properties.favoriteDevices: expected an array of strings, got string'],
    [
      'a user owning a Homey that does not exist',
      { users: [{ email: 'a@b.c', password: 'p', homeys: ['nope'] }], homeys: [{ id: 'h1' }] },
      'broken.json: users[0].homeys[0]: no Homey has the id "nope" (known: "h1")',
    ],
    ['a user without a password', { users: [{ email: 'a@b.c', homeys: [] }], homeys: [] }, 'broken.json: users[0].password: expected a password string, got nothing'],
    [
      'two users with one e-mail',
      { users: [{ email: 'a@b.c', password: 'p' }, { email: 'A@b.c', password: 'q' }], homeys: [] },
      'broken.json: users[1].email: duplicate e-mail "A@b.c" (also users[0])',
    ],
    ['a client without a secret', { clients: [{ clientId: 'c', redirectUris: ['http://localhost/'] }], homeys: [] }, 'broken.json: clients[0].clientSecret: expected a non-empty string, got nothing'],
    [
      'a relative redirect URI',
      { clients: [{ clientId: 'c', clientSecret: 's', redirectUris: ['http://localhost/', '/callback'] }], homeys: [] },
      'broken.json: clients[0].redirectUris[1]: expected an absolute URL like "http://localhost:5173/", got "/callback"',
    ],
  ];

  it.each(cases)('%s', (_name, raw, message) => {
    const file = write('broken.json', raw);
    const fromFile = messageOf(() => loadFixture(file, opts));
    expect(fromFile).toBe(message.replace(/^broken\.json/, file));
    expect(messageOf(() => parseFixture(raw, 'broken.json', opts))).toBe(message);
  });

  it('exposes file, path and problem on the error', () => {
    try {
      parseFixture(homey({ devices: { x: device('x', { capabilities: 3 }) } }), 'fixture.json', opts);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ name: 'FixtureError', file: 'fixture.json', jsonPath: 'homeys[0].devices["x"].capabilities', problem: 'expected an array of strings, got number' });
    }
  });

  it('points at the line and column of invalid JSON', () => {
    const file = write('syntax.json', '{\n  "homeys": [\n    { "id": "h1", }\n  ]\n}\n');
    expect(messageOf(() => loadFixture(file, opts))).toBe(`${file}: (top level): invalid JSON at line 3, column 19: Expected double-quoted property name`);
    const truncated = write('truncated.json', '{\n  "homeys": [');
    expect(messageOf(() => loadFixture(truncated, opts))).toMatch(/truncated\.json: \(top level\): invalid JSON at line 2, column 14/);
  });

  it('names a fixture file that is not there', () => {
    const file = path.join(tmp, 'absent.json');
    expect(messageOf(() => loadFixture(file, opts))).toBe(`${file}: (top level): cannot read the file: no such file`);
  });
});

describe('parts of a Homey read from other files', () => {
  it('resolves a devices path relative to the fixture file, not the working directory', () => {
    write('composed/dumps/devices.json', { d1: device('d1'), d2: device('d2') });
    write('composed/dumps/home.json', { zones: { z1: { id: 'z1', name: 'Hjem', parent: null } }, flows: [{ id: 'f1', name: 'Flow' }] });
    write('composed/weather.json', { temperature: 3.5, temperatureUnits: '°C' });
    const fixture = write('composed/fixture.json', {
      homeys: [{ id: 'h1', devices: 'dumps/devices.json', zones: 'dumps/home.json#/zones', flows: './dumps/home.json#/flows', weather: path.join(tmp, 'composed/weather.json') }],
    });
    const world = loadFixture(fixture, opts);
    const homey = world.homeys[0]!;
    expect(Object.keys(homey.devices)).toEqual(['d1', 'd2']);
    expect(Object.keys(homey.zones)).toEqual(['z1']);
    expect(Object.keys(homey.flows)).toEqual(['f1']);
    expect(homey.weather).toEqual({ temperature: 3.5, temperatureUnits: '°C' });
  });

  it('names the referenced file, the path inside it and the fixture that referenced it', () => {
    write('ref/devices.json', { x: device('x', { capabilities: 3 }) });
    const fixture = write('ref/fixture.json', { homeys: [{ id: 'h1', devices: 'devices.json' }] });
    expect(messageOf(() => loadFixture(fixture, opts))).toBe(
      `${path.join(tmp, 'ref/devices.json')}: ["x"].capabilities: expected an array of strings, got number (referenced by ${fixture} at homeys[0].devices)`,
    );
  });

  it('names a referenced file that is missing, is not JSON or lacks the pointed-at part', () => {
    write('ref2/bad.json', '{ "a": ');
    write('ref2/home.json', { zones: {} });
    const fixture = write('ref2/fixture.json', { homeys: [{ id: 'h1', devices: 'missing.json' }] });
    const missing = path.join(tmp, 'ref2/missing.json');
    expect(messageOf(() => loadFixture(fixture, opts))).toBe(`${fixture}: homeys[0].devices: cannot read ${JSON.stringify(missing)}: no such file`);

    write('ref2/fixture.json', { homeys: [{ id: 'h1', zones: 'bad.json' }] });
    expect(messageOf(() => loadFixture(fixture, opts))).toMatch(/ref2\/bad\.json: \(top level\): invalid JSON at line 1, column 8: .*\(referenced by .*fixture\.json at homeys\[0\]\.zones\)$/);

    write('ref2/fixture.json', { homeys: [{ id: 'h1', devices: 'home.json#/devices' }] });
    expect(messageOf(() => loadFixture(fixture, opts))).toBe(`${fixture}: homeys[0].devices: ${JSON.stringify(path.join(tmp, 'ref2/home.json'))} has nothing at JSON pointer "/devices"`);
  });
});

describe('the real-world-shapes fixture', () => {
  const file = path.join(projectRoot, 'emulator/fixtures/real-world-shapes.json');
  const world = loadFixture(file, opts);
  const homey = world.homeys[0]!;
  const caps = Object.values(homey.devices).flatMap((d) => Object.values(d.capabilitiesObj));

  it('has one Homey with a client, a user and an API key', () => {
    expect(world.homeys).toHaveLength(1);
    expect(world.clients).toHaveLength(1);
    expect(world.clients[0]!.redirectUris.length).toBeGreaterThan(0);
    expect(world.users).toMatchObject([{ homeys: [homey.id] }]);
    expect(homey.apiKeys).toHaveLength(1);
    expect(Object.keys(homey.devices).length).toBeGreaterThanOrEqual(8);
  });

  it('validates every device, zone, flow and its owner against the official schemas', () => {
    for (const d of Object.values(homey.devices)) expect([d.name, validateItem('device', d)]).toEqual([d.name, { ok: true }]);
    for (const z of Object.values(homey.zones)) expect([z.name, validateItem('zone', z)]).toEqual([z.name, { ok: true }]);
    for (const f of Object.values(homey.flows)) expect([f.name, validateItem('flow', f)]).toEqual([f.name, { ok: true }]);
    for (const f of Object.values(homey.advancedFlows)) expect([f.name, validateItem('advancedflow', f)]).toEqual([f.name, { ok: true }]);
    expect(validateItem('user', homey.me)).toEqual({ ok: true });
  });

  it('carries the quirks a dashboard must survive', () => {
    const units = new Set(caps.map((c) => c.units));
    for (const unit of ['℃', 'C', 'KWh', 'kr', null]) expect(units).toContain(unit);
    expect(caps).toContainEqual(expect.objectContaining({ id: 'measure_temperature', units: '℃', decimals: 2 }));
    expect(caps).toContainEqual(expect.objectContaining({ id: 'dim', units: '%', min: 0, max: 1 }));
    expect(caps).toContainEqual(expect.objectContaining({ type: 'enum', values: expect.arrayContaining([expect.objectContaining({ id: 'heat' })]) }));
    expect(caps).toContainEqual(expect.objectContaining({ id: 'measure_temperature.floor' }));
    expect(caps).toContainEqual(expect.objectContaining({ id: 'button', value: null, getable: false, setable: true }));
    expect(caps).toContainEqual(expect.objectContaining({ chartType: 'column' }));
    expect(caps).toContainEqual(expect.objectContaining({ lastUpdated: null }));
    expect(Object.values(homey.devices)).toContainEqual(expect.objectContaining({ available: false, unavailableMessage: expect.any(String) }));
  });
});

describe('the hostile-home fixture', () => {
  // e2e/hostile-names.spec.ts renders it; its names are hostile, its shapes must still be Athom's.
  const world = loadFixture(path.join(projectRoot, 'emulator/fixtures/hostile-home.json'), opts);
  const homey = world.homeys[0]!;
  const names = [
    ...world.homeys.map((h) => h.name),
    ...Object.values(homey.devices).map((d) => d.name),
    ...Object.values(homey.zones).map((z) => z.name),
    ...Object.values(homey.flows).map((f) => f.name),
    ...Object.values(homey.advancedFlows).map((f) => f.name),
  ];

  it('validates every device, zone and flow against the official schemas', () => {
    for (const h of world.homeys) {
      for (const d of Object.values(h.devices)) expect(validateItem('device', d), d.name.slice(0, 40)).toEqual({ ok: true });
      for (const z of Object.values(h.zones)) expect(validateItem('zone', z), z.name.slice(0, 40)).toEqual({ ok: true });
      for (const f of Object.values(h.flows)) expect(validateItem('flow', f), f.name.slice(0, 40)).toEqual({ ok: true });
      for (const f of Object.values(h.advancedFlows)) expect(validateItem('advancedflow', f), f.name.slice(0, 40)).toEqual({ ok: true });
    }
  });

  it('is hostile: markup, javascript: URLs, RTL and zero-width marks, 10 KB, emoji, __proto__ and constructor as names', () => {
    for (const pattern of [/<img src=x onerror=/, /<script>/, /"><svg onload=/, /^javascript:/, /\u202E/, /\u200B/, /\p{Extended_Pictographic}/u]) {
      expect(names.some((n) => pattern.test(n)), String(pattern)).toBe(true);
    }
    expect(names.some((n) => n.length >= 10_240)).toBe(true);
    expect(names).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
  });
});

// Real dumps from /work/shared, referenced in place by path: a fixture composed of them must keep
// every device and every value.
describe.skipIf(!existsSync(realHomes))('real homes load as they are', () => {
  const deviceFiles = existsSync(realHomes)
    ? [
        ...readdirNames(path.join(realHomes, 'devices')).filter((f) => f.includes('GET-devices')),
        'mixed_sparegris_2022-2024_devices-reconstructed-from-capability-dumps.json',
      ]
        .filter((f, i, all) => all.indexOf(f) === i)
        .map((f) => path.join(realHomes, 'devices', f))
    : [];

  it('finds the device dumps', () => {
    expect(deviceFiles.length).toBeGreaterThanOrEqual(4);
  });

  it.each(deviceFiles.map((f) => [path.basename(f), f]))('%s: every device kept, every value untouched', (_name, source) => {
    const dir = mkdtempSync(path.join(tmp, 'real-'));
    // Relative to the fixture, so the test also covers resolving across folders.
    const fixture = write(path.relative(tmp, path.join(dir, 'fixture.json')), { homeys: [{ id: 'real', devices: path.relative(dir, source) }] });
    const expected = readJson(source) as Record<string, unknown>;
    const world = loadFixture(fixture, opts);
    const devices = world.homeys[0]!.devices;
    expect(Object.keys(devices)).toHaveLength(Object.keys(expected).length);
    expect(devices).toEqual(expected);
  });

  it('loads zones, flows and weather dumps next to devices', () => {
    const zones = path.join(realHomes, 'zones/v2_homey-net_2020-11_GET-zones.json');
    const flows = path.join(realHomes, 'flows/v2_homey-net_2020-12_GET-flows.json');
    const devices = path.join(realHomes, 'devices/v2_homey-net_2020-11_GET-devices.json');
    const weather = path.join(realHomes, 'handbuilt-from-capture/homey-mcp_GET-weather_fw13.json');
    const fixture = write('real-net/fixture.json', { homeys: [{ id: 'net', zones, flows, devices, weather }] });
    const homey = loadFixture(fixture, opts).homeys[0]!;
    const expectedZones = readJson(zones) as Record<string, unknown>;
    const expectedFlows = readJson(flows) as Record<string, unknown>;
    expect(Object.keys(homey.zones)).toHaveLength(Object.keys(expectedZones).length);
    expect(homey.zones).toEqual(expectedZones);
    expect(Object.keys(homey.flows)).toHaveLength(Object.keys(expectedFlows).length);
    expect(homey.flows).toEqual(expectedFlows);
    expect(homey.devices).toEqual(readJson(devices));
    expect(homey.weather).toEqual(readJson(weather));
  });

  it('loads the maps of a composite dump through JSON pointers', () => {
    const sample = path.join(realHomes, 'handbuilt-from-capture/homey-mcp_home-sample_fw13.json');
    const parts = ['zones', 'devices', 'flows', 'advancedFlows'] as const;
    const fixture = write('real-mcp/fixture.json', { homeys: [{ id: 'mcp', ...Object.fromEntries(parts.map((p) => [p, `${sample}#/${p}`])) }] });
    const homey = loadFixture(fixture, opts).homeys[0]!;
    const expected = readJson(sample) as Record<(typeof parts)[number], Record<string, unknown>>;
    for (const part of parts) {
      expect(Object.keys(homey[part])).toHaveLength(Object.keys(expected[part]).length);
      expect(homey[part]).toEqual(expected[part]);
    }
  });
});

function readdirNames(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}
