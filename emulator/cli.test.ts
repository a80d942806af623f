import { describe, expect, it } from 'vitest';
import { DEFAULT_CLOUD_PORT, parseCli } from './cli.ts';

describe('parseCli', () => {
  it('starts the plain demo with strict rotation when given nothing', () => {
    expect(parseCli([])).toEqual({
      fixture: undefined,
      port: DEFAULT_CLOUD_PORT,
      seed: 1,
      still: false,
      generateDevices: undefined,
      refreshTokenPolicy: 'rotate',
      refreshGraceSeconds: undefined,
      localHttps: false,
    });
  });

  it('reads --local-https', () => {
    expect(parseCli(['--local-https']).localHttps).toBe(true);
  });

  it('reads a generated home and a refresh-token policy', () => {
    expect(parseCli(['--generate-devices', '2000', '--refresh-token-policy', 'grace', '--refresh-grace-seconds', '10'])).toMatchObject({
      generateDevices: 2000,
      refreshTokenPolicy: 'grace',
      refreshGraceSeconds: 10,
    });
    expect(parseCli(['--refresh-token-policy', 'reuse']).refreshTokenPolicy).toBe('reuse');
  });

  it('refuses values it cannot use, naming the flag', () => {
    expect(() => parseCli(['--generate-devices', 'many'])).toThrow(/--generate-devices/);
    expect(() => parseCli(['--generate-devices', '0'])).toThrow(/--generate-devices/);
    expect(() => parseCli(['--generate-devices', '50', '--fixture', 'home.json'])).toThrow(/--fixture/);
    expect(() => parseCli(['--refresh-token-policy', 'sometimes'])).toThrow(/rotate, reuse, grace/);
    expect(() => parseCli(['--refresh-grace-seconds', '-1'])).toThrow(/--refresh-grace-seconds/);
  });
});
