import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Component, Suspense, lazy, memo, useMemo } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import type { ValueFormat } from './chart-data.ts';
import { CHART_HEIGHT, chartKindOf } from './chart-kind.ts';
import type { Resolution } from './insight-timing.ts';
import type { HomeyReader } from '../homey/homey-client.ts';
import { insightQueries, selectSeries } from './insight-queries.ts';
import { withLiveReading } from './live-point.ts';
import { useHomeyEnvironment } from '../homey/homey-environment.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import './insights.css';

// A capability's history on the device page: fetches the entries here (so the request starts while
// the chart's code is still loading) and draws them with the lazily loaded recharts chart. recharts
// is a separate chunk, fetched the first time someone opens a device page, never on the wall itself.
const InsightChart = lazy(() => import('./insight-chart.tsx').then((m) => ({ default: m.InsightChart })));

export interface CapabilityChartProps {
  client: HomeyReader;
  logId: string;
  resolution: Resolution;
  title: string;
  /** From the device capability: logs carry no chartType (docs/homey-web-api.md §2). */
  chartType: string | undefined;
  /** The log's type: `boolean` draws steps between the titles. */
  logType: string;
  capabilityId: string;
  units: string | null;
  decimals: number | null;
  min: number | undefined;
  max: number | undefined;
  titleTrue: string | null;
  titleFalse: string | null;
  locale: string;
  /** The capability's current value and its time: the chart's newest point between Insights reads. */
  value?: unknown;
  lastUpdated?: string | null;
}

/** One logged capability: its title, and its chart for the chosen range (or why there is none). */
export const CapabilityChart = memo(function CapabilityChart(props: CapabilityChartProps) {
  const { client, logId, resolution, title, chartType, logType, locale } = props;
  const { capabilityId, units, decimals, min, max, titleTrue, titleFalse, value, lastUpdated } = props;
  const { t } = useI18n();
  const kind = useMemo(() => chartKindOf(chartType, logType), [chartType, logType]);
  const format = useMemo<ValueFormat>(
    () => ({ id: capabilityId, units, decimals, titleTrue, titleFalse, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) }),
    [capabilityId, units, decimals, min, max, titleTrue, titleFalse],
  );
  // The previous range stays drawn (marked busy) while the new one loads, rather than a blank box.
  const { insightsMinMs } = useHomeyEnvironment();
  const entries = useQuery({ ...insightQueries.entries(client, logId, resolution, insightsMinMs), select: selectSeries, placeholderData: keepPreviousData });
  const { error, isPlaceholderData } = entries;
  // A range still loading draws the old one: no reading is added to a series it may not belong to.
  const data = useMemo(
    () => (entries.data && !isPlaceholderData ? withLiveReading(entries.data, { value, time: lastUpdated ?? null }) : entries.data),
    [entries.data, isPlaceholderData, value, lastUpdated],
  );
  const boolean = logType === 'boolean';
  // A boolean's last state is known to last until the answer came; numbers need no clock. Read only
  // when needed: React Query re-renders for the properties a component reads, and this one changes
  // with every refetch.
  const fetchedAt = boolean ? entries.dataUpdatedAt : 0;

  let body: ReactNode;
  if (data) {
    body = (
      <ChartBoundary resetKey={resolution}>
        <Suspense fallback={<ChartPlaceholder text={t('chart.loading')} />}>
          <InsightChart entries={data} kind={kind} boolean={boolean} format={format} title={title} locale={locale} fetchedAt={fetchedAt} />
        </Suspense>
      </ChartBoundary>
    );
  } else if (error ?? entries.failureReason) {
    // Still retrying (a 5xx, the network) or given up (a 4xx): either way, say why in its place.
    const reason = (error ?? entries.failureReason)?.message;
    body = (
      <p className="chart-problem" role="status" style={{ minHeight: CHART_HEIGHT }}>
        {t('chart.loadFailed', { reason: reason ?? '' })}
        {error ? '' : ` ${t('chart.retrying')}`}
      </p>
    );
  } else {
    body = <ChartPlaceholder text={t('chart.loading')} />;
  }

  return (
    <figure
      className="insight-chart-card"
      data-chart-kind={kind.name}
      data-log-id={logId}
      data-resolution={data && !isPlaceholderData ? resolution : undefined}
      aria-busy={isPlaceholderData || !data ? true : undefined}
    >
      <figcaption>{title}</figcaption>
      {body}
      {/* Data first: a failed refresh keeps the last chart and says so once, small. */}
      {data && error && !isPlaceholderData && <p className="chart-note">{t('chart.notRefreshed', { reason: error.message })}</p>}
    </figure>
  );
});

function ChartPlaceholder({ text }: { text: string }) {
  return (
    <p className="chart-placeholder" style={{ minHeight: CHART_HEIGHT }}>
      {text}
    </p>
  );
}

/**
 * A chart that cannot be drawn (its code failed to load, or a series recharts chokes on) stays a
 * note; choosing another range tries again. Not a `key`: that would remount a working chart too.
 */
class ChartBoundary extends Component<{ resetKey: string; children: ReactNode }, { failed: boolean; resetKey: string }> {
  override state = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromProps(props: { resetKey: string }, state: { resetKey: string }) {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey };
  }

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Chart failed: ${error.message}`, info.componentStack);
  }

  override render() {
    return this.state.failed ? <DrawFailed /> : this.props.children;
  }
}

function DrawFailed() {
  const { t } = useI18n();
  return <p className="chart-problem">{t('chart.drawFailed')}</p>;
}
