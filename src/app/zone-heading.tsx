import { Icon } from '../components/icon.tsx';
import type { IconName } from '../components/icon.tsx';
import { useZoneSummary } from '../features/devices/use-devices.ts';
import { formatNumber } from '../lib/format.ts';
import { useI18n } from '../lib/i18n.tsx';

export interface ZoneHeadingProps {
  /** The heading's id, which names its section. */
  id: string;
  zoneId: string;
  name: string;
  /** The zone's path, as a tooltip ("Home › Ground floor › Kitchen"). */
  path: string;
  /**
   * Whether to show the figures. A big home (device-sections.tsx, DRAW_ALL_UP_TO) names its zones
   * only: a heading's figures are a dozen nodes, and hundreds of zones would outgrow the page's budget.
   */
  figures?: boolean;
}

/**
 * A zone's heading: its name, the temperature and humidity measured in it, and badges for lights
 * on, doors or windows open and alarms. Live from the device cache; the heading itself stays the
 * zone's name, so its section is named by it alone.
 */
export function ZoneHeading({ id, zoneId, name, path, figures = true }: ZoneHeadingProps) {
  return (
    <div className="zone-heading">
      <h2 id={id} title={path}>
        {name}
      </h2>
      {figures && <ZoneFigures zoneId={zoneId} />}
    </div>
  );
}

function ZoneFigures({ zoneId }: { zoneId: string }) {
  const summary = useZoneSummary(zoneId);
  const { t, locale } = useI18n();
  if (!summary) return null;
  const badges: [key: string, icon: IconName, count: number, label: string][] = [
    ['alarms', 'triangle-alert', summary.alarms, t('zone.alarms')],
    ['open', 'door-open', summary.open, t('zone.open')],
    ['lightsOn', 'lightbulb', summary.lightsOn, t('zone.lightsOn')],
  ];
  return (
    <>
      {summary.temperature && (
        <span className="zone-fact" data-zone-fact="temperature">
          <span className="visually-hidden">{t('zone.temperature')}: </span>
          {`${formatNumber(summary.temperature.value, locale, 1)}\u00a0${summary.temperature.units}`}
        </span>
      )}
      {summary.humidity !== undefined && (
        <span className="zone-fact" data-zone-fact="humidity">
          <span className="visually-hidden">{t('zone.humidity')}: </span>
          {`${formatNumber(summary.humidity, locale, 0)}\u00a0%`}
        </span>
      )}
      {badges.map(([key, icon, count, label]) =>
        count > 0 ? (
          <span key={key} className={`zone-badge is-${key}`} data-zone-badge={key} title={`${count} ${label}`}>
            <Icon name={icon} />
            {count}
            <span className="visually-hidden"> {label}</span>
          </span>
        ) : null,
      )}
    </>
  );
}
