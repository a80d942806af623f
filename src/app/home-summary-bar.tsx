import { Icon } from '../components/icon.tsx';
import type { IconName } from '../components/icon.tsx';
import type { HomeSummary, SummaryFigure, SummaryKey } from '../features/devices/home-summary.ts';
import { SUMMARY_KEYS } from '../features/devices/home-summary.ts';
import type { Weather } from '../features/home/home-schema.ts';
import { formatNumber } from '../lib/format.ts';
import { useI18n } from '../lib/i18n.tsx';
import type { MessageKey } from '../lib/messages/en.ts';

export interface HomeSummaryBarProps {
  summary: HomeSummary | undefined;
  /** The outside temperature when no device measures it. */
  weather: Weather | undefined;
  /** The figure whose devices are shown, or null for all. */
  picked: SummaryKey | null;
  onPick: (key: SummaryKey | null) => void;
}

const ICONS: Readonly<Record<SummaryKey, IconName>> = {
  indoor: 'house',
  outdoor: 'thermometer',
  lightsOn: 'lightbulb',
  open: 'door-open',
  alarms: 'triangle-alert',
  lowBattery: 'battery-low',
  power: 'zap',
  solar: 'solar-panel',
};

// Counts of trouble are always shown, zero too: "0 alarms" is what a glance is for.
const ALWAYS: ReadonlySet<SummaryKey> = new Set(['lightsOn', 'open', 'alarms', 'lowBattery']);

/**
 * The top of the home: temperatures, lights on, open, alarms, low batteries and power, each a button
 * that shows the devices behind it (pressed again, or "Show all", shows everything).
 */
export function HomeSummaryBar({ summary, weather, picked, onPick }: HomeSummaryBarProps) {
  const { t, locale } = useI18n();
  if (!summary) return null;
  const figures = { ...summary };
  if (!figures.outdoor && weather?.temperature != null) figures.outdoor = { value: weather.temperature, units: weather.temperatureUnits ?? '°C', deviceIds: [] };
  const text = (key: SummaryKey, figure: SummaryFigure) =>
    key === 'indoor' || key === 'outdoor'
      ? `${formatNumber(figure.value, locale, 1)}\u00a0${figure.units}`
      : key === 'power' || key === 'solar'
        ? `${formatNumber(figure.value, locale, 0)}\u00a0${figure.units}`
        : formatNumber(figure.value, locale, 0);
  const pickedFigure = picked ? figures[picked] : undefined;
  return (
    <section className="home-summary" aria-label={t('summary.label')}>
      <ul className="summary-figures">
        {SUMMARY_KEYS.map((key) => {
          const figure = figures[key];
          if (!figure || (!ALWAYS.has(key) && figure.deviceIds.length === 0 && key !== 'outdoor')) return null;
          const label = t(`summary.${key}` as MessageKey);
          const tone = figure.value > 0 && (key === 'alarms' ? 'alarm' : key === 'lowBattery' || key === 'open' ? 'warn' : key === 'lightsOn' ? 'on' : undefined);
          const body = (
            <>
              <Icon name={ICONS[key]} />
              <span className="summary-value">{text(key, figure)}</span>
              <span className="summary-label">{label}</span>
            </>
          );
          return (
            <li key={key} className={`summary-figure${tone ? ` is-${tone}` : ''}`} data-summary={key}>
              {figure.deviceIds.length > 0 ? (
                <button type="button" aria-pressed={picked === key} onClick={() => onPick(picked === key ? null : key)}>
                  {body}
                </button>
              ) : (
                <span className="summary-static">{body}</span>
              )}
            </li>
          );
        })}
      </ul>
      {picked && (
        <p className="summary-filter" role="status">
          {t('summary.showing', { what: t(`summary.${picked}` as MessageKey), count: pickedFigure?.deviceIds.length ?? 0 })}{' '}
          <button type="button" onClick={() => onPick(null)}>
            {t('summary.showAll')}
          </button>
        </p>
      )}
    </section>
  );
}
