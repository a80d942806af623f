// What the chart benchmark's page (chart-page.tsx) offers bench/run.ts as `window.__bench`.
export interface ChartBench {
  /** Points per series. */
  points: number;
  series: number;
  /**
   * Settles the charts in the given mode, then times one update (new data for all six, as a poll
   * brings it) from the state update to the next frame after the commit. Data is made before timing.
   */
  updateChart(downsample: boolean): Promise<number>;
  /** Points recharts was handed per chart just now, counted from the drawn paths. */
  drawnPoints(): number[];
}
