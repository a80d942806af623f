import { describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from './runtime-config.ts';

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
        pollIntervals: { devicesMs: 5000, zonesMs: 60000, insightsMinMs: 10000 },
      },
    });
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

  it('refuses something that is not an object', () => {
    expect(parseRuntimeConfig([1, 2])).toEqual({ ok: false, problems: ['config.json must hold a JSON object'] });
  });
});
