import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vite';
import type { UserConfig, UserConfigExport } from 'vite';
import base from '../vite.config.ts';

// The bench build (`vite build --mode bench --config bench/vite.bench.config.ts`): the app's own
// configuration plus the chart benchmark's page and a manifest, with the app's instrumentation seams
// (src/lib/instrumentation.ts) swapped for the counters of bench/page/instrumentation.ts; the app
// itself is built exactly as for production.

const root = resolve(fileURLToPath(import.meta.url), '../..');

export default defineConfig(async (env) => {
  // Whatever form the app's config takes (an object today, perhaps a function of the mode tomorrow).
  const app = base as UserConfigExport;
  const own = typeof app === 'function' ? await app(env) : await app;
  return mergeConfig(own, {
    root,
    resolve: {
      alias: [{ find: /^(\.\.\/)+lib\/instrumentation\.ts$/, replacement: resolve(root, 'bench/page/instrumentation.ts') }],
    },
    build: {
      manifest: true,
      rolldownOptions: {
        input: { main: resolve(root, 'index.html'), 'chart-page': resolve(root, 'bench/chart-page.html') },
      },
    },
  } satisfies UserConfig);
});
