import { describe, expect, it } from 'vitest';
import { DEFAULT_CLOUD_PORT } from '../emulator/cli.ts';
import { parseStartArgs } from './start-demo.ts';

describe('parseStartArgs', () => {
  it('passes every flag the emulator documents through, --still and --seed included', () => {
    const args = parseStartArgs([
      '--still', '--seed', '3', '--port', '4600', '--generate-devices', '50',
      '--refresh-token-policy', 'grace', '--refresh-grace-seconds', '5', '--local-https',
    ]);
    expect(args.emulator).toEqual({
      fixture: undefined,
      port: 4600,
      seed: 3,
      still: true,
      generateDevices: 50,
      refreshTokenPolicy: 'grace',
      refreshGraceSeconds: 5,
      localHttps: true,
    });
    expect(parseStartArgs(['--fixture', 'home.json']).emulator.fixture).toBe('home.json');
  });

  it('listens on loopback unless --host names another address, and reads --dashboard-port', () => {
    expect(parseStartArgs([])).toMatchObject({ host: '127.0.0.1', dashboardPort: undefined, emulator: { port: DEFAULT_CLOUD_PORT } });
    expect(parseStartArgs(['--host', '192.168.1.20', '--dashboard-port=5200', '--still'])).toMatchObject({
      host: '192.168.1.20',
      dashboardPort: 5200,
      emulator: { still: true },
    });
  });

  it('refuses what it cannot use with a message naming the flag, not a stack trace', () => {
    expect(() => parseStartArgs(['--host'])).toThrow(/--host needs a value/);
    expect(() => parseStartArgs(['--host', '0.0.0.0'])).toThrow(/--host must be/);
    expect(() => parseStartArgs(['--dashboard-port', 'x'])).toThrow(/--dashboard-port/);
    expect(() => parseStartArgs(['--seed', 'many'])).toThrow(/--seed/);
    expect(() => parseStartArgs(['--nonsense'])).toThrow(/nonsense/);
  });
});
