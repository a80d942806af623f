import { describe, expect, it } from 'vitest';
import { builtinIconName } from './builtin-icon-names.ts';
import { deviceIconUrl } from './device-icon.tsx';
import { parseDevice } from './device-schema.ts';
import type { Device } from './device-schema.ts';
import { deviceState } from './device-state.ts';

function device(caps: Record<string, unknown>, extra: Record<string, unknown> = {}): Device {
  const capabilitiesObj = Object.fromEntries(
    Object.entries(caps).map(([id, value]) => [id, { id, type: typeof value === 'number' ? 'number' : typeof value === 'string' ? 'enum' : 'boolean', value }]),
  );
  const parsed = parseDevice({ id: 'd1', name: 'Device', class: 'sensor', capabilitiesObj, ...extra });
  if (!parsed.ok) throw new Error(parsed.broken.problem);
  return parsed.device;
}

describe('deviceState', () => {
  it('says the most urgent thing a device is doing', () => {
    expect(deviceState(device({ alarm_smoke: true, onoff: true }))).toBe('alarm');
    expect(deviceState(device({ alarm_tamper: true }))).toBe('alarm');
    expect(deviceState(device({ alarm_contact: true, alarm_battery: true }))).toBe('open');
    expect(deviceState(device({ locked: false }))).toBe('open');
    expect(deviceState(device({ alarm_motion: true, measure_battery: 12 }))).toBe('motion');
    expect(deviceState(device({ alarm_motion: false, measure_battery: 12 }))).toBe('low-battery');
    expect(deviceState(device({ alarm_battery: true }))).toBe('low-battery');
    expect(deviceState(device({ onoff: true, dim: 0.4 }))).toBe('on');
    expect(deviceState(device({ onoff: false }))).toBe('off');
    expect(deviceState(device({ measure_temperature: 21, measure_battery: 80, alarm_contact: false }))).toBeUndefined();
    // Never reported: nothing to say.
    expect(deviceState(device({ onoff: null }))).toBeUndefined();
  });
});

describe('device icons', () => {
  it("points at the icon host for the device's own icon, and at nothing for an id that is not one", () => {
    expect(deviceIconUrl(device({}, { iconObj: { id: 'abc123', url: '/api/icon/x' } }), 'https://icons-cdn.athom.com')).toBe('https://icons-cdn.athom.com/abc123-128.png');
    expect(deviceIconUrl(device({}, { iconObj: { id: '../../user/me' } }), 'https://icons-cdn.athom.com')).toBeNull();
    expect(deviceIconUrl(device({}, { iconObj: null }), 'https://icons-cdn.athom.com')).toBeNull();
    expect(deviceIconUrl(device({}, { iconObj: { id: 'abc123' } }), undefined)).toBeNull();
  });

  it('draws its own icon by class, a sensor by what it measures, and a state’s variant', () => {
    expect(builtinIconName(device({ onoff: true }, { class: 'light' }))).toBe('lightbulb');
    expect(builtinIconName(device({ onoff: false }, { class: 'light' }), 'off')).toBe('lightbulb-off');
    expect(builtinIconName(device({ onoff: true }, { class: 'socket', virtualClass: 'coffeemachine' }))).toBe('coffee');
    expect(builtinIconName(device({ alarm_contact: true }, { class: 'sensor' }), 'open')).toBe('door-open');
    expect(builtinIconName(device({ alarm_motion: false, measure_temperature: 20 }, { class: 'sensor' }))).toBe('footprints');
    expect(builtinIconName(device({ measure_temperature: 20 }, { class: 'sensor' }))).toBe('thermometer');
    expect(builtinIconName(device({ locked: false }, { class: 'lock' }), 'open')).toBe('lock-open');
    expect(builtinIconName(device({ x: 1 }, { class: 'spaceship' }))).toBe('box');
    for (const cls of ['thermostat', 'windowcoverings', 'blinds', 'curtain', 'doorbell', 'speaker', 'tv', 'fan', 'heater', 'vacuumcleaner', 'garagedoor', 'camera', 'button', 'homealarm', 'kettle', 'coffeemachine', 'solarpanel', 'evcharger', 'battery']) {
      expect(builtinIconName(device({}, { class: cls })), cls).not.toBe('box');
    }
    expect(builtinIconName(device({}, { class: 'other' }))).toBe('box');
  });
});
