import { createContext, memo, useCallback, useContext, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent, ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { CartesianGrid, ComposedChart, Curve, XAxis, YAxis, usePlotArea, useXAxisInverseScale, useXAxisScale, useYAxisScale } from 'recharts';
import type { CurveType } from 'recharts';
import { formatTime } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useElementWidth } from '../../lib/use-element-width.ts';
import type { ChartKind, ChartKindName } from './chart-kind.ts';
import { CHART_HEIGHT } from './chart-kind.ts';
import type { ValueFormat } from './chart-data.ts';
import type { SeriesPoint } from './downsample.ts';
import { chartRows, formatChartValue, formatTick, formatValueTick, nearestRow, pointBudget, steadyTimeDomain, tickStep, timeDomain, timeTicks, valueAxis, valueAxisWidth } from './chart-data.ts';
import type { InsightsSeries } from './insight-queries.ts';
import { elementFont, widestText } from './text-width.ts';

// One Insights log on the device page. This module is the only one that imports recharts and is
// loaded through lazy-insight-chart.tsx, so recharts stays out of the first-visit bundle.
//
// recharts lays out the chart and draws its frame: the axes, their ticks and the grid, from ranges
// and ticks this module works out (chart-data.ts). The series itself is one recharts <Curve> (or
// bars or dots) placed with recharts' own scales, and the tooltip is ours. recharts' <Line>, <Area>
// and <Tooltip> run every point through its store and its animation bookkeeping on every update:
// at 4× CPU six such charts took ~300 ms per poll even thinned to the plot's width, where this way
// takes ~50 ms (README "Performance", figure 3). The frame's props only change when the
// window or the labels do, so a poll that brings new values redraws the curve, not the axes.

export interface InsightChartProps {
  entries: InsightsSeries;
  kind: ChartKind & { name: ChartKindName };
  /** A boolean log: steps between the two titles. */
  boolean: boolean;
  format: ValueFormat;
  /** The capability's title, for the tooltip. */
  title: string;
  locale: string;
  /** When the entries were fetched: a boolean's last state is known to last until then. */
  fetchedAt: number;
  /** Thin to about one point per pixel (LTTB); `false` draws every point (the chart benchmark's baseline). */
  downsample?: boolean;
}

const MARGIN = { top: 8, right: 16, bottom: 4, left: 4 };
const DAY = 86_400_000;
const COLOR = 'var(--accent)';
/** Room above and below a two-state axis, whose labels sit exactly on the plot's edges. */
const BOOLEAN_PADDING = { top: 12, bottom: 12 };

// Memoized: the card around it re-renders on refetches that bring nothing new to draw.
export const InsightChart = memo(function InsightChart({ entries, kind, boolean, format, title, locale, fetchedAt, downsample = true }: InsightChartProps) {
  const { t } = useI18n();
  const wrapper = useRef<HTMLDivElement | null>(null);
  // The tooltip is drawn into the wrapper (HTML, so a long title wraps); it needs the element itself.
  const [host, setHost] = useState<HTMLDivElement | null>(null);
  const attach = useCallback((element: HTMLDivElement | null) => {
    wrapper.current = element;
    setHost(element);
  }, []);
  const width = useElementWidth(wrapper);

  // The value axis comes first: its labels decide its width, and that the plot's width. Most polls
  // give the same range and ticks: then it is the same object, and the frame below stays as it is.
  const computed = useMemo(() => valueAxis(format, entries.values, boolean, kind.shape), [entries, format, boolean, kind.shape]);
  const axis = useSameValue(computed, `${computed.domain.join()}|${computed.ticks.join()}`);
  // The labels' width in the font they are drawn in, read again when the chart's width changes
  // (a theme or a screen that scales the root font changes both).
  const font = useMemo(() => (host && width > 0 ? elementFont(host) : ''), [host, width]);
  const axisWidth = useMemo(() => {
    const step = tickStep(axis.ticks);
    const labels = axis.ticks.map((tick) => formatValueTick(tick, step, format, locale, boolean));
    return valueAxisWidth(labels, boolean, { labelWidth: widestText(labels, font), fontPx: fontSize(font), maxWidth: width / 2 });
  }, [axis, format, locale, boolean, font, width]);
  // The top value label is centred on the plot's top edge: half a line of it must fit above.
  const fontPx = fontSize(font) ?? 13;
  const margin = useMemo(() => ({ ...MARGIN, top: Math.max(MARGIN.top, Math.ceil(fontPx * 0.75)) }), [fontPx]);
  const plotWidth = Math.max(50, width - axisWidth - margin.left - margin.right);
  const rows = useMemo(
    () => chartRows(entries, { boolean, target: downsample ? pointBudget(kind.shape, plotWidth) : Number.MAX_SAFE_INTEGER, now: fetchedAt }),
    [entries, boolean, downsample, kind.shape, plotWidth, fetchedAt],
  );
  const span = useMemo(() => timeDomain(entries, rows), [entries, rows]);
  const hasValues = useMemo(() => rows.some((p) => p.v !== null), [rows]);
  const steady = span ? steadyTimeDomain(span[0], span[1]) : undefined;
  const xDomain = useSameValue(steady, steady?.join() ?? '');
  const time = useMemo(() => (xDomain ? timeTicks(xDomain[0], xDomain[1], Math.floor(plotWidth / 70)) : undefined), [xDomain, plotWidth]);

  // Stable props for the frame: recharts redraws an axis whose props changed, functions included.
  const tickUnit = time?.unit ?? 'hour';
  const formatTimeTick = useCallback((value: number) => formatTick(value, tickUnit, locale), [tickUnit, locale]);
  const formatAxisValue = useCallback((value: number) => formatValueTick(value, tickStep(axis.ticks), format, locale, boolean), [axis, format, locale, boolean]);
  const longRange = xDomain ? xDomain[1] - xDomain[0] > DAY : false;
  // The frame (recharts' chart, axes and grid) is one element, remade only when the window, the
  // axes or the size change: a poll that brings new values reaches the series through RowsContext
  // and redraws the curve alone.
  const frame = useMemo(
    () =>
      width > 0 && xDomain ? (
        <ComposedChart width={width} height={CHART_HEIGHT} margin={margin} accessibilityLayer={false}>
          <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            // The chart has no data of its own, but recharts builds no scale for an axis without a key.
            dataKey="t"
            type="number"
            domain={xDomain}
            allowDataOverflow
            ticks={time?.ticks}
            niceTicks="none"
            interval={0}
            tickFormatter={formatTimeTick}
            stroke="var(--muted)"
          />
          <YAxis
            type="number"
            domain={axis.domain}
            allowDataOverflow
            ticks={axis.ticks}
            niceTicks="none"
            interval={0}
            tickFormatter={formatAxisValue}
            width={axisWidth}
            padding={boolean ? BOOLEAN_PADDING : undefined}
            stroke="var(--muted)"
          />
          <Series kind={kind} valueDomain={axis.domain} />
          <Pointer host={host} title={title} format={format} locale={locale} boolean={boolean} longRange={longRange} />
        </ComposedChart>
      ) : null,
    [width, margin, xDomain, time, formatTimeTick, axis, axisWidth, formatAxisValue, boolean, kind, host, title, format, locale, longRange],
  );

  return (
    <div ref={attach} className="insight-chart" style={{ height: CHART_HEIGHT }} tabIndex={hasValues ? 0 : undefined} aria-label={hasValues ? title : undefined} role={hasValues ? 'group' : undefined}>
      {!hasValues && <p className="chart-empty">{t('chart.empty')}</p>}
      {hasValues && <RowsContext.Provider value={rows}>{frame}</RowsContext.Provider>}
    </div>
  );
});

// ---------------------------------------------------------------- the series

const RowsContext = createContext<readonly SeriesPoint[]>([]);

interface SeriesProps {
  kind: ChartKind;
  valueDomain: readonly [number, number];
}

/** The log's values in the plot, placed with recharts' scales; a gap (`null`) breaks the line. */
const Series = memo(function Series({ kind, valueDomain }: SeriesProps) {
  const rows = useContext(RowsContext);
  const x = useXAxisScale();
  const y = useYAxisScale();
  const plot = usePlotArea();
  const clipId = `insight-clip${useId()}`;
  if (!x || !y || !plot) return null;
  const at = (value: number) => y(value) ?? Number.NaN;
  // Columns and areas stand on zero when the axis holds it, else on the axis' end nearest to it.
  const baseValue = Math.min(Math.max(0, valueDomain[0]), valueDomain[1]);
  const base = at(baseValue);
  const points = rows.map((p) => ({ x: x(p.t) ?? Number.NaN, y: p.v === null ? null : at(p.v) }));
  const curve: CurveType = kind.curve;
  let drawn: ReactNode;
  switch (kind.shape) {
    case 'line':
      drawn = <Curve className="chart-line" type={curve} points={points} connectNulls={false} stroke={COLOR} strokeWidth={2} fill="none" />;
      break;
    case 'area':
      drawn = (
        <>
          <Curve className="chart-area" type={curve} points={points} baseLine={base} connectNulls={false} stroke="none" fill={COLOR} fillOpacity={0.2} />
          <Curve className="chart-line" type={curve} points={points} connectNulls={false} stroke={COLOR} strokeWidth={2} fill="none" />
        </>
      );
      break;
    case 'bar': {
      // A time axis is a number axis: one slot per row, most of it filled.
      const barWidth = Math.max(1, Math.floor((plot.width / Math.max(1, rows.length)) * 0.8));
      drawn = points.map((p, i) =>
        p.y === null ? null : (
          <rect key={rows[i]!.t} className="chart-bar" x={p.x - barWidth / 2} y={Math.min(p.y, base)} width={barWidth} height={Math.abs(base - p.y)} fill={COLOR} />
        ),
      );
      break;
    }
    case 'scatter':
      drawn = points.map((p, i) => (p.y === null ? null : <circle key={rows[i]!.t} className="chart-point" cx={p.x} cy={p.y} r={2.25} fill={COLOR} />));
      break;
  }
  return (
    <g className="chart-series" data-shape={kind.shape}>
      <defs>
        <clipPath id={clipId}>
          <rect x={plot.x} y={plot.y} width={plot.width} height={plot.height} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clipId})`}>{drawn}</g>
    </g>
  );
});

/** The size in px of a CSS `font` string ("12.8px system-ui"), if it says one. */
function fontSize(font: string): number | undefined {
  const match = /(\d+(?:\.\d+)?)px/.exec(font);
  return match ? Number(match[1]) : undefined;
}

/** `value`, or the value from the last render when `key` (what the value says) has not changed. */
function useSameValue<T>(value: T, key: string): T {
  const [kept, setKept] = useState({ key, value });
  if (kept.key !== key) {
    setKept({ key, value });
    return value;
  }
  return kept.value;
}

// ---------------------------------------------------------------- the tooltip

interface PointerProps {
  /** The chart's wrapper: the tooltip box is drawn into it, and it takes the arrow keys. */
  host: HTMLDivElement | null;
  title: string;
  format: ValueFormat;
  locale: string;
  boolean: boolean;
  longRange: boolean;
}

/**
 * The value under the pointer (or finger): a marker on the curve and a box with the time and the
 * value. With the chart focused, the arrow keys step through the values, Home and End jump to the
 * ends, Escape hides it.
 */
function Pointer({ host, title, format, locale, boolean, longRange }: PointerProps) {
  const rows = useContext(RowsContext);
  const x = useXAxisScale();
  const y = useYAxisScale();
  const toTime = useXAxisInverseScale();
  const plot = usePlotArea();
  const [active, setActive] = useState(-1);
  // New rows (a poll, another range): the same moment again, or nothing.
  const [shownRows, setShownRows] = useState(rows);
  if (shownRows !== rows) {
    setShownRows(rows);
    const at = shownRows[active]?.t;
    setActive(at === undefined ? -1 : nearestRow(rows, at));
  }

  useEffect(() => {
    if (!host) return undefined;
    const step = (from: number, by: number) => {
      for (let i = from + by; i >= 0 && i < rows.length; i += by) if (rows[i]?.v !== null) return i;
      return from;
    };
    const first = () => step(-1, 1);
    const last = () => step(rows.length, -1);
    const moves: Readonly<Record<string, (active: number) => number>> = {
      ArrowRight: (active) => (active < 0 ? first() : step(active, 1)),
      ArrowLeft: (active) => (active < 0 ? last() : step(active, -1)),
      Home: first,
      End: last,
      Escape: () => -1,
    };
    const onKey = (event: KeyboardEvent) => {
      const move = Object.prototype.hasOwnProperty.call(moves, event.key) ? moves[event.key] : undefined;
      if (!move) return;
      event.preventDefault();
      setActive(move);
    };
    const onBlur = () => setActive(-1);
    host.addEventListener('keydown', onKey);
    host.addEventListener('blur', onBlur);
    return () => {
      host.removeEventListener('keydown', onKey);
      host.removeEventListener('blur', onBlur);
    };
  }, [host, rows]);

  if (!x || !y || !toTime || !plot) return null;
  const point = rows[active];
  const px = point ? (x(point.t) ?? Number.NaN) : Number.NaN;
  const py = point?.v !== null && point ? (y(point.v) ?? Number.NaN) : Number.NaN;
  const shown = Number.isFinite(px) && Number.isFinite(py);

  const follow = (event: ReactPointerEvent<SVGRectElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const t = Number(toTime(plot.x + (event.clientX - box.left)));
    setActive(Number.isFinite(t) ? nearestRow(rows, t) : -1);
  };

  return (
    <g className="chart-pointer">
      {shown && (
        <>
          <line x1={px} x2={px} y1={plot.y} y2={plot.y + plot.height} stroke="var(--muted)" strokeDasharray="2 2" />
          <circle cx={px} cy={py} r={4} fill={COLOR} stroke="var(--card)" strokeWidth={2} />
        </>
      )}
      <rect
        x={plot.x}
        y={plot.y}
        width={plot.width}
        height={plot.height}
        fill="transparent"
        onPointerMove={follow}
        onPointerDown={follow}
        onPointerLeave={() => setActive(-1)}
      />
      {shown &&
        host &&
        createPortal(
          <div className="chart-tooltip" role="status" style={px > plot.x + plot.width / 2 ? { right: host.clientWidth - px + 12 } : { left: px + 12 }}>
            <p className="chart-tooltip-time">{formatTime(point!.t, locale, { date: longRange })}</p>
            <p className="chart-tooltip-value">
              <span className="chart-tooltip-title">{title}</span>: {formatChartValue(point!.v, format, locale, boolean)}
            </p>
          </div>,
          host,
        )}
    </g>
  );
}
