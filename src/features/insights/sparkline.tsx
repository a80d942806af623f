import { useQuery } from '@tanstack/react-query';
import { memo, useEffect, useMemo, useState } from 'react';
import { formatCapabilityValue } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useNearScreen } from '../../lib/near-screen.ts';
import { useHomeyEnvironment } from '../homey/homey-environment.tsx';
import { bridgeShortGaps } from './gaps.ts';
import { withLiveReading } from './live-point.ts';
import { logIdFor } from './insight-timing.ts';
import { insightQueries, selectSeries } from './insight-queries.ts';
import { sparklinePath } from './sparkline-path.ts';
import { seriesStats } from './stats.ts';
import type { Trend } from './stats.ts';
import './insights.css';

// The last 24 h beside a temperature on its tile: a hand-drawn SVG, because the home screen is in
// the first-visit bundle and recharts is not. The sparkline runs its own query, so a new bucket
// re-renders the sparkline alone and a device poll re-renders no sparkline. A sparkline on or near
// the screen asks at once; one further down waits until the page has settled (FAR_AFTER_MS), so the
// first screen's history comes first and a small home's is all there when someone scrolls. A big
// home draws only the tiles near the screen (app/device-sections.tsx), so its hundreds of far
// sparklines never exist, and never ask.

export interface SparklineCapability {
  id: string;
  units: string | null;
  decimals: number | null;
  /** `false` when the Homey keeps no Insights log for it (Homey Pro 2023 says so per capability). */
  insights?: boolean;
  /** The value the tile shows and when it was read: drawn as the newest point between Insights reads. */
  value?: unknown;
  lastUpdated?: string | null;
}

export interface TemperatureSparklineProps {
  deviceId: string;
  capability: SparklineCapability;
}

const WIDTH = 120;
const HEIGHT = 32;

const ARROWS: Record<Trend, string> = { rising: '↑', falling: '↓', steady: '→' };

/** How long a sparkline far from the screen waits before it asks anyway. */
export const FAR_AFTER_MS = 2000;

/** A 24-hour sparkline with the day's lowest and highest value and which way it is going. */
export const TemperatureSparkline = memo(
  function TemperatureSparkline({ deviceId, capability }: TemperatureSparklineProps) {
    const { client, locale, insightsMinMs } = useHomeyEnvironment();
    const { t } = useI18n();
    const { id, units, decimals } = capability;
    // Each branch below returns one <span>, so React keeps the same element and it stays watched.
    const [element, setElement] = useState<HTMLSpanElement | null>(null);
    const near = useNearScreen(element);
    const [settled, setSettled] = useState(false);
    useEffect(() => {
      const timer = setTimeout(() => setSettled(true), FAR_AFTER_MS);
      return () => clearTimeout(timer);
    }, []);
    const asks = near || settled;
    const entries = useQuery({
      ...insightQueries.entries(client, logIdFor(deviceId, id), 'last24Hours', insightsMinMs),
      select: selectSeries,
      enabled: asks && capability.insights !== false,
    });
    const { value, lastUpdated } = capability;
    const data = useMemo(() => (entries.data ? withLiveReading(entries.data, { value, time: lastUpdated ?? null }) : undefined), [entries.data, value, lastUpdated]);
    const drawn = useMemo(() => {
      if (!data) return undefined;
      const stats = seriesStats(data.values, { decimals });
      if (stats.count === 0) return undefined;
      const domain = data.start !== null && data.end !== null && data.end > data.start ? ([data.start, data.end] as const) : undefined;
      // Not thinned: a day is 288 five-minute buckets, a path an SVG draws without effort, and LTTB
      // would cost the first-visit bundle 2 KB for nothing visible at 120 px.
      const path = sparklinePath(bridgeShortGaps(data.values), { width: WIDTH, height: HEIGHT, inset: 2, ...(domain ? { domain } : {}) });
      return { stats, path };
    }, [data, decimals]);

    // No log, no history yet, or Insights unreachable: the tile's own value says enough.
    if (!drawn) {
      if (capability.insights === false || !entries.isPending) return null;
      // Its place kept, so nothing moves when it arrives; "waiting" until it asks.
      return <span ref={setElement} className={`sparkline ${asks ? 'is-loading' : 'is-waiting'}`} aria-hidden="true" />;
    }
    const { stats, path } = drawn;
    const format = (value: number | null) => formatCapabilityValue({ id, type: 'number', value, units, decimals }, locale).text;
    const low = format(stats.min);
    const high = format(stats.max);
    return (
      <span ref={setElement} className="sparkline" data-testid="sparkline">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={t('sparkline.label', { low, high })}>
          <path d={path} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" vectorEffect="non-scaling-stroke" />
        </svg>
        <span className="sparkline-range">
          <span className="sparkline-min" title={t('sparkline.low')}>
            {low}
          </span>
          {' – '}
          <span className="sparkline-max" title={t('sparkline.high')}>
            {high}
          </span>
        </span>
        <span className={`trend trend-${stats.trend}`} data-trend={stats.trend} role="img" aria-label={t(`trend.${stats.trend}`)} title={t(`trend.${stats.trend}`)}>
          {ARROWS[stats.trend]}
        </span>
      </span>
    );
  },
  // A tile hands over a new capability object with every device read; the sparkline only cares about
  // these (a read that brings the same value and time re-renders none).
  (a, b) =>
    a.deviceId === b.deviceId &&
    Object.is(a.capability.value, b.capability.value) &&
    a.capability.lastUpdated === b.capability.lastUpdated &&
    a.capability.id === b.capability.id &&
    a.capability.units === b.capability.units &&
    a.capability.decimals === b.capability.decimals &&
    a.capability.insights === b.capability.insights,
);
