import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { preview } from 'vite';
import { startEmulator } from '../emulator/server.ts';
import type { Demo } from '../scripts/start-demo.ts';
import { demoConfig, demoConnectSrc } from '../scripts/start-demo.ts';

// Helpers for the security stories (issue 6): what the page's Content-Security-Policy refused, and
// the production build served as a deployment would serve it.

const root = resolve(fileURLToPath(import.meta.url), '../..');

export interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
  page: string;
}

/**
 * Records every `securitypolicyviolation` on every page the tab shows (across navigations, which a
 * sign-in has several of), and every console line in which Chromium reports a policy problem (such
 * as a directive it ignores). Install before the first `goto`.
 */
export async function watchCspViolations(page: Page): Promise<() => CspViolation[]> {
  const seen: CspViolation[] = [];
  await page.exposeFunction('__e2eCspViolation', (violation: CspViolation) => {
    seen.push(violation);
  });
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) seen.push({ directive: `console.${message.type()}`, blocked: '', source: '', sample: message.text(), page: page.url() });
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: unknown[]; __e2eCspViolation(violation: unknown): void };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      const violation = {
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
        sample: event.sample,
        page: location.href,
      };
      w.__cspViolations.push(violation);
      void w.__e2eCspViolation(violation);
    });
  });
  return () => [...seen];
}

/** The built dashboard on a static server, with its own emulator: a `Demo` for the usual helpers. */
export interface BuiltApp extends Demo {
  /** The built index.html as served. */
  indexHtml: string;
  /** connect-src the build was made with (the emulator's origins, through CSP_CONNECT_SRC). */
  connectSrc: string[];
}

/**
 * `vite build` into a temporary folder with CSP_CONNECT_SRC naming a fresh emulator's origins (ports
 * are only known once it listens), a config.json pointing at it, and `vite preview` serving the
 * result on a free loopback port: the policy under test is the real meta tag.
 */
export async function startBuiltApp(options: { fixture?: string } = {}): Promise<BuiltApp> {
  const emulator = await startEmulator({ fixture: options.fixture, port: 0, simulationIntervalMs: 0 });
  const outDir = await mkdtemp(join(tmpdir(), 'homey-dashboard-build-'));
  const stop = async () => {
    await emulator.close();
    await rm(outDir, { recursive: true, force: true });
  };
  try {
    const connectSrc = demoConnectSrc(emulator).filter((source) => !source.startsWith('ws:'));
    await run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      ...process.env,
      CSP_CONNECT_SRC: connectSrc.join(' '),
    });
    await writeFile(join(outDir, 'config.json'), JSON.stringify(demoConfig(emulator), null, 2));
    const server = await preview({
      root,
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir },
      preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    });
    const dashboardUrl = server.resolvedUrls?.local[0];
    if (!dashboardUrl) throw new Error('vite preview did not say where it listens');
    return {
      dashboardUrl,
      emulator,
      connectSrc,
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
