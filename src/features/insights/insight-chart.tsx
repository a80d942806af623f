import { memo, useMemo, useRef } from 'react';
import type { ReactNode } from 'react';
import { Area, Bar, CartesianGrid, ComposedChart, Line, Scatter, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { formatTime } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useElementWidth } from '../../lib/use-element-width.ts';
import type { ChartKind, ChartKindName } from './chart-kind.ts';
import { CHART_HEIGHT } from './chart-kind.ts';
import type { DomainEnd, ValueFormat } from './chart-data.ts';
import type { SeriesPoint } from './downsample.ts';
import { chartRows, formatChartValue, formatTick, pointBudget, timeDomain, timeTicks, valueDomain } from './chart-data.ts';
import type { InsightsSeries } from './insight-queries.ts';

// One Insights log drawn with recharts. This module is the only one that imports recharts and is
// loaded through lazy-insight-chart.tsx, so recharts stays out of the first-visit bundle.
//
// Every series has `isAnimationActive={false}`: these charts are re-drawn on each poll, and animated
// recharts charts leak and lag when their data keeps changing (recharts #7417).

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

// Memoized: the card around it re-renders on refetches that bring nothing new to draw.
export const InsightChart = memo(function InsightChart({ entries, kind, boolean, format, title, locale, fetchedAt, downsample = true }: InsightChartProps) {
  const { t } = useI18n();
  const wrapper = useRef<HTMLDivElement>(null);
  const width = useElementWidth(wrapper);
  const view = useMemo(() => {
    // The value axis' width depends on its labels, the plot's width on that: estimate from all values.
    const all = boolean ? [] : entries.values;
    const yAxisWidth = axisWidth(format, boolean, locale, all, valueDomain(format, all, boolean, kind.shape));
    const plotWidth = Math.max(50, width - yAxisWidth - MARGIN.left - MARGIN.right);
    const rows = chartRows(entries, { boolean, target: downsample ? pointBudget(kind.shape, plotWidth) : Number.MAX_SAFE_INTEGER, now: fetchedAt });
    const domain = timeDomain(entries, rows);
    const ticks = domain ? timeTicks(domain[0], domain[1], Math.floor(plotWidth / 70)) : undefined;
    const hasValues = rows.some((p) => p.v !== null);
    return { rows, domain, ticks, hasValues, plotWidth, yAxisWidth, yDomain: valueDomain(format, rows, boolean, kind.shape) };
  }, [entries, boolean, kind.shape, format, locale, width, fetchedAt, downsample]);

  const { rows, domain, ticks, hasValues, plotWidth, yAxisWidth, yDomain } = view;
  const longRange = domain !== undefined && domain[1] - domain[0] > DAY;
  const valueText = (value: unknown) => formatChartValue(typeof value === 'number' ? value : null, format, locale, boolean);

  let series: ReactNode;
  switch (kind.shape) {
    case 'line':
      series = <Line type={kind.curve} dataKey="v" name={title} stroke={COLOR} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />;
      break;
    case 'area':
      series = (
        <Area type={kind.curve} dataKey="v" name={title} stroke={COLOR} strokeWidth={2} fill={COLOR} fillOpacity={0.2} connectNulls={false} isAnimationActive={false} />
      );
      break;
    case 'bar':
      // A time axis is a number axis, where recharts cannot tell how wide a bar may be: one slot each.
      series = <Bar dataKey="v" name={title} fill={COLOR} barSize={Math.max(1, Math.floor((plotWidth / Math.max(1, rows.length)) * 0.8))} isAnimationActive={false} />;
      break;
    case 'scatter':
      // Gaps are simply no points; a null would be placed at the axis' bottom.
      series = <Scatter data={rows.filter((p) => p.v !== null)} dataKey="v" name={title} fill={COLOR} isAnimationActive={false} />;
      break;
  }

  return (
    <div ref={wrapper} className="insight-chart" style={{ height: CHART_HEIGHT }}>
      {!hasValues && <p className="chart-empty">{t('chart.empty')}</p>}
      {width > 0 && hasValues && domain && (
        <ComposedChart width={width} height={CHART_HEIGHT} data={rows} margin={MARGIN}>
          <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            domain={domain}
            allowDataOverflow
            ticks={ticks?.ticks}
            tickFormatter={(t: number) => formatTick(t, ticks?.unit ?? 'hour', locale)}
            stroke="var(--muted)"
          />
          <YAxis
            type="number"
            domain={yDomain}
            ticks={boolean ? [0, 1] : undefined}
            allowDecimals={!boolean && format.decimals !== 0}
            tickFormatter={(v: number) => valueText(v)}
            width={yAxisWidth}
            // Room above and below for a two-state axis, whose labels sit exactly on the plot's edges.
            padding={boolean ? { top: 12, bottom: 12 } : undefined}
            stroke="var(--muted)"
          />
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(label) => (typeof label === 'number' ? formatTime(label, locale, { date: longRange }) : '')}
            formatter={(value) => [valueText(value), title]}
          />
          {/* Point size for scatter charts (recharts' default is a 64 px² blob per point). */}
          {kind.shape === 'scatter' && <ZAxis range={[16, 16]} />}
          {series}
        </ComposedChart>
      )}
    </div>
  );
});

/** Room for the longest value label (a rough 7 px per character), within reason. */
function axisWidth(format: ValueFormat, boolean: boolean, locale: string, rows: readonly SeriesPoint[], domain: readonly DomainEnd[]): number {
  const samples = boolean ? [0, 1] : domain.filter((end): end is number => typeof end === 'number');
  if (!boolean) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of rows) {
      if (p.v === null) continue;
      lo = Math.min(lo, p.v);
      hi = Math.max(hi, p.v);
    }
    // recharts rounds an `auto` end outward to a nice tick, which can be a digit longer than the data.
    if (lo <= hi) samples.push(lo, hi, (lo + hi) / 2, niceOutward(lo), niceOutward(hi));
  }
  const longest = Math.max(1, ...samples.map((v) => formatChartValue(v, format, locale, boolean).length));
  // Boolean titles ("Motion alarm turned off") get more room: wrapped, they overlap the time axis.
  return boolean ? Math.min(200, Math.max(40, 24 + longest * 7.5)) : Math.min(140, Math.max(40, 14 + longest * 7));
}

function niceOutward(v: number): number {
  if (v === 0) return 0;
  const magnitude = 10 ** Math.floor(Math.log10(Math.abs(v)));
  return v > 0 ? Math.ceil(v / magnitude) * magnitude : Math.floor(v / magnitude) * magnitude;
}
