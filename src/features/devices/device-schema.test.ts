import { describe, expect, it } from 'vitest';
import { ResponseShapeError } from '../../lib/edge-schema.ts';
import { orderedCapabilities, parseCapability, parseDevice, parseDevices } from './device-schema.ts';

// Shapes as real homes send them (docs/homey-web-api.md §3).
const temperature = {
  id: 'measure_temperature',
  type: 'number',
  value: 17.9,
  lastUpdated: '2019-01-29T08:26:21.327Z',
  getable: true,
  setable: false,
  title: 'Temperature',
  desc: null,
  units: '°C',
  decimals: 2,
  chartType: 'spline',
  options: {},
};

function device(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: `Device ${id}`,
    zone: 'zone-1',
    class: 'sensor',
    icon: null,
    iconObj: { id: 'abc', url: '/icon/abc/icon.svg' },
    capabilities: ['measure_temperature'],
    capabilitiesObj: { measure_temperature: temperature },
    ui: { components: [{ id: 'sensor', capabilities: ['measure_temperature'] }], componentsStartAt: 0 },
    available: true,
    unavailableMessage: null,
    ready: true,
    lastSeenAt: '2024-01-01T00:00:00.000Z',
    settings: { password: 'never read' },
    ...extra,
  };
}

describe('parseDevices', () => {
  it('reads the fields the dashboard uses', () => {
    const { devices, broken } = parseDevices({ d1: device('d1') });
    expect(broken).toEqual([]);
    const d = devices[0]!;
    expect(d).toMatchObject({
      id: 'd1',
      name: 'Device d1',
      zone: 'zone-1',
      class: 'sensor',
      iconObj: { id: 'abc', url: '/icon/abc/icon.svg' },
      capabilities: ['measure_temperature'],
      brokenCapabilities: [],
      ui: { quickAction: null, components: [{ id: 'sensor', capabilities: ['measure_temperature'] }] },
      available: true,
      unavailableMessage: null,
      warningMessage: null,
      ready: true,
      lastSeenAt: '2024-01-01T00:00:00.000Z',
    });
    expect(d.capabilitiesObj.measure_temperature).toEqual({
      id: 'measure_temperature',
      type: 'number',
      value: 17.9,
      lastUpdated: '2019-01-29T08:26:21.327Z',
      getable: true,
      setable: false,
      title: 'Temperature',
      titleTrue: null,
      titleFalse: null,
      units: '°C',
      decimals: 2,
      chartType: 'spline',
      options: {},
    });
    expect('settings' in d).toBe(false);
  });

  it('accepts a list of devices and a list of capabilities (maps some clients send as arrays)', () => {
    const { devices } = parseDevices([device('d1', { capabilitiesObj: [temperature] })]);
    expect(devices[0]?.capabilitiesObj.measure_temperature?.value).toBe(17.9);
  });

  it('turns one malformed device into an error on that device only', () => {
    const { devices, broken } = parseDevices({
      d1: device('d1'),
      d2: device('d2', { name: 42 }),
      d3: device('d3', { capabilitiesObj: 'oops' }),
      d4: 'not a device',
      d5: device('d5'),
    });
    expect(devices.map((d) => d.id)).toEqual(['d1', 'd5']);
    expect(broken).toEqual([
      { id: 'd2', problem: expect.stringMatching(/^name:/) },
      { id: 'd3', name: 'Device d3', problem: expect.stringMatching(/capabilitiesObj: must be a map or a list/) },
      { id: 'd4', problem: expect.any(String) },
    ]);
  });

  it('keeps a device whose one capability is unusable, and says which', () => {
    const { devices, broken } = parseDevices({
      d1: device('d1', {
        capabilities: ['measure_temperature', 'weird'],
        capabilitiesObj: { measure_temperature: temperature, weird: { id: 'weird', type: 'number', value: { nested: true } } },
      }),
    });
    expect(broken).toEqual([]);
    expect(Object.keys(devices[0]!.capabilitiesObj)).toEqual(['measure_temperature']);
    expect(devices[0]!.brokenCapabilities).toEqual([{ id: 'weird', problem: expect.stringMatching(/^value:/) }]);
  });

  it('fills what stripped-down dumps leave out (sparegris: no zone, ui, available)', () => {
    const { devices } = parseDevices({ x: { id: 'x', name: 'Varmekabel ', capabilitiesObj: { onoff: { id: 'onoff', type: 'boolean', value: true } } } });
    expect(devices[0]).toMatchObject({
      name: 'Varmekabel ',
      zone: null,
      class: null,
      capabilities: ['onoff'],
      ui: { quickAction: null, components: [] },
      available: true,
      ready: true,
      lastSeenAt: null,
    });
    expect(devices[0]?.capabilitiesObj.onoff).toMatchObject({ getable: true, setable: false, title: null, units: null, decimals: null });
  });

  it('accepts a device that is not ready yet (no capabilitiesObj)', () => {
    const { devices } = parseDevices({ x: { id: 'x', name: 'Pairing…', capabilitiesObj: null, ready: false } });
    expect(devices[0]).toMatchObject({ ready: false, capabilities: [], brokenCapabilities: [] });
  });

  it('shows the unavailable message of an unreachable device', () => {
    const { devices } = parseDevices({ x: device('x', { available: false, unavailableMessage: 'Niet bereikbaar', warningMessage: 'Batterij bijna leeg' }) });
    expect(devices[0]).toMatchObject({ available: false, unavailableMessage: 'Niet bereikbaar', warningMessage: 'Batterij bijna leeg' });
  });

  it('throws only when the answer is not a list of devices at all', () => {
    expect(() => parseDevices('Too many requests')).toThrow(ResponseShapeError);
  });

  it('keeps capabilities listed without an object, as sent (com.groups), and orders by that list', () => {
    const { devices } = parseDevices({
      d: device('d', {
        capabilities: ['onoff', 'double_switch_2_custom_capability', 'measure_temperature'],
        capabilitiesObj: { measure_temperature: temperature, onoff: { id: 'onoff', type: 'boolean', value: false, setable: true } },
      }),
    });
    const d = devices[0]!;
    expect(d.capabilities).toEqual(['onoff', 'double_switch_2_custom_capability', 'measure_temperature']);
    expect(orderedCapabilities(d).map((c) => c.id)).toEqual(['onoff', 'measure_temperature']);
  });

  it('is safe against prototype keys', () => {
    const raw = JSON.parse(
      '{"d":{"id":"d","name":"n","capabilitiesObj":{"__proto__":{"id":"__proto__","type":"number","value":1},"constructor":{"type":"number","value":2},"ok":{"type":"number","value":3}}}}',
    ) as unknown;
    const d = parseDevices(raw).devices[0]!;
    expect(Object.keys(d.capabilitiesObj)).toEqual(['ok']);
    expect(d.capabilitiesObj.constructor).toBeUndefined();
    expect(d.brokenCapabilities.map((b) => b.id).sort()).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });
});

describe('parseCapability', () => {
  const parse = (raw: unknown) => {
    const r = parseCapability(raw);
    if (!r.ok) throw new Error(r.problem);
    return r.capability;
  };

  it('keeps unknown types as text and remembers what was sent', () => {
    expect(parse({ id: 'x', type: 'json', value: '{"a":1}' })).toMatchObject({ type: 'string', declaredType: 'json', value: '{"a":1}' });
  });

  it('infers a missing type from the value', () => {
    expect(parse({ id: 'a', value: 3 }).type).toBe('number');
    expect(parse({ id: 'b', value: true }).type).toBe('boolean');
    expect(parse({ id: 'c', value: null }).type).toBe('string');
  });

  it('accepts null values, null lastUpdated, null decimals and null units', () => {
    expect(parse({ id: 'x', type: 'number', value: null, lastUpdated: null, decimals: null, units: null })).toMatchObject({
      value: null,
      lastUpdated: null,
      decimals: null,
      units: null,
    });
  });

  it('reads enums, ranges, boolean titles and the ui component', () => {
    const cap = parse({
      id: 'thermostat_mode',
      type: 'enum',
      value: 'heat',
      setable: true,
      values: [{ id: 'auto', title: 'Auto' }, { id: 'heat', title: { en: 'Heat', nl: 'Verwarmen' } }, { title: 'no id' }, 7],
      min: 5,
      max: 40,
      step: 0.5,
      titleTrue: 'Yes',
      titleFalse: 'No',
      uiComponent: 'picker',
      insights: false,
    });
    expect(cap).toMatchObject({ setable: true, min: 5, max: 40, step: 0.5, titleTrue: 'Yes', titleFalse: 'No', uiComponent: 'picker', insights: false });
    expect(cap.values).toEqual([{ id: 'auto', title: 'Auto' }, { id: 'heat', title: 'Heat' }]);
  });

  it('drops ranges and decimals it cannot use', () => {
    const cap = parse({ id: 'x', type: 'number', value: 1, min: 'low', max: null, step: -1, decimals: -2 });
    expect(cap).not.toHaveProperty('min');
    expect(cap).not.toHaveProperty('max');
    expect(cap).not.toHaveProperty('step');
    expect(cap.decimals).toBeNull();
    expect(parse({ id: 'y', type: 'number', value: 1, decimals: 1.6 }).decimals).toBe(2);
  });

  it('takes a per-language title object as English (apps leave them unresolved)', () => {
    expect(parse({ id: 'x', type: 'number', value: 1, title: { nl: 'Deur', en: 'Door' }, units: { en: 'dBm' } })).toMatchObject({ title: 'Door', units: 'dBm' });
  });

  it('keeps lastUpdated given as epoch ms as ISO text', () => {
    expect(parse({ id: 'x', type: 'number', value: 1, lastUpdated: 1606757069553 }).lastUpdated).toBe('2020-11-30T17:24:29.553Z');
  });

  it('refuses a capability without an id', () => {
    expect(parseCapability({ type: 'number', value: 1 })).toEqual({ ok: false, problem: expect.stringMatching(/^id:/) });
  });
});

describe('hostile strings pass through parsing unchanged', () => {
  const hostile = ['<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', '\u202Eevil\u202C', '\u200Fשלום\u200E', 'x'.repeat(10_240)];

  it('in device names, titles, units, enum titles and messages', () => {
    for (const s of hostile) {
      const { devices, broken } = parseDevices({
        d: device('d', {
          name: s,
          unavailableMessage: s,
          capabilitiesObj: {
            measure_temperature: { ...temperature, title: s, units: s },
            mode: { id: 'mode', type: 'enum', value: 'a', values: [{ id: 'a', title: s }] },
            text: { id: 'text', type: 'string', value: s },
          },
        }),
      });
      expect(broken).toEqual([]);
      const d = devices[0]!;
      expect(d.name).toBe(s);
      expect(d.unavailableMessage).toBe(s);
      expect(d.capabilitiesObj.measure_temperature).toMatchObject({ title: s, units: s });
      expect(d.capabilitiesObj.mode?.values?.[0]?.title).toBe(s);
      expect(d.capabilitiesObj.text?.value).toBe(s);
    }
  });

  it('as ids', () => {
    const id = '<b>../../../etc/passwd?x=1#y</b>';
    expect(parseDevice({ id, name: 'n', capabilitiesObj: {} })).toMatchObject({ ok: true, device: { id } });
  });
});

describe('parseDevice', () => {
  it('returns the device, or the reason it cannot be used', () => {
    expect(parseDevice(device('d1'))).toMatchObject({ ok: true, device: { id: 'd1' } });
    expect(parseDevice({ id: 'd1' })).toEqual({ ok: false, broken: { id: 'd1', problem: expect.stringMatching(/^name:/) } });
  });
});

describe('parseDevices with fields left out entirely', () => {
  it('accepts a device with no capabilitiesObj key at all', () => {
    const { devices, broken } = parseDevices({ x: { id: 'x', name: 'Bare' } });
    expect(broken).toEqual([]);
    expect(devices[0]).toMatchObject({ id: 'x', capabilities: [], available: true });
  });
});
