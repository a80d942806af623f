import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isRefreshTokenPolicyName, REFRESH_TOKEN_POLICIES } from './control/refresh-token-policy.ts';
import type { RefreshTokenPolicyName } from './control/wire-types.ts';
import { startEmulator } from './server.ts';
import type { Emulator } from './server.ts';

const USAGE =
  'Usage: npm run emulator -- [--fixture FILE] [--port N] [--seed N] [--still] [--generate-devices N]\n' +
  '                           [--refresh-token-policy rotate|reuse|grace] [--refresh-grace-seconds N] [--local-https]';

export const DEFAULT_CLOUD_PORT = 4510;

export interface CliOptions {
  fixture: string | undefined;
  port: number;
  seed: number;
  still: boolean;
  generateDevices: number | undefined;
  refreshTokenPolicy: RefreshTokenPolicyName;
  refreshGraceSeconds: number | undefined;
  localHttps: boolean;
}

export function parseCli(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      fixture: { type: 'string' },
      port: { type: 'string' },
      seed: { type: 'string' },
      still: { type: 'boolean', default: false },
      'generate-devices': { type: 'string' },
      'refresh-token-policy': { type: 'string' },
      'refresh-grace-seconds': { type: 'string' },
      'local-https': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = values.port === undefined ? DEFAULT_CLOUD_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  const generated = values['generate-devices'];
  const generateDevices = generated === undefined ? undefined : Number(generated);
  if (generateDevices !== undefined && (!Number.isInteger(generateDevices) || generateDevices < 1)) {
    throw new Error(`--generate-devices must be a number of devices, got ${generated}`);
  }
  if (generateDevices !== undefined && values.fixture !== undefined) throw new Error('--generate-devices fills the demo home; it cannot be used with --fixture');
  const policy = values['refresh-token-policy'] ?? 'rotate';
  if (!isRefreshTokenPolicyName(policy)) throw new Error(`--refresh-token-policy must be one of ${REFRESH_TOKEN_POLICIES.join(', ')}, got ${policy}`);
  const grace = values['refresh-grace-seconds'];
  const refreshGraceSeconds = grace === undefined ? undefined : Number(grace);
  if (refreshGraceSeconds !== undefined && !(Number.isFinite(refreshGraceSeconds) && refreshGraceSeconds > 0)) {
    throw new Error(`--refresh-grace-seconds must be a positive number of seconds, got ${grace}`);
  }
  return {
    fixture: values.fixture,
    port,
    seed,
    still: values.still ?? false,
    generateDevices,
    refreshTokenPolicy: policy,
    refreshGraceSeconds,
    localHttps: values['local-https'] ?? false,
  };
}

export function describe(emulator: Emulator): string {
  const info = emulator.info();
  const lines = [`Athom cloud (emulated): ${info.cloud.baseUrl}`];
  if (info.refreshTokenPolicy.policy !== 'rotate') {
    const grace = info.refreshTokenPolicy.policy === 'grace' ? ` (${info.refreshTokenPolicy.graceSeconds} s)` : '';
    lines.push(`Refresh tokens: ${info.refreshTokenPolicy.policy}${grace}`);
  }
  for (const h of info.homeys) {
    const secure = h.localUrlSecure !== h.localUrl ? `, secure local ${h.localUrlSecure}` : '';
    lines.push(`Homey "${h.name}" (${h.id}): local ${h.localUrl}${secure}, remote ${h.remoteUrl}`);
  }
  for (const u of info.users) lines.push(`User: ${u.email} / ${u.password}`);
  lines.push(`Control API: ${info.cloud.baseUrl}/__emulator/info`);
  return lines.join('\n');
}

/** Stops the emulator once on SIGINT/SIGTERM, then exits. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    void stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (err) {
    console.error(`emulator: ${(err as Error).message}`);
    process.exit(2);
  }
  let emulator: Emulator;
  try {
    emulator = await startEmulator({
      fixture: options.fixture,
      port: options.port,
      seed: options.seed,
      simulationIntervalMs: options.still ? 0 : 1000,
      generateDevices: options.generateDevices,
      refreshTokenPolicy: options.refreshTokenPolicy,
      refreshGraceSeconds: options.refreshGraceSeconds,
      localHttps: options.localHttps,
    });
  } catch (err) {
    console.error(`emulator: ${(err as Error).message}`);
    process.exit(1);
  }
  console.log(describe(emulator));
  stopOnSignals(() => emulator.close());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) void main();
