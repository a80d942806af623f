import { describe, expect, it } from 'vitest';
import type { CapabilityKind, KindInput } from './capability-kind.ts';
import {
  baseCapabilityId,
  capabilityKind,
  capabilityTitle,
  distinctCapabilityTitles,
  hasSparkline,
  humanizeCapabilityId,
  isControl,
  isTemperatureReading,
  leadsTile,
  subCapabilityId,
  uiComponentFor,
} from './capability-kind.ts';

// homey-lib's system capability definitions: Athom's own ground truth for type, setable and uiComponent.
interface Definition {
  type: string;
  getable?: boolean;
  setable?: boolean;
  units?: string | Record<string, string>;
  min?: number;
  max?: number;
  uiComponent?: string | null;
}
const files = import.meta.glob<Definition>('../../../node_modules/homey-lib/assets/capability/capabilities/*.json', {
  eager: true,
  import: 'default',
});
const definitions = Object.entries(files).map(([path, def]) => ({ id: path.replace(/^.*\/(.+)\.json$/, '$1'), def }));

/** A definition as a capability object, with homey-lib's defaults (getable/setable true) and English units. */
function fromDefinition(id: string, def: Definition): KindInput {
  const units = typeof def.units === 'string' ? def.units : def.units?.en ?? null;
  return {
    id,
    type: def.type as KindInput['type'],
    getable: def.getable ?? true,
    setable: def.setable ?? true,
    units,
    ...(def.min === undefined ? {} : { min: def.min }),
    ...(def.max === undefined ? {} : { max: def.max }),
    uiComponent: def.uiComponent ?? null,
  };
}

// Which kinds each homey-lib uiComponent may become. `sensor` splits by type and id into the
// read-only kinds; `media` (speaker_*) has no tile of its own and goes by type.
const ALLOWED: Record<string, readonly CapabilityKind[]> = {
  toggle: ['toggle'],
  slider: ['slider'],
  thermostat: ['thermostat'],
  ternary: ['ternary'],
  picker: ['picker'],
  button: ['button'],
  color: ['color'],
  battery: ['battery', 'alarm'],
  sensor: ['sensor', 'temperature', 'percentage', 'enum', 'boolean', 'alarm'],
  media: ['toggle', 'button', 'picker', 'string', 'sensor'],
};

// Where the dispatcher knowingly differs from homey-lib's uiComponent, and why.
const EXCEPTIONS: Record<string, CapabilityKind> = {
  // A readable boolean: Homey draws a button that toggles; a toggle also shows whether it is muted.
  volume_mute: 'toggle',
  // An enum: a colour wheel cannot pick "color" vs "temperature" mode; a picker can.
  light_mode: 'picker',
};

// System capabilities that truly have no better kind than the generic tile: none today. If
// homey-lib adds a type we do not know, it lands here and this list must be argued for.
const EXPECTED_GENERIC: string[] = [];

describe('capabilityKind over every homey-lib system capability', () => {
  it('reads all the definitions', () => {
    expect(definitions.length).toBeGreaterThanOrEqual(150);
  });

  it('sends none to the generic tile', () => {
    const generic = definitions.filter(({ id, def }) => capabilityKind(fromDefinition(id, def)) === 'generic').map((d) => d.id);
    expect(generic).toEqual(EXPECTED_GENERIC);
  });

  it("agrees with each definition's uiComponent, apart from the listed exceptions", () => {
    const disagreements: string[] = [];
    for (const { id, def } of definitions) {
      const kind = capabilityKind(fromDefinition(id, def));
      if (EXCEPTIONS[id] !== undefined) {
        expect(kind, id).toBe(EXCEPTIONS[id]);
        continue;
      }
      const allowed = ALLOWED[def.uiComponent ?? ''];
      if (!allowed?.includes(kind)) disagreements.push(`${id}: ${def.uiComponent} → ${kind}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('decides the same without uiComponent (capability objects on the wire carry none), apart from cooking_time', () => {
    const changed = definitions
      .filter(({ id, def }) => capabilityKind(fromDefinition(id, def)) !== capabilityKind({ ...fromDefinition(id, def), uiComponent: undefined }))
      .map((d) => d.id);
    // A setable number with a range looks like a slider; only homey-lib (or the device's ui) says it is shown as a sensor.
    expect(changed).toEqual(['cooking_time']);
  });

  it('gives the kinds the issue names', () => {
    const kinds = Object.fromEntries(definitions.map(({ id, def }) => [id, capabilityKind(fromDefinition(id, def))]));
    expect(kinds).toMatchObject({
      measure_temperature: 'temperature',
      measure_power: 'sensor',
      meter_power: 'sensor',
      measure_luminance: 'sensor',
      measure_co2: 'sensor',
      measure_humidity: 'percentage',
      measure_battery: 'battery',
      alarm_battery: 'alarm',
      alarm_motion: 'alarm',
      alarm_contact: 'alarm',
      docked: 'boolean',
      onoff: 'toggle',
      locked: 'toggle',
      dim: 'slider',
      volume_set: 'slider',
      windowcoverings_set: 'slider',
      target_temperature: 'thermostat',
      windowcoverings_state: 'ternary',
      thermostat_mode: 'picker',
      homealarm_state: 'picker',
      level_aqi: 'enum',
      button: 'button',
      volume_up: 'button',
      speaker_next: 'button',
      light_hue: 'color',
      light_saturation: 'color',
      light_temperature: 'color',
      speaker_track: 'string',
      speaker_playing: 'toggle',
      cooking_time: 'sensor',
    });
  });
});

describe('capabilityKind on real-home shapes', () => {
  const cap = (over: Partial<KindInput> & Pick<KindInput, 'id'>): KindInput => ({ type: 'number', setable: false, ...over });

  it('goes by the part before the dot', () => {
    expect(capabilityKind(cap({ id: 'measure_temperature.outside', units: '°C' }))).toBe('temperature');
    expect(capabilityKind(cap({ id: 'button.reset_meter', type: 'boolean', setable: true, getable: false }))).toBe('button');
    expect(capabilityKind(cap({ id: 'alarm_generic.car_connected', type: 'boolean' }))).toBe('alarm');
    expect(capabilityKind(cap({ id: 'dim.regulator', setable: true, units: '%', min: 0, max: 1 }))).toBe('slider');
    expect(capabilityKind(cap({ id: 'meter_power.imported', units: 'kWh' }))).toBe('sensor');
  });

  it('treats a button by id as a button even when it claims to be getable', () => {
    expect(capabilityKind(cap({ id: 'button.calibrate', type: 'boolean', setable: true, getable: true }))).toBe('button');
  });

  it("follows the device's ui.components over the capability's own", () => {
    const ui = {
      components: [
        { id: 'thermostat', capabilities: ['measure_temperature', 'target_temperature'] },
        { id: 'sensor', capabilities: ['vt_onoff', 'cooking_time'] },
        { id: 'button', capabilities: ['ledonoff'] },
      ],
    };
    // In the thermostat component but read-only: the measured temperature, not a second dial.
    expect(capabilityKind(cap({ id: 'measure_temperature', units: '°C' }), ui)).toBe('temperature');
    expect(capabilityKind(cap({ id: 'target_temperature', setable: true, min: 5, max: 40, units: '°C' }), ui)).toBe('thermostat');
    // Homey shows it as a sensor on this device: show its state, offer no switch.
    expect(capabilityKind(cap({ id: 'vt_onoff', type: 'boolean', setable: true }), ui)).toBe('boolean');
    expect(capabilityKind(cap({ id: 'cooking_time', setable: true, min: 0, max: 86400, units: 's' }), ui)).toBe('sensor');
    // A readable boolean in a button component (com.groups): it has a state, so a toggle.
    expect(capabilityKind(cap({ id: 'ledonoff', type: 'boolean', setable: true, getable: true }), ui)).toBe('toggle');
    expect(uiComponentFor(cap({ id: 'other' }), ui)).toBeNull();
  });

  it('reads a uiComponent an app put in the capability options', () => {
    expect(uiComponentFor(cap({ id: 'x', options: { uiComponent: 'sensor' } }))).toBe('sensor');
    expect(capabilityKind(cap({ id: 'x', setable: true, min: 0, max: 10, options: { uiComponent: 'sensor' } }))).toBe('sensor');
  });

  it('recognises app temperatures by id prefix or by units as devices spell them', () => {
    expect(capabilityKind(cap({ id: 'measure_temperature_outdoor' }))).toBe('temperature');
    for (const units of ['°C', '℃', 'C', '°F', ' °C ']) expect(capabilityKind(cap({ id: 'INDOOR_TEMP', units })), units).toBe('temperature');
    expect(capabilityKind(cap({ id: 'my_thermostat_setpoint', setable: true, min: 5, max: 30, units: '°C' }))).toBe('slider');
  });
});

describe('a temperature reading: what the dispatcher, the tile lead and the sparkline all ask', () => {
  const cap = (over: Partial<KindInput> & Pick<KindInput, 'id'>): KindInput => ({ type: 'number', setable: false, units: '°C', ...over });
  const answers = (c: KindInput, ui?: Parameters<typeof capabilityKind>[1]) => ({
    kind: capabilityKind(c, ui),
    reading: isTemperatureReading(c, ui),
    lead: leadsTile(c, ui),
    sparkline: hasSparkline(c, ui),
  });
  const reading = { kind: 'temperature', reading: true, lead: true, sparkline: true };

  it('is a read-only measured temperature, sub-ids and app temperatures too', () => {
    expect(answers(cap({ id: 'measure_temperature' }))).toEqual(reading);
    expect(answers(cap({ id: 'measure_temperature.outside' }))).toEqual(reading);
    expect(answers(cap({ id: 'INDOOR_TEMP', units: '℃' }))).toEqual(reading);
  });

  it('stays a reading when a driver marks it setable but Homey shows it as a sensor', () => {
    // The sensor component may come from the capability, its options or the device's ui.
    expect(answers(cap({ id: 'measure_temperature', setable: true, uiComponent: 'sensor' }))).toEqual(reading);
    expect(answers(cap({ id: 'measure_temperature', setable: true, min: -40, max: 80, uiComponent: 'sensor' }))).toEqual(reading);
    expect(answers(cap({ id: 'measure_temperature', setable: true, options: { uiComponent: 'sensor' } }))).toEqual(reading);
    const ui = { components: [{ id: 'sensor', capabilities: ['measure_temperature'] }] };
    expect(answers(cap({ id: 'measure_temperature', setable: true, min: -40, max: 80 }), ui)).toEqual(reading);
  });

  it('is never a setpoint: with a range it is a control, without one a plain number', () => {
    const none = { reading: false, lead: false, sparkline: false };
    expect(answers(cap({ id: 'target_temperature', setable: true, min: 5, max: 35 }))).toEqual({ kind: 'thermostat', ...none });
    expect(answers(cap({ id: 'my_thermostat_setpoint', setable: true, min: 5, max: 30 }))).toEqual({ kind: 'slider', ...none });
    // A real heat pump's ROOM_SET_TEMP: setable, °C, no range. Leading with it would show the room the wrong temperature.
    expect(answers(cap({ id: 'ROOM_SET_TEMP', setable: true }))).toEqual({ kind: 'sensor', ...none });
    expect(answers(cap({ id: 'measure_temperature', setable: true }))).toEqual({ kind: 'sensor', ...none });
  });

  it('is a number: a temperature-named enum does not lead the tile', () => {
    // A spa's measure_temperature_range (sparegris) is a read-only enum of ranges.
    expect(answers(cap({ id: 'measure_temperature_range', type: 'enum', units: null }))).toEqual({ kind: 'enum', reading: false, lead: false, sparkline: false });
    expect(isTemperatureReading(cap({ id: 'x', type: 'string', declaredType: 'json' }))).toBe(false);
  });
});

describe('isControl', () => {
  it('splits the kinds into controls and readings', () => {
    const kinds: CapabilityKind[] = ['toggle', 'slider', 'thermostat', 'ternary', 'picker', 'button', 'color'];
    for (const kind of kinds) expect(isControl(kind), kind).toBe(true);
    const readings: CapabilityKind[] = ['temperature', 'sensor', 'percentage', 'boolean', 'alarm', 'enum', 'string', 'battery', 'generic'];
    for (const kind of readings) expect(isControl(kind), kind).toBe(false);
  });
});

describe('capabilityKind for unknown app capabilities falls back by type', () => {
  const app = (over: Partial<KindInput>): KindInput => ({ id: 'my_app_thing', type: 'number', setable: false, ...over });

  it.each<[string, Partial<KindInput>, CapabilityKind]>([
    ['a read-only number', {}, 'sensor'],
    ['a read-only number in %', { units: '%' }, 'percentage'],
    ['a setable number with a range', { setable: true, min: 0, max: 100 }, 'slider'],
    ['a setable number without a range', { setable: true }, 'sensor'],
    ['a setable number with an empty range', { setable: true, min: 5, max: 5 }, 'sensor'],
    ['a read-only boolean', { type: 'boolean' }, 'boolean'],
    ['a setable boolean', { type: 'boolean', setable: true }, 'toggle'],
    ['a write-only boolean', { type: 'boolean', setable: true, getable: false }, 'button'],
    ['a read-only enum', { type: 'enum' }, 'enum'],
    ['a setable enum', { type: 'enum', setable: true }, 'picker'],
    ['a string', { type: 'string' }, 'string'],
    ['a setable string', { type: 'string', setable: true }, 'string'],
    ['a type nobody knows', { type: 'string', declaredType: 'json' }, 'generic'],
  ])('%s', (_name, over, kind) => {
    expect(capabilityKind(app(over))).toBe(kind);
  });
});

describe('capability ids', () => {
  it('splits base and sub-id at the first dot', () => {
    expect(baseCapabilityId('measure_temperature.outside')).toBe('measure_temperature');
    expect(baseCapabilityId('onoff')).toBe('onoff');
    expect(subCapabilityId('measure_twc_voltage.relay_coil_v')).toBe('relay_coil_v');
    expect(subCapabilityId('a.b.c')).toBe('b.c');
    expect(subCapabilityId('onoff')).toBeUndefined();
  });
});

describe('capabilityTitle', () => {
  it('uses the title the Homey sent', () => {
    expect(capabilityTitle({ id: 'measure_temperature', title: 'Temperatuur' })).toBe('Temperatuur');
  });

  it('then options.title, as text or per language', () => {
    expect(capabilityTitle({ id: 'x', title: null, options: { title: 'Vloer' } })).toBe('Vloer');
    expect(capabilityTitle({ id: 'x', title: '', options: { title: { en: 'Floor', nl: 'Vloer' } } })).toBe('Floor');
    expect(capabilityTitle({ id: 'x', options: { title: { en: 'Floor', nl: 'Vloer' } } }, 'nl')).toBe('Vloer');
    expect(capabilityTitle({ id: 'x', options: { title: { sv: 'Golv' } } }, 'nl')).toBe('Golv');
  });

  it('else the id, readable, with its sub-id', () => {
    expect(capabilityTitle({ id: 'measure_temperature.outside' })).toBe('Measure temperature (outside)');
    expect(capabilityTitle({ id: 'my_app_thing', title: '   ' })).toBe('My app thing');
    expect(humanizeCapabilityId('INDOOR_TEMP')).toBe('Indoor temp');
    expect(humanizeCapabilityId('accumulatedCost')).toBe('Accumulated cost');
    expect(humanizeCapabilityId('___')).toBe('___');
  });

  it('passes hostile titles through unchanged', () => {
    const s = '<script>alert(1)</script>\u202E';
    expect(capabilityTitle({ id: 'x', title: s })).toBe(s);
  });

  it('tells apart sub-capabilities that share a title (sparegris: three "Energy" meters)', () => {
    const titles = distinctCapabilityTitles([
      { id: 'meter_power.hour', title: 'Energy' },
      { id: 'meter_power.day', title: 'Energy' },
      { id: 'meter_power', title: 'Energy' },
      { id: 'measure_power', title: 'Power' },
      { id: 'measure_voltage.l1', title: 'Voltage L1' },
    ]);
    expect([...titles.values()]).toEqual(['Energy (hour)', 'Energy (day)', 'Energy', 'Power', 'Voltage L1']);
  });
});
