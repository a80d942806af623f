import type { Browser } from '@playwright/test';
import { startEmulator } from '../emulator/server.ts';
import type { Emulator } from '../emulator/server.ts';
import { writeAppConfig } from '../scripts/built-app.ts';
import { EmulatorControl } from './browser.ts';

// What every browser figure shares: one Chromium, and the bench build served from one folder whose
// config.json is pointed at each figure's own emulator in turn (the build's connect-src allows any
// loopback port, so one build serves them all).

export interface BenchApp {
  browser: Browser;
  /** The served bench build. */
  outDir: string;
  /** Where it is served, with a trailing slash. */
  url: string;
  /** A scratch folder for fixtures. */
  tmp: string;
  /** How often each timing is repeated. */
  runs: number;
  log(message: string): void;
}

export interface HomeOptions {
  /** A fixture file; the demo home without one. */
  fixture?: string;
  /** How often values move; 0: still values. */
  simulationIntervalMs?: number;
  /** Every reading moves at every tick (the soak), not at the pace devices report. */
  simulationEveryTick?: boolean;
  /** The demo home grown to this many devices (the emulator's generated big home); not with a fixture. */
  generateDevices?: number;
  /** Changes to the config.json the emulator's home gets (e.g. poll intervals). */
  config?: (config: Record<string, unknown>) => Record<string, unknown>;
}

/** Starts an emulator for one figure, points the served build at it, and always stops it. */
export async function withHome<T>(app: BenchApp, options: HomeOptions, run: (emulator: Emulator, control: EmulatorControl) => Promise<T>): Promise<T> {
  const emulator = await startEmulator({
    fixture: options.fixture,
    port: 0,
    simulationIntervalMs: options.simulationIntervalMs ?? 0,
    simulationEveryTick: options.simulationEveryTick,
    generateDevices: options.generateDevices,
  });
  try {
    await writeAppConfig(app.outDir, emulator, options.config);
    return await run(emulator, new EmulatorControl(emulator.cloudUrl));
  } finally {
    await emulator.close();
  }
}

/**
 * config.json with the realtime socket off: the figures that measure polling (its cadence, its
 * traffic) measure what a wall falls back to whenever the socket is down. Live is figure 8.
 */
export const pollingOnly = (config: Record<string, unknown>): Record<string, unknown> => ({ ...config, realtime: false });
