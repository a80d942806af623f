import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { uuidFromSeed } from '../ids.ts';
import { validateItem } from './schemas.ts';

const DEVICE_ID = '087eef83-7dda-4271-9913-076d34e03e02';
const ZONE_ID = '8c30c1c8-afa5-499d-80b5-6812827c89cf';

const device = {
  id: DEVICE_ID,
  name: 'Gulvvarme bad',
  driverId: 'homey:app:com.example.heating:floor_thermostat',
  ownerUri: 'homey:app:com.example.heating',
  zone: ZONE_ID,
  class: 'thermostat',
  virtualClass: null,
  capabilities: ['measure_temperature'],
  capabilitiesObj: {
    measure_temperature: { id: 'measure_temperature', type: 'number', value: 21.37, units: '℃', decimals: 2 },
  },
  available: true,
  unavailableMessage: null,
  lastSeenAt: '2024-11-03T07:41:12.018Z',
};

const zone = { id: ZONE_ID, name: 'Hjem', parent: null, icon: 'home', active: false, activeOrigins: [], activeLastUpdated: null };

function errorsOf(result: ReturnType<typeof validateItem>): string[] {
  return result.ok ? [] : result.errors;
}

describe('validateItem', () => {
  it('accepts a device and a zone in the official shape', () => {
    expect(validateItem('device', device)).toEqual({ ok: true });
    expect(validateItem('zone', zone)).toEqual({ ok: true });
  });

  it('accepts a v3 log whose id is homey:device:<id>:<capability>, not a uuid', () => {
    const log = {
      id: `homey:device:${DEVICE_ID}:measure_temperature`,
      ownerUri: `homey:device:${DEVICE_ID}`,
      ownerId: DEVICE_ID,
      ownerName: 'Gulvvarme bad',
      type: 'number',
      title: 'Temperatur',
      titleTrue: null,
      titleFalse: null,
      units: '℃',
      decimals: null,
      lastValue: 21.37,
    };
    expect(validateItem('log', log)).toEqual({ ok: true });
    expect(errorsOf(validateItem('log', { ...log, lastValue: 'warm' }))).toEqual(['/lastValue: must be boolean or null or number']);
  });

  it('accepts sessions with the ids the emulator mints (randomUUID and uuidFromSeed)', () => {
    for (const id of [randomUUID(), uuidFromSeed('pat:some-token')]) {
      expect(validateItem('session', { id, type: 'OAUTH', scopes: ['homey'], intersectedScopes: ['homey.device.readonly'] })).toEqual({ ok: true });
    }
    expect(errorsOf(validateItem('session', { id: 'session-1', type: 'OAUTH' }))).toEqual(['/id: must match format "uuid"']);
    expect(errorsOf(validateItem('session', { id: randomUUID(), type: 'COOKIE' }))).toEqual([
      '/type: must be equal to one of the allowed values ("OAUTH", "APP", "PAT")',
    ]);
  });

  it('accepts a user, a flow and an advanced flow', () => {
    expect(validateItem('user', { id: uuidFromSeed('me'), name: null, role: 'owner', properties: { favoriteDevices: [] } })).toEqual({ ok: true });
    expect(validateItem('flow', { id: randomUUID(), name: 'God natt', enabled: true, trigger: { id: 'programmatic_trigger' }, conditions: [], actions: [] })).toEqual({
      ok: true,
    });
    expect(validateItem('advancedflow', { id: randomUUID(), name: 'Morgen', cards: { [randomUUID()]: { type: 'trigger', x: 0, y: 0 } } })).toEqual({ ok: true });
  });

  it('rejects a device with a field the official schema does not have, naming the field', () => {
    const errors = errorsOf(validateItem('device', { ...device, driverUri: 'homey:app:com.example.heating' }));
    expect(errors).toEqual(['(root): must NOT have additional properties: "driverUri"']);
  });

  it('rejects a device whose fields have the wrong types, naming each field', () => {
    const errors = errorsOf(validateItem('device', { ...device, capabilities: ['onoff', 3], available: 'yes', unavailableMessage: 5 }));
    expect(errors).toEqual(['/capabilities/1: must be string', '/available: must be boolean', '/unavailableMessage: must be string or null']);
  });

  it('rejects a zone with the wrong types, naming the fields', () => {
    const errors = errorsOf(validateItem('zone', { ...zone, id: 'not-a-uuid', name: 7, parent: 3, activeLastUpdated: 'yesterday' }));
    expect(errors).toEqual([
      '/id: must match format "uuid"',
      '/name: must be string',
      '/parent: must be string or null',
      '/activeLastUpdated: must match format "date-time" or must be null',
    ]);
  });

  it('names a bad key of a map', () => {
    const errors = errorsOf(validateItem('advancedflow', { id: randomUUID(), cards: { start: { type: 'trigger', x: 0 } } }));
    expect(errors).toEqual(['/cards (property name "start"): must match format "uuid"', "/cards/start: must have required property 'y'"]);
  });
});
