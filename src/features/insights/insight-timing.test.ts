import { describe, expect, it } from 'vitest';
import { insightEntriesPath, isResolution, logIdFor, logOwnerUri, MAX_REFETCH_MS, nextRefetchMs } from './insight-timing.ts';

describe('nextRefetchMs', () => {
  it('waits until the next bucket lands, plus a second', () => {
    expect(nextRefetchMs(84_915)).toBe(85_915);
  });

  it('never refetches faster than 10 s, even when asked to', () => {
    expect(nextRefetchMs(120)).toBe(10_000);
    expect(nextRefetchMs(0)).toBe(10_000);
    expect(nextRefetchMs(120, 1_000)).toBe(10_000);
    expect(nextRefetchMs(120, 30_000)).toBe(30_000);
  });

  it('caps long waits so a 31-day chart still sees its newest value', () => {
    expect(nextRefetchMs(3_000_000)).toBe(MAX_REFETCH_MS);
    expect(nextRefetchMs(3_000_000, 10_000, 60_000)).toBe(60_000);
  });

  it('falls back to a minute without a usable updatesIn', () => {
    for (const x of [null, undefined, Number.NaN, -5, Number.POSITIVE_INFINITY]) expect(nextRefetchMs(x)).toBe(60_000);
  });
});

describe('log ids and paths', () => {
  const device = '11111111-2222-4333-8444-555555555555';

  it('builds the v3 log id of a device capability', () => {
    expect(logIdFor(device, 'measure_temperature.outside')).toBe(`homey:device:${device}:measure_temperature.outside`);
    expect(logOwnerUri(logIdFor(device, 'meter_power'))).toBe(`homey:device:${device}`);
    expect(logOwnerUri('homey:manager:weather:temperature')).toBe('homey:manager:weather');
  });

  it('builds the entries path as docs/homey-web-api.md §2 shows it, colons as they are', () => {
    expect(insightEntriesPath(logIdFor(device, 'measure_power'), 'last24Hours')).toBe(
      `insights/log/homey:device:${device}/homey:device:${device}:measure_power/entry?resolution=last24Hours`,
    );
  });

  it('escapes what could break a path segment', () => {
    const path = insightEntriesPath(logIdFor('a/b?c#d e%', 'x.y'), 'lastHour');
    expect(path).toBe('insights/log/homey:device:a%2Fb%3Fc%23d%20e%25/homey:device:a%2Fb%3Fc%23d%20e%25:x.y/entry?resolution=lastHour');
    const [owner, id] = path.split('/').slice(2, 4).map(decodeURIComponent);
    expect(owner).toBe('homey:device:a/b?c#d e%');
    expect(id).toBe('homey:device:a/b?c#d e%:x.y');
  });

  it('knows the Homey resolutions', () => {
    expect(isResolution('last31Days')).toBe(true);
    expect(isResolution('last2Weeks')).toBe(false);
    expect(isResolution(7)).toBe(false);
  });
});
