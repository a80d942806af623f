import { test as base } from '@playwright/test';
import { startDemo } from '../scripts/start-demo.ts';
import type { Demo } from '../scripts/start-demo.ts';

// One demo (emulator + dashboard, exactly what `npm start` runs) per worker, on free ports,
// stopped when the worker ends; each test starts from a reset emulator.
export const test = base.extend<{ demo: Demo }, { workerDemo: Demo }>({
  workerDemo: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies.
    async ({}, use) => {
      const demo = await startDemo({ port: 0, dashboardPort: 0, simulationIntervalMs: 0 });
      await use(demo);
      await demo.close();
    },
    { scope: 'worker' },
  ],
  demo: async ({ workerDemo }, use) => {
    await fetch(`${workerDemo.emulator.cloudUrl}/__emulator/reset`, { method: 'POST' });
    await use(workerDemo);
  },
});

export { expect } from '@playwright/test';
