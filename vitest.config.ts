import { defineConfig } from 'vitest/config';

// Unit tests live beside the code they test; contract tests drive Athom's official client
// against a real emulator on loopback. Playwright owns e2e/, so it is excluded here. The global
// setup lets tests under src/ start emulators without importing emulator/ (test-support/emulator-client.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'emulator/**/*.test.ts', 'contract/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'e2e/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    globalSetup: ['test-support/emulator-spawner.ts'],
  },
});
