import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startEmulator } from './server.ts';
import type { Emulator } from './server.ts';

// `npm run emulator -- [--fixture FILE] [--port N] [--seed N] [--still]`

export const DEFAULT_CLOUD_PORT = 4510;

export interface CliOptions {
  fixture: string | undefined;
  port: number;
  seed: number;
  still: boolean;
}

export function parseCli(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      fixture: { type: 'string' },
      port: { type: 'string' },
      seed: { type: 'string' },
      still: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  if (values.help) {
    console.log('Usage: npm run emulator -- [--fixture FILE] [--port N] [--seed N] [--still]');
    process.exit(0);
  }
  const port = values.port === undefined ? DEFAULT_CLOUD_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  return { fixture: values.fixture, port, seed, still: values.still ?? false };
}

export function describe(emulator: Emulator): string {
  const info = emulator.info();
  const lines = [`Athom cloud (emulated): ${info.cloud.baseUrl}`];
  for (const h of info.homeys) lines.push(`Homey "${h.name}" (${h.id}): local ${h.localUrl}, remote ${h.remoteUrl}`);
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
    emulator = await startEmulator({ fixture: options.fixture, port: options.port, seed: options.seed, simulationIntervalMs: options.still ? 0 : 1000 });
  } catch (err) {
    console.error(`emulator: ${(err as Error).message}`);
    process.exit(1);
  }
  console.log(describe(emulator));
  stopOnSignals(() => emulator.close());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) void main();
