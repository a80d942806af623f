import { StrictMode, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { InsightChart } from '../../src/features/insights/insight-chart.tsx';
import { chartKindOf } from '../../src/features/insights/chart-kind.ts';
import type { ValueFormat } from '../../src/features/insights/chart-data.ts';
import type { InsightsSeries } from '../../src/features/insights/insight-queries.ts';
import type { ChartBench } from './chart-bench-api.ts';
import '../../src/app/app.css';
import '../../src/features/insights/insights.css';

// The chart benchmark's page (figure 3 of `npm run bench`), built only into the bench build: the
// device page's six charts drawn by the app's own InsightChart, each fed 10,000 points, so that a
// poll's worth of new data can be timed with the app's downsampling (LTTB to the plot's width) and
// without it (every point drawn).

const POINTS = 10_000;
const STEP_MS = 60_000;
const START = Date.UTC(2026, 0, 1);

interface Series {
  title: string;
  chartType: string;
  format: ValueFormat;
  value: (i: number, noise: number) => number | null;
}

// What a device page shows for a weather station or a heat pump: the chart kinds real capabilities ask for.
const SERIES: readonly Series[] = [
  { title: 'Temperature', chartType: 'spline', format: { id: 'measure_temperature', units: '°C', decimals: 1 }, value: (i, n) => 18 + 4 * Math.sin(i / 229) + n },
  { title: 'Humidity', chartType: 'line', format: { id: 'measure_humidity', units: '%', decimals: 0 }, value: (i, n) => 55 + 15 * Math.sin(i / 311 + 1) + 3 * n },
  { title: 'Outside', chartType: 'spline', format: { id: 'measure_temperature.outside', units: '°C', decimals: 1 }, value: (i, n) => (i % 2400 > 2370 ? null : 6 + 8 * Math.sin(i / 229 - 2) + 2 * n) },
  { title: 'Target', chartType: 'stepLine', format: { id: 'target_temperature', units: '°C', decimals: 1 }, value: (i) => (Math.floor(i / 360) % 3 === 0 ? 17 : 20.5) },
  { title: 'Power', chartType: 'area', format: { id: 'measure_power', units: 'W', decimals: 0 }, value: (i, n) => Math.max(0, 400 + 350 * Math.sin(i / 97) + 120 * n) },
  { title: 'Pressure', chartType: 'splineArea', format: { id: 'measure_pressure', units: 'mbar', decimals: 0 }, value: (i, n) => 1013 + 12 * Math.sin(i / 1300) + n },
];

/** A repeatable pseudo-random sequence (mulberry32), so every run draws the same shapes. */
function noiseAt(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
}

/** Generation `g`: the window moved on by `g` buckets, as a poll of the same range returns it. */
function seriesAt(g: number): InsightsSeries[] {
  return SERIES.map((s, k) => {
    const values = new Array<{ t: number; v: number | null }>(POINTS);
    for (let j = 0; j < POINTS; j++) {
      const i = g + j;
      values[j] = { t: START + i * STEP_MS, v: s.value(i, noiseAt(i * 7 + k)) };
    }
    return { values, start: START + g * STEP_MS, end: START + (g + POINTS) * STEP_MS, step: STEP_MS, lastValue: values[POINTS - 1]?.v ?? null };
  });
}

interface View {
  generation: number;
  downsample: boolean;
  entries: InsightsSeries[];
}

let setView: ((view: View) => void) | undefined;

function ChartPage() {
  const [view, set] = useState<View>(() => ({ generation: 0, downsample: true, entries: seriesAt(0) }));
  setView = set;
  return (
    <main className="device-screen" data-generation={view.generation} data-downsample={String(view.downsample)}>
      <section className="device-history">
        <div className="insight-charts">
          {SERIES.map((s, k) => (
            <figure key={s.title} className="insight-chart-card" data-chart-kind={s.chartType}>
              <figcaption>{s.title}</figcaption>
              <InsightChart
                entries={view.entries[k]!}
                kind={chartKindOf(s.chartType, 'number')}
                boolean={false}
                format={s.format}
                title={s.title}
                locale="en"
                fetchedAt={0}
                downsample={view.downsample}
              />
            </figure>
          ))}
        </div>
      </section>
    </main>
  );
}

/** After the next frame is produced (a task posted from requestAnimationFrame runs after paint). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    }),
  );
}

let generation = 0;

/** Draws a generation (the next one unless given) in the given mode, synchronously. */
function show(downsample: boolean, entries = seriesAt(++generation)): void {
  flushSync(() => setView?.({ generation, downsample, entries }));
}

const bench: ChartBench = {
  points: POINTS,
  series: SERIES.length,
  async updateChart(downsample, far = false) {
    show(downsample);
    await nextFrame();
    await nextFrame();
    generation += far ? Math.round(POINTS / 6) : 1;
    const entries = seriesAt(generation);
    const started = performance.now();
    show(downsample, entries);
    await nextFrame();
    return performance.now() - started;
  },
  drawnPoints() {
    return [...document.querySelectorAll('.insight-chart .chart-line')].map(
      (path) => (path.getAttribute('d')?.match(/[LC]/g)?.length ?? 0) + 1,
    );
  },
};
(window as unknown as { __bench: ChartBench }).__bench = bench;

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ChartPage />
    </StrictMode>,
  );
}
