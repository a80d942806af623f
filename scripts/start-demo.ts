import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createServer } from 'vite';
import type { Plugin, ViteDevServer } from 'vite';
import { DEFAULT_CLOUD_PORT, describe, stopOnSignals } from '../emulator/cli.ts';
import { startEmulator } from '../emulator/server.ts';
import type { Emulator } from '../emulator/server.ts';

// `npm start`: the emulated Athom cloud and Homeys, and the dashboard's dev server with a
// /config.json that points at them, so a newcomer sees a working dashboard with one command.

const root = resolve(fileURLToPath(import.meta.url), '../..');

export interface Demo {
  dashboardUrl: string;
  emulator: Emulator;
  close(): Promise<void>;
}

export interface DemoOptions {
  fixture?: string;
  port?: number;
  dashboardPort?: number;
  seed?: number;
  simulationIntervalMs?: number;
}

/** The config.json the dashboard reads, naming the emulator's cloud and its demo client. */
export function demoConfig(emulator: Emulator): Record<string, unknown> {
  const info = emulator.info();
  const client = info.clients[0];
  return {
    athomApiUrl: info.cloud.baseUrl,
    clientId: client?.clientId ?? '',
    clientSecret: client?.clientSecret ?? '',
    scopes: ['homey'],
    redirectPath: '/',
    pollIntervals: { devicesMs: 5000, zonesMs: 60000, insightsMinMs: 10000 },
  };
}

function demoConfigPlugin(emulator: Emulator): Plugin {
  return {
    name: 'homey-demo-config',
    configureServer(server: ViteDevServer) {
      server.middlewares.use('/config.json', (_req, res) => {
        res.setHeader('Content-Type', 'application/json');
        res.setHeader('Cache-Control', 'no-store');
        res.end(JSON.stringify(demoConfig(emulator), null, 2));
      });
    },
  };
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const emulator = await startEmulator({
    fixture: options.fixture,
    port: options.port ?? 0,
    seed: options.seed,
    simulationIntervalMs: options.simulationIntervalMs,
  });
  let vite: ViteDevServer;
  try {
    vite = await createServer({
      root,
      configFile: resolve(root, 'vite.config.ts'),
      logLevel: 'warn',
      clearScreen: false,
      plugins: [demoConfigPlugin(emulator)],
      server: { host: '127.0.0.1', port: options.dashboardPort ?? 5173, strictPort: false },
    });
    await vite.listen();
  } catch (err) {
    await emulator.close();
    throw err;
  }
  const dashboardUrl = vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${vite.config.server.port}/`;
  return {
    dashboardUrl,
    emulator,
    async close() {
      await vite.close();
      await emulator.close();
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      fixture: { type: 'string' },
      port: { type: 'string' },
      'dashboard-port': { type: 'string' },
    },
    strict: true,
  });
  let demo: Demo;
  try {
    demo = await startDemo({
      fixture: values.fixture,
      port: values.port === undefined ? DEFAULT_CLOUD_PORT : Number(values.port),
      dashboardPort: values['dashboard-port'] === undefined ? undefined : Number(values['dashboard-port']),
    });
  } catch (err) {
    console.error(`npm start: ${(err as Error).message}`);
    process.exit(1);
  }
  console.log(describe(demo.emulator));
  console.log(`\nDashboard: ${demo.dashboardUrl}`);
  console.log('Press Ctrl+C to stop.');
  stopOnSignals(() => demo.close());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) void main();
