// Capability values as people read them on the wall: rounded to the capability's own `decimals`,
// in the user's locale (decimal comma in nl/de), with the units exactly as the device sent them.
// Everything returned is plain text; rendering it as text is what keeps hostile names harmless.

/** The parts of a capability that decide how its value reads (a structural subset, so lib stays feature-free). */
export interface FormattableCapability {
  id?: string;
  type?: string;
  value: unknown;
  units?: string | null;
  decimals?: number | null;
  min?: number;
  max?: number;
  titleTrue?: string | null;
  titleFalse?: string | null;
  values?: readonly { id: string; title: string }[];
}

export interface FormattedValue {
  /** Value and units together, ready to show: "21.5 °C", "42 %", "On", "—". */
  text: string;
  /** The value alone, for a large number next to small units. */
  value: string;
  /** The units to show beside `value` ("" when none). */
  units: string;
}

export const NO_VALUE = '—';

// Joins a number to its units and never breaks the line between them on a narrow tile.
const NBSP = '\u00a0';

const ON_OFF: Readonly<Record<string, readonly [on: string, off: string]>> = {
  en: ['On', 'Off'],
  nl: ['Aan', 'Uit'],
  de: ['Ein', 'Aus'],
};

// An alarm's words when its device sends none (homey-lib gives alarm_* no titleTrue/titleFalse): in the
// Homey's language, like the titles it does send. The part of the id before the dot decides.
type AlarmWords = Readonly<Record<string, readonly [yes: string, no: string]>>;
const ALARM_WORDS: Readonly<Record<string, AlarmWords>> = {
  alarm_contact: { en: ['Open', 'Closed'], nl: ['Open', 'Dicht'], de: ['Offen', 'Geschlossen'] },
  alarm_motion: { en: ['Motion', 'No motion'], nl: ['Beweging', 'Geen beweging'], de: ['Bewegung', 'Keine Bewegung'] },
  alarm_battery: { en: ['Low', 'OK'], nl: ['Bijna leeg', 'OK'], de: ['Schwach', 'OK'] },
  alarm: { en: ['Alarm', 'OK'], nl: ['Alarm', 'OK'], de: ['Alarm', 'OK'] },
};

// Intl formatters cost far more to build than to use, and a wall formats hundreds of values per poll.
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, minFraction: number, maxFraction: number): Intl.NumberFormat {
  const key = `${locale}|${minFraction}|${maxFraction}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(safeLocale(locale), {
      minimumFractionDigits: minFraction,
      maximumFractionDigits: maxFraction,
    });
    numberFormats.set(key, format);
  }
  return format;
}

const checkedLocales = new Map<string, string>();

/** A locale Intl accepts: a malformed setting must not take every tile down with a RangeError. */
export function safeLocale(locale: string): string {
  let safe = checkedLocales.get(locale);
  if (safe === undefined) {
    try {
      safe = Intl.getCanonicalLocales(locale)[0] ?? 'en';
    } catch {
      safe = 'en';
    }
    checkedLocales.set(locale, safe);
  }
  return safe;
}

function language(locale: string): string {
  return safeLocale(locale).split('-')[0]?.toLowerCase() ?? 'en';
}

/**
 * Fraction digits when the capability does not say (`decimals` absent or null, common on app
 * capabilities): enough to see a change, never a wall of digits. The value is not padded.
 */
function defaultMaxFraction(value: number): number {
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return 0;
  if (magnitude >= 10) return 1;
  if (magnitude >= 1) return 2;
  return 3;
}

/**
 * The most fraction digits a value is shown with. No sensor in a home measures finer, nobody reads a
 * seventh digit on a wall, and Intl throws a RangeError above 100 (20 in older engines).
 */
export const MAX_DISPLAY_DECIMALS = 6;

export interface NumberOptions {
  /**
   * `false`: round to the decimals but drop trailing zeros. A chart's axis labels show the digits
   * their step needs ("50 %", "52.5 %"), not the precision the capability claims.
   */
  pad?: boolean;
}

/**
 * A number in the locale, rounded (half away from zero, by Intl) to `decimals` and padded to it:
 * a capability that says 2 decimals shows 21.50, because that is the precision it claims. A claim of
 * more than MAX_DISPLAY_DECIMALS is no precision anyone measures (`decimals: 100` was seen in a
 * test of hostile input): the value is rounded to that many digits and not padded, so 19.3 reads "19.3".
 */
export function formatNumber(value: number, locale: string, decimals?: number | null, options: NumberOptions = {}): string {
  if (!Number.isFinite(value)) return NO_VALUE;
  const claimed = typeof decimals === 'number' && Number.isFinite(decimals) && decimals >= 0 ? Math.round(decimals) : undefined;
  const padded = claimed !== undefined && claimed <= MAX_DISPLAY_DECIMALS && options.pad !== false;
  const digits = claimed === undefined ? defaultMaxFraction(value) : Math.min(MAX_DISPLAY_DECIMALS, claimed);
  // A value that rounds to zero reads "0", not "-0.0".
  const shown = Math.abs(value) < 0.5 * 10 ** -digits ? 0 : value;
  return numberFormat(locale, padded ? digits : 0, digits).format(shown);
}

export const ELLIPSIS = '…';

/**
 * At most `max` characters of `text`, ending in an ellipsis when it was cut: a tile shows the start
 * of a long text (a capability can hold a megabyte), the device page the whole. Never cuts an emoji
 * or another character outside the BMP in half.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - ELLIPSIS.length);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/**
 * homey-lib's system capabilities that hold a 0–1 fraction shown as a percentage (units "%",
 * max 1). Listed because older firmware sends some of them without units: every `volume_set` in
 * the 2018–2020 captures (com.groups, Homey.Net) has `units: null`, `max: 1`. format.test.ts checks
 * this list against homey-lib.
 */
export const UNIT_INTERVAL_PERCENT_CAPABILITIES: ReadonlySet<string> = new Set([
  'dim',
  'fan_speed',
  'power_level',
  'pump_setpoint',
  'target_humidity',
  'target_humidity_max',
  'target_humidity_min',
  'valve_position',
  'volume_set',
  'windowcoverings_set',
  'windowcoverings_tilt_set',
]);

/**
 * `dim`, `volume_set`, `windowcoverings_set` and friends carry `units: "%"` with a 0–1 range
 * (homey-lib definitions; the "percentage trap" in the homey-mcp sample): 0.42 means 42 %. A
 * 0–100 or 0–50 "%" (an app's `target_humidity`, sparegris) is not scaled.
 */
export function isUnitIntervalPercent(cap: Pick<FormattableCapability, 'id' | 'units' | 'min' | 'max'>): boolean {
  if (cap.max !== 1 || (cap.min !== undefined && cap.min !== 0)) return false;
  if (cap.units === '%') return true;
  const base = cap.id?.split('.', 1)[0];
  return (cap.units === null || cap.units === undefined || cap.units === '') && base !== undefined && UNIT_INTERVAL_PERCENT_CAPABILITIES.has(base);
}

function joinUnits(value: string, units: string): string {
  if (units === '') return value;
  // Units that bring their own spacing (" days", seen in sparegris) or a bare degree sign (angles).
  if (/^\s/.test(units) || units === '°') return `${value}${units}`;
  return `${value}${NBSP}${units}`;
}

function result(value: string, units: string): FormattedValue {
  return { text: joinUnits(value, units), value, units };
}

// homey-lib's colour capabilities are 0–1 numbers without units: a hue is a fraction of the colour
// wheel, saturation and colour temperature fractions of their range (homey-lib definitions); the colour
// controls show them as degrees and percentages, and a session that may only read sees the same.
const COLOUR_PERCENT_CAPABILITIES: ReadonlySet<string> = new Set(['light_saturation', 'light_temperature']);

function colourValue(cap: FormattableCapability, value: number, locale: string): FormattedValue | undefined {
  if (cap.units !== null && cap.units !== undefined && cap.units !== '') return undefined;
  const base = cap.id?.split('.', 1)[0];
  if (base === 'light_hue') return result(formatNumber(value * 360, locale, 0), '°');
  if (base !== undefined && COLOUR_PERCENT_CAPABILITIES.has(base)) return result(formatNumber(value * 100, locale, 0), '%');
  return undefined;
}

/**
 * A capability's value as text: see FormattedValue. `null` (never reported) reads "—" without units:
 * "—W" would suggest a reading where there is none.
 */
export function formatCapabilityValue(cap: FormattableCapability, locale: string, options: NumberOptions = {}): FormattedValue {
  const units = cap.units ?? '';
  const { value } = cap;
  if (value === null || value === undefined) return { text: NO_VALUE, value: NO_VALUE, units: '' };
  if (typeof value === 'boolean') return result(booleanTitle(cap, value, locale), '');
  if (typeof value === 'number') {
    const colour = colourValue(cap, value, locale);
    if (colour) return colour;
    if (isUnitIntervalPercent(cap)) {
      // The capability's decimals describe the 0–1 value: 2 decimals of a fraction are whole percents.
      const decimals = typeof cap.decimals === 'number' ? Math.max(0, cap.decimals - 2) : 0;
      return result(formatNumber(value * 100, locale, decimals, options), '%');
    }
    return result(formatNumber(value, locale, cap.decimals, options), units);
  }
  if (typeof value === 'string') {
    // An empty text (sparegris: a Tesla's `charging_port_cable` with no cable) would leave a blank tile.
    if (value.trim() === '') return { text: NO_VALUE, value: NO_VALUE, units: '' };
    if (cap.type === 'enum') {
      const title = cap.values?.find((v) => v.id === value)?.title;
      return result(title ?? value, '');
    }
    return result(value, units);
  }
  // Not something a Homey sends for a capability; shown rather than hidden so it can be reported.
  return result(String(value), units);
}

/**
 * A boolean as the device words it ("Motion"/"No motion"), else an alarm's own kind of words
 * (Open/Closed, Motion/No motion, Alarm/OK), else a localized On/Off.
 */
export function booleanTitle(cap: Pick<FormattableCapability, 'titleTrue' | 'titleFalse' | 'id'>, value: boolean, locale: string): string {
  const own = value ? cap.titleTrue : cap.titleFalse;
  if (typeof own === 'string' && own !== '') return own;
  const base = cap.id?.split('.')[0] ?? '';
  const alarm = ALARM_WORDS[base] ?? (base.startsWith('alarm_') ? ALARM_WORDS.alarm : undefined);
  if (alarm) {
    const [yes, no] = alarm[language(locale)] ?? alarm.en ?? ['Alarm', 'OK'];
    return value ? yes : no;
  }
  const [on, off] = ON_OFF[language(locale)] ?? ON_OFF.en ?? ['On', 'Off'];
  return value ? on : off;
}

// ---------------------------------------------------------------- time

const unitFormats = new Map<string, Intl.NumberFormat>();

function unitFormat(locale: string, unit: 'second' | 'minute' | 'hour' | 'day'): Intl.NumberFormat {
  const key = `${locale}|${unit}`;
  let format = unitFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(safeLocale(locale), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 0 });
    unitFormats.set(key, format);
  }
  return format;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How old something is, short and localized: "12 sec", "3 min", "2 hr", "4 days" (en), "3 Std." (de).
 * Counted down (59.9 s is "59 sec"): an age should never look younger than it is. Ages from a
 * clock that runs ahead of the Homey's (negative) read as 0 s.
 */
export function formatAge(ms: number, locale: string): string {
  const age = Number.isFinite(ms) ? Math.max(0, ms) : 0;
  if (age < MINUTE) return unitFormat(locale, 'second').format(Math.floor(age / SECOND));
  if (age < HOUR) return unitFormat(locale, 'minute').format(Math.floor(age / MINUTE));
  if (age < 2 * DAY) return unitFormat(locale, 'hour').format(Math.floor(age / HOUR));
  return unitFormat(locale, 'day').format(Math.floor(age / DAY));
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

export interface TimeOptions {
  /** IANA zone; the browser's own by default. Tests pass one to be deterministic. */
  timeZone?: string;
  seconds?: boolean;
  /** Include the date ("13 Aug, 14:02"): for chart tooltips over more than a day. */
  date?: boolean;
}

/** A clock time in the locale ("14:02" in nl/de, "2:02 PM" in en-US). Invalid input reads "—". */
export function formatTime(input: Date | number | string, locale: string, options: TimeOptions = {}): string {
  const time = input instanceof Date ? input.getTime() : typeof input === 'number' ? input : Date.parse(input);
  if (!Number.isFinite(time)) return NO_VALUE;
  const key = `${locale}|${options.timeZone ?? ''}|${options.seconds ? 's' : ''}|${options.date ? 'd' : ''}`;
  let format = timeFormats.get(key);
  if (!format) {
    const parts: Intl.DateTimeFormatOptions = {
      hour: 'numeric',
      minute: '2-digit',
      ...(options.seconds ? { second: '2-digit' } : {}),
      ...(options.date ? { day: 'numeric', month: 'short' } : {}),
    };
    try {
      format = new Intl.DateTimeFormat(safeLocale(locale), { ...parts, timeZone: options.timeZone });
    } catch {
      // An unknown time zone in the settings: the device's own zone beats a blank clock.
      format = new Intl.DateTimeFormat(safeLocale(locale), parts);
    }
    timeFormats.set(key, format);
  }
  return format.format(time);
}
