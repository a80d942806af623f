// The demo Homeys' zones and devices as plain tables: what each device is, where it sits and what
// its capabilities read. A value that varies per seed is described here (`around`, `between`, …) and
// drawn by demo-builder.ts in table order, so one seed always gives the same home.
import type { CapabilityOverrides, Localized } from '../capabilities.ts';
import type { CapabilityValue } from '../types.ts';

/** A capability value: as is, or drawn per seed when the home is built. */
export type DemoValue =
  | CapabilityValue
  | { kind: 'around'; base: number; spread: number; decimals: number }
  | { kind: 'between'; min: number; max: number }
  | { kind: 'outdoor'; decimals: number }
  | { kind: 'solar'; peakWatts: number };

export interface DemoCapability {
  id: string;
  value: DemoValue;
  title?: Localized;
  overrides?: CapabilityOverrides;
  /** How long ago the value was reported; defaults to minutes for sensors, hours for controls. */
  agoMs?: number;
}

export interface DemoDevice {
  /** A handle for favourites and flows; not part of the device. */
  key?: string;
  name: string;
  /** The key of its zone in the Homey's zone table. */
  zone: string;
  class: string;
  virtualClass?: string;
  app: string;
  driver: string;
  caps: DemoCapability[];
  available?: boolean;
  unavailableMessage?: string;
  warningMessage?: string;
  energyObj?: Record<string, unknown>;
  settings?: Record<string, string | number | boolean>;
  note?: string;
  /** Names no icon (`iconObj: null`), as some apps' virtual devices do: a dashboard draws its own. */
  noIcon?: true;
}

export interface DemoZone {
  key: string;
  name: string;
  /** The key of the parent zone; null for the Homey's top zone. */
  parent: string | null;
  icon: string;
  active?: boolean;
}

/** A value near `base`, varied per seed so two seeds give two believable homes. */
function around(base: number, spread: number, decimals: number): DemoValue {
  return { kind: 'around', base, spread, decimals };
}

/** A whole number from `min` to `max`, drawn per seed. */
function between(min: number, max: number): DemoValue {
  return { kind: 'between', min, max };
}

/** A believable outdoor temperature for the demo's date: warm afternoons in July, cold nights in January. */
function outdoor(decimals: number): DemoValue {
  return { kind: 'outdoor', decimals };
}

/** Solar output under the sun of the demo's own clock, `peakWatts` at a clear summer noon. */
function solar(peakWatts: number): DemoValue {
  return { kind: 'solar', peakWatts };
}

const BATTERY = between(35, 100);
const MINUTE = 60_000;

/** The name that checks a dashboard renders device names as text, never as markup. */
export const HOSTILE_DEVICE_NAME = '<img src=x onerror=alert(1)> Hall';

// ---------------------------------------------------------------- the "Home" Homey

export const HOME_ZONES: DemoZone[] = [
  { key: 'home', name: 'Home', parent: null, icon: 'home', active: true },
  { key: 'ground', name: 'Ground floor', parent: 'home', icon: 'stairs-down', active: true },
  { key: 'living', name: 'Living room', parent: 'ground', icon: 'living', active: true },
  { key: 'kitchen', name: 'Kitchen', parent: 'ground', icon: 'kitchen', active: true },
  { key: 'hallway', name: 'Hallway', parent: 'ground', icon: 'default' },
  { key: 'first', name: 'First floor', parent: 'home', icon: 'stairs-up' },
  { key: 'bedroom', name: 'Bedroom', parent: 'first', icon: 'bed' },
  { key: 'bathroom', name: 'Bathroom', parent: 'first', icon: 'shower' },
  { key: 'office', name: 'Office', parent: 'first', icon: 'books' },
  { key: 'garden', name: 'Garden', parent: 'home', icon: 'garden' },
  { key: 'garage', name: 'Garage', parent: 'home', icon: 'default' },
];

export const HOME_DEVICES: DemoDevice[] = [
  {
    key: 'livingThermometer',
    name: 'Living room climate',
    zone: 'living',
    class: 'sensor',
    app: 'com.xiaomi-mi-zigbee',
    driver: 'weather_sensor',
    caps: [
      // Aqara reports two decimals even for temperature (seen in real dumps).
      { id: 'measure_temperature', value: around(21.3, 0.6, 2), overrides: { decimals: 2 } },
      { id: 'measure_humidity', value: around(48, 5, 0) },
      { id: 'measure_pressure', value: around(1013, 6, 0) },
      { id: 'measure_battery', value: BATTERY, overrides: { decimals: 0 } },
      { id: 'alarm_battery', value: false },
    ],
    energyObj: { batteries: ['CR2032'] },
  },
  {
    key: 'livingThermostat',
    name: 'Living room thermostat',
    zone: 'living',
    class: 'thermostat',
    app: 'com.tado2',
    driver: 'thermostat',
    caps: [
      { id: 'target_temperature', value: 20.5, overrides: { min: 5, max: 25, step: 0.5 } },
      { id: 'measure_temperature', value: around(20.8, 0.4, 1) },
      { id: 'measure_humidity', value: around(47, 4, 0) },
      { id: 'thermostat_mode', value: 'heat' },
    ],
  },
  {
    key: 'bedroomValve',
    name: 'Bedroom radiator',
    zone: 'bedroom',
    class: 'thermostat',
    virtualClass: 'radiator',
    app: 'com.danfoss',
    driver: 'ally-radiator-thermostat',
    caps: [
      { id: 'target_temperature', value: 17, overrides: { min: 5, max: 28, step: 0.5 } },
      { id: 'measure_temperature', value: around(17.6, 0.5, 1) },
      { id: 'thermostat_mode', value: 'auto' },
      { id: 'measure_battery', value: BATTERY, overrides: { decimals: 0 } },
    ],
    energyObj: { batteries: ['AA', 'AA'] },
  },
  {
    key: 'heatPump',
    name: 'Heat pump',
    zone: 'garage',
    class: 'heatpump',
    app: 'climate.onecta.daikin',
    driver: 'altherma3_geo',
    caps: [
      { id: 'target_temperature', value: 45, overrides: { min: 25, max: 60, step: 1 } },
      { id: 'measure_temperature', value: around(44.2, 1, 1), title: { en: 'Water temperature', nl: 'Watertemperatuur', de: 'Wassertemperatur' } },
      { id: 'measure_temperature.outside', value: outdoor(1), title: { en: 'Outside temperature', nl: 'Buitentemperatuur', de: 'Außentemperatur' } },
      { id: 'measure_power', value: around(820, 150, 0) },
      { id: 'meter_power', value: around(4210.5, 300, 2) },
      { id: 'thermostat_mode', value: 'heat' },
    ],
  },
  {
    key: 'co2',
    name: 'Bedroom air quality',
    zone: 'bedroom',
    class: 'sensor',
    app: 'com.netatmo',
    driver: 'homecoach',
    caps: [
      { id: 'measure_co2', value: around(780, 120, 0) },
      { id: 'measure_temperature', value: around(18.4, 0.5, 1) },
      { id: 'measure_humidity', value: around(55, 5, 0) },
      { id: 'measure_noise', value: around(34, 4, 0) },
    ],
  },
  {
    key: 'office',
    name: 'Office sensor',
    zone: 'office',
    class: 'sensor',
    app: 'nl.philips.hue',
    driver: 'sensor',
    caps: [
      { id: 'measure_temperature', value: around(19.9, 0.6, 1) },
      { id: 'measure_humidity', value: null },
      { id: 'measure_luminance', value: around(240, 80, 0) },
      { id: 'measure_co2', value: around(620, 80, 0) },
    ],
    note: 'Humidity never reported since pairing.',
  },
  {
    key: 'weather',
    name: 'Weather station',
    zone: 'garden',
    class: 'sensor',
    app: 'com.netatmo',
    driver: 'outdoor',
    caps: [
      { id: 'measure_temperature.outside', value: outdoor(1), title: { en: 'Outside temperature', nl: 'Buitentemperatuur', de: 'Außentemperatur' } },
      { id: 'measure_humidity', value: around(78, 8, 0) },
      { id: 'measure_wind_strength', value: around(14, 6, 1) },
      { id: 'measure_rain', value: 0 },
      { id: 'measure_ultraviolet', value: around(1.5, 1, 1) },
      { id: 'measure_battery', value: BATTERY, overrides: { decimals: 0 } },
    ],
    energyObj: { batteries: ['AAA', 'AAA'] },
  },
  {
    key: 'hallMotion',
    name: 'Hallway motion',
    zone: 'hallway',
    class: 'sensor',
    app: 'com.fibaro',
    driver: 'FGMS-001',
    caps: [
      { id: 'alarm_motion', value: false },
      { id: 'measure_temperature', value: around(19.2, 0.5, 1) },
      { id: 'measure_luminance', value: around(35, 20, 0) },
      { id: 'alarm_tamper', value: false },
      { id: 'measure_battery', value: BATTERY, overrides: { decimals: 0 } },
      { id: 'alarm_battery', value: false },
    ],
    energyObj: { batteries: ['CR123A'] },
  },
  {
    key: 'kitchenMotion',
    name: 'Kitchen motion',
    zone: 'kitchen',
    class: 'sensor',
    app: 'nl.philips.hue',
    driver: 'motion',
    caps: [
      { id: 'alarm_motion', value: true, agoMs: 40_000 },
      { id: 'measure_luminance', value: around(180, 60, 0) },
      { id: 'measure_temperature', value: around(20.4, 0.5, 1) },
      { id: 'measure_battery', value: 12, overrides: { decimals: 0 } },
      { id: 'alarm_battery', value: true },
    ],
    energyObj: { batteries: ['AAA', 'AAA'] },
    warningMessage: 'Battery almost empty',
  },
  {
    key: 'hostile',
    name: HOSTILE_DEVICE_NAME,
    zone: 'hallway',
    class: 'sensor',
    app: 'com.aqara',
    driver: 'motion_sensor_p1',
    caps: [
      { id: 'alarm_motion', value: false },
      { id: 'measure_luminance', value: around(20, 10, 0) },
    ],
  },
  {
    key: 'frontDoor',
    name: 'Front door',
    zone: 'hallway',
    class: 'sensor',
    app: 'com.xiaomi-mi-zigbee',
    driver: 'sensor_magnet.aq2',
    caps: [
      { id: 'alarm_contact', value: false, overrides: { titleTrue: { en: 'Open', nl: 'Open', de: 'Offen' }, titleFalse: { en: 'Closed', nl: 'Dicht', de: 'Geschlossen' } } },
      { id: 'measure_battery', value: BATTERY, overrides: { decimals: 0 } },
      { id: 'alarm_battery', value: false },
    ],
    energyObj: { batteries: ['CR1632'] },
  },
  {
    key: 'backWindow',
    name: 'Kitchen window',
    zone: 'kitchen',
    class: 'sensor',
    app: 'com.xiaomi-mi-zigbee',
    driver: 'sensor_magnet.aq2',
    caps: [
      { id: 'alarm_contact', value: true, agoMs: 25 * MINUTE },
      { id: 'alarm_battery', value: false },
    ],
    energyObj: { batteries: ['CR1632'] },
  },
  {
    key: 'smoke',
    name: 'Smoke detector hallway',
    zone: 'hallway',
    class: 'sensor',
    virtualClass: 'smokealarm',
    app: 'com.heiman',
    driver: 'HS1SA',
    caps: [
      { id: 'alarm_smoke', value: false },
      { id: 'alarm_battery', value: false },
      { id: 'measure_battery', value: BATTERY, overrides: { decimals: 0 } },
    ],
    energyObj: { batteries: ['CR123A'] },
  },
  {
    key: 'leak',
    name: 'Dishwasher leak sensor',
    zone: 'kitchen',
    class: 'sensor',
    app: 'com.aqara',
    driver: 'water_leak_sensor',
    caps: [
      { id: 'alarm_water', value: false },
      { id: 'alarm_battery', value: false },
    ],
    energyObj: { batteries: ['CR2032'] },
  },
  {
    key: 'ceiling',
    name: 'Living room ceiling',
    zone: 'living',
    class: 'light',
    app: 'nl.philips.hue',
    driver: 'bulb',
    caps: [
      { id: 'onoff', value: true },
      { id: 'dim', value: 0.8 },
    ],
    energyObj: { approximation: { usageOn: 9, usageOff: 0.4 } },
  },
  {
    key: 'colourLamp',
    name: '🛋️ Sofa lamp',
    zone: 'living',
    class: 'light',
    app: 'nl.philips.hue',
    driver: 'bulb',
    caps: [
      { id: 'onoff', value: true },
      { id: 'dim', value: 0.42 },
      { id: 'light_hue', value: 0.08 },
      { id: 'light_saturation', value: 0.65 },
      { id: 'light_temperature', value: 0.3 },
      { id: 'light_mode', value: 'color' },
    ],
  },
  {
    key: 'kitchenSpots',
    name: 'Kitchen  spots ',
    zone: 'kitchen',
    class: 'light',
    app: 'com.fibaro',
    driver: 'FGD-212',
    caps: [
      { id: 'onoff', value: false },
      { id: 'dim', value: 0.6 },
      { id: 'measure_power', value: 0 },
      { id: 'meter_power', value: around(38.72, 5, 2) },
    ],
  },
  {
    key: 'bedroomLamp',
    name: 'Bedside lamp',
    zone: 'bedroom',
    class: 'light',
    app: 'com.ikea.tradfri',
    driver: 'bulb_ws',
    caps: [
      { id: 'onoff', value: false },
      { id: 'dim', value: 0.25 },
      { id: 'light_temperature', value: 0.7 },
    ],
  },
  {
    key: 'gardenLights',
    name: 'Garden lights',
    zone: 'garden',
    class: 'light',
    app: 'com.klikaanklikuit',
    driver: 'switch',
    caps: [{ id: 'onoff', value: false }],
  },
  {
    key: 'coffee',
    name: 'Coffee machine',
    zone: 'kitchen',
    class: 'socket',
    virtualClass: 'coffeemachine',
    app: 'com.fibaro',
    driver: 'FGWPx-102',
    caps: [
      { id: 'onoff', value: true },
      { id: 'measure_power', value: around(4.2, 1.5, 1) },
      { id: 'meter_power', value: around(112.4, 20, 2) },
      { id: 'measure_voltage', value: around(231, 2, 1) },
      { id: 'measure_current', value: 0.02 },
    ],
  },
  {
    key: 'tvPlug',
    name: 'TV plug',
    zone: 'living',
    class: 'socket',
    app: 'com.nedis',
    driver: 'plug',
    caps: [
      { id: 'onoff', value: false },
      { id: 'measure_power', value: 0 },
      { id: 'meter_power', value: around(251.9, 30, 2) },
    ],
  },
  {
    key: 'washer',
    name: 'Washing machine',
    zone: 'bathroom',
    class: 'socket',
    virtualClass: 'washer',
    app: 'com.shelly',
    driver: 'plug-s',
    caps: [
      { id: 'onoff', value: true },
      { id: 'measure_power', value: around(1850, 300, 1) },
      { id: 'meter_power', value: around(612.08, 50, 2) },
    ],
  },
  {
    key: 'dehumidifier',
    name: 'Dehumidifier plug',
    zone: 'bathroom',
    class: 'socket',
    app: 'com.tuya',
    driver: 'plug',
    caps: [
      { id: 'onoff', value: true },
      { id: 'measure_power', value: null },
      { id: 'meter_power', value: null },
    ],
    note: 'Its meter never reported.',
  },
  {
    key: 'blinds',
    name: 'Living room blinds',
    zone: 'living',
    class: 'windowcoverings',
    virtualClass: 'blinds',
    app: 'com.somfy',
    driver: 'io-roller-shutter',
    caps: [
      { id: 'windowcoverings_state', value: 'idle' },
      { id: 'windowcoverings_set', value: 0.35 },
    ],
  },
  {
    key: 'curtains',
    name: 'Bedroom curtains',
    zone: 'bedroom',
    class: 'curtain',
    app: 'com.ikea.tradfri',
    driver: 'blind',
    caps: [
      { id: 'windowcoverings_set', value: 1 },
      { id: 'measure_battery', value: BATTERY, overrides: { decimals: 0 } },
    ],
  },
  {
    key: 'p1',
    name: 'Smart meter',
    zone: 'garage',
    class: 'sensor',
    app: 'com.homewizard',
    driver: 'energy',
    caps: [
      { id: 'measure_power', value: around(640, 200, 0) },
      { id: 'meter_power', value: around(18452.33, 400, 3) },
      { id: 'meter_power.imported', value: around(21044.12, 400, 3), title: { en: 'Imported energy', nl: 'Geïmporteerde energie', de: 'Importierte Energie' } },
      { id: 'meter_power.exported', value: around(2591.79, 100, 3), title: { en: 'Exported energy', nl: 'Geëxporteerde energie', de: 'Exportierte Energie' } },
      { id: 'meter_gas', value: around(3121.45, 80, 3) },
      { id: 'measure_voltage', value: around(229, 2, 1) },
    ],
    energyObj: { cumulative: true, cumulativeImportedCapability: 'meter_power.imported', cumulativeExportedCapability: 'meter_power.exported' },
  },
  {
    key: 'solar',
    name: 'Solar inverter',
    zone: 'garage',
    class: 'solarpanel',
    app: 'com.sma',
    driver: 'inverter',
    caps: [
      // Solar output follows the sun of the demo's own clock.
      { id: 'measure_power', value: solar(2400) },
      { id: 'meter_power', value: around(9876.5, 300, 2) },
    ],
  },
  {
    key: 'speaker',
    name: 'Kitchen speaker',
    zone: 'kitchen',
    class: 'speaker',
    app: 'com.sonos',
    driver: 'sonos',
    caps: [
      { id: 'speaker_playing', value: true },
      { id: 'volume_set', value: 0.2 },
      { id: 'volume_mute', value: false },
      { id: 'speaker_artist', value: 'Nina Simone' },
      { id: 'speaker_track', value: 'Feeling Good' },
      { id: 'speaker_prev', value: null },
      { id: 'speaker_next', value: null },
    ],
  },
  {
    key: 'vacuum',
    name: 'Robot vacuum',
    zone: 'ground',
    class: 'vacuumcleaner',
    app: 'com.roborock',
    driver: 's7',
    caps: [
      { id: 'onoff', value: false },
      { id: 'vacuumcleaner_state', value: 'charging' },
      { id: 'measure_battery', value: between(60, 100), overrides: { decimals: 0 } },
    ],
  },
  {
    key: 'lock',
    name: 'Back door lock',
    zone: 'kitchen',
    class: 'lock',
    app: 'com.nuki',
    driver: 'smartlock',
    caps: [
      { id: 'locked', value: true },
      { id: 'measure_battery', value: BATTERY, overrides: { decimals: 0 } },
    ],
  },
  {
    key: 'garageDoor',
    name: 'Garage door',
    zone: 'garage',
    class: 'garagedoor',
    app: 'com.tuya',
    driver: 'garage_door_opener',
    caps: [
      { id: 'button', value: null, title: { en: 'Open / close', nl: 'Open / dicht', de: 'Öffnen / schließen' } },
      { id: 'alarm_contact', value: false, title: { en: 'Door open', nl: 'Deur open', de: 'Tor offen' } },
    ],
  },
  {
    key: 'freezer',
    name: 'Garage freezer',
    zone: 'garage',
    class: 'sensor',
    app: 'com.xiaomi-mi-zigbee',
    driver: 'weather_sensor',
    available: false,
    unavailableMessage: 'Device is unreachable. Check the battery or move it closer to Homey.',
    caps: [
      { id: 'measure_temperature', value: -18.4 },
      { id: 'measure_battery', value: 2, overrides: { decimals: 0 } },
      { id: 'alarm_battery', value: true },
    ],
    energyObj: { batteries: ['CR2032'] },
  },
  {
    key: 'energyApp',
    name: 'Energy prices',
    zone: 'home',
    class: 'other',
    noIcon: true,
    app: 'com.example.energyprices',
    driver: 'tariffs',
    // App-specific capabilities, one per chartType Homey knows (homey-lib capability schema).
    caps: [
      { id: 'price_now', value: around(0.287, 0.05, 3), overrides: { type: 'number', title: { en: 'Price now', nl: 'Prijs nu', de: 'Preis jetzt' }, units: '€/kWh', decimals: 3, chartType: 'line' } },
      { id: 'solar_forecast', value: between(900, 2600), overrides: { type: 'number', title: { en: 'Solar forecast', nl: 'Zonneverwachting', de: 'Solarprognose' }, units: 'W', decimals: 0, chartType: 'area', min: 0 } },
      { id: 'tariff_level', value: 2, overrides: { type: 'number', title: { en: 'Tariff level', nl: 'Tariefniveau', de: 'Tarifstufe' }, units: null, decimals: 0, min: 1, max: 3, chartType: 'stepLine' } },
      { id: 'cost_today', value: around(3.41, 1, 2), overrides: { type: 'number', title: { en: 'Cost today', nl: 'Kosten vandaag', de: 'Kosten heute' }, units: '€', decimals: 2, chartType: 'column', min: 0 } },
      { id: 'price_avg_24h', value: around(0.254, 0.03, 3), overrides: { type: 'number', title: { en: 'Average price (24 h)', nl: 'Gemiddelde prijs (24 u)', de: 'Durchschnittspreis (24 h)' }, units: '€/kWh', decimals: 3, chartType: 'spline' } },
      { id: 'grid_load', value: between(35, 80), overrides: { type: 'number', title: { en: 'Grid load', nl: 'Netbelasting', de: 'Netzlast' }, units: '%', decimals: 0, min: 0, max: 100, chartType: 'splineArea' } },
      { id: 'rssi', value: between(-80, -55), overrides: { type: 'number', title: 'Signal', units: 'RSSI', decimals: 0, chartType: 'scatter' } },
      { id: 'price_tomorrow', value: null, overrides: { type: 'number', title: { en: 'Price tomorrow', nl: 'Prijs morgen', de: 'Preis morgen' }, units: '€/kWh', decimals: 3, chartType: 'line' } },
      {
        id: 'price_level',
        value: 'normal',
        overrides: {
          type: 'enum',
          title: { en: 'Price level', nl: 'Prijsniveau', de: 'Preisniveau' },
          setable: false,
          values: [
            { id: 'low', title: { en: 'Low', nl: 'Laag', de: 'Niedrig' } },
            { id: 'normal', title: { en: 'Normal', nl: 'Normaal', de: 'Normal' } },
            { id: 'high', title: { en: 'High', nl: 'Hoog', de: 'Hoch' } },
          ],
        },
      },
      {
        id: 'cheap_now',
        value: false,
        overrides: {
          type: 'boolean',
          setable: false,
          title: { en: 'Cheap hour', nl: 'Goedkoop uur', de: 'Günstige Stunde' },
          titleTrue: { en: 'Cheap', nl: 'Goedkoop', de: 'Günstig' },
          titleFalse: { en: 'Not cheap', nl: 'Niet goedkoop', de: 'Nicht günstig' },
        },
      },
      // A type no Homey documents (apps do invent them): the dashboard must still show it plainly.
      { id: 'contract_kind', value: 'dynamic', overrides: { type: 'tariff', title: { en: 'Contract', nl: 'Contract', de: 'Vertrag' }, units: null } },
      { id: 'status_text', value: 'Prices for tomorrow arrive after 13:00', overrides: { type: 'string', title: { en: 'Status', nl: 'Status', de: 'Status' }, units: null } },
      { id: 'button.reset', value: null, title: { en: 'Reset cost meter', nl: 'Kostenmeter resetten', de: 'Kostenzähler zurücksetzen' }, overrides: { maintenanceAction: true } },
    ],
  },
];

// ---------------------------------------------------------------- the "Holiday cabin" Homey (Dutch)

export const CABIN_ZONES: DemoZone[] = [
  { key: 'home', name: 'Vakantiehuisje', parent: null, icon: 'home' },
  { key: 'living', name: 'Woonkamer', parent: 'home', icon: 'living' },
  { key: 'bedroom', name: 'Slaapkamer', parent: 'home', icon: 'bed' },
  { key: 'garden', name: 'Tuin', parent: 'home', icon: 'garden' },
];

export const CABIN_DEVICES: DemoDevice[] = [
  {
    key: 'thermostat',
    name: 'Thermostaat woonkamer',
    zone: 'living',
    class: 'thermostat',
    app: 'com.plugwise.adam',
    driver: 'thermostat',
    caps: [
      { id: 'target_temperature', value: 15, overrides: { min: 5, max: 30, step: 0.5 } },
      { id: 'measure_temperature', value: around(15.4, 0.4, 1) },
      { id: 'thermostat_mode', value: 'auto' },
    ],
  },
  {
    key: 'outside',
    name: 'Buitensensor',
    zone: 'garden',
    class: 'sensor',
    app: 'com.xiaomi-mi-zigbee',
    driver: 'weather_sensor',
    caps: [
      { id: 'measure_temperature', value: outdoor(2), overrides: { decimals: 2 } },
      { id: 'measure_humidity', value: around(84, 6, 0) },
      { id: 'measure_battery', value: between(40, 90), overrides: { decimals: 0 } },
    ],
  },
  {
    key: 'door',
    name: 'Voordeur',
    zone: 'living',
    class: 'sensor',
    app: 'com.xiaomi-mi-zigbee',
    driver: 'sensor_magnet.aq2',
    caps: [
      { id: 'alarm_contact', value: false },
      { id: 'measure_battery', value: between(40, 90), overrides: { decimals: 0 } },
    ],
  },
  {
    key: 'lamp',
    name: 'Lamp bij de bank',
    zone: 'living',
    class: 'light',
    app: 'com.ikea.tradfri',
    driver: 'bulb',
    caps: [
      { id: 'onoff', value: false },
      { id: 'dim', value: 0.5 },
    ],
  },
  {
    key: 'boiler',
    name: 'Stekker boiler',
    zone: 'bedroom',
    class: 'socket',
    app: 'com.fibaro',
    driver: 'FGWPx-102',
    caps: [
      { id: 'onoff', value: true },
      { id: 'measure_power', value: around(1200, 200, 0) },
      { id: 'meter_power', value: around(732.4, 40, 2) },
    ],
  },
];
