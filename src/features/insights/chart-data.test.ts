import { describe, expect, it } from 'vitest';
import { booleanSteps, chartRows, formatChartValue, formatTick, formatValueTick, tickStep, nearestRow, pointBudget, steadyTimeDomain, timeDomain, timeTicks, valueAxis, valueAxisWidth, valueDomain } from './chart-data.ts';
import type { EntriesLike } from './chart-data.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 7, 12, 8, 0);

describe('booleanSteps', () => {
  const window = { start: T0, end: T0 + DAY, lastValue: false };

  it('holds each state until the next change and the last one until now', () => {
    const entries: EntriesLike = {
      ...window,
      values: [
        { t: T0 + HOUR, v: 1 },
        { t: T0 + 2 * HOUR, v: 0 },
      ],
    };
    expect(booleanSteps(entries, T0 + 5 * HOUR)).toEqual([
      // Before the first change point the state was the opposite of what it changed to.
      { t: T0, v: 0 },
      { t: T0 + HOUR, v: 1 },
      { t: T0 + 2 * HOUR, v: 0 },
      { t: T0 + 5 * HOUR, v: 0 },
    ]);
  });

  it('never runs past the window', () => {
    const entries: EntriesLike = { ...window, values: [{ t: T0 + HOUR, v: 1 }] };
    expect(booleanSteps(entries, T0 + 3 * DAY).at(-1)).toEqual({ t: T0 + DAY, v: 1 });
  });

  it('draws the last value all along when nothing changed in the window', () => {
    expect(booleanSteps({ ...window, values: [], lastValue: true }, T0 + DAY)).toEqual([
      { t: T0, v: 1 },
      { t: T0 + DAY, v: 1 },
    ]);
    // A v2 log reports its last value as 0/1.
    expect(booleanSteps({ ...window, values: [], lastValue: 0 }, T0 + DAY).map((p) => p.v)).toEqual([0, 0]);
    expect(booleanSteps({ ...window, values: [], lastValue: null }, T0 + DAY)).toEqual([]);
  });

  it('ignores unreadable change points', () => {
    const entries: EntriesLike = { ...window, values: [{ t: T0 + HOUR, v: null }, { t: T0 + 2 * HOUR, v: 1 }] };
    expect(booleanSteps(entries, T0 + DAY).map((p) => p.v)).toEqual([0, 1, 1]);
  });
});

describe('chartRows', () => {
  const step = 5 * MINUTE;
  const series = (n: number, value: (i: number) => number | null) => Array.from({ length: n }, (_, i) => ({ t: T0 + i * step, v: value(i) }));

  it('keeps an outage as a gap (null), never a zero, through thinning', () => {
    // A day of 5-minute buckets with a two-hour outage and the newest bucket still filling.
    const values = series(288, (i) => (i >= 100 && i < 124) || i === 287 ? null : 20 + Math.sin(i / 10));
    const rows = chartRows({ values, start: T0, end: T0 + DAY, lastValue: 20 }, { boolean: false, target: 100, now: T0 + DAY });
    expect(rows.length).toBeLessThanOrEqual(100);
    expect(rows.some((p) => p.v === 0)).toBe(false);
    const gap = rows.findIndex((p) => p.v === null);
    expect((rows[gap]!.t - T0) / step).toBe(100);
    expect(rows[gap - 1]!.v).not.toBeNull();
    expect(rows[gap + 1]!.t - T0).toBeGreaterThanOrEqual(124 * step);
  });

  it('joins buckets finer than the device reports, so a line is drawn, not dots', () => {
    // lastHour: 5-second buckets, a thermometer reporting once a minute.
    const values = Array.from({ length: 720 }, (_, i) => ({ t: T0 + i * 5_000, v: i % 12 === 0 ? 21 + i / 720 : null }));
    const rows = chartRows({ values, start: T0, end: T0 + HOUR, lastValue: 22 }, { boolean: false, target: 1_000, now: T0 + HOUR });
    const reported = rows.filter((p) => p.v !== null);
    expect(reported).toHaveLength(60);
    // Between the first and the last report, nothing breaks the line (the 11 empty buckets after
    // the last report are the minute still running).
    expect(rows.slice(0, 60)).toEqual(reported);
  });

  it('steps booleans before thinning them', () => {
    const values = [{ t: T0 + HOUR, v: 1 }];
    expect(chartRows({ values, start: T0, end: T0 + DAY, lastValue: true }, { boolean: true, target: 100, now: T0 + 2 * HOUR })).toEqual([
      { t: T0, v: 0 },
      { t: T0 + HOUR, v: 1 },
      { t: T0 + 2 * HOUR, v: 1 },
    ]);
  });
});

describe('pointBudget', () => {
  it('is about a point per pixel, a bar every three pixels, never below 2', () => {
    expect(pointBudget('line', 600)).toBe(600);
    expect(pointBudget('area', 450.7)).toBe(450);
    expect(pointBudget('bar', 600)).toBe(200);
    expect(pointBudget('scatter', 1)).toBe(2);
    expect(pointBudget('line', Number.NaN)).toBe(600);
  });
});

describe('timeDomain', () => {
  it('spans the window the Homey names, else the data', () => {
    expect(timeDomain({ start: T0, end: T0 + DAY }, [])).toEqual([T0, T0 + DAY]);
    expect(timeDomain({ start: null, end: null }, [{ t: T0, v: 1 }, { t: T0 + HOUR, v: 2 }])).toEqual([T0, T0 + HOUR]);
    expect(timeDomain({ start: null, end: null }, [])).toBeUndefined();
  });
});

describe('timeTicks', () => {
  it('puts hour ticks on whole local hours, at most as many as asked', () => {
    const start = T0 + 7 * MINUTE;
    const { ticks, unit } = timeTicks(start, start + DAY, 6);
    expect(unit).toBe('hour');
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.length).toBeLessThanOrEqual(6);
    for (const t of ticks) {
      expect(new Date(t).getMinutes()).toBe(0);
      expect(new Date(t).getHours() % 6).toBe(0);
      expect(t).toBeGreaterThanOrEqual(start);
      expect(t).toBeLessThanOrEqual(start + DAY);
    }
  });

  it('puts minute ticks on round minutes for the last hour', () => {
    const start = T0 + 2 * MINUTE + 1_234;
    const { ticks, unit } = timeTicks(start, start + HOUR, 5);
    expect(unit).toBe('minute');
    expect(ticks.every((t) => new Date(t).getMinutes() % 15 === 0 && new Date(t).getSeconds() === 0)).toBe(true);
  });

  it('puts day ticks on local midnights and month ticks on the first of the month', () => {
    const week = timeTicks(T0, T0 + 7 * DAY, 8);
    expect(week.unit).toBe('day');
    expect(week.ticks.every((t) => new Date(t).getHours() === 0 && new Date(t).getMinutes() === 0)).toBe(true);
    const year = timeTicks(Date.UTC(2026, 0, 1), Date.UTC(2026, 11, 31), 6);
    expect(year.unit).toBe('month');
    expect(year.ticks.length).toBeLessThanOrEqual(6);
    expect(year.ticks.every((t) => new Date(t).getDate() === 1 && new Date(t).getHours() === 0)).toBe(true);
  });

  it('has nothing to say about an empty span', () => {
    expect(timeTicks(T0, T0, 5).ticks).toEqual([]);
  });
});

describe('formatTick', () => {
  it('reads in the locale: hours as clock times, days with their month, months by name', () => {
    const t = new Date(2026, 7, 13, 14, 0).getTime();
    expect(formatTick(t, 'hour', 'nl')).toBe('14:00');
    expect(formatTick(t, 'hour', 'en-US')).toBe('2:00 PM');
    expect(formatTick(t, 'day', 'de')).toBe('13. Aug.');
    expect(formatTick(t, 'month', 'en')).toBe('Aug');
    expect(formatTick(Number.NaN, 'hour', 'en')).toBe('');
  });
});

describe('formatChartValue', () => {
  it('uses the capability’s units and decimals in the locale', () => {
    expect(formatChartValue(0.2874, { units: '€/kWh', decimals: 3 }, 'nl', false)).toBe('0,287\u00a0€/kWh');
    expect(formatChartValue(1564, { units: 'W', decimals: 0 }, 'en', false)).toBe('1,564\u00a0W');
    expect(formatChartValue(21.456, { units: '°C', decimals: 1 }, 'de', false)).toBe('21,5\u00a0°C');
    expect(formatChartValue(-66, { units: 'RSSI', decimals: 0 }, 'en', false)).toBe('-66\u00a0RSSI');
  });

  it('shows a 0–1 "%" capability as a percentage', () => {
    expect(formatChartValue(0.42, { id: 'dim', units: '%', decimals: 2, min: 0, max: 1 }, 'en', false)).toBe('42\u00a0%');
  });

  it('labels a boolean axis with the device’s own titles, else a localized On/Off', () => {
    const titles = { units: null, decimals: null, titleTrue: 'Beweging', titleFalse: 'Geen beweging' };
    expect(formatChartValue(1, titles, 'nl', true)).toBe('Beweging');
    expect(formatChartValue(0, titles, 'nl', true)).toBe('Geen beweging');
    expect(formatChartValue(1, { units: null, decimals: null }, 'de', true)).toBe('Ein');
    expect(formatChartValue(0, { units: null, decimals: null }, 'en', true)).toBe('Off');
  });

  it('keeps markup in units and titles as plain text', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    expect(formatChartValue(3, { units: hostile, decimals: 0 }, 'en', false)).toBe(`3\u00a0${hostile}`);
    expect(formatChartValue(1, { units: null, decimals: null, titleTrue: hostile }, 'en', true)).toBe(hostile);
  });

  it('says "—" for a gap', () => {
    expect(formatChartValue(null, { units: 'W', decimals: 0 }, 'en', false)).toBe('—');
  });
});

describe('valueDomain', () => {
  const rows = (...vs: (number | null)[]) => vs.map((v, i) => ({ t: T0 + i * MINUTE, v }));

  it('is 0–1 for a boolean', () => {
    expect(valueDomain({ units: null, decimals: null }, rows(1, 0), true, 'line')).toEqual([0, 1]);
  });

  it('uses the capability’s own range when the data stays inside it', () => {
    expect(valueDomain({ units: '%', decimals: 0, min: 0, max: 100 }, rows(35, 80), false, 'area')).toEqual([0, 100]);
    // A value outside the declared range (apps do that) must not be clipped away.
    expect(valueDomain({ units: '%', decimals: 0, min: 0, max: 100 }, rows(35, 180), false, 'line')).toEqual(['auto', 'auto']);
  });

  it('stands columns and areas on zero, lets lines zoom in', () => {
    expect(valueDomain({ units: '€', decimals: 2 }, rows(2.4, null, 3.1), false, 'bar')).toEqual([0, 'auto']);
    expect(valueDomain({ units: 'RSSI', decimals: 0 }, rows(-80, -55), false, 'area')).toEqual(['auto', 0]);
    expect(valueDomain({ units: '°C', decimals: 1 }, rows(19.2, 21.5), false, 'line')).toEqual(['auto', 'auto']);
    expect(valueDomain({ units: '°C', decimals: 1 }, rows(null, null), false, 'bar')).toEqual(['auto', 'auto']);
  });
});

describe('valueAxis', () => {
  const rows = (...vs: (number | null)[]) => vs.map((v, i) => ({ t: T0 + i * MINUTE, v }));
  const celsius = { units: '°C', decimals: 1 };

  it('rounds a line’s ends outward to nice ticks that hold every value', () => {
    const axis = valueAxis(celsius, rows(19.2, null, 21.5), false, 'line');
    expect(axis.domain[0]).toBeLessThanOrEqual(19.2);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(21.5);
    expect(axis.ticks[0]).toBe(axis.domain[0]);
    expect(axis.ticks[axis.ticks.length - 1]).toBe(axis.domain[1]);
    expect(axis.ticks.length).toBeGreaterThanOrEqual(3);
    expect(axis.ticks.length).toBeLessThanOrEqual(7);
    // Evenly spaced.
    const steps = axis.ticks.slice(1).map((tick, i) => tick - axis.ticks[i]!);
    for (const step of steps) expect(step).toBeCloseTo(steps[0]!, 9);
  });

  it('keeps the fixed ends valueDomain chose: a capability’s own range, zero under columns and areas', () => {
    expect(valueAxis({ units: '%', decimals: 0, min: 0, max: 100 }, rows(35, 80), false, 'area')).toEqual({ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] });
    const bars = valueAxis({ units: '€', decimals: 2 }, rows(2.4, 3.1), false, 'bar');
    expect(bars.domain[0]).toBe(0);
    expect(bars.domain[1]).toBeGreaterThanOrEqual(3.1);
    const below = valueAxis({ units: 'dBm', decimals: 0 }, rows(-80, -55), false, 'area');
    expect(below.domain[1]).toBe(0);
    expect(below.domain[0]).toBeLessThanOrEqual(-80);
  });

  it('is two-state for a boolean', () => {
    expect(valueAxis({ units: null, decimals: null }, rows(0, 1, 0), true, 'line')).toEqual({ domain: [0, 1], ticks: [0, 1] });
  });

  it('gives a flat series room around its value, and one with no values an axis all the same', () => {
    const flat = valueAxis(celsius, rows(20, 20, 20), false, 'line');
    expect(flat.domain[0]).toBeLessThan(20);
    expect(flat.domain[1]).toBeGreaterThan(20);
    const zero = valueAxis({ units: 'W', decimals: 0 }, rows(0, 0), false, 'bar');
    expect(zero.domain[0]).toBe(0);
    expect(zero.domain[1]).toBeGreaterThan(0);
    expect(valueAxis(celsius, rows(null, null), false, 'line').ticks.length).toBeGreaterThan(1);
  });

  it('labels a capability without decimals with whole numbers only', () => {
    const axis = valueAxis({ units: 'W', decimals: 0 }, rows(0.2, 0.4), false, 'line');
    expect(axis.ticks.length).toBeGreaterThanOrEqual(2);
    for (const tick of axis.ticks) expect(Number.isInteger(tick)).toBe(true);
    expect(axis.domain[0]).toBeLessThanOrEqual(0.2);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(0.4);
  });
});

describe('valueAxisWidth', () => {
  it('grows with the longest label, within bounds', () => {
    expect(valueAxisWidth(['1 °C', '21.5 °C'], false)).toBeLessThan(valueAxisWidth(['1 °C', '1,021.5 mbar'], false));
    expect(valueAxisWidth([], false)).toBe(40);
    expect(valueAxisWidth(['x'.repeat(10_000)], false, { maxWidth: 300 })).toBe(300);
    expect(valueAxisWidth(['x'.repeat(10_000)], true)).toBe(200);
  });

  it('takes the measured width of the widest label, plus the tick’s room', () => {
    // "0.300 €/kWh" at 19.2 px (a 1920 px screen) measures ~96 px: a fixed 7 px a character gave 91 and cut it.
    expect(valueAxisWidth(['0.300 €/kWh'], false, { labelWidth: 96 })).toBeGreaterThanOrEqual(96 + 8);
    expect(valueAxisWidth(['0.300 €/kWh'], false, { labelWidth: 96, maxWidth: 80 })).toBe(80);
  });

  it('estimates generously from the font size when nothing could measure', () => {
    // 19.2 px, the large-screen root font: 11 characters need well over 91 px.
    expect(valueAxisWidth(['0.300 €/kWh'], false, { fontPx: 19.2 })).toBeGreaterThan(11 * 19.2 * 0.6);
    expect(valueAxisWidth(['0.300 €/kWh'], false, { fontPx: 19.2 })).toBeGreaterThan(valueAxisWidth(['0.300 €/kWh'], false, { fontPx: 12.8 }));
  });
});

describe('nearestRow', () => {
  const rows = [
    { t: 0, v: 1 },
    { t: 10, v: null },
    { t: 20, v: 3 },
    { t: 30, v: 4 },
  ];

  it('finds the closest row with a value, never a gap', () => {
    expect(nearestRow(rows, -5)).toBe(0);
    expect(nearestRow(rows, 4)).toBe(0);
    expect(nearestRow(rows, 10)).toBe(0); // the gap at 10: 0 and 20 are as close; the earlier wins
    expect(nearestRow(rows, 11)).toBe(2);
    expect(nearestRow(rows, 26)).toBe(3);
    expect(nearestRow(rows, 1e9)).toBe(3);
  });

  it('is -1 when nothing has a value', () => {
    expect(nearestRow([], 5)).toBe(-1);
    expect(nearestRow([{ t: 0, v: null }], 5)).toBe(-1);
  });
});

describe('valueAxis tick count', () => {
  it('never crowds a short axis', () => {
    const rows = [17, 20.5].map((v, i) => ({ t: T0 + i * MINUTE, v }));
    const axis = valueAxis({ units: '°C', decimals: 1 }, rows, false, 'line');
    expect(axis.ticks.length).toBeLessThanOrEqual(7);
    expect(axis.ticks.length).toBeGreaterThanOrEqual(2);
  });
});

describe('steadyTimeDomain', () => {
  it('holds every sample and widens the window by at most a fiftieth at each end', () => {
    const [start, end] = [T0 + 7 * MINUTE, T0 + 7 * MINUTE + DAY];
    const [from, to] = steadyTimeDomain(start, end);
    expect(from).toBeLessThanOrEqual(start);
    expect(to).toBeGreaterThanOrEqual(end);
    expect(start - from).toBeLessThanOrEqual(DAY / 50);
    expect(to - end).toBeLessThanOrEqual(DAY / 50);
  });

  it('stays the same while the window moves by less than a step, and moves with it after', () => {
    const start = Date.UTC(2026, 7, 12);
    const first = steadyTimeDomain(start, start + DAY);
    expect(steadyTimeDomain(start + MINUTE, start + DAY + MINUTE)).toEqual(steadyTimeDomain(start + 2 * MINUTE, start + DAY + 2 * MINUTE));
    const later = steadyTimeDomain(start + DAY / 50 + MINUTE, start + DAY + DAY / 50 + MINUTE);
    expect(later[1]).toBeGreaterThan(first[1]);
  });

  it('leaves a window without length alone', () => {
    expect(steadyTimeDomain(T0, T0)).toEqual([T0, T0]);
  });
});

describe('valueAxis while values wander', () => {
  it('keeps five ticks a nice step apart on an axis whose ends follow the data', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let round = 0; round < 200; round++) {
      const base = (random() - 0.5) * 10 ** Math.floor(random() * 6);
      const values = Array.from({ length: 20 }, () => base + (random() - 0.5) * Math.abs(base || 1) * random());
      const rows = values.map((v, i) => ({ t: T0 + i * MINUTE, v }));
      for (const [format, shape] of [
        [{ units: '°C', decimals: 1 }, 'line'],
        [{ units: 'W', decimals: 0 }, 'bar'],
        [{ units: 'W', decimals: 0 }, 'area'],
      ] as const) {
        const axis = valueAxis(format, rows, false, shape);
        expect(axis.ticks).toHaveLength(5);
        expect(axis.domain).toEqual([axis.ticks[0], axis.ticks[4]]);
        expect(axis.domain[0]).toBeLessThanOrEqual(Math.min(...values));
        expect(axis.domain[1]).toBeGreaterThanOrEqual(Math.max(...values));
        const step = axis.ticks[1]! - axis.ticks[0]!;
        expect(step / 10 ** Math.floor(Math.log10(step))).toSatisfy((f: number) => [1, 2, 2.5, 5].some((n) => Math.abs(f - n) < 1e-9));
        if (format.decimals === 0) for (const tick of axis.ticks) expect(Number.isInteger(tick)).toBe(true);
      }
    }
  });
});

describe('formatValueTick', () => {
  const humidity = { units: '%', decimals: 2 };
  it('shows the digits the step needs, not the capability’s padded decimals', () => {
    expect(formatValueTick(50, 2.5, humidity, 'en', false)).toBe('50\u00a0%');
    expect(formatValueTick(52.5, 2.5, humidity, 'en', false)).toBe('52.5\u00a0%');
    expect(formatValueTick(50, 5, humidity, 'nl', false)).toBe('50\u00a0%');
    expect(formatValueTick(52.5, 2.5, humidity, 'de', false)).toBe('52,5\u00a0%');
  });

  it('never shows more digits than the capability claims', () => {
    expect(formatValueTick(21.25, 0.25, { units: '°C', decimals: 1 }, 'en', false)).toBe('21.3\u00a0°C');
    expect(formatValueTick(0.275, 0.025, { units: '€/kWh', decimals: 3 }, 'en', false)).toBe('0.275\u00a0€/kWh');
    expect(formatValueTick(0.3, 0.05, { units: '€/kWh', decimals: 3 }, 'en', false)).toBe('0.3\u00a0€/kWh');
  });

  it('reads a 0–1 percentage as percent, with whole-percent steps', () => {
    expect(formatValueTick(0.5, 0.25, { id: 'dim', units: '%', decimals: 2, min: 0, max: 1 }, 'en', false)).toBe('50\u00a0%');
  });

  it('takes the step from the ticks', () => {
    expect(tickStep([50, 52.5, 55])).toBe(2.5);
    expect(tickStep([1])).toBe(0);
  });
});
