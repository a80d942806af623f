import { describe, expect, it } from 'vitest';
import { ResponseShapeError } from '../../lib/edge-schema.ts';
import { parseFlows, parseUserMe, parseWeather, parseZones } from './home-schema.ts';

describe('parseZones', () => {
  it('reads zones as the Homey sends them, order when given', () => {
    const { items, broken } = parseZones({
      z1: { id: 'z1', name: 'Home', order: 1, parent: null, active: true, activeLastUpdated: '2020-11-27T20:14:44.797Z', icon: 'home' },
      z2: { id: 'z2', name: 'Attic', parent: 'missing-parent', active: false, activeLastUpdated: null, icon: 'default' },
    });
    expect(broken).toEqual([]);
    expect(items).toEqual([
      { id: 'z1', name: 'Home', order: 1, parent: null, active: true, activeLastUpdated: '2020-11-27T20:14:44.797Z', icon: 'home' },
      { id: 'z2', name: 'Attic', parent: 'missing-parent', active: false, activeLastUpdated: null, icon: 'default' },
    ]);
  });

  it('reports a zone without a name, keeps the rest; accepts a list', () => {
    const { items, broken } = parseZones([{ id: 'a', name: 'A', parent: null }, { id: 'b' }]);
    expect(items.map((z) => z.id)).toEqual(['a']);
    expect(broken).toEqual([{ id: 'b', problem: expect.stringMatching(/^name:/) }]);
  });
});

describe('parseFlows', () => {
  it('reads basic and advanced flows with what a button needs', () => {
    const { items } = parseFlows(
      {
        f1: { id: 'f1', name: 'Evening lights', enabled: true, folder: 'x', triggerable: true, broken: false, trigger: {}, actions: [] },
        f2: { id: 'f2', name: 'Broken doorbell', enabled: true, folder: null, triggerable: false, broken: true },
        f3: { id: 'f3', name: 'Bare' },
      },
      'flow',
    );
    expect(items).toEqual([
      { id: 'f1', kind: 'flow', name: 'Evening lights', enabled: true, triggerable: true, broken: false, folder: 'x' },
      { id: 'f2', kind: 'flow', name: 'Broken doorbell', enabled: true, triggerable: false, broken: true, folder: null },
      { id: 'f3', kind: 'flow', name: 'Bare', enabled: true, triggerable: false, broken: false, folder: null },
    ]);
    expect(parseFlows({ a: { id: 'a', name: 'Morning', triggerable: true, cards: {} } }, 'advancedflow').items[0]?.kind).toBe('advancedflow');
  });
});

describe('parseUserMe', () => {
  it('reads the favourites from properties', () => {
    expect(
      parseUserMe({ id: 'u', name: 'Owner', role: 'owner', properties: { favoriteDevices: ['d1', 7, 'd2'], favoriteFlows: ['f1'] }, athomId: 'x' }),
    ).toEqual({ id: 'u', name: 'Owner', role: 'owner', favoriteDevices: ['d1', 'd2'], favoriteFlows: ['f1'] });
  });

  it('gives empty favourites to a user who never starred anything', () => {
    expect(parseUserMe({ id: 'u', name: null, role: 'user', properties: { note: 'x' } })).toMatchObject({ favoriteDevices: [], favoriteFlows: [] });
    expect(parseUserMe({ id: 'u' })).toMatchObject({ name: null, role: null, favoriteDevices: [] });
  });

  it('throws on something that is not a user', () => {
    expect(() => parseUserMe('ok')).toThrow(ResponseShapeError);
  });
});

describe('parseWeather', () => {
  it('reads the header fields and tolerates missing ones', () => {
    expect(
      parseWeather({ city: 'Testdorp', state: 'Heldere Lucht', temperature: 34.4, temperatureUnits: '°C', humidity: 0.24, pressure: 1.02, when: '2026-08-13T14:47:39.029Z', iconId: 'clear_day', forecast: [] }),
    ).toEqual({ city: 'Testdorp', state: 'Heldere Lucht', temperature: 34.4, temperatureUnits: '°C', humidity: 0.24, pressure: 1.02, when: '2026-08-13T14:47:39.029Z', iconId: 'clear_day' });
    expect(parseWeather({})).toEqual({ city: null, state: null, temperature: null, temperatureUnits: null, humidity: null, pressure: null, when: null, iconId: null });
    expect(() => parseWeather([])).toThrow(ResponseShapeError);
  });
});
