import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import type { Connect, Plugin, ViteDevServer } from 'vite';
import { describe, parseCli, stopOnSignals } from '../emulator/cli.ts';
import type { CliOptions } from '../emulator/cli.ts';
import { makeLocalTls } from '../emulator/local-tls.ts';
import { startEmulator } from '../emulator/server.ts';
import type { Emulator } from '../emulator/server.ts';
import { dashboardPolicy, serializePolicy } from './csp.ts';

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
  /** Gives the demo's main Homey this many devices in all (a big home). */
  generateDevices?: number;
  /** The address the emulator and the dev server listen on and name; loopback unless given. */
  host?: string;
  refreshTokenPolicy?: CliOptions['refreshTokenPolicy'];
  refreshGraceSeconds?: number;
  /** Every Homey's local listener speaks https too, under its `*.homey.homeylocal.com` name (emulator/local-tls.ts). */
  localHttps?: boolean;
  /** The dashboard itself over https, with a self-signed certificate for the host (a page as a real deployment serves it). */
  https?: boolean;
  /** More origins for connect-src, as a deployment adds a Homey's LAN address for local mode (`CSP_CONNECT_SRC`). */
  extraConnectSrc?: readonly string[];
}

export interface StartArgs {
  emulator: CliOptions;
  dashboardPort: number | undefined;
  host: string;
}

const START_USAGE =
  'Usage: npm start -- [--host ADDR] [--dashboard-port N] and every flag of `npm run emulator -- --help`';

/**
 * `npm start`'s flags: its own two (--host, --dashboard-port) and, passed through unchanged, every flag the
 * emulator documents (emulator/cli.ts), so the README's "flags pass through" holds for each of them.
 */
export function parseStartArgs(argv: string[]): StartArgs {
  const rest: string[] = [];
  let host = '127.0.0.1';
  let dashboardPort: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name !== '--host' && name !== '--dashboard-port') {
      rest.push(arg);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || value.startsWith('--')) throw new Error(`${name} needs a value`);
    if (name === '--host') host = value;
    else dashboardPort = Number(value);
  }
  if (dashboardPort !== undefined && (!Number.isInteger(dashboardPort) || dashboardPort < 0 || dashboardPort > 65535)) {
    throw new Error('--dashboard-port must be a port number');
  }
  // Every address the demo prints and writes into config.json is this one, so it has to be one a tablet
  // can open: a wildcard would be unreachable, and an IPv6 literal would need brackets in every URL.
  if (host === '0.0.0.0' || host.includes(':')) {
    throw new Error(`--host must be the IPv4 address or name other devices reach this machine by (e.g. 192.168.1.20), got ${host}`);
  }
  if (rest.includes('--help')) {
    console.log(START_USAGE);
  }
  return { emulator: parseCli(rest), dashboardPort, host };
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
    // The emulator stands in for Athom's icon host too (emulator/cloud/icons.ts): nothing leaves loopback.
    iconBaseUrl: `${info.cloud.baseUrl}/icons`,
  };
}

/** img-src of the demo besides 'self': the emulator's icon host. */
export function demoImgSrc(emulator: Emulator): string[] {
  return [new URL(emulator.info().cloud.baseUrl).origin];
}

/** connect-src of the demo: the emulator's cloud and both addresses of every Homey, and Vite's HMR socket. */
export function demoConnectSrc(emulator: Emulator): string[] {
  const info = emulator.info();
  const urls = [info.cloud.baseUrl, ...info.homeys.flatMap((h) => [h.localUrl, h.localUrlSecure, h.remoteUrl])];
  const hmrHost = new URL(info.cloud.baseUrl).hostname;
  return [...new Set(urls.map((url) => new URL(url).origin)), `ws://${hmrHost}:*`, `wss://${hmrHost}:*`];
}

// Vite writes this into every script and style tag it emits (`html.cspNonce`) and into a meta tag its
// client reads for the <style> elements it injects; each page load replaces it with a fresh nonce.
const NONCE_PLACEHOLDER = 'homey-demo-csp-nonce';

function demoConfigPlugin(emulator: Emulator, extraConnectSrc: readonly string[] = []): Plugin {
  return {
    name: 'homey-demo-config',
    config: () => ({ html: { cspNonce: NONCE_PLACEHOLDER } }),
    configureServer(server: ViteDevServer) {
      server.middlewares.use('/config.json', (_req, res) => {
        res.setHeader('Content-Type', 'application/json');
        res.setHeader('Cache-Control', 'no-store');
        res.end(JSON.stringify(demoConfig(emulator), null, 2));
      });
      // After Vite's SPA fallback has mapped every page to /index.html, before Vite serves it.
      return () => server.middlewares.use(servePageWithPolicy(server, emulator, extraConnectSrc));
    },
  };
}

/**
 * The demo's index.html with the dashboard's Content-Security-Policy as a header, as a real deployment
 * should send it (README "Security"). It differs from the build's meta tag in three ways only: a nonce
 * for the inline script (React refresh's preamble) and the <style> elements the dev server injects,
 * connect-src naming the emulator and Vite's HMR socket, and img-src naming the emulator's icon host.
 */
function servePageWithPolicy(server: ViteDevServer, emulator: Emulator, extraConnectSrc: readonly string[]): Connect.NextHandleFunction {
  return (req, res, next) => {
    const path = req.url?.split(/[?#]/)[0];
    if (path !== '/index.html' || (req.method !== 'GET' && req.method !== 'HEAD') || req.headers['sec-fetch-dest'] === 'script') return next();
    void (async () => {
      const nonce = randomBytes(16).toString('base64');
      const page = await server.transformIndexHtml(path, await readFile(resolve(root, 'index.html'), 'utf8'), req.originalUrl);
      const policy = dashboardPolicy({ connectSrc: [...demoConnectSrc(emulator), ...extraConnectSrc], imgSrc: demoImgSrc(emulator), nonce, header: true });
      res.statusCode = 200;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Content-Security-Policy', serializePolicy(policy));
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.end(req.method === 'HEAD' ? undefined : page.replaceAll(NONCE_PLACEHOLDER, nonce));
    })().catch(next);
  };
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const emulator = await startEmulator({
    fixture: options.fixture,
    port: options.port ?? 0,
    host: options.host,
    seed: options.seed,
    simulationIntervalMs: options.simulationIntervalMs,
    generateDevices: options.generateDevices,
    refreshTokenPolicy: options.refreshTokenPolicy,
    refreshGraceSeconds: options.refreshGraceSeconds,
    localHttps: options.localHttps,
  });
  const host = options.host ?? '127.0.0.1';
  // A dependency cache of its own: two demos (npm start beside a test run, or checkouts sharing one
  // node_modules) re-optimising one `node_modules/.vite` answer each other's pages with
  // "504 Outdated Optimize Dep".
  const cacheDir = await mkdtemp(join(tmpdir(), 'homey-demo-vite-'));
  let vite: ViteDevServer;
  try {
    vite = await createServer({
      root,
      cacheDir,
      configFile: resolve(root, 'vite.config.ts'),
      logLevel: 'warn',
      clearScreen: false,
      plugins: [demoConfigPlugin(emulator, options.extraConnectSrc)],
      server: {
        host,
        port: options.dashboardPort ?? 5173,
        strictPort: false,
        ...(options.https ? { https: tlsFor(host) } : {}),
      },
    });
    await vite.listen();
  } catch (err) {
    await emulator.close();
    await rm(cacheDir, { recursive: true, force: true });
    throw err;
  }
  const dashboardUrl = vite.resolvedUrls?.local[0] ?? vite.resolvedUrls?.network[0] ?? `http://${host}:${vite.config.server.port}/`;
  return {
    dashboardUrl,
    emulator,
    async close() {
      await vite.close();
      await emulator.close();
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}

function tlsFor(host: string): { key: string; cert: string } {
  const { key, cert } = makeLocalTls([host]);
  return { key, cert };
}

async function main(): Promise<void> {
  let args: StartArgs;
  try {
    args = parseStartArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`npm start: ${(err as Error).message}\n${START_USAGE}`);
    process.exit(2);
  }
  let demo: Demo;
  try {
    demo = await startDemo({
      fixture: args.emulator.fixture,
      port: args.emulator.port,
      seed: args.emulator.seed,
      simulationIntervalMs: args.emulator.still ? 0 : 1000,
      generateDevices: args.emulator.generateDevices,
      refreshTokenPolicy: args.emulator.refreshTokenPolicy,
      refreshGraceSeconds: args.emulator.refreshGraceSeconds,
      localHttps: args.emulator.localHttps,
      dashboardPort: args.dashboardPort,
      host: args.host,
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
