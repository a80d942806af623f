import { describe, expect, it } from 'vitest';
import { POLL_BOUNDS, boundedPollMs, parseRuntimeConfig } from './runtime-config.ts';

describe('parseRuntimeConfig', () => {
  it('accepts a complete config and strips a trailing slash from the Athom URL', () => {
    const result = parseRuntimeConfig({ athomApiUrl: 'http://127.0.0.1:4510/', clientId: 'id', clientSecret: 's' });
    expect(result).toEqual({
      ok: true,
      config: {
        athomApiUrl: 'http://127.0.0.1:4510',
        clientId: 'id',
        clientSecret: 's',
        scopes: ['homey'],
        redirectPath: '/',
        pollIntervals: { devicesMs: 5000, zonesMs: 60000, insightsMinMs: 10000, liveSafetyMs: 300_000 },
        realtime: true,
        iconBaseUrl: 'https://icons-cdn.athom.com',
      },
    });
  });

  it("fetches device icons from Athom's icon host unless config.json names another http(s) base", () => {
    const base = { clientId: 'id', clientSecret: 's' };
    const own = parseRuntimeConfig({ ...base, iconBaseUrl: 'http://127.0.0.1:4510/icons/' });
    expect(own.ok && own.config.iconBaseUrl).toBe('http://127.0.0.1:4510/icons');
    expect(parseRuntimeConfig({ ...base, iconBaseUrl: 'javascript:alert(1)' })).toEqual({ ok: false, problems: ['"iconBaseUrl" must be an http(s) URL'] });
  });

  it('names every problem instead of failing on the first', () => {
    const result = parseRuntimeConfig({ athomApiUrl: 'ftp://x', clientId: '', clientSecret: 3, pollIntervals: { devicesMs: 10 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join('\n')).toMatch(/athomApiUrl/);
    expect(result.problems.join('\n')).toMatch(/clientId/);
    expect(result.problems.join('\n')).toMatch(/clientSecret/);
    expect(result.problems.join('\n')).toMatch(/devicesMs/);
  });

  it('listens on the socket unless realtime is false, with a safety poll of 5 min bounded to 1 s .. 1 h', () => {
    const base = { clientId: 'id', clientSecret: 's' };
    const off = parseRuntimeConfig({ ...base, realtime: false, pollIntervals: { liveSafetyMs: 3e9 } });
    expect(off.ok && off.config.realtime).toBe(false);
    expect(off.ok && off.config.pollIntervals.liveSafetyMs).toBe(60 * 60_000);
    expect(off.ok && off.config.adjusted).toEqual([{ setting: 'pollIntervals.liveSafetyMs', askedMs: 3e9, usedMs: 60 * 60_000 }]);
    const on = parseRuntimeConfig({ ...base, realtime: true });
    expect(on.ok && on.config.realtime).toBe(true);
    expect(parseRuntimeConfig(base).ok && (parseRuntimeConfig(base) as { config: { realtime: boolean } }).config.realtime).toBe(true);
    expect(on.ok && on.config.pollIntervals.liveSafetyMs).toBe(300_000);
    expect(parseRuntimeConfig({ ...base, realtime: 'yes' })).toEqual({ ok: false, problems: ['"realtime" must be true or false'] });
    const fast = parseRuntimeConfig({ ...base, pollIntervals: { liveSafetyMs: 10 } });
    expect(fast.ok).toBe(false);
  });

  it('refuses something that is not an object', () => {
    expect(parseRuntimeConfig([1, 2])).toEqual({ ok: false, problems: ['config.json must hold a JSON object'] });
  });

  it('lowers a poll interval beyond its bound to the bound, and says which and from what', () => {
    // 3e9 ms is past 2³¹ ms: a browser would run that timer at once.
    const result = parseRuntimeConfig({ clientId: 'id', clientSecret: 's', pollIntervals: { devicesMs: 3e9, zonesMs: 3e9, insightsMinMs: 20_000 } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.pollIntervals).toEqual({ devicesMs: 60 * 60_000, zonesMs: 24 * 60 * 60_000, insightsMinMs: 20_000, liveSafetyMs: 300_000 });
    expect(result.config.adjusted).toEqual([
      { setting: 'pollIntervals.devicesMs', askedMs: 3e9, usedMs: 60 * 60_000 },
      { setting: 'pollIntervals.zonesMs', askedMs: 3e9, usedMs: 24 * 60 * 60_000 },
    ]);
  });

  it('keeps every bound below what a browser timer can wait', () => {
    for (const { minMs, maxMs } of Object.values(POLL_BOUNDS)) {
      expect(minMs).toBeGreaterThanOrEqual(1000);
      expect(maxMs).toBeLessThan(2 ** 31 - 1);
    }
  });

  it('still refuses an interval faster than a second, or one that is not a number', () => {
    const result = parseRuntimeConfig({ clientId: 'id', clientSecret: 's', pollIntervals: { zonesMs: 500, insightsMinMs: '10s' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(2);
    expect(result.problems.join('\n')).toMatch(/zonesMs.*≥ 1000/);
    expect(result.problems.join('\n')).toMatch(/insightsMinMs/);
  });

  it('bounds an interval from anywhere else the same way', () => {
    expect(boundedPollMs(3e9, 'devicesMs')).toBe(60 * 60_000);
    expect(boundedPollMs(Number.POSITIVE_INFINITY, 'zonesMs')).toBe(24 * 60 * 60_000);
    expect(boundedPollMs(0, 'devicesMs')).toBe(1000);
    expect(boundedPollMs(Number.NaN, 'devicesMs')).toBe(5000);
    expect(boundedPollMs(7000, 'devicesMs')).toBe(7000);
  });
});
