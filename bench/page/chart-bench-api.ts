// What the chart benchmark's page (chart-page.tsx) offers bench/run.ts as `window.__bench`.
export interface ChartBench {
  /** Points per series. */
  points: number;
  series: number;
  /**
   * Settles the charts in the given mode, then times one update (new data for all six, as a poll
   * brings it) from the state update to the next frame after the commit. Data is made before timing.
   * The window moves on by one sample, as a poll moves it; `far` moves it by a sixth of its span,
   * past the steps in which the time axis moves (chart-data.ts, steadyTimeDomain), so the axes and
   * the grid are drawn anew too.
   */
  updateChart(downsample: boolean, far?: boolean): Promise<number>;
  /** Points drawn per chart just now, counted from the drawn paths. */
  drawnPoints(): number[];
}
