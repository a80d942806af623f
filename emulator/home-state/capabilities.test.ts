import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { baseCapabilityId, buildCapability, capabilityDefinition, isMeter, localize, uiComponentOf } from './capabilities.ts';
import type { CapabilityObj } from './types.ts';

const require = createRequire(import.meta.url);
const homeyLib = require('homey-lib') as { getCapability(id: string): Record<string, unknown> };
const AT = '2024-05-01T10:00:00.000Z';

describe('capabilityDefinition', () => {
  it('returns homey-lib definitions, using the base for sub-ids', () => {
    expect(capabilityDefinition('measure_temperature')).toEqual(homeyLib.getCapability('measure_temperature'));
    expect(capabilityDefinition('measure_temperature.outside')).toEqual(homeyLib.getCapability('measure_temperature'));
    expect(baseCapabilityId('meter_power.imported')).toBe('meter_power');
  });

  it('knows nothing of app capabilities or object prototype names', () => {
    expect(capabilityDefinition('price_level')).toBeUndefined();
    expect(capabilityDefinition('constructor')).toBeUndefined();
    expect(capabilityDefinition('__proto__')).toBeUndefined();
  });

  it('tells meters apart', () => {
    expect(isMeter('meter_power.imported')).toBe(true);
    expect(isMeter('measure_power')).toBe(false);
  });
});

describe('localize', () => {
  it('picks the language, then English, then anything', () => {
    expect(localize({ en: 'Heat', nl: 'Verwarmen' }, 'nl')).toBe('Verwarmen');
    expect(localize({ en: 'Heat' }, 'de')).toBe('Heat');
    expect(localize({ no: 'Varme' }, 'de')).toBe('Varme');
    expect(localize('plain', 'nl')).toBe('plain');
    expect(localize(null)).toBeNull();
  });
});

describe('buildCapability', () => {
  it('builds a sensor from its definition in the Homey language', () => {
    const cap = buildCapability('measure_temperature', { value: 21.5, lastUpdated: AT, language: 'nl' });
    const def = homeyLib.getCapability('measure_temperature');
    expect(cap).toMatchObject({
      id: 'measure_temperature',
      type: 'number',
      value: 21.5,
      lastUpdated: AT,
      title: 'Temperatuur',
      units: '°C',
      decimals: def.decimals,
      chartType: def.chartType,
      getable: true,
      setable: false,
      insights: true,
      options: {},
    });
    expect(cap).not.toHaveProperty('values');
  });

  it('resolves enum value titles to one string each', () => {
    const cap = buildCapability('thermostat_mode', { value: 'heat', lastUpdated: AT, language: 'de' });
    expect(cap.type).toBe('enum');
    expect(cap.values?.map((v) => v.id)).toEqual(['auto', 'heat', 'cool', 'off']);
    expect(cap.values?.find((v) => v.id === 'heat')?.title).toBe('Heizen');
    expect(cap).not.toHaveProperty('decimals');
  });

  it('gives booleans their Insights titles and no number fields', () => {
    const cap = buildCapability('alarm_motion', { value: false, lastUpdated: AT });
    expect(cap.insightsTitleTrue).toBe('Motion alarm turned on');
    expect(cap.insightsTitleFalse).toBe('Motion alarm turned off');
    expect(cap).not.toHaveProperty('decimals');
    expect(cap).not.toHaveProperty('chartType');
  });

  it('lets a sub-id carry its own title while keeping the base units, and keeps the raw title in options', () => {
    const cap = buildCapability('measure_temperature.outside', {
      value: 4.2,
      lastUpdated: AT,
      language: 'nl',
      title: { en: 'Outside temperature', nl: 'Buitentemperatuur' },
    });
    expect(cap.id).toBe('measure_temperature.outside');
    expect(cap.title).toBe('Buitentemperatuur');
    expect(cap.units).toBe('°C');
    expect(cap.options).toEqual({ title: { en: 'Outside temperature', nl: 'Buitentemperatuur' } });
  });

  it('makes buttons write-only with no value', () => {
    const cap = buildCapability('button.reset', { value: null, lastUpdated: null, title: 'Reset meter' });
    expect(cap).toMatchObject({ type: 'boolean', getable: false, setable: true, value: null, lastUpdated: null, insights: false });
  });

  it('applies device overrides such as a thermostat range', () => {
    const cap = buildCapability('target_temperature', {
      value: 20.5,
      lastUpdated: AT,
      overrides: { min: 5, max: 30, step: 0.5, titleTrue: { en: 'x', nl: 'y' } },
      language: 'nl',
    });
    expect(cap).toMatchObject({ min: 5, max: 30, step: 0.5, setable: true, titleTrue: 'y' });
  });

  it('builds an app capability entirely from overrides', () => {
    const cap = buildCapability('price_now', {
      value: 0.31,
      lastUpdated: AT,
      language: 'nl',
      overrides: { type: 'number', title: { en: 'Price now', nl: 'Prijs nu' }, units: '€/kWh', decimals: 3, chartType: 'column' },
    });
    expect(cap).toMatchObject({
      id: 'price_now',
      type: 'number',
      title: 'Prijs nu',
      units: '€/kWh',
      decimals: 3,
      chartType: 'column',
      getable: true,
      setable: false,
      insights: true,
      value: 0.31,
    });
    const quiet = buildCapability('debug_counter', { value: 1, lastUpdated: AT, overrides: { insights: false } });
    expect(quiet.insights).toBe(false);
    expect(quiet.title).toBe('debug_counter');
  });

  // Real dumps (sparegris, 2022–2024) live outside the repository; skipped where they are absent.
  const realDump = new URL('../../../shared/real-homes/devices/mixed_sparegris_2022-2024_devices-reconstructed-from-capability-dumps.json', import.meta.url);
  it.skipIf(!existsSync(realDump))('carries every field real Homey dumps show for the same system capabilities', () => {
    // Fields only apps add (titleTrue/False from options, maintenanceAction, device ranges) are not
    // expected from a bare system capability.
    const appOnly = new Set(['titleTrue', 'titleFalse', 'maintenanceAction', 'min', 'max', 'step']);
    const file = realDump;
    const devices = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { capabilitiesObj: Record<string, CapabilityObj> }>;
    let compared = 0;
    for (const device of Object.values(devices)) {
      for (const [id, real] of Object.entries(device.capabilitiesObj)) {
        const def = capabilityDefinition(id);
        if (!def || def.type !== real.type) continue;
        const ours = buildCapability(id, { value: real.value as null, lastUpdated: real.lastUpdated ?? null });
        for (const key of Object.keys(real)) {
          if (appOnly.has(key)) continue;
          if (key === 'decimals' && def.decimals === undefined) continue;
          if (key === 'chartType' && def.chartType === undefined) continue;
          expect(ours, `${id}.${key}`).toHaveProperty(key);
        }
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});

describe('uiComponentOf', () => {
  it('uses homey-lib for system capabilities and guesses for app ones', () => {
    expect(uiComponentOf('onoff', { type: 'boolean', setable: true })).toBe('toggle');
    expect(uiComponentOf('windowcoverings_state', { type: 'enum', setable: true })).toBe('ternary');
    expect(uiComponentOf('price_level', { type: 'enum', setable: false })).toBe('picker');
    expect(uiComponentOf('grid_load', { type: 'number', setable: false })).toBe('sensor');
  });
});
