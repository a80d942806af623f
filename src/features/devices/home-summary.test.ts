import { describe, expect, it } from 'vitest';
import { parseDevice } from './device-schema.ts';
import type { Device } from './device-schema.ts';
import { homeSummary, zoneSummaries } from './home-summary.ts';

let next = 0;
function device(cls: string, caps: Record<string, unknown>, extra: Record<string, unknown> = {}): Device {
  const capabilitiesObj = Object.fromEntries(
    Object.entries(caps).map(([id, value]) => [
      id,
      { id, type: typeof value === 'number' ? 'number' : 'boolean', value, units: id.startsWith('measure_temperature') ? '°C' : id === 'measure_power' ? 'W' : null },
    ]),
  );
  const parsed = parseDevice({ id: `d${(next += 1)}`, name: `Device ${next}`, class: cls, capabilitiesObj, ...extra });
  if (!parsed.ok) throw new Error(parsed.broken.problem);
  return parsed.device;
}

describe('homeSummary', () => {
  it('counts lights on, doors and windows open, alarms and low batteries, each with the devices behind it', () => {
    const lamp = device('light', { onoff: true });
    const socket = device('socket', { onoff: true, measure_power: 40 });
    const window = device('sensor', { alarm_contact: true, measure_battery: 80 });
    const smoke = device('sensor', { alarm_smoke: true, alarm_battery: true });
    const summary = homeSummary([lamp, device('light', { onoff: false }), socket, window, smoke, device('sensor', { alarm_motion: true })]);
    expect(summary.lightsOn).toEqual({ value: 1, units: '', deviceIds: [lamp.id] });
    expect(summary.open.deviceIds).toEqual([window.id]);
    expect(summary.alarms.deviceIds).toEqual([smoke.id]);
    expect(summary.lowBattery.deviceIds).toEqual([smoke.id]);
    expect(summary.power).toEqual({ value: 40, units: 'W', deviceIds: [socket.id] });
    expect(summary.solar).toBeUndefined();
  });

  it('takes the median temperature inside, so a heat pump or an offline freezer does not move it, and outside apart', () => {
    const rooms = [device('sensor', { measure_temperature: 20 }), device('thermostat', { measure_temperature: 21, target_temperature: 20 }), device('sensor', { measure_temperature: 19 })];
    const heatPump = device('heatpump', { measure_temperature: 45, 'measure_temperature.outside': 4 });
    const freezer = device('sensor', { measure_temperature: -18 }, { available: false });
    const station = device('sensor', { 'measure_temperature.outside': 5 });
    const summary = homeSummary([...rooms, heatPump, freezer, station]);
    expect(summary.indoor).toEqual({ value: 20, units: '°C', deviceIds: rooms.map((d) => d.id) });
    expect(summary.outdoor).toEqual({ value: 4.5, units: '°C', deviceIds: [heatPump.id, station.id] });
    expect(homeSummary([device('light', { onoff: true })]).indoor).toBeUndefined();
  });

  it("reads the home's power from its meter when it has one, and solar apart", () => {
    const meter = device('sensor', { measure_power: 640 }, { energyObj: { cumulative: true } });
    const plug = device('socket', { measure_power: 1800 });
    const solar = device('solarpanel', { measure_power: 1200 });
    const summary = homeSummary([meter, plug, solar]);
    expect(summary.power).toEqual({ value: 640, units: 'W', deviceIds: [meter.id] });
    expect(summary.solar).toEqual({ value: 1200, units: 'W', deviceIds: [solar.id] });
  });
});

describe('zoneSummaries', () => {
  it("gives each zone its own devices' temperature and humidity and what is on, open or alarming", () => {
    const kitchen = { zone: 'kitchen' };
    const devices = [
      device('sensor', { measure_temperature: 20.4, measure_humidity: 50 }, kitchen),
      device('thermostat', { measure_temperature: 21, measure_humidity: 54 }, kitchen),
      device('light', { onoff: true }, kitchen),
      device('sensor', { alarm_contact: true }, kitchen),
      device('sensor', { alarm_water: true }, kitchen),
      device('light', { onoff: true }, { zone: 'garden' }),
    ];
    const zones = zoneSummaries(devices);
    expect(zones.kitchen).toEqual({ temperature: { value: 20.7, units: '°C' }, humidity: 52, lightsOn: 1, open: 1, alarms: 1 });
    expect(zones.garden).toEqual({ lightsOn: 1, open: 0, alarms: 0 });
    expect(zones.attic).toBeUndefined();
  });
});
