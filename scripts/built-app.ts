import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import { startEmulator } from '../emulator/server.ts';
import type { Emulator, EmulatorOptions } from '../emulator/server.ts';
import type { Demo } from './start-demo.ts';
import { demoConfig, demoConnectSrc, demoImgSrc } from './start-demo.ts';

// The production build served as a deployment serves it (a static folder, config.json beside
// index.html, the Content-Security-Policy in its meta tag), for the security stories
// (e2e/security-kit.ts) and the benchmarks (bench/run.ts).

const root = resolve(fileURLToPath(import.meta.url), '../..');

export interface BuildOptions {
  outDir: string;
  /** connect-src besides Athom's origins, through CSP_CONNECT_SRC (the build's meta tag). */
  connectSrc: readonly string[];
  /** img-src besides Athom's icon host, through CSP_IMG_SRC: where config.json's `iconBaseUrl` points. */
  imgSrc?: readonly string[];
  /** A Vite mode; `bench` is the instrumented build of `npm run bench` (src/lib/bench-probe.ts). */
  mode?: string;
  /** Another Vite config file (the bench's adds its own page and a manifest). */
  configFile?: string;
  /** Write `.vite/manifest.json` (the import graph the bundle figure reads). */
  manifest?: boolean;
}

/** `vite build` in a child process, so CSP_CONNECT_SRC and the mode are the build's own. */
export async function buildApp(options: BuildOptions): Promise<void> {
  const args = [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', options.outDir, '--emptyOutDir', '--logLevel', 'warn'];
  if (options.mode) args.push('--mode', options.mode);
  if (options.configFile) args.push('--config', options.configFile);
  if (options.manifest) args.push('--manifest');
  // NODE_ENV as for a deployment: a test worker that started a dev server (the demo) has
  // NODE_ENV=development, which would make `vite build` a development build (React's dev runtime,
  // import.meta.env.PROD false, so no service worker).
  await run(process.execPath, args, { ...process.env, NODE_ENV: 'production', CSP_CONNECT_SRC: options.connectSrc.join(' '), CSP_IMG_SRC: (options.imgSrc ?? []).join(' ') });
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** `vite preview` of a built folder on a free loopback port. */
export async function serveBuild(outDir: string): Promise<StaticServer> {
  const server = await preview({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    throw new Error('vite preview did not say where it listens');
  }
  return { url, close: () => server.close() };
}

/** Points a built folder at an emulator: its config.json, optionally changed (e.g. poll intervals). */
export async function writeAppConfig(outDir: string, emulator: Emulator, change: (config: Record<string, unknown>) => Record<string, unknown> = (c) => c): Promise<void> {
  await writeFile(join(outDir, 'config.json'), JSON.stringify(change(demoConfig(emulator)), null, 2));
}

/** The emulator's origins for connect-src (its cloud and both addresses of every Homey). */
export function emulatorConnectSrc(emulator: Emulator): string[] {
  return demoConnectSrc(emulator).filter((source) => !/^wss?:/.test(source));
}

/** The built dashboard on a static server, with its own emulator: a `Demo` for the usual helpers. */
export interface BuiltApp extends Demo {
  /** The built index.html as served. */
  indexHtml: string;
  /** connect-src the build was made with (the emulator's origins, through CSP_CONNECT_SRC). */
  connectSrc: string[];
  /** img-src the build was made with besides Athom's icon host (the emulator's icon host, through CSP_IMG_SRC). */
  imgSrc: string[];
  /** The folder being served. */
  outDir: string;
}

export interface BuiltAppOptions extends Pick<EmulatorOptions, 'fixture' | 'seed' | 'simulationIntervalMs'> {
  mode?: string;
  configFile?: string;
  manifest?: boolean;
}

/**
 * `vite build` into a temporary folder with CSP_CONNECT_SRC naming a fresh emulator's origins (ports
 * are only known once it listens), a config.json pointing at it, and `vite preview` serving the
 * result on a free loopback port: the policy under test is the real meta tag.
 */
export async function startBuiltApp(options: BuiltAppOptions = {}): Promise<BuiltApp> {
  const emulator = await startEmulator({ fixture: options.fixture, port: 0, seed: options.seed, simulationIntervalMs: options.simulationIntervalMs ?? 0 });
  const outDir = await mkdtemp(join(tmpdir(), 'homey-dashboard-build-'));
  const stop = async () => {
    await emulator.close();
    await rm(outDir, { recursive: true, force: true });
  };
  try {
    const connectSrc = emulatorConnectSrc(emulator);
    const imgSrc = demoImgSrc(emulator);
    await buildApp({ outDir, connectSrc, imgSrc, mode: options.mode, configFile: options.configFile, manifest: options.manifest });
    await writeAppConfig(outDir, emulator);
    const server = await serveBuild(outDir);
    return {
      dashboardUrl: server.url,
      emulator,
      connectSrc,
      imgSrc,
      outDir,
      indexHtml: await readFile(join(outDir, 'index.html'), 'utf8'),
      async close() {
        await server.close();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${args.slice(1).join(' ')} failed (${code}):\n${stderr}`))));
  });
}
