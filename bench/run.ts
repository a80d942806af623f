import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp, serveBuild } from '../scripts/built-app.ts';
import type { BenchApp } from './bench-app.ts';
import { bigHome } from './big-home.ts';
import { CPU_SLOWDOWN, launchBrowser } from './browser.ts';
import { bundleRows, measureBundle } from './bundle.ts';
import { chartLoad } from './chart-load.ts';
import { live } from './live.ts';
import { network } from './network.ts';
import { renderEconomy } from './render-economy.ts';
import type { Row } from './report.ts';
import { markdownTable, table } from './report.ts';
import { soak } from './soak.ts';
import { warmStart } from './warm-start.ts';

// `npm run bench`: the figures of README "Performance" with their budgets, in one run, against
// the emulator in headless Chromium (timings at 4× CPU slowdown). Prints a table, writes
// bench/results.json, and exits non-zero when a budget fails. These are benchmarks with printed
// figures, not timed unit tests: the machines are shared and noisy, so timings are repeated and
// reported as min/median/max, and budgets are checked against the median.
//
//   npm run bench                        figures 1–5, 7 and 8 (several minutes)
//   npm run bench -- --soak              and the soak (figure 6, ~5 more minutes)
//   npm run bench -- --only chart,soak   some figures only (bundle, render, chart, warm, network, soak, big, live)
//   options: --runs N (timing repeats, 5), --network-window-s S (60), --live-window-s S (30),
//            --storm-s S (60), --soak-polls N (9000),
//            --soak-interval-ms MS (200), --markdown (also print the table as Markdown)

const root = resolve(fileURLToPath(import.meta.url), '../..');
const FIGURES = ['bundle', 'render', 'chart', 'warm', 'network', 'soak', 'big', 'live'] as const;
type Figure = (typeof FIGURES)[number];

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      soak: { type: 'boolean', default: false },
      only: { type: 'string' },
      runs: { type: 'string', default: '5' },
      'network-window-s': { type: 'string', default: '60' },
      'live-window-s': { type: 'string', default: '30' },
      'storm-s': { type: 'string', default: '60' },
      'soak-polls': { type: 'string', default: '9000' },
      'soak-interval-ms': { type: 'string', default: '200' },
      markdown: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const number = (name: string, value: string, min: number) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}`);
    return n;
  };
  const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of only ?? []) if (!(FIGURES as readonly string[]).includes(name)) throw new Error(`--only: unknown figure "${name}" (${FIGURES.join(', ')})`);
  const selected = new Set<Figure>(only ? (only as Figure[]) : FIGURES.filter((f) => f !== 'soak' || values.soak));
  return {
    selected,
    runs: number('runs', values.runs, 1),
    networkWindowMs: number('network-window-s', values['network-window-s'], 5) * 1000,
    liveWindowMs: number('live-window-s', values['live-window-s'], 5) * 1000,
    stormMs: number('storm-s', values['storm-s'], 5) * 1000,
    soakPolls: number('soak-polls', values['soak-polls'], 100),
    soakIntervalMs: number('soak-interval-ms', values['soak-interval-ms'], 0),
    markdown: values.markdown,
  };
}

const skipped = (id: string, figure: string, why: string): Row => ({ id, figure, value: `not run (${why})`, budget: '—', pass: null });

async function main(): Promise<number> {
  const opts = options();
  const started = Date.now();
  const log = (message: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
  const tmp = await mkdtemp(join(tmpdir(), 'homey-dashboard-bench-'));
  const rows: Row[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  try {
    if (opts.selected.has('bundle')) {
      log('figure 1: production build (vite build --manifest)');
      const prodDir = join(tmp, 'dist-production');
      await buildApp({ outDir: prodDir, connectSrc: [], manifest: true });
      rows.push(...bundleRows(await measureBundle(prodDir)));
    } else rows.push(skipped('1', 'Bundle', 'not selected'));

    const browserFigures = FIGURES.filter((f) => f !== 'bundle' && opts.selected.has(f));
    if (browserFigures.length) {
      log('bench build (vite build --mode bench, with bench/chart-page.html)');
      const outDir = join(tmp, 'dist-bench');
      // Any loopback port: each figure starts its own emulator, on ports known only then.
      await buildApp({ outDir, connectSrc: ['http://127.0.0.1:*'], imgSrc: ['http://127.0.0.1:*'], mode: 'bench', configFile: join(root, 'bench/vite.bench.config.ts') });
      const server = await serveBuild(outDir);
      closers.push(() => server.close());
      const browser = await launchBrowser();
      closers.push(() => browser.close());
      const app: BenchApp = { browser, outDir, url: server.url, tmp, runs: opts.runs, log };
      const figure = async (name: Figure, id: string, title: string, measure: () => Promise<Row[]>) => {
        if (!opts.selected.has(name)) {
          rows.push(skipped(id, title, name === 'soak' ? 'use --soak' : 'not selected'));
          return;
        }
        log(`figure ${id}: ${title}`);
        try {
          rows.push(...(await measure()));
        } catch (error) {
          log(`figure ${id} failed: ${(error as Error).stack ?? String(error)}`);
          rows.push({ id, figure: title, value: `error: ${(error as Error).message.split('\n')[0]}`, budget: '—', pass: false });
        }
      };
      await figure('render', '2', 'Render economy', () => renderEconomy(app));
      await figure('chart', '3', 'Chart load', () => chartLoad(app));
      await figure('warm', '4', 'Warm start', () => warmStart(app));
      await figure('network', '5', 'Network', () => network(app, opts.networkWindowMs));
      await figure('soak', '6', 'Soak', () => soak(app, { polls: opts.soakPolls, intervalMs: opts.soakIntervalMs }));
      await figure('big', '7', 'Big home', () => bigHome(app));
      await figure('live', '8', 'Live updates', () => live(app, { windowMs: opts.liveWindowMs, stormMs: opts.stormMs }));
    } else {
      for (const [id, title] of [['2', 'Render economy'], ['3', 'Chart load'], ['4', 'Warm start'], ['5', 'Network'], ['6', 'Soak'], ['7', 'Big home'], ['8', 'Live updates']] as const) rows.push(skipped(id, title, 'not selected'));
    }
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await rm(tmp, { recursive: true, force: true });
  }

  const failed = rows.filter((r) => r.pass === false);
  const seconds = (Date.now() - started) / 1000;
  console.log(`\nnpm run bench: headless Chromium, ${CPU_SLOWDOWN}× CPU slowdown for timings, ${new Date().toISOString()}\n`);
  console.log(table(rows));
  if (opts.markdown) console.log(`\n${markdownTable(rows)}`);
  console.log(`\n${rows.filter((r) => r.pass).length} budgets pass, ${failed.length} fail${failed.length ? `: ${failed.map((r) => r.id).join(', ')}` : ''} (${seconds.toFixed(0)} s)`);
  await writeFile(
    join(root, 'bench/results.json'),
    `${JSON.stringify({ date: new Date().toISOString(), cpuSlowdown: CPU_SLOWDOWN, options: { ...opts, selected: [...opts.selected] }, seconds, rows }, null, 2)}\n`,
  );
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`npm run bench: ${(error as Error).stack ?? String(error)}`);
    process.exit(2);
  },
);
