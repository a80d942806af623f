import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, checkSettings, exportSettings, importSettings } from './settings-model.ts';

describe('settings', () => {
  it('fills defaults for a new screen', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ language: 'auto', theme: 'auto', density: 'comfortable', kiosk: { wakeLock: true, dimFrom: '22:00' }, views: {} });
  });

  it('round-trips through an exported file', () => {
    const settings = { ...DEFAULT_SETTINGS, theme: 'eink' as const, views: { kitchen: { zones: ['z1'], devices: ['d2', 'd1'] } } };
    const back = importSettings(exportSettings(settings));
    expect(back).toEqual({ ok: true, settings });
  });

  it('refuses a file that is not ours, not JSON, or wrong, and names every problem', () => {
    expect(importSettings('not json')).toMatchObject({ ok: false, problems: [expect.stringContaining('not JSON')] });
    expect(importSettings('{"theme":"dark"}')).toMatchObject({ ok: false, problems: [expect.stringContaining('not a settings file')] });
    const bad = importSettings(
      JSON.stringify({ kind: 'homey-wall-dashboard/settings', settings: { version: 1, theme: 'neon', kiosk: { dimFrom: '25:00' }, views: { 'a b': {} } } }),
    );
    expect(bad.ok).toBe(false);
    const problems = bad.ok ? [] : bad.problems.join('\n');
    expect(problems).toContain('theme');
    expect(problems).toContain('kiosk.dimFrom');
    expect(problems).toContain('views');
  });

  it('keeps only known fields: nothing else (e.g. a token pasted in) survives an import or an export', () => {
    const withSecret = { version: 1, theme: 'dark', accessToken: 'secret-token', kiosk: { locked: true, apiKey: 'k' } };
    const check = checkSettings(withSecret);
    expect(check.ok).toBe(true);
    const exported = exportSettings(check.ok ? check.settings : DEFAULT_SETTINGS);
    expect(exported).not.toContain('secret-token');
    expect(exported).not.toContain('apiKey');
  });
});
