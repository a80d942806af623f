import { describe, expect, it } from 'vitest';
import { ResponseShapeError } from '../../lib/edge-schema.ts';
import { parseInsightsEntries, parseInsightsLogs } from './insights-schema.ts';

const D = '22222222-2222-4222-8222-222222222222';

describe('parseInsightsLogs', () => {
  it('reads the v3 map keyed by log id', () => {
    const { items, broken } = parseInsightsLogs({
      [`homey:device:${D}:measure_temperature`]: {
        title: 'Temperature',
        titleTrue: null,
        titleFalse: null,
        type: 'number',
        units: '°C',
        decimals: 1,
        lastValue: 20.5,
        id: `homey:device:${D}:measure_temperature`,
        ownerUri: `homey:device:${D}`,
        ownerId: D,
        ownerName: 'Hallway sensor',
      },
      'homey:manager:weather:temperature': { id: 'homey:manager:weather:temperature', type: 'number', title: 'Temperature', units: '°C', decimals: 1, lastValue: 20.5, ownerUri: 'homey:manager:weather' },
    });
    expect(broken).toEqual([]);
    expect(items[0]).toEqual({
      id: `homey:device:${D}:measure_temperature`,
      ownerUri: `homey:device:${D}`,
      ownerId: D,
      ownerName: 'Hallway sensor',
      type: 'number',
      title: 'Temperature',
      titleTrue: null,
      titleFalse: null,
      units: '°C',
      decimals: 1,
      lastValue: 20.5,
    });
    expect(items[1]).toMatchObject({ ownerUri: 'homey:manager:weather', ownerId: 'weather', ownerName: null });
  });

  it('rewrites the v2 list (uri + uriObj + short id) to v3 ids', () => {
    const { items } = parseInsightsLogs([
      {
        uri: `homey:device:${D}`,
        uriObj: { type: 'device', id: D, name: 'Sensor' },
        id: 'alarm_motion',
        title: 'Beweging',
        type: 'boolean',
        units: null,
        decimals: null,
        titleTrue: 'Beweging gedetecteerd',
        titleFalse: 'Geen beweging',
        lastValue: 0,
      },
    ]);
    expect(items[0]).toMatchObject({
      id: `homey:device:${D}:alarm_motion`,
      ownerUri: `homey:device:${D}`,
      ownerId: D,
      ownerName: 'Sensor',
      type: 'boolean',
      titleTrue: 'Beweging gedetecteerd',
      // As seen: a v2 boolean log reporting 0.
      lastValue: 0,
    });
  });

  it('reports a log without an owner as broken, keeps the others', () => {
    const { items, broken } = parseInsightsLogs([{ id: 'measure_power', type: 'number' }, { id: `homey:device:${D}:x` }]);
    expect(items.map((l) => l.id)).toEqual([`homey:device:${D}:x`]);
    expect(broken).toEqual([{ id: 'measure_power', problem: expect.stringMatching(/owner/) }]);
  });
});

describe('parseInsightsEntries', () => {
  it('reads values as epoch ms, keeps null buckets as gaps', () => {
    const e = parseInsightsEntries({
      values: [
        { t: '2026-08-12T08:10:00.000Z', v: 20 },
        { t: '2026-08-12T08:15:00.000Z', v: null },
        { t: '2026-08-12T08:20:00.000Z', v: 24 },
      ],
      start: '2026-08-12T08:10:00.000Z',
      end: '2026-08-12T08:35:00.000Z',
      step: 300000,
      uri: `homey:device:${D}`,
      id: `homey:device:${D}:measure_temperature`,
      lastValue: 24,
      updatesIn: 84915,
    });
    expect(e).toEqual({
      values: [
        { t: Date.UTC(2026, 7, 12, 8, 10), v: 20 },
        { t: Date.UTC(2026, 7, 12, 8, 15), v: null },
        { t: Date.UTC(2026, 7, 12, 8, 20), v: 24 },
      ],
      start: Date.UTC(2026, 7, 12, 8, 10),
      end: Date.UTC(2026, 7, 12, 8, 35),
      step: 300000,
      updatesIn: 84915,
      lastValue: 24,
    });
  });

  it('turns boolean change points into 1/0, drops entries without a time, sorts by time', () => {
    const e = parseInsightsEntries({
      values: [{ t: '2024-01-01T00:10:00Z', v: false }, { t: 'when?', v: 3 }, { v: 4 }, 'x', { t: '2024-01-01T00:00:00Z', v: true }, { t: '2024-01-01T00:20:00Z', v: 'high' }],
    });
    expect(e.values).toEqual([
      { t: Date.UTC(2024, 0, 1, 0, 0), v: 1 },
      { t: Date.UTC(2024, 0, 1, 0, 10), v: 0 },
      { t: Date.UTC(2024, 0, 1, 0, 20), v: null },
    ]);
    expect(e).toMatchObject({ start: null, end: null, step: null, updatesIn: null, lastValue: null });
  });

  it('refuses an answer without a list of values', () => {
    expect(() => parseInsightsEntries({ values: 'none' })).toThrow(ResponseShapeError);
    expect(() => parseInsightsEntries(null)).toThrow(/insights entries/);
  });
});
