import { describe, expect, it } from 'vitest';
import {
  booleanTitle,
  formatAge,
  formatCapabilityValue,
  formatNumber,
  formatTime,
  isUnitIntervalPercent,
  NO_VALUE,
  truncateText,
  UNIT_INTERVAL_PERCENT_CAPABILITIES,
} from './format.ts';

const NBSP = '\u00a0';

describe('formatCapabilityValue: numbers', () => {
  it('rounds to the capability decimals and keeps the precision it claims', () => {
    const cap = { type: 'number', value: 21.5, units: '°C', decimals: 2 };
    expect(formatCapabilityValue(cap, 'en')).toEqual({ text: `21.50${NBSP}°C`, value: '21.50', units: '°C' });
  });

  it('rounds instead of truncating, including the cases binary floats get wrong', () => {
    expect(formatCapabilityValue({ value: 17.96, units: '°C', decimals: 1 }, 'en').value).toBe('18.0');
    expect(formatCapabilityValue({ value: 2.675, units: '', decimals: 2 }, 'en').value).toBe('2.68');
    expect(formatCapabilityValue({ value: 0.25, units: '', decimals: 1 }, 'en').value).toBe('0.3');
    expect(formatCapabilityValue({ value: -3.45, units: '°C', decimals: 1 }, 'en').value).toBe('-3.5');
    expect(formatCapabilityValue({ value: 1234.5, units: 'W', decimals: 0 }, 'en').value).toBe('1,235');
  });

  it('writes a decimal comma in nl and de, a point in en', () => {
    const cap = { value: 1234.567, units: 'kWh', decimals: 2 };
    expect(formatCapabilityValue(cap, 'en').value).toBe('1,234.57');
    expect(formatCapabilityValue(cap, 'nl').value).toBe('1.234,57');
    expect(formatCapabilityValue(cap, 'de').value).toBe('1.234,57');
    expect(formatCapabilityValue(cap, 'de-DE').text).toBe(`1.234,57${NBSP}kWh`);
  });

  it('never shows a negative zero', () => {
    expect(formatCapabilityValue({ value: -0.04, units: '°C', decimals: 1 }, 'en').value).toBe('0.0');
    expect(formatNumber(-0.0001, 'en', null)).toBe('0');
  });

  it('shows at most 6 decimals, and pads only a precision a sensor could have', () => {
    expect(formatNumber(19.3, 'en', 100)).toBe('19.3');
    expect(formatNumber(19.3, 'nl', 21)).toBe('19,3');
    expect(formatNumber(1 / 3, 'en', 100)).toBe('0.333333');
    expect(formatNumber(19.3, 'en', 6)).toBe('19.300000');
    expect(formatCapabilityValue({ value: 19.3, units: '°C', decimals: 100 }, 'en').text).toBe(`19.3${NBSP}°C`);
    expect(formatCapabilityValue({ id: 'dim', value: 0.5, units: '%', max: 1, decimals: 100 }, 'en').text).toBe(`50${NBSP}%`);
  });

  it('picks fraction digits by magnitude when decimals is absent or null, without padding', () => {
    expect(formatNumber(1234.56, 'en', null)).toBe('1,235');
    expect(formatNumber(21.37, 'en', undefined)).toBe('21.4');
    expect(formatNumber(3.14159, 'en', null)).toBe('3.14');
    expect(formatNumber(0.012345, 'en', null)).toBe('0.012');
    expect(formatNumber(20, 'en', null)).toBe('20');
    expect(formatNumber(-4.5, 'nl', null)).toBe('-4,5');
  });

  it('keeps units exactly as the device sent them', () => {
    for (const units of ['°C', '℃', 'C', '°F', 'KWh', 'kWh', 'µS/cm', 'm³', 'RSSI', 'kr', '¤']) {
      const out = formatCapabilityValue({ value: 5, units, decimals: 0 }, 'en');
      expect(out.units).toBe(units);
      expect(out.text).toBe(`5${NBSP}${units}`);
    }
  });

  it('lets units that bring their own space, and bare degrees, sit against the number', () => {
    expect(formatCapabilityValue({ value: 3, units: ' days', decimals: 0 }, 'en').text).toBe('3 days');
    expect(formatCapabilityValue({ value: 270, units: '°', decimals: 0 }, 'en').text).toBe('270°');
    expect(formatCapabilityValue({ value: 7, units: '', decimals: 0 }, 'en').text).toBe('7');
    expect(formatCapabilityValue({ value: 7, units: null, decimals: 0 }, 'en').text).toBe('7');
  });
});

describe('formatCapabilityValue: 0–1 percentages', () => {
  it('shows dim, volume_set and windowcoverings_set (units %, max 1) as 0–100 %', () => {
    expect(formatCapabilityValue({ id: 'dim', value: 0.42, units: '%', min: 0, max: 1, decimals: 2 }, 'en')).toEqual({
      text: `42${NBSP}%`,
      value: '42',
      units: '%',
    });
    expect(formatCapabilityValue({ id: 'volume_set', value: 1, units: '%', min: 0, max: 1, decimals: 2 }, 'nl').value).toBe('100');
    expect(formatCapabilityValue({ id: 'windowcoverings_set', value: 0, units: '%', max: 1 }, 'en').value).toBe('0');
    expect(formatCapabilityValue({ id: 'dim', value: 0.425, units: '%', max: 1, decimals: 3 }, 'de').value).toBe('42,5');
  });

  it('shows a 0–1 system capability sent without units (volume_set on 2018–2020 firmware) as % too', () => {
    expect(formatCapabilityValue({ id: 'volume_set', value: 0.83, units: null, min: 0, max: 1, decimals: 2 }, 'en')).toEqual({
      text: `83${NBSP}%`,
      value: '83',
      units: '%',
    });
    // An app capability without units is not guessed at.
    expect(formatCapabilityValue({ id: 'my_level', value: 0.83, units: null, min: 0, max: 1, decimals: 2 }, 'en').text).toBe('0.83');
  });

  it('lists exactly the 0–1 "%" capabilities homey-lib defines', () => {
    const defs = import.meta.glob<{ units?: string | Record<string, string>; max?: number }>(
      '../../node_modules/homey-lib/assets/capability/capabilities/*.json',
      { eager: true, import: 'default' },
    );
    const fromLib = Object.entries(defs)
      .filter(([, d]) => (typeof d.units === 'string' ? d.units : d.units?.en) === '%' && d.max === 1)
      .map(([path]) => path.replace(/^.*\/(.+)\.json$/, '$1'))
      .sort();
    expect(fromLib.length).toBeGreaterThan(5);
    expect([...UNIT_INTERVAL_PERCENT_CAPABILITIES].sort()).toEqual(fromLib);
  });

  it('leaves 0–100 percentages alone', () => {
    expect(formatCapabilityValue({ id: 'measure_humidity', value: 42, units: '%', max: 100, decimals: 0 }, 'en').value).toBe('42');
    expect(formatCapabilityValue({ id: 'measure_battery', value: 87, units: '%', decimals: null }, 'en').value).toBe('87');
    expect(isUnitIntervalPercent({ units: '%', min: -1, max: 1 })).toBe(false);
    // sparegris: an app's target_humidity is 0–50 %.
    expect(formatCapabilityValue({ id: 'target_humidity', value: 40, units: '%', min: 0, max: 50, decimals: 0 }, 'en').value).toBe('40');
  });
});

describe('formatCapabilityValue: colour', () => {
  // homey-lib: light_hue, light_saturation and light_temperature are 0–1 numbers without units; the
  // colour controls show them as degrees and percentages, and a session that may only read must too.
  it('reads a hue in degrees and saturation and colour temperature as percentages', () => {
    expect(formatCapabilityValue({ id: 'light_hue', type: 'number', value: 0.08, units: null, min: 0, max: 1, decimals: 2 }, 'en').text).toBe('29°');
    expect(formatCapabilityValue({ id: 'light_saturation', type: 'number', value: 0.65, units: null, min: 0, max: 1, decimals: 2 }, 'en').text).toBe(`65${NBSP}%`);
    expect(formatCapabilityValue({ id: 'light_temperature', type: 'number', value: 0.3, units: null, min: 0, max: 1, decimals: 2 }, 'en').text).toBe(`30${NBSP}%`);
    expect(formatCapabilityValue({ id: 'light_hue.2', type: 'number', value: 1, units: null, min: 0, max: 1 }, 'en').text).toBe('360°');
  });
});

describe('formatCapabilityValue: booleans, enums, strings, null', () => {
  it('uses titleTrue/titleFalse when the device has them', () => {
    const cap = { type: 'boolean', value: true, titleTrue: 'Beweging', titleFalse: 'Geen beweging', units: null };
    expect(formatCapabilityValue(cap, 'nl')).toEqual({ text: 'Beweging', value: 'Beweging', units: '' });
    expect(formatCapabilityValue({ ...cap, value: false }, 'en').text).toBe('Geen beweging');
  });

  it('falls back to a localized On/Off', () => {
    expect(formatCapabilityValue({ type: 'boolean', value: true }, 'en').text).toBe('On');
    expect(formatCapabilityValue({ type: 'boolean', value: false }, 'en-GB').text).toBe('Off');
    expect(formatCapabilityValue({ type: 'boolean', value: true }, 'nl-NL').text).toBe('Aan');
    expect(formatCapabilityValue({ type: 'boolean', value: false }, 'de').text).toBe('Aus');
    expect(formatCapabilityValue({ type: 'boolean', value: true, titleTrue: '' }, 'de').text).toBe('Ein');
    expect(booleanTitle({}, true, 'sv')).toBe('On');
  });

  it('words an alarm as its kind does when the device sends no words of its own', () => {
    expect(booleanTitle({ id: 'alarm_contact' }, true, 'en')).toBe('Open');
    expect(booleanTitle({ id: 'alarm_contact.window' }, false, 'nl')).toBe('Dicht');
    expect(booleanTitle({ id: 'alarm_motion' }, true, 'en')).toBe('Motion');
    expect(booleanTitle({ id: 'alarm_motion' }, false, 'de')).toBe('Keine Bewegung');
    expect(booleanTitle({ id: 'alarm_smoke' }, true, 'en')).toBe('Alarm');
    expect(booleanTitle({ id: 'alarm_water' }, false, 'en')).toBe('OK');
    expect(booleanTitle({ id: 'alarm_contact', titleTrue: 'Ajar' }, true, 'en')).toBe('Ajar');
    expect(booleanTitle({ id: 'onoff' }, true, 'en')).toBe('On');
  });

  it('shows enums by the title of their value, and unknown ids as sent', () => {
    const cap = { type: 'enum', value: 'heat', values: [{ id: 'auto', title: 'Automatisch' }, { id: 'heat', title: 'Verwarmen' }] };
    expect(formatCapabilityValue(cap, 'nl').text).toBe('Verwarmen');
    expect(formatCapabilityValue({ ...cap, value: 'eco' }, 'nl').text).toBe('eco');
    expect(formatCapabilityValue({ ...cap, values: undefined }, 'nl').text).toBe('heat');
  });

  it('shows strings as they are, and a number sent as text untouched', () => {
    expect(formatCapabilityValue({ type: 'string', value: 'Kind of Blue' }, 'en').text).toBe('Kind of Blue');
    expect(formatCapabilityValue({ type: 'number', value: '12.345', units: 'W' }, 'en').text).toBe(`12.345${NBSP}W`);
  });

  it('shows null (never reported) as a bare dash, without units', () => {
    // A never-reported value reads "—", not "—°C": there is no reading for the unit to belong to.
    expect(formatCapabilityValue({ type: 'number', value: null, units: '°C', decimals: 1 }, 'en')).toEqual({ text: NO_VALUE, value: NO_VALUE, units: '' });
    expect(formatCapabilityValue({ type: 'number', value: null, units: 'W', decimals: 0 }, 'en').text).toBe(NO_VALUE);
    expect(formatCapabilityValue({ type: 'boolean', value: null }, 'en').text).toBe('—');
    expect(formatCapabilityValue({ type: 'enum', value: undefined }, 'en').text).toBe('—');
    expect(formatCapabilityValue({ type: 'string', value: '' }, 'en').text).toBe('—');
    expect(formatCapabilityValue({ type: 'string', value: '  ' }, 'en').text).toBe('—');
  });
});

describe('hostile strings pass through as text', () => {
  const hostile = [
    '<img src=x onerror=alert(1)>',
    '</span><script>alert("x")</script>',
    '\u202Egnp.exe\u202C',
    '\u200F\u0645\u0631\u062D\u0628\u0627\u200E',
    '&amp; &lt;b&gt;',
    'x'.repeat(10_240),
  ];

  it('in units, titles and enum titles, unchanged', () => {
    for (const s of hostile) {
      const number = formatCapabilityValue({ value: 1, units: s, decimals: 0 }, 'en');
      expect(number.units).toBe(s);
      expect(number.text.endsWith(s)).toBe(true);
      expect(formatCapabilityValue({ type: 'boolean', value: true, titleTrue: s }, 'en').text).toBe(s);
      expect(formatCapabilityValue({ type: 'enum', value: 'a', values: [{ id: 'a', title: s }] }, 'en').text).toBe(s);
      expect(formatCapabilityValue({ type: 'string', value: s }, 'en').value).toBe(s);
    }
  });

  it('a malformed locale falls back instead of throwing', () => {
    expect(formatCapabilityValue({ value: 1.5, decimals: 1 }, '<script>').value).toBe('1.5');
    expect(formatAge(5000, 'not a locale!')).toMatch(/5/);
    expect(formatTime(0, '', { timeZone: 'Mars/Olympus' })).not.toBe('');
  });
});

describe('formatAge', () => {
  it('says seconds, minutes, hours, days, counted down', () => {
    expect(formatAge(12_000, 'en')).toBe('12 sec');
    expect(formatAge(59_999, 'en')).toBe('59 sec');
    expect(formatAge(3 * 60_000 + 59_000, 'en')).toBe('3 min');
    expect(formatAge(2 * 3_600_000 + 1, 'en')).toBe('2 hr');
    expect(formatAge(30 * 3_600_000, 'en')).toBe('30 hr');
    expect(formatAge(3 * 86_400_000, 'en')).toBe('3 days');
  });

  it('is localized', () => {
    expect(formatAge(3 * 60_000, 'nl')).toBe('3 min');
    expect(formatAge(2 * 3_600_000, 'nl')).toBe('2 uur');
    expect(formatAge(12_000, 'de')).toBe('12 Sek.');
  });

  it('reads a negative age (clock ahead) or nonsense as 0', () => {
    expect(formatAge(-5000, 'en')).toBe('0 sec');
    expect(formatAge(Number.NaN, 'en')).toBe('0 sec');
  });
});

describe('formatTime', () => {
  const t = Date.UTC(2024, 0, 1, 14, 2, 9);

  it('formats in the locale and the given time zone', () => {
    expect(formatTime(t, 'nl', { timeZone: 'UTC' })).toBe('14:02');
    expect(formatTime(t, 'de', { timeZone: 'Europe/Berlin' })).toBe('15:02');
    expect(formatTime(t, 'en-US', { timeZone: 'UTC' })).toMatch(/^2:02\sPM$/);
    expect(formatTime(new Date(t), 'nl', { timeZone: 'UTC', seconds: true })).toBe('14:02:09');
    expect(formatTime('2024-01-01T14:02:09.000Z', 'nl', { timeZone: 'UTC', date: true })).toMatch(/1 jan.*14:02/);
  });

  it('shows a dash for a time it cannot read', () => {
    expect(formatTime('yesterday-ish', 'en')).toBe(NO_VALUE);
  });
});

describe('truncateText', () => {
  it('leaves a text that fits as it is', () => {
    expect(truncateText('Welcome home', 12)).toBe('Welcome home');
  });

  it('cuts a long text to the length asked, ellipsis included', () => {
    const megabyte = 'The bins go out on Tuesday. '.repeat(40_000);
    const cut = truncateText(megabyte, 120);
    expect(cut.length).toBeLessThanOrEqual(120);
    expect(cut.endsWith('…')).toBe(true);
    expect(megabyte.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it('never leaves half an emoji before the ellipsis', () => {
    expect(truncateText('ab😀cd', 4)).toBe('ab…');
    expect(truncateText('abc😀de', 6)).toBe('abc😀…');
  });
});

