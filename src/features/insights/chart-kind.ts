// How to draw a log, from the capability's own `chartType` (homey-lib capability schema: line,
// area, stepLine, column, spline, splineArea, scatter). Logs carry no chartType (docs/homey-web-api.md §2),
// so callers pass the device capability's. The curve names are recharts' `type` values.

export type ChartShape = 'line' | 'area' | 'bar' | 'scatter';
export type ChartCurve = 'linear' | 'monotone' | 'stepAfter';

export interface ChartKind {
  readonly shape: ChartShape;
  readonly curve: ChartCurve;
}

const BY_CHART_TYPE: Readonly<Record<string, ChartKind>> = {
  line: { shape: 'line', curve: 'linear' },
  spline: { shape: 'line', curve: 'monotone' },
  stepLine: { shape: 'line', curve: 'stepAfter' },
  area: { shape: 'area', curve: 'linear' },
  splineArea: { shape: 'area', curve: 'monotone' },
  column: { shape: 'bar', curve: 'linear' },
  scatter: { shape: 'scatter', curve: 'linear' },
};

const DEFAULT_KIND: ChartKind = { shape: 'line', curve: 'linear' };
// A boolean holds its value until the next change point: anything but a step would draw
// "half on" between two samples. `monotone` also overshoots 0–1, so the step wins over chartType.
const BOOLEAN_KIND: ChartKind = { shape: 'line', curve: 'stepAfter' };

/** The chart for a log: `logType` is the log's (or capability's) `type`; `boolean` always steps. */
export function chartKindFor(chartType: string | null | undefined, logType?: string | null): ChartKind {
  if (logType === 'boolean') return BOOLEAN_KIND;
  if (typeof chartType === 'string' && Object.prototype.hasOwnProperty.call(BY_CHART_TYPE, chartType)) {
    return BY_CHART_TYPE[chartType] ?? DEFAULT_KIND;
  }
  return DEFAULT_KIND;
}

/** The chart kinds by their homey-lib `chartType` name, plus `boolean`: what `data-chart-kind` says. */
export type ChartKindName = 'line' | 'spline' | 'stepLine' | 'area' | 'splineArea' | 'column' | 'scatter' | 'boolean';

/** The name of the kind `chartKindFor` chose, so the label and the drawing can never disagree. */
export function chartKindName(kind: ChartKind, logType?: string | null): ChartKindName {
  if (logType === 'boolean') return 'boolean';
  switch (kind.shape) {
    case 'bar':
      return 'column';
    case 'scatter':
      return 'scatter';
    case 'area':
      return kind.curve === 'monotone' ? 'splineArea' : 'area';
    case 'line':
      return kind.curve === 'monotone' ? 'spline' : kind.curve === 'stepAfter' ? 'stepLine' : 'line';
  }
}

/** The kind and its name for a capability's `chartType` and its log's `type`. */
export function chartKindOf(chartType: string | null | undefined, logType?: string | null): ChartKind & { name: ChartKindName } {
  const kind = chartKindFor(chartType, logType);
  return { ...kind, name: chartKindName(kind, logType) };
}

/**
 * Plot height in CSS pixels; placeholders take the same room so nothing jumps when a chart
 * arrives. Here, not beside the chart, so the device page knows it without loading recharts.
 */
export const CHART_HEIGHT = 220;
