// The demo Homeys' flows and advanced flows. Cards name the devices, zones and folders they act on
// through `refs`, because those ids are only drawn when the home is built (demo-builder.ts).

/** The ids of a Homey being built, by their keys in the tables. */
export interface DemoRefs {
  device(key: string): string;
  zone(key: string): string;
  folder(key: string): string;
}

/** A flow without its id; `key` names it for favourites. Other fields follow the Flow schema. */
export interface DemoFlow {
  key: string;
  name: string;
  folder: string | null;
  enabled: boolean;
  triggerable: boolean;
  [field: string]: unknown;
}

/** A card of an advanced flow; its key and place on the canvas are given when the home is built. */
export interface DemoCard {
  id: string;
  ownerUri: string;
  type: 'trigger' | 'condition' | 'action';
}

export interface DemoAdvancedFlow extends DemoFlow {
  cards: DemoCard[];
}

function flowCard(id: string, args: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, args, ...extra };
}

// ---------------------------------------------------------------- the "Home" Homey

export function homeFlows(refs: DemoRefs): DemoFlow[] {
  return [
    {
      key: 'goodMorning',
      name: 'Good morning',
      folder: null,
      enabled: true,
      triggerable: true,
      trigger: flowCard('homey:manager:flow:programmatic_trigger'),
      conditions: [],
      actions: [
        flowCard(`homey:device:${refs.device('blinds')}:windowcoverings_set`, { windowcoverings_set: 1 }, { group: 'then', delay: null, duration: null }),
        flowCard(`homey:device:${refs.device('livingThermostat')}:target_temperature_set`, { target_temperature: 20.5 }, { group: 'then', delay: null, duration: null }),
      ],
    },
    {
      key: 'allOff',
      name: 'All lights off',
      folder: refs.folder('lights'),
      enabled: true,
      triggerable: true,
      trigger: flowCard('homey:manager:flow:programmatic_trigger'),
      conditions: [],
      actions: [flowCard('homey:manager:zones:turn_off_zone', { zone: refs.zone('home') }, { group: 'then', delay: null, duration: null })],
    },
    {
      key: 'hallLight',
      name: 'Hallway motion turns on the light',
      folder: refs.folder('lights'),
      enabled: true,
      triggerable: false,
      trigger: flowCard(`homey:device:${refs.device('hallMotion')}:alarm_motion_true`),
      conditions: [flowCard('homey:manager:geolocation:is_dark', {}, { group: 'group1', inverted: false })],
      actions: [flowCard(`homey:device:${refs.device('ceiling')}:on`, {}, { group: 'then', delay: null, duration: { number: '5', multiplier: 60 } })],
    },
    {
      key: 'away',
      name: 'Away mode',
      folder: null,
      enabled: false,
      triggerable: true,
      trigger: flowCard('homey:manager:flow:programmatic_trigger'),
      conditions: [],
      actions: [flowCard(`homey:device:${refs.device('lock')}:lock`, {}, { group: 'then', delay: null, duration: null })],
    },
    {
      key: 'sunset',
      name: 'Garden lights at sunset',
      folder: refs.folder('lights'),
      enabled: true,
      triggerable: false,
      trigger: flowCard('homey:manager:geolocation:sunset'),
      conditions: [],
      actions: [flowCard(`homey:device:${refs.device('gardenLights')}:on`, {}, { group: 'then', delay: null, duration: null })],
    },
  ];
}

export function homeAdvancedFlows(refs: DemoRefs): DemoAdvancedFlow[] {
  return [
    {
      key: 'evening',
      name: 'Evening scene',
      folder: null,
      enabled: true,
      triggerable: true,
      cards: [
        { id: 'homey:manager:flow:programmatic_trigger', ownerUri: 'homey:manager:flow', type: 'trigger' },
        { id: `homey:device:${refs.device('colourLamp')}:dim`, ownerUri: `homey:device:${refs.device('colourLamp')}`, type: 'action' },
        { id: `homey:device:${refs.device('blinds')}:windowcoverings_set`, ownerUri: `homey:device:${refs.device('blinds')}`, type: 'action' },
      ],
    },
    {
      key: 'energyReport',
      name: 'Daily energy report',
      folder: null,
      enabled: true,
      triggerable: false,
      cards: [
        { id: 'homey:manager:cron:time_exactly', ownerUri: 'homey:manager:cron', type: 'trigger' },
        { id: 'homey:manager:notifications:create_notification', ownerUri: 'homey:manager:notifications', type: 'action' },
      ],
    },
    {
      key: 'welcome',
      name: 'Welcome home',
      folder: refs.folder('lights'),
      enabled: true,
      triggerable: true,
      cards: [
        { id: 'homey:manager:presence:user_enter', ownerUri: 'homey:manager:presence', type: 'trigger' },
        { id: 'homey:manager:flow:programmatic_trigger', ownerUri: 'homey:manager:flow', type: 'trigger' },
        { id: `homey:device:${refs.device('ceiling')}:on`, ownerUri: `homey:device:${refs.device('ceiling')}`, type: 'action' },
      ],
    },
  ];
}

// ---------------------------------------------------------------- the "Holiday cabin" Homey (Dutch)

export function cabinFlows(refs: DemoRefs): DemoFlow[] {
  return [
    {
      key: 'heat',
      name: 'Verwarming aan voor aankomst',
      folder: null,
      enabled: true,
      triggerable: true,
      trigger: flowCard('homey:manager:flow:programmatic_trigger'),
      conditions: [],
      actions: [flowCard(`homey:device:${refs.device('thermostat')}:target_temperature_set`, { target_temperature: 20 }, { group: 'then', delay: null, duration: null })],
    },
  ];
}

export function cabinAdvancedFlows(refs: DemoRefs): DemoAdvancedFlow[] {
  return [
    {
      key: 'leave',
      name: 'Vertrek',
      folder: null,
      enabled: true,
      triggerable: true,
      cards: [
        { id: 'homey:manager:flow:programmatic_trigger', ownerUri: 'homey:manager:flow', type: 'trigger' },
        { id: `homey:device:${refs.device('lamp')}:off`, ownerUri: `homey:device:${refs.device('lamp')}`, type: 'action' },
      ],
    },
  ];
}
