import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmulator } from '../emulator/server.ts';
import type { Emulator, EmulatorOptions } from '../emulator/server.ts';

// A Vitest global setup that lets tests under src/ get an emulator without importing it (src/ must
// not import emulator/, docs/architecture.md): a tiny HTTP service on loopback starts and stops emulators
// on request. Tests reach it through test-support/emulator-client.ts; every emulator stops at teardown.
//
//   POST /spawn {simulationIntervalMs?, seed?, fixture?, generateDevices?} → {cloudUrl, info}
//   POST /close {cloudUrl}                                → {ok: true}

declare module 'vitest' {
  export interface ProvidedContext {
    emulatorSpawnerUrl: string;
  }
}

type SpawnOptions = Pick<EmulatorOptions, 'simulationIntervalMs' | 'seed' | 'fixture' | 'generateDevices'>;

const emulators = new Map<string, Emulator>();
let closeServer: (() => Promise<void>) | undefined;

export async function setup(project: TestProject): Promise<void> {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => answer(res, 500, { error: error instanceof Error ? error.message : String(error) }));
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  closeServer = () => new Promise<void>((done) => server.close(() => done()));
  project.provide('emulatorSpawnerUrl', `http://127.0.0.1:${port}`);
}

export async function teardown(): Promise<void> {
  await Promise.all([...emulators.values()].map((e) => e.close()));
  emulators.clear();
  await closeServer?.();
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body: unknown;
  try {
    body = await readJson(req);
  } catch {
    return answer(res, 400, { error: 'The body is not JSON' });
  }
  if (req.method === 'POST' && req.url === '/spawn') {
    const options = parseSpawnOptions(body);
    if (typeof options === 'string') return answer(res, 400, { error: options });
    const emulator = await startEmulator({ port: 0, simulationIntervalMs: 0, ...options });
    emulators.set(emulator.cloudUrl, emulator);
    return answer(res, 200, { cloudUrl: emulator.cloudUrl, info: emulator.info() });
  }
  if (req.method === 'POST' && req.url === '/close') {
    const cloudUrl = typeof body === 'object' && body !== null ? (body as { cloudUrl?: unknown }).cloudUrl : undefined;
    const emulator = typeof cloudUrl === 'string' ? emulators.get(cloudUrl) : undefined;
    if (!emulator) return answer(res, 404, { error: `No emulator at ${String(cloudUrl)}` });
    emulators.delete(emulator.cloudUrl);
    await emulator.close();
    return answer(res, 200, { ok: true });
  }
  return answer(res, 404, { error: `Unknown request ${req.method} ${req.url}` });
}

function parseSpawnOptions(body: unknown): SpawnOptions | string {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'Expected a JSON object';
  const b = body as Record<string, unknown>;
  const options: SpawnOptions = {};
  for (const key of ['simulationIntervalMs', 'seed'] as const) {
    const v = b[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return `${key} must be a non-negative number`;
    options[key] = v;
  }
  if (b.generateDevices !== undefined) {
    const n = b.generateDevices;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) return 'generateDevices must be a whole number of devices';
    options.generateDevices = n;
  }
  if (b.fixture !== undefined) {
    if (typeof b.fixture !== 'string') return 'fixture must be a path';
    // Relative to the repository, where Vitest runs.
    options.fixture = resolve(process.cwd(), b.fixture);
  }
  return options;
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', fail);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') return done(undefined);
      try {
        done(JSON.parse(text));
      } catch (error) {
        fail(error);
      }
    });
  });
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
